/*
 * explore.h - a breadth-first walk of the model's state space from CLOSED
 * (`tcpspec explore`), and the scenario that reaches each rule.
 *
 * Every event the walk applies is a scenario step (scenario.h), turned into
 * a model event by modelrun.h exactly as `tcpspec check` turns it: the user
 * calls (app listen, connect, send 100, recv 100, close, abort), the socket
 * options that change what the model predicts (keepalive, user_timeout,
 * keepcnt, syncnt, linger2), every class of segment the transition table
 * distinguishes (table.h), sent by the tester with its own sequence numbers
 * (seq relative to the tester's ISS, ack to the target's), and every armed
 * timer (wait 1s fires T).  So a path is a scenario, one step per event.
 *
 * Nodes are told apart by an abstraction of the TCB (state, passive,
 * fin_queued, fin_sent, held, keepalive, user_timeout, data in flight /
 * queued / unread, ka_probes > 0, retransmits > 0, the options that changed
 * the profile, whether the application has a socket): the first (shortest)
 * path to each abstract node stands for all of them.
 */
#ifndef TCPSPEC_EXPLORE_H
#define TCPSPEC_EXPLORE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/tcp.h"
#include "profiles/profile.h"
#include "scenario/scenario.h"

#define XP_DEFAULT_DEPTH 6
#define XP_MAX_DEPTH 12

struct xp_node {
	struct tcp_tcb tcb;
	struct tcp_profile prof;   /* as the path's socket options left it */
	uint32_t tester_nxt;       /* the tester's next sequence number */
	uint32_t target_iss;       /* the target's ISS (relative numbers count from it) */
	bool sock;                 /* the application has opened a socket */
	bool model_only;           /* a step of the path has no socket call */
	int parent;                /* -1 for the root (CLOSED) */
	int depth;
	struct scn_step via;       /* the step from the parent */
};

/* The step that reaches a rule: the shortest path the sockets API can
 * drive, or else the shortest model-only one. */
struct xp_hit {
	bool reached;
	int from;                  /* the node the step leaves */
	struct scn_step via;
	int depth;                 /* steps, this one included */
	bool model_only;
	enum tcp_state to;
};

struct xp {
	const struct profile_def *def;  /* the profile walked (the caller's) */
	int max_depth;
	int nnodes, cap;
	struct xp_node *nodes;
	int *index;                /* abstraction -> node, or -1 */
	long ntrans;               /* events applied */
	struct xp_hit hit[TCP_NRULES];
	bool edge[TCP_NSTATES][TCP_NSTATES];  /* state changes seen */
};

/* Walk to depth steps under profile def, which must outlive x.  0, or -1
 * when memory runs out (x is then freed). */
int xp_run(struct xp *x, const struct profile_def *def, int depth);
void xp_free(struct xp *x);

/* Rules a walk can reach: all but R_NONE, which names no rule. */
int xp_rules_total(void);
int xp_rules_reached(const struct xp *x);

/* Why rule r cannot be reached under profile p by design, or NULL. */
const char *xp_unreachable_why(enum tcp_rule r, const struct tcp_profile *p);

/* Why a step from TCB t cannot be made through the sockets API, or NULL.
 * sock: the application has a socket already. */
const char *xp_model_only_why(const struct tcp_tcb *t, bool sock,
			      const struct scn_step *st);

/* The events the walk tries from where m is (sock: the application has a
 * socket): the user calls, the socket options, every class of segment of
 * the state's table, a wait for each armed timer; up to max into out.
 * Random walks (walk/) draw from it. */
struct mr;
int xp_alphabet(const struct mr *m, bool sock, struct scn_step *out, int max);

/* One scenario step as a line of the scenario language (no newline). */
const char *xp_step_format(const struct scn_step *st, char *buf, size_t len);

/*
 * The scenario that reaches rule r: the header (# title, # rfc, # profiles,
 * # model-only when a step has no socket call), the path, `expect rule` and
 * `expect state`.  Returns the length written, or -1 when r was not reached
 * or buf is too small.  *model_only says whether the header has the mark.
 */
int xp_scenario(const struct xp *x, enum tcp_rule r, char *buf, size_t len,
		bool *model_only);

#endif
