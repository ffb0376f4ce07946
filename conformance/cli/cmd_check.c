/*
 * cmd_check.c - `tcpspec check`: run scenarios through the model alone:
 * the runner of `tcpspec run` with the model as its target (run_check).
 * An `expect` the model contradicts is a bug in the scenario, reported with
 * its file and line; so is a `wait ... fires T` when T is not armed.
 */
#include <stdio.h>
#include <string.h>

#include "profiles/profile.h"
#include "run/runner.h"
#include "cli/cli.h"

static const char check_help[] =
"usage: tcpspec check [--profile P | --profile-file F] [--quiet] SCENARIO...\n"
"\n"
"Runs each scenario through the model alone, for each profile the scenario\n"
"names in its '# profiles:' header (all four by default) or only P, and\n"
"reports every 'expect' the model contradicts and every 'wait ... fires T'\n"
"whose timer is not armed, as FILE:LINE: message.\n"
"  --profile-file  a profile file (tcpspec profile show NAME writes one): a\n"
"                  scenario the model contradicts under it is not for it\n"
"                  ('skip' with the first contradiction; tcpspec run SKIPs it)\n"
"Exit: 0 all consistent, 1 some contradiction, 2 a scenario or the profile\n"
"file does not parse.\n";

struct failed {
	const struct scn *s;
	const struct profile_def *p;
};

static void print_failure(void *arg, const struct run_result *r)
{
	const struct failed *f = arg;

	printf("%s:%d: [%s] %s\n", f->s->path, r->line, f->p->name, r->message);
}

/* Every step of s the model contradicts under built-in profile p, printed;
 * how many. */
static int check_builtin(const struct scn *s, const struct profile_def *p, bool quiet)
{
	struct failed f = { s, p };
	int bad = run_check_all(s, p, print_failure, &f);

	if (bad == 0 && !quiet)
		printf("ok   %s [%s]\n", s->path, p->name);
	return bad;
}

/* A profile read from a file: a scenario the model contradicts under it is
 * not for it (run_applies). */
static void check_loaded(const struct scn *s, const struct profile_def *p, bool quiet)
{
	char why[600];

	if (run_applies(s, p, why, sizeof why)) {
		if (!quiet)
			printf("ok   %s [%s]\n", s->path, p->name);
	} else {
		printf("skip %s [%s]: %s\n", s->path, p->name, why);
	}
}

int cmd_check(int argc, char **argv)
{
	int bad = 0, files = 0;
	bool quiet = false, given = false;
	static struct scn s;
	static struct profile_def only, each;

	for (int i = 1; i < argc; i++) {
		char err[512];

		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(check_help, stdout);
			return EXIT_PASS;
		}
		if (strcmp(argv[i], "--quiet") == 0) {
			quiet = true;
			continue;
		}
		if (strcmp(argv[i], "--profile") == 0 || strcmp(argv[i], "--profile-file") == 0) {
			int rc = cli_profile("check", argv[i], i + 1 < argc ? argv[i + 1] : NULL,
					     &only, &given);

			if (rc != 0)
				return rc;
			i++;
			continue;
		}
		if (scn_load(argv[i], &s, err, sizeof err) != 0) {
			fprintf(stderr, "%s\n", err);
			return EXIT_USAGE;
		}
		files++;
		if (given && only.builtin < 0) {
			check_loaded(&s, &only, quiet);
			continue;
		}
		for (int p = 0; p < TCP_NPROFILES; p++) {
			if (!s.profiles[p] || (given && p != only.builtin))
				continue;
			profile_builtin((enum tcp_profile_id)p, &each);
			bad += check_builtin(&s, &each, quiet);
		}
	}
	if (files == 0) {
		fprintf(stderr, "tcpspec check: expected at least one scenario file\n");
		return EXIT_USAGE;
	}
	return bad ? EXIT_FAIL : EXIT_PASS;
}
