/*
 * target.h - the device a conformance run talks to: a TCP stack in a
 * namespace of its own, driven through a line protocol (conformance/
 * TARGETS.md) spoken by a program that runs next to the stack.
 *
 * As packetdrill's netdev, a target is an opaque struct with a table of
 * operations; a new kind of target is a new file with a new table, not new
 * `if`s in the runner.  The built-in `linux` target and `exec:PATH` share
 * one client of the protocol (target_exec.c); they differ only in which
 * program they start and in their default profile.
 *
 * Typical use:
 *
 *	const struct target_ops *ops = target_find("linux");
 *	struct target t;
 *	if (ops == NULL || ops->setup(&t, &cfg, err, sizeof(err)) < 0) ...
 *	rc = ops->command(&t, "listen 8080", reply, sizeof(reply), 0, err, sizeof(err));
 *	... TARGET_OK: reply holds the values after "ok" ("1");
 *	... TARGET_ERR: reply holds "CODE message" and err a readable sentence;
 *	... TARGET_FAILED: no usable answer (timeout, target died); err says why.
 *	ops->teardown(&t);
 */
#ifndef TCPSPEC_TARGET_H
#define TCPSPEC_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "net/netns.h"

#include "targets/proto.h"
#define TARGET_DEFAULT_TIMEOUT_MS 2000
#define TARGET_HELLO_TIMEOUT_MS 5000 /* a program may take a while to start */
#define TARGET_STACK_MAX 64

/* How to set up a target; zero-initialise, then fill in what matters. */
struct target_config {
	const char *spec;	   /* the --target value: "linux", "exec:PATH", ... */
	const char *program;	   /* overrides the program the target starts */
	const char *const *args;   /* --target-arg values, appended to argv */
	size_t nargs;
	unsigned index;		   /* which pair of this run (parallel jobs) */
	struct netns_options net;  /* e.g. tcp_rto_min_us in the target */
	int timeout_ms;		   /* reply timeout; <= 0: the default */
};

/* What a command came back with. */
enum target_reply {
	TARGET_FAILED = -1, /* no usable answer; the target is now unusable */
	TARGET_OK = 0,	    /* "ok ...": reply holds the values, maybe "" */
	TARGET_ERR = 1	    /* "err CODE message": reply holds "CODE message" */
};

struct target;

struct target_ops {
	const char *name;
	/*
	 * Create the namespaces, start the program, check `hello`.  On
	 * failure nothing is left behind; teardown is safe either way.
	 */
	int (*setup)(struct target *t, const struct target_config *cfg, char *err,
		     size_t errlen);
	/*
	 * Send one command line (no newline) and wait up to timeout_ms (<= 0:
	 * the configured default) for its reply.  Returns enum target_reply.
	 */
	int (*command)(struct target *t, const char *line, char *reply, size_t replylen,
		       int timeout_ms, char *err, size_t errlen);
	/* Stop the program and delete the namespaces.  Idempotent. */
	void (*teardown)(struct target *t);
	const char *default_profile;
};

/*
 * One target instance.  The runner reads `net` (namespace and interface
 * names, MACs, addresses: what the tester injects from and to) and
 * `stack`; the rest belongs to the ops.
 */
struct target {
	const struct target_ops *ops;
	struct netns_pair net;
	char stack[TARGET_STACK_MAX]; /* the name the program gave in `hello` */
	pid_t agent_pid;	      /* the program; -1 when not running */
	int agent_fd;		      /* its stdin and stdout (a socketpair) */
	int timeout_ms;
	bool broken;		      /* out of step after a timeout */
	size_t inlen;		      /* bytes of a reply received so far */
	char in[TARGET_LINE_MAX];
};

/* "linux", "lwip", "slirp", "exec:PATH" or "exec-tap:PATH"; NULL for
 * anything else. */
const struct target_ops *target_find(const char *spec);

extern const struct target_ops target_linux_ops;
extern const struct target_ops target_exec_ops;     /* exec:PATH, a kernel stack */
extern const struct target_ops target_exec_tap_ops; /* exec-tap:PATH, a user-space stack */
extern const struct target_ops target_lwip_ops;
extern const struct target_ops target_slirp_ops;

/*
 * Shared by the targets that start a protocol-speaking program, defined in
 * target_exec.c.  _init makes teardown safe to call; _start creates the
 * pair, starts `program` in the target namespace and checks `hello`,
 * cleaning up after itself on failure.
 */
void target_exec_init(struct target *t, const struct target_ops *ops);
int target_exec_start(struct target *t, const struct target_ops *ops, const char *program,
		      const struct target_config *cfg, char *err, size_t errlen);
int target_exec_command(struct target *t, const char *line, char *reply, size_t replylen,
			int timeout_ms, char *err, size_t errlen);
void target_exec_teardown(struct target *t);

/*
 * Start build/tcpspec-agent-NAME (`name`, looked for next to the running
 * binary, the directory of /proc/self/exe, unless cfg->program names the
 * program), on a tap (netns_options.tap) when `tap`: the lwip and slirp
 * targets (the linux one could use it too, with tap false).
 */
int target_agent_start(struct target *t, const struct target_ops *ops, const char *name,
		       const struct target_config *cfg, bool tap, char *err, size_t errlen);

/* printf-style command with the default timeout. */
int target_cmdf(struct target *t, char *reply, size_t replylen, char *err, size_t errlen,
		const char *fmt, ...) __attribute__((format(printf, 6, 7)));

#endif
