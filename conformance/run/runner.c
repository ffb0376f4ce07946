/*
 * runner.c - the steps of a scenario against a target: stimuli, collection,
 * the model's verdict.  The target is any target.h implementation (a stack,
 * or the model itself); run_one.c runs a scenario, run_jobs.c many of them
 * in parallel.
 */
#include "run/runner.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "run/runner_impl.h"
#include "scenario/appcall.h"
#include "scenario/text.h"

#define COLLECT_MAX_MS 3000
/* After each advance a target has sent what its timers made (TARGETS.md,
 * `advance`): this much silence ends that tick's collection; the wait's
 * last collection takes the target's full quiet time. */
#define RUN_ADVANCE_QUIET_MS 5
/* A segment the model says is due is waited for this long before its
 * absence is a FAIL, however short the target's quiet time: RFC 9293
 * 3.8.6.3 lets an ACK be delayed up to 0.5 s (MUST-40), and a wait cut
 * short before a permitted bound must not read as a departure (a loaded
 * machine, a user-space stack).  Silence costs the quiet time only; a
 * missing segment costs this bound once. */
#define RUN_DUE_MS 500

const char *run_verdict_name(enum verdict v)
{
	static const char *const n[] = { "PASS", "FAIL", "ERROR", "SKIP" };
	return (unsigned)v < 4 ? n[v] : "?";
}

/* Who is judged, for messages: "the target", or "the model" (check). */
static const char *who(const struct sctx *c)
{
	return c->t->ops->who != NULL ? c->t->ops->who : "the target";
}

/* Record the verdict of the current step (only the first one counts). */
int run_verdict(struct sctx *c, enum verdict v, const char *fmt, ...)
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

/* --- what the target says -------------------------------------------- */

/* The state the target reports for our connection (LISTEN for a listener
 * with no connection from us); *known false when it cannot tell. */
static int target_state(struct sctx *c, enum tcp_state *st, bool *known)
{
	char err[256];
	int rc = c->t->ops->state(c->t, &c->conn, false, st, err, sizeof err);

	*known = false;
	if (rc == TARGET_FAILED)
		return run_verdict(c, V_ERROR, "the target could not tell its state: %s", err);
	if (rc != 0)
		return 0; /* the stack cannot tell (ENOSYS) */
	if (*st == TCP_CLOSED && c->m.tcb.state == TCP_LISTEN && c->listener >= 0) {
		rc = c->t->ops->state(c->t, &c->conn, true, st, err, sizeof err);
		if (rc == TARGET_FAILED)
			return run_verdict(c, V_ERROR, "the target could not tell its state: %s", err);
	}
	*known = true;
	return 0;
}

/* The error the application's connection reports (SO_ERROR), as an errno
 * name, "NONE", or NULL when the target cannot tell. */
static const char *target_error(struct sctx *c)
{
	char err[256];
	int e = 0, rc;

	if (c->sock < 0)
		return NULL;
	rc = c->t->ops->so_error(c->t, c->sock, &e, err, sizeof err);
	if (rc == TARGET_FAILED)
		run_verdict(c, V_ERROR, "the target could not tell the socket's error: %s", err);
	if (rc == ENOSYS)
		c->error_enosys = true;
	if (rc != 0)
		return NULL;
	/* the program was told: SO_ERROR reports the error and clears it */
	mr_sock_reported(&c->m, e);
	return e == 0 ? "NONE" : strerrorname_np(e);
}

bool run_error_unknown(struct sctx *c)
{
	if (!c->error_enosys && c->sock >= 0)
		(void)target_error(c);
	return c->error_enosys;
}

/* --- a FAIL ----------------------------------------------------------------- */

static void note_rule(struct sctx *c)
{
	const struct mr_step *s = c->m.nhist > 0 ? &c->m.hist[c->m.nhist - 1] : NULL;

	if (s == NULL)
		return;
	snprintf(c->res->rule, sizeof c->res->rule, "%s", tcp_rule_name(s->res.rule));
	snprintf(c->res->section, sizeof c->res->section, "%s", tcp_rule_section(s->res.rule));
}

/* Every divergence is one FAIL, worded one way (runner_impl.h). */
int run_diverge(struct sctx *c, const enum tcp_state *seen, const char *expected,
		   const char *observed, const char *fmt, ...)
{
	char why[400] = "";
	enum tcp_state st;
	bool known = seen != NULL;
	va_list ap;

	if (c->res->verdict != V_PASS)
		return -1;
	if (fmt != NULL) {
		va_start(ap, fmt);
		vsnprintf(why, sizeof why, fmt, ap);
		va_end(ap);
	}
	if (seen != NULL)
		st = *seen;
	else if (target_state(c, &st, &known) != 0)
		return -1;  /* the target stopped answering: that is the ERROR */
	snprintf(c->res->expected, sizeof c->res->expected, "%s", expected);
	snprintf(c->res->observed, sizeof c->res->observed, "%s", observed);
	snprintf(c->res->target_state, sizeof c->res->target_state, "%s",
		 known ? tcp_state_name(st) : "unknown");
	if (c->res->rule[0] == '\0')
		note_rule(c);
	if (c->t->ops->who != NULL) /* the model judged by itself: one state */
		return run_verdict(c, V_FAIL, "expected %.200s; observed %.200s%s%.300s (%s in %s)",
				   expected, observed, why[0] ? ": " : "", why, who(c),
				   c->res->target_state);
	return run_verdict(c, V_FAIL, "expected %.200s; observed %.200s%s%.300s (%s in %s, the model in %s)",
			   expected, observed, why[0] ? ": " : "", why, who(c),
			   c->res->target_state, tcp_state_name(c->m.tcb.state));
}

/* --- the link ------------------------------------------------------------ */

static int inject(struct sctx *c, const struct tcp_segment *s)
{
	char err[256];

	trace_tester_segment(c, s);
	if (c->t->ops->inject(c->t, &c->conn, s, err, sizeof err) != 0)
		return run_verdict(c, V_ERROR, "%s", err);
	return 0;
}

/* One segment from the target for this connection, or 0 on timeout. */
static int receive(struct sctx *c, int timeout_ms, struct tcp_segment *out)
{
	char err[256];
	int rc = c->t->ops->receive(c->t, &c->conn, timeout_ms, out, err, sizeof err);

	if (rc < 0)
		return run_verdict(c, V_ERROR, "%s", err);
	return rc;
}

void run_drain(struct sctx *c)
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
		c->unconfirmed_line = 0; /* an answer the model explains */
		break;
	case MQ_TIMER:
		c->unconfirmed_line = 0;
		note_fired(c, t);
		break;
	default: {
		char want[128] = "nothing";

		if (c->q.n > 0)
			fmt_seg(c, &c->q.segs[0], want, sizeof want);
		return run_diverge(c, NULL, want, a, "%s", why);
	}
	}
	/* the window is the stack's choice: bind it (unscaled: no wscale) */
	if (c->m.tcb.state != TCP_CLOSED && c->m.tcb.state != TCP_LISTEN &&
	    !(o->flags & TCP_RST))
		c->m.tcb.rcv_wnd = o->wnd;
	return 0;
}

/* Collect until the target has been quiet for quiet_ms (and at least until
 * min_ms has passed), explaining each segment. */
int run_collect(struct sctx *c, int min_ms)
{
	double start = target_now_ms(c->t), limit = start + min_ms + COLLECT_MAX_MS;
	struct tcp_segment o;

	for (;;) {
		double t = target_now_ms(c->t);
		int wait = c->quiet_ms;
		int rc;

		if (t < start + min_ms)
			wait = (int)(start + min_ms - t) + 1;
		if (t > limit)
			break;
		/* the model still waits for a segment: not quiet yet */
		if (c->q.n > 0 && t >= start + min_ms && t < start + min_ms + RUN_DUE_MS) {
			int due = (int)(start + min_ms + RUN_DUE_MS - t) + 1;

			wait = wait > due ? wait : due;
		}
		rc = receive(c, wait, &o);
		if (rc < 0)
			return -1;
		if (rc == 0 && target_now_ms(c->t) >= start + min_ms &&
		    (c->q.n == 0 || target_now_ms(c->t) >= start + min_ms + RUN_DUE_MS))
			break;
		if (rc == 1 && explain(c, &o) != 0)
			return -1;
	}
	return 0;
}

/* The target is in st, the model elsewhere: did the model's armed timers
 * take it there without a segment (TIME-WAIT's end)?  Then they fired. */
static bool reconcile(struct sctx *c, enum tcp_state st)
{
	enum tcp_timer f[8];
	int nf = 0;

	if (!mq_reconcile_state(&c->m, st, f, &nf, 8))
		return false;
	for (int i = 0; i < nf; i++)
		note_fired(c, f[i]);
	return true;
}

/* --- the wire probe: a target without `state` ---------------------------- */

#define PROBE_AHEAD 0x100000u /* beyond any window a scenario opens (no scaling) */

static bool synchronized(enum tcp_state s)
{
	return s >= TCP_SYN_RECEIVED && s <= TCP_TIME_WAIT;
}

/*
 * A step the target answered with silence, as the model said it would, on
 * a target that cannot tell its state (`state` answers ENOSYS): silence
 * alone does not show that the connection is in the state the model says
 * (an out-of-window RST that killed it leaves the target as silent as one
 * that dropped the RST).  The runner sends a probe whose answer tells a
 * live connection from a dead one: an ACK segment beyond the receive
 * window, which a synchronized connection acknowledges (RFC 9293 3.10.7.4,
 * first check: "an acknowledgment should be sent in reply") and a closed
 * port resets (3.10.7.1: <SEQ=SEG.ACK><CTL=RST>).  The model judges the
 * answer like any other, in a copy of its state, so the scenario's own run
 * is not disturbed; the answer is no part of what the step's `expect`s
 * see.  Where no probe tells the two apart (LISTEN and SYN-SENT answer
 * such an ACK with a reset too) or the model would change state on it,
 * the silence stays unconfirmed: a later answer the model explains
 * confirms it, else the scenario is SKIP, never PASS on silence alone.
 */
static int probe(struct sctx *c)
{
	static struct mr copy;
	struct mr_step s;
	struct tcp_event ev;
	struct mq pq;
	struct tcp_segment o;
	enum tcp_state ms = c->m.tcb.state;
	char want[128] = "", got[256] = "", why[256] = "";
	int n = 0;

	if (synchronized(ms)) {
		c->probe_had_conn = true;
		c->probe_rcv_nxt = c->m.tcb.rcv_nxt;
		c->probe_snd_nxt = c->m.tcb.snd_nxt;
	} else if (ms != TCP_CLOSED || !c->probe_had_conn) {
		goto unconfirmed;
	}
	copy = c->m;
	mr_new_stimulus(&copy);
	memset(&ev, 0, sizeof ev);
	ev.kind = TCP_EV_SEGMENT;
	ev.iss = mr_target_iss(&copy);
	ev.seg.flags = TCP_ACK;
	ev.seg.seq = c->probe_rcv_nxt + PROBE_AHEAD;
	ev.seg.ack = c->probe_snd_nxt;
	ev.seg.wnd = 65535;
	mr_eval(&copy, &ev, &s);
	if (s.after.state != ms || s.res.nemit == 0)
		goto unconfirmed;
	mr_commit(&copy, &s);
	memset(&pq, 0, sizeof pq);
	mq_push(&pq, &s.res);
	c->nprobes++;
	trace_event(c, 'W', "probe: %s cannot tell its state; a segment beyond the window", who(c));
	trace_tester_segment(c, &ev.seg);
	{
		char err[256];

		if (c->t->ops->inject(c->t, &c->conn, &ev.seg, err, sizeof err) != 0)
			return run_verdict(c, V_ERROR, "%s", err);
	}
	for (double pstart = target_now_ms(c->t);;) {
		enum tcp_timer t;
		double now = target_now_ms(c->t);
		int wait = c->quiet_ms, rc;
		char a[128];

		/* the probe's answer is due like any other (RUN_DUE_MS) */
		if (pq.n > 0 && now < pstart + RUN_DUE_MS && (int)(pstart + RUN_DUE_MS - now) + 1 > wait)
			wait = (int)(pstart + RUN_DUE_MS - now) + 1;
		rc = receive(c, wait, &o);

		if (rc < 0)
			return -1;
		if (rc == 0)
			break;
		fmt_seg(c, &o, a, sizeof a);
		trace_event(c, 'S', "%s", a);
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", n++ ? "; " : "", a);
		if (mq_explain(&pq, &copy, &o, &t, why, sizeof why) == MQ_UNEXPLAINED) {
			if (pq.n > 0)
				fmt_seg(c, &pq.segs[0], want, sizeof want);
			break;
		}
	}
	if (why[0] == '\0' && pq.n == 0) {
		c->unconfirmed_line = 0;
		return 0;
	}
	if (want[0] == '\0' && pq.n > 0)
		fmt_seg(c, &pq.segs[0], want, sizeof want);
	if (n == 0)
		snprintf(got, sizeof got, "nothing within %d ms",
			 RUN_DUE_MS > c->quiet_ms ? RUN_DUE_MS : c->quiet_ms);
	snprintf(c->res->rule, sizeof c->res->rule, "%s", tcp_rule_name(s.res.rule));
	snprintf(c->res->section, sizeof c->res->section, "%s", tcp_rule_section(s.res.rule));
	{
		char e[160];

		snprintf(e, sizeof e, "%.120s to the probe", want[0] ? want : "nothing");
		return run_diverge(c, NULL, e, got,
				   "the step was silent and %s cannot tell its state, so the runner "
				   "sent an ACK beyond the window (RFC 9293 3.10.7.4 first check: a "
				   "synchronized connection acknowledges it; 3.10.7.1: a closed port "
				   "resets it)%s%.200s", who(c), why[0] ? ": " : "", why);
	}
unconfirmed:
	if (c->unconfirmed_line == 0) {
		c->unconfirmed_line = c->st != NULL ? c->st->line : 0;
		c->unconfirmed_state = ms;
	}
	return 0;
}

/* After a stimulus: nothing expected may be missing, the states agree. */
int run_settle(struct sctx *c)
{
	enum tcp_state st;
	bool known;
	char want[128], got[96];

	if (c->q.n > 0) {
		fmt_seg(c, &c->q.segs[0], want, sizeof want);
		snprintf(got, sizeof got, "nothing within %d ms (RFC 9293 3.8.6.3: 0.5 s at most)",
			 RUN_DUE_MS > c->quiet_ms ? RUN_DUE_MS : c->quiet_ms);
		return run_diverge(c, NULL, want, got, NULL);
	}
	if (target_state(c, &st, &known) != 0)
		return -1;
	if (!known) {
		c->state_enosys = true;
		return c->nseen == 0 ? probe(c) : 0;
	}
	if (st == c->m.tcb.state || reconcile(c, st))
		return 0;
	snprintf(want, sizeof want, "state %s", tcp_state_name(c->m.tcb.state));
	snprintf(got, sizeof got, "state %s", tcp_state_name(st));
	return run_diverge(c, &st, want, got, NULL);
}

/* The scenario's next step that is not an `expect` is an application
 * call that reports the connection's error itself (recv, send): asking
 * SO_ERROR now would clear the error before that call (POSIX), which a
 * program that just reads would not do. */
static bool next_call_reports_error(const struct sctx *c)
{
	if (c->scn == NULL)
		return false;
	for (int i = c->step_index + 1; i < c->scn->nsteps; i++) {
		const struct scn_step *n = &c->scn->steps[i];

		if (n->kind == SCN_EXPECT)
			continue;
		return n->kind == SCN_APP && (n->app == APP_RECV || n->app == APP_SEND);
	}
	return false;
}

/* The application's error after the model told it something. */
int run_check_app_error(struct sctx *c)
{
	const char *want = mr_app_error(&c->m);
	const char *got;

	if (strcmp(want, "NONE") == 0 || c->sock < 0 || next_call_reports_error(c))
		return 0;
	got = target_error(c);
	if (c->res->verdict != V_PASS)
		return -1;
	if (got == NULL || strcmp(got, want) == 0)
		return 0;
	{
		char e[64], o[64];

		snprintf(e, sizeof e, "application error %s", want);
		snprintf(o, sizeof o, "application error %s", got);
		return run_diverge(c, NULL, e, o, NULL);
	}
}

/* Start a stimulus: the model steps first, then the target is driven. */
void run_model_stimulus(struct sctx *c, const struct tcp_event *ev)
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

void run_no_stimulus(struct sctx *c)
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
	run_model_stimulus(c, &ev);
	if (inject(c, &ev.seg) != 0 || run_collect(c, 0) != 0)
		return -1;
	if (run_settle(c) != 0)
		return -1;
	return run_check_app_error(c);
}

/* The timers of a wait that have fired, in the order the scenario names
 * them: how many of st->fires the firings so far explain. */
static int fired_in_order(const struct sctx *c, const struct scn_step *st)
{
	int k = 0;

	for (int i = 0; i < c->nfired && k < st->nfires; i++)
		if (c->fired[i] == st->fires[k])
			k++;
	return k;
}

/*
 * How much virtual time a target with `advance` gets for each named timer
 * to fire, counted from the start of the wait or from the firing before
 * it (conformance/TARGETS.md, "advance"): the longest a stack may take
 * and still be within the RFCs, or its defaults.
 */
unsigned run_fire_bound_ms(enum tcp_timer t)
{
	switch (t) {
	case TCP_T_RETRANSMIT:
		return 60000;	/* RFC 6298 2.5: a maximum on RTO is at least 60 s */
	case TCP_T_TIME_WAIT:
		return 240000;	/* RFC 9293 3.6.1 (MUST-13): 2 MSL, MSL 2 min (3.4.2) */
	case TCP_T_FIN_WAIT_2:
		return 600000;	/* none in RFC 9293; 4.4BSD's 10 min (TCP_MAXIDLE) */
	case TCP_T_KEEPALIVE:
		return 7200000;	/* RFC 9293 3.8.4 (MUST-28): by default at least 2 h */
	default:
		return 300000;	/* RFC 9293 3.9.1.1: the user timeout's default, 5 min */
	}
}

/* After one advance: follow a state the target reached by a timer of its
 * own (TIME-WAIT's end).  0 to go on, 1 when the states part in a way no
 * timer explains (the wait's run_settle judges it), -1 on an ERROR. */
static int follow_state(struct sctx *c)
{
	enum tcp_state st;
	bool known;

	if (c->q.n > 0)
		return 0; /* segments still due: the next collect may bring them */
	if (target_state(c, &st, &known) != 0)
		return -1;
	if (!known || st == c->m.tcb.state || reconcile(c, st))
		return 0;
	return 1;
}

/*
 * `wait ... fires T` on a target with virtual time: its clock goes forward
 * one tick at a time and what it sends is collected after each tick, until
 * every named timer has fired, in order, or the next one's bound has
 * passed since the wait began or the firing before it.  *since_ms: the
 * virtual time since then.
 */
static int wait_advancing(struct sctx *c, const struct scn_step *st, unsigned tick,
			  unsigned *since_ms)
{
	int quiet = c->quiet_ms, k, rc = 0;
	unsigned total = 0, got;
	char err[256];

	*since_ms = 0;
	c->quiet_ms = quiet < RUN_ADVANCE_QUIET_MS ? quiet : RUN_ADVANCE_QUIET_MS;
	while ((k = fired_in_order(c, st)) < st->nfires &&
	       *since_ms < run_fire_bound_ms(st->fires[k])) {
		int r = target_advance(c->t, tick, &got, err, sizeof err);

		if (r != 0) {
			rc = run_verdict(c, V_ERROR, "the target could not advance its clock: %s", err);
			break;
		}
		*since_ms += tick;
		total += tick;
		if (run_collect(c, 0) != 0 || (r = follow_state(c)) < 0) {
			rc = -1;
			break;
		}
		if (r > 0)
			break;
		if (fired_in_order(c, st) > k)
			*since_ms = 0;
	}
	c->quiet_ms = quiet;
	trace_event(c, 'W', "advanced the target's clock %u ms", total);
	return rc;
}

/* Virtual time when the scenario names timers that fire and the target has
 * it: its tick; 0 for real time; -1 on an ERROR. */
static long advance_tick(struct sctx *c, const struct scn_step *st)
{
	char err[256];
	unsigned tick;
	int rc;

	if (st->nfires == 0)
		return 0;
	rc = target_advance(c->t, 0, &tick, err, sizeof err);
	if (rc == ENOSYS)
		return 0;
	if (rc != 0)
		return run_verdict(c, V_ERROR, "the target could not tell its timer tick: %s", err);
	return tick;
}

/* "60 s", "1.5 s", "300 ms" */
static void fmt_ms(unsigned ms, char *buf, size_t len)
{
	if (ms >= 1000 && ms % 100 == 0)
		snprintf(buf, len, ms % 1000 ? "%.1f s" : "%.0f s", ms / 1000.0);
	else
		snprintf(buf, len, "%u ms", ms);
}

static int step_wait(struct sctx *c, const struct scn_step *st)
{
	long tick;
	unsigned since = 0;
	int k;

	run_no_stimulus(c);
	if (c->t->ops->timers_due != NULL)
		c->t->ops->timers_due(c->t, st->fires, st->nfires);
	trace_event(c, 'W', st->quiet ? "wait quiet" : "wait %u ms", st->wait_ms);
	tick = advance_tick(c, st);
	if (tick < 0)
		return -1;
	if (tick > 0 && wait_advancing(c, st, (unsigned)tick, &since) != 0)
		return -1;
	if (run_collect(c, st->quiet || tick > 0 ? 0 : (int)st->wait_ms) != 0 || run_settle(c) != 0)
		return -1;
	/* the timers the scenario says fire must have fired, in order */
	k = fired_in_order(c, st);
	if (k < st->nfires) {
		char e[128], o[160], d[32];

		if (tick > 0) {
			fmt_ms(run_fire_bound_ms(st->fires[k]), d, sizeof d);
			snprintf(e, sizeof e, "the %s timer fires within %s", tcp_timer_name(st->fires[k]), d);
			fmt_ms(since, d, sizeof d);
			snprintf(o, sizeof o, "no sign of it after advancing %s's clock %s (%d timer "
				 "firing(s) explained what it did)", who(c), d, c->nfired);
		} else {
			snprintf(e, sizeof e, "the %s timer fires within %u ms",
				 tcp_timer_name(st->fires[k]), st->wait_ms);
			snprintf(o, sizeof o, "no sign of it (%d timer firing(s) explained what %s did)",
				 c->nfired, who(c));
		}
		return run_diverge(c, NULL, e, o, NULL);
	}
	return run_check_app_error(c);
}

static int step_expect(struct sctx *c, const struct scn_step *st)
{
	struct mr_seen seen = { c->seen, c->nseen, TCP_CLOSED, false, NULL,
				c->call_known, c->call_rc, c->call_value };
	char want[256], got[512];

	if (st->expect == EXP_STATE && target_state(c, &seen.state, &seen.state_known) != 0)
		return -1;
	if (st->expect == EXP_ERROR) {
		seen.error = target_error(c);
		if (c->res->verdict != V_PASS)
			return -1;
	}
	if (mr_expect(&c->m, st, &seen, want, sizeof want, got, sizeof got) == 0)
		return 0;
	if (st->expect == EXP_APP_ERROR && app_errno_ends_connection(app_errno_value(st->error)) &&
	    run_error_unknown(c))
		return run_verdict(c, V_SKIP, "%s cannot tell how a connection ended (its 'error' "
				   "answers ENOSYS): line %d's 'expect app error %s' cannot be judged "
				   "(%s)", who(c), st->line, st->error, got);
	return run_diverge(c, seen.state_known ? &seen.state : NULL, want, got,
		       "the scenario's expect on line %d", st->line);
}

int run_step(struct sctx *c, const struct scn_step *st)
{
	enum verdict before = c->res->verdict;
	int rc;

	c->st = st;
	if (c->scn != NULL)
		c->step_index = (int)(st - c->scn->steps);
	switch (st->kind) {
	case SCN_APP:
		rc = run_step_app(c, st);
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

