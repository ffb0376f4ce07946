/*
 * tcp_other.c - a segment arrives in SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1,
 * FIN-WAIT-2, CLOSE-WAIT, CLOSING, LAST-ACK or TIME-WAIT (RFC 9293
 * 3.10.7.4), checks in the RFC's order: sequence number, RST, (security),
 * SYN, ACK, URG, text, FIN.  The ACK check is in tcp_ack.c, URG, text and
 * FIN in tcp_data.c.
 */
#include "tcp_impl.h"

/*@ requires out_valid: \valid(out);
    assigns out->rule;
    ensures kept: \result == t; */
static struct tcp_tcb drop(struct tcp_tcb t, enum tcp_rule r,
			   struct tcp_result *out)
{
	out->rule = r;
	return t;
}

/*@ requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule;
    ensures kept: \result == t;
    ensures challenge_ack: out->nemit == 1 && AckFor(p, out->emit[0], t);
    ensures no_rst: (out->emit[0].flags & TCP_RST) == 0; */
static struct tcp_tcb challenge(struct tcp_tcb t, enum tcp_rule r,
				struct tcp_profile p, struct tcp_result *out)
{
	/* RFC 5961 3.2 / 4.2: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> */
	tcp_emit_ack_for(t, p, out);
	return drop(t, r, out);
}

/*
 * RFC 9293 MAY-2 (3.6.1), RFC 6191, RFC 1122 4.2.2.13: a SYN in TIME-WAIT
 * whose sequence number lies beyond the old connection's RCV.NXT reopens
 * the connection, if the ISS the stack picks lies beyond the old SND.NXT
 * (condition (1)).  Condition (2), back to TIME-WAIT when the SYN proves an
 * old duplicate, needs the old TCB, which a reopening stack (Linux) has
 * already deleted: a reset then returns the listener's view, LISTEN.
 */
/*@ assigns \nothing;
    ensures \result <==> TimeWaitReopens(p, t, s, iss); */
static bool tw_reopens(struct tcp_tcb t, struct tcp_segment s,
		       uint32_t iss, struct tcp_profile p)
{
	return t.state == TCP_TIME_WAIT && p.tw_accept_syn &&
	       (s.flags & TCP_SYN) && !(s.flags & TCP_RST) &&
	       !(s.flags & TCP_ACK) &&
	       !(p.listen_drop_syn_fin && (s.flags & TCP_FIN)) &&
	       !(p.listen_as_closed &&
		 ((s.flags & TCP_FIN) || (s.flags & TCP_URG))) &&
	       seq_gt(s.seq, t.rcv_nxt) && seq_gt(iss, t.snd_nxt);
}

/*@ requires s_valid: SegmentBounds(s);
    requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    requires reopens: TimeWaitReopens(p, t, s, iss);
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->timers_arm;
    ensures at_most_one: out->nemit <= 1;
    ensures no_rst: (out->nemit == 0 || (out->emit[0].flags & TCP_RST) == 0);
    ensures reopened: \result.state == TCP_SYN_RECEIVED ||
                      \result.state == TCP_LISTEN;
    ensures invariant: t.rcv_wnd <= TCP_MAX_WND ==> TcbInvariant(\result); */
static struct tcp_tcb tw_reopen(struct tcp_tcb t, struct tcp_segment s,
				uint32_t iss, struct tcp_profile p,
				struct tcp_result *out)
{
	t = tcp_seg_listen(tcp_tcb_to_listen(t), s, iss, p, out);
	out->rule = R_6191_TIME_WAIT_SYN;
	return t;
}

/* Second check: the RST bit, on a segment that passed the first. */
/*@ requires rst: HasRst(s);
    requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    requires state: TCP_SYN_RECEIVED <= t.state <= TCP_TIME_WAIT;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->notify;
    ensures at_most_one: out->nemit <= 1;
    ensures no_rst: (out->nemit == 0 || (out->emit[0].flags & TCP_RST) == 0);
    ensures step: \result.state == t.state || \result.state == TCP_CLOSED ||
      (t.state == TCP_SYN_RECEIVED && \result.state == TCP_LISTEN);
    ensures rfc5961_only_at_rcv_nxt:
      p.rst_challenge && s.seq != t.rcv_nxt ==>
        \result == t && out->notify == \old(out->notify);
    ensures rfc5961_challenge:
      p.rst_challenge && s.seq != t.rcv_nxt && !TimeWaitDropsRst(p, t) ==>
        out->nemit == 1 && AckFor(p, out->emit[0], t);
    ensures acts: \old(out->notify) == TCP_N_NONE ==>
      RstActs(p, t, s, \result, out->nemit, out->notify);
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
static struct tcp_tcb rst_arrives(
struct tcp_tcb t, struct tcp_segment s,
				  struct tcp_profile p,
				  struct tcp_result *out)
{
	if (t.state == TCP_TIME_WAIT && p.tw_ignore_rst)
		return drop(t, R_1337_TIME_WAIT_RST, out);
	if (t.state == TCP_TIME_WAIT && p.tw_rst_inexact_dropped && s.seq != t.rcv_nxt)
		return drop(t, R_TIME_WAIT_RST_DROPPED, out);
	/* RFC 5961 3.2: "If the RST bit is set and the sequence number does
	 * not exactly match the next expected sequence value, yet is within
	 * the current receive window, TCP endpoints MUST send an
	 * acknowledgment (challenge ACK)" */
	if (p.rst_challenge && s.seq != t.rcv_nxt)
		return challenge(t, R_5961_3_RST_CHALLENGE, p, out);
	if (t.state == TCP_SYN_RECEIVED) {
		if (t.passive) {
			/* "If this connection was initiated with a passive
			 * OPEN, then return this connection to the LISTEN
			 * state and return." (MUST-11 for the distinction) */
			return drop(tcp_tcb_to_listen(t),
				    R_3_10_7_4_RST_SYN_RECEIVED_PASSIVE, out);
		}
		/* "the connection was refused; signal the user" (a stack
		 * may report it as a reset: profile switch) */
		out->notify = p.synrcvd_rst_is_reset ? TCP_N_RESET : TCP_N_REFUSED;
		return drop(tcp_tcb_deleted(t), R_3_10_7_4_RST_SYN_RECEIVED_ACTIVE, out);
	}
	if (t.state == TCP_ESTABLISHED || t.state == TCP_FIN_WAIT_1 ||
	    t.state == TCP_FIN_WAIT_2 || t.state == TCP_CLOSE_WAIT) {
		/* "users should also receive an unsolicited general
		 * connection reset signal.  Enter the CLOSED state" */
		out->notify = TCP_N_RESET;
		return drop(tcp_tcb_deleted(t), R_3_10_7_4_RST, out);
	}
	/* CLOSING, LAST-ACK, TIME-WAIT: "enter the CLOSED state, delete the
	 * TCB, and return." */
	return drop(tcp_tcb_deleted(t), R_3_10_7_4_RST_CLOSING, out);
}

/* Fourth check: the SYN bit (no RST). */
/*@ requires s_valid: SegmentBounds(s);
    requires syn: HasSyn(s) && !HasRst(s);
    requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    requires state: TCP_SYN_RECEIVED <= t.state <= TCP_TIME_WAIT;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->notify;
    ensures at_most_one: out->nemit <= 1 ||
      (p.syn_reset_twice && out->nemit == 2);
    ensures step: \result.state == t.state || \result.state == TCP_CLOSED ||
      (t.state == TCP_SYN_RECEIVED && \result.state == TCP_LISTEN);
    ensures rfc5961_challenge:
      p.syn_challenge && !(t.state == TCP_SYN_RECEIVED && t.passive) ==>
        \result == t && out->nemit == 1 && AckFor(p, out->emit[0], t);
    ensures reset: !p.syn_challenge && !(t.state == TCP_SYN_RECEIVED && t.passive) ==>
      \result.state == TCP_CLOSED && out->notify == TCP_N_RESET &&
      out->nemit == (p.syn_reset_twice ? 2 : 1) &&
      (out->emit[0].flags & TCP_RST) != 0;
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
static struct tcp_tcb syn_arrives(struct tcp_tcb t, struct tcp_segment s,
				  struct tcp_profile p,
				  struct tcp_result *out)
{
	if (t.state == TCP_SYN_RECEIVED && t.passive && p.synrcvd_syn_resets) {
		if (p.syn_reset_twice) {
			/* 4.4BSD: tcp_drop(tp, 0); goto dropwithreset; */
			tcp_emit_abort_rst(t, p, out);
			tcp_emit_reset_again(s, p, out);
		} else {
			tcp_emit_reset_for(s, p, out);
		}
		return drop(tcp_tcb_to_listen(t), R_SYN_RECEIVED_SYN_RESET, out);
	}
	if (t.state == TCP_SYN_RECEIVED && t.passive)
		/* "If the connection was initiated with a passive OPEN, then
		 * return this connection to the LISTEN state and return." */
		return drop(tcp_tcb_to_listen(t), R_3_10_7_4_SYN_SYN_RECEIVED_PASSIVE, out);
	if (p.syn_challenge)
		/* RFC 5961 4.2: "the TCP endpoint MUST send a challenge ACK" */
		return challenge(t, R_5961_4_SYN_CHALLENGE, p, out);
	/* RFC 793: "If the SYN is in the window it is an error, send a reset
	 * ... enter the CLOSED state" */
	if (p.syn_reset_twice) {
		/* 4.4BSD: tcp_drop(tp, 0); goto dropwithreset; */
		tcp_emit_abort_rst(t, p, out);
		tcp_emit_reset_again(s, p, out);
	} else {
		tcp_emit_reset_for(s, p, out);
	}
	out->notify = TCP_N_RESET;
	return drop(tcp_tcb_deleted(t), R_3_10_7_4_SYN_RESET, out);
}

/*
 * First check: sequence number.  Returns true when the segment may go on;
 * *text_ok says whether its text may be accepted (RCV.WND = 0 admits only
 * "valid ACKs, URGs, and RSTs").
 */
/*@ requires s_valid: SegmentBounds(s);
    requires wnd: t.rcv_wnd <= TCP_MAX_WND;
    requires out_valid: \valid(text_ok);
    assigns *text_ok;
    ensures first_check: \result <==> FirstCheckPasses(t, s); */
static bool seq_check(struct tcp_tcb t, struct tcp_segment s,
		      bool *text_ok)
{
	uint32_t len = tcp_seglen(s);

	*text_ok = true;
	if (tcp_seg_acceptable(s.seq, len, t.rcv_nxt, t.rcv_wnd))
		return true;
	/* "If the RCV.WND is zero, no segments will be acceptable, but
	 * special allowance should be made to accept valid ACKs, URGs, and
	 * RSTs." */
	if (t.rcv_wnd == 0 && s.seq == t.rcv_nxt && !(s.flags & TCP_SYN)) {
		*text_ok = false;
		return true;
	}
	return false;
}

/* A retransmission of the peer's FIN, the one thing TIME-WAIT expects. */
/*@ assigns \nothing;
    ensures \result ==> t.state == TCP_TIME_WAIT; */
static bool tw_fin_again(struct tcp_tcb t, struct tcp_segment s)
{
	return t.state == TCP_TIME_WAIT && (s.flags & TCP_FIN) &&
	       !(s.flags & TCP_RST) &&
	       seq_add(s.seq, s.len + 1u) == t.rcv_nxt;
}

/* The peer's SYN once more, in SYN-RECEIVED (its SYN,ACK was lost). */
/*@ assigns \nothing;
    ensures \result ==> t.state == TCP_SYN_RECEIVED && HasSyn(s) && !HasRst(s); */
static bool syn_again(struct tcp_tcb t, struct tcp_segment s,
		      struct tcp_profile p)
{
	return t.state == TCP_SYN_RECEIVED && p.synrcvd_syn_again &&
	       (s.flags & TCP_SYN) && !(s.flags & TCP_RST) &&
	       !(s.flags & TCP_ACK) &&
	       s.seq == t.irs;
}

/*@ requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->timers_arm;
    ensures kept: \result == t;
    ensures rst_dropped: HasRst(s) ==> out->nemit == 0;
    ensures acked: !HasRst(s) ==> out->nemit == 1 &&
      (out->emit[0].flags & TCP_RST) == 0;
    ensures challenge_ack: !HasRst(s) &&
      !(t.state == TCP_SYN_RECEIVED && HasSyn(s)) ==>
        AckFor(p, out->emit[0], t); */
static struct tcp_tcb unacceptable(struct tcp_tcb t, struct tcp_segment s,
				   struct tcp_profile p,
				   struct tcp_result *out)
{
	/* "If an incoming segment is not acceptable, an acknowledgment should
	 * be sent in reply (unless the RST bit is set, if so drop the segment
	 * and return): <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>" */
	if (s.flags & TCP_RST)
		return drop(t, R_3_10_7_4_UNACCEPTABLE_RST, out);
	if (syn_again(t, s, p)) {
		tcp_emit(out, TCP_SYN | TCP_ACK, t.iss, t.rcv_nxt, t.rcv_wnd, 0);
		out->timers_arm |= TCP_TIMER_BIT(TCP_T_RETRANSMIT);
		return drop(t, R_SYN_RECEIVED_SYN_AGAIN, out);
	}
	tcp_emit_ack_for(t, p, out);
	if (tw_fin_again(t, s)) {
		/* "Acknowledge it, and restart the 2 MSL timeout." */
		out->timers_arm |= TCP_TIMER_BIT(TCP_T_TIME_WAIT);
		return drop(t, R_3_10_7_4_FIN_TIME_WAIT_RESTART, out);
	}
	return drop(t, R_3_10_7_4_UNACCEPTABLE, out);
}

/*
 * RFC 9293 3.5, Figure 8, line 6: in a simultaneous open the peer's SYN,ACK
 * (its SYN again, now acknowledging ours) moves SYN-RECEIVED to
 * ESTABLISHED, although the 3.4 test alone would find SEQ=IRS unacceptable
 * (and answer it with an ACK, which is sent here too).
 */
/*@ assigns \nothing;
    ensures \result ==> t.state == TCP_SYN_RECEIVED && HasSyn(s) &&
      HasAck(s) && !HasRst(s) && AcceptableAck(t.snd_una, s.ack, t.snd_nxt); */
static bool simultaneous_synack(struct tcp_tcb t, struct tcp_segment s)
{
	return t.state == TCP_SYN_RECEIVED && !t.passive &&
	       (s.flags & TCP_SYN) && (s.flags & TCP_ACK) &&
	       !(s.flags & TCP_RST) && !(s.flags & TCP_FIN) &&
	       s.seq == t.irs && s.len == 0 && tcp_ack_acceptable(t, s.ack);
}

/*@ requires s_valid: SegmentBounds(s);
    requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    requires state: t.state == TCP_SYN_RECEIVED;
    requires acked: AcceptableAck(t.snd_una, s.ack, t.snd_nxt);
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->notify, out->timers_arm;
    ensures at_most_one: out->nemit <= 1;
    ensures no_rst: (out->nemit == 0 || (out->emit[0].flags & TCP_RST) == 0);
    ensures established: \result.state == TCP_ESTABLISHED ||
                         \result.state == TCP_FIN_WAIT_1;
    ensures window: WindowFrom(s, \result);
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
static struct tcp_tcb synack_completes(struct tcp_tcb t, struct tcp_segment s,
				       struct tcp_result *out)
{
	t.state = t.fin_queued ? TCP_FIN_WAIT_1 : TCP_ESTABLISHED;
	t.snd_una = s.ack;
	t.snd_wnd = s.wnd;
	t.snd_wl1 = s.seq;
	t.snd_wl2 = s.ack;
	if (s.wnd > t.max_snd_wnd)
		t.max_snd_wnd = s.wnd;
	t.retransmits = 0;
	out->notify = TCP_N_ESTABLISHED;
	out->rule = R_3_5_SIMULTANEOUS_SYN_ACK;
	//@ assert opened: TcbInvariant(\at(t, Pre)) ==> TcbInvariant(t);
	/* its SYN lies before RCV.NXT: acknowledge, as for any old segment */
	return tcp_output_or_ack(t, out);
}

/* RFC 9293 3.6.1 (MAY-1, SHLD-3): after a half-duplex CLOSE, "if new data
 * is received after CLOSE is called, its TCP implementation SHOULD send a
 * RST to show that data was lost". */
/*@ assigns \nothing;
    ensures \result ==> t.state == TCP_FIN_WAIT_1 || t.state == TCP_FIN_WAIT_2; */
static bool data_after_close(struct tcp_tcb t, struct tcp_segment s,
			     struct tcp_profile p)
{
	uint32_t first = seq_add(s.seq, (s.flags & TCP_SYN) ? 1u : 0u);

	return p.rst_on_close_unread && !p.data_after_close_acked &&
	       t.fin_queued && s.len > 0 &&
	       (t.state == TCP_FIN_WAIT_1 || t.state == TCP_FIN_WAIT_2) &&
	       seq_gt(seq_add(first, s.len), t.rcv_nxt);
}

/*
 * ack_unsent_takes_text (lwIP's tcp_receive()): after the ACK that an ACK
 * of unsent data gets (the fifth check's, already in out->emit[0]), the
 * segment's text and FIN are taken as the sixth to eighth checks would, and
 * acknowledged by a second segment.
 */
/*@ requires s_valid: SegmentBounds(s);
    requires out_valid: \valid(out);
    requires one: out->nemit == 1;
    requires state: TCP_ESTABLISHED <= t.state <= TCP_TIME_WAIT;
    assigns out->nemit, out->emit[1], out->rule, out->notify,
            out->timers_arm;
    ensures two_at_most: out->nemit == 1 || out->nemit == 2;
    ensures first_kept: out->emit[0] == \old(out->emit[0]);
    ensures path: TcbInvariant(t) ==> SegmentMove(p, t.state, \result.state);
    ensures synchronized: \result.state != TCP_SYN_RECEIVED &&
      \result.state != TCP_CLOSED;
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
static struct tcp_tcb unsent_text(struct tcp_tcb t, struct tcp_segment s,
				  bool text_ok, struct tcp_profile p,
				  struct tcp_result *out)
{
	struct tcp_result more;
	bool need_ack = false;

	more.nemit = 0;
	more.rule = out->rule;
	more.notify = out->notify;
	more.timers_arm = out->timers_arm;
	t = tcp_seg_text_fin(t, s, text_ok, p, &more, &need_ack);
	//@ assert finned: TcbInvariant(\at(t, Pre)) ==> TcbInvariant(t) && SegmentMove(p, \at(t, Pre).state, t.state);
	out->notify = more.notify;
	out->timers_arm = more.timers_arm;
	out->rule = R_3_10_7_4_ACK_UNSENT_TEXT;
	if (need_ack) {
		tcp_emit_ack_for(t, p, &more);
		out->emit[1] = more.emit[0];
		out->nemit = 2;
	}
	return t;
}

/*
 * Fifth to eighth checks (ACK, URG, text, FIN) on a segment with ACK and
 * without RST or SYN, then what the window lets us send.
 */
/*@ requires s_valid: SegmentBounds(s);
    requires flags: HasAck(s) && !HasRst(s) && !HasSyn(s);
    requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    requires tcb: ValidTcb(t);
    requires state: TCP_SYN_RECEIVED <= t.state <= TCP_TIME_WAIT;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->notify, out->timers_arm;
    ensures at_most_one: out->nemit <= 1 ||
      (p.ack_unsent_takes_text && out->nemit == 2);
    ensures path: TcbInvariant(t) ==> SegmentMove(p, t.state, \result.state);
    ensures handshake: SynchronizesOnAck(t, s, \result);
    ensures syn_received_bad_ack:
      t.state == TCP_SYN_RECEIVED && SynReceivedBadAck(t, s) ==>
        out->nemit == 1 && RstForAck(p, out->emit[0], s) &&
        \result.state == TCP_SYN_RECEIVED;
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
static struct tcp_tcb ack_text_fin(struct tcp_tcb t, struct tcp_segment s,
				   bool text_ok, struct tcp_profile p,
				   struct tcp_result *out)
{
	bool dropped = false, need_ack = false;
	enum tcp_state before = t.state;

	t = tcp_seg_ack(t, s, p, out, &dropped);
	if (dropped && p.ack_unsent_takes_text &&
	    out->rule == R_3_10_7_4_ACK_UNSENT && out->nemit == 1 &&
	    (s.len > 0 || (s.flags & TCP_FIN)) && t.state == before &&
	    TCP_ESTABLISHED <= t.state && t.state <= TCP_TIME_WAIT)
		return unsent_text(t, s, text_ok, p, out);
	if (dropped || t.state == TCP_CLOSED)
		return t;
	if (data_after_close(t, s, p)) {
		tcp_emit_reset_for(s, p, out);
		out->notify = TCP_N_RESET;
		return drop(tcp_tcb_deleted(t), R_3_6_1_DATA_AFTER_CLOSE_RST, out);
	}
	t = tcp_seg_text_fin(t, s, text_ok, p, out, &need_ack);
	/*@ assert finned: TcbInvariant(\at(t, Pre)) ==>
	      TcbInvariant(t) && SegmentMove(p, \at(t, Pre).state, t.state); */
	t = tcp_output(t, out);
	if (need_ack && out->nemit == 0)
		tcp_emit_ack_for(t, p, out);
	return t;
}

/*
 * text_without_ack (lwIP: ESTABLISHED to LAST_ACK call tcp_receive()
 * whether or not the segment carries ACK; SYN_RCVD does not): the sixth to
 * eighth checks on a segment without ACK, then what the window lets us
 * send.  RFC 9293 3.10.7.4, fifth check: "if the ACK bit is off, drop the
 * segment and return".
 */
/*@ requires s_valid: SegmentBounds(s);
    requires flags: !HasAck(s) && !HasRst(s) && !HasSyn(s);
    requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    requires tcb: ValidTcb(t);
    requires state: TCP_ESTABLISHED <= t.state <= TCP_TIME_WAIT;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->notify, out->timers_arm;
    ensures at_most_one: out->nemit <= 1;
    ensures path: TcbInvariant(t) ==> SegmentMove(p, t.state, \result.state);
    ensures synchronized: \result.state != TCP_SYN_RECEIVED;
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
static struct tcp_tcb text_no_ack(struct tcp_tcb t, struct tcp_segment s,
				  bool text_ok, struct tcp_profile p,
				  struct tcp_result *out)
{
	bool need_ack = false;

	out->rule = R_3_10_7_4_NO_ACK_TEXT;
	t = tcp_seg_text_fin(t, s, text_ok, p, out, &need_ack);
	/*@ assert finned: TcbInvariant(\at(t, Pre)) ==>
	      TcbInvariant(t) && SegmentMove(p, \at(t, Pre).state, t.state); */
	t = tcp_output(t, out);
	if (need_ack && out->nemit == 0)
		tcp_emit_ack_for(t, p, out);
	return t;
}

/*
 * A SYN that lies before RCV.NXT (an old SYN carrying new text) is trimmed
 * off like any portion outside the window: "only the new parts are
 * processed" (3.10.7.4, first check).  With RFC 5961's SYN mitigation a
 * SYN is challenged "irrespective of the sequence number" instead.
 */
/*@ assigns \nothing;
    ensures \result ==> HasSyn(s) && !p.syn_challenge; */
static bool syn_before_window(struct tcp_tcb t, struct tcp_segment s,
			      struct tcp_profile p)
{
	return (s.flags & TCP_SYN) && !p.syn_challenge && seq_lt(s.seq, t.rcv_nxt);
}

struct tcp_tcb tcp_seg_other_trimmed(struct tcp_tcb t, struct tcp_segment s,
				     struct tcp_profile p,
				     struct tcp_result *out)
{
	struct tcp_segment rest = s;

	rest.flags = (uint8_t)(s.flags & (TCP_FIN | TCP_RST | TCP_PSH | TCP_ACK |
					  TCP_URG));
	rest.seq = seq_add(s.seq, 1);
	//@ assert no_syn: (rest.flags & TCP_SYN) == 0;
	//@ assert same_ack: (HasAck(rest) ==> HasAck(s)) && rest.ack == s.ack;
	return tcp_seg_other(t, rest, 0, p, out);
}

struct tcp_tcb tcp_seg_other(struct tcp_tcb t, struct tcp_segment s,
			     uint32_t iss, struct tcp_profile p,
			     struct tcp_result *out)
{
	bool text_ok;

	if (tw_reopens(t, s, iss, p))
		return tw_reopen(t, s, iss, p, out);
	if (simultaneous_synack(t, s))
		return synack_completes(t, s, out);
	if (!seq_check(t, s, &text_ok))
		return unacceptable(t, s, p, out);
	if (s.flags & TCP_RST)
		return rst_arrives(t, s, p, out);
	if (syn_before_window(t, s, p))
		return tcp_seg_other_trimmed(t, s, p, out);
	if (s.flags & TCP_SYN)
		return syn_arrives(t, s, p, out);
	if (!(s.flags & TCP_ACK) && p.text_without_ack &&
	    t.state != TCP_SYN_RECEIVED)
		return text_no_ack(t, s, text_ok, p, out);
	if (!(s.flags & TCP_ACK))
		/* "if the ACK bit is off, drop the segment and return" */
		return drop(t, R_3_10_7_4_NO_ACK, out);
	/* any segment from the peer answers the keep-alive probes and
	 * restarts the idle interval (MUST-26) */
	t.ka_probes = 0;
	if (t.keepalive)
		out->timers_arm |= TCP_TIMER_BIT(TCP_T_KEEPALIVE);
	return ack_text_fin(t, s, text_ok, p, out);
}
