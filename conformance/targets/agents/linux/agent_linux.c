/*
 * agent_linux.c - tcpspec-agent-linux, the target program of the built-in
 * `linux` target.  It runs inside the target namespace and serves the
 * target protocol (conformance/TARGETS.md) with real kernel sockets:
 * IPv4 and IPv6, all non-blocking, so no command waits on the network.
 *
 * `state` reads the kernel's view through NETLINK_SOCK_DIAG (request
 * sockets in SYN_RECV and TIME_WAIT sockets included); `reset` closes the
 * agent's sockets and removes what is left with SOCK_DESTROY (root and
 * CONFIG_INET_DIAG_DESTROY needed).
 *
 * Usage: tcpspec-agent-linux --ifname DEV --addr4 A --addr6 A --peer4 A --peer6 A
 * Exit status: 0 after `quit` or end of input, 2 usage, 3 environment.
 */
#include "targets/agents/agentline.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <unistd.h>

#define PROG "tcpspec-agent-linux"
#define MAX_SOCKS 1024	   /* ids 1 .. MAX_SOCKS-1 between two resets */
#define MAX_DIAG 4096	   /* sockets one state/reset looks at */
#define DEFAULT_BACKLOG 16
#define DIAG_TIMEOUT_US 200000
#define RESET_ROUNDS 4

/* Kernel TCP states (include/net/tcp_states.h), as sock_diag reports them. */
enum {
	LX_ESTABLISHED = 1, LX_SYN_SENT, LX_SYN_RECV, LX_FIN_WAIT1, LX_FIN_WAIT2,
	LX_TIME_WAIT, LX_CLOSE, LX_CLOSE_WAIT, LX_LAST_ACK, LX_LISTEN, LX_CLOSING,
	LX_NEW_SYN_RECV, LX_NSTATES
};
/* Every state but TCP_BOUND_INACTIVE (13): bits 1..12. */
#define ALL_STATES (((1u << LX_NSTATES) - 1) & ~1u)

/* RFC 9293 3.3.2 spelling; a request socket is a SYN-RECEIVED connection. */
static const char *const rfc_state[LX_NSTATES] = {
	[LX_ESTABLISHED] = "ESTABLISHED", [LX_SYN_SENT] = "SYN-SENT",
	[LX_SYN_RECV] = "SYN-RECEIVED",	  [LX_FIN_WAIT1] = "FIN-WAIT-1",
	[LX_FIN_WAIT2] = "FIN-WAIT-2",	  [LX_TIME_WAIT] = "TIME-WAIT",
	[LX_CLOSE] = "CLOSED",		  [LX_CLOSE_WAIT] = "CLOSE-WAIT",
	[LX_LAST_ACK] = "LAST-ACK",	  [LX_LISTEN] = "LISTEN",
	[LX_CLOSING] = "CLOSING",	  [LX_NEW_SYN_RECV] = "SYN-RECEIVED",
};

struct asock {
	int fd;			 /* -1: free */
	unsigned long long sent; /* bytes sent so far: position in the pattern */
	int last_err;		 /* last connection error reported, 0: none */
};

struct agent {
	struct asock sock[MAX_SOCKS];
	int next_id;
	int diag; /* NETLINK_SOCK_DIAG socket */
	unsigned seq;
	struct al_args args;
	char stack[64];
	struct al_reader reader;
};

struct diag_entry {
	int family;
	unsigned state;
	struct inet_diag_sockid id;
};

static struct asock *sock_arg(struct agent *a, const char *word, struct al_reply *r)
{
	long id;

	if (!al_parse_num(word, 1, MAX_SOCKS - 1, &id) || a->sock[id].fd < 0) {
		al_fail(r, EBADF, "no socket %s", word);
		return NULL;
	}
	return &a->sock[id];
}

static int sock_add(struct agent *a, int fd)
{
	if (a->next_id >= MAX_SOCKS)
		return -1;
	a->sock[a->next_id] = (struct asock){fd, 0, 0};
	return a->next_id++;
}

static void sock_free(struct asock *s)
{
	close(s->fd);
	*s = (struct asock){-1, 0, 0};
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

static void cmd_hello(void *ap, char **w, struct al_reply *r)
{
	(void)w;
	al_ok(r, "tcpspec-target 1 %s", ((struct agent *)ap)->stack);
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
	int id = sock_add(a, fd);

	if (id < 0) {
		close(fd);
		al_fail(r, EMFILE, "more than %d sockets since the last reset", MAX_SOCKS - 1);
	} else if (port >= 0) {
		al_ok(r, "%d %d", id, port);
	} else {
		al_ok(r, "%d", id);
	}
}

/* One dual-stack listener: IPv4 arrives as v4-mapped IPv6. */
static void cmd_listen(void *ap, char **w, struct al_reply *r)
{
	struct agent *a = ap;
	struct sockaddr_in6 sa = {.sin6_family = AF_INET6, .sin6_addr = IN6ADDR_ANY_INIT};
	long port, backlog = DEFAULT_BACKLOG;
	int fd, on = 1, off = 0;

	if (!al_parse_port(w[1], 1, &port, r))
		return;
	if (w[2] != NULL && !al_parse_num(w[2], 0, 65535, &backlog)) {
		al_fail(r, EINVAL, "bad backlog '%s'", w[2]);
		return;
	}
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
	struct asock *s = sock_arg(ap, w[1], r);

	if (s == NULL)
		return;
	sock_free(s);
	al_ok(r, NULL);
}

/* SO_LINGER {1, 0}: close discards everything and sends RST. */
static int linger_zero(int fd)
{
	struct linger lg = {1, 0};

	return setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
}

static void cmd_abort(void *ap, char **w, struct al_reply *r)
{
	struct asock *s = sock_arg(ap, w[1], r);

	if (s == NULL)
		return;
	if (linger_zero(s->fd) < 0) {
		al_fail(r, errno, "SO_LINGER: %s", strerror(errno));
		return;
	}
	sock_free(s);
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

/* Send one sock_diag request; an id of NULL asks for a dump. */
static int diag_send(struct agent *a, int type, int family, const struct inet_diag_sockid *id)
{
	struct {
		struct nlmsghdr nlh;
		struct inet_diag_req_v2 req;
	} msg;

	memset(&msg, 0, sizeof(msg));
	msg.nlh.nlmsg_len = sizeof(msg);
	msg.nlh.nlmsg_type = (uint16_t)type;
	msg.nlh.nlmsg_flags = NLM_F_REQUEST | (id == NULL ? NLM_F_DUMP : NLM_F_ACK);
	msg.nlh.nlmsg_seq = ++a->seq;
	msg.req.sdiag_family = (uint8_t)family;
	msg.req.sdiag_protocol = IPPROTO_TCP;
	msg.req.idiag_states = ALL_STATES;
	if (id != NULL)
		msg.req.id = *id;
	return send(a->diag, &msg, sizeof(msg), 0) < 0 ? -1 : 0;
}

/*
 * Read the answers to request a->seq.  Dump entries are appended to out
 * (up to max); returns 0 at the end, -1 with errno on error.
 */
static int diag_recv(struct agent *a, int family, struct diag_entry *out, int max, int *count)
{
	static long buf[8192];

	for (;;) {
		ssize_t n = recv(a->diag, buf, sizeof(buf), 0);
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		if (n < 0)
			return -1;
		for (; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
			const struct inet_diag_msg *m = NLMSG_DATA(h);
			struct diag_entry e = {family, m->idiag_state, m->id};

			if (h->nlmsg_seq != a->seq)
				continue;
			if (h->nlmsg_type == NLMSG_DONE)
				return 0;
			if (h->nlmsg_type == NLMSG_ERROR) {
				errno = -((const struct nlmsgerr *)NLMSG_DATA(h))->error;
				return errno == 0 ? 0 : -1;
			}
			if (out != NULL && *count < max)
				out[(*count)++] = e;
		}
	}
}

/* Every TCP socket of the namespace, both families. */
static int diag_all(struct agent *a, struct diag_entry *out, int max, int *count)
{
	static const int families[] = {AF_INET, AF_INET6};

	*count = 0;
	for (size_t i = 0; i < 2; i++) {
		if (diag_send(a, SOCK_DIAG_BY_FAMILY, families[i], NULL) < 0 ||
		    diag_recv(a, families[i], out, max, count) < 0)
			return -1;
	}
	return 0;
}

/* Which of several sockets on the same ports `state` reports. */
static int state_rank(unsigned st)
{
	if (st == LX_CLOSE)
		return 0;
	if (st == LX_TIME_WAIT)
		return 1;
	if (st == LX_LISTEN)
		return 2;
	return 3;
}

static void cmd_state(void *ap, char **w, struct al_reply *r)
{
	struct agent *a = ap;
	static struct diag_entry e[MAX_DIAG];
	const char *best = "CLOSED";
	long lport, rport;
	int n, rank = -1;

	if (!al_parse_port(w[1], 1, &lport, r) || !al_parse_port(w[2], 0, &rport, r))
		return;
	if (diag_all(a, e, MAX_DIAG, &n) < 0) {
		al_fail(r, errno, "sock_diag dump: %s", strerror(errno));
		return;
	}
	for (int i = 0; i < n; i++) {
		if (ntohs(e[i].id.idiag_sport) != lport || ntohs(e[i].id.idiag_dport) != rport ||
		    e[i].state >= LX_NSTATES || rfc_state[e[i].state] == NULL)
			continue;
		if (state_rank(e[i].state) > rank) {
			rank = state_rank(e[i].state);
			best = rfc_state[e[i].state];
		}
	}
	al_ok(r, "%s", best);
}

/* Is the socket's local address one of the target's own? */
static bool ours(const struct agent *a, const struct diag_entry *e)
{
	const uint32_t *src = e->id.idiag_src;
	struct in6_addr mapped = {0};

	if (e->family == AF_INET)
		return src[0] == a->args.addr4.s_addr;
	mapped.s6_addr[10] = mapped.s6_addr[11] = 0xff;
	memcpy(&mapped.s6_addr[12], &a->args.addr4, 4);
	return memcmp(src, &a->args.addr6, 16) == 0 || memcmp(src, &mapped, 16) == 0;
}

static int diag_destroy(struct agent *a, const struct diag_entry *e)
{
	if (diag_send(a, SOCK_DESTROY, e->family, &e->id) < 0 ||
	    diag_recv(a, e->family, NULL, 0, NULL) < 0)
		return errno == ENOENT ? 0 : -1;
	return 0;
}

/* One round: destroy what is left; returns how many were found. */
static int destroy_round(struct agent *a, struct al_reply *r)
{
	static struct diag_entry e[MAX_DIAG];
	int n, found = 0;

	if (diag_all(a, e, MAX_DIAG, &n) < 0) {
		al_fail(r, errno, "sock_diag dump: %s", strerror(errno));
		return -1;
	}
	for (int i = 0; i < n; i++) {
		if (!ours(a, &e[i]))
			continue;
		found++;
		if (diag_destroy(a, &e[i]) == 0)
			continue;
		if (errno == EOPNOTSUPP)
			al_fail(r, ENOSYS, "SOCK_DESTROY unsupported (%s)",
				"kernel without CONFIG_INET_DIAG_DESTROY");
		else
			al_fail(r, errno, "SOCK_DESTROY of a %s socket: %s", rfc_state[e[i].state],
				strerror(errno));
		return -1;
	}
	return found;
}

static void cmd_reset(void *ap, char **w, struct al_reply *r)
{
	struct agent *a = ap;

	(void)w;
	for (int id = 1; id < MAX_SOCKS; id++) {
		if (a->sock[id].fd < 0)
			continue;
		linger_zero(a->sock[id].fd);
		sock_free(&a->sock[id]);
	}
	a->next_id = 1;
	for (int round = 0; round < RESET_ROUNDS; round++) {
		int found = destroy_round(a, r);

		if (found < 0)
			return;
		if (found == 0) {
			al_ok(r, NULL);
			return;
		}
	}
	al_fail(r, EBUSY, "sockets keep reappearing after %d rounds of SOCK_DESTROY", RESET_ROUNDS);
}

static void cmd_quit(void *ap, char **w, struct al_reply *r)
{
	(void)w;
	((struct agent *)ap)->reader.quit = true;
	al_ok(r, NULL);
}

static const struct al_command commands[] = {
	{"hello", 0, 0, cmd_hello, "hello"},
	{"listen", 1, 2, cmd_listen, "listen PORT [BACKLOG]"},
	{"accept", 1, 1, cmd_accept, "accept ID"},
	{"connect", 3, 3, cmd_connect, "connect LPORT RADDR RPORT"},
	{"send", 2, 2, cmd_send, "send ID N"},
	{"recv", 2, 2, cmd_recv, "recv ID N"},
	{"shutdown", 2, 2, cmd_shutdown, "shutdown ID wr|rd|rdwr"},
	{"close", 1, 1, cmd_close, "close ID"},
	{"abort", 1, 1, cmd_abort, "abort ID"},
	{"setopt", 3, 3, cmd_setopt, "setopt ID NAME VALUE"},
	{"state", 2, 2, cmd_state, "state LPORT RPORT"},
	{"error", 1, 1, cmd_error, "error ID"},
	{"reset", 0, 0, cmd_reset, "reset"},
	{"quit", 0, 0, cmd_quit, "quit"},
};

static int agent_init(struct agent *a)
{
	struct timeval tv = {0, DIAG_TIMEOUT_US};
	struct utsname u;

	for (int i = 0; i < MAX_SOCKS; i++)
		a->sock[i].fd = -1;
	a->next_id = 1;
	uname(&u);
	snprintf(a->stack, sizeof(a->stack), "linux-%.56s", u.release);
	a->diag = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	if (a->diag < 0 || setsockopt(a->diag, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0) {
		fprintf(stderr, PROG ": NETLINK_SOCK_DIAG socket: %s\n", strerror(errno));
		return 3;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static struct agent a;
	int rc;

	signal(SIGPIPE, SIG_IGN);
	rc = al_parse_args(argc, argv, PROG, &a.args);
	if (rc == 0)
		rc = agent_init(&a);
	if (rc != 0)
		return rc;
	while (al_serve(&a.reader, STDIN_FILENO, STDOUT_FILENO, commands,
			sizeof(commands) / sizeof(commands[0]), &a) == 0)
		;
	return 0;
}
