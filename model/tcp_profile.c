/*
 * tcp_profile.c - the built-in profiles: named, documented switches for the
 * behaviour that the RFCs leave open or that stacks choose differently.
 * Each Linux and lwIP switch names its source.  The tables are constant:
 * the model has no mutable state.
 */
#include <stddef.h>

#include "tcp_impl.h"

static const struct tcp_profile profiles[TCP_NPROFILES] = {
	/* rfc9293: RFC 9293 alone, read strictly: RFC 793's reset for an
	 * in-window SYN, no RFC 5961 mitigations, RST in TIME-WAIT obeyed,
	 * no FIN-WAIT-2 timeout, no retransmission limit (the user timeout
	 * governs), resets exactly <SEQ=SND.NXT><CTL=RST>. */
	[TCP_PROFILE_RFC9293] = {
		.id = TCP_PROFILE_RFC9293,
		.keepalive_probes = 9,
	},
	/* rfc9293-5961: RFC 9293 with the RFC 5961 mitigations it describes:
	 * challenge ACKs for RSTs (section 3) and SYNs (section 4), and the
	 * ACK-value check of section 5. */
	[TCP_PROFILE_RFC9293_5961] = {
		.id = TCP_PROFILE_RFC9293_5961,
		.rst_challenge = true,
		.syn_challenge = true,
		.ack_check_5961 = true,
		.keepalive_probes = 9,
	},
	/* linux: net/ipv4/tcp_input.c tcp_validate_incoming() (RFC 5961 3 and
	 * 4 challenge ACKs), tcp_ack() ("RFC 5961 5.2" too-old ACK check);
	 * tcp_minisocks.c tcp_timewait_state_process(): RST kills TIME-WAIT
	 * (tcp_rfc1337=0), a SYN after RCV.NXT reopens (TCP_TW_SYN);
	 * tcp.c tcp_close(): unread data -> tcp_send_active_reset(), RST,ACK;
	 * orphaned FIN-WAIT-2 expires (tcp_fin_timeout, TCP_LINGER2);
	 * tcp_timer.c tcp_keepalive_timer(): reset after tcp_keepalive_probes
	 * (9); tcp_syn_retries 6, tcp_synack_retries 5, tcp_retries2 15;
	 * tcp_rcv_state_process(): in LISTEN a SYN with FIN is discarded;
	 * tcp_reset(): a RST in SYN-RECEIVED after a simultaneous open is
	 * reported as ECONNRESET (only SYN-SENT gets ECONNREFUSED);
	 * tcp_minisocks.c tcp_check_req(): the peer's SYN again (SEQ=IRS)
	 * gets the SYN,ACK again, another in-window SYN resets the request
	 * (embryonic_reset); tcp_timewait_state_process(): a RST not at
	 * RCV.NXT is dropped without a challenge ACK; tcp_conn_request():
	 * without TCP Fast Open, text on a SYN is not acknowledged;
	 * tcp_output.c tcp_write_wakeup()/tcp_xmit_probe_skb(): a zero-window
	 * probe is <SEQ=SND.UNA-1> without data; tcp_input.c
	 * tcp_rcv_state_process(): after tcp_rcv_synsent_state_process() has
	 * taken a SYN,ACK and sent its ACK, "Do step6 onward by hand" is
	 * tcp_urg() then __kfree_skb(): the SYN,ACK's text and FIN are
	 * dropped; tcp_rcv_state_process() step 7, "case TCP_CLOSE_WAIT: case
	 * TCP_CLOSING: case TCP_LAST_ACK: if (!before(TCP_SKB_CB(skb)->seq,
	 * tp->rcv_nxt)) break;": a FIN at RCV.NXT after the peer's FIN is
	 * dropped without an ACK. */
	[TCP_PROFILE_LINUX] = {
		.id = TCP_PROFILE_LINUX,
		.rst_challenge = true,
		.syn_challenge = true,
		.ack_check_5961 = true,
		.tw_accept_syn = true,
		.rst_on_close_unread = true,
		.fin_wait_2_timeout = true,
		.abort_rst_ack = true,
		.keepalive_rst = true,
		.listen_drop_syn_fin = true,
		.synrcvd_rst_is_reset = true,
		.synrcvd_syn_resets = true,
		.synrcvd_syn_again = true,
		.tw_rst_inexact_dropped = true,
		.listen_drop_syn_text = true,
		.zwp_no_data = true,
		.synack_text_dropped = true,
		.fin_again_silent = true,
		.keepalive_probes = 9,
		.syn_retries = 6,
		.synack_retries = 5,
		.data_retries = 15,
	},
	/* lwip (2.1.3): src/core/tcp_in.c tcp_process(): an in-window RST not
	 * at RCV.NXT and a SYN in a synchronized state get tcp_ack_now()
	 * (RFC 5961 3 and 4); tcp_timewait_input(): RST ignored (RFC 1337);
	 * tcp.c tcp_close_shutdown(): RST when received data is unread;
	 * tcp_slowtmr(): FIN_WAIT_2 and SYN_RCVD time out, keep-alive reset
	 * after TCP_KEEPCNT_DEFAULT (9) probes, TCP_SYNMAXRTX 6, TCP_MAXRTX 12;
	 * tcp_rst() always sets ACK; tcp_process() in SYN_RCVD: "Looks like
	 * another copy of the SYN - retransmit our SYN-ACK"; tcp_listen_input()
	 * answers a SYN with rcv_nxt = SEG.SEQ+1 and never passes the SYN's
	 * text or FIN to tcp_receive(): they are dropped, not queued (measured
	 * with SYN,FIN and SYN+10 bytes: the handshake's ACK gets no ACK back).
	 * tcp_in.c tcp_input()/tcp_process(): a reset answering a segment is
	 * tcp_rst(ackno, seqno + tcplen), RST,ACK; SYN_SENT drops a SYN
	 * without ACK (no simultaneous open) and answers any other ACK with
	 * a reset; ESTABLISHED..LAST_ACK call tcp_receive() whether or not
	 * the segment carries ACK; tcp.c tcp_abandon(): ABORT resets in
	 * every state but CLOSED, LISTEN and TIME_WAIT; tcp_receive(): an
	 * ACK of unsent data gets tcp_send_empty_ack() ("Out of sequence
	 * ACK, didn't really ack anything"), then its text is taken and
	 * acknowledged: two segments answer one; tcp_process() in SYN_SENT:
	 * a SYN,ACK makes ESTABLISHED and tcp_ack_now(), never tcp_receive():
	 * its text and FIN are dropped. */
	[TCP_PROFILE_LWIP] = {
		.id = TCP_PROFILE_LWIP,
		.rst_challenge = true,
		.syn_challenge = true,
		.tw_ignore_rst = true,
		.synrcvd_syn_again = true,
		.listen_drop_syn_text = true,
		.rst_on_close_unread = true,
		.fin_wait_2_timeout = true,
		.abort_rst_ack = true,
		.keepalive_rst = true,
		.rst_reply_ack = true,
		.abort_rst_always = true,
		.no_simultaneous_open = true,
		.syn_sent_ack_resets = true,
		.text_without_ack = true,
		.ack_unsent_takes_text = true,
		.synack_text_dropped = true,
		.keepalive_probes = 9,
		.syn_retries = 6,
		.synack_retries = 6,
		.data_retries = 12,
	},
	/* bsd: libslirp 4.7.0, a 4.4BSD-Lite TCP (the slirp target).
	 * src/tcp_input.c tcp_input(): a segment that finds no socket and
	 * is not a lone SYN (of SYN, FIN, RST, URG, ACK only SYN) goes to
	 * dropwithreset, which lacks 4.4BSD's "if (tiflags & TH_RST) goto
	 * drop" (so a RST is answered too, and a listening port has no LISTEN
	 * TCB); the SYN-SENT bad-ACK check jumps there before looking at RST;
	 * tcp_subr.c tcp_drop() resets through tcp_output() with
	 * tcp_outflags[CLOSED] = TH_RST|TH_ACK; tcp_timer.c: TCPT_KEEP drops
	 * after TCPTV_KEEPCNT (8) probes, TCPT_2MSL ends an FIN-WAIT-2 whose
	 * socket cannot receive (TCP_MAXIDLE), TCP_MAXRXTSHIFT 12; the agent's
	 * loopback socket closed with unread data resets slirp's socket.  No
	 * RFC 5961.  tcp_output.c: FIN-WAIT-1, CLOSING and LAST-ACK send FIN
	 * with every segment; tcp_input.c: an in-window SYN is "tcp_drop(tp,
	 * 0); goto dropwithreset;" (two resets; in a passive SYN-RECEIVED
	 * too, the listener staying); TCPS_HAVERCVDFIN() is true from
	 * TIME-WAIT on only, so CLOSE-WAIT, CLOSING and LAST-ACK take text. */
	[TCP_PROFILE_BSD] = {
		.id = TCP_PROFILE_BSD,
		.rst_on_close_unread = true,
		.fin_wait_2_timeout = true,
		.abort_rst_ack = true,
		.keepalive_rst = true,
		.rst_answers_rst = true,
		.listen_as_closed = true,
		.rst_ack_skips_fin = true,
		.data_after_close_acked = true,
		.fin_repeat = true,
		.syn_reset_twice = true,
		.text_after_fin = true,
		.synrcvd_syn_resets = true,
		.keepalive_probes = 8,
		.syn_retries = 12,
		.synack_retries = 12,
		.data_retries = 12,
	},
};

const struct tcp_profile *tcp_profile_get(enum tcp_profile_id id)
{
	if (id >= TCP_NPROFILES)
		id = TCP_PROFILE_RFC9293;
	return &profiles[id];
}

#define SW_B(f, d) { #f, d, (unsigned)offsetof(struct tcp_profile, f), true }
#define SW_N(f, d) { #f, d, (unsigned)offsetof(struct tcp_profile, f), false }

static const struct tcp_switch_info switches[] = {
	SW_B(rst_challenge, "RFC 5961 3.2: an in-window RST not at RCV.NXT gets a challenge ACK"),
	SW_B(syn_challenge, "RFC 5961 4.2: a SYN in a synchronized state gets a challenge ACK"),
	SW_B(ack_check_5961, "RFC 5961 5.2: an ACK below SND.UNA-MAX.SND.WND gets an ACK and is dropped"),
	SW_B(ack_unsent_silent, "an ACK of unsent data is dropped without the RFC's ACK"),
	SW_B(tw_ignore_rst, "RFC 1337: a RST in TIME-WAIT is ignored"),
	SW_B(tw_accept_syn, "MAY-2, RFC 6191: a SYN beyond RCV.NXT reopens a connection in TIME-WAIT"),
	SW_B(tw_rst_inexact_dropped, "TIME-WAIT: a RST not at RCV.NXT is dropped without a challenge ACK"),
	SW_B(rst_on_close_unread, "MAY-1, SHLD-3: CLOSE with unread data, or data after CLOSE, sends RST"),
	SW_B(fin_wait_2_timeout, "FIN-WAIT-2 is left after a timeout"),
	SW_B(abort_rst_ack, "resets the stack originates carry ACK=RCV.NXT"),
	SW_B(keepalive_rst, "a connection given up by keep-alive is reset"),
	SW_B(listen_drop_syn_fin, "a SYN with FIN in LISTEN is dropped"),
	SW_B(listen_drop_syn_text, "text on a SYN in LISTEN is dropped, not held until ESTABLISHED"),
	SW_B(synrcvd_rst_is_reset, "a RST in active SYN-RECEIVED is reported as a reset, not refused"),
	SW_B(synrcvd_syn_resets, "a SYN in passive SYN-RECEIVED gets a RST, then LISTEN"),
	SW_B(synrcvd_syn_again, "the peer's SYN again in SYN-RECEIVED gets the SYN,ACK again"),
	SW_B(zwp_no_data, "a zero-window probe is <SEQ=SND.UNA-1> without data"),
	SW_B(rst_reply_ack, "a reset answering a segment with ACK carries ACK=SEG.SEQ+SEG.LEN"),
	SW_B(abort_rst_always, "ABORT sends a reset in SYN-SENT, CLOSING and LAST-ACK too"),
	SW_B(no_simultaneous_open, "SYN-SENT: a SYN without ACK is dropped (no simultaneous open)"),
	SW_B(syn_sent_ack_resets, "SYN-SENT: an acceptable ACK without SYN gets a reset"),
	SW_B(text_without_ack, "the text and FIN of a segment without ACK are taken, not dropped"),
	SW_B(ack_unsent_takes_text, "an ACK of unsent data gets the RFC's ACK, then its text is taken and acknowledged"),
	SW_B(fin_again_silent, "CLOSE-WAIT, CLOSING, LAST-ACK: a FIN at RCV.NXT (after the peer's FIN) is not acknowledged"),
	SW_B(synack_text_dropped, "SYN-SENT: text and FIN on the SYN,ACK are dropped; the ACK covers the SYN only"),
	SW_B(rst_answers_rst, "a RST is answered with a reset where any other segment would be"),
	SW_B(listen_as_closed, "LISTEN answers anything but a lone SYN as CLOSED does (no LISTEN TCB)"),
	SW_B(data_after_close_acked, "only CLOSE with unread data resets (rst_on_close_unread); data after CLOSE is taken in"),
	SW_B(fin_repeat, "while our FIN is unacknowledged, an ACK carries the FIN again at its own sequence number"),
	SW_B(syn_reset_twice, "an in-window SYN that resets draws two: ABORT's <SEQ=SND.NXT>, then the reply reset"),
	SW_B(text_after_fin, "CLOSE-WAIT, CLOSING and LAST-ACK take segment text too"),
	SW_B(rst_ack_skips_fin, "the reset for a segment without ACK does not count its FIN in <ACK=SEG.SEQ+SEG.LEN>"),
	SW_N(keepalive_probes, "unanswered keep-alive probes before giving up"),
	SW_N(syn_retries, "SYN retransmissions before giving up (0: never)"),
	SW_N(synack_retries, "SYN,ACK retransmissions before giving up (0: never)"),
	SW_N(data_retries, "data retransmissions before giving up (0: never)"),
};

const struct tcp_switch_info *tcp_profile_switches(unsigned *n)
{
	*n = (unsigned)(sizeof switches / sizeof switches[0]);
	return switches;
}
