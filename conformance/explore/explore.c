/*
 * explore.c - the breadth-first walk of the model's state space (explore.h).
 * Each event is a scenario step applied through modelrun.h as `tcpspec
 * check` applies it, so the walk and the scenarios it writes agree by
 * construction; run_check() (run/) replays a written scenario through the runner.
 */
#include "explore/explore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/modelrun.h"
#include "docgen/table.h"

#define XP_BYTES 100            /* app send / app recv */
#define XP_WIN 65535            /* the tester's window */
#define XP_WAIT_MS 1000         /* wait 1s fires T */
/* 6 calls, 5 options, 20 + 3 segment classes, 5 timers at most */
#define XP_MAX_EVENTS 64
#define KEY_STATE_BITS 4
#define KEY_FLAG_BITS 16
#define KEY_BITS (KEY_STATE_BITS + KEY_FLAG_BITS)

_Static_assert(TCP_NSTATES <= (1 << KEY_STATE_BITS), "state fits the key");

/* --- the events tried at a node ------------------------------------------ */

struct evlist {
	int n;
	struct scn_step s[XP_MAX_EVENTS];
};

static struct scn_step *add(struct evlist *l, enum scn_kind kind)
{
	struct scn_step *st = &l->s[l->n < XP_MAX_EVENTS ? l->n++ : XP_MAX_EVENTS - 1];

	memset(st, 0, sizeof *st);
	st->kind = kind;
	return st;
}

static void add_app(struct evlist *l, enum scn_app a, uint32_t n)
{
	struct scn_step *st = add(l, SCN_APP);

	st->app = a;
	st->n = n;
}

static void add_option(struct evlist *l, const char *name, uint32_t v)
{
	struct scn_step *st = add(l, SCN_APP);

	st->app = APP_SETSOCKOPT;
	snprintf(st->opt, sizeof st->opt, "%s", name);
	st->n = v;
}

/* The six user calls of RFC 9293 3.10 as the application makes them. */
static void add_calls(struct evlist *l)
{
	add_app(l, APP_LISTEN, 0);
	add_app(l, APP_CONNECT, 0);
	add_app(l, APP_SEND, XP_BYTES);
	add_app(l, APP_RECV, XP_BYTES);
	add_app(l, APP_CLOSE, 0);
	add_app(l, APP_ABORT, 0);
}

/* The options modelrun.h maps onto the model, each once on a path. */
static void add_options(struct evlist *l, const struct xp_node *nd,
			const struct tcp_profile *base)
{
	enum tcp_state s = nd->tcb.state;

	if (!nd->tcb.keepalive)
		add_option(l, "keepalive", 1);
	if (nd->tcb.keepalive && nd->prof.keepalive_probes == base->keepalive_probes)
		add_option(l, "keepcnt", 1);
	if (!nd->tcb.user_timeout)
		add_option(l, "user_timeout", 500);
	if ((s == TCP_CLOSED || s == TCP_SYN_SENT) &&
	    nd->prof.syn_retries == base->syn_retries)
		add_option(l, "syncnt", 1);
	if (!nd->prof.fin_wait_2_timeout)
		add_option(l, "linger2", 1);
}

/*
 * Beyond the table's classes: the peer's SYN once more (SEQ=IRS, which is
 * RCV.NXT-1 in SYN-RECEIVED) and its SYN,ACK in a simultaneous open
 * (RFC 9293 Figure 8): the table's default TCBs never need them.
 */
static const struct tbl_segclass extra_synced[] = {
	{ "SYN", TCP_SYN, TBL_SQ_PREV, TBL_AK_NONE, 0 },
	{ "SYN,ACK", TCP_SYN | TCP_ACK, TBL_SQ_PREV, TBL_AK_NXT, 0 },
};

static void add_segment(struct evlist *l, const struct tbl_segclass *k,
			const struct xp_node *nd, const struct mr *m)
{
	struct scn_step *st = add(l, SCN_SEND);
	uint32_t seq = tbl_seq_value(k->sq, &nd->tcb, nd->tester_nxt);

	st->flags = k->flags;
	st->fields = SCN_F_SEQ | SCN_F_WIN;
	st->seq = mr_rel_tester(m, seq);
	st->win = XP_WIN;
	if (k->len > 0) {
		st->len = k->len;
		st->fields |= SCN_F_LEN;
	}
	if (k->ak != TBL_AK_NONE) {
		uint32_t any = m->target_iss + 1u;

		st->ack = mr_rel_target(m, tbl_ack_value(k->ak, &nd->tcb, any));
		st->fields |= SCN_F_ACK;
	}
}

/* The peer closes its window (RFC 9293 3.8.6.1: zero-window probing). */
static const struct tbl_segclass zero_window = {
	"ACK win=0", TCP_ACK, TBL_SQ_NXT, TBL_AK_NXT, 0
};

static void add_segments(struct evlist *l, const struct xp_node *nd,
			 const struct mr *m)
{
	size_t nk;
	const struct tbl_segclass *k = tbl_segclasses(nd->tcb.state, &nk);

	for (size_t i = 0; i < nk; i++)
		add_segment(l, &k[i], nd, m);
	if (nd->tcb.state >= TCP_ESTABLISHED) {
		add_segment(l, &zero_window, nd, m);
		l->s[l->n - 1].win = 0;
	}
	if (nd->tcb.state < TCP_SYN_RECEIVED)
		return;
	for (size_t i = 0; i < sizeof extra_synced / sizeof extra_synced[0]; i++)
		add_segment(l, &extra_synced[i], nd, m);
}

static void add_timers(struct evlist *l, const struct tcp_tcb *t)
{
	for (int k = 0; k < TCP_NTIMERS; k++) {
		struct scn_step *st;

		if (!(t->timers & TCP_TIMER_BIT(k)))
			continue;
		st = add(l, SCN_WAIT);
		st->wait_ms = XP_WAIT_MS;
		st->nfires = 1;
		st->fires[0] = (enum tcp_timer)k;
	}
}

static void events(const struct xp_node *nd, const struct mr *m,
		   const struct tcp_profile *base, struct evlist *l)
{
	l->n = 0;
	add_calls(l);
	add_options(l, nd, base);
	add_segments(l, nd, m);
	add_timers(l, &nd->tcb);
}

int xp_alphabet(const struct mr *m, bool sock, struct scn_step *out, int max)
{
	static struct evlist l;
	struct xp_node nd;
	int n = 0;

	memset(&nd, 0, sizeof nd);
	nd.tcb = m->tcb;
	nd.prof = m->prof;
	nd.tester_nxt = m->tester_nxt;
	nd.target_iss = m->target_iss;
	nd.sock = sock;
	events(&nd, m, tcp_profile_get(m->prof.id), &l);
	for (int i = 0; i < l.n && n < max; i++)
		out[n++] = l.s[i];
	return n;
}

/* --- nodes ------------------------------------------------------------- */

static unsigned key_of(const struct xp_node *n, const struct tcp_profile *base)
{
	const struct tcp_tcb *t = &n->tcb;
	const bool bits[KEY_FLAG_BITS] = {
		t->passive, t->fin_queued, t->fin_sent, t->held, t->keepalive,
		t->user_timeout, t->snd_una != t->snd_nxt, t->snd_queued > 0,
		t->rcv_unread > 0, t->ka_probes > 0, t->retransmits > 0,
		n->prof.keepalive_probes != base->keepalive_probes,
		n->prof.syn_retries != base->syn_retries,
		n->prof.fin_wait_2_timeout != base->fin_wait_2_timeout,
		n->sock, t->snd_wnd == 0,
	};
	unsigned k = (unsigned)t->state;

	for (int i = 0; i < KEY_FLAG_BITS; i++)
		k |= (unsigned)bits[i] << (KEY_STATE_BITS + i);
	return k;
}

/* Add a node unless its abstraction is known; at equal depth a path the
 * sockets API can drive replaces a model-only one (not yet expanded). */
static int add_node(struct xp *x, const struct xp_node *n)
{
	unsigned k = key_of(n, &x->def->tcp);
	int j = x->index[k];

	if (j >= 0) {
		if (x->nodes[j].depth == n->depth && x->nodes[j].model_only &&
		    !n->model_only)
			x->nodes[j] = *n;
		return 0;
	}
	if (x->nnodes == x->cap) {
		int cap = x->cap ? 2 * x->cap : 1024;
		struct xp_node *p = realloc(x->nodes, (size_t)cap * sizeof *p);

		if (p == NULL)
			return -1;
		x->nodes = p;
		x->cap = cap;
	}
	x->index[k] = x->nnodes;
	x->nodes[x->nnodes++] = *n;
	return 0;
}

static void load(struct mr *m, const struct xp_node *n)
{
	m->tcb = n->tcb;
	m->prof = n->prof;
	m->tester_nxt = n->tester_nxt;
	m->target_iss = n->target_iss;
	mr_new_stimulus(m);
}

static void note_hit(struct xp *x, const struct xp_node *to, enum tcp_rule r,
		     enum tcp_state state)
{
	struct xp_hit *h = &x->hit[r];

	if (h->reached && (!h->model_only || to->model_only))
		return;
	h->reached = true;
	h->from = to->parent;
	h->via = to->via;
	h->depth = to->depth;
	h->model_only = to->model_only;
	h->to = state;
}

static void child(const struct xp_node *from, int i, const struct scn_step *st,
		  const struct mr *m, struct xp_node *to)
{
	bool opens = st->kind == SCN_APP &&
		     (st->app == APP_LISTEN || st->app == APP_CONNECT);

	to->tcb = m->tcb;
	to->prof = m->prof;
	to->tester_nxt = m->tester_nxt;
	to->target_iss = m->target_iss;
	to->sock = from->sock || opens;
	to->model_only = from->model_only ||
			 xp_model_only_why(&from->tcb, from->sock, st) != NULL;
	to->parent = i;
	to->depth = from->depth + 1;
	to->via = *st;
}

static int expand(struct xp *x, int i, struct mr *m, struct evlist *l)
{
	const struct tcp_profile *base = &x->def->tcp;
	struct xp_node from = x->nodes[i];

	load(m, &from);
	events(&from, m, base, l);
	for (int e = 0; e < l->n; e++) {
		struct mr_step last;
		struct xp_node to;
		int took;

		load(m, &from);
		took = mr_apply(m, &l->s[e], &last);
		if (took < 0)
			continue;
		x->ntrans++;
		child(&from, i, &l->s[e], m, &to);
		if (took > 0) {
			note_hit(x, &to, last.res.rule, last.after.state);
			x->edge[last.before.state][last.after.state] = true;
		}
		if (add_node(x, &to) != 0)
			return -1;
	}
	return 0;
}

static int walk(struct xp *x, struct mr *m, struct evlist *l)
{
	struct xp_node root;

	memset(&root, 0, sizeof root);
	root.tcb = m->tcb;
	root.prof = m->prof;
	root.tester_nxt = m->tester_nxt;
	root.target_iss = m->target_iss;
	root.parent = -1;
	if (add_node(x, &root) != 0)
		return -1;
	for (int i = 0; i < x->nnodes && x->nodes[i].depth < x->max_depth; i++)
		if (expand(x, i, m, l) != 0)
			return -1;
	return 0;
}

int xp_run(struct xp *x, const struct profile_def *def, int depth)
{
	struct mr *m = malloc(sizeof *m);
	struct evlist *l = malloc(sizeof *l);
	int rc = -1;

	memset(x, 0, sizeof *x);
	x->def = def;
	x->max_depth = depth;
	x->index = malloc(sizeof *x->index << KEY_BITS);
	if (m != NULL && l != NULL && x->index != NULL) {
		memset(x->index, 0xff, sizeof *x->index << KEY_BITS);  /* -1 */
		mr_init(m, &def->tcp);
		rc = walk(x, m, l);
	}
	free(m);
	free(l);
	if (rc != 0)
		xp_free(x);
	return rc;
}

void xp_free(struct xp *x)
{
	free(x->nodes);
	free(x->index);
	x->nodes = NULL;
	x->index = NULL;
	x->nnodes = x->cap = 0;
}

int xp_rules_total(void)
{
	return TCP_NRULES - 1;
}

int xp_rules_reached(const struct xp *x)
{
	int n = 0;

	for (int r = R_NONE + 1; r < TCP_NRULES; r++)
		n += x->hit[r].reached;
	return n;
}

