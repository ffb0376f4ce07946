/* report_matrix.h - the conformance matrix across stacks (issue 6): one row
 * per scenario and family, one column per stack, each cell the verdict
 * against the stack's own profile and against rfc9293. */
#ifndef TCPSPEC_REPORT_MATRIX_H
#define TCPSPEC_REPORT_MATRIX_H

#include <stdio.h>

#include "run/runner.h"

struct report_matrix_col {
	const char *target;
	const struct run_result *own;    /* against the target's profile */
	const struct run_result *strict; /* against rfc9293 */
	int n;
};

/* fmt: "text" or "md" */
void report_matrix_print(FILE *f, const char *fmt, const struct report_matrix_col *cols,
			 int ncols);
int report_matrix_json(const char *path, const struct report_matrix_col *cols, int ncols,
		       char *err, size_t errlen);

#endif
