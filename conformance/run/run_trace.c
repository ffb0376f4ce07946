/*
 * run_trace.c - what a scenario run leaves for the HTML report: the model
 * steps it took (the edges of the state diagram it covered) and the events
 * in order (its sequence diagram).  Bounded: the trail keeps the latest
 * RUN_MAX_TRAIL events, the ones that lead to a failure.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "run/runner_impl.h"
#include "scenario/text.h"

static void add_edge(struct run_result *r, const struct mr_step *s, bool failed)
{
	struct run_edge e = { (uint8_t)s->before.state, (uint8_t)s->after.state,
			      failed, (uint16_t)s->res.rule };

	for (int i = 0; i < r->nedges; i++) {
		struct run_edge *x = &r->edges[i];

		if (x->from == e.from && x->to == e.to && x->rule == e.rule) {
			x->failed |= e.failed;
			return;
		}
	}
	if (r->nedges < RUN_MAX_EDGES)
		r->edges[r->nedges++] = e;
}

void trace_steps(struct sctx *c, bool failed)
{
	for (int i = c->traced; i < c->m.nhist; i++)
		add_edge(c->res, &c->m.hist[i], failed);
	c->traced = c->m.nhist;
}

void trace_event(struct sctx *c, char who, const char *fmt, ...)
{
	struct run_result *r = c->res;
	struct run_event *e;
	va_list ap;

	if (r->ntrail == RUN_MAX_TRAIL) {
		memmove(&r->trail[0], &r->trail[1], (RUN_MAX_TRAIL - 1) * sizeof r->trail[0]);
		r->ntrail--;
		r->trail_dropped++;
	}
	e = &r->trail[r->ntrail++];
	e->who = who;
	e->state = (uint8_t)c->m.tcb.state;
	va_start(ap, fmt);
	vsnprintf(e->text, sizeof e->text, fmt, ap);
	va_end(ap);
}

/* "app send 100", "app setsockopt keepalive 1", "app close". */
void trace_app(struct sctx *c, const struct scn_step *st)
{
	if (st->app == APP_SETSOCKOPT)
		trace_event(c, 'A', "app setsockopt %s %u", st->opt, st->n);
	else if (st->app == APP_SEND || st->app == APP_RECV)
		trace_event(c, 'A', "app %s %u", scn_app_name(st->app), st->n);
	else
		trace_event(c, 'A', "app %s", scn_app_name(st->app));
}

void trace_restate(struct sctx *c)
{
	if (c->res->ntrail > 0)
		c->res->trail[c->res->ntrail - 1].state = (uint8_t)c->m.tcb.state;
}

/* The tester's segment as the scenario writes it (mr_format_seg). */
void trace_tester_segment(struct sctx *c, const struct tcp_segment *s)
{
	char text[96];

	trace_event(c, 'T', "%s", mr_format_seg(&c->m, s, false, text, sizeof text));
}
