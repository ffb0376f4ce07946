/*
 * check_results.c - Check suite for conformance/docgen/results.[ch] and
 * results_md.c: reading a recorded run (what `tcpspec run --json` writes,
 * report/report.c, with its "meta" object) and the conformance matrix page
 * written from a set of them (docs/matrix.md), and reqs_results.c counting
 * only the target's own profile when the file names it.
 *
 * This file is scanned for requirement labels like every test, so the
 * labels in its JSON are written with '~' for '-' (see lab()): it cites none.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docgen/reqs.h"
#include "docgen/results.h"

static char dir[64];

static const char *write_file(const char *name, const char *text)
{
	static char paths[4][128];
	static int k;
	char *path = paths[k++ % 4];
	FILE *f;

	snprintf(path, sizeof paths[0], "%s/%s", dir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	for (const char *p = text; *p; p++)
		fputc(*p == '~' ? '-' : *p, f);
	fclose(f);
	return path;
}

/* One result object as report_json() writes it (fields the reader skips
 * included). */
#define ROW(scn, labels, stack, profile, fam, verdict)                               \
	"{\"scenario\": \"conformance/scenarios/" scn ".scn\", \"title\": \"t\", "      \
	"\"rfc\": \"RFC 9293 3.10.7.4\", \"labels\": \"" labels "\", \"target\": \""   \
	stack "\", \"profile\": \"" profile "\", \"family\": " #fam ", \"verdict\": \"" \
	verdict "\", \"line\": 0, \"message\": \"a \\\"quoted\\\" reason\", "          \
	"\"expected\": \"\", \"observed\": \"\", \"rule\": \"\", \"section\": \"\", "  \
	"\"pcap\": \"\", \"ms\": 1.250}"

/* A target whose own profile is linux, recorded against it and rfc9293. */
static const char linux_run[] =
	"{\"meta\": {\"date\": \"2025-01-02T03:04:05Z\", \"kernel\": \"6.1.0-test\", "
	"\"target\": \"linux\", \"profile\": \"linux\", \"tcpspec\": \"abc123\"},\n"
	" \"results\": [\n"
	ROW("rst-listen", "MUST~12", "linux-6.1.0", "linux", 4, "PASS") ",\n"
	ROW("rst-listen", "MUST~12", "linux-6.1.0", "linux", 6, "PASS") ",\n"
	ROW("syn-sent-rst", "", "linux-6.1.0", "linux", 4, "PASS") ",\n"
	ROW("syn-sent-rst", "", "linux-6.1.0", "linux", 6, "FAIL") ",\n"
	ROW("rst-listen", "MUST~12", "linux-6.1.0", "rfc9293", 4, "FAIL") ",\n"
	ROW("rst-listen", "MUST~12", "linux-6.1.0", "rfc9293", 6, "FAIL") ",\n"
	ROW("syn-sent-rst", "", "linux-6.1.0", "rfc9293", 4, "SKIP") ",\n"
	ROW("syn-sent-rst", "", "linux-6.1.0", "rfc9293", 6, "SKIP") "\n]}\n";

/* A target whose own profile is rfc9293: one run is both columns. */
static const char slirp_run[] =
	"{\"meta\": {\"target\": \"slirp\", \"profile\": \"rfc9293\", "
	"\"package\": \"libslirp0 4.7.0-1\"},\n \"results\": [\n"
	ROW("rst-listen", "MUST~12", "slirp-4.7.0", "rfc9293", 4, "FAIL") ",\n"
	ROW("rst-listen", "MUST~12", "slirp-4.7.0", "rfc9293", 6, "FAIL") "\n]}\n";

static void setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/check_results-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* The meta object and every result, in order, with the fields docs need. */
START_TEST(test_load_reads_meta_and_every_result)
{
	struct results r = { 0 };
	char err[512] = "";

	ck_assert_msg(results_load(&r, write_file("linux.json", linux_run), err, sizeof err) == 0,
		      "%s", err);
	ck_assert_str_eq(results_meta(&r, "kernel"), "6.1.0-test");
	ck_assert_str_eq(results_meta(&r, "profile"), "linux");
	ck_assert_str_eq(results_meta(&r, "tcpspec"), "abc123");
	ck_assert_str_eq(results_meta(&r, "package"), "");
	ck_assert_int_eq(r.n, 8);
	ck_assert_str_eq(r.row[0].scenario, "conformance/scenarios/rst-listen.scn");
	ck_assert_str_eq(r.row[0].stack, "linux-6.1.0");
	ck_assert_str_eq(r.row[0].labels + 4, "-12"); /* the label, written with a dash */
	ck_assert_int_eq(r.row[1].family, 6);
	ck_assert_int_eq(r.row[3].verdict, RESULTS_FAIL);
	ck_assert_str_eq(r.row[4].profile, "rfc9293");
	ck_assert_int_eq(r.row[7].verdict, RESULTS_SKIP);
	results_free(&r);
}
END_TEST

/* A file written before the meta object existed is read all the same. */
START_TEST(test_load_without_meta)
{
	struct results r = { 0 };
	char err[512] = "";
	const char *p = write_file("old.json", "{\"results\": [\n"
		ROW("rst-listen", "", "linux-6.1.0", "linux", 4, "PASS") "\n]}\n");

	ck_assert_msg(results_load(&r, p, err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(r.nmeta, 0);
	ck_assert_int_eq(r.n, 1);
	ck_assert_int_eq(r.row[0].verdict, RESULTS_PASS);
	results_free(&r);
}
END_TEST

/* Anything else is an error naming the file and what was expected. */
START_TEST(test_load_refuses_other_shapes)
{
	struct results r = { 0 };
	char err[512] = "";

	ck_assert_int_eq(results_load(&r, write_file("a.json", "[1, 2]\n"), err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "a.json: expected"));
	results_free(&r);
	ck_assert_int_eq(results_load(&r, write_file("b.json", "{\"runs\": []}\n"), err,
				      sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "expected \"meta\" or \"results\""));
	results_free(&r);
	ck_assert_int_eq(results_load(&r, write_file("c.json", "{\"meta\": {}}\n"), err,
				      sizeof err), -1);
	results_free(&r);
	ck_assert_int_eq(results_load(&r, write_file("d.json", "{\"results\": [{\"scenario\": \"x"),
				      err, sizeof err), -1);
	results_free(&r);
}
END_TEST

/* requirements.md counts a target's own profile only: the rfc9293 rows of
 * the same file are the matrix's business. */
START_TEST(test_requirements_count_the_own_profile)
{
	static struct reqs q;
	char err[512] = "", label[] = "MUST~12";
	int i;

	label[4] = '-'; /* not a citation of this file */
	i = req_index(label);

	reqs_init(&q);
	ck_assert_int_eq(reqs_results(&q, write_file("linux.json", linux_run), err, sizeof err), 0);
	ck_assert_int_eq(q.ntargets, 1);
	ck_assert_str_eq(q.t[0].name, "linux-6.1.0, profile linux");
	ck_assert_int_eq(q.t[0].n[i][RQ_PASS], 2);
	ck_assert_int_eq(q.t[0].n[i][RQ_FAIL], 0);
}
END_TEST

/* The matrix page: the runs with their versions, totals per profile, and a
 * cell per scenario and target, own profile / rfc9293. */
START_TEST(test_matrix_cells_totals_and_versions)
{
	static struct results runs[2];
	char err[512] = "", page[8192] = "";
	FILE *f;

	memset(runs, 0, sizeof runs);
	ck_assert_int_eq(results_load(&runs[0], write_file("linux.json", linux_run), err, sizeof err), 0);
	ck_assert_int_eq(results_load(&runs[1], write_file("slirp.json", slirp_run), err, sizeof err), 0);
	f = fmemopen(page, sizeof page - 1, "w");
	ck_assert_ptr_nonnull(f);
	results_md_matrix(f, runs, 2);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(page,
		"| linux | linux-6.1.0 | linux | 2025-01-02T03:04:05Z | 6.1.0-test | - | abc123 |"));
	ck_assert_ptr_nonnull(strstr(page,
		"| slirp | slirp-4.7.0 | rfc9293 | - | - | libslirp0 4.7.0-1 | - |"));
	ck_assert_ptr_nonnull(strstr(page,
		"| linux | 3 PASS, 1 FAIL, 0 ERROR, 0 SKIP | 0 PASS, 2 FAIL, 0 ERROR, 2 SKIP |"));
	ck_assert_ptr_nonnull(strstr(page,
		"| slirp | 0 PASS, 2 FAIL, 0 ERROR, 0 SKIP | 0 PASS, 2 FAIL, 0 ERROR, 0 SKIP |"));
	ck_assert_ptr_nonnull(strstr(page,
		"| [rst-listen](../conformance/scenarios/rst-listen.scn) | PASS / FAIL | FAIL / FAIL |"));
	/* IPv4 and IPv6 differ; slirp has no such run */
	ck_assert_ptr_nonnull(strstr(page,
		"| [syn-sent-rst](../conformance/scenarios/syn-sent-rst.scn) | v4 PASS / SKIP; v6 FAIL / SKIP | - |"));
	results_free(&runs[0]);
	results_free(&runs[1]);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("results");
	TCase *tc = tcase_create("results");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_load_reads_meta_and_every_result);
	tcase_add_test(tc, test_load_without_meta);
	tcase_add_test(tc, test_load_refuses_other_shapes);
	tcase_add_test(tc, test_requirements_count_the_own_profile);
	tcase_add_test(tc, test_matrix_cells_totals_and_versions);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
