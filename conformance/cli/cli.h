/* cli.h - the tcpspec subcommands; each returns the process exit code. */
#ifndef TCPSPEC_CLI_H
#define TCPSPEC_CLI_H

#include <stdbool.h>

#define EXIT_PASS 0
#define EXIT_FAIL 1
#define EXIT_USAGE 2
#define EXIT_ENV 3

int cmd_step(int argc, char **argv);
int cmd_table(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_explore(int argc, char **argv);
int cmd_walk(int argc, char **argv);
int cmd_seqdiag(int argc, char **argv);
int cmd_docs(int argc, char **argv);
int cmd_profile(int argc, char **argv);

struct profile_def;
/* `--profile NAME` or `--profile-file PATH` (opt) of command cmd into *p;
 * *given says one was seen (a second is an error).  0, or EXIT_USAGE after
 * printing the error (a bad file: FILE:LINE: what was expected). */
int cli_profile(const char *cmd, const char *opt, const char *value, struct profile_def *p,
		bool *given);

#endif
