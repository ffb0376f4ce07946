/*
 * runner_impl.h - the runner's context for one scenario, shared by runner.c
 * (steps), runner_app.c (application steps), run_trace.c (what the report
 * draws) and run_one.c (a scenario).
 */
#ifndef TCPSPEC_RUNNER_IMPL_H
#define TCPSPEC_RUNNER_IMPL_H

#include "run/runner.h"
#include "scenario/match.h"
#include "scenario/modelrun.h"
#include "targets/target.h"

#define SEEN_MAX 64

struct sctx {
	const struct run_opts *opts;
	struct target *t;
	struct run_result *res;
	const struct scn_step *st;
	struct mr m;
	struct mq q;
	bool need_bind;
	struct target_conn conn;
	int quiet_ms;
	int listener, sock;  /* the application's socket ids, -1: none */
	/* what the target sent since the last stimulus, and the timers fired */
	int nseen;
	struct tcp_segment seen[SEEN_MAX];
	int nfired;
	enum tcp_timer fired[32];
	/* socket options given before any socket exists */
	int nopts;
	struct { char name[24]; uint32_t value; } opts_q[8];
	int traced;       /* model steps (m.hist) already in res->edges */
	bool pcap_open;   /* res->pcap is being written */
	/* the scenario and the step being run (to look ahead) */
	const struct scn *scn;
	int step_index;
	/* the last application call and what it returned (0 and call_value,
	 * or an errno), for `expect app ...` */
	bool call_known;
	int call_rc;
	long call_value;
	/* the target answered `error` with ENOSYS: it cannot tell how a
	 * connection ended, so errors that end one are not judged */
	bool error_enosys;
	/* a target without `state`: its silence is confirmed on the wire by
	 * a probe (runner.c, probe()); the line of a silent step no probe
	 * could confirm (0: none), cleared by a later answer the model
	 * explains; the connection's numbers for a probe after it ended */
	bool state_enosys;
	int unconfirmed_line;
	enum tcp_state unconfirmed_state;
	bool probe_had_conn;
	uint32_t probe_rcv_nxt, probe_snd_nxt;
	int nprobes;
};

/* runner.c */
int run_step(struct sctx *c, const struct scn_step *st);
int run_verdict(struct sctx *c, enum verdict v, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/*
 * A FAIL: every divergence is worded one way, naming what was expected (by
 * the model, or by the scenario's own expect), what the target did, why
 * that does not do, and the states of both then:
 *   expected E; observed O: WHY (the target in S, the model in M)
 * seen is the target's state when the caller has it, else NULL (it is
 * asked; "unknown" when the target cannot tell).  fmt may be NULL.
 */
int run_diverge(struct sctx *c, const enum tcp_state *seen, const char *expected,
		const char *observed, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void run_drain(struct sctx *c);
int run_collect(struct sctx *c, int min_ms);
int run_settle(struct sctx *c);
int run_check_app_error(struct sctx *c);
/* The target's `error` answered ENOSYS (asked once, when not yet known). */
bool run_error_unknown(struct sctx *c);
void run_model_stimulus(struct sctx *c, const struct tcp_event *ev);
void run_no_stimulus(struct sctx *c);
/* runner_app.c */
int run_step_app(struct sctx *c, const struct scn_step *st);

/* run_trace.c: what the report draws.  The model steps of m.hist not yet
 * recorded go into res->edges (failed: the scenario failed at them); an
 * event goes into res->trail. */
void trace_steps(struct sctx *c, bool failed);
void trace_event(struct sctx *c, char who, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void trace_tester_segment(struct sctx *c, const struct tcp_segment *s);
void trace_app(struct sctx *c, const struct scn_step *st);
/* The model stepped after the last event was traced: give it the new state. */
void trace_restate(struct sctx *c);

#endif
