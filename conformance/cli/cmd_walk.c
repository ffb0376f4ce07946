/*
 * cmd_walk.c - `tcpspec walk`: random walks against one target or several,
 * each failure shrunk to a minimal scenario (walk/walk.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "walk/walk.h"

static const char walk_help[] =
"usage: tcpspec walk [--target T[,T...]] [--profile P | --profile-file F] [--seed N]\n"
"                    [--steps N] [--length N] [--timers] [--family 4|6] [--jobs N]\n"
"                    [--out DIR]\n"
"\n"
"Drives the target(s) with random sequences of events drawn from the model's\n"
"alphabet (the calls the sockets API can make, every class of segment the\n"
"transition table distinguishes; with --timers, waits for armed timers),\n"
"--length events each (default 12) until --steps events in all (default\n"
"1000), from --seed (default 1): the same seed gives the same walk.  The\n"
"model judges every step as in `tcpspec run`, under P (default: the first\n"
"target's profile).  A sequence a target FAILs is shrunk (steps removed while\n"
"the model accepts the rest and the target still fails it) and, with --out,\n"
"written to DIR with its pcap.  With several targets (--target linux,lwip),\n"
"sequences on which they disagree are reported too (DIFF).\n"
"Exit: 0 no FAIL, 1 some FAIL or disagreement, 2 usage, 3 environment.\n";

static int parse(int argc, char **argv, struct walk_opts *o, char *targets, size_t tlen)
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
			goto bad;
		i++;
		if (strcmp(a, "--target") == 0)
			snprintf(targets, tlen, "%s", v);
		else if (strcmp(a, "--profile") == 0 || strcmp(a, "--profile-file") == 0) {
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
		else if (strcmp(a, "--jobs") == 0 && atoi(v) > 0 && atoi(v) <= 64)
			o->run.jobs = atoi(v);
		else if (strcmp(a, "--out") == 0)
			o->out = v;
		else
			goto bad;
		continue;
bad:
		fprintf(stderr, "tcpspec walk: cannot use '%s%s%s' (see tcpspec walk --help)\n", a,
			v ? " " : "", v ? v : "");
		return -1;
	}
	return 0;
}

int cmd_walk(int argc, char **argv)
{
	static char targets[256] = "linux";
	struct walk_opts o;
	struct walk_stats st;
	char err[512], *save = NULL;
	int rc, bad = 0;

	memset(&o, 0, sizeof o);
	o.seed = 1;
	o.steps = 1000;
	o.length = 12;
	o.run.jobs = 2;
	rc = parse(argc, argv, &o, targets, sizeof targets);
	if (rc != 0)
		return rc > 0 ? EXIT_PASS : EXIT_USAGE;
	for (char *t = strtok_r(targets, ",", &save); t != NULL; t = strtok_r(NULL, ",", &save)) {
		if (o.ntargets == WALK_MAX_TARGETS) {
			fprintf(stderr, "tcpspec walk: at most %d targets\n", WALK_MAX_TARGETS);
			return EXIT_USAGE;
		}
		o.targets[o.ntargets++] = t;
	}
	if (walk_run(&o, &st, err, sizeof err) != 0) {
		fprintf(stderr, "tcpspec walk: %s\n", err);
		return EXIT_ENV;
	}
	printf("\n%ld sequences, %ld steps (seed %llu)\n", st.sequences, st.steps,
	       (unsigned long long)o.seed);
	for (int t = 0; t < o.ntargets; t++) {
		printf("  %-8s %d PASS, %d FAIL, %d ERROR, %d SKIP (runs: each sequence per family)\n",
		       o.targets[t], st.count[t][0], st.count[t][1], st.count[t][2], st.count[t][3]);
		bad |= st.count[t][1] > 0;
	}
	if (o.ntargets > 1)
		printf("  %d disagreement(s) between the targets\n", st.disagreements);
	return bad || st.disagreements > 0 ? EXIT_FAIL : EXIT_PASS;
}
