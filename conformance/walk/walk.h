/*
 * walk.h - random walks (`tcpspec walk`): long random sequences of events
 * from the model's alphabet (explore.h's xp_alphabet: the user calls the
 * sockets API can make, every class of segment, the armed timers), seeded
 * and reproducible, run against one target or several; the model judges
 * every step, as in any run.  A sequence that fails on a target is shrunk:
 * steps are removed one at a time while the model still accepts the
 * sequence and the target still fails it, and the minimal scenario is
 * written to disk with its pcap.  With several targets, a sequence on which
 * they disagree (one passes, another fails) is reported too.
 */
#ifndef TCPSPEC_WALK_H
#define TCPSPEC_WALK_H

#include <stdbool.h>
#include <stdint.h>

#include "model/tcp.h"
#include "profiles/profile.h"
#include "run/runner.h"

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

struct walk_stats {
	long sequences, steps;
	int count[WALK_MAX_TARGETS][4];	/* verdicts per target */
	int findings;			/* failures written (shrunk) */
	int disagreements;		/* sequences the targets judged differently */
};

/* Generate, run, shrink, report (on stdout).  0, or -1 with err when a run
 * could not start. */
int walk_run(const struct walk_opts *o, struct walk_stats *st, char *err, size_t errlen);

/* The sequence number seed, index as a scenario (text), for tests: the
 * same seed gives the same text.  The length written, or -1. */
int walk_sequence(const struct profile_def *p, uint64_t seed, long index, int length,
		  bool timers, char *text, size_t len);

#endif
