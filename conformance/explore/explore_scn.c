/*
 * explore_scn.c - the explorer's words: a path as a scenario (explore.h),
 * which steps the sockets API cannot make, and which rules a profile rules
 * out by design.
 */
#include "explore/explore.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "docgen/table.h"
#include "scenario/modelrun.h"
#include "scenario/text.h"

const char *xp_model_only_why(const struct tcp_tcb *t, bool sock,
			      const struct scn_step *st)
{
	if (st->kind != SCN_APP || st->app == APP_SETSOCKOPT || st->app == APP_ACCEPT)
		return NULL;
	if (st->app == APP_CONNECT && t->state == TCP_LISTEN)
		return "active OPEN in LISTEN (RFC 9293 3.10.1): the sockets API cannot connect() a listening socket";
	if (st->app == APP_LISTEN || st->app == APP_CONNECT)
		return t->state == TCP_CLOSED ? NULL
		       : "OPEN on an existing connection: the application would open a second socket";
	if (t->state == TCP_CLOSED && !sock)
		return "a call before any OPEN: the application has no socket to make it on";
	if (t->state == TCP_LISTEN && (st->app == APP_SEND || st->app == APP_RECV))
		return "SEND or RECEIVE in LISTEN (RFC 9293 3.10.2, 3.10.3): a listening socket neither sends nor receives";
	if (t->state == TCP_SYN_RECEIVED && t->passive)
		return "a call on a passively opened connection before accept() can return it";
	return NULL;
}

/*
 * The calls the sockets API refuses where RFC 9293 defines them (one list
 * for the explorer's suite and the walk): a second OPEN on the port, a
 * SEND before ESTABLISHED on a non-blocking socket, an option on a
 * connection that is gone.  NULL when the call can be made.
 */
const char *xp_api_refuses_why(enum tcp_state state, bool sock, const struct scn_step *st)
{
	if (st->kind != SCN_APP)
		return NULL;
	if ((st->app == APP_LISTEN || st->app == APP_CONNECT) && sock)
		return "a second OPEN (RFC 9293 3.10.1) on the same local port: the first socket "
		       "still holds it, bind() fails with EADDRINUSE";
	if (st->app == APP_SEND && (state == TCP_SYN_SENT || state == TCP_SYN_RECEIVED))
		return "SEND before ESTABLISHED (RFC 9293 3.10.2 queues it): a non-blocking send() "
		       "on a socket whose connect() has not completed does not queue, it fails "
		       "with EAGAIN (Linux: tcp_sendmsg_locked() waits in sk_stream_wait_connect())";
	if (st->app == APP_SETSOCKOPT && sock && state == TCP_CLOSED)
		return "an option on a connection that is gone (reset or closed: RFC 9293 3.10 "
		       "has no call to make on it): a user-space stack has freed it (lwIP's "
		       "agent: EPIPE), a kernel keeps a socket whose option changes nothing";
	return NULL;
}

const char *xp_api_why(const struct xp_node *n, const struct scn_step *st)
{
	enum tcp_state s = n->tcb.state;
	const char *why;

	if (st->kind == SCN_APP && st->app != APP_ACCEPT) {
		if (n->released)
			return "a call after the program closed its socket (close() or ABORT): it has no "
			       "descriptor to make it on (EBADF)";
		why = xp_api_refuses_why(s, n->sock, st);
		if (why != NULL)
			return why;
		if (n->sock && s == TCP_CLOSED && n->listening && !n->accepted &&
		    st->app != APP_LISTEN && st->app != APP_CONNECT)
			return "a call on a connection that ended before accept(): the program has "
			       "only its listener to call on";
		return NULL;
	}
	if (st->kind == SCN_SEND && s == TCP_CLOSED && n->listening)
		return "a segment after the passively opened connection ended while its listener "
		       "stays open: it reaches the listener (RFC 9293 3.10.7.2), not a closed port "
		       "(3.10.7.1), which the model's one connection cannot show";
	return NULL;
}

/* --- known departures the profiles do not describe ------------------- */

static int32_t seq_diff(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b);
}

static bool emits_rst(const struct tcp_result *r)
{
	for (int i = 0; i < r->nemit; i++)
		if (r->emit[i].flags & TCP_RST)
			return true;
	return false;
}

static bool emits_text(const struct tcp_result *r)
{
	for (int i = 0; i < r->nemit; i++)
		if (r->emit[i].len > 0)
			return true;
	return false;
}

static bool only_acks(const struct tcp_result *r)
{
	if (r->nemit == 0)
		return false;
	for (int i = 0; i < r->nemit; i++)
		if (r->emit[i].flags != TCP_ACK || r->emit[i].len != 0)
			return false;
	return true;
}

static bool seg_acceptable(const struct tcp_tcb *t, const struct tcp_segment *g)
{
	int32_t d = seq_diff(g->seq, t->rcv_nxt);

	return d >= 0 && (uint32_t)d < (t->rcv_wnd ? t->rcv_wnd : 1);
}

/* Linux's FIN-WAIT-2 of a socket the program closed is a timewait mini
 * socket: tcp_rcv_state_process() calls tcp_time_wait(sk, TCP_FIN_WAIT2,
 * tmo), and tcp_timewait_state_process() (net/ipv4/tcp_minisocks.c) then
 * answers as its TCP_FIN_WAIT2 substate does. */
static const char *linux_orphan_fin_wait_2(const struct tcp_tcb *t, const struct scn_step *st,
					   const struct mr_step *r)
{
	const struct tcp_segment *g = &r->ev.seg;

	if (st->kind == SCN_WAIT && r->ev.kind == TCP_EV_TIMEOUT && r->ev.timer == TCP_T_KEEPALIVE)
		return "Linux turns the FIN-WAIT-2 of a closed socket into a timewait mini socket "
		       "(tcp_time_wait(sk, TCP_FIN_WAIT2, tmo) in tcp_rcv_state_process(), "
		       "net/ipv4/tcp_input.c), which has no keep-alive timer";
	if (st->kind != SCN_SEND)
		return NULL;
	if ((g->flags & TCP_RST) && !seg_acceptable(t, g))
		return r->res.nemit == 0 ? "an out-of-window RST gets an ACK there "
			"(tcp_timewait_state_process(), TCP_FIN_WAIT2 substate: "
			"tcp_timewait_check_oow_rate_limit(), net/ipv4/tcp_minisocks.c)" : NULL;
	if ((g->flags & TCP_RST) && g->seq != t->rcv_nxt)
		return "an in-window RST not at RCV.NXT kills the mini socket without RFC 5961's "
		       "challenge ACK (tcp_timewait_state_process(), TCP_FIN_WAIT2 substate: "
		       "'if (th->rst) goto kill', net/ipv4/tcp_minisocks.c)";
	if ((g->flags & TCP_SYN) && !(g->flags & TCP_RST) && seq_diff(g->seq, t->rcv_nxt) >= 0)
		return "a SYN at or beyond RCV.NXT gets a reset, not RFC 5961's challenge ACK "
		       "(tcp_timewait_state_process(), TCP_FIN_WAIT2 substate: TCP_TW_RST, "
		       "net/ipv4/tcp_minisocks.c)";
	if (!(g->flags & (TCP_SYN | TCP_RST | TCP_FIN)) && g->len == 0 && seg_acceptable(t, g) &&
	    r->res.nemit > 0)
		return "a bare ACK in the window is dropped without an answer, whatever it "
		       "acknowledges (tcp_timewait_state_process(), TCP_FIN_WAIT2 substate: "
		       "'Dup ACK?', net/ipv4/tcp_minisocks.c)";
	return NULL;
}

/* Linux 6.x (net/ipv4/tcp_input.c, tcp_minisocks.c, tcp_ipv4.c), measured
 * by the generated suite; the linux profile has no switch for these. */
static const char *linux_departure(const struct xp_node *n, const struct scn_step *st,
				   const struct mr_step *r)
{
	const struct tcp_tcb *t = &n->tcb;
	const struct tcp_segment *g = &r->ev.seg;

	if (t->state == TCP_FIN_WAIT_2 && n->released)
		return linux_orphan_fin_wait_2(t, st, r);
	if (st->kind == SCN_WAIT && r->ev.kind == TCP_EV_TIMEOUT && r->ev.timer == TCP_T_USER &&
	    t->state == TCP_SYN_RECEIVED && t->passive)
		return "a passively opened SYN-RECEIVED is a request sock that the listener's "
		       "TCP_USER_TIMEOUT does not reach: reqsk_timer_handler() "
		       "(net/ipv4/inet_connection_sock.c) retransmits the SYN,ACK "
		       "tcp_synack_retries times";
	if (st->kind == SCN_APP && st->app == APP_ABORT && t->state == TCP_TIME_WAIT)
		return "ABORT in TIME-WAIT (RFC 9293 3.10.5: delete the TCB) leaves Linux's "
		       "timewait socket in place: tcp_time_wait() (net/ipv4/tcp_minisocks.c) "
		       "has already moved the connection out of the program's socket";
	if (st->kind != SCN_SEND || r->ev.kind != TCP_EV_SEGMENT)
		return NULL;
	if ((t->state == TCP_CLOSE_WAIT || t->state == TCP_CLOSING || t->state == TCP_LAST_ACK) &&
	    ((g->flags & TCP_FIN) || g->len > 0) && seq_diff(g->seq, t->rcv_nxt) >= 0 &&
	    only_acks(&r->res))
		return "after the peer's FIN, Linux drops text or a FIN at or beyond RCV.NXT "
		       "without an acknowledgment: tcp_rcv_state_process(), step 7, "
		       "'case TCP_CLOSE_WAIT: case TCP_CLOSING: case TCP_LAST_ACK: if "
		       "(!before(seq, rcv_nxt)) break;' (net/ipv4/tcp_input.c); RFC 9293 "
		       "3.10.7.4 (first check) acknowledges an acceptable segment";
	if (r->res.rule == R_3_10_7_4_UNACCEPTABLE && (g->flags & TCP_ACK) &&
	    !(t->state == TCP_SYN_RECEIVED && t->passive) &&  /* a request sock: tcp_in_window() */
	    g->seq + g->len + ((g->flags & TCP_FIN) ? 1u : 0u) == t->rcv_nxt &&
	    seq_diff(g->ack, t->snd_una) > 0 && seq_diff(g->ack, t->snd_nxt) <= 0 &&
	    (g->len > 0 || (g->flags & TCP_FIN)))
		return "Linux takes a segment that ends at RCV.NXT (a retransmitted FIN) as "
		       "acceptable and processes its ACK: tcp_sequence() tests "
		       "'!before(end_seq, rcv_wup)' (net/ipv4/tcp_input.c); RFC 9293 3.10.7.4 "
		       "(first check) finds it unacceptable, acknowledges it and drops it";
	if (t->state == TCP_TIME_WAIT && r->res.nemit == 0 && !(g->flags & (TCP_RST | TCP_SYN)) &&
	    !(g->seq == t->rcv_nxt && g->len == 0 && !(g->flags & TCP_FIN)))
		return "Linux's TIME-WAIT acknowledges every segment but a bare ACK or RST at "
		       "RCV.NXT, with the ACK bit or without: tcp_timewait_state_process() "
		       "returns TCP_TW_ACK ('All the segments are ACKed immediately', "
		       "net/ipv4/tcp_minisocks.c); RFC 9293 3.10.7.4 drops them";
	if (t->state == TCP_TIME_WAIT && r->res.rule == R_6191_TIME_WAIT_SYN && !n->listening)
		return "Linux reopens TIME-WAIT on a SYN only through a listener on the port: "
		       "tcp_v4_rcv() / tcp_v6_rcv(), case TCP_TW_SYN, looks one up and else "
		       "answers as TCP_TW_ACK (net/ipv4/tcp_ipv4.c, net/ipv6/tcp_ipv6.c); the "
		       "path opened actively and has none";
	return NULL;
}

static bool after_peer_fin(enum tcp_state s)
{
	return s == TCP_CLOSE_WAIT || s == TCP_CLOSING || s == TCP_LAST_ACK;
}

/* The segment ends at or before RCV.NXT and its ACK acknowledges something
 * new: RFC 9293 3.10.7.4 (first check) finds it unacceptable and drops it
 * after an ACK; a stack that trims it and goes on processes the ACK. */
static bool old_with_new_ack(const struct tcp_tcb *t, const struct tcp_segment *g)
{
	return (g->flags & TCP_ACK) && seq_diff(g->seq, t->rcv_nxt) < 0 &&
	       seq_diff(g->ack, t->snd_una) > 0 && seq_diff(g->ack, t->snd_nxt) <= 0;
}

/* lwIP 2.1.3 (src/core/tcp_in.c, tcp.c, include/lwip/priv/tcp_priv.h),
 * measured by the generated suite; the lwip profile has no switch for
 * these. */
static const char *lwip_departure(const struct xp_node *n, const struct scn_step *st,
				  const struct mr_step *r)
{
	const struct tcp_tcb *t = &n->tcb;
	const struct tcp_segment *g = &r->ev.seg;
	bool rst_out = false;

	if (st->kind == SCN_WAIT && r->ev.kind == TCP_EV_TIMEOUT && r->ev.timer == TCP_T_KEEPALIVE &&
	    t->state != TCP_ESTABLISHED && t->state != TCP_CLOSE_WAIT)
		return "lwIP probes only in ESTABLISHED and CLOSE-WAIT: tcp_slowtmr() (tcp.c) "
		       "checks 'pcb->state == ESTABLISHED || pcb->state == CLOSE_WAIT' before "
		       "tcp_keepalive()";
	if (st->kind != SCN_SEND || r->ev.kind != TCP_EV_SEGMENT)
		return NULL;
	for (int i = 0; i < r->res.nemit; i++)
		rst_out |= (r->res.emit[i].flags & TCP_RST) != 0;
	if (t->snd_wnd == 0 && g->wnd > 0 && (g->flags & TCP_ACK) && !(g->flags & TCP_RST) &&
	    seq_diff(t->snd_nxt, t->snd_una) > 0 && emits_text(&r->res))
		return "after a zero-window probe lwIP sends the first unsent segment whole, from "
		       "its start, when the window opens: tcp_zero_window_probe() (tcp_out.c) "
		       "copies one byte of pcb->unsent and leaves the segment there, so "
		       "tcp_output() sends the probed byte again with the rest";
	if ((g->flags & (TCP_SYN | TCP_FIN)) == (TCP_SYN | TCP_FIN) && rst_out)
		return "lwIP's reset acknowledges SEG.SEQ+1 for a SYN with FIN: TCP_TCPLEN() "
		       "(include/lwip/priv/tcp_priv.h) counts SYN and FIN together as one octet";
	if (t->state == TCP_TIME_WAIT) {
		bool nonzero = g->len > 0 || (g->flags & (TCP_SYN | TCP_FIN));

		if ((g->flags & TCP_RST) != 0)
			return NULL;
		if ((g->flags & TCP_SYN) && seq_diff(g->seq, t->rcv_nxt) >= 0 &&
		    (uint32_t)seq_diff(g->seq, t->rcv_nxt) <= t->rcv_wnd && !rst_out)
			return "lwIP's TIME-WAIT resets on a SYN in the window: tcp_timewait_input() "
			       "(tcp_in.c), 'If the SYN is in the window it is an error, send a reset'";
		if (nonzero && r->res.nemit == 0)
			return "lwIP's TIME-WAIT acknowledges every segment of nonzero length, "
			       "acceptable or not: tcp_timewait_input() (tcp_in.c), 'Acknowledge "
			       "data, FIN or out-of-window SYN'";
		if (!nonzero && r->res.nemit > 0)
			return "lwIP's TIME-WAIT skips the sequence number check and answers no "
			       "segment of length zero: tcp_timewait_input() (tcp_in.c)";
		return NULL;
	}
	if (t->state == TCP_SYN_RECEIVED && !(g->flags & TCP_RST)) {
		if ((g->flags & TCP_ACK) && g->ack == t->snd_nxt &&
		    r->after.state != TCP_ESTABLISHED && r->after.state != TCP_CLOSE_WAIT)
			return "lwIP's SYN-RECEIVED checks no sequence number: an ACK of its SYN "
			       "establishes the connection whatever SEG.SEQ and the SYN bit are "
			       "(tcp_process(), case SYN_RCVD, tcp_in.c)";
		if (!(g->flags & TCP_ACK) && (g->flags & TCP_SYN) && g->seq != t->rcv_nxt - 1u &&
		    (r->res.nemit > 0 || r->after.state != t->state))
			return "lwIP's SYN-RECEIVED drops a SYN that is not a copy of the peer's "
			       "first one (tcp_process(), case SYN_RCVD, tcp_in.c: only 'seqno == "
			       "pcb->rcv_nxt - 1' is answered)";
	}
	/* (a SYN is answered before: tcp_process() 'Cope with new connection
	 * attempt after remote end crashed', tcp_ack_now(), return) */
	if (t->state >= TCP_ESTABLISHED && r->res.rule == R_3_10_7_4_UNACCEPTABLE &&
	    (g->flags & TCP_ACK) && !(g->flags & TCP_SYN) && seq_diff(g->ack, t->snd_una) >= 0 &&
	    seq_diff(g->ack, t->snd_nxt) <= 0 && (g->ack != t->snd_una || g->wnd != t->snd_wnd))
		return "lwIP takes the ACK and the window of a segment whatever its sequence "
		       "number: tcp_receive() (tcp_in.c) processes 'flags & TCP_ACK' first and "
		       "checks the sequence number only for the text";
	if (after_peer_fin(t->state) && ((g->flags & TCP_FIN) || g->len > 0) &&
	    seq_diff(g->seq, t->rcv_nxt) >= 0 && seq_diff(g->seq, t->rcv_nxt) < (int32_t)t->rcv_wnd &&
	    only_acks(&r->res))
		return "lwIP ignores text and FIN once the peer's FIN has arrived and "
		       "acknowledges only segments outside the window: tcp_receive() "
		       "(tcp_in.c), '(tcplen > 0) && (pcb->state < CLOSE_WAIT)'";
	if (n->released && (t->state == TCP_FIN_WAIT_1 || t->state == TCP_FIN_WAIT_2) &&
	    g->len > 0 && rst_out) {
		if (g->seq != t->rcv_nxt)
			return "lwIP resets a closed connection only for in-sequence text it would "
			       "deliver: tcp_input() (tcp_in.c) aborts a pcb with TF_RXCLOSED when "
			       "recv_data is set; out-of-order text gets a duplicate ACK";
		if (g->flags & TCP_FIN)
			return "lwIP's FIN moves the closed connection to TIME-WAIT (tcp_process()) "
			       "before tcp_input() aborts it for the text (TF_RXCLOSED), and "
			       "tcp_abandon() (tcp.c) sends no reset in TIME-WAIT";
	}
	return NULL;
}

/* libslirp 4.7.0, 4.4BSD's TCP (src/tcp_input.c, tcp.h), measured by the
 * generated suite; the bsd profile has no switch for these. */
static const char *bsd_departure(const struct xp_node *n, const struct scn_step *st,
				 const struct mr_step *r)
{
	const struct tcp_tcb *t = &n->tcb;
	const struct tcp_segment *g = &r->ev.seg;
	int32_t d = seq_diff(g->seq, t->rcv_nxt);

	if (st->kind != SCN_SEND || r->ev.kind != TCP_EV_SEGMENT || t->state < TCP_SYN_RECEIVED)
		return NULL;
	if (d >= (int32_t)t->rcv_wnd && d < 128 * 1024)
		return "libslirp's receive window is its buffer's space, 128 KiB (TCP_RCVSPACE, "
		       "tcp.h; tcp_input(): 'tp->rcv_wnd = MAX(win, ...)' with win = "
		       "sbspace(&so->so_rcv)), while it advertises at most TCP_MAXWIN (65535, no "
		       "window scaling): a segment beyond the advertised window is in its window";
	if (t->state == TCP_SYN_RECEIVED && (g->flags & TCP_ACK) && !(g->flags & (TCP_RST | TCP_SYN)) &&
	    g->ack == t->snd_una && d >= 0)
		return "libslirp's SYN-RECEIVED accepts SEG.ACK = SND.UNA (the ISS): tcp_input() "
		       "resets only 'SEQ_GT(tp->snd_una, ti->ti_ack) || SEQ_GT(ti->ti_ack, "
		       "tp->snd_max)'; RFC 9293 3.10.7.4 needs SND.UNA < SEG.ACK";
	if (d < 0 && r->res.rule == R_3_10_7_4_UNACCEPTABLE) {
		if (old_with_new_ack(t, g))
			return "libslirp trims a segment that begins before RCV.NXT and goes on "
			       "processing its ACK (tcp_input(): 'keep on processing for RST or "
			       "ACK'); RFC 9293 3.10.7.4 (first check) drops it after an ACK";
		if (!(g->flags & TCP_ACK))
			return "libslirp drops a segment without ACK before it sends the ACK its "
			       "sequence check asked for (tcp_input(): TF_ACKNOW, then 'if "
			       "((tiflags & TH_ACK) == 0) goto drop')";
	}
	/* after a SYN,ACK 4.4BSD's SND.WL1 is IRS+1, not the RFC's SEG.SEQ
	 * (tcp_input(), trimthenstep6: ti_seq++ before step 6 sets it) */
	if ((g->flags & TCP_ACK) && !(g->flags & TCP_RST) && (g->flags & TCP_SYN) == 0 &&
	    g->seq == (t->snd_wl1 == t->irs ? t->irs + 1u : t->snd_wl1) &&
	    g->ack == t->snd_wl2 && g->wnd < t->snd_wnd)
		return "libslirp takes a window from a segment with SEG.SEQ = SND.WL1 and "
		       "SEG.ACK = SND.WL2 only when it opens the window (tcp_input(), step 6: "
		       "'tp->snd_wl2 == ti->ti_ack && tiwin > tp->snd_wnd'); RFC 9293 3.10.7.4 "
		       "takes it when SND.WL2 =< SEG.ACK, a shrinking or closing window too";
	if (t->state == TCP_TIME_WAIT && (g->flags & TCP_FIN) && (g->flags & TCP_ACK) && d == 0 &&
	    r->res.nemit > 0)
		return "libslirp's TIME-WAIT restarts its timer on a FIN at RCV.NXT without "
		       "acknowledging it: tcp_input(), step 8, sets TF_ACKNOW only while "
		       "TCPS_HAVERCVDFIN() (tcp.h) is false";
	if (t->state == TCP_CLOSING && (g->flags & TCP_FIN) && (g->flags & TCP_ACK) && d == 0 &&
	    r->after.state == TCP_TIME_WAIT && r->res.nemit > 0)
		return "libslirp's ACK of its FIN moves CLOSING to TIME-WAIT before step 8, where "
		       "TCPS_HAVERCVDFIN() (tcp.h) is then true: the FIN that came with it is not "
		       "acknowledged (tcp_input())";
	if (after_peer_fin(t->state) && (g->flags & TCP_FIN) && (g->flags & TCP_ACK) && d >= 0 &&
	    r->after.state == t->state)
		return "libslirp takes a FIN after the peer's FIN as a new one and acknowledges "
		       "it: tcp_input() (step 8) advances rcv_nxt for a FIN while "
		       "TCPS_HAVERCVDFIN() (tcp.h) is false, before TIME-WAIT";
	if ((t->state == TCP_CLOSING || t->state == TCP_LAST_ACK || t->state == TCP_TIME_WAIT) &&
	    g->len > 0 && d >= 0 && (g->flags & TCP_ACK) && !(g->flags & TCP_RST) &&
	    !emits_rst(&r->res))
		return "libslirp resets on text after the application closed, in every state "
		       "beyond CLOSE-WAIT: tcp_input(), 'if ((so->so_state & SS_NOFDREF) && "
		       "tp->t_state > TCPS_CLOSE_WAIT && ti->ti_len)' -> tcp_close(), "
		       "dropwithreset";
	if (t->state == TCP_TIME_WAIT && (g->flags & TCP_ACK) && seq_diff(g->ack, t->snd_nxt) > 0 &&
	    r->res.nemit == 0)
		return "libslirp acknowledges an ACK of unsent data in every synchronized state, "
		       "TIME-WAIT included (tcp_input(): 'SEQ_GT(ti->ti_ack, tp->snd_max)' -> "
		       "dropafterack)";
	return NULL;
}

const char *xp_departure_why(const struct tcp_profile *p, const struct xp_node *from,
			     const struct scn_step *s, const struct mr_step *res)
{
	if (p->id == TCP_PROFILE_LINUX)
		return linux_departure(from, s, res);
	if (p->id == TCP_PROFILE_LWIP)
		return lwip_departure(from, s, res);
	if (p->id == TCP_PROFILE_BSD)
		return bsd_departure(from, s, res);
	return NULL;
}

/* --- classes of event ------------------------------------------------- */

static bool seq_in(enum tbl_seqc c, const struct tcp_tcb *t, uint32_t seq)
{
	int32_t d = seq_diff(seq, t->rcv_nxt);

	switch (c) {
	case TBL_SQ_NXT: return d == 0;
	case TBL_SQ_PREV: return d == -1;
	case TBL_SQ_IN: return d > 0 && (uint32_t)d < t->rcv_wnd;
	case TBL_SQ_OUT: return d > 0 && (uint32_t)d >= t->rcv_wnd;
	default: return true;
	}
}

static bool ack_in(enum tbl_ackc c, const struct tcp_tcb *t, uint32_t ack)
{
	switch (c) {
	case TBL_AK_NXT: return ack == t->snd_nxt;
	case TBL_AK_UNA: return ack == t->snd_una;
	case TBL_AK_UNSENT: return seq_diff(ack, t->snd_nxt) > 0;
	case TBL_AK_OLD: return seq_diff(ack, t->snd_una - t->max_snd_wnd) < 0;
	case TBL_AK_ISS: return ack == t->iss;
	default: return true;
	}
}

static bool class_fits(const struct tbl_segclass *k, const struct tcp_tcb *t,
		       const struct tcp_segment *g)
{
	uint8_t f = g->flags & (uint8_t)~(TCP_PSH | TCP_URG);

	return f == (k->flags & (uint8_t)~TCP_PSH) && (k->len > 0) == (g->len > 0) &&
	       seq_in(k->sq, t, g->seq) && ((k->flags & TCP_ACK) == 0 || ack_in(k->ak, t, g->ack));
}

int xp_class_of(const struct mr *m, const struct scn_step *st)
{
	const struct tcp_tcb *t = &m->tcb;
	struct tcp_segment g;
	const struct tbl_segclass *k;
	size_t nk;

	if (st->kind == SCN_APP)
		return st->app == APP_ACCEPT || st->app == APP_SETSOCKOPT ? -1
		       : XP_C_CALL + (int)st->app;
	if (st->kind == SCN_WAIT)
		return st->nfires > 0 ? XP_C_TIMER + (int)st->fires[st->nfires - 1] : -1;
	if (st->kind != SCN_SEND)
		return -1;
	mr_send_segment(m, st, &g);
	if (t->state >= TCP_ESTABLISHED && (g.flags & (uint8_t)~TCP_PSH) == TCP_ACK &&
	    g.wnd == 0 && g.len == 0)
		return XP_C_ZERO_WINDOW;
	k = tbl_segclasses(t->state, &nk);
	for (size_t i = 0; i < nk && i < XP_NCLASS - XP_C_SEG; i++)
		if (class_fits(&k[i], t, &g))
			return XP_C_SEG + (int)i;
	if (t->state >= TCP_SYN_RECEIVED && seq_in(TBL_SQ_PREV, t, g.seq) && g.len == 0) {
		if (g.flags == TCP_SYN)
			return XP_C_SYN_AGAIN;
		if (g.flags == (TCP_SYN | TCP_ACK))
			return XP_C_SYNACK_AGAIN;
	}
	return -1;
}

static const char *const seq_word[] = { "SEQ=RCV.NXT", "SEQ in window", "SEQ beyond window",
					"SEQ=RCV.NXT-1", "" };
static const char *const ack_word[] = { "", "ACK=SND.NXT", "ACK=SND.UNA", "ACK beyond SND.NXT",
					"ACK too old", "ACK=ISS", "" };

const char *xp_class_name(enum tcp_state s, int cls, char *buf, size_t len)
{
	size_t nk;
	const struct tbl_segclass *k = tbl_segclasses(s, &nk);

	if (cls >= XP_C_CALL && cls < XP_C_TIMER)
		snprintf(buf, len, "call %s", scn_app_name((enum scn_app)(cls - XP_C_CALL)));
	else if (cls >= XP_C_TIMER && cls < XP_C_SYN_AGAIN)
		snprintf(buf, len, "timeout %s", tcp_timer_name((enum tcp_timer)(cls - XP_C_TIMER)));
	else if (cls == XP_C_SYN_AGAIN)
		snprintf(buf, len, "SYN again (SEQ=RCV.NXT-1)");
	else if (cls == XP_C_SYNACK_AGAIN)
		snprintf(buf, len, "SYN,ACK again (SEQ=RCV.NXT-1)");
	else if (cls == XP_C_ZERO_WINDOW)
		snprintf(buf, len, "ACK win=0");
	else if (cls >= XP_C_SEG && (size_t)(cls - XP_C_SEG) < nk) {
		const struct tbl_segclass *c = &k[cls - XP_C_SEG];
		const char *sq = seq_word[c->sq], *ak = (c->flags & TCP_ACK) ? ack_word[c->ak] : "";

		snprintf(buf, len, "%s%s%s%s%s%s", c->event, *sq || *ak ? " (" : "", sq,
			 *sq && *ak ? " " : "", ak, *sq || *ak ? ")" : "");
	} else
		snprintf(buf, len, "?");
	return buf;
}

/* Rules a profile switch turns off. */
static const char *switched_off(enum tcp_rule r, const struct tcp_profile *p)
{
	switch (r) {
	case R_5961_3_RST_CHALLENGE:
		return p->rst_challenge ? NULL : "no RFC 5961 3.2 challenge ACK for a RST in this profile (rst_challenge off)";
	case R_5961_4_SYN_CHALLENGE:
		return p->syn_challenge ? NULL : "no RFC 5961 4.2 challenge ACK for a SYN in this profile (syn_challenge off)";
	case R_3_10_7_4_SYN_RESET:
		return p->syn_challenge ? "RFC 5961 4.2 answers every such SYN with a challenge ACK instead (syn_challenge on)" : NULL;
	case R_5961_5_ACK_CHALLENGE:
		return p->ack_check_5961 ? NULL : "no RFC 5961 5.2 ACK check in this profile (ack_check_5961 off)";
	case R_1337_TIME_WAIT_RST:
		return p->tw_ignore_rst ? NULL : "this profile obeys a RST in TIME-WAIT (tw_ignore_rst off)";
	case R_TIME_WAIT_RST_DROPPED:
		return p->tw_rst_inexact_dropped && !p->tw_ignore_rst ? NULL
		       : "this profile does not single out an inexact RST in TIME-WAIT (tw_rst_inexact_dropped off, or every RST ignored)";
	case R_6191_TIME_WAIT_SYN:
		return p->tw_accept_syn ? NULL : "a SYN does not reopen TIME-WAIT in this profile (tw_accept_syn off)";
	case R_2525_CLOSE_UNREAD_RST:
		return p->rst_on_close_unread ? NULL : "this profile closes without a RST for unread or late data (rst_on_close_unread off)";
	case R_3_6_1_DATA_AFTER_CLOSE_RST:
		return p->rst_on_close_unread && !p->data_after_close_acked ? NULL
		       : "this profile takes data after CLOSE without a RST (rst_on_close_unread off, or data_after_close_acked on)";
	case R_SYN_RECEIVED_SYN_RESET:
		return p->synrcvd_syn_resets ? NULL : "a SYN in passive SYN-RECEIVED returns to LISTEN without a RST here (synrcvd_syn_resets off)";
	case R_3_10_7_4_SYN_SYN_RECEIVED_PASSIVE:
		return p->synrcvd_syn_resets ? "this profile sends a RST first (synrcvd_syn_resets on: R_SYN_RECEIVED_SYN_RESET)" : NULL;
	case R_SYN_RECEIVED_SYN_AGAIN:
		return p->synrcvd_syn_again ? NULL : "the peer's SYN again is not answered with a SYN,ACK here (synrcvd_syn_again off)";
	case R_3_10_5_ABORT_RST_ALWAYS:
		return p->abort_rst_always ? NULL : "ABORT in SYN-SENT, CLOSING and LAST-ACK sends no reset here (abort_rst_always off)";
	case R_3_10_7_3_SYN_DROPPED:
		return p->no_simultaneous_open ? NULL : "this profile supports simultaneous open, MUST-10 (no_simultaneous_open off)";
	case R_3_10_7_3_SIMULTANEOUS_OPEN:
		return p->no_simultaneous_open ? "this profile drops a SYN without ACK in SYN-SENT (no_simultaneous_open on)" : NULL;
	case R_3_5_SIMULTANEOUS_SYN_ACK:
	case R_3_10_7_4_RST_SYN_RECEIVED_ACTIVE:
		return p->no_simultaneous_open ? "no simultaneous open in this profile (no_simultaneous_open on)" : NULL;
	case R_3_10_7_3_ACK_RESET:
		return p->syn_sent_ack_resets ? NULL : "an acceptable ACK without SYN in SYN-SENT is dropped here (syn_sent_ack_resets off)";
	case R_3_10_7_1_CLOSED_RST_ANSWERED:
	case R_3_10_7_3_BAD_ACK_RST_ANSWERED:
		return p->rst_answers_rst ? NULL : "a RST is never answered in this profile (rst_answers_rst off)";
	case R_3_10_7_1_CLOSED_RST:
	case R_3_10_7_3_BAD_ACK_RST:
		return p->rst_answers_rst ? "this profile answers a RST (rst_answers_rst on)" : NULL;
	case R_3_10_7_2_LISTEN_RST:
		return p->listen_as_closed && p->rst_answers_rst
		       ? "a RST to a listening port gets a closed port's reset here (listen_as_closed, rst_answers_rst on)" : NULL;
	case R_3_10_7_2_LISTEN_OTHER:
		return p->listen_as_closed ? "a segment without SYN, RST or ACK to a listening port gets a closed port's reset here (listen_as_closed on)" : NULL;
	case R_3_10_7_2_LISTEN_AS_CLOSED:
		return p->listen_as_closed ? NULL : "this profile has a LISTEN TCB (listen_as_closed off)";
	case R_3_10_7_4_ACK_UNSENT_TEXT:
		return p->ack_unsent_takes_text
		       ? "explore's ACK of unsent data carries no text, which this rule needs (tests/check_ack.c and ack-unsent-data-lwip.scn reach it)"
		       : "an ACK of unsent data drops the segment here (ack_unsent_takes_text off)";
	case R_3_10_7_4_NO_ACK_TEXT:
		return p->text_without_ack ? NULL : "a segment without ACK is dropped here (text_without_ack off)";
	default:
		return NULL;
	}
}

const char *xp_unreachable_why(enum tcp_rule r, const struct tcp_profile *p)
{
	switch (r) {
	case R_NONE:
		return "names no rule";
	case R_INVALID_EVENT:
		return "only for ill-formed input, which no scenario step makes";
	case R_TIMER_NOT_ARMED:
		return "a scenario fires only armed timers (`tcpspec check` rejects any other)";
	case R_3_10_2_SEND_NO_SPACE:
		return "needs 4 GiB queued to send; a scenario's SEND is at most 1000000 bytes";
	default:
		return switched_off(r, p);
	}
}

/* --- text ----------------------------------------------------------- */

struct out {
	char *p;
	size_t len, n;
	bool full;
};

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (o->full)
		return;
	va_start(ap, fmt);
	k = vsnprintf(o->p + o->n, o->len - o->n, fmt, ap);
	va_end(ap);
	if (k < 0 || (size_t)k >= o->len - o->n)
		o->full = true;
	else
		o->n += (size_t)k;
}

static const char *app_line(const struct scn_step *st, char *buf, size_t len)
{
	if (st->app == APP_SEND || st->app == APP_RECV)
		snprintf(buf, len, "app %s %u", scn_app_name(st->app), st->n);
	else if (st->app == APP_SETSOCKOPT)
		snprintf(buf, len, "app setsockopt %s %u", st->opt, st->n);
	else
		snprintf(buf, len, "app %s", scn_app_name(st->app));
	return buf;
}

static const char *send_line(const struct scn_step *st, char *buf, size_t len)
{
	char f[8];
	struct out o = { buf, len, 0, false };

	put(&o, "send %s seq=%lld", txt_flags_format(st->flags, f, sizeof f),
	    (long long)st->seq);
	if (st->fields & SCN_F_ACK)
		put(&o, " ack=%lld", (long long)st->ack);
	put(&o, " win=%u", st->win);
	if (st->fields & SCN_F_LEN)
		put(&o, " len=%u", st->len);
	return buf;
}

static const char *wait_line(const struct scn_step *st, char *buf, size_t len)
{
	struct out o = { buf, len, 0, false };

	if (st->wait_ms % 1000 == 0)
		put(&o, "wait %us", st->wait_ms / 1000);
	else
		put(&o, "wait %ums", st->wait_ms);
	for (int k = 0; k < st->nfires; k++)
		put(&o, "%s%s", k ? "," : " fires ", tcp_timer_name(st->fires[k]));
	return buf;
}

const char *xp_step_format(const struct scn_step *st, char *buf, size_t len)
{
	switch (st->kind) {
	case SCN_APP:
		return app_line(st, buf, len);
	case SCN_SEND:
		return send_line(st, buf, len);
	case SCN_WAIT:
		return wait_line(st, buf, len);
	default:
		if (st->expect == EXP_RULE)
			snprintf(buf, len, "expect rule %s", tcp_rule_name(st->rule));
		else
			snprintf(buf, len, "expect state %s", tcp_state_name(st->state));
		return buf;
	}
}

/* --- a path as a scenario ------------------------------------------- */

struct pstep {
	const struct xp_node *before;
	const struct scn_step *st;
	enum tcp_state to;
};

/* The steps from CLOSED to the one hit h names; their number. */
static int path_of(const struct xp *x, const struct xp_hit *h, struct pstep *ps,
		   int cap)
{
	int chain[XP_MAX_DEPTH + 2], nc = 0, n = 0;

	for (int i = h->from; i >= 0 && nc < XP_MAX_DEPTH + 1; i = x->nodes[i].parent)
		chain[nc++] = i;
	for (int k = nc - 1; k >= 1 && n < cap - 1; k--, n++) {
		const struct xp_node *nd = &x->nodes[chain[k - 1]];

		ps[n] = (struct pstep){ &x->nodes[chain[k]], &nd->via, nd->tcb.state };
	}
	ps[n++] = (struct pstep){ &x->nodes[h->from], &h->via, h->to };
	return n;
}

static const char *first_model_only(const struct pstep *ps, int n, int *at)
{
	for (int k = 0; k < n; k++) {
		const char *why = xp_model_only_why(&ps[k].before->tcb,
						    ps[k].before->sock, ps[k].st);

		if (why == NULL)
			why = xp_api_why(ps[k].before, ps[k].st);
		if (why != NULL) {
			*at = k + 1;
			return why;
		}
	}
	return NULL;
}

/* The first step on which the profile's stack is known to depart, by
 * replaying the path through the model. */
static const char *first_departure(const struct xp *x, const struct pstep *ps, int n,
				   int *at)
{
	static struct mr m;

	mr_init(&m, &x->def->tcp);
	for (int k = 0; k < n; k++) {
		struct mr_step last;
		const char *why;

		mr_new_stimulus(&m);
		if (mr_apply(&m, ps[k].st, &last) <= 0)
			continue;
		why = xp_departure_why(&x->def->tcp, ps[k].before, ps[k].st, &last);
		if (why != NULL) {
			*at = k;
			return why;
		}
	}
	return NULL;
}

/* What the path needs on the profile's stack to run in a few seconds. */
struct timing {
	bool linux_;          /* real time, Linux's timers */
	bool fin_wait_2;      /* the path fires the FIN-WAIT-2 timer */
	bool linger2;         /* ... and sets TCP_LINGER2 itself */
	bool slow;            /* it waits for Linux's fixed 60 s TIME-WAIT */
};

static void timing_of(const struct xp *x, const struct pstep *ps, int n, struct timing *tm)
{
	memset(tm, 0, sizeof *tm);
	tm->linux_ = x->def->tcp.id == TCP_PROFILE_LINUX;
	for (int k = 0; k < n; k++) {
		const struct scn_step *st = ps[k].st;

		if (st->kind == SCN_APP && st->app == APP_SETSOCKOPT && strcmp(st->opt, "linger2") == 0)
			tm->linger2 = true;
		for (int f = 0; st->kind == SCN_WAIT && f < st->nfires; f++) {
			tm->fin_wait_2 |= st->fires[f] == TCP_T_FIN_WAIT_2;
			tm->slow |= tm->linux_ && st->fires[f] == TCP_T_TIME_WAIT;
		}
	}
}

struct out_lines {
	struct out o;
	int line;             /* lines written */
};

static void putl(struct out_lines *w, const char *fmt, const char *a, const char *b,
		 const char *c)
{
	put(&w->o, fmt, a, b, c);
	w->line++;
}

/*
 * A wait as the profile's stack needs it.  Linux (real time): the first
 * SYN or SYN,ACK retransmission after 1 s (TCP_TIMEOUT_INIT), later ones
 * 1 s apart (net.ipv4.tcp_syn_linear_timeouts), the give-up 3 s after the
 * SYN with TCP_SYNCNT 1; data or a FIN retransmitted after about
 * tcp_rto_min (200 ms) once an RTT is measured; a keep-alive probe 1 s
 * after the last segment (TCP_KEEPIDLE 1), the next 1 s later
 * (TCP_KEEPINTVL 1); FIN-WAIT-2's end after TCP_LINGER2 1 s, or 3.5 RTO
 * (tcp_fin_time()); the user timeout (500 ms) once the SYN or the data
 * has been retransmitted (retransmits_timed_out() counts from the first
 * retransmission); TIME-WAIT a fixed 60 s (TCP_TIMEWAIT_LEN).  Stacks on
 * virtual time (lwIP, libslirp) advance their clocks until the timer fires.
 */
static void wait_for(const struct pstep *p, const struct timing *tm, struct scn_step *w)
{
	const struct tcp_tcb *t = &p->before->tcb;
	enum tcp_timer f;

	*w = *p->st;
	if (!tm->linux_ || w->nfires != 1)
		return;
	f = w->fires[0];
	if (f == TCP_T_RETRANSMIT && (t->state == TCP_SYN_SENT || t->state == TCP_SYN_RECEIVED))
		/* retransmits_timed_out() gives up 3 s after the SYN with
		 * TCP_SYNCNT 1 (tcp_model_timeout()), however linear */
		w->wait_ms = t->retransmits > 0 ? 1800 : 1500;
	else if (f == TCP_T_RETRANSMIT)
		/* once an RTT is measured the RTO is about tcp_rto_min (200 ms) */
		w->wait_ms = t->retransmits > 0 ? 1000 : 600;
	else if (f == TCP_T_KEEPALIVE)
		w->wait_ms = t->ka_probes > 0 ? 1000 : 1500;
	else if (f == TCP_T_FIN_WAIT_2)
		w->wait_ms = 1500;
	else if (f == TCP_T_TIME_WAIT)
		w->wait_ms = 62000;
	else if (f == TCP_T_USER) {
		w->wait_ms = t->state == TCP_SYN_SENT || t->state == TCP_SYN_RECEIVED ? 1500 : 800;
		if (t->timers & TCP_TIMER_BIT(TCP_T_RETRANSMIT)) {
			w->fires[0] = TCP_T_RETRANSMIT;
			w->fires[1] = TCP_T_USER;
			w->nfires = 2;
		}
	}
}

/* A passively opened connection reaches the application through accept(). */
static bool needs_accept(const struct tcp_tcb *t, const struct scn_step *st,
			 bool accepted)
{
	return !accepted && st->kind == SCN_APP && st->app != APP_LISTEN &&
	       st->app != APP_CONNECT && t->passive && t->state >= TCP_ESTABLISHED;
}

static void put_step(struct out_lines *w, const struct pstep *p, const struct timing *tm,
		     bool *accepted)
{
	enum tcp_state from = p->before->tcb.state;
	struct scn_step st;
	char line[160], tr[64];

	if (needs_accept(&p->before->tcb, p->st, *accepted)) {
		putl(w, "%s%s%sapp accept\n", "", "", "");
		*accepted = true;
	}
	if (p->st->kind == SCN_APP && p->st->app == APP_CLOSE && tm->fin_wait_2 && !tm->linger2)
		putl(w, "%s%s%sapp setsockopt linger2 1               # FIN-WAIT-2 ends after 1 s\n",
		     "", "", "");
	if (p->st->kind == SCN_WAIT)
		wait_for(p, tm, &st);
	else
		st = *p->st;
	xp_step_format(&st, line, sizeof line);
	if (from == p->to)
		snprintf(tr, sizeof tr, "%s", tcp_state_name(from));
	else
		snprintf(tr, sizeof tr, "%s -> %s", tcp_state_name(from), tcp_state_name(p->to));
	put(&w->o, "%-40s # %s\n", line, tr);
	w->line++;
	if (st.kind == SCN_APP && st.app == APP_SETSOCKOPT && strcmp(st.opt, "keepalive") == 0 &&
	    st.n != 0) {
		/* the first probe 1 s after the last segment, the next 1 s later */
		putl(w, "%s%s%sapp setsockopt keepidle 1\n", "", "", "");
		putl(w, "%s%s%sapp setsockopt keepintvl 1\n", "", "", "");
	}
	if (p->to == TCP_CLOSED || p->to == TCP_LISTEN || p->to == TCP_SYN_RECEIVED)
		*accepted = false;
}

struct what {
	const char *title;    /* "# title:" */
	const char *name;     /* the rule or transition, for the comment */
	enum tcp_rule rule;
	enum tcp_state to;
};

static void put_header(struct out *o, const struct xp *x, const struct what *wh,
		       const char *mo, int mo_at, const char *dep, int dep_line,
		       const struct timing *tm, int nsteps)
{
	const char *pname = x->def->name;
	bool builtin = x->def->builtin >= 0;
	enum tcp_rule r = wh->rule;

	put(o, "# title: %s\n", wh->title);
	put(o, "# rfc: %s\n", tcp_rule_section(r));
	if (tcp_rule_label(r)[0] != '\0')
		put(o, "# labels: %s\n", tcp_rule_label(r));
	if (builtin)
		put(o, "# profiles: %s\n", pname);
	if (mo != NULL)
		put(o, "# model-only: %s (step %d)\n", mo, mo_at);
	if (dep != NULL)
		put(o, "# departure: line %d: %s\n", dep_line, dep);
	if (tm->slow)
		put(o, "# slow: yes\n");
	put(o, "#\n# Written by tcpspec explore %s %s --depth %d, the shortest\n"
	       "# path from CLOSED (%d steps) on which the model decides a step by\n# %s.\n",
	    builtin ? "--profile" : "--profile-file", builtin ? pname : x->def->path,
	    x->max_depth, nsteps, wh->name);
	if (!builtin)
		put(o, "# (No '# profiles:' line: it names built-in profiles only; run it\n"
		       "# with --profile-file %s.)\n", x->def->path);
	if (mo != NULL)
		put(o, "# Check it with tcpspec check; a target cannot run it.\n");
	if (tm->slow)
		put(o, "# Linux's TIME-WAIT lasts a fixed 60 s (TCP_TIMEWAIT_LEN, no option\n"
		       "# shortens it): tcpspec run --slow.\n");
}

/* Lines of text in buf[0..n). */
static int lines_in(const char *buf, size_t n)
{
	int k = 0;

	for (size_t i = 0; i < n; i++)
		k += buf[i] == '\n';
	return k;
}

static int hit_scenario(const struct xp *x, const struct xp_hit *h, const struct what *wh,
			char *buf, size_t len, enum xp_taint *taint)
{
	static char body[16384];
	struct pstep ps[XP_MAX_DEPTH + 1];
	struct out_lines w = { { body, sizeof body, 0, false }, 0 };
	struct out o = { buf, len, 0, false };
	struct timing tm;
	const char *mo, *dep = NULL;
	bool accepted = false;
	int n, mo_at = 0, dep_at = -1, dep_line = 0;

	if (!h->reached || len == 0)
		return -1;
	n = path_of(x, h, ps, XP_MAX_DEPTH + 1);
	mo = first_model_only(ps, n, &mo_at);
	if (mo == NULL)
		dep = first_departure(x, ps, n, &dep_at);
	*taint = mo != NULL ? XP_MODEL_ONLY : dep != NULL ? XP_DEPARTURE : XP_CLEAN;
	timing_of(x, ps, n, &tm);
	for (int k = 0; k < n; k++) {
		put_step(&w, &ps[k], &tm, &accepted);
		if (k == dep_at)
			dep_line = w.line;
	}
	put(&w.o, "expect rule %s\nexpect state %s\n", tcp_rule_name(wh->rule),
	    tcp_state_name(wh->to));
	if (w.o.full)
		return -1;
	if (dep != NULL) {
		/* the line numbers of the body follow the header's */
		char probe[4096];
		struct out ph = { probe, sizeof probe, 0, false };

		put_header(&ph, x, wh, mo, mo_at, dep, 1, &tm, n);
		dep_line += lines_in(probe, ph.n);
	}
	put_header(&o, x, wh, mo, mo_at, dep, dep_line, &tm, n);
	put(&o, "%s", body);
	return o.full ? -1 : (int)o.n;
}

int xp_scenario(const struct xp *x, enum tcp_rule r, char *buf, size_t len,
		bool *model_only)
{
	struct what wh = { tcp_rule_summary(r), tcp_rule_name(r), r, TCP_CLOSED };
	enum xp_taint taint;
	int n;

	if (r <= R_NONE || r >= TCP_NRULES || !x->hit[r].reached)
		return -1;
	wh.to = x->hit[r].to;
	n = hit_scenario(x, &x->hit[r], &wh, buf, len, &taint);
	*model_only = taint == XP_MODEL_ONLY;
	return n;
}

/* --- the suite --------------------------------------------------------- */

void xp_suite_init(struct xp_suite *su)
{
	memset(su, 0, sizeof *su);
}

int xp_covers(const struct scn *s, const struct tcp_profile *p, bool *rules,
	      bool (*trans)[XP_NCLASS])
{
	static struct mr m;

	mr_init(&m, p);
	for (int i = 0; i < s->nsteps; i++) {
		enum tcp_state before = m.tcb.state;
		struct mr_step last;
		int cls = xp_class_of(&m, &s->steps[i]);
		int took;

		mr_new_stimulus(&m);
		took = mr_apply(&m, &s->steps[i], &last);
		if (took < 0)
			return -1;
		if (took == 0)
			continue;
		if (rules != NULL)
			rules[last.res.rule] = true;
		if (trans != NULL && cls >= 0)
			trans[before][cls] = true;
	}
	return 0;
}

/* "T_SYN-SENT_SYN,ACK (ACK=SND.NXT)" -> "T_SYN_SENT_SYN_ACK_ACK_SND_NXT" */
static void trans_name(enum tcp_state st, int cls, char *out, size_t len)
{
	char raw[128], c[96];
	size_t k = 0;

	snprintf(raw, sizeof raw, "T_%s_%s", tcp_state_name(st), xp_class_name(st, cls, c, sizeof c));
	for (size_t i = 0; raw[i] != '\0' && k + 1 < len; i++) {
		char ch = raw[i];
		bool word = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
			    (ch >= '0' && ch <= '9');

		if (word)
			out[k++] = ch >= 'a' && ch <= 'z' ? (char)(ch - 'a' + 'A') : ch;
		else if (k > 0 && out[k - 1] != '_')
			out[k++] = '_';
	}
	while (k > 0 && out[k - 1] == '_')
		k--;
	out[k] = '\0';
}

/* The next target: the uncovered rule or transition whose best path a
 * target can run most of, the deepest first (it covers the most on its
 * way).  -1 when none is left. */
static int pick(const struct xp *x, const struct xp_suite *su, int *st, int *cls)
{
	int best = -1, bs = 0, bc = 0;
	const struct xp_hit *bh = NULL;

	for (int r = R_NONE + 1; r < TCP_NRULES; r++) {
		const struct xp_hit *h = &x->hit[r];

		if (h->reached && !su->rule_done[r] && (bh == NULL || h->taint < bh->taint ||
		    (h->taint == bh->taint && h->depth > bh->depth))) {
			bh = h;
			best = r;
		}
	}
	for (int s = 0; s < TCP_NSTATES; s++)
		for (int c = 0; c < XP_NCLASS; c++) {
			const struct xp_hit *h = &x->thit[s][c];

			if (h->reached && !su->trans_done[s][c] && (bh == NULL || h->taint < bh->taint ||
			    (h->taint == bh->taint && h->depth > bh->depth))) {
				bh = h;
				best = TCP_NRULES;
				bs = s;
				bc = c;
			}
		}
	*st = bs;
	*cls = bc;
	return best;
}

int xp_suite_next(const struct xp *x, struct xp_suite *su, char *name, size_t namelen,
		  char *buf, size_t len, enum xp_taint *taint)
{
	static struct scn s;
	char title[200], c[96], err[256];
	const struct xp_hit *h;
	struct what wh;
	int r, st, cls, n;

	r = pick(x, su, &st, &cls);
	if (r < 0)
		return -1;
	if (r < TCP_NRULES) {
		h = &x->hit[r];
		su->rule_done[r] = true;
		snprintf(name, namelen, "%s", tcp_rule_name((enum tcp_rule)r));
		snprintf(title, sizeof title, "%s", tcp_rule_summary((enum tcp_rule)r));
		wh = (struct what){ title, name, (enum tcp_rule)r, h->to };
	} else {
		h = &x->thit[st][cls];
		su->trans_done[st][cls] = true;
		trans_name((enum tcp_state)st, cls, name, namelen);
		snprintf(title, sizeof title, "%s, %s: %s", tcp_state_name((enum tcp_state)st),
			 xp_class_name((enum tcp_state)st, cls, c, sizeof c),
			 tcp_rule_summary(h->rule));
		wh = (struct what){ title, name, h->rule, h->to };
	}
	n = hit_scenario(x, h, &wh, buf, len, taint);
	/* a path a target passes covers every step of it */
	if (n > 0 && *taint == XP_CLEAN && scn_parse(name, buf, &s, err, sizeof err) == 0)
		xp_covers(&s, &x->def->tcp, su->rule_done, su->trans_done);
	return n < 0 ? 0 : n;
}
