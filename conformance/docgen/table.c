/*
 * table.c - enumerate the model into the transition table.  Segments are
 * representatives of the classes RFC 9293 3.10.7 treats differently: each
 * flag combination it distinguishes, SEQ at RCV.NXT / in window / outside,
 * ACK acceptable / duplicate / of unsent data / too old (RFC 5961 5.2).
 */
#include "docgen/table.h"

#include <stdio.h>
#include <string.h>

#include "scenario/text.h"

static const char *const seq_names[] = {
	"SEQ=RCV.NXT", "SEQ in window", "SEQ outside window", "SEQ=RCV.NXT-1", "",
};
static const char *const ack_names[] = {
	"", "ACK=SND.NXT", "ACK=SND.UNA", "ACK>SND.NXT", "ACK<SND.UNA-MAX.SND.WND",
	"ACK=ISS", "",
};

/* CLOSED and LISTEN: sequence numbers do not matter. */
static const struct tbl_segclass unsynced[] = {
	{ "RST", TCP_RST, TBL_SQ_ANY, TBL_AK_NONE, 0 },
	{ "RST,ACK", TCP_RST | TCP_ACK, TBL_SQ_ANY, TBL_AK_ANY, 0 },
	{ "SYN", TCP_SYN, TBL_SQ_ANY, TBL_AK_NONE, 0 },
	{ "SYN,FIN", TCP_SYN | TCP_FIN, TBL_SQ_ANY, TBL_AK_NONE, 0 },
	{ "SYN,ACK", TCP_SYN | TCP_ACK, TBL_SQ_ANY, TBL_AK_ANY, 0 },
	{ "ACK", TCP_ACK, TBL_SQ_ANY, TBL_AK_ANY, 0 },
	{ "data", TCP_ACK | TCP_PSH, TBL_SQ_ANY, TBL_AK_ANY, 100 },
	{ "FIN,ACK", TCP_FIN | TCP_ACK, TBL_SQ_ANY, TBL_AK_ANY, 0 },
	{ "FIN", TCP_FIN, TBL_SQ_ANY, TBL_AK_NONE, 0 },
	{ "no flags", 0, TBL_SQ_ANY, TBL_AK_NONE, 0 },
};

static const struct tbl_segclass synsent[] = {
	{ "RST", TCP_RST, TBL_SQ_ANY, TBL_AK_NONE, 0 },
	{ "RST,ACK", TCP_RST | TCP_ACK, TBL_SQ_ANY, TBL_AK_NXT, 0 },
	{ "RST,ACK", TCP_RST | TCP_ACK, TBL_SQ_ANY, TBL_AK_ISS, 0 },
	{ "SYN,ACK", TCP_SYN | TCP_ACK, TBL_SQ_ANY, TBL_AK_NXT, 0 },
	{ "SYN,ACK", TCP_SYN | TCP_ACK, TBL_SQ_ANY, TBL_AK_ISS, 0 },
	{ "SYN,ACK+data", TCP_SYN | TCP_ACK, TBL_SQ_ANY, TBL_AK_NXT, 100 },
	{ "SYN", TCP_SYN, TBL_SQ_ANY, TBL_AK_NONE, 0 },
	{ "ACK", TCP_ACK, TBL_SQ_ANY, TBL_AK_NXT, 0 },
	{ "ACK", TCP_ACK, TBL_SQ_ANY, TBL_AK_ISS, 0 },
	{ "FIN", TCP_FIN, TBL_SQ_ANY, TBL_AK_NONE, 0 },
	{ "no flags", 0, TBL_SQ_ANY, TBL_AK_NONE, 0 },
};

static const struct tbl_segclass synced[] = {
	{ "RST", TCP_RST, TBL_SQ_NXT, TBL_AK_NONE, 0 },
	{ "RST", TCP_RST, TBL_SQ_IN, TBL_AK_NONE, 0 },
	{ "RST", TCP_RST, TBL_SQ_OUT, TBL_AK_NONE, 0 },
	{ "RST,ACK", TCP_RST | TCP_ACK, TBL_SQ_NXT, TBL_AK_NXT, 0 },
	{ "SYN", TCP_SYN, TBL_SQ_NXT, TBL_AK_NONE, 0 },
	{ "SYN", TCP_SYN, TBL_SQ_OUT, TBL_AK_NONE, 0 },
	{ "SYN,ACK", TCP_SYN | TCP_ACK, TBL_SQ_NXT, TBL_AK_NXT, 0 },
	{ "ACK", TCP_ACK, TBL_SQ_NXT, TBL_AK_NXT, 0 },
	{ "ACK", TCP_ACK, TBL_SQ_NXT, TBL_AK_UNA, 0 },
	{ "ACK", TCP_ACK, TBL_SQ_NXT, TBL_AK_UNSENT, 0 },
	{ "ACK", TCP_ACK, TBL_SQ_NXT, TBL_AK_OLD, 0 },
	{ "ACK", TCP_ACK, TBL_SQ_OUT, TBL_AK_NXT, 0 },
	{ "data", TCP_ACK | TCP_PSH, TBL_SQ_NXT, TBL_AK_NXT, 100 },
	{ "data", TCP_ACK | TCP_PSH, TBL_SQ_IN, TBL_AK_NXT, 100 },
	{ "FIN,ACK", TCP_FIN | TCP_ACK, TBL_SQ_NXT, TBL_AK_NXT, 0 },
	{ "FIN,ACK", TCP_FIN | TCP_ACK, TBL_SQ_NXT, TBL_AK_UNA, 0 },
	{ "FIN,ACK", TCP_FIN | TCP_ACK, TBL_SQ_PREV, TBL_AK_NXT, 0 },
	{ "data+FIN", TCP_FIN | TCP_ACK | TCP_PSH, TBL_SQ_NXT, TBL_AK_NXT, 100 },
	{ "FIN", TCP_FIN, TBL_SQ_NXT, TBL_AK_NONE, 0 },
	{ "no flags", 0, TBL_SQ_NXT, TBL_AK_NONE, 0 },
};

const struct tbl_segclass *tbl_segclasses(enum tcp_state s, size_t *n)
{
	if (s == TCP_CLOSED || s == TCP_LISTEN) {
		*n = sizeof unsynced / sizeof unsynced[0];
		return unsynced;
	}
	if (s == TCP_SYN_SENT) {
		*n = sizeof synsent / sizeof synsent[0];
		return synsent;
	}
	*n = sizeof synced / sizeof synced[0];
	return synced;
}

uint32_t tbl_seq_value(enum tbl_seqc c, const struct tcp_tcb *t, uint32_t any)
{
	switch (c) {
	case TBL_SQ_NXT: return t->rcv_nxt;
	case TBL_SQ_IN: return t->rcv_nxt + 100u;
	case TBL_SQ_OUT: return t->rcv_nxt + t->rcv_wnd + 1000u;
	case TBL_SQ_PREV: return t->rcv_nxt - 1u;
	default: return any;
	}
}

uint32_t tbl_ack_value(enum tbl_ackc c, const struct tcp_tcb *t, uint32_t any)
{
	switch (c) {
	case TBL_AK_NXT: return t->snd_nxt;
	case TBL_AK_UNA: return t->snd_una;
	case TBL_AK_UNSENT: return t->snd_nxt + 1000u;
	case TBL_AK_OLD: return t->snd_una - t->max_snd_wnd - 1000u;
	case TBL_AK_ISS: return t->iss;
	case TBL_AK_ANY: return any;
	default: return 0;
	}
}

struct ctx {
	const struct tcp_profile *p;
	tbl_cb cb;
	void *arg;
	int n;
};

static void emit_row(struct ctx *c, struct tbl_row *row)
{
	row->before.timers = tcp_timers_for(&row->before, c->p);
	tcp_step(&row->before, &row->ev, c->p, &row->after, &row->res);
	c->cb(row, c->arg);
	c->n++;
}

static void seg_rows(struct ctx *c, enum tcp_state s)
{
	size_t nk;
	const struct tbl_segclass *k = tbl_segclasses(s, &nk);

	for (size_t i = 0; i < nk; i++) {
		struct tbl_row row;

		memset(&row, 0, sizeof row);
		row.state = s;
		tcp_tcb_default(s, c->p, &row.before);
		row.ev.kind = TCP_EV_SEGMENT;
		row.ev.iss = 1000;
		row.ev.seg.flags = k[i].flags;
		row.ev.seg.seq = tbl_seq_value(k[i].sq, &row.before, 5000);
		row.ev.seg.ack = tbl_ack_value(k[i].ak, &row.before, 1001);
		row.ev.seg.wnd = 65535;
		row.ev.seg.len = k[i].len;
		snprintf(row.event, sizeof row.event, "%s", k[i].event);
		snprintf(row.cond, sizeof row.cond, "%s%s%s", seq_names[k[i].sq],
			 seq_names[k[i].sq][0] && ack_names[k[i].ak][0] ? " " : "",
			 ack_names[k[i].ak]);
		emit_row(c, &row);
	}
}

static void call_row(struct ctx *c, enum tcp_state s, enum tcp_call call,
		     uint32_t unread, const char *cond)
{
	struct tbl_row row;

	memset(&row, 0, sizeof row);
	row.state = s;
	tcp_tcb_default(s, c->p, &row.before);
	row.before.rcv_unread = unread;
	row.ev.kind = TCP_EV_CALL;
	row.ev.call = call;
	row.ev.iss = 1000;
	row.ev.n = 100;
	snprintf(row.event, sizeof row.event, "%s%s", tcp_call_name(call),
		 call == TCP_CALL_SEND || call == TCP_CALL_RECEIVE ? " 100" : "");
	snprintf(row.cond, sizeof row.cond, "%s", cond);
	emit_row(c, &row);
}

static bool unread_matters(enum tcp_state s)
{
	return s == TCP_ESTABLISHED || s == TCP_FIN_WAIT_1 ||
	       s == TCP_FIN_WAIT_2 || s == TCP_CLOSE_WAIT;
}

static void call_rows(struct ctx *c, enum tcp_state s)
{
	for (int k = 0; k < TCP_NCALLS; k++) {
		call_row(c, s, (enum tcp_call)k, 0, "");
		if (unread_matters(s) &&
		    (k == TCP_CALL_RECEIVE || k == TCP_CALL_CLOSE))
			call_row(c, s, (enum tcp_call)k, 100, "100 bytes unread");
	}
}

/* Make the timer armed where the state allows it: data in flight for
 * retransmission and user timeout, the user's keep-alive option. */
static void arm_for(enum tcp_timer t, struct tcp_tcb *b, const char **cond)
{
	bool idle = b->snd_una == b->snd_nxt;

	if ((t == TCP_T_RETRANSMIT || t == TCP_T_USER) && idle &&
	    (b->state == TCP_ESTABLISHED || b->state == TCP_CLOSE_WAIT)) {
		b->snd_nxt += 100;
		*cond = "100 bytes in flight";
	}
	if (t == TCP_T_USER) {
		b->user_timeout = true;
		*cond = idle ? "user timeout set, 100 bytes in flight" : "user timeout set";
	}
	if (t == TCP_T_KEEPALIVE) {
		b->keepalive = true;
		*cond = "keep-alive on";
	}
}

static void timer_row(struct ctx *c, enum tcp_state s, enum tcp_timer t,
		      bool exhausted)
{
	struct tbl_row row;
	const char *cond = "";

	memset(&row, 0, sizeof row);
	row.state = s;
	tcp_tcb_default(s, c->p, &row.before);
	arm_for(t, &row.before, &cond);
	if (exhausted && t == TCP_T_KEEPALIVE) {
		row.before.ka_probes = c->p->keepalive_probes;
		cond = "keep-alive on, probes exhausted";
	} else if (exhausted) {
		uint8_t lim = s == TCP_SYN_SENT ? c->p->syn_retries
			    : s == TCP_SYN_RECEIVED ? c->p->synack_retries
			    : c->p->data_retries;
		if (lim == 0)
			return;
		row.before.retransmits = lim;
		cond = "retransmissions exhausted";
	}
	row.ev.kind = TCP_EV_TIMEOUT;
	row.ev.timer = t;
	snprintf(row.event, sizeof row.event, "timeout %s", tcp_timer_name(t));
	snprintf(row.cond, sizeof row.cond, "%s", cond);
	emit_row(c, &row);
}

static void timer_rows(struct ctx *c, enum tcp_state s)
{
	for (int t = 0; t < TCP_NTIMERS; t++) {
		timer_row(c, s, (enum tcp_timer)t, false);
		if (t == TCP_T_RETRANSMIT || t == TCP_T_KEEPALIVE)
			timer_row(c, s, (enum tcp_timer)t, true);
	}
}

int tbl_enumerate(const struct tcp_profile *p, tbl_cb cb, void *arg)
{
	struct ctx c = { p, cb, arg, 0 };

	for (int s = 0; s < TCP_NSTATES; s++) {
		call_rows(&c, (enum tcp_state)s);
		seg_rows(&c, (enum tcp_state)s);
		timer_rows(&c, (enum tcp_state)s);
	}
	return c.n;
}

/* Name a value of an emitted segment by the variable it equals. */
static const char *sym(uint32_t v, bool is_ack, const struct tcp_segment *out,
		       const struct tbl_row *row, char *buf, size_t len)
{
	const struct tcp_tcb *b = &row->before, *a = &row->after;
	const struct tcp_segment *s = &row->ev.seg;
	bool seg = row->ev.kind == TCP_EV_SEGMENT;

	if (is_ack) {
		if ((a->state != TCP_CLOSED && v == a->rcv_nxt) ||
		    (b->state > TCP_LISTEN && v == b->rcv_nxt))
			return "RCV.NXT";
		if (seg && v == s->seq + tcp_seg_len(s))
			return "SEG.SEQ+SEG.LEN";
	} else {
		if ((out->flags & TCP_RST) && seg && (s->flags & TCP_ACK) && v == s->ack)
			return "SEG.ACK";
		if ((out->flags & TCP_SYN) && v == a->iss)
			return "ISS";
		if (b->state == TCP_CLOSED || b->state == TCP_LISTEN)
			goto number;
		if (v == b->snd_nxt)
			return "SND.NXT";
		if (v == b->snd_una)
			return "SND.UNA";
		if (v == b->snd_nxt - 1u)
			return "SND.NXT-1";
	}
number:
	snprintf(buf, len, "%u", v);
	return buf;
}

const char *tbl_segment_symbolic(const struct tbl_row *row, int i, char *buf,
				 size_t len)
{
	const struct tcp_segment *s = &row->res.emit[i];
	static const char *const ctl[] = { "FIN", "SYN", "RST", "PSH", "ACK", "URG" };
	static const int order[] = { 1, 2, 0, 3, 4, 5 }; /* SYN RST FIN PSH ACK URG */
	char a[24], b[24], c[48] = "";
	size_t n = 0;

	for (int k = 0; k < 6; k++) {
		int bit = order[k];

		if (!(s->flags & (1u << bit)))
			continue;
		n += (size_t)snprintf(c + n, sizeof c - n, "%s%s", n ? "," : "", ctl[bit]);
	}
	if (s->flags & TCP_ACK)
		snprintf(buf, len, "<SEQ=%s><ACK=%s><CTL=%s>%s",
			 sym(s->seq, false, s, row, a, sizeof a), sym(s->ack, true, s, row, b, sizeof b),
			 c, s->len ? "+data" : "");
	else
		snprintf(buf, len, "<SEQ=%s><CTL=%s>%s", sym(s->seq, false, s, row, a, sizeof a),
			 c, s->len ? "+data" : "");
	return buf;
}
