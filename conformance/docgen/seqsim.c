/*
 * seqsim.c - two model instances stepped against each other (seqsim.h).
 * The scripts say only who acts and when: a user call, a timeout, or "the
 * oldest segment A (or B) sent arrives".  What is sent, and every state,
 * comes from tcp_step().  ISS 100 for A and 300 for B, as in the figures of
 * RFC 9293 3.5 and 3.6.
 */
#include "docgen/seqsim.h"

#include <stdio.h>
#include <string.h>

enum op { OP_END = 0, OP_CALL, OP_TIMEOUT, OP_DELIVER, OP_DRAIN, OP_SHOW };

struct op_step {
	enum op op;
	int side;
	int arg;
};

#define A 0
#define B 1
#define CALL(s, c) { OP_CALL, s, c }
#define TIMEOUT(s, t) { OP_TIMEOUT, s, t }
#define DELIVER(s) { OP_DELIVER, s, 0 }
#define DRAIN { OP_DRAIN, 0, 0 }
#define SHOW { OP_SHOW, 0, 0 }   /* the steps before it set the scene, unseen */
#define HANDSHAKE CALL(B, TCP_CALL_OPEN_PASSIVE), CALL(A, TCP_CALL_OPEN_ACTIVE), DRAIN

struct script {
	const char *name, *title;
	struct op_step steps[20];
};

static const struct script scripts[] = {
	{ "handshake", "Three-way handshake (RFC 9293 3.5, Figure 6)",
	  { CALL(B, TCP_CALL_OPEN_PASSIVE), SHOW, CALL(A, TCP_CALL_OPEN_ACTIVE),
	    DELIVER(A), DELIVER(B), DELIVER(A) } },
	{ "close", "Normal close (RFC 9293 3.6, Figure 12)",
	  { HANDSHAKE, SHOW, CALL(A, TCP_CALL_CLOSE), DELIVER(A), DELIVER(B),
	    CALL(B, TCP_CALL_CLOSE), DELIVER(B), DELIVER(A),
	    TIMEOUT(A, TCP_T_TIME_WAIT) } },
	{ "simultaneous-open", "Simultaneous open (RFC 9293 3.5, Figure 7)",
	  { SHOW, CALL(A, TCP_CALL_OPEN_ACTIVE), CALL(B, TCP_CALL_OPEN_ACTIVE),
	    DELIVER(B), DELIVER(A), DELIVER(B), DELIVER(A), DRAIN } },
	{ "simultaneous-close", "Simultaneous close (RFC 9293 3.6, Figure 13)",
	  { HANDSHAKE, SHOW, CALL(A, TCP_CALL_CLOSE), CALL(B, TCP_CALL_CLOSE),
	    DELIVER(A), DELIVER(B), DRAIN, TIMEOUT(A, TCP_T_TIME_WAIT),
	    TIMEOUT(B, TCP_T_TIME_WAIT) } },
};

#define NSCRIPTS ((int)(sizeof scripts / sizeof scripts[0]))
#define INFLIGHT 16

struct flight {
	struct tcp_segment seg;
	int row;        /* the row it left in; -1 before SHOW */
	unsigned order; /* sending order, for DRAIN */
};

struct sim {
	const struct tcp_profile *p;
	struct sq_diagram *d;
	struct tcp_tcb tcb[2];
	uint32_t iss[2];
	bool shown;
	unsigned sent;
	int nq[2];
	struct flight q[2][INFLIGHT];
};

int seqsim_count(void) { return NSCRIPTS; }
const char *seqsim_name(int i) { return i >= 0 && i < NSCRIPTS ? scripts[i].name : "?"; }
const char *seqsim_title(int i) { return i >= 0 && i < NSCRIPTS ? scripts[i].title : "?"; }

int seqsim_find(const char *name)
{
	for (int i = 0; i < NSCRIPTS; i++)
		if (strcmp(name, scripts[i].name) == 0)
			return i;
	return -1;
}

/* <SEQ=100><ACK=301><CTL=SYN,ACK>, the RFC's notation, with <DATA=n>. */
static void seg_label(const struct tcp_segment *s, char *buf, size_t len)
{
	static const struct { uint8_t bit; const char *name; } ctl[] = {
		{ TCP_SYN, "SYN" }, { TCP_RST, "RST" }, { TCP_FIN, "FIN" },
		{ TCP_PSH, "PSH" }, { TCP_URG, "URG" }, { TCP_ACK, "ACK" },
	};
	char c[40] = "", ack[24] = "", data[24] = "";
	size_t n = 0;

	for (size_t i = 0; i < sizeof ctl / sizeof ctl[0]; i++)
		if (s->flags & ctl[i].bit)
			n += (size_t)snprintf(c + n, sizeof c - n, "%s%s", n ? "," : "", ctl[i].name);
	if (s->flags & TCP_ACK)
		snprintf(ack, sizeof ack, "<ACK=%u>", s->ack);
	if (s->len > 0)
		snprintf(data, sizeof data, "<DATA=%u>", s->len);
	snprintf(buf, len, "<SEQ=%u>%s<CTL=%s>%s", s->seq, ack, c, data);
}

static void note_for(const struct tcp_event *ev, const struct tcp_result *r,
		     char *buf, size_t len)
{
	static const char *const calls[TCP_NCALLS] = {
		"active OPEN", "passive OPEN", "SEND", "RECEIVE", "CLOSE", "ABORT",
	};

	buf[0] = '\0';
	if (ev->kind == TCP_EV_CALL)
		snprintf(buf, len, "%s", calls[ev->call]);
	else if (ev->kind == TCP_EV_TIMEOUT)
		snprintf(buf, len, "%s timeout", tcp_timer_name(ev->timer));
	else if (r->notify != TCP_N_NONE && r->notify != TCP_N_OK)
		snprintf(buf, len, "(%s)", tcp_notify_text(r->notify));
}

static int push(struct sim *s, int side, const struct tcp_segment *seg, int row)
{
	struct flight *f;

	if (s->nq[side] == INFLIGHT)
		return -1;
	f = &s->q[side][s->nq[side]++];
	f->seg = *seg;
	f->row = row;
	f->order = s->sent++;
	return 0;
}

/* Step one side's model; draw the row; queue what it sends. */
static int act(struct sim *s, int side, const struct tcp_event *ev,
	       const struct flight *arriving, char *err, size_t errlen)
{
	struct tcp_tcb next;
	struct tcp_result r;
	char note[64], label[96];
	int row = -1;

	if (tcp_step(&s->tcb[side], ev, s->p, &next, &r) != 0) {
		snprintf(err, errlen, "peer %c in %s: the model refused the event",
			 side == A ? 'A' : 'B', tcp_state_name(s->tcb[side].state));
		return -1;
	}
	s->tcb[side] = next;
	if (s->shown) {
		row = sq_row(s->d);
		sq_set_state(s->d, row, side, tcp_state_name(next.state));
		note_for(ev, &r, note, sizeof note);
		if (note[0])
			sq_note(s->d, side, row, note, note[0] == '(' ? SQ_MUTED : SQ_NORMAL);
		if (arriving != NULL) {
			seg_label(&arriving->seg, label, sizeof label);
			sq_arrow(s->d, !side, arriving->row < 0 ? 0 : arriving->row, row,
				 label, SQ_NORMAL);
		}
	}
	for (int i = 0; i < r.nemit; i++)
		if (push(s, side, &r.emit[i], row) != 0) {
			snprintf(err, errlen, "more than %d segments in flight", INFLIGHT);
			return -1;
		}
	return 0;
}

static int deliver(struct sim *s, int from, char *err, size_t errlen)
{
	struct tcp_event ev;
	struct flight f;

	if (s->nq[from] == 0) {
		snprintf(err, errlen, "peer %c has nothing in flight to deliver",
			 from == A ? 'A' : 'B');
		return -1;
	}
	f = s->q[from][0];
	memmove(&s->q[from][0], &s->q[from][1], (size_t)(--s->nq[from]) * sizeof f);
	memset(&ev, 0, sizeof ev);
	ev.kind = TCP_EV_SEGMENT;
	ev.seg = f.seg;
	ev.iss = s->iss[!from];
	return act(s, !from, &ev, &f, err, errlen);
}

/* Deliver everything in flight, oldest first, until both sides are quiet. */
static int drain(struct sim *s, char *err, size_t errlen)
{
	for (int guard = 0; guard < 4 * INFLIGHT; guard++) {
		int from;

		if (s->nq[A] == 0 && s->nq[B] == 0)
			return 0;
		from = s->nq[B] == 0 ? A : s->nq[A] == 0 ? B
		     : s->q[A][0].order < s->q[B][0].order ? A : B;
		if (deliver(s, from, err, errlen) != 0)
			return -1;
	}
	snprintf(err, errlen, "the peers do not become quiet");
	return -1;
}

static void show(struct sim *s)
{
	int row = sq_row(s->d);

	s->shown = true;
	sq_set_state(s->d, row, A, tcp_state_name(s->tcb[A].state));
	sq_set_state(s->d, row, B, tcp_state_name(s->tcb[B].state));
}

static int run_op(struct sim *s, const struct op_step *o, char *err, size_t errlen)
{
	struct tcp_event ev;

	memset(&ev, 0, sizeof ev);
	switch (o->op) {
	case OP_CALL:
		ev.kind = TCP_EV_CALL;
		ev.call = (enum tcp_call)o->arg;
		ev.iss = s->iss[o->side];
		return act(s, o->side, &ev, NULL, err, errlen);
	case OP_TIMEOUT:
		ev.kind = TCP_EV_TIMEOUT;
		ev.timer = (enum tcp_timer)o->arg;
		return act(s, o->side, &ev, NULL, err, errlen);
	case OP_DELIVER:
		return deliver(s, o->side, err, errlen);
	case OP_DRAIN:
		return drain(s, err, errlen);
	case OP_SHOW:
		show(s);
		return 0;
	default:
		return 0;
	}
}

int seqsim_run(int i, const struct tcp_profile *p, struct sq_diagram *d, char *err,
	       size_t errlen)
{
	static struct sim s;
	const struct script *sc;

	if (i < 0 || i >= NSCRIPTS) {
		snprintf(err, errlen, "no such sequence");
		return -1;
	}
	sc = &scripts[i];
	memset(&s, 0, sizeof s);
	s.p = p;
	s.d = d;
	s.iss[A] = 100;
	s.iss[B] = 300;
	for (int k = 0; k < 2; k++)
		tcp_tcb_default(TCP_CLOSED, p, &s.tcb[k]);
	sq_init(d, sc->title, "TCP Peer A", "TCP Peer B");
	for (size_t k = 0; k < sizeof sc->steps / sizeof sc->steps[0]; k++) {
		if (sc->steps[k].op == OP_END)
			break;
		if (run_op(&s, &sc->steps[k], err, errlen) != 0)
			return -1;
	}
	return drain(&s, err, errlen);
}
