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
	F_LATE_TIMERS,	  /* virtual time: its timers fire LATE_MS after they are due */
	F_NO_ADVANCE,	  /* answers `advance` with ENOSYS */
	F_RST_KILLS,	  /* no `state`; any RST kills its connection, silently */
	F_RECV_RESET,	  /* every recv fails with ECONNRESET */
	F_LATE_SYNACK,	  /* its SYN,ACK leaves LATE_ANSWER_MS after it is due */
};

/* F_LATE_SYNACK: how late (virtual ms) the SYN,ACK goes out. */
static double LATE_ANSWER_MS, HELD_UNTIL;
static struct tcp_segment HELD_SEG;
static bool HOLDING, HELD_DONE;

/* The tester's next sequence number as the fake saw it (its RCV.NXT). */
static uint32_t FAKE_RCV_NXT;
static bool FAKE_RCV_KNOWN;

static enum fault FAULT;
static int EXTRA_SENT;

/* Virtual time (TARGETS.md, `advance`): the fake's timers fire once its
 * clock has gone LATE_MS past the start of a wait (0: never), in ticks
 * of 250 ms as lwIP's; what the runner asked for is counted. */
#define FAKE_TICK_MS 250
static unsigned LATE_MS, ADVANCED_MS, HELD_FOR_MS, ADVANCE_PROBES;
static enum tcp_timer HELD[8];
static int NHELD;

static void fake_timers_due(struct target *t, const enum tcp_timer *fires, int n)
{
	NHELD = 0;
	HELD_FOR_MS = 0;
	for (int i = 0; i < n && i < 8; i++)
		HELD[NHELD++] = fires[i];
	target_model_ops.timers_due(t, fires, 0); /* none due until the clock says */
}

static int fake_advance(struct target *t, unsigned ms, unsigned *tick_ms, char *err, size_t errlen)
{
	*tick_ms = 0;
	if (FAULT == F_NO_ADVANCE) {
		ADVANCE_PROBES += ms == 0;
		snprintf(err, errlen, "ENOSYS advance unsupported");
		return ENOSYS;
	}
	*tick_ms = FAKE_TICK_MS;
	ADVANCE_PROBES += ms == 0;
	ADVANCED_MS += ms;
	HELD_FOR_MS += ms;
	if (NHELD > 0 && LATE_MS > 0 && HELD_FOR_MS >= LATE_MS) {
		target_model_ops.timers_due(t, HELD, NHELD); /* receive() fires them */
		NHELD = 0;
	}
	return 0;
}

static int fake_app(struct target *t, const struct target_conn *c, const struct target_call *call,
		    long *value, char *err, size_t errlen)
{
	if (FAULT == F_DIES_ON_ACCEPT && call->kind == TC_ACCEPT) {
		snprintf(err, errlen, "target did not answer 'accept 1' within 2000 ms");
		return TARGET_FAILED;
	}
	if (FAULT == F_RECV_RESET && call->kind == TC_RECV) {
		snprintf(err, errlen, "ECONNRESET recv: Connection reset by peer");
		return ECONNRESET;
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
	if (FAULT == F_STATE_ENOSYS || FAULT == F_RST_KILLS) {
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
	if (FAULT == F_LATE_SYNACK && HOLDING) {
		rc = target_model_ops.now_ms(t) >= HELD_UNTIL ? 0 :
			target_model_ops.receive(t, c, timeout_ms, out, err, errlen);
		if (rc == 1 || target_model_ops.now_ms(t) < HELD_UNTIL)
			return rc;
		HOLDING = false;
		*out = HELD_SEG;
		return 1;
	}
	rc = target_model_ops.receive(t, c, timeout_ms, out, err, errlen);
	if (rc != 1)
		return rc;
	if (FAULT == F_LATE_SYNACK && !HELD_DONE && out->flags == (TCP_SYN | TCP_ACK)) {
		HELD_SEG = *out;
		HELD_UNTIL = target_model_ops.now_ms(t) + LATE_ANSWER_MS;
		HOLDING = HELD_DONE = true;
		return 0;
	}
	if (FAULT == F_SILENT)
		return 0;
	if (FAULT == F_RST_FOR_SYNACK && out->flags == (TCP_SYN | TCP_ACK))
		out->flags = TCP_RST | TCP_ACK;
	if (FAULT == F_EXTRA_ACK && out->flags == TCP_ACK && EXTRA_SENT == 0)
		EXTRA_SENT = 1;
	return rc;
}

/* F_RST_KILLS: an out-of-window RST kills the connection as one at
 * RCV.NXT would (RFC 9293 3.10.7.4 second check), without a word: the
 * stack the issue describes, silent and dead. */
static int fake_inject(struct target *t, const struct target_conn *c, const struct tcp_segment *s,
		       char *err, size_t errlen)
{
	struct tcp_segment g = *s;
	uint32_t end = s->seq + s->len + !!(s->flags & TCP_SYN) + !!(s->flags & TCP_FIN);

	if (FAULT == F_RST_KILLS && (s->flags & TCP_RST) && FAKE_RCV_KNOWN)
		g.seq = FAKE_RCV_NXT;
	else if (!(s->flags & TCP_RST) &&
		 (!FAKE_RCV_KNOWN ||
		  ((int32_t)(end - FAKE_RCV_NXT) > 0 && (int32_t)(end - FAKE_RCV_NXT) < 0x10000))) {
		FAKE_RCV_NXT = end;
		FAKE_RCV_KNOWN = true;
	}
	return target_model_ops.inject(t, c, &g, err, errlen);
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
	FAKE.inject = fake_inject;
	FAKE_RCV_KNOWN = false;
	FAKE_RCV_NXT = 0;
	HOLDING = HELD_DONE = false;
	ADVANCED_MS = HELD_FOR_MS = ADVANCE_PROBES = 0;
	NHELD = 0;
	if (f == F_LATE_TIMERS || f == F_NO_ADVANCE) {
		FAKE.advance = fake_advance;
		FAKE.timers_due = f == F_LATE_TIMERS ? fake_timers_due : FAKE.timers_due;
	}
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

/* RFC 9293 3.6.1 and 3.10.8: the active closer's TIME-WAIT ends when the
 * 2 MSL timer expires, with no segment: the state shows it. */
static const char time_wait_expiry[] =
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

/* The model target's clock is virtual: a 62 s wait (TIME-WAIT's 2 MSL,
 * RFC 9293 3.10.8) in a check costs no wall time and fires the timer. */
START_TEST(test_model_target_time_wait_expiry_is_virtual)
{
	struct run_result r = run_with(F_NONE, time_wait_expiry, TCP_PROFILE_RFC9293);

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

/* RFC 9293 3.10.7.2 requires the SYN,ACK but no instant for it: one that
 * leaves 200 ms late, longer than the target's quiet time (1 ms here),
 * within the 0.5 s the runner gives a due segment (3.8.6.3, MUST-40), is
 * no departure: the wait is not cut short into a FAIL. */
START_TEST(test_late_synack_within_the_bound_passes)
{
	struct run_result r;

	LATE_ANSWER_MS = 200;
	r = run_with(F_LATE_SYNACK, passive_open, TCP_PROFILE_RFC9293);
	ck_assert_msg(r.verdict == V_PASS, "verdict %s: %s / %s", run_verdict_name(r.verdict),
		      r.expected, r.observed);
}
END_TEST

/* The same SYN,ACK 700 ms late: beyond the bound, FAIL, and the FAIL says
 * how long the runner waited. */
START_TEST(test_synack_beyond_the_bound_fails)
{
	struct run_result r;

	LATE_ANSWER_MS = 700;
	r = run_with(F_LATE_SYNACK, passive_open, TCP_PROFILE_RFC9293);
	ck_assert_int_eq(r.verdict, V_FAIL);
	ck_assert_int_eq(r.line, 3);
	ck_assert_msg(strstr(r.observed, "nothing within 500 ms") != NULL, "observed '%s'",
		      r.observed);
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

/* --- virtual time: a target with `advance` ------------------------------ */

/* RFC 9293 3.8.1, 3.10.8: 100 bytes unacknowledged, the retransmission
 * timer fires and they are sent again from SND.UNA. */
static const char data_retransmit[] =
	"app listen 8080\n"
	"send S seq=0\n"
	"expect S. seq=0 ack=1\n"
	"send . seq=1 ack=1\n"
	"expect state ESTABLISHED\n"
	"app accept\n"
	"app send 100\n"
	"expect P. seq=1 ack=1 len=100\n"
	"wait 300ms fires retransmit\n"
	"expect P. seq=1 ack=1 len=100\n"
	"send . seq=1 ack=101\n"
	"expect state ESTABLISHED\n";

/* RFC 6298 2.1 asks for an initial RTO of 1 s (SHOULD) and 2.5 lets a
 * stack retransmit as late as 60 s: a stack whose first retransmission
 * comes after 3 s (lwIP's) passes a `wait 300ms fires retransmit`, its
 * clock advanced tick by tick until then, not beyond, in little wall time. */
START_TEST(test_late_retransmission_passes_with_virtual_time)
{
	struct run_result r;

	LATE_MS = 3000;
	r = run_with(F_LATE_TIMERS, data_retransmit, TCP_PROFILE_RFC9293);
	ck_assert_msg(r.verdict == V_PASS, "line %d: %s", r.line, r.message);
	ck_assert_uint_eq(ADVANCED_MS, 3000);
	ck_assert_uint_ge(ADVANCE_PROBES, 1);
}
END_TEST

/* RFC 6298 2.5: a maximum on RTO, if any, is at least 60 s, so no later
 * than 60 s of the target's clock is the retransmission given up on; the
 * FAIL says how far the clock went. */
START_TEST(test_retransmission_that_never_comes_fails_after_60_s)
{
	struct run_result r;

	LATE_MS = 0;
	r = run_with(F_LATE_TIMERS, data_retransmit, TCP_PROFILE_RFC9293);
	ck_assert_int_eq(r.verdict, V_FAIL);
	ck_assert_int_eq(r.line, 9);
	ck_assert_uint_eq(ADVANCED_MS, 60000);
	ck_assert_str_eq(r.expected, "the retransmit timer fires within 60 s");
	ck_assert_msg(strncmp(r.observed, "no sign of it after advancing the target's clock 60 s",
			      53) == 0, "observed '%s'", r.observed);
}
END_TEST

/* RFC 9293 3.6.1 and 3.4.2: TIME-WAIT lasts 2 MSL, MSL 2 min:
 * a stack whose TIME-WAIT ends at 120 s (lwIP's TCP_MSL of 60 s) passes
 * once its clock is there, seen by its state alone; one whose TIME-WAIT
 * never ends FAILs after 240 s of its clock. */
START_TEST(test_time_wait_is_followed_to_2_msl)
{
	struct run_result r;

	LATE_MS = 120000;
	r = run_with(F_LATE_TIMERS, time_wait_expiry, TCP_PROFILE_RFC9293);
	ck_assert_msg(r.verdict == V_PASS, "line %d: %s", r.line, r.message);
	ck_assert_uint_eq(ADVANCED_MS, 120000);
	LATE_MS = 0;
	r = run_with(F_LATE_TIMERS, time_wait_expiry, TCP_PROFILE_RFC9293);
	ck_assert_int_eq(r.verdict, V_FAIL);
	ck_assert_int_eq(r.line, 10);
	ck_assert_uint_eq(ADVANCED_MS, 240000);
	ck_assert_msg(strstr(r.observed, "after advancing the target's clock 240 s") != NULL,
		      "observed '%s'", r.observed);
}
END_TEST

/* A target without `advance` (ENOSYS) is asked once per wait and then
 * waited for in real time, as before virtual time existed: the model
 * target fires the retransmission during the scenario's 300 ms (RFC 9293
 * 3.8.1). */
START_TEST(test_target_without_advance_waits_the_scenario_time)
{
	struct run_result r = run_with(F_NO_ADVANCE, data_retransmit, TCP_PROFILE_RFC9293);

	ck_assert_msg(r.verdict == V_PASS, "line %d: %s", r.line, r.message);
	ck_assert_uint_eq(ADVANCE_PROBES, 1);
}
END_TEST

/* The bounds on virtual time are the RFCs': RFC 6298 2.5 (60 s), RFC 9293
 * 3.6.1 with 3.4.2's MSL of 2 min (2 MSL, 240 s), 3.8.4 (keep-alive
 * after no less than 2 h by default), 3.9.1.1 (user timeout, 5 min); RFC 9293
 * has no FIN-WAIT-2 timer: 4.4BSD's 10 min. */
START_TEST(test_fire_bounds_are_the_rfcs)
{
	ck_assert_uint_eq(run_fire_bound_ms(TCP_T_RETRANSMIT), 60u * 1000);
	ck_assert_uint_eq(run_fire_bound_ms(TCP_T_TIME_WAIT), 2u * 120 * 1000);
	ck_assert_uint_eq(run_fire_bound_ms(TCP_T_KEEPALIVE), 2u * 3600 * 1000);
	ck_assert_uint_eq(run_fire_bound_ms(TCP_T_USER), 5u * 60 * 1000);
	ck_assert_uint_eq(run_fire_bound_ms(TCP_T_FIN_WAIT_2), 10u * 60 * 1000);
}
END_TEST

/* --- notifications as programs see them; the wire probe ---------------- */

/* conformance/scenarios/rst-out-of-window.scn: RFC 9293 3.10.7.4 first
 * check, an unacceptable RST is dropped: silence, and the connection
 * lives on. */
static const char rst_out_of_window[] =
	"app listen 8080\n"
	"send S seq=0\n"
	"expect S. seq=0 ack=1\n"
	"send . seq=1 ack=1\n"
	"app accept\n"
	"send R seq=100000000\n"
	"expect none\n"
	"expect state ESTABLISHED\n";

static bool trail_has(const struct run_result *r, const char *text)
{
	for (int i = 0; i < r->ntrail; i++)
		if (strstr(r->trail[i].text, text) != NULL)
			return true;
	return false;
}

/* RFC 9293 3.10.7.4 first check: a synchronized connection acknowledges
 * an unacceptable segment.  A target without `state` that stays silent
 * after the out-of-window RST is probed with an ACK beyond the window;
 * the live connection's ACK confirms it: PASS, with the probe in the
 * report's trail. */
START_TEST(test_probe_confirms_a_live_connection)
{
	struct run_result r = run_with(F_STATE_ENOSYS, rst_out_of_window, TCP_PROFILE_RFC9293);

	ck_assert_msg(r.verdict == V_PASS, "line %d: %s", r.line, r.message);
	ck_assert(trail_has(&r, "probe"));
}
END_TEST

/* RFC 9293 3.10.7.1: a closed port resets an ACK.  The target whose
 * connection the out-of-window RST killed is as silent as the live one;
 * the probe draws its RST: FAIL, naming the probe, the ACK the model
 * expected and the reset observed. */
START_TEST(test_probe_fails_a_connection_that_died_silently)
{
	struct run_result r = run_with(F_RST_KILLS, rst_out_of_window, TCP_PROFILE_RFC9293);

	ck_assert_int_eq(r.verdict, V_FAIL);
	ck_assert_int_eq(r.line, 6);
	ck_assert_msg(strstr(r.message, "to the probe; observed R") != NULL &&
		      strstr(r.message, "3.10.7.4 first check") != NULL &&
		      strstr(r.message, "the target in unknown, the model in ESTABLISHED") != NULL,
		      "message '%s'", r.message);
	ck_assert_msg(strncmp(r.expected, ". seq=", 6) == 0, "expected '%s'", r.expected);
}
END_TEST

/* RFC 9293 3.10.7.3 second check (no ACK: "drop the segment and return"):
 * in SYN-SENT an ACK probe is reset whether the connection lives or not,
 * so nothing confirms the silence: SKIP, never PASS on silence alone. */
START_TEST(test_silence_no_probe_confirms_is_skip)
{
	struct run_result r = run_with(F_STATE_ENOSYS,
				       "app connect 8080\nexpect S seq=0\nsend R seq=0\nexpect none\n",
				       TCP_PROFILE_RFC9293);

	ck_assert_int_eq(r.verdict, V_SKIP);
	ck_assert_msg(strstr(r.message, "silence after line 3 was never confirmed") != NULL &&
		      strstr(r.message, "SYN-SENT") != NULL, "message '%s'", r.message);
}
END_TEST

/* RFC 9293 3.10.3 CLOSE-WAIT: "connection closing", read() returns 0.  A
 * target whose read fails with ECONNRESET there FAILs, naming both, even
 * where the scenario expects nothing of the call. */
START_TEST(test_app_result_compared_without_an_expect)
{
	struct run_result r = run_with(F_RECV_RESET, "app listen 8080\nsend S seq=0\n"
				       "send . seq=1 ack=1\napp accept\nsend F. seq=1 ack=1\n"
				       "app recv 100\n", TCP_PROFILE_LINUX);

	ck_assert_int_eq(r.verdict, V_FAIL);
	ck_assert_int_eq(r.line, 6);
	ck_assert_msg(strstr(r.message, "expected app recv returns 0 (end of stream); observed app "
			     "recv failed with ECONNRESET") != NULL &&
		      strstr(r.message, "3.10.3") != NULL, "message '%s'", r.message);
}
END_TEST

/* `expect app ...` against the model (tcpspec check): RFC 9293 3.10.3
 * (read returns 0 after the FIN), 3.10.7.4 second check (ECONNRESET after
 * a reset); a contradicted one fails with the model's answer. */
START_TEST(test_expect_app_checked_against_the_model)
{
	static struct scn s;
	char err[512];

	ck_assert_int_eq(scn_parse("t.scn", "app listen 8080\nsend S seq=0\nsend . seq=1 ack=1\n"
				   "app accept\nsend F. seq=1 ack=1\napp recv 100\nexpect app recv 0\n",
				   &s, err, sizeof err), 0);
	ck_assert_msg(run_check(&s, rfc9293(), err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(scn_parse("t.scn", "app listen 8080\nsend S seq=0\nsend . seq=1 ack=1\n"
				   "app accept\nsend R seq=1\napp recv 100\nexpect app error ECONNRESET\n",
				   &s, err, sizeof err), 0);
	ck_assert_msg(run_check(&s, rfc9293(), err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(scn_parse("t.scn", "app listen 8080\nsend S seq=0\nsend . seq=1 ack=1\n"
				   "app accept\nsend F. seq=1 ack=1\napp recv 100\nexpect app recv 5\n",
				   &s, err, sizeof err), 0);
	ck_assert_int_eq(run_check(&s, rfc9293(), err, sizeof err), -1);
	ck_assert_msg(strstr(err, "7: expected app recv returns 5; observed app recv returned 0 "
			     "(end of stream)") != NULL, "err '%s'", err);
}
END_TEST

/* --- the generated suite's marks ---------------------------------------- */

/* A '# model-only:' scenario (RFC 9293 3.10.2: SEND in LISTEN, which no
 * socket call makes) is a SKIP with its reason, never a FAIL. */
START_TEST(test_model_only_scenario_is_a_skip_with_its_reason)
{
	struct run_result r = run_with(F_NONE, "# model-only: SEND in LISTEN (step 2)\n"
				       "app listen\napp send 100\nexpect state SYN-SENT\n",
				       TCP_PROFILE_RFC9293);

	ck_assert_int_eq(r.verdict, V_SKIP);
	ck_assert_ptr_nonnull(strstr(r.message, "model-only: SEND in LISTEN (step 2)"));
}
END_TEST

/* RFC 9293 3.10.7.2: LISTEN answers a SYN with a SYN,ACK.  A target that
 * answers with a RST departs at the SYN's line: with '# departure:' naming
 * that line the run says SKIP and names the departure and what it saw. */
START_TEST(test_departure_at_its_line_is_a_skip_naming_it)
{
	struct run_result r = run_with(F_RST_FOR_SYNACK, "# departure: line 3: it resets\n"
				       "app listen 8080\nsend S seq=0\nexpect S. ack=1\n",
				       TCP_PROFILE_RFC9293);

	ck_assert_msg(r.verdict == V_SKIP, "%s: %s", run_verdict_name(r.verdict), r.message);
	ck_assert_ptr_nonnull(strstr(r.message, "known departure at line 3"));
	ck_assert_ptr_nonnull(strstr(r.message, "it resets"));
	ck_assert_ptr_nonnull(strstr(r.message, "observed"));
}
END_TEST

/* The same target failing at another line than the header names: FAIL. */
START_TEST(test_departure_elsewhere_stays_a_fail)
{
	struct run_result r = run_with(F_RST_FOR_SYNACK, "# departure: line 4: elsewhere\n"
				       "app listen 8080\nsend S seq=0\nsend . seq=1 ack=1\n",
				       TCP_PROFILE_RFC9293);

	ck_assert_int_eq(r.verdict, V_FAIL);
	ck_assert_int_eq(r.line, 3);
}
END_TEST

/* A target that agrees with the model where the header says it departs
 * (RFC 9293 3.10.7.2's SYN,ACK): FAIL, the header is stale. */
START_TEST(test_departure_that_does_not_show_fails)
{
	struct run_result r = run_with(F_NONE, "# departure: line 3: it resets\n"
				       "app listen 8080\nsend S seq=0\nexpect S. ack=1\n",
				       TCP_PROFILE_RFC9293);

	ck_assert_int_eq(r.verdict, V_FAIL);
	ck_assert_ptr_nonnull(strstr(r.message, "stale"));
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
	tcase_add_test(f, test_probe_confirms_a_live_connection);
	tcase_add_test(f, test_probe_fails_a_connection_that_died_silently);
	tcase_add_test(f, test_silence_no_probe_confirms_is_skip);
	tcase_add_test(f, test_app_result_compared_without_an_expect);
	tcase_add_test(m, test_expect_app_checked_against_the_model);
	tcase_add_test(f, test_model_only_scenario_is_a_skip_with_its_reason);
	tcase_add_test(f, test_departure_at_its_line_is_a_skip_naming_it);
	tcase_add_test(f, test_departure_elsewhere_stays_a_fail);
	tcase_add_test(f, test_departure_that_does_not_show_fails);
	suite_add_tcase(s, m);
	suite_add_tcase(s, f);
	{
		TCase *v = tcase_create("virtual time");

		tcase_add_test(v, test_late_retransmission_passes_with_virtual_time);
		tcase_add_test(v, test_retransmission_that_never_comes_fails_after_60_s);
		tcase_add_test(v, test_time_wait_is_followed_to_2_msl);
		tcase_add_test(v, test_target_without_advance_waits_the_scenario_time);
		tcase_add_test(v, test_fire_bounds_are_the_rfcs);
		tcase_add_test(v, test_late_synack_within_the_bound_passes);
		tcase_add_test(v, test_synack_beyond_the_bound_fails);
		suite_add_tcase(s, v);
	}
	return s;
}

int main(void)
{
	return model_run_suite(runner_suite());
}
