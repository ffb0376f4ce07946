/*
 * check_exec.c - Check suite for the target protocol's reader
 * (conformance/targets/target_exec.c: exec_take_line, exec_reply_parse,
 * target_errno_parse, target_advance_parse), without a target: what an
 * exec: stack writes on its stdout is read as conformance/TARGETS.md
 * section 2 says, and nothing it writes is taken for what it did not say;
 * and the agents' side of the optional `advance` command (agentline.c).
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "support/model_check.h"
#include "targets/agents/agentline.h"
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

/* --- advance: virtual time (TARGETS.md 4, `advance`) ---------------------- */

/* RFC 6298 2.5 lets the retransmission come as late as 60 s, so a stack's
 * clock is moved in its own ticks: `ok TICK` says how long one is, a
 * whole number of ms from 1 to TARGET_TICK_MAX_MS, and nothing else. */
START_TEST(test_advance_reply_is_the_tick_in_ms)
{
	unsigned tick = 99;

	ck_assert_int_eq(target_advance_parse(0, "250", &tick), 0);
	ck_assert_uint_eq(tick, 250); /* lwIP's TCP_TMR_INTERVAL */
	ck_assert_int_eq(target_advance_parse(0, "500", &tick), 0);
	ck_assert_uint_eq(tick, 500); /* 4.4BSD's slow timer, PR_SLOWHZ 2 */
	ck_assert_int_eq(target_advance_parse(0, "60000", &tick), 0);
	ck_assert_int_eq(target_advance_parse(0, "60001", &tick), TARGET_FAILED);
	ck_assert_uint_eq(tick, 0);
	ck_assert_int_eq(target_advance_parse(0, "0", &tick), TARGET_FAILED);
	ck_assert_int_eq(target_advance_parse(0, "", &tick), TARGET_FAILED);
	ck_assert_int_eq(target_advance_parse(0, "250ms", &tick), TARGET_FAILED);
	ck_assert_int_eq(target_advance_parse(0, "-250", &tick), TARGET_FAILED);
	ck_assert_int_eq(target_advance_parse(0, "+250", &tick), TARGET_FAILED);
	ck_assert_int_eq(target_advance_parse(0, "250 500", &tick), TARGET_FAILED);
	ck_assert_int_eq(target_advance_parse(TARGET_FAILED, "", &tick), TARGET_FAILED);
}
END_TEST

/* A target without virtual time is waited for in real time (RFC 6298 2.5
 * then bounds nothing but the scenario's own wait): ENOSYS, and also the
 * `err EINVAL unknown command` of a target older than `advance`; a usage
 * error stays what it is. */
START_TEST(test_advance_unsupported_is_enosys_whatever_the_target_is)
{
	unsigned tick;

	ck_assert_int_eq(target_advance_parse(ENOSYS, "ENOSYS advance unsupported", &tick), ENOSYS);
	ck_assert_int_eq(target_advance_parse(EINVAL, "EINVAL unknown command 'advance'", &tick),
			 ENOSYS);
	ck_assert_int_eq(target_advance_parse(EINVAL, "EINVAL usage: advance MS", &tick), EINVAL);
	ck_assert_uint_eq(tick, 0);
}
END_TEST

/* The agents' MS (TARGETS.md 4): 0 (only asks the tick) to one hour; RFC
 * 9293 3.8.4's two hours of keep-alive take two commands, or more ticks. */
START_TEST(test_agent_reads_advance_ms_from_0_to_an_hour)
{
	struct al_reply r;
	long ms = -1;

	ck_assert(al_parse_ms("0", &ms, &r) && ms == 0);
	ck_assert(al_parse_ms("3600000", &ms, &r) && ms == 3600000);
	ck_assert(!al_parse_ms("3600001", &ms, &r));
	ck_assert_str_eq(r.text, "err EINVAL bad milliseconds '3600001' (0..3600000)");
	ck_assert(!al_parse_ms("-1", &ms, &r));
	ck_assert(!al_parse_ms("1s", &ms, &r));
	ck_assert(!al_parse_ms("", &ms, &r));
}
END_TEST

/* A stack counting in ticks advances by whole ticks and keeps the rest:
 * 100 + 150 ms are one of lwIP's 250 ms ticks, 3000 ms are twelve (its
 * initial RTO, 3 s, where RFC 6298 2.1 says 1 s: 2.5 permits the late
 * retransmission). */
START_TEST(test_agent_ticks_carry_the_remainder)
{
	long carry = 0;

	ck_assert_int_eq(al_ticks_due(&carry, 100, 250), 0);
	ck_assert_int_eq(carry, 100);
	ck_assert_int_eq(al_ticks_due(&carry, 150, 250), 1);
	ck_assert_int_eq(carry, 0);
	ck_assert_int_eq(al_ticks_due(&carry, 3000, 250), 12);
	ck_assert_int_eq(al_ticks_due(&carry, 0, 250), 0);
	ck_assert_int_eq(carry, 0);
}
END_TEST

static al_cmd_fn *const no_commands[TARGET_NCOMMANDS];

/* What an agent without virtual time answers, through agentline's table
 * (TARGETS.md 2 and 5): `advance` is a known command of one word, and an
 * agent with no handler for it answers ENOSYS, so tcpspec waits real time
 * (RFC 6298 2.5's bound is then the scenario's own wait). */
START_TEST(test_agent_without_advance_answers_enosys)
{
	static struct al_server srv = { .run = no_commands, .stack = "none" };
	static const char lines[] = "advance 250\nadvance\nadvance 1 2\n";
	char got[512] = "";
	int in[2], out[2];
	ssize_t n;

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, in), 0);
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, out), 0);
	ck_assert_int_eq(write(in[1], lines, sizeof lines - 1), (ssize_t)(sizeof lines - 1));
	ck_assert_int_eq(al_serve(&srv, in[0], out[0]), 0);
	n = read(out[1], got, sizeof got - 1);
	ck_assert_int_gt(n, 0);
	got[n] = '\0';
	ck_assert_str_eq(got, "err ENOSYS advance unsupported\n"
			      "err EINVAL usage: advance MS\n"
			      "err EINVAL usage: advance MS\n");
	for (int i = 0; i < 2; i++) {
		close(in[i]);
		close(out[i]);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("exec");
	TCase *tc = tcase_create("reader");
	TCase *adv = tcase_create("advance");

	tcase_add_test(tc, test_reader_takes_lines_and_drops_the_carriage_return);
	tcase_add_test(tc, test_reader_shows_a_nul_instead_of_stopping_at_it);
	tcase_add_test(tc, test_replies_are_ok_err_or_malformed);
	tcase_add_test(tc, test_errno_names_are_read_as_errno_values);
	suite_add_tcase(s, tc);
	tcase_add_test(adv, test_advance_reply_is_the_tick_in_ms);
	tcase_add_test(adv, test_advance_unsupported_is_enosys_whatever_the_target_is);
	tcase_add_test(adv, test_agent_reads_advance_ms_from_0_to_an_hour);
	tcase_add_test(adv, test_agent_ticks_carry_the_remainder);
	tcase_add_test(adv, test_agent_without_advance_answers_enosys);
	suite_add_tcase(s, adv);
	return model_run_suite(s);
}
