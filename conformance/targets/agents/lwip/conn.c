/*
 * conn.c - the lwip agent's sockets and lwIP's callbacks: see conn.h.
 */
#include "targets/agents/lwip/conn.h"

#include <errno.h>
#include <stdlib.h>

#include "lwip/priv/tcp_priv.h"

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

/*
 * Every in-order segment is acknowledged at once (TF_ACK_NOW), as
 * `quickack 1` does for Linux: lwIP's delayed ACK (up to 250 ms,
 * tcp_fasttmr) would land in the next step's window.
 */
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

err_t conn_on_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
	struct conn *c = arg;

	(void)pcb;
	(void)err;
	if (c != NULL)
		c->established = true;
	return ERR_OK;
}

void conn_detach(struct tcp_pcb *pcb)
{
	tcp_arg(pcb, NULL);
	if (pcb->state == LISTEN)
		return; /* a listener has only arg and accept */
	tcp_err(pcb, NULL);
	tcp_recv(pcb, NULL);
	tcp_sent(pcb, NULL);
}

void conn_apply_opt(struct tcp_pcb *pcb, enum conn_opt opt, long v)
{
	switch (opt) {
	case CONN_KEEPALIVE:
		if (v)
			ip_set_option(pcb, SOF_KEEPALIVE);
		else
			ip_reset_option(pcb, SOF_KEEPALIVE);
		break;
	case CONN_KEEPIDLE:
		pcb->keep_idle = (u32_t)v * 1000; /* ms, as lwip_setsockopt() */
		break;
	case CONN_KEEPINTVL:
		pcb->keep_intvl = (u32_t)v * 1000;
		break;
	case CONN_KEEPCNT:
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

void conn_watch(struct conn *c, struct tcp_pcb *pcb)
{
	c->pcb = pcb;
	c->rport = pcb->remote_port;
	tcp_arg(pcb, c);
	tcp_recv(pcb, on_recv);
	tcp_err(pcb, on_err);
}

/*
 * lwIP calls this once the handshake is complete (tcp_process, SYN_RCVD).
 * Options set on a listener are applied to each connection it accepts.
 */
static err_t on_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
	struct conn *l = arg, *c, **tail;

	if (l == NULL || pcb == NULL || err != ERR_OK)
		return ERR_VAL;
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return ERR_MEM;
	conn_watch(c, pcb);
	c->established = true;
	for (int i = 0; i < CONN_NOPTS; i++)
		if (l->opt_set[i])
			conn_apply_opt(pcb, (enum conn_opt)i, l->opt_value[i]);
	for (tail = &l->queue; *tail != NULL; tail = &(*tail)->next)
		;
	*tail = c;
	return ERR_OK;
}

void conn_listen(struct conn *c, struct tcp_pcb *lpcb)
{
	c->listener = true;
	c->pcb = lpcb;
	tcp_arg(lpcb, c);
	tcp_accept(lpcb, on_accept);
}

void conn_free(struct conn *c, bool abort)
{
	while (c->queue != NULL) {
		struct conn *q = c->queue;

		c->queue = q->next;
		conn_free(q, true);
	}
	if (c->pcb != NULL) {
		conn_detach(c->pcb);
		if (c->listener)
			tcp_close(c->pcb); /* frees a listen pcb at once */
		else if (abort || tcp_close(c->pcb) != ERR_OK)
			tcp_abort(c->pcb);
	}
	free(c);
}
