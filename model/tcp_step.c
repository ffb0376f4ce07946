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
uint8_t tcp_timers_of(struct tcp_tcb t, struct tcp_profile p)
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
	return tcp_timers_of(*t, *p);
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

/* SEGMENT ARRIVES (3.10.7): the handler of the state. */
/*@ requires s_valid: SegmentBounds(s);
    requires tcb: ValidTcb(t);
    requires out_valid: \valid(out);
    requires fresh: out->nemit == 0 && out->notify == TCP_N_NONE;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->notify, out->timers_arm;
    ensures at_most_one: out->nemit <= 1 ||
      ((p.syn_reset_twice && HasSyn(s) || p.ack_unsent_takes_text) &&
       !HasRst(s) && out->nemit == 2);
    ensures no_rst_for_rst: HasRst(s) && !p.rst_answers_rst ==>
      out->nemit == 0 || (out->emit[0].flags & TCP_RST) == 0;
    ensures path: TcbInvariant(t) ==> SegmentMove(p, t.state, \result.state);
    ensures handshake: TcbInvariant(t) && Synchronized(\result.state) &&
      !Synchronized(t.state) ==> HandshakeSegment(t, s);
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result);
    ensures segment: SegmentStep(p, t, s, iss, \result, out->nemit,
                                 out->emit[0], out->notify); */
static struct tcp_tcb segment_arrives(struct tcp_tcb t,
				      struct tcp_segment s, uint32_t iss,
				      struct tcp_profile p,
				      struct tcp_result *out)
{
	switch (t.state) {
	case TCP_CLOSED:
		return tcp_seg_closed(t, s, p, out);
	case TCP_LISTEN:
		return tcp_seg_listen(t, s, iss, p, out);
	case TCP_SYN_SENT:
		return tcp_seg_syn_sent(t, s, p, out);
	default:
		break;
	}
	return tcp_seg_other(t, s, iss, p, out);
}

/* The step on values, for a well-formed TCB and event: dispatch on the
 * event and the state, then derive the armed timers from the new TCB.  Its
 * contract is tcp_step's (model/tcp.h) on values, with tcp_step's segment
 * behaviors bundled in SegmentStep (spec/arrive.acsl). */
/*@ requires inputs: ValidTcb(t) && ValidEvent(e);
    requires out_valid: \valid(out);
    requires fresh: out->nemit == 0 && out->notify == TCP_N_NONE &&
      out->delivered == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->notify, out->timers_arm, out->timers_cancel, out->delivered;
    ensures at_most_one: out->nemit <= 1 ||
      ((p.syn_reset_twice && HasSyn(e.seg) || p.ack_unsent_takes_text) &&
       e.kind == TCP_EV_SEGMENT && !HasRst(e.seg) && out->nemit == 2);
    ensures no_rst_for_rst: e.kind == TCP_EV_SEGMENT && HasRst(e.seg) &&
      !p.rst_answers_rst ==>
      out->nemit == 0 || (out->emit[0].flags & TCP_RST) == 0;
    ensures diagram: TcbInvariant(t) ==>
      EventMove(p, e.kind, t.state, \result.state);
    ensures handshake: TcbInvariant(t) && e.kind == TCP_EV_SEGMENT &&
      Synchronized(\result.state) && !Synchronized(t.state) ==>
        Handshake(t, e);
    ensures timers: \result.timers == TimersFor(\result, p);
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result);
    ensures user_call: e.kind == TCP_EV_CALL ==>
      UserCallStep(t.state, \result.state);
    ensures user_call_required: e.kind == TCP_EV_CALL ==>
      UserCallRequired(p, t, e, \result, out->nemit, out->emit[0],
                       out->notify, out->delivered);
    ensures timeout: e.kind == TCP_EV_TIMEOUT ==>
      TimeoutStep(t.state, \result.state);
    ensures timeout_required: e.kind == TCP_EV_TIMEOUT ==>
      TimeoutRequired(p, t, e.timer, \result, out->nemit, out->emit[0],
                      out->notify);
    ensures segment: e.kind == TCP_EV_SEGMENT ==>
      SegmentStep(p, t, e.seg, e.iss, \result, out->nemit, out->emit[0],
                  out->notify); */
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
	/* the timers below leave what was sent alone; the assertion says so
	 * once, for WP, instead of inside each predicate of the contract */
	//@ ghost struct tcp_segment first = out->emit[0];
	armed = tcp_timers_of(n, p);
	out->timers_cancel = (uint8_t)(t.timers & ~armed);
	out->timers_arm = (uint8_t)((out->timers_arm | (armed & ~t.timers)) & armed);
	//@ assert first_kept: out->emit[0] == first;
	n.timers = armed;
	return n;
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
		tcp_tcb_store(next, t);
		out->rule = R_INVALID_EVENT;
		return -1;
	}
	t = step(t, e, p, out);
	/*@ assert no_rst_for_rst: e.kind == TCP_EV_SEGMENT && !p.rst_answers_rst ==>
	      NoRstForRst(e.seg, out); */
	tcp_tcb_store(next, t);
	return 0;
}
