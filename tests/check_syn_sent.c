/*
 * check_syn_sent.c - a segment arrives in SYN-SENT: model/tcp_syn_sent.c
 * against RFC 9293 3.10.7.3 (the ACK, RST and SYN checks; a SYN,ACK that
 * goes on to the sixth step of 3.10.7.4).
 *
 * Defaults (tcp_tcb_default): ISS 1000, SND.UNA 1000, SND.NXT 1001; the
 * peer's SYN carries SEQ 5000.
 */
#include <stdlib.h>

#include "support/model_check.h"

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
		ASSERT_REPLY_RST(out, pid, rst_seq, ev.seg.seq + tcp_seg_len(&ev.seg));
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
	if (prof(PID)->rst_answers_rst)
		/* libslirp checks the ACK first and answers (departure) */
		expect_syn_sent(PID, ev_seg(TCP_RST | TCP_ACK, 0, 1002, 0, 0),
				R_3_10_7_3_BAD_ACK_RST_ANSWERED, 1, 1002);
	else
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
	if (prof(PID)->synack_text_dropped) {
		/* Linux, lwIP (a departure): the text is dropped, the ACK
		 * covers the SYN only; the peer retransmits the text (3.8.1) */
		ASSERT_U32(next.rcv_nxt, 5001);
		ASSERT_U32(next.rcv_unread, 0);
		ASSERT_ONE_SEG(out, TCP_ACK, 1001, 5001, 0);
		return;
	}
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
	if (prof(PID)->synack_text_dropped) {
		/* the FIN goes with the text (switch synack_text_dropped):
		 * ESTABLISHED, the ACK covers the SYN only */
		ASSERT_RULE(out, R_3_10_7_3_SYN_ACK);
		ASSERT_STATE(next, TCP_ESTABLISHED);
		ASSERT_NOTIFY(out, TCP_N_ESTABLISHED);
		ASSERT_U32(next.rcv_nxt, 5001);
		ASSERT_ONE_SEG(out, TCP_ACK, 1001, 5001, 0);
		return;
	}
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

	if (prof(PID)->no_simultaneous_open)
		return; /* test_syn_sent_syn_dropped_without_simultaneous_open */
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

/* RFC 9293 3.10.7.3 fifth: "If neither of the SYN or RST bits is set, then
 * drop the segment and return." */
START_TEST(test_syn_sent_segment_without_syn_or_rst_is_dropped)
{
	if (prof(PID)->syn_sent_ack_resets)
		expect_syn_sent(PID, ev_seg(TCP_ACK, 5000, 1001, 1000, 0),
				R_3_10_7_3_ACK_RESET, 1, 1001);
	else
		expect_syn_sent(PID, ev_seg(TCP_ACK, 5000, 1001, 1000, 0),
				R_3_10_7_3_OTHER, 0, 0);
	expect_syn_sent(PID, ev_seg(TCP_FIN, 5000, 0, 1000, 0),
			R_3_10_7_3_OTHER, 0, 0);
	expect_syn_sent(PID, ev_seg(TCP_PSH, 5000, 0, 1000, 10),
			R_3_10_7_3_OTHER, 0, 0);
}
END_TEST

/* RFC 9293 3.5, MUST-10: "A TCP implementation MUST support simultaneous
 * open attempts"; the switch no_simultaneous_open (lwIP) departs from it:
 * a SYN without ACK in SYN-SENT is dropped, the TCB kept. */
START_TEST(test_syn_sent_syn_dropped_without_simultaneous_open)
{
	struct tcp_profile p = *prof(PID);
	struct tcp_tcb t = tcb_in(TCP_SYN_SENT, PID), next;
	struct tcp_event ev = ev_seg(TCP_SYN, 5000, 0, 20000, 0);
	struct tcp_result out;

	p.no_simultaneous_open = true;
	ck_assert_int_eq(tcp_step(&t, &ev, &p, &next, &out), 0);
	ASSERT_RULE(out, R_3_10_7_3_SYN_DROPPED);
	ASSERT_TCB_UNCHANGED(t, next);
	ASSERT_NO_SEG(out);
	/* a SYN,ACK still completes the open (3.10.7.3 fourth) */
	ev = ev_seg(TCP_SYN | TCP_ACK, 5000, 1001, 20000, 0);
	ck_assert_int_eq(tcp_step(&t, &ev, &p, &next, &out), 0);
	ASSERT_STATE(next, TCP_ESTABLISHED);
}
END_TEST

/* RFC 9293 3.10.7.3 fifth ("If neither of the SYN or RST bits is set, then
 * drop the segment and return"); the switch syn_sent_ack_resets (lwIP)
 * departs from it: an acceptable ACK gets the reset of a bad one. */
START_TEST(test_syn_sent_acceptable_ack_reset_by_switch)
{
	struct tcp_profile p = *prof(PID);
	struct tcp_tcb t = tcb_in(TCP_SYN_SENT, PID), next;
	struct tcp_event ev = ev_seg(TCP_ACK | TCP_PSH, 5000, 1001, 1000, 10);
	struct tcp_result out;

	p.syn_sent_ack_resets = true;
	p.rst_reply_ack = false;
	ck_assert_int_eq(tcp_step(&t, &ev, &p, &next, &out), 0);
	ASSERT_RULE(out, R_3_10_7_3_ACK_RESET);
	ASSERT_TCB_UNCHANGED(t, next);
	ASSERT_ONE_SEG(out, TCP_RST, 1001, 0, 0);
	p.rst_reply_ack = true;
	ck_assert_int_eq(tcp_step(&t, &ev, &p, &next, &out), 0);
	ASSERT_ONE_SEG(out, TCP_RST | TCP_ACK, 1001, 5010, 0);
	/* no ACK: still dropped */
	ev = ev_seg(TCP_PSH, 5000, 0, 1000, 10);
	ck_assert_int_eq(tcp_step(&t, &ev, &p, &next, &out), 0);
	ASSERT_RULE(out, R_3_10_7_3_OTHER);
	ASSERT_NO_SEG(out);
}
END_TEST

/* RFC 9293 3.10.7.3 fourth, SYN-RECEIVED branch: "If there are other
 * controls or text in the segment, queue them for processing after the
 * ESTABLISHED state has been reached" - then taken in and acknowledged */
START_TEST(test_syn_sent_syn_with_text_queues_it_until_established)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_SENT, PID), next;
	struct tcp_result out;

	if (prof(PID)->no_simultaneous_open)
		return;
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

static Suite *syn_sent_suite(void)
{
	Suite *s = suite_create("syn_sent");
	TCase *tc = tcase_create("syn_sent");

	model_add_test(tc, test_syn_sent_ack_at_or_below_iss_gets_rst, true);
	model_add_test(tc, test_syn_sent_ack_beyond_snd_nxt_gets_rst, true);
	model_add_test(tc, test_syn_sent_rst_with_unacceptable_ack_is_dropped, true);
	model_add_test(tc, test_syn_sent_rst_with_acceptable_ack_closes, true);
	model_add_test(tc, test_syn_sent_rst_without_ack_is_dropped, true);
	model_add_test(tc, test_syn_sent_syn_ack_enters_established_sends_ack, true);
	model_add_test(tc, test_syn_sent_syn_ack_with_text_accepts_it, true);
	model_add_test(tc, test_syn_sent_syn_ack_with_fin_enters_close_wait, true);
	model_add_test(tc, test_syn_sent_syn_enters_syn_received_simultaneous_open, true);
	model_add_test(tc, test_syn_sent_segment_without_syn_or_rst_is_dropped, true);
	model_add_test(tc, test_syn_sent_syn_with_text_queues_it_until_established, true);
	model_add_test(tc, test_syn_sent_syn_dropped_without_simultaneous_open, true);
	model_add_test(tc, test_syn_sent_acceptable_ack_reset_by_switch, true);
	model_add_test(tc, test_syn_sent_acceptable_ack_across_wrap, false);
	model_add_test(tc, test_syn_sent_syn_ack_urgent_pointer_counts_from_seg_seq, false);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return model_run_suite(syn_sent_suite()) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
