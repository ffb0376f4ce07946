/*
 * results_departures.c - docs/departures.md: a stack's departures from RFC
 * 9293, as a stack author can file them.  From each recorded run (results.h)
 * the scenarios that FAIL against rfc9293, grouped by the requirement label
 * they show (the label of the model's rule at the divergence, else the
 * scenario's own labels, else the RFC section), each with the RFC sentence
 * (requirements.tsv's summary), the scenario, what the model expected and
 * what the stack sent, the states then, the exchange up to the divergence
 * and the pcap; and whether the stack's own profile describes it (the
 * scenario passes against that profile).  Everything comes from the files.
 */
#include "docgen/results.h"

#include <stdlib.h>
#include <string.h>

#include "base/markup.h"
#include "docgen/reqs.h"
#include "scenario/text.h"

#define MAX_DEPS 256

/* One scenario that FAILs against rfc9293 (both families in one). */
struct dep {
	char name[96];
	const struct results_row *fail[2];   /* v4, v6; NULL where it did not FAIL */
	int own;                             /* worst verdict against the own profile, -1 */
	char key[24];                        /* "MUST-10", or "RFC 9293 3.10.7.4" */
	int order;                           /* labels in RFC order, then sections */
};

/* The own profile describes what the stack did: the scenario passes
 * against it, or is not for it (its switches predict another outcome; a
 * SKIP for a call the stack cannot make would SKIP against rfc9293 too). */
static bool described(int own)
{
	return own == RESULTS_PASS || own == RESULTS_SKIP;
}

/* The worst verdict (FAIL > ERROR > SKIP > PASS) of scenario name under
 * profile, or -1 when the run has none. */
static int worst(const struct results *r, const char *name, const char *profile)
{
	static const int rank[RESULTS_NVERDICTS] = { 0, 3, 2, 1 };
	int w = -1;

	for (int i = 0; i < r->n; i++) {
		char n[96];
		int v = r->row[i].verdict;

		if (v < 0 || strcmp(r->row[i].profile, profile) != 0)
			continue;
		results_scenario_name(r->row[i].scenario, n, sizeof n);
		if (strcmp(n, name) == 0 && (w < 0 || rank[v] > rank[w]))
			w = v;
	}
	return w;
}

/* The label a FAIL shows: its rule's, else the first the scenario says it
 * checks, else the rule's section ("RFC 9293 3.10.7.4"). */
static void key_of(const struct results_row *row, char *key, size_t len, int *order)
{
	enum tcp_rule rule;
	const char *labels = "";
	char label[24] = "";

	if (txt_rule_parse(row->rule, &rule) == 0)
		labels = tcp_rule_label(rule);
	if (labels[0] == '\0')
		labels = row->labels;
	snprintf(label, sizeof label, "%.*s", (int)strcspn(labels, " ,"), labels);
	if (label[0] != '\0' && req_index(label) >= 0) {
		snprintf(key, len, "%s", label);
		*order = req_index(label);
		return;
	}
	snprintf(key, len, "%.*s", (int)strcspn(row->section, ",("), row->section);
	while (strlen(key) > 0 && key[strlen(key) - 1] == ' ')
		key[strlen(key) - 1] = '\0';
	if (key[0] == '\0')
		snprintf(key, len, "(no section)");
	*order = REQ_N;
}

static int cmp_dep(const void *a, const void *b)
{
	const struct dep *x = a, *y = b;
	int c = x->order - y->order;

	if (c == 0)
		c = strcmp(x->key, y->key);
	return c != 0 ? c : strcmp(x->name, y->name);
}

/* The FAILs of run r against rfc9293, one per scenario, sorted by key. */
static int collect(const struct results *r, struct dep *d, int max)
{
	int n = 0;

	for (int i = 0; i < r->n; i++) {
		const struct results_row *row = &r->row[i];
		char name[96];
		int k;

		if (row->verdict != RESULTS_FAIL || strcmp(row->profile, RESULTS_STRICT) != 0)
			continue;
		results_scenario_name(row->scenario, name, sizeof name);
		for (k = 0; k < n && strcmp(d[k].name, name) != 0; k++)
			;
		if (k == n) {
			if (n == max)
				continue;
			memset(&d[n], 0, sizeof d[n]);
			snprintf(d[n].name, sizeof d[n].name, "%s", name);
			key_of(row, d[n].key, sizeof d[n].key, &d[n].order);
			d[n].own = strcmp(results_own_profile(r), RESULTS_STRICT) == 0
					   ? RESULTS_FAIL : worst(r, name, results_own_profile(r));
			n++;
		}
		d[k].fail[row->family == 6] = row;
	}
	qsort(d, (size_t)n, sizeof *d, cmp_dep);
	return n;
}

static void code_line(FILE *f, const char *label, const char *text)
{
	fprintf(f, "- %s: `", label);
	for (const char *p = text; *p; p++)
		fputc(*p == '`' ? '\'' : *p, f);
	fputs("`\n", f);
}

static void one(FILE *f, const struct results *r, const struct dep *d)
{
	const struct results_row *row = d->fail[0] != NULL ? d->fail[0] : d->fail[1];
	const char *own = results_own_profile(r);
	enum tcp_rule rule;

	fprintf(f, "#### [%s](../conformance/scenarios/%s.scn)\n\n", d->name, d->name);
	mk_md(f, row->title);
	fprintf(f, ".  FAILs over %s at line %d", d->fail[0] && d->fail[1] ? "IPv4 and IPv6"
		: d->fail[0] ? "IPv4" : "IPv6", row->line);
	if (row->rule[0] != '\0') {
		fputs(", where the model applies `", f);
		mk_md(f, row->rule);
		fputs("` (", f);
		mk_md(f, row->section);
		fputc(')', f);
	}
	fputs(".", f);
	if (txt_rule_parse(row->rule, &rule) == 0) {
		fputs("  The model's rule: ", f);
		mk_md(f, tcp_rule_summary(rule));
		fputc('.', f);
	}
	if (row->labels[0] != '\0') {
		fputs("  The scenario checks ", f);
		mk_md(f, row->labels);
		fputc('.', f);
	}
	fputs("\n\n", f);
	code_line(f, "Expected", row->expected);
	code_line(f, "Observed", row->observed);
	if (row->target_state[0] != '\0') {
		fputs("- The stack then in ", f);
		mk_md(f, row->target_state);
		fputc('\n', f);
	}
	if (strcmp(own, RESULTS_STRICT) == 0)
		fprintf(f, "- Its own profile is `%s`: nothing describes the departure\n", own);
	else if (d->own == RESULTS_PASS)
		fprintf(f, "- Described by its own profile `%s`: PASS against it "
			"([profiles.md](profiles.md) has the switch)\n", own);
	else if (d->own == RESULTS_SKIP)
		fprintf(f, "- Described by its own profile `%s`: the scenario is not for it, its "
			"switches predict another outcome ([profiles.md](profiles.md))\n", own);
	else
		fprintf(f, "- Not described by its own profile `%s` (%s against it)\n", own,
			d->own < 0 ? "not run" : results_verdict_name(d->own));
	for (int fam = 0; fam < 2; fam++)
		if (d->fail[fam] != NULL && d->fail[fam]->pcap[0] != '\0')
			fprintf(f, "- pcap, IPv%d: [%s](../%s)\n", fam ? 6 : 4,
				strrchr(d->fail[fam]->pcap, '/') ? strrchr(d->fail[fam]->pcap, '/') + 1
								 : d->fail[fam]->pcap,
				d->fail[fam]->pcap);
	if (row->trail[0] != '\0')
		fprintf(f, "\n<details><summary>The exchange up to line %d</summary>\n\n```\n%s```\n\n"
			"</details>\n", row->line, row->trail);
	fputc('\n', f);
}

/* The RFC sentence behind key: requirements.tsv's summary of a label. */
static void heading(FILE *f, const char *key, const struct reqs *q)
{
	int i = req_index(key);

	fprintf(f, "### %s", key);
	if (i >= 0 && q != NULL && q->r[i].summary[0] != '\0') {
		fputs(": ", f);
		mk_md(f, q->r[i].summary);
		fprintf(f, " (RFC 9293 %s)", q->r[i].section);
	} else if (i < 0) {
		fputs(" (a sentence without a requirement label)", f);
	}
	fputs("\n\n", f);
}

static void run_section(FILE *f, const struct results *r, const struct reqs *q)
{
	static struct dep d[MAX_DEPS];
	char name[64];
	int n = collect(r, d, MAX_DEPS), ndescribed = 0;

	results_run_name(r, name, sizeof name);
	fputs("## ", f);
	mk_md(f, name);
	fputs(" (", f);
	mk_md(f, r->n > 0 ? r->row[0].stack : "-");
	fputs(")\n\n", f);
	for (int i = 0; i < n; i++)
		ndescribed += described(d[i].own) && strcmp(results_own_profile(r), RESULTS_STRICT) != 0;
	fprintf(f, "%d scenario(s) FAIL against `%s`; the stack's own profile `%s` describes %d "
		"of them, %d are departures no switch of the model describes.\n\n", n,
		RESULTS_STRICT, results_own_profile(r), ndescribed, n - ndescribed);
	for (int i = 0; i < n; i++) {
		if (i == 0 || strcmp(d[i].key, d[i - 1].key) != 0)
			heading(f, d[i].key, q);
		one(f, r, &d[i]);
	}
}

void results_md_departures(FILE *f, const struct results *runs, int nruns,
			   const struct reqs *q)
{
	fputs("# Departures from RFC 9293\n\n"
	      "Generated by `tcpspec docs` (`make docs`) from the runs recorded in\n"
	      "`conformance/results/` (`make results` records them again, as root); do not edit.\n"
	      "For each stack, every scenario of the corpus that FAILs against the profile\n"
	      "`rfc9293` (RFC 9293 alone, read strictly) is a departure from the RFC, grouped by\n"
	      "the requirement label it shows (the label of the model's rule at the divergence,\n"
	      "else the scenario's own) with the RFC sentence (the summary of\n"
	      "[conformance/requirements.tsv](../conformance/requirements.tsv)), or by the RFC\n"
	      "section where the sentence has no label.  Each gives what the model expected and\n"
	      "what the stack sent (sequence numbers relative to each side's ISS, `raw:N` where a\n"
	      "number is outside the connection), the stack's state then, the exchange up to\n"
	      "there and the pcap.  \"Described by its own profile\": the scenario passes against\n"
	      "the stack's profile, whose switch names the choice with its source and RFC status\n"
	      "([profiles.md](profiles.md)); \"not described\": it fails there too, a departure\n"
	      "no switch of the model covers (conformance/TARGETS.md explains each with its\n"
	      "source).\n\n## The runs\n\n", f);
	results_md_runs(f, runs, nruns);
	fputc('\n', f);
	for (int k = 0; k < nruns; k++)
		run_section(f, &runs[k], q);
}
