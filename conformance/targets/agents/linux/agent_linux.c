/*
 * agent_linux.c - tcpspec-agent-linux, the target program of the built-in
 * `linux` target.  It runs inside the target namespace and serves the
 * target protocol (conformance/TARGETS.md) with real kernel sockets:
 * IPv4 and IPv6, all non-blocking, so no command waits on the network.
 *
 * `state` reads the kernel's view through NETLINK_SOCK_DIAG (diag.c);
 * `reset` closes the agent's sockets and removes what is left with
 * SOCK_DESTROY (root and CONFIG_INET_DIAG_DESTROY needed).
 *
 * Usage: tcpspec-agent-linux --ifname DEV --addr4 A --addr6 A --peer4 A --peer6 A
 * Exit status: 0 after `quit` or end of input, 2 usage, 3 environment.
 */
#include "targets/agents/agentline.h"
#include "targets/agents/privs.h"
#include "targets/agents/linux/diag.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <unistd.h>

#define PROG "tcpspec-agent-linux"

struct asock {
	int fd;
	unsigned long long sent; /* bytes sent so far: position in the pattern */
	int last_err;		 /* last connection error reported, 0: none */
};

struct agent {
	struct al_ids ids; /* of struct asock */
	struct diag diag;
	struct al_args args;
};

static struct asock *sock_arg(struct agent *a, const char *word, struct al_reply *r)
{
	return al_id_get(&a->ids, word, r);
}

static void sock_free(void *sock)
{
	struct asock *s = sock;

	close(s->fd);
	free(s);
}

/* Errors that end a connection are remembered for `error`. */
static void note_err(struct asock *s, int code)
{
	switch (code) {
	case ECONNRESET: case ECONNREFUSED: case ETIMEDOUT: case ECONNABORTED:
	case EHOSTUNREACH: case ENETUNREACH: case EHOSTDOWN: case ENETDOWN: case EPROTO:
		s->last_err = code;
		break;
	default:
		break;
	}
}

static int new_socket(int family, struct al_reply *r)
{
	int fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP);

	if (fd < 0)
		al_fail(r, errno, "socket: %s", strerror(errno));
	return fd;
}

/* Finish a command that created fd: `ok ID [PORT]`, or undo. */
static void reply_new(struct agent *a, int fd, int port, struct al_reply *r)
{
	struct asock *s = calloc(1, sizeof(*s));
	int id;

	if (s == NULL) {
		close(fd);
		al_fail(r, ENOMEM, "out of memory");
		return;
	}
	s->fd = fd;
	id = al_id_add(&a->ids, s, r);
	if (id < 0)
		sock_free(s);
	else if (port >= 0)
		al_ok(r, "%d %d", id, port);
	else
		al_ok(r, "%d", id);
}

/* One dual-stack listener: IPv4 arrives as v4-mapped IPv6. */
static void cmd_listen(void *ap, char **w, struct al_reply *r)
{
	struct agent *a = ap;
	struct sockaddr_in6 sa = {.sin6_family = AF_INET6, .sin6_addr = IN6ADDR_ANY_INIT};
	long port, backlog;
	int fd, on = 1, off = 0;

	if (!al_parse_port(w[1], 1, &port, r) || !al_parse_backlog(w[2], 65535, &backlog, r))
		return;
	fd = new_socket(AF_INET6, r);
	if (fd < 0)
		return;
	sa.sin6_port = htons((uint16_t)port);
	if (setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof(off)) < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) < 0 ||
	    bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd, (int)backlog) < 0) {
		al_fail(r, errno, "listen on port %ld: %s", port, strerror(errno));
		close(fd);
		return;
	}
	reply_new(a, fd, -1, r);
}

static unsigned sockaddr_port(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)ss)->sin_port);
	return ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
}

static void cmd_accept(void *ap, char **w, struct al_reply *r)
{
	struct agent *a = ap;
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	struct asock *s = sock_arg(a, w[1], r);
	int fd;

	if (s == NULL)
		return;
	fd = accept4(s->fd, (struct sockaddr *)&ss, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0) {
		al_fail(r, errno, "accept: %s", errno == EAGAIN ? "no connection yet" : strerror(errno));
		return;
	}
	reply_new(a, fd, (int)sockaddr_port(&ss), r);
}

/* addr text -> sockaddr; the family comes from the text. */
static bool parse_addr(const char *text, unsigned port, struct sockaddr_storage *ss,
		       socklen_t *len)
{
	struct sockaddr_in *in = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, text, &in->sin_addr) == 1) {
		in->sin_family = AF_INET;
		in->sin_port = htons((uint16_t)port);
		*len = sizeof(*in);
		return true;
	}
	if (inet_pton(AF_INET6, text, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		*len = sizeof(*in6);
		return true;
	}
	return false;
}

static int bind_port(int fd, int family, unsigned port)
{
	struct sockaddr_storage ss;
	socklen_t len = 0;

	if (port == 0)
		return 0;
	parse_addr(family == AF_INET ? "0.0.0.0" : "::", port, &ss, &len);
	return bind(fd, (struct sockaddr *)&ss, len);
}

/* Non-blocking: the SYN leaves now; `state`/`error` tell how it went. */
static void cmd_connect(void *ap, char **w, struct al_reply *r)
{
	struct agent *a = ap;
	struct sockaddr_storage ss;
	socklen_t len = 0;
	long lport, rport;
	int fd;

	if (!al_parse_port(w[1], 0, &lport, r) || !al_parse_port(w[3], 1, &rport, r))
		return;
	if (!parse_addr(w[2], (unsigned)rport, &ss, &len)) {
		al_fail(r, EINVAL, "bad address '%s'", w[2]);
		return;
	}
	fd = new_socket(ss.ss_family, r);
	if (fd < 0)
		return;
	if (bind_port(fd, ss.ss_family, (unsigned)lport) < 0) {
		al_fail(r, errno, "bind to port %ld: %s", lport, strerror(errno));
		close(fd);
		return;
	}
	if (connect(fd, (struct sockaddr *)&ss, len) < 0 && errno != EINPROGRESS) {
		al_fail(r, errno, "connect to %s port %ld: %s", w[2], rport, strerror(errno));
		close(fd);
		return;
	}
	reply_new(a, fd, -1, r);
}

static void cmd_send(void *ap, char **w, struct al_reply *r)
{
	struct asock *s = sock_arg(ap, w[1], r);
	long n;

	if (s != NULL && al_parse_count(w[2], 0, &n, r))
		note_err(s, al_socket_send(s->fd, n, &s->sent, r));
}

static void cmd_recv(void *ap, char **w, struct al_reply *r)
{
	struct asock *s = sock_arg(ap, w[1], r);
	long n;

	if (s != NULL && al_parse_count(w[2], 1, &n, r))
		note_err(s, al_socket_recv(s->fd, n, r));
}

static void cmd_shutdown(void *ap, char **w, struct al_reply *r)
{
	struct asock *s = sock_arg(ap, w[1], r);
	bool rd, wr;

	if (s == NULL || !al_parse_how(w[2], &rd, &wr, r))
		return;
	if (shutdown(s->fd, rd && wr ? SHUT_RDWR : rd ? SHUT_RD : SHUT_WR) < 0) {
		al_fail(r, errno, "shutdown: %s", strerror(errno));
		return;
	}
	al_ok(r, NULL);
}

static void cmd_close(void *ap, char **w, struct al_reply *r)
{
	struct agent *a = ap;
	struct asock *s = al_id_take(&a->ids, w[1], r);

	if (s == NULL)
		return;
	sock_free(s);
	al_ok(r, NULL);
}

static void cmd_abort(void *ap, char **w, struct al_reply *r)
{
	struct agent *a = ap;
	struct asock *s = sock_arg(a, w[1], r);

	if (s == NULL)
		return;
	if (al_socket_linger_zero(s->fd) < 0) {
		al_fail(r, errno, "SO_LINGER: %s", strerror(errno));
		return;
	}
	sock_free(al_id_take(&a->ids, w[1], r));
	al_ok(r, NULL);
}

static const struct {
	const char *name;
	int level, opt;
} options[] = {
	{"keepalive", SOL_SOCKET, SO_KEEPALIVE},
	{"keepidle", IPPROTO_TCP, TCP_KEEPIDLE},
	{"keepintvl", IPPROTO_TCP, TCP_KEEPINTVL},
	{"keepcnt", IPPROTO_TCP, TCP_KEEPCNT},
	{"linger2", IPPROTO_TCP, TCP_LINGER2},
	{"user_timeout", IPPROTO_TCP, TCP_USER_TIMEOUT},
	{"syncnt", IPPROTO_TCP, TCP_SYNCNT},
	{"nodelay", IPPROTO_TCP, TCP_NODELAY},
	{"rcvbuf", SOL_SOCKET, SO_RCVBUF},
};

static void cmd_setopt(void *ap, char **w, struct al_reply *r)
{
	struct asock *s = sock_arg(ap, w[1], r);
	long value;
	int v;

	if (s == NULL)
		return;
	if (!al_parse_num(w[3], -2147483647L - 1, 2147483647L, &value)) {
		al_fail(r, EINVAL, "bad value '%s'", w[3]);
		return;
	}
	v = (int)value;
	for (size_t i = 0; i < sizeof(options) / sizeof(options[0]); i++) {
		if (strcmp(options[i].name, w[2]) != 0)
			continue;
		if (setsockopt(s->fd, options[i].level, options[i].opt, &v, sizeof(v)) < 0)
			al_fail(r, errno, "setsockopt %s %d: %s", w[2], v, strerror(errno));
		else
			al_ok(r, NULL);
		return;
	}
	al_fail(r, ENOSYS, "unsupported option '%s'", w[2]);
}

static void cmd_error(void *ap, char **w, struct al_reply *r)
{
	struct asock *s = sock_arg(ap, w[1], r);
	socklen_t len = sizeof(int);
	int pending = 0;

	if (s == NULL)
		return;
	if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &pending, &len) < 0) {
		al_fail(r, errno, "SO_ERROR: %s", strerror(errno));
		return;
	}
	if (pending != 0)
		s->last_err = pending;
	al_ok(r, "%s", s->last_err ? al_errno_name(s->last_err) : "NONE");
}

static void cmd_state(void *ap, char **w, struct al_reply *r)
{
	struct agent *a = ap;
	const char *state;
	long lport, rport;

	if (!al_parse_port(w[1], 1, &lport, r) || !al_parse_port(w[2], 0, &rport, r))
		return;
	state = diag_state(&a->diag, (unsigned)lport, (unsigned)rport, r);
	if (state != NULL)
		al_ok(r, "%s", state);
}

/* Abort what the agent has, then destroy what the kernel keeps. */
static void drop_socket(void *sock)
{
	al_socket_linger_zero(((struct asock *)sock)->fd);
	sock_free(sock);
}

static void cmd_reset(void *ap, char **w, struct al_reply *r)
{
	struct agent *a = ap;

	(void)w;
	al_ids_clear(&a->ids, drop_socket);
	if (diag_destroy_all(&a->diag, &a->args.addr4, &a->args.addr6, r) == 0)
		al_ok(r, NULL);
}

static al_cmd_fn *const commands[TARGET_NCOMMANDS] = {
	[TARGET_CMD_LISTEN] = cmd_listen,     [TARGET_CMD_ACCEPT] = cmd_accept,
	[TARGET_CMD_CONNECT] = cmd_connect,   [TARGET_CMD_SEND] = cmd_send,
	[TARGET_CMD_RECV] = cmd_recv,	      [TARGET_CMD_SHUTDOWN] = cmd_shutdown,
	[TARGET_CMD_CLOSE] = cmd_close,	      [TARGET_CMD_ABORT] = cmd_abort,
	[TARGET_CMD_SETOPT] = cmd_setopt,     [TARGET_CMD_STATE] = cmd_state,
	[TARGET_CMD_ERROR] = cmd_error,	      [TARGET_CMD_RESET] = cmd_reset,
};

static int agent_init(struct agent *a, struct al_server *srv)
{
	struct utsname u;

	al_ids_init(&a->ids, AL_MAX_SOCKS);
	uname(&u);
	snprintf(srv->stack, sizeof(srv->stack), "linux-%.56s", u.release);
	if (diag_open(&a->diag) < 0) {
		fprintf(stderr, PROG ": NETLINK_SOCK_DIAG socket: %s\n", strerror(errno));
		return 3;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static struct agent a;
	static struct al_server srv = {.run = commands, .agent = &a};
	int rc;

	signal(SIGPIPE, SIG_IGN);
	rc = al_parse_args(argc, argv, PROG, &a.args);
	if (rc == 0)
		rc = agent_init(&a, &srv);
	if (rc != 0)
		return rc;
	if (privs_keep_only_net_admin(PROG) != 0)
		return 3;
	while (al_serve(&srv, STDIN_FILENO, STDOUT_FILENO) == 0)
		;
	return 0;
}
