/*
 * events.c - inputs for tcp_step in the model's tests (events.h).
 */
#include "events.h"

#include <stdio.h>
#include <string.h>

struct tcp_event ev_call(enum tcp_call c, uint32_t n, uint32_t iss)
{
	struct tcp_event ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = TCP_EV_CALL;
	ev.call = c;
	ev.n = n;
	ev.iss = iss;
	return ev;
}

struct tcp_event ev_seg(uint8_t flags, uint32_t seq, uint32_t ack, uint32_t wnd,
			uint32_t len)
{
	struct tcp_event ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = TCP_EV_SEGMENT;
	ev.seg.flags = flags;
	ev.seg.seq = seq;
	ev.seg.ack = ack;
	ev.seg.wnd = wnd;
	ev.seg.len = len;
	return ev;
}

struct tcp_event ev_seg_full(uint8_t flags, uint32_t seq, uint32_t ack,
			     uint32_t wnd, uint32_t len, uint16_t up,
			     uint16_t mss, uint32_t iss)
{
	struct tcp_event ev = ev_seg(flags, seq, ack, wnd, len);

	ev.seg.up = up;
	ev.seg.mss = mss;
	ev.iss = iss;
	return ev;
}

struct tcp_event ev_timeout(enum tcp_timer t)
{
	struct tcp_event ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = TCP_EV_TIMEOUT;
	ev.timer = t;
	return ev;
}

const struct tcp_profile *prof(enum tcp_profile_id id)
{
	return tcp_profile_get(id);
}

struct tcp_tcb tcb_in(enum tcp_state s, enum tcp_profile_id id)
{
	struct tcp_tcb t;

	memset(&t, 0, sizeof t);
	tcp_tcb_default(s, prof(id), &t);
	return t;
}

void tcb_rearm(struct tcp_tcb *t, enum tcp_profile_id id)
{
	t->timers = tcp_timers_for(t, prof(id));
}

int model_step(const struct tcp_tcb *t, struct tcp_event ev,
	       const struct tcp_profile *p, struct tcp_tcb *next,
	       struct tcp_result *out)
{
	memset(next, 0, sizeof *next);
	memset(out, 0, sizeof *out);
	return tcp_step(t, &ev, p, next, out);
}

bool tcb_equal(const struct tcp_tcb *a, const struct tcp_tcb *b)
{
	return a->state == b->state && a->passive == b->passive &&
	       a->fin_queued == b->fin_queued && a->fin_sent == b->fin_sent &&
	       a->keepalive == b->keepalive &&
	       a->user_timeout == b->user_timeout &&
	       a->ka_probes == b->ka_probes &&
	       a->retransmits == b->retransmits && a->timers == b->timers &&
	       a->snd_mss == b->snd_mss && a->iss == b->iss &&
	       a->irs == b->irs && a->snd_una == b->snd_una &&
	       a->snd_nxt == b->snd_nxt && a->snd_wnd == b->snd_wnd &&
	       a->snd_wl1 == b->snd_wl1 && a->snd_wl2 == b->snd_wl2 &&
	       a->snd_up == b->snd_up && a->rcv_nxt == b->rcv_nxt &&
	       a->rcv_wnd == b->rcv_wnd && a->rcv_up == b->rcv_up &&
	       a->max_snd_wnd == b->max_snd_wnd &&
	       a->snd_queued == b->snd_queued &&
	       a->rcv_unread == b->rcv_unread && a->held == b->held &&
	       a->held_fin == b->held_fin && a->held_seq == b->held_seq &&
	       a->held_len == b->held_len;
}

bool seg_equal(const struct tcp_segment *a, const struct tcp_segment *b)
{
	return a->flags == b->flags && a->seq == b->seq && a->ack == b->ack &&
	       a->wnd == b->wnd && a->up == b->up && a->mss == b->mss &&
	       a->len == b->len;
}

bool result_equal(const struct tcp_result *a, const struct tcp_result *b)
{
	if (a->nemit != b->nemit || a->timers_arm != b->timers_arm ||
	    a->timers_cancel != b->timers_cancel || a->notify != b->notify ||
	    a->delivered != b->delivered || a->rule != b->rule)
		return false;
	for (int i = 0; i < TCP_MAX_EMIT; i++)
		if (!seg_equal(&a->emit[i], &b->emit[i]))
			return false;
	return true;
}

const char *flags_str(uint8_t f, char buf[16])
{
	static const struct { uint8_t bit; char c; } letters[] = {
		{ TCP_FIN, 'F' }, { TCP_SYN, 'S' }, { TCP_RST, 'R' },
		{ TCP_PSH, 'P' }, { TCP_ACK, '.' }, { TCP_URG, 'U' },
	};
	size_t n = 0;

	for (size_t i = 0; i < sizeof letters / sizeof letters[0]; i++)
		if (f & letters[i].bit)
			buf[n++] = letters[i].c;
	if (f & ~TCP_FLAGS_ALL)
		buf[n++] = '?';
	if (n == 0)
		return strcpy(buf, "none");
	buf[n] = '\0';
	return buf;
}

const char *timers_str(uint8_t m, char buf[64])
{
	size_t n = 0;

	buf[0] = '\0';
	for (int t = 0; t < TCP_NTIMERS; t++) {
		if (!(m & TCP_TIMER_BIT(t)))
			continue;
		n += (size_t)snprintf(buf + n, 64 - n, "%s%s", n ? "," : "",
				      tcp_timer_name((enum tcp_timer)t));
	}
	if (n == 0)
		strcpy(buf, "none");
	return buf;
}

const char *model_describe(const struct tcp_tcb *t, const struct tcp_event *ev,
			   const struct tcp_profile *p, char *buf, size_t size)
{
	char f[16];
	int n = snprintf(buf, size,
			 "profile %s, %s (iss=%u snd.una=%u snd.nxt=%u "
			 "snd.wnd=%u irs=%u rcv.nxt=%u rcv.wnd=%u queued=%u "
			 "unread=%u fin_queued=%d fin_sent=%d passive=%d "
			 "held=%d:%u+%u%s timers=0x%x), ",
			 tcp_profile_name(p->id), tcp_state_name(t->state),
			 t->iss, t->snd_una, t->snd_nxt, t->snd_wnd, t->irs,
			 t->rcv_nxt, t->rcv_wnd, t->snd_queued, t->rcv_unread,
			 t->fin_queued, t->fin_sent, t->passive, t->held,
			 t->held_seq, t->held_len, t->held_fin ? "+FIN" : "",
			 t->timers);

	if (n < 0 || (size_t)n >= size)
		return buf;
	switch (ev->kind) {
	case TCP_EV_CALL:
		snprintf(buf + n, size - (size_t)n, "call %s n=%u iss=%u",
			 tcp_call_name(ev->call), ev->n, ev->iss);
		break;
	case TCP_EV_SEGMENT:
		snprintf(buf + n, size - (size_t)n,
			 "segment %s seq=%u ack=%u win=%u len=%u up=%u iss=%u",
			 flags_str(ev->seg.flags, f), ev->seg.seq, ev->seg.ack,
			 ev->seg.wnd, ev->seg.len, ev->seg.up, ev->iss);
		break;
	case TCP_EV_TIMEOUT:
		snprintf(buf + n, size - (size_t)n, "timeout %s",
			 tcp_timer_name(ev->timer));
		break;
	default:
		snprintf(buf + n, size - (size_t)n, "event kind %d",
			 (int)ev->kind);
		break;
	}
	return buf;
}
