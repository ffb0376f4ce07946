/*
 * tcp_timer.c - timeouts (RFC 9293 3.10.8, 3.8.1 retransmission, 3.8.4 and
 * RFC 1122 4.2.3.6 keep-alive, RFC 1122 4.2.3.5 giving up).  Which timer
 * fires, and when, is an input; the model says what the firing does.
 */
#include "tcp_impl.h"

/* The retransmission limit that applies in a state (0: none). */
/*@ assigns \nothing;
    ensures limit: \result == RetryLimit(p, t); */
static uint8_t retry_limit(struct tcp_tcb t, struct tcp_profile p)
{
	if (t.state == TCP_SYN_SENT)
		return p.syn_retries;
	if (t.state == TCP_SYN_RECEIVED)
		return p.synack_retries;
	return p.data_retries;
}

/* RFC 1122 4.2.3.5: after R2 "the TCP SHOULD close the connection".  A
 * half-open connection from a passive OPEN goes back to LISTEN. */
/*@ requires out_valid: \valid(out);
    assigns out->rule, out->notify;
    ensures step: \result.state == TCP_CLOSED ||
      (t.state == TCP_SYN_RECEIVED && \result.state == TCP_LISTEN);
    ensures gave_up: GiveUp(t, \result, out->notify);
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
static struct tcp_tcb give_up(struct tcp_tcb t, struct tcp_result *out)
{
	out->rule = R_1122_4_2_3_5_GIVE_UP;
	if (t.state == TCP_SYN_RECEIVED && t.passive)
		return tcp_tcb_to_listen(t);
	out->notify = TCP_N_TIMED_OUT;
	return tcp_tcb_deleted(t);
}

/* Our SYN is still the front of the retransmission queue: it is in
 * flight and unacknowledged. */
/*@ assigns \nothing;
    ensures \result <==> (t.state == TCP_SYN_SENT ||
      ((t.state == TCP_SYN_RECEIVED || t.state == TCP_FIN_WAIT_1) &&
       t.snd_una == t.iss && t.snd_una != t.snd_nxt)); */
static bool syn_at_front(struct tcp_tcb t)
{
	return t.state == TCP_SYN_SENT ||
	       ((t.state == TCP_SYN_RECEIVED || t.state == TCP_FIN_WAIT_1) &&
		t.snd_una == t.iss && t.snd_una != t.snd_nxt);
}

/* Something for the retransmission timer to do: sequence space sent and
 * unacknowledged, or data waiting behind a zero send window (3.8.6.1), in a
 * state with a connection other than TIME-WAIT (RFC 6298 5.2: "When all
 * outstanding data has been acknowledged, turn off the retransmission
 * timer"). */
/*@ assigns \nothing;
    ensures wanted: \result <==> RetransmitWanted(t); */
static bool outstanding(struct tcp_tcb t)
{
	return t.state != TCP_CLOSED && t.state != TCP_LISTEN &&
	       t.state != TCP_TIME_WAIT &&
	       (t.snd_una != t.snd_nxt ||
		(t.snd_wnd == 0 && t.snd_queued > 0 &&
		 tcp_sending_state(t.state)));
}

/* The front of the retransmission queue, from SND.UNA: our SYN, our
 * SYN,ACK, or the data from SND.UNA with our FIN when it is still
 * unacknowledged. */
/*@ requires in_flight: t.snd_una != t.snd_nxt;
    assigns \nothing;
    ensures front: ResendsFront(t, \result);
    ensures bare: \result.wnd == t.rcv_wnd && \result.up == 0 &&
      \result.mss == 0; */
static struct tcp_segment front_segment(struct tcp_tcb t)
{
	struct tcp_segment r = {0};
	uint32_t flight = seq_dist(t.snd_nxt, t.snd_una);

	//@ assert in_flight: 1 <= flight == InFlight(t);
	r.seq = t.snd_una;
	r.ack = t.rcv_nxt;
	r.wnd = t.rcv_wnd;
	if (t.state == TCP_SYN_SENT) {
		r.flags = TCP_SYN;
		r.ack = 0;
	} else if (syn_at_front(t)) {
		r.flags = TCP_SYN | TCP_ACK;
	} else if (!t.fin_sent) {
		r.len = flight;
		r.flags = TCP_ACK | TCP_PSH;
	} else {
		r.len = flight - 1u;
		r.flags = r.len > 0 ? TCP_ACK | TCP_PSH | TCP_FIN : TCP_ACK | TCP_FIN;
	}
	return r;
}

/* The front of the retransmission queue again. */
/*@ requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    requires in_flight: t.snd_una != t.snd_nxt;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1];
    ensures one: out->nemit == 1;
    ensures front: ResendsFront(t, out->emit[0]); */
static void resend(struct tcp_tcb t, struct tcp_result *out)
{
	struct tcp_segment r = front_segment(t);

	tcp_emit(out, r.flags, r.seq, r.ack, r.wnd, r.len);
}

/* 3.8.6.1: probe the zero window with one new octet (or, by the profile,
 * an old sequence number without data). */
/*@ requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    requires blocked: t.snd_una == t.snd_nxt && t.snd_queued > 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule;
    ensures one: out->nemit == 1;
    ensures state: \result.state == t.state;
    ensures probe: ProbeSegment(p, t, out->emit[0]);
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
static struct tcp_tcb zero_window_probe(struct tcp_tcb t, struct tcp_profile p,
					struct tcp_result *out)
{
	bool fin;

	out->rule = R_3_8_6_1_ZERO_WINDOW_PROBE;
	if (p.zwp_no_data) {
		tcp_emit(out, TCP_ACK, seq_sub(t.snd_una, 1), t.rcv_nxt, t.rcv_wnd, 0);
		return t;
	}
	t.snd_queued--;
	fin = t.snd_queued == 0 && t.fin_queued && !t.fin_sent;
	tcp_emit(out, fin ? TCP_ACK | TCP_PSH | TCP_FIN : TCP_ACK | TCP_PSH,
		 t.snd_nxt, t.rcv_nxt, t.rcv_wnd, 1);
	t.snd_nxt = seq_add(t.snd_nxt, fin ? 2u : 1u);
	t.fin_sent = t.fin_sent || fin;
	return t;
}

/* "send the segment at the front of the retransmission queue again,
 * reinitialize the retransmission timer, and return." */
/*@ requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->notify, out->timers_arm;
    ensures at_most_one: out->nemit <= 1;
    ensures step: TimeoutStep(t.state, \result.state);
    ensures required: RetransmitRequired(p, t, \result, out->nemit,
                                         out->emit[0], out->notify);
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
static struct tcp_tcb retransmit(struct tcp_tcb t, struct tcp_profile p,
				 struct tcp_result *out)
{
	uint8_t limit = retry_limit(t, p);

	if (!outstanding(t)) {
		/* a stale timer: nothing to resend (RFC 6298 5.2) */
		out->rule = R_TIMER_NOT_ARMED;
		return t;
	}
	if (limit != 0 && t.retransmits >= limit)
		return give_up(t, out);
	out->rule = R_3_10_8_RETRANSMIT;
	out->timers_arm |= TCP_TIMER_BIT(TCP_T_RETRANSMIT);
	if (t.retransmits < UINT8_MAX)
		t.retransmits++;
	if (!syn_at_front(t) && t.snd_una == t.snd_nxt && t.snd_queued > 0)
		return zero_window_probe(t, p, out);
	resend(t, out);
	return t;
}

/* RFC 1122 4.2.3.6, RFC 9293 3.8.4: a probe <SEQ=SND.NXT-1><ACK=RCV.NXT>
 * with no data (SHLD-12); after the profile's count of unanswered probes
 * the connection is dropped. */
/*@ requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->notify, out->timers_arm;
    ensures at_most_one: out->nemit <= 1;
    ensures step: TimeoutStep(t.state, \result.state);
    ensures probe: t.ka_probes < p.keepalive_probes ==> out->nemit == 1 &&
      SegmentIs(out->emit[0], TCP_ACK, SeqSub(t.snd_nxt, 1), t.rcv_nxt) &&
      \result.state == t.state;
    ensures gave_up: t.ka_probes >= p.keepalive_probes ==>
      \result.state == TCP_CLOSED && out->notify == TCP_N_TIMED_OUT &&
      (p.keepalive_rst ? out->nemit == 1 &&
                         (out->emit[0].flags & TCP_RST) != 0 &&
                         out->emit[0].seq == t.snd_nxt
                       : out->nemit == 0);
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
static struct tcp_tcb keepalive(struct tcp_tcb t, struct tcp_profile p,
				struct tcp_result *out)
{
	if (t.ka_probes >= p.keepalive_probes) {
		if (p.keepalive_rst)
			tcp_emit_abort_rst(t, p, out);
		out->rule = R_1122_4_2_3_6_KEEPALIVE_GIVE_UP;
		out->notify = TCP_N_TIMED_OUT;
		return tcp_tcb_deleted(t);
	}
	tcp_emit(out, TCP_ACK, seq_sub(t.snd_nxt, 1), t.rcv_nxt, t.rcv_wnd, 0);
	t.ka_probes++;
	out->timers_arm |= TCP_TIMER_BIT(TCP_T_KEEPALIVE);
	out->rule = R_1122_4_2_3_6_KEEPALIVE;
	return t;
}

struct tcp_tcb tcp_timeout(struct tcp_tcb t, enum tcp_timer which,
			   struct tcp_profile p, struct tcp_result *out)
{
	if (!(t.timers & TCP_TIMER_BIT(which))) {
		out->rule = R_TIMER_NOT_ARMED;
		return t;
	}
	switch (which) {
	case TCP_T_USER:
		/* "flush all queues, signal the user "error: connection
		 * aborted due to user timeout" ... enter the CLOSED state" */
		out->rule = R_3_10_8_USER_TIMEOUT;
		out->notify = TCP_N_USER_TIMEOUT;
		return tcp_tcb_deleted(t);
	case TCP_T_RETRANSMIT:
		return retransmit(t, p, out);
	case TCP_T_TIME_WAIT:
		/* "If the time-wait timeout expires on a connection, delete
		 * the TCB, enter the CLOSED state, and return." (MUST-13) */
		out->rule = R_3_10_8_TIME_WAIT;
		return tcp_tcb_deleted(t);
	case TCP_T_FIN_WAIT_2:
		out->rule = R_FIN_WAIT_2_TIMEOUT;
		return tcp_tcb_deleted(t);
	default:
		break;
	}
	return keepalive(t, p, out);
}
