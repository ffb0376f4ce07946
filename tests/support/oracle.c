/*
 * oracle.c - what RFC 9293 allows a step of tcp_step to do (oracle.h).
 */
#include "oracle.h"

#include <stddef.h>
#include <string.h>

#include "events.h"

bool model_edge_allowed(enum tcp_state from, enum tcp_state to,
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

bool ref_seq_after(uint32_t a, uint32_t b)
{
	uint64_t d = ((uint64_t)a + 0x100000000ull - b) & 0xffffffffull;

	return d != 0 && d < 0x80000000ull;
}

bool ref_seq_at_or_after(uint32_t a, uint32_t b)
{
	return a == b || ref_seq_after(a, b);
}

bool model_tcb_consistent(const struct tcp_tcb *t, const struct tcp_profile *p)
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

/* spec/tcb.acsl's TcbInvariant, written again in C from the same RFC
 * sentences (not from the model's code): the precondition under which
 * tcp_step's contract promises TcbInvariant of the next TCB. */
static bool no_connection(enum tcp_state s)
{
	return s == TCP_CLOSED || s == TCP_LISTEN;
}

static bool user_closed(enum tcp_state s)
{
	return s == TCP_FIN_WAIT_1 || s == TCP_FIN_WAIT_2 || s == TCP_CLOSING ||
	       s == TCP_LAST_ACK || s == TCP_TIME_WAIT;
}

static bool send_invariant(const struct tcp_tcb *t)
{
	bool nothing_pending = t->snd_queued == 0 && t->snd_una == t->snd_nxt;
	enum tcp_state s = t->state;

	if ((uint64_t)(uint32_t)(t->snd_nxt - t->snd_una) > (uint64_t)TCP_MAX_WND + 1 + t->fin_sent)
		return false; /* 3.3.1: SND.UNA =< SND.NXT within a window and our FIN */
	if (no_connection(s) && !(nothing_pending && !t->fin_queued && !t->fin_sent))
		return false;
	if (s == TCP_TIME_WAIT && !nothing_pending)
		return false;
	if ((s == TCP_SYN_SENT || s == TCP_SYN_RECEIVED) &&
	    !(t->snd_una == t->iss && t->snd_nxt == t->iss + 1 && !t->fin_sent))
		return false; /* 3.10.1, 3.10.7.2: only our SYN is sent */
	if ((s == TCP_SYN_SENT || s == TCP_ESTABLISHED || s == TCP_CLOSE_WAIT) && t->fin_queued)
		return false;
	if (user_closed(s) && !t->fin_queued)
		return false; /* 3.10.4: after CLOSE a FIN is queued */
	if (t->fin_sent && !(t->fin_queued && t->snd_queued == 0 && user_closed(s)))
		return false;
	if ((s == TCP_FIN_WAIT_2 || s == TCP_TIME_WAIT) &&
	    !(t->fin_sent && t->snd_una == t->snd_nxt))
		return false; /* 3.10.7.4: our FIN acknowledged */
	return true;
}

static bool receive_invariant(const struct tcp_tcb *t)
{
	if ((uint64_t)t->rcv_wnd + t->rcv_unread > 0xffffffffu)
		return false;
	if (t->held && (uint64_t)(uint32_t)(t->held_seq - t->rcv_nxt) + t->held_len > t->rcv_wnd)
		return false; /* SHLD-31: held text lies within the window */
	if (!t->held && (t->held_len != 0 || t->held_fin))
		return false;
	return !((no_connection(t->state) || t->state == TCP_SYN_SENT) && t->held);
}

bool model_tcb_invariant(const struct tcp_tcb *t)
{
	return tcp_tcb_valid(t) && send_invariant(t) && receive_invariant(t);
}

const char *model_inv_name(enum model_inv i)
{
	static const char *const names[MODEL_NINV] = {
		"tcp_step returns 0 for a valid input",
		"out.rule is a rule (not R_NONE, not R_INVALID_EVENT)",
		"nemit =< TCP_MAX_EMIT and emitted flags within 0x3f",
		"an invariant TCB steps to an invariant TCB (TcbInvariant)",
		"SND.UNA =< SND.NXT (mod 2^32) after a step from an invariant TCB",
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
		"every segment sent has LEN and WND within 2^30 (SegmentBounds)",
	};
	return (unsigned)i < MODEL_NINV ? names[i] : "?";
}

uint32_t model_step_invariants(const struct tcp_tcb *tcb,
			       const struct tcp_event *ev,
			       const struct tcp_profile *p, int ret,
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
	/* tcp_step's contract: TcbInvariant(tcb) ==> TcbInvariant(next); a
	 * valid TCB that breaks the invariant (one no run reaches) is promised
	 * only the other clauses */
	if (model_tcb_invariant(tcb) && !model_tcb_invariant(next))
		bad |= INV_BIT(INV_NEXT_VALID);
	if (model_tcb_invariant(tcb) && !ref_seq_at_or_after(next->snd_nxt, next->snd_una))
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
		/* tcp_step's no_rst_for_rst, with its profile exception */
		if (rst_in && (s->flags & TCP_RST) && !p->rst_answers_rst)
			bad |= INV_BIT(INV_RST_FOR_RST);
		if ((s->flags & TCP_RST) && s->len != 0)
			bad |= INV_BIT(INV_RST_EMPTY);
		if (s->len > TCP_MAX_WND || s->wnd > TCP_MAX_WND)
			bad |= INV_BIT(INV_SEG_BOUNDS);
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
static void model_scribble_stack(unsigned char pattern)
{
	volatile uint64_t junk[128];

	for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
		junk[i] = 0x0101010101010101ull * pattern + i;
}

uint32_t model_step_checked(const struct tcp_tcb *tcb,
			    const struct tcp_event *ev,
			    const struct tcp_profile *p, struct tcp_tcb *next,
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
