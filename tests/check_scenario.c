/*
 * check_scenario.c - Check suite for conformance/scenario.[ch], the scenario
 * parser (docs/design.md "Scenarios", the format in scenario.h).
 *
 * What a valid line must become is read off DESIGN.md and scenario.h; what
 * an invalid one must give is scenario.h's promise: -1, and an error
 * "PATH:LINE: expected ..., got ..." (STYLE.md "Errors and output": the file,
 * the line, the thing expected and the thing found).
 */
#include <check.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scenario/scenario.h"

static struct scn S; /* large: one per test process (Check forks) */

static void parse_ok(const char *text)
{
	char err[512] = "";

	ck_assert_msg(scn_parse("t.scn", text, &S, err, sizeof err) == 0,
		      "valid scenario rejected: %s", err);
}

static const struct scn_step *step(int i)
{
	ck_assert_msg(i < S.nsteps, "step %d: only %d steps", i, S.nsteps);
	return &S.steps[i];
}

/*
 * The error a malformed text gives: false, with why set, unless the parser
 * returned -1 and err is "t.scn:LINE: expected ..., got ..." and contains
 * got (when not NULL).
 */
static bool error_is(const char *text, int line, const char *got, char *why,
		     size_t whylen)
{
	char err[1024] = "", prefix[64];
	int rc = scn_parse("t.scn", text, &S, err, sizeof err);

	snprintf(prefix, sizeof prefix, "t.scn:%d: expected ", line);
	if (rc != -1)
		snprintf(why, whylen, "returned %d, expected -1 (err '%s')", rc, err);
	else if (strncmp(err, prefix, strlen(prefix)) != 0)
		snprintf(why, whylen, "error '%s' does not start with '%s'", err, prefix);
	else if (strstr(err, ", got ") == NULL)
		snprintf(why, whylen, "error '%s' does not say what it got (', got ')", err);
	else if (got != NULL && strstr(err, got) == NULL)
		snprintf(why, whylen, "error '%s' does not name %s", err, got);
	else
		return true;
	return false;
}

#define ASSERT_PARSE_ERROR(text, line, got)                                  \
	do {                                                                   \
		char why_[1200];                                               \
		ck_assert_msg(error_is((text), (line), (got), why_, sizeof why_), \
			      "%s", why_);                                     \
	} while (0)

/* --- a valid scenario -------------------------------------------------- */

static const char FULL[] =
	"# title: Every step the format knows\n"             /* 1 */
	"# rfc: RFC 9293 3.5, 3.10.7.4\n"                     /* 2 */
	"# labels: MUST-10 MUST-13\n"                         /* 3 */
	"# profiles: linux lwip\n"                            /* 4 */
	"# slow: yes\n"                                       /* 5 */
	"\n"                                                  /* 6 */
	"app listen 8080\n"                                   /* 7 */
	"send S seq=0 win=65535 mss=1460\n"                   /* 8 */
	"expect S. seq=0 ack=1\n"                             /* 9 */
	"  send\t. seq=1 ack=1   # an ACK\n"                  /* 10 */
	"send FP. seq=-1 ack=-5 len=100 up=3 win=0\n"         /* 11 */
	"wait 1.5s\n"                                         /* 12 */
	"wait 200ms fires retransmit,keepalive\n"             /* 13 */
	"wait quiet\n"                                        /* 14 */
	"expect state SYN_RECV\n"                             /* 15 */
	"expect state time-wait\n"                            /* 16 */
	"expect state CLOSE\n"                                /* 17 */
	"expect state FIN-WAIT-1\n"                           /* 18 */
	"expect rule R_3_10_7_2_LISTEN_SYN\n"                 /* 19 */
	"expect error ECONNRESET\n"                           /* 20 */
	"expect none\n"                                       /* 21 */
	"app setsockopt keepalive 1\n"                        /* 22 */
	"app send 100\n"                                      /* 23 */
	"app recv 7\n"                                        /* 24 */
	"app connect\n"                                       /* 25 */
	"app close\n"                                         /* 26 */
	"# a comment between steps: title: not a header\n"    /* 27 */
	"app abort\n";                                        /* 28 */

/* scenario.h header: title, rfc, labels, profiles, slow. */
START_TEST(test_header_fields_parsed)
{
	parse_ok(FULL);
	ck_assert_str_eq(S.path, "t.scn");
	ck_assert_str_eq(S.title, "Every step the format knows");
	ck_assert_str_eq(S.rfc, "RFC 9293 3.5, 3.10.7.4");
	ck_assert_str_eq(S.labels, "MUST-10 MUST-13");
	ck_assert(S.profiles[TCP_PROFILE_LINUX]);
	ck_assert(S.profiles[TCP_PROFILE_LWIP]);
	ck_assert(!S.profiles[TCP_PROFILE_RFC9293]);
	ck_assert(!S.profiles[TCP_PROFILE_RFC9293_5961]);
	ck_assert(S.slow);
	ck_assert_int_eq(S.nsteps, 21);
}
END_TEST

/* scenario.h: "profiles: ... (default: all)"; slow only with 'yes'. */
START_TEST(test_header_defaults_all_profiles_not_slow)
{
	parse_ok("# title: t\n# slow: no\napp listen\n");
	for (int i = 0; i < TCP_NPROFILES; i++)
		ck_assert_msg(S.profiles[i], "profile %s off by default",
			      tcp_profile_name((enum tcp_profile_id)i));
	ck_assert(!S.slow);
	ck_assert_str_eq(S.rfc, "");
	ck_assert_str_eq(S.labels, "");
}
END_TEST

/* DESIGN.md "Scenarios": app steps, with their port, byte count, option. */
START_TEST(test_app_steps_parsed)
{
	parse_ok(FULL);
	ck_assert_int_eq(step(0)->kind, SCN_APP);
	ck_assert_int_eq(step(0)->app, APP_LISTEN);
	ck_assert_uint_eq(step(0)->n, 8080);
	ck_assert_int_eq(step(0)->line, 7);

	ck_assert_int_eq(step(15)->app, APP_SETSOCKOPT);
	ck_assert_str_eq(step(15)->opt, "keepalive");
	ck_assert_uint_eq(step(15)->n, 1);
	ck_assert_int_eq(step(16)->app, APP_SEND);
	ck_assert_uint_eq(step(16)->n, 100);
	ck_assert_int_eq(step(17)->app, APP_RECV);
	ck_assert_uint_eq(step(17)->n, 7);
	ck_assert_int_eq(step(18)->app, APP_CONNECT);
	ck_assert_uint_eq(step(18)->n, 0);
	ck_assert_int_eq(step(19)->app, APP_CLOSE);
	ck_assert_int_eq(step(19)->line, 26);
	ck_assert_int_eq(step(20)->app, APP_ABORT);
	ck_assert_int_eq(step(20)->line, 28);
	ck_assert_str_eq(scn_app_name(APP_SETSOCKOPT), "setsockopt");
}
END_TEST

/* scenario.h: "Sequence numbers in send and expect are relative to each
 * side's ISS" (RFC 9293 3.4 arithmetic, so -1 is ISS-1); the fields mask
 * says which fields the line gave. */
START_TEST(test_send_steps_flags_relative_numbers_fields)
{
	const struct scn_step *st;

	parse_ok(FULL);
	st = step(1);
	ck_assert_int_eq(st->kind, SCN_SEND);
	ck_assert_int_eq(st->line, 8);
	ck_assert_uint_eq(st->flags, TCP_SYN);
	ck_assert_uint_eq(st->fields, SCN_F_SEQ | SCN_F_WIN | SCN_F_MSS);
	ck_assert_int_eq(st->seq, 0);
	ck_assert_uint_eq(st->win, 65535);
	ck_assert_uint_eq(st->mss, 1460);

	st = step(3); /* indented, a tab, a trailing comment */
	ck_assert_int_eq(st->kind, SCN_SEND);
	ck_assert_int_eq(st->line, 10);
	ck_assert_uint_eq(st->flags, TCP_ACK);
	ck_assert_uint_eq(st->fields, SCN_F_SEQ | SCN_F_ACK);
	ck_assert_int_eq(st->seq, 1);
	ck_assert_int_eq(st->ack, 1);

	st = step(4);
	ck_assert_uint_eq(st->flags, TCP_FIN | TCP_PSH | TCP_ACK);
	ck_assert_uint_eq(st->fields,
			  SCN_F_SEQ | SCN_F_ACK | SCN_F_LEN | SCN_F_UP | SCN_F_WIN);
	ck_assert_int_eq(st->seq, -1);
	ck_assert_int_eq(st->ack, -5);
	ck_assert_uint_eq(st->len, 100);
	ck_assert_uint_eq(st->up, 3);
	ck_assert_uint_eq(st->win, 0);
}
END_TEST

/* DESIGN.md "Scenarios": `wait 2s`, `wait quiet`; scenario.h: durations in
 * s or ms, and `fires T,...` naming timers (RFC 9293 3.8, 3.10.8). */
START_TEST(test_wait_steps_durations_and_fires)
{
	parse_ok(FULL);
	ck_assert_int_eq(step(5)->kind, SCN_WAIT);
	ck_assert_uint_eq(step(5)->wait_ms, 1500);
	ck_assert(!step(5)->quiet);
	ck_assert_int_eq(step(5)->nfires, 0);

	ck_assert_uint_eq(step(6)->wait_ms, 200);
	ck_assert_int_eq(step(6)->nfires, 2);
	ck_assert_int_eq(step(6)->fires[0], TCP_T_RETRANSMIT);
	ck_assert_int_eq(step(6)->fires[1], TCP_T_KEEPALIVE);

	ck_assert(step(7)->quiet);
	ck_assert_uint_eq(step(7)->wait_ms, 0);

	parse_ok("wait 600s\nwait 0.25s fires time-wait,fin-wait-2,user\n");
	ck_assert_uint_eq(step(0)->wait_ms, 600000);
	ck_assert_uint_eq(step(1)->wait_ms, 250);
	ck_assert_int_eq(step(1)->nfires, 3);
	ck_assert_int_eq(step(1)->fires[0], TCP_T_TIME_WAIT);
	ck_assert_int_eq(step(1)->fires[1], TCP_T_FIN_WAIT_2);
	ck_assert_int_eq(step(1)->fires[2], TCP_T_USER);
}
END_TEST

/* scenario.h: a wait of at most 600 s may be written in ms: 1500ms is 1.5 s
 * and 600000ms is the 600 s limit. */
START_TEST(test_wait_milliseconds_above_600)
{
	parse_ok("wait 1500ms\nwait 600000ms\n");
	ck_assert_uint_eq(step(0)->wait_ms, 1500);
	ck_assert_uint_eq(step(1)->wait_ms, 600000);
}
END_TEST

/* DESIGN.md "Text forms" / "Scenarios": `expect state` takes RFC 9293
 * spellings and the Linux ones, any case; `expect` FLAGS fields, none,
 * rule, error. */
START_TEST(test_expect_steps_each_kind)
{
	parse_ok(FULL);
	ck_assert_int_eq(step(2)->kind, SCN_EXPECT);
	ck_assert_int_eq(step(2)->expect, EXP_SEGMENT);
	ck_assert_uint_eq(step(2)->flags, TCP_SYN | TCP_ACK);
	ck_assert_uint_eq(step(2)->fields, SCN_F_SEQ | SCN_F_ACK);
	ck_assert_int_eq(step(2)->seq, 0);
	ck_assert_int_eq(step(2)->ack, 1);

	ck_assert_int_eq(step(8)->expect, EXP_STATE);
	ck_assert_int_eq(step(8)->state, TCP_SYN_RECEIVED);
	ck_assert_int_eq(step(9)->state, TCP_TIME_WAIT);
	ck_assert_int_eq(step(10)->state, TCP_CLOSED);
	ck_assert_int_eq(step(11)->state, TCP_FIN_WAIT_1);

	ck_assert_int_eq(step(12)->expect, EXP_RULE);
	ck_assert_int_eq(step(12)->rule, R_3_10_7_2_LISTEN_SYN);

	ck_assert_int_eq(step(13)->expect, EXP_ERROR);
	ck_assert_str_eq(step(13)->error, "ECONNRESET");

	ck_assert_int_eq(step(14)->kind, SCN_EXPECT);
	ck_assert_int_eq(step(14)->expect, EXP_NONE);
	ck_assert_int_eq(step(14)->line, 21);
}
END_TEST

/* scenario.h: SCN_MAX_STEPS steps is the limit, and it is allowed. */
START_TEST(test_max_steps_accepted)
{
	static char text[SCN_MAX_STEPS * 12 + 1];
	size_t n = 0;

	for (int i = 0; i < SCN_MAX_STEPS; i++)
		n += (size_t)snprintf(text + n, sizeof text - n, "wait quiet\n");
	parse_ok(text);
	ck_assert_int_eq(S.nsteps, SCN_MAX_STEPS);
	ck_assert_int_eq(S.steps[SCN_MAX_STEPS - 1].line, SCN_MAX_STEPS);
}
END_TEST

/* A file written with CRLF line ends parses like the same file with LF:
 * the tokenizer treats '\r' as blank, and the header values must not keep
 * it either (the title is printed in reports). */
START_TEST(test_crlf_line_ends)
{
	parse_ok("# title: Passive open\r\n# rfc: RFC 9293 3.5\r\n# profiles: linux lwip\r\n"
		 "app listen 8080\r\nwait 2s\r\n");
	ck_assert_int_eq(S.nsteps, 2);
	ck_assert(S.profiles[TCP_PROFILE_LWIP] && !S.profiles[TCP_PROFILE_RFC9293]);
	ck_assert_uint_eq(step(0)->n, 8080);
	ck_assert_uint_eq(step(1)->wait_ms, 2000);
	ck_assert_str_eq(S.title, "Passive open");
	ck_assert_str_eq(S.rfc, "RFC 9293 3.5");
}
END_TEST

/* --- malformed input: -1 and "PATH:LINE: expected ..., got ..." --------- */

/* DESIGN.md "Scenarios": the steps are app, send, wait and expect (case
 * matters). */
START_TEST(test_unknown_step_word_rejected)
{
	ASSERT_PARSE_ERROR("app listen\nfrobnicate 1\n", 2, "'frobnicate'");
	ASSERT_PARSE_ERROR("# title: x\n\nApp listen\n", 3, "'App'");
}
END_TEST

/* DESIGN.md "Text forms": letters F S R P U and '.', each once. */
START_TEST(test_bad_flag_letter_rejected)
{
	ASSERT_PARSE_ERROR("send Q seq=0\n", 1, "'Q'");
	ASSERT_PARSE_ERROR("app listen\nexpect SQ\n", 2, "'SQ'");
}
END_TEST

/* A control bit is set or not (RFC 9293 3.1): a letter given twice is a
 * typing error, not a flag. */
START_TEST(test_duplicate_flag_letter_rejected)
{
	ASSERT_PARSE_ERROR("send SS seq=0\n", 1, "'SS'");
	ASSERT_PARSE_ERROR("app connect\nexpect S..\n", 2, "'S..'");
}
END_TEST

/* scenario.h: fields are written field=value. */
START_TEST(test_field_without_equals_rejected)
{
	ASSERT_PARSE_ERROR("send S seq\n", 1, "'seq'");
	ASSERT_PARSE_ERROR("app listen\nexpect S. 5\n", 2, "'5'");
}
END_TEST

/* scenario.h: a field's value is a number. */
START_TEST(test_field_not_a_number_rejected)
{
	ASSERT_PARSE_ERROR("send S seq=abc\n", 1, "'abc'");
	ASSERT_PARSE_ERROR("send S seq=1x\n", 1, "'1x'");
	ASSERT_PARSE_ERROR("send S seq=\n", 1, "''");
	/* relative numbers span one sequence space (RFC 9293 3.4: mod 2^32) */
	ASSERT_PARSE_ERROR("send S seq=4294967296\n", 1, "'4294967296'");
	ASSERT_PARSE_ERROR("send S ack=-4294967296\n", 1, "'-4294967296'");
}
END_TEST

/* scenario.h limits: win at most 2^30 (RFC 7323 2.3, TCP_MAX_WND), len at
 * most 65000, mss and up 16-bit (RFC 9293 3.1, 3.2); none negative. */
START_TEST(test_field_out_of_range_rejected)
{
	ASSERT_PARSE_ERROR("send S win=1073741825\n", 1, "'win=1073741825'");
	ASSERT_PARSE_ERROR("send . len=65001\n", 1, "'len=65001'");
	ASSERT_PARSE_ERROR("send S mss=65536\n", 1, "'mss=65536'");
	ASSERT_PARSE_ERROR("send . up=65536\n", 1, "'up=65536'");
	ASSERT_PARSE_ERROR("send . win=-1\n", 1, "'-1'");
	ASSERT_PARSE_ERROR("send . bogus=1\n", 1, "'bogus=1'");
	/* the limits themselves are fine */
	parse_ok("send S win=1073741824 len=65000 mss=65535 up=65535\n");
	ck_assert_uint_eq(step(0)->win, 1073741824u);
	ck_assert_uint_eq(step(0)->len, 65000);
}
END_TEST

/* scenario.h: app listen|connect|accept|send|recv|close|shutdown|abort|
 * setsockopt, and nothing after a call that takes no argument. */
START_TEST(test_unknown_app_call_rejected)
{
	ASSERT_PARSE_ERROR("app dance\n", 1, "'dance'");
	ASSERT_PARSE_ERROR("app\n", 1, NULL);
	ASSERT_PARSE_ERROR("app close now\n", 1, "'now'");
}
END_TEST

/* app send/recv N: 1..1000000 bytes. */
START_TEST(test_app_send_missing_byte_count_rejected)
{
	ASSERT_PARSE_ERROR("app listen\napp send\n", 2, NULL);
	ASSERT_PARSE_ERROR("app recv 0\n", 1, "'0'");
	ASSERT_PARSE_ERROR("app send 1000001\n", 1, "'1000001'");
	ASSERT_PARSE_ERROR("app send many\n", 1, "'many'");
}
END_TEST

/* A TCP port is 1..65535 (RFC 9293 3.1: 16 bits; 0 is not a port one
 * listens on). */
START_TEST(test_bad_port_rejected)
{
	ASSERT_PARSE_ERROR("app listen 70000\n", 1, "'70000'");
	ASSERT_PARSE_ERROR("app connect 0\n", 1, "'0'");
	ASSERT_PARSE_ERROR("app listen http\n", 1, "'http'");
	ASSERT_PARSE_ERROR("app listen 80 81\n", 1, NULL);
}
END_TEST

/* setsockopt names the agents know (conformance/TARGETS.md). */
START_TEST(test_unknown_socket_option_rejected)
{
	ASSERT_PARSE_ERROR("app setsockopt reuseaddr 1\n", 1, "'reuseaddr'");
	ASSERT_PARSE_ERROR("app setsockopt keepalive\n", 1, NULL);
	ASSERT_PARSE_ERROR("app setsockopt keepalive yes\n", 1, "'yes'");
}
END_TEST

/* scenario.h: DURATION like 1.5s or 200ms, at most 600 s. */
START_TEST(test_bad_duration_rejected)
{
	ASSERT_PARSE_ERROR("wait 5\n", 1, "'5'");
	ASSERT_PARSE_ERROR("wait 2h\n", 1, "'2h'");
	ASSERT_PARSE_ERROR("wait 601s\n", 1, "'601s'");
	ASSERT_PARSE_ERROR("wait 600001ms\n", 1, "'600001ms'");
	ASSERT_PARSE_ERROR("wait -1s\n", 1, "'-1s'");
	ASSERT_PARSE_ERROR("wait s\n", 1, "'s'");
	ASSERT_PARSE_ERROR("wait\n", 1, NULL);
	ASSERT_PARSE_ERROR("wait 1s now\n", 1, "'now'");
}
END_TEST

/* A duration is a number: not a NaN or an infinity that strtod reads. */
START_TEST(test_nan_duration_rejected)
{
	ASSERT_PARSE_ERROR("wait nans\n", 1, "'nans'");
	ASSERT_PARSE_ERROR("wait nanms\n", 1, "'nanms'");
	ASSERT_PARSE_ERROR("wait infs\n", 1, "'infs'");
}
END_TEST

/* The timers are RFC 9293 3.8 / 3.10.8's: retransmit time-wait fin-wait-2
 * keepalive user. */
START_TEST(test_bad_timer_after_fires_rejected)
{
	ASSERT_PARSE_ERROR("wait 1s fires retransmit,bogus\n", 1, "'bogus'");
	ASSERT_PARSE_ERROR("wait 1s fires\n", 1, NULL);
	ASSERT_PARSE_ERROR("wait 1s then retransmit\n", 1, "'then'");
}
END_TEST

/* scenario.h: at most SCN_MAX_FIRES timers after `fires`. */
START_TEST(test_too_many_fires_rejected)
{
	ASSERT_PARSE_ERROR("wait 1s fires user,user,user,user,user,user,user,user,user\n",
			   1, NULL);
}
END_TEST

/* RFC 9293 3.3.2 names the states; `expect state` takes only those. */
START_TEST(test_unknown_state_rejected)
{
	ASSERT_PARSE_ERROR("app listen\nexpect state HALF-OPEN\n", 2, "'HALF-OPEN'");
	ASSERT_PARSE_ERROR("expect state\n", 1, NULL);
}
END_TEST

/* Rules are the model's (model/tcp.h enum tcp_rule), spelled exactly. */
START_TEST(test_unknown_rule_rejected)
{
	ASSERT_PARSE_ERROR("expect rule R_NOPE\n", 1, "'R_NOPE'");
	ASSERT_PARSE_ERROR("expect rule r_3_10_7_2_listen_syn\n", 1, "'r_3_10_7_2_listen_syn'");
	ASSERT_PARSE_ERROR("expect rule R_NONE\n", 1, "'R_NONE'");
}
END_TEST

/* expect error takes an errno name: E... */
START_TEST(test_bad_error_name_rejected)
{
	ASSERT_PARSE_ERROR("expect error reset\n", 1, "'reset'");
	ASSERT_PARSE_ERROR("expect error\n", 1, NULL);
}
END_TEST

/* '# profiles:' names only the built-in profiles (DESIGN.md "The model's
 * contract"). */
START_TEST(test_unknown_profile_rejected)
{
	ASSERT_PARSE_ERROR("# title: x\n# profiles: linux freebsd\napp listen\n", 2, "'freebsd'");
}
END_TEST

/* A scenario with no step checks nothing.  The fault is the file's, not a
 * line's: line 0. */
START_TEST(test_empty_file_rejected)
{
	ASSERT_PARSE_ERROR("", 0, "none");
	ASSERT_PARSE_ERROR("# title: only comments\n\n   \n", 0, "none");
}
END_TEST

/* scenario.h: at most SCN_MAX_STEPS steps; the error is on the first step
 * too many. */
START_TEST(test_too_many_steps_rejected)
{
	static char text[(SCN_MAX_STEPS + 1) * 12 + 1];
	size_t n = 0;

	for (int i = 0; i < SCN_MAX_STEPS + 1; i++)
		n += (size_t)snprintf(text + n, sizeof text - n, "wait quiet\n");
	ASSERT_PARSE_ERROR(text, SCN_MAX_STEPS + 1, NULL);
}
END_TEST

/* scenario.c reads lines of at most 511 characters; a longer one is an
 * error on that line, not a silent truncation. */
START_TEST(test_line_too_long_rejected)
{
	static char text[1024];

	memset(text, ' ', sizeof text);
	memcpy(text, "app listen\n", 11);
	memcpy(text + 11, "wait", 4);
	text[11 + 600] = '\n';
	memcpy(text + 11 + 601, "app close\n", 11); /* with the NUL */
	ASSERT_PARSE_ERROR(text, 2, NULL);
}
END_TEST

/* A line of more than 16 words is an error on that line. */
START_TEST(test_too_many_words_rejected)
{
	ASSERT_PARSE_ERROR("app listen\nsend . seq=1 seq=1 seq=1 seq=1 seq=1 seq=1 seq=1 "
			   "seq=1 seq=1 seq=1 seq=1 seq=1 seq=1 seq=1 seq=1 seq=1\n", 2, NULL);
}
END_TEST

/* --- files ------------------------------------------------------------- */

static void write_temp(char *path, const char *data, size_t len)
{
	int fd;

	snprintf(path, 64, "/tmp/check_scenario_XXXXXX");
	fd = mkstemp(path);
	ck_assert_msg(fd >= 0, "mkstemp: %s", strerror(errno));
	ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
	close(fd);
}

/* scn_load reads a file and parses it under its own path. */
START_TEST(test_load_file)
{
	static const char text[] = "# title: from a file\napp listen 80\n";
	char path[64], err[512] = "";
	int rc;

	write_temp(path, text, sizeof text - 1);
	rc = scn_load(path, &S, err, sizeof err);
	unlink(path);
	ck_assert_msg(rc == 0, "%s", err);
	ck_assert_str_eq(S.path, path);
	ck_assert_str_eq(S.title, "from a file");
	ck_assert_int_eq(S.nsteps, 1);
}
END_TEST

/* A scenario is text: a NUL byte is an error on the line that holds it. */
START_TEST(test_load_nul_byte_rejected)
{
	static const char text[] = "app listen\nsend S\0 seq=0\napp close\n";
	char path[64], err[512] = "", prefix[96];
	int rc;

	write_temp(path, text, sizeof text - 1);
	rc = scn_load(path, &S, err, sizeof err);
	unlink(path);
	ck_assert_int_eq(rc, -1);
	snprintf(prefix, sizeof prefix, "%s:2: expected ", path);
	ck_assert_msg(strncmp(err, prefix, strlen(prefix)) == 0 && strstr(err, ", got "),
		      "error '%s' is not '%s..., got ...'", err, prefix);
}
END_TEST

/* A file that cannot be read: -1, the path and the reason. */
START_TEST(test_load_missing_file_rejected)
{
	const char *path = "/nonexistent/dir/none.scn";
	char err[512] = "", want[256];

	ck_assert_int_eq(scn_load(path, &S, err, sizeof err), -1);
	snprintf(want, sizeof want, "%s: ", path);
	ck_assert_msg(strncmp(err, want, strlen(want)) == 0, "error '%s' does not start with '%s'",
		      err, want);
	ck_assert_msg(strstr(err, strerror(ENOENT)) != NULL, "error '%s' does not say '%s'",
		      err, strerror(ENOENT));
}
END_TEST

/* scn_load's limit is 64 KiB: a file of exactly 65536 bytes is within it. */
START_TEST(test_load_exactly_64k_accepted)
{
	static char text[65536];
	char path[64], err[512] = "";
	int rc;

	/* 128 comment lines of 511 bytes (510 + '\n') = 65408, then a step
	 * and a comment filling the last 128 bytes exactly */
	for (int i = 0; i < 128; i++) {
		memset(text + i * 511, 'x', 510);
		text[i * 511] = '#';
		text[i * 511 + 510] = '\n';
	}
	memcpy(text + 65408, "app listen\n", 11);
	memset(text + 65419, ' ', 117);
	text[65419] = '#';
	text[65535] = '\n';
	write_temp(path, text, sizeof text);
	rc = scn_load(path, &S, err, sizeof err);
	unlink(path);
	ck_assert_msg(rc == 0, "a 65536-byte file rejected: %s", err);
	ck_assert_int_eq(S.nsteps, 1);
	ck_assert_int_eq(S.steps[0].line, 129);
}
END_TEST

/* The '# profiles:' error lists every built-in profile, bsd included,
 * from the model's names (not a list written into the parser). */
START_TEST(test_unknown_profile_error_lists_all_five)
{
	char err[512] = "";

	ck_assert_int_eq(scn_parse("t.scn", "# profiles: linux freebsd\napp listen\n", &S, err,
				   sizeof err), -1);
	ck_assert_msg(strstr(err, "rfc9293 rfc9293-5961 linux lwip bsd, got 'freebsd'") != NULL,
		      "err '%s'", err);
}
END_TEST

/* RFC 9293 3.10.3 (RECEIVE: text, or "connection closing" as read()
 * returning 0), 3.10.7.4 second check ("connection reset"): `expect app`
 * states what the last app call returned. */
START_TEST(test_expect_app_forms_parsed)
{
	parse_ok("app listen 8080\napp recv 100\nexpect app recv 0\nexpect app error ECONNRESET\n"
		 "app send 10\nexpect app send 10\nexpect app ok\nexpect app error EPIPE\n");
	ck_assert_int_eq(step(2)->kind, SCN_EXPECT);
	ck_assert_int_eq(step(2)->expect, EXP_APP_VALUE);
	ck_assert_int_eq(step(2)->app, APP_RECV);
	ck_assert_uint_eq(step(2)->n, 0);
	ck_assert_int_eq(step(3)->expect, EXP_APP_ERROR);
	ck_assert_str_eq(step(3)->error, "ECONNRESET");
	ck_assert_int_eq(step(3)->app, APP_RECV);
	ck_assert_int_eq(step(5)->expect, EXP_APP_VALUE);
	ck_assert_int_eq(step(5)->app, APP_SEND);
	ck_assert_uint_eq(step(5)->n, 10);
	ck_assert_int_eq(step(6)->expect, EXP_APP_OK);
	ck_assert_int_eq(step(7)->app, APP_SEND);
}
END_TEST

/* A malformed `expect app` names the file, the line, what was expected and
 * what was found (RFC 9293 3.10.3 and 3.10.7.x are what it would check). */
START_TEST(test_expect_app_malformed_rejected)
{
	ASSERT_PARSE_ERROR("app listen\napp recv 1\nexpect app\n", 3, "nothing");
	ASSERT_PARSE_ERROR("app listen\napp recv 1\nexpect app returns 0\n", 3, "'expect app returns'");
	ASSERT_PARSE_ERROR("app listen\napp recv 1\nexpect app recv\n", 3, "''");
	ASSERT_PARSE_ERROR("app listen\napp recv 1\nexpect app recv many\n", 3, "'many'");
	ASSERT_PARSE_ERROR("app listen\napp recv 1\nexpect app recv 2000000\n", 3, "'2000000'");
	ASSERT_PARSE_ERROR("app listen\napp recv 1\nexpect app error ECONRESET\n", 3, "'ECONRESET'");
	ASSERT_PARSE_ERROR("app listen\napp recv 1\nexpect app error\n", 3, "''");
	ASSERT_PARSE_ERROR("app listen\napp recv 1\nexpect app ok now\n", 3, "'now'");
	/* no call before it, or the wrong one */
	ASSERT_PARSE_ERROR("send S seq=0\nexpect app recv 0\n", 2, "none");
	ASSERT_PARSE_ERROR("app listen\napp accept\nexpect app error EAGAIN\n", 3, "'app accept'");
	ASSERT_PARSE_ERROR("app listen\napp send 5\nexpect app recv 0\n", 3, "got 'app send' (line 2)");
}
END_TEST

/* scenario.h: '# model-only: WHY' and '# departure: line N: WHY' (the
 * generated suite's marks; RFC 9293 3.10's calls no program can make, and
 * a stack's known departure from the profile at step N). */
START_TEST(test_model_only_and_departure_headers_parsed)
{
	parse_ok("# title: t\n# model-only: SEND in LISTEN (RFC 9293 3.10.2)\napp listen\n");
	ck_assert_str_eq(S.model_only, "SEND in LISTEN (RFC 9293 3.10.2)");
	ck_assert_int_eq(S.departure_line, 0);
	parse_ok("# departure: line 3: Linux drops it (tcp_rcv_state_process())\n#\n"
		 "app listen\nsend S seq=0\n");
	ck_assert_int_eq(S.departure_line, 3);
	ck_assert_str_eq(S.departure, "Linux drops it (tcp_rcv_state_process())");
	ck_assert_str_eq(S.model_only, "");
}
END_TEST

/* A departure header without its line, or naming a line that is no step,
 * is an error naming the file, the line and what was expected. */
START_TEST(test_departure_header_malformed_rejected)
{
	char why[1200];

	ck_assert_msg(error_is("# departure: Linux drops it\napp listen\n", 1,
			       "Linux drops it", why, sizeof why), "%s", why);
	ck_assert_msg(error_is("# departure: line 0: x\napp listen\n", 1, "line 0", why,
			       sizeof why), "%s", why);
	ck_assert_msg(error_is("# departure: line 9: x\napp listen\n", 9, "no step", why,
			       sizeof why), "%s", why);
	ck_assert_msg(error_is("# departure: line 3: x\napp listen\nexpect state LISTEN\n", 3,
			       "an expect", why, sizeof why), "%s", why);
	ck_assert_msg(error_is("# model-only:\napp listen\n", 1, "nothing", why, sizeof why),
		      "%s", why);
}
END_TEST

static Suite *scenario_suite(void)
{
	Suite *s = suite_create("scenario");
	TCase *ok = tcase_create("valid");
	TCase *bad = tcase_create("malformed");
	TCase *file = tcase_create("files");

	tcase_add_test(ok, test_header_fields_parsed);
	tcase_add_test(ok, test_header_defaults_all_profiles_not_slow);
	tcase_add_test(ok, test_app_steps_parsed);
	tcase_add_test(ok, test_send_steps_flags_relative_numbers_fields);
	tcase_add_test(ok, test_wait_steps_durations_and_fires);
	tcase_add_test(ok, test_wait_milliseconds_above_600);
	tcase_add_test(ok, test_expect_steps_each_kind);
	tcase_add_test(ok, test_max_steps_accepted);
	tcase_add_test(ok, test_crlf_line_ends);
	suite_add_tcase(s, ok);

	tcase_add_test(bad, test_unknown_step_word_rejected);
	tcase_add_test(bad, test_bad_flag_letter_rejected);
	tcase_add_test(bad, test_duplicate_flag_letter_rejected);
	tcase_add_test(bad, test_field_without_equals_rejected);
	tcase_add_test(bad, test_field_not_a_number_rejected);
	tcase_add_test(bad, test_field_out_of_range_rejected);
	tcase_add_test(bad, test_unknown_app_call_rejected);
	tcase_add_test(bad, test_app_send_missing_byte_count_rejected);
	tcase_add_test(bad, test_bad_port_rejected);
	tcase_add_test(bad, test_unknown_socket_option_rejected);
	tcase_add_test(bad, test_bad_duration_rejected);
	tcase_add_test(bad, test_nan_duration_rejected);
	tcase_add_test(bad, test_bad_timer_after_fires_rejected);
	tcase_add_test(bad, test_too_many_fires_rejected);
	tcase_add_test(bad, test_unknown_state_rejected);
	tcase_add_test(bad, test_unknown_rule_rejected);
	tcase_add_test(bad, test_bad_error_name_rejected);
	tcase_add_test(bad, test_unknown_profile_rejected);
	tcase_add_test(bad, test_empty_file_rejected);
	tcase_add_test(bad, test_too_many_steps_rejected);
	tcase_add_test(bad, test_line_too_long_rejected);
	tcase_add_test(bad, test_too_many_words_rejected);
	suite_add_tcase(s, bad);

	tcase_add_test(file, test_load_file);
	tcase_add_test(ok, test_model_only_and_departure_headers_parsed);
	tcase_add_test(bad, test_departure_header_malformed_rejected);
	tcase_add_test(ok, test_expect_app_forms_parsed);
	tcase_add_test(bad, test_expect_app_malformed_rejected);
	tcase_add_test(bad, test_unknown_profile_error_lists_all_five);
	tcase_add_test(file, test_load_nul_byte_rejected);
	tcase_add_test(file, test_load_missing_file_rejected);
	tcase_add_test(file, test_load_exactly_64k_accepted);
	suite_add_tcase(s, file);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(scenario_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
