/* report.h - the results of a run: a table on stdout, JSON and JUnit files. */
#ifndef TCPSPEC_REPORT_H
#define TCPSPEC_REPORT_H

#include <stdio.h>

#include "run/runner.h"

#define REPORT_META_MAX 16

/* What the JSON says about the run as a whole: "KEY=VALUE" strings, in
 * order (the date, the kernel, the target, tool and package versions). */
struct report_meta {
	int n;
	const char *kv[REPORT_META_MAX];
};

void report_table(FILE *f, const struct run_result *r, int n, double wall_ms);
/* The JSON and JUnit XML of a run, to a stream or to a file.  The JSON is
 * {"meta": {KEY: VALUE, ...}, "results": [{...}, ...]} (meta NULL: an empty
 * object); docgen/results.h reads it back for docs/. */
void report_json_write(FILE *f, const struct run_result *r, int n);
void report_json_write_meta(FILE *f, const struct report_meta *meta, const struct run_result *r,
			    int n);
void report_junit_write(FILE *f, const struct run_result *r, int n);
int report_json(const char *path, const struct report_meta *meta, const struct run_result *r,
		int n, char *err, size_t errlen);
int report_junit(const char *path, const struct run_result *r, int n, char *err, size_t errlen);

#endif
