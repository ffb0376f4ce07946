/*
 * runner.h - run scenarios against a target, stepping the model alongside
 * (docs/design.md, "The runner").  The runner performs each stimulus,
 * collects what the target sends until it is quiet, explains every segment
 * with the model (match.h), compares the target's state and the
 * application's errors, and gives PASS, FAIL, ERROR or SKIP.  It never
 * decides what is right: the model does.
 */
#ifndef TCPSPEC_RUNNER_H
#define TCPSPEC_RUNNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "profiles/profile.h"
#include "scenario/scenario.h"

enum verdict { V_PASS = 0, V_FAIL, V_ERROR, V_SKIP };

struct run_result;
struct wire_spec; /* targets/wire_spec.h */

struct run_opts {
	const char *target;              /* "linux", "exec:PATH" */
	const char *const *target_args;
	size_t ntarget_args;
	const struct profile_def *profile; /* built-in or read from a file;
					  * NULL: the target's own */
	int jobs;
	int family;                      /* 4, 6, or 0 for both */
	const char *pcap_dir;
	bool pcap_fail_only;             /* keep the pcaps of FAIL and ERROR only */
	bool slow;                       /* run scenarios marked '# slow: yes' */
	int quiet_ms;                    /* the target is quiet after this long;
					  * 0: the target's default */
	long rto_min_us;                 /* target's tcp_rto_min_us, 0: kernel's */
	const struct wire_spec *wire;    /* wire:IFACE's interface, addresses, app */
	/* When set, a FAIL is reported here and the scenario goes on (the
	 * model target's check: every contradicted expect, not the first). */
	void (*on_fail)(void *arg, const struct run_result *r);
	void *on_fail_arg;
	/* Run a scenario even when it is not for the profile (the model
	 * target's check decides that itself). */
	bool all_scenarios;
};

#define RUN_MAX_EDGES 48
#define RUN_MAX_TRAIL 48

/* A step of the model the run took (state, next state, rule); failed when
 * the scenario failed at the stimulus that took it.  For the report's
 * coverage of the state diagram. */
struct run_edge {
	uint8_t from, to;
	uint8_t failed;
	uint16_t rule;
};

/* What happened, in order, for the report's sequence diagram: who is 'T'
 * (the tester sent text), 'S' (the stack sent), 'A' (an application call),
 * 'W' (a wait), 'F' (a timer fired in the model); state is the model's
 * state after it. */
struct run_event {
	char who;
	uint8_t state;
	char text[94];
};

struct run_result {
	char path[256];
	char title[160];
	char rfc[160];
	char labels[160];
	char target[64];
	char profile[24];
	int family;
	enum verdict verdict;
	int nfailed;                     /* steps that failed before (on_fail) */
	int line;                        /* the step that decided a FAIL/ERROR */
	char step[96];                   /* its text */
	char expected[512], observed[512];
	char target_state[24];           /* at a FAIL: the state the target
					  * reported then ("unknown": it cannot tell) */
	char message[512];
	char rule[64], section[64];
	double ms;
	char pcap[300];
	int nedges;
	struct run_edge edges[RUN_MAX_EDGES];
	int ntrail, trail_dropped;       /* the oldest events go first */
	struct run_event trail[RUN_MAX_TRAIL];
};

const char *run_verdict_name(enum verdict v);

struct target;
/* One scenario on target t (set up, link open) for one address family;
 * seqno picks the tester's port. */
void run_one(struct target *t, const struct run_opts *o, const struct scn *s, int family,
	     unsigned seqno, struct run_result *r);

/* The scenario against the model alone (the model target), under profile
 * p: 0, or -1 with err "LINE: what failed" (`tcpspec check`, explore). */
int run_check(const struct scn *s, const struct profile_def *p, char *err, size_t errlen);
/* The same, calling on_fail for every step that fails (not only the first);
 * the number of failed steps. */
int run_check_all(const struct scn *s, const struct profile_def *p,
		  void (*on_fail)(void *arg, const struct run_result *r), void *arg);

/* Whether scenario s is for profile p.  A built-in profile: the scenario's
 * '# profiles:' header names it.  A profile read from a file: the header
 * names every built-in profile (or is absent), or the model under p agrees
 * with every expect of the scenario (run_check).  When not, why says so. */
bool run_applies(const struct scn *s, const struct profile_def *p, char *why, size_t len);

/* How much of a target's virtual time (TARGETS.md, `advance`) timer t may
 * take to fire in a `wait ... fires`, from the start of the wait or the
 * firing before it: RFC 6298 2.5's 60 s for the retransmission timer,
 * 2 MSL (240 s) for TIME-WAIT, 2 h for keep-alive, 5 min for the user
 * timeout, 10 min for FIN-WAIT-2. */
unsigned run_fire_bound_ms(enum tcp_timer t);

/* Run every scenario (over each family asked) on opts->jobs targets in
 * parallel; results[i] in the order of scns x families.  Returns the number
 * of results, or -1 with err when the run could not start. */
int run_all(const struct run_opts *opts, const struct scn *scns, int nscn,
	    struct run_result *results, int maxres, char *err, size_t errlen);

#endif
