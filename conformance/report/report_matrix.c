/*
 * report_matrix.c - the conformance matrix as a text table, Markdown and JSON.
 */
#include "report/report_matrix.h"

#include <errno.h>
#include <libgen.h>
#include <string.h>

#include "base/json.h"

static const char *name(const struct run_result *r, char *buf, size_t len)
{
	char b[256];

	snprintf(b, sizeof b, "%s", r->path);
	snprintf(buf, len, "%s v%d", basename(b), r->family);
	return buf;
}

static void cell(char *buf, size_t len, const struct run_result *own,
		 const struct run_result *strict)
{
	snprintf(buf, len, "%s / %s", run_verdict_name(own->verdict), run_verdict_name(strict->verdict));
}

void report_matrix_print(FILE *f, const char *fmt, const struct report_matrix_col *cols,
			 int ncols)
{
	bool md = strcmp(fmt, "md") == 0;
	char nb[300], cb[32];

	if (ncols == 0)
		return;
	if (md) {
		fprintf(f, "| Scenario |");
		for (int c = 0; c < ncols; c++)
			fprintf(f, " %s (own profile / rfc9293) |", cols[c].target);
		fprintf(f, "\n|---|");
		for (int c = 0; c < ncols; c++)
			fprintf(f, "---|");
		fputc('\n', f);
	} else {
		fprintf(f, "%-44s", "SCENARIO (verdict: own profile / rfc9293)");
		for (int c = 0; c < ncols; c++)
			fprintf(f, " %-16s", cols[c].target);
		fputc('\n', f);
	}
	for (int i = 0; i < cols[0].n; i++) {
		name(&cols[0].own[i], nb, sizeof nb);
		fprintf(f, md ? "| %s |" : "%-44s", nb);
		for (int c = 0; c < ncols; c++) {
			if (i >= cols[c].n) {
				fprintf(f, md ? " - |" : " %-16s", "-");
				continue;
			}
			cell(cb, sizeof cb, &cols[c].own[i], &cols[c].strict[i]);
			fprintf(f, md ? " %s |" : " %-16s", cb);
		}
		fputc('\n', f);
	}
}

int report_matrix_json(const char *path, const struct report_matrix_col *cols, int ncols,
		       char *err, size_t errlen)
{
	FILE *f = fopen(path, "w");

	if (f == NULL) {
		snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
		return -1;
	}
	fputs("{\"matrix\": [", f);
	for (int i = 0; ncols > 0 && i < cols[0].n; i++) {
		fprintf(f, "%s\n  {\"scenario\": ", i ? "," : "");
		json_str(f, cols[0].own[i].path);
		fprintf(f, ", \"family\": %d, \"targets\": {", cols[0].own[i].family);
		for (int c = 0; c < ncols && i < cols[c].n; c++) {
			fprintf(f, "%s", c ? ", " : "");
			json_str(f, cols[c].target);
			fputs(": {\"profile\": ", f);
			json_str(f, cols[c].own[i].profile);
			fputs(", \"verdict\": ", f);
			json_str(f, run_verdict_name(cols[c].own[i].verdict));
			fputs(", \"rfc9293\": ", f);
			json_str(f, run_verdict_name(cols[c].strict[i].verdict));
			fputs(", \"message\": ", f);
			json_str(f, cols[c].own[i].message);
			fputs(", \"rfc9293_message\": ", f);
			json_str(f, cols[c].strict[i].message);
			fputc('}', f);
		}
		fputs("}}", f);
	}
	fputs("\n]}\n", f);
	if (fclose(f) != 0) {
		snprintf(err, errlen, "%s: write failed: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}
