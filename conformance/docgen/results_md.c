/*
 * results_md.c - docs/matrix.md: recorded runs side by side (results.h).
 * One column per run file, one row per scenario; a cell is the verdict
 * against the target's own profile / against rfc9293, over IPv4 and IPv6
 * ("v4 ...; v6 ..." where they differ).  Everything comes from the files:
 * no clock, no environment, so the page is as reproducible as they are.
 */
#include "docgen/results.h"

#include <stdlib.h>
#include <string.h>

#include "base/markup.h"

#define MAX_SCENARIOS 512
#define STRICT "rfc9293"

/* "conformance/scenarios/rst-listen.scn" -> "rst-listen" */
static void scenario_name(const char *path, char *out, size_t len)
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

/* The column's name: meta "target", else the file's name. */
static void run_name(const struct results *r, char *out, size_t len)
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

static const char *own_profile(const struct results *r)
{
	const char *p = results_meta(r, "profile");

	return p[0] != '\0' || r->n == 0 ? p : r->row[0].profile;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

/* Every scenario of every run, sorted, once. */
static int collect(const struct results *runs, int nruns, char (*names)[96])
{
	int n = 0;

	for (int k = 0; k < nruns; k++)
		for (int i = 0; i < runs[k].n; i++) {
			char name[96];
			int seen = 0;

			scenario_name(runs[k].row[i].scenario, name, sizeof name);
			for (int j = 0; j < n && !seen; j++)
				seen = strcmp(names[j], name) == 0;
			if (!seen && n < MAX_SCENARIOS)
				memcpy(names[n++], name, sizeof name);
		}
	qsort(names, (size_t)n, sizeof names[0], cmp_str);
	return n;
}

/* The verdict of scenario NAME over FAMILY under PROFILE, or -1. */
static int verdict(const struct results *r, const char *name, int family, const char *profile)
{
	for (int i = 0; i < r->n; i++) {
		char n[96];

		if (r->row[i].family != family || strcmp(r->row[i].profile, profile) != 0)
			continue;
		scenario_name(r->row[i].scenario, n, sizeof n);
		if (strcmp(n, name) == 0)
			return r->row[i].verdict;
	}
	return -1;
}

static const char *vname(int v)
{
	return v < 0 ? "-" : results_verdict_name(v);
}

/* "OWN / STRICT" for one family, or "" when the run has neither. */
static void family_cell(const struct results *r, const char *name, int family, char *out,
			size_t len)
{
	int own = verdict(r, name, family, own_profile(r));
	int strict = verdict(r, name, family, STRICT);

	if (own < 0 && strict < 0)
		out[0] = '\0';
	else
		snprintf(out, len, "%s / %s", vname(own), vname(strict));
}

static void cell(FILE *f, const struct results *r, const char *name)
{
	char v4[32], v6[32];

	family_cell(r, name, 4, v4, sizeof v4);
	family_cell(r, name, 6, v6, sizeof v6);
	if (strcmp(v4, v6) == 0)
		fprintf(f, " %s |", v4[0] ? v4 : "-");
	else if (v4[0] == '\0' || v6[0] == '\0')
		fprintf(f, " v%d only: %s |", v4[0] ? 4 : 6, v4[0] ? v4 : v6);
	else
		fprintf(f, " v4 %s; v6 %s |", v4, v6);
}

static void totals(FILE *f, const struct results *r, const char *profile)
{
	int n[RESULTS_NVERDICTS] = { 0 };

	for (int i = 0; i < r->n; i++)
		if (r->row[i].verdict >= 0 && strcmp(r->row[i].profile, profile) == 0)
			n[r->row[i].verdict]++;
	fprintf(f, " %d PASS, %d FAIL, %d ERROR, %d SKIP |", n[RESULTS_PASS], n[RESULTS_FAIL],
		n[RESULTS_ERROR], n[RESULTS_SKIP]);
}

static void meta_cell(FILE *f, const struct results *r, const char *key)
{
	const char *v = results_meta(r, key);

	fputs(" ", f);
	mk_md(f, v[0] ? v : "-");
	fputs(" |", f);
}

static void runs_table(FILE *f, const struct results *runs, int nruns)
{
	fputs("| Target | Stack | Own profile | Recorded (UTC) | Kernel | Debian package | tcpspec commit |\n"
	      "|---|---|---|---|---|---|---|\n", f);
	for (int k = 0; k < nruns; k++) {
		char name[64];

		run_name(&runs[k], name, sizeof name);
		fputs("| ", f);
		mk_md(f, name);
		fputs(" | ", f);
		mk_md(f, runs[k].n > 0 ? runs[k].row[0].stack : "-");
		fputs(" | ", f);
		mk_md(f, own_profile(&runs[k]));
		fputs(" |", f);
		meta_cell(f, &runs[k], "date");
		meta_cell(f, &runs[k], "kernel");
		meta_cell(f, &runs[k], "package");
		meta_cell(f, &runs[k], "tcpspec");
		fputc('\n', f);
	}
	fputs("\n| Target | Against its own profile | Against rfc9293 |\n|---|---|---|\n", f);
	for (int k = 0; k < nruns; k++) {
		char name[64];

		run_name(&runs[k], name, sizeof name);
		fputs("| ", f);
		mk_md(f, name);
		fputs(" |", f);
		totals(f, &runs[k], own_profile(&runs[k]));
		totals(f, &runs[k], STRICT);
		fputc('\n', f);
	}
}

void results_md_matrix(FILE *f, const struct results *runs, int nruns)
{
	static char names[MAX_SCENARIOS][96];
	int n = collect(runs, nruns, names);

	fputs("# Conformance matrix\n\n"
	      "Generated by `tcpspec docs` (`make docs`) from the runs recorded in\n"
	      "`conformance/results/` (`make results` records them again, as root); do not edit.\n"
	      "Each cell is the verdict of a scenario of `conformance/scenarios/` against the\n"
	      "target's own profile / against `rfc9293` (RFC 9293 alone), over IPv4 and IPv6\n"
	      "(`v4 ...; v6 ...` where they differ). A SKIP is a scenario for other profiles, or an\n"
	      "application call the stack cannot make (ENOSYS). Why lwIP and libslirp FAIL:\n"
	      "[conformance/TARGETS.md](../conformance/TARGETS.md), sections 9 and 10; where Linux\n"
	      "departs from the strict RFC: the `linux` profile's switches, [profiles.md](profiles.md).\n\n"
	      "## The runs\n\n", f);
	runs_table(f, runs, nruns);
	fputs("\n## The scenarios\n\n| Scenario |", f);
	for (int k = 0; k < nruns; k++) {
		char name[64];

		run_name(&runs[k], name, sizeof name);
		fputs(" ", f);
		mk_md(f, name);
		fputs(" |", f);
	}
	fputs("\n|---|", f);
	for (int k = 0; k < nruns; k++)
		fputs("---|", f);
	fputc('\n', f);
	for (int i = 0; i < n; i++) {
		fprintf(f, "| [%s](../conformance/scenarios/%s.scn) |", names[i], names[i]);
		for (int k = 0; k < nruns; k++)
			cell(f, &runs[k], names[i]);
		fputc('\n', f);
	}
}
