/*
 * check_closed.c - a segment arrives for a connection that does not exist:
 * model/tcp_closed.c against RFC 9293 3.10.7.1 (and the resets of 3.5.2).
 */
#include <stdlib.h>

#include "support/model_check.h"

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
	/* rst_ack_skips_fin (4.4BSD's tcp_respond(ti_seq + ti_len)): the
	 * FIN is not acknowledged */
	if ((flags & TCP_FIN) && prof(pid)->rst_ack_skips_fin)
		ack--;
	ASSERT_ONE_SEG(out, TCP_RST | TCP_ACK, 0, ack, 0);
}

/* RFC 9293 3.10.7.1: "An incoming segment containing a RST is discarded."
 * The switch rst_answers_rst (libslirp) departs from it: the RST gets the
 * reset any other segment would. */
START_TEST(test_closed_rst_is_discarded)
{
	uint8_t flags[] = { TCP_RST, TCP_RST | TCP_ACK, TCP_RST | TCP_SYN };

	for (size_t k = 0; k < 3; k++) {
		struct tcp_tcb t = tcb_in(TCP_CLOSED, PID), next;
		struct tcp_result out;

		STEP(t, ev_seg(flags[k], 100, 200, 1000, 0), PID, next, out);
		if (prof(PID)->rst_answers_rst) {
			ASSERT_RULE(out, R_3_10_7_1_CLOSED_RST_ANSWERED);
			ASSERT_TCB_UNCHANGED(t, next);
			if (flags[k] & TCP_ACK)
				ASSERT_REPLY_RST(out, PID, 200, 100);
			else
				ASSERT_ONE_SEG(out, TCP_RST | TCP_ACK, 0,
					       100 + ((flags[k] & TCP_SYN) ? 1 : 0), 0);
			continue;
		}
		ASSERT_RULE(out, R_3_10_7_1_CLOSED_RST);
		ASSERT_NO_SEG(out);
		ASSERT_TCB_UNCHANGED(t, next);
	}
}
END_TEST

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
		ASSERT_REPLY_RST(out, PID, 777,
				 100 + 10 + ((flags[k] & TCP_SYN) ? 1 : 0) +
					 ((flags[k] & TCP_FIN) ? 1 : 0));
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

static Suite *closed_suite(void)
{
	Suite *s = suite_create("closed");
	TCase *tc = tcase_create("closed");

	model_add_test(tc, test_closed_rst_is_discarded, true);
	model_add_test(tc, test_closed_syn_without_ack_gets_rst_ack_seq_zero, true);
	model_add_test(tc, test_closed_fin_with_data_rst_acks_payload_and_fin, true);
	model_add_test(tc, test_closed_syn_fin_with_data_counts_syn_and_fin, true);
	model_add_test(tc, test_closed_segment_without_control_gets_rst_ack, true);
	model_add_test(tc, test_closed_ack_gets_rst_seq_seg_ack, true);
	model_add_test(tc, test_closed_rst_ack_wraps_at_2_32, false);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return model_run_suite(closed_suite()) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
