/*
 * main.c - the tcpspec command: subcommands in the style of git.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *what;
} cmds[] = {
	{ "step", cmd_step, "one step of the model, as JSON" },
	{ "table", cmd_table, "the transition table, enumerated from the model" },
	{ "check", cmd_check, "check scenarios against the model alone" },
	{ "run", cmd_run, "run scenarios against a real TCP stack" },
	{ "explore", cmd_explore, "walk the model's state space; write a scenario per rule" },
	{ "walk", cmd_walk, "random walks against a stack, each failure shrunk" },
	{ "seqdiag", cmd_seqdiag, "a sequence diagram produced by running the model" },
	{ "docs", cmd_docs, "write the generated documentation pages" },
	{ "profile", cmd_profile, "the profiles as data: list, show one, diff two" },
};

static void usage(FILE *f)
{
	fprintf(f, "usage: tcpspec <command> [options]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		fprintf(f, "  %-8s %s\n", cmds[i].name, cmds[i].what);
	fprintf(f, "\n'tcpspec <command> --help' describes each; see also tcpspec(1).\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return EXIT_PASS;
	}
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "tcpspec: expected a command (see tcpspec --help), got '%s'\n",
		argv[1]);
	return EXIT_USAGE;
}
