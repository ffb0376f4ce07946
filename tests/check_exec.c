/*
 * check_exec.c - Check suite for the target protocol's reader
 * (conformance/targets/target_exec.c: exec_take_line, exec_reply_parse,
 * target_errno_parse), without a target: what an exec: stack writes on
 * its stdout is read as conformance/TARGETS.md section 2 says, and nothing
 * it writes is taken for what it did not say.
 */
#include <check.h>
#include <errno.h>
#include <string.h>

#include "support/model_check.h"
#include "targets/exec.h"

/* TARGETS.md 2: a line ends with '\n'; a '\r' before it is ignored. */
START_TEST(test_reader_takes_lines_and_drops_the_carriage_return)
{
	char in[TARGET_LINE_MAX] = "ok 1\r\nerr EAGAIN none\nok";
	size_t len = strlen(in);
	char got[TARGET_LINE_MAX];

	ck_assert_int_eq(exec_take_line(in, &len, got, sizeof got), 1);
	ck_assert_str_eq(got, "ok 1");
	ck_assert_int_eq(exec_take_line(in, &len, got, sizeof got), 1);
	ck_assert_str_eq(got, "err EAGAIN none");
	ck_assert_int_eq(exec_take_line(in, &len, got, sizeof got), 0); /* "ok" has no newline yet */
	ck_assert_uint_eq(len, 2);
}
END_TEST

/* A NUL inside a reply must not cut it short: "ok\0junk" is not "ok". */
START_TEST(test_reader_shows_a_nul_instead_of_stopping_at_it)
{
	char in[16] = { 'o', 'k', '\0', 'x', '\n' };
	size_t len = 5;
	char got[TARGET_LINE_MAX], reply[TARGET_LINE_MAX];

	ck_assert_int_eq(exec_take_line(in, &len, got, sizeof got), 1);
	ck_assert_str_eq(got, "ok?x");
	ck_assert_int_eq(exec_reply_parse(got, reply, sizeof reply), TARGET_FAILED);
}
END_TEST

/* TARGETS.md 2: a reply is `ok [VALUE...]` or `err CODE MESSAGE`; anything
 * else is malformed (the target is then out of step). */
START_TEST(test_replies_are_ok_err_or_malformed)
{
	char reply[TARGET_LINE_MAX];

	ck_assert_int_eq(exec_reply_parse("ok", reply, sizeof reply), TARGET_OK);
	ck_assert_str_eq(reply, "");
	ck_assert_int_eq(exec_reply_parse("ok 3 40000", reply, sizeof reply), TARGET_OK);
	ck_assert_str_eq(reply, "3 40000");
	ck_assert_int_eq(exec_reply_parse("err ECONNRESET reset by peer", reply, sizeof reply),
			 TARGET_ERR);
	ck_assert_str_eq(reply, "ECONNRESET reset by peer");
	ck_assert_int_eq(exec_reply_parse("okay", reply, sizeof reply), TARGET_FAILED);
	ck_assert_int_eq(exec_reply_parse("err nothing", reply, sizeof reply), TARGET_FAILED);
	ck_assert_int_eq(exec_reply_parse("", reply, sizeof reply), TARGET_FAILED);
}
END_TEST

/* CODE is an errno name as Linux's <errno.h> spells it. */
START_TEST(test_errno_names_are_read_as_errno_values)
{
	ck_assert_int_eq(target_errno_parse("ECONNREFUSED"), ECONNREFUSED);
	ck_assert_int_eq(target_errno_parse("ENOSYS cannot tell"), ENOSYS);
	ck_assert_int_eq(target_errno_parse("EWHATEVER"), 0);
	ck_assert_int_eq(target_errno_parse(""), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("exec");
	TCase *tc = tcase_create("reader");

	tcase_add_test(tc, test_reader_takes_lines_and_drops_the_carriage_return);
	tcase_add_test(tc, test_reader_shows_a_nul_instead_of_stopping_at_it);
	tcase_add_test(tc, test_replies_are_ok_err_or_malformed);
	tcase_add_test(tc, test_errno_names_are_read_as_errno_values);
	suite_add_tcase(s, tc);
	return model_run_suite(s);
}
