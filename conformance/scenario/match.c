/*
 * match.c - matching observed segments with the model's expectations.
 */
#include "scenario/match.h"

#include <stdio.h>
#include <string.h>

#include "model/tcp_seq.h"
#include "scenario/text.h"

#define CMP_FLAGS (TCP_FIN | TCP_SYN | TCP_RST | TCP_ACK | TCP_URG)

enum match_res match_segment(const struct tcp_segment *exp,
			     const struct tcp_segment *obs, char *why,
			     size_t whylen)
{
	uint8_t ef = exp->flags & CMP_FLAGS, of = obs->flags & CMP_FLAGS;
	bool partial = obs->len < exp->len;
	char a[8], b[8];

	/* a prefix of the data may come without the FIN that ends it */
	if (partial && (ef & TCP_FIN) && !(of & TCP_FIN) && obs->len > 0)
		ef &= (uint8_t)~TCP_FIN;
	if (ef != of) {
		snprintf(why, whylen, "flags: expected %s, got %s",
			 txt_flags_format(ef, a, sizeof a), txt_flags_format(of, b, sizeof b));
		return MATCH_NONE;
	}
	if (exp->seq != obs->seq) {
		snprintf(why, whylen, "seq: expected %u, got %u", exp->seq, obs->seq);
		return MATCH_NONE;
	}
	if ((ef & TCP_ACK) && exp->ack != obs->ack) {
		snprintf(why, whylen, "ack: expected %u, got %u", exp->ack, obs->ack);
		return MATCH_NONE;
	}
	if (obs->len > exp->len || (partial && (obs->len == 0 || (of & TCP_FIN)))) {
		snprintf(why, whylen, "len: expected %u, got %u", exp->len, obs->len);
		return MATCH_NONE;
	}
	return partial ? MATCH_PARTIAL : MATCH_EXACT;
}

void mq_push(struct mq *q, const struct tcp_result *r)
{
	for (int i = 0; i < r->nemit && q->n < MQ_MAX; i++)
		q->segs[q->n++] = r->emit[i];
}

static void mq_pop(struct mq *q)
{
	memmove(&q->segs[0], &q->segs[1], (size_t)(q->n - 1) * sizeof q->segs[0]);
	q->n--;
}

/* Match against the head; a partial match leaves the rest at the head. */
static bool take_head(struct mq *q, const struct tcp_segment *obs, char *why,
		      size_t whylen)
{
	enum match_res r;

	if (q->n == 0)
		return false;
	r = match_segment(&q->segs[0], obs, why, whylen);
	if (r == MATCH_NONE)
		return false;
	if (r == MATCH_EXACT) {
		mq_pop(q);
	} else {
		q->segs[0].seq = seq_add(q->segs[0].seq, obs->len);
		q->segs[0].len -= obs->len;
		q->segs[0].flags &= (uint8_t)~TCP_PSH;
	}
	return true;
}

enum mq_explained mq_explain(struct mq *q, struct mr *m,
			     const struct tcp_segment *obs, enum tcp_timer *fired,
			     char *why, size_t whylen)
{
	char first[160] = "";

	if (take_head(q, obs, first, sizeof first))
		return MQ_EXPECTED;
	for (int t = 0; t < TCP_NTIMERS; t++) {
		struct mr_step s;
		struct mq trial = { 0, { { 0 } } };
		char dummy[160];

		if (!(m->tcb.timers & TCP_TIMER_BIT(t)) || !mr_timeout(m, (enum tcp_timer)t, &s))
			continue;
		mq_push(&trial, &s.res);
		if (!take_head(&trial, obs, dummy, sizeof dummy))
			continue;
		mr_commit(m, &s);
		/* what the firing sends beyond this segment is still expected,
		 * ahead of what was expected before */
		for (int i = trial.n - 1; i >= 0 && q->n < MQ_MAX; i--) {
			memmove(&q->segs[1], &q->segs[0], (size_t)q->n * sizeof q->segs[0]);
			q->segs[0] = trial.segs[i];
			q->n++;
		}
		*fired = (enum tcp_timer)t;
		return MQ_TIMER;
	}
	if (q->n > 0)
		snprintf(why, whylen, "%s", first);
	else
		snprintf(why, whylen, "the model expects nothing here and no armed timer sends it");
	return MQ_UNEXPLAINED;
}

bool mq_reconcile_state(struct mr *real, enum tcp_state seen, enum tcp_timer *fired,
			int *nfired, int maxfired)
{
	static struct mr trial;
	struct mr *m = &trial;
	int n0 = *nfired;

	*m = *real;
	for (int round = 0; round < TCP_NTIMERS && m->tcb.state != seen; round++) {
		bool moved = false;

		for (int t = 0; t < TCP_NTIMERS && !moved; t++) {
			struct mr_step s;

			if (!(m->tcb.timers & TCP_TIMER_BIT(t)) || !mr_timeout(m, (enum tcp_timer)t, &s))
				continue;
			if (s.res.nemit != 0 || s.after.state == s.before.state)
				continue;
			mr_commit(m, &s);
			if (*nfired < maxfired)
				fired[(*nfired)++] = (enum tcp_timer)t;
			moved = true;
		}
		if (!moved)
			break;
	}
	if (m->tcb.state != seen) {
		*nfired = n0;  /* the model is left as it was */
		return false;
	}
	*real = *m;
	return true;
}
