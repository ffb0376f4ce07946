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
/* {"meta": {KEY: VALUE, ...}, "results": [{...}, ...]}; meta may be NULL.
 * docgen/results.h reads it back for docs/. */
int report_json(const char *path, const struct report_meta *meta, const struct run_result *r,
		int n, char *err, size_t errlen);
int report_junit(const char *path, const struct run_result *r, int n, char *err, size_t errlen);

#endif
