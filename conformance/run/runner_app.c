/*
 * runner_app.c - the application steps of a scenario (`app listen`, `app
 * send 100`, ...): the model steps first, then the target's program makes
 * the call through the typed interface (target.h), and what the call
 * returned is compared with what the model says.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "run/runner_impl.h"
#include "scenario/appcall.h"
#include "scenario/text.h"

#define ACCEPT_RETRY_MS 300

static const struct mr_step *last_step(const struct sctx *c)
{
	return c->m.nhist > 0 ? &c->m.hist[c->m.nhist - 1] : NULL;
}

/* One call on the target: 0, an errno value (err: the target's words), or
 * TARGET_FAILED with an ERROR verdict recorded. */
static int call(struct sctx *c, enum target_call_kind kind, int id, uint32_t n,
		const char *opt, long *value, char *err, size_t errlen)
{
	struct target_call tc = { kind, id, n, opt };
	int rc;

	err[0] = '\0';
	rc = c->t->ops->app(c->t, &c->conn, &tc, value, err, errlen);
	if (rc == TARGET_FAILED)
		run_verdict(c, V_ERROR, "the target failed an application call: %s", err);
	return rc;
}

static int apply_option(struct sctx *c, int id, const char *name, uint32_t v)
{
	char err[256];
	long value;
	int rc = call(c, TC_SETOPT, id, v, name, &value, err, sizeof err);

	if (rc == TARGET_FAILED)
		return -1;
	if (rc != 0)
		return run_verdict(c, rc == ENOSYS ? V_SKIP : V_ERROR,
				   "the target cannot set %s: %s", name, err);
	return 0;
}

static int flush_options(struct sctx *c, int id)
{
	for (int i = 0; i < c->nopts; i++)
		if (apply_option(c, id, c->opts_q[i].name, c->opts_q[i].value) != 0)
			return -1;
	c->nopts = 0;
	return 0;
}

static int app_accept(struct sctx *c)
{
	char err[256];
	double end = target_now_ms(c->t) + ACCEPT_RETRY_MS;

	if (c->listener < 0)
		return run_diverge(c, NULL, "a listener ('app listen' first)", "none",
				   "app accept: the scenario has no listener");
	for (;;) {
		long id;
		int rc = call(c, TC_ACCEPT, c->listener, 0, NULL, &id, err, sizeof err);

		if (rc == 0) {
			c->sock = (int)id;
			return flush_options(c, c->sock);
		}
		if (rc == TARGET_FAILED)
			return -1;
		if (rc != EAGAIN || target_now_ms(c->t) > end) {
			char got[300];

			snprintf(got, sizeof got, "no connection to accept (%.256s)", err);
			return run_diverge(c, NULL, "a connection to accept", got, "app accept");
		}
		run_collect(c, 5);
	}
}

static int app_setsockopt(struct sctx *c, const struct scn_step *st)
{
	struct tcp_event ev;
	int id = c->sock >= 0 ? c->sock : c->listener;

	mr_app_event(&c->m, st, &ev);
	if (id >= 0)
		return apply_option(c, id, st->opt, st->n);
	if (c->nopts == (int)(sizeof c->opts_q / sizeof c->opts_q[0]))
		return run_verdict(c, V_ERROR, "too many socket options before a socket exists");
	snprintf(c->opts_q[c->nopts].name, sizeof c->opts_q[0].name, "%s", st->opt);
	c->opts_q[c->nopts++].value = st->n;
	return 0;
}

/* The model answers the call with one of RFC 9293 3.10's "error: ..." */
static bool model_refused(enum tcp_notify n)
{
	return n == TCP_N_EXISTS || n == TCP_N_NOT_EXIST || n == TCP_N_CLOSING ||
	       n == TCP_N_INSUFFICIENT;
}

/*
 * What a program's call returned, compared with what the model predicts
 * for it (scenario/appcall.c: the model's notification as an errno or a
 * value, per profile).  Only when both are known: a call the model says
 * nothing about, or a connection's error on a target that cannot tell
 * such errors (`error` answers ENOSYS: slirp's relay ends its loopback
 * socket the same way after a reset or a FIN), is not judged.
 */
static int app_predicted(struct sctx *c, const struct scn_step *st, const struct mr_step *s,
			 int rc, long value, const char *err)
{
	struct mr_call want;
	char w[160], o[160];

	mr_call_predict(&c->m, st->app, st->n, s, &want);
	if (rc != 0)
		mr_sock_reported(&c->m, rc);
	if (mr_call_matches(&want, rc, value))
		return 0;
	if ((app_errno_ends_connection(want.err) || app_errno_ends_connection(want.alt_err) ||
	     app_errno_ends_connection(rc)) && run_error_unknown(c))
		return c->res->verdict == V_PASS ? 0 : -1;
	mr_call_text(&want, st->app, w, sizeof w);
	mr_call_observed(st->app, rc, value, o, sizeof o);
	if (rc != 0 && err[0] != '\0' && strlen(o) + strlen(err) + 4 < sizeof o) {
		strcat(o, " (");
		strncat(o, err, sizeof o - strlen(o) - 2);
		strcat(o, ")");
	}
	return run_diverge(c, NULL, w, o, "%s", want.why);
}

/* What the call returned, compared with the model's notification. */
static int app_result(struct sctx *c, const struct scn_step *st, int rc, long value,
		      const char *err)
{
	const struct mr_step *s = last_step(c);

	if (st->app == APP_LISTEN || st->app == APP_CONNECT) {
		/* the model refuses the OPEN too (3.10.1: "connection already
		 * exists"): the call's failure is what it predicts */
		if (rc != 0 && s != NULL && model_refused(s->res.notify))
			return 0;
		if (rc != 0)
			return run_verdict(c, V_ERROR, "app %s failed on the target: %s",
					   scn_app_name(st->app), err);
		if (st->app == APP_LISTEN)
			c->listener = (int)value;
		else
			c->sock = (int)value;
		return flush_options(c, (int)value);
	}
	return app_predicted(c, st, s, rc, value, err);
}

static const enum target_call_kind call_of[] = {
	[APP_LISTEN] = TC_LISTEN, [APP_CONNECT] = TC_CONNECT, [APP_ACCEPT] = TC_ACCEPT,
	[APP_SEND] = TC_SEND,	  [APP_RECV] = TC_RECV,	      [APP_CLOSE] = TC_CLOSE,
	[APP_SHUTDOWN] = TC_SHUTDOWN, [APP_ABORT] = TC_ABORT, [APP_SETSOCKOPT] = TC_SETOPT,
};

int run_step_app(struct sctx *c, const struct scn_step *st)
{
	struct tcp_event ev;
	char err[256];
	long value = 0;
	int rc, id = c->sock >= 0 ? c->sock : c->listener;

	trace_app(c, st);
	if (st->app == APP_ACCEPT)
		return app_accept(c);
	if (st->app == APP_SETSOCKOPT)
		return app_setsockopt(c, st);
	if (st->app != APP_LISTEN && st->app != APP_CONNECT && id < 0)
		return run_diverge(c, NULL, "a socket ('app listen' or 'app connect' first)", "none",
				   "app %s: the scenario has no socket yet", scn_app_name(st->app));
	if (mr_app_event(&c->m, st, &ev))
		run_model_stimulus(c, &ev);
	else
		run_no_stimulus(c);
	trace_restate(c);
	rc = call(c, call_of[st->app], id, st->n, NULL, &value, err, sizeof err);
	/* the target cannot express this call (conformance/TARGETS.md:
	 * ENOSYS): the scenario does not apply to it */
	if (rc == ENOSYS)
		return run_verdict(c, V_SKIP, "the target cannot do 'app %s': %s",
				   scn_app_name(st->app), err);
	if (rc != TARGET_FAILED) {
		c->call_known = true;
		c->call_rc = rc;
		c->call_value = value;
	}
	if (rc == TARGET_FAILED || app_result(c, st, rc, value, err) != 0)
		return -1;
	if (run_collect(c, 0) != 0 || run_settle(c) != 0)
		return -1;
	return run_check_app_error(c);
}
