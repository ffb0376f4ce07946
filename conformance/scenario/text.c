/*
 * text.c - parsing and printing of the shared text forms.
 */
#include "scenario/text.h"
#include "base/tcpflags.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *name;
	enum tcp_state state;
} state_aliases[] = {
	{ "CLOSE", TCP_CLOSED },        { "SYN-RECV", TCP_SYN_RECEIVED },
	{ "SYN-RCVD", TCP_SYN_RECEIVED }, { "FIN-WAIT1", TCP_FIN_WAIT_1 },
	{ "FIN-WAIT2", TCP_FIN_WAIT_2 },
};

int txt_state_parse(const char *s, enum tcp_state *out)
{
	char norm[32];
	size_t i;

	for (i = 0; s[i] != '\0' && i + 1 < sizeof norm; i++)
		norm[i] = s[i] == '_' ? '-' : (char)toupper((unsigned char)s[i]);
	if (s[i] != '\0')
		return -1;
	norm[i] = '\0';
	for (int st = 0; st < TCP_NSTATES; st++) {
		if (strcmp(norm, tcp_state_name((enum tcp_state)st)) == 0) {
			*out = (enum tcp_state)st;
			return 0;
		}
	}
	for (i = 0; i < sizeof state_aliases / sizeof state_aliases[0]; i++) {
		if (strcmp(norm, state_aliases[i].name) == 0) {
			*out = state_aliases[i].state;
			return 0;
		}
	}
	return -1;
}

static const struct {
	char letter;
	uint8_t bit;
} flag_letters[] = {
	{ 'F', TCP_FIN }, { 'S', TCP_SYN }, { 'R', TCP_RST },
	{ 'P', TCP_PSH }, { '.', TCP_ACK }, { 'U', TCP_URG },
};

#define NLETTERS (sizeof flag_letters / sizeof flag_letters[0])

int txt_flags_parse(const char *s, uint8_t *out, char *err, size_t errlen)
{
	uint8_t f = 0;

	if (strcasecmp(s, "none") == 0) {
		*out = 0;
		return 0;
	}
	if (*s == '\0') {
		snprintf(err, errlen, "expected flags like 'S.' or 'R' or 'none', got ''");
		return -1;
	}
	for (const char *p = s; *p; p++) {
		size_t i;

		for (i = 0; i < NLETTERS; i++)
			if (toupper((unsigned char)*p) == flag_letters[i].letter)
				break;
		if (i == NLETTERS || (f & flag_letters[i].bit)) {
			snprintf(err, errlen,
				 "expected flags like 'S.' or 'R' (letters F S R P U and '.', "
				 "each once) or 'none', got '%s'", s);
			return -1;
		}
		f |= flag_letters[i].bit;
	}
	*out = f;
	return 0;
}

const char *txt_flags_format(uint8_t flags, char *buf, size_t len)
{
	return tcpflags_format(flags & TCP_FLAGS_ALL, buf, len);
}

int txt_profile_parse(const char *s, enum tcp_profile_id *out)
{
	for (int i = 0; i < TCP_NPROFILES; i++) {
		if (strcasecmp(s, tcp_profile_name((enum tcp_profile_id)i)) == 0) {
			*out = (enum tcp_profile_id)i;
			return 0;
		}
	}
	return -1;
}

int txt_timer_parse(const char *s, enum tcp_timer *out)
{
	for (int i = 0; i < TCP_NTIMERS; i++) {
		if (strcasecmp(s, tcp_timer_name((enum tcp_timer)i)) == 0) {
			*out = (enum tcp_timer)i;
			return 0;
		}
	}
	if (strcasecmp(s, "2msl") == 0 || strcasecmp(s, "timewait") == 0) {
		*out = TCP_T_TIME_WAIT;
		return 0;
	}
	return -1;
}

int txt_call_parse(const char *s, enum tcp_call *out)
{
	for (int i = 0; i < TCP_NCALLS; i++) {
		if (strcasecmp(s, tcp_call_name((enum tcp_call)i)) == 0) {
			*out = (enum tcp_call)i;
			return 0;
		}
	}
	return -1;
}

int txt_rule_parse(const char *s, enum tcp_rule *out)
{
	for (int i = 1; i < TCP_NRULES; i++) {
		if (strcmp(s, tcp_rule_name((enum tcp_rule)i)) == 0) {
			*out = (enum tcp_rule)i;
			return 0;
		}
	}
	return -1;
}

int txt_u32_parse(const char *s, uint32_t *out)
{
	char *end;
	unsigned long long v;

	if (*s == '\0' || *s == '-' || isspace((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > UINT32_MAX)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

static int seg_field(struct tcp_segment *seg, const char *key, uint32_t v,
		     char *err, size_t errlen)
{
	if (strcmp(key, "seq") == 0)
		seg->seq = v;
	else if (strcmp(key, "ack") == 0)
		seg->ack = v;
	else if (strcmp(key, "win") == 0)
		seg->wnd = v;
	else if (strcmp(key, "len") == 0)
		seg->len = v;
	else if (strcmp(key, "up") == 0 && v <= UINT16_MAX)
		seg->up = (uint16_t)v;
	else if (strcmp(key, "mss") == 0 && v <= UINT16_MAX)
		seg->mss = (uint16_t)v;
	else {
		snprintf(err, errlen,
			 "expected a segment field seq= ack= win= len= up= mss= "
			 "(up and mss at most 65535), got '%s=%u'", key, v);
		return -1;
	}
	return 0;
}

int txt_segment_parse(const char *s, struct tcp_segment *seg, char *err,
		      size_t errlen)
{
	char buf[512], *save = NULL, *tok;
	struct tcp_segment z = {0};

	if (strlen(s) >= sizeof buf) {
		snprintf(err, errlen, "segment description longer than %zu bytes", sizeof buf - 1);
		return -1;
	}
	strcpy(buf, s);
	*seg = z;
	tok = strtok_r(buf, " \t", &save);
	if (tok == NULL) {
		snprintf(err, errlen, "expected a segment like 'S. seq=0 win=65535', got ''");
		return -1;
	}
	if (txt_flags_parse(tok, &seg->flags, err, errlen) != 0)
		return -1;
	while ((tok = strtok_r(NULL, " \t", &save)) != NULL) {
		char *eq = strchr(tok, '=');
		uint32_t v;

		if (eq == NULL) {
			snprintf(err, errlen, "expected field=value (e.g. seq=100), got '%s'", tok);
			return -1;
		}
		*eq = '\0';
		if (txt_u32_parse(eq + 1, &v) != 0) {
			snprintf(err, errlen, "expected a number 0..4294967295 for '%s', got '%s'",
				 tok, eq + 1);
			return -1;
		}
		if (seg_field(seg, tok, v, err, errlen) != 0)
			return -1;
	}
	return 0;
}

#define U32F(name) { #name, offsetof(struct tcp_tcb, name), 4 }
#define BOOLF(name) { #name, offsetof(struct tcp_tcb, name), 1 }
#define U8F(name) { #name, offsetof(struct tcp_tcb, name), 8 }

static const struct {
	const char *name;
	size_t off;
	int kind; /* 4: uint32_t, 1: bool, 8: uint8_t, 2: uint16_t */
} tcb_fields[] = {
	U32F(iss), U32F(irs), U32F(snd_una), U32F(snd_nxt), U32F(snd_wnd),
	U32F(snd_wl1), U32F(snd_wl2), U32F(snd_up), U32F(rcv_nxt), U32F(rcv_wnd),
	U32F(rcv_up), U32F(max_snd_wnd), U32F(snd_queued), U32F(rcv_unread),
	BOOLF(passive), BOOLF(fin_queued), BOOLF(fin_sent), BOOLF(keepalive),
	BOOLF(user_timeout), U8F(ka_probes), U8F(retransmits),
	{ "snd_mss", offsetof(struct tcp_tcb, snd_mss), 2 },
};

#define NTCBF (sizeof tcb_fields / sizeof tcb_fields[0])

const char *txt_tcb_fields(void)
{
	return "iss irs snd_una snd_nxt snd_wnd snd_wl1 snd_wl2 snd_up rcv_nxt "
	       "rcv_wnd rcv_up max_snd_wnd snd_queued rcv_unread passive "
	       "fin_queued fin_sent keepalive user_timeout ka_probes "
	       "retransmits snd_mss";
}

static int tcb_set(struct tcp_tcb *t, const char *key, uint32_t v, char *err,
		   size_t errlen)
{
	for (size_t i = 0; i < NTCBF; i++) {
		char *p = (char *)t + tcb_fields[i].off;

		if (strcmp(key, tcb_fields[i].name) != 0)
			continue;
		if ((tcb_fields[i].kind == 1 && v > 1) ||
		    (tcb_fields[i].kind == 8 && v > UINT8_MAX) ||
		    (tcb_fields[i].kind == 2 && v > UINT16_MAX)) {
			snprintf(err, errlen, "value %u out of range for TCB field '%s'%s",
				 v, key, tcb_fields[i].kind == 1 ? " (expected 0 or 1)" : "");
			return -1;
		}
		if (tcb_fields[i].kind == 4)
			memcpy(p, &v, sizeof v);
		else if (tcb_fields[i].kind == 1)
			*(bool *)(void *)p = v != 0;
		else if (tcb_fields[i].kind == 8)
			*(uint8_t *)p = (uint8_t)v;
		else {
			uint16_t w = (uint16_t)v;
			memcpy(p, &w, sizeof w);
		}
		return 0;
	}
	snprintf(err, errlen, "expected a TCB field (%s), got '%s'", txt_tcb_fields(), key);
	return -1;
}

int txt_tcb_parse(const char *s, struct tcp_tcb *t, char *err, size_t errlen)
{
	char buf[1024], *save = NULL, *tok;

	if (strlen(s) >= sizeof buf) {
		snprintf(err, errlen, "TCB description longer than %zu bytes", sizeof buf - 1);
		return -1;
	}
	strcpy(buf, s);
	for (tok = strtok_r(buf, ", \t", &save); tok; tok = strtok_r(NULL, ", \t", &save)) {
		char *eq = strchr(tok, '=');
		uint32_t v;

		if (eq == NULL) {
			snprintf(err, errlen, "expected field=value (e.g. snd_nxt=1001), got '%s'", tok);
			return -1;
		}
		*eq = '\0';
		if (txt_u32_parse(eq + 1, &v) != 0) {
			snprintf(err, errlen, "expected a number 0..4294967295 for '%s', got '%s'",
				 tok, eq + 1);
			return -1;
		}
		if (tcb_set(t, tok, v, err, errlen) != 0)
			return -1;
	}
	return 0;
}

const char *txt_segment_format(const struct tcp_segment *s, char *buf,
			       size_t len)
{
	char f[8];

	snprintf(buf, len, "%s seq=%u ack=%u win=%u len=%u",
		 txt_flags_format(s->flags, f, sizeof f), s->seq, s->ack, s->wnd,
		 s->len);
	return buf;
}
