/*
 * check_model.c - the model against RFC 9293: user calls (3.10.1-3.10.5),
 * segment arrival in CLOSED, LISTEN and SYN-SENT (3.10.7.1-3.10.7.3), and
 * timeouts (3.10.8, 3.8, RFC 1122 4.2.3.5 and 4.2.3.6).
 *
 * Defaults (tcp_tcb_default): ISS 1000, IRS 5000, windows 65535; once
 * synchronized SND.UNA = SND.NXT = 1001, RCV.NXT = 5001; a FIN sent counts
 * in SND.NXT (1002), a FIN received in RCV.NXT (5002).
 */
#include <stdlib.h>

#include "model_helpers.h"

#define RFC TCP_PROFILE_RFC9293
#define RFC5961 TCP_PROFILE_RFC9293_5961
#define LINUX TCP_PROFILE_LINUX
#define LWIP TCP_PROFILE_LWIP
#define RTX TCP_TIMER_BIT(TCP_T_RETRANSMIT)
#define T_TW TCP_TIMER_BIT(TCP_T_TIME_WAIT)
#define T_FW2 TCP_TIMER_BIT(TCP_T_FIN_WAIT_2)
#define T_KA TCP_TIMER_BIT(TCP_T_KEEPALIVE)
#define T_USER TCP_TIMER_BIT(TCP_T_USER)

/* The profile of a loop test. */
#define PID ((enum tcp_profile_id)_i)

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

/* RFC 9293 3.8.6 / 3.10.2: no more than the send window SND.UNA+SND.WND */
START_TEST(test_established_send_beyond_window_queues_the_rest)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, RFC), next;
	struct tcp_result out;

	t.snd_wnd = 1000;
	STEP(t, ev_call(TCP_CALL_SEND, 1500, 0), RFC, next, out);
	ASSERT_ONE_SEG(out, TCP_ACK | TCP_PSH, 1001, 5001, 1000);
	ASSERT_U32(next.snd_nxt, 2001);
	ASSERT_U32(next.snd_queued, 500);
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

/* RFC 9293 3.10.4 ESTABLISHED: "Queue this until all preceding SENDs have
 * been segmentized, then form a FIN segment and send it.  In any case,
 * enter FIN-WAIT-1 state." */
START_TEST(test_established_close_behind_queued_data_sends_data_then_fin)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	t.snd_wnd = 0;
	STEP(t, ev_call(TCP_CALL_SEND, 100, 0), PID, next, out);
	ASSERT_NO_SEG(out);
	t = next;
	STEP(t, ev_call(TCP_CALL_CLOSE, 0, 0), PID, next, out);
	ASSERT_STATE(next, TCP_FIN_WAIT_1);
	ASSERT_NO_SEG(out);
	ck_assert(next.fin_queued && !next.fin_sent);
	t = next;
	/* the peer opens its window: the data, then the FIN */
	STEP(t, ev_seg(TCP_ACK, 5001, 1001, 1000, 0), PID, next, out);
	ASSERT_STATE(next, TCP_FIN_WAIT_1);
	ASSERT_ONE_SEG(out, TCP_FIN | TCP_PSH | TCP_ACK, 1001, 5001, 100);
	ASSERT_U32(next.snd_nxt, 1102);
	ck_assert(next.fin_sent);
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
		ASSERT_RULE(out, R_3_10_5_ABORT_NO_RST);
		ASSERT_STATE(next, TCP_CLOSED);
		ASSERT_NO_SEG(out);
		ASSERT_TIMERS(next, 0);
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
		ASSERT_RULE(out, R_3_10_5_ABORT_QUIET);
		ASSERT_STATE(next, TCP_CLOSED);
		ASSERT_NOTIFY(out, TCP_N_OK);
		ASSERT_NO_SEG(out);
	}
}
END_TEST

/* -------------------------------------------------- 3.10.7.1 CLOSED */

/* RFC 9293 3.10.7.1: "An incoming segment containing a RST is discarded." */
START_TEST(test_closed_rst_is_discarded)
{
	uint8_t flags[] = { TCP_RST, TCP_RST | TCP_ACK, TCP_RST | TCP_SYN };

	for (size_t k = 0; k < 3; k++) {
		struct tcp_tcb t = tcb_in(TCP_CLOSED, PID), next;
		struct tcp_result out;

		STEP(t, ev_seg(flags[k], 100, 200, 1000, 0), PID, next, out);
		ASSERT_RULE(out, R_3_10_7_1_CLOSED_RST);
		ASSERT_NO_SEG(out);
		ASSERT_TCB_UNCHANGED(t, next);
	}
}
END_TEST

/* A reset <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK> for a segment without
 * ACK arriving in CLOSED. */
static void expect_closed_rst_ack(enum tcp_profile_id pid, uint8_t flags,
				  uint32_t seq, uint32_t len, uint32_t ack)
{
	struct tcp_tcb t = tcb_in(TCP_CLOSED, pid), next;
	struct tcp_result out;

	STEP(t, ev_seg(flags, seq, 0, 1000, len), pid, next, out);
	ASSERT_RULE(out, R_3_10_7_1_CLOSED_NO_ACK);
	ASSERT_STATE(next, TCP_CLOSED);
	ASSERT_ONE_SEG(out, TCP_RST | TCP_ACK, 0, ack, 0);
}

/* RFC 9293 3.10.7.1: "If the ACK bit is off, sequence number zero is used,
 * <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>"; SYN counts 1 in SEG.LEN (3.4) */
START_TEST(test_closed_syn_without_ack_gets_rst_ack_seq_zero)
{
	expect_closed_rst_ack(PID, TCP_SYN, 100, 0, 101);
}
END_TEST

/* RFC 9293 3.10.7.1 and 3.4: SEG.LEN counts the payload and the FIN */
START_TEST(test_closed_fin_with_data_rst_acks_payload_and_fin)
{
	expect_closed_rst_ack(PID, TCP_FIN, 100, 10, 111);
	expect_closed_rst_ack(PID, TCP_FIN | TCP_PSH, 100, 0, 101);
}
END_TEST

/* RFC 9293 3.10.7.1 and 3.4: SYN and FIN both count */
START_TEST(test_closed_syn_fin_with_data_counts_syn_and_fin)
{
	expect_closed_rst_ack(PID, TCP_SYN | TCP_FIN, 100, 5, 107);
}
END_TEST

/* RFC 9293 3.10.7.1: any segment without RST gets a reset; PSH and URG
 * occupy no sequence space (3.4) */
START_TEST(test_closed_segment_without_control_gets_rst_ack)
{
	expect_closed_rst_ack(PID, 0, 100, 0, 100);
	expect_closed_rst_ack(PID, TCP_PSH | TCP_URG, 100, 3, 103);
}
END_TEST

/* RFC 9293 3.10.7.1: "If the ACK bit is on, <SEQ=SEG.ACK><CTL=RST>" */
START_TEST(test_closed_ack_gets_rst_seq_seg_ack)
{
	uint8_t flags[] = { TCP_ACK, TCP_SYN | TCP_ACK, TCP_FIN | TCP_ACK };

	for (size_t k = 0; k < 3; k++) {
		struct tcp_tcb t = tcb_in(TCP_CLOSED, PID), next;
		struct tcp_result out;

		STEP(t, ev_seg(flags[k], 100, 777, 1000, 10), PID, next, out);
		ASSERT_RULE(out, R_3_10_7_1_CLOSED_ACK);
		ASSERT_STATE(next, TCP_CLOSED);
		ASSERT_ONE_SEG(out, TCP_RST, 777, 0, 0);
	}
}
END_TEST

/* RFC 9293 3.10.7.1 and 3.4: SEG.SEQ+SEG.LEN is computed modulo 2^32 */
START_TEST(test_closed_rst_ack_wraps_at_2_32)
{
	expect_closed_rst_ack(RFC, TCP_SYN, 0xffffffffu, 0, 0);
	expect_closed_rst_ack(RFC, TCP_PSH, 0xfffffff0u, 0x20, 0x10);
}
END_TEST

/* -------------------------------------------------- 3.10.7.2 LISTEN */

/* RFC 9293 3.10.7.2: "An incoming RST should be ignored." */
START_TEST(test_listen_rst_is_ignored)
{
	uint8_t flags[] = { TCP_RST, TCP_RST | TCP_ACK, TCP_RST | TCP_SYN };

	for (size_t k = 0; k < 3; k++) {
		struct tcp_tcb t = tcb_in(TCP_LISTEN, PID), next;
		struct tcp_result out;

		STEP(t, ev_seg(flags[k], 100, 200, 1000, 0), PID, next, out);
		ASSERT_RULE(out, R_3_10_7_2_LISTEN_RST);
		ASSERT_NO_SEG(out);
		ASSERT_TCB_UNCHANGED(t, next);
	}
}
END_TEST

/* RFC 9293 3.10.7.2: "Any acknowledgment is bad if it arrives on a
 * connection still in the LISTEN state.  An acceptable reset segment should
 * be formed for any arriving ACK-bearing segment.  The RST should be
 * formatted as follows: <SEQ=SEG.ACK><CTL=RST>" */
START_TEST(test_listen_ack_gets_rst_seq_seg_ack)
{
	uint8_t flags[] = { TCP_ACK, TCP_SYN | TCP_ACK };

	for (size_t k = 0; k < 2; k++) {
		struct tcp_tcb t = tcb_in(TCP_LISTEN, PID), next;
		struct tcp_result out;

		STEP(t, ev_seg(flags[k], 100, 555, 1000, 0), PID, next, out);
		ASSERT_RULE(out, R_3_10_7_2_LISTEN_ACK);
		ASSERT_STATE(next, TCP_LISTEN);
		ASSERT_ONE_SEG(out, TCP_RST, 555, 0, 0);
	}
}
END_TEST

/* RFC 9293 3.10.7.2: "Set RCV.NXT to SEG.SEQ+1, IRS is set to SEG.SEQ ...
 * <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> ... SND.NXT is set to ISS+1 and
 * SND.UNA to ISS.  The connection state should be changed to SYN-RECEIVED."
 * (seed: LISTEN -> SYN_RECV) */
START_TEST(test_listen_syn_sends_syn_ack_enters_syn_received)
{
	struct tcp_tcb t = tcb_in(TCP_LISTEN, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg_full(TCP_SYN, 5000, 0, 30000, 0, 0, 1460, 1000), PID,
	     next, out);
	ASSERT_RULE(out, R_3_10_7_2_LISTEN_SYN);
	ASSERT_STATE(next, TCP_SYN_RECEIVED);
	ASSERT_ONE_SEG(out, TCP_SYN | TCP_ACK, 1000, 5001, 0);
	ASSERT_U32(next.irs, 5000);
	ASSERT_U32(next.rcv_nxt, 5001);
	ASSERT_U32(next.iss, 1000);
	ASSERT_U32(next.snd_una, 1000);
	ASSERT_U32(next.snd_nxt, 1001);
	ASSERT_U32(next.snd_wnd, 30000);
	ASSERT_U32(next.snd_mss, 1460);
	ck_assert(next.passive);
	ASSERT_NOTIFY(out, TCP_N_NONE);
	ASSERT_TIMERS(next, RTX);
	ASSERT_ARMS(out, TCP_T_RETRANSMIT);
}
END_TEST

/* RFC 9293 3.7.1 MUST-15: without an MSS option the send MSS is 536 */
START_TEST(test_listen_syn_without_mss_option_assumes_536)
{
	struct tcp_tcb t = tcb_in(TCP_LISTEN, RFC), next;
	struct tcp_result out;

	STEP(t, ev_seg_full(TCP_SYN, 5000, 0, 30000, 0, 0, 0, 1000), RFC, next,
	     out);
	ASSERT_U32(next.snd_mss, 536);
}
END_TEST

/* RFC 9293 3.10.7.2 and 3.4: RCV.NXT = SEG.SEQ+1 modulo 2^32 */
START_TEST(test_listen_syn_at_wrap_rcv_nxt_is_zero)
{
	struct tcp_tcb t = tcb_in(TCP_LISTEN, RFC), next;
	struct tcp_result out;

	STEP(t, ev_seg_full(TCP_SYN, 0xffffffffu, 0, 1000, 0, 0, 0, 42), RFC,
	     next, out);
	ASSERT_ONE_SEG(out, TCP_SYN | TCP_ACK, 42, 0, 0);
	ASSERT_U32(next.rcv_nxt, 0);
}
END_TEST

/* RFC 9293 3.10.7.2 third: "any other control or text should be queued for
 * processing later" - the text of a SYN is taken in once ESTABLISHED, and
 * acknowledged (3.10.7.4 seventh: "Send an acknowledgment of the form
 * <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>"); the linux profile drops it
 * (listen_drop_syn_text) and the peer sends it again */
START_TEST(test_listen_syn_with_text_holds_it_until_established)
{
	struct tcp_tcb t = tcb_in(TCP_LISTEN, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg_full(TCP_SYN | TCP_PSH, 5000, 0, 65535, 10, 0, 0, 1000),
	     PID, next, out);
	ASSERT_STATE(next, TCP_SYN_RECEIVED);
	ASSERT_ONE_SEG(out, TCP_SYN | TCP_ACK, 1000, 5001, 0);
	ASSERT_U32(next.rcv_nxt, 5001);
	t = next;
	STEP(t, ev_seg(TCP_ACK, 5001, 1001, 65535, 0), PID, next, out);
	ASSERT_STATE(next, TCP_ESTABLISHED);
	if (prof(PID)->listen_drop_syn_text) {
		ASSERT_U32(next.rcv_nxt, 5001);
		ASSERT_NO_SEG(out);
	} else {
		ASSERT_U32(next.rcv_nxt, 5011);
		ASSERT_U32(next.rcv_unread, 10);
		ASSERT_ONE_SEG(out, TCP_ACK, 1001, 5011, 0);
	}
}
END_TEST

/* RFC 9293 3.10.7.2 fourth: "Any other control or text-bearing segment (not
 * containing SYN) ... drop the segment and return." */
START_TEST(test_listen_segment_without_syn_rst_or_ack_is_dropped)
{
	uint8_t flags[] = { 0, TCP_FIN, TCP_PSH, TCP_URG, TCP_FIN | TCP_PSH };

	for (size_t k = 0; k < 5; k++) {
		struct tcp_tcb t = tcb_in(TCP_LISTEN, PID), next;
		struct tcp_result out;

		STEP(t, ev_seg(flags[k], 100, 0, 1000, 10), PID, next, out);
		ASSERT_RULE(out, R_3_10_7_2_LISTEN_OTHER);
		ASSERT_NO_SEG(out);
		ASSERT_TCB_UNCHANGED(t, next);
	}
}
END_TEST

/* RFC 9293 3.10.7.2 third check: a SYN (with FIN) enters SYN-RECEIVED;
 * the linux profile drops SYN+FIN (tcp_rcv_state_process) */
START_TEST(test_listen_syn_fin_profile_switch)
{
	struct tcp_tcb t = tcb_in(TCP_LISTEN, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg_full(TCP_SYN | TCP_FIN, 5000, 0, 1000, 0, 0, 0, 1000),
	     PID, next, out);
	if (prof(PID)->listen_drop_syn_fin) {
		ASSERT_RULE(out, R_3_10_7_2_LISTEN_OTHER);
		ASSERT_STATE(next, TCP_LISTEN);
		ASSERT_NO_SEG(out);
	} else {
		ASSERT_RULE(out, R_3_10_7_2_LISTEN_SYN);
		ASSERT_STATE(next, TCP_SYN_RECEIVED);
		ASSERT_ONE_SEG(out, TCP_SYN | TCP_ACK, 1000, 5001, 0);
	}
}
END_TEST

/* ------------------------------------------------ 3.10.7.3 SYN-SENT */

/* A segment in SYN-SENT (ISS 1000, SND.NXT 1001) that only draws a reply. */
static void expect_syn_sent(enum tcp_profile_id pid, struct tcp_event ev,
			    enum tcp_rule rule, int rst, uint32_t rst_seq)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_SENT, pid), next;
	struct tcp_result out;

	STEP(t, ev, pid, next, out);
	ASSERT_RULE(out, rule);
	ASSERT_TCB_UNCHANGED(t, next);
	if (rst)
		ASSERT_ONE_SEG(out, TCP_RST, rst_seq, 0, 0);
	else
		ASSERT_NO_SEG(out);
}

/* RFC 9293 3.10.7.3 first: "If SEG.ACK =< ISS or SEG.ACK > SND.NXT, send a
 * reset ... <SEQ=SEG.ACK><CTL=RST>" */
START_TEST(test_syn_sent_ack_at_or_below_iss_gets_rst)
{
	expect_syn_sent(PID, ev_seg(TCP_ACK, 5000, 1000, 1000, 0),
			R_3_10_7_3_BAD_ACK, 1, 1000);
	expect_syn_sent(PID, ev_seg(TCP_SYN | TCP_ACK, 5000, 999, 1000, 0),
			R_3_10_7_3_BAD_ACK, 1, 999);
}
END_TEST

/* RFC 9293 3.10.7.3 first: SEG.ACK > SND.NXT */
START_TEST(test_syn_sent_ack_beyond_snd_nxt_gets_rst)
{
	expect_syn_sent(PID, ev_seg(TCP_ACK, 5000, 1002, 1000, 0),
			R_3_10_7_3_BAD_ACK, 1, 1002);
	expect_syn_sent(PID, ev_seg(TCP_SYN | TCP_ACK, 5000, 1002, 1000, 0),
			R_3_10_7_3_BAD_ACK, 1, 1002);
}
END_TEST

/* RFC 9293 3.10.7.3 first: "(unless the RST bit is set, if so drop the
 * segment and return)" */
START_TEST(test_syn_sent_rst_with_unacceptable_ack_is_dropped)
{
	expect_syn_sent(PID, ev_seg(TCP_RST | TCP_ACK, 0, 1002, 0, 0),
			R_3_10_7_3_BAD_ACK_RST, 0, 0);
}
END_TEST

/* RFC 9293 3.10.7.3 second: "If the ACK was acceptable, then signal to the
 * user "error: connection reset", drop the segment, enter CLOSED state,
 * delete TCB, and return." */
START_TEST(test_syn_sent_rst_with_acceptable_ack_closes)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_SENT, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(TCP_RST | TCP_ACK, 0, 1001, 0, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_3_RST);
	ASSERT_STATE(next, TCP_CLOSED);
	ASSERT_NOTIFY(out, TCP_N_RESET);
	ASSERT_NO_SEG(out);
	ASSERT_TIMERS(next, 0);
	ASSERT_CANCELS(out, TCP_T_RETRANSMIT);
}
END_TEST

/* RFC 9293 3.10.7.3 second: "Otherwise (no ACK), drop the segment" */
START_TEST(test_syn_sent_rst_without_ack_is_dropped)
{
	expect_syn_sent(PID, ev_seg(TCP_RST, 5000, 0, 0, 0),
			R_3_10_7_3_RST_NO_ACK, 0, 0);
}
END_TEST

/* RFC 9293 3.10.7.3 fourth: "If SND.UNA > ISS (our SYN has been ACKed),
 * change the connection state to ESTABLISHED, form an ACK segment
 * <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and send it." (seed: SYN_SENT ->
 * ESTABLISHED) */
START_TEST(test_syn_sent_syn_ack_enters_established_sends_ack)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_SENT, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg_full(TCP_SYN | TCP_ACK, 5000, 1001, 20000, 0, 0, 1400, 0),
	     PID, next, out);
	ASSERT_RULE(out, R_3_10_7_3_SYN_ACK);
	ASSERT_STATE(next, TCP_ESTABLISHED);
	ASSERT_NOTIFY(out, TCP_N_ESTABLISHED);
	ASSERT_ONE_SEG(out, TCP_ACK, 1001, 5001, 0);
	ASSERT_U32(next.irs, 5000);
	ASSERT_U32(next.rcv_nxt, 5001);
	ASSERT_U32(next.snd_una, 1001);
	ASSERT_U32(next.snd_wnd, 20000);
	ASSERT_U32(next.snd_wl1, 5000);
	ASSERT_U32(next.snd_wl2, 1001);
	ASSERT_U32(next.snd_mss, 1400);
	ASSERT_TIMERS(next, 0);
	ASSERT_CANCELS(out, TCP_T_RETRANSMIT);
}
END_TEST

/* RFC 9293 3.10.7.3 fourth: "Data or controls that were queued for
 * transmission MAY be included." (3.10.2: data SENT in SYN-SENT) */
START_TEST(test_syn_sent_syn_ack_sends_data_queued_by_send)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_SENT, PID), next;
	struct tcp_result out;

	t.snd_queued = 100;
	STEP(t, ev_seg(TCP_SYN | TCP_ACK, 5000, 1001, 20000, 0), PID, next, out);
	ASSERT_STATE(next, TCP_ESTABLISHED);
	ASSERT_ONE_SEG(out, TCP_ACK | TCP_PSH, 1001, 5001, 100);
	ASSERT_U32(next.snd_nxt, 1101);
	ASSERT_TIMERS(next, RTX);
}
END_TEST

/* RFC 9293 3.10.7.3 fourth: "If there are other controls or text in the
 * segment, then continue processing at the sixth step under Section
 * 3.10.7.4" - the text is accepted and acknowledged (the rule reported is
 * the one that changed the state) */
START_TEST(test_syn_sent_syn_ack_with_text_accepts_it)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_SENT, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(TCP_SYN | TCP_ACK | TCP_PSH, 5000, 1001, 20000, 10), PID,
	     next, out);
	ASSERT_RULE(out, R_3_10_7_3_SYN_ACK);
	ASSERT_STATE(next, TCP_ESTABLISHED);
	ASSERT_U32(next.rcv_nxt, 5011);
	ASSERT_U32(next.rcv_unread, 10);
	ASSERT_ONE_SEG(out, TCP_ACK, 1001, 5011, 0);
}
END_TEST

/* RFC 9293 3.10.7.3 fourth, then 3.10.7.4 eighth "ESTABLISHED STATE: Enter
 * the CLOSE-WAIT state" */
START_TEST(test_syn_sent_syn_ack_with_fin_enters_close_wait)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_SENT, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(TCP_SYN | TCP_ACK | TCP_FIN, 5000, 1001, 20000, 0), PID,
	     next, out);
	ASSERT_RULE(out, R_3_10_7_4_FIN_CLOSE_WAIT);
	ASSERT_STATE(next, TCP_CLOSE_WAIT);
	ASSERT_NOTIFY(out, TCP_N_REMOTE_CLOSE);
	ASSERT_U32(next.rcv_nxt, 5002);
	ASSERT_ONE_SEG(out, TCP_ACK, 1001, 5002, 0);
}
END_TEST

/* RFC 9293 3.10.7.3 fourth, MUST-10 (simultaneous open): "Otherwise, enter
 * SYN-RECEIVED, form a SYN,ACK segment <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>
 * and send it." (seed: SYN_SENT -> SYN_RECV) */
START_TEST(test_syn_sent_syn_enters_syn_received_simultaneous_open)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_SENT, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(TCP_SYN, 5000, 0, 20000, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_3_SIMULTANEOUS_OPEN);
	ASSERT_STATE(next, TCP_SYN_RECEIVED);
	ASSERT_ONE_SEG(out, TCP_SYN | TCP_ACK, 1000, 5001, 0);
	ASSERT_U32(next.irs, 5000);
	ASSERT_U32(next.rcv_nxt, 5001);
	ASSERT_U32(next.snd_una, 1000);
	ASSERT_U32(next.snd_nxt, 1001);
	ASSERT_U32(next.snd_wnd, 20000);
	/* MUST-11: remember that this SYN-RECEIVED came from an active OPEN */
	ck_assert(!next.passive);
	ASSERT_TIMERS(next, RTX);
}
END_TEST

/* RFC 9293 3.10.7.3 fourth, SYN-RECEIVED branch: "If there are other
 * controls or text in the segment, queue them for processing after the
 * ESTABLISHED state has been reached" - then taken in and acknowledged */
START_TEST(test_syn_sent_syn_with_text_queues_it_until_established)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_SENT, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(TCP_SYN | TCP_PSH, 5000, 0, 65535, 10), PID, next, out);
	ASSERT_STATE(next, TCP_SYN_RECEIVED);
	ASSERT_ONE_SEG(out, TCP_SYN | TCP_ACK, 1000, 5001, 0);
	ASSERT_U32(next.rcv_nxt, 5001);
	t = next;
	STEP(t, ev_seg(TCP_ACK, 5001, 1001, 65535, 0), PID, next, out);
	ASSERT_STATE(next, TCP_ESTABLISHED);
	ASSERT_U32(next.rcv_nxt, 5011);
	ASSERT_ONE_SEG(out, TCP_ACK, 1001, 5011, 0);
}
END_TEST

/* RFC 9293 3.10.7.3 fifth: "If neither of the SYN or RST bits is set, then
 * drop the segment and return." */
START_TEST(test_syn_sent_segment_without_syn_or_rst_is_dropped)
{
	expect_syn_sent(PID, ev_seg(TCP_ACK, 5000, 1001, 1000, 0),
			R_3_10_7_3_OTHER, 0, 0);
	expect_syn_sent(PID, ev_seg(TCP_FIN, 5000, 0, 1000, 0),
			R_3_10_7_3_OTHER, 0, 0);
	expect_syn_sent(PID, ev_seg(TCP_PSH, 5000, 0, 1000, 10),
			R_3_10_7_3_OTHER, 0, 0);
}
END_TEST

/* RFC 9293 3.10.7.3 and 3.4: "SND.UNA < SEG.ACK =< SND.NXT" modulo 2^32,
 * with ISS = 2^32-1 and SND.NXT = 0 */
START_TEST(test_syn_sent_acceptable_ack_across_wrap)
{
	struct tcp_tcb t = tcb_in(TCP_CLOSED, RFC), s, next;
	struct tcp_result out;

	STEP(t, ev_call(TCP_CALL_OPEN_ACTIVE, 0, 0xffffffffu), RFC, s, out);
	STEP(s, ev_seg(TCP_SYN | TCP_ACK, 5000, 0xffffffffu, 1000, 0), RFC,
	     next, out);
	ASSERT_RULE(out, R_3_10_7_3_BAD_ACK);
	ASSERT_ONE_SEG(out, TCP_RST, 0xffffffffu, 0, 0);
	STEP(s, ev_seg(TCP_SYN | TCP_ACK, 5000, 0, 1000, 0), RFC, next, out);
	ASSERT_STATE(next, TCP_ESTABLISHED);
	ASSERT_ONE_SEG(out, TCP_ACK, 0, 5001, 0);
}
END_TEST

/* RFC 9293 3.1: the urgent pointer is "a positive offset from the sequence
 * number in this segment"; 3.10.7.4 sixth: RCV.UP <- max(RCV.UP, SEG.UP),
 * reached from 3.10.7.3 for a SYN,ACK with URG: RCV.UP = SEG.SEQ + 10 */
START_TEST(test_syn_sent_syn_ack_urgent_pointer_counts_from_seg_seq)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_SENT, RFC), next;
	struct tcp_result out;

	STEP(t, ev_seg_full(TCP_SYN | TCP_ACK | TCP_URG, 5000, 1001, 1000, 20,
			    10, 0, 0), RFC, next, out);
	ASSERT_STATE(next, TCP_ESTABLISHED);
	ASSERT_U32(next.rcv_up, 5010);
}
END_TEST

/* ------------------------------------------------------------ timers */

/* RFC 9293 3.10.8: "send the segment at the front of the retransmission
 * queue again, reinitialize the retransmission timer, and return." */
static void expect_retransmit(struct tcp_tcb t, enum tcp_profile_id pid,
			      uint8_t flags, uint32_t seq, uint32_t ack,
			      uint32_t len)
{
	struct tcp_tcb next;
	struct tcp_result out;

	tcb_rearm(&t, pid);
	STEP(t, ev_timeout(TCP_T_RETRANSMIT), pid, next, out);
	ASSERT_RULE(out, R_3_10_8_RETRANSMIT);
	ASSERT_STATE(next, t.state);
	ASSERT_ONE_SEG(out, flags, seq, ack, len);
	ASSERT_ARMS(out, TCP_T_RETRANSMIT);
	ASSERT_U32(next.retransmits, t.retransmits + 1u);
}

/* RFC 9293 3.10.8: SYN-SENT resends <SEQ=ISS><CTL=SYN>, SYN-RECEIVED its
 * SYN,ACK */
START_TEST(test_unsynchronized_retransmission_timeout_resends_syn)
{
	expect_retransmit(tcb_in(TCP_SYN_SENT, PID), PID, TCP_SYN, 1000, 0, 0);
	expect_retransmit(tcb_in(TCP_SYN_RECEIVED, PID), PID,
			  TCP_SYN | TCP_ACK, 1000, 5001, 0);
}
END_TEST

/* RFC 9293 3.10.8: data from SND.UNA; a FIN still unacknowledged with it */
START_TEST(test_synchronized_retransmission_timeout_resends_from_snd_una)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID);

	t.snd_nxt = 1101;
	expect_retransmit(t, PID, TCP_ACK | TCP_PSH, 1001, 5001, 100);
	expect_retransmit(tcb_in(TCP_FIN_WAIT_1, PID), PID, TCP_FIN | TCP_ACK,
			  1001, 5001, 0);
	t = tcb_in(TCP_LAST_ACK, PID);
	t.snd_nxt = 1052;
	expect_retransmit(t, PID, TCP_FIN | TCP_PSH | TCP_ACK, 1001, 5002, 50);
	/* FIN-WAIT-1 entered from SYN-RECEIVED: the SYN,ACK is still first */
	t = tcb_in(TCP_FIN_WAIT_1, PID);
	t.snd_una = 1000;
	expect_retransmit(t, PID, TCP_SYN | TCP_ACK, 1000, 5001, 0);
}
END_TEST

/* Fire the retransmission timer until the connection is given up. */
static void expect_give_up(enum tcp_state s, bool passive,
			   enum tcp_profile_id pid, unsigned limit,
			   enum tcp_state after, enum tcp_notify n)
{
	struct tcp_tcb t = tcb_in(s, pid), next;
	struct tcp_result out;

	t.passive = passive;
	if (s == TCP_ESTABLISHED)
		t.snd_nxt = 1101;
	tcb_rearm(&t, pid);
	for (unsigned k = 0; k < limit; k++) {
		STEP(t, ev_timeout(TCP_T_RETRANSMIT), pid, next, out);
		ck_assert_msg(out.rule == R_3_10_8_RETRANSMIT,
			      "%s retransmission %u: expected a retransmission, got %s",
			      tcp_profile_name(pid), k + 1, tcp_rule_name(out.rule));
		t = next;
	}
	STEP(t, ev_timeout(TCP_T_RETRANSMIT), pid, next, out);
	ASSERT_RULE(out, R_1122_4_2_3_5_GIVE_UP);
	ASSERT_STATE(next, after);
	ASSERT_NOTIFY(out, n);
	ASSERT_NO_SEG(out);
	ASSERT_TIMERS(next, 0);
}

/* RFC 1122 4.2.3.5 (R2), RFC 9293 3.8.3: after the profile's syn_retries
 * the SYN is given up: SYN-SENT -> CLOSED (seed: SYN_SENT -> CLOSED on
 * timeout) */
START_TEST(test_syn_sent_gives_up_after_profile_syn_retries)
{
	const struct tcp_profile *p = prof(PID);

	if (p->syn_retries == 0)
		return;
	expect_give_up(TCP_SYN_SENT, false, PID, p->syn_retries, TCP_CLOSED,
		       TCP_N_TIMED_OUT);
}
END_TEST

/* RFC 9293 3.10.8 without a retransmission limit (the rfc9293 profiles,
 * where the user timeout governs): the SYN is resent indefinitely */
START_TEST(test_syn_sent_without_retry_limit_keeps_retransmitting)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_SENT, RFC), next;
	struct tcp_result out;

	for (int k = 0; k < 300; k++) {
		STEP(t, ev_timeout(TCP_T_RETRANSMIT), RFC, next, out);
		ASSERT_RULE(out, R_3_10_8_RETRANSMIT);
		ASSERT_ONE_SEG(out, TCP_SYN, 1000, 0, 0);
		t = next;
	}
	ASSERT_STATE(t, TCP_SYN_SENT);
	ASSERT_U32(t.retransmits, 255);
}
END_TEST

/* RFC 1122 4.2.3.5: a SYN-RECEIVED from a passive OPEN gives up back to
 * LISTEN (its listener stays); from an active OPEN it closes */
START_TEST(test_syn_received_gives_up_after_profile_synack_retries)
{
	const struct tcp_profile *p = prof(PID);

	if (p->synack_retries == 0)
		return;
	expect_give_up(TCP_SYN_RECEIVED, true, PID, p->synack_retries,
		       TCP_LISTEN, TCP_N_NONE);
	expect_give_up(TCP_SYN_RECEIVED, false, PID, p->synack_retries,
		       TCP_CLOSED, TCP_N_TIMED_OUT);
}
END_TEST

/* RFC 1122 4.2.3.5: "after R2 ... the TCP SHOULD close the connection" */
START_TEST(test_established_gives_up_after_profile_data_retries)
{
	const struct tcp_profile *p = prof(PID);

	if (p->data_retries == 0)
		return;
	expect_give_up(TCP_ESTABLISHED, false, PID, p->data_retries, TCP_CLOSED,
		       TCP_N_TIMED_OUT);
}
END_TEST

/* RFC 9293 3.10.8 USER TIMEOUT: "flush all queues, signal the user "error:
 * connection aborted due to user timeout" ... delete the TCB, enter the
 * CLOSED state" (seed: SYN_SENT -> CLOSED on timeout) */
START_TEST(test_syn_sent_user_timeout_closes)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_SENT, PID), next;
	struct tcp_result out;

	t.user_timeout = true;
	tcb_rearm(&t, PID);
	ASSERT_TIMERS(t, RTX | T_USER);
	STEP(t, ev_timeout(TCP_T_USER), PID, next, out);
	ASSERT_RULE(out, R_3_10_8_USER_TIMEOUT);
	ASSERT_STATE(next, TCP_CLOSED);
	ASSERT_NOTIFY(out, TCP_N_USER_TIMEOUT);
	ASSERT_NO_SEG(out);
	ASSERT_TIMERS(next, 0);
	ASSERT_CANCELS(out, TCP_T_USER);
	ASSERT_CANCELS(out, TCP_T_RETRANSMIT);
}
END_TEST

/* RFC 9293 3.8.3: the user timeout bounds how long sent data may stay
 * unacknowledged: armed with data outstanding, off when all is acked */
START_TEST(test_established_user_timer_runs_only_with_data_outstanding)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	t.user_timeout = true;
	tcb_rearm(&t, PID);
	ASSERT_TIMERS(t, 0);
	STEP(t, ev_call(TCP_CALL_SEND, 10, 0), PID, next, out);
	ASSERT_TIMERS(next, RTX | T_USER);
	t = next;
	STEP(t, ev_seg(TCP_ACK, 5001, 1011, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_ACK);
	ASSERT_TIMERS(next, 0);
	ASSERT_CANCELS(out, TCP_T_USER);
}
END_TEST

/* RFC 9293 3.10.8 TIME-WAIT TIMEOUT, MUST-13: "If the time-wait timeout
 * expires on a connection, delete the TCB, enter the CLOSED state"
 * (seed: TIME_WAIT -> CLOSED after 2MSL) */
START_TEST(test_time_wait_timeout_deletes_tcb)
{
	struct tcp_tcb t = tcb_in(TCP_TIME_WAIT, PID), next;
	struct tcp_result out;

	ASSERT_TIMERS(t, T_TW);
	STEP(t, ev_timeout(TCP_T_TIME_WAIT), PID, next, out);
	ASSERT_RULE(out, R_3_10_8_TIME_WAIT);
	ASSERT_STATE(next, TCP_CLOSED);
	ASSERT_NO_SEG(out);
	ASSERT_NOTIFY(out, TCP_N_NONE);
	ASSERT_TIMERS(next, 0);
	ASSERT_CANCELS(out, TCP_T_TIME_WAIT);
}
END_TEST

/* RFC 9293 defines no FIN-WAIT-2 timeout (the seed: "FIN_WAIT_2 has no
 * timeout"); linux (tcp_fin_timeout) and lwIP have one (profile switch) */
START_TEST(test_fin_wait_2_timeout_profile_switch)
{
	struct tcp_tcb t = tcb_in(TCP_FIN_WAIT_2, PID), next;
	struct tcp_result out;

	STEP(t, ev_timeout(TCP_T_FIN_WAIT_2), PID, next, out);
	if (prof(PID)->fin_wait_2_timeout) {
		ASSERT_TIMERS(t, T_FW2);
		ASSERT_RULE(out, R_FIN_WAIT_2_TIMEOUT);
		ASSERT_STATE(next, TCP_CLOSED);
		ASSERT_NO_SEG(out);
	} else {
		ASSERT_TIMERS(t, 0);
		ASSERT_RULE(out, R_TIMER_NOT_ARMED);
		ASSERT_TCB_UNCHANGED(t, next);
	}
}
END_TEST

/* RFC 9293 3.8.4: the keep-alive probe "generally contains SEG.SEQ =
 * SND.NXT-1" and no data (SHLD-12): <SEQ=SND.NXT-1><ACK=RCV.NXT><CTL=ACK>;
 * the probe timer runs again */
START_TEST(test_established_keepalive_probe_is_snd_nxt_minus_one)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	t.keepalive = true;
	tcb_rearm(&t, PID);
	ASSERT_TIMERS(t, T_KA);
	STEP(t, ev_timeout(TCP_T_KEEPALIVE), PID, next, out);
	ASSERT_RULE(out, R_1122_4_2_3_6_KEEPALIVE);
	ASSERT_STATE(next, TCP_ESTABLISHED);
	ASSERT_ONE_SEG(out, TCP_ACK, 1000, 5001, 0);
	ASSERT_U32(next.ka_probes, 1);
	ASSERT_ARMS(out, TCP_T_KEEPALIVE);
	ASSERT_TIMERS(next, T_KA);
}
END_TEST

/* RFC 9293 3.8.4 and 3.4: SND.NXT-1 modulo 2^32 */
START_TEST(test_keepalive_probe_seq_wraps_below_zero)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, RFC), next;
	struct tcp_result out;

	t.iss = 0xffffffffu;
	t.snd_una = t.snd_nxt = 0;
	t.keepalive = true;
	tcb_rearm(&t, RFC);
	STEP(t, ev_timeout(TCP_T_KEEPALIVE), RFC, next, out);
	ASSERT_ONE_SEG(out, TCP_ACK, 0xffffffffu, 5001, 0);
}
END_TEST

/* RFC 1122 4.2.3.6 / RFC 9293 3.8.4: after the profile's count of
 * unanswered probes the connection is dropped; linux and lwIP reset it
 * (RST,ACK at SND.NXT), the RFC profiles close without a segment */
START_TEST(test_keepalive_gives_up_after_profile_probe_count)
{
	const struct tcp_profile *p = prof(PID);
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	t.keepalive = true;
	tcb_rearm(&t, PID);
	for (unsigned k = 0; k < p->keepalive_probes; k++) {
		STEP(t, ev_timeout(TCP_T_KEEPALIVE), PID, next, out);
		ASSERT_RULE(out, R_1122_4_2_3_6_KEEPALIVE);
		t = next;
	}
	STEP(t, ev_timeout(TCP_T_KEEPALIVE), PID, next, out);
	ASSERT_RULE(out, R_1122_4_2_3_6_KEEPALIVE_GIVE_UP);
	ASSERT_STATE(next, TCP_CLOSED);
	ASSERT_NOTIFY(out, TCP_N_TIMED_OUT);
	if (p->keepalive_rst)
		ASSERT_ONE_SEG(out, TCP_RST | TCP_ACK, 1001, 5001, 0);
	else
		ASSERT_NO_SEG(out);
}
END_TEST

/* RFC 1122 4.2.3.6: an answer to a probe shows the peer alive: the count of
 * unanswered probes starts again */
START_TEST(test_keepalive_answer_resets_probe_count)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	t.keepalive = true;
	t.ka_probes = 3;
	tcb_rearm(&t, PID);
	STEP(t, ev_seg(TCP_ACK, 5001, 1001, 65535, 0), PID, next, out);
	ASSERT_U32(next.ka_probes, 0);
	ASSERT_TIMERS(next, T_KA);
}
END_TEST

/* RFC 9293 3.8.4 MUST-26: "Keep-alive packets MUST only be sent when no
 * sent data is outstanding"; allowed in ESTABLISHED, CLOSE-WAIT, FIN-WAIT-2 */
START_TEST(test_keepalive_armed_only_when_idle)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID);

	t.keepalive = true;
	t.snd_nxt = 1101;
	tcb_rearm(&t, PID);
	ASSERT_TIMERS(t, RTX);
	t.snd_nxt = 1001;
	t.snd_wnd = 0;
	t.snd_queued = 10;
	tcb_rearm(&t, PID);
	/* data queued behind a zero window: no keep-alive, but the
	 * retransmission timer probes the window (3.8.6.1, MUST-36) */
	ASSERT_TIMERS(t, RTX);
	t = tcb_in(TCP_CLOSE_WAIT, PID);
	t.keepalive = true;
	tcb_rearm(&t, PID);
	ASSERT_TIMERS(t, T_KA);
	t = tcb_in(TCP_FIN_WAIT_2, PID);
	t.keepalive = true;
	tcb_rearm(&t, PID);
	ck_assert(t.timers & T_KA);
}
END_TEST

/* RFC 9293 3.8.4 MUST-26: probes only when "no data or acknowledgment
 * packets have been received for the connection within an interval": a
 * segment that arrives starts the keep-alive interval again */
START_TEST(test_keepalive_timer_restarted_by_arriving_segment)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, RFC), next;
	struct tcp_result out;

	t.keepalive = true;
	tcb_rearm(&t, RFC);
	STEP(t, ev_seg(TCP_ACK | TCP_PSH, 5001, 1001, 65535, 10), RFC, next, out);
	ASSERT_RULE(out, R_3_10_7_4_TEXT);
	ASSERT_ARMS(out, TCP_T_KEEPALIVE);
}
END_TEST

/* RFC 9293 3.8 (a timer that is not running cannot expire): nothing
 * happens, whatever the state */
START_TEST(test_unarmed_timer_expiry_changes_nothing)
{
	for (int s = 0; s < TCP_NSTATES; s++) {
		for (int k = 0; k < TCP_NTIMERS; k++) {
			struct tcp_tcb t = tcb_in((enum tcp_state)s, PID), next;
			struct tcp_result out;

			if (t.timers & TCP_TIMER_BIT(k))
				continue;
			STEP(t, ev_timeout((enum tcp_timer)k), PID, next, out);
			ASSERT_RULE(out, R_TIMER_NOT_ARMED);
			ASSERT_NO_SEG(out);
			ASSERT_TCB_UNCHANGED(t, next);
		}
	}
}
END_TEST

/* RFC 9293 3.8.6.1 MUST-36: "Probing of zero (offered) windows MUST be
 * supported": "The sending TCP peer must regularly transmit at least one
 * octet of new data (if available) ... even if the send window is zero".
 * Data queued behind a zero window must leave a timer running to probe. */
START_TEST(test_established_zero_send_window_keeps_probe_timer_running)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	t.snd_wnd = 0;
	STEP(t, ev_call(TCP_CALL_SEND, 100, 0), PID, next, out);
	ASSERT_NO_SEG(out);
	ck_assert_msg(next.timers != 0,
		      "100 bytes queued behind a zero window and no timer "
		      "running: the window is never probed");
}
END_TEST

/* ------------------------------------------------------- names, profiles */

/* RFC 9293 3.3.2: the states in the RFC's spelling (shared/DESIGN.md) */
START_TEST(test_state_names_use_rfc_9293_spelling)
{
	static const char *const rfc[TCP_NSTATES] = {
		"CLOSED", "LISTEN", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED",
		"FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT", "CLOSING", "LAST-ACK",
		"TIME-WAIT",
	};

	for (int s = 0; s < TCP_NSTATES; s++)
		ck_assert_str_eq(tcp_state_name((enum tcp_state)s), rfc[s]);
	ck_assert_str_eq(tcp_state_name(TCP_NSTATES), "?");
}
END_TEST

/* RFC 9293 3.10: the user is told in the RFC's words */
START_TEST(test_notifications_use_rfc_9293_wording)
{
	ck_assert_str_eq(tcp_notify_text(TCP_N_EXISTS),
			 "error: connection already exists");
	ck_assert_str_eq(tcp_notify_text(TCP_N_NOT_EXIST),
			 "error: connection does not exist");
	ck_assert_str_eq(tcp_notify_text(TCP_N_CLOSING),
			 "error: connection closing");
	ck_assert_str_eq(tcp_notify_text(TCP_N_INSUFFICIENT),
			 "error: insufficient resources");
	ck_assert_str_eq(tcp_notify_text(TCP_N_RESET), "connection reset");
	ck_assert_str_eq(tcp_notify_text(TCP_N_REFUSED), "connection refused");
	ck_assert_str_eq(tcp_notify_text(TCP_N_REMOTE_CLOSE), "connection closing");
	ck_assert_str_eq(tcp_notify_text(TCP_N_USER_TIMEOUT),
			 "error: connection aborted due to user timeout");
	ck_assert_str_eq(tcp_notify_text(TCP_NNOTIFY), "");
}
END_TEST

/* Every rule names itself and the RFC section behind it; out-of-range
 * values of every name table answer without reading past it */
START_TEST(test_every_rule_has_name_section_and_summary)
{
	for (int r = R_NONE + 1; r < TCP_NRULES; r++) {
		const char *name = tcp_rule_name((enum tcp_rule)r);

		ck_assert_msg(name && strncmp(name, "R_", 2) == 0,
			      "rule %d has no name", r);
		ck_assert_msg(tcp_rule_summary((enum tcp_rule)r)[0] != '\0',
			      "%s has no summary", name);
		ck_assert_msg(tcp_rule_label((enum tcp_rule)r) != NULL,
			      "%s has no label", name);
		if (r != R_INVALID_EVENT)
			ck_assert_msg(strstr(tcp_rule_section((enum tcp_rule)r),
					     "RFC") != NULL,
				      "%s cites no RFC", name);
	}
	ck_assert_str_eq(tcp_rule_name(TCP_NRULES), tcp_rule_name(R_NONE));
	ck_assert_str_eq(tcp_timer_name(TCP_T_TIME_WAIT), "time-wait");
	ck_assert_str_eq(tcp_timer_name(TCP_NTIMERS), "?");
	ck_assert_str_eq(tcp_call_name(TCP_CALL_OPEN_PASSIVE), "open-passive");
	ck_assert_str_eq(tcp_call_name(TCP_NCALLS), "?");
	ck_assert_str_eq(tcp_profile_name(TCP_PROFILE_RFC9293_5961),
			 "rfc9293-5961");
	ck_assert_str_eq(tcp_profile_name(TCP_NPROFILES), "?");
	ck_assert(tcp_profile_doc(TCP_PROFILE_LINUX)[0] != '\0');
	ck_assert_str_eq(tcp_profile_doc(TCP_NPROFILES), "");
}
END_TEST

/* The profiles: each id is its own table; an unknown id falls back to the
 * strict rfc9293 profile; the RFC 9293 profile keeps RFC 9293 defaults
 * (no RFC 5961 switches, RST obeyed in TIME-WAIT, no FIN-WAIT-2 timeout) */
START_TEST(test_profiles_lookup_and_rfc9293_defaults)
{
	const struct tcp_profile *rfc = tcp_profile_get(TCP_PROFILE_RFC9293);

	for (int id = 0; id < TCP_NPROFILES; id++)
		ck_assert_int_eq(tcp_profile_get((enum tcp_profile_id)id)->id, id);
	ck_assert_ptr_eq(tcp_profile_get(TCP_NPROFILES), rfc);
	ck_assert(!rfc->rst_challenge && !rfc->syn_challenge &&
		  !rfc->ack_check_5961 && !rfc->tw_ignore_rst &&
		  !rfc->tw_accept_syn && !rfc->fin_wait_2_timeout &&
		  !rfc->abort_rst_ack);
	ck_assert(tcp_profile_get(TCP_PROFILE_RFC9293_5961)->rst_challenge);
	ck_assert(tcp_profile_get(TCP_PROFILE_RFC9293_5961)->syn_challenge);
	ck_assert(tcp_profile_get(TCP_PROFILE_RFC9293_5961)->ack_check_5961);
}
END_TEST

static void add(TCase *tc, const TTest *t, bool per_profile)
{
	if (per_profile)
		tcase_add_loop_test(tc, t, 0, TCP_NPROFILES);
	else
		tcase_add_test(tc, t);
}


/* RFC 9293 3.8.4 MUST-25: keep-alives "MUST default to off": a connection
 * whose user never asked for them has no keep-alive timer, and a keep-alive
 * timeout is not armed (3.8). */
START_TEST(test_established_keepalive_default_off_timer_not_armed)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	ck_assert_msg(!t.keepalive, "keep-alive on by default");
	ASSERT_TIMERS(t, 0);
	STEP(t, ev_timeout(TCP_T_KEEPALIVE), PID, next, out);
	ASSERT_RULE(out, R_TIMER_NOT_ARMED);
	ASSERT_NO_SEG(out);
	ASSERT_STATE(next, TCP_ESTABLISHED);
}
END_TEST

/* RFC 9293 3.8.6.2.1 MUST-66 and 3.10.7.4: with RCV.WND zero "special
 * allowance should be made to accept valid ACKs, URGs, and RSTs": a RST at
 * RCV.NXT still resets the connection. */
START_TEST(test_established_zero_window_rst_at_rcv_nxt_resets)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	t.rcv_wnd = 0;
	tcb_rearm(&t, PID);
	STEP(t, ev_seg(TCP_RST, t.rcv_nxt, 0, 0, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_RST);
	ASSERT_STATE(next, TCP_CLOSED);
	ASSERT_NO_SEG(out);
}
END_TEST

/* RFC 9293 3.8.6.1 MUST-36: data queued behind a zero send window is
 * probed when the retransmission timer fires: one new octet at SND.NXT
 * (RFC 1122 4.2.2.17), or, under linux, <SEQ=SND.UNA-1> without data
 * (tcp_write_wakeup()). */
START_TEST(test_established_zero_window_probe_on_timeout)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;
	const struct tcp_profile *p = tcp_profile_get(PID);

	t.snd_wnd = 0;
	t.snd_queued = 100;
	tcb_rearm(&t, PID);
	ASSERT_TIMERS(t, RTX);
	STEP(t, ev_timeout(TCP_T_RETRANSMIT), PID, next, out);
	ASSERT_RULE(out, R_3_8_6_1_ZERO_WINDOW_PROBE);
	ASSERT_NEMIT(out, 1);
	if (p->zwp_no_data) {
		ck_assert_uint_eq(out.emit[0].seq, t.snd_una - 1);
		ck_assert_uint_eq(out.emit[0].len, 0);
		ck_assert_uint_eq(next.snd_nxt, t.snd_nxt);
	} else {
		ck_assert_uint_eq(out.emit[0].seq, t.snd_nxt);
		ck_assert_uint_eq(out.emit[0].len, 1);
		ck_assert_uint_eq(next.snd_nxt, t.snd_nxt + 1);
		ck_assert_uint_eq(next.snd_queued, 99);
	}
	ck_assert_uint_eq(out.emit[0].ack, t.rcv_nxt);
}
END_TEST

/* The profile switches are named and documented once, in the model; every
 * entry names a distinct field of struct tcp_profile (DESIGN.md: "named,
 * documented switches"). */
START_TEST(test_profile_switches_are_named_documented_and_distinct)
{
	unsigned n;
	const struct tcp_switch_info *sw = tcp_profile_switches(&n);

	ck_assert_uint_ge(n, 15);
	for (unsigned i = 0; i < n; i++) {
		ck_assert_msg(sw[i].name[0] && sw[i].doc[0], "switch %u unnamed", i);
		ck_assert_uint_lt(sw[i].offset, sizeof(struct tcp_profile));
		for (unsigned k = 0; k < i; k++)
			ck_assert_msg(sw[k].offset != sw[i].offset, "%s and %s share a field",
				      sw[k].name, sw[i].name);
	}
}
END_TEST

static Suite *model_suite(void)
{
	Suite *s = suite_create("model");
	TCase *user = tcase_create("user_calls");
	TCase *closed = tcase_create("closed");
	TCase *listen = tcase_create("listen");
	TCase *syn_sent = tcase_create("syn_sent");
	TCase *timers = tcase_create("timers");

	add(user, test_closed_open_passive_enters_listen, true);
	add(user, test_profile_switches_are_named_documented_and_distinct, false);
	add(timers, test_established_keepalive_default_off_timer_not_armed, true);
	add(timers, test_established_zero_window_rst_at_rcv_nxt_resets, true);
	add(timers, test_established_zero_window_probe_on_timeout, true);
	add(user, test_closed_open_active_sends_syn_enters_syn_sent, true);
	add(user, test_closed_open_active_iss_at_wrap_snd_nxt_is_zero, false);
	add(user, test_listen_open_active_becomes_active_sends_syn, true);
	add(user, test_open_on_existing_connection_returns_exists, true);
	add(user, test_closed_send_returns_not_exist, true);
	add(user, test_listen_send_sends_syn_queues_data_enters_syn_sent, true);
	add(user, test_syn_sent_send_queues_data, true);
	add(user, test_established_send_segmentizes_with_piggybacked_ack, true);
	add(user, test_established_send_beyond_window_queues_the_rest, false);
	add(user, test_close_wait_send_segmentizes, true);
	add(user, test_send_after_close_returns_closing, true);
	add(user, test_syn_received_send_after_queued_close_returns_closing, false);
	add(user, test_established_send_beyond_queue_space_returns_insufficient, false);
	add(user, test_closed_receive_returns_not_exist, true);
	add(user, test_listen_receive_is_queued, true);
	add(user, test_established_receive_delivers_unread_data, true);
	add(user, test_established_receive_with_nothing_unread_waits, true);
	add(user, test_close_wait_receive_delivers_remaining_data, true);
	add(user, test_close_wait_receive_with_nothing_left_returns_closing, true);
	add(user, test_closing_receive_returns_closing, true);
	add(user, test_closed_close_returns_not_exist, true);
	add(user, test_listen_close_deletes_tcb, true);
	add(user, test_syn_received_close_sends_fin_enters_fin_wait_1, true);
	add(user, test_syn_received_close_with_pending_data_is_queued, true);
	add(user, test_established_close_sends_fin_enters_fin_wait_1, true);
	add(user, test_established_close_behind_queued_data_sends_data_then_fin, true);
	add(user, test_close_wait_close_sends_fin_enters_last_ack, true);
	add(user, test_fin_wait_close_returns_closing_without_second_fin, true);
	add(user, test_closing_close_returns_closing, true);
	add(user, test_established_close_with_unread_data_profile_switch, true);
	add(user, test_closed_abort_returns_not_exist, true);
	add(user, test_listen_abort_deletes_tcb_without_rst, true);
	add(user, test_synchronized_abort_sends_rst_at_snd_nxt, true);
	add(user, test_closing_abort_deletes_tcb_quietly, true);

	add(closed, test_closed_rst_is_discarded, true);
	add(closed, test_closed_syn_without_ack_gets_rst_ack_seq_zero, true);
	add(closed, test_closed_fin_with_data_rst_acks_payload_and_fin, true);
	add(closed, test_closed_syn_fin_with_data_counts_syn_and_fin, true);
	add(closed, test_closed_segment_without_control_gets_rst_ack, true);
	add(closed, test_closed_ack_gets_rst_seq_seg_ack, true);
	add(closed, test_closed_rst_ack_wraps_at_2_32, false);

	add(listen, test_listen_rst_is_ignored, true);
	add(listen, test_listen_ack_gets_rst_seq_seg_ack, true);
	add(listen, test_listen_syn_sends_syn_ack_enters_syn_received, true);
	add(listen, test_listen_syn_without_mss_option_assumes_536, false);
	add(listen, test_listen_syn_at_wrap_rcv_nxt_is_zero, false);
	add(listen, test_listen_segment_without_syn_rst_or_ack_is_dropped, true);
	add(listen, test_listen_syn_fin_profile_switch, true);
	add(listen, test_listen_syn_with_text_holds_it_until_established, true);

	add(syn_sent, test_syn_sent_ack_at_or_below_iss_gets_rst, true);
	add(syn_sent, test_syn_sent_ack_beyond_snd_nxt_gets_rst, true);
	add(syn_sent, test_syn_sent_rst_with_unacceptable_ack_is_dropped, true);
	add(syn_sent, test_syn_sent_rst_with_acceptable_ack_closes, true);
	add(syn_sent, test_syn_sent_rst_without_ack_is_dropped, true);
	add(syn_sent, test_syn_sent_syn_ack_enters_established_sends_ack, true);
	add(syn_sent, test_syn_sent_syn_ack_sends_data_queued_by_send, true);
	add(syn_sent, test_syn_sent_syn_ack_with_text_accepts_it, true);
	add(syn_sent, test_syn_sent_syn_ack_with_fin_enters_close_wait, true);
	add(syn_sent, test_syn_sent_syn_enters_syn_received_simultaneous_open, true);
	add(syn_sent, test_syn_sent_segment_without_syn_or_rst_is_dropped, true);
	add(syn_sent, test_syn_sent_syn_with_text_queues_it_until_established, true);
	add(syn_sent, test_syn_sent_acceptable_ack_across_wrap, false);
	add(syn_sent, test_syn_sent_syn_ack_urgent_pointer_counts_from_seg_seq, false);

	add(timers, test_unsynchronized_retransmission_timeout_resends_syn, true);
	add(timers, test_synchronized_retransmission_timeout_resends_from_snd_una, true);
	add(timers, test_syn_sent_gives_up_after_profile_syn_retries, true);
	add(timers, test_syn_sent_without_retry_limit_keeps_retransmitting, false);
	add(timers, test_syn_received_gives_up_after_profile_synack_retries, true);
	add(timers, test_established_gives_up_after_profile_data_retries, true);
	add(timers, test_syn_sent_user_timeout_closes, true);
	add(timers, test_established_user_timer_runs_only_with_data_outstanding, true);
	add(timers, test_time_wait_timeout_deletes_tcb, true);
	add(timers, test_fin_wait_2_timeout_profile_switch, true);
	add(timers, test_established_keepalive_probe_is_snd_nxt_minus_one, true);
	add(timers, test_keepalive_probe_seq_wraps_below_zero, false);
	add(timers, test_keepalive_gives_up_after_profile_probe_count, true);
	add(timers, test_keepalive_answer_resets_probe_count, true);
	add(timers, test_keepalive_armed_only_when_idle, true);
	add(timers, test_keepalive_timer_restarted_by_arriving_segment, false);
	add(timers, test_unarmed_timer_expiry_changes_nothing, true);
	add(timers, test_established_zero_send_window_keeps_probe_timer_running, true);

	{
		TCase *names = tcase_create("names_profiles");

		tcase_add_test(names, test_state_names_use_rfc_9293_spelling);
		tcase_add_test(names, test_notifications_use_rfc_9293_wording);
		tcase_add_test(names, test_every_rule_has_name_section_and_summary);
		tcase_add_test(names, test_profiles_lookup_and_rfc9293_defaults);
		suite_add_tcase(s, names);
	}
	suite_add_tcase(s, user);
	suite_add_tcase(s, closed);
	suite_add_tcase(s, listen);
	suite_add_tcase(s, syn_sent);
	suite_add_tcase(s, timers);
	return s;
}

int main(void)
{
	return model_run_suite(model_suite()) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
