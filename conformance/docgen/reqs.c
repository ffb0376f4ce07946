/*
 * reqs.c - the requirement labels and what covers them (reqs.h): the table
 * of requirements.tsv, the labels of the model's rules, citations in tests
 * and scenarios, the verdicts of a recorded run.
 */
#include "docgen/reqs.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* RFC 9293 2.1 and Appendix B: how many labels of each kind there are. */
static const struct {
	const char *kind;
	int count, first;
} kinds[] = {
	{ "MUST", 69, 0 }, { "SHLD", 31, 69 }, { "MAY", 18, 100 }, { "REC", 1, 118 },
};

int req_index(const char *label)
{
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		size_t n = strlen(kinds[k].kind);
		char *end;
		long v;

		if (strncmp(label, kinds[k].kind, n) != 0 || label[n] != '-' ||
		    !isdigit((unsigned char)label[n + 1]))
			continue;
		v = strtol(label + n + 1, &end, 10);
		if (*end != '\0' || v < 1 || v > kinds[k].count)
			return -1;
		return kinds[k].first + (int)v - 1;
	}
	return -1;
}

void reqs_init(struct reqs *q)
{
	memset(q, 0, sizeof *q);
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		for (int v = 1; v <= kinds[k].count; v++)
			snprintf(q->r[kinds[k].first + v - 1].label, sizeof q->r[0].label,
				 "%s-%d", kinds[k].kind, v);
}

bool req_unlisted(const struct req *r)
{
	return !r->listed || (strcmp(r->scope, "model") != 0 &&
			      strncmp(r->scope, "out of scope: ", 14) != 0);
}

bool req_uncovered(const struct req *r)
{
	return strcmp(r->scope, "model") == 0 && r->nrules == 0 && r->ncites == 0;
}

/* The next label in s: "MUST-12" standing alone (not "XMUST-1", not
 * "MUST-1a").  Returns a pointer past it, or NULL; out gets the text. */
static const char *next_label(const char *s, const char *start, char *out,
			      size_t outlen)
{
	for (; *s; s++) {
		const char *p = s;
		size_t n = 0;

		if (s > start && (isalnum((unsigned char)s[-1]) || s[-1] == '_' || s[-1] == '-'))
			continue;
		while (isupper((unsigned char)*p))
			p++;
		if (p == s || *p != '-' || !isdigit((unsigned char)p[1]))
			continue;
		for (p++; isdigit((unsigned char)*p); p++)
			;
		if (isalnum((unsigned char)*p) || *p == '_')
			continue;
		n = (size_t)(p - s);
		if (n + 1 > outlen || (strncmp(s, "MUST-", 5) && strncmp(s, "SHLD-", 5) &&
				       strncmp(s, "MAY-", 4) && strncmp(s, "REC-", 4)))
			continue;
		memcpy(out, s, n);
		out[n] = '\0';
		return p;
	}
	return NULL;
}

static char *field(char **line)
{
	char *f = *line, *tab;

	if (f == NULL)
		return NULL;
	tab = strchr(f, '\t');
	if (tab != NULL)
		*tab++ = '\0';
	*line = tab;
	return f;
}

static int load_line(struct reqs *q, char *line, const char *tsv, int lineno,
		     char *err, size_t errlen)
{
	char *label = field(&line), *section = field(&line), *scope = field(&line);
	char *summary = field(&line);
	int i = label ? req_index(label) : -1;

	if (summary == NULL || i < 0) {
		snprintf(err, errlen, "%s:%d: expected label<TAB>section<TAB>scope<TAB>summary "
			 "with a label of RFC 9293 (MUST-1..69, SHLD-1..31, MAY-1..18, REC-1), got '%.40s'",
			 tsv, lineno, label ? label : "");
		return -1;
	}
	if (q->r[i].listed) {
		snprintf(err, errlen, "%s:%d: %s is listed twice", tsv, lineno, label);
		return -1;
	}
	q->r[i].listed = true;
	snprintf(q->r[i].section, sizeof q->r[i].section, "%s", section);
	snprintf(q->r[i].scope, sizeof q->r[i].scope, "%s", scope);
	snprintf(q->r[i].summary, sizeof q->r[i].summary, "%s", summary);
	return 0;
}

int reqs_load(struct reqs *q, const char *tsv, char *err, size_t errlen)
{
	FILE *f = fopen(tsv, "r");
	char line[1024];
	int lineno = 0;

	if (f == NULL) {
		snprintf(err, errlen, "%s: cannot read: %s", tsv, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (load_line(q, line, tsv, lineno, err, errlen) != 0) {
			fclose(f);
			return -1;
		}
	}
	fclose(f);
	return 0;
}

static void add_rule(struct req *r, enum tcp_rule rule)
{
	for (int i = 0; i < r->nrules; i++)
		if (r->rules[i] == rule)
			return;
	if (r->nrules < REQ_MAX_RULES)
		r->rules[r->nrules++] = rule;
}

void reqs_rules(struct reqs *q)
{
	for (int rule = 0; rule < TCP_NRULES; rule++) {
		const char *s = tcp_rule_label((enum tcp_rule)rule), *p = s;
		char label[16];

		while ((p = next_label(p, s, label, sizeof label)) != NULL) {
			int i = req_index(label);

			if (i >= 0)
				add_rule(&q->r[i], (enum tcp_rule)rule);
		}
	}
}

/* --- citations ----------------------------------------------------------- */

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The Check test a citation on line i belongs to: one that starts within
 * the next three lines (a comment above it), or the one it is inside. */
static void test_at(char **lines, int n, int i, char name[64])
{
	name[0] = '\0';
	for (int k = i; k < n && k <= i + 3; k++)
		if (sscanf(lines[k], " START_TEST ( %63[A-Za-z0-9_]", name) == 1)
			return;
	for (int k = i; k >= 0; k--) {
		if (strstr(lines[k], "END_TEST") != NULL && k != i)
			return;
		if (sscanf(lines[k], " START_TEST ( %63[A-Za-z0-9_]", name) == 1)
			return;
	}
	name[0] = '\0';
}

static void add_cite(struct reqs *q, int i, const char *path, const char *test)
{
	struct req *r = &q->r[i];

	for (int k = 0; k < r->ncites; k++)
		if (strcmp(r->cites[k].file, path) == 0 && strcmp(r->cites[k].test, test) == 0)
			return;
	if (r->ncites == REQ_MAX_CITES) {
		r->more_cites++;
		return;
	}
	snprintf(r->cites[r->ncites].file, sizeof r->cites[0].file, "%s", path);
	snprintf(r->cites[r->ncites].test, sizeof r->cites[0].test, "%s", test);
	r->cites[r->ncites++].scenario = ends_with(path, ".scn");
}

static void cite_line(struct reqs *q, const char *path, char **lines, int n, int i)
{
	const char *p = lines[i];
	char label[16], test[64];

	while ((p = next_label(p, lines[i], label, sizeof label)) != NULL) {
		int k = req_index(label);

		if (k < 0) {
			if (q->nunknown < REQ_MAX_UNKNOWN)
				snprintf(q->unknown[q->nunknown++], sizeof q->unknown[0],
					 "%.120s:%d: %s", path, i + 1, label);
			continue;
		}
		test[0] = '\0';
		if (!ends_with(path, ".scn"))
			test_at(lines, n, i, test);
		add_cite(q, k, path, test);
	}
}

static char *slurp(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;

	if (f == NULL) {
		snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		if (n + 4096 + 1 > cap) {
			char *b = realloc(buf, cap = cap * 2 + 8192);

			if (b == NULL)
				break;
			buf = b;
		}
		size_t got = fread(buf + n, 1, cap - n - 1, f);

		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	if (buf != NULL)
		buf[n] = '\0';
	else
		snprintf(err, errlen, "%s: out of memory", path);
	return buf;
}

int reqs_cite(struct reqs *q, const char *path, char *err, size_t errlen)
{
	char *text = slurp(path, err, errlen), **lines = NULL, *p;
	int n = 0, cap = 0;

	if (text == NULL)
		return -1;
	for (p = text; p != NULL; ) {
		char *nl = strchr(p, '\n');

		if (n == cap) {
			char **l = realloc(lines, (size_t)(cap = cap * 2 + 256) * sizeof *l);

			if (l == NULL)
				break;
			lines = l;
		}
		if (nl != NULL)
			*nl++ = '\0';
		lines[n++] = p;
		p = nl;
	}
	for (int i = 0; i < n; i++)
		cite_line(q, path, lines, n, i);
	free(lines);
	free(text);
	return 0;
}
