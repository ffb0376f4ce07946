/*
 * check_user.c - the user calls of model/tcp_user.c against RFC 9293
 * 3.10.1 - 3.10.5: OPEN, SEND, RECEIVE, CLOSE, ABORT in every state.
 * Queued data and a queued FIN going out later: check_emit.c.
 *
 * Defaults (tcp_tcb_default): ISS 1000, IRS 5000, windows 65535; once
 * synchronized SND.UNA = SND.NXT = 1001, RCV.NXT = 5001; a FIN sent counts
 * in SND.NXT (1002), a FIN received in RCV.NXT (5002).
 */
#include <stdlib.h>

#include "support/model_check.h"

/* A call that must fail and leave the TCB as it was. */
static void expect_call_error(enum tcp_state s, enum tcp_profile_id pid,
			      enum tcp_call c, enum tcp_rule rule,
			      enum tcp_notify n)
{
	struct tcp_tcb t = tcb_in(s, pid), next;
	struct tcp_result out;

	STEP(t, ev_call(c, 10, 3000), pid, next, out);
	ck_assert_msg(out.rule == rule, "%s %s: rule: expected %s, got %s",
		      tcp_state_name(s), tcp_call_name(c), tcp_rule_name(rule),
		      tcp_rule_name(out.rule));
	ASSERT_NOTIFY(out, n);
	ASSERT_NO_SEG(out);
	ASSERT_TCB_UNCHANGED(t, next);
}

/* ---------------------------------------------------------------- OPEN */

/* RFC 9293 3.10.1 CLOSED: passive OPEN -> LISTEN, nothing sent */
START_TEST(test_closed_open_passive_enters_listen)
{
	struct tcp_tcb t = tcb_in(TCP_CLOSED, PID), next;
	struct tcp_result out;

	STEP(t, ev_call(TCP_CALL_OPEN_PASSIVE, 0, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_1_OPEN_PASSIVE);
	ASSERT_STATE(next, TCP_LISTEN);
	ASSERT_NOTIFY(out, TCP_N_OK);
	ASSERT_NO_SEG(out);
	ck_assert(next.passive);
	ASSERT_TIMERS(next, 0);
}
END_TEST

/* RFC 9293 3.10.1 CLOSED, active: "A SYN segment of the form <SEQ=ISS>
 * <CTL=SYN> is sent.  Set SND.UNA to ISS, SND.NXT to ISS+1, enter SYN-SENT" */
START_TEST(test_closed_open_active_sends_syn_enters_syn_sent)
{
	struct tcp_tcb t = tcb_in(TCP_CLOSED, PID), next;
	struct tcp_result out;

	STEP(t, ev_call(TCP_CALL_OPEN_ACTIVE, 0, 7000), PID, next, out);
	ASSERT_RULE(out, R_3_10_1_OPEN_ACTIVE);
	ASSERT_STATE(next, TCP_SYN_SENT);
	ASSERT_ONE_SEG(out, TCP_SYN, 7000, 0, 0);
	ASSERT_U32(next.iss, 7000);
	ASSERT_U32(next.snd_una, 7000);
	ASSERT_U32(next.snd_nxt, 7001);
	ck_assert(!next.passive);
	ASSERT_TIMERS(next, RTX);
	ASSERT_ARMS(out, TCP_T_RETRANSMIT);
}
END_TEST

/* RFC 9293 3.10.1 and 3.4 (arithmetic modulo 2^32): ISS+1 wraps to 0 */
START_TEST(test_closed_open_active_iss_at_wrap_snd_nxt_is_zero)
{
	struct tcp_tcb t = tcb_in(TCP_CLOSED, RFC), next;
	struct tcp_result out;

	STEP(t, ev_call(TCP_CALL_OPEN_ACTIVE, 0, 0xffffffffu), RFC, next, out);
	ASSERT_ONE_SEG(out, TCP_SYN, 0xffffffffu, 0, 0);
	ASSERT_U32(next.snd_una, 0xffffffffu);
	ASSERT_U32(next.snd_nxt, 0);
}
END_TEST

/* RFC 9293 3.10.1 LISTEN: "If the OPEN call is active ... change the
 * connection from passive to active, select an ISS.  Send a SYN segment,
 * set SND.UNA to ISS, SND.NXT to ISS+1.  Enter SYN-SENT state."
 * (seed: LISTEN -> SYN_SENT) */
START_TEST(test_listen_open_active_becomes_active_sends_syn)
{
	struct tcp_tcb t = tcb_in(TCP_LISTEN, PID), next;
	struct tcp_result out;

	STEP(t, ev_call(TCP_CALL_OPEN_ACTIVE, 0, 3000), PID, next, out);
	ASSERT_RULE(out, R_3_10_1_LISTEN_TO_ACTIVE);
	ASSERT_STATE(next, TCP_SYN_SENT);
	ASSERT_ONE_SEG(out, TCP_SYN, 3000, 0, 0);
	ASSERT_U32(next.snd_una, 3000);
	ASSERT_U32(next.snd_nxt, 3001);
	ck_assert(!next.passive);
	ASSERT_TIMERS(next, RTX);
}
END_TEST

/* RFC 9293 3.10.1 SYN-SENT ... TIME-WAIT: "Return "error: connection already
 * exists"" (and a passive OPEN on a LISTEN connection) */
START_TEST(test_open_on_existing_connection_returns_exists)
{
	for (int s = TCP_LISTEN; s < TCP_NSTATES; s++) {
		expect_call_error((enum tcp_state)s, PID, TCP_CALL_OPEN_PASSIVE,
				  R_3_10_1_OPEN_EXISTS, TCP_N_EXISTS);
		if (s != TCP_LISTEN)
			expect_call_error((enum tcp_state)s, PID,
					  TCP_CALL_OPEN_ACTIVE,
					  R_3_10_1_OPEN_EXISTS, TCP_N_EXISTS);
	}
}
END_TEST

/* ---------------------------------------------------------------- SEND */

/* RFC 9293 3.10.2 CLOSED: "error: connection does not exist" */
START_TEST(test_closed_send_returns_not_exist)
{
	expect_call_error(TCP_CLOSED, PID, TCP_CALL_SEND, R_3_10_2_SEND_CLOSED,
			  TCP_N_NOT_EXIST);
}
END_TEST

/* RFC 9293 3.10.2 LISTEN: "change the connection from passive to active,
 * select an ISS.  Send a SYN segment ... Enter SYN-SENT state.  Data
 * associated with SEND may be sent with SYN segment or queued" (seed:
 * LISTEN -> SYN_SENT on SEND) */
START_TEST(test_listen_send_sends_syn_queues_data_enters_syn_sent)
{
	struct tcp_tcb t = tcb_in(TCP_LISTEN, PID), next;
	struct tcp_result out;

	STEP(t, ev_call(TCP_CALL_SEND, 100, 3000), PID, next, out);
	ASSERT_RULE(out, R_3_10_2_SEND_LISTEN);
	ASSERT_STATE(next, TCP_SYN_SENT);
	ASSERT_NOTIFY(out, TCP_N_OK);
	ASSERT_ONE_SEG(out, TCP_SYN, 3000, 0, 0);
	ASSERT_U32(next.snd_queued, 100);
	ASSERT_U32(next.snd_nxt, 3001);
	ck_assert(!next.passive);
}
END_TEST

/* RFC 9293 3.10.2 SYN-SENT, SYN-RECEIVED: "Queue the data for transmission
 * after entering ESTABLISHED state." */
START_TEST(test_syn_sent_send_queues_data)
{
	enum tcp_state states[] = { TCP_SYN_SENT, TCP_SYN_RECEIVED };

	for (size_t k = 0; k < 2; k++) {
		struct tcp_tcb t = tcb_in(states[k], PID), next;
		struct tcp_result out;

		STEP(t, ev_call(TCP_CALL_SEND, 100, 0), PID, next, out);
		ASSERT_RULE(out, R_3_10_2_SEND_QUEUE);
		ASSERT_STATE(next, states[k]);
		ASSERT_NOTIFY(out, TCP_N_OK);
		ASSERT_NO_SEG(out);
		ASSERT_U32(next.snd_queued, 100);
		ASSERT_U32(next.snd_nxt, 1001);
	}
}
END_TEST

/* RFC 9293 3.10.2 ESTABLISHED: "Segmentize the buffer and send it with a
 * piggybacked acknowledgment (acknowledgment value = RCV.NXT)" */
START_TEST(test_established_send_segmentizes_with_piggybacked_ack)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	STEP(t, ev_call(TCP_CALL_SEND, 100, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_2_SEND_DATA);
	ASSERT_NOTIFY(out, TCP_N_OK);
	ASSERT_ONE_SEG(out, TCP_ACK | TCP_PSH, 1001, 5001, 100);
	ASSERT_U32(next.snd_nxt, 1101);
	ASSERT_U32(next.snd_queued, 0);
	ASSERT_TIMERS(next, RTX);
	ASSERT_ARMS(out, TCP_T_RETRANSMIT);
}
END_TEST

/* RFC 9293 3.10.2 CLOSE-WAIT: as ESTABLISHED (ACK = RCV.NXT, FIN counted) */
START_TEST(test_close_wait_send_segmentizes)
{
	struct tcp_tcb t = tcb_in(TCP_CLOSE_WAIT, PID), next;
	struct tcp_result out;

	STEP(t, ev_call(TCP_CALL_SEND, 10, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_2_SEND_DATA);
	ASSERT_STATE(next, TCP_CLOSE_WAIT);
	ASSERT_ONE_SEG(out, TCP_ACK | TCP_PSH, 1001, 5002, 10);
}
END_TEST

/* RFC 9293 3.10.2 FIN-WAIT-1 ... TIME-WAIT: "Return "error: connection
 * closing" and do not service request." */
START_TEST(test_send_after_close_returns_closing)
{
	enum tcp_state states[] = { TCP_FIN_WAIT_1, TCP_FIN_WAIT_2, TCP_CLOSING,
				    TCP_LAST_ACK, TCP_TIME_WAIT };

	for (size_t k = 0; k < 5; k++)
		expect_call_error(states[k], PID, TCP_CALL_SEND,
				  R_3_10_2_SEND_CLOSING, TCP_N_CLOSING);
}
END_TEST

/* RFC 9293 3.10.2: after a CLOSE (queued in SYN-RECEIVED), SEND is an error */
START_TEST(test_syn_received_send_after_queued_close_returns_closing)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_RECEIVED, RFC), next;
	struct tcp_result out;

	t.snd_queued = 10;
	t.fin_queued = true;
	STEP(t, ev_call(TCP_CALL_SEND, 10, 0), RFC, next, out);
	ASSERT_RULE(out, R_3_10_2_SEND_CLOSING);
	ASSERT_NOTIFY(out, TCP_N_CLOSING);
	ASSERT_TCB_UNCHANGED(t, next);
}
END_TEST

/* RFC 9293 3.10.2: "If there is insufficient space to remember this
 * buffer, simply return "error: insufficient resources"." */
START_TEST(test_established_send_beyond_queue_space_returns_insufficient)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, RFC), next;
	struct tcp_result out;

	t.snd_wnd = 0;
	t.snd_queued = 0xfffffff0u;
	tcb_rearm(&t, RFC);
	STEP(t, ev_call(TCP_CALL_SEND, 0x20, 0), RFC, next, out);
	ASSERT_RULE(out, R_3_10_2_SEND_NO_SPACE);
	ASSERT_NOTIFY(out, TCP_N_INSUFFICIENT);
	ASSERT_NO_SEG(out);
	ASSERT_TCB_UNCHANGED(t, next);
}
END_TEST

/* ------------------------------------------------------------- RECEIVE */

/* RFC 9293 3.10.3 CLOSED: "error: connection does not exist" */
START_TEST(test_closed_receive_returns_not_exist)
{
	expect_call_error(TCP_CLOSED, PID, TCP_CALL_RECEIVE,
			  R_3_10_3_RECEIVE_CLOSED, TCP_N_NOT_EXIST);
}
END_TEST

/* RFC 9293 3.10.3 LISTEN, SYN-SENT, SYN-RECEIVED: "Queue for processing
 * after entering ESTABLISHED state." */
START_TEST(test_listen_receive_is_queued)
{
	for (int s = TCP_LISTEN; s <= TCP_SYN_RECEIVED; s++)
		expect_call_error((enum tcp_state)s, PID, TCP_CALL_RECEIVE,
				  R_3_10_3_RECEIVE_QUEUE, TCP_N_NONE);
}
END_TEST

/* RFC 9293 3.10.3 ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2: data on hand is
 * delivered; the window reopens by what the user took (3.8.6) */
START_TEST(test_established_receive_delivers_unread_data)
{
	enum tcp_state states[] = { TCP_ESTABLISHED, TCP_FIN_WAIT_1,
				    TCP_FIN_WAIT_2 };

	for (size_t k = 0; k < 3; k++) {
		struct tcp_tcb t = tcb_in(states[k], PID), next;
		struct tcp_result out;

		t.rcv_unread = 300;
		t.rcv_wnd = 65235;
		STEP(t, ev_call(TCP_CALL_RECEIVE, 200, 0), PID, next, out);
		ASSERT_RULE(out, R_3_10_3_RECEIVE_DATA);
		ASSERT_NOTIFY(out, TCP_N_OK);
		ASSERT_U32(out.delivered, 200);
		ASSERT_U32(next.rcv_unread, 100);
		ASSERT_U32(next.rcv_wnd, 65435);
		ASSERT_STATE(next, states[k]);
		ASSERT_NO_SEG(out);
	}
}
END_TEST

/* RFC 9293 3.10.3 ESTABLISHED: "If insufficient incoming segments are
 * queued to satisfy the request, queue the request." */
START_TEST(test_established_receive_with_nothing_unread_waits)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	STEP(t, ev_call(TCP_CALL_RECEIVE, 100, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_3_RECEIVE_DATA);
	ASSERT_NOTIFY(out, TCP_N_NONE);
	ASSERT_U32(out.delivered, 0);
	ASSERT_TCB_UNCHANGED(t, next);
}
END_TEST

/* RFC 9293 3.10.3 CLOSE-WAIT: "any remaining data can be used to satisfy
 * the RECEIVE" */
START_TEST(test_close_wait_receive_delivers_remaining_data)
{
	struct tcp_tcb t = tcb_in(TCP_CLOSE_WAIT, PID), next;
	struct tcp_result out;

	t.rcv_unread = 50;
	STEP(t, ev_call(TCP_CALL_RECEIVE, 100, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_3_RECEIVE_DATA);
	ASSERT_U32(out.delivered, 50);
	ASSERT_NOTIFY(out, TCP_N_OK);
	ASSERT_U32(next.rcv_unread, 0);
}
END_TEST

/* RFC 9293 3.10.3 CLOSE-WAIT: "If no text is awaiting delivery, the RECEIVE
 * will get an "error: connection closing" response." */
START_TEST(test_close_wait_receive_with_nothing_left_returns_closing)
{
	expect_call_error(TCP_CLOSE_WAIT, PID, TCP_CALL_RECEIVE,
			  R_3_10_3_RECEIVE_CLOSING, TCP_N_CLOSING);
}
END_TEST

/* RFC 9293 3.10.3 CLOSING, LAST-ACK, TIME-WAIT: "error: connection closing" */
START_TEST(test_closing_receive_returns_closing)
{
	for (int s = TCP_CLOSING; s <= TCP_TIME_WAIT; s++)
		expect_call_error((enum tcp_state)s, PID, TCP_CALL_RECEIVE,
				  R_3_10_3_RECEIVE_CLOSING, TCP_N_CLOSING);
}
END_TEST

/* --------------------------------------------------------------- CLOSE */

/* RFC 9293 3.10.4 CLOSED: "error: connection does not exist" */
START_TEST(test_closed_close_returns_not_exist)
{
	expect_call_error(TCP_CLOSED, PID, TCP_CALL_CLOSE, R_3_10_4_CLOSE_CLOSED,
			  TCP_N_NOT_EXIST);
}
END_TEST

/* RFC 9293 3.10.4 LISTEN: "Delete TCB, enter CLOSED state, and return."
 * SYN-SENT: "Delete the TCB" (Figure 5: CLOSE / delete TCB) */
START_TEST(test_listen_close_deletes_tcb)
{
	struct tcp_tcb t = tcb_in(TCP_LISTEN, PID), next;
	struct tcp_result out;

	STEP(t, ev_call(TCP_CALL_CLOSE, 0, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_4_CLOSE_LISTEN);
	ASSERT_STATE(next, TCP_CLOSED);
	ASSERT_NO_SEG(out);

	t = tcb_in(TCP_SYN_SENT, PID);
	STEP(t, ev_call(TCP_CALL_CLOSE, 0, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_4_CLOSE_SYN_SENT);
	ASSERT_STATE(next, TCP_CLOSED);
	ASSERT_NO_SEG(out);
	ASSERT_TIMERS(next, 0);
	ASSERT_CANCELS(out, TCP_T_RETRANSMIT);
}
END_TEST

/* RFC 9293 3.10.4 SYN-RECEIVED: "If no SENDs have been issued and there is
 * no pending data to send, then form a FIN segment and send it, and enter
 * FIN-WAIT-1 state" (seed: SYN_RECV -> FIN_WAIT_1) */
START_TEST(test_syn_received_close_sends_fin_enters_fin_wait_1)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_RECEIVED, PID), next;
	struct tcp_result out;

	STEP(t, ev_call(TCP_CALL_CLOSE, 0, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_4_CLOSE_SYN_RECEIVED);
	ASSERT_STATE(next, TCP_FIN_WAIT_1);
	ASSERT_ONE_SEG(out, TCP_FIN | TCP_ACK, 1001, 5001, 0);
	ASSERT_U32(next.snd_nxt, 1002);
	ck_assert(next.fin_sent);
	ASSERT_TIMERS(next, RTX);
}
END_TEST

/* RFC 9293 3.10.4 SYN-RECEIVED: "otherwise, queue for processing after
 * entering ESTABLISHED state." */
START_TEST(test_syn_received_close_with_pending_data_is_queued)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_RECEIVED, PID), next;
	struct tcp_result out;

	t.snd_queued = 100;
	STEP(t, ev_call(TCP_CALL_CLOSE, 0, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_4_CLOSE_SYN_RECEIVED_QUEUE);
	ASSERT_STATE(next, TCP_SYN_RECEIVED);
	ASSERT_NOTIFY(out, TCP_N_OK);
	ASSERT_NO_SEG(out);
	ck_assert(next.fin_queued);
	ck_assert(!next.fin_sent);
}
END_TEST

/* RFC 9293 3.10.4 ESTABLISHED: "form a FIN segment and send it.  In any
 * case, enter FIN-WAIT-1 state." (seed: ESTABLISHED -> FIN_WAIT_1) */
START_TEST(test_established_close_sends_fin_enters_fin_wait_1)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	STEP(t, ev_call(TCP_CALL_CLOSE, 0, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_4_CLOSE_ESTABLISHED);
	ASSERT_STATE(next, TCP_FIN_WAIT_1);
	ASSERT_NOTIFY(out, TCP_N_OK);
	ASSERT_ONE_SEG(out, TCP_FIN | TCP_ACK, 1001, 5001, 0);
	ASSERT_U32(next.snd_nxt, 1002);
	ASSERT_TIMERS(next, RTX);
}
END_TEST

/* RFC 9293 3.10.4 CLOSE-WAIT: "send a FIN segment, enter LAST-ACK state"
 * (seed: CLOSE_WAIT -> LAST_ACK) */
START_TEST(test_close_wait_close_sends_fin_enters_last_ack)
{
	struct tcp_tcb t = tcb_in(TCP_CLOSE_WAIT, PID), next;
	struct tcp_result out;

	STEP(t, ev_call(TCP_CALL_CLOSE, 0, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_4_CLOSE_CLOSE_WAIT);
	ASSERT_STATE(next, TCP_LAST_ACK);
	ASSERT_ONE_SEG(out, TCP_FIN | TCP_ACK, 1001, 5002, 0);
	ASSERT_U32(next.snd_nxt, 1002);
}
END_TEST

/* RFC 9293 3.10.4 FIN-WAIT-1, FIN-WAIT-2: "an error and should receive an
 * "error: connection closing" response ... as long as a second FIN is not
 * emitted" */
START_TEST(test_fin_wait_close_returns_closing_without_second_fin)
{
	expect_call_error(TCP_FIN_WAIT_1, PID, TCP_CALL_CLOSE,
			  R_3_10_4_CLOSE_FIN_WAIT, TCP_N_CLOSING);
	expect_call_error(TCP_FIN_WAIT_2, PID, TCP_CALL_CLOSE,
			  R_3_10_4_CLOSE_FIN_WAIT, TCP_N_CLOSING);
}
END_TEST

/* RFC 9293 3.10.4 CLOSING, LAST-ACK, TIME-WAIT: "error: connection closing" */
START_TEST(test_closing_close_returns_closing)
{
	for (int s = TCP_CLOSING; s <= TCP_TIME_WAIT; s++)
		expect_call_error((enum tcp_state)s, PID, TCP_CALL_CLOSE,
				  R_3_10_4_CLOSE_CLOSING, TCP_N_CLOSING);
}
END_TEST

/* RFC 9293 3.6.1 MAY-1 (half-duplex close), SHLD-3, RFC 2525 2.17: "If
 * such a host issues a CLOSE call while received data is still pending in
 * the TCP connection ... its TCP implementation SHOULD send a RST to show
 * that data was lost" (linux, lwip); the RFC 9293 profiles close gracefully */
START_TEST(test_established_close_with_unread_data_profile_switch)
{
	enum tcp_state states[] = { TCP_ESTABLISHED, TCP_CLOSE_WAIT };

	for (size_t k = 0; k < 2; k++) {
		struct tcp_tcb t = tcb_in(states[k], PID), next;
		struct tcp_result out;
		uint32_t rcv_nxt = t.rcv_nxt;

		t.rcv_unread = 10;
		STEP(t, ev_call(TCP_CALL_CLOSE, 0, 0), PID, next, out);
		if (prof(PID)->rst_on_close_unread) {
			ASSERT_RULE(out, R_2525_CLOSE_UNREAD_RST);
			ASSERT_STATE(next, TCP_CLOSED);
			ASSERT_ONE_SEG(out, TCP_RST | TCP_ACK, 1001, rcv_nxt, 0);
		} else {
			ASSERT_STATE(next, states[k] == TCP_ESTABLISHED
						   ? TCP_FIN_WAIT_1
						   : TCP_LAST_ACK);
			ASSERT_ONE_SEG(out, TCP_FIN | TCP_ACK, 1001, rcv_nxt, 0);
		}
	}
}
END_TEST

/* --------------------------------------------------------------- ABORT */

/* RFC 9293 3.10.5 CLOSED: "error: connection does not exist" */
START_TEST(test_closed_abort_returns_not_exist)
{
	expect_call_error(TCP_CLOSED, PID, TCP_CALL_ABORT, R_3_10_5_ABORT_CLOSED,
			  TCP_N_NOT_EXIST);
}
END_TEST

/* RFC 9293 3.10.5 LISTEN, SYN-SENT: "Delete the TCB, enter CLOSED state"
 * (no segment) */
START_TEST(test_listen_abort_deletes_tcb_without_rst)
{
	for (int s = TCP_LISTEN; s <= TCP_SYN_SENT; s++) {
		struct tcp_tcb t = tcb_in((enum tcp_state)s, PID), next;
		struct tcp_result out;

		STEP(t, ev_call(TCP_CALL_ABORT, 0, 0), PID, next, out);
		ASSERT_STATE(next, TCP_CLOSED);
		ASSERT_TIMERS(next, 0);
		if (s == TCP_SYN_SENT && prof(PID)->abort_rst_always) {
			/* the switch's departure: a reset at SND.NXT */
			ASSERT_RULE(out, R_3_10_5_ABORT_RST_ALWAYS);
			ck_assert_int_eq(out.nemit, 1);
			ASSERT_U32(out.emit[0].seq, t.snd_nxt);
			ck_assert(out.emit[0].flags & TCP_RST);
			continue;
		}
		ASSERT_RULE(out, R_3_10_5_ABORT_NO_RST);
		ASSERT_NO_SEG(out);
	}
}
END_TEST

/* RFC 9293 3.10.5 SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2,
 * CLOSE-WAIT: "Send a reset segment: <SEQ=SND.NXT><CTL=RST>"; linux and
 * lwIP set ACK=RCV.NXT on the resets they originate (profile switch) */
START_TEST(test_synchronized_abort_sends_rst_at_snd_nxt)
{
	enum tcp_state states[] = { TCP_SYN_RECEIVED, TCP_ESTABLISHED,
				    TCP_FIN_WAIT_1, TCP_FIN_WAIT_2,
				    TCP_CLOSE_WAIT };

	for (size_t k = 0; k < 5; k++) {
		struct tcp_tcb t = tcb_in(states[k], PID), next;
		struct tcp_result out;

		STEP(t, ev_call(TCP_CALL_ABORT, 0, 0), PID, next, out);
		ASSERT_RULE(out, R_3_10_5_ABORT_RST);
		ASSERT_STATE(next, TCP_CLOSED);
		ASSERT_NOTIFY(out, TCP_N_OK);
		if (prof(PID)->abort_rst_ack)
			ASSERT_ONE_SEG(out, TCP_RST | TCP_ACK, t.snd_nxt,
				       t.rcv_nxt, 0);
		else
			ASSERT_ONE_SEG(out, TCP_RST, t.snd_nxt, 0, 0);
		ASSERT_TIMERS(next, 0);
	}
}
END_TEST

/* RFC 9293 3.10.5 CLOSING, LAST-ACK, TIME-WAIT: "Respond with "ok" and
 * delete the TCB, enter CLOSED state, and return." */
START_TEST(test_closing_abort_deletes_tcb_quietly)
{
	for (int s = TCP_CLOSING; s <= TCP_TIME_WAIT; s++) {
		struct tcp_tcb t = tcb_in((enum tcp_state)s, PID), next;
		struct tcp_result out;

		STEP(t, ev_call(TCP_CALL_ABORT, 0, 0), PID, next, out);
		ASSERT_STATE(next, TCP_CLOSED);
		ASSERT_NOTIFY(out, TCP_N_OK);
		if (s != TCP_TIME_WAIT && prof(PID)->abort_rst_always) {
			/* the switch's departure (lwIP's tcp_abandon()):
			 * <SEQ=SND.NXT><CTL=RST> in CLOSING and LAST-ACK */
			ASSERT_RULE(out, R_3_10_5_ABORT_RST_ALWAYS);
			if (prof(PID)->abort_rst_ack)
				ASSERT_ONE_SEG(out, TCP_RST | TCP_ACK, t.snd_nxt,
					       t.rcv_nxt, 0);
			else
				ASSERT_ONE_SEG(out, TCP_RST, t.snd_nxt, 0, 0);
			continue;
		}
		ASSERT_RULE(out, R_3_10_5_ABORT_QUIET);
		ASSERT_NO_SEG(out);
	}
}
END_TEST

static Suite *user_suite(void)
{
	Suite *s = suite_create("user");
	TCase *op = tcase_create("open");
	TCase *snd = tcase_create("send");
	TCase *rcv = tcase_create("receive");
	TCase *cls = tcase_create("close");
	TCase *abt = tcase_create("abort");

	model_add_test(op, test_closed_open_passive_enters_listen, true);
	model_add_test(op, test_closed_open_active_sends_syn_enters_syn_sent, true);
	model_add_test(op, test_closed_open_active_iss_at_wrap_snd_nxt_is_zero, false);
	model_add_test(op, test_listen_open_active_becomes_active_sends_syn, true);
	model_add_test(op, test_open_on_existing_connection_returns_exists, true);
	suite_add_tcase(s, op);

	model_add_test(snd, test_closed_send_returns_not_exist, true);
	model_add_test(snd, test_listen_send_sends_syn_queues_data_enters_syn_sent, true);
	model_add_test(snd, test_syn_sent_send_queues_data, true);
	model_add_test(snd, test_established_send_segmentizes_with_piggybacked_ack, true);
	model_add_test(snd, test_close_wait_send_segmentizes, true);
	model_add_test(snd, test_send_after_close_returns_closing, true);
	model_add_test(snd, test_syn_received_send_after_queued_close_returns_closing, false);
	model_add_test(snd, test_established_send_beyond_queue_space_returns_insufficient, false);
	suite_add_tcase(s, snd);

	model_add_test(rcv, test_closed_receive_returns_not_exist, true);
	model_add_test(rcv, test_listen_receive_is_queued, true);
	model_add_test(rcv, test_established_receive_delivers_unread_data, true);
	model_add_test(rcv, test_established_receive_with_nothing_unread_waits, true);
	model_add_test(rcv, test_close_wait_receive_delivers_remaining_data, true);
	model_add_test(rcv, test_close_wait_receive_with_nothing_left_returns_closing, true);
	model_add_test(rcv, test_closing_receive_returns_closing, true);
	suite_add_tcase(s, rcv);

	model_add_test(cls, test_closed_close_returns_not_exist, true);
	model_add_test(cls, test_listen_close_deletes_tcb, true);
	model_add_test(cls, test_syn_received_close_sends_fin_enters_fin_wait_1, true);
	model_add_test(cls, test_syn_received_close_with_pending_data_is_queued, true);
	model_add_test(cls, test_established_close_sends_fin_enters_fin_wait_1, true);
	model_add_test(cls, test_close_wait_close_sends_fin_enters_last_ack, true);
	model_add_test(cls, test_fin_wait_close_returns_closing_without_second_fin, true);
	model_add_test(cls, test_closing_close_returns_closing, true);
	model_add_test(cls, test_established_close_with_unread_data_profile_switch, true);
	suite_add_tcase(s, cls);

	model_add_test(abt, test_closed_abort_returns_not_exist, true);
	model_add_test(abt, test_listen_abort_deletes_tcb_without_rst, true);
	model_add_test(abt, test_synchronized_abort_sends_rst_at_snd_nxt, true);
	model_add_test(abt, test_closing_abort_deletes_tcb_quietly, true);
	suite_add_tcase(s, abt);
	return s;
}

int main(void)
{
	return model_run_suite(user_suite()) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
