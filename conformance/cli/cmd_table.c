/*
 * cmd_table.c - `tcpspec table`: the transition table in md, csv, json or dot.
 */
#include <stdio.h>
#include <string.h>

#include "../json.h"
#include "../table.h"
#include "../text.h"
#include "cli.h"

static const char table_help[] =
"usage: tcpspec table [--profile P] [--format md|csv|json|dot] [--changes-only]\n"
"\n"
"The transition table, computed by running the model over every state and\n"
"every class of event: each user call, representative segments (each flag\n"
"combination RFC 9293 3.10.7 treats differently; SEQ at RCV.NXT, in the\n"
"window, outside it; ACK acceptable, duplicate, of unsent data, too old) and\n"
"each timeout.  Columns: state, event, condition, next state, segments sent,\n"
"notification, rule, RFC section.  dot draws the state diagram (edges that\n"
"change state, labelled with their events); render it with graphviz.\n"
"  --profile       rfc9293 (default), rfc9293-5961, linux, lwip\n"
"  --changes-only  only the rows whose next state differs\n";

struct out {
	const char *fmt;
	bool changes_only;
	int rows;
	/* dot: edge labels, [from][to] */
	char labels[TCP_NSTATES][TCP_NSTATES][512];
};

static void sends(const struct tbl_row *r, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < r->res.nemit && n < len; i++) {
		char s[128];

		n += (size_t)snprintf(buf + n, len - n, "%s%s", i ? " " : "",
				      tbl_segment_symbolic(r, i, s, sizeof s));
	}
}

static void md_row(const struct tbl_row *r, const char *snd)
{
	printf("| %s | %s | %s | %s | %s | %s | `%s` | %s%s%s |\n",
	       tcp_state_name(r->state), r->event, r->cond,
	       tcp_state_name(r->after.state), snd[0] ? snd : "-",
	       r->res.notify ? tcp_notify_text(r->res.notify) : "-",
	       tcp_rule_name(r->res.rule), tcp_rule_section(r->res.rule),
	       tcp_rule_label(r->res.rule)[0] ? " " : "", tcp_rule_label(r->res.rule));
}

static void csv_field(const char *s, const char *sep)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
	fputs(sep, stdout);
}

static void csv_row(const struct tbl_row *r, const char *snd)
{
	csv_field(tcp_state_name(r->state), ",");
	csv_field(r->event, ",");
	csv_field(r->cond, ",");
	csv_field(tcp_state_name(r->after.state), ",");
	csv_field(snd, ",");
	csv_field(tcp_notify_text(r->res.notify), ",");
	csv_field(tcp_rule_name(r->res.rule), ",");
	csv_field(tcp_rule_section(r->res.rule), ",");
	csv_field(tcp_rule_label(r->res.rule), "\n");
}

static void json_row(const struct tbl_row *r, const char *snd, int n)
{
	printf("%s\n  {\"state\": ", n ? "," : "");
	json_str(stdout, tcp_state_name(r->state));
	printf(", \"event\": ");
	json_str(stdout, r->event);
	printf(", \"condition\": ");
	json_str(stdout, r->cond);
	printf(", \"next\": ");
	json_str(stdout, tcp_state_name(r->after.state));
	printf(", \"sends\": ");
	json_str(stdout, snd);
	printf(", \"notify\": ");
	if (r->res.notify)
		json_str(stdout, tcp_notify_text(r->res.notify));
	else
		fputs("null", stdout);
	printf(", \"rule\": ");
	json_str(stdout, tcp_rule_name(r->res.rule));
	printf(", \"section\": ");
	json_str(stdout, tcp_rule_section(r->res.rule));
	printf(", \"label\": ");
	json_str(stdout, tcp_rule_label(r->res.rule));
	putchar('}');
}

static void dot_collect(struct out *o, const struct tbl_row *r)
{
	char *l = o->labels[r->state][r->after.state];
	char ev[64];

	snprintf(ev, sizeof ev, "%s", r->event);
	if (strstr(l, ev) != NULL)
		return;
	if (strlen(l) + strlen(ev) + 3 < sizeof o->labels[0][0])
		snprintf(l + strlen(l), sizeof o->labels[0][0] - strlen(l), "%s%s",
			 l[0] ? "\\n" : "", ev);
}

static void row_cb(const struct tbl_row *r, void *arg)
{
	struct out *o = arg;
	char snd[512];

	if (o->changes_only && r->state == r->after.state)
		return;
	sends(r, snd, sizeof snd);
	if (strcmp(o->fmt, "md") == 0)
		md_row(r, snd);
	else if (strcmp(o->fmt, "csv") == 0)
		csv_row(r, snd);
	else if (strcmp(o->fmt, "json") == 0)
		json_row(r, snd, o->rows);
	else if (r->state != r->after.state)
		dot_collect(o, r);
	o->rows++;
}

static void dot_print(const struct out *o, const char *profile)
{
	printf("digraph tcp_%s {\n  rankdir=TB;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
	       "  edge [fontname=\"Helvetica\", fontsize=9];\n", profile);
	for (int s = 0; s < TCP_NSTATES; s++)
		printf("  \"%s\";\n", tcp_state_name((enum tcp_state)s));
	for (int a = 0; a < TCP_NSTATES; a++)
		for (int b = 0; b < TCP_NSTATES; b++)
			if (o->labels[a][b][0])
				printf("  \"%s\" -> \"%s\" [label=\"%s\"];\n",
				       tcp_state_name((enum tcp_state)a),
				       tcp_state_name((enum tcp_state)b), o->labels[a][b]);
	printf("}\n");
}

int cmd_table(int argc, char **argv)
{
	static struct out o;
	enum tcp_profile_id pid = TCP_PROFILE_RFC9293;

	memset(&o, 0, sizeof o);
	o.fmt = "md";
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(table_help, stdout);
			return EXIT_PASS;
		} else if (strcmp(argv[i], "--changes-only") == 0) {
			o.changes_only = true;
		} else if (strcmp(argv[i], "--profile") == 0 && i + 1 < argc) {
			if (txt_profile_parse(argv[++i], &pid) != 0) {
				fprintf(stderr, "tcpspec table: expected a profile rfc9293|rfc9293-5961|linux|lwip, got '%s'\n", argv[i]);
				return EXIT_USAGE;
			}
		} else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			o.fmt = argv[++i];
			if (strcmp(o.fmt, "md") && strcmp(o.fmt, "csv") &&
			    strcmp(o.fmt, "json") && strcmp(o.fmt, "dot")) {
				fprintf(stderr, "tcpspec table: expected a format md|csv|json|dot, got '%s'\n", o.fmt);
				return EXIT_USAGE;
			}
		} else {
			fprintf(stderr, "tcpspec table: expected --profile P, --format F or --changes-only, got '%s'\n", argv[i]);
			return EXIT_USAGE;
		}
	}
	if (strcmp(o.fmt, "md") == 0)
		printf("| State | Event | Condition | Next state | Sends | Notify | Rule | RFC |\n"
		       "|---|---|---|---|---|---|---|---|\n");
	else if (strcmp(o.fmt, "csv") == 0)
		printf("state,event,condition,next,sends,notify,rule,section,label\n");
	else if (strcmp(o.fmt, "json") == 0)
		printf("[");
	tbl_enumerate(tcp_profile_get(pid), row_cb, &o);
	if (strcmp(o.fmt, "json") == 0)
		printf("\n]\n");
	else if (strcmp(o.fmt, "dot") == 0)
		dot_print(&o, tcp_profile_name(pid));
	return EXIT_PASS;
}
