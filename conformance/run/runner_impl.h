/*
 * runner_impl.h - the runner's context for one scenario, shared by runner.c
 * (steps) and run_jobs.c (scenarios, jobs).
 */
#ifndef TCPSPEC_RUNNER_IMPL_H
#define TCPSPEC_RUNNER_IMPL_H

#include "scenario/match.h"
#include "scenario/modelrun.h"
#include "net/packet.h"
#include "run/runner.h"
#include "targets/target.h"
#include "net/wire.h"

#define SEEN_MAX 64

struct sctx {
	const struct run_opts *opts;
	struct target *t;
	const struct netns_pair *net;
	struct wire *w;
	struct run_result *res;
	const struct scn_step *st;
	struct mr m;
	struct mq q;
	bool need_bind;
	struct pkt_addr tester, targetaddr;
	uint16_t lport, rport;
	int listener, conn;
	/* what the target sent since the last stimulus, and the timers fired */
	int nseen;
	struct tcp_segment seen[SEEN_MAX];
	int nfired;
	enum tcp_timer fired[32];
	/* socket options given before any socket exists */
	int nopts;
	struct { char name[24]; uint32_t value; } opts_q[8];
	int traced;       /* model steps (m.hist) already in res->edges */
};

int run_step(struct sctx *c, const struct scn_step *st);

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
void drain(struct sctx *c);
int step_app(struct sctx *c, const struct scn_step *st);

#endif
