/*
 * check_emit.c - the output routine of model/tcp_emit.c (tcp_output): data
 * queued by SEND and a FIN queued by CLOSE go out as far as the send window
 * allows, with SYN-RECEIVED's queue sent once ESTABLISHED is reached (RFC
 * 9293 3.10.2, 3.10.4, 3.8.6; 3.10.7.4 seventh: the ACK piggybacked).
 *
 * Defaults (tcp_tcb_default): ISS 1000, IRS 5000, windows 65535; once
 * synchronized SND.UNA = SND.NXT = 1001, RCV.NXT = 5001; a FIN sent counts
 * in SND.NXT (1002), a FIN received in RCV.NXT (5002).
 */
#include <stdlib.h>

#include "support/model_check.h"

#define A TCP_ACK
#define F TCP_FIN
#define P TCP_PSH

/* ----------------------------------------------------- the send window */

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

/* RFC 9293 3.10.7.4 seventh: "This acknowledgment should be piggybacked on
 * a segment being transmitted if possible" */
START_TEST(test_established_text_ack_piggybacks_on_queued_data)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	t.snd_wnd = 0;
	t.snd_queued = 50;
	tcb_rearm(&t, PID);
	STEP(t, ev_seg(A | P, 5001, 1001, 1000, 100), PID, next, out);
	ASSERT_ONE_SEG(out, A | P, 1001, 5101, 50);
	ASSERT_U32(next.snd_nxt, 1051);
}
END_TEST

/* RFC 9293 3.10.7.4 fifth, CLOSING: "In addition to the processing for the
 * ESTABLISHED state" (the window update); 3.10.4: the FIN follows "all
 * preceding SENDs".  Data queued behind a closed window when both sides
 * closed must go out once the peer opens its window. */
START_TEST(test_closing_window_update_sends_queued_data_and_fin)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID);
	const struct model_script_step steps[] = {
		{ "SEND 100 into a zero window", ev_call(TCP_CALL_SEND, 100, 0),
		  TCP_ESTABLISHED, R_3_10_2_SEND_DATA, 0, 0, 0, 0, 0 },
		{ "CLOSE", ev_call(TCP_CALL_CLOSE, 0, 0), TCP_FIN_WAIT_1,
		  R_3_10_4_CLOSE_ESTABLISHED, 0, 0, 0, 0, 0 },
		{ "rcv FIN", ev_seg(F | A, 5001, 1001, 0, 0), TCP_CLOSING,
		  R_3_10_7_4_FIN_CLOSING, 1, A, 1001, 5002, 0 },
		{ "rcv window 1000", ev_seg(A, 5002, 1001, 1000, 0), TCP_CLOSING,
		  R_NONE, 1, F | P | A, 1001, 5002, 100 },
	};

	t.snd_wnd = 0;
	model_run_script(&t, steps, SCRIPT_LEN(steps), PID);
}
END_TEST

/* -------------------------------------------- queued until ESTABLISHED */

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

/* RFC 9293 3.10.2 SYN-RECEIVED "Queue the data for transmission after
 * entering ESTABLISHED state" - sent when the ACK of our SYN arrives */
START_TEST(test_syn_received_ack_sends_data_queued_by_send)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_RECEIVED, PID), next;
	struct tcp_result out;

	t.snd_queued = 100;
	STEP(t, ev_seg(A, 5001, 1001, 65535, 0), PID, next, out);
	ASSERT_STATE(next, TCP_ESTABLISHED);
	ASSERT_ONE_SEG(out, A | P, 1001, 5001, 100);
}
END_TEST

/* RFC 9293 3.10.4 SYN-RECEIVED: the CLOSE was "queue[d] for processing
 * after entering ESTABLISHED state"; ESTABLISHED: "Queue this until all
 * preceding SENDs have been segmentized, then form a FIN segment and send
 * it.  In any case, enter FIN-WAIT-1 state." */
START_TEST(test_syn_received_ack_processes_queued_close)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_RECEIVED, PID), next;
	struct tcp_result out;

	t.snd_queued = 100;
	t.fin_queued = true;
	STEP(t, ev_seg(A, 5001, 1001, 65535, 0), PID, next, out);
	ASSERT_STATE(next, TCP_FIN_WAIT_1);
	ASSERT_ONE_SEG(out, F | P | A, 1001, 5001, 100);
}
END_TEST

/* RFC 9293 3.10.4 ESTABLISHED (the queued CLOSE of SYN-RECEIVED, processed
 * on entering ESTABLISHED): "In any case, enter FIN-WAIT-1 state" - also
 * when the peer's window holds only 10 of the 100 queued octets */
START_TEST(test_syn_received_queued_close_enters_fin_wait_1_with_data_left)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_RECEIVED, PID), next;
	struct tcp_result out;

	t.snd_queued = 100;
	t.fin_queued = true;
	STEP(t, ev_seg(A, 5001, 1001, 10, 0), PID, next, out);
	ASSERT_ONE_SEG(out, P | A, 1001, 5001, 10);
	ASSERT_STATE(next, TCP_FIN_WAIT_1);
}
END_TEST

static Suite *emit_suite(void)
{
	Suite *s = suite_create("emit");
	TCase *wnd = tcase_create("send_window");
	TCase *sync = tcase_create("synchronized");

	model_add_test(wnd, test_established_send_beyond_window_queues_the_rest, false);
	model_add_test(wnd, test_established_close_behind_queued_data_sends_data_then_fin, true);
	model_add_test(wnd, test_established_text_ack_piggybacks_on_queued_data, true);
	model_add_test(wnd, test_closing_window_update_sends_queued_data_and_fin, true);
	suite_add_tcase(s, wnd);

	model_add_test(sync, test_syn_sent_syn_ack_sends_data_queued_by_send, true);
	model_add_test(sync, test_syn_received_ack_sends_data_queued_by_send, true);
	model_add_test(sync, test_syn_received_ack_processes_queued_close, true);
	model_add_test(sync, test_syn_received_queued_close_enters_fin_wait_1_with_data_left, true);
	suite_add_tcase(s, sync);
	return s;
}

int main(void)
{
	return model_run_suite(emit_suite()) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
