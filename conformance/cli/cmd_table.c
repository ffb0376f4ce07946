/*
 * cmd_table.c - `tcpspec table`: the transition table in md, csv, json or dot.
 */
#include <stdio.h>
#include <string.h>

#include "docgen/diagram.h"
#include "docgen/table_out.h"
#include "profiles/profile.h"
#include "cli/cli.h"

static const char table_help[] =
"usage: tcpspec table [--profile P | --profile-file F] [--format md|csv|json|dot]\n"
"                     [--changes-only]\n"
"\n"
"The transition table, computed by running the model over every state and\n"
"every class of event: each user call, representative segments (each flag\n"
"combination RFC 9293 3.10.7 treats differently; SEQ at RCV.NXT, in the\n"
"window, outside it; ACK acceptable, duplicate, of unsent data, too old) and\n"
"each timeout.  Columns: state, event, condition, next state, segments sent,\n"
"notification, rule, RFC section and label.  dot draws the state diagram:\n"
"RFC 9293 Figure 5's layout, every row that changes the state an edge\n"
"labelled event / segment sent, the usual server and client paths\n"
"highlighted, resets, aborts and give-ups dashed; render it with graphviz\n"
"(dot -Tsvg).\n"
"  --profile       rfc9293 (default), rfc9293-5961, linux, lwip, bsd\n"
"  --profile-file  a profile file (tcpspec profile show NAME writes one)\n"
"  --changes-only  only the rows whose next state differs\n";

int cmd_table(int argc, char **argv)
{
	static struct profile_def p;
	const char *fmt = "md";
	bool changes_only = false, given = false;

	profile_builtin(TCP_PROFILE_RFC9293, &p);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(table_help, stdout);
			return EXIT_PASS;
		} else if (strcmp(argv[i], "--changes-only") == 0) {
			changes_only = true;
		} else if (strcmp(argv[i], "--profile") == 0 || strcmp(argv[i], "--profile-file") == 0) {
			int rc = cli_profile("table", argv[i], i + 1 < argc ? argv[i + 1] : NULL, &p, &given);

			if (rc != 0)
				return rc;
			i++;
		} else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			fmt = argv[++i];
			if (strcmp(fmt, "md") && strcmp(fmt, "csv") &&
			    strcmp(fmt, "json") && strcmp(fmt, "dot")) {
				fprintf(stderr, "tcpspec table: expected a format md|csv|json|dot, got '%s'\n", fmt);
				return EXIT_USAGE;
			}
		} else {
			fprintf(stderr, "tcpspec table: expected --profile P, --profile-file F, --format F or --changes-only, got '%s'\n", argv[i]);
			return EXIT_USAGE;
		}
	}
	if (strcmp(fmt, "dot") == 0)
		dg_write(stdout, &p.tcp, p.name, NULL, 0);
	else
		tbl_write(stdout, &p.tcp, fmt, changes_only);
	return EXIT_PASS;
}
