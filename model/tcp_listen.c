/*
 * tcp_listen.c - a segment arrives in LISTEN (RFC 9293 3.10.7.2).
 */
#include "tcp_impl.h"

/* A SYN and, of FIN, RST, URG and ACK, none (4.4BSD's "(tiflags & (TH_SYN |
 * TH_FIN | TH_RST | TH_URG | TH_ACK)) != TH_SYN"). */
/*@ assigns \nothing;
    ensures \result <==> LoneSyn(s); */
static bool lone_syn(struct tcp_segment s)
{
	return (s.flags & TCP_SYN) && !(s.flags & TCP_FIN) &&
	       !(s.flags & TCP_RST) && !(s.flags & TCP_URG) &&
	       !(s.flags & TCP_ACK);
}

/* Third check: a SYN creates the embryonic connection. */
/*@ requires s_valid: SegmentBounds(s);
    requires out_valid: \valid(out);
    requires fresh: out->nemit == 0;
    assigns out->nemit, out->emit[0 .. TCP_MAX_EMIT - 1], out->rule,
            out->timers_arm;
    ensures syn_received: \result.state == TCP_SYN_RECEIVED &&
      \result.irs == s.seq &&
      \result.rcv_nxt == SeqAdd(s.seq, 1) && \result.iss == iss &&
      \result.snd_una == iss && \result.snd_nxt == SeqAdd(iss, 1);
    ensures syn_ack: out->nemit == 1 &&
      SegmentIs(out->emit[0], TCP_SYN | TCP_ACK, iss, SeqAdd(s.seq, 1));
    ensures no_rst: (out->emit[0].flags & TCP_RST) == 0;
    ensures invariant: TcbInvariant(t) && t.state == TCP_LISTEN ==>
      TcbInvariant(\result); */
static struct tcp_tcb listen_syn(struct tcp_tcb t, struct tcp_segment s,
				 uint32_t iss, struct tcp_profile p,
				 struct tcp_result *out)
{
	/* "Set RCV.NXT to SEG.SEQ+1, IRS is set to SEG.SEQ, and any other
	 * control or text should be queued for processing later.  ISS should
	 * be selected and a SYN segment sent of the form
	 * <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>.  SND.NXT is set to ISS+1 and
	 * SND.UNA to ISS.  The connection state should be changed to
	 * SYN-RECEIVED."  Text and FIN are held until ESTABLISHED, unless
	 * the profile drops them (stacks without TCP Fast Open). */
	t = tcp_tcb_open(t, iss);
	t.irs = s.seq;
	t.rcv_nxt = seq_add(s.seq, 1);
	t.rcv_up = t.rcv_nxt;
	t.snd_wnd = s.wnd;
	t.max_snd_wnd = s.wnd;
	t.snd_wl1 = s.seq;
	t.snd_mss = s.mss != 0 ? s.mss : TCP_DEFAULT_MSS;
	t.passive = true;
	t.state = TCP_SYN_RECEIVED;
	if (!p.listen_drop_syn_text && (s.len > 0 || (s.flags & TCP_FIN)))
		t = tcp_hold(t, t.rcv_nxt, s.len, (s.flags & TCP_FIN) != 0);
	tcp_emit(out, TCP_SYN | TCP_ACK, t.iss, t.rcv_nxt, t.rcv_wnd, 0);
	/*@ assert syn_ack_sent: out->nemit == 1 &&
	      SegmentIs(out->emit[0], TCP_SYN | TCP_ACK, iss, SeqAdd(s.seq, 1)) &&
	      (out->emit[0].flags & TCP_RST) == 0; */
	out->timers_arm |= TCP_TIMER_BIT(TCP_T_RETRANSMIT);
	out->rule = R_3_10_7_2_LISTEN_SYN;
	return t;
}

struct tcp_tcb tcp_seg_listen(struct tcp_tcb t, struct tcp_segment s,
			      uint32_t iss, struct tcp_profile p,
			      struct tcp_result *out)
{
	/* "First, check for a RST: An incoming RST segment could not be valid
	 * since it could not have been sent in response to anything sent by
	 * this incarnation of the connection.  An incoming RST should be
	 * ignored." */
	if ((s.flags & TCP_RST) && p.listen_as_closed && p.rst_answers_rst) {
		/* libslirp: no LISTEN TCB, so tcp_input() sends whatever is
		 * not a lone SYN to dropwithreset, as for a closed port, and
		 * dropwithreset answers a RST too */
		tcp_emit_reset_for(s, p, out);
		out->rule = R_3_10_7_2_LISTEN_AS_CLOSED;
		return t;
	}
	if (s.flags & TCP_RST) {
		out->rule = R_3_10_7_2_LISTEN_RST;
		return t;
	}
	/* "Second, check for an ACK: ... form a reset segment
	 * <SEQ=SEG.ACK><CTL=RST>" */
	if (s.flags & TCP_ACK) {
		tcp_emit_reset_for(s, p, out);
		out->rule = R_3_10_7_2_LISTEN_ACK;
		return t;
	}
	if (p.listen_as_closed && !lone_syn(s)) {
		/* libslirp (no LISTEN TCB): the reset of 3.10.7.1 */
		tcp_emit_reset_for(s, p, out);
		out->rule = R_3_10_7_2_LISTEN_AS_CLOSED;
		return t;
	}
	if ((s.flags & TCP_SYN) &&
	    !(p.listen_drop_syn_fin && (s.flags & TCP_FIN)) &&
	    !(p.listen_as_closed && !lone_syn(s)))
		return listen_syn(t, s, iss, p, out);
	/* "Fourth, other data or control: ... drop the segment and return." */
	out->rule = R_3_10_7_2_LISTEN_OTHER;
	return t;
}
