/*
 * check_modelrun.c - Check suite for conformance/scenario/modelrun.[ch], the
 * model's side of a scenario: relative and absolute sequence numbers, the
 * segment a `send` line injects, what an `expect` line checks, and the
 * error the application sees.
 *
 * The numbers (tests/support/drive.h): the tester's ISS is MR_TESTER_ISS =
 * 1000000 and the target's MR_TARGET_ISS = 3000000 (modelrun.h); once
 * established the target's SND.NXT is 3000001 and its RCV.NXT 1000001
 * (RFC 9293 3.5, figure 6).
 */
#include <check.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/appcall.h"
#include "scenario/modelrun.h"
#include "scenario/scenario.h"
#include "support/drive.h"

/* --- modelrun: relative <-> absolute ----------------------------------- */

/* RFC 9293 3.4: sequence numbers are modulo 2^32; a relative number is an
 * offset from the ISS, negative ones before it. */
START_TEST(test_mr_rel_abs_roundtrip_negative_and_wrap)
{
	struct mr m;
	static const int64_t rels[] = { 0, 1, -1, 100, -100, 2147483647, -2147483647 };

	mr_init(&m, tcp_profile_get(TCP_PROFILE_RFC9293));
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

	mr_init(&m, tcp_profile_get(TCP_PROFILE_RFC9293));
	drive_app(&m, NULL, "app listen 8080");
	st = drive_line("send S");
	mr_send_segment(&m, &st, &s);
	ck_assert_uint_eq(s.flags, TCP_SYN);
	ck_assert_uint_eq(s.seq, 1000000u);
	ck_assert_uint_eq(s.ack, 0);
	ck_assert_uint_eq(s.wnd, 65535);
	ck_assert_uint_eq(s.mss, 1460);
	ck_assert_uint_eq(s.len, 0);

	drive_send(&m, NULL, "send S");
	ck_assert_int_eq(m.tcb.state, TCP_SYN_RECEIVED);
	ck_assert_uint_eq(m.tester_nxt, 1000001u); /* the SYN counts one */
	st = drive_line("send .");
	mr_send_segment(&m, &st, &s);
	ck_assert_uint_eq(s.flags, TCP_ACK);
	ck_assert_uint_eq(s.seq, 1000001u);
	ck_assert_uint_eq(s.ack, 3000001u);
	ck_assert_uint_eq(s.wnd, 65535);
	ck_assert_uint_eq(s.mss, 0);

	/* given fields win over defaults; negatives are before the ISS */
	st = drive_line("send P. seq=-1 ack=-2 win=100 len=10 up=1 mss=1200");
	mr_send_segment(&m, &st, &s);
	ck_assert_uint_eq(s.seq, 999999u);
	ck_assert_uint_eq(s.ack, 2999998u);
	ck_assert_uint_eq(s.wnd, 100);
	ck_assert_uint_eq(s.len, 10);
	ck_assert_uint_eq(s.up, 1);
	ck_assert_uint_eq(s.mss, 1200);

	/* no ACK bit: the ACK field is 0 (DESIGN.md `tcpspec step`) */
	st = drive_line("send R");
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
	struct scn_step st = drive_line(text);
	struct mr_seen seen = { segs, nsegs, state, known, error, false, 0, 0 };
	char want[256], got[512];
	int rc;

	err[0] = '\0';
	rc = mr_expect(m, &st, &seen, want, sizeof want, got, sizeof got);
	if (rc != 0)
		snprintf(err, errlen, "expected %.200s; observed %.400s", want, got);
	return rc;
}

/* DESIGN.md "Scenarios": `expect S.` with relative fields checks a segment
 * the target sent: seq relative to its ISS, ack to the tester's. */
START_TEST(test_mr_expect_segment_holds_and_fails)
{
	struct mr m;
	char err[768];
	struct tcp_segment sa = drive_seg(TCP_SYN | TCP_ACK, T_ISS, 1000001u, 0);
	struct tcp_segment segs[2];

	mr_init(&m, tcp_profile_get(TCP_PROFILE_LINUX));
	sa.wnd = 29200;
	segs[0] = drive_seg(TCP_ACK, T_NXT, 1000001u, 0);
	segs[1] = sa;
	ck_assert_msg(expect(&m, "expect S. seq=0 ack=1", segs, 2, 0, false, NULL,
			     err, sizeof err) == 0, "%s", err);
	ck_assert_msg(expect(&m, "expect S. win=29200", segs, 2, 0, false, NULL,
			     err, sizeof err) == 0, "%s", err);
	ck_assert_msg(expect(&m, "expect .", segs, 2, 0, false, NULL, err, sizeof err) == 0,
		      "%s", err);

	ck_assert_int_eq(expect(&m, "expect S. seq=0 ack=2", segs, 2, 0, false, NULL,
				err, sizeof err), -1);
	ck_assert_msg(strstr(err, "expected S. seq=0 ack=2; observed ") &&
		      strstr(err, "S. seq=0 ack=1"),
		      "message '%s' does not show expected and what was seen", err);
	ck_assert_int_eq(expect(&m, "expect S. win=65535", segs, 2, 0, false, NULL,
				err, sizeof err), -1);
	ck_assert_int_eq(expect(&m, "expect R.", segs, 2, 0, false, NULL, err, sizeof err), -1);
	ck_assert_int_eq(expect(&m, "expect S.", segs, 0, 0, false, NULL, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "observed nothing") != NULL, "message '%s'", err);
}
END_TEST

/* match.h: PSH is the stack's choice, so `expect .` holds for P. data; a
 * data length given is compared. */
START_TEST(test_mr_expect_segment_psh_free_len_compared)
{
	struct mr m;
	char err[768];
	struct tcp_segment d = drive_seg(TCP_PSH | TCP_ACK, T_NXT, 1000001u, 100);

	mr_init(&m, tcp_profile_get(TCP_PROFILE_LINUX));
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
	struct tcp_segment sa = drive_seg(TCP_SYN | TCP_ACK, T_ISS, 1000001u, 0);

	mr_init(&m, tcp_profile_get(TCP_PROFILE_LINUX));
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
	struct tcp_segment r = drive_seg(TCP_RST | TCP_ACK, T_NXT, 1000001u, 0);

	mr_init(&m, tcp_profile_get(TCP_PROFILE_LINUX));
	ck_assert_msg(expect(&m, "expect none", NULL, 0, 0, false, NULL, err, sizeof err) == 0,
		      "%s", err);
	ck_assert_int_eq(expect(&m, "expect none", &r, 1, 0, false, NULL, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "expected no segment; observed R. seq=1 ack=1"),
		      "message '%s' does not name the segment seen", err);
}
END_TEST

/* RFC 9293 3.3.2 states; an unknown observed state (a target that cannot
 * report one) makes no claim. */
START_TEST(test_mr_expect_state_holds_and_fails)
{
	struct mr m;
	char err[768];

	mr_init(&m, tcp_profile_get(TCP_PROFILE_LINUX));
	ck_assert_msg(expect(&m, "expect state ESTABLISHED", NULL, 0, TCP_ESTABLISHED, true,
			     NULL, err, sizeof err) == 0, "%s", err);
	ck_assert_msg(expect(&m, "expect state SYN_RECV", NULL, 0, TCP_SYN_RECEIVED, true,
			     NULL, err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(expect(&m, "expect state ESTABLISHED", NULL, 0, TCP_SYN_RECEIVED,
				true, NULL, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "expected state ESTABLISHED; observed state SYN-RECEIVED"),
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

	mr_init(&m, tcp_profile_get(TCP_PROFILE_LINUX));
	drive_app(&m, NULL, "app listen 8080");
	drive_send(&m, NULL, "send S seq=0");
	ck_assert_msg(expect(&m, "expect rule R_3_10_7_2_LISTEN_SYN", NULL, 0, 0, false,
			     NULL, err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(expect(&m, "expect rule R_3_10_7_4_RST", NULL, 0, 0, false, NULL,
				err, sizeof err), -1);
	ck_assert_msg(strstr(err, "expected rule R_3_10_7_4_RST; observed rule R_3_10_7_2_LISTEN_SYN"),
		      "message '%s'", err);
}
END_TEST

START_TEST(test_mr_expect_error_holds_and_fails)
{
	struct mr m;
	char err[768];

	mr_init(&m, tcp_profile_get(TCP_PROFILE_LINUX));
	ck_assert_msg(expect(&m, "expect error ECONNRESET", NULL, 0, 0, false, "ECONNRESET",
			     err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(expect(&m, "expect error ECONNRESET", NULL, 0, 0, false, "NONE",
				err, sizeof err), -1);
	ck_assert_msg(strstr(err, "expected application error ECONNRESET; observed application error NONE"),
		      "message '%s'", err);
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

	drive_established(&m, TCP_PROFILE_LINUX);
	ck_assert_str_eq(mr_app_error(&m), "NONE");
}
END_TEST

/* RFC 9293 3.10.7.3: in SYN-SENT, an RST with an acceptable ACK: "the user
 * should be warned, drop the segment, enter CLOSED" - the sockets API
 * reports it as ECONNREFUSED (modelrun.h). */
START_TEST(test_mr_app_error_rst_in_syn_sent_is_econnrefused)
{
	struct mr m;

	mr_init(&m, tcp_profile_get(TCP_PROFILE_LINUX));
	drive_app(&m, NULL, "app connect 8080");
	ck_assert_int_eq(m.tcb.state, TCP_SYN_SENT);
	drive_send(&m, NULL, "send R. ack=1");
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

	drive_established(&m, TCP_PROFILE_LINUX);
	drive_send(&m, NULL, "send R seq=1");
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

	drive_established(&m, TCP_PROFILE_LINUX);
	drive_app(&m, NULL, "app setsockopt keepalive 1");
	drive_app(&m, NULL, "app setsockopt keepcnt 1");
	mr_new_stimulus(&m);
	s = drive_fire(&m, TCP_T_KEEPALIVE);
	ck_assert_int_eq(s.res.rule, R_1122_4_2_3_6_KEEPALIVE);
	ck_assert_str_eq(mr_app_error(&m), "NONE");
	s = drive_fire(&m, TCP_T_KEEPALIVE);
	ck_assert_int_eq(s.res.rule, R_1122_4_2_3_6_KEEPALIVE_GIVE_UP);
	ck_assert_int_eq(m.tcb.state, TCP_CLOSED);
	ck_assert_str_eq(mr_app_error(&m), "ETIMEDOUT");
}
END_TEST
/* --- appcall: the errno table and what a call returns ------------------- */

/* The call `text` on the model, and what a program sees of it. */
static struct mr_call predict(struct mr *m, const char *text)
{
	struct scn_step st = drive_line(text);
	struct mr_call c;

	drive_app(m, NULL, text);
	mr_call_predict(m, st.app, st.n, &m->hist[m->nhist - 1], &c);
	return c;
}

/* RFC 9293 3.10.7.4 second check in CLOSE-WAIT: "connection reset";
 * Linux's tcp_reset() says EPIPE there (and the lwip agent as Linux),
 * 4.4BSD ECONNRESET, and the RFC profiles the sockets API's ECONNRESET:
 * the one row of the table where the profiles differ. */
START_TEST(test_errno_table_reset_in_close_wait_per_profile)
{
	static const struct { enum tcp_profile_id p; const char *want; } cases[] = {
		{ TCP_PROFILE_RFC9293, "ECONNRESET" }, { TCP_PROFILE_RFC9293_5961, "ECONNRESET" },
		{ TCP_PROFILE_LINUX, "EPIPE" },	       { TCP_PROFILE_LWIP, "EPIPE" },
		{ TCP_PROFILE_BSD, "ECONNRESET" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct mr m;

		drive_established(&m, cases[i].p);
		drive_app(&m, NULL, "app accept");
		drive_send(&m, NULL, "send F. seq=1 ack=1");
		ck_assert_int_eq(m.tcb.state, TCP_CLOSE_WAIT);
		drive_send(&m, NULL, "send R seq=2");
		ck_assert_int_eq(m.tcb.state, TCP_CLOSED);
		ck_assert_msg(strcmp(mr_app_error(&m), cases[i].want) == 0, "profile %d: %s, want %s",
			      cases[i].p, mr_app_error(&m), cases[i].want);
	}
}
END_TEST

/* Every row names its RFC 9293 section, the RFC's words, an errno (or
 * the call's value) for each built-in profile and its source; and the
 * notifications that end a connection map as the issue's table says:
 * reset -> ECONNRESET (3.10.7.4), refused -> ECONNREFUSED (3.10.7.3 and
 * 3.10.7.4 second check), user timeout -> ETIMEDOUT (3.10.8). */
START_TEST(test_errno_table_rows_complete)
{
	struct tcp_result r;

	ck_assert_uint_ge(app_errno_nrows(), 8);
	for (size_t i = 0; i < app_errno_nrows(); i++) {
		const struct app_errno_row *row = app_errno_row(i);

		ck_assert_msg(strncmp(row->section, "RFC ", 4) == 0, "row %zu: '%s'", i, row->section);
		ck_assert_msg(row->words[0] != '\0' && row->source[0] != '\0', "row %zu", i);
		for (int p = 0; p < TCP_NPROFILES; p++)
			ck_assert_msg(row->errname[p] != NULL, "row %zu profile %d", i, p);
	}
	ck_assert_ptr_null(app_errno_row(app_errno_nrows()));
	memset(&r, 0, sizeof r);
	r.notify = TCP_N_RESET;
	r.rule = R_3_10_7_4_RST;
	ck_assert_str_eq(app_errno_for(tcp_profile_get(TCP_PROFILE_LINUX), &r, TCP_ESTABLISHED),
			 "ECONNRESET");
	r.rule = R_3_10_7_3_RST;
	ck_assert_str_eq(app_errno_for(tcp_profile_get(TCP_PROFILE_BSD), &r, TCP_SYN_SENT),
			 "ECONNREFUSED");
	r.notify = TCP_N_REFUSED;
	ck_assert_str_eq(app_errno_for(tcp_profile_get(TCP_PROFILE_RFC9293), &r, TCP_SYN_RECEIVED),
			 "ECONNREFUSED");
	r.notify = TCP_N_USER_TIMEOUT;
	ck_assert_str_eq(app_errno_for(tcp_profile_get(TCP_PROFILE_LWIP), &r, TCP_ESTABLISHED),
			 "ETIMEDOUT");
	r.notify = TCP_N_REMOTE_CLOSE;
	ck_assert_ptr_null(app_errno_for(tcp_profile_get(TCP_PROFILE_LINUX), &r, TCP_ESTABLISHED));
	ck_assert_int_eq(app_errno_value("ECONNRESET"), ECONNRESET);
	ck_assert_int_eq(app_errno_value("ECONRESET"), 0);
	ck_assert_str_eq(app_errno_name(EPIPE), "EPIPE");
}
END_TEST

/* RFC 9293 3.10.3: with nothing to deliver a RECEIVE waits (non-blocking:
 * EAGAIN); after the peer's FIN (3.10.7.4 eighth check) the text, then
 * "connection closing": read() returns 0. */
START_TEST(test_predict_recv_eagain_data_then_end_of_stream)
{
	struct mr m;
	struct mr_call c;

	drive_established(&m, TCP_PROFILE_LINUX);
	drive_app(&m, NULL, "app accept");
	c = predict(&m, "app recv 100");
	ck_assert_int_eq(c.kind, MR_CALL_ERRNO);
	ck_assert_int_eq(c.err, EAGAIN);
	drive_send(&m, NULL, "send FP. seq=1 ack=1 len=10");
	c = predict(&m, "app recv 100");
	ck_assert_int_eq(c.kind, MR_CALL_VALUE);
	ck_assert_int_eq(c.value, 10);
	c = predict(&m, "app recv 100");
	ck_assert_int_eq(c.kind, MR_CALL_VALUE);
	ck_assert_int_eq(c.value, 0);
	ck_assert(mr_call_matches(&c, 0, 0));
	ck_assert(!mr_call_matches(&c, ECONNRESET, 0));
	ck_assert(!mr_call_matches(&c, 0, 5));
}
END_TEST

/* RFC 9293 3.10.7.4 second check: after a reset the first call that asks
 * is told ECONNRESET; once told, a read is the end of stream (Linux) or
 * the same error again (the lwip agent); a SEND is EPIPE or the error. */
START_TEST(test_predict_after_reset_error_once_then_end)
{
	struct mr m;
	struct mr_call c;
	char buf[128];

	drive_established(&m, TCP_PROFILE_LINUX);
	drive_app(&m, NULL, "app accept");
	drive_send(&m, NULL, "send R seq=1");
	c = predict(&m, "app recv 100");
	ck_assert_int_eq(c.kind, MR_CALL_ERRNO);
	ck_assert_int_eq(c.err, ECONNRESET);
	ck_assert_str_eq(mr_call_text(&c, APP_RECV, buf, sizeof buf), "app recv fails with ECONNRESET");
	mr_sock_reported(&m, ECONNRESET);
	c = predict(&m, "app recv 100");
	ck_assert(mr_call_matches(&c, 0, 0));
	ck_assert(mr_call_matches(&c, ECONNRESET, 0));
	ck_assert(!mr_call_matches(&c, ETIMEDOUT, 0));
	c = predict(&m, "app send 10");
	ck_assert(mr_call_matches(&c, EPIPE, 0));
	ck_assert(mr_call_matches(&c, ECONNRESET, 0));
	ck_assert(!mr_call_matches(&c, 0, 10));
	ck_assert_str_eq(mr_call_observed(APP_SEND, 0, 10, buf, sizeof buf), "app send returned 10");
}
END_TEST

/* RFC 9293 3.10.7.3 second check: a RST acknowledging the SYN is reported
 * to a connecting socket as ECONNREFUSED; 3.10.2: a SEND after CLOSE is
 * "connection closing", EPIPE. */
START_TEST(test_predict_refused_and_send_after_close)
{
	struct mr m;
	struct mr_call c;

	mr_init(&m, tcp_profile_get(TCP_PROFILE_RFC9293));
	drive_app(&m, NULL, "app connect 8080");
	drive_send(&m, NULL, "send R. ack=1");
	c = predict(&m, "app send 10");
	ck_assert_int_eq(c.kind, MR_CALL_ERRNO);
	ck_assert_int_eq(c.err, ECONNREFUSED);
	drive_established(&m, TCP_PROFILE_RFC9293);
	drive_app(&m, NULL, "app accept");
	drive_app(&m, NULL, "app shutdown");
	c = predict(&m, "app send 10");
	ck_assert_int_eq(c.kind, MR_CALL_ERRNO);
	ck_assert_int_eq(c.err, EPIPE);
}
END_TEST

/* Sequence numbers print as the scenario writes them: relative to the
 * sender's ISS (ack to the receiver's) inside the connection's space,
 * raw outside it.  RFC 9293 3.10.7.1: a reset of a SYN to a closed port is
 * <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>; its SEQ=0 is no offset into
 * the connection and prints "raw:0", not minus the ISS. */
START_TEST(test_mr_format_seg_relative_inside_raw_outside)
{
	struct mr m;
	char buf[128];
	struct tcp_segment rst = drive_seg(TCP_RST | TCP_ACK, 0, 1000001u, 0);
	struct tcp_segment probe = drive_seg(TCP_ACK, T_ISS, 1000001u, 0);
	struct tcp_segment syn = drive_seg(TCP_SYN, 1000000u, 0, 0);

	mr_init(&m, tcp_profile_get(TCP_PROFILE_RFC9293));
	ck_assert_str_eq(mr_format_target_seg(&m, &rst, buf, sizeof buf),
			 "R. seq=raw:0 ack=1 win=65535 len=0");
	/* SND.NXT-1 of a keep-alive probe: just before the space starts */
	probe.seq = T_ISS - 1;
	ck_assert_str_eq(mr_format_target_seg(&m, &probe, buf, sizeof buf),
			 ". seq=-1 ack=1 win=65535 len=0");
	/* RFC 5961 5.2: an ACK below SND.UNA-MAX.SND.WND, as a scenario writes
	 * it (ack=-70000), is still the connection's */
	syn.flags = TCP_ACK | TCP_PSH;
	syn.ack = T_ISS - 70000;
	ck_assert_str_eq(mr_format_seg(&m, &syn, false, buf, sizeof buf),
			 "P. seq=0 ack=-70000 win=65535 len=0");
	syn.flags = TCP_SYN;
	/* the tester's SYN: relative to its own ISS, no ACK field */
	ck_assert_str_eq(mr_format_seg(&m, &syn, false, buf, sizeof buf), "S seq=0 win=65535 len=0");
	/* an ACK far from the tester's ISS is raw too */
	rst.ack = 0x80000000u;
	ck_assert_str_eq(mr_format_target_seg(&m, &rst, buf, sizeof buf),
			 "R. seq=raw:0 ack=raw:2147483648 win=65535 len=0");
}
END_TEST

static Suite *modelrun_suite(void)
{
	Suite *s = suite_create("modelrun");
	TCase *mr = tcase_create("modelrun");

	tcase_add_test(mr, test_mr_rel_abs_roundtrip_negative_and_wrap);
	tcase_add_test(mr, test_mr_send_segment_defaults);
	tcase_add_test(mr, test_mr_format_seg_relative_inside_raw_outside);
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
	tcase_add_test(mr, test_errno_table_reset_in_close_wait_per_profile);
	tcase_add_test(mr, test_errno_table_rows_complete);
	tcase_add_test(mr, test_predict_recv_eagain_data_then_end_of_stream);
	tcase_add_test(mr, test_predict_after_reset_error_once_then_end);
	tcase_add_test(mr, test_predict_refused_and_send_after_close);
	suite_add_tcase(s, mr);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(modelrun_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
