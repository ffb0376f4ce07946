/*
 * tcp_user.c - user calls: OPEN, SEND, RECEIVE, CLOSE, ABORT
 * (RFC 9293 3.10.1 - 3.10.5), one function per call, states in RFC order.
 */
#include "tcp_impl.h"

/* End a call: tell the user n (TCP_N_OK, an error of 3.10.1 - 3.10.5, or
 * TCP_N_NONE when the call waits), name the rule that decided, and leave the
 * TCB as t. */
/*@ requires out_valid: \valid(out);
    assigns out->notify, out->rule;
    ensures told: out->notify == n && out->rule == r;
    ensures kept: \result == t; */
static struct tcp_tcb reply(struct tcp_tcb t, enum tcp_notify n,
			    enum tcp_rule r, struct tcp_result *out)
{
	out->notify = n;
	out->rule = r;
	return t;
}

/* <SEQ=ISS><CTL=SYN>, then SYN-SENT (3.10.1, 3.10.2 in LISTEN). */
/*@ requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->timers_arm;
    ensures syn_sent: \result.state == TCP_SYN_SENT && !\result.passive &&
      \result.iss == iss && \result.snd_una == iss &&
      \result.snd_nxt == SeqAdd(iss, 1);
    ensures syn: out->nemit == 1 && SegmentIs(out->emit[0], TCP_SYN, iss, 0);
    ensures sends_syn: SendsSyn(\result, iss, out->nemit, out->emit[0]);
    ensures invariant: ValidTcb(t) && ReceiveInvariant(t) && !t.held &&
      !t.fin_queued ==> TcbInvariant(\result); */
static struct tcp_tcb send_syn(struct tcp_tcb t, uint32_t iss,
			       struct tcp_result *out)
{
	t = tcp_tcb_open(t, iss);
	t.passive = false;
	t.state = TCP_SYN_SENT;
	tcp_emit(out, TCP_SYN, t.iss, 0, t.rcv_wnd, 0);
	out->timers_arm |= TCP_TIMER_BIT(TCP_T_RETRANSMIT);
	return t;
}

/* 3.10.1 OPEN call */
/*@ requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->notify, out->timers_arm, out->delivered;
    ensures at_most_one: out->nemit <= 1;
    ensures step: UserCallStep(t.state, \result.state);
    ensures required: OpenRequired(t, active, iss, \result, out->nemit,
                                   out->emit[0], out->notify);
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
static struct tcp_tcb user_open(struct tcp_tcb t, bool active, uint32_t iss,
				struct tcp_result *out)
{
	if (t.state == TCP_CLOSED && !active) {
		t = tcp_tcb_to_listen(t);
		return reply(t, TCP_N_OK, R_3_10_1_OPEN_PASSIVE, out);
	}
	if (t.state == TCP_CLOSED) {
		out->rule = R_3_10_1_OPEN_ACTIVE;
		return send_syn(t, iss, out);
	}
	if (t.state == TCP_LISTEN && active) {
		/* "change the connection from passive to active, select an ISS" */
		out->rule = R_3_10_1_LISTEN_TO_ACTIVE;
		return send_syn(t, iss, out);
	}
	return reply(t, TCP_N_EXISTS, R_3_10_1_OPEN_EXISTS, out);
}

/* 3.10.2 SEND call */
/*@ requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->notify, out->timers_arm, out->delivered;
    ensures at_most_one: out->nemit <= 1;
    ensures step: UserCallStep(t.state, \result.state);
    ensures required: SendRequired(t, n, iss, \result, out->nemit,
                                   out->emit[0], out->notify);
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
static struct tcp_tcb user_send(struct tcp_tcb t, uint32_t n, uint32_t iss,
				struct tcp_result *out)
{
	switch (t.state) {
	case TCP_CLOSED:
		return reply(t, TCP_N_NOT_EXIST, R_3_10_2_SEND_CLOSED, out);
	case TCP_FIN_WAIT_1:
	case TCP_FIN_WAIT_2:
	case TCP_CLOSING:
	case TCP_LAST_ACK:
	case TCP_TIME_WAIT:
		return reply(t, TCP_N_CLOSING, R_3_10_2_SEND_CLOSING, out);
	default:
		break;
	}
	if (t.fin_queued)
		return reply(t, TCP_N_CLOSING, R_3_10_2_SEND_CLOSING, out);
	if (n > UINT32_MAX - t.snd_queued)
		return reply(t, TCP_N_INSUFFICIENT, R_3_10_2_SEND_NO_SPACE, out);
	t.snd_queued += n;
	out->notify = TCP_N_OK;
	if (t.state == TCP_LISTEN) {
		/* "change the connection from passive to active ... Data
		 * associated with SEND may be ... queued for transmission after
		 * entering ESTABLISHED state." */
		out->rule = R_3_10_2_SEND_LISTEN;
		return send_syn(t, iss, out);
	}
	if (t.state == TCP_SYN_SENT || t.state == TCP_SYN_RECEIVED) {
		out->rule = R_3_10_2_SEND_QUEUE;
		return t;
	}
	out->rule = R_3_10_2_SEND_DATA;
	return tcp_output(t, out);
}

/* 3.10.3 RECEIVE call */
/*@ requires out_valid: \valid(out);
    requires fresh: out->nemit == 0 && out->delivered == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->notify, out->timers_arm, out->delivered;
    ensures nothing_sent: out->nemit == 0;
    ensures step: \result.state == t.state;
    ensures required: ReceiveRequired(t, n, \result, out->nemit, out->notify,
                                      out->delivered);
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
static struct tcp_tcb user_receive(struct tcp_tcb t, uint32_t n,
				   struct tcp_result *out)
{
	uint32_t d;

	switch (t.state) {
	case TCP_CLOSED:
		return reply(t, TCP_N_NOT_EXIST, R_3_10_3_RECEIVE_CLOSED, out);
	case TCP_LISTEN:
	case TCP_SYN_SENT:
	case TCP_SYN_RECEIVED:
		/* "Queue for processing after entering ESTABLISHED state." */
		return reply(t, TCP_N_NONE, R_3_10_3_RECEIVE_QUEUE, out);
	case TCP_CLOSING:
	case TCP_LAST_ACK:
	case TCP_TIME_WAIT:
		return reply(t, TCP_N_CLOSING, R_3_10_3_RECEIVE_CLOSING, out);
	default:
		break;
	}
	d = tcp_min32(n, t.rcv_unread);
	if (d == 0 && t.state == TCP_CLOSE_WAIT)
		/* "If no text is awaiting delivery, the RECEIVE will get an
		 * error: connection closing response." */
		return reply(t, TCP_N_CLOSING, R_3_10_3_RECEIVE_CLOSING, out);
	t.rcv_unread -= d;
	t.rcv_wnd = tcp_min32(TCP_MAX_WND, t.rcv_wnd + d);
	out->delivered = d;
	/* with nothing to deliver, the request waits (no notification) */
	return reply(t, d > 0 ? TCP_N_OK : TCP_N_NONE, R_3_10_3_RECEIVE_DATA, out);
}

/* RFC 9293 3.6.1 (MAY-1, SHLD-3), RFC 2525 2.17: CLOSE with unread data
 * sends a RST. */
/*@ requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->notify, out->timers_arm, out->delivered;
    ensures reset: out->nemit == 1 && \result.state == TCP_CLOSED &&
      AbortRst(p, out->emit[0], t) && out->notify == TCP_N_OK;
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
static struct tcp_tcb close_unread(struct tcp_tcb t, struct tcp_profile p,
				   struct tcp_result *out)
{
	tcp_emit_abort_rst(t, p, out);
	return reply(tcp_tcb_deleted(t), TCP_N_OK, R_2525_CLOSE_UNREAD_RST, out);
}

/* ESTABLISHED, CLOSE-WAIT: "Queue this until all preceding SENDs have been
 * segmentized, then form a FIN segment and send it.  In any case, enter
 * FIN-WAIT-1 state" (LAST-ACK from CLOSE-WAIT). */
/*@ requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    requires state: t.state == TCP_ESTABLISHED || t.state == TCP_CLOSE_WAIT;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->notify, out->timers_arm;
    ensures at_most_one: out->nemit <= 1;
    ensures step: UserCallStep(t.state, \result.state);
    ensures fin_wait_1: t.state == TCP_ESTABLISHED ==>
      CloseSendsFin(t, TCP_FIN_WAIT_1, \result, out->nemit, out->emit[0],
                    out->notify);
    ensures last_ack: t.state == TCP_CLOSE_WAIT ==>
      CloseSendsFin(t, TCP_LAST_ACK, \result, out->nemit, out->emit[0],
                    out->notify);
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
static struct tcp_tcb close_sending(struct tcp_tcb t, struct tcp_result *out)
{
	t.fin_queued = true;
	out->notify = TCP_N_OK;
	out->rule = t.state == TCP_ESTABLISHED ? R_3_10_4_CLOSE_ESTABLISHED
					       : R_3_10_4_CLOSE_CLOSE_WAIT;
	/* "In any case, enter FIN-WAIT-1 state" / "enter LAST-ACK" */
	t.state = t.state == TCP_ESTABLISHED ? TCP_FIN_WAIT_1 : TCP_LAST_ACK;
	return tcp_output(t, out);
}

/* 3.10.4 CLOSE call */
/*@ requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->notify, out->timers_arm, out->delivered;
    ensures at_most_one: out->nemit <= 1;
    ensures step: UserCallStep(t.state, \result.state);
    ensures required: CloseRequired(p, t, \result, out->nemit, out->emit[0],
                                    out->notify);
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
static struct tcp_tcb user_close(struct tcp_tcb t, struct tcp_profile p,
				 struct tcp_result *out)
{
	switch (t.state) {
	case TCP_CLOSED:
		return reply(t, TCP_N_NOT_EXIST, R_3_10_4_CLOSE_CLOSED, out);
	case TCP_LISTEN:
		return reply(tcp_tcb_deleted(t), TCP_N_OK, R_3_10_4_CLOSE_LISTEN, out);
	case TCP_SYN_SENT:
		return reply(tcp_tcb_deleted(t), TCP_N_OK, R_3_10_4_CLOSE_SYN_SENT, out);
	case TCP_SYN_RECEIVED:
		t.fin_queued = true;
		if (t.snd_queued > 0)
			/* "otherwise, queue for processing after entering
			 * ESTABLISHED state" */
			return reply(t, TCP_N_OK, R_3_10_4_CLOSE_SYN_RECEIVED_QUEUE, out);
		/* "form a FIN segment and send it, and enter FIN-WAIT-1" */
		tcp_emit(out, TCP_FIN | TCP_ACK, t.snd_nxt, t.rcv_nxt, t.rcv_wnd, 0);
		t.snd_nxt = seq_add(t.snd_nxt, 1);
		t.fin_sent = true;
		t.state = TCP_FIN_WAIT_1;
		out->timers_arm |= TCP_TIMER_BIT(TCP_T_RETRANSMIT);
		return reply(t, TCP_N_OK, R_3_10_4_CLOSE_SYN_RECEIVED, out);
	case TCP_ESTABLISHED:
	case TCP_CLOSE_WAIT:
		if (p.rst_on_close_unread && t.rcv_unread > 0)
			return close_unread(t, p, out);
		return close_sending(t, out);
	case TCP_FIN_WAIT_1:
	case TCP_FIN_WAIT_2:
		/* "Strictly speaking, this is an error and should receive an
		 * error: connection closing response" (no second FIN) */
		return reply(t, TCP_N_CLOSING, R_3_10_4_CLOSE_FIN_WAIT, out);
	default:
		break;
	}
	/* CLOSING, LAST-ACK, TIME-WAIT */
	return reply(t, TCP_N_CLOSING, R_3_10_4_CLOSE_CLOSING, out);
}

/* 3.10.5 ABORT call */
/*@ requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->notify, out->timers_arm, out->delivered;
    ensures at_most_one: out->nemit <= 1;
    ensures step: UserCallStep(t.state, \result.state);
    ensures required: AbortRequired(p, t, \result, out->nemit, out->emit[0],
                                    out->notify);
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
static struct tcp_tcb user_abort(struct tcp_tcb t, struct tcp_profile p,
				 struct tcp_result *out)
{
	/* lwIP's tcp_abandon() resets whatever is not CLOSED, LISTEN or
	 * TIME-WAIT */
	if (p.abort_rst_always && (t.state == TCP_SYN_SENT ||
				   t.state == TCP_CLOSING ||
				   t.state == TCP_LAST_ACK)) {
		tcp_emit_abort_rst(t, p, out);
		return reply(tcp_tcb_deleted(t), TCP_N_OK, R_3_10_5_ABORT_RST_ALWAYS, out);
	}
	switch (t.state) {
	case TCP_CLOSED:
		return reply(t, TCP_N_NOT_EXIST, R_3_10_5_ABORT_CLOSED, out);
	case TCP_LISTEN:
	case TCP_SYN_SENT:
		return reply(tcp_tcb_deleted(t), TCP_N_OK, R_3_10_5_ABORT_NO_RST, out);
	case TCP_CLOSING:
	case TCP_LAST_ACK:
	case TCP_TIME_WAIT:
		return reply(tcp_tcb_deleted(t), TCP_N_OK, R_3_10_5_ABORT_QUIET, out);
	default:
		break;
	}
	/* SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1/2, CLOSE-WAIT: "Send a reset
	 * segment: <SEQ=SND.NXT><CTL=RST>" */
	tcp_emit_abort_rst(t, p, out);
	return reply(tcp_tcb_deleted(t), TCP_N_OK, R_3_10_5_ABORT_RST, out);
}

struct tcp_tcb tcp_user_call(struct tcp_tcb t, struct tcp_event ev,
			     struct tcp_profile p, struct tcp_result *out)
{
	switch (ev.call) {
	case TCP_CALL_OPEN_ACTIVE:
		return user_open(t, true, ev.iss, out);
	case TCP_CALL_OPEN_PASSIVE:
		return user_open(t, false, ev.iss, out);
	case TCP_CALL_SEND:
		return user_send(t, ev.n, ev.iss, out);
	case TCP_CALL_RECEIVE:
		return user_receive(t, ev.n, out);
	case TCP_CALL_CLOSE:
		return user_close(t, p, out);
	default:
		break;
	}
	return user_abort(t, p, out);
}
