/*
 * check_text.c - Check suite for conformance/text.[ch]: the text forms the
 * CLI, the scenarios, the reports and the docs share (docs/design.md
 * "Text forms").
 *
 * Expected values come from DESIGN.md and RFC 9293 (state spellings, field
 * names), from tcpdump's flag letters, or from the 32-bit limits; never from
 * what the code printed once.
 */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/text.h"

/* --- states ------------------------------------------------------------ */

/* DESIGN.md "Text forms": states print in RFC 9293 spelling (3.3.2), and
 * input accepts that spelling in any case. */
START_TEST(test_state_rfc_spelling_any_case)
{
	static const struct {
		const char *text;
		enum tcp_state want;
	} cases[] = {
		{ "CLOSED", TCP_CLOSED },             { "LISTEN", TCP_LISTEN },
		{ "SYN-SENT", TCP_SYN_SENT },         { "SYN-RECEIVED", TCP_SYN_RECEIVED },
		{ "syn-received", TCP_SYN_RECEIVED }, { "ESTABLISHED", TCP_ESTABLISHED },
		{ "Established", TCP_ESTABLISHED },   { "FIN-WAIT-1", TCP_FIN_WAIT_1 },
		{ "fin-wait-2", TCP_FIN_WAIT_2 },     { "CLOSE-WAIT", TCP_CLOSE_WAIT },
		{ "closing", TCP_CLOSING },           { "LAST-ACK", TCP_LAST_ACK },
		{ "time-wait", TCP_TIME_WAIT },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum tcp_state got = TCP_NSTATES;

		ck_assert_msg(txt_state_parse(cases[i].text, &got) == 0,
			      "'%s' rejected", cases[i].text);
		ck_assert_msg(got == cases[i].want, "'%s': expected %s, got %s",
			      cases[i].text, tcp_state_name(cases[i].want),
			      tcp_state_name(got));
	}
}
END_TEST

/* DESIGN.md "Text forms": input also accepts the Linux/netstat spellings
 * (/proc/net/tcp, ss, netstat: SYN_RECV FIN_WAIT1 FIN_WAIT2 TIME_WAIT
 * CLOSE_WAIT LAST_ACK CLOSE), in any case. */
START_TEST(test_state_linux_spelling_any_case)
{
	static const struct {
		const char *text;
		enum tcp_state want;
	} cases[] = {
		{ "SYN_RECV", TCP_SYN_RECEIVED }, { "syn_recv", TCP_SYN_RECEIVED },
		{ "SYN_SENT", TCP_SYN_SENT },     { "FIN_WAIT1", TCP_FIN_WAIT_1 },
		{ "fin_wait2", TCP_FIN_WAIT_2 },  { "TIME_WAIT", TCP_TIME_WAIT },
		{ "CLOSE_WAIT", TCP_CLOSE_WAIT }, { "LAST_ACK", TCP_LAST_ACK },
		{ "CLOSE", TCP_CLOSED },          { "close", TCP_CLOSED },
		{ "SYN_RECEIVED", TCP_SYN_RECEIVED },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum tcp_state got = TCP_NSTATES;

		ck_assert_msg(txt_state_parse(cases[i].text, &got) == 0,
			      "'%s' rejected", cases[i].text);
		ck_assert_msg(got == cases[i].want, "'%s': expected %s, got %s",
			      cases[i].text, tcp_state_name(cases[i].want),
			      tcp_state_name(got));
	}
}
END_TEST

/* RFC 9293 3.3.2 has eleven states and CLOSED; anything else is -1 and the
 * output is left alone. */
START_TEST(test_state_unknown_rejected)
{
	static const char *const bad[] = {
		"", "HALF-OPEN", "ESTABLISHE", "ESTABLISHED ", "SYN", "FIN-WAIT",
		"NEW_SYN_RECV", "TIME--WAIT", "LISTENLISTENLISTENLISTENLISTENLISTEN",
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		enum tcp_state got = TCP_LAST_ACK;

		ck_assert_msg(txt_state_parse(bad[i], &got) == -1,
			      "'%s' accepted as %s", bad[i], tcp_state_name(got));
		ck_assert_msg(got == TCP_LAST_ACK, "'%s' changed the output", bad[i]);
	}
}
END_TEST

/* --- flags ------------------------------------------------------------- */

static uint8_t flags_of(const char *s)
{
	uint8_t f = 0xff;
	char err[TXT_ERR] = "";

	ck_assert_msg(txt_flags_parse(s, &f, err, sizeof err) == 0,
		      "'%s' rejected: %s", s, err);
	return f;
}

/* DESIGN.md "Text forms": tcpdump's letters, S SYN, F FIN, R RST, P PSH,
 * U URG, '.' ACK (RFC 9293 3.1 control bits). */
START_TEST(test_flags_letters_map_to_control_bits)
{
	ck_assert_uint_eq(flags_of("S"), TCP_SYN);
	ck_assert_uint_eq(flags_of("F"), TCP_FIN);
	ck_assert_uint_eq(flags_of("R"), TCP_RST);
	ck_assert_uint_eq(flags_of("P"), TCP_PSH);
	ck_assert_uint_eq(flags_of("U"), TCP_URG);
	ck_assert_uint_eq(flags_of("."), TCP_ACK);
	ck_assert_uint_eq(flags_of("S."), TCP_SYN | TCP_ACK);
	ck_assert_uint_eq(flags_of("R."), TCP_RST | TCP_ACK);
}
END_TEST

/* DESIGN.md "Text forms": input accepts the letters in any order
 * (`FP.`, `.PF`). */
START_TEST(test_flags_any_order)
{
	const uint8_t fpa = TCP_FIN | TCP_PSH | TCP_ACK;

	ck_assert_uint_eq(flags_of("FP."), fpa);
	ck_assert_uint_eq(flags_of(".PF"), fpa);
	ck_assert_uint_eq(flags_of("P.F"), fpa);
	ck_assert_uint_eq(flags_of(".S"), TCP_SYN | TCP_ACK);
	ck_assert_uint_eq(flags_of("U.PRSF"), TCP_FLAGS_ALL);
}
END_TEST

/* DESIGN.md "Text forms": a segment with no flag at all is `none`, as
 * tcpdump prints it. */
START_TEST(test_flags_none_is_no_flag)
{
	ck_assert_uint_eq(flags_of("none"), 0);
	ck_assert_uint_eq(flags_of("NONE"), 0);
}
END_TEST

/* text.h: every parser reports what it expected; STYLE.md: the message
 * names the thing expected and the thing found ("expected flags like 'S.'
 * or 'R', got 'Q'"). */
START_TEST(test_flags_rejects_with_message)
{
	static const char *const bad[] = {
		"Q", "SQ", "SS", "..", "S.S", "", "FP.x", "nonee", "S ",
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		uint8_t f = 0x2a;
		char err[TXT_ERR] = "", got[64];

		ck_assert_msg(txt_flags_parse(bad[i], &f, err, sizeof err) == -1,
			      "'%s' accepted as 0x%x", bad[i], f);
		ck_assert_msg(f == 0x2a, "'%s' changed the output", bad[i]);
		snprintf(got, sizeof got, "got '%s'", bad[i]);
		ck_assert_msg(strncmp(err, "expected flags like", 19) == 0 &&
			      strstr(err, got) != NULL,
			      "'%s': message '%s' lacks 'expected flags like ... %s'",
			      bad[i], err, got);
	}
}
END_TEST

/* DESIGN.md "Text forms": flags print with tcpdump's letters, in tcpdump's
 * order F S R P . U (print-tcp.c tcp_flag_values), `none` for no flag. */
START_TEST(test_flags_format_tcpdump_order)
{
	char b[16];

	ck_assert_str_eq(txt_flags_format(TCP_SYN | TCP_ACK, b, sizeof b), "S.");
	ck_assert_str_eq(txt_flags_format(TCP_FIN | TCP_PSH | TCP_ACK, b, sizeof b), "FP.");
	ck_assert_str_eq(txt_flags_format(TCP_RST | TCP_ACK, b, sizeof b), "R.");
	ck_assert_str_eq(txt_flags_format(TCP_ACK | TCP_URG, b, sizeof b), ".U");
	ck_assert_str_eq(txt_flags_format(TCP_FLAGS_ALL, b, sizeof b), "FSRP.U");
	ck_assert_str_eq(txt_flags_format(TCP_ACK, b, sizeof b), ".");
	ck_assert_str_eq(txt_flags_format(0, b, sizeof b), "none");
}
END_TEST

/* Printing then parsing gives the same control bits back, for all 64
 * combinations (DESIGN.md: the CLI, docs, reports and tests share the
 * forms, so what one prints another must read). */
START_TEST(test_flags_format_parse_roundtrip)
{
	for (unsigned f = 0; f <= TCP_FLAGS_ALL; f++) {
		char b[16];

		ck_assert_uint_eq(flags_of(txt_flags_format((uint8_t)f, b, sizeof b)), f);
	}
}
END_TEST

/* --- segments ---------------------------------------------------------- */

/* DESIGN.md `tcpspec step --segment 'S. seq=.. ack=.. win=.. len=..'`: every
 * field by name; len is the payload length (SYN and FIN not counted). */
START_TEST(test_segment_parse_all_fields)
{
	struct tcp_segment s;
	char err[TXT_ERR] = "";

	memset(&s, 0x55, sizeof s);
	ck_assert_msg(txt_segment_parse("FP. seq=4294967295 ack=7 win=65535 len=100 up=3 mss=1460",
					&s, err, sizeof err) == 0, "%s", err);
	ck_assert_uint_eq(s.flags, TCP_FIN | TCP_PSH | TCP_ACK);
	ck_assert_uint_eq(s.seq, 4294967295u);
	ck_assert_uint_eq(s.ack, 7);
	ck_assert_uint_eq(s.wnd, 65535);
	ck_assert_uint_eq(s.len, 100);
	ck_assert_uint_eq(s.up, 3);
	ck_assert_uint_eq(s.mss, 1460);
}
END_TEST

/* text.h: unnamed fields are 0 (DESIGN.md: an omitted `ack` means the ACK
 * field is 0). */
START_TEST(test_segment_parse_unnamed_fields_zero)
{
	struct tcp_segment s;
	char err[TXT_ERR] = "";

	memset(&s, 0x55, sizeof s);
	ck_assert_msg(txt_segment_parse("S seq=100", &s, err, sizeof err) == 0, "%s", err);
	ck_assert_uint_eq(s.flags, TCP_SYN);
	ck_assert_uint_eq(s.seq, 100);
	ck_assert_uint_eq(s.ack, 0);
	ck_assert_uint_eq(s.wnd, 0);
	ck_assert_uint_eq(s.len, 0);
	ck_assert_uint_eq(s.up, 0);
	ck_assert_uint_eq(s.mss, 0);
}
END_TEST

/* text.h: every parser reports what it expected, and STYLE.md: names the
 * thing found. */
START_TEST(test_segment_parse_errors_name_what_was_found)
{
	static const struct {
		const char *text, *expected, *got;
	} cases[] = {
		{ "", "expected a segment", "got ''" },
		{ "Q seq=1", "expected flags", "got 'Q'" },
		{ "S. seq", "expected field=value", "got 'seq'" },
		{ "S. seq=abc", "expected a number", "got 'abc'" },
		{ "S. seq=-1", "expected a number", "got '-1'" },
		{ "S. ack=4294967296", "expected a number", "got '4294967296'" },
		{ "S. foo=1", "expected a segment field", "got 'foo=1'" },
		{ "S. up=65536", "expected a segment field", "got 'up=65536'" },
		{ "S. mss=70000", "expected a segment field", "got 'mss=70000'" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct tcp_segment s;
		char err[TXT_ERR] = "";

		ck_assert_msg(txt_segment_parse(cases[i].text, &s, err, sizeof err) == -1,
			      "'%s' accepted", cases[i].text);
		ck_assert_msg(strstr(err, cases[i].expected) != NULL &&
			      strstr(err, cases[i].got) != NULL,
			      "'%s': message '%s' lacks '%s' or '%s'", cases[i].text,
			      err, cases[i].expected, cases[i].got);
	}
}
END_TEST

/* --- TCB --------------------------------------------------------------- */

/* DESIGN.md `--tcb`: RFC 9293 3.3.1 names in lower case, plus passive and
 * the model's other fields; each name sets that field and nothing else. */
START_TEST(test_tcb_parse_every_field)
{
	struct tcp_tcb t, z;
	char err[TXT_ERR] = "";

	memset(&t, 0, sizeof t);
	ck_assert_msg(txt_tcb_parse("iss=1,irs=2,snd_una=3,snd_nxt=4,snd_wnd=5,"
				    "snd_wl1=6,snd_wl2=7,snd_up=8,rcv_nxt=9,rcv_wnd=10,"
				    "rcv_up=11,max_snd_wnd=12,snd_queued=13,rcv_unread=14,"
				    "passive=1,fin_queued=1,fin_sent=1,keepalive=1,"
				    "user_timeout=1,ka_probes=255,retransmits=16,"
				    "snd_mss=65535", &t, err, sizeof err) == 0, "%s", err);
	ck_assert_uint_eq(t.iss, 1);
	ck_assert_uint_eq(t.irs, 2);
	ck_assert_uint_eq(t.snd_una, 3);
	ck_assert_uint_eq(t.snd_nxt, 4);
	ck_assert_uint_eq(t.snd_wnd, 5);
	ck_assert_uint_eq(t.snd_wl1, 6);
	ck_assert_uint_eq(t.snd_wl2, 7);
	ck_assert_uint_eq(t.snd_up, 8);
	ck_assert_uint_eq(t.rcv_nxt, 9);
	ck_assert_uint_eq(t.rcv_wnd, 10);
	ck_assert_uint_eq(t.rcv_up, 11);
	ck_assert_uint_eq(t.max_snd_wnd, 12);
	ck_assert_uint_eq(t.snd_queued, 13);
	ck_assert_uint_eq(t.rcv_unread, 14);
	ck_assert(t.passive && t.fin_queued && t.fin_sent && t.keepalive && t.user_timeout);
	ck_assert_uint_eq(t.ka_probes, 255);
	ck_assert_uint_eq(t.retransmits, 16);
	ck_assert_uint_eq(t.snd_mss, 65535);
	/* neither the state nor the timers are TCB-text fields */
	ck_assert_int_eq(t.state, TCP_CLOSED);
	ck_assert_uint_eq(t.timers, 0);

	/* spaces separate as well as commas; fields not named stay as they were */
	memset(&z, 0, sizeof z);
	z.rcv_wnd = 65535;
	ck_assert_msg(txt_tcb_parse("passive=0 snd_nxt=1001", &z, err, sizeof err) == 0, "%s", err);
	ck_assert_uint_eq(z.snd_nxt, 1001);
	ck_assert_uint_eq(z.rcv_wnd, 65535);
	ck_assert(!z.passive);
}
END_TEST

/* text.h: txt_tcb_fields() lists the names txt_tcb_parse knows; each one is
 * accepted (value 1 is in range for every kind of field). */
START_TEST(test_tcb_fields_list_all_accepted)
{
	char names[512], *save = NULL;
	int n = 0;

	snprintf(names, sizeof names, "%s", txt_tcb_fields());
	for (char *w = strtok_r(names, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		struct tcp_tcb t;
		char in[64], err[TXT_ERR] = "";

		memset(&t, 0, sizeof t);
		snprintf(in, sizeof in, "%s=1", w);
		ck_assert_msg(txt_tcb_parse(in, &t, err, sizeof err) == 0,
			      "listed field '%s' rejected: %s", w, err);
		n++;
	}
	/* 14 sequence/count variables, 5 booleans, 2 counters, snd_mss */
	ck_assert_int_eq(n, 22);
}
END_TEST

/* text.h: every parser reports what it expected.  A boolean (passive,
 * fin_sent, ...) is 0 or 1; a uint8 counter at most 255, snd_mss at most
 * 65535; the TCB is unchanged by a rejected field. */
START_TEST(test_tcb_parse_range_errors)
{
	static const struct {
		const char *text, *field;
	} cases[] = {
		{ "passive=2", "passive" },         { "keepalive=7", "keepalive" },
		{ "ka_probes=256", "ka_probes" },   { "retransmits=1000", "retransmits" },
		{ "snd_mss=65536", "snd_mss" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct tcp_tcb t;
		char err[TXT_ERR] = "", q[48];

		memset(&t, 0, sizeof t);
		ck_assert_msg(txt_tcb_parse(cases[i].text, &t, err, sizeof err) == -1,
			      "'%s' accepted", cases[i].text);
		snprintf(q, sizeof q, "'%s'", cases[i].field);
		ck_assert_msg(strstr(err, "out of range") != NULL && strstr(err, q) != NULL,
			      "'%s': message '%s' does not name %s as out of range",
			      cases[i].text, err, q);
		ck_assert(!t.passive && !t.keepalive && t.ka_probes == 0 &&
			  t.retransmits == 0 && t.snd_mss == 0);
	}
	{
		struct tcp_tcb t;
		char err[TXT_ERR] = "";

		ck_assert_int_eq(txt_tcb_parse("fin_sent=2", &t, err, sizeof err), -1);
		ck_assert_msg(strstr(err, "expected 0 or 1") != NULL,
			      "bool range message '%s' lacks 'expected 0 or 1'", err);
	}
}
END_TEST

/* text.h: an unknown field is reported with the list of the known ones
 * (txt_tcb_fields()) and the name found. */
START_TEST(test_tcb_parse_unknown_field_lists_known)
{
	struct tcp_tcb t;
	char err[1024] = "";

	memset(&t, 0, sizeof t);
	ck_assert_int_eq(txt_tcb_parse("iss=1,snd_max=5", &t, err, sizeof err), -1);
	ck_assert_msg(strstr(err, txt_tcb_fields()) != NULL,
		      "message '%s' does not list the known fields", err);
	ck_assert_msg(strstr(err, "got 'snd_max'") != NULL,
		      "message '%s' does not name 'snd_max'", err);
	ck_assert_msg(strncmp(err, "expected a TCB field", 20) == 0, "message '%s'", err);

	ck_assert_int_eq(txt_tcb_parse("snd_nxt", &t, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "expected field=value") && strstr(err, "got 'snd_nxt'"),
		      "message '%s'", err);
	ck_assert_int_eq(txt_tcb_parse("snd_nxt=-1", &t, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "expected a number") && strstr(err, "got '-1'"),
		      "message '%s'", err);
}
END_TEST

/* --- u32 --------------------------------------------------------------- */

/* RFC 9293 3.4: sequence numbers are 32-bit, 0..2^32-1.  2^32 and negative
 * numbers are not; nor is text that is not a whole number. */
START_TEST(test_u32_limits)
{
	uint32_t v = 0;

	ck_assert_int_eq(txt_u32_parse("0", &v), 0);
	ck_assert_uint_eq(v, 0);
	ck_assert_int_eq(txt_u32_parse("4294967295", &v), 0);
	ck_assert_uint_eq(v, 4294967295u);

	v = 42;
	ck_assert_int_eq(txt_u32_parse("4294967296", &v), -1);
	ck_assert_int_eq(txt_u32_parse("18446744073709551616", &v), -1);
	ck_assert_int_eq(txt_u32_parse("-1", &v), -1);
	ck_assert_int_eq(txt_u32_parse("-0", &v), -1);
	ck_assert_int_eq(txt_u32_parse("", &v), -1);
	ck_assert_int_eq(txt_u32_parse(" 1", &v), -1);
	ck_assert_int_eq(txt_u32_parse("1 ", &v), -1);
	ck_assert_int_eq(txt_u32_parse("12abc", &v), -1);
	ck_assert_int_eq(txt_u32_parse("abc", &v), -1);
	ck_assert_uint_eq(v, 42);
}
END_TEST

static Suite *text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *st = tcase_create("states");
	TCase *fl = tcase_create("flags");
	TCase *sg = tcase_create("segments");
	TCase *tb = tcase_create("tcb");
	TCase *nu = tcase_create("numbers");

	tcase_add_test(st, test_state_rfc_spelling_any_case);
	tcase_add_test(st, test_state_linux_spelling_any_case);
	tcase_add_test(st, test_state_unknown_rejected);
	suite_add_tcase(s, st);

	tcase_add_test(fl, test_flags_letters_map_to_control_bits);
	tcase_add_test(fl, test_flags_any_order);
	tcase_add_test(fl, test_flags_none_is_no_flag);
	tcase_add_test(fl, test_flags_rejects_with_message);
	tcase_add_test(fl, test_flags_format_tcpdump_order);
	tcase_add_test(fl, test_flags_format_parse_roundtrip);
	suite_add_tcase(s, fl);

	tcase_add_test(sg, test_segment_parse_all_fields);
	tcase_add_test(sg, test_segment_parse_unnamed_fields_zero);
	tcase_add_test(sg, test_segment_parse_errors_name_what_was_found);
	suite_add_tcase(s, sg);

	tcase_add_test(tb, test_tcb_parse_every_field);
	tcase_add_test(tb, test_tcb_fields_list_all_accepted);
	tcase_add_test(tb, test_tcb_parse_range_errors);
	tcase_add_test(tb, test_tcb_parse_unknown_field_lists_known);
	suite_add_tcase(s, tb);

	tcase_add_test(nu, test_u32_limits);
	suite_add_tcase(s, nu);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(text_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
