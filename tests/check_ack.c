/*
 * check_ack.c - the fifth check of RFC 9293 3.10.7.4, the ACK field:
 * model/tcp_ack.c (SYN-RECEIVED completing the handshake, SND.UNA and the
 * send window, our FIN acknowledged in FIN-WAIT-1, CLOSING, LAST-ACK), with
 * RFC 5961 5.2 as a profile switch; and the drop of a segment without ACK
 * that tcp_other.c does before it.
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

/* ----------------------------------------------------- the ACK bit off */

/* RFC 9293 3.10.7.4 fifth: "if the ACK bit is off, drop the segment and
 * return" (SYN-RECEIVED always; the other states unless the profile takes
 * text without ACK, test_text_without_ack_is_taken) */
START_TEST(test_synchronized_segment_without_ack_is_dropped)
{
	for (int s = TCP_SYN_RECEIVED; s < TCP_NSTATES; s++) {
		struct tcp_tcb t = tcb_in((enum tcp_state)s, PID), next;
		struct tcp_result out;

		if (prof(PID)->text_without_ack && s != TCP_SYN_RECEIVED)
			continue;
		STEP(t, ev_seg(P | F, t.rcv_nxt, 0, 1000, 10), PID, next, out);
		ASSERT_RULE(out, R_3_10_7_4_NO_ACK);
		ASSERT_NO_SEG(out);
		ASSERT_TCB_UNCHANGED(t, next);
	}
}
END_TEST

/* RFC 9293 3.10.7.4 fifth ("if the ACK bit is off, drop the segment and
 * return"); the switch text_without_ack (lwIP's tcp_process() calls
 * tcp_receive() whatever the ACK bit) departs from it in ESTABLISHED..
 * TIME-WAIT: the text and the FIN are taken in and acknowledged. */
START_TEST(test_text_without_ack_is_taken_by_switch)
{
	struct tcp_profile p = *prof(PID);
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_event ev = ev_seg(P | F, t.rcv_nxt, 0, 1000, 10);
	struct tcp_result out;

	p.text_without_ack = true;
	ck_assert_int_eq(tcp_step(&t, &ev, &p, &next, &out), 0);
	ASSERT_STATE(next, TCP_CLOSE_WAIT);
	ASSERT_U32(next.rcv_nxt, t.rcv_nxt + 11);
	ASSERT_ONE_SEG(out, A, t.snd_nxt, t.rcv_nxt + 11, 0);
	/* SYN-RECEIVED still drops it */
	t = tcb_in(TCP_SYN_RECEIVED, PID);
	ev = ev_seg(P, t.rcv_nxt, 0, 1000, 10);
	ck_assert_int_eq(tcp_step(&t, &ev, &p, &next, &out), 0);
	ASSERT_RULE(out, R_3_10_7_4_NO_ACK);
	ASSERT_TCB_UNCHANGED(t, next);
	ASSERT_NO_SEG(out);
}
END_TEST

/* -------------------------------------------------------- SYN-RECEIVED */

/* RFC 9293 3.10.7.4 fifth, SYN-RECEIVED: "If SND.UNA < SEG.ACK =< SND.NXT,
 * then enter ESTABLISHED state and continue processing with the variables
 * below set to: SND.WND <- SEG.WND, SND.WL1 <- SEG.SEQ, SND.WL2 <- SEG.ACK"
 * (seed: SYN_RECV -> ESTABLISHED) */
START_TEST(test_syn_received_acceptable_ack_enters_established)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_RECEIVED, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(A, 5001, 1001, 40000, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_SYN_RECEIVED_ACK);
	ASSERT_STATE(next, TCP_ESTABLISHED);
	ASSERT_NOTIFY(out, TCP_N_ESTABLISHED);
	ASSERT_NO_SEG(out);
	ASSERT_U32(next.snd_una, 1001);
	ASSERT_U32(next.snd_wnd, 40000);
	ASSERT_U32(next.snd_wl1, 5001);
	ASSERT_U32(next.snd_wl2, 1001);
	ASSERT_TIMERS(next, 0);
	ASSERT_CANCELS(out, TCP_T_RETRANSMIT);
}
END_TEST

/* RFC 9293 3.10.7.4 fifth, SYN-RECEIVED: "If the segment acknowledgment is
 * not acceptable, form a reset segment <SEQ=SEG.ACK><CTL=RST> and send it." */
START_TEST(test_syn_received_unacceptable_ack_gets_rst)
{
	uint32_t acks[] = { 1000, 1002, 0x80000000u };

	for (size_t k = 0; k < 3; k++) {
		struct tcp_tcb t = tcb_in(TCP_SYN_RECEIVED, PID), next;
		struct tcp_result out;

		STEP(t, ev_seg(A, 5001, acks[k], 1000, 0), PID, next, out);
		ASSERT_RULE(out, R_3_10_7_4_SYN_RECEIVED_BAD_ACK);
		ASSERT_STATE(next, TCP_SYN_RECEIVED);
		ASSERT_REPLY_RST(out, PID, acks[k], 5001);
	}
}
END_TEST

/* ---------------------------- ESTABLISHED: SND.UNA and the send window */

/* RFC 9293 3.10.7.4 fifth, ESTABLISHED: "If the ACK acks something not yet
 * sent (SEG.ACK > SND.NXT), then send an ACK, drop the segment, and
 * return." (the text of the segment is dropped too) */
START_TEST(test_established_ack_of_unsent_data_gets_ack_and_is_dropped)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(A | P, 5001, 1002, 65535, 10), PID, next, out);
	if (prof(PID)->ack_unsent_takes_text) {
		/* the switch's departure (lwIP's tcp_receive()): the ACK,
		 * then the text taken and acknowledged */
		ASSERT_RULE(out, R_3_10_7_4_ACK_UNSENT_TEXT);
		ASSERT_NEMIT(out, 2);
		ASSERT_SEG(out, 0, A, 1001, 5001, 0);
		ASSERT_SEG(out, 1, A, 1001, 5011, 0);
		ASSERT_U32(next.rcv_nxt, 5011);
		return;
	}
	ASSERT_RULE(out, R_3_10_7_4_ACK_UNSENT);
	ASSERT_ONE_SEG(out, A, 1001, 5001, 0);
	ASSERT_U32(next.rcv_nxt, 5001);
	ASSERT_TCB_UNCHANGED(t, next);
}
END_TEST

/* The ack_unsent_silent switch (no built-in profile sets it): the segment is
 * dropped without the RFC's ACK */
START_TEST(test_established_ack_of_unsent_data_silent_switch_sends_nothing)
{
	struct tcp_profile p = *prof(RFC);
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, RFC), next;
	struct tcp_result out;

	p.ack_unsent_silent = true;
	ck_assert_int_eq(model_step(&t, ev_seg(A, 5001, 1002, 65535, 0), &p,
				    &next, &out), 0);
	ASSERT_RULE(out, R_3_10_7_4_ACK_UNSENT);
	ASSERT_NO_SEG(out);
}
END_TEST

/* RFC 5961 5.2: "the ACK value is acceptable only if it is in the range of
 * ((SND.UNA - MAX.SND.WND) =< SEG.ACK =< SND.NXT).  All incoming segments
 * whose ACK value doesn't satisfy the above condition MUST be discarded and
 * an ACK sent back."  Without it, "If the ACK is a duplicate (SEG.ACK =<
 * SND.UNA), it can be ignored" and the text is processed. */
START_TEST(test_established_old_ack_profile_switch_rfc5961)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	t.snd_una = t.snd_nxt = t.snd_wl2 = 200000;
	tcb_rearm(&t, PID);
	STEP(t, ev_seg(A | P, 5001, 200000 - 65536, 65535, 10), PID, next, out);
	if (prof(PID)->ack_check_5961) {
		ASSERT_RULE(out, R_5961_5_ACK_CHALLENGE);
		ASSERT_ONE_SEG(out, A, 200000, 5001, 0);
		ASSERT_U32(next.rcv_nxt, 5001);
	} else {
		ASSERT_RULE(out, R_3_10_7_4_TEXT);
		ASSERT_U32(next.rcv_nxt, 5011);
	}
	/* exactly SND.UNA - MAX.SND.WND is acceptable everywhere */
	STEP(t, ev_seg(A | P, 5001, 200000 - 65535, 65535, 10), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_TEXT);
	ASSERT_U32(next.rcv_nxt, 5011);
}
END_TEST

/* RFC 9293 3.10.7.4 fifth: "If SND.UNA < SEG.ACK =< SND.NXT, then set
 * SND.UNA <- SEG.ACK.  Any segments on the retransmission queue that are
 * thereby entirely acknowledged are removed."; 3.8.1 (RFC 6298 5.3): the
 * retransmission timer restarts while data is outstanding, stops when all
 * is acknowledged */
START_TEST(test_established_new_ack_advances_snd_una)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	t.snd_nxt = 1101;
	tcb_rearm(&t, PID);
	STEP(t, ev_seg(A, 5001, 1051, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_ACK);
	ASSERT_U32(next.snd_una, 1051);
	ASSERT_TIMERS(next, RTX);
	ASSERT_ARMS(out, TCP_T_RETRANSMIT);
	ASSERT_NO_SEG(out);
	t = next;
	STEP(t, ev_seg(A, 5001, 1101, 65535, 0), PID, next, out);
	ASSERT_U32(next.snd_una, 1101);
	ASSERT_TIMERS(next, 0);
	ASSERT_CANCELS(out, TCP_T_RETRANSMIT);
}
END_TEST

/* RFC 9293 3.10.7.4 fifth: "If the ACK is a duplicate (SEG.ACK =< SND.UNA),
 * it can be ignored." */
START_TEST(test_established_duplicate_ack_is_ignored)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(A, 5001, 1001, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_ACK_DUPLICATE);
	ASSERT_NO_SEG(out);
	ASSERT_TCB_UNCHANGED(t, next);
	STEP(t, ev_seg(A, 5001, 1000, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_ACK_DUPLICATE);
	ASSERT_U32(next.snd_una, 1001);
}
END_TEST

/* RFC 9293 3.10.7.4 fifth: "If (SND.WL1 < SEG.SEQ or (SND.WL1 = SEG.SEQ and
 * SND.WL2 =< SEG.ACK)), set SND.WND <- SEG.WND, set SND.WL1 <- SEG.SEQ,
 * and set SND.WL2 <- SEG.ACK." */
START_TEST(test_established_window_update_follows_wl1_wl2)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, RFC), next;
	struct tcp_result out;

	/* SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK: updated */
	STEP(t, ev_seg(A, 5001, 1001, 3000, 0), RFC, next, out);
	ASSERT_U32(next.snd_wnd, 3000);
	/* SND.WL1 < SEG.SEQ: updated */
	t.rcv_nxt = 5011;
	STEP(t, ev_seg(A, 5011, 1001, 2000, 0), RFC, next, out);
	ASSERT_U32(next.snd_wnd, 2000);
	ASSERT_U32(next.snd_wl1, 5011);
	/* SND.WL1 = SEG.SEQ but SND.WL2 > SEG.ACK: an older update, ignored */
	t = tcb_in(TCP_ESTABLISHED, RFC);
	t.snd_nxt = 1101;
	t.snd_wl2 = 1051;
	tcb_rearm(&t, RFC);
	STEP(t, ev_seg(A, 5001, 1001, 7, 0), RFC, next, out);
	ASSERT_U32(next.snd_wnd, 65535);
	/* SEG.SEQ < SND.WL1: an older update, ignored */
	t = tcb_in(TCP_ESTABLISHED, RFC);
	t.snd_wl1 = 5010;
	t.rcv_nxt = 5020;
	STEP(t, ev_seg(A | P, 5005, 1001, 7, 20), RFC, next, out);
	ASSERT_U32(next.snd_wnd, 65535);
	ASSERT_U32(next.snd_wl1, 5010);
}
END_TEST

/* ------------------------------------------------ our FIN acknowledged */

/* RFC 9293 3.10.7.4 fifth, FIN-WAIT-1: "if the FIN segment is now
 * acknowledged, then enter FIN-WAIT-2 and continue processing in that
 * state" (seed: FIN_WAIT_1 -> FIN_WAIT_2) */
START_TEST(test_fin_wait_1_ack_of_fin_enters_fin_wait_2)
{
	struct tcp_tcb t = tcb_in(TCP_FIN_WAIT_1, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(A, 5001, 1002, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_FIN_WAIT_1_ACKED);
	ASSERT_STATE(next, TCP_FIN_WAIT_2);
	ASSERT_NO_SEG(out);
	ASSERT_TIMERS(next, prof(PID)->fin_wait_2_timeout ? T_FW2 : 0);
	ASSERT_CANCELS(out, TCP_T_RETRANSMIT);
}
END_TEST

/* RFC 9293 3.10.7.4 fifth, FIN-WAIT-1: an ACK below our FIN keeps FIN-WAIT-1 */
START_TEST(test_fin_wait_1_partial_ack_stays)
{
	struct tcp_tcb t = tcb_in(TCP_FIN_WAIT_1, PID), next;
	struct tcp_result out;

	t.snd_nxt = 1102;
	tcb_rearm(&t, PID);
	STEP(t, ev_seg(A, 5001, 1051, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_ACK);
	ASSERT_STATE(next, TCP_FIN_WAIT_1);
	ASSERT_U32(next.snd_una, 1051);
}
END_TEST

/* RFC 9293 3.10.7.4 fifth, CLOSING: "if the ACK acknowledges our FIN, then
 * enter the TIME-WAIT state; otherwise, ignore the segment." (seed:
 * CLOSING -> TIME_WAIT) */
START_TEST(test_closing_ack_of_fin_enters_time_wait)
{
	struct tcp_tcb t = tcb_in(TCP_CLOSING, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(A, 5002, 1002, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_CLOSING_ACKED);
	ASSERT_STATE(next, TCP_TIME_WAIT);
	ASSERT_NO_SEG(out);
	ASSERT_TIMERS(next, T_TW);
	ASSERT_ARMS(out, TCP_T_TIME_WAIT);
	STEP(t, ev_seg(A, 5002, 1001, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_CLOSING_NOT_ACKED);
	ASSERT_STATE(next, TCP_CLOSING);
	ASSERT_NO_SEG(out);
}
END_TEST

/* RFC 9293 3.10.7.4 fifth, LAST-ACK: "If our FIN is now acknowledged,
 * delete the TCB, enter the CLOSED state, and return." (seed: LAST_ACK ->
 * CLOSED) */
START_TEST(test_last_ack_ack_of_fin_closes)
{
	struct tcp_tcb t = tcb_in(TCP_LAST_ACK, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(A, 5002, 1002, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_LAST_ACK_ACKED);
	ASSERT_STATE(next, TCP_CLOSED);
	ASSERT_NOTIFY(out, TCP_N_NONE);
	ASSERT_NO_SEG(out);
	ASSERT_TIMERS(next, 0);
	STEP(t, ev_seg(A, 5002, 1001, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_LAST_ACK_NOT_ACKED);
	ASSERT_STATE(next, TCP_LAST_ACK);
	ASSERT_NO_SEG(out);
}
END_TEST

/* RFC 9293 3.10.7.4 fifth, TIME-WAIT: "The only thing that can arrive in
 * this state is a retransmission of the remote FIN." - an ACK changes
 * nothing */
START_TEST(test_time_wait_ack_changes_nothing)
{
	struct tcp_tcb t = tcb_in(TCP_TIME_WAIT, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(A, 5002, 1002, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_TIME_WAIT_ACK);
	ASSERT_NO_SEG(out);
	ASSERT_TCB_UNCHANGED(t, next);
}
END_TEST

static Suite *ack_suite(void)
{
	Suite *s = suite_create("ack");
	TCase *bit = tcase_create("ack_bit");
	TCase *synr = tcase_create("syn_received");
	TCase *est = tcase_create("established");
	TCase *fin = tcase_create("fin_acked");

	model_add_test(bit, test_synchronized_segment_without_ack_is_dropped, true);
	model_add_test(bit, test_text_without_ack_is_taken_by_switch, false);
	suite_add_tcase(s, bit);

	model_add_test(synr, test_syn_received_acceptable_ack_enters_established, true);
	model_add_test(synr, test_syn_received_unacceptable_ack_gets_rst, true);
	suite_add_tcase(s, synr);

	model_add_test(est, test_established_ack_of_unsent_data_gets_ack_and_is_dropped, true);
	model_add_test(est, test_established_ack_of_unsent_data_silent_switch_sends_nothing, false);
	model_add_test(est, test_established_old_ack_profile_switch_rfc5961, true);
	model_add_test(est, test_established_new_ack_advances_snd_una, true);
	model_add_test(est, test_established_duplicate_ack_is_ignored, true);
	model_add_test(est, test_established_window_update_follows_wl1_wl2, false);
	suite_add_tcase(s, est);

	model_add_test(fin, test_fin_wait_1_ack_of_fin_enters_fin_wait_2, true);
	model_add_test(fin, test_fin_wait_1_partial_ack_stays, true);
	model_add_test(fin, test_closing_ack_of_fin_enters_time_wait, true);
	model_add_test(fin, test_last_ack_ack_of_fin_closes, true);
	model_add_test(fin, test_time_wait_ack_changes_nothing, true);
	suite_add_tcase(s, fin);
	return s;
}

int main(void)
{
	return model_run_suite(ack_suite()) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
