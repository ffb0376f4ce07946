/*
 * tcp_step.c - the model's one entry point: check the inputs, dispatch on
 * the event and the state, then derive the armed timers from the new TCB.
 */
#include "tcp_impl.h"

uint32_t tcp_seg_len(const struct tcp_segment *s)
{
	return s->len + ((s->flags & TCP_SYN) ? 1u : 0u) +
	       ((s->flags & TCP_FIN) ? 1u : 0u);
}

/*
 * A TCB the model can reason about: a known state, windows no larger than
 * window scaling allows, and no more in flight than a window plus SYN and
 * FIN (so SND.UNA =< SND.NXT is meaningful modulo 2^32).
 */
bool tcp_tcb_valid(const struct tcp_tcb *t)
{
	return t->state >= TCP_CLOSED && t->state < TCP_NSTATES &&
	       t->rcv_wnd <= TCP_MAX_WND && t->snd_wnd <= TCP_MAX_WND &&
	       t->max_snd_wnd <= TCP_MAX_WND &&
	       seq_dist(t->snd_nxt, t->snd_una) <= TCP_MAX_WND + 2u &&
	       t->held_len <= TCP_MAX_WND &&
	       t->timers <= TCP_TIMERS_ALL;
}

bool tcp_event_valid(const struct tcp_event *ev)
{
	switch (ev->kind) {
	case TCP_EV_CALL:
		return ev->call >= TCP_CALL_OPEN_ACTIVE && ev->call < TCP_NCALLS;
	case TCP_EV_SEGMENT:
		return ev->seg.flags <= TCP_FLAGS_ALL &&
		       ev->seg.wnd <= TCP_MAX_WND && ev->seg.len <= TCP_MAX_WND;
	case TCP_EV_TIMEOUT:
		return ev->timer >= TCP_T_RETRANSMIT && ev->timer < TCP_NTIMERS;
	default:
		return false;
	}
}

static bool in_flight(const struct tcp_tcb *t)
{
	return t->snd_una != t->snd_nxt;
}

/* Data waits behind a zero send window: the retransmission timer probes
 * it (3.8.6.1, MUST-36: the sender "must regularly retransmit"). */
static bool window_blocked(const struct tcp_tcb *t)
{
	return !in_flight(t) && t->snd_wnd == 0 && t->snd_queued > 0 &&
	       (t->state == TCP_ESTABLISHED || t->state == TCP_CLOSE_WAIT ||
		t->state == TCP_FIN_WAIT_1 || t->state == TCP_CLOSING ||
		t->state == TCP_LAST_ACK);
}

/*
 * The timers a TCB must have armed, a function of the TCB alone:
 * retransmission while anything is unacknowledged (3.8.1); the user
 * timeout likewise, when the user set one (3.8.3); 2MSL in TIME-WAIT
 * (3.6.1); the FIN-WAIT-2 timeout where the profile has one; keep-alive on
 * an idle connection whose user asked for it (3.8.4: "only when no sent
 * data is outstanding").
 */
uint8_t tcp_timers_for(const struct tcp_tcb *t, const struct tcp_profile *p)
{
	uint8_t m = 0;
	enum tcp_state s = t->state;
	bool conn = s != TCP_CLOSED && s != TCP_LISTEN && s != TCP_TIME_WAIT;

	if (conn && (in_flight(t) || window_blocked(t))) {
		m |= TCP_TIMER_BIT(TCP_T_RETRANSMIT);
		if (t->user_timeout)
			m |= TCP_TIMER_BIT(TCP_T_USER);
	}
	if (s == TCP_TIME_WAIT)
		m |= TCP_TIMER_BIT(TCP_T_TIME_WAIT);
	if (s == TCP_FIN_WAIT_2 && p->fin_wait_2_timeout)
		m |= TCP_TIMER_BIT(TCP_T_FIN_WAIT_2);
	if (t->keepalive && !in_flight(t) && t->snd_queued == 0 &&
	    (s == TCP_ESTABLISHED || s == TCP_CLOSE_WAIT || s == TCP_FIN_WAIT_2))
		m |= TCP_TIMER_BIT(TCP_T_KEEPALIVE);
	return m;
}

static void result_init(struct tcp_result *out)
{
	out->nemit = 0;
	for (int i = 0; i < TCP_MAX_EMIT; i++) {
		struct tcp_segment z = {0};
		out->emit[i] = z;
	}
	out->timers_arm = 0;
	out->timers_cancel = 0;
	out->notify = TCP_N_NONE;
	out->delivered = 0;
	out->rule = R_NONE;
}

static struct tcp_tcb segment_arrives(struct tcp_tcb t,
				      const struct tcp_segment *s, uint32_t iss,
				      const struct tcp_profile *p,
				      struct tcp_result *out)
{
	switch (t.state) {
	case TCP_CLOSED:
		return tcp_seg_closed(t, s, out);
	case TCP_LISTEN:
		return tcp_seg_listen(t, s, iss, p, out);
	case TCP_SYN_SENT:
		return tcp_seg_syn_sent(t, s, out);
	default:
		return tcp_seg_other(t, s, iss, p, out);
	}
}

int tcp_step(const struct tcp_tcb *tcb, const struct tcp_event *ev,
	     const struct tcp_profile *profile, struct tcp_tcb *next,
	     struct tcp_result *out)
{
	struct tcp_tcb n;
	uint8_t armed;

	result_init(out);
	if (!tcp_tcb_valid(tcb) || !tcp_event_valid(ev)) {
		*next = *tcb;
		out->rule = R_INVALID_EVENT;
		return -1;
	}
	switch (ev->kind) {
	case TCP_EV_CALL:
		n = tcp_user_call(*tcb, ev, profile, out);
		break;
	case TCP_EV_SEGMENT:
		n = segment_arrives(*tcb, &ev->seg, ev->iss, profile, out);
		break;
	default:
		n = tcp_timeout(*tcb, ev->timer, profile, out);
		break;
	}
	armed = tcp_timers_for(&n, profile);
	out->timers_cancel = (uint8_t)(tcb->timers & ~armed);
	out->timers_arm = (uint8_t)((out->timers_arm | (armed & ~tcb->timers)) & armed);
	n.timers = armed;
	*next = n;
	return 0;
}
