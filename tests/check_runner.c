/*
 * check_runner.c - Check suite for conformance/run/ (the runner), without
 * root: against the model target (targets/target_model.c), which behaves
 * as RFC 9293 says, and against a scripted fake target built on it that
 * misbehaves on purpose in one way at a time.  Each test states which
 * verdict the runner must give and why.
 */
#include <check.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "support/model_check.h"
#include "run/runner.h"
#include "scenario/scenario.h"
#include "targets/target.h"

/* RFC 9293 3.5 Figure 6 (passive side), 3.10.7.2 and 3.10.7.4: a SYN to a
 * listener draws <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>; the ACK of it makes
 * the connection ESTABLISHED; a FIN then draws an ACK and CLOSE-WAIT. */
static const char passive_open[] =
	"# title: passive open\n"
	"app listen 8080\n"
	"send S seq=0 win=65535\n"
	"expect S. ack=1\n"
	"send . seq=1 ack=1\n"
	"expect state ESTABLISHED\n"
	"app accept\n"
	"send F. seq=1 ack=1\n"
	"expect . ack=2\n"
	"expect state CLOSE-WAIT\n";

/* --- the fake target: the model, with one fault ------------------------ */

enum fault {
	F_NONE,
	F_SILENT,	  /* sends nothing at all */
	F_RST_FOR_SYNACK, /* answers the SYN with a RST */
	F_STATE_CLOSED,	  /* reports CLOSED whatever happens */
	F_STATE_ENOSYS,	  /* cannot tell its state */
	F_DIES_ON_ACCEPT, /* the application side stops answering */
	F_NO_OPTIONS,	  /* cannot set any socket option */
	F_EXTRA_ACK,	  /* sends one ACK more than the model allows */
};

static enum fault FAULT;
static int EXTRA_SENT;

static int fake_app(struct target *t, const struct target_conn *c, const struct target_call *call,
		    long *value, char *err, size_t errlen)
{
	if (FAULT == F_DIES_ON_ACCEPT && call->kind == TC_ACCEPT) {
		snprintf(err, errlen, "target did not answer 'accept 1' within 2000 ms");
		return TARGET_FAILED;
	}
	if (FAULT == F_NO_OPTIONS && call->kind == TC_SETOPT) {
		snprintf(err, errlen, "ENOSYS %s: not supported", call->opt);
		return ENOSYS;
	}
	return target_model_ops.app(t, c, call, value, err, errlen);
}

static int fake_state(struct target *t, const struct target_conn *c, bool listener,
		      enum tcp_state *st, char *err, size_t errlen)
{
	if (FAULT == F_STATE_CLOSED) {
		*st = TCP_CLOSED;
		return 0;
	}
	if (FAULT == F_STATE_ENOSYS) {
		snprintf(err, errlen, "ENOSYS cannot tell");
		return ENOSYS;
	}
	return target_model_ops.state(t, c, listener, st, err, errlen);
}

static int fake_receive(struct target *t, const struct target_conn *c, int timeout_ms,
			struct tcp_segment *out, char *err, size_t errlen)
{
	int rc;

	if (FAULT == F_EXTRA_ACK && EXTRA_SENT == 1) {
		EXTRA_SENT = 2;
		*out = (struct tcp_segment){ .flags = TCP_ACK, .seq = 3000001u, .ack = 1000002u,
					     .wnd = 65535 };
		return 1;
	}
	rc = target_model_ops.receive(t, c, timeout_ms, out, err, errlen);
	if (rc != 1)
		return rc;
	if (FAULT == F_SILENT)
		return 0;
	if (FAULT == F_RST_FOR_SYNACK && out->flags == (TCP_SYN | TCP_ACK))
		out->flags = TCP_RST | TCP_ACK;
	if (FAULT == F_EXTRA_ACK && out->flags == TCP_ACK && EXTRA_SENT == 0)
		EXTRA_SENT = 1;
	return rc;
}

static struct target_ops FAKE;

static const struct profile_def *rfc9293(void)
{
	static struct profile_def p;

	profile_builtin(TCP_PROFILE_RFC9293, &p);
	return &p;
}

static struct run_result run_with(enum fault f, const char *text, enum tcp_profile_id pid)
{
	static struct scn s;
	static struct run_result r;
	static struct profile_def prof;
	struct run_opts o = { .target = "fake", .profile = &prof, .jobs = 1, .family = 4,
			      .slow = true };
	struct target_config cfg = { .profile = &prof.tcp, .profile_name = prof.name };
	struct target t;
	char err[512];

	profile_builtin(pid, &prof);
	FAULT = f;
	EXTRA_SENT = 0;
	FAKE = target_model_ops;
	FAKE.name = "fake";
	FAKE.who = NULL;
	FAKE.app = fake_app;
	FAKE.state = fake_state;
	FAKE.receive = fake_receive;
	ck_assert_msg(scn_parse("t.scn", text, &s, err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(FAKE.setup(&t, &cfg, err, sizeof err), 0);
	t.ops = &FAKE;
	run_one(&t, &o, &s, 4, 0, &r);
	FAKE.teardown(&t);
	return r;
}

/* --- the model target: what RFC 9293 says passes ------------------------ */

/* RFC 9293 3.5, 3.10.7.2, 3.10.7.4: the passive open and the peer's FIN,
 * played against the model itself, pass. */
START_TEST(test_model_target_passes_the_passive_open_and_fin)
{
	struct run_result r = run_with(F_NONE, passive_open, TCP_PROFILE_RFC9293);

	ck_assert_msg(r.verdict == V_PASS, "%s at line %d: %s", run_verdict_name(r.verdict), r.line,
		      r.message);
	ck_assert_int_gt(r.nedges, 0);
}
END_TEST

/* RFC 9293 3.10.7.2: the SYN,ACK acknowledges SEG.SEQ+1, so a scenario
 * that expects ack=2 is contradicted at its line. */
START_TEST(test_model_target_fails_an_expect_the_rfc_contradicts)
{
	char err[512];
	static struct scn s;

	ck_assert_int_eq(scn_parse("t.scn", "app listen 8080\nsend S seq=0\nexpect S. ack=2\n",
				   &s, err, sizeof err), 0);
	ck_assert_int_eq(run_check(&s, rfc9293(), err, sizeof err), -1);
	ck_assert_msg(strncmp(err, "3: ", 3) == 0 && strstr(err, "S.") != NULL, "err '%s'", err);
}
END_TEST

/* RFC 9293 3.10.7.1: a RST to a CLOSED port is dropped; only armed timers
 * fire: a `wait ... fires retransmit` on a listener (no timer armed in
 * LISTEN, 3.8.1) is a FAIL naming the timer. */
START_TEST(test_model_target_rejects_an_unarmed_timer)
{
	char err[512];
	static struct scn s;

	ck_assert_int_eq(scn_parse("t.scn", "app listen 8080\nwait 1s fires retransmit\n", &s, err,
				   sizeof err), 0);
	ck_assert_int_eq(run_check(&s, rfc9293(), err, sizeof err), -1);
	ck_assert_msg(strncmp(err, "2: ", 3) == 0 && strstr(err, "retransmit") != NULL, "err '%s'",
		      err);
}
END_TEST

/* The model target's clock is virtual: a 62 s wait (TIME-WAIT's 2 MSL,
 * RFC 9293 3.10.8) in a check costs no wall time and fires the timer. */
START_TEST(test_model_target_time_wait_expiry_is_virtual)
{
	static const char text[] =
		"app connect\n"
		"expect S\n"
		"send S. seq=0 ack=1\n"
		"expect . ack=1\n"
		"app close\n"
		"expect F.\n"
		"send F. seq=1 ack=2\n"
		"expect . ack=2\n"
		"expect state TIME-WAIT\n"
		"wait 62s fires time-wait\n"
		"expect state CLOSED\n";
	struct run_result r = run_with(F_NONE, text, TCP_PROFILE_RFC9293);

	ck_assert_msg(r.verdict == V_PASS, "line %d: %s", r.line, r.message);
	ck_assert_double_lt(r.ms, 1000.0);
}
END_TEST

/* --- a target that misbehaves ------------------------------------------- */

/* RFC 9293 3.10.7.2 requires the SYN,ACK: a target that stays silent FAILs
 * at the expect's stimulus, with the expected segment named. */
START_TEST(test_silent_target_fails_with_the_missing_synack)
{
	struct run_result r = run_with(F_SILENT, passive_open, TCP_PROFILE_RFC9293);

	ck_assert_int_eq(r.verdict, V_FAIL);
	ck_assert_int_eq(r.line, 3);
	ck_assert_msg(strstr(r.expected, "S.") != NULL, "expected '%s'", r.expected);
	ck_assert_msg(strncmp(r.observed, "nothing within ", 15) == 0, "observed '%s'", r.observed);
	ck_assert_str_eq(r.rule, "R_3_10_7_2_LISTEN_SYN");
	ck_assert_msg(r.target_state[0] != '\0', "a FAIL names the target's state");
}
END_TEST

/* RFC 9293 3.10.7.2: a RST,ACK where the SYN,ACK is due is unexplained by
 * any permitted behaviour: FAIL naming what was sent. */
START_TEST(test_target_answering_syn_with_rst_fails)
{
	struct run_result r = run_with(F_RST_FOR_SYNACK, passive_open, TCP_PROFILE_RFC9293);

	ck_assert_int_eq(r.verdict, V_FAIL);
	ck_assert_int_eq(r.line, 3);
	ck_assert_msg(strncmp(r.observed, "R.", 2) == 0, "observed '%s'", r.observed);
}
END_TEST

/* RFC 9293 3.3.2: after the handshake the connection is ESTABLISHED; a
 * target that reports CLOSED FAILs with both states. */
START_TEST(test_target_in_the_wrong_state_fails_with_both_states)
{
	struct run_result r = run_with(F_STATE_CLOSED, passive_open, TCP_PROFILE_RFC9293);

	ck_assert_int_eq(r.verdict, V_FAIL);
	ck_assert_msg(strstr(r.message, "expected state LISTEN; observed state CLOSED (the target "
				 "in CLOSED, the model in LISTEN)") != NULL, "message '%s'", r.message);
	ck_assert_str_eq(r.expected, "state LISTEN");
	ck_assert_str_eq(r.observed, "state CLOSED");
	ck_assert_str_eq(r.target_state, "CLOSED");
}
END_TEST

/* One divergence is worded one way, whoever finds it: a state the scenario's
 * own expect contradicts (caught at the expect) and a state the model
 * contradicts (caught after the stimulus) both read "expected state A;
 * observed state B" with the states then (RFC 9293 3.3.2). */
START_TEST(test_a_divergence_is_worded_one_way)
{
	char err[512];
	static struct scn s;
	struct run_result r = run_with(F_STATE_CLOSED, passive_open, TCP_PROFILE_RFC9293);

	ck_assert_msg(strncmp(r.message, "expected state ", 15) == 0 &&
		      strstr(r.message, "; observed state CLOSED (the target in CLOSED, the model in "),
		      "message '%s'", r.message);
	ck_assert_int_eq(scn_parse("t.scn", "app listen 8080\nexpect state SYN-RECEIVED\n", &s, err,
				   sizeof err), 0);
	ck_assert_int_eq(run_check(&s, rfc9293(), err, sizeof err), -1);
	ck_assert_msg(strstr(err, "2: expected state SYN-RECEIVED; observed state LISTEN: the "
			     "scenario's expect on line 2 (the model in LISTEN)") != NULL, "err '%s'", err);
}
END_TEST

/* A target that cannot tell its state (ENOSYS, conformance/TARGETS.md
 * `state`) is judged by its segments alone: the passive open passes. */
START_TEST(test_target_without_state_is_judged_by_segments)
{
	struct run_result r = run_with(F_STATE_ENOSYS, passive_open, TCP_PROFILE_RFC9293);

	ck_assert_msg(r.verdict == V_PASS, "line %d: %s", r.line, r.message);
}
END_TEST

/* A target whose application side stops answering is the harness's
 * problem, not a departure from RFC 9293: ERROR with the cause. */
START_TEST(test_target_that_dies_is_an_error_with_its_cause)
{
	struct run_result r = run_with(F_DIES_ON_ACCEPT, passive_open, TCP_PROFILE_RFC9293);

	ck_assert_int_eq(r.verdict, V_ERROR);
	ck_assert_int_eq(r.line, 7);
	ck_assert_msg(strstr(r.message, "within 2000 ms") != NULL, "message '%s'", r.message);
}
END_TEST

/* A scenario that needs an option the target cannot set (RFC 9293 3.8.4
 * makes keep-alives optional) does not apply to it: SKIP. */
START_TEST(test_option_the_target_lacks_is_a_skip)
{
	struct run_result r = run_with(F_NO_OPTIONS,
				       "app setsockopt keepalive 1\napp listen 8080\n",
				       TCP_PROFILE_RFC9293);

	ck_assert_int_eq(r.verdict, V_SKIP);
	ck_assert_msg(strstr(r.message, "keepalive") != NULL, "message '%s'", r.message);
}
END_TEST

/* RFC 9293 3.10.7.4: one ACK for the FIN; a second, unasked ACK with the
 * same numbers is explained by no armed timer (none is armed in
 * CLOSE-WAIT without data): FAIL. */
START_TEST(test_target_sending_an_extra_segment_fails)
{
	struct run_result r = run_with(F_EXTRA_ACK, passive_open, TCP_PROFILE_RFC9293);

	ck_assert_int_eq(r.verdict, V_FAIL);
	ck_assert_int_eq(r.line, 8);
}
END_TEST

static Suite *runner_suite(void)
{
	Suite *s = suite_create("runner");
	TCase *m = tcase_create("model target");
	TCase *f = tcase_create("faulty target");

	tcase_add_test(m, test_model_target_passes_the_passive_open_and_fin);
	tcase_add_test(m, test_model_target_fails_an_expect_the_rfc_contradicts);
	tcase_add_test(m, test_model_target_rejects_an_unarmed_timer);
	tcase_add_test(m, test_model_target_time_wait_expiry_is_virtual);
	tcase_add_test(f, test_silent_target_fails_with_the_missing_synack);
	tcase_add_test(f, test_target_answering_syn_with_rst_fails);
	tcase_add_test(f, test_target_in_the_wrong_state_fails_with_both_states);
	tcase_add_test(f, test_a_divergence_is_worded_one_way);
	tcase_add_test(f, test_target_without_state_is_judged_by_segments);
	tcase_add_test(f, test_target_that_dies_is_an_error_with_its_cause);
	tcase_add_test(f, test_option_the_target_lacks_is_a_skip);
	tcase_add_test(f, test_target_sending_an_extra_segment_fails);
	suite_add_tcase(s, m);
	suite_add_tcase(s, f);
	return s;
}

int main(void)
{
	return model_run_suite(runner_suite());
}
