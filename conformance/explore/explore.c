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
#define KEY_FLAG_BITS 19
#define KEY_TAINT_BITS 2
#define HASH_INIT (1u << 14)

_Static_assert(TCP_NSTATES <= (1 << KEY_STATE_BITS), "state fits the key");
_Static_assert(KEY_STATE_BITS + KEY_FLAG_BITS + KEY_TAINT_BITS <= 31, "the key fits");

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
static void add_calls(struct evlist *l, enum tcp_state s, bool shutdown)
{
	add_app(l, APP_LISTEN, 0);
	add_app(l, APP_CONNECT, 0);
	add_app(l, APP_SEND, XP_BYTES);
	add_app(l, APP_RECV, XP_BYTES);
	add_app(l, APP_CLOSE, 0);
	add_app(l, APP_ABORT, 0);
	/* CLOSE as shutdown(SHUT_WR): the program keeps its socket and can
	 * still call on it (RFC 9293 3.10.2 "connection closing") */
	if (shutdown && (s == TCP_ESTABLISHED || s == TCP_CLOSE_WAIT))
		add_app(l, APP_SHUTDOWN, 0);
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
		   const struct tcp_profile *base, bool shutdown, struct evlist *l)
{
	l->n = 0;
	add_calls(l, nd->tcb.state, shutdown);
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
	events(&nd, m, tcp_profile_get(m->prof.id), false, &l);
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
		n->sock, t->snd_wnd == 0, n->listening, n->accepted, n->released,
	};
	unsigned k = (unsigned)t->state;

	for (int i = 0; i < KEY_FLAG_BITS; i++)
		k |= (unsigned)bits[i] << (KEY_STATE_BITS + i);
	return k | (unsigned)n->taint << (KEY_STATE_BITS + KEY_FLAG_BITS);
}

/* The slot of key k: its node, or the free slot where it goes. */
static unsigned slot_of(const struct xp *x, unsigned k)
{
	unsigned i = (k * 2654435761u) & (x->hcap - 1);

	while (x->hnode[i] >= 0 && x->hkey[i] != k)
		i = (i + 1) & (x->hcap - 1);
	return i;
}

static int grow_hash(struct xp *x)
{
	unsigned old = x->hcap, cap = old ? 2 * old : HASH_INIT;
	unsigned *ok = x->hkey;
	int *on = x->hnode;

	x->hkey = malloc(cap * sizeof *x->hkey);
	x->hnode = malloc(cap * sizeof *x->hnode);
	if (x->hkey == NULL || x->hnode == NULL) {
		free(x->hkey);
		free(x->hnode);
		x->hkey = ok;
		x->hnode = on;
		return -1;
	}
	memset(x->hnode, 0xff, cap * sizeof *x->hnode);  /* -1 */
	x->hcap = cap;
	for (unsigned i = 0; i < old; i++)
		if (on[i] >= 0) {
			unsigned j = slot_of(x, ok[i]);

			x->hkey[j] = ok[i];
			x->hnode[j] = on[i];
		}
	free(ok);
	free(on);
	return 0;
}

/* Add a node unless its abstraction is known; at equal depth a path the
 * sockets API can drive replaces a model-only one (not yet expanded). */
static int add_node(struct xp *x, const struct xp_node *n)
{
	unsigned k = key_of(n, &x->def->tcp), i;

	if ((unsigned)x->nnodes + 1 > x->hcap / 2 && grow_hash(x) != 0)
		return -1;
	i = slot_of(x, k);
	if (x->hnode[i] >= 0) {
		struct xp_node *o = &x->nodes[x->hnode[i]];

		if (o->depth == n->depth && o->model_only && !n->model_only)
			*o = *n;
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
	x->hkey[i] = k;
	x->hnode[i] = x->nnodes;
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

/* A hit is better when a target can run more of it, then when shorter
 * (the walk is breadth-first: the first of a kind is the shortest). */
static void note(struct xp_hit *h, const struct xp_node *to, enum tcp_state state)
{
	if (h->reached && h->taint <= to->taint)
		return;
	h->reached = true;
	h->from = to->parent;
	h->via = to->via;
	h->depth = to->depth;
	h->model_only = to->model_only;
	h->taint = to->taint;
	h->to = state;
	h->rule = to->rule;
}

static bool is_call(const struct scn_step *st, enum scn_app a)
{
	return st->kind == SCN_APP && st->app == a;
}

/* What the application holds after step st (sockets API, not the model). */
static void app_after(const struct xp_node *from, const struct scn_step *st,
		      struct xp_node *to)
{
	bool opens = is_call(st, APP_LISTEN) || is_call(st, APP_CONNECT);
	enum tcp_state s = from->tcb.state;

	to->sock = from->sock || opens;
	to->listening = from->listening || (is_call(st, APP_LISTEN) && !from->sock);
	to->accepted = from->accepted;
	to->released = from->released;
	if (st->kind == SCN_APP && !opens && st->app != APP_SETSOCKOPT &&
	    from->tcb.passive && s >= TCP_ESTABLISHED)
		to->accepted = true;  /* the scenario accepts it first */
	if (is_call(st, APP_CLOSE) || is_call(st, APP_ABORT)) {
		/* before accept the call is the listener's */
		if (s == TCP_LISTEN || (from->tcb.passive && !to->accepted))
			to->listening = false;
		to->released = true;
	}
	if (to->tcb.state == TCP_LISTEN || to->tcb.state == TCP_SYN_RECEIVED)
		to->accepted = false;  /* a new connection to accept */
}

static void child(const struct xp *x, const struct xp_node *from, int i,
		  const struct scn_step *st, const struct mr *m,
		  const struct mr_step *last, int took, struct xp_node *to)
{
	bool mo = xp_model_only_why(&from->tcb, from->sock, st) != NULL;
	enum xp_taint t = from->taint;

	to->tcb = m->tcb;
	to->prof = m->prof;
	to->tester_nxt = m->tester_nxt;
	to->target_iss = m->target_iss;
	app_after(from, st, to);
	to->model_only = from->model_only || mo;
	if (mo || xp_api_why(from, st) != NULL)
		t = XP_MODEL_ONLY;
	else if (took > 0 && t < XP_DEPARTURE &&
		 xp_departure_why(&x->def->tcp, from, st, last) != NULL)
		t = XP_DEPARTURE;
	to->taint = t;
	to->parent = i;
	to->depth = from->depth + 1;
	to->via = *st;
	to->rule = took > 0 ? last->res.rule : R_NONE;
}

static int expand(struct xp *x, int i, struct mr *m, struct evlist *l)
{
	const struct tcp_profile *base = &x->def->tcp;
	struct xp_node from = x->nodes[i];

	load(m, &from);
	events(&from, m, base, true, l);
	for (int e = 0; e < l->n; e++) {
		struct mr_step last;
		struct xp_node to;
		int took, cls;

		load(m, &from);
		cls = xp_class_of(m, &l->s[e]);
		took = mr_apply(m, &l->s[e], &last);
		if (took < 0)
			continue;
		x->ntrans++;
		child(x, &from, i, &l->s[e], m, &last, took, &to);
		to.cls = took > 0 ? cls : -1;
		if (took > 0) {
			note(&x->hit[last.res.rule], &to, last.after.state);
			if (cls >= 0)
				note(&x->thit[from.tcb.state][cls], &to, last.after.state);
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
	root.cls = -1;
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
	if (m != NULL && l != NULL && grow_hash(x) == 0) {
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
	free(x->hkey);
	free(x->hnode);
	x->nodes = NULL;
	x->hkey = NULL;
	x->hnode = NULL;
	x->nnodes = x->cap = 0;
	x->hcap = 0;
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


int xp_transitions_reached(const struct xp *x, bool runnable)
{
	int n = 0;

	for (int s = 0; s < TCP_NSTATES; s++)
		for (int c = 0; c < XP_NCLASS; c++)
			n += x->thit[s][c].reached &&
			     (!runnable || x->thit[s][c].taint < XP_MODEL_ONLY);
	return n;
}
