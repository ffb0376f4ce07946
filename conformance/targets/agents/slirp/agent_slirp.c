/*
 * agent_slirp.c - tcpspec-agent-slirp, the program of the built-in `slirp`
 * target: libslirp (Debian's 4.7), a TCP/IP stack derived from 4.4BSD's,
 * in this process, on the tap tcpspec created (--ifname).  tcpspec plays
 * slirp's guest; slirp's own virtual network is configured inside the
 * test ranges (stack.h; TARGETS.md, "The slirp target").
 *
 * slirp is a NAT: a guest's TCP connection to vhost is continued by slirp
 * as a kernel socket connection to the loopback address of the target
 * namespace.  So the application side of the stack under test is a set of
 * loopback sockets in this process:
 * - listen PORT: a loopback listener on PORT (127.0.0.1 and ::1); a SYN to
 *   vhost:PORT makes slirp connect to it and, once that succeeds, answer;
 * - connect LPORT RADDR RPORT: slirp_add_hostxfwd(loopback:H -> RADDR:RPORT),
 *   then a loopback socket bound to LPORT connects to H; slirp accepts it
 *   and opens towards the guest from vhost:LPORT;
 * - send, recv, shutdown, close, abort: that loopback socket;
 * - state: slirp_connection_info() (info.c), whose lines give slirp's own
 *   TCB states; a loopback listener is reported as LISTEN (slirp has no
 *   LISTEN TCB);
 * - what slirp does not expose (its TCP options, the error that ended a
 *   guest connection) is answered `err ENOSYS` with the reason;
 * - reset: slirp_cleanup() and slirp_new(): a fresh stack.
 *
 * One thread: poll() over stdin, the tap and slirp's sockets (stack.c).
 *
 * Usage: tcpspec-agent-slirp --ifname TAP --addr4 A --addr6 A --peer4 A --peer6 A
 * Exit status: 0 after `quit` or end of input, 2 usage, 3 environment.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <slirp/libslirp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/clock.h"
#include "targets/agents/agentline.h"
#include "targets/agents/privs.h"
#include "targets/agents/slirp/info.h"
#include "targets/agents/slirp/stack.h"

#define PROG "tcpspec-agent-slirp"
#define MAX_SOCKS 256  /* IDs 1 .. MAX_SOCKS-1 between two resets */
#define MAX_FWDS 256   /* active opens between two resets */
#define CONNECT_PUMP_MS 200

/* An application socket: loopback sockets of this process. */
struct hsock {
	int fd;			 /* the connection, or the IPv4 listener */
	int fd6;		 /* the IPv6 listener, -1 */
	bool listener;
	bool shut_wr;		 /* slirp has read the end of stream */
	unsigned lport, rport;	 /* the guest connection, as tcpspec names it */
	unsigned long long sent; /* bytes sent so far: position in the pattern */
};

/* An active open: slirp's side of it is its socket on loopback port H. */
struct fwd {
	unsigned lport, rport, hport;
};

struct agent {
	struct al_args args;
	struct stack st;
	struct al_ids ids; /* of struct hsock */
	struct fwd fwd[MAX_FWDS];
	int nfwd;
	struct al_server *srv;
};

static unsigned sock_port(int fd, bool peer)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int rc = peer ? getpeername(fd, (struct sockaddr *)&ss, &len)
		      : getsockname(fd, (struct sockaddr *)&ss, &len);

	if (rc < 0)
		return 0;
	return ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
					      : ((struct sockaddr_in *)&ss)->sin_port);
}

/* --- the socket table ------------------------------------------------------ */

static struct hsock *sock_arg(struct agent *a, const char *word, struct al_reply *r)
{
	return al_id_get(&a->ids, word, r);
}

/* A new ID for the loopback socket(s); -1 (r holds the error) after closing them. */
static int sock_add(struct agent *a, int fd, int fd6, bool listener, unsigned lport,
		    unsigned rport, struct al_reply *r)
{
	struct hsock *s = calloc(1, sizeof(*s));
	int id = -1;

	if (s != NULL) {
		*s = (struct hsock){fd, fd6, listener, false, lport, rport, 0};
		id = al_id_add(&a->ids, s, r);
	} else {
		al_fail(r, ENOMEM, "out of memory");
	}
	if (id < 0) {
		close(fd);
		if (fd6 >= 0)
			close(fd6);
		free(s);
	}
	return id;
}

static void sock_free(struct hsock *s, bool abort)
{
	if (abort && !s->listener)
		al_socket_linger_zero(s->fd);
	close(s->fd);
	if (s->fd6 >= 0)
		close(s->fd6);
	free(s);
}

static bool listening_on(const struct agent *a, unsigned port)
{
	for (int id = 1; id < a->ids.next; id++) {
		const struct hsock *s = a->ids.sock[id];

		if (s != NULL && s->listener && sock_port(s->fd, false) == port)
			return true;
	}
	return false;
}

/* slirp's loopback port for the active open LPORT -> RPORT, or 0. */
static unsigned fwd_port(const struct agent *a, unsigned lport, unsigned rport)
{
	for (int i = a->nfwd - 1; i >= 0; i--)
		if (a->fwd[i].lport == lport && a->fwd[i].rport == rport)
			return a->fwd[i].hport;
	return 0;
}

/* slirp's state of the guest connection LPORT-RPORT, RFC spelling. */
static const char *conn_state(struct agent *a, unsigned lport, unsigned rport)
{
	struct info_line c[INFO_MAX_LINES];
	unsigned hport = fwd_port(a, lport, rport);
	const char *best = "CLOSED";
	int n = info_lines(a->st.slirp, c, INFO_MAX_LINES);

	for (int i = 0; i < n; i++) {
		bool guest_opened = c[i].sport == rport && c[i].dport == lport;
		bool slirp_opened = hport != 0 && c[i].dport == rport && c[i].sport == hport;

		if (guest_opened || slirp_opened)
			best = al_state_pick(best, info_rfc_state(c[i].state));
	}
	return best;
}

/*
 * slirp reads its loopback socket only while the guest connection is
 * established and slirp has not read the end of the stream
 * (CONN_CANFRCV): a close or shutdown before, or an abort after, never
 * reaches the guest side as the RFC's CLOSE or ABORT would.
 */
static bool unreachable(struct agent *a, const struct hsock *s, bool abort, const char *cmd,
			struct al_reply *r)
{
	const char *st = conn_state(a, s->lport, s->rport);

	if (strcmp(st, "SYN-SENT") == 0 || strcmp(st, "SYN-RECEIVED") == 0) {
		al_fail(r, ENOSYS, "%s in %s: libslirp reads its loopback socket only once the "
				   "guest connection is established", cmd, st);
		return true;
	}
	if (abort && s->shut_wr) {
		al_fail(r, ENOSYS, "%s after shutdown: libslirp stops reading its loopback socket "
				   "at the end of the stream, a reset cannot reach it", cmd);
		return true;
	}
	return false;
}

/* --- commands -------------------------------------------------------------- */

static void loopback(int family, unsigned port, struct sockaddr_storage *ss, socklen_t *len)
{
	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)ss;

		in->sin_family = AF_INET;
		in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		in->sin_port = htons((uint16_t)port);
		*len = sizeof(*in);
	} else {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

		in6->sin6_family = AF_INET6;
		in6->sin6_addr = in6addr_loopback;
		in6->sin6_port = htons((uint16_t)port);
		*len = sizeof(*in6);
	}
}

/* A non-blocking loopback socket bound to port (0: any). */
static int bound_socket(int family, unsigned port)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), on = 1;

	if (fd < 0)
		return -1;
	loopback(family, port, &ss, &len);
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) < 0 ||
	    (family == AF_INET6 && setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof(on)) < 0) ||
	    bind(fd, (struct sockaddr *)&ss, len) < 0) {
		int saved = errno;

		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

static void cmd_listen(void *ap, char **w, struct al_reply *r)
{
	struct agent *a = ap;
	long port, backlog;
	int fd = -1, fd6 = -1, id;

	if (!al_parse_port(w[1], 1, &port, r) || !al_parse_backlog(w[2], 65535, &backlog, r))
		return;
	fd = bound_socket(AF_INET, (unsigned)port);
	if (fd >= 0)
		fd6 = bound_socket(AF_INET6, (unsigned)port);
	if (fd < 0 || fd6 < 0 || listen(fd, (int)backlog) < 0 || listen(fd6, (int)backlog) < 0) {
		int saved = errno;

		if (fd >= 0)
			close(fd);
		if (fd6 >= 0)
			close(fd6);
		al_fail(r, saved, "listen on loopback port %ld: %s", port, strerror(saved));
		return;
	}
	id = sock_add(a, fd, fd6, true, (unsigned)port, 0, r);
	if (id >= 0)
		al_ok(r, "%d", id);
}

/* The guest's port of the connection slirp made from loopback port P. */
static unsigned guest_port_of(struct agent *a, unsigned p)
{
	struct info_line c[INFO_MAX_LINES];
	int n = info_lines(a->st.slirp, c, INFO_MAX_LINES);

	for (int i = 0; i < n; i++)
		if (c[i].fd >= 0 && sock_port(c[i].fd, false) == p)
			return c[i].sport;
	return 0;
}

static void cmd_accept(void *ap, char **w, struct al_reply *r)
{
	struct agent *a = ap;
	struct hsock *l = sock_arg(a, w[1], r);
	unsigned rport;
	int fd, id;

	if (l == NULL)
		return;
	if (!l->listener) {
		al_fail(r, EINVAL, "socket %s is not listening", w[1]);
		return;
	}
	fd = accept4(l->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0 && errno == EAGAIN)
		fd = accept4(l->fd6, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0) {
		al_fail(r, errno, "accept: %s", errno == EAGAIN ? "no connection yet" : strerror(errno));
		return;
	}
	rport = guest_port_of(a, sock_port(fd, true));
	id = sock_add(a, fd, -1, false, l->lport, rport, r);
	if (id >= 0)
		al_ok(r, "%d %u", id, rport);
}

/* A free loopback port for a host forward. */
static unsigned free_port(int family)
{
	int fd = bound_socket(family, 0);
	unsigned port;

	if (fd < 0)
		return 0;
	port = sock_port(fd, false);
	close(fd);
	return port;
}

static int hostfwd(struct agent *a, int family, unsigned hport, const char *raddr,
		   unsigned rport, bool add)
{
	struct sockaddr_storage h, g;
	socklen_t hlen, glen;
	int flags = family == AF_INET6 ? SLIRP_HOSTFWD_V6ONLY : 0;

	loopback(family, hport, &h, &hlen);
	if (!add)
		return slirp_remove_hostxfwd(a->st.slirp, (struct sockaddr *)&h, hlen, flags);
	loopback(family, rport, &g, &glen);
	if (family == AF_INET)
		inet_pton(AF_INET, raddr, &((struct sockaddr_in *)&g)->sin_addr);
	else
		inet_pton(AF_INET6, raddr, &((struct sockaddr_in6 *)&g)->sin6_addr);
	return slirp_add_hostxfwd(a->st.slirp, (struct sockaddr *)&h, hlen, (struct sockaddr *)&g,
				  glen, flags);
}

/* Let slirp accept the loopback connection to hport (and send its SYN). */
static void await_accept(struct agent *a, unsigned hport)
{
	double end = clock_now_ms() + CONNECT_PUMP_MS;

	while (clock_now_ms() < end) {
		struct info_line c[INFO_MAX_LINES];
		int n;

		stack_pump(&a->st, -1, 1);
		n = info_lines(a->st.slirp, c, INFO_MAX_LINES);
		for (int i = 0; i < n; i++)
			if (strcmp(c[i].state, "HOST_FORWARD") != 0 && c[i].sport == hport)
				return;
	}
}

static void cmd_connect(void *ap, char **w, struct al_reply *r)
{
	struct agent *a = ap;
	struct sockaddr_storage ss;
	socklen_t len;
	struct in6_addr any6;
	long lport, rport;
	int family, fd, id;
	unsigned hport;

	if (!al_parse_port(w[1], 0, &lport, r) || !al_parse_port(w[3], 1, &rport, r))
		return;
	family = inet_pton(AF_INET, w[2], &any6) == 1	 ? AF_INET
		 : inet_pton(AF_INET6, w[2], &any6) == 1 ? AF_INET6
							  : -1;
	if (family < 0) {
		al_fail(r, EINVAL, "bad address '%s'", w[2]);
		return;
	}
	if (a->nfwd == MAX_FWDS || al_ids_full(&a->ids)) {
		al_fail(r, EMFILE, "too many connections since the last reset");
		return;
	}
	hport = free_port(family);
	if (hport == 0 || hostfwd(a, family, hport, w[2], (unsigned)rport, true) < 0) {
		al_fail(r, EADDRINUSE, "slirp_add_hostxfwd to %s port %ld failed", w[2], rport);
		return;
	}
	fd = bound_socket(family, (unsigned)lport);
	loopback(family, hport, &ss, &len);
	if (fd < 0 || (connect(fd, (struct sockaddr *)&ss, len) < 0 && errno != EINPROGRESS)) {
		int saved = errno;

		if (fd >= 0)
			close(fd);
		hostfwd(a, family, hport, w[2], (unsigned)rport, false);
		al_fail(r, saved, "connect from loopback port %ld: %s", lport, strerror(saved));
		return;
	}
	await_accept(a, hport);
	hostfwd(a, family, hport, w[2], (unsigned)rport, false);
	a->fwd[a->nfwd++] = (struct fwd){sock_port(fd, false), (unsigned)rport, hport};
	id = sock_add(a, fd, -1, false, sock_port(fd, false), (unsigned)rport, r);
	if (id >= 0)
		al_ok(r, "%d", id);
}

static void cmd_send(void *ap, char **w, struct al_reply *r)
{
	struct hsock *s = sock_arg(ap, w[1], r);
	long n;

	if (s != NULL && al_parse_count(w[2], 0, &n, r))
		al_socket_send(s->fd, n, &s->sent, r);
}

static void cmd_recv(void *ap, char **w, struct al_reply *r)
{
	struct hsock *s = sock_arg(ap, w[1], r);
	long n;

	if (s != NULL && al_parse_count(w[2], 1, &n, r))
		al_socket_recv(s->fd, n, r);
}

static void cmd_shutdown(void *ap, char **w, struct al_reply *r)
{
	struct hsock *s = sock_arg(ap, w[1], r);
	bool rd, wr;

	if (s == NULL || !al_parse_how(w[2], &rd, &wr, r) ||
	    (!s->listener && wr && unreachable(ap, s, false, "shutdown", r)))
		return;
	if (shutdown(s->fd, rd && wr ? SHUT_RDWR : rd ? SHUT_RD : SHUT_WR) < 0) {
		al_fail(r, errno, "shutdown: %s", strerror(errno));
		return;
	}
	s->shut_wr = s->shut_wr || wr;
	al_ok(r, NULL);
}

/* close and abort: the loopback socket goes, unless slirp would not see it. */
static void drop_id(struct agent *a, const char *word, bool abort, struct al_reply *r)
{
	struct hsock *s = sock_arg(a, word, r);

	if (s == NULL || (!s->listener && unreachable(a, s, abort, abort ? "abort" : "close", r)))
		return;
	sock_free(al_id_take(&a->ids, word, r), abort);
	al_ok(r, NULL);
}

static void cmd_close(void *ap, char **w, struct al_reply *r)
{
	drop_id(ap, w[1], false, r);
}

/* The loopback socket resets its peer, slirp's socket; slirp resets the guest. */
static void cmd_abort(void *ap, char **w, struct al_reply *r)
{
	drop_id(ap, w[1], true, r);
}

static void cmd_setopt(void *ap, char **w, struct al_reply *r)
{
	if (sock_arg(ap, w[1], r) != NULL)
		al_fail(r, ENOSYS, "%s: libslirp has no API for the options of its guest-side TCP",
			w[2]);
}

static void cmd_error(void *ap, char **w, struct al_reply *r)
{
	if (sock_arg(ap, w[1], r) != NULL)
		al_fail(r, ENOSYS, "libslirp ends its loopback socket the same way whatever "
				   "ended the guest connection");
}

static void cmd_state(void *ap, char **w, struct al_reply *r)
{
	struct agent *a = ap;
	long lport, rport;

	if (!al_parse_port(w[1], 1, &lport, r) || !al_parse_port(w[2], 0, &rport, r))
		return;
	if (rport == 0)
		al_ok(r, "%s", listening_on(a, (unsigned)lport) ? "LISTEN" : "CLOSED");
	else
		al_ok(r, "%s", conn_state(a, (unsigned)lport, (unsigned)rport));
}

static void drop_sock(void *s)
{
	sock_free(s, true);
}

static void cmd_reset(void *ap, char **w, struct al_reply *r)
{
	struct agent *a = ap;

	(void)w;
	al_ids_clear(&a->ids, drop_sock);
	a->nfwd = 0;
	if (!stack_renew(&a->st)) {
		al_fail(r, ENOMEM, "slirp_new failed");
		a->srv->quit = true;
		return;
	}
	al_ok(r, NULL);
}

/*
 * Virtual time (TARGETS.md, `advance`): slirp reads its clock through the
 * clock_get_ns callback; stack.c adds an offset that only grows, in steps
 * of one slow tick (500 ms) with a round of slirp after each, so that its
 * 4.4BSD timers (retransmission, persist, keep-alive, 2MSL, all counted in
 * slow ticks) see every tick and what they send is on the tap.
 */
static void cmd_advance(void *ap, char **w, struct al_reply *r)
{
	struct agent *a = ap;
	long ms;

	if (!al_parse_ms(w[1], &ms, r))
		return;
	stack_advance(&a->st, ms);
	al_ok(r, "%d", STACK_SLOW_TICK_MS);
}

static al_cmd_fn *const commands[TARGET_NCOMMANDS] = {
	[TARGET_CMD_LISTEN] = cmd_listen,     [TARGET_CMD_ACCEPT] = cmd_accept,
	[TARGET_CMD_CONNECT] = cmd_connect,   [TARGET_CMD_SEND] = cmd_send,
	[TARGET_CMD_RECV] = cmd_recv,	      [TARGET_CMD_SHUTDOWN] = cmd_shutdown,
	[TARGET_CMD_CLOSE] = cmd_close,	      [TARGET_CMD_ABORT] = cmd_abort,
	[TARGET_CMD_SETOPT] = cmd_setopt,     [TARGET_CMD_STATE] = cmd_state,
	[TARGET_CMD_ERROR] = cmd_error,	      [TARGET_CMD_RESET] = cmd_reset,
	[TARGET_CMD_ADVANCE] = cmd_advance,
};

int main(int argc, char **argv)
{
	static struct agent a;
	static struct al_server srv = {.run = commands, .agent = &a};
	int rc;

	signal(SIGPIPE, SIG_IGN);
	rc = al_parse_args(argc, argv, PROG, &a.args);
	if (rc != 0)
		return rc;
	a.srv = &srv;
	al_ids_init(&a.ids, MAX_SOCKS);
	snprintf(srv.stack, sizeof(srv.stack), "slirp-%s", slirp_version_string());
	/* the tap is nobody's (net/netns.c): no privilege is needed at all */
	if (privs_become_nobody(PROG) != 0)
		return 3;
	rc = stack_open(&a.st, &a.args, PROG);
	if (rc != 0)
		return rc;
	for (;;) {
		short in = stack_pump(&a.st, STDIN_FILENO, 1000);

		if ((in & (POLLIN | POLLHUP | POLLERR)) &&
		    al_serve(&srv, STDIN_FILENO, STDOUT_FILENO) != 0)
			break;
	}
	stack_close(&a.st);
	return 0;
}
