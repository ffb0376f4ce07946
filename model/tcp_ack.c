/*
 * tcp_ack.c - fifth check of RFC 9293 3.10.7.4: the ACK field, with the
 * RFC 5961 5.2 mitigation as a profile switch.
 */
#include "tcp_impl.h"

/* "If SND.UNA =< SEG.ACK =< SND.NXT, the send window should be updated.
 * If (SND.WL1 < SEG.SEQ or (SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK)),
 * set SND.WND <- SEG.WND, set SND.WL1 <- SEG.SEQ, and set SND.WL2 <- SEG.ACK." */
/*@ assigns \nothing;
    ensures kept: \result.state == t.state && SameReceive(\result, t) &&
      SameOptions(\result, t) && \result.iss == t.iss &&
      \result.snd_una == t.snd_una && \result.snd_nxt == t.snd_nxt &&
      \result.snd_up == t.snd_up && \result.snd_mss == t.snd_mss &&
      \result.snd_queued == t.snd_queued &&
      \result.fin_queued == t.fin_queued && \result.fin_sent == t.fin_sent &&
      \result.timers == t.timers;
    ensures window: (\result.snd_wnd == t.snd_wnd ||
                     \result.snd_wnd == s.wnd) &&
      (\result.max_snd_wnd == t.max_snd_wnd ||
       \result.max_snd_wnd == s.wnd);
    ensures rule: WindowRule(t, s, \result); */
static struct tcp_tcb window_update(struct tcp_tcb t, struct tcp_segment s)
{
	if (!(seq_le(t.snd_una, s.ack) && seq_le(s.ack, t.snd_nxt)))
		return t;
	if (seq_lt(t.snd_wl1, s.seq) ||
	    (t.snd_wl1 == s.seq && seq_le(t.snd_wl2, s.ack))) {
		t.snd_wnd = s.wnd;
		t.snd_wl1 = s.seq;
		t.snd_wl2 = s.ack;
		if (s.wnd > t.max_snd_wnd)
			t.max_snd_wnd = s.wnd;
	}
	return t;
}

/* SYN-RECEIVED: "If SND.UNA < SEG.ACK =< SND.NXT, then enter ESTABLISHED
 * state and continue processing with the variables below set to:
 * SND.WND <- SEG.WND, SND.WL1 <- SEG.SEQ, SND.WL2 <- SEG.ACK.  If the
 * segment acknowledgment is not acceptable, form a reset segment
 * <SEQ=SEG.ACK><CTL=RST> and send it." */
/*@ requires s_valid: SegmentBounds(s) && HasAck(s);
    requires out_valid: \valid(out) && \valid(drop);
    requires separated: \separated(out, drop);
    requires fresh: out->nemit == 0;
    requires state: t.state == TCP_SYN_RECEIVED;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->notify, *drop;
    behavior bad_ack:
      assumes SynReceivedBadAck(t, s);
      ensures reset: *drop && out->nemit == 1 &&
        RstForAck(p, out->emit[0], s) && SameTcb(\result, t) &&
        \result.timers == t.timers;
      ensures rst: (out->emit[0].flags & TCP_RST) != 0;
    behavior established:
      assumes !SynReceivedBadAck(t, s);
      ensures nothing_sent: out->nemit == 0;
      ensures moved: \result.state ==
        (t.fin_queued ? TCP_FIN_WAIT_1 : TCP_ESTABLISHED);
      ensures window: \result.snd_wnd == s.wnd &&
        (\result.max_snd_wnd == t.max_snd_wnd ||
         \result.max_snd_wnd == s.wnd);
      ensures window_from: WindowFrom(s, \result);
      ensures kept: SameReceive(\result, t) && SameOptions(\result, t) &&
        \result.iss == t.iss && \result.snd_una == t.snd_una &&
        \result.snd_nxt == t.snd_nxt && \result.snd_up == t.snd_up &&
        \result.snd_mss == t.snd_mss && \result.snd_queued == t.snd_queued &&
        \result.fin_queued == t.fin_queued && \result.fin_sent == t.fin_sent &&
        \result.timers == t.timers;
      ensures invariant: SegmentBounds(s) && TcbInvariant(t) ==>
        TcbInvariant(\result);
    complete behaviors;
    disjoint behaviors; */
static struct tcp_tcb syn_received_ack(struct tcp_tcb t,
				       struct tcp_segment s,
				       struct tcp_profile p,
				       struct tcp_result *out, bool *drop)
{
	if (!tcp_ack_acceptable(t, s.ack)) {
		tcp_emit_reset_for(s, p, out);
		out->rule = R_3_10_7_4_SYN_RECEIVED_BAD_ACK;
		*drop = true;
		return t;
	}
	/* a CLOSE queued in SYN-RECEIVED: "in any case, enter FIN-WAIT-1" */
	t.state = t.fin_queued ? TCP_FIN_WAIT_1 : TCP_ESTABLISHED;
	t.snd_wnd = s.wnd;
	t.snd_wl1 = s.seq;
	t.snd_wl2 = s.ack;
	if (s.wnd > t.max_snd_wnd)
		t.max_snd_wnd = s.wnd;
	out->notify = TCP_N_ESTABLISHED;
	out->rule = R_3_10_7_4_SYN_RECEIVED_ACK;
	return t;
}

/* After SND.UNA moved: the state changes that an ACK of our FIN makes. */
/*@ requires out_valid: \valid(out) && \valid(drop) && \separated(out, drop);
    requires fresh: out->nemit == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->timers_arm, *drop;
    ensures at_most_one: out->nemit <= 1;
    ensures no_rst: (out->nemit == 0 || (out->emit[0].flags & TCP_RST) == 0);
    ensures sent_only_when_dropped: out->nemit == 1 ==> *drop;
    ensures not_dropped: *drop || \old(*drop) == *drop;
    ensures step: \result.state == t.state || AckEdge(t.state, \result.state);
    ensures moved_when_fin_acked: \result.state != t.state ==>
      t.fin_sent && t.snd_una == t.snd_nxt;
    ensures close_kept: \result.state != TCP_CLOSED ==>
      \result.fin_queued == t.fin_queued;
    ensures una_kept: \result.state != TCP_CLOSED ==>
      \result.snd_una == t.snd_una;
    ensures fin_sent_kept: t.state != TCP_CLOSING &&
      \result.state != TCP_CLOSED ==> \result.fin_sent == t.fin_sent;
    ensures window_kept: \result.state != TCP_CLOSED ==>
      SameWindow(\result, t);
    ensures rto_kept:
      (\old(out->timers_arm) & TCP_TIMER_BIT(TCP_T_RETRANSMIT)) != 0 ==>
        (out->timers_arm & TCP_TIMER_BIT(TCP_T_RETRANSMIT)) != 0;
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
static struct tcp_tcb fin_acked_moves(struct tcp_tcb t, struct tcp_result *out,
				      bool *drop)
{
	if (t.state == TCP_FIN_WAIT_1) {
		/* "if the FIN segment is now acknowledged, then enter
		 * FIN-WAIT-2 and continue processing in that state" */
		if (tcp_fin_acked(t)) {
			t.state = TCP_FIN_WAIT_2;
			out->rule = R_3_10_7_4_FIN_WAIT_1_ACKED;
		}
		return t;
	}
	if (t.state == TCP_CLOSING) {
		/* "if the ACK acknowledges our FIN, then enter the TIME-WAIT
		 * state; otherwise, ignore the segment." */
		if (tcp_fin_acked(t)) {
			t.state = TCP_TIME_WAIT;
			out->rule = R_3_10_7_4_CLOSING_ACKED;
			out->timers_arm |= TCP_TIMER_BIT(TCP_T_TIME_WAIT);
			return t;
		}
		/* the ESTABLISHED processing (window update) still sends
		 * what the window now allows */
		out->rule = R_3_10_7_4_CLOSING_NOT_ACKED;
		*drop = true;
		return tcp_output(t, out);
	}
	if (t.state == TCP_LAST_ACK) {
		/* "If our FIN is now acknowledged, delete the TCB, enter the
		 * CLOSED state, and return." */
		if (tcp_fin_acked(t)) {
			out->rule = R_3_10_7_4_LAST_ACK_ACKED;
			*drop = true;
			return tcp_tcb_deleted(t);
		}
		out->rule = R_3_10_7_4_LAST_ACK_NOT_ACKED;
		return t;
	}
	return t;
}

struct tcp_tcb tcp_seg_ack(struct tcp_tcb t, struct tcp_segment s,
			   struct tcp_profile p, struct tcp_result *out,
			   bool *drop)
{
	*drop = false;
	if (t.state == TCP_SYN_RECEIVED) {
		t = syn_received_ack(t, s, p, out, drop);
		if (*drop)
			return t;
	} else if (t.state == TCP_TIME_WAIT) {
		/* "The only thing that can arrive in this state is a
		 * retransmission of the remote FIN." (handled with the FIN) */
		out->rule = R_3_10_7_4_TIME_WAIT_ACK;
		return t;
	}
	//@ assert synchronized: TcbInvariant(\at(t, Pre)) ==> TcbInvariant(t);
	if (seq_gt(s.ack, t.snd_nxt)) {
		/* "If the ACK acks something not yet sent (SEG.ACK > SND.NXT),
		 * then send an ACK, drop the segment, and return." */
		if (!p.ack_unsent_silent)
			tcp_emit_ack_for(t, p, out);
		out->rule = R_3_10_7_4_ACK_UNSENT;
		*drop = true;
		return t;
	}
	if (p.ack_check_5961 &&
	    seq_lt(s.ack, seq_sub(t.snd_una, t.max_snd_wnd))) {
		/* RFC 5961 5.2: "All incoming segments whose ACK value doesn't
		 * satisfy the above condition MUST be discarded and an ACK
		 * sent back." */
		tcp_emit_ack_for(t, p, out);
		out->rule = R_5961_5_ACK_CHALLENGE;
		*drop = true;
		return t;
	}
	if (tcp_ack_acceptable(t, s.ack)) {
		/* "If SND.UNA < SEG.ACK =< SND.NXT, then set SND.UNA <- SEG.ACK." */
		t.snd_una = s.ack;
		t.retransmits = 0;
		if (out->rule != R_3_10_7_4_SYN_RECEIVED_ACK)
			out->rule = R_3_10_7_4_ACK;
		/* RFC 6298 5.3: "When an ACK is received that acknowledges new
		 * data, restart the retransmission timer" */
		if (t.snd_una != t.snd_nxt)
			out->timers_arm |= TCP_TIMER_BIT(TCP_T_RETRANSMIT);
	} else if (out->rule != R_3_10_7_4_SYN_RECEIVED_ACK) {
		/* "If the ACK is a duplicate (SEG.ACK =< SND.UNA), it can be
		 * ignored." */
		out->rule = R_3_10_7_4_ACK_DUPLICATE;
	}
	//@ assert acked: TcbInvariant(\at(t, Pre)) ==> TcbInvariant(t);
	/*@ assert rto_restart: WindowChecked(p, \at(t, Pre), s) &&
	      AcceptableAck(\at(t, Pre).snd_una, s.ack, \at(t, Pre).snd_nxt) &&
	      s.ack != \at(t, Pre).snd_nxt ==>
	        (out->timers_arm & TCP_TIMER_BIT(TCP_T_RETRANSMIT)) != 0; */
	/*@ assert advanced: Synchronized(\at(t, Pre).state) &&
	      AcceptableAck(\at(t, Pre).snd_una, s.ack, \at(t, Pre).snd_nxt) ==>
	      t.snd_una == s.ack; */
	/*@ assert same_test: Synchronized(\at(t, Pre).state) ==>
	      SameWindow(t, \at(t, Pre)) && t.snd_nxt == \at(t, Pre).snd_nxt &&
	      (WindowUpdate(t, s) <==> WindowUpdate(\at(t, Pre), s)); */
	t = window_update(t, s);
	//@ assert window: TcbInvariant(\at(t, Pre)) ==> TcbInvariant(t);
	return fin_acked_moves(t, out, drop);
}
