/*
 * cmd_walk.c - `tcpspec walk`: random walks against one target or several,
 * each failure shrunk to a minimal scenario (walk/walk.h).  The target list
 * and the wire:IFACE options are parsed as `tcpspec run` parses them
 * (cli_target.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "cli/cli.h"
#include "cli/cli_target.h"
#include "targets/target.h"
#include "walk/walk.h"

static const char walk_help[] =
"usage: tcpspec walk [--target T[,T...]] [--target-arg ARG]...\n"
"                    [--profile P | --profile-file F] [--seed N]\n"
"                    [--steps N] [--length N] [--timers] [--family 4|6] [--jobs N]\n"
"                    [--quiet-ms N] [--out DIR] [--quiet] [--show INDEX]\n"
"                    [--wire-app PATH --wire-tester4 A --wire-device4 A\n"
"                     --wire-tester6 A --wire-device6 A [--wire-mac MAC]]\n"
"\n"
"Drives the target(s) with random sequences of events drawn from the model's\n"
"alphabet (the calls the sockets API can make, every class of segment the\n"
"transition table distinguishes; with --timers, waits for armed timers),\n"
"--length events each (default 12) until --steps events in all (default\n"
"1000), from --seed (default 1): the same seed gives the same walk.  The\n"
"model judges every step as in `tcpspec run`, under P (default: the first\n"
"target's profile).  Steps the sockets API cannot make as RFC 9293 says are\n"
"never drawn: a second OPEN once the program has a socket (EADDRINUSE), a\n"
"SEND before ESTABLISHED (a non-blocking send() does not queue: EAGAIN), an\n"
"option once the connection is CLOSED (lwIP has freed it); a sequence ends\n"
"when a passively opened connection is CLOSED while its listener is open.\n"
"A FAIL whose cause (rule, kind of step, expected and\n"
"observed, both states) is new is shrunk (steps removed while the model\n"
"accepts the rest and the target still fails it) and, with --out, written to\n"
"DIR with its pcap; later FAILs with that cause are counted.  With several\n"
"targets (--target linux,lwip), judged by the same profile, each kind of\n"
"disagreement (one PASSes where another FAILs, or they FAIL for different\n"
"causes) is listed once (DIFF), with its count at the end.\n"
"  --target      as for tcpspec run: linux (default), lwip, slirp, model,\n"
"                exec:PATH, exec-tap:PATH, wire:IFACE; comma-separated for a\n"
"                differential run (at most 4)\n"
"  --target-arg  an argument appended to the target program's command line\n"
"                (repeatable, in order; exec:, exec-tap: and wire: targets)\n"
"  --jobs        parallel jobs (default 2; 1 with a wire: target)\n"
"  --quiet-ms    the target counts as quiet after this long (default: the\n"
"                target's, as for tcpspec run)\n"
"  --quiet       do not list the ERRORs as they come\n"
"  --show        print sequence INDEX of the walk (walk-SEED-INDEX.scn in the\n"
"                report) as the scenario the walk runs, and run nothing\n"
CLI_WIRE_HELP
"                this host; --jobs above 1\n"
"Needs root for a real target (as tcpspec run).\n"
"Exit: 0 no FAIL, 1 some FAIL or disagreement, 2 usage, 3 environment.\n";

struct walk_cli {
	const char *args[16];
	long show;		/* --show INDEX, or -1 */
	bool jobs_given;
	struct cli_wire wire;
};

static int bad(const char *a, const char *v)
{
	fprintf(stderr, "tcpspec walk: cannot use '%s%s%s' (see tcpspec walk --help)\n", a,
		v ? " " : "", v ? v : "");
	return -1;
}

static int parse(int argc, char **argv, struct walk_opts *o, char *targets, size_t tlen,
		 struct walk_cli *c)
{
	static struct profile_def prof;
	bool given = false;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(walk_help, stdout);
			return 1;
		}
		if (strcmp(a, "--timers") == 0) {
			o->timers = true;
			continue;
		}
		if (strcmp(a, "--quiet") == 0) {
			o->quiet = true;
			continue;
		}
		if (v == NULL)
			return bad(a, v);
		i++;
		if (cli_wire_is_option(a)) {
			if (cli_wire_option("walk", a, v, &c->wire) != 0)
				return -1;
		} else if (strcmp(a, "--target") == 0) {
			if (cli_targets_bad(v)) {
				fprintf(stderr, "tcpspec walk: expected targets " TARGET_FORMS
					", comma-separated, got '%s'\n", v);
				return -1;
			}
			snprintf(targets, tlen, "%s", v);
		} else if (strcmp(a, "--target-arg") == 0) {
			if (o->run.ntarget_args == 16)
				return bad(a, v);
			c->args[o->run.ntarget_args++] = v;
		} else if (strcmp(a, "--profile") == 0 || strcmp(a, "--profile-file") == 0) {
			if (cli_profile("walk", a, v, &prof, &given) != 0)
				return -1;
			o->profile = &prof;
		} else if (strcmp(a, "--seed") == 0)
			o->seed = strtoull(v, NULL, 10);
		else if (strcmp(a, "--steps") == 0 && atol(v) > 0)
			o->steps = atol(v);
		else if (strcmp(a, "--length") == 0 && atoi(v) > 0 && atoi(v) <= 100)
			o->length = atoi(v);
		else if (strcmp(a, "--family") == 0 && (atoi(v) == 4 || atoi(v) == 6))
			o->run.family = atoi(v);
		else if (strcmp(a, "--jobs") == 0 && atoi(v) > 0 && atoi(v) <= 64) {
			o->run.jobs = atoi(v);
			c->jobs_given = true;
		} else if (strcmp(a, "--quiet-ms") == 0 && atoi(v) >= 1 && atoi(v) <= 5000)
			o->run.quiet_ms = atoi(v);
		else if (strcmp(a, "--out") == 0)
			o->out = v;
		else if (strcmp(a, "--show") == 0 && v[0] >= '0' && v[0] <= '9')
			c->show = atol(v);
		else
			return bad(a, v);
	}
	return 0;
}

static void summary(const struct walk_opts *o, const struct walk_stats *st, double ms)
{
	/* the wall time once it says something (a run of the model target
	 * prints the same text every time: tests/check_docs.sh compares two) */
	printf("\n%ld sequences, %ld steps (seed %llu)", st->sequences, st->steps,
	       (unsigned long long)o->seed);
	if (ms >= 1000)
		printf(", %.1f s", ms / 1000.0);
	printf("\n");
	for (int t = 0; t < o->ntargets; t++)
		printf("  %-8s %d PASS, %d FAIL, %d ERROR, %d SKIP (runs: each sequence per family)\n",
		       o->targets[t], st->count[t][V_PASS], st->count[t][V_FAIL],
		       st->count[t][V_ERROR], st->count[t][V_SKIP]);
	if (st->nfindings > 0)
		printf("\n%d finding(s), one per cause (FAIL, ERROR, SKIP):\n", st->nfindings);
	for (int i = 0; i < st->nfindings; i++) {
		const struct walk_finding *f = &st->finding[i];

		printf("  %2d. %-6s %s x%d, first %s (IPv%d)", i + 1, o->targets[f->target],
		       run_verdict_name(f->verdict), f->count, f->first, f->family);
		if (f->verdict == V_FAIL)
			printf(", shrunk to %d steps%s%s", f->steps, f->path[0] ? ": " : "", f->path);
		printf("\n      %s\n", f->cause);
	}
	if (st->unsorted > 0)
		printf("  (and %d failure(s) past the first %d causes)\n", st->unsorted,
		       WALK_MAX_FINDINGS);
	if (o->ntargets < 2)
		return;
	printf("\n%d disagreement(s) between the targets, %d kind(s):\n", st->disagreements,
	       st->ndiffs);
	for (int i = 0; i < st->ndiffs; i++)
		printf("  %2d. x%d, first %s (IPv%d): %s\n", i + 1, st->diff[i].count,
		       st->diff[i].first, st->diff[i].family, st->diff[i].kind);
}

int cmd_walk(int argc, char **argv)
{
	static char targets[256] = "linux";
	static struct walk_stats st;
	static struct walk_cli c;
	struct walk_opts o;
	char err[512], *save = NULL;
	double t0;
	int rc, failed = 0;

	memset(&o, 0, sizeof o);
	memset(&c, 0, sizeof c);
	c.show = -1;
	cli_wire_init(&c.wire);
	o.seed = 1;
	o.steps = 1000;
	o.length = 12;
	o.run.jobs = 2;
	rc = parse(argc, argv, &o, targets, sizeof targets, &c);
	if (rc != 0)
		return rc > 0 ? EXIT_PASS : EXIT_USAGE;
	o.run.target_args = c.args;
	if (cli_has_wire(targets) && !c.jobs_given)
		o.run.jobs = 1; /* one device */
	o.run.target = targets;
	rc = cli_wire_prepare("walk", &o.run, &c.wire);
	if (rc != 0)
		return rc;
	o.run.target = NULL;
	for (char *t = strtok_r(targets, ",", &save); t != NULL; t = strtok_r(NULL, ",", &save)) {
		if (o.ntargets == WALK_MAX_TARGETS) {
			fprintf(stderr, "tcpspec walk: at most %d targets\n", WALK_MAX_TARGETS);
			return EXIT_USAGE;
		}
		o.targets[o.ntargets++] = t;
	}
	if (c.show >= 0) {
		static char text[16384];

		if (walk_show(&o, c.show, text, sizeof text) < 0) {
			fprintf(stderr, "tcpspec walk: sequence %ld is not one the model accepts\n",
				c.show);
			return EXIT_USAGE;
		}
		fputs(text, stdout);
		return EXIT_PASS;
	}
	t0 = clock_now_ms();
	if (walk_run(&o, &st, err, sizeof err) != 0) {
		fprintf(stderr, "tcpspec walk: %s\n", err);
		return EXIT_ENV;
	}
	summary(&o, &st, clock_now_ms() - t0);
	for (int t = 0; t < o.ntargets; t++)
		failed |= st.count[t][V_FAIL] > 0;
	return failed || st.disagreements > 0 ? EXIT_FAIL : EXIT_PASS;
}
