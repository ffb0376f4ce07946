/*
 * cmd_explore.c - `tcpspec explore`: walk the model's state space from
 * CLOSED, print the coverage, write a scenario per rule reached.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "explore/explore.h"
#include "run/runner.h"
#include "docgen/results.h"
#include "docgen/table.h"
#include "profiles/profile.h"
#include "scenario/text.h"
#include "cli/cli.h"

static const char explore_help[] =
"usage: tcpspec explore [--profile P | --profile-file F] [--depth N] [--out DIR]\n"
"                       [--suite DIR] [--coverage RESULTS.json]\n"
"\n"
"Walks the model's state space breadth-first from CLOSED, up to N steps\n"
"(default 6, at most 12), trying at each node every user call (app listen,\n"
"connect, send 100, recv 100, close, abort), the socket options the model\n"
"follows (keepalive, keepcnt, user_timeout, syncnt, linger2), every class of\n"
"segment the transition table distinguishes, sent with the tester's own\n"
"sequence numbers, and every armed timer.  Nodes are told apart by an\n"
"abstraction of the TCB (state, passive, FIN queued and sent, text held,\n"
"options, data in flight, queued and unread, probes and retransmissions).\n"
"Prints, per profile (all four unless --profile or --profile-file, a profile\n"
"file as tcpspec profile show writes it): the rules reached and why\n"
"each other one is not, the state changes reached against those of the\n"
"transition table, the nodes and transitions explored.\n"
"  --out DIR  write one scenario per rule reached (its shortest path) to\n"
"             DIR/RULE.scn, or DIR/PROFILE/RULE.scn without --profile.  Each\n"
"             is replayed through the model before it is written; one that\n"
"             does not replay is left out and counted.  A path with a step\n"
"             the sockets API cannot make is marked '# model-only:'.\n"
"  --suite DIR  write the generated suite: paths that together cover every\n"
"             rule and every transition (state, class of event) reached, each\n"
"             the best path to something no path before it covers (one a\n"
"             target can run before a known departure before a model-only\n"
"             one, then the deepest first), as DIR/RULE.scn or\n"
"             DIR/T_STATE_CLASS.scn.  A timer path sets what makes the\n"
"             timer short on the profile's stack (TCP_KEEPIDLE, TCP_KEEPINTVL,\n"
"             TCP_LINGER2) and waits as long as that stack takes; Linux's\n"
"             60 s TIME-WAIT is '# slow: yes'.  '# model-only: WHY' marks a\n"
"             step no program can make (tcpspec run: SKIP, with WHY);\n"
"             '# departure: line N: WHY' a known departure of the stack that\n"
"             its profile does not describe (tcpspec run: SKIP naming it when\n"
"             the target departs at line N, FAIL when it does not).\n"
"  --coverage F  read a run's JSON (tcpspec run --json F) and print what the\n"
"             target exercised: the transitions and rules of its PASSed\n"
"             scenarios (replayed through the model) against those the walk\n"
"             reaches, all of them and those a target can run; the rest are\n"
"             listed.  Needs --profile or --profile-file.\n"
"Exit: 0, 2 usage error, 3 a file could not be written.\n";

struct opts {
	bool only;          /* one profile (def), else all built-in ones */
	struct profile_def def;
	int depth;
	const char *out, *suite, *coverage;
};

struct written {
	int files, model_only, skipped;
};

static int parse_args(int argc, char **argv, struct opts *o)
{
	for (int i = 1; i < argc; i += 2) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		uint32_t n;

		if (strcmp(a, "--profile") == 0 || strcmp(a, "--profile-file") == 0) {
			if (cli_profile("explore", a, v, &o->def, &o->only) != 0)
				return -1;
		} else if (strcmp(a, "--depth") == 0 && v != NULL) {
			if (txt_u32_parse(v, &n) != 0 || n < 1 || n > XP_MAX_DEPTH) {
				fprintf(stderr, "tcpspec explore: expected a depth 1..%d, got '%s'\n", XP_MAX_DEPTH, v);
				return -1;
			}
			o->depth = (int)n;
		} else if (strcmp(a, "--out") == 0 && v != NULL) {
			o->out = v;
		} else if (strcmp(a, "--suite") == 0 && v != NULL) {
			o->suite = v;
		} else if (strcmp(a, "--coverage") == 0 && v != NULL) {
			o->coverage = v;
		} else {
			fprintf(stderr, "tcpspec explore: expected --profile P, --profile-file F, --depth N, --out DIR, --suite DIR or --coverage F, got '%s'\n", a);
			return -1;
		}
	}
	if (o->coverage != NULL && !o->only) {
		fprintf(stderr, "tcpspec explore: expected --profile P or --profile-file F with --coverage %s (the profile the run judged by), got none\n", o->coverage);
		return -1;
	}
	return 0;
}

/* --- coverage ----------------------------------------------------------- */

static void table_edge(const struct tbl_row *row, void *arg)
{
	bool (*e)[TCP_NSTATES] = arg;

	if (row->state != row->after.state)
		e[row->state][row->after.state] = true;
}

static void print_rules(const struct xp *x)
{
	const struct tcp_profile *p = &x->def->tcp;
	int total = xp_rules_total(), got = xp_rules_reached(x);

	printf("  rules reached     %d/%d (%d%%)\n", got, total, 100 * got / total);
	for (int r = R_NONE + 1; r < TCP_NRULES; r++) {
		const char *why = xp_unreachable_why((enum tcp_rule)r, p);

		if (x->hit[r].reached)
			continue;
		printf("    not reached   %-38s %s%s\n", tcp_rule_name((enum tcp_rule)r),
		       why ? "by design: " : "", why ? why : "not within this depth");
	}
	if (x->hit[R_NONE].reached)
		printf("    model bug     a step decided by no rule (R_NONE)\n");
}

/* Counts the table's state changes reached; returns how many. */
static int print_edges(const struct xp *x, int *table_total, int *extra)
{
	static bool tab[TCP_NSTATES][TCP_NSTATES];
	int got = 0;

	memset(tab, 0, sizeof tab);
	tbl_enumerate(&x->def->tcp, table_edge, tab);
	*table_total = *extra = 0;
	for (int a = 0; a < TCP_NSTATES; a++)
		for (int b = 0; b < TCP_NSTATES; b++) {
			*table_total += tab[a][b];
			got += tab[a][b] && x->edge[a][b];
			*extra += a != b && !tab[a][b] && x->edge[a][b];
		}
	printf("  state changes     %d/%d of the transition table's, and %d it does not show\n",
	       got, *table_total, *extra);
	for (int a = 0; a < TCP_NSTATES; a++)
		for (int b = 0; b < TCP_NSTATES; b++)
			if (a != b && (tab[a][b] != x->edge[a][b]))
				printf("    %-13s %s -> %s\n", tab[a][b] ? "not reached" : "beyond table",
				       tcp_state_name((enum tcp_state)a), tcp_state_name((enum tcp_state)b));
	return got;
}

/* --- scenarios ---------------------------------------------------------- */

/* mkdir -p */
static int make_dir(const char *dir)
{
	char p[400];

	snprintf(p, sizeof p, "%s", dir);
	for (char *s = strchr(p + 1, '/'); s != NULL; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			break;
		*s = '/';
	}
	if (mkdir(p, 0777) == 0 || errno == EEXIST)
		return 0;
	fprintf(stderr, "tcpspec explore: cannot create %s: %s\n", dir, strerror(errno));
	return -1;
}

static int write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f == NULL || fputs(text, f) == EOF || fclose(f) != 0) {
		fprintf(stderr, "tcpspec explore: cannot write %s: %s\n", path, strerror(errno));
		if (f != NULL)
			fclose(f);
		return -1;
	}
	return 0;
}

/* Write rule r's scenario unless it does not replay; -1 on an I/O error. */
static int write_one(const struct xp *x, enum tcp_rule r, const char *dir,
		     struct written *w)
{
	static char text[16384];
	static struct scn s;
	char path[512], err[1024];
	bool mo;

	snprintf(path, sizeof path, "%s/%s.scn", dir, tcp_rule_name(r));
	if (xp_scenario(x, r, text, sizeof text, &mo) < 0) {
		snprintf(err, sizeof err, "no scenario text");
	} else if (scn_parse(path, text, &s, err, sizeof err) == 0 &&
		   run_check(&s, x->def, err, sizeof err) == 0) {
		w->files++;
		w->model_only += mo;
		return write_file(path, text);
	}
	w->skipped++;
	printf("    skipped       %-38s %s\n", tcp_rule_name(r), err);
	return 0;
}

/* DIR, or DIR/PROFILE with per-profile output, created. */
static int out_dir(const char *out, const char *profile, char *dir, size_t len)
{
	snprintf(dir, len, "%s", out);
	if (make_dir(dir) != 0)
		return -1;
	if (profile != NULL) {
		snprintf(dir, len, "%s/%s", out, profile);
		if (make_dir(dir) != 0)
			return -1;
	}
	return 0;
}

static int write_all(const struct xp *x, const char *out, bool per_profile)
{
	char dir[400];
	struct written w = { 0, 0, 0 };

	if (out_dir(out, per_profile ? x->def->name : NULL, dir, sizeof dir) != 0)
		return -1;
	for (int r = R_NONE + 1; r < TCP_NRULES; r++)
		if (x->hit[r].reached && write_one(x, (enum tcp_rule)r, dir, &w) != 0)
			return -1;
	printf("  scenarios         %d written to %s (%d marked model-only)\n",
	       w.files, dir, w.model_only);
	printf("  note              %d path(s) left out: a step the scenario language cannot express\n",
	       w.skipped);
	return 0;
}

/* --- the generated suite ------------------------------------------------ */

static int write_suite(const struct xp *x, const char *out, bool per_profile)
{
	static char text[16384];
	static struct scn s;
	static struct xp_suite su;
	char dir[400], name[160], path[600], err[1024];
	int n, counts[3] = { 0, 0, 0 }, left = 0, slow = 0;
	enum xp_taint taint;

	if (out_dir(out, per_profile ? x->def->name : NULL, dir, sizeof dir) != 0)
		return -1;
	xp_suite_init(&su);
	while ((n = xp_suite_next(x, &su, name, sizeof name, text, sizeof text, &taint)) >= 0) {
		snprintf(path, sizeof path, "%s/%s.scn", dir, name);
		if (n == 0 || scn_parse(path, text, &s, err, sizeof err) != 0 ||
		    run_check(&s, x->def, err, sizeof err) != 0) {
			if (n == 0)
				snprintf(err, sizeof err, "no scenario text");
			left++;
			printf("    left out      %-38s %s\n", name, err);
			continue;
		}
		if (write_file(path, text) != 0)
			return -1;
		counts[taint]++;
		slow += s.slow;
	}
	printf("  suite             %d scenarios written to %s: %d a target runs (%d slow), "
	       "%d at a known departure, %d model-only; %d left out\n",
	       counts[0] + counts[1] + counts[2], dir, counts[0], slow, counts[1], counts[2], left);
	return 0;
}

/* --- coverage on a target ------------------------------------------------ */

struct cov {
	bool rules[TCP_NRULES];
	bool trans[TCP_NSTATES][XP_NCLASS];
};

static void cov_row(const struct xp *x, const struct results_row *row, struct cov *c)
{
	static struct scn s;
	char err[512];

	if (row->verdict != RESULTS_PASS)
		return;
	if (scn_load(row->scenario, &s, err, sizeof err) != 0 ||
	    xp_covers(&s, &x->def->tcp, c->rules, c->trans) != 0)
		printf("    not counted   %s: %s\n", row->scenario, err);
}

static void cov_print(const struct xp *x, const char *what, const struct cov *c, bool list)
{
	int tr = 0, trr = 0, tall = 0, rr = 0, rrr = 0, rall = 0;
	char cls[96];

	for (int r = R_NONE + 1; r < TCP_NRULES; r++) {
		bool runnable = x->hit[r].reached && x->hit[r].taint < XP_MODEL_ONLY;

		rall += x->hit[r].reached;
		rrr += runnable;
		rr += runnable && c->rules[r];
	}
	for (int s = 0; s < TCP_NSTATES; s++)
		for (int k = 0; k < XP_NCLASS; k++) {
			bool runnable = x->thit[s][k].reached && x->thit[s][k].taint < XP_MODEL_ONLY;

			tall += x->thit[s][k].reached;
			trr += runnable;
			tr += runnable && c->trans[s][k];
		}
	printf("  %-8s transitions %d/%d (%d%%) of those a target can run (%d reachable in the model); "
	       "rules %d/%d (%d%%) (%d reachable)\n", what, tr, trr, trr ? 100 * tr / trr : 0, tall,
	       rr, rrr, rrr ? 100 * rr / rrr : 0, rall);
	if (!list)
		return;
	for (int s = 0; s < TCP_NSTATES; s++)
		for (int k = 0; k < XP_NCLASS; k++)
			if (x->thit[s][k].reached && x->thit[s][k].taint < XP_MODEL_ONLY && !c->trans[s][k])
				printf("    not exercised %s, %s (%s)\n", tcp_state_name((enum tcp_state)s),
				       xp_class_name((enum tcp_state)s, k, cls, sizeof cls),
				       x->thit[s][k].taint == XP_DEPARTURE ? "a known departure" : "no PASS");
	for (int r = R_NONE + 1; r < TCP_NRULES; r++)
		if (x->hit[r].reached && x->hit[r].taint < XP_MODEL_ONLY && !c->rules[r])
			printf("    not exercised %s (%s)\n", tcp_rule_name((enum tcp_rule)r),
			       x->hit[r].taint == XP_DEPARTURE ? "a known departure" : "no PASS");
}

static int coverage(const struct xp *x, const char *path)
{
	static struct results res;
	static struct cov fam[2], all;
	char err[512];

	memset(&res, 0, sizeof res);
	if (results_load(&res, path, err, sizeof err) != 0) {
		fprintf(stderr, "tcpspec explore: %s\n", err);
		return EXIT_USAGE;
	}
	memset(fam, 0, sizeof fam);
	memset(&all, 0, sizeof all);
	for (int i = 0; i < res.n; i++) {
		const struct results_row *row = &res.row[i];

		if (strcmp(row->profile, x->def->name) != 0)
			continue;
		cov_row(x, row, &all);
		cov_row(x, row, &fam[row->family == 6]);
	}
	printf("coverage on the target (%s, profile %s): what its PASSed scenarios exercised\n",
	       path, x->def->name);
	cov_print(x, "IPv4", &fam[0], false);
	cov_print(x, "IPv6", &fam[1], false);
	cov_print(x, "either", &all, true);
	results_free(&res);
	return EXIT_PASS;
}

/* --- the command ------------------------------------------------------ */

struct summary {
	long nodes, trans;
	int rules, edges, table_edges, extra;
};

static int explore_one(const struct profile_def *def, const struct opts *o,
		       struct summary *sm)
{
	static struct xp x;
	int rc = 0;

	if (xp_run(&x, def, o->depth) != 0) {
		fprintf(stderr, "tcpspec explore: out of memory\n");
		return EXIT_ENV;
	}
	printf("profile %s, depth %d: %d nodes, %ld transitions\n",
	       def->name, o->depth, x.nnodes, x.ntrans);
	print_rules(&x);
	sm->edges = print_edges(&x, &sm->table_edges, &sm->extra);
	printf("  transitions       %d (state, class of event) reached, %d of them by a path a target can run\n",
	       xp_transitions_reached(&x, false), xp_transitions_reached(&x, true));
	sm->nodes = x.nnodes;
	sm->trans = x.ntrans;
	sm->rules = xp_rules_reached(&x);
	if (o->out != NULL && write_all(&x, o->out, !o->only) != 0)
		rc = EXIT_ENV;
	if (rc == 0 && o->suite != NULL && write_suite(&x, o->suite, !o->only) != 0)
		rc = EXIT_ENV;
	if (rc == 0 && o->coverage != NULL)
		rc = coverage(&x, o->coverage);
	xp_free(&x);
	return rc;
}

static void print_summary(const struct summary *sm, int depth)
{
	printf("\n%-14s %5s %7s %11s %12s %14s\n", "profile", "depth", "nodes",
	       "transitions", "rules", "state changes");
	for (int p = 0; p < TCP_NPROFILES; p++) {
		char rules[24], edges[24];

		snprintf(rules, sizeof rules, "%d/%d", sm[p].rules, xp_rules_total());
		snprintf(edges, sizeof edges, "%d/%d+%d", sm[p].edges, sm[p].table_edges,
			 sm[p].extra);
		printf("%-14s %5d %7ld %11ld %12s %14s\n",
		       tcp_profile_name((enum tcp_profile_id)p), depth, sm[p].nodes,
		       sm[p].trans, rules, edges);
	}
}

int cmd_explore(int argc, char **argv)
{
	static struct opts o;
	static struct profile_def each;
	struct summary sm[TCP_NPROFILES];

	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(explore_help, stdout);
			return EXIT_PASS;
		}
	o.depth = XP_DEFAULT_DEPTH;
	if (parse_args(argc, argv, &o) != 0)
		return EXIT_USAGE;
	memset(sm, 0, sizeof sm);
	if (o.only)
		return explore_one(&o.def, &o, &sm[0]);
	for (int p = 0; p < TCP_NPROFILES; p++) {
		int rc;

		if (p != 0)
			printf("\n");
		profile_builtin((enum tcp_profile_id)p, &each);
		rc = explore_one(&each, &o, &sm[p]);
		if (rc != 0)
			return rc;
	}
	print_summary(sm, o.depth);
	return EXIT_PASS;
}
