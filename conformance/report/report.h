/* report.h - the results of a run: a table on stdout, JSON and JUnit files. */
#ifndef TCPSPEC_REPORT_H
#define TCPSPEC_REPORT_H

#include <stdio.h>

#include "run/runner.h"

void report_table(FILE *f, const struct run_result *r, int n, double wall_ms);
/* The JSON and JUnit XML of a run, to a stream or to a file. */
void report_json_write(FILE *f, const struct run_result *r, int n);
void report_junit_write(FILE *f, const struct run_result *r, int n);
int report_json(const char *path, const struct run_result *r, int n, char *err, size_t errlen);
int report_junit(const char *path, const struct run_result *r, int n, char *err, size_t errlen);

#endif
