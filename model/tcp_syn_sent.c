/*
 * tcp_syn_sent.c - a segment arrives in SYN-SENT (RFC 9293 3.10.7.3).
 */
#include "tcp_impl.h"

/* Fourth check: the SYN bit. */
/*@ requires s_valid: SegmentBounds(s);
    requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->notify, out->timers_arm;
    ensures at_most_one: out->nemit <= 1;
    ensures no_rst: (out->nemit == 0 || (out->emit[0].flags & TCP_RST) == 0);
    ensures step: !t.fin_queued ==>
      \result.state == TCP_SYN_RECEIVED || \result.state == TCP_ESTABLISHED ||
      \result.state == TCP_CLOSE_WAIT;
    ensures acked: \result.state != TCP_SYN_RECEIVED ==>
      (HasAck(s) && SeqGt(s.ack, t.iss)) ||
      (!HasAck(s) && SeqGt(t.snd_una, t.iss));
    ensures invariant: TcbInvariant(t) && t.state == TCP_SYN_SENT &&
      (HasAck(s) ==> AcceptableAck(t.snd_una, s.ack, t.snd_nxt)) ==>
        TcbInvariant(\result);
    ensures syn_ack_state: t.snd_una == t.iss && !t.fin_queued &&
      AcksOurSyn(t, s) ==>
        \result.state == TCP_ESTABLISHED || \result.state == TCP_CLOSE_WAIT;
    ensures syn_ack_sent: t.snd_una == t.iss && AcksOurSyn(t, s) ==>
      out->nemit == 1 && out->emit[0].seq == t.snd_nxt &&
      out->emit[0].ack == \result.rcv_nxt;
    ensures simultaneous: t.snd_una == t.iss && !HasAck(s) ==>
      \result.state == TCP_SYN_RECEIVED && out->nemit == 1 &&
      SegmentIs(out->emit[0], TCP_SYN | TCP_ACK, t.iss, SeqAdd(s.seq, 1));
    ensures syn_ack_flags: t.snd_una == t.iss && AcksOurSyn(t, s) ==>
      (out->emit[0].flags & TCP_ACK) != 0 &&
      (out->emit[0].flags & TCP_RST) == 0 &&
      (out->emit[0].flags & TCP_SYN) == 0; */
static struct tcp_tcb synsent_syn(struct tcp_tcb t, struct tcp_segment s,
				  struct tcp_profile p, struct tcp_result *out)
{
	bool need_ack = false;

	/* "RCV.NXT is set to SEG.SEQ+1, IRS is set to SEG.SEQ.  SND.UNA
	 * should be advanced to equal SEG.ACK (if there is an ACK)" */
	t.irs = s.seq;
	t.rcv_nxt = seq_add(s.seq, 1);
	t.rcv_up = t.rcv_nxt;
	t.snd_wnd = s.wnd;
	t.max_snd_wnd = s.wnd;
	t.snd_wl1 = s.seq;
	t.snd_mss = s.mss != 0 ? s.mss : TCP_DEFAULT_MSS;
	if (s.flags & TCP_ACK) {
		t.snd_una = s.ack;
		t.snd_wl2 = s.ack;
	}
	if (seq_gt(t.snd_una, t.iss)) {
		/* "If SND.UNA > ISS (our SYN has been ACKed), change the
		 * connection state to ESTABLISHED, form an ACK segment
		 * <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and send it.  ... If
		 * there are other controls or text in the segment, then
		 * continue processing at the sixth step" */
		t.state = TCP_ESTABLISHED;
		t.retransmits = 0;
		out->notify = TCP_N_ESTABLISHED;
		out->rule = R_3_10_7_3_SYN_ACK;
		/* synack_text_dropped (Linux, lwIP): the text and FIN are
		 * dropped, and the ACK covers the SYN only */
		t = tcp_seg_text_fin(t, s, !p.synack_text_dropped, p, out, &need_ack);
		return tcp_output_or_ack(t, out);
	}
	/* "Otherwise, enter SYN-RECEIVED, form a SYN,ACK segment
	 * <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> and send it." (MUST-10:
	 * simultaneous open) */
	t.state = TCP_SYN_RECEIVED;
	/* "If there are other controls or text in the segment, queue them
	 * for processing after the ESTABLISHED state has been reached" */
	if (s.len > 0 || (s.flags & TCP_FIN))
		t = tcp_hold(t, t.rcv_nxt, s.len, (s.flags & TCP_FIN) != 0);
	tcp_emit(out, TCP_SYN | TCP_ACK, t.iss, t.rcv_nxt, t.rcv_wnd, 0);
	out->timers_arm |= TCP_TIMER_BIT(TCP_T_RETRANSMIT);
	out->rule = R_3_10_7_3_SIMULTANEOUS_OPEN;
	return t;
}

struct tcp_tcb tcp_seg_syn_sent(struct tcp_tcb t, struct tcp_segment s,
				struct tcp_profile p, struct tcp_result *out)
{
	bool ack = (s.flags & TCP_ACK) != 0;

	/* First: "If SEG.ACK =< ISS or SEG.ACK > SND.NXT, send a reset (unless
	 * the RST bit is set, if so drop the segment and return)
	 * <SEQ=SEG.ACK><CTL=RST>"; "If SND.UNA < SEG.ACK =< SND.NXT, then the
	 * ACK is acceptable." */
	if (ack && !tcp_ack_acceptable(t, s.ack)) {
		if ((s.flags & TCP_RST) && !p.rst_answers_rst) {
			out->rule = R_3_10_7_3_BAD_ACK_RST;
			return t;
		}
		/* libslirp jumps to dropwithreset before it looks at RST */
		tcp_emit_reset_for(s, p, out);
		out->rule = (s.flags & TCP_RST) ? R_3_10_7_3_BAD_ACK_RST_ANSWERED
						: R_3_10_7_3_BAD_ACK;
		return t;
	}
	/* Second: "If the ACK was acceptable, then signal to the user error:
	 * connection reset, drop the segment, enter CLOSED state ... Otherwise
	 * (no ACK), drop the segment and return." */
	if (s.flags & TCP_RST) {
		if (!ack) {
			out->rule = R_3_10_7_3_RST_NO_ACK;
			return t;
		}
		out->notify = TCP_N_RESET;
		out->rule = R_3_10_7_3_RST;
		return tcp_tcb_deleted(t);
	}
	if ((s.flags & TCP_SYN) && !ack && p.no_simultaneous_open) {
		/* lwIP: SYN_SENT acts on a SYN only with the ACK of ours */
		out->rule = R_3_10_7_3_SYN_DROPPED;
		return t;
	}
	if (s.flags & TCP_SYN)
		return synsent_syn(t, s, p, out);
	if (ack && p.syn_sent_ack_resets) {
		/* lwIP: "received ACK? possibly a half-open connection" */
		tcp_emit_reset_for(s, p, out);
		out->rule = R_3_10_7_3_ACK_RESET;
		return t;
	}
	/* Fifth: "If neither of the SYN or RST bits is set, then drop the
	 * segment and return." */
	out->rule = R_3_10_7_3_OTHER;
	return t;
}
