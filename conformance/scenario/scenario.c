/*
 * scenario.c - the scenario parser.  Every error names the file, the line,
 * what was expected and what was found.
 */
#include "scenario/scenario.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scenario/appcall.h"
#include "scenario/text.h"

static const char *const app_names[] = {
	"listen", "connect", "accept", "send", "recv", "close", "shutdown",
	"abort", "setsockopt",
};

const char *scn_app_name(enum scn_app a)
{
	return (size_t)a < sizeof app_names / sizeof app_names[0] ? app_names[a] : "?";
}

/* setsockopt names the agents know (conformance/TARGETS.md) */
static const char *const sockopts[] = {
	"keepalive", "keepidle", "keepintvl", "keepcnt", "linger2",
	"user_timeout", "syncnt", "nodelay", "rcvbuf",
};

struct pctx {
	const char *path;
	int line;
	char *err;
	size_t errlen;
};

static int fail(struct pctx *c, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(c->err, c->errlen, "%s:%d: ", c->path, c->line);

	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < c->errlen)
		vsnprintf(c->err + n, c->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

static int parse_i64(const char *s, int64_t *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < -4294967295LL ||
	    v > 4294967295LL)
		return -1;
	*out = v;
	return 0;
}

static int parse_app(struct pctx *c, struct scn_step *st, char **tok, int ntok)
{
	size_t i;

	st->kind = SCN_APP;
	if (ntok < 2)
		return fail(c, "expected 'app' and a call (listen connect accept send recv close shutdown abort setsockopt), got nothing");
	for (i = 0; i < sizeof app_names / sizeof app_names[0]; i++)
		if (strcmp(tok[1], app_names[i]) == 0)
			break;
	if (i == sizeof app_names / sizeof app_names[0])
		return fail(c, "expected an app call (listen connect accept send recv close shutdown abort setsockopt), got '%s'", tok[1]);
	st->app = (enum scn_app)i;
	if (st->app == APP_SETSOCKOPT) {
		size_t k;

		if (ntok != 4)
			return fail(c, "expected 'app setsockopt NAME VALUE', got %d words", ntok);
		for (k = 0; k < sizeof sockopts / sizeof sockopts[0]; k++)
			if (strcmp(tok[2], sockopts[k]) == 0)
				break;
		if (k == sizeof sockopts / sizeof sockopts[0])
			return fail(c, "expected a socket option (keepalive keepidle keepintvl keepcnt linger2 user_timeout syncnt nodelay rcvbuf), got '%s'", tok[2]);
		snprintf(st->opt, sizeof st->opt, "%s", tok[2]);
		if (txt_u32_parse(tok[3], &st->n) != 0)
			return fail(c, "expected a number for option '%s', got '%s'", tok[2], tok[3]);
		return 0;
	}
	if (st->app == APP_SEND || st->app == APP_RECV) {
		if (ntok != 3 || txt_u32_parse(tok[2], &st->n) != 0 || st->n == 0 || st->n > 1000000)
			return fail(c, "expected 'app %s N' with N bytes 1..1000000, got '%s'", tok[1], ntok > 2 ? tok[2] : "");
		return 0;
	}
	if (st->app == APP_LISTEN || st->app == APP_CONNECT) {
		st->n = 0;
		if (ntok == 3 && (txt_u32_parse(tok[2], &st->n) != 0 || st->n == 0 || st->n > 65535))
			return fail(c, "expected a port 1..65535 after 'app %s', got '%s'", tok[1], tok[2]);
		if (ntok > 3)
			return fail(c, "expected 'app %s [PORT]', got %d words", tok[1], ntok);
		return 0;
	}
	if (ntok != 2)
		return fail(c, "expected nothing after 'app %s', got '%s'", tok[1], tok[2]);
	return 0;
}

/* FLAGS field=value... for `send` and `expect` */
static int parse_segment(struct pctx *c, struct scn_step *st, char **tok, int ntok)
{
	char e[TXT_ERR];

	if (txt_flags_parse(tok[0], &st->flags, e, sizeof e) != 0)
		return fail(c, "%s", e);
	for (int i = 1; i < ntok; i++) {
		char *eq = strchr(tok[i], '=');
		int64_t v;

		if (eq == NULL)
			return fail(c, "expected field=value (seq= ack= win= len= up= mss=), got '%s'", tok[i]);
		*eq = '\0';
		if (parse_i64(eq + 1, &v) != 0)
			return fail(c, "expected a number for '%s', got '%s'", tok[i], eq + 1);
		if (strcmp(tok[i], "seq") == 0) {
			st->seq = v;
			st->fields |= SCN_F_SEQ;
		} else if (strcmp(tok[i], "ack") == 0) {
			st->ack = v;
			st->fields |= SCN_F_ACK;
		} else if (v < 0) {
			return fail(c, "expected a non-negative number for '%s', got '%s'", tok[i], eq + 1);
		} else if (strcmp(tok[i], "win") == 0 && v <= TCP_MAX_WND) {
			st->win = (uint32_t)v;
			st->fields |= SCN_F_WIN;
		} else if (strcmp(tok[i], "len") == 0 && v <= 65000) {
			st->len = (uint32_t)v;
			st->fields |= SCN_F_LEN;
		} else if (strcmp(tok[i], "up") == 0 && v <= 65535) {
			st->up = (uint32_t)v;
			st->fields |= SCN_F_UP;
		} else if (strcmp(tok[i], "mss") == 0 && v <= 65535) {
			st->mss = (uint32_t)v;
			st->fields |= SCN_F_MSS;
		} else {
			return fail(c, "expected a field seq= ack= win=(<=2^30) len=(<=65000) up= mss=(<=65535), got '%s=%s'",
				    tok[i], eq + 1);
		}
	}
	return 0;
}

/* "1.5s" or "200ms", at most 600 s */
static int parse_duration(const char *s, uint32_t *ms)
{
	char *end;
	double v = strtod(s, &end), scale;

	if (end == s || !(v >= 0))      /* also refuses NaN */
		return -1;
	if (strcmp(end, "s") == 0)
		scale = 1000.0;
	else if (strcmp(end, "ms") == 0)
		scale = 1.0;
	else
		return -1;
	if (!(v * scale <= 600000.0))
		return -1;
	*ms = (uint32_t)(v * scale + 0.5);
	return 0;
}

static int parse_wait(struct pctx *c, struct scn_step *st, char **tok, int ntok)
{
	st->kind = SCN_WAIT;
	if (ntok == 2 && strcmp(tok[1], "quiet") == 0) {
		st->quiet = true;
		return 0;
	}
	if (ntok < 2 || parse_duration(tok[1], &st->wait_ms) != 0)
		return fail(c, "expected 'wait quiet' or 'wait DURATION' like 1.5s or 200ms (at most 600s), got '%s'",
			    ntok > 1 ? tok[1] : "");
	if (ntok == 2)
		return 0;
	if (ntok != 4 || strcmp(tok[2], "fires") != 0)
		return fail(c, "expected 'wait %s fires TIMER[,TIMER...]', got '%s'", tok[1], tok[2]);
	for (char *save = NULL, *t = strtok_r(tok[3], ",", &save); t;
	     t = strtok_r(NULL, ",", &save)) {
		if (st->nfires == SCN_MAX_FIRES)
			return fail(c, "expected at most %d timers after 'fires', got more", SCN_MAX_FIRES);
		if (txt_timer_parse(t, &st->fires[st->nfires]) != 0)
			return fail(c, "expected a timer (retransmit time-wait fin-wait-2 keepalive user), got '%s'", t);
		st->nfires++;
	}
	return 0;
}

#define EXPECT_APP_FORMS "'expect app recv N', 'expect app send N', 'expect app ok' or 'expect app error ENAME'"

/* expect app recv N | send N | ok | error ENAME: what the last app call
 * (the scenario's last `app` step before this line) returned. */
static int parse_expect_app(struct pctx *c, const struct scn *s, struct scn_step *st, char **tok,
			    int ntok)
{
	const struct scn_step *last = NULL;

	if (ntok < 3)
		return fail(c, "expected " EXPECT_APP_FORMS ", got nothing after 'expect app'");
	for (int i = s->nsteps - 1; i >= 0 && last == NULL; i--)
		if (s->steps[i].kind == SCN_APP)
			last = &s->steps[i];
	if (strcmp(tok[2], "error") == 0) {
		st->expect = EXP_APP_ERROR;
		if (ntok != 4 || strlen(tok[3]) >= sizeof st->error || app_errno_value(tok[3]) == 0)
			return fail(c, "expected an errno name like ECONNRESET or EAGAIN after 'expect app error', got '%s'",
				    ntok > 3 ? tok[3] : "");
		snprintf(st->error, sizeof st->error, "%s", tok[3]);
	} else if (strcmp(tok[2], "ok") == 0) {
		st->expect = EXP_APP_OK;
		if (ntok != 3)
			return fail(c, "expected nothing after 'expect app ok', got '%s'", tok[3]);
	} else if (strcmp(tok[2], "recv") == 0 || strcmp(tok[2], "send") == 0) {
		st->expect = EXP_APP_VALUE;
		st->app = strcmp(tok[2], "recv") == 0 ? APP_RECV : APP_SEND;
		if (ntok != 4 || txt_u32_parse(tok[3], &st->n) != 0 || st->n > 1000000)
			return fail(c, "expected a byte count 0..1000000 after 'expect app %s' (0: end of stream), got '%s'",
				    tok[2], ntok > 3 ? tok[3] : "");
	} else {
		return fail(c, "expected " EXPECT_APP_FORMS ", got 'expect app %s'", tok[2]);
	}
	if (last == NULL || last->app == APP_ACCEPT || last->app == APP_SETSOCKOPT)
		return fail(c, "expected an 'app' call (listen connect send recv close shutdown abort) before 'expect app %s', got %s",
			    tok[2], last == NULL ? "none" : last->app == APP_ACCEPT ? "'app accept'" : "'app setsockopt'");
	if (st->expect == EXP_APP_VALUE && last->app != st->app)
		return fail(c, "expected 'expect app %s' to follow an 'app %s', got 'app %s' (line %d) as the last app call",
			    tok[2], tok[2], scn_app_name(last->app), last->line);
	st->app = last->app;
	return 0;
}

static int parse_expect(struct pctx *c, const struct scn *s, struct scn_step *st, char **tok,
			int ntok)
{
	st->kind = SCN_EXPECT;
	if (ntok < 2)
		return fail(c, "expected 'expect' and FLAGS, none, state S, rule R, error E or app ..., got nothing");
	if (strcmp(tok[1], "app") == 0)
		return parse_expect_app(c, s, st, tok, ntok);
	if (strcmp(tok[1], "none") == 0 && ntok == 2) {
		st->expect = EXP_NONE;
		return 0;
	}
	if (strcmp(tok[1], "state") == 0) {
		st->expect = EXP_STATE;
		if (ntok != 3 || txt_state_parse(tok[2], &st->state) != 0)
			return fail(c, "expected a state like ESTABLISHED or TIME_WAIT after 'expect state', got '%s'",
				    ntok > 2 ? tok[2] : "");
		return 0;
	}
	if (strcmp(tok[1], "rule") == 0) {
		st->expect = EXP_RULE;
		if (ntok != 3 || txt_rule_parse(tok[2], &st->rule) != 0)
			return fail(c, "expected a rule name like R_3_10_7_4_RST after 'expect rule', got '%s'",
				    ntok > 2 ? tok[2] : "");
		return 0;
	}
	if (strcmp(tok[1], "error") == 0) {
		st->expect = EXP_ERROR;
		if (ntok != 3 || strlen(tok[2]) >= sizeof st->error || tok[2][0] != 'E')
			return fail(c, "expected an errno name like ECONNRESET after 'expect error', got '%s'",
				    ntok > 2 ? tok[2] : "");
		snprintf(st->error, sizeof st->error, "%s", tok[2]);
		return 0;
	}
	st->expect = EXP_SEGMENT;
	return parse_segment(c, st, tok + 1, ntok - 1);
}

static int parse_header(struct pctx *c, struct scn *s, const char *line)
{
	const char *colon = strchr(line, ':');
	char key[32];
	const char *val;
	size_t klen;

	if (colon == NULL)
		return 0;
	klen = (size_t)(colon - line);
	if (klen == 0 || klen >= sizeof key)
		return 0;
	memcpy(key, line, klen);
	key[klen] = '\0';
	val = colon + 1;
	while (*val == ' ' || *val == '\t')
		val++;
	{
		static char trimmed[400];
		size_t n = strlen(val);

		while (n > 0 && (val[n - 1] == ' ' || val[n - 1] == '\t' || val[n - 1] == '\r'))
			n--;
		snprintf(trimmed, sizeof trimmed, "%.*s", (int)n, val);
		val = trimmed;
	}
	if (strcmp(key, "title") == 0)
		snprintf(s->title, sizeof s->title, "%.159s", val);
	else if (strcmp(key, "rfc") == 0)
		snprintf(s->rfc, sizeof s->rfc, "%.159s", val);
	else if (strcmp(key, "slow") == 0)
		s->slow = strcmp(val, "yes") == 0;
	else if (strcmp(key, "model-only") == 0) {
		if (val[0] == '\0')
			return fail(c, "expected '# model-only: REASON' (why no program can make a step), got nothing");
		snprintf(s->model_only, sizeof s->model_only, "%s", val);
	} else if (strcmp(key, "departure") == 0) {
		int n = 0, at = 0;

		if (sscanf(val, "line %d: %n", &at, &n) != 1 || n == 0 || at <= 0 || val[n] == '\0')
			return fail(c, "expected '# departure: line N: REASON', got '%.100s'", val);
		s->departure_line = at;
		snprintf(s->departure, sizeof s->departure, "%s", val + n);
	} else if (strcmp(key, "labels") == 0)
		snprintf(s->labels, sizeof s->labels, "%.159s", val);
	else if (strcmp(key, "profiles") == 0) {
		char buf[160], *save = NULL, names[160];
		size_t n = 0;

		/* the built-in profiles, as the model names them */
		names[0] = '\0';
		for (int i = 0; i < TCP_NPROFILES && n < sizeof names; i++)
			n += (size_t)snprintf(names + n, sizeof names - n, "%s%s", i ? " " : "",
					      tcp_profile_name((enum tcp_profile_id)i));
		snprintf(buf, sizeof buf, "%.159s", val);
		memset(s->profiles, 0, sizeof s->profiles);
		for (char *t = strtok_r(buf, " ,", &save); t; t = strtok_r(NULL, " ,", &save)) {
			enum tcp_profile_id id;

			if (txt_profile_parse(t, &id) != 0)
				return fail(c, "expected profiles among %s, got '%s'", names, t);
			s->profiles[id] = true;
		}
	}
	return 0;
}

static int parse_line(struct pctx *c, struct scn *s, char *line)
{
	char *tok[16], *save = NULL;
	int ntok = 0;
	struct scn_step *st;
	char *hash = strchr(line, '#');

	if (hash != NULL) {
		if (s->nsteps == 0 && parse_header(c, s, hash + 1 + strspn(hash + 1, " ")) != 0)
			return -1;
		*hash = '\0';
	}
	for (char *t = strtok_r(line, " \t\r", &save); t; t = strtok_r(NULL, " \t\r", &save)) {
		if (ntok == 16)
			return fail(c, "expected at most 16 words on a line, got more");
		tok[ntok++] = t;
	}
	if (ntok == 0)
		return 0;
	if (s->nsteps == SCN_MAX_STEPS)
		return fail(c, "expected at most %d steps in a scenario, got more", SCN_MAX_STEPS);
	st = &s->steps[s->nsteps];
	memset(st, 0, sizeof *st);
	st->line = c->line;
	if (strcmp(tok[0], "app") == 0) {
		if (parse_app(c, st, tok, ntok) != 0)
			return -1;
	} else if (strcmp(tok[0], "send") == 0) {
		st->kind = SCN_SEND;
		if (ntok < 2)
			return fail(c, "expected 'send FLAGS [seq= ack= win= len= up= mss=]', got nothing after 'send'");
		if (parse_segment(c, st, tok + 1, ntok - 1) != 0)
			return -1;
	} else if (strcmp(tok[0], "wait") == 0) {
		if (parse_wait(c, st, tok, ntok) != 0)
			return -1;
	} else if (strcmp(tok[0], "expect") == 0) {
		if (parse_expect(c, s, st, tok, ntok) != 0)
			return -1;
	} else {
		return fail(c, "expected a step (app, send, wait, expect), got '%s'", tok[0]);
	}
	s->nsteps++;
	return 0;
}

int scn_parse(const char *path, const char *text, struct scn *s, char *err,
	      size_t errlen)
{
	struct pctx c = { path, 0, err, errlen };
	const char *p = text;

	memset(s, 0, sizeof *s);
	snprintf(s->path, sizeof s->path, "%s", path);
	for (int i = 0; i < TCP_NPROFILES; i++)
		s->profiles[i] = true;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char line[512];

		c.line++;
		if (n >= sizeof line)
			return fail(&c, "expected a line of at most %zu characters, got %zu", sizeof line - 1, n);
		memcpy(line, p, n);
		line[n] = '\0';
		if (parse_line(&c, s, line) != 0)
			return -1;
		p += n + (nl ? 1 : 0);
	}
	if (s->nsteps == 0) {
		c.line = 0;
		return fail(&c, "expected at least one step, got none");
	}
	if (s->departure_line > 0) {
		int i = 0;

		while (i < s->nsteps && s->steps[i].line != s->departure_line)
			i++;
		if (i == s->nsteps || s->steps[i].kind == SCN_EXPECT) {
			c.line = s->departure_line;
			return fail(&c, "expected the step that '# departure: line %d' names, got %s",
				    s->departure_line, i == s->nsteps ? "no step" : "an expect");
		}
	}
	return 0;
}

int scn_load(const char *path, struct scn *s, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char *buf;
	size_t n;
	int rc;

	if (f == NULL) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	buf = malloc(65538);
	if (buf == NULL) {
		fclose(f);
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	n = fread(buf, 1, 65537, f);
	if (ferror(f) || n > 65536) {
		snprintf(err, errlen, "%s: %s", path,
			 ferror(f) ? "read error" : "expected at most 64 KiB of text, got more");
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	buf[n] = '\0';
	if (memchr(buf, '\0', n) != NULL) {
		const char *nul = memchr(buf, '\0', n);
		int line = 1;

		for (const char *q = buf; q < nul; q++)
			line += *q == '\n';
		snprintf(err, errlen, "%s:%d: expected text, got a NUL byte", path, line);
		free(buf);
		return -1;
	}
	rc = scn_parse(path, buf, s, err, errlen);
	free(buf);
	return rc;
}
