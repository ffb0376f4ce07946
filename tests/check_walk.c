/*
 * check_walk.c - Check suite for conformance/walk/ (random walks), without
 * root: a walk is reproducible from its seed, it draws only events the
 * model defines (RFC 9293 3.10: user calls, arriving segments, timeouts),
 * and the sequences it writes run through the model target as scenarios;
 * it draws no call the sockets API cannot make as RFC 9293 3.10 describes
 * it; and it tells failures apart by their cause, not their numbers.
 */
#include <check.h>
#include <string.h>

#include "explore/explore.h"
#include "run/runner.h"
#include "scenario/modelrun.h"
#include "scenario/scenario.h"
#include "support/model_check.h"
#include "walk/walk.h"

static char A[16384], B[16384];

/* The same seed and index give the same sequence; another seed another. */
START_TEST(test_walk_is_reproducible_from_its_seed)
{
	static struct profile_def p;

	profile_builtin(TCP_PROFILE_LINUX, &p);
	ck_assert_int_gt(walk_sequence(&p, 42, 3, 12, false, A, sizeof A), 0);
	ck_assert_int_gt(walk_sequence(&p, 42, 3, 12, false, B, sizeof B), 0);
	ck_assert_str_eq(A, B);
	ck_assert_int_gt(walk_sequence(&p, 43, 3, 12, false, B, sizeof B), 0);
	ck_assert_str_ne(A, B);
}
END_TEST

/* Every sequence parses as a scenario, and the model target (RFC 9293 as
 * the model reads it, under each profile) accepts nearly all of them
 * whole; walk.c cuts the rest before the step the sockets API makes
 * differently. */
START_TEST(test_walk_sequences_are_scenarios_the_model_accepts)
{
	static struct scn s;
	static struct profile_def p;
	char err[1024];
	int whole = 0;

	profile_builtin((enum tcp_profile_id)_i, &p);
	for (long i = 0; i < 100; i++) {
		ck_assert_int_gt(walk_sequence(&p, 7, i, 12, true, A, sizeof A), 0);
		ck_assert_msg(scn_parse("w.scn", A, &s, err, sizeof err) == 0, "%s\n%s", err, A);
		ck_assert_int_ge(s.nsteps, 1);
		whole += run_check(&s, &p, err, sizeof err) == 0;
	}
	ck_assert_int_ge(whole, 90);
}
END_TEST

/*
 * Replayed through the model, no sequence of any profile makes a call the
 * sockets API cannot make as RFC 9293 3.10 describes it: a second OPEN
 * (3.10.1) once the program has a socket, a SEND (3.10.2) in SYN-SENT or
 * SYN-RECEIVED; and no step follows the moment a passively opened
 * connection is CLOSED while its listener is open (3.10.7.1 would no
 * longer describe the port: the listener answers); no socket option once
 * a connection that was opened is CLOSED.  The walk does draw
 * SENDs once ESTABLISHED, and OPENs.
 */
START_TEST(test_walk_draws_only_calls_the_sockets_api_makes)
{
	static struct scn s;
	static struct profile_def p;
	static struct mr m;
	char err[1024];
	int sends = 0, opens = 0;

	profile_builtin((enum tcp_profile_id)_i, &p);
	for (long i = 0; i < 300; i++) {
		bool sock = false, listening = false, accepted = false;

		ck_assert_int_gt(walk_sequence(&p, 11, i, 20, true, A, sizeof A), 0);
		ck_assert_msg(scn_parse("w.scn", A, &s, err, sizeof err) == 0, "%s", err);
		mr_init(&m, &p.tcp);
		for (int k = 0; k < s.nsteps; k++) {
			const struct scn_step *st = &s.steps[k];
			enum tcp_state before = m.tcb.state;
			struct mr_step last;

			ck_assert_msg(!listening || before != TCP_CLOSED,
				      "a step after the listener's connection closed:\n%s", A);
			if (st->kind == SCN_APP && (st->app == APP_LISTEN || st->app == APP_CONNECT)) {
				ck_assert_msg(!sock, "a second OPEN:\n%s", A);
				ck_assert_ptr_nonnull(xp_api_refuses_why(before, true, st));
				sock = true;
				listening = st->app == APP_LISTEN;
				opens++;
			}
			if (st->kind == SCN_APP && st->app == APP_SETSOCKOPT)
				ck_assert_msg(!sock || before != TCP_CLOSED,
					      "an option on a connection that is gone:\n%s", A);
			if (st->kind == SCN_APP && st->app == APP_SEND) {
				ck_assert_msg(before != TCP_SYN_SENT && before != TCP_SYN_RECEIVED,
					      "SEND in %s:\n%s", tcp_state_name(before), A);
				sends++;
			}
			if (st->kind == SCN_APP && st->app == APP_ACCEPT)
				accepted = true;
			if (st->kind == SCN_APP && (st->app == APP_CLOSE || st->app == APP_ABORT) &&
			    !accepted)
				listening = false;
			if (mr_apply(&m, st, &last) < 0)
				break;
		}
	}
	ck_assert_int_gt(sends, 0);
	ck_assert_int_ge(opens, 250);
}
END_TEST

/* The reasons name the RFC 9293 call and what the sockets API does
 * instead; a SEND once ESTABLISHED (3.10.2) and an option before OPEN or
 * on a live connection are not avoided. */
START_TEST(test_walk_avoid_names_the_sockets_api_reason)
{
	struct scn_step st;

	memset(&st, 0, sizeof st);
	st.kind = SCN_APP;
	st.app = APP_SEND;
	st.n = 100;
	ck_assert_ptr_nonnull(strstr(xp_api_refuses_why(TCP_SYN_SENT, true, &st), "EAGAIN"));
	ck_assert_ptr_nonnull(strstr(xp_api_refuses_why(TCP_SYN_RECEIVED, true, &st), "3.10.2"));
	ck_assert_ptr_null(xp_api_refuses_why(TCP_ESTABLISHED, true, &st));
	ck_assert_ptr_null(xp_api_refuses_why(TCP_CLOSE_WAIT, true, &st));
	st.app = APP_CONNECT;
	ck_assert_ptr_nonnull(strstr(xp_api_refuses_why(TCP_CLOSED, true, &st), "EADDRINUSE"));
	ck_assert_ptr_null(xp_api_refuses_why(TCP_CLOSED, false, &st));
	st.app = APP_LISTEN;
	ck_assert_ptr_nonnull(strstr(xp_api_refuses_why(TCP_CLOSED, true, &st), "3.10.1"));
	st.app = APP_SETSOCKOPT;
	snprintf(st.opt, sizeof st.opt, "keepalive");
	ck_assert_ptr_nonnull(strstr(xp_api_refuses_why(TCP_CLOSED, true, &st), "gone"));
	ck_assert_ptr_null(xp_api_refuses_why(TCP_CLOSED, false, &st));
	ck_assert_ptr_null(xp_api_refuses_why(TCP_ESTABLISHED, true, &st));
	st.kind = SCN_SEND;
	ck_assert_ptr_null(xp_api_refuses_why(TCP_SYN_SENT, true, &st));
}
END_TEST

/* Two FAILs at the same rule (here RFC 9293 3.10.7.3, text on a SYN,ACK)
 * that differ only in numbers (window, ack, ISS) have one cause; another
 * flag observed is another cause; ERRORs differing in a port are one. */
START_TEST(test_walk_cause_ignores_numbers)
{
	static struct run_result a, b;
	static struct scn sa, sb;
	char ca[256], cb[256], err[512];

	ck_assert_int_eq(scn_parse("a.scn", "app connect\nsend S. seq=0 ack=1 win=65535 len=100\n",
				   &sa, err, sizeof err), 0);
	ck_assert_int_eq(scn_parse("b.scn", "app connect\nsend S. seq=5 ack=1 win=65535 len=100\n",
				   &sb, err, sizeof err), 0);
	memset(&a, 0, sizeof a);
	a.verdict = V_FAIL;
	a.line = 2;
	snprintf(a.rule, sizeof a.rule, "R_3_10_7_3_SYN_ACK");
	snprintf(a.step, sizeof a.step, "line 2");
	snprintf(a.expected, sizeof a.expected, ". seq=1 ack=101 win=64140 len=0");
	snprintf(a.observed, sizeof a.observed, ". seq=1 ack=1 win=64240 len=0");
	snprintf(a.message, sizeof a.message, "expected %.60s; observed %.60s: ack: expected 1000101, "
		 "got 1000001 (the target in ESTABLISHED, the model in ESTABLISHED)", a.expected,
		 a.observed);
	b = a;
	snprintf(b.observed, sizeof b.observed, ". seq=1 ack=6 win=64800 len=0");
	snprintf(b.message, sizeof b.message, "expected %.60s; observed %.60s: ack: expected 1000106, "
		 "got 1000006 (the target in ESTABLISHED, the model in ESTABLISHED)", b.expected,
		 b.observed);
	walk_cause(&sa, &a, ca, sizeof ca);
	walk_cause(&sb, &b, cb, sizeof cb);
	ck_assert_str_eq(ca, cb);
	ck_assert_str_eq(ca, "R_3_10_7_3_SYN_ACK at 'send S.': expected ., observed . (ack) "
			 "(the target in ESTABLISHED, the model in ESTABLISHED)");
	snprintf(b.observed, sizeof b.observed, "R seq=1 win=0 len=0");
	snprintf(b.message, sizeof b.message, "expected %.60s; observed %.60s: flags: expected ., got R "
		 "(the target in CLOSED, the model in ESTABLISHED)", b.expected, b.observed);
	walk_cause(&sb, &b, cb, sizeof cb);
	ck_assert_str_ne(ca, cb);
	ck_assert_ptr_nonnull(strstr(cb, "observed R (flags)"));
	/* a timer that did not fire (RFC 9293 3.8.1): which timer, not "the" */
	snprintf(b.expected, sizeof b.expected, "the retransmit timer fires within 1000 ms");
	snprintf(b.observed, sizeof b.observed, "no sign of it");
	snprintf(b.message, sizeof b.message, "expected %.60s; observed %.60s (the target in "
		 "SYN-SENT, the model in SYN-SENT)", b.expected, b.observed);
	walk_cause(&sb, &b, cb, sizeof cb);
	ck_assert_ptr_nonnull(strstr(cb, "expected the retransmit, observed no sign (the target"));
	a.verdict = b.verdict = V_ERROR;
	snprintf(a.message, sizeof a.message, "EADDRINUSE bind to port 8080");
	snprintf(b.message, sizeof b.message, "EADDRINUSE bind to port 8081");
	walk_cause(&sa, &a, ca, sizeof ca);
	walk_cause(&sb, &b, cb, sizeof cb);
	ck_assert_str_eq(ca, cb);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("walk");
	TCase *tc = tcase_create("sequences");

	tcase_add_test(tc, test_walk_is_reproducible_from_its_seed);
	model_add_test(tc, test_walk_sequences_are_scenarios_the_model_accepts, true);
	model_add_test(tc, test_walk_draws_only_calls_the_sockets_api_makes, true);
	tcase_add_test(tc, test_walk_avoid_names_the_sockets_api_reason);
	tcase_add_test(tc, test_walk_cause_ignores_numbers);
	suite_add_tcase(s, tc);
	return model_run_suite(s);
}
