/*
 * agent_lwip.c - tcpspec-agent-lwip, the program of the built-in `lwip`
 * target: lwIP 2.1.3 as Debian builds it (liblwip, NO_SYS=0, core locking)
 * on the tap tcpspec created (--ifname), serving the target protocol
 * (conformance/TARGETS.md) through lwIP's raw TCP API.
 *
 * Threads: lwIP's tcpip thread runs input, timers and every callback
 * (conn.c) with the core lock held; Debian's tapif thread reads the tap
 * and queues frames with tcpip_input() (stack.c); the main thread reads
 * commands and runs each one under LOCK_TCPIP_CORE().  So the agent's
 * tables are only ever touched with the core lock held.
 *
 * What the agent chooses, not lwIP (TARGETS.md, "The lwip target"): the
 * MAC and addresses (stack.h), acknowledging at once and the error codes
 * (conn.c), and that options set on a listener are applied to each
 * connection it accepts.
 *
 * Usage: tcpspec-agent-lwip --ifname TAP --addr4 A --addr6 A --peer4 A --peer6 A
 * Exit status: 0 after `quit` or end of input, 2 usage, 3 environment.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lwip/init.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/sys.h"
#include "lwip/tcp.h"
#include "lwip/tcpip.h"

#include "targets/agents/agentline.h"
#include "targets/agents/privs.h"
#include "targets/agents/lwip/conn.h"
#include "targets/agents/lwip/stack.h"

#define PROG "tcpspec-agent-lwip"
#define CHUNK 0xffff   /* tcp_write() and tcp_recved() take 16-bit lengths */

static const char *const opt_names[CONN_NOPTS] = {"keepalive", "keepidle", "keepintvl",
						  "keepcnt", "nodelay"};

/* What tcpspec cannot set on lwIP: compile-time constants of lwipopts.h. */
static const struct {
	const char *name, *why;
} no_opts[] = {
	{"linger2", "FIN_WAIT_2 lasts TCP_FIN_WAIT_TIMEOUT (20 s), fixed at compile time"},
	{"user_timeout", "lwIP has no user timeout (TCP_MAXRTX retransmissions, fixed)"},
	{"syncnt", "SYN retransmissions are TCP_SYNMAXRTX (6), fixed at compile time"},
	{"rcvbuf", "the receive window is TCP_WND (65535), fixed at compile time"},
};

struct agent {
	struct al_ids ids; /* of struct conn */
	struct al_args args;
	long advance_carry; /* ms of `advance` not yet a whole TCP_TMR_INTERVAL */
};

/* --- the socket table ---------------------------------------------------- */

static struct conn *sock_arg(struct agent *a, const char *word, struct al_reply *r)
{
	return al_id_get(&a->ids, word, r);
}

static void drop_id(struct agent *a, const char *word, bool abort, struct al_reply *r)
{
	struct conn *c = al_id_take(&a->ids, word, r);

	if (c == NULL)
		return;
	conn_free(c, abort);
	al_ok(r, NULL);
}

/* --- commands (main thread, core lock held) ------------------------------ */

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
	long port, backlog;
	struct tcp_pcb *pcb, *lpcb;
	struct conn *c;
	int id;
	err_t e;

	if (!al_parse_port(w[1], 1, &port, r) || !al_parse_backlog(w[2], 255, &backlog, r))
		return;
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
	conn_listen(c, lpcb);
	id = al_id_add(&a->ids, c, r);
	if (id < 0)
		conn_free(c, false);
	else
		al_ok(r, "%d", id);
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
	id = al_id_add(&a->ids, c, r);
	if (id < 0)
		return;
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
	if (pcb == NULL || c == NULL || al_ids_full(&a->ids)) {
		if (pcb != NULL)
			tcp_close(pcb);
		free(c);
		al_fail(r, ENOMEM, "out of memory or sockets");
		return;
	}
	if (lport != 0)
		e = tcp_bind(pcb, IP_IS_V6(&dst) ? IP6_ADDR_ANY : IP4_ADDR_ANY, (u16_t)lport);
	if (e == ERR_OK) {
		conn_watch(c, pcb);
		e = tcp_connect(pcb, &dst, (u16_t)rport, conn_on_connected);
	}
	if (e != ERR_OK) {
		conn_detach(pcb);
		tcp_abort(pcb);
		free(c);
		al_fail(r, lwip_errno(e), "connect from port %ld to %s port %ld: %s", lport, w[2],
			rport, lwip_strerr(e));
		return;
	}
	al_ok(r, "%d", al_id_add(&a->ids, c, r));
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
		conn_detach(c->pcb); /* lwIP closes the pcb: it is no longer ours */
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
	for (int i = 0; i < CONN_NOPTS; i++) {
		if (strcmp(opt_names[i], w[2]) != 0)
			continue;
		if (c->listener) {
			c->opt_set[i] = true;
			c->opt_value[i] = v;
		} else if (c->pcb != NULL) {
			conn_apply_opt(c->pcb, (enum conn_opt)i, v);
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

/* Of the pcbs of `list` on LPORT-RPORT and `best`, the one `state` reports. */
static const char *pick(struct tcp_pcb *list, long lport, long rport, const char *best)
{
	for (struct tcp_pcb *p = list; p != NULL; p = p->next)
		if (p->local_port == lport && p->remote_port == rport)
			best = al_state_pick(best, rfc_state(p->state));
	return best;
}

/* From lwIP's own lists: active (SYN_SENT .. LAST_ACK), TIME-WAIT, listen. */
static void cmd_state(void *ap, char **w, struct al_reply *r)
{
	const char *best = "CLOSED";
	long lport, rport;

	(void)ap;
	if (!al_parse_port(w[1], 1, &lport, r) || !al_parse_port(w[2], 0, &rport, r))
		return;
	if (rport == 0) {
		for (struct tcp_pcb_listen *l = tcp_listen_pcbs.listen_pcbs; l != NULL; l = l->next)
			if (l->local_port == lport)
				best = "LISTEN";
	} else {
		best = pick(tcp_active_pcbs, lport, rport, best);
		best = pick(tcp_tw_pcbs, lport, rport, best);
	}
	al_ok(r, "%s", best);
}

static void drop_conn(void *c)
{
	conn_free(c, true);
}

/* Every pcb of every list goes: no TIME-WAIT, orphan or listener is left. */
static void cmd_reset(void *ap, char **w, struct al_reply *r)
{
	struct agent *a = ap;

	(void)w;
	al_ids_clear(&a->ids, drop_conn);
	while (tcp_listen_pcbs.listen_pcbs != NULL) {
		struct tcp_pcb *l = (struct tcp_pcb *)tcp_listen_pcbs.listen_pcbs;

		conn_detach(l);
		tcp_close(l);
	}
	while (tcp_bound_pcbs != NULL)
		tcp_close(tcp_bound_pcbs);
	while (tcp_active_pcbs != NULL) {
		conn_detach(tcp_active_pcbs);
		tcp_abort(tcp_active_pcbs);
	}
	while (tcp_tw_pcbs != NULL)
		tcp_abort(tcp_tw_pcbs);
	al_ok(r, NULL);
}

/*
 * Virtual time (TARGETS.md, `advance`): lwIP's TCP timers are tcp_tmr(),
 * which the tcpip thread calls every TCP_TMR_INTERVAL (250 ms) of real
 * time: tcp_fasttmr() each call (delayed ACKs, refused data), tcp_slowtmr()
 * every second call (retransmission, persist, keep-alive, FIN-WAIT-2,
 * SYN-RCVD and TIME-WAIT, all counted in its 500 ms ticks).  `advance MS`
 * makes the calls MS would have made, here, under the core lock; what
 * they send goes to the tap at once.  Real time keeps its own calls.
 */
static void cmd_advance(void *ap, char **w, struct al_reply *r)
{
	struct agent *a = ap;
	long ms, n;

	if (!al_parse_ms(w[1], &ms, r))
		return;
	for (n = al_ticks_due(&a->advance_carry, ms, TCP_TMR_INTERVAL); n > 0; n--)
		tcp_tmr();
	al_ok(r, "%d", TCP_TMR_INTERVAL);
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

/* --- start-up ------------------------------------------------------------ */

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
	static struct agent agent;
	static struct al_server srv = {
		.run = commands,
		.agent = &agent,
		.stack = "lwip-" LWIP_VERSION_STRING,
		.enter = sys_lock_tcpip_core, /* LOCK_TCPIP_CORE() */
		.leave = sys_unlock_tcpip_core,
	};
	int rc, out;

	signal(SIGPIPE, SIG_IGN);
	out = private_stdout();
	if (out < 0)
		return 3;
	rc = al_parse_args(argc, argv, PROG, &agent.args);
	if (rc != 0)
		return rc;
	al_ids_init(&agent.ids, AL_MAX_SOCKS);
	/* before any thread exists: the tap is nobody's (net/netns.c) */
	if (privs_become_nobody(PROG) != 0)
		return 3;
	rc = stack_start(&agent.args, PROG);
	if (rc != 0)
		return rc;
	while (al_serve(&srv, STDIN_FILENO, out) == 0)
		;
	return 0;
}
