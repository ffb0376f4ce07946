/*
 * report_html.c - the HTML report of a conformance run (report_html.h).
 */
#include "report/report_html.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docgen/diagram.h"
#include "base/markup.h"
#include "docgen/seqdiag.h"
#include "scenario/text.h"

#define MAX_SEEN 512

static const char css[] =
	"body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:24px;"
	"color:#24292f;max-width:1400px}"
	"h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 8px;"
	"border-bottom:1px solid #d0d7de;padding-bottom:4px}h3{font-size:16px;margin:20px 0 6px}"
	"table{border-collapse:collapse;width:100%;font-size:13px}"
	"th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top;"
	"overflow-wrap:anywhere}td.mono,td.nw{white-space:nowrap}"
	"th{background:#f6f8fa}code,.mono{font-family:'DejaVu Sans Mono',Menlo,monospace;font-size:12px}"
	".verdict{font-weight:bold;border-radius:4px;padding:1px 6px;color:#fff;white-space:nowrap}"
	".PASS{background:#1a7f37}.FAIL{background:#cf222e}.ERROR{background:#bc4c00}"
	".SKIP{background:#6e7781}.counts span{margin-right:10px}"
	".diagram svg,.seq svg{max-width:100%;height:auto;border:1px solid #d0d7de}"
	".fail{border:1px solid #cf222e;border-radius:6px;padding:8px 14px;margin:14px 0}"
	"dl{display:grid;grid-template-columns:max-content auto;gap:2px 14px;font-size:13px}"
	"dt{font-weight:bold}dd{margin:0}.note{color:#57606a;font-size:13px}"
	".warn{color:#bc4c00}";

static const char *base(const char *path, char *buf, size_t len)
{
	snprintf(buf, len, "%s", path);
	return basename(buf);
}

/* --- summary ------------------------------------------------------------- */

static void summary(FILE *f, const struct run_result *r, int n, double wall_ms)
{
	int count[4] = { 0 };

	for (int i = 0; i < n; i++)
		count[r[i].verdict & 3]++;
	fputs("<h1>tcpspec conformance report</h1>\n<p class=\"note\">Target <b>", f);
	mk_xml(f, n > 0 ? r[0].target : "-");
	fputs("</b>, profile <b>", f);
	mk_xml(f, n > 0 ? r[0].profile : "-");
	fprintf(f, "</b>: %d scenario runs in %.1f s.</p>\n<p class=\"counts\">", n, wall_ms / 1000.0);
	for (int v = 0; v < 4; v++)
		fprintf(f, "<span><span class=\"verdict %s\">%s</span> %d</span>",
			run_verdict_name((enum verdict)v), run_verdict_name((enum verdict)v), count[v]);
	fputs("</p>\n", f);
}

/* --- the state diagram --------------------------------------------------- */

static int collect_seen(const struct run_result *r, int n, struct dg_seen *seen)
{
	int ns = 0;

	for (int i = 0; i < n; i++) {
		if (r[i].verdict != V_PASS && r[i].verdict != V_FAIL)
			continue;
		for (int k = 0; k < r[i].nedges; k++) {
			const struct run_edge *e = &r[i].edges[k];
			int j;

			for (j = 0; j < ns; j++)
				if (seen[j].from == e->from && seen[j].to == e->to &&
				    seen[j].rule == e->rule)
					break;
			if (j == ns && ns == MAX_SEEN)
				continue;
			if (j == ns) {
				seen[ns].from = (enum tcp_state)e->from;
				seen[ns].to = (enum tcp_state)e->to;
				seen[ns].rule = (enum tcp_rule)e->rule;
				seen[ns++].failed = false;
			}
			seen[j].failed |= e->failed != 0;
		}
	}
	return ns;
}

/* dot -Tsvg of the coloured diagram, copied from its <svg> element on. */
static int render_dot(FILE *f, const struct profile_def *p, const struct dg_seen *seen,
		      int ns)
{
	char tmpl[] = "/tmp/tcpspec-diagram-XXXXXX", cmd[128], buf[4096];
	int fd = mkstemp(tmpl), started = 0;
	FILE *dotf, *svg;

	if (fd < 0 || (dotf = fdopen(fd, "w")) == NULL)
		return -1;
	dg_write(dotf, &p->tcp, p->name, seen, ns);
	fclose(dotf);
	snprintf(cmd, sizeof cmd, "dot -Tsvg %s 2>/dev/null", tmpl);
	svg = popen(cmd, "r");
	while (svg != NULL && fgets(buf, sizeof buf, svg) != NULL) {
		if (!started && strstr(buf, "<svg") != NULL)
			started = 1;
		if (started)
			fputs(buf, f);
	}
	if (svg != NULL && pclose(svg) != 0)
		started = 0;
	unlink(tmpl);
	return started ? 0 : -1;
}

static void diagram(FILE *f, const struct profile_def *prof, const struct run_result *r, int n)
{
	static struct dg_seen seen[MAX_SEEN];
	static struct profile_def p;
	int ns = collect_seen(r, n, seen);

	if (prof != NULL)
		p = *prof;
	else if (n == 0 || profile_builtin_find(r[0].profile, &p) != 0)
		profile_builtin(TCP_PROFILE_RFC9293, &p);
	fputs("<h2 id=\"diagram\">State diagram</h2>\n<p class=\"note\">RFC 9293 Figure 5 from "
	      "the model's table for this profile.  An edge (and each of its events) is "
	      "<b style=\"color:#1a7f37\">passed</b> when a scenario took it and the target agreed, "
	      "<b style=\"color:#cf222e\">failed</b> when a scenario failed at it, "
	      "<b style=\"color:#8c959f\">not covered</b> (dashed) when no scenario took it.</p>\n"
	      "<div class=\"diagram\">\n", f);
	if (render_dot(f, &p, seen, ns) != 0)
		fputs("<p class=\"warn\">The diagram needs graphviz (<code>dot</code>), which did "
		      "not run; <code>make deps</code> installs it.</p>\n", f);
	fputs("</div>\n", f);
}

/* --- scenarios ----------------------------------------------------------- */

static void verdict_badge(FILE *f, enum verdict v)
{
	fprintf(f, "<span class=\"verdict %s\">%s</span>", run_verdict_name(v), run_verdict_name(v));
}

static void scenario_rows(FILE *f, const struct run_result *r, int n)
{
	fputs("<h2 id=\"scenarios\">Scenarios</h2>\n<table>\n<tr><th>Verdict</th><th>Scenario</th>"
	      "<th>IP</th><th>What it checks</th><th>Labels</th><th>Time</th><th>Detail</th></tr>\n", f);
	for (int i = 0; i < n; i++) {
		char b[256];

		fprintf(f, "<tr id=\"run-%d\"><td>", i);
		verdict_badge(f, r[i].verdict);
		fputs("</td><td class=\"mono\">", f);
		mk_xml(f, base(r[i].path, b, sizeof b));
		fprintf(f, "</td><td class=\"nw\">v%d</td><td>", r[i].family);
		mk_xml(f, r[i].title);
		fputs("</td><td>", f);
		mk_xml(f, r[i].labels);
		fprintf(f, "</td><td class=\"nw\">%.0f ms</td><td>", r[i].ms);
		if (r[i].verdict != V_PASS)
			mk_xml(f, r[i].message);
		if (r[i].verdict == V_FAIL)
			fprintf(f, " <a href=\"#fail-%d\">details</a>", i);
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n", f);
}

/* --- a failure ----------------------------------------------------------- */

static bool is_segment(const char *s)
{
	return strstr(s, " seq=") != NULL;
}

static void trail_rows(struct sq_diagram *d, const struct run_result *r)
{
	int row = sq_row(d), last = TCP_CLOSED;

	sq_set_state(d, row, 1, tcp_state_name(TCP_CLOSED));
	if (r->trail_dropped > 0) {
		char t[64];

		snprintf(t, sizeof t, "(%d earlier events not shown)", r->trail_dropped);
		sq_note(d, 0, row, t, SQ_MUTED);
		sq_set_state(d, row, 1, "");
		last = -1;
	}
	for (int i = 0; i < r->ntrail; i++) {
		const struct run_event *e = &r->trail[i];

		row = sq_row(d);
		if (e->who == 'T' || e->who == 'S')
			sq_arrow(d, e->who == 'T' ? 0 : 1, row, row, e->text, SQ_NORMAL);
		else
			sq_note(d, e->who == 'W' ? 0 : 1, row, e->text,
				e->who == 'A' ? SQ_NORMAL : SQ_MUTED);
		if (e->state != last)
			sq_set_state(d, row, 1, tcp_state_name((enum tcp_state)e->state));
		last = e->state;
	}
}

/* The end of the diagram: what the model expected, dashed, and what the
 * target did instead, in red. */
static void failure_rows(struct sq_diagram *d, const struct run_result *r)
{
	char t[600];
	int row;

	if (d->narrows > 0 && is_segment(r->observed) &&
	    strcmp(d->arrows[d->narrows - 1].label, r->observed) == 0)
		d->arrows[d->narrows - 1].style = SQ_FAILED;
	else if (r->observed[0]) {
		snprintf(t, sizeof t, "observed: %s", r->observed);
		sq_note(d, 1, sq_row(d), t, SQ_FAILED);
	}
	if (!r->expected[0])
		return;
	row = sq_row(d);
	snprintf(t, sizeof t, "expected: %s", r->expected);
	if (is_segment(r->expected))
		sq_arrow(d, 1, row, row, t, SQ_EXPECTED);
	else
		sq_note(d, 1, row, t, SQ_EXPECTED);
}

static void field(FILE *f, const char *name, const char *value, bool mono)
{
	if (value[0] == '\0')
		return;
	fprintf(f, "<dt>%s</dt><dd%s>", name, mono ? " class=\"mono\"" : "");
	mk_xml(f, value);
	fputs("</dd>\n", f);
}

static void failure(FILE *f, const struct run_result *r, int i)
{
	static struct sq_diagram d;
	char title[300], b[256], line[32];

	snprintf(line, sizeof line, "%d", r->line);
	fprintf(f, "<div class=\"fail\" id=\"fail-%d\">\n<h3>", i);
	verdict_badge(f, r->verdict);
	fputs(" ", f);
	mk_xml(f, base(r->path, b, sizeof b));
	fprintf(f, " (IPv%d)</h3>\n<dl>\n", r->family);
	field(f, "What", r->message, false);
	field(f, "Scenario", r->path, true);
	field(f, "Line", line, false);
	field(f, "Expected", r->expected, true);
	field(f, "Observed", r->observed, true);
	field(f, "Target's state", r->target_state, false);
	field(f, "Rule", r->rule, true);
	field(f, "RFC", r->section, false);
	field(f, "Pcap", r->pcap, true);
	fputs("</dl>\n<div class=\"seq\">\n", f);
	snprintf(title, sizeof title, "%.200s: up to line %d", base(r->path, b, sizeof b), r->line);
	sq_init(&d, title, "tester", r->target[0] ? r->target : "target");
	trail_rows(&d, r);
	failure_rows(&d, r);
	sq_svg(f, &d, 0);
	fputs("</div>\n</div>\n", f);
}

int report_html(const char *path, const struct profile_def *prof, const struct run_result *r,
		int n, double wall_ms, char *err, size_t errlen)
{
	FILE *f = fopen(path, "w");
	int fails = 0;

	if (f == NULL) {
		snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
		return -1;
	}
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<title>tcpspec conformance report</title>\n<style>%s</style>\n</head>\n<body>\n", css);
	summary(f, r, n, wall_ms);
	diagram(f, prof, r, n);
	scenario_rows(f, r, n);
	for (int i = 0; i < n; i++)
		fails += r[i].verdict == V_FAIL;
	fprintf(f, "<h2 id=\"failures\">Failures</h2>\n%s", fails ? "" : "<p>None.</p>\n");
	for (int i = 0; i < n; i++)
		if (r[i].verdict == V_FAIL)
			failure(f, &r[i], i);
	fputs("</body>\n</html>\n", f);
	if (fclose(f) != 0) {
		snprintf(err, errlen, "%s: write failed: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}
