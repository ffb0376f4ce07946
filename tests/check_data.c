/*
 * check_data.c - the sixth, seventh and eighth checks of RFC 9293 3.10.7.4:
 * model/tcp_data.c (the URG bit, the segment text, held out-of-order text,
 * the FIN bit), with the half-duplex close of 3.6.1 (MAY-1, SHLD-3) as a
 * profile switch.
 *
 * Defaults (tcp_tcb_default): ISS 1000, IRS 5000, windows 65535; once
 * synchronized SND.UNA = SND.NXT = 1001, RCV.NXT = 5001; a FIN sent counts
 * in SND.NXT (1002), a FIN received in RCV.NXT (5002).
 */
#include <stdlib.h>

#include "support/model_check.h"

#define A TCP_ACK
#define F TCP_FIN
#define R TCP_RST
#define P TCP_PSH
#define U TCP_URG

/* ---------------------------------------------------- sixth check: URG */

/* RFC 9293 3.10.7.4 sixth, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2: "If the URG
 * bit is set, RCV.UP <- max(RCV.UP,SEG.UP)" (SEG.UP an offset from SEG.SEQ,
 * 3.1); CLOSE-WAIT ... TIME-WAIT: "Ignore the URG." */
START_TEST(test_established_urg_advances_rcv_up_never_back)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg_full(U | A, 5001, 1001, 65535, 20, 10, 0, 0), PID, next,
	     out);
	ASSERT_U32(next.rcv_up, 5011);
	t.rcv_up = 5100;
	STEP(t, ev_seg_full(U | A, 5001, 1001, 65535, 20, 10, 0, 0), PID, next,
	     out);
	ASSERT_U32(next.rcv_up, 5100);
	t = tcb_in(TCP_CLOSE_WAIT, PID);
	STEP(t, ev_seg_full(U | A, 5002, 1001, 65535, 0, 10, 0, 0), PID, next,
	     out);
	ASSERT_U32(next.rcv_up, t.rcv_up);
}
END_TEST

/* ------------------------------------------------- seventh check: text */

/* RFC 9293 3.10.7.4 seventh: "it advances RCV.NXT over the data accepted,
 * and adjusts RCV.WND ... The total of RCV.NXT and RCV.WND should not be
 * reduced ... Send an acknowledgment of the form: <SEQ=SND.NXT><ACK=RCV.NXT>
 * <CTL=ACK>" */
START_TEST(test_established_text_at_rcv_nxt_is_accepted_and_acked)
{
	enum tcp_state states[] = { TCP_ESTABLISHED, TCP_FIN_WAIT_1,
				    TCP_FIN_WAIT_2 };

	for (size_t k = 0; k < 3; k++) {
		struct tcp_tcb t = tcb_in(states[k], PID), next;
		struct tcp_result out;

		if (states[k] != TCP_ESTABLISHED && prof(PID)->rst_on_close_unread)
			continue; /* half-duplex close: see the SHLD-3 test */
		STEP(t, ev_seg(A | P, 5001, t.snd_una, 65535, 100), PID, next,
		     out);
		ASSERT_RULE(out, R_3_10_7_4_TEXT);
		ASSERT_STATE(next, states[k]);
		ASSERT_U32(next.rcv_nxt, 5101);
		ASSERT_U32(next.rcv_wnd, 65435);
		ASSERT_U32(next.rcv_unread, 100);
		ASSERT_ONE_SEG(out, A, t.snd_nxt, 5101, 0);
	}
}
END_TEST

/* RFC 9293 3.10.7.4 first: segments are trimmed to the window; only the
 * octets within RCV.NXT .. RCV.NXT+RCV.WND-1 are taken */
START_TEST(test_established_text_beyond_window_is_trimmed)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	t.rcv_wnd = 50;
	STEP(t, ev_seg(A | P, 5001, 1001, 65535, 100), PID, next, out);
	ASSERT_U32(next.rcv_nxt, 5051);
	ASSERT_U32(next.rcv_wnd, 0);
	ASSERT_ONE_SEG(out, A, 1001, 5051, 0);
}
END_TEST

/* RFC 9293 3.10.7.4 first: "Segments with higher beginning sequence numbers
 * may be held for later processing" - the model does not hold them; RCV.NXT
 * stays and is acknowledged */
START_TEST(test_established_out_of_order_text_is_acked_not_accepted)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(A | P, 5101, 1001, 65535, 10), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_TEXT_OUT_OF_ORDER);
	ASSERT_U32(next.rcv_nxt, 5001);
	ASSERT_ONE_SEG(out, A, 1001, 5001, 0);
}
END_TEST

/* RFC 9293 3.10.7.4 first: "Segments with higher beginning sequence numbers
 * SHOULD be held for later processing (SHLD-31)": text beyond a gap is
 * held; when the gap is filled RCV.NXT passes both, and a FIN held with it */
START_TEST(test_established_out_of_order_text_held_until_gap_filled)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(A | P, 5011, 1001, 65535, 10), PID, next, out);
	ASSERT_U32(next.rcv_nxt, 5001);
	ASSERT_ONE_SEG(out, A, 1001, 5001, 0);
	t = next;
	STEP(t, ev_seg(A | P, 5001, 1001, 65535, 10), PID, next, out);
	ASSERT_U32(next.rcv_nxt, 5021);
	ASSERT_U32(next.rcv_unread, 20);
	ASSERT_ONE_SEG(out, A, 1001, 5021, 0);
	t = tcb_in(TCP_ESTABLISHED, PID);
	STEP(t, ev_seg(F | A | P, 5011, 1001, 65535, 10), PID, next, out);
	ASSERT_STATE(next, TCP_ESTABLISHED);
	t = next;
	STEP(t, ev_seg(A | P, 5001, 1001, 65535, 10), PID, next, out);
	ASSERT_STATE(next, TCP_CLOSE_WAIT);
	ASSERT_U32(next.rcv_nxt, 5022);
	ASSERT_ONE_SEG(out, A, 1001, 5022, 0);
}
END_TEST

/* RFC 9293 3.6.1 MAY-1, SHLD-3: where CLOSE is a half-duplex close (linux,
 * lwIP: rst_on_close_unread), "if new data is received after CLOSE is
 * called, its TCP implementation SHOULD send a RST to show that data was
 * lost" - a reset the sender accepts, <SEQ=SEG.ACK><CTL=RST> (3.5.2) */
START_TEST(test_fin_wait_data_after_close_profile_switch)
{
	enum tcp_state states[] = { TCP_FIN_WAIT_1, TCP_FIN_WAIT_2 };

	for (size_t k = 0; k < 2; k++) {
		struct tcp_tcb t = tcb_in(states[k], PID), next;
		struct tcp_result out;

		STEP(t, ev_seg(A | P, 5001, 1001, 65535, 100), PID, next, out);
		if (!prof(PID)->rst_on_close_unread ||
		    prof(PID)->data_after_close_acked) {
			/* libslirp (data_after_close_acked): only unread data
			 * at CLOSE resets; this is taken in */
			ASSERT_RULE(out, R_3_10_7_4_TEXT);
			ASSERT_STATE(next, states[k]);
			continue;
		}
		ASSERT_RULE(out, R_3_6_1_DATA_AFTER_CLOSE_RST);
		ASSERT_STATE(next, TCP_CLOSED);
		ASSERT_NOTIFY(out, TCP_N_RESET);
		ASSERT_NEMIT(out, 1);
		ck_assert(out.emit[0].flags & R);
		ASSERT_U32(out.emit[0].seq, 1001);
	}
}
END_TEST

/* RFC 9293 3.10.7.4 seventh, CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT:
 * "This should not occur since a FIN has been received from the remote
 * side.  Ignore the segment text." */
START_TEST(test_close_wait_text_is_ignored)
{
	for (int s = TCP_CLOSE_WAIT; s <= TCP_LAST_ACK; s++) {
		struct tcp_tcb t = tcb_in((enum tcp_state)s, PID), next;
		struct tcp_result out;

		STEP(t, ev_seg(A | P, t.rcv_nxt, t.snd_una, 65535, 10), PID, next,
		     out);
		if (prof(PID)->text_after_fin && s != TCP_CLOSING) {
			/* the switch's departure (libslirp: TCPS_HAVERCVDFIN()
			 * only from TIME-WAIT on): taken in and acknowledged
			 * (CLOSING ignores a segment that does not acknowledge
			 * our FIN at the fifth check already) */
			ASSERT_U32(next.rcv_nxt, t.rcv_nxt + 10);
			ASSERT_U32(next.rcv_unread, 10);
			ASSERT_STATE(next, t.state);
			ASSERT_RULE(out, R_3_10_7_4_TEXT);
			continue;
		}
		ASSERT_U32(next.rcv_nxt, t.rcv_nxt);
		ASSERT_U32(next.rcv_unread, 0);
		ASSERT_STATE(next, t.state);
		if (s == TCP_CLOSE_WAIT)
			ASSERT_RULE(out, R_3_10_7_4_TEXT_IGNORED);
	}
}
END_TEST

/* --------------------------------------------------- eighth check: FIN */

/* RFC 9293 3.10.7.4 eighth: "signal the user "connection closing" ...
 * advance RCV.NXT over the FIN, and send an acknowledgment for the FIN";
 * "SYN-RECEIVED STATE, ESTABLISHED STATE: Enter the CLOSE-WAIT state."
 * (seed: ESTABLISHED -> CLOSE_WAIT) */
START_TEST(test_established_fin_enters_close_wait_and_acks)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(F | A, 5001, 1001, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_FIN_CLOSE_WAIT);
	ASSERT_STATE(next, TCP_CLOSE_WAIT);
	ASSERT_NOTIFY(out, TCP_N_REMOTE_CLOSE);
	ASSERT_U32(next.rcv_nxt, 5002);
	ASSERT_ONE_SEG(out, A, 1001, 5002, 0);
	/* text before the FIN: RCV.NXT passes both */
	STEP(t, ev_seg(F | P | A, 5001, 1001, 65535, 10), PID, next, out);
	ASSERT_STATE(next, TCP_CLOSE_WAIT);
	ASSERT_U32(next.rcv_nxt, 5012);
	ASSERT_U32(next.rcv_unread, 10);
	ASSERT_ONE_SEG(out, A, 1001, 5012, 0);
	/* a FIN beyond a gap is not processed */
	STEP(t, ev_seg(F | A, 5011, 1001, 65535, 0), PID, next, out);
	ASSERT_STATE(next, TCP_ESTABLISHED);
	ASSERT_U32(next.rcv_nxt, 5001);
	/* SYN-RECEIVED: the ACK of our SYN, then the FIN */
	t = tcb_in(TCP_SYN_RECEIVED, PID);
	STEP(t, ev_seg(F | A, 5001, 1001, 65535, 0), PID, next, out);
	ASSERT_STATE(next, TCP_CLOSE_WAIT);
	ASSERT_ONE_SEG(out, A, 1001, 5002, 0);
}
END_TEST

/* RFC 9293 3.10.7.4 eighth, FIN-WAIT-1: "If our FIN has been ACKed (perhaps
 * in this segment), then enter TIME-WAIT, start the time-wait timer, turn
 * off the other timers; otherwise, enter the CLOSING state." (Figure 5
 * note 2; seed: simultaneous close FIN_WAIT_1 -> CLOSING) */
START_TEST(test_fin_wait_1_fin_enters_closing_or_time_wait)
{
	struct tcp_tcb t = tcb_in(TCP_FIN_WAIT_1, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(F | A, 5001, 1001, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_FIN_CLOSING);
	ASSERT_STATE(next, TCP_CLOSING);
	ASSERT_NOTIFY(out, TCP_N_REMOTE_CLOSE);
	ASSERT_ACK_FOR(out, PID, next, 1002, 5002);
	ASSERT_TIMERS(next, RTX);
	STEP(t, ev_seg(F | A, 5001, 1002, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_FIN_TIME_WAIT);
	ASSERT_STATE(next, TCP_TIME_WAIT);
	ASSERT_ONE_SEG(out, A, 1002, 5002, 0);
	ASSERT_TIMERS(next, T_TW);
	ASSERT_ARMS(out, TCP_T_TIME_WAIT);
	ASSERT_CANCELS(out, TCP_T_RETRANSMIT);
}
END_TEST

/* RFC 9293 3.10.7.4 eighth, FIN-WAIT-2: "Enter the TIME-WAIT state.  Start
 * the time-wait timer, turn off the other timers." (MUST-13; seed:
 * FIN_WAIT_2 -> TIME_WAIT) */
START_TEST(test_fin_wait_2_fin_enters_time_wait)
{
	struct tcp_tcb t = tcb_in(TCP_FIN_WAIT_2, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(F | A, 5001, 1002, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_FIN_TIME_WAIT);
	ASSERT_STATE(next, TCP_TIME_WAIT);
	ASSERT_NOTIFY(out, TCP_N_REMOTE_CLOSE);
	ASSERT_ONE_SEG(out, A, 1002, 5002, 0);
	ASSERT_TIMERS(next, T_TW);
}
END_TEST

/* RFC 9293 3.10.7.4 eighth, CLOSE-WAIT: "Remain in the CLOSE-WAIT state."
 * (and CLOSING, LAST-ACK likewise) */
START_TEST(test_close_wait_second_fin_stays)
{
	struct tcp_tcb t = tcb_in(TCP_CLOSE_WAIT, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(F | A, 5002, 1001, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_FIN_AGAIN);
	ASSERT_STATE(next, TCP_CLOSE_WAIT);
	if (prof(PID)->fin_again_silent) {
		/* Linux (tcp_rcv_state_process() step 7): no ACK; the RFC says
		 * only "Remain in the CLOSE-WAIT state" */
		ASSERT_NO_SEG(out);
		return;
	}
	ASSERT_ONE_SEG(out, A, 1001, 5002, 0);
}
END_TEST

/* RFC 9293 3.10.7.4 TIME-WAIT: "The only thing that can arrive in this
 * state is a retransmission of the remote FIN.  Acknowledge it, and restart
 * the 2 MSL timeout." (MUST-13) */
START_TEST(test_time_wait_retransmitted_fin_is_acked_and_restarts_2msl)
{
	struct tcp_tcb t = tcb_in(TCP_TIME_WAIT, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(F | A, 5001, 1002, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_FIN_TIME_WAIT_RESTART);
	ASSERT_STATE(next, TCP_TIME_WAIT);
	ASSERT_ONE_SEG(out, A, 1002, 5002, 0);
	ASSERT_ARMS(out, TCP_T_TIME_WAIT);
	ASSERT_TIMERS(next, T_TW);
	/* a FIN at RCV.NXT too: remain, restart */
	STEP(t, ev_seg(F | A, 5002, 1002, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_FIN_TIME_WAIT_RESTART);
	ASSERT_ARMS(out, TCP_T_TIME_WAIT);
}
END_TEST

static Suite *data_suite(void)
{
	Suite *s = suite_create("data");
	TCase *urg = tcase_create("urg");
	TCase *text = tcase_create("text");
	TCase *fin = tcase_create("fin");

	model_add_test(urg, test_established_urg_advances_rcv_up_never_back, true);
	suite_add_tcase(s, urg);

	model_add_test(text, test_established_text_at_rcv_nxt_is_accepted_and_acked, true);
	model_add_test(text, test_established_text_beyond_window_is_trimmed, true);
	model_add_test(text, test_established_out_of_order_text_is_acked_not_accepted, true);
	model_add_test(text, test_established_out_of_order_text_held_until_gap_filled, true);
	model_add_test(text, test_fin_wait_data_after_close_profile_switch, true);
	model_add_test(text, test_close_wait_text_is_ignored, true);
	suite_add_tcase(s, text);

	model_add_test(fin, test_established_fin_enters_close_wait_and_acks, true);
	model_add_test(fin, test_fin_wait_1_fin_enters_closing_or_time_wait, true);
	model_add_test(fin, test_fin_wait_2_fin_enters_time_wait, true);
	model_add_test(fin, test_close_wait_second_fin_stays, true);
	model_add_test(fin, test_time_wait_retransmitted_fin_is_acked_and_restarts_2msl, true);
	suite_add_tcase(s, fin);
	return s;
}

int main(void)
{
	return model_run_suite(data_suite()) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
