/*
 * tcp_data.c - sixth, seventh and eighth checks of RFC 9293 3.10.7.4 (and
 * 3.10.7.3 after a SYN,ACK): the URG bit, the segment text, the FIN bit.
 */
#include "tcp_impl.h"

/* The text rules name the step unless the ACK check already changed the
 * state (the rule that moved the connection is the one reported). */
/*@ requires out_valid: \valid(out);
    assigns out->rule; */
static void note(struct tcp_result *out, enum tcp_rule r)
{
	if (out->rule == R_NONE || out->rule == R_3_10_7_4_ACK ||
	    out->rule == R_3_10_7_4_ACK_DUPLICATE ||
	    out->rule == R_3_10_7_4_TIME_WAIT_ACK ||
	    out->rule == R_3_10_7_4_LAST_ACK_NOT_ACKED)
		out->rule = r;
}

/*@ assigns \nothing;
    ensures \result <==> ReceivesText(s); */
static bool receives_text(enum tcp_state s)
{
	return s == TCP_ESTABLISHED || s == TCP_FIN_WAIT_1 || s == TCP_FIN_WAIT_2;
}

/* Sixth: "If the URG bit is set, RCV.UP <- max(RCV.UP,SEG.UP), and signal
 * the user that the remote side has urgent data" (3.10.7.4, MUST-30/31). */
/*@ assigns \nothing;
    ensures kept: \result.state == t.state && SameSend(\result, t) &&
      SameOptions(\result, t) &&
      \result.timers == t.timers && SameReceiveQueue(\result, t);
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
static struct tcp_tcb urgent(struct tcp_tcb t, struct tcp_segment s)
{
	uint32_t up;

	if (!(s.flags & TCP_URG) || !receives_text(t.state))
		return t;
	/* "a positive offset from the sequence number in this segment" (3.1) */
	up = seq_add(s.seq, s.up);
	if (seq_gt(up, t.rcv_up))
		t.rcv_up = up;
	return t;
}

/* Seventh: "Once in the ESTABLISHED state, it is possible to deliver segment
 * data to user RECEIVE buffers ... Once the TCP endpoint takes
 * responsibility for the data, it advances RCV.NXT over the data accepted,
 * and adjusts RCV.WND as appropriate ... Send an acknowledgment of the form
 * <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>".  Bytes before RCV.NXT are trimmed,
 * bytes beyond the window are not accepted; a segment that begins beyond
 * RCV.NXT is held for later (tcp_hold) and RCV.NXT acknowledged. */
/*@ requires out_valid: \valid(out) && \valid(need_ack);
    requires separated: \separated(out, need_ack);
    assigns out->rule, *need_ack;
    ensures kept: \result.state == t.state && SameSend(\result, t) &&
      SameOptions(\result, t) &&
      \result.timers == t.timers && \result.irs == t.irs &&
      \result.rcv_up == t.rcv_up;
    ensures receive: ReceiveAdvance(t, \result);
    ensures receiving: !SameHeld(\result, t) || \result.rcv_wnd != t.rcv_wnd ==>
      TakesText(p, t.state);
    ensures held: SameHeld(\result, t) ||
      (\result.rcv_nxt == t.rcv_nxt && \result.rcv_wnd == t.rcv_wnd &&
       \result.rcv_unread == t.rcv_unread && (HeldOk(t) ==> HeldOk(\result)));
    ensures in_order: s.len > 0 && TakesText(p, t.state) &&
      !SeqGt(first, t.rcv_nxt) ==> TakesIn(t, first, s.len, \result);
    ensures gap: s.len == 0 || !TakesText(p, t.state) ||
      SeqGt(first, t.rcv_nxt) ==>
        \result.rcv_nxt == t.rcv_nxt && \result.rcv_wnd == t.rcv_wnd; */
static struct tcp_tcb text(struct tcp_tcb t, struct tcp_segment s,
			   uint32_t first, struct tcp_profile p,
			   struct tcp_result *out, bool *need_ack)
{
	uint32_t end, accept;

	if (s.len == 0)
		return t;
	if (!receives_text(t.state) &&
	    !(p.text_after_fin && (t.state == TCP_CLOSE_WAIT ||
				   t.state == TCP_CLOSING ||
				   t.state == TCP_LAST_ACK))) {
		/* "This should not occur since a FIN has been received from
		 * the remote side.  Ignore the segment text." */
		note(out, R_3_10_7_4_TEXT_IGNORED);
		return t;
	}
	*need_ack = true;
	if (seq_gt(first, t.rcv_nxt)) {
		/* "Segments with higher beginning sequence numbers SHOULD be
		 * held for later processing (SHLD-31)." */
		t = tcp_hold(t, first, s.len, (s.flags & TCP_FIN) != 0);
		note(out, R_3_10_7_4_TEXT_OUT_OF_ORDER);
		return t;
	}
	end = seq_add(first, s.len);
	accept = seq_gt(end, t.rcv_nxt) ? seq_dist(end, t.rcv_nxt) : 0;
	accept = tcp_min32(accept, t.rcv_wnd);
	t.rcv_nxt = seq_add(t.rcv_nxt, accept);
	t.rcv_wnd -= accept;
	t.rcv_unread = accept > UINT32_MAX - t.rcv_unread ? UINT32_MAX
							  : t.rcv_unread + accept;
	note(out, R_3_10_7_4_TEXT);
	return t;
}

/*
 * Hold [first, first+len) for later, clipped to the receive window; the
 * FIN is held only with the segment's last byte.  The model holds one
 * range: a second one that neither touches nor overlaps it is not held
 * (the peer retransmits it).
 */
struct tcp_tcb tcp_hold(struct tcp_tcb t, uint32_t first, uint32_t len, bool fin)
{
	uint32_t off = seq_dist(first, t.rcv_nxt), keep, end, hoff, hend;

	if (off >= t.rcv_wnd)
		return t;
	keep = tcp_min32(len, t.rcv_wnd - off);
	fin = fin && keep == len;
	end = off + keep;
	if (!t.held) {
		t.held = true;
		t.held_seq = first;
		t.held_len = keep;
		t.held_fin = fin;
		return t;
	}
	hoff = seq_dist(t.held_seq, t.rcv_nxt);
	hend = hoff + t.held_len;
	if (off > hend || end < hoff || hoff >= t.rcv_wnd)
		return t;
	if (end >= hend)
		t.held_fin = fin || (end == hend && t.held_fin);
	if (off < hoff) {
		t.held_seq = first;
		hoff = off;
	}
	t.held_len = (end > hend ? end : hend) - hoff;
	return t;
}

/* Once RCV.NXT reaches the held range, it is taken in; true when the held
 * FIN is now next in sequence. */
/*@ requires out_valid: \valid(fin_next) && \valid(took) &&
      \separated(fin_next, took);
    assigns *fin_next, *took;
    ensures kept: \result.state == t.state && SameSend(\result, t) &&
      SameOptions(\result, t) &&
      \result.timers == t.timers && \result.irs == t.irs &&
      \result.rcv_up == t.rcv_up;
    ensures receive: ReceiveAdvance(t, \result);
    ensures taken_or_kept:
      (!\result.held && \result.held_len == 0 && !\result.held_fin) ||
      (SameHeld(\result, t) && \result.rcv_nxt == t.rcv_nxt &&
       \result.rcv_wnd == t.rcv_wnd && \result.rcv_unread == t.rcv_unread &&
       !(t.held && TakesText(p, t.state) && !SeqGt(t.held_seq, t.rcv_nxt)));
    ensures contiguous: t.held && TakesText(p, t.state) &&
      !SeqGt(t.held_seq, t.rcv_nxt) ==>
        TakesIn(t, t.held_seq, t.held_len, \result) && !\result.held;
    ensures gap: !t.held || !TakesText(p, t.state) ||
      SeqGt(t.held_seq, t.rcv_nxt) ==>
        \result.rcv_nxt == t.rcv_nxt && SameHeld(\result, t); */
static struct tcp_tcb absorb(struct tcp_tcb t, struct tcp_profile p,
			     bool *fin_next, bool *took)
{
	uint32_t end, extra;

	*fin_next = false;
	*took = false;
	if (!t.held || seq_gt(t.held_seq, t.rcv_nxt) ||
	    (!receives_text(t.state) &&
	     !(p.text_after_fin && (t.state == TCP_CLOSE_WAIT ||
				    t.state == TCP_CLOSING ||
				    t.state == TCP_LAST_ACK))))
		return t;
	end = seq_add(t.held_seq, t.held_len);
	extra = seq_gt(end, t.rcv_nxt) ? tcp_min32(seq_dist(end, t.rcv_nxt), t.rcv_wnd) : 0;
	t.rcv_nxt = seq_add(t.rcv_nxt, extra);
	t.rcv_wnd -= extra;
	t.rcv_unread = extra > UINT32_MAX - t.rcv_unread ? UINT32_MAX : t.rcv_unread + extra;
	*fin_next = t.held_fin && end == t.rcv_nxt;
	*took = extra > 0;
	t.held = false;
	t.held_fin = false;
	t.held_seq = 0;
	t.held_len = 0;
	return t;
}

/* Eighth: the FIN bit, processed only once everything before it is in. */
/*@ requires out_valid: \valid(out) && \valid(need_ack) &&
      \separated(out, need_ack);
    assigns out->rule, out->notify, out->timers_arm, *need_ack;
    ensures step: \result.state == t.state || FinEdge(t.state, \result.state);
    ensures fin_wait_1_to_time_wait: t.state == TCP_FIN_WAIT_1 &&
      \result.state == TCP_TIME_WAIT ==> t.fin_sent && t.snd_una == t.snd_nxt;
    ensures kept: SameSend(\result, t) && SameOptions(\result, t) &&
      \result.timers == t.timers &&
      \result.irs == t.irs;
    ensures invariant: TcbInvariant(t) && t.state != TCP_SYN_RECEIVED ==>
      TcbInvariant(\result);
    ensures fin_in: fin_seq == t.rcv_nxt && FirstFin(t.state) ==>
      \result.rcv_nxt == SeqAdd(t.rcv_nxt, 1) && *need_ack &&
      out->notify == TCP_N_REMOTE_CLOSE;
    ensures fin_acked_again: fin_seq == t.rcv_nxt &&
      (ack_again || FirstFin(t.state) || t.state == TCP_TIME_WAIT) ==> *need_ack;
    ensures fin_again_silent: fin_seq == t.rcv_nxt && !ack_again &&
      !FirstFin(t.state) && t.state != TCP_TIME_WAIT ==>
        *need_ack == \old(*need_ack);
    ensures time_wait_restart: fin_seq == t.rcv_nxt &&
      t.state == TCP_TIME_WAIT ==>
        (out->timers_arm & TCP_TIMER_BIT(TCP_T_TIME_WAIT)) != 0;
    ensures fin_not_news: fin_seq != t.rcv_nxt || !FirstFin(t.state) ==>
      \result.rcv_nxt == t.rcv_nxt && \result.state == t.state &&
      out->notify == \old(out->notify); */
static struct tcp_tcb fin(struct tcp_tcb t, uint32_t fin_seq, bool ack_again,
			  struct tcp_result *out, bool *need_ack)
{
	bool first_fin = t.state == TCP_SYN_RECEIVED ||
			 t.state == TCP_ESTABLISHED ||
			 t.state == TCP_FIN_WAIT_1 || t.state == TCP_FIN_WAIT_2;

	if (fin_seq != t.rcv_nxt)
		return t;
	if (!first_fin) {
		/* CLOSE-WAIT, CLOSING, LAST-ACK: "Remain in the ... state";
		 * TIME-WAIT: "Remain in the TIME-WAIT state.  Restart the 2 MSL
		 * time-wait timeout." */
		if (t.state == TCP_TIME_WAIT) {
			*need_ack = true;
			out->timers_arm |= TCP_TIMER_BIT(TCP_T_TIME_WAIT);
			note(out, R_3_10_7_4_FIN_TIME_WAIT_RESTART);
		} else {
			/* fin_again_silent (Linux): no ACK for it */
			if (ack_again)
				*need_ack = true;
			note(out, R_3_10_7_4_FIN_AGAIN);
		}
		return t;
	}
	*need_ack = true;
	/* "signal the user "connection closing" and return any pending
	 * RECEIVEs with same message, advance RCV.NXT over the FIN, and send
	 * an acknowledgment for the FIN." */
	t.rcv_nxt = seq_add(t.rcv_nxt, 1);
	/* nothing follows the FIN: text held beyond it is void */
	t.held = false;
	t.held_fin = false;
	t.held_seq = 0;
	t.held_len = 0;
	out->notify = TCP_N_REMOTE_CLOSE;
	if (t.state == TCP_FIN_WAIT_1 && !tcp_fin_acked(t)) {
		t.state = TCP_CLOSING;
		out->rule = R_3_10_7_4_FIN_CLOSING;
	} else if (t.state == TCP_FIN_WAIT_1 || t.state == TCP_FIN_WAIT_2) {
		/* "Enter the TIME-WAIT state.  Start the time-wait timer, turn
		 * off the other timers." */
		t.state = TCP_TIME_WAIT;
		out->timers_arm |= TCP_TIMER_BIT(TCP_T_TIME_WAIT);
		out->rule = R_3_10_7_4_FIN_TIME_WAIT;
	} else {
		t.state = TCP_CLOSE_WAIT;
		out->rule = R_3_10_7_4_FIN_CLOSE_WAIT;
	}
	return t;
}

struct tcp_tcb tcp_seg_text_fin(struct tcp_tcb t, struct tcp_segment s,
				bool text_allowed, struct tcp_profile p,
				struct tcp_result *out, bool *need_ack)
{
	uint32_t first = seq_add(s.seq, (s.flags & TCP_SYN) ? 1u : 0u);
	bool held_fin, took;

	*need_ack = false;
	t = urgent(t, s);
	//@ ghost struct tcp_tcb u = t;
	if (text_allowed)
		t = text(t, s, first, p, out, need_ack);
	else if (s.len > 0 || (s.flags & TCP_FIN))
		/* RCV.WND = 0: "it must still send an acknowledgment showing
		 * its next expected sequence number" (3.8.6.1) */
		*need_ack = true;
	//@ ghost struct tcp_tcb v = t;
	t = absorb(t, p, &held_fin, &took);
	/*@ assert held_kept: TcbInvariant(u) && u.state != TCP_SYN_RECEIVED ==>
	      HeldOk(t); */
	//@ assert send_kept: SendInvariant(u) ==> SendInvariant(t);
	//@ assert window_kept: t.rcv_wnd <= u.rcv_wnd;
	/*@ assert valid_kept: TcbInvariant(u) && u.state != TCP_SYN_RECEIVED ==>
	      ValidTcb(t); */
	/*@ assert receive_kept: TcbInvariant(u) && u.state != TCP_SYN_RECEIVED ==>
	      ReceiveInvariant(t); */
	/*@ assert text_kept: TcbInvariant(u) && u.state != TCP_SYN_RECEIVED ==>
	      TcbInvariant(t); */
	if (took)
		*need_ack = true;
	if ((s.flags & TCP_FIN) && text_allowed)
		t = fin(t, seq_add(first, s.len), !p.fin_again_silent, out, need_ack);
	else if (held_fin)
		t = fin(t, t.rcv_nxt, !p.fin_again_silent, out, need_ack);
	return t;
}
