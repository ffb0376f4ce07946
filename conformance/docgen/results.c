/*
 * results.c - read a recorded run (results.h): what report_json() writes,
 * with a reader for exactly that shape (one object holding "meta", a flat
 * object, and "results", an array of flat objects of strings and numbers).
 */
#include "docgen/results.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define KV_MAX 24

struct kv {
	char key[48];
	char val[640];
};

/* The one array an object may hold ("trail"): its strings, one a line. */
struct arr {
	char *text;
	size_t len;
};

struct jp {
	const char *p;
	const char *path;
	char *err;
	size_t errlen;
};

static const char *const verdicts[RESULTS_NVERDICTS] = { "PASS", "FAIL", "ERROR", "SKIP" };

const char *results_verdict_name(int v)
{
	return v >= 0 && v < RESULTS_NVERDICTS ? verdicts[v] : "?";
}

static void ws(struct jp *j)
{
	while (isspace((unsigned char)*j->p))
		j->p++;
}

static int fail(struct jp *j, const char *what)
{
	snprintf(j->err, j->errlen, "%s: expected %s in a `tcpspec run --json` file, got '%.20s'",
		 j->path, what, j->p);
	return -1;
}

/* A JSON string into out (escapes decoded; \u as '?'). */
static int string(struct jp *j, char *out, size_t len)
{
	size_t n = 0;

	ws(j);
	if (*j->p != '"')
		return fail(j, "a string");
	for (j->p++; *j->p && *j->p != '"'; j->p++) {
		char c = *j->p;

		if (c == '\\') {
			c = *++j->p;
			if (c == 'n' || c == 't' || c == 'r')
				c = ' ';
			else if (c == 'u') {
				c = '?';
				for (int k = 0; k < 4 && j->p[1]; k++)
					j->p++;
			} else if (c == '\0')
				break;
		}
		if (n + 1 < len)
			out[n++] = c;
	}
	out[n] = '\0';
	if (*j->p != '"')
		return fail(j, "the end of a string");
	j->p++;
	return 0;
}

static int value(struct jp *j, char *out, size_t len)
{
	size_t n = 0;

	ws(j);
	if (*j->p == '"')
		return string(j, out, len);
	while (*j->p && strchr(",}] \t\r\n", *j->p) == NULL) {
		if (n + 1 < len)
			out[n++] = *j->p;
		j->p++;
	}
	out[n] = '\0';
	return n > 0 ? 0 : fail(j, "a value");
}

/* An array of strings into a->text, one a line (cut short when long). */
static int array(struct jp *j, struct arr *a)
{
	size_t n = 0;

	if (a->len > 0)
		a->text[0] = '\0';
	j->p++; /* '[' */
	for (;;) {
		char item[256];

		ws(j);
		if (*j->p == ']') {
			j->p++;
			return 0;
		}
		if (string(j, item, sizeof item) != 0)
			return -1;
		if (a->len > 0 && n + strlen(item) + 2 < a->len)
			n += (size_t)snprintf(a->text + n, a->len - n, "%s\n", item);
		ws(j);
		if (*j->p == ',')
			j->p++;
		else if (*j->p != ']')
			return fail(j, "',' or ']' in an array");
	}
}

/* A flat object of strings and numbers, and at most one array of strings
 * (into *a); keys beyond KV_MAX are read and dropped. */
static int object(struct jp *j, struct kv *kv, int *nkv, struct arr *a)
{
	*nkv = 0;
	ws(j);
	if (*j->p != '{')
		return fail(j, "'{'");
	j->p++;
	for (;;) {
		struct kv tmp, *dst = *nkv < KV_MAX ? &kv[*nkv] : &tmp;

		ws(j);
		if (*j->p == '}') {
			j->p++;
			return 0;
		}
		if (string(j, dst->key, sizeof dst->key) != 0)
			return -1;
		ws(j);
		if (*j->p != ':')
			return fail(j, "':'");
		j->p++;
		ws(j);
		if (*j->p == '[') {
			struct arr none = { NULL, 0 };

			if (array(j, a != NULL ? a : &none) != 0)
				return -1;
		} else {
			if (value(j, dst->val, sizeof dst->val) != 0)
				return -1;
			if (dst != &tmp)
				(*nkv)++;
		}
		ws(j);
		if (*j->p == ',')
			j->p++;
	}
}

/* src into dst[len], cut short when longer. */
static void copy(char *dst, size_t len, const char *src)
{
	size_t n = strlen(src);

	if (n >= len)
		n = len - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static const char *get(const struct kv *kv, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (strcmp(kv[i].key, key) == 0)
			return kv[i].val;
	return "";
}

static int meta(struct jp *j, struct results *r)
{
	struct kv kv[KV_MAX];
	int n;

	if (object(j, kv, &n, NULL) != 0)
		return -1;
	for (int i = 0; i < n && r->nmeta < RESULTS_MAX_META; i++, r->nmeta++) {
		copy(r->meta[r->nmeta].key, sizeof r->meta[0].key, kv[i].key);
		copy(r->meta[r->nmeta].val, sizeof r->meta[0].val, kv[i].val);
	}
	return 0;
}

static int add_row(struct results *r, const struct kv *kv, int n, const char *trail)
{
	struct results_row *row;
	const char *v = get(kv, n, "verdict");

	if (r->n == r->cap) {
		int cap = r->cap ? 2 * r->cap : 256;
		struct results_row *p = realloc(r->row, (size_t)cap * sizeof *p);

		if (p == NULL)
			return -1;
		r->row = p;
		r->cap = cap;
	}
	row = &r->row[r->n++];
	memset(row, 0, sizeof *row);
	copy(row->scenario, sizeof row->scenario, get(kv, n, "scenario"));
	copy(row->labels, sizeof row->labels, get(kv, n, "labels"));
	copy(row->stack, sizeof row->stack, get(kv, n, "target"));
	copy(row->profile, sizeof row->profile, get(kv, n, "profile"));
	copy(row->title, sizeof row->title, get(kv, n, "title"));
	copy(row->message, sizeof row->message, get(kv, n, "message"));
	copy(row->expected, sizeof row->expected, get(kv, n, "expected"));
	copy(row->observed, sizeof row->observed, get(kv, n, "observed"));
	copy(row->rule, sizeof row->rule, get(kv, n, "rule"));
	copy(row->section, sizeof row->section, get(kv, n, "section"));
	copy(row->target_state, sizeof row->target_state, get(kv, n, "target_state"));
	copy(row->pcap, sizeof row->pcap, get(kv, n, "pcap"));
	copy(row->trail, sizeof row->trail, trail);
	row->line = atoi(get(kv, n, "line"));
	row->family = atoi(get(kv, n, "family"));
	row->verdict = -1;
	for (int k = 0; k < RESULTS_NVERDICTS; k++)
		if (strcmp(v, verdicts[k]) == 0)
			row->verdict = k;
	return 0;
}

static int rows(struct jp *j, struct results *r)
{
	struct kv kv[KV_MAX];
	int n;

	ws(j);
	if (*j->p != '[')
		return fail(j, "'[' after \"results\"");
	for (j->p++;;) {
		ws(j);
		if (*j->p == ']') {
			j->p++;
			return 0;
		}
		static char trail[RESULTS_TRAIL_MAX];
		struct arr a = { trail, sizeof trail };

		trail[0] = '\0';
		if (object(j, kv, &n, &a) != 0)
			return -1;
		if (add_row(r, kv, n, trail) != 0) {
			snprintf(j->err, j->errlen, "%s: out of memory", j->path);
			return -1;
		}
		ws(j);
		if (*j->p == ',')
			j->p++;
	}
}

static int parse(struct jp *j, struct results *r)
{
	bool seen = false;
	char key[48];

	ws(j);
	if (*j->p != '{')
		return fail(j, "{\"results\": [");
	for (j->p++;;) {
		const char *at;

		ws(j);
		if (*j->p == '}')
			return seen ? 0 : fail(j, "\"results\"");
		at = j->p;
		if (string(j, key, sizeof key) != 0)
			return -1;
		ws(j);
		if (*j->p != ':')
			return fail(j, "':'");
		j->p++;
		if (strcmp(key, "meta") == 0) {
			if (meta(j, r) != 0)
				return -1;
		} else if (strcmp(key, "results") == 0) {
			if (rows(j, r) != 0)
				return -1;
			seen = true;
		} else {
			j->p = at;
			return fail(j, "\"meta\" or \"results\"");
		}
		ws(j);
		if (*j->p == ',')
			j->p++;
	}
}

int results_load(struct results *r, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	static char text[1 << 23];
	struct jp j = { text, path, err, errlen };
	size_t len;

	copy(r->path, sizeof r->path, path);
	if (f == NULL) {
		snprintf(err, errlen, "%s: cannot read", path);
		return -1;
	}
	len = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[len] = '\0';
	return parse(&j, r);
}

void results_free(struct results *r)
{
	free(r->row);
	memset(r, 0, sizeof *r);
}

const char *results_meta(const struct results *r, const char *key)
{
	for (int i = 0; i < r->nmeta; i++)
		if (strcmp(r->meta[i].key, key) == 0)
			return r->meta[i].val;
	return "";
}

void results_scenario_name(const char *path, char *out, size_t len)
{
	const char *b = strrchr(path, '/');
	size_t n;

	b = b != NULL ? b + 1 : path;
	n = strlen(b);
	if (n > 4 && strcmp(b + n - 4, ".scn") == 0)
		n -= 4;
	if (n >= len)
		n = len - 1;
	memcpy(out, b, n);
	out[n] = '\0';
}

void results_run_name(const struct results *r, char *out, size_t len)
{
	const char *t = results_meta(r, "target");
	const char *b = strrchr(r->path, '/');
	size_t n;

	if (t[0] != '\0') {
		snprintf(out, len, "%s", t);
		return;
	}
	b = b != NULL ? b + 1 : r->path;
	n = strcspn(b, ".");
	snprintf(out, len, "%.*s", (int)n, b);
}

const char *results_own_profile(const struct results *r)
{
	const char *p = results_meta(r, "profile");

	return p[0] != '\0' || r->n == 0 ? p : r->row[0].profile;
}
