/*
 * tcp_step.c - the model's one entry point: check the inputs, dispatch on
 * the event and the state, then derive the armed timers from the new TCB.
 */
#include "tcp_impl.h"

uint32_t tcp_seg_len(const struct tcp_segment *s)
{
	return tcp_seglen(*s);
}

/*
 * A TCB the model can reason about: a known state, windows no larger than
 * window scaling allows, and no more in flight than a window plus SYN and
 * FIN (so SND.UNA =< SND.NXT is meaningful modulo 2^32).
 */
/*@ assigns \nothing;
    ensures valid_tcb: \result <==> ValidTcb(t); */
static bool tcb_valid(struct tcp_tcb t)
{
	return t.state >= TCP_CLOSED && t.state < TCP_NSTATES &&
	       t.rcv_wnd <= TCP_MAX_WND && t.snd_wnd <= TCP_MAX_WND &&
	       t.max_snd_wnd <= TCP_MAX_WND &&
	       seq_dist(t.snd_nxt, t.snd_una) <= TCP_MAX_WND + 2u &&
	       t.held_len <= TCP_MAX_WND &&
	       t.timers <= TCP_TIMERS_ALL;
}

bool tcp_tcb_valid(const struct tcp_tcb *t)
{
	return tcb_valid(*t);
}

/*@ assigns \nothing;
    ensures valid_event: \result <==> ValidEvent(ev); */
static bool event_valid(struct tcp_event ev)
{
	switch (ev.kind) {
	case TCP_EV_CALL:
		return ev.call >= TCP_CALL_OPEN_ACTIVE && ev.call < TCP_NCALLS;
	case TCP_EV_SEGMENT:
		return ev.seg.flags <= TCP_FLAGS_ALL &&
		       ev.seg.wnd <= TCP_MAX_WND && ev.seg.len <= TCP_MAX_WND;
	case TCP_EV_TIMEOUT:
		return ev.timer >= TCP_T_RETRANSMIT && ev.timer < TCP_NTIMERS;
	default:
		return false;
	}
}

bool tcp_event_valid(const struct tcp_event *ev)
{
	return event_valid(*ev);
}

/*@ assigns \nothing;
    ensures \result <==> t.snd_una != t.snd_nxt; */
static bool in_flight(struct tcp_tcb t)
{
	return t.snd_una != t.snd_nxt;
}

/* Data waits behind a zero send window: the retransmission timer probes
 * it (3.8.6.1, MUST-36: the sender "must regularly retransmit"). */
/*@ assigns \nothing;
    ensures \result <==> (t.snd_una == t.snd_nxt && t.snd_wnd == 0 &&
      t.snd_queued > 0 && SendingState(t.state)); */
static bool window_blocked(struct tcp_tcb t)
{
	return !in_flight(t) && t.snd_wnd == 0 && t.snd_queued > 0 &&
	       tcp_sending_state(t.state);
}

/*
 * The timers a TCB must have armed, a function of the TCB alone:
 * retransmission while anything is unacknowledged (3.8.1); the user
 * timeout likewise, when the user set one (3.8.3); 2MSL in TIME-WAIT
 * (3.6.1); the FIN-WAIT-2 timeout where the profile has one; keep-alive on
 * an idle connection whose user asked for it (3.8.4: "only when no sent
 * data is outstanding").
 */
/*@ assigns \nothing;
    ensures timers: \result == TimersFor(t, p); */
static uint8_t timers_for(struct tcp_tcb t, struct tcp_profile p)
{
	uint8_t m = 0;
	enum tcp_state s = t.state;
	bool conn = s != TCP_CLOSED && s != TCP_LISTEN && s != TCP_TIME_WAIT;

	if (conn && (in_flight(t) || window_blocked(t))) {
		m |= TCP_TIMER_BIT(TCP_T_RETRANSMIT);
		if (t.user_timeout)
			m |= TCP_TIMER_BIT(TCP_T_USER);
	}
	if (s == TCP_TIME_WAIT)
		m |= TCP_TIMER_BIT(TCP_T_TIME_WAIT);
	if (s == TCP_FIN_WAIT_2 && p.fin_wait_2_timeout)
		m |= TCP_TIMER_BIT(TCP_T_FIN_WAIT_2);
	if (t.keepalive && !in_flight(t) && t.snd_queued == 0 &&
	    (s == TCP_ESTABLISHED || s == TCP_CLOSE_WAIT || s == TCP_FIN_WAIT_2))
		m |= TCP_TIMER_BIT(TCP_T_KEEPALIVE);
	return m;
}

uint8_t tcp_timers_for(const struct tcp_tcb *t, const struct tcp_profile *p)
{
	return timers_for(*t, *p);
}

/*@ requires out_valid: \valid(out);
    assigns *out;
    ensures fresh: out->nemit == 0 && out->timers_arm == 0 &&
      out->timers_cancel == 0 && out->notify == TCP_N_NONE &&
      out->delivered == 0 && out->rule == R_NONE; */
static void result_init(struct tcp_result *out)
{
	out->nemit = 0;
	/*@ loop invariant 0 <= i <= TCP_MAX_EMIT;
	    loop assigns i, out->emit[0 .. TCP_MAX_EMIT - 1];
	    loop variant TCP_MAX_EMIT - i; */
	for (int i = 0; i < TCP_MAX_EMIT; i++) {
		struct tcp_segment z = {0};
		out->emit[i] = z;
	}
	out->timers_arm = 0;
	out->timers_cancel = 0;
	out->notify = TCP_N_NONE;
	out->delivered = 0;
	out->rule = R_NONE;
}

/*@ requires s_valid: SegmentBounds(s);
    requires tcb: ValidTcb(t);
    requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->notify, out->timers_arm;
    ensures at_most_one: out->nemit <= 1;
    ensures path: TcbInvariant(t) ==> RfcPath(p, t.state, \result.state);
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result);
    behavior closed:
      assumes t.state == TCP_CLOSED;
      ensures kept: \result == t;
      ensures rst_discarded: HasRst(s) ==> out->nemit == 0;
      ensures reset: !HasRst(s) ==>
        out->nemit == 1 && ClosedReset(out->emit[0], s);
    behavior listen:
      assumes t.state == TCP_LISTEN;
      ensures rst_ignored: HasRst(s) ==> out->nemit == 0 && \result == t;
      ensures ack_reset: !HasRst(s) && HasAck(s) ==>
        out->nemit == 1 && RstForAck(out->emit[0], s) && \result == t;
      ensures no_rst_for_rst: HasRst(s) ==>
        out->nemit == 0 || (out->emit[0].flags & TCP_RST) == 0;
      ensures step: \result.state == TCP_LISTEN ||
                    \result.state == TCP_SYN_RECEIVED;
      ensures syn_ack: \result.state == TCP_SYN_RECEIVED ==>
        HasSyn(s) && !HasRst(s) && !HasAck(s) && \result.irs == s.seq &&
        \result.rcv_nxt == SeqAdd(s.seq, 1) && \result.iss == iss &&
        \result.snd_una == iss && \result.snd_nxt == SeqAdd(iss, 1) &&
        out->nemit == 1 &&
        SegmentIs(out->emit[0], TCP_SYN | TCP_ACK, iss, SeqAdd(s.seq, 1));
    behavior syn_sent:
      assumes t.state == TCP_SYN_SENT;
      ensures no_rst_for_rst: HasRst(s) ==>
        out->nemit == 0 || (out->emit[0].flags & TCP_RST) == 0;
      ensures bad_ack: t.snd_una == t.iss && SynSentBadAck(t, s) ==>
        \result == t &&
        (HasRst(s) ==> out->nemit == 0) &&
        (!HasRst(s) ==> out->nemit == 1 && RstForAck(out->emit[0], s));
      ensures step: !t.fin_queued ==>
        \result.state == TCP_SYN_SENT || \result.state == TCP_CLOSED ||
        \result.state == TCP_SYN_RECEIVED ||
        \result.state == TCP_ESTABLISHED || \result.state == TCP_CLOSE_WAIT;
      ensures handshake: t.snd_una == t.iss &&
        (\result.state == TCP_ESTABLISHED || \result.state == TCP_CLOSE_WAIT) ==>
          HasSyn(s) && HasAck(s) && AcceptableAck(t.iss, s.ack, t.snd_nxt);
    behavior other:
      assumes TCP_SYN_RECEIVED <= t.state <= TCP_TIME_WAIT;
      ensures no_rst_for_rst: HasRst(s) ==>
        out->nemit == 0 || (out->emit[0].flags & TCP_RST) == 0;
      ensures path: !(t.state == TCP_SYN_RECEIVED && t.fin_sent) ==>
        RfcPath(p, t.state, \result.state);
      ensures handshake: \result.state == TCP_ESTABLISHED &&
        t.state != TCP_ESTABLISHED ==>
          t.state == TCP_SYN_RECEIVED && HasAck(s) &&
          AcceptableAck(t.snd_una, s.ack, t.snd_nxt);
      ensures syn_received_bad_ack: t.state == TCP_SYN_RECEIVED &&
        AcceptableSegment(s.seq, SegLen(s), t.rcv_nxt, t.rcv_wnd) &&
        !HasRst(s) && !HasSyn(s) && HasAck(s) && SynReceivedBadAck(t, s) ==>
          out->nemit == 1 && RstForAck(out->emit[0], s) &&
          \result.state == TCP_SYN_RECEIVED;
      ensures rfc5961_rst_only_at_rcv_nxt: HasRst(s) && p.rst_challenge &&
        s.seq != t.rcv_nxt ==>
          \result == t && out->notify == \old(out->notify);
      ensures rfc5961_rst_challenge: RstInWindowNotNext(t, s) &&
        p.rst_challenge &&
        !(t.state == TCP_TIME_WAIT &&
          (p.tw_ignore_rst || p.tw_rst_inexact_dropped)) ==>
          out->nemit == 1 && ChallengeAck(out->emit[0], t);
      ensures rfc5961_syn_challenge: HasSyn(s) && !HasRst(s) &&
        p.syn_challenge && Synchronized(t.state) &&
        !TimeWaitReopens(p, t, s, iss) ==>
          \result == t && out->nemit == 1 && ChallengeAck(out->emit[0], t);
    complete behaviors;
    disjoint behaviors; */
static struct tcp_tcb segment_arrives(struct tcp_tcb t,
				      struct tcp_segment s, uint32_t iss,
				      struct tcp_profile p,
				      struct tcp_result *out)
{
	switch (t.state) {
	case TCP_CLOSED:
		return tcp_seg_closed(t, s, out);
	case TCP_LISTEN:
		return tcp_seg_listen(t, s, iss, p, out);
	case TCP_SYN_SENT:
		return tcp_seg_syn_sent(t, s, out);
	default:
		break;
	}
	return tcp_seg_other(t, s, iss, p, out);
}

/* The step on values, for a well-formed TCB and event: dispatch on the
 * event and the state, then derive the armed timers from the new TCB. */
/*@ requires inputs: ValidTcb(t) && ValidEvent(e);
    requires out_valid: \valid(out);
    requires fresh: out->nemit == 0 && out->notify == TCP_N_NONE;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->notify, out->timers_arm, out->timers_cancel, out->delivered;

    ensures at_most_one: out->nemit <= 1;
    ensures no_rst_for_rst: e.kind == TCP_EV_SEGMENT && HasRst(e.seg) ==>
      out->nemit == 0 || (out->emit[0].flags & TCP_RST) == 0;
    ensures diagram: TcbInvariant(t) ==> RfcPath(p, t.state, \result.state);
    ensures handshake: TcbInvariant(t) && \result.state == TCP_ESTABLISHED &&
      t.state != TCP_ESTABLISHED ==> Handshake(t, e);
    ensures timers: \result.timers == TimersFor(\result, p);
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result);

    behavior user_call:
      assumes e.kind == TCP_EV_CALL;
      ensures diagram: \result.state == t.state ||
                       UserCallEdge(t.state, \result.state);

    behavior timeout:
      assumes e.kind == TCP_EV_TIMEOUT;
      ensures diagram: TimeoutStep(t.state, \result.state);

    behavior segment_closed:
      assumes e.kind == TCP_EV_SEGMENT && t.state == TCP_CLOSED;
      ensures stays_closed: SameTcb(\result, t);
      ensures rst_discarded: HasRst(e.seg) ==> out->nemit == 0;
      ensures closed_reset: !HasRst(e.seg) ==>
        out->nemit == 1 && ClosedReset(out->emit[0], e.seg);

    behavior segment_listen:
      assumes e.kind == TCP_EV_SEGMENT && t.state == TCP_LISTEN;
      ensures rst_ignored: HasRst(e.seg) ==>
        out->nemit == 0 && SameTcb(\result, t);
      ensures ack_reset: !HasRst(e.seg) && HasAck(e.seg) ==>
        out->nemit == 1 && RstForAck(out->emit[0], e.seg) &&
        SameTcb(\result, t);
      ensures diagram: \result.state == TCP_LISTEN ||
                       \result.state == TCP_SYN_RECEIVED;
      ensures syn_ack: \result.state == TCP_SYN_RECEIVED ==>
        HasSyn(e.seg) && \result.irs == e.seg.seq && \result.iss == e.iss &&
        out->nemit == 1 &&
        SegmentIs(out->emit[0], TCP_SYN | TCP_ACK, e.iss, SeqAdd(e.seg.seq, 1));

    behavior segment_syn_sent:
      assumes e.kind == TCP_EV_SEGMENT && t.state == TCP_SYN_SENT;
      ensures bad_ack: t.snd_una == t.iss && SynSentBadAck(t, e.seg) ==>
        SameTcb(\result, t) &&
        (HasRst(e.seg) ==> out->nemit == 0) &&
        (!HasRst(e.seg) ==>
           out->nemit == 1 && RstForAck(out->emit[0], e.seg));

    behavior segment_synchronizing:
      assumes e.kind == TCP_EV_SEGMENT &&
        TCP_SYN_RECEIVED <= t.state <= TCP_TIME_WAIT;
      ensures syn_received_bad_ack: t.state == TCP_SYN_RECEIVED &&
        AcceptableSegment(e.seg.seq, SegLen(e.seg), t.rcv_nxt, t.rcv_wnd) &&
        !HasRst(e.seg) && !HasSyn(e.seg) && HasAck(e.seg) &&
        SynReceivedBadAck(t, e.seg) ==>
          out->nemit == 1 && RstForAck(out->emit[0], e.seg) &&
          \result.state == TCP_SYN_RECEIVED;
      ensures rfc5961_rst_only_at_rcv_nxt: HasRst(e.seg) && p.rst_challenge &&
        e.seg.seq != t.rcv_nxt ==>
          SameTcb(\result, t) && out->notify == TCP_N_NONE;
      ensures rfc5961_rst_challenge: RstInWindowNotNext(t, e.seg) &&
        p.rst_challenge &&
        !(t.state == TCP_TIME_WAIT &&
          (p.tw_ignore_rst || p.tw_rst_inexact_dropped)) ==>
          out->nemit == 1 && ChallengeAck(out->emit[0], t);
      ensures rfc5961_syn_challenge: HasSyn(e.seg) && !HasRst(e.seg) &&
        p.syn_challenge && Synchronized(t.state) &&
        !TimeWaitReopens(p, t, e.seg, e.iss) ==>
          SameTcb(\result, t) && out->nemit == 1 &&
          ChallengeAck(out->emit[0], t);

    complete behaviors;
    disjoint behaviors; */
static struct tcp_tcb step(struct tcp_tcb t, struct tcp_event e,
			   struct tcp_profile p, struct tcp_result *out)
{
	struct tcp_tcb n;
	uint8_t armed;

	switch (e.kind) {
	case TCP_EV_CALL:
		n = tcp_user_call(t, e, p, out);
		break;
	case TCP_EV_SEGMENT:
		n = segment_arrives(t, e.seg, e.iss, p, out);
		break;
	default:
		n = tcp_timeout(t, e.timer, p, out);
		break;
	}
	armed = timers_for(n, p);
	out->timers_cancel = (uint8_t)(t.timers & ~armed);
	out->timers_arm = (uint8_t)((out->timers_arm | (armed & ~t.timers)) & armed);
	n.timers = armed;
	return n;
}

/*
 * *dst = src, one field at a time: WP then sees each field of *next as
 * stored (a whole-struct store through a pointer does not prove, see
 * shared/PROVING.md).  The static assertion catches a field added to
 * struct tcp_tcb and not copied here.
 */
_Static_assert(sizeof(struct tcp_tcb) == 4 * 16 + 4 + 2 + 7 + 3,
	       "tcb_store() copies every field of struct tcp_tcb");
/*@ requires valid: \valid(dst);
    assigns *dst;
    ensures stored: dst->iss == src.iss &&
      dst->irs == src.irs &&
      dst->snd_una == src.snd_una &&
      dst->snd_nxt == src.snd_nxt &&
      dst->snd_wnd == src.snd_wnd &&
      dst->snd_wl1 == src.snd_wl1 &&
      dst->snd_wl2 == src.snd_wl2 &&
      dst->snd_up == src.snd_up &&
      dst->rcv_nxt == src.rcv_nxt &&
      dst->rcv_wnd == src.rcv_wnd &&
      dst->rcv_up == src.rcv_up &&
      dst->max_snd_wnd == src.max_snd_wnd &&
      dst->snd_queued == src.snd_queued &&
      dst->rcv_unread == src.rcv_unread &&
      dst->held_seq == src.held_seq &&
      dst->held_len == src.held_len &&
      dst->state == src.state &&
      dst->snd_mss == src.snd_mss &&
      dst->passive == src.passive &&
      dst->fin_queued == src.fin_queued &&
      dst->fin_sent == src.fin_sent &&
      dst->keepalive == src.keepalive &&
      dst->user_timeout == src.user_timeout &&
      dst->held == src.held &&
      dst->held_fin == src.held_fin &&
      dst->ka_probes == src.ka_probes &&
      dst->retransmits == src.retransmits &&
      dst->timers == src.timers; */
static void tcb_store(struct tcp_tcb *dst, struct tcp_tcb src)
{
	dst->iss = src.iss;
	dst->irs = src.irs;
	dst->snd_una = src.snd_una;
	dst->snd_nxt = src.snd_nxt;
	dst->snd_wnd = src.snd_wnd;
	dst->snd_wl1 = src.snd_wl1;
	dst->snd_wl2 = src.snd_wl2;
	dst->snd_up = src.snd_up;
	dst->rcv_nxt = src.rcv_nxt;
	dst->rcv_wnd = src.rcv_wnd;
	dst->rcv_up = src.rcv_up;
	dst->max_snd_wnd = src.max_snd_wnd;
	dst->snd_queued = src.snd_queued;
	dst->rcv_unread = src.rcv_unread;
	dst->held_seq = src.held_seq;
	dst->held_len = src.held_len;
	dst->state = src.state;
	dst->snd_mss = src.snd_mss;
	dst->passive = src.passive;
	dst->fin_queued = src.fin_queued;
	dst->fin_sent = src.fin_sent;
	dst->keepalive = src.keepalive;
	dst->user_timeout = src.user_timeout;
	dst->held = src.held;
	dst->held_fin = src.held_fin;
	dst->ka_probes = src.ka_probes;
	dst->retransmits = src.retransmits;
	dst->timers = src.timers;
}

int tcp_step(const struct tcp_tcb *tcb, const struct tcp_event *ev,
	     const struct tcp_profile *profile, struct tcp_tcb *next,
	     struct tcp_result *out)
{
	struct tcp_tcb t = *tcb;
	struct tcp_event e = *ev;
	struct tcp_profile p = *profile;

	result_init(out);
	if (!tcb_valid(t) || !event_valid(e)) {
		tcb_store(next, t);
		out->rule = R_INVALID_EVENT;
		return -1;
	}
	t = step(t, e, p, out);
	//@ assert no_rst_for_rst: e.kind == TCP_EV_SEGMENT && HasRst(e.seg) ==> NoRstSent(out);
	tcb_store(next, t);
	return 0;
}
