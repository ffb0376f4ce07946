/*
 * agent_lwip.c - tcpspec-agent-lwip, the program of the built-in `lwip`
 * target: lwIP 2.1.3 as Debian builds it (liblwip, NO_SYS=0, core locking)
 * on the tap tcpspec created (--ifname), serving the target protocol
 * (conformance/TARGETS.md) through lwIP's raw TCP API.
 *
 * Threads: lwIP's tcpip thread runs input, timers and every callback below
 * with the core lock held; Debian's tapif thread reads the tap and queues
 * frames with tcpip_input(); the main thread reads commands and runs each
 * one under LOCK_TCPIP_CORE().  So the agent's tables are only ever touched
 * with the core lock held.
 *
 * What the agent chooses, not lwIP (TARGETS.md, "The lwip target"):
 * - the stack's MAC is the tap's (tcpspec sends to it), not tapif's fixed
 *   02:12:34:56:78:ab; the addresses skip duplicate address detection;
 * - every in-order segment is acknowledged at once (TF_ACK_NOW from the
 *   receive callback), as `quickack 1` does for Linux: lwIP's delayed ACK
 *   (up to 250 ms, tcp_fasttmr) would land in the next step's window;
 * - errors: lwIP's err callback says ERR_RST or ERR_ABRT ("aborted through
 *   tcp_abort or by a TCP timer", lwip/tcp.h); the agent never lets it
 *   report its own aborts, so ERR_ABRT is a timer: ETIMEDOUT.  ERR_RST is
 *   ECONNREFUSED before the connection was established, EPIPE in
 *   CLOSE-WAIT, ECONNRESET otherwise (the sockets vocabulary);
 * - options set on a listener are applied to each connection it accepts.
 *
 * Usage: tcpspec-agent-lwip --ifname TAP --addr4 A --addr6 A --peer4 A --peer6 A
 * Exit status: 0 after `quit` or end of input, 2 usage, 3 environment.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lwip/init.h"
#include "lwip/ip_addr.h"
#include "lwip/netif.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/sys.h"
#include "lwip/tcp.h"
#include "lwip/tcpip.h"
#include "netif/tapif.h"

#include "targets/agents/agentline.h"

#define PROG "tcpspec-agent-lwip"
#define MAX_SOCKS 1024 /* ids 1 .. MAX_SOCKS-1 between two resets */
#define DEFAULT_BACKLOG 16
#define CHUNK 0xffff   /* tcp_write() and tcp_recved() take 16-bit lengths */

enum { OPT_KEEPALIVE, OPT_KEEPIDLE, OPT_KEEPINTVL, OPT_KEEPCNT, OPT_NODELAY, NOPTS };

static const char *const opt_names[NOPTS] = {"keepalive", "keepidle", "keepintvl", "keepcnt",
					     "nodelay"};

/* What tcpspec cannot set on lwIP: compile-time constants of lwipopts.h. */
static const struct {
	const char *name, *why;
} no_opts[] = {
	{"linger2", "FIN_WAIT_2 lasts TCP_FIN_WAIT_TIMEOUT (20 s), fixed at compile time"},
	{"user_timeout", "lwIP has no user timeout (TCP_MAXRTX retransmissions, fixed)"},
	{"syncnt", "SYN retransmissions are TCP_SYNMAXRTX (6), fixed at compile time"},
	{"rcvbuf", "the receive window is TCP_WND (65535), fixed at compile time"},
};

/* A socket: a connection or a listener, and what the application saw. */
struct conn {
	struct tcp_pcb *pcb;	 /* NULL once lwIP freed it (err callback) */
	bool listener;
	bool established;	 /* connected, or accepted from a listener */
	bool eof;		 /* the peer's FIN arrived */
	bool shut_wr;		 /* shutdown wr: a send is EPIPE */
	int last_err;		 /* errno of what ended the connection, 0: none */
	u16_t rport;		 /* remote port, kept for accept */
	unsigned long long sent; /* bytes sent: position in the pattern */
	unsigned long unread;	 /* bytes received and not yet recv'd */
	struct conn *next;	 /* in a listener's queue of unaccepted ones */
	struct conn *queue;	 /* a listener's unaccepted connections */
	bool opt_set[NOPTS];	 /* a listener's options, for what it accepts */
	long opt_value[NOPTS];
};

struct agent {
	struct conn *sock[MAX_SOCKS];
	int next_id;
	struct al_args args;
	struct netif netif;
	u8_t mac[6];
};

/* --- callbacks (tcpip thread, core lock held) --------------------------- */

static int err_code(const struct conn *c, err_t err)
{
	switch (err) {
	case ERR_RST:
		if (!c->established)
			return ECONNREFUSED;
		return c->eof && !c->shut_wr ? EPIPE : ECONNRESET;
	case ERR_ABRT:
		return ETIMEDOUT;
	case ERR_CLSD:
		return 0; /* closed in order while only tx was shut down */
	default:
		return ECONNABORTED;
	}
}

static void on_err(void *arg, err_t err)
{
	struct conn *c = arg;

	if (c == NULL)
		return;
	c->pcb = NULL;
	c->last_err = err_code(c, err);
}

static err_t on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
	struct conn *c = arg;

	(void)err;
	if (p == NULL) {
		if (c != NULL)
			c->eof = true;
		return ERR_OK;
	}
	if (c != NULL)
		c->unread += p->tot_len;
	else
		tcp_recved(pcb, p->tot_len);
	pbuf_free(p);
	tcp_ack_now(pcb);
	return ERR_OK;
}

static err_t on_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
	struct conn *c = arg;

	(void)pcb;
	(void)err;
	if (c != NULL)
		c->established = true;
	return ERR_OK;
}

/* Detach the agent from a pcb: no callback will name c again. */
static void detach(struct tcp_pcb *pcb)
{
	tcp_arg(pcb, NULL);
	if (pcb->state == LISTEN)
		return; /* a listener has only arg and accept */
	tcp_err(pcb, NULL);
	tcp_recv(pcb, NULL);
	tcp_sent(pcb, NULL);
}

static void apply_opt(struct tcp_pcb *pcb, int opt, long v)
{
	switch (opt) {
	case OPT_KEEPALIVE:
		if (v)
			ip_set_option(pcb, SOF_KEEPALIVE);
		else
			ip_reset_option(pcb, SOF_KEEPALIVE);
		break;
	case OPT_KEEPIDLE:
		pcb->keep_idle = (u32_t)v * 1000; /* ms, as lwip_setsockopt() */
		break;
	case OPT_KEEPINTVL:
		pcb->keep_intvl = (u32_t)v * 1000;
		break;
	case OPT_KEEPCNT:
		pcb->keep_cnt = (u32_t)v;
		break;
	default:
		if (v)
			tcp_nagle_disable(pcb);
		else
			tcp_nagle_enable(pcb);
		break;
	}
}

static void watch(struct conn *c, struct tcp_pcb *pcb)
{
	c->pcb = pcb;
	c->rport = pcb->remote_port;
	tcp_arg(pcb, c);
	tcp_recv(pcb, on_recv);
	tcp_err(pcb, on_err);
}

/* lwIP calls this once the handshake is complete (tcp_process, SYN_RCVD). */
static err_t on_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
	struct conn *l = arg, *c, **tail;

	if (l == NULL || pcb == NULL || err != ERR_OK)
		return ERR_VAL;
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return ERR_MEM;
	watch(c, pcb);
	c->established = true;
	for (int i = 0; i < NOPTS; i++)
		if (l->opt_set[i])
			apply_opt(pcb, i, l->opt_value[i]);
	for (tail = &l->queue; *tail != NULL; tail = &(*tail)->next)
		;
	*tail = c;
	return ERR_OK;
}

/* --- the socket table ---------------------------------------------------- */

static struct conn *sock_arg(struct agent *a, const char *word, struct al_reply *r)
{
	long id;

	if (!al_parse_num(word, 1, MAX_SOCKS - 1, &id) || a->sock[id] == NULL) {
		al_fail(r, EBADF, "no socket %s", word);
		return NULL;
	}
	return a->sock[id];
}

static int sock_add(struct agent *a, struct conn *c)
{
	if (a->next_id >= MAX_SOCKS)
		return -1;
	a->sock[a->next_id] = c;
	return a->next_id++;
}

/* Release c and what lwIP still has of it: abort (RST) or close (FIN). */
static void conn_free(struct conn *c, bool abort)
{
	while (c->queue != NULL) {
		struct conn *q = c->queue;

		c->queue = q->next;
		conn_free(q, true);
	}
	if (c->pcb != NULL) {
		detach(c->pcb);
		if (c->listener)
			tcp_close(c->pcb); /* frees a listen pcb at once */
		else if (abort || tcp_close(c->pcb) != ERR_OK)
			tcp_abort(c->pcb);
	}
	free(c);
}

static void drop_id(struct agent *a, const char *word, bool abort, struct al_reply *r)
{
	struct conn *c = sock_arg(a, word, r);

	if (c == NULL)
		return;
	a->sock[atoi(word)] = NULL;
	conn_free(c, abort);
	al_ok(r, NULL);
}

/* --- commands (main thread, core lock held) ------------------------------ */

static void cmd_hello(void *ap, char **w, struct al_reply *r)
{
	(void)ap;
	(void)w;
	al_ok(r, "tcpspec-target 1 lwip-%s", LWIP_VERSION_STRING);
}

static int lwip_errno(err_t e)
{
	switch (e) {
	case ERR_USE: return EADDRINUSE;
	case ERR_MEM: case ERR_BUF: return ENOMEM;
	case ERR_RTE: return EHOSTUNREACH;
	case ERR_ISCONN: return EISCONN;
	case ERR_CONN: return ENOTCONN;
	case ERR_VAL: case ERR_ARG: return EINVAL;
	case ERR_RST: return ECONNRESET;
	case ERR_ABRT: return ECONNABORTED;
	default: return EIO;
	}
}

/* One listener for IPv4 and IPv6 (an IPADDR_TYPE_ANY pcb). */
static void cmd_listen(void *ap, char **w, struct al_reply *r)
{
	struct agent *a = ap;
	long port, backlog = DEFAULT_BACKLOG;
	struct tcp_pcb *pcb, *lpcb;
	struct conn *c;
	err_t e;

	if (!al_parse_port(w[1], 1, &port, r))
		return;
	if (w[2] != NULL && !al_parse_num(w[2], 0, 255, &backlog)) {
		al_fail(r, EINVAL, "bad backlog '%s'", w[2]);
		return;
	}
	pcb = tcp_new_ip_type(IPADDR_TYPE_ANY);
	c = calloc(1, sizeof(*c));
	if (pcb == NULL || c == NULL) {
		if (pcb != NULL)
			tcp_close(pcb);
		free(c);
		al_fail(r, ENOMEM, "out of memory");
		return;
	}
	ip_set_option(pcb, SOF_REUSEADDR);
	e = tcp_bind(pcb, IP_ANY_TYPE, (u16_t)port);
	lpcb = e == ERR_OK ? tcp_listen_with_backlog_and_err(pcb, (u8_t)backlog, &e) : NULL;
	if (lpcb == NULL) {
		tcp_close(pcb);
		free(c);
		al_fail(r, lwip_errno(e), "listen on port %ld: %s", port, lwip_strerr(e));
		return;
	}
	c->listener = true;
	c->pcb = lpcb;
	tcp_arg(lpcb, c);
	tcp_accept(lpcb, on_accept);
	if (sock_add(a, c) < 0) {
		conn_free(c, false);
		al_fail(r, EMFILE, "more than %d sockets since the last reset", MAX_SOCKS - 1);
		return;
	}
	al_ok(r, "%d", a->next_id - 1);
}

static void cmd_accept(void *ap, char **w, struct al_reply *r)
{
	struct agent *a = ap;
	struct conn *l = sock_arg(a, w[1], r), *c;
	int id;

	if (l == NULL)
		return;
	if (!l->listener) {
		al_fail(r, EINVAL, "socket %s is not listening", w[1]);
		return;
	}
	c = l->queue;
	if (c == NULL) {
		al_fail(r, EAGAIN, "no connection yet");
		return;
	}
	id = sock_add(a, c);
	if (id < 0) {
		al_fail(r, EMFILE, "more than %d sockets since the last reset", MAX_SOCKS - 1);
		return;
	}
	l->queue = c->next;
	c->next = NULL;
	al_ok(r, "%d %u", id, c->rport);
}

/* Non-blocking: tcp_connect() sends the SYN now (or after ARP). */
static void cmd_connect(void *ap, char **w, struct al_reply *r)
{
	struct agent *a = ap;
	long lport, rport;
	ip_addr_t dst;
	struct tcp_pcb *pcb;
	struct conn *c;
	err_t e = ERR_OK;

	if (!al_parse_port(w[1], 0, &lport, r) || !al_parse_port(w[3], 1, &rport, r))
		return;
	if (!ipaddr_aton(w[2], &dst)) {
		al_fail(r, EINVAL, "bad address '%s'", w[2]);
		return;
	}
	pcb = tcp_new_ip_type(IP_GET_TYPE(&dst));
	c = calloc(1, sizeof(*c));
	if (pcb == NULL || c == NULL || sock_add(a, c) < 0) {
		if (pcb != NULL)
			tcp_close(pcb);
		free(c);
		al_fail(r, ENOMEM, "out of memory or sockets");
		return;
	}
	if (lport != 0)
		e = tcp_bind(pcb, IP_IS_V6(&dst) ? IP6_ADDR_ANY : IP4_ADDR_ANY, (u16_t)lport);
	if (e == ERR_OK) {
		watch(c, pcb);
		e = tcp_connect(pcb, &dst, (u16_t)rport, on_connected);
	}
	if (e != ERR_OK) {
		a->sock[--a->next_id] = NULL;
		detach(pcb);
		tcp_abort(pcb);
		free(c);
		al_fail(r, lwip_errno(e), "connect from port %ld to %s port %ld: %s", lport, w[2],
			rport, lwip_strerr(e));
		return;
	}
	al_ok(r, "%d", a->next_id - 1);
}

/* The error of a connection lwIP has freed, or `otherwise`. */
static int gone_errno(const struct conn *c, int otherwise)
{
	return c->last_err != 0 ? c->last_err : otherwise;
}

static void cmd_send(void *ap, char **w, struct al_reply *r)
{
	static char buf[CHUNK];
	struct conn *c = sock_arg(ap, w[1], r);
	long n, done = 0;

	if (c == NULL || !al_parse_count(w[2], 0, &n, r))
		return;
	if (c->shut_wr || c->pcb == NULL || c->listener) {
		int code = c->shut_wr ? EPIPE : c->listener ? ENOTCONN : gone_errno(c, EPIPE);

		al_fail(r, code, "send: %s", strerror(code));
		return;
	}
	while (done < n) {
		long room = tcp_sndbuf(c->pcb);
		long chunk = n - done < room ? n - done : room;
		err_t e;

		if (chunk == 0)
			break;
		al_fill_pattern(buf, (size_t)chunk, c->sent);
		e = tcp_write(c->pcb, buf, (u16_t)chunk, TCP_WRITE_FLAG_COPY);
		if (e == ERR_MEM)
			break;
		if (e != ERR_OK) {
			if (done == 0) {
				al_fail(r, e == ERR_CONN ? ENOTCONN : lwip_errno(e), "send: %s",
					lwip_strerr(e));
				return;
			}
			break;
		}
		c->sent += (unsigned long long)chunk;
		done += chunk;
	}
	if (done > 0)
		tcp_output(c->pcb);
	if (done == 0 && n > 0)
		al_fail(r, EAGAIN, "send buffer full");
	else
		al_ok(r, "%ld", done);
}

static void cmd_recv(void *ap, char **w, struct al_reply *r)
{
	struct conn *c = sock_arg(ap, w[1], r);
	unsigned long take;
	long n;

	if (c == NULL || !al_parse_count(w[2], 1, &n, r))
		return;
	if (c->unread == 0) {
		if (c->eof)
			al_ok(r, "0");
		else if (c->pcb == NULL && c->last_err != 0)
			al_fail(r, c->last_err, "recv: %s", strerror(c->last_err));
		else if (c->pcb == NULL || c->listener)
			al_fail(r, ENOTCONN, "recv: not connected");
		else
			al_fail(r, EAGAIN, "nothing to read");
		return;
	}
	take = (unsigned long)n < c->unread ? (unsigned long)n : c->unread;
	c->unread -= take;
	for (unsigned long left = take; c->pcb != NULL && left > 0;) {
		u16_t part = (u16_t)(left < CHUNK ? left : CHUNK);

		tcp_recved(c->pcb, part); /* reopens the window */
		left -= part;
	}
	al_ok(r, "%lu", take);
}

static void cmd_shutdown(void *ap, char **w, struct al_reply *r)
{
	struct conn *c = sock_arg(ap, w[1], r);
	bool rd, wr;
	err_t e;

	if (c == NULL || !al_parse_how(w[2], &rd, &wr, r))
		return;
	if (c->pcb == NULL || c->listener) {
		al_fail(r, ENOTCONN, "shutdown: not connected");
		return;
	}
	if (rd && wr)
		detach(c->pcb); /* lwIP closes the pcb: it is no longer ours */
	e = tcp_shutdown(c->pcb, rd, wr);
	if (e != ERR_OK) {
		al_fail(r, lwip_errno(e), "shutdown: %s", lwip_strerr(e));
		return;
	}
	if (rd && wr)
		c->pcb = NULL;
	c->shut_wr = c->shut_wr || wr;
	al_ok(r, NULL);
}

static void cmd_close(void *ap, char **w, struct al_reply *r)
{
	drop_id(ap, w[1], false, r);
}

static void cmd_abort(void *ap, char **w, struct al_reply *r)
{
	drop_id(ap, w[1], true, r);
}

static void cmd_setopt(void *ap, char **w, struct al_reply *r)
{
	struct conn *c = sock_arg(ap, w[1], r);
	long v;

	if (c == NULL)
		return;
	if (!al_parse_num(w[3], 0, 2147483647L, &v)) {
		al_fail(r, EINVAL, "bad value '%s'", w[3]);
		return;
	}
	for (size_t i = 0; i < sizeof(no_opts) / sizeof(no_opts[0]); i++) {
		if (strcmp(no_opts[i].name, w[2]) == 0) {
			al_fail(r, ENOSYS, "%s: %s", w[2], no_opts[i].why);
			return;
		}
	}
	for (int i = 0; i < NOPTS; i++) {
		if (strcmp(opt_names[i], w[2]) != 0)
			continue;
		if (c->listener) {
			c->opt_set[i] = true;
			c->opt_value[i] = v;
		} else if (c->pcb != NULL) {
			apply_opt(c->pcb, i, v);
		} else {
			al_fail(r, gone_errno(c, ENOTCONN), "setopt: connection gone");
			return;
		}
		al_ok(r, NULL);
		return;
	}
	al_fail(r, ENOSYS, "unsupported option '%s'", w[2]);
}

static void cmd_error(void *ap, char **w, struct al_reply *r)
{
	struct conn *c = sock_arg(ap, w[1], r);

	if (c != NULL)
		al_ok(r, "%s", c->last_err ? al_errno_name(c->last_err) : "NONE");
}

/* lwIP's enum tcp_state, in RFC 9293 3.3.2 spelling. */
static const char *rfc_state(enum tcp_state s)
{
	static const char *const names[] = {
		[CLOSED] = "CLOSED",	       [LISTEN] = "LISTEN",
		[SYN_SENT] = "SYN-SENT",       [SYN_RCVD] = "SYN-RECEIVED",
		[ESTABLISHED] = "ESTABLISHED", [FIN_WAIT_1] = "FIN-WAIT-1",
		[FIN_WAIT_2] = "FIN-WAIT-2",   [CLOSE_WAIT] = "CLOSE-WAIT",
		[CLOSING] = "CLOSING",	       [LAST_ACK] = "LAST-ACK",
		[TIME_WAIT] = "TIME-WAIT",
	};

	return (unsigned)s < sizeof(names) / sizeof(names[0]) ? names[s] : "CLOSED";
}

/* Which of several pcbs on the same ports `state` reports (TARGETS.md). */
static int state_rank(enum tcp_state s)
{
	return s == CLOSED ? 0 : s == TIME_WAIT ? 1 : s == LISTEN ? 2 : 3;
}

static void rank_list(struct tcp_pcb *list, long lport, long rport, enum tcp_state *best)
{
	for (struct tcp_pcb *p = list; p != NULL; p = p->next)
		if (p->local_port == lport && p->remote_port == rport &&
		    state_rank(p->state) > state_rank(*best))
			*best = p->state;
}

/* From lwIP's own lists: active (SYN_SENT .. LAST_ACK), TIME-WAIT, listen. */
static void cmd_state(void *ap, char **w, struct al_reply *r)
{
	enum tcp_state best = CLOSED;
	long lport, rport;

	(void)ap;
	if (!al_parse_port(w[1], 1, &lport, r) || !al_parse_port(w[2], 0, &rport, r))
		return;
	if (rport == 0) {
		for (struct tcp_pcb_listen *l = tcp_listen_pcbs.listen_pcbs; l != NULL; l = l->next)
			if (l->local_port == lport)
				best = LISTEN;
	} else {
		rank_list(tcp_active_pcbs, lport, rport, &best);
		rank_list(tcp_tw_pcbs, lport, rport, &best);
	}
	al_ok(r, "%s", rfc_state(best));
}

/* Every pcb of every list goes: no TIME-WAIT, orphan or listener is left. */
static void cmd_reset(void *ap, char **w, struct al_reply *r)
{
	struct agent *a = ap;

	(void)w;
	for (int id = 1; id < MAX_SOCKS; id++) {
		if (a->sock[id] != NULL)
			conn_free(a->sock[id], true);
		a->sock[id] = NULL;
	}
	a->next_id = 1;
	while (tcp_listen_pcbs.listen_pcbs != NULL) {
		struct tcp_pcb *l = (struct tcp_pcb *)tcp_listen_pcbs.listen_pcbs;

		detach(l);
		tcp_close(l);
	}
	while (tcp_bound_pcbs != NULL)
		tcp_close(tcp_bound_pcbs);
	while (tcp_active_pcbs != NULL) {
		detach(tcp_active_pcbs);
		tcp_abort(tcp_active_pcbs);
	}
	while (tcp_tw_pcbs != NULL)
		tcp_abort(tcp_tw_pcbs);
	al_ok(r, NULL);
}

static struct al_reader reader;

static void cmd_quit(void *ap, char **w, struct al_reply *r)
{
	(void)ap;
	(void)w;
	reader.quit = true;
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

/* --- start-up ------------------------------------------------------------ */

static struct agent agent;

static int read_mac(const char *ifname, u8_t mac[6])
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int rc;

	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	rc = ioctl(fd, SIOCGIFHWADDR, &ifr);
	close(fd);
	if (rc == 0)
		memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	return rc;
}

/* Debian's tapif (PRECONFIGURED_TAPIF names the tap), with the tap's MAC. */
static err_t tap_init(struct netif *netif)
{
	err_t e = tapif_init(netif);

	memcpy(netif->hwaddr, agent.mac, 6);
	return e;
}

static void init_done(void *arg)
{
	sys_sem_signal((sys_sem_t *)arg);
}

static void add_ip6(struct netif *n, const ip6_addr_t *addr)
{
	s8_t idx = -1;

	if (addr == NULL) {
		netif_create_ip6_linklocal_address(n, 1);
		idx = 0;
	} else if (netif_add_ip6_address(n, addr, &idx) != ERR_OK) {
		return;
	}
	netif_ip6_addr_set_state(n, idx, IP6_ADDR_PREFERRED); /* no DAD */
}

static int stack_init(struct agent *a)
{
	ip4_addr_t addr, mask, gw;
	ip6_addr_t addr6;
	sys_sem_t done;

	if (read_mac(a->args.ifname, a->mac) < 0) {
		fprintf(stderr, PROG ": %s: no MAC address: %s\n", a->args.ifname, strerror(errno));
		return 3;
	}
	setenv("PRECONFIGURED_TAPIF", a->args.ifname, 1);
	if (sys_sem_new(&done, 0) != ERR_OK)
		return 3;
	tcpip_init(init_done, &done);
	sys_sem_wait(&done);
	sys_sem_free(&done);
	addr.addr = a->args.addr4.s_addr;
	IP4_ADDR(&mask, 255, 255, 255, 0);
	ip4_addr_set_zero(&gw);
	memcpy(addr6.addr, &a->args.addr6, 16);
	ip6_addr_clear_zone(&addr6);
	LOCK_TCPIP_CORE();
	if (netif_add(&a->netif, &addr, &mask, &gw, NULL, tap_init, tcpip_input) == NULL) {
		UNLOCK_TCPIP_CORE();
		fprintf(stderr, PROG ": netif_add on %s failed\n", a->args.ifname);
		return 3;
	}
	netif_set_default(&a->netif);
	netif_set_up(&a->netif);
	add_ip6(&a->netif, NULL);
	add_ip6(&a->netif, &addr6);
	UNLOCK_TCPIP_CORE();
	return 0;
}

/*
 * Replies go to a private copy of stdout; fd 1 becomes stderr, because
 * lwIP's port prints its diagnostics and failed assertions with printf().
 */
static int private_stdout(void)
{
	int fd = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);

	if (fd < 0 || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
		perror(PROG ": stdout");
		return -1;
	}
	return fd;
}

int main(int argc, char **argv)
{
	int rc, out;

	signal(SIGPIPE, SIG_IGN);
	out = private_stdout();
	if (out < 0)
		return 3;
	rc = al_parse_args(argc, argv, PROG, &agent.args);
	if (rc != 0)
		return rc;
	agent.next_id = 1;
	rc = stack_init(&agent);
	if (rc != 0)
		return rc;
	reader.enter = sys_lock_tcpip_core; /* LOCK_TCPIP_CORE() */
	reader.leave = sys_unlock_tcpip_core;
	while (al_serve(&reader, STDIN_FILENO, out, commands,
			sizeof(commands) / sizeof(commands[0]), &agent) == 0)
		;
	return 0;
}
