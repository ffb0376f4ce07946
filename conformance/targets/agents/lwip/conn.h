/*
 * conn.h - a socket of the lwip agent: a connection or a listener of
 * lwIP's raw TCP API, and what the application saw of it, kept up to date
 * by lwIP's callbacks.  The callbacks run on lwIP's tcpip thread and the
 * agent's commands on the main thread, each with the core lock held: every
 * function here is called with the lock held.
 *
 * Errors (TARGETS.md, "The lwip target"): lwIP's err callback says ERR_RST
 * or ERR_ABRT ("aborted through tcp_abort or by a TCP timer", lwip/tcp.h);
 * the agent never lets it report its own aborts (conn_detach first), so
 * ERR_ABRT is a timer: ETIMEDOUT.  ERR_RST is ECONNREFUSED before the
 * connection was established, EPIPE in CLOSE-WAIT, ECONNRESET otherwise
 * (the sockets vocabulary).
 */
#ifndef TCPSPEC_AGENTS_LWIP_CONN_H
#define TCPSPEC_AGENTS_LWIP_CONN_H

#include <stdbool.h>

#include "lwip/tcp.h"

/* The options `setopt` can set on lwIP. */
enum conn_opt { CONN_KEEPALIVE, CONN_KEEPIDLE, CONN_KEEPINTVL, CONN_KEEPCNT, CONN_NODELAY,
		CONN_NOPTS };

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
	bool opt_set[CONN_NOPTS]; /* a listener's options, for what it accepts */
	long opt_value[CONN_NOPTS];
};

/* c watches the connection pcb (receive and error callbacks). */
void conn_watch(struct conn *c, struct tcp_pcb *pcb);
/* c is the listener lpcb; what it accepts queues in c->queue. */
void conn_listen(struct conn *c, struct tcp_pcb *lpcb);
/* tcp_connect()'s callback: c->established. */
err_t conn_on_connected(void *arg, struct tcp_pcb *pcb, err_t err);
/* Detach the agent from a pcb: no callback will name its conn again. */
void conn_detach(struct tcp_pcb *pcb);
/* Set option opt to v on pcb (keepidle, keepintvl: seconds). */
void conn_apply_opt(struct tcp_pcb *pcb, enum conn_opt opt, long v);
/* Release c and what lwIP still has of it: abort (RST) or close (FIN). */
void conn_free(struct conn *c, bool abort);

#endif
