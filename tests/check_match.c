/*
 * check_match.c - Check suite for conformance/match.[ch] (the explicit
 * matching rules between what a target sent and what the model expects,
 * shared/DESIGN.md "The runner") and conformance/modelrun.[ch] (the model's
 * side of a scenario).
 *
 * The numbers: the tester's ISS is MR_TESTER_ISS = 1000000 and the target's
 * MR_TARGET_ISS = 3000000 (modelrun.h).  After a passive open by the target
 * (SYN seq=1000000 from the tester, SYN,ACK seq=3000000 ack=1000001 back, ACK
 * seq=1000001 ack=3000001) the target has SND.NXT = 3000001 and RCV.NXT =
 * 1000001 (RFC 9293 3.5, figure 6); its first data byte is 3000001.
 */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/match.h"
#include "scenario/modelrun.h"
#include "scenario/scenario.h"

#define T_ISS 3000000u   /* the target's ISS */
#define T_NXT 3000001u   /* its SND.NXT once established */
#define R_NXT 1000001u   /* its RCV.NXT once established */

/* --- helpers ----------------------------------------------------------- */

/* The step one scenario line makes (the runner's own parser). */
static struct scn_step line(const char *text)
{
	static struct scn s;
	char err[512] = "";

	ck_assert_msg(scn_parse("t.scn", text, &s, err, sizeof err) == 0 && s.nsteps == 1,
		      "'%s': %s", text, err);
	return s.steps[0];
}

static struct tcp_segment seg(uint8_t flags, uint32_t seq, uint32_t ack, uint32_t len)
{
	struct tcp_segment s;

	memset(&s, 0, sizeof s);
	s.flags = flags;
	s.seq = seq;
	s.ack = ack;
	s.wnd = 65535;
	s.len = len;
	return s;
}

/* One stimulus as the runner makes it: new history, step, commit, and what
 * the model sends is appended to q (when q is given). */
static void stimulus(struct mr *m, struct mq *q, const struct tcp_event *ev)
{
	struct mr_step s;

	mr_new_stimulus(m);
	mr_eval(m, ev, &s);
	mr_commit(m, &s);
	if (q != NULL)
		mq_push(q, &s.res);
}

/* `app ...`: the call, or only the option (setsockopt). */
static void app(struct mr *m, struct mq *q, const char *text)
{
	struct scn_step st = line(text);
	struct tcp_event ev;

	if (mr_app_event(m, &st, &ev))
		stimulus(m, q, &ev);
}

/* `send ...`: the tester's segment arrives at the model. */
static void tester_send(struct mr *m, struct mq *q, const char *text)
{
	struct scn_step st = line(text);
	struct tcp_event ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = TCP_EV_SEGMENT;
	ev.iss = m->target_iss;
	mr_send_segment(m, &st, &ev.seg);
	stimulus(m, q, &ev);
}

/* A timer fires in the model (within a wait: no new history). */
static struct mr_step fire(struct mr *m, enum tcp_timer t)
{
	struct tcp_event ev;
	struct mr_step s;

	memset(&ev, 0, sizeof ev);
	ev.kind = TCP_EV_TIMEOUT;
	ev.timer = t;
	mr_eval(m, &ev, &s);
	mr_commit(m, &s);
	return s;
}

/* The target listens, the tester opens: ESTABLISHED, nothing in flight,
 * nothing expected (RFC 9293 3.5 figure 6). */
static void established(struct mr *m, enum tcp_profile_id pid)
{
	mr_init(m, pid);
	app(m, NULL, "app listen 8080");
	tester_send(m, NULL, "send S seq=0");
	tester_send(m, NULL, "send . seq=1 ack=1");
	ck_assert_msg(m->tcb.state == TCP_ESTABLISHED, "setup: %s",
		      tcp_state_name(m->tcb.state));
	ck_assert_uint_eq(m->tcb.snd_nxt, T_NXT);
	ck_assert_uint_eq(m->tcb.rcv_nxt, R_NXT);
}

/* ESTABLISHED, then `app send 100`: q holds <SEQ=3000001><ACK=1000001>
 * P. with 100 bytes (RFC 9293 3.10.2). */
static void data_expected(struct mr *m, struct mq *q, enum tcp_profile_id pid)
{
	established(m, pid);
	memset(q, 0, sizeof *q);
	app(m, q, "app send 100");
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
	struct tcp_segment e = seg(TCP_PSH | TCP_ACK, T_NXT, R_NXT, 100);
	char why[160] = "";

	ck_assert_int_eq(match_segment(&e, &e, why, sizeof why), MATCH_EXACT);
}
END_TEST

/* match.h: PSH is not compared ("a stack pushes as it likes", RFC 9293
 * 3.9.1: the PSH bit is not a record marker). */
START_TEST(test_match_psh_ignored_both_ways)
{
	struct tcp_segment e = seg(TCP_ACK, T_NXT, R_NXT, 100);
	struct tcp_segment o = seg(TCP_PSH | TCP_ACK, T_NXT, R_NXT, 100);
	char why[160] = "";

	ck_assert_int_eq(match_segment(&e, &o, why, sizeof why), MATCH_EXACT);
	ck_assert_int_eq(match_segment(&o, &e, why, sizeof why), MATCH_EXACT);
}
END_TEST

/* STYLE.md: mismatch messages name the field, the expected and the actual
 * value. */
START_TEST(test_match_different_flags_named)
{
	struct tcp_segment e = seg(TCP_SYN | TCP_ACK, T_ISS, R_NXT, 0);
	struct tcp_segment o = seg(TCP_RST | TCP_ACK, T_ISS, R_NXT, 0);
	char why[160] = "";

	ck_assert_int_eq(match_segment(&e, &o, why, sizeof why), MATCH_NONE);
	ck_assert_msg(strstr(why, "flags") && strstr(why, "S.") && strstr(why, "R."),
		      "why '%s' does not name flags, S. and R.", why);
}
END_TEST

START_TEST(test_match_different_seq_named)
{
	struct tcp_segment e = seg(TCP_ACK, 3000001u, R_NXT, 0);
	struct tcp_segment o = seg(TCP_ACK, 3000002u, R_NXT, 0);
	char why[160] = "";

	ck_assert_int_eq(match_segment(&e, &o, why, sizeof why), MATCH_NONE);
	ck_assert_msg(strstr(why, "seq") && strstr(why, "3000001") && strstr(why, "3000002"),
		      "why '%s' does not name seq, 3000001 and 3000002", why);
}
END_TEST

START_TEST(test_match_different_ack_named)
{
	struct tcp_segment e = seg(TCP_ACK, T_NXT, 1000001u, 0);
	struct tcp_segment o = seg(TCP_ACK, T_NXT, 1000101u, 0);
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
	struct tcp_segment e = seg(TCP_RST, 5000, 0, 0);
	struct tcp_segment o = seg(TCP_RST, 5000, 123456, 0);
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
	struct tcp_segment e = seg(TCP_FIN | TCP_PSH | TCP_ACK, T_NXT, R_NXT, 100);
	struct tcp_segment part = seg(TCP_ACK, T_NXT, R_NXT, 60);
	struct tcp_segment fin_early = seg(TCP_FIN | TCP_ACK, T_NXT, R_NXT, 60);
	struct tcp_segment rest = seg(TCP_FIN | TCP_PSH | TCP_ACK, T_NXT + 60, R_NXT, 40);
	struct tcp_segment e_rest = seg(TCP_FIN | TCP_ACK, T_NXT + 60, R_NXT, 40);
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
	struct tcp_segment e = seg(TCP_PSH | TCP_ACK, T_NXT, R_NXT, 100);
	struct tcp_segment o = seg(TCP_ACK, T_NXT, R_NXT, 0);
	char why[160] = "";

	ck_assert_int_eq(match_segment(&e, &o, why, sizeof why), MATCH_NONE);
	ck_assert_msg(strstr(why, "len") != NULL, "why '%s' does not name len", why);
}
END_TEST

/* match.h: coalescing covers the expected bytes only; more data than the
 * model sends is refused, naming the length. */
START_TEST(test_match_longer_than_expected_refused)
{
	struct tcp_segment e = seg(TCP_PSH | TCP_ACK, T_NXT, R_NXT, 100);
	struct tcp_segment o = seg(TCP_PSH | TCP_ACK, T_NXT, R_NXT, 150);
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
	struct tcp_segment e = seg(TCP_SYN | TCP_ACK, T_ISS, R_NXT, 0);
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
	app(&m, &q, "app close");
	ck_assert_int_eq(q.n, 2);
	ck_assert_int_eq(m.tcb.state, TCP_FIN_WAIT_1);

	/* the FIN before the data: not the head, and no timer sends it */
	ck_assert_int_eq(explain(&q, &m, seg(TCP_FIN | TCP_ACK, T_NXT + 100, R_NXT, 0),
				 &t, why, sizeof why), MQ_UNEXPLAINED);
	ck_assert_msg(why[0] != '\0', "no reason given");
	ck_assert_int_eq(q.n, 2);
	ck_assert_uint_eq(m.tcb.retransmits, 0);

	ck_assert_int_eq(explain(&q, &m, seg(TCP_PSH | TCP_ACK, T_NXT, R_NXT, 100),
				 &t, why, sizeof why), MQ_EXPECTED);
	ck_assert_int_eq(q.n, 1);
	ck_assert_int_eq(explain(&q, &m, seg(TCP_FIN | TCP_ACK, T_NXT + 100, R_NXT, 0),
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
	ck_assert_int_eq(explain(&q, &m, seg(TCP_ACK, T_NXT, R_NXT, 60), &t, why, sizeof why),
			 MQ_EXPECTED);
	ck_assert_int_eq(q.n, 1);
	ck_assert_uint_eq(q.segs[0].seq, T_NXT + 60);
	ck_assert_uint_eq(q.segs[0].len, 40);
	ck_assert_int_eq(explain(&q, &m, seg(TCP_PSH | TCP_ACK, T_NXT + 60, R_NXT, 40),
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

	mr_init(&m, TCP_PROFILE_RFC9293); /* CLOSED: no timer can explain */
	memset(&q, 0, sizeof q);
	q.n = 1;
	q.segs[0] = seg(TCP_FIN | TCP_PSH | TCP_ACK, T_NXT, R_NXT, 100);

	ck_assert_msg(explain(&q, &m, seg(TCP_FIN | TCP_ACK, T_NXT, R_NXT, 60),
			      &t, why, sizeof why) == MQ_UNEXPLAINED,
		      "a FIN with the first 60 of 100 bytes accepted (queue now %u bytes at %u)",
		      q.segs[0].len, q.segs[0].seq);
	ck_assert_int_eq(explain(&q, &m, seg(TCP_PSH | TCP_ACK, T_NXT, R_NXT, 60),
				 &t, why, sizeof why), MQ_EXPECTED);
	ck_assert_int_eq(explain(&q, &m, seg(TCP_FIN | TCP_PSH | TCP_ACK, T_NXT + 60, R_NXT, 40),
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
	const struct tcp_segment d = seg(TCP_PSH | TCP_ACK, T_NXT, R_NXT, 100);

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
	const struct tcp_segment d = seg(TCP_PSH | TCP_ACK, T_NXT, R_NXT, 100);

	data_expected(&m, &q, TCP_PROFILE_RFC9293);
	ck_assert_int_eq(explain(&q, &m, d, &t, why, sizeof why), MQ_EXPECTED);
	tester_send(&m, &q, "send . seq=1 ack=101");
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
	const struct tcp_segment probe = seg(TCP_ACK, T_NXT - 1, R_NXT, 0);

	established(&m, TCP_PROFILE_LINUX);
	memset(&q, 0, sizeof q);
	ck_assert_int_eq(explain(&q, &m, probe, &t, why, sizeof why), MQ_UNEXPLAINED);
	ck_assert_msg(why[0] != '\0', "no reason given");
	ck_assert_uint_eq(m.tcb.ka_probes, 0);

	app(&m, &q, "app setsockopt keepalive 1");
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
	const struct tcp_segment rst = seg(TCP_RST | TCP_ACK, T_NXT, R_NXT, 0);

	data_expected(&m, &q, TCP_PROFILE_LINUX);
	ck_assert_int_eq(explain(&q, &m, rst, &t, why, sizeof why), MQ_UNEXPLAINED);
	ck_assert_msg(strstr(why, "flags") && strstr(why, "R."),
		      "reason '%s' does not name the flags", why);
	ck_assert_int_eq(q.n, 1);
	ck_assert_int_eq(m.tcb.state, TCP_ESTABLISHED);

	established(&m, TCP_PROFILE_LINUX);
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

	mr_init(&m, TCP_PROFILE_LINUX);
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

	mr_init(&m, TCP_PROFILE_LINUX);
	tcp_tcb_default(TCP_FIN_WAIT_2, &m.prof, &m.tcb);
	ck_assert(mq_reconcile_state(&m, TCP_CLOSED, f, &nf, 4));
	ck_assert_int_eq(nf, 1);
	ck_assert_int_eq(f[0], TCP_T_FIN_WAIT_2);

	nf = 0;
	mr_init(&m, TCP_PROFILE_RFC9293);
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

	established(&m, TCP_PROFILE_RFC9293);
	ck_assert(!mq_reconcile_state(&m, TCP_CLOSED, f, &nf, 4));
	ck_assert_int_eq(m.tcb.state, TCP_ESTABLISHED);

	data_expected(&m, &q, TCP_PROFILE_RFC9293);
	ck_assert(!mq_reconcile_state(&m, TCP_CLOSED, f, &nf, 4));
	ck_assert_int_eq(m.tcb.state, TCP_ESTABLISHED);
	ck_assert_uint_eq(m.tcb.retransmits, 0);

	established(&m, TCP_PROFILE_LINUX);
	app(&m, NULL, "app setsockopt keepalive 1");
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

	established(&m, TCP_PROFILE_LINUX);
	app(&m, NULL, "app setsockopt keepalive 1");
	app(&m, NULL, "app setsockopt keepcnt 1");
	fire(&m, TCP_T_KEEPALIVE); /* the one probe; the next firing gives up */
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

	established(&m, TCP_PROFILE_RFC9293);
	app(&m, NULL, "app setsockopt user_timeout 5000");
	memset(&q, 0, sizeof q);
	app(&m, &q, "app send 100");
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

	established(&m, TCP_PROFILE_RFC9293);
	app(&m, NULL, "app setsockopt user_timeout 5000");
	memset(&q, 0, sizeof q);
	app(&m, &q, "app send 100");
	ck_assert(!mq_reconcile_state(&m, TCP_TIME_WAIT, f, &nf, 4));
	ck_assert_msg(m.tcb.state == TCP_ESTABLISHED,
		      "a failed reconciliation left the model in %s (fired %d timer(s))",
		      tcp_state_name(m.tcb.state), nf);
}
END_TEST

/* --- modelrun: relative <-> absolute ----------------------------------- */

/* RFC 9293 3.4: sequence numbers are modulo 2^32; a relative number is an
 * offset from the ISS, negative ones before it. */
START_TEST(test_mr_rel_abs_roundtrip_negative_and_wrap)
{
	struct mr m;
	static const int64_t rels[] = { 0, 1, -1, 100, -100, 2147483647, -2147483647 };

	mr_init(&m, TCP_PROFILE_RFC9293);
	ck_assert_uint_eq(mr_abs_tester(&m, 0), 1000000u);
	ck_assert_uint_eq(mr_abs_tester(&m, 1), 1000001u);
	ck_assert_uint_eq(mr_abs_tester(&m, -1), 999999u);
	ck_assert_uint_eq(mr_abs_target(&m, 1), 3000001u);
	ck_assert_uint_eq(mr_abs_target(&m, -5), 2999995u);
	ck_assert_int_eq(mr_rel_tester(&m, 999999u), -1);
	ck_assert_int_eq(mr_rel_target(&m, 3000100u), 100);

	/* wrap at 2^32: ISS 2^32-16, +32 is 16; ISS 0, -1 is 2^32-1 */
	m.tester_iss = 4294967280u;
	ck_assert_uint_eq(mr_abs_tester(&m, 32), 16u);
	ck_assert_int_eq(mr_rel_tester(&m, 16u), 32);
	ck_assert_int_eq(mr_rel_tester(&m, 4294967279u), -1);
	m.target_iss = 0;
	ck_assert_uint_eq(mr_abs_target(&m, -1), 4294967295u);
	ck_assert_int_eq(mr_rel_target(&m, 4294967295u), -1);
	ck_assert_uint_eq(mr_abs_target(&m, 4294967295LL), 4294967295u);

	for (size_t i = 0; i < sizeof rels / sizeof rels[0]; i++) {
		ck_assert_int_eq(mr_rel_tester(&m, mr_abs_tester(&m, rels[i])), rels[i]);
		ck_assert_int_eq(mr_rel_target(&m, mr_abs_target(&m, rels[i])), rels[i]);
	}
}
END_TEST

/* --- modelrun: what a `send` injects ----------------------------------- */

/* scenario.h: seq is relative to the tester's ISS, ack to the target's.
 * Defaults: seq = the tester's next sequence number; ack = the target's
 * SND.NXT when ACK is set (what acknowledges all it sent, RFC 9293 3.4);
 * window 65535; MSS 1460 on a SYN only (RFC 9293 3.7.1: MSS only in SYN). */
START_TEST(test_mr_send_segment_defaults)
{
	struct mr m;
	struct tcp_segment s;
	struct scn_step st;

	mr_init(&m, TCP_PROFILE_RFC9293);
	app(&m, NULL, "app listen 8080");
	st = line("send S");
	mr_send_segment(&m, &st, &s);
	ck_assert_uint_eq(s.flags, TCP_SYN);
	ck_assert_uint_eq(s.seq, 1000000u);
	ck_assert_uint_eq(s.ack, 0);
	ck_assert_uint_eq(s.wnd, 65535);
	ck_assert_uint_eq(s.mss, 1460);
	ck_assert_uint_eq(s.len, 0);

	tester_send(&m, NULL, "send S");
	ck_assert_int_eq(m.tcb.state, TCP_SYN_RECEIVED);
	ck_assert_uint_eq(m.tester_nxt, 1000001u); /* the SYN counts one */
	st = line("send .");
	mr_send_segment(&m, &st, &s);
	ck_assert_uint_eq(s.flags, TCP_ACK);
	ck_assert_uint_eq(s.seq, 1000001u);
	ck_assert_uint_eq(s.ack, 3000001u);
	ck_assert_uint_eq(s.wnd, 65535);
	ck_assert_uint_eq(s.mss, 0);

	/* given fields win over defaults; negatives are before the ISS */
	st = line("send P. seq=-1 ack=-2 win=100 len=10 up=1 mss=1200");
	mr_send_segment(&m, &st, &s);
	ck_assert_uint_eq(s.seq, 999999u);
	ck_assert_uint_eq(s.ack, 2999998u);
	ck_assert_uint_eq(s.wnd, 100);
	ck_assert_uint_eq(s.len, 10);
	ck_assert_uint_eq(s.up, 1);
	ck_assert_uint_eq(s.mss, 1200);

	/* no ACK bit: the ACK field is 0 (DESIGN.md `tcpspec step`) */
	st = line("send R");
	mr_send_segment(&m, &st, &s);
	ck_assert_uint_eq(s.ack, 0);
	ck_assert_uint_eq(s.mss, 0);
}
END_TEST

/* --- modelrun: expect -------------------------------------------------- */

static int expect(const struct mr *m, const char *text, const struct tcp_segment *segs,
		  int nsegs, enum tcp_state state, bool known, const char *error,
		  char *err, size_t errlen)
{
	struct scn_step st = line(text);
	struct mr_seen seen = { segs, nsegs, state, known, error };

	err[0] = '\0';
	return mr_expect(m, &st, &seen, err, errlen);
}

/* DESIGN.md "Scenarios": `expect S.` with relative fields checks a segment
 * the target sent: seq relative to its ISS, ack to the tester's. */
START_TEST(test_mr_expect_segment_holds_and_fails)
{
	struct mr m;
	char err[768];
	struct tcp_segment sa = seg(TCP_SYN | TCP_ACK, T_ISS, 1000001u, 0);
	struct tcp_segment segs[2];

	mr_init(&m, TCP_PROFILE_LINUX);
	sa.wnd = 29200;
	segs[0] = seg(TCP_ACK, T_NXT, 1000001u, 0);
	segs[1] = sa;
	ck_assert_msg(expect(&m, "expect S. seq=0 ack=1", segs, 2, 0, false, NULL,
			     err, sizeof err) == 0, "%s", err);
	ck_assert_msg(expect(&m, "expect S. win=29200", segs, 2, 0, false, NULL,
			     err, sizeof err) == 0, "%s", err);
	ck_assert_msg(expect(&m, "expect .", segs, 2, 0, false, NULL, err, sizeof err) == 0,
		      "%s", err);

	ck_assert_int_eq(expect(&m, "expect S. seq=0 ack=2", segs, 2, 0, false, NULL,
				err, sizeof err), -1);
	ck_assert_msg(strstr(err, "expected a segment 'S.'") && strstr(err, "got ") &&
		      strstr(err, "S. seq=0 ack=1"),
		      "message '%s' does not show expected and what was seen", err);
	ck_assert_int_eq(expect(&m, "expect S. win=65535", segs, 2, 0, false, NULL,
				err, sizeof err), -1);
	ck_assert_int_eq(expect(&m, "expect R.", segs, 2, 0, false, NULL, err, sizeof err), -1);
	ck_assert_int_eq(expect(&m, "expect S.", segs, 0, 0, false, NULL, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "got nothing") != NULL, "message '%s'", err);
}
END_TEST

/* match.h: PSH is the stack's choice, so `expect .` holds for P. data; a
 * data length given is compared. */
START_TEST(test_mr_expect_segment_psh_free_len_compared)
{
	struct mr m;
	char err[768];
	struct tcp_segment d = seg(TCP_PSH | TCP_ACK, T_NXT, 1000001u, 100);

	mr_init(&m, TCP_PROFILE_LINUX);
	ck_assert_msg(expect(&m, "expect . seq=1 len=100", &d, 1, 0, false, NULL,
			     err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(expect(&m, "expect . len=50", &d, 1, 0, false, NULL,
				err, sizeof err), -1);
}
END_TEST

/* An assertion the scenario writes is checked: `expect S. mss=1460` fails
 * when the SYN,ACK carried MSS 536 (RFC 9293 3.7.1), and `up=` likewise. */
START_TEST(test_mr_expect_segment_checks_every_field_given)
{
	struct mr m;
	char err[768];
	struct tcp_segment sa = seg(TCP_SYN | TCP_ACK, T_ISS, 1000001u, 0);

	mr_init(&m, TCP_PROFILE_LINUX);
	sa.mss = 536;
	ck_assert_msg(expect(&m, "expect S. mss=536", &sa, 1, 0, false, NULL,
			     err, sizeof err) == 0, "%s", err);
	ck_assert_msg(expect(&m, "expect S. mss=1460", &sa, 1, 0, false, NULL,
			     err, sizeof err) == -1,
		      "'expect S. mss=1460' held for a SYN,ACK with MSS 536");
	ck_assert_msg(expect(&m, "expect S. up=5", &sa, 1, 0, false, NULL,
			     err, sizeof err) == -1,
		      "'expect S. up=5' held for a segment with urgent pointer 0");
}
END_TEST

START_TEST(test_mr_expect_none_holds_and_fails)
{
	struct mr m;
	char err[768];
	struct tcp_segment r = seg(TCP_RST | TCP_ACK, T_NXT, 1000001u, 0);

	mr_init(&m, TCP_PROFILE_LINUX);
	ck_assert_msg(expect(&m, "expect none", NULL, 0, 0, false, NULL, err, sizeof err) == 0,
		      "%s", err);
	ck_assert_int_eq(expect(&m, "expect none", &r, 1, 0, false, NULL, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "expected no segment") && strstr(err, "R. seq=1 ack=1"),
		      "message '%s' does not name the segment seen", err);
}
END_TEST

/* RFC 9293 3.3.2 states; an unknown observed state (a target that cannot
 * report one) makes no claim. */
START_TEST(test_mr_expect_state_holds_and_fails)
{
	struct mr m;
	char err[768];

	mr_init(&m, TCP_PROFILE_LINUX);
	ck_assert_msg(expect(&m, "expect state ESTABLISHED", NULL, 0, TCP_ESTABLISHED, true,
			     NULL, err, sizeof err) == 0, "%s", err);
	ck_assert_msg(expect(&m, "expect state SYN_RECV", NULL, 0, TCP_SYN_RECEIVED, true,
			     NULL, err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(expect(&m, "expect state ESTABLISHED", NULL, 0, TCP_SYN_RECEIVED,
				true, NULL, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "expected state ESTABLISHED, got SYN-RECEIVED"),
		      "message '%s'", err);
	ck_assert_int_eq(expect(&m, "expect state ESTABLISHED", NULL, 0, TCP_SYN_RECEIVED,
				false, NULL, err, sizeof err), 0);
}
END_TEST

/* DESIGN.md: the result names the rule that fired; `expect rule R` holds
 * when R decided a step since the last stimulus (3.10.7.2: a SYN in LISTEN). */
START_TEST(test_mr_expect_rule_holds_and_fails)
{
	struct mr m;
	char err[768];

	mr_init(&m, TCP_PROFILE_LINUX);
	app(&m, NULL, "app listen 8080");
	tester_send(&m, NULL, "send S seq=0");
	ck_assert_msg(expect(&m, "expect rule R_3_10_7_2_LISTEN_SYN", NULL, 0, 0, false,
			     NULL, err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(expect(&m, "expect rule R_3_10_7_4_RST", NULL, 0, 0, false, NULL,
				err, sizeof err), -1);
	ck_assert_msg(strstr(err, "R_3_10_7_4_RST") && strstr(err, "got R_3_10_7_2_LISTEN_SYN"),
		      "message '%s'", err);
}
END_TEST

START_TEST(test_mr_expect_error_holds_and_fails)
{
	struct mr m;
	char err[768];

	mr_init(&m, TCP_PROFILE_LINUX);
	ck_assert_msg(expect(&m, "expect error ECONNRESET", NULL, 0, 0, false, "ECONNRESET",
			     err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(expect(&m, "expect error ECONNRESET", NULL, 0, 0, false, "NONE",
				err, sizeof err), -1);
	ck_assert_msg(strstr(err, "ECONNRESET") && strstr(err, "got NONE"), "message '%s'", err);
	/* unknown (NULL): the target could not say; no claim */
	ck_assert_int_eq(expect(&m, "expect error ECONNRESET", NULL, 0, 0, false, NULL,
				err, sizeof err), 0);
}
END_TEST

/* --- modelrun: the application's error --------------------------------- */

/* Nothing happened: no error. */
START_TEST(test_mr_app_error_none_without_notification)
{
	struct mr m;

	established(&m, TCP_PROFILE_LINUX);
	ck_assert_str_eq(mr_app_error(&m), "NONE");
}
END_TEST

/* RFC 9293 3.10.7.3: in SYN-SENT, an RST with an acceptable ACK: "the user
 * should be warned, drop the segment, enter CLOSED" - the sockets API
 * reports it as ECONNREFUSED (modelrun.h). */
START_TEST(test_mr_app_error_rst_in_syn_sent_is_econnrefused)
{
	struct mr m;

	mr_init(&m, TCP_PROFILE_LINUX);
	app(&m, NULL, "app connect 8080");
	ck_assert_int_eq(m.tcb.state, TCP_SYN_SENT);
	tester_send(&m, NULL, "send R. ack=1");
	ck_assert_int_eq(m.tcb.state, TCP_CLOSED);
	ck_assert_str_eq(mr_app_error(&m), "ECONNREFUSED");
}
END_TEST

/* RFC 9293 3.10.7.4: an RST in ESTABLISHED (at RCV.NXT, so RFC 5961 3.2
 * accepts it too): "any outstanding RECEIVEs and SEND should receive
 * "reset" responses" - ECONNRESET. */
START_TEST(test_mr_app_error_rst_in_established_is_econnreset)
{
	struct mr m;

	established(&m, TCP_PROFILE_LINUX);
	tester_send(&m, NULL, "send R seq=1");
	ck_assert_int_eq(m.tcb.state, TCP_CLOSED);
	ck_assert_str_eq(mr_app_error(&m), "ECONNRESET");
}
END_TEST

/* RFC 1122 4.2.3.6 / tcp_profile.c: after the profile's count of
 * unanswered keep-alive probes the connection is dropped: ETIMEDOUT. */
START_TEST(test_mr_app_error_keepalive_give_up_is_etimedout)
{
	struct mr m;
	struct mr_step s;

	established(&m, TCP_PROFILE_LINUX);
	app(&m, NULL, "app setsockopt keepalive 1");
	app(&m, NULL, "app setsockopt keepcnt 1");
	mr_new_stimulus(&m);
	s = fire(&m, TCP_T_KEEPALIVE);
	ck_assert_int_eq(s.res.rule, R_1122_4_2_3_6_KEEPALIVE);
	ck_assert_str_eq(mr_app_error(&m), "NONE");
	s = fire(&m, TCP_T_KEEPALIVE);
	ck_assert_int_eq(s.res.rule, R_1122_4_2_3_6_KEEPALIVE_GIVE_UP);
	ck_assert_int_eq(m.tcb.state, TCP_CLOSED);
	ck_assert_str_eq(mr_app_error(&m), "ETIMEDOUT");
}
END_TEST

static Suite *match_suite(void)
{
	Suite *s = suite_create("match");
	TCase *seg_tc = tcase_create("match_segment");
	TCase *mq = tcase_create("mq_explain");
	TCase *rec = tcase_create("mq_reconcile_state");
	TCase *mr = tcase_create("modelrun");

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

	tcase_add_test(mr, test_mr_rel_abs_roundtrip_negative_and_wrap);
	tcase_add_test(mr, test_mr_send_segment_defaults);
	tcase_add_test(mr, test_mr_expect_segment_holds_and_fails);
	tcase_add_test(mr, test_mr_expect_segment_psh_free_len_compared);
	tcase_add_test(mr, test_mr_expect_segment_checks_every_field_given);
	tcase_add_test(mr, test_mr_expect_none_holds_and_fails);
	tcase_add_test(mr, test_mr_expect_state_holds_and_fails);
	tcase_add_test(mr, test_mr_expect_rule_holds_and_fails);
	tcase_add_test(mr, test_mr_expect_error_holds_and_fails);
	tcase_add_test(mr, test_mr_app_error_none_without_notification);
	tcase_add_test(mr, test_mr_app_error_rst_in_syn_sent_is_econnrefused);
	tcase_add_test(mr, test_mr_app_error_rst_in_established_is_econnreset);
	tcase_add_test(mr, test_mr_app_error_keepalive_give_up_is_etimedout);
	suite_add_tcase(s, mr);
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
