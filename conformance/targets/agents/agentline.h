/*
 * agentline.h - the program side of the target line protocol
 * (targets/proto.h; conformance/TARGETS.md): what every agent shares.
 * The agents are the kernel's (linux/) and those that link a user-space
 * stack (lwip/, slirp/); each supplies one handler per command, the name
 * of its stack and its own state, and agentline does the rest: it reads
 * lines, splits words, checks each command's usage, answers `hello` and
 * `quit`, and writes the replies.
 *
 *	static al_cmd_fn *const commands[TARGET_NCOMMANDS] = {
 *		[TARGET_CMD_LISTEN] = cmd_listen, ...
 *	};
 *	static struct al_server srv = {.run = commands, .agent = &agent};
 *	snprintf(srv.stack, sizeof(srv.stack), "mystack-1.0");
 *	while (al_serve(&srv, STDIN_FILENO, STDOUT_FILENO) == 0)
 *		;
 *
 * A handler gets the words of the line (w[0] is the command name,
 * NULL-terminated, as many as the usage allows) and writes exactly one
 * reply with al_ok() or al_fail().
 */
#ifndef TCPSPEC_AGENTLINE_H
#define TCPSPEC_AGENTLINE_H

#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>

#include "targets/proto.h"

#define AL_MAX_WORDS 8
#define AL_STACK_MAX 64		/* hello's STACK, the terminating NUL included */
#define AL_MAX_SOCKS 1024	/* IDs between two resets, at most (AL_MAX_SOCKS - 1) */
#define AL_DEFAULT_BACKLOG 16

/* --- replies -------------------------------------------------------------- */

struct al_reply {
	char text[TARGET_LINE_MAX];
};

/* "ok" or "ok VALUES" (fmt NULL: plain "ok"). */
void al_ok(struct al_reply *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "err CODE MESSAGE", CODE the errno name of `code`. */
void al_fail(struct al_reply *r, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "ECONNRESET" for ECONNRESET; "EIO" for an unknown code. */
const char *al_errno_name(int code);

/* --- words ---------------------------------------------------------------- */

/* Strict decimal in [min, max]. */
bool al_parse_num(const char *s, long min, long max, long *out);
/* A port in [min, 65535]; on failure r holds `err EINVAL bad port`. */
bool al_parse_port(const char *s, long min, long *port, struct al_reply *r);
/* listen's BACKLOG in [0, max]; s NULL: AL_DEFAULT_BACKLOG; r holds the error. */
bool al_parse_backlog(const char *s, long max, long *backlog, struct al_reply *r);
/* A byte count of send (min 0) or recv (min 1); r holds the error. */
bool al_parse_count(const char *s, long min, long *n, struct al_reply *r);
/* advance's MS, 0..TARGET_ADVANCE_MAX_MS; r holds the error. */
bool al_parse_ms(const char *s, long *ms, struct al_reply *r);
/* `advance` on a stack that counts time in ticks of tick_ms: how many
 * ticks ms more make, the remainder kept in *carry_ms for the next call
 * (so that advances summing to N ticks run exactly N). */
long al_ticks_due(long *carry_ms, long ms, long tick_ms);
/* shutdown's wr|rd|rdwr -> *rd, *wr; r holds the error. */
bool al_parse_how(const char *s, bool *rd, bool *wr, struct al_reply *r);

/*
 * Of two RFC 9293 state names of connections on the same ports, the one
 * `state` reports (TARGETS.md): a synchronised or opening state first,
 * then LISTEN, then TIME-WAIT, then CLOSED; `best` when they rank the same
 * or `candidate` is NULL.
 */
const char *al_state_pick(const char *best, const char *candidate);

/* --- socket IDs ----------------------------------------------------------- */

/*
 * From the IDs the protocol names sockets by to the agent's sockets.  IDs
 * count from 1 and are not reused before al_ids_clear (TARGETS.md, 3).
 */
struct al_ids {
	void *sock[AL_MAX_SOCKS]; /* by ID; NULL: free (never given, closed or reset) */
	int next;		  /* the ID the next socket gets */
	int limit;		  /* IDs 1 .. limit - 1 (limit <= AL_MAX_SOCKS) */
};

void al_ids_init(struct al_ids *t, int limit);
/* No ID left before the next reset. */
bool al_ids_full(const struct al_ids *t);
/* The new ID of sock; -1 (r holds `err EMFILE`) when full. */
int al_id_add(struct al_ids *t, void *sock, struct al_reply *r);
/* The socket of the ID in `word`; NULL (r holds `err EBADF no socket`) if none. */
void *al_id_get(const struct al_ids *t, const char *word, struct al_reply *r);
/* al_id_get, and the ID is free from now on (close, abort). */
void *al_id_take(struct al_ids *t, const char *word, struct al_reply *r);
/* Every socket to drop(), by ID; then IDs count from 1 again (reset). */
void al_ids_clear(struct al_ids *t, void (*drop)(void *sock));

/* --- the payload and kernel sockets ---------------------------------------- */

/* The payload: byte k of what a socket sends is 'a' + k mod 26. */
void al_fill_pattern(char *buf, size_t len, unsigned long long pos);

/*
 * `send ID N` and `recv ID N` on a non-blocking stream socket (for agents
 * whose application side is kernel sockets): the reply is written to r;
 * *sent counts the pattern's position.  Return the errno of a failure
 * (then r holds `err CODE`), else 0.
 */
int al_socket_send(int fd, long n, unsigned long long *sent, struct al_reply *r);
int al_socket_recv(int fd, long n, struct al_reply *r);
/* SO_LINGER {1, 0}: a close() that discards everything and sends RST. */
int al_socket_linger_zero(int fd);

/* --- the server ----------------------------------------------------------- */

typedef void al_cmd_fn(void *agent, char **w, struct al_reply *r);

struct al_server {
	/* Set by the agent: */
	al_cmd_fn *const *run; /* TARGET_NCOMMANDS handlers by enum target_command;
				  NULL: err ENOSYS; hello and quit are agentline's */
	void *agent;	       /* the first argument of every handler */
	char stack[AL_STACK_MAX]; /* hello's STACK: one word */
	void (*enter)(void);   /* if set, called before each command (take a lock) */
	void (*leave)(void);   /* and after it */
	bool quit;	       /* set by `quit`, or by an agent that cannot go on */
	/* The line being read: */
	char buf[TARGET_LINE_MAX];
	size_t len;
	bool too_long;	       /* the line being read is longer than TARGET_LINE_MAX */
};

/*
 * One read() from `in` (blocking unless `in` is non-blocking), then answer
 * every complete line on `out`.  0 to go on; 1 at end of input, after
 * `quit` (s->quit) or when `out` is gone.
 */
int al_serve(struct al_server *s, int in, int out);

/* --- arguments ------------------------------------------------------------- */

/* The arguments every target gets (TARGETS.md, "Arguments"). */
struct al_args {
	char ifname[IFNAMSIZ];
	struct in_addr addr4, peer4;
	struct in6_addr addr6, peer6;
};

/*
 * Parse --ifname --addr4 --addr6 --peer4 --peer6 (all needed, nothing
 * else; the interface must exist).  0, or 2 (the exit status) after a
 * message on stderr naming `prog`.
 */
int al_parse_args(int argc, char **argv, const char *prog, struct al_args *a);

#endif
