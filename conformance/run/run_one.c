/*
 * run_one.c - one scenario on one target that is set up: the target is
 * reset, the steps run in order until the first verdict other than PASS.
 * run_check() is the same against the model target: `tcpspec check` and
 * explore's replay.
 */
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"
#include "run/runner_impl.h"
#include "scenario/text.h"

/* The profile of the run: the one asked for, else the target's own. */
static const struct profile_def *profile_for(const struct run_opts *o, const struct target *t)
{
	static struct profile_def own;

	if (o->profile != NULL)
		return o->profile;
	if (profile_builtin_find(t->ops->default_profile, &own) != 0)
		profile_builtin(TCP_PROFILE_RFC9293, &own);
	return &own;
}

static void result_init(struct run_result *r, const struct scn *s, int family,
			const struct target *t, const struct profile_def *p)
{
	memset(r, 0, sizeof *r);
	snprintf(r->path, sizeof r->path, "%s", s->path);
	snprintf(r->title, sizeof r->title, "%s", s->title);
	snprintf(r->rfc, sizeof r->rfc, "%s", s->rfc);
	snprintf(r->labels, sizeof r->labels, "%s", s->labels);
	snprintf(r->target, sizeof r->target, "%s", t->stack[0] ? t->stack : t->ops->name);
	snprintf(r->profile, sizeof r->profile, "%s", p->name);
	r->family = family;
	r->verdict = V_PASS;
}

bool run_applies(const struct scn *s, const struct profile_def *p, char *why, size_t len)
{
	char err[512];

	if (p->builtin >= 0 && p->builtin < TCP_NPROFILES) {
		if (s->profiles[p->builtin])
			return true;
		snprintf(why, len, "the scenario does not apply to profile %s", p->name);
		return false;
	}
	if (run_check(s, p, err, sizeof err) == 0)
		return true;
	snprintf(why, len, "the scenario is not for profile %s: the model under it "
		 "contradicts line %.400s", p->name, err);
	return false;
}

static void open_pcap(struct sctx *c, const struct scn *s, int family)
{
	char base[256], err[256];

	if (c->opts->pcap_dir == NULL)
		return;
	snprintf(base, sizeof base, "%s", s->path);
	snprintf(c->res->pcap, sizeof c->res->pcap, "%s/%.200s-v%d.pcap",
		 c->opts->pcap_dir, basename(base), family);
	if (c->t->ops->dump(c->t, c->res->pcap, err, sizeof err) != 0)
		snprintf(c->res->pcap, sizeof c->res->pcap, "(not written: %.200s)", err);
	else
		c->pcap_open = true;
}

/* The scenario is over: close its pcap; with --pcap-fail-only, keep it only
 * for a FAIL or an ERROR. */
static void close_pcap(struct sctx *c)
{
	char err[256];

	if (!c->pcap_open)
		return;
	c->pcap_open = false;
	c->t->ops->dump(c->t, NULL, err, sizeof err);
	if (c->opts->pcap_fail_only &&
	    (c->res->verdict == V_PASS || c->res->verdict == V_SKIP)) {
		unlink(c->res->pcap);
		c->res->pcap[0] = '\0';
	}
}

/*
 * '# departure: line N: REASON': a departure of the stack that its profile
 * does not describe.  The FAIL it causes at line N, or at a later step
 * that sees its effect (a state no segment showed), is reported as what it
 * is, a SKIP naming the departure and what the target did; a FAIL before
 * line N stays a FAIL; a PASS is a FAIL, since the target no longer
 * departs there and the header is wrong.
 */
static void judge_departure(const struct scn *s, struct run_result *r)
{
	char was[512];

	if (r->verdict == V_FAIL && r->line >= s->departure_line) {
		snprintf(was, sizeof was, "%s", r->message);
		r->verdict = V_SKIP;
		snprintf(r->message, sizeof r->message, "known departure at line %d, not in "
			 "profile %s: %.200s; observed at line %d: %.200s", s->departure_line,
			 r->profile, s->departure, r->line, was);
	} else if (r->verdict == V_PASS) {
		r->verdict = V_FAIL;
		r->line = s->departure_line;
		snprintf(r->message, sizeof r->message, "line %d: the target agrees with the model "
			 "where '# departure:' says it departs (%.300s): the header is stale",
			 s->departure_line, s->departure);
	}
}

void run_one(struct target *t, const struct run_opts *o, const struct scn *s, int family,
	     unsigned seqno, struct run_result *r)
{
	static struct sctx c;
	const struct profile_def *prof = profile_for(o, t);
	char err[256];
	double t0 = clock_now_ms();

	result_init(r, s, family, t, prof);
	if (!o->all_scenarios && !run_applies(s, prof, r->message, sizeof r->message)) {
		r->verdict = V_SKIP;
		return;
	}
	if (s->model_only[0] != '\0' && !o->all_scenarios) {
		r->verdict = V_SKIP;
		snprintf(r->message, sizeof r->message, "model-only: %.480s", s->model_only);
		return;
	}
	if (s->slow && !o->slow) {
		r->verdict = V_SKIP;
		snprintf(r->message, sizeof r->message, "slow scenario: run with --slow");
		return;
	}
	memset(&c, 0, sizeof c);
	c.opts = o;
	c.t = t;
	c.res = r;
	c.scn = s;
	c.listener = c.sock = -1;
	c.conn.family = family;
	c.conn.lport = 8080;
	c.conn.rport = (uint16_t)(20000 + (seqno % 30000));
	c.quiet_ms = o->quiet_ms > 0 ? o->quiet_ms : t->ops->quiet_ms;
	mr_init(&c.m, &prof->tcp);
	if (t->ops->reset(t, err, sizeof err) != 0) {
		r->verdict = V_ERROR;
		snprintf(r->message, sizeof r->message, "target 'reset' failed: %.400s", err);
		return;
	}
	run_drain(&c);
	open_pcap(&c, s, family);
	for (int i = 0; i < s->nsteps && r->verdict == V_PASS; i++) {
		run_step(&c, &s->steps[i]);
		if (r->verdict != V_PASS)
			snprintf(r->step, sizeof r->step, "line %d", s->steps[i].line);
		if (r->verdict == V_FAIL && o->on_fail != NULL) {
			o->on_fail(o->on_fail_arg, r);
			r->verdict = V_PASS;
			r->expected[0] = r->observed[0] = r->target_state[0] = '\0';
			r->nfailed++;
		}
	}
	/* a target without `state` is not given a PASS on silence alone */
	if (r->verdict == V_PASS && c.unconfirmed_line > 0) {
		r->verdict = V_SKIP;
		r->line = c.unconfirmed_line;
		snprintf(r->message, sizeof r->message,
			 "%s cannot tell its state ('state' answers ENOSYS) and its silence after "
			 "line %d was never confirmed on the wire: in %s no probe tells a live "
			 "connection from a dead one", t->ops->who != NULL ? t->ops->who : "the target",
			 c.unconfirmed_line, tcp_state_name(c.unconfirmed_state));
	}
	if (s->departure_line > 0 && !o->all_scenarios)
		judge_departure(s, r);
	close_pcap(&c);
	r->ms = clock_now_ms() - t0;
}


static int check(const struct scn *s, const struct profile_def *p,
		 void (*on_fail)(void *arg, const struct run_result *r), void *arg,
		 struct run_result *r, char *err, size_t errlen)
{
	struct run_opts o;
	struct target_config cfg;
	struct target t;

	memset(&o, 0, sizeof o);
	memset(&cfg, 0, sizeof cfg);
	o.target = "model";
	o.profile = p;
	o.all_scenarios = true;
	o.jobs = 1;
	o.family = 4;
	o.slow = true; /* the model's time is virtual: a long wait costs nothing */
	o.on_fail = on_fail;
	o.on_fail_arg = arg;
	cfg.profile = &p->tcp;
	cfg.profile_name = p->name;
	if (target_model_ops.setup(&t, &cfg, err, errlen) != 0)
		return -1;
	run_one(&t, &o, s, 4, 0, r);
	target_model_ops.teardown(&t);
	return 0;
}

int run_check(const struct scn *s, const struct profile_def *p, char *err, size_t errlen)
{
	static struct run_result r;

	if (check(s, p, NULL, NULL, &r, err, errlen) != 0)
		return -1;
	if (r.verdict == V_PASS)
		return 0;
	snprintf(err, errlen, "%d: %s", r.line, r.message);
	return -1;
}

int run_check_all(const struct scn *s, const struct profile_def *p,
		  void (*on_fail)(void *arg, const struct run_result *r), void *arg)
{
	static struct run_result r;
	char err[256];

	if (check(s, p, on_fail, arg, &r, err, sizeof err) != 0)
		return 1;
	return r.nfailed + (r.verdict != V_PASS);
}
