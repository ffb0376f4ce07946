/*
 * tcp_listen.c - a segment arrives in LISTEN (RFC 9293 3.10.7.2).
 */
#include "tcp_impl.h"

/* Third check: a SYN creates the embryonic connection. */
static struct tcp_tcb listen_syn(struct tcp_tcb t, const struct tcp_segment *s,
				 uint32_t iss, const struct tcp_profile *p,
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
	t.irs = s->seq;
	t.rcv_nxt = seq_add(s->seq, 1);
	t.rcv_up = t.rcv_nxt;
	t.snd_wnd = s->wnd;
	t.max_snd_wnd = s->wnd;
	t.snd_wl1 = s->seq;
	t.snd_mss = s->mss != 0 ? s->mss : TCP_DEFAULT_MSS;
	t.passive = true;
	t.state = TCP_SYN_RECEIVED;
	if (!p->listen_drop_syn_text && (s->len > 0 || (s->flags & TCP_FIN)))
		t = tcp_hold(t, t.rcv_nxt, s->len, (s->flags & TCP_FIN) != 0);
	tcp_emit(out, TCP_SYN | TCP_ACK, t.iss, t.rcv_nxt, t.rcv_wnd, 0);
	out->timers_arm |= TCP_TIMER_BIT(TCP_T_RETRANSMIT);
	out->rule = R_3_10_7_2_LISTEN_SYN;
	return t;
}

struct tcp_tcb tcp_seg_listen(struct tcp_tcb t, const struct tcp_segment *s,
			      uint32_t iss, const struct tcp_profile *p,
			      struct tcp_result *out)
{
	/* "First, check for a RST: An incoming RST segment could not be valid
	 * since it could not have been sent in response to anything sent by
	 * this incarnation of the connection.  An incoming RST should be
	 * ignored." */
	if (s->flags & TCP_RST) {
		out->rule = R_3_10_7_2_LISTEN_RST;
		return t;
	}
	/* "Second, check for an ACK: ... form a reset segment
	 * <SEQ=SEG.ACK><CTL=RST>" */
	if (s->flags & TCP_ACK) {
		tcp_emit(out, TCP_RST, s->ack, 0, 0, 0);
		out->rule = R_3_10_7_2_LISTEN_ACK;
		return t;
	}
	if ((s->flags & TCP_SYN) &&
	    !(p->listen_drop_syn_fin && (s->flags & TCP_FIN)))
		return listen_syn(t, s, iss, p, out);
	/* "Fourth, other data or control: ... drop the segment and return." */
	out->rule = R_3_10_7_2_LISTEN_OTHER;
	return t;
}
