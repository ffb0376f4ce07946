/*
 * check_reqs.c - Check suite for conformance/reqs.[ch] and reqs_results.c:
 * the requirement labels of RFC 9293 (2.1: "MUST-X", "SHLD-X", "MAY-X",
 * "REC-X"; Appendix B has 69, 31, 18 and 1 of them), how citations of them
 * are found in tests and scenarios, and how a recorded run's verdicts are
 * counted per label.
 *
 * This file is itself scanned for citations (as every test is), so its labels are
 * written with '~' for '-' and translated by lab(): it cites nothing.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docgen/reqs.h"

static struct reqs q;
static char dir[64];

/* s with '~' read as '-' (see above); four results live at a time. */
static const char *lab(const char *s)
{
	static char buf[4][512];
	static int k;
	char *b = buf[k++ % 4];

	snprintf(b, sizeof buf[0], "%s", s);
	for (char *p = b; *p; p++)
		if (*p == '~')
			*p = '-';
	return b;
}

static const char *write_file(const char *name, const char *text)
{
	static char paths[4][128];
	static int k;
	char *path = paths[k++ % 4];
	FILE *f;

	snprintf(path, sizeof paths[0], "%s/%s", dir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(lab(text), f);
	fclose(f);
	return path;
}

static void setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/check_reqs-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	reqs_init(&q);
}

static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static const struct req *req(const char *label)
{
	int i = req_index(label);

	ck_assert_int_ge(i, 0);
	return &q.r[i];
}

/* Appendix B: 69 + 31 + 18 + 1 = 119 labels, in the RFC's order. */
START_TEST(test_label_index_covers_the_119_labels)
{
	ck_assert_int_eq(req_index(lab("MUST~1")), 0);
	ck_assert_int_eq(req_index(lab("MUST~69")), 68);
	ck_assert_int_eq(req_index(lab("SHLD~1")), 69);
	ck_assert_int_eq(req_index(lab("SHLD~31")), 99);
	ck_assert_int_eq(req_index(lab("MAY~1")), 100);
	ck_assert_int_eq(req_index(lab("MAY~18")), 117);
	ck_assert_int_eq(req_index(lab("REC~1")), 118);
	ck_assert_int_eq(REQ_N, 119);
	ck_assert_str_eq(q.r[118].label, lab("REC~1"));
}
END_TEST

START_TEST(test_label_index_refuses_labels_rfc9293_lacks)
{
	ck_assert_int_eq(req_index(lab("MUST~70")), -1);
	ck_assert_int_eq(req_index(lab("MUST~0")), -1);
	ck_assert_int_eq(req_index(lab("SHLD~32")), -1);
	ck_assert_int_eq(req_index(lab("MAY~19")), -1);
	ck_assert_int_eq(req_index(lab("REC~2")), -1);
	ck_assert_int_eq(req_index(lab("MUST~1a")), -1);
	ck_assert_int_eq(req_index(lab("SHOULD~1")), -1);
}
END_TEST

/* The committed table accounts for every label, once, with a scope. */
START_TEST(test_requirements_tsv_lists_every_label)
{
	char err[512] = "";

	ck_assert_msg(reqs_load(&q, "conformance/requirements.tsv", err, sizeof err) == 0, "%s", err);
	for (int i = 0; i < REQ_N; i++)
		ck_assert_msg(!req_unlisted(&q.r[i]), "%s unlisted", q.r[i].label);
}
END_TEST

START_TEST(test_requirements_tsv_duplicate_is_an_error)
{
	char err[512] = "";
	const char *p = write_file("r.tsv", "MUST~1\t3.1\tmodel\ta\nMUST~1\t3.1\tmodel\tb\n");

	ck_assert_int_eq(reqs_load(&q, p, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, lab("r.tsv:2: MUST~1 is listed twice")));
}
END_TEST

/* A label stands alone: not "XMUST~2", not "MUST~3a"; punctuation ends it. */
START_TEST(test_citations_are_whole_labels)
{
	char err[256] = "";
	const char *p = write_file("s.scn", "# labels: MUST~1 XMUST~2 MUST~3a SHLD~31, (MAY~18)\n# MUST~70\n");

	ck_assert_int_eq(reqs_cite(&q, p, err, sizeof err), 0);
	ck_assert_int_eq(req(lab("MUST~1"))->ncites, 1);
	ck_assert(req(lab("MUST~1"))->cites[0].scenario);
	ck_assert_int_eq(req(lab("MUST~2"))->ncites, 0);
	ck_assert_int_eq(req(lab("MUST~3"))->ncites, 0);
	ck_assert_int_eq(req(lab("SHLD~31"))->ncites, 1);
	ck_assert_int_eq(req(lab("MAY~18"))->ncites, 1);
	ck_assert_int_eq(q.nunknown, 1);
	ck_assert_ptr_nonnull(strstr(q.unknown[0], lab("s.scn:2: MUST~70")));
}
END_TEST

/* A citation names the Check test it is above or inside. */
START_TEST(test_citations_name_the_check_test)
{
	char err[256] = "";
	const char *p = write_file("check_x.c",
		"/* RFC 9293 3.6 (MUST~12) */\nSTART_TEST(test_a)\n{\n}\nEND_TEST\n\n"
		"START_TEST(test_b)\n{\n\t/* SHLD~2 */\n}\nEND_TEST\n/* MAY~1, after every test */\n");

	ck_assert_int_eq(reqs_cite(&q, p, err, sizeof err), 0);
	ck_assert_str_eq(req(lab("MUST~12"))->cites[0].test, "test_a");
	ck_assert(!req(lab("MUST~12"))->cites[0].scenario);
	ck_assert_str_eq(req(lab("SHLD~2"))->cites[0].test, "test_b");
	ck_assert_str_eq(req(lab("MAY~1"))->cites[0].test, "");
}
END_TEST

/* Uncovered: scope model, no rule, no citation.  Out of scope never is. */
START_TEST(test_uncovered_needs_model_scope_without_rule_or_citation)
{
	char err[512] = "";
	const char *t = write_file("r.tsv", "MUST~14\t3.7.1\tmodel\tx\nMUST~2\t3.1\tout of scope: wire\ty\n"
				   "MUST~12\t3.6\tmodel\tz\n");
	const char *c = write_file("check_y.c", "/* MUST~12 */\n");

	ck_assert_int_eq(reqs_load(&q, t, err, sizeof err), 0);
	ck_assert_int_eq(reqs_cite(&q, c, err, sizeof err), 0);
	ck_assert(req_uncovered(req(lab("MUST~14"))));
	ck_assert(!req_uncovered(req(lab("MUST~2"))));
	ck_assert(!req_uncovered(req(lab("MUST~12"))));
	ck_assert(req_unlisted(req(lab("MUST~3"))));
}
END_TEST

/* What `tcpspec run --json` writes, counted per label and target. */
START_TEST(test_results_counted_per_label)
{
	char err[512] = "";
	const char *p = write_file("run.json",
		"{\"results\": [\n"
		"  {\"scenario\": \"a.scn\", \"labels\": \"MUST~13 MAY~2\", \"target\": \"linux\", "
		"\"profile\": \"linux\", \"family\": 4, \"verdict\": \"PASS\", \"message\": \"x \\\"q\\\"\", \"ms\": 1.5},\n"
		"  {\"scenario\": \"b.scn\", \"labels\": \"MUST~13\", \"target\": \"linux\", "
		"\"profile\": \"linux\", \"family\": 6, \"verdict\": \"FAIL\", \"ms\": 2}\n]}\n");

	ck_assert_msg(reqs_results(&q, p, err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(q.ntargets, 1);
	ck_assert_str_eq(q.t[0].name, "linux, profile linux");
	ck_assert_int_eq(q.t[0].n[req_index(lab("MUST~13"))][RQ_PASS], 1);
	ck_assert_int_eq(q.t[0].n[req_index(lab("MUST~13"))][RQ_FAIL], 1);
	ck_assert_int_eq(q.t[0].n[req_index(lab("MAY~2"))][RQ_PASS], 1);
}
END_TEST

START_TEST(test_results_not_a_run_is_an_error)
{
	char err[512] = "";
	const char *p = write_file("bad.json", "[1, 2]\n");

	ck_assert_int_eq(reqs_results(&q, p, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "bad.json: expected"));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("reqs");
	TCase *tc = tcase_create("labels");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_label_index_covers_the_119_labels);
	tcase_add_test(tc, test_label_index_refuses_labels_rfc9293_lacks);
	tcase_add_test(tc, test_requirements_tsv_lists_every_label);
	tcase_add_test(tc, test_requirements_tsv_duplicate_is_an_error);
	tcase_add_test(tc, test_citations_are_whole_labels);
	tcase_add_test(tc, test_citations_name_the_check_test);
	tcase_add_test(tc, test_uncovered_needs_model_scope_without_rule_or_citation);
	tcase_add_test(tc, test_results_counted_per_label);
	tcase_add_test(tc, test_results_not_a_run_is_an_error);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
