/*
 * tcp_impl.h - the model's internal functions, one per RFC 9293 step.
 *
 * Every handler takes the TCB by value and returns the TCB after the step;
 * the only other thing it writes is *out.  This keeps each function small
 * enough for its own contract, and lets WP see every untouched field as
 * untouched (docs/proving.md: struct copies through pointers do not prove).
 */
#ifndef TCPSPEC_TCP_IMPL_H
#define TCPSPEC_TCP_IMPL_H

#include "tcp.h"
#include "tcp_seq.h"

/* tcp_emit.c: segments to send */

/*@ requires out_valid: \valid(out);
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1];
    behavior room:
      assumes out->nemit < TCP_MAX_EMIT;
      ensures one_more: out->nemit == \old(out->nemit) + 1;
      ensures sent:
        out->emit[\old(out->nemit)].flags == flags &&
        out->emit[\old(out->nemit)].seq == seq &&
        out->emit[\old(out->nemit)].ack == ack &&
        out->emit[\old(out->nemit)].wnd == wnd &&
        out->emit[\old(out->nemit)].len == len &&
        out->emit[\old(out->nemit)].up == 0 &&
        out->emit[\old(out->nemit)].mss == 0;
      ensures kept: \forall integer i; 0 <= i < \old(out->nemit) ==>
        out->emit[i] == \old(out->emit[i]);
      ensures rst_bit: (out->emit[\old(out->nemit)].flags & TCP_RST) ==
                       (flags & TCP_RST);
    behavior full:
      assumes out->nemit >= TCP_MAX_EMIT;
      ensures nothing: out->nemit == \old(out->nemit) &&
        \forall integer i; 0 <= i < TCP_MAX_EMIT ==>
          out->emit[i] == \old(out->emit[i]);
    complete behaviors;
    disjoint behaviors; */
void tcp_emit(struct tcp_result *out, uint8_t flags, uint32_t seq, uint32_t ack,
	      uint32_t wnd, uint32_t len);

/*@ requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1];
    ensures ack_sent: out->nemit == 1 && ChallengeAck(out->emit[0], t) &&
      out->emit[0].wnd == t.rcv_wnd;
    ensures no_rst: (out->emit[0].flags & TCP_RST) == 0;
    ensures ack_only: (out->emit[0].flags & TCP_ACK) != 0 &&
      (out->emit[0].flags & TCP_SYN) == 0; */
void tcp_emit_ack(struct tcp_tcb t, struct tcp_result *out);

/* The ACK of a segment in a synchronized state: tcp_emit_ack's, or with
 * fin_repeat the FIN again carrying it (AckFor). */
/*@ requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1];
    ensures ack_sent: out->nemit == 1 && AckFor(p, out->emit[0], t) &&
      out->emit[0].wnd == t.rcv_wnd;
    ensures no_rst: (out->emit[0].flags & TCP_RST) == 0;
    ensures ack_only: (out->emit[0].flags & TCP_ACK) != 0 &&
      (out->emit[0].flags & TCP_SYN) == 0; */
void tcp_emit_ack_for(struct tcp_tcb t, struct tcp_profile p,
		      struct tcp_result *out);

/*@ requires s_valid: SegmentBounds(s);
    requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1];
    ensures reset_sent: out->nemit == 1 && ClosedReset(p, out->emit[0], s);
    ensures rst: (out->emit[0].flags & TCP_RST) != 0; */
void tcp_emit_reset_for(struct tcp_segment s, struct tcp_profile p,
			struct tcp_result *out);

/*@ requires s_valid: SegmentBounds(s);
    requires out_valid: \valid(out);
    requires one: out->nemit == 1;
    assigns out->nemit, out->emit[1];
    ensures two: out->nemit == 2 && ClosedReset(p, out->emit[1], s);
    ensures rst: (out->emit[1].flags & TCP_RST) != 0; */
void tcp_emit_reset_again(struct tcp_segment s, struct tcp_profile p,
			  struct tcp_result *out);

/*@ requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1];
    ensures rst_sent: out->nemit == 1 &&
      (p.abort_rst_ack ?
         SegmentIs(out->emit[0], TCP_RST | TCP_ACK, t.snd_nxt, t.rcv_nxt) :
         SegmentIs(out->emit[0], TCP_RST, t.snd_nxt, 0));
    ensures rst: (out->emit[0].flags & TCP_RST) != 0; */
void tcp_emit_abort_rst(struct tcp_tcb t, struct tcp_profile p,
			struct tcp_result *out);

/* The control bits of a segment that carries data from SND.NXT or SND.UNA:
 * ACK, PSH when there is data, FIN when the FIN goes with it. */
/*@ assigns \nothing;
    ensures ack: (\result & TCP_ACK) != 0;
    ensures psh: (\result & TCP_PSH) != 0 <==> data;
    ensures fin: (\result & TCP_FIN) != 0 <==> fin;
    ensures no_syn_rst_urg: (\result & TCP_SYN) == 0 &&
      (\result & TCP_RST) == 0 && (\result & TCP_URG) == 0; */
uint8_t tcp_data_flags(bool data, bool fin);

/*@ requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->timers_arm;
    ensures at_most_one: out->nemit <= 1;
    ensures no_rst: (out->nemit == 0 || (out->emit[0].flags & TCP_RST) == 0);
    ensures no_syn: (out->nemit == 0 || (out->emit[0].flags & TCP_SYN) == 0);
    ensures sent_from_snd_nxt: out->nemit == 1 ==>
      out->emit[0].seq == t.snd_nxt && out->emit[0].ack == t.rcv_nxt &&
      (out->emit[0].flags & TCP_ACK) != 0;
    ensures step: \result.state == t.state ||
                  CloseEdge(t.state, \result.state);
    ensures closes_when_queued: \result.state != t.state ==> t.fin_queued;
    ensures nothing_sent: out->nemit == 0 ==> \result.snd_nxt == t.snd_nxt;
    ensures receive_kept: SameReceive(\result, t) && SameOptions(\result, t);
    ensures una_kept: \result.iss == t.iss && \result.snd_una == t.snd_una &&
      \result.fin_queued == t.fin_queued &&
      \result.snd_wnd == t.snd_wnd && \result.max_snd_wnd == t.max_snd_wnd;
    ensures window_kept: SameWindow(\result, t);
    ensures in_window: out->nemit == 1 ==> InSendWindow(t, out->emit[0]);
    ensures window_octets: out->nemit == 1 ==>
      SentInWindow(\result, out->emit[0]);
    ensures fin_goes: SendingState(t.state) && t.fin_queued && !t.fin_sent &&
      t.snd_queued == 0 ==>
        out->nemit == 1 && out->emit[0].seq == t.snd_nxt &&
        (out->emit[0].flags & TCP_FIN) != 0 && \result.fin_sent;
    ensures rto_started: out->nemit == 1 &&
      (t.timers & TCP_TIMER_BIT(TCP_T_RETRANSMIT)) == 0 ==>
        (out->timers_arm & TCP_TIMER_BIT(TCP_T_RETRANSMIT)) != 0;
    ensures rto_kept: (\old(out->timers_arm) & TCP_TIMER_BIT(TCP_T_RETRANSMIT)) != 0 ==>
      (out->timers_arm & TCP_TIMER_BIT(TCP_T_RETRANSMIT)) != 0;
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
struct tcp_tcb tcp_output(struct tcp_tcb t, struct tcp_result *out);

/* What the window allows, or else a bare ACK: the segment that completes
 * a handshake, <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> (3.10.7.3 "form an ACK
 * segment ... and send it"; 3.5 Figure 8), data riding on it if any. */
/*@ requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->timers_arm;
    ensures one: out->nemit == 1;
    ensures sent: out->emit[0].seq == t.snd_nxt &&
      out->emit[0].ack == t.rcv_nxt;
    ensures flags: (out->emit[0].flags & TCP_ACK) != 0 &&
      (out->emit[0].flags & TCP_RST) == 0 &&
      (out->emit[0].flags & TCP_SYN) == 0;
    ensures step: \result.state == t.state ||
                  CloseEdge(t.state, \result.state);
    ensures closes_when_queued: \result.state != t.state ==> t.fin_queued;
    ensures receive_kept: SameReceive(\result, t) && SameOptions(\result, t);
    ensures una_kept: \result.iss == t.iss && \result.snd_una == t.snd_una &&
      \result.fin_queued == t.fin_queued &&
      \result.snd_wnd == t.snd_wnd && \result.max_snd_wnd == t.max_snd_wnd;
    ensures window_kept: SameWindow(\result, t);
    ensures in_window: InSendWindow(t, out->emit[0]);
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
struct tcp_tcb tcp_output_or_ack(struct tcp_tcb t, struct tcp_result *out);

/* tcp_tcb.c: whole-TCB transformations */

/*@ assigns \nothing;
    ensures closed: \result.state == TCP_CLOSED;
    ensures socket_kept: \result.rcv_wnd == t.rcv_wnd &&
      \result.keepalive == t.keepalive &&
      \result.user_timeout == t.user_timeout;
    ensures nothing_left: NothingPending(\result) && !\result.fin_queued &&
      !\result.fin_sent && !\result.held && \result.rcv_unread == 0 &&
      \result.timers == 0;
    ensures invariant: t.rcv_wnd <= TCP_MAX_WND ==> TcbInvariant(\result); */
struct tcp_tcb tcp_tcb_deleted(struct tcp_tcb t);

/*@ assigns \nothing;
    ensures listen: \result.state == TCP_LISTEN && \result.passive;
    ensures socket_kept: \result.rcv_wnd == t.rcv_wnd &&
      \result.keepalive == t.keepalive &&
      \result.user_timeout == t.user_timeout;
    ensures nothing_left: NothingPending(\result) && !\result.fin_queued &&
      !\result.fin_sent && !\result.held && \result.rcv_unread == 0 &&
      \result.timers == 0;
    ensures invariant: t.rcv_wnd <= TCP_MAX_WND ==> TcbInvariant(\result); */
struct tcp_tcb tcp_tcb_to_listen(struct tcp_tcb t);

/*@ assigns \nothing;
    ensures syn_only: \result.iss == iss && \result.snd_una == iss &&
      \result.snd_nxt == SeqAdd(iss, 1) && \result.snd_up == iss &&
      \result.snd_wl1 == 0 && \result.snd_wl2 == 0 && !\result.fin_sent &&
      \result.retransmits == 0 && \result.ka_probes == 0;
    ensures kept: \result.state == t.state && \result.passive == t.passive &&
      \result.fin_queued == t.fin_queued && \result.keepalive == t.keepalive &&
      \result.user_timeout == t.user_timeout && \result.timers == t.timers &&
      \result.snd_mss == t.snd_mss && \result.snd_wnd == t.snd_wnd &&
      \result.max_snd_wnd == t.max_snd_wnd &&
      \result.snd_queued == t.snd_queued && SameReceive(\result, t); */
struct tcp_tcb tcp_tcb_open(struct tcp_tcb t, uint32_t iss);

/* *dst = src, one field at a time: WP then sees each field of *dst as
 * stored (a whole-struct store through a pointer does not prove,
 * docs/proving.md). */
/*@ requires valid: \valid(dst);
    assigns *dst;
    ensures stored: dst->iss == src.iss &&
      dst->irs == src.irs &&
      dst->snd_una == src.snd_una &&
      dst->snd_nxt == src.snd_nxt &&
      dst->snd_wnd == src.snd_wnd &&
      dst->snd_wl1 == src.snd_wl1 &&
      dst->snd_wl2 == src.snd_wl2 &&
      dst->snd_up == src.snd_up &&
      dst->rcv_nxt == src.rcv_nxt &&
      dst->rcv_wnd == src.rcv_wnd &&
      dst->rcv_up == src.rcv_up &&
      dst->max_snd_wnd == src.max_snd_wnd &&
      dst->snd_queued == src.snd_queued &&
      dst->rcv_unread == src.rcv_unread &&
      dst->held_seq == src.held_seq &&
      dst->held_len == src.held_len &&
      dst->state == src.state &&
      dst->snd_mss == src.snd_mss &&
      dst->passive == src.passive &&
      dst->fin_queued == src.fin_queued &&
      dst->fin_sent == src.fin_sent &&
      dst->keepalive == src.keepalive &&
      dst->user_timeout == src.user_timeout &&
      dst->held == src.held &&
      dst->held_fin == src.held_fin &&
      dst->ka_probes == src.ka_probes &&
      dst->retransmits == src.retransmits &&
      dst->timers == src.timers; */
void tcp_tcb_store(struct tcp_tcb *dst, struct tcp_tcb src);

/* tcp_step.c: the timers a TCB must have armed (TimersFor) */
/*@ assigns \nothing;
    ensures timers: \result == TimersFor(t, p); */
uint8_t tcp_timers_of(struct tcp_tcb t, struct tcp_profile p);

/* tcp_user.c: user calls (3.10.1 - 3.10.6) */
/*@ requires call: TCP_CALL_OPEN_ACTIVE <= ev.call < TCP_NCALLS;
    requires out_valid: \valid(out);
    requires fresh: out->nemit == 0 && out->delivered == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->notify, out->timers_arm, out->delivered;
    ensures at_most_one: out->nemit <= 1;
    ensures step: UserCallStep(t.state, \result.state);
    ensures required: UserCallRequired(p, t, ev, \result, out->nemit,
      out->emit[0], out->notify, out->delivered);
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
struct tcp_tcb tcp_user_call(struct tcp_tcb t, struct tcp_event ev,
			     struct tcp_profile p, struct tcp_result *out);

/* segment arrival (3.10.7) */

/* tcp_closed.c: 3.10.7.1 */
/*@ requires s_valid: SegmentBounds(s);
    requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule;
    ensures kept: \result == t;
    ensures closed: ClosedStep(p, t, s, \result, out->nemit, out->emit[0]); */
struct tcp_tcb tcp_seg_closed(struct tcp_tcb t, struct tcp_segment s,
			      struct tcp_profile p, struct tcp_result *out);

/* tcp_listen.c: 3.10.7.2 */
/*@ requires s_valid: SegmentBounds(s);
    requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    requires state: t.state == TCP_LISTEN;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->timers_arm;
    ensures at_most_one: out->nemit <= 1;
    ensures listen: ListenStep(p, t, s, iss, \result, out->nemit, out->emit[0]);
    ensures listen_syn: ListenSynStep(p, s, \result);
    ensures step: \result.state == TCP_LISTEN ||
                  \result.state == TCP_SYN_RECEIVED;
    ensures no_rst_without_ack: !HasAck(s) &&
      (!p.listen_as_closed || LoneSyn(s)) ==>
        out->nemit == 0 || (out->emit[0].flags & TCP_RST) == 0;
    ensures stays: \result.state == TCP_LISTEN ==> \result == t;
    ensures syn_received: \result.state == TCP_SYN_RECEIVED ==>
      !HasRst(s) && !HasAck(s) && \result.rcv_nxt == SeqAdd(s.seq, 1) &&
      \result.snd_una == iss && \result.snd_nxt == SeqAdd(iss, 1);
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
struct tcp_tcb tcp_seg_listen(struct tcp_tcb t, struct tcp_segment s,
			      uint32_t iss, struct tcp_profile p,
			      struct tcp_result *out);

/* tcp_syn_sent.c: 3.10.7.3 */
/*@ requires s_valid: SegmentBounds(s);
    requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    requires state: t.state == TCP_SYN_SENT;
    requires tcb: ValidTcb(t);
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->notify, out->timers_arm;
    ensures at_most_one: out->nemit <= 1;
    ensures no_rst_for_rst: HasRst(s) && !p.rst_answers_rst ==>
      out->nemit == 0 || (out->emit[0].flags & TCP_RST) == 0;
    ensures bad_ack: SynSentBadAckStep(p, t, s, \result, out->nemit, out->emit[0]);
    ensures syn: SynSentSynStep(p, t, s, \result, out->nemit, out->emit[0]);
    ensures other_dropped: t.snd_una == t.iss && !HasSyn(s) && !HasRst(s) &&
      (HasAck(s) ==> AcksOurSyn(t, s)) &&
      !(p.syn_sent_ack_resets && HasAck(s)) ==>
        SameTcb(\result, t) && out->nemit == 0;
    ensures other_reset: t.snd_una == t.iss && !HasSyn(s) && !HasRst(s) &&
      AcksOurSyn(t, s) && p.syn_sent_ack_resets ==>
        SameTcb(\result, t) && out->nemit == 1 &&
        RstForAck(p, out->emit[0], s);
    ensures other: SynSentOtherStep(p, t, s, \result, out->nemit, out->emit[0]);
    ensures rst: SynSentRstStep(p, t, s, \result, out->nemit, out->notify);
    ensures syn_ack: SynSentSynAckStep(t, s, \result, out->nemit, out->emit[0]);
    ensures step: !t.fin_queued ==>
      \result.state == TCP_SYN_SENT || \result.state == TCP_CLOSED ||
      \result.state == TCP_SYN_RECEIVED || \result.state == TCP_ESTABLISHED ||
      \result.state == TCP_CLOSE_WAIT;
    ensures handshake: t.snd_una == t.iss &&
      (\result.state == TCP_ESTABLISHED || \result.state == TCP_CLOSE_WAIT) ==>
        HasSyn(s) && AcksOurSyn(t, s);
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
struct tcp_tcb tcp_seg_syn_sent(struct tcp_tcb t, struct tcp_segment s,
				struct tcp_profile p, struct tcp_result *out);

/* tcp_other.c: SYN-RECEIVED and the synchronized states (3.10.7.4) */
/*@ requires s_valid: SegmentBounds(s);
    requires out_valid: \valid(out);
    requires fresh: out->nemit == 0 && out->notify == TCP_N_NONE;
    requires tcb: ValidTcb(t);
    requires state: TCP_SYN_RECEIVED <= t.state <= TCP_TIME_WAIT;
    decreases (s.flags & TCP_SYN) != 0 ? 2 : 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->notify, out->timers_arm;
    // (the SYN bit spelled out, not HasSyn: at the trimmed call Qed folds
    // (flags & 61) & 2 to 0, which no prover does inside the predicate)
    ensures at_most_one: out->nemit <= 1 ||
      ((p.syn_reset_twice && (s.flags & TCP_SYN) != 0 ||
        p.ack_unsent_takes_text) &&
       (s.flags & TCP_RST) == 0 && out->nemit == 2);
    ensures no_rst_for_rst: HasRst(s) ==>
      out->nemit == 0 || (out->emit[0].flags & TCP_RST) == 0;
    ensures path: TcbInvariant(t) ==> SegmentMove(p, t.state, \result.state);
    ensures handshake: SynchronizesOnAck(t, s, \result);
    ensures first_check:
      UnacceptableStep(p, t, s, iss, \result, out->nemit, out->emit[0]);
    ensures rst: RstStep(p, t, s, \result, out->nemit, out->notify);
    ensures syn_received_bad_ack:
      SynReceivedBadAckStep(p, t, s, \result, out->nemit, out->emit[0]);
    ensures rfc5961_rst_only_at_rcv_nxt:
      RstOffRcvNxtIgnored(p, t, s, \result, out->notify);
    ensures rfc5961_rst_challenge:
      RstChallengeStep(p, t, s, out->nemit, out->emit[0]);
    ensures rfc5961_syn_challenge:
      SynChallengeStep(p, t, s, iss, \result, out->nemit, out->emit[0]);
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
struct tcp_tcb tcp_seg_other(struct tcp_tcb t, struct tcp_segment s,
			     uint32_t iss, struct tcp_profile p,
			     struct tcp_result *out);

/* An old SYN carrying new text: the SYN trimmed off (3.10.7.4). */
/*@ requires s_valid: SegmentBounds(s);
    requires syn: HasSyn(s) && !HasRst(s);
    requires out_valid: \valid(out);
    requires fresh: out->nemit == 0 && out->notify == TCP_N_NONE;
    requires tcb: ValidTcb(t);
    requires state: TCP_SYN_RECEIVED <= t.state <= TCP_TIME_WAIT;
    decreases 1;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->notify, out->timers_arm;
    ensures at_most_one: out->nemit <= 1 ||
      (p.ack_unsent_takes_text && (s.flags & TCP_RST) == 0 &&
       out->nemit == 2);
    ensures path: TcbInvariant(t) ==> SegmentMove(p, t.state, \result.state);
    ensures handshake: SynchronizesOnAck(t, s, \result);
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
struct tcp_tcb tcp_seg_other_trimmed(struct tcp_tcb t, struct tcp_segment s,
				     struct tcp_profile p,
				     struct tcp_result *out);

/* tcp_ack.c: the fifth check of 3.10.7.4, on a segment with ACK */
/*@ requires s_valid: SegmentBounds(s) && HasAck(s);
    requires out_valid: \valid(out) && \valid(drop);
    requires separated: \separated(out, drop);
    requires fresh: out->nemit == 0;
    requires synchronizing: TCP_SYN_RECEIVED <= t.state <= TCP_TIME_WAIT;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->notify, out->timers_arm, *drop;
    ensures at_most_one: out->nemit <= 1;
    ensures sent_only_when_dropped: !*drop ==> out->nemit == 0;
    ensures step: !(t.state == TCP_SYN_RECEIVED && t.fin_sent) ==>
      \result.state == t.state || AckEdge(t.state, \result.state);
    ensures synchronized: !*drop ==> \result.state != TCP_SYN_RECEIVED;
    ensures close_kept: \result.state != TCP_CLOSED ==>
      \result.fin_queued == t.fin_queued;
    ensures fin_sent_kept: t.state == TCP_SYN_RECEIVED &&
      \result.state != TCP_CLOSED ==> \result.fin_sent == t.fin_sent;
    ensures established_open: \result.state == TCP_ESTABLISHED &&
      t.state != TCP_ESTABLISHED ==> !t.fin_queued;
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result);
    ensures syn_received_bad_ack:
      t.state == TCP_SYN_RECEIVED && SynReceivedBadAck(t, s) ==>
        *drop && out->nemit == 1 && RstForAck(p, out->emit[0], s) &&
        SameTcb(\result, t);
    ensures handshake: SynchronizesOnAck(t, s, \result);
    ensures ack_advances: Synchronized(t.state) && t.state != TCP_TIME_WAIT &&
      AcceptableAck(t.snd_una, s.ack, t.snd_nxt) &&
      !(p.ack_check_5961 && SeqLt(s.ack, SeqSub(t.snd_una, t.max_snd_wnd))) ==>
        \result.snd_una == s.ack || \result.state == TCP_CLOSED;
    ensures window_from_syn_received: t.state == TCP_SYN_RECEIVED && !*drop &&
      \result.state != TCP_CLOSED ==> WindowFrom(s, \result);
    ensures window_rule: WindowChecked(p, t, s) &&
      \result.state != TCP_CLOSED ==> WindowRule(t, s, \result);
    ensures window_kept: Synchronized(t.state) && !WindowChecked(p, t, s) &&
      \result.state != TCP_CLOSED ==> SameWindow(t, \result);
    ensures rto_restart: WindowChecked(p, t, s) &&
      AcceptableAck(t.snd_una, s.ack, t.snd_nxt) && s.ack != t.snd_nxt ==>
        (out->timers_arm & TCP_TIMER_BIT(TCP_T_RETRANSMIT)) != 0; */
struct tcp_tcb tcp_seg_ack(struct tcp_tcb t, struct tcp_segment s,
			   struct tcp_profile p, struct tcp_result *out,
			   bool *drop);

/* tcp_data.c: the sixth to eighth checks: URG, text, FIN */
/*@ requires s_valid: SegmentBounds(s);
    requires out_valid: \valid(out) && \valid(need_ack);
    requires separated: \separated(out, need_ack);
    assigns out->rule, out->notify, out->timers_arm, *need_ack;
    ensures step: \result.state == t.state || FinEdge(t.state, \result.state);
    ensures fin_wait_1_to_time_wait: t.state == TCP_FIN_WAIT_1 &&
      \result.state == TCP_TIME_WAIT ==> t.fin_sent && t.snd_una == t.snd_nxt;
    ensures send_kept: SameSend(\result, t) && SameOptions(\result, t) &&
      \result.timers == t.timers;
    ensures invariant: TcbInvariant(t) && t.state != TCP_SYN_RECEIVED ==>
      TcbInvariant(\result); */
struct tcp_tcb tcp_seg_text_fin(struct tcp_tcb t, struct tcp_segment s,
				bool text_allowed, struct tcp_profile p,
				struct tcp_result *out, bool *need_ack);

/* tcp_data.c: hold text beyond RCV.NXT, or on a SYN, for later (SHLD-31) */
/*@ assigns \nothing;
    ensures kept: \result.state == t.state && SameSend(\result, t) &&
      SameOptions(\result, t) && \result.timers == t.timers &&
      \result.irs == t.irs &&
      \result.rcv_nxt == t.rcv_nxt && \result.rcv_wnd == t.rcv_wnd &&
      \result.rcv_up == t.rcv_up && \result.rcv_unread == t.rcv_unread;
    ensures held_ok: HeldOk(t) ==> HeldOk(\result); */
struct tcp_tcb tcp_hold(struct tcp_tcb t, uint32_t first, uint32_t len, bool fin);

/* tcp_timer.c: timeouts (3.10.8) */
/*@ requires timer: TCP_T_RETRANSMIT <= which < TCP_NTIMERS;
    requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->notify, out->timers_arm;
    ensures at_most_one: out->nemit <= 1;
    ensures step: TimeoutStep(t.state, \result.state);
    ensures required: TimeoutRequired(p, t, which, \result, out->nemit,
                                      out->emit[0], out->notify);
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
struct tcp_tcb tcp_timeout(struct tcp_tcb t, enum tcp_timer which,
			   struct tcp_profile p, struct tcp_result *out);

/* tcp_accept.c: the RFC 9293 3.4 acceptability test */
/*@ requires wnd_bound: rcv_wnd <= TCP_MAX_WND;
    assigns \nothing;
    ensures acceptable:
      \result <==> AcceptableSegment(seq, seglen, rcv_nxt, rcv_wnd); */
bool tcp_seg_acceptable(uint32_t seq, uint32_t seglen, uint32_t rcv_nxt,
			uint32_t rcv_wnd);

/* our FIN has been sent and acknowledged */
/*@ assigns \nothing;
    ensures fin_acked: \result <==> (t.fin_sent && t.snd_una == t.snd_nxt); */
static inline bool tcp_fin_acked(struct tcp_tcb t)
{
	return t.fin_sent && t.snd_una == t.snd_nxt;
}

/* An acceptable ACK: SND.UNA < SEG.ACK =< SND.NXT (3.4, 3.10.7). */
/*@ assigns \nothing;
    ensures acceptable: \result <==> AcceptableAck(t.snd_una, ack, t.snd_nxt); */
static inline bool tcp_ack_acceptable(struct tcp_tcb t, uint32_t ack)
{
	return seq_lt(t.snd_una, ack) && seq_le(ack, t.snd_nxt);
}

/* A state that segmentizes queued data and sends it (SendingState). */
/*@ assigns \nothing;
    ensures sending: \result <==> SendingState(s); */
static inline bool tcp_sending_state(enum tcp_state s)
{
	return s == TCP_ESTABLISHED || s == TCP_CLOSE_WAIT ||
	       s == TCP_FIN_WAIT_1 || s == TCP_CLOSING || s == TCP_LAST_ACK;
}

/* SEG.LEN (RFC 9293 3.4) of a segment the model accepts (len =< 2^30). */
/*@ requires len_bound: s.len <= TCP_MAX_WND;
    assigns \nothing;
    ensures seg_len: \result == SegLen(s); */
static inline uint32_t tcp_seglen(struct tcp_segment s)
{
	return s.len + ((s.flags & TCP_SYN) ? 1u : 0u) +
	       ((s.flags & TCP_FIN) ? 1u : 0u);
}

/*@ assigns \nothing;
    ensures min: \result == \min(a, b); */
static inline uint32_t tcp_min32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

#endif
