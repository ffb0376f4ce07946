/*
 * profile_file.c - the plain-text profile file (profile.h): one
 * `key = value` a line, `#` comments (a line that starts with one, or a
 * `#` after a blank or right after the `=`), keys `name`, `describes`, and for each switch of the
 * catalog SWITCH, SWITCH.source and SWITCH.status.  A switch the file does
 * not name keeps the rfc9293 profile's value (and source).  A set switch
 * needs a source; a status, when given, must be the catalog's.
 */
#include "profiles/profile.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/err.h"

#define FILE_MAX (64 * 1024)
#define LINE_MAX_LEN 1024

/* Where each key was given (0: not given). */
struct seen {
	int name, describes;
	int value[PROFILE_MAX_SWITCHES], source[PROFILE_MAX_SWITCHES], status[PROFILE_MAX_SWITCHES];
	char status_text[PROFILE_MAX_SWITCHES][64];
};

struct pctx {
	const char *path;
	int line;
	char *err;
	size_t errlen;
};

static int fail(const struct pctx *c, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(const struct pctx *c, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (line > 0)
		return err_set(c->err, c->errlen, "%s:%d: %s", c->path, line, msg);
	return err_set(c->err, c->errlen, "%s: %s", c->path, msg);
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* Cut a comment: '#' at the start, after a blank, or right after the '='. */
static void cut_comment(char *s)
{
	for (char *p = s; *p; p++)
		if (*p == '#' && (p == s || isspace((unsigned char)p[-1]) || p[-1] == '=')) {
			*p = '\0';
			return;
		}
}

static bool valid_name(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= PROFILE_NAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && strchr("._-", s[i]) == NULL)
			return false;
	return true;
}

static int once(const struct pctx *c, int *where, const char *key)
{
	if (*where != 0)
		return fail(c, c->line, "duplicate key '%s' (first given on line %d)", key, *where);
	*where = c->line;
	return 0;
}

static int set_value(const struct pctx *c, const struct profile_switch *sw, const char *v,
		     struct profile_def *out)
{
	if (sw->is_bool) {
		if (strcmp(v, "true") != 0 && strcmp(v, "false") != 0)
			return fail(c, c->line, "expected 'true' or 'false' for %s, got '%s'", sw->name, v);
		profile_value_set(sw, &out->tcp, strcmp(v, "true") == 0);
		return 0;
	}
	{
		char *end;
		unsigned long n;

		errno = 0;
		n = strtoul(v, &end, 10);
		if (!isdigit((unsigned char)v[0]) || *end != '\0' || errno != 0 || n > 255)
			return fail(c, c->line, "expected a number 0..255 for %s, got '%s'", sw->name, v);
		profile_value_set(sw, &out->tcp, (unsigned)n);
	}
	return 0;
}

static int text_value(const struct pctx *c, const char *key, const char *v, char *dst,
		      size_t len)
{
	if (v[0] == '\0')
		return fail(c, c->line, "expected a value after '%s =', got none", key);
	if (strlen(v) >= len)
		return fail(c, c->line, "expected at most %zu characters for %s, got %zu", len - 1,
			    key, strlen(v));
	memcpy(dst, v, strlen(v) + 1);
	return 0;
}

static int unknown_key(const struct pctx *c, const char *key)
{
	return fail(c, c->line,
		    "unknown key '%s' (expected name, describes, a switch such as rst_challenge "
		    "(tcpspec profile show rfc9293 lists them), or SWITCH.source, SWITCH.status)", key);
}

static int one_line(const struct pctx *c, char *line, struct profile_def *out, struct seen *s)
{
	char *eq, *key, *val, *dot;
	int k;
	struct profile_switch sw;

	cut_comment(line);
	line = trim(line);
	if (line[0] == '\0')
		return 0;
	eq = strchr(line, '=');
	if (eq == NULL)
		return fail(c, c->line, "expected 'key = value', got '%.80s'", line);
	*eq = '\0';
	key = trim(line);
	val = trim(eq + 1);
	if (strcmp(key, "name") == 0) {
		if (once(c, &s->name, key) != 0)
			return -1;
		if (!valid_name(val))
			return fail(c, c->line, "expected a name of 1 to %d letters, digits, '.', '_' "
				    "or '-' for name, got '%s'", PROFILE_NAME_MAX - 1, val);
		snprintf(out->name, sizeof out->name, "%s", val);
		return 0;
	}
	if (strcmp(key, "describes") == 0)
		return once(c, &s->describes, key) != 0 ? -1
		       : text_value(c, key, val, out->describes, sizeof out->describes);
	dot = strchr(key, '.');
	if (dot != NULL)
		*dot = '\0';
	k = profile_switch_find(key);
	if (dot != NULL)
		*dot = '.';
	if (k < 0 || k >= PROFILE_MAX_SWITCHES)
		return unknown_key(c, key);
	profile_switch_get((unsigned)k, &sw);
	if (dot == NULL)
		return once(c, &s->value[k], key) != 0 ? -1 : set_value(c, &sw, val, out);
	if (strcmp(dot, ".source") == 0)
		return once(c, &s->source[k], key) != 0 ? -1
		       : text_value(c, key, val, out->source[k], sizeof out->source[k]);
	if (strcmp(dot, ".status") == 0) {
		if (once(c, &s->status[k], key) != 0)
			return -1;
		return text_value(c, key, val, s->status_text[k], sizeof s->status_text[k]);
	}
	return unknown_key(c, key);
}

/* After every line: what the file as a whole must say. */
static int finish(const struct pctx *c, struct profile_def *out, const struct seen *s)
{
	struct profile_def builtin;
	unsigned n = profile_nswitches();

	if (s->name == 0)
		return fail(c, 0, "expected a line 'name = NAME' (the profile's name), got none");
	if (s->describes == 0)
		return fail(c, 0, "expected a line 'describes = TEXT' (the stack and version the "
			    "profile describes), got none");
	for (unsigned k = 0; k < n && k < PROFILE_MAX_SWITCHES; k++) {
		struct profile_switch sw;
		unsigned v;
		char want[64];

		profile_switch_get(k, &sw);
		v = profile_value(&sw, &out->tcp);
		if (v != 0 && out->source[k][0] == '\0')
			return fail(c, s->value[k],
				    "%s is set: expected a line '%s.source = FILE:FUNCTION' (or the "
				    "document it comes from), got none", sw.name, sw.name);
		profile_status_text(&sw, v, want, sizeof want);
		if (s->status[k] != 0 && strcmp(s->status_text[k], want) != 0)
			return fail(c, s->status[k], "expected '%s' for %s.status (%s = %u: %s), got '%s'",
				    want, sw.name, sw.name, v, sw.section, s->status_text[k]);
	}
	if (profile_builtin_find(out->name, &builtin) != 0) {
		out->builtin = -1;
		out->tcp.id = TCP_NPROFILES; /* a profile of its own: no built-in id */
		return 0;
	}
	for (unsigned k = 0; k < n; k++) {
		struct profile_switch sw;

		profile_switch_get(k, &sw);
		if (profile_value(&sw, &out->tcp) != profile_value(&sw, &builtin.tcp))
			return fail(c, s->name, "name '%s' is a built-in profile's, and this file "
				    "differs from it in %s: give the profile a name of its own",
				    out->name, sw.name);
	}
	out->builtin = builtin.builtin;
	out->tcp.id = builtin.tcp.id;
	snprintf(out->name, sizeof out->name, "%s", builtin.name);
	return 0;
}

int profile_file_parse(const char *text, const char *path, struct profile_def *out,
		       char *err, size_t errlen)
{
	static struct seen s;
	struct pctx c = { path, 0, err, errlen };
	const char *p = text;

	memset(&s, 0, sizeof s);
	profile_builtin(TCP_PROFILE_RFC9293, out);
	out->name[0] = out->describes[0] = '\0';
	snprintf(out->path, sizeof out->path, "%s", path);
	while (*p != '\0') {
		char line[LINE_MAX_LEN];
		size_t n = strcspn(p, "\n");

		c.line++;
		if (n >= sizeof line)
			return fail(&c, c.line, "expected a line of at most %d characters, got %zu",
				    LINE_MAX_LEN - 1, n);
		memcpy(line, p, n);
		line[n] = '\0';
		if (memchr(line, '\0', n) != NULL || strlen(line) != n)
			return fail(&c, c.line, "expected text, got a NUL byte");
		if (one_line(&c, line, out, &s) != 0)
			return -1;
		p += n;
		if (*p == '\n')
			p++;
	}
	return finish(&c, out, &s);
}

int profile_file_read(const char *path, struct profile_def *out, char *err, size_t errlen)
{
	static char buf[FILE_MAX + 1];
	FILE *f = fopen(path, "r");
	size_t n;

	if (f == NULL)
		return err_set(err, errlen, "%s: cannot read: %s", path, strerror(errno));
	n = fread(buf, 1, FILE_MAX + 1, f);
	fclose(f);
	if (n > FILE_MAX)
		return err_set(err, errlen, "%s: expected a profile file of at most %d bytes, got more",
			       path, FILE_MAX);
	buf[n] = '\0';
	if (strlen(buf) != n)
		return err_set(err, errlen, "%s: expected text, got a NUL byte", path);
	return profile_file_parse(buf, path, out, err, errlen);
}

int profile_option(const char *opt, const char *value, struct profile_def *out, char *err,
		   size_t errlen)
{
	if (strcmp(opt, "--profile-file") == 0)
		return profile_file_read(value, out, err, errlen);
	if (profile_builtin_find(value, out) != 0)
		return err_set(err, errlen, "expected a profile %s (or --profile-file PATH), got '%s'",
			       profile_builtin_names(), value);
	return 0;
}

/* --- writing ---------------------------------------------------------------- */

/* "# " + text, wrapped at 78 columns; continuation lines indented by ind. */
static void comment(FILE *f, const char *text, int ind)
{
	const char *p = text;
	int col = 0, width = 76;

	fputs("# ", f);
	while (*p != '\0') {
		size_t w = strcspn(p, " ");

		if (col > 0 && col + 1 + (int)w > width) {
			fprintf(f, "\n# %*s", ind, "");
			col = ind;
		} else if (col > 0) {
			fputc(' ', f);
			col++;
		}
		fwrite(p, 1, w, f);
		col += (int)w;
		p += w;
		while (*p == ' ')
			p++;
	}
	fputc('\n', f);
}

static void departures_line(FILE *f, const struct profile_def *p)
{
	char text[1024] = "Departures from RFC 9293:";
	size_t n = strlen(text);
	int count = 0;

	for (unsigned k = 0; k < profile_nswitches(); k++) {
		struct profile_switch sw;
		unsigned v;

		profile_switch_get(k, &sw);
		v = profile_value(&sw, &p->tcp);
		if (profile_status_of(&sw, v) != PROFILE_DEPARTURE)
			continue;
		n += (size_t)snprintf(text + n, sizeof text - n, "%s %s (%s)", count++ ? ";" : "",
				      sw.label[0] ? sw.label : sw.section, sw.name);
		if (n >= sizeof text)
			break;
	}
	if (count == 0)
		snprintf(text + n, sizeof text - n, " none.");
	else if (n + 1 < sizeof text)
		strcat(text, ".");
	comment(f, text, 2);
}

/* "Set: permitted (why)." or "Set: departure MUST-29 (why)."; a counter
 * that departs below a value says so. */
static void status_note(const struct profile_switch *sw, char *buf, size_t len)
{
	char st[96];

	if (!sw->is_bool && sw->depart_below > 1) {
		profile_status_text(sw, 1, st, sizeof st);
		snprintf(buf, len, "Set: permitted at %u or more, %s below (%s).",
			 sw->depart_below, st, sw->note);
		return;
	}
	snprintf(buf, len, "Set: %s (%s).", profile_status_text(sw, 1, st, sizeof st), sw->note);
}

void profile_file_write(FILE *f, const struct profile_def *p)
{
	char line[1024];

	fprintf(f, "# tcpspec profile %s, as `tcpspec profile show %s` writes it; the format:\n"
		"# tcpspec(1), PROFILE FILES.  Each switch: what it does when set and what\n"
		"# RFC 9293 says; a switch that is set has its source (FILE:FUNCTION or a\n"
		"# document) and its RFC status: permitted (a choice the RFCs leave open), or\n"
		"# departure with the requirement label (or section) it breaks.\n",
		p->name, p->name);
	departures_line(f, p);
	fprintf(f, "\nname = %s\ndescribes = %s\n", p->name, p->describes);
	for (unsigned k = 0; k < profile_nswitches() && k < PROFILE_MAX_SWITCHES; k++) {
		struct profile_switch sw;
		unsigned v;
		char st[160];

		profile_switch_get(k, &sw);
		v = profile_value(&sw, &p->tcp);
		fputc('\n', f);
		snprintf(line, sizeof line, "%s: %s.", sw.name, sw.doc);
		comment(f, line, 2);
		snprintf(line, sizeof line, "%s%s%s%s%s%s: %s.", sw.section,
			 sw.where[0] ? " (" : "", sw.where, sw.where[0] ? ")" : "",
			 sw.label[0] ? ", " : "", sw.label, sw.rfc);
		comment(f, line, 2);
		status_note(&sw, line, sizeof line);
		comment(f, line, 2);
		if (sw.is_bool)
			fprintf(f, "%s = %s\n", sw.name, v ? "true" : "false");
		else
			fprintf(f, "%s = %u\n", sw.name, v);
		if (p->source[k][0] != '\0')
			fprintf(f, "%s.source = %s\n", sw.name, p->source[k]);
		if (v != 0)
			fprintf(f, "%s.status = %s\n", sw.name, profile_status_text(&sw, v, st, sizeof st));
	}
}
