/*
 * tcp_impl.h - the model's internal functions, one per RFC 9293 step.
 *
 * Every handler takes the TCB by value and returns the TCB after the step;
 * the only other thing it writes is *out.  This keeps each function small
 * enough for its own contract, and lets WP see every untouched field as
 * untouched (shared/PROVING.md: struct copies through pointers do not prove).
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
      out->emit[0].wnd == t.rcv_wnd; */
void tcp_emit_ack(struct tcp_tcb t, struct tcp_result *out);

/*@ requires s_valid: \valid_read(s) && ValidSegment(*s);
    requires out_valid: \valid(out) && \separated(s, out);
    requires fresh: out->nemit == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1];
    ensures reset_sent: out->nemit == 1 && ClosedReset(out->emit[0], \old(*s)); */
void tcp_emit_reset_for(const struct tcp_segment *s, struct tcp_result *out);

/*@ requires p_valid: \valid_read(p);
    requires out_valid: \valid(out) && \separated(p, out);
    requires fresh: out->nemit == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1];
    ensures rst_sent: out->nemit == 1 &&
      (p->abort_rst_ack ?
         SegmentIs(out->emit[0], TCP_RST | TCP_ACK, t.snd_nxt, t.rcv_nxt) :
         SegmentIs(out->emit[0], TCP_RST, t.snd_nxt, 0)); */
void tcp_emit_abort_rst(struct tcp_tcb t, const struct tcp_profile *p,
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
    ensures no_rst: NoRstSent(*out);
    ensures sent_from_snd_nxt: out->nemit == 1 ==>
      out->emit[0].seq == t.snd_nxt && out->emit[0].ack == t.rcv_nxt &&
      (out->emit[0].flags & TCP_ACK) != 0;
    ensures step: \result.state == t.state ||
                  DiagramEdge(t.state, \result.state);
    ensures receive_kept: SameReceive(\result, t) && SameOptions(\result, t);
    ensures una_kept: \result.iss == t.iss && \result.snd_una == t.snd_una &&
      \result.snd_wnd == t.snd_wnd && \result.max_snd_wnd == t.max_snd_wnd;
    ensures invariant: TcbInvariant(t) ==> TcbInvariant(\result); */
struct tcp_tcb tcp_output(struct tcp_tcb t, struct tcp_result *out);

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

/* tcp_user.c: user calls (3.10.1 - 3.10.6) */
struct tcp_tcb tcp_user_call(struct tcp_tcb t, const struct tcp_event *ev,
			     const struct tcp_profile *p, struct tcp_result *out);

/* segment arrival (3.10.7) */
struct tcp_tcb tcp_seg_closed(struct tcp_tcb t, const struct tcp_segment *s,
			      struct tcp_result *out);
struct tcp_tcb tcp_seg_listen(struct tcp_tcb t, const struct tcp_segment *s,
			      uint32_t iss, const struct tcp_profile *p,
			      struct tcp_result *out);
struct tcp_tcb tcp_seg_syn_sent(struct tcp_tcb t, const struct tcp_segment *s,
				struct tcp_result *out);
struct tcp_tcb tcp_seg_other(struct tcp_tcb t, const struct tcp_segment *s,
			     uint32_t iss, const struct tcp_profile *p,
			     struct tcp_result *out);
struct tcp_tcb tcp_seg_other_trimmed(struct tcp_tcb t, const struct tcp_segment *s,
				     const struct tcp_profile *p,
				     struct tcp_result *out);
struct tcp_tcb tcp_seg_ack(struct tcp_tcb t, const struct tcp_segment *s,
			   const struct tcp_profile *p, struct tcp_result *out,
			   bool *drop);
struct tcp_tcb tcp_seg_text_fin(struct tcp_tcb t, const struct tcp_segment *s,
				bool text_allowed, struct tcp_result *out,
				bool *need_ack);

/* tcp_data.c: hold text beyond RCV.NXT, or on a SYN, for later (SHLD-31) */
struct tcp_tcb tcp_hold(struct tcp_tcb t, uint32_t first, uint32_t len, bool fin);

/* tcp_timer.c: timeouts (3.10.8) */
struct tcp_tcb tcp_timeout(struct tcp_tcb t, enum tcp_timer which,
			   const struct tcp_profile *p, struct tcp_result *out);

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

/*@ assigns \nothing;
    ensures min: \result == \min(a, b); */
static inline uint32_t tcp_min32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

#endif
