/*
 * model_helpers.h - shared helpers for the model's tests: build events, run
 * a sequence of steps, assert emitted segments, and the invariants that the
 * property sweep (check_props.c) and the fuzzer (fuzz/fuzz_model.c) check
 * after every step.
 *
 * Everything here is static inline, so that each test is one translation
 * unit plus the model sources.  The Check assertions are left out when
 * MODEL_HELPERS_NO_CHECK is defined (the fuzzer does not link libcheck).
 */
#ifndef TCPSPEC_TESTS_MODEL_HELPERS_H
#define TCPSPEC_TESTS_MODEL_HELPERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "model/tcp.h"
#include "model/tcp_seq.h"

/* ------------------------------------------------------------------ */
/* Events                                                              */
/* ------------------------------------------------------------------ */

/* A user call; n is the byte count of SEND and RECEIVE, iss the ISS the
 * stack picks if the call sends a SYN. */
static inline struct tcp_event ev_call(enum tcp_call c, uint32_t n, uint32_t iss)
{
	struct tcp_event ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = TCP_EV_CALL;
	ev.call = c;
	ev.n = n;
	ev.iss = iss;
	return ev;
}

/* An arriving segment; len is the payload length (SEG.LEN without SYN, FIN). */
static inline struct tcp_event ev_seg(uint8_t flags, uint32_t seq, uint32_t ack,
				      uint32_t wnd, uint32_t len)
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

/* The same with the urgent pointer, the MSS option and the ISS the stack
 * would pick if the segment makes it send a SYN,ACK. */
static inline struct tcp_event ev_seg_full(uint8_t flags, uint32_t seq,
					   uint32_t ack, uint32_t wnd,
					   uint32_t len, uint16_t up,
					   uint16_t mss, uint32_t iss)
{
	struct tcp_event ev = ev_seg(flags, seq, ack, wnd, len);

	ev.seg.up = up;
	ev.seg.mss = mss;
	ev.iss = iss;
	return ev;
}

static inline struct tcp_event ev_timeout(enum tcp_timer t)
{
	struct tcp_event ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = TCP_EV_TIMEOUT;
	ev.timer = t;
	return ev;
}

/* ------------------------------------------------------------------ */
/* TCBs and steps                                                      */
/* ------------------------------------------------------------------ */

static inline const struct tcp_profile *prof(enum tcp_profile_id id)
{
	return tcp_profile_get(id);
}

/* tcp_tcb_default() into a zeroed struct (padding included). */
static inline struct tcp_tcb tcb_in(enum tcp_state s, enum tcp_profile_id id)
{
	struct tcp_tcb t;

	memset(&t, 0, sizeof t);
	tcp_tcb_default(s, prof(id), &t);
	return t;
}

/* After a test changes TCB fields by hand: re-derive the armed timers, as
 * a stack that reached this TCB would have them. */
static inline void tcb_rearm(struct tcp_tcb *t, enum tcp_profile_id id)
{
	t->timers = tcp_timers_for(t, prof(id));
}

/* One step with zeroed outputs. */
static inline int model_step(const struct tcp_tcb *t, struct tcp_event ev,
			     const struct tcp_profile *p, struct tcp_tcb *next,
			     struct tcp_result *out)
{
	memset(next, 0, sizeof *next);
	memset(out, 0, sizeof *out);
	return tcp_step(t, &ev, p, next, out);
}

/* Two TCBs equal field by field (padding ignored). */
static inline bool tcb_equal(const struct tcp_tcb *a, const struct tcp_tcb *b)
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

static inline bool seg_equal(const struct tcp_segment *a,
			     const struct tcp_segment *b)
{
	return a->flags == b->flags && a->seq == b->seq && a->ack == b->ack &&
	       a->wnd == b->wnd && a->up == b->up && a->mss == b->mss &&
	       a->len == b->len;
}

static inline bool result_equal(const struct tcp_result *a,
				const struct tcp_result *b)
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

/* tcpdump's letters: F S R P . U, "none" for no flag (shared/DESIGN.md). */
static inline const char *flags_str(uint8_t f, char buf[16])
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

static inline const char *timers_str(uint8_t m, char buf[64])
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

/* ------------------------------------------------------------------ */
/* Invariants (RFC 9293), shared by check_props.c and the fuzzer       */
/* ------------------------------------------------------------------ */

/*
 * The edges of the RFC 9293 state diagram (3.3.2, Figure 5), with the
 * transitions its notes and the text of 3.10 add, and the profile switches.
 *
 *   Figure 5:  CLOSED->LISTEN (passive OPEN), CLOSED->SYN-SENT (active OPEN),
 *              LISTEN->CLOSED (CLOSE), LISTEN->SYN-RECEIVED (rcv SYN),
 *              LISTEN->SYN-SENT (SEND), SYN-SENT->CLOSED (CLOSE),
 *              SYN-SENT->SYN-RECEIVED (rcv SYN), SYN-SENT->ESTABLISHED
 *              (rcv SYN,ACK), SYN-RECEIVED->LISTEN (rcv RST, note 1),
 *              SYN-RECEIVED->ESTABLISHED (rcv ACK of SYN),
 *              SYN-RECEIVED->FIN-WAIT-1 (CLOSE), ESTABLISHED->FIN-WAIT-1
 *              (CLOSE), ESTABLISHED->CLOSE-WAIT (rcv FIN),
 *              FIN-WAIT-1->FIN-WAIT-2 (rcv ACK of FIN), FIN-WAIT-1->CLOSING
 *              (rcv FIN), FIN-WAIT-2->TIME-WAIT (rcv FIN), CLOSE-WAIT->LAST-ACK
 *              (CLOSE), CLOSING->TIME-WAIT (rcv ACK of FIN),
 *              LAST-ACK->CLOSED (rcv ACK of FIN), TIME-WAIT->CLOSED (2MSL).
 *   Note 2:    FIN-WAIT-1->TIME-WAIT (FIN received, our FIN acknowledged).
 *   Note 3 and 3.10.5 ABORT, 3.10.7.4 RST, 3.10.8 user timeout, RFC 1122
 *              4.2.3.5 (R2) and 4.2.3.6 (keep-alive): any state -> CLOSED.
 *   3.10.1:    LISTEN->SYN-SENT also on an active OPEN.
 *   3.10.7.3:  SYN-SENT->CLOSE-WAIT: a SYN,ACK with FIN goes through
 *              ESTABLISHED and "continue[s] processing at the sixth step".
 *   3.10.7.4:  SYN-RECEIVED->LISTEN also on a SYN (passive OPEN);
 *              SYN-RECEIVED->CLOSE-WAIT: "SYN-RECEIVED STATE, ESTABLISHED
 *              STATE: Enter the CLOSE-WAIT state" on a FIN.
 *   3.10.4:    a CLOSE in SYN-RECEIVED with data pending is "queue[d] for
 *              processing after entering ESTABLISHED state": an ACK that
 *              carries a FIN can then take SYN-RECEIVED to CLOSING (queued
 *              CLOSE first) or LAST-ACK (the FIN first).
 *   Profiles:  TIME-WAIT->SYN-RECEIVED (RFC 9293 3.6.1 MAY-2, RFC 6191)
 *              where tw_accept_syn; FIN-WAIT-2->CLOSED on the FIN-WAIT-2
 *              timeout is already an edge to CLOSED.
 */
static inline bool model_edge_allowed(enum tcp_state from, enum tcp_state to,
				      const struct tcp_profile *p)
{
	if (from == to || to == TCP_CLOSED)
		return true;
	switch (from) {
	case TCP_CLOSED:
		return to == TCP_LISTEN || to == TCP_SYN_SENT;
	case TCP_LISTEN:
		return to == TCP_SYN_RECEIVED || to == TCP_SYN_SENT;
	case TCP_SYN_SENT:
		return to == TCP_SYN_RECEIVED || to == TCP_ESTABLISHED ||
		       to == TCP_CLOSE_WAIT;
	case TCP_SYN_RECEIVED:
		return to == TCP_LISTEN || to == TCP_ESTABLISHED ||
		       to == TCP_FIN_WAIT_1 || to == TCP_CLOSE_WAIT ||
		       to == TCP_CLOSING || to == TCP_LAST_ACK;
	case TCP_ESTABLISHED:
		return to == TCP_FIN_WAIT_1 || to == TCP_CLOSE_WAIT;
	case TCP_FIN_WAIT_1:
		return to == TCP_FIN_WAIT_2 || to == TCP_CLOSING ||
		       to == TCP_TIME_WAIT;
	case TCP_FIN_WAIT_2:
		return to == TCP_TIME_WAIT;
	case TCP_CLOSE_WAIT:
		return to == TCP_LAST_ACK;
	case TCP_CLOSING:
		return to == TCP_TIME_WAIT;
	case TCP_TIME_WAIT:
		return to == TCP_SYN_RECEIVED && p->tw_accept_syn;
	default:
		return false;
	}
}

/* a after b in sequence space, computed with 64-bit arithmetic (not with
 * the model's helpers): (a - b) mod 2^32 in 1 .. 2^31-1. */
static inline bool ref_seq_after(uint32_t a, uint32_t b)
{
	uint64_t d = ((uint64_t)a + 0x100000000ull - b) & 0xffffffffull;

	return d != 0 && d < 0x80000000ull;
}

static inline bool ref_seq_at_or_after(uint32_t a, uint32_t b)
{
	return a == b || ref_seq_after(a, b);
}

/*
 * What RFC 9293 says a TCB in each state holds (3.3.1, 3.3.2, 3.10), in
 * the model's representation.  Used to tell a TCB a stack can reach from
 * one the fuzzer made up; the state-preserving invariants apply to the
 * former only.  Before ESTABLISHED the numbers are exact (SND.UNA = ISS,
 * SND.NXT = ISS+1, RCV.NXT = IRS+1); after it only the FIN bookkeeping is
 * constrained, since a long connection takes SND.UNA and RCV.NXT any
 * distance from ISS and IRS.
 */
static inline bool model_tcb_consistent(const struct tcp_tcb *t,
					const struct tcp_profile *p)
{
	/* our FIN: sent after all the data, or still behind queued data */
	bool fin_pending = t->fin_queued &&
			   (t->fin_sent ? t->snd_queued == 0 &&
					  t->snd_una != t->snd_nxt
					: t->snd_queued > 0);
	bool fin_acked = t->fin_queued && t->fin_sent &&
			 t->snd_una == t->snd_nxt && t->snd_queued == 0;

	if (!tcp_tcb_valid(t) || t->timers != tcp_timers_for(t, p))
		return false;
	switch (t->state) {
	case TCP_CLOSED:
	case TCP_LISTEN:
		return t->snd_queued == 0 && !t->fin_queued && !t->fin_sent &&
		       !t->held;
	case TCP_SYN_SENT:
		return t->snd_una == t->iss && t->snd_nxt == t->iss + 1u &&
		       !t->fin_queued && !t->fin_sent && !t->held;
	case TCP_SYN_RECEIVED:
		return t->snd_una == t->iss && t->snd_nxt == t->iss + 1u &&
		       t->rcv_nxt == t->irs + 1u && !t->fin_sent &&
		       (!t->fin_queued || t->snd_queued > 0);
	case TCP_ESTABLISHED:
	case TCP_CLOSE_WAIT:
		return !t->fin_queued && !t->fin_sent;
	case TCP_FIN_WAIT_1:
	case TCP_CLOSING:
	case TCP_LAST_ACK:
		return fin_pending;
	case TCP_FIN_WAIT_2:
	case TCP_TIME_WAIT:
		return fin_acked;
	default:
		return false;
	}
}

/* The invariants, as bits of a set (a step may break several). */
enum model_inv {
	INV_RETURN = 0,     /* tcp_step returns 0 for valid input */
	INV_RULE,           /* out.rule names a rule, not R_NONE/R_INVALID_EVENT */
	INV_NEMIT,          /* at most TCP_MAX_EMIT segments, flags within 0x3f */
	INV_NEXT_VALID,     /* tcp_tcb_valid(next) */
	INV_UNA_LE_NXT,     /* SND.UNA =< SND.NXT (mod 2^32) */
	INV_TIMERS,         /* next.timers == tcp_timers_for(next) */
	INV_TIMER_DELTA,    /* arm within next.timers; cancel = old minus new */
	INV_RST_FOR_RST,    /* no RST in answer to a RST (3.10.7, 3.5.2) */
	INV_RST_MOVES,      /* a RST moves only to LISTEN or CLOSED (Fig. 5 note 3) */
	INV_ACK_BIT,        /* every non-RST segment but our first SYN has ACK */
	INV_RST_EMPTY,      /* a RST carries no data */
	INV_UNSYNC_EMITS,   /* CLOSED, LISTEN send only RST, SYN or SYN,ACK */
	INV_EDGE,           /* (old, new) is an edge of the diagram */
	INV_QUEUED,         /* CLOSED and TIME-WAIT hold no queued send data */
	INV_ESTABLISHED,    /* ESTABLISHED entered only with both SYNs acked */
	INV_CONSISTENT,     /* a reachable TCB steps to a reachable TCB */
	INV_DETERMINISM,    /* same input, same fields out */
	INV_DETERMINISM_BYTES, /* same input, byte-identical output */
	INV_INVALID,        /* an invalid input: -1, R_INVALID_EVENT, next == tcb */
	MODEL_NINV
};

static inline const char *model_inv_name(enum model_inv i)
{
	static const char *const names[MODEL_NINV] = {
		"tcp_step returns 0 for a valid input",
		"out.rule is a rule (not R_NONE, not R_INVALID_EVENT)",
		"nemit =< TCP_MAX_EMIT and emitted flags within 0x3f",
		"next TCB is valid (tcp_tcb_valid)",
		"SND.UNA =< SND.NXT (mod 2^32)",
		"next.timers == tcp_timers_for(next, profile)",
		"timers_arm within next.timers, timers_cancel == old - new",
		"no RST sent in answer to a segment carrying RST",
		"a RST moves the connection only to LISTEN or CLOSED",
		"every non-RST segment except our SYN carries ACK",
		"a RST carries no data",
		"CLOSED and LISTEN send only RST, SYN or SYN,ACK",
		"(old state, new state) is an edge of the RFC 9293 diagram",
		"CLOSED and TIME-WAIT hold no queued send data",
		"ESTABLISHED entered only with our SYN acked and theirs received",
		"a consistent TCB steps to a consistent TCB",
		"determinism: same input, same fields",
		"determinism: same input, byte-identical next and out",
		"invalid input: -1, R_INVALID_EVENT, next == tcb",
	};
	return (unsigned)i < MODEL_NINV ? names[i] : "?";
}

#define INV_BIT(i) (1u << (unsigned)(i))

/*
 * The invariants of one step (tcb, ev) -> (ret, next, out) under p, as a set
 * of broken ones (0 when all hold).  The ones that preserve what a state
 * holds are checked only when the input TCB is consistent.
 */
static inline uint32_t model_step_invariants(const struct tcp_tcb *tcb,
					     const struct tcp_event *ev,
					     const struct tcp_profile *p,
					     int ret,
					     const struct tcp_tcb *next,
					     const struct tcp_result *out)
{
	uint32_t bad = 0;
	bool consistent = model_tcb_consistent(tcb, p);
	bool rst_in = ev->kind == TCP_EV_SEGMENT && (ev->seg.flags & TCP_RST);
	enum tcp_state from = tcb->state, to = next->state;

	if (!tcp_tcb_valid(tcb) || !tcp_event_valid(ev)) {
		if (ret != -1 || out->rule != R_INVALID_EVENT ||
		    !tcb_equal(tcb, next) || out->nemit != 0)
			bad |= INV_BIT(INV_INVALID);
		return bad;
	}
	if (ret != 0)
		bad |= INV_BIT(INV_RETURN);
	if (out->rule == R_NONE || out->rule >= R_INVALID_EVENT)
		bad |= INV_BIT(INV_RULE);
	if (out->nemit > TCP_MAX_EMIT)
		return bad | INV_BIT(INV_NEMIT);
	if (!tcp_tcb_valid(next))
		bad |= INV_BIT(INV_NEXT_VALID);
	if (!ref_seq_at_or_after(next->snd_nxt, next->snd_una))
		bad |= INV_BIT(INV_UNA_LE_NXT);
	if (next->timers != tcp_timers_for(next, p))
		bad |= INV_BIT(INV_TIMERS);
	if ((out->timers_arm & ~next->timers) != 0 ||
	    out->timers_cancel != (uint8_t)(tcb->timers & ~next->timers))
		bad |= INV_BIT(INV_TIMER_DELTA);
	for (int i = 0; i < out->nemit; i++) {
		const struct tcp_segment *s = &out->emit[i];

		if (s->flags & ~TCP_FLAGS_ALL)
			bad |= INV_BIT(INV_NEMIT);
		if (rst_in && (s->flags & TCP_RST))
			bad |= INV_BIT(INV_RST_FOR_RST);
		if ((s->flags & TCP_RST) && s->len != 0)
			bad |= INV_BIT(INV_RST_EMPTY);
		if (!(s->flags & (TCP_RST | TCP_ACK)) &&
		    !(s->flags == TCP_SYN && to == TCP_SYN_SENT))
			bad |= INV_BIT(INV_ACK_BIT);
		if ((from == TCP_CLOSED || from == TCP_LISTEN) && consistent &&
		    !(s->flags & TCP_RST) && !(s->flags & TCP_SYN))
			bad |= INV_BIT(INV_UNSYNC_EMITS);
	}
	if (rst_in && from != to && to != TCP_CLOSED && to != TCP_LISTEN)
		bad |= INV_BIT(INV_RST_MOVES);
	if (!consistent)
		return bad;
	if (!model_edge_allowed(from, to, p))
		bad |= INV_BIT(INV_EDGE);
	if ((to == TCP_CLOSED || to == TCP_TIME_WAIT) && next->snd_queued != 0)
		bad |= INV_BIT(INV_QUEUED);
	if (from != TCP_ESTABLISHED && to == TCP_ESTABLISHED &&
	    !(ref_seq_after(next->snd_una, next->iss) &&
	      ref_seq_after(next->rcv_nxt, next->irs)))
		bad |= INV_BIT(INV_ESTABLISHED);
	if (!model_tcb_consistent(next, p))
		bad |= INV_BIT(INV_CONSISTENT);
	return bad;
}

/* Make the stack dirty between two calls, so that a struct copied with
 * uninitialized padding shows up in a byte comparison. */
static inline void model_scribble_stack(unsigned char pattern)
{
	volatile uint64_t junk[128];

	for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
		junk[i] = 0x0101010101010101ull * pattern + i;
}

/*
 * One step, checked: tcp_step twice on the same input with zeroed outputs
 * (memset, padding included) and a dirtied stack in between, then the
 * invariants.  Returns the set of broken invariants; *next and *out hold
 * the first call's answer.
 */
static inline uint32_t model_step_checked(const struct tcp_tcb *tcb,
					  const struct tcp_event *ev,
					  const struct tcp_profile *p,
					  struct tcp_tcb *next,
					  struct tcp_result *out)
{
	struct tcp_tcb next2;
	struct tcp_result out2;
	int ret, ret2;
	uint32_t bad;

	memset(next, 0, sizeof *next);
	memset(out, 0, sizeof *out);
	memset(&next2, 0, sizeof next2);
	memset(&out2, 0, sizeof out2);
	model_scribble_stack(0x5a);
	ret = tcp_step(tcb, ev, p, next, out);
	model_scribble_stack(0xc3);
	ret2 = tcp_step(tcb, ev, p, &next2, &out2);
	bad = model_step_invariants(tcb, ev, p, ret, next, out);
	if (ret != ret2 || !tcb_equal(next, &next2) || !result_equal(out, &out2))
		bad |= INV_BIT(INV_DETERMINISM);
	else if (memcmp(next, &next2, sizeof next2) != 0 ||
		 memcmp(out, &out2, sizeof out2) != 0)
		bad |= INV_BIT(INV_DETERMINISM_BYTES);
	return bad;
}

/* A one-line description of an input, for failure messages. */
static inline const char *model_describe(const struct tcp_tcb *t,
					 const struct tcp_event *ev,
					 const struct tcp_profile *p,
					 char *buf, size_t size)
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

/* ------------------------------------------------------------------ */
/* Check assertions                                                    */
/* ------------------------------------------------------------------ */
#ifndef MODEL_HELPERS_NO_CHECK
#include <check.h>

/* Run one step and require a 0 return. */
#define STEP(tcb, ev, pid, next, out)                                        \
	ck_assert_msg(model_step(&(tcb), (ev), prof(pid), &(next), &(out)) == 0, \
		      "tcp_step returned non-zero (rule %s)",                  \
		      tcp_rule_name((out).rule))

#define ASSERT_RULE(out, r)                                                  \
	ck_assert_msg((out).rule == (r), "rule: expected %s, got %s",          \
		      tcp_rule_name(r), tcp_rule_name((out).rule))

#define ASSERT_STATE(t, s)                                                   \
	ck_assert_msg((t).state == (s), "state: expected %s, got %s",          \
		      tcp_state_name(s), tcp_state_name((t).state))

#define ASSERT_NOTIFY(out, n)                                                \
	ck_assert_msg((out).notify == (n), "notify: expected \"%s\", got \"%s\"", \
		      tcp_notify_text(n), tcp_notify_text((out).notify))

#define ASSERT_NEMIT(out, n)                                                 \
	ck_assert_msg((out).nemit == (n), "segments sent: expected %d, got %d", \
		      (int)(n), (int)(out).nemit)

#define ASSERT_NO_SEG(out) ASSERT_NEMIT(out, 0)

/* Field `name` of a TCB or segment equals v (unsigned 32-bit). */
#define ASSERT_U32(expr, v)                                                  \
	ck_assert_msg((uint32_t)(expr) == (uint32_t)(v),                       \
		      "%s: expected %u, got %u", #expr, (unsigned)(uint32_t)(v), \
		      (unsigned)(uint32_t)(expr))

/* Segment i of out is <SEQ=seq><ACK=ack><CTL=flags> with len payload bytes. */
#define ASSERT_SEG(out, i, fl, sq, ak, ln)                                   \
	do {                                                                   \
		char e_[16], g_[16];                                           \
		const struct tcp_segment *s_ = &(out).emit[(i)];               \
		ck_assert_msg((int)(out).nemit > (int)(i),                     \
			      "segment %d: expected one, %d sent", (int)(i),   \
			      (int)(out).nemit);                               \
		ck_assert_msg(s_->flags == (uint8_t)(fl),                      \
			      "segment %d flags: expected %s, got %s", (int)(i), \
			      flags_str((uint8_t)(fl), e_),                    \
			      flags_str(s_->flags, g_));                       \
		ck_assert_msg(s_->seq == (uint32_t)(sq),                       \
			      "segment %d seq: expected %u, got %u", (int)(i), \
			      (unsigned)(uint32_t)(sq), (unsigned)s_->seq);    \
		ck_assert_msg(s_->ack == (uint32_t)(ak),                       \
			      "segment %d ack: expected %u, got %u", (int)(i), \
			      (unsigned)(uint32_t)(ak), (unsigned)s_->ack);    \
		ck_assert_msg(s_->len == (uint32_t)(ln),                       \
			      "segment %d len: expected %u, got %u", (int)(i), \
			      (unsigned)(uint32_t)(ln), (unsigned)s_->len);    \
	} while (0)

/* Exactly one segment sent, and it is this one. */
#define ASSERT_ONE_SEG(out, fl, sq, ak, ln)                                  \
	do {                                                                   \
		ASSERT_NEMIT(out, 1);                                          \
		ASSERT_SEG(out, 0, fl, sq, ak, ln);                            \
	} while (0)

/* The armed timers after the step are exactly mask. */
#define ASSERT_TIMERS(t, mask)                                               \
	do {                                                                   \
		char e_[64], g_[64];                                           \
		ck_assert_msg((t).timers == (uint8_t)(mask),                   \
			      "timers: expected %s, got %s",                   \
			      timers_str((uint8_t)(mask), e_),                 \
			      timers_str((t).timers, g_));                     \
	} while (0)

#define ASSERT_ARMS(out, timer)                                              \
	ck_assert_msg((out).timers_arm & TCP_TIMER_BIT(timer),                 \
		      "timer %s: expected (re)started, timers_arm=0x%x",      \
		      tcp_timer_name(timer), (unsigned)(out).timers_arm)

#define ASSERT_CANCELS(out, timer)                                           \
	ck_assert_msg((out).timers_cancel & TCP_TIMER_BIT(timer),              \
		      "timer %s: expected cancelled, timers_cancel=0x%x",     \
		      tcp_timer_name(timer), (unsigned)(out).timers_cancel)

/* The TCB did not change at all (the timers included). */
#define ASSERT_TCB_UNCHANGED(before, after)                                  \
	ck_assert_msg(tcb_equal(&(before), &(after)),                          \
		      "TCB changed, expected it unchanged")

/*
 * A scripted exchange: each step is an event and what must follow from it.
 * nemit < 0 leaves the segments unchecked; otherwise exactly nemit segments
 * are sent and, when nemit > 0, the first is <flags, seq, ack, len>.
 */
struct model_script_step {
	const char *what;
	struct tcp_event ev;
	enum tcp_state state;
	enum tcp_rule rule;
	int nemit;
	uint8_t flags;
	uint32_t seq, ack, len;
};

#define SCRIPT_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Run the steps from *t under profile pid; *t is the TCB after the last. */
static inline void model_run_script(struct tcp_tcb *t,
				    const struct model_script_step *steps,
				    size_t n, enum tcp_profile_id pid)
{
	for (size_t i = 0; i < n; i++) {
		const struct model_script_step *st = &steps[i];
		struct tcp_tcb next;
		struct tcp_result out;
		char e[16], g[16];
		int ret = model_step(t, st->ev, prof(pid), &next, &out);

		ck_assert_msg(ret == 0, "%s step %zu (%s): tcp_step returned %d",
			      tcp_profile_name(pid), i, st->what, ret);
		ck_assert_msg(next.state == st->state,
			      "%s step %zu (%s): state: expected %s, got %s",
			      tcp_profile_name(pid), i, st->what,
			      tcp_state_name(st->state),
			      tcp_state_name(next.state));
		ck_assert_msg(st->rule == R_NONE || out.rule == st->rule,
			      "%s step %zu (%s): rule: expected %s, got %s",
			      tcp_profile_name(pid), i, st->what,
			      tcp_rule_name(st->rule), tcp_rule_name(out.rule));
		if (st->nemit >= 0)
			ck_assert_msg(out.nemit == st->nemit,
				      "%s step %zu (%s): segments sent: "
				      "expected %d, got %d",
				      tcp_profile_name(pid), i, st->what,
				      st->nemit, out.nemit);
		if (st->nemit > 0) {
			const struct tcp_segment *s = &out.emit[0];

			ck_assert_msg(s->flags == st->flags && s->seq == st->seq &&
				      s->ack == st->ack && s->len == st->len,
				      "%s step %zu (%s): expected %s seq=%u "
				      "ack=%u len=%u, got %s seq=%u ack=%u len=%u",
				      tcp_profile_name(pid), i, st->what,
				      flags_str(st->flags, e), st->seq, st->ack,
				      st->len, flags_str(s->flags, g), s->seq,
				      s->ack, s->len);
		}
		*t = next;
	}
}

/* Run a suite; the exit status main() returns. */
static inline int model_run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}

#endif /* MODEL_HELPERS_NO_CHECK */

#endif
