/*
 * check_listen.c - a segment arrives in LISTEN: model/tcp_listen.c against
 * RFC 9293 3.10.7.2 (RST ignored, ACK reset, SYN answered, the rest
 * dropped), with the linux profile's switches for SYN,FIN and SYN text.
 *
 * The SYNs carry SEQ 5000 and the ISS the stack picks is 1000 (given with
 * the event), so the answer is <SEQ=1000><ACK=5001><CTL=SYN,ACK>.
 */
#include <stdlib.h>

#include "support/model_check.h"

/* RFC 9293 3.10.7.2: "An incoming RST should be ignored." */
START_TEST(test_listen_rst_is_ignored)
{
	uint8_t flags[] = { TCP_RST, TCP_RST | TCP_ACK, TCP_RST | TCP_SYN };

	for (size_t k = 0; k < 3; k++) {
		struct tcp_tcb t = tcb_in(TCP_LISTEN, PID), next;
		struct tcp_result out;

		STEP(t, ev_seg(flags[k], 100, 200, 1000, 0), PID, next, out);
		if (prof(PID)->listen_as_closed && prof(PID)->rst_answers_rst) {
			/* libslirp: no LISTEN TCB, a RST answered (departures
			 * listen_as_closed, rst_answers_rst) */
			ASSERT_RULE(out, R_3_10_7_2_LISTEN_AS_CLOSED);
			ASSERT_TCB_UNCHANGED(t, next);
			ck_assert_int_eq(out.nemit, 1);
			ck_assert(out.emit[0].flags & TCP_RST);
			continue;
		}
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
		ASSERT_REPLY_RST(out, PID, 555,
				 100 + ((flags[k] & TCP_SYN) ? 1 : 0));
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

/* RFC 9293 3.10.7.2 fourth: "Any other control or text-bearing segment (not
 * containing SYN) ... drop the segment and return." */
START_TEST(test_listen_segment_without_syn_rst_or_ack_is_dropped)
{
	uint8_t flags[] = { 0, TCP_FIN, TCP_PSH, TCP_URG, TCP_FIN | TCP_PSH };

	for (size_t k = 0; k < 5; k++) {
		struct tcp_tcb t = tcb_in(TCP_LISTEN, PID), next;
		struct tcp_result out;

		STEP(t, ev_seg(flags[k], 100, 0, 1000, 10), PID, next, out);
		if (prof(PID)->listen_as_closed) {
			/* 3.10.7.1's <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>
			 * (departure listen_as_closed) */
			uint32_t fin = (flags[k] & TCP_FIN) &&
				       !prof(PID)->rst_ack_skips_fin;

			ASSERT_RULE(out, R_3_10_7_2_LISTEN_AS_CLOSED);
			ASSERT_TCB_UNCHANGED(t, next);
			ASSERT_ONE_SEG(out, TCP_RST | TCP_ACK, 0, 110 + fin, 0);
			continue;
		}
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
	} else if (prof(PID)->listen_as_closed) {
		/* not a lone SYN: the closed port's reset (libslirp) */
		ASSERT_RULE(out, R_3_10_7_2_LISTEN_AS_CLOSED);
		ASSERT_STATE(next, TCP_LISTEN);
		ASSERT_ONE_SEG(out, TCP_RST | TCP_ACK, 0,
			       prof(PID)->rst_ack_skips_fin ? 5001 : 5002, 0);
	} else {
		ASSERT_RULE(out, R_3_10_7_2_LISTEN_SYN);
		ASSERT_STATE(next, TCP_SYN_RECEIVED);
		ASSERT_ONE_SEG(out, TCP_SYN | TCP_ACK, 1000, 5001, 0);
	}
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

static Suite *listen_suite(void)
{
	Suite *s = suite_create("listen");
	TCase *tc = tcase_create("listen");

	model_add_test(tc, test_listen_rst_is_ignored, true);
	model_add_test(tc, test_listen_ack_gets_rst_seq_seg_ack, true);
	model_add_test(tc, test_listen_syn_sends_syn_ack_enters_syn_received, true);
	model_add_test(tc, test_listen_syn_without_mss_option_assumes_536, false);
	model_add_test(tc, test_listen_syn_at_wrap_rcv_nxt_is_zero, false);
	model_add_test(tc, test_listen_segment_without_syn_rst_or_ack_is_dropped, true);
	model_add_test(tc, test_listen_syn_fin_profile_switch, true);
	model_add_test(tc, test_listen_syn_with_text_holds_it_until_established, true);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return model_run_suite(listen_suite()) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
