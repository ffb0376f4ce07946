/*
 * results.h - recorded conformance runs, read back for docs/: the JSON that
 * `tcpspec run --json` writes (report/report.c), committed as
 * conformance/results/TARGET.json by `make results`:
 *
 *	{"meta": {"date": ..., "kernel": ..., "target": ..., "profile": ...,
 *	          "tcpspec": ..., "package": ...},
 *	 "results": [{"scenario": ..., "labels": ..., "target": ...,
 *	              "profile": ..., "family": 4, "verdict": "PASS", ...,
 *	              "trail": ["tester: S seq=0 ...", ...]}, ...]}
 *
 * "meta" is optional (older files have none).  The reader takes exactly this
 * shape: one object, flat objects of strings and numbers inside, a result
 * holding at most one array of strings (the "trail" of a FAIL or ERROR).
 * results_md.c writes docs/matrix.md from a set of them.
 */
#ifndef TCPSPEC_RESULTS_H
#define TCPSPEC_RESULTS_H

#include <stddef.h>
#include <stdio.h>

#define RESULTS_MAX_META 16

enum { RESULTS_PASS, RESULTS_FAIL, RESULTS_ERROR, RESULTS_SKIP, RESULTS_NVERDICTS };

#define RESULTS_TRAIL_MAX 4096

struct results_row {
	char scenario[160];   /* as recorded: conformance/scenarios/NAME.scn */
	char title[160];
	char labels[160];
	char stack[64];       /* the target's name for its stack: linux-6.18.44 */
	char profile[24];
	int family;           /* 4 or 6 */
	int verdict;          /* RESULTS_PASS..RESULTS_SKIP, or -1 */
	int line;             /* the step that decided a FAIL or ERROR */
	char message[512], expected[256], observed[512];
	char rule[64], section[64], target_state[24];
	char pcap[300];       /* "" when none was kept */
	char trail[RESULTS_TRAIL_MAX]; /* a FAIL's or ERROR's events, one a line */
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

#define RESULTS_STRICT "rfc9293"   /* the profile every run is also judged by */

/* "conformance/scenarios/rst-listen.scn" -> "rst-listen" */
void results_scenario_name(const char *path, char *out, size_t len);
/* The run's name: meta "target", else the file's name. */
void results_run_name(const struct results *r, char *out, size_t len);
/* The target's own profile: meta "profile", else the first result's. */
const char *results_own_profile(const struct results *r);

/* A meta value, or "" when the file has none. */
const char *results_meta(const struct results *r, const char *key);
/* "PASS".."SKIP" for RESULTS_PASS..RESULTS_SKIP. */
const char *results_verdict_name(int v);

/* The runs: target, stack, own profile, date, kernel, package, commit;
 * and each one's totals against its own profile and against rfc9293. */
void results_md_runs(FILE *f, const struct results *runs, int nruns);

/* docs/matrix.md: the runs side by side, one column per file, each cell
 * the verdict against the target's own profile / against rfc9293. */
void results_md_matrix(FILE *f, const struct results *runs, int nruns);

struct reqs;
/* docs/departures.md: for each run, the scenarios that FAIL against
 * rfc9293 (a stack's departures from the RFC), grouped by the requirement
 * label (or RFC section) they show, each with the RFC sentence (from q, the
 * labels of requirements.tsv), the scenario, the expected and observed
 * segments, the exchange up to the divergence and the pcap; and whether the
 * stack's own profile describes it. */
void results_md_departures(FILE *f, const struct results *runs, int nruns,
			   const struct reqs *q);

#endif
