/*
 * runner.c - one scenario against one target: stimuli, collection, the
 * model's verdict.  run_jobs.c runs many of them in parallel.
 */
#include "run/runner.h"
#include "base/clock.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "model/tcp_seq.h"
#include "scenario/match.h"
#include "scenario/modelrun.h"
#include "net/packet.h"
#include "run/runner_impl.h"
#include "scenario/text.h"

#define COLLECT_MAX_MS 3000
#define ACCEPT_RETRY_MS 300

const char *verdict_name(enum verdict v)
{
	static const char *const n[] = { "PASS", "FAIL", "ERROR", "SKIP" };
	return (unsigned)v < 4 ? n[v] : "?";
}

/* Record the verdict of the current step (only the first one counts). */
static int verdict(struct sctx *c, enum verdict v, const char *fmt, ...)
{
	va_list ap;

	if (c->res->verdict != V_PASS)
		return -1;
	c->res->verdict = v;
	c->res->line = c->st ? c->st->line : 0;
	va_start(ap, fmt);
	vsnprintf(c->res->message, sizeof c->res->message, fmt, ap);
	va_end(ap);
	return -1;
}

static void fmt_seg(const struct sctx *c, const struct tcp_segment *s, char *buf,
		    size_t len)
{
	mr_format_target_seg(&c->m, s, buf, len);
}

/* --- the target's application side ------------------------------------ */

static int agent(struct sctx *c, char *reply, size_t rlen, const char *fmt, ...)
{
	char line[TARGET_LINE_MAX], err[256];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	rc = c->t->ops->command(c->t, line, reply, rlen, 0, err, sizeof err);
	if (rc == TARGET_FAILED)
		verdict(c, V_ERROR, "target did not answer '%s': %s", line, err);
	return rc;
}

/* The state the target reports for our connection (LISTEN for a listener
 * with no connection from us). */
static int target_state(struct sctx *c, enum tcp_state *st, bool *known)
{
	char reply[TARGET_LINE_MAX];
	int rc = agent(c, reply, sizeof reply, "state %u %u", c->lport, c->rport);

	*known = false;
	if (rc == TARGET_FAILED)
		return -1;
	if (rc == TARGET_ERR)
		return 0; /* the stack cannot tell */
	if (txt_state_parse(reply, st) != 0)
		return verdict(c, V_ERROR, "target answered 'state' with '%s', not a state", reply);
	if (*st == TCP_CLOSED && c->m.tcb.state == TCP_LISTEN && c->listener >= 0) {
		rc = agent(c, reply, sizeof reply, "state %u 0", c->lport);
		if (rc == TARGET_FAILED)
			return -1;
		if (rc == TARGET_OK && txt_state_parse(reply, st) != 0)
			return verdict(c, V_ERROR, "target answered 'state' with '%s'", reply);
	}
	*known = true;
	return 0;
}

/* The error the application's connection reports (SO_ERROR). */
static const char *target_error(struct sctx *c, char *buf, size_t len)
{
	if (c->conn < 0 || agent(c, buf, len, "error %d", c->conn) != TARGET_OK)
		return NULL;
	return buf;
}

/* --- the wire ------------------------------------------------------------ */

static int inject(struct sctx *c, const struct tcp_segment *s)
{
	struct pkt_tcp p;
	uint8_t frame[PKT_MAX_FRAME];
	size_t len;
	char err[256];

	trace_tester_segment(c, s);
	pkt_tcp_init(&p);
	p.src = c->tester;
	p.dst = c->targetaddr;
	p.sport = c->rport;
	p.dport = c->lport;
	p.seq = s->seq;
	p.ack = s->ack;
	p.flags = s->flags;
	p.window = (uint16_t)(s->wnd > 65535 ? 65535 : s->wnd);
	p.urgent = s->up;
	p.opts.has_mss = s->mss != 0;
	p.opts.mss = s->mss;
	p.payload_len = s->len;
	p.fill = PKT_FILL_PATTERN;
	if (pkt_build_tcp(&p, c->net->tester_mac, c->net->target_mac, frame, sizeof frame,
			  &len, err, sizeof err) != 0)
		return verdict(c, V_ERROR, "cannot build the segment: %s", err);
	if (wire_send(c->w, frame, len, err, sizeof err) != 0)
		return verdict(c, V_ERROR, "cannot inject: %s", err);
	return 0;
}

/* One frame from the target for this connection, or 0 on timeout. */
static int receive(struct sctx *c, int timeout_ms, struct tcp_segment *out)
{
	uint8_t buf[PKT_MAX_FRAME];
	struct pkt_frame fr;
	double end = clock_now_ms() + timeout_ms;

	for (;;) {
		size_t len;
		char err[256];
		int left = (int)(end - clock_now_ms()), rc;

		if (left < 0)
			left = 0;
		rc = wire_recv(c->w, left, buf, sizeof buf, &len, NULL, err, sizeof err);
		if (rc < 0)
			return verdict(c, V_ERROR, "capture failed: %s", err);
		if (rc == 0)
			return 0;
		if (wire_answer_neighbour(c->w, buf, len, c->net->tester_mac, &c->tester, 1,
					  err, sizeof err) != 0)
			continue;
		if (pkt_parse(buf, len, &fr, err, sizeof err) != 0) {
			snprintf(c->res->observed, sizeof c->res->observed,
				 "unparsable frame from the target: %s", err);
			continue;
		}
		if (fr.kind != PKT_KIND_TCP || fr.tcp.sport != c->lport ||
		    fr.tcp.dport != c->rport || !pkt_addr_equal(&fr.tcp.dst, &c->tester))
			continue;
		memset(out, 0, sizeof *out);
		out->flags = fr.tcp.flags & TCP_FLAGS_ALL;
		out->seq = fr.tcp.seq;
		out->ack = fr.tcp.ack;
		out->wnd = fr.tcp.window;
		out->up = fr.tcp.urgent;
		out->mss = fr.tcp.opts.has_mss ? fr.tcp.opts.mss : 0;
		out->len = (uint32_t)fr.tcp.payload_len;
		return 1;
	}
}

void drain(struct sctx *c)
{
	struct tcp_segment s;

	while (receive(c, 0, &s) == 1)
		;
}

/* --- explaining what the target sent ----------------------------------- */

static bool emits_syn(const struct tcp_result *r)
{
	for (int i = 0; i < r->nemit; i++)
		if (r->emit[i].flags & TCP_SYN)
			return true;
	return false;
}

/* The stack picked its ISS: bind it and ask the model again (DESIGN.md:
 * nondeterminism is an input). */
static void rebind(struct sctx *c, uint32_t iss)
{
	struct mr_step *s = &c->m.hist[c->m.nhist - 1];

	c->m.tcb = s->before;
	mr_bind_iss(&c->m, s, iss);
	c->m.tcb = s->after;
	memset(&c->q, 0, sizeof c->q);
	mq_push(&c->q, &s->res);
}

static void note_fired(struct sctx *c, enum tcp_timer t)
{
	trace_event(c, 'F', "%s timer fired", tcp_timer_name(t));
	if (c->nfired < (int)(sizeof c->fired / sizeof c->fired[0]))
		c->fired[c->nfired++] = t;
}

static int explain(struct sctx *c, const struct tcp_segment *o)
{
	enum tcp_timer t;
	char why[256], a[128];

	if (c->nseen < SEEN_MAX)
		c->seen[c->nseen++] = *o;
	if (c->need_bind && (o->flags & TCP_SYN)) {
		rebind(c, o->seq);
		c->need_bind = false;
	}
	fmt_seg(c, o, a, sizeof a);
	trace_event(c, 'S', "%s", a);
	switch (mq_explain(&c->q, &c->m, o, &t, why, sizeof why)) {
	case MQ_EXPECTED:
		break;
	case MQ_TIMER:
		note_fired(c, t);
		break;
	default:
		fmt_seg(c, o, a, sizeof a);
		snprintf(c->res->observed, sizeof c->res->observed, "%s", a);
		if (c->q.n > 0)
			fmt_seg(c, &c->q.segs[0], c->res->expected, sizeof c->res->expected);
		else
			snprintf(c->res->expected, sizeof c->res->expected, "nothing");
		return verdict(c, V_FAIL, "the target sent %s: %s", a, why);
	}
	/* the window is the stack's choice: bind it (unscaled: no wscale) */
	if (c->m.tcb.state != TCP_CLOSED && c->m.tcb.state != TCP_LISTEN &&
	    !(o->flags & TCP_RST))
		c->m.tcb.rcv_wnd = o->wnd;
	return 0;
}

/* Collect until the target has been quiet for quiet_ms (and at least until
 * min_ms has passed), explaining each segment. */
static int collect(struct sctx *c, int min_ms)
{
	double start = clock_now_ms(), limit = start + min_ms + COLLECT_MAX_MS;
	struct tcp_segment o;

	for (;;) {
		double t = clock_now_ms();
		int wait = c->opts->quiet_ms;
		int rc;

		if (t < start + min_ms)
			wait = (int)(start + min_ms - t) + 1;
		if (t > limit)
			break;
		rc = receive(c, wait, &o);
		if (rc < 0)
			return -1;
		if (rc == 0 && clock_now_ms() >= start + min_ms)
			break;
		if (rc == 1 && explain(c, &o) != 0)
			return -1;
	}
	return 0;
}

static const struct mr_step *last_step(const struct sctx *c)
{
	return c->m.nhist > 0 ? &c->m.hist[c->m.nhist - 1] : NULL;
}

/* After a stimulus: nothing expected may be missing, the states agree. */
static int settle(struct sctx *c)
{
	enum tcp_state st;
	bool known;
	const struct mr_step *s = last_step(c);

	if (c->q.n > 0) {
		fmt_seg(c, &c->q.segs[0], c->res->expected, sizeof c->res->expected);
		snprintf(c->res->observed, sizeof c->res->observed, "nothing");
		if (s != NULL) {
			snprintf(c->res->rule, sizeof c->res->rule, "%s", tcp_rule_name(s->res.rule));
			snprintf(c->res->section, sizeof c->res->section, "%s", tcp_rule_section(s->res.rule));
		}
		return verdict(c, V_FAIL, "expected %s from the target, it sent nothing within %d ms",
			       c->res->expected, c->opts->quiet_ms);
	}
	if (target_state(c, &st, &known) != 0)
		return -1;
	if (!known || st == c->m.tcb.state)
		return 0;
	{
		enum tcp_timer f[8];
		int nf = 0;

		if (mq_reconcile_state(&c->m, st, f, &nf, 8)) {
			for (int i = 0; i < nf; i++)
				note_fired(c, f[i]);
			return 0;
		}
	}
	snprintf(c->res->expected, sizeof c->res->expected, "state %s", tcp_state_name(c->m.tcb.state));
	snprintf(c->res->observed, sizeof c->res->observed, "state %s", tcp_state_name(st));
	if (s != NULL) {
		snprintf(c->res->rule, sizeof c->res->rule, "%s", tcp_rule_name(s->res.rule));
		snprintf(c->res->section, sizeof c->res->section, "%s", tcp_rule_section(s->res.rule));
	}
	return verdict(c, V_FAIL, "the model is in %s, the target in %s",
		       tcp_state_name(c->m.tcb.state), tcp_state_name(st));
}

/* The application's error after the model told it something. */
static int check_app_error(struct sctx *c)
{
	const char *want = mr_app_error(&c->m);
	char buf[TARGET_LINE_MAX];
	const char *got;

	if (strcmp(want, "NONE") == 0 || c->conn < 0)
		return 0;
	got = target_error(c, buf, sizeof buf);
	if (c->res->verdict != V_PASS)
		return -1;
	if (got == NULL || strcmp(got, want) == 0)
		return 0;
	snprintf(c->res->expected, sizeof c->res->expected, "application error %s", want);
	snprintf(c->res->observed, sizeof c->res->observed, "application error %s", got);
	return verdict(c, V_FAIL, "the application saw %s, the model says %s", got, want);
}

/* Start a stimulus: the model steps first, then the target is driven. */
static void model_stimulus(struct sctx *c, const struct tcp_event *ev)
{
	struct mr_step s;

	mr_new_stimulus(&c->m);
	c->traced = 0;
	c->nseen = 0;
	c->nfired = 0;
	memset(&c->q, 0, sizeof c->q);
	mr_eval(&c->m, ev, &s);
	mr_commit(&c->m, &s);
	mq_push(&c->q, &s.res);
	c->need_bind = emits_syn(&s.res) && ev->kind != TCP_EV_TIMEOUT;
	snprintf(c->res->rule, sizeof c->res->rule, "%s", tcp_rule_name(s.res.rule));
	snprintf(c->res->section, sizeof c->res->section, "%s", tcp_rule_section(s.res.rule));
}

static void no_stimulus(struct sctx *c)
{
	mr_new_stimulus(&c->m);
	c->traced = 0;
	c->nseen = 0;
	c->nfired = 0;
	memset(&c->q, 0, sizeof c->q);
	c->need_bind = false;
}

static int step_send(struct sctx *c, const struct scn_step *st)
{
	struct tcp_event ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = TCP_EV_SEGMENT;
	ev.iss = mr_target_iss(&c->m);
	mr_send_segment(&c->m, st, &ev.seg);
	model_stimulus(c, &ev);
	if (inject(c, &ev.seg) != 0 || collect(c, 0) != 0)
		return -1;
	if (settle(c) != 0)
		return -1;
	return check_app_error(c);
}

static int step_wait(struct sctx *c, const struct scn_step *st)
{
	int k = 0;

	no_stimulus(c);
	trace_event(c, 'W', st->quiet ? "wait quiet" : "wait %u ms", st->wait_ms);
	if (collect(c, st->quiet ? 0 : (int)st->wait_ms) != 0 || settle(c) != 0)
		return -1;
	/* the timers the scenario says fire must have fired, in order */
	for (int i = 0; i < c->nfired && k < st->nfires; i++)
		if (c->fired[i] == st->fires[k])
			k++;
	if (k < st->nfires) {
		snprintf(c->res->expected, sizeof c->res->expected, "the %s timer fires",
			 tcp_timer_name(st->fires[k]));
		snprintf(c->res->observed, sizeof c->res->observed, "%d timer firing(s) explained what the target did",
			 c->nfired);
		return verdict(c, V_FAIL, "within %u ms the target showed no sign of its %s timer (state %s)",
			       st->wait_ms, tcp_timer_name(st->fires[k]),
			       tcp_state_name(c->m.tcb.state));
	}
	return check_app_error(c);
}

static int step_expect(struct sctx *c, const struct scn_step *st)
{
	struct mr_seen seen = { c->seen, c->nseen, TCP_CLOSED, false, NULL };
	char err[768], ebuf[TARGET_LINE_MAX];

	if (st->expect == EXP_STATE && target_state(c, &seen.state, &seen.state_known) != 0)
		return -1;
	if (st->expect == EXP_ERROR) {
		seen.error = target_error(c, ebuf, sizeof ebuf);
		if (c->res->verdict != V_PASS)
			return -1;
	}
	if (mr_expect(&c->m, st, &seen, err, sizeof err) == 0)
		return 0;
	snprintf(c->res->observed, sizeof c->res->observed, "%.500s", err);
	return verdict(c, V_FAIL, "the scenario's expect does not hold on the target: %.400s", err);
}

int run_step(struct sctx *c, const struct scn_step *st)
{
	enum verdict before = c->res->verdict;
	int rc;

	c->st = st;
	switch (st->kind) {
	case SCN_APP:
		rc = step_app(c, st);
		break;
	case SCN_SEND:
		rc = step_send(c, st);
		break;
	case SCN_WAIT:
		rc = step_wait(c, st);
		break;
	default:
		rc = step_expect(c, st);
		break;
	}
	trace_steps(c, before == V_PASS && c->res->verdict == V_FAIL);
	return rc;
}

/* --- application steps ------------------------------------------------- */

static int apply_option(struct sctx *c, int id, const char *name, uint32_t v)
{
	char reply[TARGET_LINE_MAX];
	int rc = agent(c, reply, sizeof reply, "setopt %d %s %u", id, name, v);

	if (rc == TARGET_ERR)
		return verdict(c, strncmp(reply, "ENOSYS", 6) == 0 ? V_SKIP : V_ERROR,
			       "the target cannot set %s: %s", name, reply);
	return rc == TARGET_OK ? 0 : -1;
}

static int flush_options(struct sctx *c, int id)
{
	for (int i = 0; i < c->nopts; i++)
		if (apply_option(c, id, c->opts_q[i].name, c->opts_q[i].value) != 0)
			return -1;
	c->nopts = 0;
	return 0;
}

static int app_command(struct sctx *c, const struct scn_step *st, char *reply,
		       size_t rlen)
{
	char addr[64];
	int id = c->conn >= 0 ? c->conn : c->listener;

	switch (st->app) {
	case APP_LISTEN:
		return agent(c, reply, rlen, "listen %u", c->lport);
	case APP_CONNECT:
		pkt_addr_format(&c->tester, addr, sizeof addr);
		return agent(c, reply, rlen, "connect %u %s %u", c->lport, addr, c->rport);
	case APP_SEND:
		return agent(c, reply, rlen, "send %d %u", id, st->n);
	case APP_RECV:
		return agent(c, reply, rlen, "recv %d %u", id, st->n);
	case APP_CLOSE:
		return agent(c, reply, rlen, "close %d", id);
	case APP_SHUTDOWN:
		return agent(c, reply, rlen, "shutdown %d wr", id);
	default:
		return agent(c, reply, rlen, "abort %d", id);
	}
}

static int app_accept(struct sctx *c)
{
	char reply[TARGET_LINE_MAX];
	double end = clock_now_ms() + ACCEPT_RETRY_MS;

	if (c->listener < 0)
		return verdict(c, V_FAIL, "app accept: the scenario has no listener");
	for (;;) {
		int rc = agent(c, reply, sizeof reply, "accept %d", c->listener);

		if (rc == TARGET_OK) {
			c->conn = atoi(reply);
			return flush_options(c, c->conn);
		}
		if (rc == TARGET_FAILED)
			return -1;
		if (strncmp(reply, "EAGAIN", 6) != 0 || clock_now_ms() > end)
			return verdict(c, V_FAIL, "app accept: the target has no connection to accept (%s); the model is in %s",
				       reply, tcp_state_name(c->m.tcb.state));
		collect(c, 5);
	}
}

static int app_setsockopt(struct sctx *c, const struct scn_step *st)
{
	struct tcp_event ev;
	int id = c->conn >= 0 ? c->conn : c->listener;

	mr_app_event(&c->m, st, &ev);
	if (id >= 0)
		return apply_option(c, id, st->opt, st->n);
	if (c->nopts == (int)(sizeof c->opts_q / sizeof c->opts_q[0]))
		return verdict(c, V_ERROR, "too many socket options before a socket exists");
	snprintf(c->opts_q[c->nopts].name, sizeof c->opts_q[0].name, "%s", st->opt);
	c->opts_q[c->nopts++].value = st->n;
	return 0;
}

/* What the socket call returned, compared with the model's notification. */
static int app_result(struct sctx *c, const struct scn_step *st, int rc,
		      const char *reply)
{
	const struct mr_step *s = last_step(c);

	if (st->app == APP_LISTEN || st->app == APP_CONNECT) {
		if (rc != TARGET_OK)
			return verdict(c, V_ERROR, "app %s failed on the target: %s",
				       scn_app_name(st->app), reply);
		if (st->app == APP_LISTEN)
			c->listener = atoi(reply);
		else
			c->conn = atoi(reply);
		return flush_options(c, atoi(reply));
	}
	if (st->app == APP_RECV && s != NULL && rc == TARGET_OK &&
	    (uint32_t)atol(reply) != s->res.delivered && s->res.delivered > 0) {
		snprintf(c->res->expected, sizeof c->res->expected, "%u bytes delivered", s->res.delivered);
		snprintf(c->res->observed, sizeof c->res->observed, "%s bytes delivered", reply);
		return verdict(c, V_FAIL, "app recv: the target delivered %s bytes, the model %u",
			       reply, s->res.delivered);
	}
	if (st->app == APP_SEND && rc == TARGET_ERR && s != NULL && s->res.notify == TCP_N_OK)
		return verdict(c, V_FAIL, "app send failed on the target (%s) where the model accepts it", reply);
	return 0;
}

int step_app(struct sctx *c, const struct scn_step *st)
{
	char reply[TARGET_LINE_MAX] = "";
	struct tcp_event ev;
	int rc;

	trace_app(c, st);
	if (st->app == APP_ACCEPT)
		return app_accept(c);
	if (st->app == APP_SETSOCKOPT)
		return app_setsockopt(c, st);
	if (st->app != APP_LISTEN && st->app != APP_CONNECT && c->conn < 0 && c->listener < 0)
		return verdict(c, V_FAIL, "app %s: the scenario has no socket yet", scn_app_name(st->app));
	if (mr_app_event(&c->m, st, &ev))
		model_stimulus(c, &ev);
	else
		no_stimulus(c);
	trace_restate(c);
	rc = app_command(c, st, reply, sizeof reply);
	/* the target cannot express this call (conformance/TARGETS.md:
	 * ENOSYS): the scenario does not apply to it */
	if (rc == TARGET_ERR && strncmp(reply, "ENOSYS", 6) == 0)
		return verdict(c, V_SKIP, "the target cannot do 'app %s': %s",
			       scn_app_name(st->app), reply);
	if (rc == TARGET_FAILED || app_result(c, st, rc, reply) != 0)
		return -1;
	if (collect(c, 0) != 0 || settle(c) != 0)
		return -1;
	return check_app_error(c);
}
