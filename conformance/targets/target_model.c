/*
 * target_model.c - the `model` target: the reference model itself behind
 * the typed interface of target.h, so that the runner that judges real
 * stacks also judges scenarios (`tcpspec check`, explore's replay): an
 * `expect` the model contradicts fails here exactly as it would against a
 * stack that behaves as the model says.
 *
 * Its freedoms are inputs, as in the model: it picks the runner's stand-in
 * ISS (MR_TARGET_ISS), and its clock is virtual (receive() advances it
 * instead of sleeping); a timer fires when the scenario says it does
 * (timers_due, from `wait ... fires T`), if the model has it armed.
 * It has one TCB: the listener (id 1) becomes the connection (id 2) as a
 * passive OPEN does in RFC 9293 3.10.1, and `accept` hands out the
 * connection once it has been synchronized.
 */
#include "targets/target.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "scenario/modelrun.h"

#define MODEL_QUEUE 64
#define LISTENER_ID 1
#define CONN_ID 2

struct model_priv {
	struct tcp_profile profile;
	struct mr m;
	double now;			    /* the virtual clock, ms */
	int qhead, qlen;		    /* segments sent, not yet received */
	struct tcp_segment q[MODEL_QUEUE];
	int ndue;			    /* timers the scenario says fire next */
	enum tcp_timer due[8];
	bool synchronized;		    /* the connection reached ESTABLISHED */
	int error;			    /* the sticky socket error (errno) */
};

static struct model_priv *P(const struct target *t) { return t->priv; }

static void enqueue(struct model_priv *p, const struct tcp_result *r)
{
	for (int i = 0; i < r->nemit && p->qlen < MODEL_QUEUE; i++)
		p->q[(p->qhead + p->qlen++) % MODEL_QUEUE] = r->emit[i];
}

static int errno_of(const char *name)
{
	if (strcmp(name, "ECONNRESET") == 0)
		return ECONNRESET;
	if (strcmp(name, "ECONNREFUSED") == 0)
		return ECONNREFUSED;
	if (strcmp(name, "ETIMEDOUT") == 0)
		return ETIMEDOUT;
	if (strcmp(name, "EPIPE") == 0)
		return EPIPE;
	return 0;
}

/* One step of the target's model; what it sends goes on the queue. */
static const struct mr_step *step(struct model_priv *p, const struct tcp_event *ev)
{
	struct mr_step s;
	int e;

	mr_new_stimulus(&p->m);
	mr_eval(&p->m, ev, &s);
	mr_commit(&p->m, &s);
	enqueue(p, &s.res);
	if (p->m.tcb.state >= TCP_ESTABLISHED)
		p->synchronized = true;
	e = errno_of(mr_app_error(&p->m));
	if (e != 0)
		p->error = e;
	return &p->m.hist[p->m.nhist - 1];
}

static int model_setup(struct target *t, const struct target_config *cfg, char *err,
		       size_t errlen)
{
	memset(t, 0, sizeof *t);
	t->ops = &target_model_ops;
	t->priv = calloc(1, sizeof(struct model_priv));
	if (t->priv == NULL)
		return err_set(err, errlen, "model target: out of memory");
	P(t)->profile = *(cfg->profile != NULL ? cfg->profile : tcp_profile_get(TCP_PROFILE_RFC9293));
	mr_init(&P(t)->m, &P(t)->profile);
	snprintf(t->stack, sizeof t->stack, "model-%.40s",
		 cfg->profile_name != NULL ? cfg->profile_name : tcp_profile_name(TCP_PROFILE_RFC9293));
	return 0;
}

static int model_nothing(struct target *t, char *err, size_t errlen)
{
	(void)t, (void)err, (void)errlen;
	return 0;
}

static int model_dump(struct target *t, const char *path, char *err, size_t errlen)
{
	(void)t;
	if (path == NULL)
		return 0;
	return err_set(err, errlen, "the model target has no wire to record");
}

static int model_reset(struct target *t, char *err, size_t errlen)
{
	struct tcp_profile prof = P(t)->profile;

	(void)err, (void)errlen;
	memset(P(t), 0, sizeof *P(t));
	P(t)->profile = prof;
	mr_init(&P(t)->m, &P(t)->profile);
	return 0;
}

/* The errno a program sees when the model refuses a call. */
static int call_errno(const struct tcp_result *r)
{
	switch (r->notify) {
	case TCP_N_EXISTS:
		return EISCONN;
	case TCP_N_NOT_EXIST:
		return ENOTCONN;
	case TCP_N_CLOSING:
		return EPIPE;
	case TCP_N_INSUFFICIENT:
		return ENOBUFS;
	default:
		return 0;
	}
}

static int model_app(struct target *t, const struct target_conn *c, const struct target_call *call,
		     long *value, char *err, size_t errlen)
{
	static const enum scn_app app[] = {
		[TC_LISTEN] = APP_LISTEN, [TC_CONNECT] = APP_CONNECT, [TC_ACCEPT] = APP_ACCEPT,
		[TC_SEND] = APP_SEND,	  [TC_RECV] = APP_RECV,	      [TC_CLOSE] = APP_CLOSE,
		[TC_SHUTDOWN] = APP_SHUTDOWN, [TC_ABORT] = APP_ABORT, [TC_SETOPT] = APP_SETSOCKOPT,
	};
	struct model_priv *p = P(t);
	struct tcp_event ev;
	const struct mr_step *s;
	struct mr_call pred;
	int e;

	(void)c;
	*value = 0;
	if (call->kind == TC_ACCEPT) {
		if (!p->synchronized) {
			err_set(err, errlen, "EAGAIN no connection yet");
			return EAGAIN;
		}
		*value = CONN_ID;
		return 0;
	}
	if (!mr_call_event(&p->m, app[call->kind], call->n, call->opt, &ev))
		return 0; /* an option the model follows, or one it ignores */
	s = step(p, &ev);
	/* what a program is told (scenario/appcall.c), else the errno of the
	 * RFC's "error: ..." */
	mr_call_predict(&p->m, app[call->kind], call->n, s, &pred);
	if (pred.kind == MR_CALL_ERRNO) {
		mr_sock_reported(&p->m, pred.err);
		err_set(err, errlen, "%s %s", strerrorname_np(pred.err), pred.why);
		return pred.err;
	}
	if (pred.kind == MR_CALL_VALUE) {
		*value = pred.value;
		return 0;
	}
	e = call_errno(&s->res);
	if (e != 0) {
		err_set(err, errlen, "%s %s", strerrorname_np(e), tcp_notify_text(s->res.notify));
		return e;
	}
	if (call->kind == TC_LISTEN)
		*value = LISTENER_ID;
	else if (call->kind == TC_CONNECT)
		*value = CONN_ID;
	else if (call->kind == TC_SEND)
		*value = call->n;
	else if (call->kind == TC_RECV)
		*value = s->res.delivered;
	return 0;
}

static int model_state(struct target *t, const struct target_conn *c, bool listener,
		       enum tcp_state *st, char *err, size_t errlen)
{
	(void)c, (void)listener, (void)err, (void)errlen;
	*st = P(t)->m.tcb.state;
	return 0;
}

static int model_so_error(struct target *t, int id, int *error, char *err, size_t errlen)
{
	(void)id, (void)err, (void)errlen;
	*error = P(t)->error;
	/* SO_ERROR reports the pending error and clears it (POSIX) */
	mr_sock_reported(&P(t)->m, P(t)->m.sock.pending);
	return 0;
}

static int model_inject(struct target *t, const struct target_conn *c, const struct tcp_segment *s,
			char *err, size_t errlen)
{
	struct tcp_event ev;

	(void)c, (void)err, (void)errlen;
	memset(&ev, 0, sizeof ev);
	ev.kind = TCP_EV_SEGMENT;
	ev.seg = *s;
	ev.iss = mr_target_iss(&P(t)->m);
	step(P(t), &ev);
	return 0;
}

/* Fire the next timer the scenario says is due, if the model has it armed. */
static void fire_due(struct model_priv *p)
{
	struct mr_step s;
	enum tcp_timer tm = p->due[0];

	memmove(&p->due[0], &p->due[1], (size_t)(--p->ndue) * sizeof p->due[0]);
	if (mr_timeout(&p->m, tm, &s))
		step(p, &s.ev);
}

static int model_receive(struct target *t, const struct target_conn *c, int timeout_ms,
			 struct tcp_segment *out, char *err, size_t errlen)
{
	struct model_priv *p = P(t);

	(void)c, (void)err, (void)errlen;
	while (p->qlen == 0 && p->ndue > 0)
		fire_due(p);
	if (p->qlen == 0) {
		p->now += timeout_ms > 0 ? timeout_ms : 0;
		return 0;
	}
	*out = p->q[p->qhead];
	p->qhead = (p->qhead + 1) % MODEL_QUEUE;
	p->qlen--;
	return 1;
}

static double model_now(struct target *t)
{
	return P(t)->now;
}

static void model_timers_due(struct target *t, const enum tcp_timer *fires, int n)
{
	struct model_priv *p = P(t);

	p->ndue = 0;
	for (int i = 0; i < n && p->ndue < (int)(sizeof p->due / sizeof p->due[0]); i++)
		p->due[p->ndue++] = fires[i];
}

static void model_teardown(struct target *t)
{
	free(t->priv);
	t->priv = NULL;
}

const struct target_ops target_model_ops = {
	.name = "model",
	.who = "the model",
	.default_profile = "rfc9293",
	.quiet_ms = 1,
	.setup = model_setup,
	.open_link = model_nothing,
	.dump = model_dump,
	.reset = model_reset,
	.app = model_app,
	.state = model_state,
	.so_error = model_so_error,
	.inject = model_inject,
	.receive = model_receive,
	.now_ms = model_now,
	.timers_due = model_timers_due,
	.teardown = model_teardown,
};
