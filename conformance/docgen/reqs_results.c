/*
 * reqs_results.c - the verdicts of a recorded run for the traceability
 * page: reads what report_json() writes, {"results": [{"labels": ...,
 * "target": ..., "profile": ..., "verdict": ...}, ...]}, with a reader
 * for exactly that shape (flat objects of strings and numbers).
 */
#include "docgen/reqs.h"

#include <ctype.h>
#include <string.h>

#define KV_MAX 24

struct kv {
	char key[24];
	char val[256];
};

struct jp {
	const char *p;
	const char *path;
	char *err;
	size_t errlen;
};

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

static int object(struct jp *j, struct kv *kv, int *nkv)
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
		if (value(j, dst->val, sizeof dst->val) != 0)
			return -1;
		if (dst != &tmp)
			(*nkv)++;
		ws(j);
		if (*j->p == ',')
			j->p++;
	}
}

static const char *get(const struct kv *kv, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (strcmp(kv[i].key, key) == 0)
			return kv[i].val;
	return "";
}

static struct req_target *target(struct reqs *q, const char *name)
{
	for (int i = 0; i < q->ntargets; i++)
		if (strcmp(q->t[i].name, name) == 0)
			return &q->t[i];
	if (q->ntargets == REQ_MAX_TARGETS)
		return NULL;
	memset(&q->t[q->ntargets], 0, sizeof q->t[0]);
	snprintf(q->t[q->ntargets].name, sizeof q->t[0].name, "%s", name);
	return &q->t[q->ntargets++];
}

static void count(struct reqs *q, const struct kv *kv, int n)
{
	static const char *const names[RQ_NVERDICTS] = { "PASS", "FAIL", "ERROR", "SKIP" };
	char name[96], labels[256], *tok, *save = NULL;
	struct req_target *t;
	int v = -1;

	for (int k = 0; k < RQ_NVERDICTS; k++)
		if (strcmp(get(kv, n, "verdict"), names[k]) == 0)
			v = k;
	snprintf(name, sizeof name, "%.40s, profile %.30s", get(kv, n, "target"),
		 get(kv, n, "profile"));
	t = target(q, name);
	if (v < 0 || t == NULL)
		return;
	snprintf(labels, sizeof labels, "%s", get(kv, n, "labels"));
	for (tok = strtok_r(labels, " ,;", &save); tok; tok = strtok_r(NULL, " ,;", &save)) {
		int i = req_index(tok);

		if (i >= 0)
			t->n[i][v]++;
	}
}

int reqs_results(struct reqs *q, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	static char text[1 << 22];
	struct kv kv[KV_MAX];
	struct jp j = { text, path, err, errlen };
	size_t len;

	if (f == NULL) {
		snprintf(err, errlen, "%s: cannot read", path);
		return -1;
	}
	len = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[len] = '\0';
	j.p = strstr(text, "\"results\"");
	j.p = j.p != NULL ? strchr(j.p, '[') : NULL;
	if (j.p == NULL) {
		j.p = text;
		return fail(&j, "{\"results\": [");
	}
	for (j.p++;;) {
		int n;

		ws(&j);
		if (*j.p == ']')
			return 0;
		if (object(&j, kv, &n) != 0)
			return -1;
		count(q, kv, n);
		ws(&j);
		if (*j.p == ',')
			j.p++;
	}
}
