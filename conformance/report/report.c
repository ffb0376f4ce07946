/*
 * report.c - the results of a run as a human table, JSON and JUnit XML.
 */
#include "report/report.h"

#include "base/markup.h"

#include <errno.h>
#include <libgen.h>
#include <string.h>

#include "base/json.h"

static const char *base(const char *path, char *buf, size_t len)
{
	snprintf(buf, len, "%s", path);
	return basename(buf);
}

void report_table(FILE *f, const struct run_result *r, int n, double wall_ms)
{
	int count[4] = { 0 };

	fprintf(f, "%-6s %-3s %-38s %-8s %s\n", "RESULT", "IP", "SCENARIO", "TIME", "DETAIL");
	for (int i = 0; i < n; i++) {
		char b[256];

		count[r[i].verdict]++;
		fprintf(f, "%-6s v%-2d %-38.38s %6.0fms %s\n", run_verdict_name(r[i].verdict),
			r[i].family, base(r[i].path, b, sizeof b), r[i].ms,
			r[i].verdict == V_PASS ? r[i].title : r[i].message);
		if (r[i].verdict == V_FAIL) {
			fprintf(f, "       at %s:%d\n", r[i].path, r[i].line);
			if (r[i].expected[0])
				fprintf(f, "       expected: %s\n       observed: %s\n", r[i].expected,
					r[i].observed);
			if (r[i].rule[0])
				fprintf(f, "       rule: %s (%s)\n", r[i].rule, r[i].section);
			if (r[i].pcap[0])
				fprintf(f, "       pcap: %s\n", r[i].pcap);
		}
	}
	fprintf(f, "\n%d scenario runs: %d PASS, %d FAIL, %d ERROR, %d SKIP in %.1f s\n", n,
		count[V_PASS], count[V_FAIL], count[V_ERROR], count[V_SKIP], wall_ms / 1000.0);
}

static void jfield(FILE *f, const char *key, const char *val, bool comma)
{
	fprintf(f, "\"%s\": ", key);
	json_str(f, val);
	if (comma)
		fputs(", ", f);
}

static void meta_json(FILE *f, const struct report_meta *meta)
{
	int written = 0;

	fputs("{\"meta\": {", f);
	for (int i = 0; meta != NULL && i < meta->n; i++) {
		const char *eq = strchr(meta->kv[i], '=');
		char key[64];

		if (eq == NULL)
			continue;
		snprintf(key, sizeof key, "%.*s", (int)(eq - meta->kv[i]), meta->kv[i]);
		fputs(written++ ? ", " : "", f);
		jfield(f, key, eq + 1, false);
	}
	fputs("},\n \"results\": [", f);
}

/* "trail": what happened up to the verdict, one string an event:
 * "tester: S seq=0 win=65535 len=0", "target: S. seq=0 ack=1 ...",
 * "app listen", "wait 20 ms", "model: retransmit timer fired". */
static void trail_json(FILE *f, const struct run_result *r)
{
	fputs("\"trail\": [", f);
	if (r->trail_dropped > 0)
		fprintf(f, "\"(%d earlier events not shown)\"%s", r->trail_dropped,
			r->ntrail > 0 ? ", " : "");
	for (int i = 0; i < r->ntrail; i++) {
		const struct run_event *e = &r->trail[i];
		const char *who = e->who == 'T' ? "tester: " : e->who == 'S' ? "target: "
				: e->who == 'F' ? "model: " : "";
		char text[128];

		snprintf(text, sizeof text, "%s%s", who, e->text);
		json_str(f, text);
		fputs(i + 1 < r->ntrail ? ", " : "", f);
	}
	fputs("], ", f);
}

void report_json_write(FILE *f, const struct run_result *r, int n)
{
	report_json_write_meta(f, NULL, r, n);
}

void report_json_write_meta(FILE *f, const struct report_meta *meta, const struct run_result *r,
			    int n)
{
	meta_json(f, meta);
	for (int i = 0; i < n; i++) {
		fprintf(f, "%s\n  {", i ? "," : "");
		jfield(f, "scenario", r[i].path, true);
		jfield(f, "title", r[i].title, true);
		jfield(f, "rfc", r[i].rfc, true);
		jfield(f, "labels", r[i].labels, true);
		jfield(f, "target", r[i].target, true);
		jfield(f, "profile", r[i].profile, true);
		fprintf(f, "\"family\": %d, ", r[i].family);
		jfield(f, "verdict", run_verdict_name(r[i].verdict), true);
		fprintf(f, "\"line\": %d, ", r[i].line);
		jfield(f, "message", r[i].message, true);
		jfield(f, "expected", r[i].expected, true);
		jfield(f, "observed", r[i].observed, true);
		jfield(f, "rule", r[i].rule, true);
		jfield(f, "section", r[i].section, true);
		jfield(f, "target_state", r[i].target_state, true);
		jfield(f, "pcap", r[i].pcap, true);
		if (r[i].verdict == V_FAIL || r[i].verdict == V_ERROR)
			trail_json(f, &r[i]);
		fprintf(f, "\"ms\": %.3f}", r[i].ms);
	}
	fputs("\n]}\n", f);
}

int report_json(const char *path, const struct report_meta *meta, const struct run_result *r,
		int n, char *err, size_t errlen)
{
	FILE *f = fopen(path, "w");

	if (f == NULL) {
		snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
		return -1;
	}
	report_json_write_meta(f, meta, r, n);
	if (fclose(f) != 0) {
		snprintf(err, errlen, "%s: write failed: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

void report_junit_write(FILE *f, const struct run_result *r, int n)
{
	int fails = 0, errors = 0, skips = 0;

	for (int i = 0; i < n; i++) {
		fails += r[i].verdict == V_FAIL;
		errors += r[i].verdict == V_ERROR;
		skips += r[i].verdict == V_SKIP;
	}
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuite name=\"tcpspec\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\">\n",
		n, fails, errors, skips);
	for (int i = 0; i < n; i++) {
		char b[256];

		fputs("  <testcase classname=\"", f);
		mk_xml(f, r[i].target);
		fputs(".", f);
		mk_xml(f, r[i].profile);
		fprintf(f, ".v%d\" name=\"", r[i].family);
		mk_xml(f, base(r[i].path, b, sizeof b));
		fprintf(f, "\" time=\"%.3f\">", r[i].ms / 1000.0);
		if (r[i].verdict != V_PASS) {
			const char *tag = r[i].verdict == V_FAIL ? "failure"
					: r[i].verdict == V_ERROR ? "error" : "skipped";

			fprintf(f, "<%s message=\"", tag);
			mk_xml(f, r[i].message);
			fputs("\">", f);
			mk_xml(f, r[i].path);
			fprintf(f, ":%d expected: ", r[i].line);
			mk_xml(f, r[i].expected);
			fputs(" observed: ", f);
			mk_xml(f, r[i].observed);
			if (r[i].target_state[0]) {
				fputs(" target state: ", f);
				mk_xml(f, r[i].target_state);
			}
			fputs(" rule: ", f);
			mk_xml(f, r[i].rule);
			fprintf(f, "</%s>", tag);
		}
		fputs("</testcase>\n", f);
	}
	fputs("</testsuite>\n", f);
}

int report_junit(const char *path, const struct run_result *r, int n, char *err, size_t errlen)
{
	FILE *f = fopen(path, "w");

	if (f == NULL) {
		snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
		return -1;
	}
	report_junit_write(f, r, n);
	if (fclose(f) != 0) {
		snprintf(err, errlen, "%s: write failed: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}
