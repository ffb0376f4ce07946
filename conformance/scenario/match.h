/*
 * match.h - the explicit rules by which what a target sent is compared with
 * what the model expects (docs/design.md "The runner").
 *
 * Compared: the control bits except PSH (a stack pushes as it likes), SEQ,
 * ACK when the ACK bit is set, and the payload length.  Free: the window and
 * the urgent pointer (the stack's choices; the runner binds the window).
 * Coalescing and splitting: the model sends queued data as one segment; the
 * target may send the same bytes as several consecutive segments, the FIN
 * riding only on the last byte.  Retransmissions, keep-alive probes and
 * other timer-driven segments are accepted only when the model has that
 * timer armed and firing it sends that segment.  A timer that fires without
 * sending anything (TIME-WAIT, FIN-WAIT-2, user timeout) is accepted when
 * firing it brings the model to the state the target is seen in.
 */
#ifndef TCPSPEC_MATCH_H
#define TCPSPEC_MATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "model/tcp.h"
#include "scenario/modelrun.h"

enum match_res {
	MATCH_NONE = 0,
	MATCH_EXACT,
	MATCH_PARTIAL, /* the observed segment is a prefix of the expected data */
};

/* Compare one observed segment with one expected; why names the field. */
enum match_res match_segment(const struct tcp_segment *exp,
			     const struct tcp_segment *obs, char *why,
			     size_t whylen);

#define MQ_MAX 32

/* Expected segments not yet seen, in order. */
struct mq {
	int n;
	struct tcp_segment segs[MQ_MAX];
};

void mq_push(struct mq *q, const struct tcp_result *r);

enum mq_explained {
	MQ_UNEXPLAINED = 0,
	MQ_EXPECTED,     /* it is (a part of) the next expected segment */
	MQ_TIMER,        /* an armed timer fired: the model was advanced */
};

/* Explain one observed segment, advancing the model if a timer fired. */
enum mq_explained mq_explain(struct mq *q, struct mr *m,
			     const struct tcp_segment *obs, enum tcp_timer *fired,
			     char *why, size_t whylen);

/* If the target is seen in a state the model is not in, fire the armed
 * timers that send nothing until the model agrees; true when it does. */
bool mq_reconcile_state(struct mr *m, enum tcp_state seen, enum tcp_timer *fired,
			int *nfired, int maxfired);

#endif
