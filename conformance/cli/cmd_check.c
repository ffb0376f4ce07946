/*
 * cmd_check.c - `tcpspec check`: run scenarios through the model alone:
 * the runner of `tcpspec run` with the model as its target (run_check).
 * An `expect` the model contradicts is a bug in the scenario, reported with
 * its file and line; so is a `wait ... fires T` when T is not armed.
 */
#include <stdio.h>
#include <string.h>

#include "run/runner.h"
#include "scenario/text.h"
#include "cli/cli.h"

static const char check_help[] =
"usage: tcpspec check [--profile P] [--quiet] SCENARIO...\n"
"\n"
"Runs each scenario through the model alone, for each profile the scenario\n"
"names in its '# profiles:' header (all four by default) or only P, and\n"
"reports every 'expect' the model contradicts and every 'wait ... fires T'\n"
"whose timer is not armed, as FILE:LINE: message.\n"
"Exit: 0 all consistent, 1 some contradiction, 2 a scenario does not parse.\n";

struct failed {
	const struct scn *s;
	enum tcp_profile_id pid;
};

static void print_failure(void *arg, const struct run_result *r)
{
	const struct failed *f = arg;

	printf("%s:%d: [%s] %s\n", f->s->path, r->line, tcp_profile_name(f->pid), r->message);
}

/* Every step of s the model contradicts, printed; how many. */
static int check_one(const struct scn *s, enum tcp_profile_id pid)
{
	struct failed f = { s, pid };

	return run_check_all(s, pid, print_failure, &f);
}

int cmd_check(int argc, char **argv)
{
	int only = -1, bad = 0, files = 0;
	bool quiet = false;
	static struct scn s;

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
		if (strcmp(argv[i], "--profile") == 0 && i + 1 < argc) {
			enum tcp_profile_id id;

			if (txt_profile_parse(argv[++i], &id) != 0) {
				fprintf(stderr, "tcpspec check: expected a profile rfc9293|rfc9293-5961|linux|lwip, got '%s'\n", argv[i]);
				return EXIT_USAGE;
			}
			only = (int)id;
			continue;
		}
		if (scn_load(argv[i], &s, err, sizeof err) != 0) {
			fprintf(stderr, "%s\n", err);
			return EXIT_USAGE;
		}
		files++;
		for (int p = 0; p < TCP_NPROFILES; p++) {
			int b;

			if (!s.profiles[p] || (only >= 0 && p != only))
				continue;
			b = check_one(&s, (enum tcp_profile_id)p);
			bad += b;
			if (b == 0 && !quiet)
				printf("ok   %s [%s]\n", s.path, tcp_profile_name((enum tcp_profile_id)p));
		}
	}
	if (files == 0) {
		fprintf(stderr, "tcpspec check: expected at least one scenario file\n");
		return EXIT_USAGE;
	}
	return bad ? EXIT_FAIL : EXIT_PASS;
}
