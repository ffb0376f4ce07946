/*
 * exec.h - the protocol targets' shared code (target_exec.c): a program
 * that speaks the target line protocol of conformance/TARGETS.md, started
 * in a namespace pair of its own, its sockets driven by text commands, its
 * segments carried by link_wire.c.  `linux`, `lwip`, `slirp`, `exec:` and
 * `exec-tap:` are this with different programs; their ops tables name the
 * functions below through TARGET_EXEC_OPS.  The runner never includes this
 * header; tests of the protocol client do.
 */
#ifndef TCPSPEC_TARGET_EXEC_H
#define TCPSPEC_TARGET_EXEC_H

#include <stdbool.h>
#include <stddef.h>

#include "targets/proto.h"
#include "targets/target.h"

#define TARGET_DEFAULT_TIMEOUT_MS 2000
#define TARGET_HELLO_TIMEOUT_MS 5000 /* a program may take a while to start */

/* What a command came back with (TARGET_FAILED: no usable answer). */
enum target_reply {
	TARGET_OK = 0,	/* "ok ...": reply holds the values, maybe "" */
	TARGET_ERR = 1	/* "err CODE message": reply holds "CODE message" */
};

/* Send one command line (no newline) and wait up to timeout_ms (<= 0: the
 * configured default) for its reply: TARGET_OK, TARGET_ERR or TARGET_FAILED. */
int target_exec_command(struct target *t, const char *line, char *reply, size_t replylen,
			int timeout_ms, char *err, size_t errlen);
/* printf-style command with the default timeout. */
int target_exec_cmdf(struct target *t, char *reply, size_t replylen, char *err, size_t errlen,
		     const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* The protocol reader, pure (fuzz_reply.c): move the first complete line
 * of in[0..*inlen) into got (a '\r' before the newline dropped, a NUL
 * shown as '?'); 1 when there was one.  Then what a reply line says:
 * TARGET_OK (reply: the values), TARGET_ERR (reply: "CODE message") or
 * TARGET_FAILED (neither). */
int exec_take_line(char *in, size_t *inlen, char *got, size_t gotlen);
int exec_reply_parse(const char *got, char *reply, size_t replylen);

/* Allocate the protocol state; teardown frees it. */
int target_exec_init(struct target *t, const struct target_ops *ops, char *err, size_t errlen);
/* Create the pair, start `program` in the target namespace and check
 * `hello`, cleaning up after itself on failure. */
int target_exec_start(struct target *t, const struct target_ops *ops, const char *program,
		      const struct target_config *cfg, char *err, size_t errlen);
/* Start `program` (in t->net.target_ns, or ours when it is "") with the
 * arguments of TARGETS.md 1 from t->net and check `hello`; the caller
 * tears down on failure.  target_exec_start is init, pair, launch. */
int target_exec_launch(struct target *t, const char *program, const struct target_config *cfg,
		       char *err, size_t errlen);
/*
 * Start build/tcpspec-agent-NAME (looked for next to the running binary,
 * the directory of /proc/self/exe, unless cfg->program names the program),
 * on a tap (netns_options.tap) when `tap`: the linux, lwip and slirp targets.
 */
int target_agent_start(struct target *t, const struct target_ops *ops, const char *name,
		       const struct target_config *cfg, bool tap, char *err, size_t errlen);
void target_exec_teardown(struct target *t);
/* The program's pid, -1 when none runs (for tests that kill it). */
long target_exec_pid(const struct target *t);
/* "ECONNRESET ..." -> ECONNRESET; 0 when the first word is no errno name. */
int target_errno_parse(const char *name);

/* What the reply to `advance` says (TARGETS.md 4), pure: rc is the
 * command's typed outcome (0, an errno value, TARGET_FAILED) and reply its
 * text ("TICK" after ok, "CODE message" after err).  0 with *tick_ms
 * (1..TARGET_TICK_MAX_MS); ENOSYS also for `err EINVAL unknown command`,
 * the answer of a target written before `advance` existed; TARGET_FAILED
 * for an ok that is not a tick. */
int target_advance_parse(int rc, const char *reply, unsigned *tick_ms);

/* The typed operations of target.h over the protocol. */
int target_exec_open_link(struct target *t, char *err, size_t errlen);
int target_exec_dump(struct target *t, const char *path, char *err, size_t errlen);
int target_exec_reset(struct target *t, char *err, size_t errlen);
int target_exec_app(struct target *t, const struct target_conn *c,
		    const struct target_call *call, long *value, char *err, size_t errlen);
int target_exec_state(struct target *t, const struct target_conn *c, bool listener,
		      enum tcp_state *st, char *err, size_t errlen);
int target_exec_so_error(struct target *t, int id, int *error, char *err, size_t errlen);
int target_exec_inject(struct target *t, const struct target_conn *c,
		       const struct tcp_segment *s, char *err, size_t errlen);
int target_exec_receive(struct target *t, const struct target_conn *c, int timeout_ms,
			struct tcp_segment *out, char *err, size_t errlen);
int target_exec_advance(struct target *t, unsigned ms, unsigned *tick_ms, char *err,
			size_t errlen);

#define TARGET_EXEC_OPS                                                               \
	.open_link = target_exec_open_link, .dump = target_exec_dump,                \
	.reset = target_exec_reset, .app = target_exec_app, .state = target_exec_state, \
	.so_error = target_exec_so_error, .inject = target_exec_inject,               \
	.receive = target_exec_receive, .advance = target_exec_advance,               \
	.teardown = target_exec_teardown

#endif
