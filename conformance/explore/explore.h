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

/*
 * How far a target can follow a path (the suite, `explore --suite`, prefers
 * the lowest): every step is a call the sockets API makes and the profile
 * describes what the target does; a step is a known departure of the
 * profile's stack that the profile does not describe (xp_departure_why);
 * a step no program on the sockets API can make (xp_model_only_why,
 * xp_api_why): the scenario is for the model only.
 */
enum xp_taint { XP_CLEAN = 0, XP_DEPARTURE, XP_MODEL_ONLY };

/* Classes of event of the transition table (table.h), as the explorer
 * tells them apart: a user call (XP_C_CALL + enum scn_app), a timeout
 * (XP_C_TIMER + enum tcp_timer), the segments beyond the table's classes
 * (the peer's SYN or SYN,ACK again, an ACK closing the window), and the
 * table's segment classes of the state (XP_C_SEG + their index). */
#define XP_C_CALL 0
#define XP_C_TIMER 9
#define XP_C_SYN_AGAIN (XP_C_TIMER + TCP_NTIMERS)
#define XP_C_SYNACK_AGAIN (XP_C_SYN_AGAIN + 1)
#define XP_C_ZERO_WINDOW (XP_C_SYN_AGAIN + 2)
#define XP_C_SEG (XP_C_SYN_AGAIN + 3)
#define XP_NCLASS (XP_C_SEG + 32)

struct xp_node {
	struct tcp_tcb tcb;
	struct tcp_profile prof;   /* as the path's socket options left it */
	uint32_t tester_nxt;       /* the tester's next sequence number */
	uint32_t target_iss;       /* the target's ISS (relative numbers count from it) */
	bool sock;                 /* the application has opened a socket */
	bool listening;            /* ... and its listener is open */
	bool accepted;             /* ... and accept() gave it the connection */
	bool released;             /* ... and closed or aborted it: no more calls */
	bool model_only;           /* a step of the path has no socket call */
	enum xp_taint taint;       /* the worst step of the path */
	int parent;                /* -1 for the root (CLOSED) */
	int depth;
	struct scn_step via;       /* the step from the parent */
	int cls;                   /* its class of event, -1: none (an option) */
	enum tcp_rule rule;        /* the rule that decided it, R_NONE: none */
};

/* The step that reaches a rule: the shortest path the sockets API can
 * drive, or else the shortest model-only one. */
struct xp_hit {
	bool reached;
	int from;                  /* the node the step leaves */
	struct scn_step via;
	int depth;                 /* steps, this one included */
	bool model_only;
	enum xp_taint taint;
	enum tcp_state to;
	enum tcp_rule rule;        /* the rule that decided the step */
};

struct xp {
	const struct profile_def *def;  /* the profile walked (the caller's) */
	int max_depth;
	int nnodes, cap;
	struct xp_node *nodes;
	unsigned *hkey;            /* abstraction -> node: open addressing */
	int *hnode;                /* -1: free */
	unsigned hcap;
	long ntrans;               /* events applied */
	struct xp_hit hit[TCP_NRULES];
	/* (state, class of event): the transitions reached, and how */
	struct xp_hit thit[TCP_NSTATES][XP_NCLASS];
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
/* A call RFC 9293 defines that the sockets API refuses here (EADDRINUSE,
 * EAGAIN, a connection gone), with the reason; NULL when it can be made. */
const char *xp_api_refuses_why(enum tcp_state state, bool sock, const struct scn_step *st);
const char *xp_model_only_why(const struct tcp_tcb *t, bool sock,
			      const struct scn_step *st);

/* Why a step the model defines, from node n, is still not one a program
 * on the sockets API makes, or NULL: a second OPEN while the first socket
 * holds the port (EADDRINUSE), SEND before ESTABLISHED (EAGAIN), a call
 * after the program closed its socket, a call on a connection that ended
 * before accept(), a segment after a passively opened connection ended
 * while its listener stays open. */
const char *xp_api_why(const struct xp_node *n, const struct scn_step *st);

/* Why the stack that profile p describes is known to depart from the model
 * on step s from node `from` (res: what the model did), where the profile
 * does not say so; NULL when it is not.  Each reason names the stack's
 * source function (conformance/scenarios/README.md). */
struct mr_step;
const char *xp_departure_why(const struct tcp_profile *p, const struct xp_node *from,
			     const struct scn_step *s, const struct mr_step *res);

/* The class of event of step st from where m is (XP_C_*), or -1 for a step
 * that is no event of the table (an option, accept, an expect). */
struct mr;
int xp_class_of(const struct mr *m, const struct scn_step *st);
/* "SYN,ACK (ACK=SND.NXT)", "call close", "timeout keepalive" */
const char *xp_class_name(enum tcp_state s, int cls, char *buf, size_t len);

/* Transitions (state, class) a walk reached: all, and those with a path a
 * target can run (clean or a departure). */
int xp_transitions_reached(const struct xp *x, bool runnable);

/* The events the walk tries from where m is (sock: the application has a
 * socket): the user calls, the socket options, every class of segment of
 * the state's table, a wait for each armed timer; up to max into out.
 * Random walks (walk/) draw from it. */
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

/*
 * The generated suite (`tcpspec explore --suite DIR`): paths that together
 * cover every rule and every transition (state, class of event) the walk
 * reached, each the best path (clean before departure before model-only,
 * then shortest) to something no path before it covers.  Written for the
 * profile's stack: a timer path sets the options that make the timer short
 * there (keep-alive idle and interval, TCP_LINGER2) and waits as long as the
 * stack takes; a path with a step no program can make has '# model-only:'
 * (tcpspec run: SKIP with the reason), a known departure '# departure:'.
 * xp_suite_next returns the next path's text and its name (RULE or
 * T_STATE_CLASS), or -1 when all is covered; call it until then.
 */
struct xp_suite {
	bool rule_done[TCP_NRULES];
	bool trans_done[TCP_NSTATES][XP_NCLASS];
	int next_rule;             /* where the next search starts */
	int next_state, next_cls;
};
void xp_suite_init(struct xp_suite *su);
int xp_suite_next(const struct xp *x, struct xp_suite *su, char *name, size_t namelen,
		  char *buf, size_t len, enum xp_taint *taint);
/* What a written scenario covers, replayed through the model under p:
 * marks rules and transitions (state, class) in the arrays; 0, or -1 when
 * a step does not replay. */
int xp_covers(const struct scn *s, const struct tcp_profile *p, bool *rules,
	      bool (*trans)[XP_NCLASS]);

#endif
