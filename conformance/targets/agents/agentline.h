/*
 * agentline.h - the program side of the target line protocol
 * (conformance/TARGETS.md): arguments, lines, words, replies.  Shared by
 * the agent of the kernel (agent_linux.c) and those that link a user-space
 * stack (agent_lwip.c, agent_slirp.c); each agent supplies a table of
 * commands and its own state.
 *
 *	static const struct al_command cmds[] = {
 *		{"hello", 0, 0, cmd_hello, "hello"}, ...
 *	};
 *	struct al_reader rd = {0};
 *	while (al_serve(&rd, STDIN_FILENO, STDOUT_FILENO, cmds, n, &agent) == 0)
 *		;
 *
 * A command handler gets the words of the line (w[0] is the command name,
 * NULL-terminated) and writes exactly one reply with al_ok() or al_fail().
 */
#ifndef TCPSPEC_AGENTLINE_H
#define TCPSPEC_AGENTLINE_H

#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>

#define AL_LINE_MAX 256 /* bytes per line, newline included */
#define AL_MAX_WORDS 8
#define AL_MAX_IO (1L << 30) /* largest N of send and recv */

struct al_reply {
	char text[AL_LINE_MAX];
};

/* "ok" or "ok VALUES" (fmt NULL: plain "ok"). */
void al_ok(struct al_reply *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "err CODE MESSAGE", CODE the errno name of `code`. */
void al_fail(struct al_reply *r, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "ECONNRESET" for ECONNRESET; "EIO" for an unknown code. */
const char *al_errno_name(int code);

/* Strict decimal in [min, max]. */
bool al_parse_num(const char *s, long min, long max, long *out);
/* A port in [min, 65535]; on failure r holds `err EINVAL bad port`. */
bool al_parse_port(const char *s, long min, long *port, struct al_reply *r);
/* A byte count of send (min 0) or recv (min 1); r holds the error. */
bool al_parse_count(const char *s, long min, long *n, struct al_reply *r);
/* shutdown's wr|rd|rdwr -> *rd, *wr; r holds the error. */
bool al_parse_how(const char *s, bool *rd, bool *wr, struct al_reply *r);

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

struct al_command {
	const char *name;
	int min, max; /* words after the name */
	void (*run)(void *agent, char **w, struct al_reply *r);
	const char *usage;
};

/* Split line into words and run the matching command; one reply in r. */
void al_handle_line(const struct al_command *cmds, size_t ncmds, void *agent, char *line,
		    struct al_reply *r);

struct al_reader {
	char buf[AL_LINE_MAX];
	size_t len;
	bool too_long; /* the line being read is longer than AL_LINE_MAX */
	bool quit;     /* set by the agent's `quit` */
	void (*enter)(void); /* if set, called before each command (take a lock) */
	void (*leave)(void); /* and after it */
};

/*
 * One read() from `in` (blocking unless `in` is non-blocking), then answer
 * every complete line on `out`.  0 to go on; 1 at end of input, after
 * `quit` (rd->quit) or when `out` is gone.
 */
int al_serve(struct al_reader *rd, int in, int out, const struct al_command *cmds,
	     size_t ncmds, void *agent);

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
