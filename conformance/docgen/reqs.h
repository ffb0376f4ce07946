/*
 * reqs.h - requirements traceability: every requirement label of RFC 9293
 * (MUST-1..69, SHLD-1..31, MAY-1..18, REC-1) with its summary and scope
 * (conformance/requirements.tsv), the model rules that carry it (the labels
 * of model/tcp_text.c), the unit tests and scenarios that cite it (found in
 * their text), and the verdicts of a recorded run (the JSON of
 * `tcpspec run --json`).  Writes docs/requirements.md.
 */
#ifndef TCPSPEC_REQS_H
#define TCPSPEC_REQS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "model/tcp.h"

#define REQ_N 119
#define REQ_MAX_RULES 12
#define REQ_MAX_CITES 40
#define REQ_MAX_TARGETS 4
#define REQ_MAX_UNKNOWN 32

struct req_cite {
	char file[128];
	char test[64];        /* the Check test at the citation, or "" */
	bool scenario;
};

struct req {
	char label[12];
	char section[16];
	char scope[200];      /* "model" or "out of scope: ..." */
	char summary[200];
	bool listed;          /* requirements.tsv has it */
	int nrules;
	enum tcp_rule rules[REQ_MAX_RULES];
	int ncites, more_cites;
	struct req_cite cites[REQ_MAX_CITES];
};

enum { RQ_PASS, RQ_FAIL, RQ_ERROR, RQ_SKIP, RQ_NVERDICTS };

struct req_target {
	char name[96];        /* "linux 6.1.0 (profile linux)" */
	int n[REQ_N][RQ_NVERDICTS];
};

struct reqs {
	struct req r[REQ_N];
	int ntargets;
	struct req_target t[REQ_MAX_TARGETS];
	int nunknown;
	char unknown[REQ_MAX_UNKNOWN][160];  /* citations of labels RFC 9293 lacks */
};

/* The labels in RFC 9293's order; then requirements.tsv on top. */
void reqs_init(struct reqs *q);
int reqs_load(struct reqs *q, const char *tsv, char *err, size_t errlen);
/* The labels of the model's rules. */
void reqs_rules(struct reqs *q);
/* Every label cited in a test (.c) or scenario (.scn) file. */
int reqs_cite(struct reqs *q, const char *path, char *err, size_t errlen);
/* The verdicts of a run's JSON, per label its scenarios declare. */
int reqs_results(struct reqs *q, const char *path, char *err, size_t errlen);

/* A label the model carries with neither a rule nor a citation; and a
 * label requirements.tsv leaves out or gives no valid scope. */
bool req_uncovered(const struct req *r);
bool req_unlisted(const struct req *r);

void reqs_write_md(FILE *f, const struct reqs *q, const char *tsv);

/* Index of a label ("MUST-13"), or -1. */
int req_index(const char *label);

#endif
