/*
 * agent_slirp.c - tcpspec-agent-slirp, the program of the built-in `slirp`
 * target: libslirp (Debian's 4.7), a TCP/IP stack derived from 4.4BSD's,
 * in this process, on the tap tcpspec created (--ifname).  tcpspec plays
 * slirp's guest; slirp's own virtual network is configured inside the
 * test ranges (TARGETS.md, "The slirp target"):
 *
 *	vnetwork 198.18.0.0/24, vhost = --addr4 (198.18.0.2), guest = --peer4
 *	vprefix 2001:db8::/64, vhost6 = --addr6 (2001:db8::2), guest = --peer6
 *	nameservers .3 and ::3, DHCP and DNS off
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
 * - state: slirp_connection_info(), whose lines give slirp's own TCB states;
 *   a loopback listener is reported as LISTEN (slirp has no LISTEN TCB);
 * - what slirp does not expose (its TCP options, the error that ended a
 *   guest connection) is answered `err ENOSYS` with the reason;
 * - reset: slirp_cleanup() and slirp_new(): a fresh stack.
 *
 * One thread: poll() over stdin, the tap and slirp's sockets.
 *
 * Usage: tcpspec-agent-slirp --ifname TAP --addr4 A --addr6 A --peer4 A --peer6 A
 * Exit status: 0 after `quit` or end of input, 2 usage, 3 environment.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <slirp/libslirp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "targets/agents/agentline.h"

#define PROG "tcpspec-agent-slirp"
#define MAX_SOCKS 256  /* ids 1 .. MAX_SOCKS-1 between two resets */
#define MAX_FWDS 256   /* active opens between two resets */
#define MAX_POLL 512
#define MAX_TIMERS 8
#define DEFAULT_BACKLOG 16
#define FRAME_MAX 2048
#define CONNECT_PUMP_MS 200

/* An application socket: loopback sockets of this process. */
struct hsock {
	int fd;			 /* the connection, or the IPv4 listener; -1: free */
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

struct stimer {
	bool used, armed;
	SlirpTimerId id;
	void *cb_opaque;
	int64_t expire_ms;
};

struct agent {
	struct al_args args;
	Slirp *slirp;
	int tap;
	struct hsock sock[MAX_SOCKS];
	int next_id;
	struct fwd fwd[MAX_FWDS];
	int nfwd;
	struct stimer timer[MAX_TIMERS];
	struct pollfd pfd[MAX_POLL];
	int npfd;
	struct al_reader reader;
};

static struct agent agent;

/* --- slirp's callbacks ----------------------------------------------------- */

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static ssize_t send_packet(const void *buf, size_t len, void *opaque)
{
	struct agent *a = opaque;

	return write(a->tap, buf, len); /* a full tap drops: TCP retransmits */
}

static void guest_error(const char *msg, void *opaque)
{
	(void)opaque;
	fprintf(stderr, PROG ": slirp: guest error: %s\n", msg);
}

static int64_t clock_get_ns(void *opaque)
{
	(void)opaque;
	return now_ns();
}

static void *timer_new_opaque(SlirpTimerId id, void *cb_opaque, void *opaque)
{
	struct agent *a = opaque;

	for (int i = 0; i < MAX_TIMERS; i++) {
		if (!a->timer[i].used) {
			a->timer[i] = (struct stimer){true, false, id, cb_opaque, 0};
			return &a->timer[i];
		}
	}
	return NULL;
}

static void timer_free(void *timer, void *opaque)
{
	(void)opaque;
	if (timer != NULL)
		((struct stimer *)timer)->used = false;
}

static void timer_mod(void *timer, int64_t expire_ms, void *opaque)
{
	struct stimer *t = timer;

	(void)opaque;
	if (t != NULL) {
		t->armed = true;
		t->expire_ms = expire_ms;
	}
}

static void fd_nop(int fd, void *opaque)
{
	(void)fd;
	(void)opaque;
}

static void notify_nop(void *opaque)
{
	(void)opaque;
}

static const SlirpCb callbacks = {
	.send_packet = send_packet,
	.guest_error = guest_error,
	.clock_get_ns = clock_get_ns,
	.timer_free = timer_free,
	.timer_mod = timer_mod,
	.register_poll_fd = fd_nop,
	.unregister_poll_fd = fd_nop,
	.notify = notify_nop,
	.timer_new_opaque = timer_new_opaque,
};

/* The virtual network, inside 198.18.0.0/24 and 2001:db8::/64. */
static Slirp *stack_new(struct agent *a)
{
	SlirpConfig cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.version = 4;
	cfg.in_enabled = true;
	cfg.vhost = a->args.addr4;
	cfg.vnetmask.s_addr = htonl(0xffffff00);
	cfg.vnetwork.s_addr = a->args.addr4.s_addr & cfg.vnetmask.s_addr;
	cfg.vdhcp_start.s_addr = cfg.vnetwork.s_addr | htonl(100);
	cfg.vnameserver.s_addr = cfg.vnetwork.s_addr | htonl(3);
	cfg.in6_enabled = true;
	cfg.vhost6 = a->args.addr6;
	cfg.vprefix_addr6 = a->args.addr6;
	memset(&cfg.vprefix_addr6.s6_addr[8], 0, 8);
	cfg.vprefix_len = 64;
	cfg.vnameserver6 = cfg.vprefix_addr6;
	cfg.vnameserver6.s6_addr[15] = 3;
	cfg.disable_dns = true;
	cfg.disable_dhcp = true;
	return slirp_new(&cfg, &callbacks, a);
}

/* --- the loop ---------------------------------------------------------------- */

static int add_poll(int fd, int events, void *opaque)
{
	struct agent *a = opaque;
	short ev = 0;

	if (a->npfd == MAX_POLL)
		return -1;
	ev |= (events & SLIRP_POLL_IN) ? POLLIN : 0;
	ev |= (events & SLIRP_POLL_OUT) ? POLLOUT : 0;
	ev |= (events & SLIRP_POLL_PRI) ? POLLPRI : 0;
	a->pfd[a->npfd] = (struct pollfd){fd, ev, 0};
	return a->npfd++;
}

static int get_revents(int idx, void *opaque)
{
	struct agent *a = opaque;
	short re;

	if (idx < 0 || idx >= a->npfd)
		return 0;
	re = a->pfd[idx].revents;
	return ((re & POLLIN) ? SLIRP_POLL_IN : 0) | ((re & POLLOUT) ? SLIRP_POLL_OUT : 0) |
	       ((re & POLLPRI) ? SLIRP_POLL_PRI : 0) | ((re & POLLERR) ? SLIRP_POLL_ERR : 0) |
	       ((re & POLLHUP) ? SLIRP_POLL_HUP : 0);
}

static void fire_timers(struct agent *a)
{
	int64_t now = now_ns() / 1000000;

	for (int i = 0; i < MAX_TIMERS; i++) {
		struct stimer *t = &a->timer[i];

		if (t->used && t->armed && t->expire_ms <= now) {
			t->armed = false;
			slirp_handle_timer(a->slirp, t->id, t->cb_opaque);
		}
	}
}

static uint32_t timer_wait(const struct agent *a, uint32_t timeout)
{
	int64_t now = now_ns() / 1000000;

	for (int i = 0; i < MAX_TIMERS; i++) {
		const struct stimer *t = &a->timer[i];

		if (t->used && t->armed)
			timeout = t->expire_ms <= now ? 0
				  : (uint32_t)(t->expire_ms - now) < timeout
					  ? (uint32_t)(t->expire_ms - now)
					  : timeout;
	}
	return timeout;
}

/* Frames from the guest (tcpspec) into slirp; how many. */
static int tap_input(struct agent *a)
{
	uint8_t frame[FRAME_MAX];
	ssize_t n;
	int count = 0;

	while ((n = read(a->tap, frame, sizeof(frame))) > 0) {
		slirp_input(a->slirp, frame, (int)n);
		count++;
	}
	return count;
}

/*
 * One round: wait up to max_ms for slirp's sockets, the tap and (when
 * `in` >= 0) stdin; let slirp work.  Returns stdin's revents.  After a
 * frame from the guest a second round follows at once: slirp sends what
 * waited for the guest's ARP or NDP answer only from slirp_pollfds_poll().
 */
static short pump(struct agent *a, int in, uint32_t max_ms)
{
	uint32_t timeout = max_ms;
	int tap_idx, in_idx = -1, rc;
	short in_events;

	a->npfd = 0;
	tap_idx = add_poll(a->tap, SLIRP_POLL_IN, a);
	if (in >= 0)
		in_idx = add_poll(in, SLIRP_POLL_IN, a);
	slirp_pollfds_fill(a->slirp, &timeout, add_poll, a);
	timeout = timer_wait(a, timeout);
	rc = poll(a->pfd, (nfds_t)a->npfd, (int)timeout);
	in_events = in_idx >= 0 && rc > 0 ? a->pfd[in_idx].revents : 0;
	slirp_pollfds_poll(a->slirp, rc < 0, get_revents, a);
	fire_timers(a);
	if (rc > 0 && (a->pfd[tap_idx].revents & POLLIN) && tap_input(a) > 0)
		pump(a, -1, 0);
	return in_events;
}

/* --- slirp_connection_info() ------------------------------------------------- */

struct conn_line {
	char state[24];
	int fd;
	unsigned sport, dport;
};

/*
 * "  TCP[ESTABLISHED]   7  198.18.0.1 20000  198.18.0.2  8080  0  0".
 * For a guest's connection the source is the guest, the destination
 * vhost:port; for one slirp opened (a host forward) the source is slirp's
 * loopback socket, the destination the guest.  IPv6 connections are listed
 * with IPv4-shaped addresses (libslirp: "TODO: IPv6"); the ports are right.
 */
static int conn_lines(struct agent *a, struct conn_line *out, int max)
{
	char *info = slirp_connection_info(a->slirp), *save = NULL;
	int n = 0;

	if (info == NULL)
		return 0;
	for (char *l = strtok_r(info, "\n", &save); l != NULL && n < max;
	     l = strtok_r(NULL, "\n", &save)) {
		struct conn_line c;
		char src[64], dst[64];

		if (sscanf(l, " TCP[%23[^]]] %d %63s %u %63s %u", c.state, &c.fd, src, &c.sport, dst,
			   &c.dport) == 6)
			out[n++] = c;
	}
	free(info);
	return n;
}

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

/* slirp's states (tcpstates[] of slirp_connection_info), RFC spelling. */
static const char *rfc_state(const char *s)
{
	static const char *const map[][2] = {
		{"SYN_SENT", "SYN-SENT"},     {"SYN_RCVD", "SYN-RECEIVED"},
		{"ESTABLISHED", "ESTABLISHED"}, {"CLOSE_WAIT", "CLOSE-WAIT"},
		{"FIN_WAIT_1", "FIN-WAIT-1"}, {"CLOSING", "CLOSING"},
		{"LAST_ACK", "LAST-ACK"},     {"FIN_WAIT_2", "FIN-WAIT-2"},
		{"TIME_WAIT", "TIME-WAIT"},   {"LISTEN", "LISTEN"},
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i][0], s) == 0)
			return map[i][1];
	return NULL; /* CLOSED, NONE, HOST_FORWARD */
}

/* --- the socket table ------------------------------------------------------ */

static struct hsock *sock_arg(struct agent *a, const char *word, struct al_reply *r)
{
	long id;

	if (!al_parse_num(word, 1, MAX_SOCKS - 1, &id) || a->sock[id].fd < 0) {
		al_fail(r, EBADF, "no socket %s", word);
		return NULL;
	}
	return &a->sock[id];
}

static int sock_add(struct agent *a, int fd, int fd6, bool listener, unsigned lport,
		    unsigned rport)
{
	if (a->next_id >= MAX_SOCKS)
		return -1;
	a->sock[a->next_id] = (struct hsock){fd, fd6, listener, false, lport, rport, 0};
	return a->next_id++;
}

static void linger_zero(int fd)
{
	struct linger lg = {1, 0};

	setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
}

static void sock_free(struct hsock *s, bool abort)
{
	if (abort && !s->listener)
		linger_zero(s->fd);
	close(s->fd);
	if (s->fd6 >= 0)
		close(s->fd6);
	*s = (struct hsock){-1, -1, false, false, 0, 0, 0};
}

static bool listening_on(const struct agent *a, unsigned port)
{
	for (int id = 1; id < a->next_id; id++)
		if (a->sock[id].fd >= 0 && a->sock[id].listener &&
		    sock_port(a->sock[id].fd, false) == port)
			return true;
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

static int state_rank(const char *s)
{
	return strcmp(s, "TIME-WAIT") == 0 ? 1 : strcmp(s, "LISTEN") == 0 ? 2 : 3;
}

/* slirp's state of the guest connection LPORT-RPORT, RFC spelling. */
static const char *conn_state(struct agent *a, unsigned lport, unsigned rport)
{
	struct conn_line c[64];
	unsigned hport = fwd_port(a, lport, rport);
	const char *best = "CLOSED";
	int n = conn_lines(a, c, 64);

	for (int i = 0; i < n; i++) {
		const char *st = rfc_state(c[i].state);
		bool guest_opened = c[i].sport == rport && c[i].dport == lport;
		bool slirp_opened = hport != 0 && c[i].dport == rport && c[i].sport == hport;

		if (st != NULL && (guest_opened || slirp_opened) &&
		    (strcmp(best, "CLOSED") == 0 || state_rank(st) > state_rank(best)))
			best = st;
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

static void cmd_hello(void *ap, char **w, struct al_reply *r)
{
	(void)ap;
	(void)w;
	al_ok(r, "tcpspec-target 1 slirp-%s", slirp_version_string());
}

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
	long port, backlog = DEFAULT_BACKLOG;
	int fd = -1, fd6 = -1, id;

	if (!al_parse_port(w[1], 1, &port, r))
		return;
	if (w[2] != NULL && !al_parse_num(w[2], 0, 65535, &backlog)) {
		al_fail(r, EINVAL, "bad backlog '%s'", w[2]);
		return;
	}
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
	id = sock_add(a, fd, fd6, true, (unsigned)port, 0);
	if (id < 0) {
		close(fd);
		close(fd6);
		al_fail(r, EMFILE, "more than %d sockets since the last reset", MAX_SOCKS - 1);
		return;
	}
	al_ok(r, "%d", id);
}

/* The guest's port of the connection slirp made from loopback port P. */
static unsigned guest_port_of(struct agent *a, unsigned p)
{
	struct conn_line c[64];
	int n = conn_lines(a, c, 64);

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
	id = sock_add(a, fd, -1, false, l->lport, rport);
	if (id < 0) {
		close(fd);
		al_fail(r, EMFILE, "more than %d sockets since the last reset", MAX_SOCKS - 1);
		return;
	}
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
		return slirp_remove_hostxfwd(a->slirp, (struct sockaddr *)&h, hlen, flags);
	loopback(family, rport, &g, &glen);
	if (family == AF_INET)
		inet_pton(AF_INET, raddr, &((struct sockaddr_in *)&g)->sin_addr);
	else
		inet_pton(AF_INET6, raddr, &((struct sockaddr_in6 *)&g)->sin6_addr);
	return slirp_add_hostxfwd(a->slirp, (struct sockaddr *)&h, hlen, (struct sockaddr *)&g,
				  glen, flags);
}

/* Let slirp accept the loopback connection to hport (and send its SYN). */
static void await_accept(struct agent *a, unsigned hport)
{
	int64_t end = now_ns() + (int64_t)CONNECT_PUMP_MS * 1000000;

	while (now_ns() < end) {
		struct conn_line c[64];
		int n;

		pump(a, -1, 1);
		n = conn_lines(a, c, 64);
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
	if (a->nfwd == MAX_FWDS || a->next_id >= MAX_SOCKS) {
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
	id = sock_add(a, fd, -1, false, sock_port(fd, false), (unsigned)rport);
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

static void cmd_close(void *ap, char **w, struct al_reply *r)
{
	struct hsock *s = sock_arg(ap, w[1], r);

	if (s != NULL && (s->listener || !unreachable(ap, s, false, "close", r))) {
		sock_free(s, false);
		al_ok(r, NULL);
	}
}

/* The loopback socket resets its peer, slirp's socket; slirp resets the guest. */
static void cmd_abort(void *ap, char **w, struct al_reply *r)
{
	struct hsock *s = sock_arg(ap, w[1], r);

	if (s != NULL && (s->listener || !unreachable(ap, s, true, "abort", r))) {
		sock_free(s, true);
		al_ok(r, NULL);
	}
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

static void cmd_reset(void *ap, char **w, struct al_reply *r)
{
	struct agent *a = ap;

	(void)w;
	for (int id = 1; id < MAX_SOCKS; id++)
		if (a->sock[id].fd >= 0)
			sock_free(&a->sock[id], true);
	a->next_id = 1;
	a->nfwd = 0;
	slirp_cleanup(a->slirp);
	memset(a->timer, 0, sizeof(a->timer));
	a->slirp = stack_new(a);
	if (a->slirp == NULL) {
		al_fail(r, ENOMEM, "slirp_new failed");
		a->reader.quit = true;
		return;
	}
	al_ok(r, NULL);
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

/* --- start-up ---------------------------------------------------------------- */

static int tap_open(const char *ifname)
{
	struct ifreq ifr;
	int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, ifname, strnlen(ifname, sizeof(ifr.ifr_name) - 1));
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
		int saved = errno;

		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

int main(int argc, char **argv)
{
	struct agent *a = &agent;
	int rc;

	signal(SIGPIPE, SIG_IGN);
	rc = al_parse_args(argc, argv, PROG, &a->args);
	if (rc != 0)
		return rc;
	for (int i = 0; i < MAX_SOCKS; i++)
		a->sock[i] = (struct hsock){-1, -1, false, false, 0, 0, 0};
	a->next_id = 1;
	a->tap = tap_open(a->args.ifname);
	if (a->tap < 0) {
		fprintf(stderr, PROG ": tap %s: %s\n", a->args.ifname, strerror(errno));
		return 3;
	}
	a->slirp = stack_new(a);
	if (a->slirp == NULL) {
		fprintf(stderr, PROG ": slirp_new failed\n");
		return 3;
	}
	for (;;) {
		short in = pump(a, STDIN_FILENO, 1000);

		if ((in & (POLLIN | POLLHUP | POLLERR)) &&
		    al_serve(&a->reader, STDIN_FILENO, STDOUT_FILENO, commands,
			     sizeof(commands) / sizeof(commands[0]), a) != 0)
			break;
	}
	slirp_cleanup(a->slirp);
	return 0;
}
