/*
 * check_explore.c - Check suite for conformance/explore.[ch], the walk of
 * the model's state space behind `tcpspec explore`.
 *
 * What the walk must reach is read off RFC 9293: the usual server and
 * client paths of Figure 5 (3.3.2), the simultaneous open of Figure 8
 * (3.5), the return of a passively opened SYN-RECEIVED to LISTEN
 * (3.10.7.4) and the simultaneous close of Figure 13 (3.6).  What it must
 * not reach is what a profile switches off (tcp_profile.c).  Each scenario
 * it writes must replay through the model as `tcpspec check` replays it.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explore/explore.h"
#include "scenario/modelrun.h"
#include "run/runner.h"

/* The smallest share of rules depth 6 reaches under any built-in profile:
 * measured 79% (rfc9293, 77 of 97) to 88% (linux); every other rule is one
 * a profile switches off or no scenario can reach (xp_unreachable_why, and
 * test_depth6_unreached_rules_are_unreachable_by_design). */
#define MIN_RULE_PERCENT 78

static struct xp X;      /* large: one per test process (Check forks) */
static struct scn S;
static char TEXT[16384];
static struct profile_def DEF, RFC;

static const struct profile_def *rfc(void)
{
	profile_builtin(TCP_PROFILE_RFC9293, &RFC);
	return &RFC;
}

static void explore(enum tcp_profile_id pid)
{
	profile_builtin(pid, &DEF);
	ck_assert_msg(xp_run(&X, &DEF, XP_DEFAULT_DEPTH) == 0, "xp_run: out of memory");
}

static void assert_edges(const enum tcp_state (*e)[2], size_t n, const char *what)
{
	for (int p = 0; p < TCP_NPROFILES; p++) {
		explore((enum tcp_profile_id)p);
		for (size_t i = 0; i < n; i++) {
			/* MUST-10's edge: absent, and never taken, where the
			 * profile departs from it (no_simultaneous_open) */
			if (e[i][0] == TCP_SYN_SENT && e[i][1] == TCP_SYN_RECEIVED &&
			    tcp_profile_get((enum tcp_profile_id)p)->no_simultaneous_open) {
				ck_assert(!X.edge[e[i][0]][e[i][1]]);
				continue;
			}
			ck_assert_msg(X.edge[e[i][0]][e[i][1]],
				      "%s: %s -> %s not reached at depth %d under %s", what,
				      tcp_state_name(e[i][0]), tcp_state_name(e[i][1]),
				      XP_DEFAULT_DEPTH, tcp_profile_name((enum tcp_profile_id)p));
		}
		xp_free(&X);
	}
}

/* RFC 9293 3.3.2 Figure 5: passive OPEN, rcv SYN, rcv ACK of SYN, rcv FIN,
 * CLOSE, rcv ACK of FIN. */
START_TEST(test_depth6_reaches_server_path_closed_to_closed)
{
	static const enum tcp_state e[][2] = {
		{ TCP_CLOSED, TCP_LISTEN }, { TCP_LISTEN, TCP_SYN_RECEIVED },
		{ TCP_SYN_RECEIVED, TCP_ESTABLISHED }, { TCP_ESTABLISHED, TCP_CLOSE_WAIT },
		{ TCP_CLOSE_WAIT, TCP_LAST_ACK }, { TCP_LAST_ACK, TCP_CLOSED },
	};

	assert_edges(e, sizeof e / sizeof e[0], "server path");
}
END_TEST

/* Figure 5: active OPEN, rcv SYN,ACK, CLOSE, rcv ACK of FIN, rcv FIN,
 * timeout=2MSL. */
START_TEST(test_depth6_reaches_client_path_closed_to_closed)
{
	static const enum tcp_state e[][2] = {
		{ TCP_CLOSED, TCP_SYN_SENT }, { TCP_SYN_SENT, TCP_ESTABLISHED },
		{ TCP_ESTABLISHED, TCP_FIN_WAIT_1 }, { TCP_FIN_WAIT_1, TCP_FIN_WAIT_2 },
		{ TCP_FIN_WAIT_2, TCP_TIME_WAIT }, { TCP_TIME_WAIT, TCP_CLOSED },
	};

	assert_edges(e, sizeof e / sizeof e[0], "client path");
}
END_TEST

/* 3.5 Figure 8 (rcv SYN in SYN-SENT), 3.10.7.4 (RST in passive
 * SYN-RECEIVED: "return this connection to the LISTEN state"), 3.6 Figure
 * 13 (FIN in FIN-WAIT-1, then the ACK of ours). */
START_TEST(test_depth6_reaches_simultaneous_open_listen_return_and_closing)
{
	static const enum tcp_state e[][2] = {
		{ TCP_SYN_SENT, TCP_SYN_RECEIVED }, { TCP_SYN_RECEIVED, TCP_LISTEN },
		{ TCP_FIN_WAIT_1, TCP_CLOSING }, { TCP_CLOSING, TCP_TIME_WAIT },
	};

	assert_edges(e, sizeof e / sizeof e[0], "other edges");
}
END_TEST

START_TEST(test_depth6_rule_coverage_at_least_min_percent)
{
	explore((enum tcp_profile_id)_i);
	ck_assert_msg(100 * xp_rules_reached(&X) >= MIN_RULE_PERCENT * xp_rules_total(),
		      "%s: %d of %d rules reached, below %d%%",
		      tcp_profile_name((enum tcp_profile_id)_i), xp_rules_reached(&X),
		      xp_rules_total(), MIN_RULE_PERCENT);
	xp_free(&X);
}
END_TEST

/* Every rule depth 6 misses is one the profile rules out by design. */
START_TEST(test_depth6_unreached_rules_are_unreachable_by_design)
{
	const struct tcp_profile *p = tcp_profile_get((enum tcp_profile_id)_i);

	explore((enum tcp_profile_id)_i);
	for (int r = R_NONE + 1; r < TCP_NRULES; r++)
		ck_assert_msg(X.hit[r].reached || xp_unreachable_why((enum tcp_rule)r, p),
			      "%s: %s not reached and not explained",
			      tcp_profile_name(p->id), tcp_rule_name((enum tcp_rule)r));
	ck_assert_msg(!X.hit[R_NONE].reached, "a model step decided by no rule");
	xp_free(&X);
}
END_TEST

/* RFC 5961 3.2: the challenge ACK exists only where the profile has it. */
START_TEST(test_rst_challenge_reached_only_with_rfc5961)
{
	explore(TCP_PROFILE_RFC9293);
	ck_assert(!X.hit[R_5961_3_RST_CHALLENGE].reached);
	ck_assert_ptr_nonnull(xp_unreachable_why(R_5961_3_RST_CHALLENGE,
						 tcp_profile_get(TCP_PROFILE_RFC9293)));
	xp_free(&X);
	explore(TCP_PROFILE_RFC9293_5961);
	ck_assert(X.hit[R_5961_3_RST_CHALLENGE].reached);
	xp_free(&X);
}
END_TEST

/* 3.10.1, 3.10.7.2, 3.10.7.4: OPEN, then SYN, then the ACK of our SYN. */
START_TEST(test_passive_open_handshake_shortest_paths)
{
	explore(TCP_PROFILE_RFC9293);
	ck_assert_int_eq(X.hit[R_3_10_1_OPEN_PASSIVE].depth, 1);
	ck_assert_int_eq(X.hit[R_3_10_7_2_LISTEN_SYN].depth, 2);
	ck_assert_int_eq(X.hit[R_3_10_7_4_SYN_RECEIVED_ACK].depth, 3);
	ck_assert_int_eq(X.hit[R_3_10_7_4_SYN_RECEIVED_ACK].to, TCP_ESTABLISHED);
	xp_free(&X);
}
END_TEST

/* 3.10.8: connect, SYN,ACK, CLOSE, FIN acknowledging our FIN, 2MSL. */
START_TEST(test_time_wait_expiry_shortest_path_is_five_steps)
{
	explore(TCP_PROFILE_RFC9293);
	ck_assert(X.hit[R_3_10_8_TIME_WAIT].reached);
	ck_assert_int_eq(X.hit[R_3_10_8_TIME_WAIT].depth, 5);
	ck_assert_int_eq(X.hit[R_3_10_8_TIME_WAIT].to, TCP_CLOSED);
	ck_assert(!X.hit[R_3_10_8_TIME_WAIT].model_only);
	xp_free(&X);
}
END_TEST

static void recheck(enum tcp_rule r)
{
	char err[1024] = "";
	bool mo;

	ck_assert_msg(xp_scenario(&X, r, TEXT, sizeof TEXT, &mo) > 0, "%s: no text",
		      tcp_rule_name(r));
	ck_assert_msg(scn_parse("explored.scn", TEXT, &S, err, sizeof err) == 0,
		      "%s does not parse: %s\n%s", tcp_rule_name(r), err, TEXT);
	ck_assert_msg(S.profiles[X.def->builtin] && S.nsteps >= 3, "%s: header or steps",
		      tcp_rule_name(r));
	ck_assert_msg(run_check(&S, X.def, err, sizeof err) == 0,
		      "%s does not replay under %s: %s\n%s", tcp_rule_name(r),
		      X.def->name, err, TEXT);
}

/* Every scenario written replays through the model. */
START_TEST(test_every_generated_scenario_rechecks_with_the_model)
{
	explore((enum tcp_profile_id)_i);
	for (int r = R_NONE + 1; r < TCP_NRULES; r++)
		if (X.hit[r].reached)
			recheck((enum tcp_rule)r);
	xp_free(&X);
}
END_TEST

START_TEST(test_fin_time_wait_scenario_ends_with_rule_and_state)
{
	static const char tail[] =
		"expect rule R_3_10_7_4_FIN_TIME_WAIT\nexpect state TIME-WAIT\n";
	bool mo;
	int n;

	explore(TCP_PROFILE_LINUX);
	n = xp_scenario(&X, R_3_10_7_4_FIN_TIME_WAIT, TEXT, sizeof TEXT, &mo);
	ck_assert_int_gt(n, (int)sizeof tail);
	ck_assert_str_eq(TEXT + n - (sizeof tail - 1), tail);
	ck_assert_ptr_nonnull(strstr(TEXT, "# profiles: linux\n"));
	ck_assert_ptr_nonnull(strstr(TEXT, "# rfc: RFC 9293 3.10.7.4\n"));
	ck_assert(!mo);
	xp_free(&X);
}
END_TEST

/* 3.10.1: active OPEN in LISTEN; connect() cannot do it to a listening socket. */
START_TEST(test_listen_active_open_scenario_is_model_only)
{
	bool mo = false;

	explore(TCP_PROFILE_RFC9293);
	ck_assert_int_gt(xp_scenario(&X, R_3_10_1_LISTEN_TO_ACTIVE, TEXT, sizeof TEXT, &mo), 0);
	ck_assert(mo);
	ck_assert_ptr_nonnull(strstr(TEXT, "\n# model-only: "));
	ck_assert_ptr_nonnull(strstr(TEXT, "app listen"));
	ck_assert_ptr_nonnull(strstr(TEXT, "app connect"));
	xp_free(&X);
}
END_TEST

START_TEST(test_unreached_rule_has_no_scenario)
{
	bool mo;

	explore(TCP_PROFILE_RFC9293);
	ck_assert_int_eq(xp_scenario(&X, R_5961_3_RST_CHALLENGE, TEXT, sizeof TEXT, &mo), -1);
	ck_assert_int_eq(xp_scenario(&X, R_NONE, TEXT, sizeof TEXT, &mo), -1);
	xp_free(&X);
}
END_TEST

/* The replay is not vacuous: a passive OPEN does not lead to SYN-SENT. */
START_TEST(test_replay_reports_contradicted_expect_with_line)
{
	char err[512] = "";

	ck_assert_int_eq(scn_parse("t.scn", "app listen\nexpect state SYN-SENT\n", &S,
				   err, sizeof err), 0);
	ck_assert_int_eq(run_check(&S, rfc(), err, sizeof err), -1);
	ck_assert_msg(strncmp(err, "2: ", 3) == 0 && strstr(err, "LISTEN"), "err '%s'", err);
}
END_TEST

/* A wait may fire only an armed timer: none is armed in LISTEN. */
START_TEST(test_replay_rejects_unarmed_timer)
{
	char err[512] = "";

	ck_assert_int_eq(scn_parse("t.scn", "app listen\nwait 1s fires retransmit\n", &S,
				   err, sizeof err), 0);
	ck_assert_int_eq(run_check(&S, rfc(), err, sizeof err), -1);
	ck_assert_msg(strncmp(err, "2: ", 3) == 0, "err '%s'", err);
}
END_TEST

START_TEST(test_step_format_round_trips_through_the_parser)
{
	static const char *const lines[] = {
		"app listen", "app send 100", "app setsockopt keepalive 1",
		"send S seq=0 win=65535", "send P. seq=1 ack=-5 win=65535 len=100",
		"wait 1s fires time-wait", "expect rule R_3_10_8_TIME_WAIT",
		"expect state FIN-WAIT-2",
	};
	char err[512], buf[128];

	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		ck_assert_int_eq(scn_parse("t.scn", lines[i], &S, err, sizeof err), 0);
		ck_assert_str_eq(xp_step_format(&S.steps[0], buf, sizeof buf), lines[i]);
	}
}
END_TEST

/* --- the generated suite (explore --suite) ------------------------------ */

static struct xp_suite SU;

/* The suite covers every rule and every transition (state, class of event)
 * the walk reaches (RFC 9293 3.10, event processing: every state and every
 * event): each is covered by a clean scenario that replays, or is the
 * target of a scenario of its own (a known departure or model-only). */
START_TEST(test_suite_covers_every_rule_and_transition_reached)
{
	static bool rules[TCP_NRULES], trans[TCP_NSTATES][XP_NCLASS];
	static bool target_r[TCP_NRULES], target_t[TCP_NSTATES][XP_NCLASS];
	char name[160], err[1024];
	enum xp_taint taint;
	int n, files = 0;

	explore((enum tcp_profile_id)_i);
	memset(rules, 0, sizeof rules);
	memset(trans, 0, sizeof trans);
	xp_suite_init(&SU);
	while ((n = xp_suite_next(&X, &SU, name, sizeof name, TEXT, sizeof TEXT, &taint)) >= 0) {
		ck_assert_msg(n > 0, "%s: no text", name);
		ck_assert_msg(scn_parse(name, TEXT, &S, err, sizeof err) == 0, "%s: %s\n%s",
			      name, err, TEXT);
		ck_assert_msg(run_check(&S, X.def, err, sizeof err) == 0,
			      "%s does not replay under %s: %s\n%s", name, X.def->name, err, TEXT);
		ck_assert_int_eq(S.model_only[0] != '\0', taint == XP_MODEL_ONLY);
		ck_assert_int_eq(S.departure_line > 0, taint == XP_DEPARTURE);
		if (taint == XP_CLEAN)
			ck_assert_int_eq(xp_covers(&S, &X.def->tcp, rules, trans), 0);
		files++;
	}
	ck_assert_int_gt(files, 50);
	memcpy(target_r, SU.rule_done, sizeof target_r);
	memcpy(target_t, SU.trans_done, sizeof target_t);
	for (int r = R_NONE + 1; r < TCP_NRULES; r++)
		if (X.hit[r].reached)
			ck_assert_msg(target_r[r], "%s reached, not in the suite",
				      tcp_rule_name((enum tcp_rule)r));
	for (int st = 0; st < TCP_NSTATES; st++)
		for (int c = 0; c < XP_NCLASS; c++) {
			char cls[96];

			if (!X.thit[st][c].reached)
				continue;
			ck_assert_msg(target_t[st][c], "%s, %s reached, not in the suite",
				      tcp_state_name((enum tcp_state)st),
				      xp_class_name((enum tcp_state)st, c, cls, sizeof cls));
			/* a clean path was written for it, or it was covered */
			if (X.thit[st][c].taint == XP_CLEAN)
				ck_assert_msg(trans[st][c], "%s, %s: clean path, not covered",
					      tcp_state_name((enum tcp_state)st),
					      xp_class_name((enum tcp_state)st, c, cls, sizeof cls));
		}
	xp_free(&X);
}
END_TEST

/* RFC 9293 3.10.7.3: a SYN,ACK acknowledging our SYN (SEG.ACK = SND.NXT)
 * in SYN-SENT is the table's class "SYN,ACK (ACK=SND.NXT)"; an ACK of ISS
 * the class "ACK=ISS"; RFC 9293 3.10.2: a call is its own class, an option
 * none. */
START_TEST(test_class_of_names_the_tables_classes)
{
	static struct mr m;
	struct mr_step last;
	char err[256], buf[96];

	mr_init(&m, &rfc()->tcp);
	ck_assert_int_eq(scn_parse("t.scn", "app connect\nsend S. seq=0 ack=1\nsend S. seq=0 ack=0\n"
				   "app setsockopt keepalive 1\n", &S, err, sizeof err), 0);
	ck_assert_int_eq(xp_class_of(&m, &S.steps[0]), XP_C_CALL + APP_CONNECT);
	ck_assert_int_eq(xp_class_of(&m, &S.steps[3]), -1);
	ck_assert_int_eq(mr_apply(&m, &S.steps[0], &last), 1);
	ck_assert_int_eq(m.tcb.state, TCP_SYN_SENT);
	ck_assert_str_eq(xp_class_name(TCP_SYN_SENT, xp_class_of(&m, &S.steps[1]), buf, sizeof buf),
			 "SYN,ACK (ACK=SND.NXT)");
	ck_assert_str_eq(xp_class_name(TCP_SYN_SENT, xp_class_of(&m, &S.steps[2]), buf, sizeof buf),
			 "SYN,ACK (ACK=ISS)");
	ck_assert_str_eq(xp_class_name(TCP_SYN_SENT, XP_C_TIMER + TCP_T_RETRANSMIT, buf, sizeof buf),
			 "timeout retransmit");
}
END_TEST

/* RFC 9293 3.10.1, 3.10.2: what the model allows and no program on the
 * sockets API can make: a second OPEN (EADDRINUSE), SEND queued before
 * ESTABLISHED (EAGAIN), a call after close(). */
START_TEST(test_api_why_names_steps_no_program_makes)
{
	struct xp_node n;
	struct scn_step st;

	memset(&n, 0, sizeof n);
	memset(&st, 0, sizeof st);
	st.kind = SCN_APP;
	st.app = APP_CONNECT;
	ck_assert_ptr_null(xp_api_why(&n, &st));
	n.sock = true;
	ck_assert_ptr_nonnull(strstr(xp_api_why(&n, &st), "EADDRINUSE"));
	n.tcb.state = TCP_SYN_SENT;
	st.app = APP_SEND;
	ck_assert_ptr_nonnull(strstr(xp_api_why(&n, &st), "EAGAIN"));
	n.tcb.state = TCP_ESTABLISHED;
	ck_assert_ptr_null(xp_api_why(&n, &st));
	n.released = true;
	ck_assert_ptr_nonnull(strstr(xp_api_why(&n, &st), "closed its socket"));
	st.app = APP_ACCEPT;
	ck_assert_ptr_null(xp_api_why(&n, &st));
}
END_TEST

/* RFC 9293 3.10.7.4 (first check): an acceptable FIN in CLOSE-WAIT is
 * acknowledged; Linux drops it (tcp_rcv_state_process(), step 7), which the
 * linux profile now says (fin_again_silent): the model predicts nothing and
 * no departure is left to mark, under either profile. */
START_TEST(test_departure_close_wait_fin_linux_only)
{
	static struct mr m;
	struct xp_node n;
	struct mr_step last;
	char err[256];
	int i;

	ck_assert_int_eq(scn_parse("t.scn", "app listen\nsend S seq=0\nsend F. seq=1 ack=1\n"
				   "send F. seq=2 ack=1\n", &S, err, sizeof err), 0);
	for (int p = 0; p < 2; p++) {
		profile_builtin(p ? TCP_PROFILE_LINUX : TCP_PROFILE_RFC9293, &DEF);
		mr_init(&m, &DEF.tcp);
		for (i = 0; i < 3; i++)
			ck_assert_int_ge(mr_apply(&m, &S.steps[i], &last), 0);
		ck_assert_int_eq(m.tcb.state, TCP_CLOSE_WAIT);
		memset(&n, 0, sizeof n);
		n.tcb = m.tcb;
		n.sock = n.listening = true;
		mr_new_stimulus(&m);
		ck_assert_int_eq(mr_apply(&m, &S.steps[3], &last), 1);
		ck_assert_int_eq(last.res.nemit, p ? 0 : 1);
		ck_assert_ptr_null(xp_departure_why(&DEF.tcp, &n, &S.steps[3], &last));
	}
}
END_TEST

/* RFC 9293 3.10.7.1: a closed port answers a SYN with FIN with
 * <ACK=SEG.SEQ+SEG.LEN>, SEG.LEN counting SYN and FIN; lwIP counts them as
 * one (TCP_TCPLEN()): a known departure under lwip, none under bsd. */
START_TEST(test_departure_syn_fin_closed_port_lwip_only)
{
	static struct mr m;
	struct xp_node n;
	struct mr_step last;
	char err[256];

	ck_assert_int_eq(scn_parse("t.scn", "send SF seq=0\n", &S, err, sizeof err), 0);
	for (int p = 0; p < 2; p++) {
		profile_builtin(p ? TCP_PROFILE_LWIP : TCP_PROFILE_BSD, &DEF);
		mr_init(&m, &DEF.tcp);
		memset(&n, 0, sizeof n);
		n.tcb = m.tcb;
		ck_assert_int_eq(mr_apply(&m, &S.steps[0], &last), 1);
		ck_assert_int_gt(last.res.nemit, 0);
		if (p)
			ck_assert_ptr_nonnull(strstr(xp_departure_why(&DEF.tcp, &n, &S.steps[0], &last),
						     "TCP_TCPLEN()"));
		else
			ck_assert_ptr_null(xp_departure_why(&DEF.tcp, &n, &S.steps[0], &last));
	}
}
END_TEST

/* RFC 9293 3.8.4 (keep-alive), 3.10.8 (timeouts), 3.6.1 (TIME-WAIT): a
 * timer path of the linux suite sets what makes the timer short
 * (TCP_KEEPIDLE, TCP_KEEPINTVL), waits no more than 3 s, and Linux's fixed
 * 60 s TIME-WAIT is '# slow: yes'. */
START_TEST(test_linux_timer_paths_are_short_or_slow)
{
	char name[160], err[1024];
	enum xp_taint taint;
	int n, keep = 0, slow = 0;

	explore(TCP_PROFILE_LINUX);
	xp_suite_init(&SU);
	while ((n = xp_suite_next(&X, &SU, name, sizeof name, TEXT, sizeof TEXT, &taint)) >= 0) {
		unsigned waited = 0;
		bool fires_tw = false;

		ck_assert_int_eq(scn_parse(name, TEXT, &S, err, sizeof err), 0);
		for (int i = 0; i < S.nsteps; i++) {
			const struct scn_step *st = &S.steps[i];

			if (st->kind == SCN_WAIT)
				waited += st->wait_ms;
			for (int f = 0; st->kind == SCN_WAIT && f < st->nfires; f++)
				fires_tw |= st->fires[f] == TCP_T_TIME_WAIT;
		}
		if (strstr(TEXT, "app setsockopt keepalive 1")) {
			ck_assert_msg(strstr(TEXT, "app setsockopt keepidle 1\n") &&
				      strstr(TEXT, "app setsockopt keepintvl 1\n"), "%s\n%s", name, TEXT);
			keep++;
		}
		ck_assert_int_eq(S.slow, fires_tw);
		slow += S.slow;
		if (!S.slow)
			ck_assert_msg(waited <= 3300, "%s waits %u ms", name, waited);
	}
	ck_assert_int_gt(keep, 0);
	ck_assert_int_eq(slow, 1);
	xp_free(&X);
}
END_TEST

static Suite *explore_suite(void)
{
	Suite *s = suite_create("explore");
	TCase *walk = tcase_create("walk"), *scn = tcase_create("scenarios");

	tcase_set_timeout(walk, 60);
	tcase_set_timeout(scn, 60);
	tcase_add_test(walk, test_depth6_reaches_server_path_closed_to_closed);
	tcase_add_test(walk, test_depth6_reaches_client_path_closed_to_closed);
	tcase_add_test(walk, test_depth6_reaches_simultaneous_open_listen_return_and_closing);
	tcase_add_loop_test(walk, test_depth6_rule_coverage_at_least_min_percent, 0, TCP_NPROFILES);
	tcase_add_loop_test(walk, test_depth6_unreached_rules_are_unreachable_by_design, 0, TCP_NPROFILES);
	tcase_add_test(walk, test_rst_challenge_reached_only_with_rfc5961);
	tcase_add_test(walk, test_passive_open_handshake_shortest_paths);
	tcase_add_test(walk, test_time_wait_expiry_shortest_path_is_five_steps);
	suite_add_tcase(s, walk);

	tcase_add_loop_test(scn, test_every_generated_scenario_rechecks_with_the_model, 0, TCP_NPROFILES);
	tcase_add_test(scn, test_fin_time_wait_scenario_ends_with_rule_and_state);
	tcase_add_test(scn, test_listen_active_open_scenario_is_model_only);
	tcase_add_test(scn, test_unreached_rule_has_no_scenario);
	tcase_add_test(scn, test_replay_reports_contradicted_expect_with_line);
	tcase_add_test(scn, test_replay_rejects_unarmed_timer);
	tcase_add_test(scn, test_step_format_round_trips_through_the_parser);
	tcase_add_loop_test(scn, test_suite_covers_every_rule_and_transition_reached, 0, TCP_NPROFILES);
	tcase_add_test(scn, test_class_of_names_the_tables_classes);
	tcase_add_test(scn, test_api_why_names_steps_no_program_makes);
	tcase_add_test(scn, test_departure_close_wait_fin_linux_only);
	tcase_add_test(scn, test_departure_syn_fin_closed_port_lwip_only);
	tcase_add_test(scn, test_linux_timer_paths_are_short_or_slow);
	suite_add_tcase(s, scn);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(explore_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
