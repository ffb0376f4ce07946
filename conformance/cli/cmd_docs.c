/*
 * cmd_docs.c - `tcpspec seqdiag` (a sequence diagram produced by running
 * the model) and `tcpspec docs` (the generated pages of docs/).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "docgen/diagram.h"
#include "docgen/docs_pages.h"
#include "docgen/reqs.h"
#include "docgen/results.h"
#include "docgen/seqsim.h"
#include "profiles/profile.h"
#include "cli/cli.h"

static const char seqdiag_help[] =
"usage: tcpspec seqdiag [--profile P | --profile-file F] [--format svg|text] NAME\n"
"       tcpspec seqdiag --list\n"
"\n"
"A sequence diagram produced by running the model: two instances of the\n"
"model, peers A (ISS 100) and B (ISS 300), each one's segments delivered to\n"
"the other in the order the named sequence gives; every segment, sequence\n"
"number and state is the model's output.  NAME is one of handshake, close,\n"
"simultaneous-open, simultaneous-close.\n"
"  --profile  rfc9293 (default), rfc9293-5961, linux, lwip, bsd\n"
"  --profile-file  a profile file (tcpspec profile show NAME writes one)\n"
"  --format   svg (default: an SVG document) or text (the RFC's notation)\n"
"  --list     print the names, one a line\n";

int cmd_seqdiag(int argc, char **argv)
{
	static struct sq_diagram d;
	static struct profile_def p;
	const char *fmt = "svg", *name = NULL;
	char err[256];
	bool given = false;
	int i;

	profile_builtin(TCP_PROFILE_RFC9293, &p);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(seqdiag_help, stdout);
			return EXIT_PASS;
		} else if (strcmp(argv[i], "--list") == 0) {
			for (int k = 0; k < seqsim_count(); k++)
				printf("%s\n", seqsim_name(k));
			return EXIT_PASS;
		} else if (strcmp(argv[i], "--profile") == 0 || strcmp(argv[i], "--profile-file") == 0) {
			int rc = cli_profile("seqdiag", argv[i], i + 1 < argc ? argv[i + 1] : NULL, &p,
					     &given);

			if (rc != 0)
				return rc;
			i++;
		} else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			fmt = argv[++i];
			if (strcmp(fmt, "svg") != 0 && strcmp(fmt, "text") != 0) {
				fprintf(stderr, "tcpspec seqdiag: expected a format svg|text, got '%s'\n", fmt);
				return EXIT_USAGE;
			}
		} else if (argv[i][0] != '-' && name == NULL) {
			name = argv[i];
		} else {
			fprintf(stderr, "tcpspec seqdiag: expected --profile P, --profile-file F, --format F or a NAME, got '%s'\n", argv[i]);
			return EXIT_USAGE;
		}
	}
	if (name == NULL || seqsim_find(name) < 0) {
		fprintf(stderr, "tcpspec seqdiag: expected a sequence (tcpspec seqdiag --list), got '%s'\n",
			name ? name : "");
		return EXIT_USAGE;
	}
	if (seqsim_run(seqsim_find(name), &p.tcp, &d, err, sizeof err) != 0) {
		fprintf(stderr, "tcpspec seqdiag: %s: %s\n", name, err);
		return EXIT_FAIL;
	}
	if (strcmp(fmt, "svg") == 0)
		sq_svg(stdout, &d, 1);
	else
		sq_text(stdout, &d);
	return EXIT_PASS;
}

/* --- tcpspec docs --------------------------------------------------------- */

static const char docs_help[] =
"usage: tcpspec docs --out DIR --requirements TSV [--results JSON]... [--page MD]...\n"
"                    [FILE]...\n"
"\n"
"Writes the generated documentation into DIR: README.md (the index),\n"
"table-PROFILE.md (the transition table of each profile), profiles.md (the\n"
"profiles' switches and the transitions that differ between them),\n"
"diagram-PROFILE.dot (RFC 9293 Figure 5 from each profile's table; render\n"
"with dot -Tsvg), seq-NAME.svg (the sequence diagrams of tcpspec seqdiag) and\n"
"requirements.md (every requirement label of RFC 9293: summary and scope\n"
"from TSV, the model rules that carry it, the FILEs (unit tests *.c,\n"
"scenarios *.scn) that cite it, and the verdicts of each --results file\n"
"written by tcpspec run --json), and, given --results, matrix.md (the\n"
"recorded runs side by side, with their dates and versions) and\n"
"departures.md (each stack's FAILs against rfc9293 by requirement label, with\n"
"the RFC sentence, the segments, the exchange and the pcap).  Each --page\n"
"is a hand-written page of docs/ that the index links, titled by its first\n"
"'# ' line; it is read, never written.  The output depends on nothing else:\n"
"no clock, no environment.  scripts/docs.sh drives it (make docs).\n"
"Exit: 0; 1 when a label the model carries (scope 'model') has neither a\n"
"rule nor a citation, or TSV leaves a label out (the pages are written and\n"
"the labels listed on stderr); 2 usage or input error; 3 DIR not writable.\n";

#define DOCS_MAX 16

struct docs_opts {
	const char *out, *tsv;
	int nresults, ncites, npages;
	const char *results[DOCS_MAX];
	const char *pages[DOCS_MAX];
	char **cites;
};

static int docs_parse(int argc, char **argv, struct docs_opts *o)
{
	int i;

	memset(o, 0, sizeof *o);
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(docs_help, stdout);
			return 1;
		}
		if (v == NULL || (strcmp(argv[i], "--out") && strcmp(argv[i], "--requirements") &&
				  strcmp(argv[i], "--results") && strcmp(argv[i], "--page"))) {
			fprintf(stderr, "tcpspec docs: expected --out DIR, --requirements TSV, --results JSON or --page MD, got '%s'\n",
				argv[i]);
			return -1;
		}
		i++;
		if (strcmp(argv[i - 1], "--out") == 0)
			o->out = v;
		else if (strcmp(argv[i - 1], "--requirements") == 0)
			o->tsv = v;
		else if (strcmp(argv[i - 1], "--results") == 0 && o->nresults < DOCS_MAX)
			o->results[o->nresults++] = v;
		else if (strcmp(argv[i - 1], "--page") == 0 && o->npages < DOCS_MAX)
			o->pages[o->npages++] = v;
		else {
			fprintf(stderr, "tcpspec docs: expected at most %d of %s, got more\n", DOCS_MAX,
				argv[i - 1]);
			return -1;
		}
	}
	o->cites = argv + i;
	o->ncites = argc - i;
	if (o->out == NULL || o->tsv == NULL) {
		fprintf(stderr, "tcpspec docs: expected --out DIR and --requirements TSV (tcpspec docs --help)\n");
		return -1;
	}
	return 0;
}

static FILE *create(const char *dir, const char *name, char *path, size_t len)
{
	FILE *f;

	snprintf(path, len, "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f == NULL)
		fprintf(stderr, "tcpspec docs: cannot write %s: %s\n", path, strerror(errno));
	return f;
}

static int finish(FILE *f, const char *path)
{
	if (fclose(f) != 0) {
		fprintf(stderr, "tcpspec docs: write failed: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int write_profile_pages(const char *dir)
{
	char name[64], path[512];

	for (int p = 0; p < TCP_NPROFILES; p++) {
		const struct tcp_profile *prof = tcp_profile_get((enum tcp_profile_id)p);
		FILE *f;

		snprintf(name, sizeof name, "table-%s.md", tcp_profile_name(prof->id));
		if ((f = create(dir, name, path, sizeof path)) == NULL)
			return -1;
		docs_table(f, prof);
		if (finish(f, path) != 0)
			return -1;
		snprintf(name, sizeof name, "diagram-%s.dot", tcp_profile_name(prof->id));
		if ((f = create(dir, name, path, sizeof path)) == NULL)
			return -1;
		dg_write(f, prof, tcp_profile_name(prof->id), NULL, 0);
		if (finish(f, path) != 0)
			return -1;
	}
	return 0;
}

static int write_seqs(const char *dir, const char **names, const char **titles)
{
	static struct sq_diagram d;
	char name[64], path[512], err[256];

	for (int i = 0; i < seqsim_count(); i++) {
		FILE *f;

		names[i] = seqsim_name(i);
		titles[i] = seqsim_title(i);
		if (seqsim_run(i, tcp_profile_get(TCP_PROFILE_RFC9293), &d, err, sizeof err) != 0) {
			fprintf(stderr, "tcpspec docs: sequence %s: %s\n", seqsim_name(i), err);
			return -1;
		}
		snprintf(name, sizeof name, "seq-%s.svg", seqsim_name(i));
		if ((f = create(dir, name, path, sizeof path)) == NULL)
			return -1;
		sq_svg(f, &d, 1);
		if (finish(f, path) != 0)
			return -1;
	}
	return 0;
}

/* A hand-written page's title: its first "# " line.  0, or -1 when the
 * page cannot be read or has none. */
static int page_title(const char *path, char title[160])
{
	FILE *f = fopen(path, "r");
	char line[256];
	int rc = -1;

	if (f == NULL) {
		fprintf(stderr, "tcpspec docs: --page %s: cannot read: %s\n", path, strerror(errno));
		return -1;
	}
	while (rc != 0 && fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, "# ", 2) != 0)
			continue;
		line[strcspn(line, "\r\n")] = '\0';
		snprintf(title, 160, "%.159s", line + 2);
		rc = 0;
	}
	fclose(f);
	if (rc != 0)
		fprintf(stderr, "tcpspec docs: --page %s: expected a '# Title' line, got none\n", path);
	return rc;
}

static int write_small_pages(const struct docs_opts *o)
{
	const char *names[16], *titles[16], *pages[DOCS_MAX], *ptitles[DOCS_MAX];
	static char ptext[DOCS_MAX][160];
	struct docs_index_links l = { names, titles, seqsim_count(),
				      tcp_profile_name(TCP_PROFILE_RFC9293), pages, ptitles,
				      o->npages, o->nresults > 0 };
	char path[512];
	FILE *f;

	for (int i = 0; i < o->npages; i++) {
		const char *slash = strrchr(o->pages[i], '/');

		if (page_title(o->pages[i], ptext[i]) != 0)
			return -2;
		pages[i] = slash != NULL ? slash + 1 : o->pages[i];
		ptitles[i] = ptext[i];
	}
	if (write_seqs(o->out, names, titles) != 0)
		return -1;
	if ((f = create(o->out, "profiles.md", path, sizeof path)) == NULL)
		return -1;
	docs_profiles(f);
	if (finish(f, path) != 0)
		return -1;
	if ((f = create(o->out, "README.md", path, sizeof path)) == NULL)
		return -1;
	docs_index(f, &l);
	return finish(f, path);
}

/* matrix.md and departures.md, when there are recorded runs: 0, -1
 * (output), -2 (input). */
static int write_matrix(const struct docs_opts *o)
{
	static struct results runs[DOCS_MAX];
	static struct reqs q;
	char err[512], path[512];
	int rc = 0;
	FILE *f;

	if (o->nresults == 0)
		return 0;
	reqs_init(&q);
	if (reqs_load(&q, o->tsv, err, sizeof err) != 0) {
		fprintf(stderr, "tcpspec docs: %s\n", err);
		return -2;
	}
	for (int i = 0; i < o->nresults && rc == 0; i++)
		if (results_load(&runs[i], o->results[i], err, sizeof err) != 0) {
			fprintf(stderr, "tcpspec docs: %s\n", err);
			rc = -2;
		}
	if (rc == 0 && (f = create(o->out, "matrix.md", path, sizeof path)) == NULL)
		rc = -1;
	if (rc == 0) {
		results_md_matrix(f, runs, o->nresults);
		rc = finish(f, path);
	}
	if (rc == 0 && (f = create(o->out, "departures.md", path, sizeof path)) == NULL)
		rc = -1;
	if (rc == 0) {
		results_md_departures(f, runs, o->nresults, &q);
		rc = finish(f, path);
	}
	for (int i = 0; i < o->nresults; i++)
		results_free(&runs[i]);
	return rc;
}

/* requirements.md; the number of labels not accounted for, or -1. */
static int write_requirements(const struct docs_opts *o)
{
	static struct reqs q;
	char err[512], path[512];
	int bad = 0;
	FILE *f;

	reqs_init(&q);
	if (reqs_load(&q, o->tsv, err, sizeof err) != 0)
		goto input;
	reqs_rules(&q);
	for (int i = 0; i < o->ncites; i++)
		if (reqs_cite(&q, o->cites[i], err, sizeof err) != 0)
			goto input;
	for (int i = 0; i < o->nresults; i++)
		if (reqs_results(&q, o->results[i], err, sizeof err) != 0)
			goto input;
	if ((f = create(o->out, "requirements.md", path, sizeof path)) == NULL)
		return -1;
	reqs_write_md(f, &q, o->tsv);
	if (finish(f, path) != 0)
		return -1;
	for (int i = 0; i < REQ_N; i++) {
		if (req_unlisted(&q.r[i]))
			fprintf(stderr, "tcpspec docs: %s: %s has no line with scope 'model' or 'out of scope: REASON'\n",
				o->tsv, q.r[i].label);
		else if (req_uncovered(&q.r[i]))
			fprintf(stderr, "tcpspec docs: %s (%s): the model carries it, but no rule carries the label and no test or scenario cites it\n",
				q.r[i].label, q.r[i].summary);
		else if (strcmp(q.r[i].scope, "model") != 0 && q.r[i].nrules > 0)
			fprintf(stderr, "tcpspec docs: warning: %s is out of scope in %s, yet rule %s carries it\n",
				q.r[i].label, o->tsv, tcp_rule_name(q.r[i].rules[0]));
		bad += req_unlisted(&q.r[i]) || req_uncovered(&q.r[i]);
	}
	return bad;
input:
	fprintf(stderr, "tcpspec docs: %s\n", err);
	return -2;
}

int cmd_docs(int argc, char **argv)
{
	struct docs_opts o;
	int rc = docs_parse(argc, argv, &o), bad;

	if (rc != 0)
		return rc > 0 ? EXIT_PASS : EXIT_USAGE;
	if (mkdir(o.out, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "tcpspec docs: cannot create %s: %s\n", o.out, strerror(errno));
		return EXIT_ENV;
	}
	rc = write_small_pages(&o);
	if (rc == 0)
		rc = write_matrix(&o);
	if (rc == -2)
		return EXIT_USAGE;
	if (rc != 0 || write_profile_pages(o.out) != 0)
		return EXIT_ENV;
	bad = write_requirements(&o);
	if (bad == -2)
		return EXIT_USAGE;
	if (bad < 0)
		return EXIT_ENV;
	if (bad > 0) {
		fprintf(stderr, "tcpspec docs: %d requirement label(s) neither covered nor out of scope\n", bad);
		return EXIT_FAIL;
	}
	return EXIT_PASS;
}
