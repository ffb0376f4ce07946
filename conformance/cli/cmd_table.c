/*
 * cmd_table.c - `tcpspec table`: the transition table in md, csv, json or dot.
 */
#include <stdio.h>
#include <string.h>

#include "docgen/diagram.h"
#include "docgen/table_out.h"
#include "scenario/text.h"
#include "cli/cli.h"

static const char table_help[] =
"usage: tcpspec table [--profile P] [--format md|csv|json|dot] [--changes-only]\n"
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
"  --profile       rfc9293 (default), rfc9293-5961, linux, lwip\n"
"  --changes-only  only the rows whose next state differs\n";

int cmd_table(int argc, char **argv)
{
	enum tcp_profile_id pid = TCP_PROFILE_RFC9293;
	const char *fmt = "md";
	bool changes_only = false;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(table_help, stdout);
			return EXIT_PASS;
		} else if (strcmp(argv[i], "--changes-only") == 0) {
			changes_only = true;
		} else if (strcmp(argv[i], "--profile") == 0 && i + 1 < argc) {
			if (txt_profile_parse(argv[++i], &pid) != 0) {
				fprintf(stderr, "tcpspec table: expected a profile rfc9293|rfc9293-5961|linux|lwip, got '%s'\n", argv[i]);
				return EXIT_USAGE;
			}
		} else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			fmt = argv[++i];
			if (strcmp(fmt, "md") && strcmp(fmt, "csv") &&
			    strcmp(fmt, "json") && strcmp(fmt, "dot")) {
				fprintf(stderr, "tcpspec table: expected a format md|csv|json|dot, got '%s'\n", fmt);
				return EXIT_USAGE;
			}
		} else {
			fprintf(stderr, "tcpspec table: expected --profile P, --format F or --changes-only, got '%s'\n", argv[i]);
			return EXIT_USAGE;
		}
	}
	if (strcmp(fmt, "dot") == 0)
		dg_write(stdout, tcp_profile_get(pid), NULL, 0);
	else
		tbl_write(stdout, tcp_profile_get(pid), fmt, changes_only);
	return EXIT_PASS;
}
