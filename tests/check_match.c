/*
 * check_match.c - Check suite for conformance/scenario/match.[ch]: the
 * explicit matching rules between what a target sent and what the model
 * expects (docs/design.md "The runner"): match_segment, the queue of
 * expected segments (mq_explain), and reconciling a state seen with the
 * model's (mq_reconcile_state).  The model's side of a scenario
 * (modelrun.[ch]) is check_modelrun.c's.
 *
 * The numbers (tests/support/drive.h): the target's ISS is 3000000, the
 * tester's 1000000; once established the target's SND.NXT is 3000001 and
 * its RCV.NXT 1000001 (RFC 9293 3.5, figure 6).
 */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/match.h"
#include "scenario/modelrun.h"
#include "scenario/scenario.h"
#include "support/drive.h"

/* --- helpers ----------------------------------------------------------- */

/* ESTABLISHED, then `app send 100`: q holds <SEQ=3000001><ACK=1000001>
 * P. with 100 bytes (RFC 9293 3.10.2). */
static void data_expected(struct mr *m, struct mq *q, enum tcp_profile_id pid)
{
	drive_established(m, pid);
	memset(q, 0, sizeof *q);
	drive_app(m, q, "app send 100");
	ck_assert_int_eq(q->n, 1);
	ck_assert_uint_eq(q->segs[0].seq, T_NXT);
	ck_assert_uint_eq(q->segs[0].len, 100);
}

static enum mq_explained explain(struct mq *q, struct mr *m, struct tcp_segment o,
				 enum tcp_timer *fired, char *why, size_t whylen)
{
	*fired = TCP_NTIMERS;
	why[0] = '\0';
	return mq_explain(q, m, &o, fired, why, whylen);
}

/* --- match_segment ----------------------------------------------------- */

/* match.h: compared are the control bits, SEQ, ACK and the length. */
START_TEST(test_match_identical_segment_is_exact)
{
	struct tcp_segment e = drive_seg(TCP_PSH | TCP_ACK, T_NXT, R_NXT, 100);
	char why[160] = "";

	ck_assert_int_eq(match_segment(&e, &e, why, sizeof why), MATCH_EXACT);
}
END_TEST

/* match.h: PSH is not compared ("a stack pushes as it likes", RFC 9293
 * 3.9.1: the PSH bit is not a record marker). */
START_TEST(test_match_psh_ignored_both_ways)
{
	struct tcp_segment e = drive_seg(TCP_ACK, T_NXT, R_NXT, 100);
	struct tcp_segment o = drive_seg(TCP_PSH | TCP_ACK, T_NXT, R_NXT, 100);
	char why[160] = "";

	ck_assert_int_eq(match_segment(&e, &o, why, sizeof why), MATCH_EXACT);
	ck_assert_int_eq(match_segment(&o, &e, why, sizeof why), MATCH_EXACT);
}
END_TEST

/* STYLE.md: mismatch messages name the field, the expected and the actual
 * value. */
START_TEST(test_match_different_flags_named)
{
	struct tcp_segment e = drive_seg(TCP_SYN | TCP_ACK, T_ISS, R_NXT, 0);
	struct tcp_segment o = drive_seg(TCP_RST | TCP_ACK, T_ISS, R_NXT, 0);
	char why[160] = "";

	ck_assert_int_eq(match_segment(&e, &o, why, sizeof why), MATCH_NONE);
	ck_assert_msg(strstr(why, "flags") && strstr(why, "S.") && strstr(why, "R."),
		      "why '%s' does not name flags, S. and R.", why);
}
END_TEST

START_TEST(test_match_different_seq_named)
{
	struct tcp_segment e = drive_seg(TCP_ACK, 3000001u, R_NXT, 0);
	struct tcp_segment o = drive_seg(TCP_ACK, 3000002u, R_NXT, 0);
	char why[160] = "";

	ck_assert_int_eq(match_segment(&e, &o, why, sizeof why), MATCH_NONE);
	ck_assert_msg(strstr(why, "seq") && strstr(why, "3000001") && strstr(why, "3000002"),
		      "why '%s' does not name seq, 3000001 and 3000002", why);
}
END_TEST

START_TEST(test_match_different_ack_named)
{
	struct tcp_segment e = drive_seg(TCP_ACK, T_NXT, 1000001u, 0);
	struct tcp_segment o = drive_seg(TCP_ACK, T_NXT, 1000101u, 0);
	char why[160] = "";

	ck_assert_int_eq(match_segment(&e, &o, why, sizeof why), MATCH_NONE);
	ck_assert_msg(strstr(why, "ack") && strstr(why, "1000001") && strstr(why, "1000101"),
		      "why '%s' does not name ack, 1000001 and 1000101", why);
}
END_TEST

/* RFC 9293 3.1: "Acknowledgment Number: ... If the ACK control bit is set,
 * this field contains ..." - without ACK the field means nothing (a reset
 * <SEQ=SEG.ACK><CTL=RST> of 3.10.7.1 leaves it to the stack). */
START_TEST(test_match_ack_field_ignored_without_ack_bit)
{
	struct tcp_segment e = drive_seg(TCP_RST, 5000, 0, 0);
	struct tcp_segment o = drive_seg(TCP_RST, 5000, 123456, 0);
	char why[160] = "";

	ck_assert_int_eq(match_segment(&e, &o, why, sizeof why), MATCH_EXACT);
}
END_TEST

/* match.h: "the target may send the same bytes as several consecutive
 * segments, the FIN riding only on the last byte".  A prefix of the data
 * is MATCH_PARTIAL; the FIN may not come with a prefix (RFC 9293 3.4:
 * the FIN's sequence number follows the last data octet). */
START_TEST(test_match_prefix_partial_fin_only_on_last_part)
{
	struct tcp_segment e = drive_seg(TCP_FIN | TCP_PSH | TCP_ACK, T_NXT, R_NXT, 100);
	struct tcp_segment part = drive_seg(TCP_ACK, T_NXT, R_NXT, 60);
	struct tcp_segment fin_early = drive_seg(TCP_FIN | TCP_ACK, T_NXT, R_NXT, 60);
	struct tcp_segment rest = drive_seg(TCP_FIN | TCP_PSH | TCP_ACK, T_NXT + 60, R_NXT, 40);
	struct tcp_segment e_rest = drive_seg(TCP_FIN | TCP_ACK, T_NXT + 60, R_NXT, 40);
	char why[160] = "";

	ck_assert_int_eq(match_segment(&e, &part, why, sizeof why), MATCH_PARTIAL);
	ck_assert_int_eq(match_segment(&e_rest, &rest, why, sizeof why), MATCH_EXACT);
	ck_assert_msg(match_segment(&e, &fin_early, why, sizeof why) == MATCH_NONE,
		      "a FIN on the first 60 of 100 bytes accepted");
}
END_TEST

/* A pure ACK (no data) is not a part of the data. */
START_TEST(test_match_empty_segment_not_a_prefix)
{
	struct tcp_segment e = drive_seg(TCP_PSH | TCP_ACK, T_NXT, R_NXT, 100);
	struct tcp_segment o = drive_seg(TCP_ACK, T_NXT, R_NXT, 0);
	char why[160] = "";

	ck_assert_int_eq(match_segment(&e, &o, why, sizeof why), MATCH_NONE);
	ck_assert_msg(strstr(why, "len") != NULL, "why '%s' does not name len", why);
}
END_TEST

/* match.h: coalescing covers the expected bytes only; more data than the
 * model sends is refused, naming the length. */
START_TEST(test_match_longer_than_expected_refused)
{
	struct tcp_segment e = drive_seg(TCP_PSH | TCP_ACK, T_NXT, R_NXT, 100);
	struct tcp_segment o = drive_seg(TCP_PSH | TCP_ACK, T_NXT, R_NXT, 150);
	char why[160] = "";

	ck_assert_int_eq(match_segment(&e, &o, why, sizeof why), MATCH_NONE);
	ck_assert_msg(strstr(why, "len") && strstr(why, "100") && strstr(why, "150"),
		      "why '%s' does not name len, 100 and 150", why);
}
END_TEST

/* match.h: "Free: the window and the urgent pointer (the stack's
 * choices)". */
START_TEST(test_match_window_and_urgent_pointer_free)
{
	struct tcp_segment e = drive_seg(TCP_SYN | TCP_ACK, T_ISS, R_NXT, 0);
	struct tcp_segment o = e;
	char why[160] = "";

	o.wnd = 29200;
	o.up = 7;
	o.mss = 1460;
	ck_assert_int_eq(match_segment(&e, &o, why, sizeof why), MATCH_EXACT);
}
END_TEST

/* --- mq_explain -------------------------------------------------------- */

/* DESIGN.md "The runner": what the target sends is matched with the
 * expected segments in order: data (3.10.2) before the FIN that follows it
 * (3.10.4 "queue this until all preceding SENDs have been segmentized"). */
START_TEST(test_mq_head_matched_in_order)
{
	struct mr m;
	struct mq q;
	enum tcp_timer t;
	char why[256];

	data_expected(&m, &q, TCP_PROFILE_RFC9293);
	drive_app(&m, &q, "app close");
	ck_assert_int_eq(q.n, 2);
	ck_assert_int_eq(m.tcb.state, TCP_FIN_WAIT_1);

	/* the FIN before the data: not the head, and no timer sends it */
	ck_assert_int_eq(explain(&q, &m, drive_seg(TCP_FIN | TCP_ACK, T_NXT + 100, R_NXT, 0),
				 &t, why, sizeof why), MQ_UNEXPLAINED);
	ck_assert_msg(why[0] != '\0', "no reason given");
	ck_assert_int_eq(q.n, 2);
	ck_assert_uint_eq(m.tcb.retransmits, 0);

	ck_assert_int_eq(explain(&q, &m, drive_seg(TCP_PSH | TCP_ACK, T_NXT, R_NXT, 100),
				 &t, why, sizeof why), MQ_EXPECTED);
	ck_assert_int_eq(q.n, 1);
	ck_assert_int_eq(explain(&q, &m, drive_seg(TCP_FIN | TCP_ACK, T_NXT + 100, R_NXT, 0),
				 &t, why, sizeof why), MQ_EXPECTED);
	ck_assert_int_eq(q.n, 0);
}
END_TEST

/* match.h: the same bytes in several consecutive segments consume one
 * expectation part by part. */
START_TEST(test_mq_data_split_in_two_consumes_expectation)
{
	struct mr m;
	struct mq q;
	enum tcp_timer t;
	char why[256];

	data_expected(&m, &q, TCP_PROFILE_RFC9293);
	ck_assert_int_eq(explain(&q, &m, drive_seg(TCP_ACK, T_NXT, R_NXT, 60), &t, why, sizeof why),
			 MQ_EXPECTED);
	ck_assert_int_eq(q.n, 1);
	ck_assert_uint_eq(q.segs[0].seq, T_NXT + 60);
	ck_assert_uint_eq(q.segs[0].len, 40);
	ck_assert_int_eq(explain(&q, &m, drive_seg(TCP_PSH | TCP_ACK, T_NXT + 60, R_NXT, 40),
				 &t, why, sizeof why), MQ_EXPECTED);
	ck_assert_int_eq(q.n, 0);
	ck_assert_uint_eq(m.tcb.retransmits, 0);
}
END_TEST

/* match.h: the FIN rides only on the last part of split data.  The queue
 * holds 100 bytes and a FIN as one expectation; a FIN with the first 60
 * bytes is refused, the FIN with the last 40 accepted. */
START_TEST(test_mq_fin_only_on_last_part)
{
	struct mr m;
	struct mq q;
	enum tcp_timer t;
	char why[256];

	mr_init(&m, tcp_profile_get(TCP_PROFILE_RFC9293)); /* CLOSED: no timer can explain */
	memset(&q, 0, sizeof q);
	q.n = 1;
	q.segs[0] = drive_seg(TCP_FIN | TCP_PSH | TCP_ACK, T_NXT, R_NXT, 100);

	ck_assert_msg(explain(&q, &m, drive_seg(TCP_FIN | TCP_ACK, T_NXT, R_NXT, 60),
			      &t, why, sizeof why) == MQ_UNEXPLAINED,
		      "a FIN with the first 60 of 100 bytes accepted (queue now %u bytes at %u)",
		      q.segs[0].len, q.segs[0].seq);
	ck_assert_int_eq(explain(&q, &m, drive_seg(TCP_PSH | TCP_ACK, T_NXT, R_NXT, 60),
				 &t, why, sizeof why), MQ_EXPECTED);
	ck_assert_int_eq(explain(&q, &m, drive_seg(TCP_FIN | TCP_PSH | TCP_ACK, T_NXT + 60, R_NXT, 40),
				 &t, why, sizeof why), MQ_EXPECTED);
	ck_assert_int_eq(q.n, 0);
}
END_TEST

/* RFC 9293 3.8.1 / 3.10.8: on the retransmission timeout "send the segment
 * at the front of the retransmission queue again".  The same data again is
 * explained by the armed retransmission timer, and the model fires it. */
START_TEST(test_mq_retransmission_accepted_with_retransmit_timer_armed)
{
	struct mr m;
	struct mq q;
	enum tcp_timer t;
	char why[256];
	const struct tcp_segment d = drive_seg(TCP_PSH | TCP_ACK, T_NXT, R_NXT, 100);

	data_expected(&m, &q, TCP_PROFILE_RFC9293);
	ck_assert_int_eq(explain(&q, &m, d, &t, why, sizeof why), MQ_EXPECTED);
	ck_assert(m.tcb.timers & TCP_TIMER_BIT(TCP_T_RETRANSMIT));
	ck_assert_int_eq(explain(&q, &m, d, &t, why, sizeof why), MQ_TIMER);
	ck_assert_int_eq(t, TCP_T_RETRANSMIT);
	ck_assert_uint_eq(m.tcb.retransmits, 1);
	ck_assert_int_eq(q.n, 0);
	ck_assert_int_eq(m.tcb.state, TCP_ESTABLISHED);
}
END_TEST

/* RFC 9293 3.8.1: the retransmission timer runs only while data is
 * unacknowledged.  Once the tester acknowledged the 100 bytes, the same
 * data again is unexplained, and the reason says so. */
START_TEST(test_mq_retransmission_refused_when_nothing_in_flight)
{
	struct mr m;
	struct mq q;
	enum tcp_timer t;
	char why[256];
	const struct tcp_segment d = drive_seg(TCP_PSH | TCP_ACK, T_NXT, R_NXT, 100);

	data_expected(&m, &q, TCP_PROFILE_RFC9293);
	ck_assert_int_eq(explain(&q, &m, d, &t, why, sizeof why), MQ_EXPECTED);
	drive_send(&m, &q, "send . seq=1 ack=101");
	ck_assert_uint_eq(m.tcb.snd_una, T_NXT + 100);
	ck_assert(!(m.tcb.timers & TCP_TIMER_BIT(TCP_T_RETRANSMIT)));
	ck_assert_int_eq(q.n, 0);

	ck_assert_int_eq(explain(&q, &m, d, &t, why, sizeof why), MQ_UNEXPLAINED);
	ck_assert_msg(strstr(why, "no armed timer") != NULL,
		      "reason '%s' does not say no armed timer sends it", why);
	ck_assert_uint_eq(m.tcb.retransmits, 0);
}
END_TEST

/* RFC 9293 3.8.4, RFC 1122 4.2.3.6: a keep-alive probe <SEQ=SND.NXT-1>
 * <ACK=RCV.NXT> with no data, only when the application turned keep-alives
 * on (MUST-24: off by default). */
START_TEST(test_mq_keepalive_probe_accepted_only_with_keepalive_on)
{
	struct mr m;
	struct mq q;
	enum tcp_timer t;
	char why[256];
	const struct tcp_segment probe = drive_seg(TCP_ACK, T_NXT - 1, R_NXT, 0);

	drive_established(&m, TCP_PROFILE_LINUX);
	memset(&q, 0, sizeof q);
	ck_assert_int_eq(explain(&q, &m, probe, &t, why, sizeof why), MQ_UNEXPLAINED);
	ck_assert_msg(why[0] != '\0', "no reason given");
	ck_assert_uint_eq(m.tcb.ka_probes, 0);

	drive_app(&m, &q, "app setsockopt keepalive 1");
	ck_assert(m.tcb.keepalive);
	ck_assert_int_eq(explain(&q, &m, probe, &t, why, sizeof why), MQ_TIMER);
	ck_assert_int_eq(t, TCP_T_KEEPALIVE);
	ck_assert_uint_eq(m.tcb.ka_probes, 1);
	ck_assert_int_eq(q.n, 0);
}
END_TEST

/* RFC 9293 3.10.7.4 / 3.10.5: nothing the model did sends a reset here,
 * and no timer does: an RST from the target is refused, naming the flags
 * when data was expected. */
START_TEST(test_mq_unexpected_rst_refused)
{
	struct mr m;
	struct mq q;
	enum tcp_timer t;
	char why[256];
	const struct tcp_segment rst = drive_seg(TCP_RST | TCP_ACK, T_NXT, R_NXT, 0);

	data_expected(&m, &q, TCP_PROFILE_LINUX);
	ck_assert_int_eq(explain(&q, &m, rst, &t, why, sizeof why), MQ_UNEXPLAINED);
	ck_assert_msg(strstr(why, "flags") && strstr(why, "R."),
		      "reason '%s' does not name the flags", why);
	ck_assert_int_eq(q.n, 1);
	ck_assert_int_eq(m.tcb.state, TCP_ESTABLISHED);

	drive_established(&m, TCP_PROFILE_LINUX);
	memset(&q, 0, sizeof q);
	ck_assert_int_eq(explain(&q, &m, rst, &t, why, sizeof why), MQ_UNEXPLAINED);
	ck_assert_int_eq(m.tcb.state, TCP_ESTABLISHED);
}
END_TEST

/* --- mq_reconcile_state ------------------------------------------------ */

/* RFC 9293 3.10.8 (MUST-13): "If the time-wait timeout expires on a
 * connection, delete the TCB, enter the CLOSED state".  A target seen in
 * CLOSED when the model is in TIME-WAIT is explained by that silent timer. */
START_TEST(test_reconcile_time_wait_seen_closed_fires_time_wait)
{
	struct mr m;
	enum tcp_timer f[4];
	int nf = 0;

	mr_init(&m, tcp_profile_get(TCP_PROFILE_LINUX));
	tcp_tcb_default(TCP_TIME_WAIT, &m.prof, &m.tcb);
	ck_assert(mq_reconcile_state(&m, TCP_CLOSED, f, &nf, 4));
	ck_assert_int_eq(nf, 1);
	ck_assert_int_eq(f[0], TCP_T_TIME_WAIT);
	ck_assert_int_eq(m.tcb.state, TCP_CLOSED);
}
END_TEST

/* tcp_profile.c (linux): an orphaned FIN-WAIT-2 expires (tcp_fin_timeout);
 * the rfc9293 profile has no such timer, so there it is not reconciled. */
START_TEST(test_reconcile_fin_wait_2_closed_only_where_profile_times_out)
{
	struct mr m;
	enum tcp_timer f[4];
	int nf = 0;

	mr_init(&m, tcp_profile_get(TCP_PROFILE_LINUX));
	tcp_tcb_default(TCP_FIN_WAIT_2, &m.prof, &m.tcb);
	ck_assert(mq_reconcile_state(&m, TCP_CLOSED, f, &nf, 4));
	ck_assert_int_eq(nf, 1);
	ck_assert_int_eq(f[0], TCP_T_FIN_WAIT_2);

	nf = 0;
	mr_init(&m, tcp_profile_get(TCP_PROFILE_RFC9293));
	tcp_tcb_default(TCP_FIN_WAIT_2, &m.prof, &m.tcb);
	ck_assert(!mq_reconcile_state(&m, TCP_CLOSED, f, &nf, 4));
	ck_assert_int_eq(nf, 0);
	ck_assert_int_eq(m.tcb.state, TCP_FIN_WAIT_2);
}
END_TEST

/* match.h: only timers that fire without sending anything reconcile a
 * state.  In ESTABLISHED none leads to CLOSED: idle there is no timer;
 * with data in flight the retransmission timer sends (3.8.1); with
 * keep-alive on the keep-alive timer sends a probe (3.8.4). */
START_TEST(test_reconcile_established_seen_closed_refused)
{
	struct mr m;
	struct mq q;
	enum tcp_timer f[4];
	int nf = 0;

	drive_established(&m, TCP_PROFILE_RFC9293);
	ck_assert(!mq_reconcile_state(&m, TCP_CLOSED, f, &nf, 4));
	ck_assert_int_eq(m.tcb.state, TCP_ESTABLISHED);

	data_expected(&m, &q, TCP_PROFILE_RFC9293);
	ck_assert(!mq_reconcile_state(&m, TCP_CLOSED, f, &nf, 4));
	ck_assert_int_eq(m.tcb.state, TCP_ESTABLISHED);
	ck_assert_uint_eq(m.tcb.retransmits, 0);

	drive_established(&m, TCP_PROFILE_LINUX);
	drive_app(&m, NULL, "app setsockopt keepalive 1");
	ck_assert(!mq_reconcile_state(&m, TCP_CLOSED, f, &nf, 4));
	ck_assert_int_eq(m.tcb.state, TCP_ESTABLISHED);
	ck_assert_uint_eq(m.tcb.ka_probes, 0);
	ck_assert_int_eq(nf, 0);
}
END_TEST

/* match.h: a state is reconciled only by timers that send nothing.  Linux
 * resets a connection given up by keep-alive (tcp_profile.c, RFC 1122
 * 4.2.3.6): that firing sends R., which the target did not send, so a
 * target seen in CLOSED is not explained by it. */
START_TEST(test_reconcile_refuses_timer_that_sends)
{
	struct mr m;
	enum tcp_timer f[4];
	int nf = 0;

	drive_established(&m, TCP_PROFILE_LINUX);
	drive_app(&m, NULL, "app setsockopt keepalive 1");
	drive_app(&m, NULL, "app setsockopt keepcnt 1");
	drive_fire(&m, TCP_T_KEEPALIVE); /* the one probe; the next firing gives up */
	ck_assert_uint_eq(m.tcb.ka_probes, 1);
	ck_assert(!mq_reconcile_state(&m, TCP_CLOSED, f, &nf, 4));
	ck_assert_int_eq(nf, 0);
	ck_assert_int_eq(m.tcb.state, TCP_ESTABLISHED);
}
END_TEST

/* RFC 9293 3.10.8: on the user timeout "flush all queues, signal the user
 * ... enter the CLOSED state" - silent, so with a user timeout set and data
 * in flight (3.8.3), ESTABLISHED seen as CLOSED is reconciled. */
START_TEST(test_reconcile_user_timeout_with_data_in_flight_closes)
{
	struct mr m;
	struct mq q;
	enum tcp_timer f[4];
	int nf = 0;

	drive_established(&m, TCP_PROFILE_RFC9293);
	drive_app(&m, NULL, "app setsockopt user_timeout 5000");
	memset(&q, 0, sizeof q);
	drive_app(&m, &q, "app send 100");
	ck_assert(m.tcb.timers & TCP_TIMER_BIT(TCP_T_USER));
	ck_assert(mq_reconcile_state(&m, TCP_CLOSED, f, &nf, 4));
	ck_assert_int_eq(nf, 1);
	ck_assert_int_eq(f[0], TCP_T_USER);
	ck_assert_int_eq(m.tcb.state, TCP_CLOSED);
}
END_TEST

/* DESIGN.md "The runner": a FAIL reports expected vs observed; when no
 * silent timer brings the model to the state seen, the model's state is
 * the expectation and must stay the one the stimulus led to. */
START_TEST(test_reconcile_failure_leaves_model_unchanged)
{
	struct mr m;
	struct mq q;
	enum tcp_timer f[4];
	int nf = 0;

	drive_established(&m, TCP_PROFILE_RFC9293);
	drive_app(&m, NULL, "app setsockopt user_timeout 5000");
	memset(&q, 0, sizeof q);
	drive_app(&m, &q, "app send 100");
	ck_assert(!mq_reconcile_state(&m, TCP_TIME_WAIT, f, &nf, 4));
	ck_assert_msg(m.tcb.state == TCP_ESTABLISHED,
		      "a failed reconciliation left the model in %s (fired %d timer(s))",
		      tcp_state_name(m.tcb.state), nf);
}
END_TEST
static Suite *match_suite(void)
{
	Suite *s = suite_create("match");
	TCase *seg_tc = tcase_create("match_segment");
	TCase *mq = tcase_create("mq_explain");
	TCase *rec = tcase_create("mq_reconcile_state");

	tcase_add_test(seg_tc, test_match_identical_segment_is_exact);
	tcase_add_test(seg_tc, test_match_psh_ignored_both_ways);
	tcase_add_test(seg_tc, test_match_different_flags_named);
	tcase_add_test(seg_tc, test_match_different_seq_named);
	tcase_add_test(seg_tc, test_match_different_ack_named);
	tcase_add_test(seg_tc, test_match_ack_field_ignored_without_ack_bit);
	tcase_add_test(seg_tc, test_match_prefix_partial_fin_only_on_last_part);
	tcase_add_test(seg_tc, test_match_empty_segment_not_a_prefix);
	tcase_add_test(seg_tc, test_match_longer_than_expected_refused);
	tcase_add_test(seg_tc, test_match_window_and_urgent_pointer_free);
	suite_add_tcase(s, seg_tc);

	tcase_add_test(mq, test_mq_head_matched_in_order);
	tcase_add_test(mq, test_mq_data_split_in_two_consumes_expectation);
	tcase_add_test(mq, test_mq_fin_only_on_last_part);
	tcase_add_test(mq, test_mq_retransmission_accepted_with_retransmit_timer_armed);
	tcase_add_test(mq, test_mq_retransmission_refused_when_nothing_in_flight);
	tcase_add_test(mq, test_mq_keepalive_probe_accepted_only_with_keepalive_on);
	tcase_add_test(mq, test_mq_unexpected_rst_refused);
	suite_add_tcase(s, mq);

	tcase_add_test(rec, test_reconcile_time_wait_seen_closed_fires_time_wait);
	tcase_add_test(rec, test_reconcile_fin_wait_2_closed_only_where_profile_times_out);
	tcase_add_test(rec, test_reconcile_established_seen_closed_refused);
	tcase_add_test(rec, test_reconcile_refuses_timer_that_sends);
	tcase_add_test(rec, test_reconcile_user_timeout_with_data_in_flight_closes);
	tcase_add_test(rec, test_reconcile_failure_leaves_model_unchanged);
	suite_add_tcase(s, rec);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(match_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
