/*
 * table_out.c - the transition table as Markdown, CSV or JSON.
 */
#include "docgen/table_out.h"

#include <string.h>

#include "base/json.h"
#include "base/markup.h"

struct out {
	FILE *f;
	const char *fmt;
	bool changes_only;
	int rows;
};

void tbl_sends(const struct tbl_row *r, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < r->res.nemit && n < len; i++) {
		char s[128];

		n += (size_t)snprintf(buf + n, len - n, "%s%s", i ? " " : "",
				      tbl_segment_symbolic(r, i, s, sizeof s));
	}
}

/* A cell; text with < or > (segments, ACK>SND.NXT) as code, so that a
 * Markdown renderer does not take it for HTML. */
static void md_cell(FILE *f, const char *s, const char *empty)
{
	bool code = strpbrk(s, "<>") != NULL;

	fputs(code ? " `" : " ", f);
	mk_md(f, s[0] ? s : empty);
	fputs(code ? "` |" : " |", f);
}

static void md_row(FILE *f, const struct tbl_row *r, const char *snd)
{
	const char *label = tcp_rule_label(r->res.rule);

	fputs("|", f);
	md_cell(f, tcp_state_name(r->state), "");
	md_cell(f, r->event, "");
	md_cell(f, r->cond, "");
	md_cell(f, tcp_state_name(r->after.state), "");
	md_cell(f, snd, "-");
	md_cell(f, r->res.notify ? tcp_notify_text(r->res.notify) : "", "-");
	fprintf(f, " `%s` |", tcp_rule_name(r->res.rule));
	fprintf(f, " %s%s%s |\n", tcp_rule_section(r->res.rule), label[0] ? " " : "",
		label);
}

static void csv_field(FILE *f, const char *s, const char *sep)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
	fputs(sep, f);
}

static void csv_row(FILE *f, const struct tbl_row *r, const char *snd)
{
	csv_field(f, tcp_state_name(r->state), ",");
	csv_field(f, r->event, ",");
	csv_field(f, r->cond, ",");
	csv_field(f, tcp_state_name(r->after.state), ",");
	csv_field(f, snd, ",");
	csv_field(f, tcp_notify_text(r->res.notify), ",");
	csv_field(f, tcp_rule_name(r->res.rule), ",");
	csv_field(f, tcp_rule_section(r->res.rule), ",");
	csv_field(f, tcp_rule_label(r->res.rule), "\n");
}

static void json_field(FILE *f, const char *key, const char *val)
{
	fprintf(f, ", \"%s\": ", key);
	json_str(f, val);
}

static void json_row(FILE *f, const struct tbl_row *r, const char *snd, int n)
{
	fprintf(f, "%s\n  {\"state\": ", n ? "," : "");
	json_str(f, tcp_state_name(r->state));
	json_field(f, "event", r->event);
	json_field(f, "condition", r->cond);
	json_field(f, "next", tcp_state_name(r->after.state));
	json_field(f, "sends", snd);
	fputs(", \"notify\": ", f);
	if (r->res.notify)
		json_str(f, tcp_notify_text(r->res.notify));
	else
		fputs("null", f);
	json_field(f, "rule", tcp_rule_name(r->res.rule));
	json_field(f, "section", tcp_rule_section(r->res.rule));
	json_field(f, "label", tcp_rule_label(r->res.rule));
	fputc('}', f);
}

static void row_cb(const struct tbl_row *r, void *arg)
{
	struct out *o = arg;
	char snd[512];

	if (o->changes_only && r->state == r->after.state)
		return;
	tbl_sends(r, snd, sizeof snd);
	if (strcmp(o->fmt, "md") == 0)
		md_row(o->f, r, snd);
	else if (strcmp(o->fmt, "csv") == 0)
		csv_row(o->f, r, snd);
	else
		json_row(o->f, r, snd, o->rows);
	o->rows++;
}

int tbl_write(FILE *f, const struct tcp_profile *p, const char *fmt,
	      bool changes_only)
{
	struct out o = { f, fmt, changes_only, 0 };

	if (strcmp(fmt, "md") == 0)
		fputs("| State | Event | Condition | Next state | Sends | Notify | Rule | RFC |\n"
		      "|---|---|---|---|---|---|---|---|\n", f);
	else if (strcmp(fmt, "csv") == 0)
		fputs("state,event,condition,next,sends,notify,rule,section,label\n", f);
	else
		fputc('[', f);
	tbl_enumerate(p, row_cb, &o);
	if (strcmp(fmt, "json") == 0)
		fputs("\n]\n", f);
	return o.rows;
}
