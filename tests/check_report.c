/*
 * check_report.c - Check suite for conformance/report/report.c and the
 * escaping of conformance/base/ (json.c, markup.c, utf8.c): what a target
 * or a scenario file puts into a title, a message or a path cannot break
 * the JSON (RFC 8259) or the JUnit XML (XML 1.0) a run writes.  Regression
 * tests for what tests/fuzz/fuzz_report.c found.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/model_check.h"
#include "base/json.h"
#include "base/markup.h"
#include "base/utf8.h"
#include "report/report.h"

static char *capture(void (*write)(FILE *, const struct run_result *, int),
		     const struct run_result *r)
{
	char *mem = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&mem, &n);

	ck_assert_ptr_nonnull(f);
	write(f, r, 1);
	fclose(f);
	return mem;
}

static struct run_result failed_result(const char *path, const char *message)
{
	struct run_result r;

	memset(&r, 0, sizeof r);
	snprintf(r.path, sizeof r.path, "%s", path);
	snprintf(r.message, sizeof r.message, "%s", message);
	snprintf(r.target, sizeof r.target, "linux");
	snprintf(r.profile, sizeof r.profile, "rfc9293");
	r.verdict = V_FAIL;
	r.family = 4;
	r.line = 3;
	return r;
}

/* Regression (fuzz_report): the scenario path went unescaped into a
 * failure's text; a path with '<' and '&' must come out as entities. */
START_TEST(test_junit_escapes_the_path_in_a_failure)
{
	struct run_result r = failed_result("a<b>&c.scn", "the target sent R.");
	char *xml = capture(report_junit_write, &r);

	ck_assert_msg(strstr(xml, "a<b>") == NULL, "%s", xml);
	ck_assert_msg(strstr(xml, "a&lt;b&gt;&amp;c.scn:3 expected") != NULL, "%s", xml);
	free(xml);
}
END_TEST

/* RFC 8259 8.1: JSON is UTF-8; a byte that is not (a stack's name, a
 * message) becomes U+FFFD, valid sequences stay, controls are escaped. */
START_TEST(test_json_replaces_invalid_utf8_and_escapes_controls)
{
	struct run_result r = failed_result("x.scn", "caf\xc3\xa9 \xff\xc0\xaf \x01 \"q\" \\");
	char *json = capture(report_json_write, &r);

	ck_assert_msg(strstr(json, "caf\xc3\xa9 \\ufffd\\ufffd\\ufffd \\u0001 \\\"q\\\" \\\\") != NULL,
		      "%s", json);
	free(json);
}
END_TEST

/* XML 1.0 2.2: control characters other than tab and newline are not
 * allowed; invalid UTF-8 becomes a character reference to U+FFFD. */
START_TEST(test_xml_drops_controls_and_replaces_invalid_utf8)
{
	char *mem = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&mem, &n);

	mk_xml(f, "a\x01" "b\xfe" "c'\"<>&\xe2\x82\xac");
	fclose(f);
	ck_assert_str_eq(mem, "ab&#xFFFD;c&#39;&quot;&lt;&gt;&amp;\xe2\x82\xac");
	free(mem);
}
END_TEST

/* RFC 3629 4: no overlong forms, no surrogates, nothing above U+10FFFF. */
START_TEST(test_utf8_rejects_overlong_surrogates_and_beyond_unicode)
{
	ck_assert_int_eq(utf8_seq_len("a"), 1);
	ck_assert_int_eq(utf8_seq_len("\xc3\xa9"), 2);
	ck_assert_int_eq(utf8_seq_len("\xe2\x82\xac"), 3);
	ck_assert_int_eq(utf8_seq_len("\xf0\x9f\x98\x80"), 4);
	ck_assert_int_eq(utf8_seq_len("\xc0\xaf"), 0);	       /* overlong '/' */
	ck_assert_int_eq(utf8_seq_len("\xed\xa0\x80"), 0);     /* U+D800 */
	ck_assert_int_eq(utf8_seq_len("\xf4\x90\x80\x80"), 0); /* U+110000 */
	ck_assert_int_eq(utf8_seq_len("\xe2\x82"), 0);	       /* cut short */
}
END_TEST

int main(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("escaping");

	tcase_add_test(tc, test_junit_escapes_the_path_in_a_failure);
	tcase_add_test(tc, test_json_replaces_invalid_utf8_and_escapes_controls);
	tcase_add_test(tc, test_xml_drops_controls_and_replaces_invalid_utf8);
	tcase_add_test(tc, test_utf8_rejects_overlong_surrogates_and_beyond_unicode);
	suite_add_tcase(s, tc);
	return model_run_suite(s);
}
