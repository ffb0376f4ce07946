/*
 * fuzz_report.c - the report writers on any text: what a target or a
 * scenario file puts in a title, a message or an observed segment ends up in
 * JSON (report_json), JUnit XML (report_junit) and HTML (mk_xml, as the
 * page and the SVG write every text).  Each output is read back: JSON must
 * parse (RFC 8259) and hold valid UTF-8; XML must be well formed as far as
 * text goes (every '<' opens a tag that closes in order, every '&' an
 * entity, no control character XML forbids, valid UTF-8); the fuzzed text,
 * which starts with "<fz>", never appears unescaped.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/json.h"
#include "base/markup.h"
#include "base/utf8.h"
#include "report/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool utf8_ok(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		int k = utf8_seq_len(s + i);

		if (k == 0 || s[i] == '\0')
			return false;
		i += (size_t)k;
	}
	return true;
}

/* --- a small JSON parser: syntax only ----------------------------------- */

struct js {
	const char *p, *end;
	int depth;
};

static void ws(struct js *j)
{
	while (j->p < j->end && strchr(" \t\r\n", *j->p) != NULL && *j->p)
		j->p++;
}

static bool lit(struct js *j, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0)
		return false;
	j->p += n;
	return true;
}

static bool string(struct js *j)
{
	if (!lit(j, "\""))
		return false;
	while (j->p < j->end && *j->p != '"') {
		unsigned char c = (unsigned char)*j->p;

		if (c < 0x20)
			return false;
		if (c == '\\') {
			j->p++;
			if (j->p >= j->end)
				return false;
			if (*j->p == 'u') {
				for (int i = 1; i <= 4; i++)
					if (j->p + i >= j->end || strchr("0123456789abcdefABCDEF", j->p[i]) == NULL ||
					    j->p[i] == '\0')
						return false;
				j->p += 5;
				continue;
			}
			if (strchr("\"\\/bfnrt", *j->p) == NULL || *j->p == '\0')
				return false;
		}
		j->p++;
	}
	return lit(j, "\"");
}

static bool number(struct js *j)
{
	const char *s = j->p;

	if (j->p < j->end && *j->p == '-')
		j->p++;
	while (j->p < j->end && ((*j->p >= '0' && *j->p <= '9') || *j->p == '.' || *j->p == 'e' ||
				 *j->p == 'E' || *j->p == '+' || *j->p == '-'))
		j->p++;
	return j->p > s;
}

static bool value(struct js *j);

static bool members(struct js *j, char close, bool keyed)
{
	ws(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		return true;
	}
	for (;;) {
		ws(j);
		if (keyed) {
			if (!string(j))
				return false;
			ws(j);
			if (!lit(j, ":"))
				return false;
		}
		if (!value(j))
			return false;
		ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		return j->p < j->end && *j->p++ == close;
	}
}

static bool value(struct js *j)
{
	bool ok;

	ws(j);
	if (j->p >= j->end || ++j->depth > 64)
		return false;
	if (*j->p == '{')
		j->p++, ok = members(j, '}', true);
	else if (*j->p == '[')
		j->p++, ok = members(j, ']', false);
	else if (*j->p == '"')
		ok = string(j);
	else
		ok = lit(j, "true") || lit(j, "false") || lit(j, "null") || number(j);
	j->depth--;
	return ok;
}

static void check_json(const char *doc, size_t n)
{
	struct js j = { doc, doc + n, 0 };

	if (!utf8_ok(doc, n) || !value(&j))
		abort();
	ws(&j);
	if (j.p != j.end)
		abort();
}

/* --- XML as far as text goes --------------------------------------------- */

static void check_xml(const char *doc, size_t n)
{
	char stack[16][32];
	int depth = 0;

	if (!utf8_ok(doc, n) || memmem(doc, n, "<fz>", 4) != NULL)
		abort();
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)doc[i];

		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			abort();
		if (c == '&') {
			static const char *const ent[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&#39;",
							   "&#xFFFD;" };
			bool known = false;

			for (size_t k = 0; k < sizeof ent / sizeof ent[0]; k++)
				known |= n - i >= strlen(ent[k]) && memcmp(doc + i, ent[k], strlen(ent[k])) == 0;
			if (!known)
				abort();
		}
		if (c == '<') {
			size_t e = i + 1, k = 0;
			bool closing = doc[e] == '/', empty;
			char name[32];

			if (doc[e] == '?' || doc[e] == '!') {
				const char *gt = memchr(doc + i, '>', n - i);

				if (gt == NULL)
					abort();
				i = (size_t)(gt - doc);
				continue;
			}
			e += closing;
			while (e < n && k + 1 < sizeof name && (doc[e] == '_' || doc[e] == '-' ||
								 (doc[e] >= 'a' && doc[e] <= 'z')))
				name[k++] = doc[e++];
			name[k] = '\0';
			if (k == 0)
				abort();
			/* attributes: quoted, no '<' inside */
			while (e < n && doc[e] != '>') {
				if (doc[e] == '<')
					abort();
				if (doc[e] == '"') {
					const char *q = memchr(doc + e + 1, '"', n - e - 1);

					if (q == NULL || memchr(doc + e + 1, '<', (size_t)(q - doc - e - 1)) != NULL)
						abort();
					e = (size_t)(q - doc);
				}
				e++;
			}
			if (e >= n)
				abort();
			empty = doc[e - 1] == '/';
			if (closing) {
				if (depth == 0 || strcmp(stack[depth - 1], name) != 0)
					abort();
				depth--;
			} else if (!empty) {
				if (depth == 16)
					abort();
				snprintf(stack[depth++], sizeof stack[0], "%s", name);
			}
			i = e;
		}
	}
	if (depth != 0)
		abort();
}

/* --- the input ------------------------------------------------------------ */

/* The next string of the input: up to a 0xFF byte, behind "<fz>". */
static void take(const uint8_t **p, const uint8_t *end, char *buf, size_t cap)
{
	size_t n = 4;

	memcpy(buf, "<fz>", 4);
	while (*p < end && **p != 0xFF && n + 1 < cap) {
		if (**p != 0)
			buf[n++] = (char)**p;
		(*p)++;
	}
	if (*p < end)
		(*p)++;
	buf[n] = '\0';
}

/* What write() puts out, in memory. */
static char *capture(void (*write)(FILE *, const struct run_result *, int),
		     const struct run_result *r, size_t *n)
{
	char *mem = NULL;
	FILE *f = open_memstream(&mem, n);

	if (f == NULL)
		abort();
	write(f, r, 1);
	fclose(f);
	return mem;
}
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct run_result r;
	const uint8_t *p = data, *end = data + size;
	char *doc, *mem = NULL;
	size_t n = 0;
	FILE *f;

	if (size > 4096)
		return 0;
	memset(&r, 0, sizeof r);
	take(&p, end, r.path, sizeof r.path);
	take(&p, end, r.title, sizeof r.title);
	take(&p, end, r.message, sizeof r.message);
	take(&p, end, r.expected, sizeof r.expected);
	take(&p, end, r.observed, sizeof r.observed);
	take(&p, end, r.rule, sizeof r.rule);
	take(&p, end, r.target, sizeof r.target);
	r.verdict = size > 0 ? (enum verdict)(data[0] % 4) : V_PASS;
	r.family = 4;
	doc = capture(report_json_write, &r, &n);
	check_json(doc, n);
	free(doc);
	doc = capture(report_junit_write, &r, &n);
	check_xml(doc, n);
	free(doc);
	/* the page's and the SVG's text: an element around the escaped text */
	f = open_memstream(&mem, &n);
	if (f == NULL)
		return 0;
	fputs("<p title=\"", f);
	mk_xml(f, r.title);
	fputs("\">", f);
	mk_xml(f, r.message);
	fputs("</p>", f);
	fclose(f);
	check_xml(mem, n);
	free(mem);
	return 0;
}
