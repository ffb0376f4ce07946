/*
 * tcp_emit.c - the segments the model sends: ACKs, resets, and the output
 * routine that segmentizes queued data and the FIN (RFC 9293 3.10.2, 3.10.4).
 */
#include "tcp_impl.h"

void tcp_emit(struct tcp_result *out, uint8_t flags, uint32_t seq, uint32_t ack,
	      uint32_t wnd, uint32_t len)
{
	struct tcp_segment *s;

	if (out->nemit >= TCP_MAX_EMIT)
		return;
	s = &out->emit[out->nemit];
	s->flags = flags;
	s->seq = seq;
	s->ack = ack;
	s->wnd = wnd;
	s->up = 0;
	s->mss = 0;
	s->len = len;
	out->nemit++;
}

/* <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> */
void tcp_emit_ack(struct tcp_tcb t, struct tcp_result *out)
{
	tcp_emit(out, TCP_ACK, t.snd_nxt, t.rcv_nxt, t.rcv_wnd, 0);
}

/* 4.4BSD's tcp_output() (libslirp), fin_repeat: tcp_outflags[] of
 * FIN-WAIT-1, CLOSING and LAST-ACK carry FIN, and "If resending a FIN, be
 * sure not to use a new sequence number". */
void tcp_emit_ack_for(struct tcp_tcb t, struct tcp_profile p,
		      struct tcp_result *out)
{
	if (p.fin_repeat && t.fin_sent && t.snd_una != t.snd_nxt &&
	    (t.state == TCP_FIN_WAIT_1 || t.state == TCP_CLOSING ||
	     t.state == TCP_LAST_ACK))
		tcp_emit(out, TCP_FIN | TCP_ACK, seq_sub(t.snd_nxt, 1u), t.rcv_nxt,
			 t.rcv_wnd, 0);
	else
		tcp_emit_ack(t, out);
}

/*
 * RFC 9293 3.10.7.1: "If the ACK bit is off, sequence number zero is used,
 * <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.  If the ACK bit is on,
 * <SEQ=SEG.ACK><CTL=RST>."  (3.5.2, reset generation, group 1.)  With
 * rst_reply_ack (lwIP's tcp_rst(ackno, seqno + tcplen)) the second form
 * carries <ACK=SEG.SEQ+SEG.LEN> as well.
 */
void tcp_emit_reset_for(struct tcp_segment s, struct tcp_profile p,
			struct tcp_result *out)
{
	if ((s.flags & TCP_ACK) && p.rst_reply_ack)
		tcp_emit(out, TCP_RST | TCP_ACK, s.ack,
			 seq_add(s.seq, tcp_seglen(s)), 0, 0);
	else if (s.flags & TCP_ACK)
		tcp_emit(out, TCP_RST, s.ack, 0, 0, 0);
	else if ((s.flags & TCP_FIN) && p.rst_ack_skips_fin)
		/* 4.4BSD (libslirp): tcp_respond(ti_seq + ti_len), the FIN
		 * not in ti_len */
		tcp_emit(out, TCP_RST | TCP_ACK, 0,
			 seq_add(s.seq, tcp_seglen(s) - 1u), 0, 0);
	else
		tcp_emit(out, TCP_RST | TCP_ACK, 0,
			 seq_add(s.seq, tcp_seglen(s)), 0, 0);
}

/* The same reset as a second segment, after ABORT's (syn_reset_twice). */
void tcp_emit_reset_again(struct tcp_segment s, struct tcp_profile p,
			  struct tcp_result *out)
{
	struct tcp_result one;

	one.nemit = 0;
	tcp_emit_reset_for(s, p, &one);
	out->emit[1] = one.emit[0];
	out->nemit = 2;
}

/*
 * RFC 9293 3.10.5: ABORT sends <SEQ=SND.NXT><CTL=RST>.  Stacks that set ACK
 * on every reset they originate (Linux, lwIP) add <ACK=RCV.NXT>.
 */
void tcp_emit_abort_rst(struct tcp_tcb t, struct tcp_profile p,
			struct tcp_result *out)
{
	if (p.abort_rst_ack)
		tcp_emit(out, TCP_RST | TCP_ACK, t.snd_nxt, t.rcv_nxt, 0, 0);
	else
		tcp_emit(out, TCP_RST, t.snd_nxt, 0, 0, 0);
}

/* Bytes the send window still allows: SND.UNA + SND.WND - SND.NXT, or 0. */
/*@ assigns \nothing;
    ensures usable: InFlight(t) < t.snd_wnd ?
      \result == t.snd_wnd - InFlight(t) : \result == 0; */
static uint32_t usable_window(struct tcp_tcb t)
{
	uint32_t flight = seq_dist(t.snd_nxt, t.snd_una);

	return flight < t.snd_wnd ? t.snd_wnd - flight : 0;
}

uint8_t tcp_data_flags(bool data, bool fin)
{
	if (data && fin)
		return TCP_ACK | TCP_PSH | TCP_FIN;
	if (data)
		return TCP_ACK | TCP_PSH;
	if (fin)
		return TCP_ACK | TCP_FIN;
	return TCP_ACK;
}

/*
 * Send what the window allows of the queued data, then the FIN once nothing
 * is left ("queue this until all preceding SENDs have been segmentized, then
 * form a FIN segment and send it", 3.10.4).  One segment: the model counts
 * bytes; the harness's matcher accepts the same bytes in several segments.
 */
struct tcp_tcb tcp_output(struct tcp_tcb t, struct tcp_result *out)
{
	uint32_t len;
	bool fin;
	uint8_t flags;

	if (!tcp_sending_state(t.state))
		return t;
	/* a queued CLOSE: "in any case, enter FIN-WAIT-1" (LAST-ACK from
	 * CLOSE-WAIT), whether or not the FIN can go yet */
	if (t.fin_queued && t.state == TCP_ESTABLISHED)
		t.state = TCP_FIN_WAIT_1;
	else if (t.fin_queued && t.state == TCP_CLOSE_WAIT)
		t.state = TCP_LAST_ACK;
	len = tcp_min32(t.snd_queued, usable_window(t));
	fin = t.fin_queued && !t.fin_sent && len == t.snd_queued;
	if (len == 0 && !fin)
		return t;
	flags = tcp_data_flags(len > 0, fin);
	tcp_emit(out, flags, t.snd_nxt, t.rcv_nxt, t.rcv_wnd, len);
	t.snd_nxt = seq_add(t.snd_nxt, len + (fin ? 1u : 0u));
	t.snd_queued -= len;
	if (fin)
		t.fin_sent = true;
	/* RFC 6298 5.1: start the timer if it is not running */
	if (!(t.timers & TCP_TIMER_BIT(TCP_T_RETRANSMIT)))
		out->timers_arm |= TCP_TIMER_BIT(TCP_T_RETRANSMIT);
	return t;
}

struct tcp_tcb tcp_output_or_ack(struct tcp_tcb t, struct tcp_result *out)
{
	t = tcp_output(t, out);
	if (out->nemit == 0)
		tcp_emit_ack(t, out);
	return t;
}
