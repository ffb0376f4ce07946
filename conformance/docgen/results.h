/*
 * results.h - recorded conformance runs, read back for docs/: the JSON that
 * `tcpspec run --json` writes (report/report.c), committed as
 * conformance/results/TARGET.json by `make results`:
 *
 *	{"meta": {"date": ..., "kernel": ..., "target": ..., "profile": ...,
 *	          "tcpspec": ..., "package": ...},
 *	 "results": [{"scenario": ..., "labels": ..., "target": ...,
 *	              "profile": ..., "family": 4, "verdict": "PASS", ...}, ...]}
 *
 * "meta" is optional (older files have none).  The reader takes exactly this
 * shape: one object, flat objects of strings and numbers inside.
 * results_md.c writes docs/matrix.md from a set of them.
 */
#ifndef TCPSPEC_RESULTS_H
#define TCPSPEC_RESULTS_H

#include <stdio.h>

#define RESULTS_MAX_META 16

enum { RESULTS_PASS, RESULTS_FAIL, RESULTS_ERROR, RESULTS_SKIP, RESULTS_NVERDICTS };

struct results_row {
	char scenario[160];   /* as recorded: conformance/scenarios/NAME.scn */
	char labels[160];
	char stack[64];       /* the target's name for its stack: linux-6.18.44 */
	char profile[24];
	int family;           /* 4 or 6 */
	int verdict;          /* RESULTS_PASS..RESULTS_SKIP, or -1 */
};

struct results {
	char path[256];
	int nmeta;
	struct { char key[48]; char val[160]; } meta[RESULTS_MAX_META];
	int n, cap;
	struct results_row *row;
};

/* Read PATH into r (zero it first, or results_free it).  0, or -1 with
 * err naming the file and what was expected there. */
int results_load(struct results *r, const char *path, char *err, size_t errlen);
void results_free(struct results *r);

/* A meta value, or "" when the file has none. */
const char *results_meta(const struct results *r, const char *key);
/* "PASS".."SKIP" for RESULTS_PASS..RESULTS_SKIP. */
const char *results_verdict_name(int v);

/* docs/matrix.md: the runs side by side, one column per file, each cell
 * the verdict against the target's own profile / against rfc9293. */
void results_md_matrix(FILE *f, const struct results *runs, int nruns);

#endif
