/*
 * fuzz_cli.c - the text forms of `tcpspec step` and the scenarios (state
 * names, flags, segments, TCB fields, numbers) on any text.  The first byte
 * picks the parser.  A parser that fails must say what it expected; what
 * parses and has a printed form must print and parse back to the same.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void segment(const char *s)
{
	struct tcp_segment a, b;
	char err[TXT_ERR], buf[256];

	memset(&a, 0, sizeof a);
	err[0] = '\0';
	if (txt_segment_parse(s, &a, err, sizeof err) != 0) {
		if (err[0] == '\0')
			abort();
		return;
	}
	txt_segment_format(&a, buf, sizeof buf);
	memset(&b, 0, sizeof b);
	if (txt_segment_parse(buf, &b, err, sizeof err) != 0 || a.flags != b.flags ||
	    a.seq != b.seq || a.ack != b.ack || a.wnd != b.wnd || a.len != b.len)
		abort(); /* the printed form is the parsed form */
}

static void flags(const char *s)
{
	uint8_t a, b;
	char err[TXT_ERR], buf[16];

	err[0] = '\0';
	if (txt_flags_parse(s, &a, err, sizeof err) != 0) {
		if (err[0] == '\0')
			abort();
		return;
	}
	txt_flags_format(a, buf, sizeof buf);
	if (txt_flags_parse(buf, &b, err, sizeof err) != 0 || a != b)
		abort();
}

static void tcb(const char *s)
{
	struct tcp_tcb t;
	char err[TXT_ERR];

	memset(&t, 0, sizeof t);
	err[0] = '\0';
	if (txt_tcb_parse(s, &t, err, sizeof err) != 0 && err[0] == '\0')
		abort();
}

static void names(const char *s)
{
	enum tcp_state st;
	enum tcp_profile_id p;
	enum tcp_timer t;
	enum tcp_call c;
	enum tcp_rule r;
	uint32_t u;

	if (txt_state_parse(s, &st) == 0 && (unsigned)st >= TCP_NSTATES)
		abort();
	if (txt_profile_parse(s, &p) == 0 && (unsigned)p >= TCP_NPROFILES)
		abort();
	if (txt_timer_parse(s, &t) == 0 && (unsigned)t >= TCP_NTIMERS)
		abort();
	if (txt_rule_parse(s, &r) == 0 && (unsigned)r >= TCP_NRULES)
		abort();
	txt_call_parse(s, &c);
	txt_u32_parse(s, &u);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;

	if (size < 1 || size > 4096)
		return 0;
	s = malloc(size);
	if (s == NULL)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	switch (data[0] % 4) {
	case 0: segment(s); break;
	case 1: flags(s); break;
	case 2: tcb(s); break;
	default: names(s); break;
	}
	free(s);
	return 0;
}
