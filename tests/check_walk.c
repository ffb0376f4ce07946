/*
 * check_walk.c - Check suite for conformance/walk/ (random walks), without
 * root: a walk is reproducible from its seed, it draws only events the
 * model defines (RFC 9293 3.10: user calls, arriving segments, timeouts),
 * and the sequences it writes run through the model target as scenarios.
 */
#include <check.h>
#include <string.h>

#include "run/runner.h"
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

int main(void)
{
	Suite *s = suite_create("walk");
	TCase *tc = tcase_create("sequences");

	tcase_add_test(tc, test_walk_is_reproducible_from_its_seed);
	model_add_test(tc, test_walk_sequences_are_scenarios_the_model_accepts, true);
	suite_add_tcase(s, tc);
	return model_run_suite(s);
}
