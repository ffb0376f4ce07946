/*
 * target.h - the device a conformance run talks to, as the runner sees it:
 * a typed interface.  The runner asks for application calls (listen,
 * connect, send, ...) and gets errno values back, asks for the state of a
 * connection, injects segments and receives the target's segments; it never
 * formats protocol text, builds frames or answers ARP.  How a target does
 * these things is its own business:
 *
 *   - the protocol targets (`linux`, `lwip`, `slirp`, `exec:PATH`,
 *     `exec-tap:PATH`; target_exec.c, link_wire.c) start a program that
 *     speaks the line protocol of conformance/TARGETS.md in a namespace of
 *     their own, and reach the stack's TCP through a veth or a tap (raw
 *     frames out, libpcap in, ARP and ND answered there);
 *   - the `wire:IFACE` target (target_wire.c) is the same protocol client
 *     aimed at a device behind an interface the user names, with the
 *     user's addresses and program, in no namespace of its own;
 *   - the `model` target (target_model.c) is the reference model itself:
 *     `tcpspec check` is the runner driving it, and a scenario the model
 *     contradicts fails there exactly as it would on a stack.
 *
 * As packetdrill's netdev, a target is an opaque struct with a table of
 * operations: a new kind of target is a new file with a new table, not new
 * `if`s in the runner.
 *
 *	const struct target_ops *ops = target_find("linux");
 *	struct target t;
 *	if (ops == NULL || ops->setup(&t, &cfg, err, sizeof err) < 0) ...
 *	if (ops->open_link(&t, err, sizeof err) < 0) ...
 *	rc = ops->app(&t, &conn, &(struct target_call){ .kind = TC_LISTEN }, &id, err, sizeof err);
 *	... 0: done; ENOSYS: the target cannot make this call; another errno:
 *	... the call failed as a program would see it; TARGET_FAILED: no usable
 *	... answer (timeout, the target died), err says why
 *	ops->teardown(&t);
 */
#ifndef TCPSPEC_TARGET_H
#define TCPSPEC_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/tcp.h"
#include "net/netns.h"

#define TARGET_STACK_MAX 64
#define TARGET_FAILED (-1) /* no usable answer: the target is out of step */

struct wire_spec; /* wire_spec.h */

/* How to set up a target; zero-initialise, then fill in what matters. */
struct target_config {
	const char *spec;	   /* the --target value: "linux", "exec:PATH", ... */
	const char *program;	   /* overrides the program the target starts */
	const char *const *args;   /* --target-arg values, appended to argv */
	size_t nargs;
	unsigned index;		   /* which pair of this run (parallel jobs) */
	struct netns_options net;  /* e.g. tcp_rto_min_us in the target */
	int timeout_ms;		   /* reply timeout; <= 0: the default */
	/* wire:IFACE: the interface, addresses and program the user named
	 * (wire_spec.h); NULL for every other target */
	const struct wire_spec *wire;
	/* the model target: the profile it is (NULL: rfc9293) and its name */
	const struct tcp_profile *profile;
	const char *profile_name;
};

/* One connection as the tester sees it: the address family, the target's
 * port and the tester's (the addresses are the target's own). */
struct target_conn {
	int family;	/* 4 or 6 */
	uint16_t lport; /* the target's port */
	uint16_t rport; /* the tester's port */
};

/* An application call on the target. */
enum target_call_kind {
	TC_LISTEN,   /* listen on conn->lport; *value: the listener's id */
	TC_CONNECT,  /* from conn->lport to the tester; *value: the socket's id */
	TC_ACCEPT,   /* on listener id; *value: the new socket's id (EAGAIN: none yet) */
	TC_SEND,     /* n bytes on id; *value: the bytes taken */
	TC_RECV,     /* up to n bytes on id; *value: the bytes read (0: end of stream) */
	TC_CLOSE,    /* close(id) */
	TC_SHUTDOWN, /* shutdown(id, SHUT_WR) */
	TC_ABORT,    /* an abortive close (SO_LINGER 0) */
	TC_SETOPT,   /* option opt = n on id */
};

struct target_call {
	enum target_call_kind kind;
	int id;
	uint32_t n;
	const char *opt; /* TC_SETOPT: "keepalive", "keepidle", "linger2", ... */
};

struct target;

struct target_ops {
	const char *name;
	const char *default_profile;
	const char *who;	/* in verdicts: NULL for "the target" */
	/* How long the target must stay silent to count as quiet after a
	 * stimulus, unless the run says otherwise. */
	int quiet_ms;
	/* Create what the target needs (namespaces, the program), check that it
	 * answers.  On failure nothing is left behind; teardown is safe either way. */
	int (*setup)(struct target *t, const struct target_config *cfg, char *err,
		     size_t errlen);
	/* Open the tester's side of the link, in the process that will use it
	 * (a job of the run). */
	int (*open_link)(struct target *t, char *err, size_t errlen);
	/* Keep a pcap of both directions at path from now on (NULL: stop). */
	int (*dump)(struct target *t, const char *path, char *err, size_t errlen);
	/* Forget every socket and connection: a new scenario starts. */
	int (*reset)(struct target *t, char *err, size_t errlen);
	/* The application calls: 0, an errno value, or TARGET_FAILED. */
	int (*app)(struct target *t, const struct target_conn *c, const struct target_call *call,
		   long *value, char *err, size_t errlen);
	/* The state of conn (listener: of the listening socket on conn->lport):
	 * 0, ENOSYS when the target cannot tell, or TARGET_FAILED. */
	int (*state)(struct target *t, const struct target_conn *c, bool listener,
		     enum tcp_state *st, char *err, size_t errlen);
	/* The pending error of socket id (SO_ERROR) as an errno value, 0 for
	 * none: 0, ENOSYS, or TARGET_FAILED. */
	int (*so_error)(struct target *t, int id, int *error, char *err, size_t errlen);
	/* Put a segment from the tester on the link (absolute numbers; len is
	 * the payload length, filled with the tester's pattern). */
	int (*inject)(struct target *t, const struct target_conn *c, const struct tcp_segment *s,
		      char *err, size_t errlen);
	/* The next segment the target sent on conn within timeout_ms: 1, 0 on
	 * timeout, TARGET_FAILED. */
	int (*receive)(struct target *t, const struct target_conn *c, int timeout_ms,
		       struct tcp_segment *out, char *err, size_t errlen);
	/* The target's clock in ms (NULL: the wall clock).  A target with a
	 * virtual clock advances it in receive() instead of sleeping. */
	double (*now_ms)(struct target *t);
	/* The scenario says these timers fire during the next wait: a target
	 * whose timers are inputs (the model) fires them; others ignore it. */
	void (*timers_due)(struct target *t, const enum tcp_timer *fires, int n);
	/* Run the target's timers as if ms milliseconds had passed, at once
	 * (TARGETS.md 4, `advance`; ms 0 only asks): 0 and *tick_ms the
	 * stack's timer tick (advance by at most that to see every tick);
	 * ENOSYS when the target cannot (then real time is waited), or
	 * TARGET_FAILED.  NULL: ENOSYS. */
	int (*advance)(struct target *t, unsigned ms, unsigned *tick_ms, char *err,
		       size_t errlen);
	/* Stop the program, close the link, delete the namespaces.  Idempotent. */
	void (*teardown)(struct target *t);
};

/*
 * One target instance.  The runner reads `stack` (the name the target gave)
 * and `net` (for the report: names of namespaces and interfaces); `priv`
 * belongs to the ops.
 */
struct target {
	const struct target_ops *ops;
	struct netns_pair net;
	char stack[TARGET_STACK_MAX];
	void *priv;
};

/* "linux", "lwip", "slirp", "model", "exec:PATH", "exec-tap:PATH" or
 * "wire:IFACE"; NULL for anything else. */
#define TARGET_FORMS "linux|lwip|slirp|model|exec:PATH|exec-tap:PATH|wire:IFACE"
const struct target_ops *target_find(const char *spec);

/* The wall clock unless the target has its own. */
double target_now_ms(struct target *t);
/* ops->advance, or ENOSYS when the target has none. */
int target_advance(struct target *t, unsigned ms, unsigned *tick_ms, char *err, size_t errlen);

extern const struct target_ops target_linux_ops;
extern const struct target_ops target_exec_ops;     /* exec:PATH, a kernel stack */
extern const struct target_ops target_exec_tap_ops; /* exec-tap:PATH, a user-space stack */
extern const struct target_ops target_lwip_ops;
extern const struct target_ops target_slirp_ops;
extern const struct target_ops target_model_ops;    /* the reference model */
extern const struct target_ops target_wire_ops;     /* wire:IFACE, a device the user named */

#endif
