/*
 * walk.h - random walks (`tcpspec walk`): long random sequences of events
 * from the model's alphabet (explore.h's xp_alphabet: the user calls the
 * sockets API can make, every class of segment, the armed timers), seeded
 * and reproducible, run against one target or several; the model judges
 * every step, as in any run.  A sequence that fails on a target is shrunk:
 * steps are removed one at a time while the model still accepts the
 * sequence and the target still fails it, and the minimal scenario is
 * written to disk with its pcap; a failure with the cause of one found
 * before (walk_cause) is counted, not shrunk again.  With several targets,
 * judged by the same profile, a sequence on which they disagree (one
 * passes, another fails, or both fail for different causes) is reported
 * too, once per kind of disagreement.
 */
#ifndef TCPSPEC_WALK_H
#define TCPSPEC_WALK_H

#include <stdbool.h>
#include <stdint.h>

#include "model/tcp.h"
#include "profiles/profile.h"
#include "run/runner.h"

/*
 * The walk never draws a call the sockets API refuses where RFC 9293
 * defines it (explore.h: xp_api_refuses_why(), the explorer's list too:
 * EADDRINUSE, EAGAIN before ESTABLISHED, an option on a connection that is
 * gone), and a sequence ends once a passively opened connection is CLOSED
 * while its listener is open (the listener takes what comes next; the
 * model has one connection).
 */

#define WALK_MAX_TARGETS 4

struct walk_opts {
	const char *targets[WALK_MAX_TARGETS]; /* "linux", "lwip", ... */
	int ntargets;
	struct run_opts run;	/* jobs, family, quiet_ms ...; target and profile set per run */
	const struct profile_def *profile; /* NULL: the first target's own */
	uint64_t seed;
	long steps;		/* events to generate in all */
	int length;		/* events per sequence */
	bool timers;		/* include waits for armed timers */
	const char *out;	/* where shrunk failures go; NULL: nowhere */
	bool quiet;
};

#define WALK_MAX_FINDINGS 64

/* A distinct cause of FAIL (shrunk), ERROR or SKIP on one target
 * (walk_cause). */
struct walk_finding {
	int target;		/* index in walk_opts.targets */
	enum verdict verdict;	/* V_FAIL, V_ERROR or V_SKIP */
	char cause[256];
	char first[64];		/* the first sequence that showed it */
	int family;		/* ... over this family */
	int count;		/* runs (sequence x family) that failed this way */
	int steps;		/* a FAIL: its shrunk length */
	char message[512];	/* a FAIL: the shrunk run's; else its own */
	char path[600];		/* a FAIL written with --out: the scenario */
};

/* A distinct kind of disagreement between the targets. */
struct walk_diff {
	char kind[600];		/* each target's verdict and cause */
	char first[64];
	int family;
	int count;
};

struct walk_stats {
	long sequences, steps;
	int count[WALK_MAX_TARGETS][4];	/* verdicts per target */
	int nfindings;
	struct walk_finding finding[WALK_MAX_FINDINGS];
	int unsorted;			/* failures past WALK_MAX_FINDINGS causes */
	int disagreements;		/* runs the targets judged differently */
	int ndiffs;
	struct walk_diff diff[WALK_MAX_FINDINGS];
};


/* The cause of a FAIL or ERROR of scenario s, for telling findings apart:
 * the rule, the kind of step (its first two words), what was expected and
 * observed (flags or kind, and the field that differed; no numbers), the
 * target's and the model's states; an ERROR's or a SKIP's message without
 * its numbers. */
void walk_cause(const struct scn *s, const struct run_result *r, char *buf, size_t len);

/* Generate, run, shrink, report (on stdout).  0, or -1 with err when a run
 * could not start. */
int walk_run(const struct walk_opts *o, struct walk_stats *st, char *err, size_t errlen);

/* Sequence index of the walk o describes (seed, length, timers, the first
 * target's profile or o->profile) as `tcpspec walk` runs it (cut before a
 * step the model target does not take), as a scenario: the length written,
 * or -1.  For `tcpspec walk --show`. */
int walk_show(const struct walk_opts *o, long index, char *text, size_t len);

/* The sequence number seed, index as a scenario (text), for tests: the
 * same seed gives the same text.  The length written, or -1. */
int walk_sequence(const struct profile_def *p, uint64_t seed, long index, int length,
		  bool timers, char *text, size_t len);

#endif
