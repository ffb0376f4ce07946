/*
 * check_other.c - a segment arrives in a synchronized state (or
 * SYN-RECEIVED): model/tcp_other.c against RFC 9293 3.10.7.4, first check
 * (sequence number, with the acceptability test of 3.4), second check (RST,
 * with RFC 5961 3.2 and RFC 1337 as profile switches), fourth check (SYN,
 * with RFC 5961 4.2), and TIME-WAIT reopened by a new SYN (3.6.1 MAY-2,
 * RFC 6191).  The ACK check: check_ack.c; URG, text, FIN: check_data.c.
 *
 * Defaults (tcp_tcb_default): ISS 1000, IRS 5000, windows 65535; once
 * synchronized SND.UNA = SND.NXT = 1001, RCV.NXT = 5001; a FIN sent counts
 * in SND.NXT (1002), a FIN received in RCV.NXT (5002).
 */
#include <stdlib.h>

#include "support/model_check.h"

#define A TCP_ACK
#define S TCP_SYN
#define F TCP_FIN
#define R TCP_RST
#define P TCP_PSH

/* ---------------------------------------- first check: sequence number */

/* RFC 9293 3.10.7.4 first: "If an incoming segment is not acceptable, an
 * acknowledgment should be sent in reply ... <SEQ=SND.NXT><ACK=RCV.NXT>
 * <CTL=ACK>  After sending the acknowledgment, drop the unacceptable
 * segment and return." - in every state of 3.10.7.4 */
START_TEST(test_synchronized_unacceptable_segment_gets_ack)
{
	for (int s = TCP_SYN_RECEIVED; s < TCP_NSTATES; s++) {
		struct tcp_tcb t = tcb_in((enum tcp_state)s, PID);
		struct tcp_event evs[] = {
			ev_seg(A | P, t.rcv_nxt - 20, t.snd_una, 1000, 10),
			ev_seg(A, t.rcv_nxt + t.rcv_wnd, t.snd_una, 1000, 0),
			ev_seg(A, t.rcv_nxt - 1, t.snd_una, 1000, 0),
		};

		for (size_t k = 0; k < 3; k++) {
			struct tcp_tcb next;
			struct tcp_result out;

			STEP(t, evs[k], PID, next, out);
			ck_assert_msg(out.rule == R_3_10_7_4_UNACCEPTABLE,
				      "%s segment %zu: rule %s", tcp_state_name(t.state),
				      k, tcp_rule_name(out.rule));
			ASSERT_ACK_FOR(out, PID, t, t.snd_nxt, t.rcv_nxt);
			ASSERT_TCB_UNCHANGED(t, next);
		}
	}
}
END_TEST

/* RFC 9293 3.10.7.4 first: "(unless the RST bit is set, if so drop the
 * segment and return)"; RFC 5961 3.2: "If the RST bit is set and the
 * sequence number is outside the current receive window, silently drop" */
START_TEST(test_synchronized_unacceptable_rst_is_dropped)
{
	for (int s = TCP_SYN_RECEIVED; s < TCP_NSTATES; s++) {
		struct tcp_tcb t = tcb_in((enum tcp_state)s, PID), next;
		struct tcp_result out;

		STEP(t, ev_seg(R, t.rcv_nxt + t.rcv_wnd, 0, 0, 0), PID, next, out);
		ASSERT_RULE(out, R_3_10_7_4_UNACCEPTABLE_RST);
		ASSERT_NO_SEG(out);
		ASSERT_TCB_UNCHANGED(t, next);
	}
}
END_TEST

/* RFC 9293 3.4, acceptability: "RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND", or
 * for SEG.LEN > 0 also "RCV.NXT =< SEG.SEQ+SEG.LEN-1 < RCV.NXT+RCV.WND";
 * 3.10.7.4: "If a segment's contents straddle the boundary between old and
 * new, only the new parts are processed." (RCV.WND 1000: 5001 .. 6000) */
START_TEST(test_established_acceptability_window_edges)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	t.rcv_wnd = 1000;
	STEP(t, ev_seg(A, 5000, 1001, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_UNACCEPTABLE);
	STEP(t, ev_seg(A, 5001, 1001, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_ACK_DUPLICATE);
	ASSERT_NO_SEG(out);
	STEP(t, ev_seg(A, 6000, 1001, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_ACK_DUPLICATE);
	ASSERT_NO_SEG(out);
	STEP(t, ev_seg(A, 6001, 1001, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_UNACCEPTABLE);
	ASSERT_ONE_SEG(out, A, 1001, 5001, 0);
	/* last octet at RCV.NXT+4: 5 new octets of 10 */
	STEP(t, ev_seg(A | P, 4996, 1001, 65535, 10), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_TEXT);
	ASSERT_U32(next.rcv_nxt, 5006);
	ASSERT_ONE_SEG(out, A, 1001, 5006, 0);
	/* last octet at RCV.NXT-1: all old */
	STEP(t, ev_seg(A | P, 4991, 1001, 65535, 10), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_UNACCEPTABLE);
	/* first octet at the right edge: acceptable, not yet deliverable */
	STEP(t, ev_seg(A | P, 6000, 1001, 65535, 10), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_TEXT_OUT_OF_ORDER);
	ASSERT_U32(next.rcv_nxt, 5001);
	ASSERT_ONE_SEG(out, A, 1001, 5001, 0);
}
END_TEST

/* RFC 9293 3.10.7.4 first: "If the RCV.WND is zero, no segments will be
 * acceptable, but special allowance should be made to accept valid ACKs,
 * URGs, and RSTs." */
START_TEST(test_established_zero_window_processes_ack_at_rcv_nxt)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	t.rcv_wnd = 0;
	t.snd_nxt = 1101;
	tcb_rearm(&t, PID);
	STEP(t, ev_seg(A, 5001, 1101, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_ACK);
	ASSERT_U32(next.snd_una, 1101);
	ASSERT_NO_SEG(out);
	/* a RST at RCV.NXT is valid too */
	STEP(t, ev_seg(R, 5001, 0, 0, 0), PID, next, out);
	ASSERT_STATE(next, TCP_CLOSED);
}
END_TEST

/* RFC 9293 3.10.7.4 first (SEG.LEN > 0, RCV.WND = 0: not acceptable) and
 * 3.8.6.1: "When the receiving TCP peer has a zero window and a segment
 * arrives, it must still send an acknowledgment showing its next expected
 * sequence number and current window (zero)." */
START_TEST(test_established_zero_window_text_is_acked_not_accepted)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	t.rcv_wnd = 0;
	STEP(t, ev_seg(A | P, 5001, 1001, 65535, 10), PID, next, out);
	ASSERT_STATE(next, TCP_ESTABLISHED);
	ASSERT_U32(next.rcv_nxt, 5001);
	ASSERT_U32(next.rcv_unread, 0);
	ASSERT_ONE_SEG(out, A, 1001, 5001, 0);
	ASSERT_U32(out.emit[0].wnd, 0);
}
END_TEST

/* The same for a FIN: SEG.LEN = 1 and RCV.WND = 0 is "not acceptable"; the
 * FIN lies outside the window ("trimming off any portions that lie outside
 * the window (including SYN and FIN)"), and 3.8.6.1 requires the ACK */
START_TEST(test_established_zero_window_fin_is_acked_not_accepted)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	t.rcv_wnd = 0;
	STEP(t, ev_seg(F | A, 5001, 1001, 65535, 0), PID, next, out);
	ASSERT_STATE(next, TCP_ESTABLISHED);
	ASSERT_U32(next.rcv_nxt, 5001);
	ASSERT_ONE_SEG(out, A, 1001, 5001, 0);
}
END_TEST

/* RFC 9293 3.10.7.4 (RFC 793 behaviour, rfc9293 profile): "If the SYN is
 * not in the window, this step would not be reached and an ACK would have
 * been sent in the first step".  With RCV.WND = 0 no SYN is in the window. */
START_TEST(test_established_zero_window_syn_is_not_in_window)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, RFC), next;
	struct tcp_result out;

	t.rcv_wnd = 0;
	STEP(t, ev_seg(S, 5001, 0, 65535, 0), RFC, next, out);
	ASSERT_STATE(next, TCP_ESTABLISHED);
	ASSERT_ONE_SEG(out, A, 1001, 5001, 0);
}
END_TEST

/* --------------------------------------------------- second check: RST */

/* RFC 9293 3.10.7.4 second, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2,
 * CLOSE-WAIT: "users should also receive an unsolicited general "connection
 * reset" signal.  Enter the CLOSED state, delete the TCB"; RFC 5961 3.2
 * case 2: a RST at exactly RCV.NXT resets in every profile */
START_TEST(test_synchronized_rst_at_rcv_nxt_resets_connection)
{
	enum tcp_state states[] = { TCP_ESTABLISHED, TCP_FIN_WAIT_1,
				    TCP_FIN_WAIT_2, TCP_CLOSE_WAIT };

	for (size_t k = 0; k < 4; k++) {
		struct tcp_tcb t = tcb_in(states[k], PID), next;
		struct tcp_result out;

		STEP(t, ev_seg(R, t.rcv_nxt, 0, 0, 0), PID, next, out);
		ASSERT_RULE(out, R_3_10_7_4_RST);
		ASSERT_STATE(next, TCP_CLOSED);
		ASSERT_NOTIFY(out, TCP_N_RESET);
		ASSERT_NO_SEG(out);
		ASSERT_TIMERS(next, 0);
	}
}
END_TEST

/* RFC 9293 3.8.6.2.1 MUST-66 and 3.10.7.4: with RCV.WND zero "special
 * allowance should be made to accept valid ACKs, URGs, and RSTs": a RST at
 * RCV.NXT still resets the connection. */
START_TEST(test_established_zero_window_rst_at_rcv_nxt_resets)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	t.rcv_wnd = 0;
	tcb_rearm(&t, PID);
	STEP(t, ev_seg(TCP_RST, t.rcv_nxt, 0, 0, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_RST);
	ASSERT_STATE(next, TCP_CLOSED);
	ASSERT_NO_SEG(out);
}
END_TEST

/* RFC 9293 3.10.7.4 second, CLOSING, LAST-ACK, TIME-WAIT: "If the RST bit
 * is set, then enter the CLOSED state, delete the TCB, and return." (lwIP
 * ignores it in TIME-WAIT: see the RFC 1337 test) */
START_TEST(test_closing_rst_at_rcv_nxt_closes_quietly)
{
	for (int s = TCP_CLOSING; s <= TCP_TIME_WAIT; s++) {
		struct tcp_tcb t = tcb_in((enum tcp_state)s, PID), next;
		struct tcp_result out;

		if (s == TCP_TIME_WAIT && prof(PID)->tw_ignore_rst)
			continue;
		STEP(t, ev_seg(R, t.rcv_nxt, 0, 0, 0), PID, next, out);
		ASSERT_RULE(out, R_3_10_7_4_RST_CLOSING);
		ASSERT_STATE(next, TCP_CLOSED);
		ASSERT_NOTIFY(out, TCP_N_NONE);
		ASSERT_NO_SEG(out);
	}
}
END_TEST

/* RFC 5961 3.2 (RFC 9293 3.10.7.4 second): "If the RST bit is set and the
 * sequence number does not exactly match the next expected sequence value,
 * yet is within the current receive window, TCP endpoints MUST send an
 * acknowledgment (challenge ACK): <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>";
 * without RFC 5961 (rfc9293) any in-window RST resets */
START_TEST(test_established_in_window_rst_profile_switch)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(R, 5101, 0, 0, 0), PID, next, out);
	if (prof(PID)->rst_challenge) {
		ASSERT_RULE(out, R_5961_3_RST_CHALLENGE);
		ASSERT_STATE(next, TCP_ESTABLISHED);
		ASSERT_ONE_SEG(out, A, 1001, 5001, 0);
		ASSERT_TCB_UNCHANGED(t, next);
	} else {
		ASSERT_RULE(out, R_3_10_7_4_RST);
		ASSERT_STATE(next, TCP_CLOSED);
		ASSERT_NO_SEG(out);
	}
}
END_TEST

/* RFC 9293 3.10.7.4 second, SYN-RECEIVED: "If this connection was initiated
 * with a passive OPEN (i.e., came from the LISTEN state), then return this
 * connection to LISTEN state and return.  The user need not be informed."
 * (Figure 5 note 1; seed: SYN_RECV -> LISTEN on RST) */
START_TEST(test_syn_received_passive_rst_returns_to_listen)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_RECEIVED, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(R, 5001, 0, 0, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_RST_SYN_RECEIVED_PASSIVE);
	ASSERT_STATE(next, TCP_LISTEN);
	ck_assert(next.passive);
	ASSERT_NOTIFY(out, TCP_N_NONE);
	ASSERT_NO_SEG(out);
	ASSERT_TIMERS(next, 0);
	ASSERT_CANCELS(out, TCP_T_RETRANSMIT);
}
END_TEST

/* RFC 9293 3.10.7.4 second, SYN-RECEIVED: "If this connection was initiated
 * with an active OPEN (i.e., came from SYN-SENT state), then the connection
 * was refused; signal the user "connection refused" ... enter the CLOSED
 * state" (MUST-11: the TCB remembers which); the linux profile reports a
 * reset (synrcvd_rst_is_reset: ECONNRESET) */
START_TEST(test_syn_received_active_rst_closes_connection_refused)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_RECEIVED, PID), next;
	struct tcp_result out;

	t.passive = false;
	STEP(t, ev_seg(R, 5001, 0, 0, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_RST_SYN_RECEIVED_ACTIVE);
	ASSERT_STATE(next, TCP_CLOSED);
	ASSERT_NOTIFY(out, prof(PID)->synrcvd_rst_is_reset ? TCP_N_RESET
							   : TCP_N_REFUSED);
	ASSERT_NO_SEG(out);
}
END_TEST

/* RFC 1337 (TIME-WAIT assassination, fix F1) as a profile switch (lwIP):
 * a RST in TIME-WAIT is ignored; RFC 9293 3.10.7.4 otherwise closes on a
 * RST at RCV.NXT.  One in the window but not at RCV.NXT: rfc9293 closes,
 * RFC 5961 3.2 challenges, linux drops it (tw_rst_inexact_dropped) */
START_TEST(test_time_wait_rst_profile_switch_rfc1337)
{
	const struct tcp_profile *p = prof(PID);
	struct tcp_tcb t = tcb_in(TCP_TIME_WAIT, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(R, 5002, 0, 0, 0), PID, next, out);
	if (p->tw_ignore_rst) {
		ASSERT_RULE(out, R_1337_TIME_WAIT_RST);
		ASSERT_NO_SEG(out);
		ASSERT_TCB_UNCHANGED(t, next);
	} else {
		ASSERT_RULE(out, R_3_10_7_4_RST_CLOSING);
		ASSERT_STATE(next, TCP_CLOSED);
	}
	STEP(t, ev_seg(R, 5100, 0, 0, 0), PID, next, out);
	if (p->tw_ignore_rst) {
		ASSERT_RULE(out, R_1337_TIME_WAIT_RST);
		ASSERT_NO_SEG(out);
	} else if (p->tw_rst_inexact_dropped) {
		ASSERT_RULE(out, R_TIME_WAIT_RST_DROPPED);
		ASSERT_NO_SEG(out);
		ASSERT_TCB_UNCHANGED(t, next);
	} else if (p->rst_challenge) {
		ASSERT_RULE(out, R_5961_3_RST_CHALLENGE);
		ASSERT_ONE_SEG(out, A, 1002, 5002, 0);
	} else {
		ASSERT_RULE(out, R_3_10_7_4_RST_CLOSING);
		ASSERT_STATE(next, TCP_CLOSED);
	}
}
END_TEST

/* --------------------------------------------------- fourth check: SYN */

/* RFC 9293 3.10.7.4 fourth, SYN-RECEIVED: "If the connection was initiated
 * with a passive OPEN, then return this connection to the LISTEN state and
 * return."; the linux profile also resets the half-open connection
 * (synrcvd_syn_resets), with the reset of 3.5.2 for a segment without ACK */
START_TEST(test_syn_received_passive_syn_returns_to_listen)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_RECEIVED, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(S, 5001, 0, 1000, 0), PID, next, out);
	ASSERT_STATE(next, TCP_LISTEN);
	if (prof(PID)->synrcvd_syn_resets) {
		ASSERT_RULE(out, R_SYN_RECEIVED_SYN_RESET);
		ASSERT_SYN_RESETS(out, PID, t, R | A, 0, 5002);
	} else {
		ASSERT_RULE(out, R_3_10_7_4_SYN_SYN_RECEIVED_PASSIVE);
		ASSERT_NO_SEG(out);
	}
}
END_TEST

/* RFC 9293 3.10.7.4 first: the peer's SYN again (SEG.SEQ = IRS, before
 * RCV.NXT) is not acceptable: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>; linux
 * and lwIP take it as a sign that the SYN,ACK was lost and send it again
 * (synrcvd_syn_again) */
START_TEST(test_syn_received_retransmitted_syn_profile_switch)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_RECEIVED, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(S, 5000, 0, 1000, 0), PID, next, out);
	ASSERT_STATE(next, TCP_SYN_RECEIVED);
	if (prof(PID)->synrcvd_syn_again) {
		ASSERT_RULE(out, R_SYN_RECEIVED_SYN_AGAIN);
		ASSERT_ONE_SEG(out, S | A, 1000, 5001, 0);
	} else {
		ASSERT_RULE(out, R_3_10_7_4_UNACCEPTABLE);
		ASSERT_ONE_SEG(out, A, 1001, 5001, 0);
	}
}
END_TEST

/* RFC 9293 3.10.7.4 fourth, synchronized states: RFC 5961 4.2 "if the SYN
 * bit is set, irrespective of the sequence number, TCP endpoints MUST send a
 * "challenge ACK" ... <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>"; without RFC 5961
 * (rfc9293): "If the SYN is in the window it is an error: send a reset ...
 * the user should also receive an unsolicited general "connection reset"
 * signal, enter the CLOSED state"; the reset takes the form of 3.5.2 ("the
 * reset has sequence number zero and the ACK field is set to the sum of the
 * sequence number and segment length of the incoming segment", or
 * <SEQ=SEG.ACK> when the SYN carries an ACK) */
START_TEST(test_synchronized_in_window_syn_profile_switch)
{
	enum tcp_state states[] = { TCP_SYN_RECEIVED, TCP_ESTABLISHED,
				    TCP_FIN_WAIT_2, TCP_CLOSE_WAIT };

	for (size_t k = 0; k < 4; k++) {
		struct tcp_tcb t = tcb_in(states[k], PID), next;
		struct tcp_result out;
		uint32_t seq = t.rcv_nxt + 100;

		t.passive = false; /* SYN-RECEIVED after a simultaneous open */
		STEP(t, ev_seg(S, seq, 0, 1000, 0), PID, next, out);
		if (prof(PID)->syn_challenge) {
			ASSERT_RULE(out, R_5961_4_SYN_CHALLENGE);
			ASSERT_ACK_FOR(out, PID, t, t.snd_nxt, t.rcv_nxt);
			ASSERT_TCB_UNCHANGED(t, next);
			continue;
		}
		ASSERT_RULE(out, R_3_10_7_4_SYN_RESET);
		ASSERT_STATE(next, TCP_CLOSED);
		ASSERT_NOTIFY(out, TCP_N_RESET);
		ASSERT_SYN_RESETS(out, PID, t, R | A, 0, seq + 1);
		STEP(t, ev_seg(S | A, seq, t.snd_nxt, 1000, 0), PID, next, out);
		if (prof(PID)->rst_reply_ack)
			ASSERT_SYN_RESETS(out, PID, t, R | A, t.snd_nxt, seq + 1);
		else
			ASSERT_SYN_RESETS(out, PID, t, R, t.snd_nxt, 0);
	}
}
END_TEST

/* RFC 9293 3.10.7.4 first: "If a segment's contents straddle the boundary
 * between old and new, only the new parts are processed" ("trimming off any
 * portions that lie outside the window (including SYN and FIN)"): a SYN at
 * IRS (old) with ten new octets is not an in-window SYN (rfc9293 profile) */
START_TEST(test_established_old_syn_with_new_text_is_trimmed_not_reset)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, RFC), next;
	struct tcp_result out;

	STEP(t, ev_seg(S | A | P, 5000, 1001, 65535, 10), RFC, next, out);
	ASSERT_STATE(next, TCP_ESTABLISHED);
	ASSERT_U32(next.rcv_nxt, 5011);
	ASSERT_ONE_SEG(out, A, 1001, 5011, 0);
}
END_TEST

/* --------------------------------------- TIME-WAIT: MAY-2 and RFC 6191 */

/* RFC 9293 3.6.1 MAY-2: a TCP "MAY accept a new SYN from the remote TCP
 * endpoint to reopen the connection directly from TIME-WAIT state" (linux:
 * a SYN beyond RCV.NXT); the others answer per 3.10.7.4 fourth */
START_TEST(test_time_wait_syn_beyond_rcv_nxt_profile_switch)
{
	struct tcp_tcb t = tcb_in(TCP_TIME_WAIT, PID), next;
	struct tcp_result out;
	const struct tcp_profile *p = prof(PID);

	STEP(t, ev_seg_full(S, 9000, 0, 65535, 0, 0, 0, 200000), PID, next, out);
	if (p->tw_accept_syn) {
		ASSERT_RULE(out, R_6191_TIME_WAIT_SYN);
		ASSERT_STATE(next, TCP_SYN_RECEIVED);
		ASSERT_ONE_SEG(out, S | A, 200000, 9001, 0);
		ASSERT_U32(next.irs, 9000);
		ASSERT_TIMERS(next, RTX);
	} else if (p->syn_challenge) {
		ASSERT_RULE(out, R_5961_4_SYN_CHALLENGE);
		ASSERT_ONE_SEG(out, A, 1002, 5002, 0);
		ASSERT_TCB_UNCHANGED(t, next);
	} else {
		ASSERT_RULE(out, R_3_10_7_4_SYN_RESET);
		ASSERT_STATE(next, TCP_CLOSED);
		ASSERT_SYN_RESETS(out, PID, t, R | A, 0, 9001);
	}
}
END_TEST

/* RFC 9293 3.6.1 MAY-2 applies to "a new SYN": one at or before RCV.NXT, or
 * one with ACK, is not a reopen (linux: challenge ACK) */
START_TEST(test_time_wait_old_syn_is_not_a_reopen)
{
	struct tcp_tcb t = tcb_in(TCP_TIME_WAIT, LINUX), next;
	struct tcp_result out;

	STEP(t, ev_seg_full(S, 5002, 0, 65535, 0, 0, 0, 200000), LINUX, next,
	     out);
	ASSERT_RULE(out, R_5961_4_SYN_CHALLENGE);
	ASSERT_STATE(next, TCP_TIME_WAIT);
	STEP(t, ev_seg_full(S | A, 9000, 1002, 65535, 0, 0, 0, 200000), LINUX,
	     next, out);
	ASSERT_STATE(next, TCP_TIME_WAIT);
}
END_TEST

/* RFC 9293 3.6.1 MAY-2 condition (1): the TCP may reopen only if it
 * "assigns its initial sequence number for the new connection to be larger
 * than the largest sequence number it used on the previous connection
 * incarnation" (here 1001); an ISS of 1001 does not qualify */
START_TEST(test_time_wait_reopen_requires_iss_beyond_old_sequence_space)
{
	struct tcp_tcb t = tcb_in(TCP_TIME_WAIT, LINUX), next;
	struct tcp_result out;

	STEP(t, ev_seg_full(S, 9000, 0, 65535, 0, 0, 0, 1001), LINUX, next, out);
	ck_assert_msg(next.state != TCP_SYN_RECEIVED,
		      "TIME-WAIT reopened with ISS 1001, not beyond the old "
		      "connection's sequence numbers (up to 1001)");
	ck_assert_msg(out.nemit == 0 || !(out.emit[0].flags & S),
		      "SYN,ACK sent with an ISS inside the old sequence space");
}
END_TEST

/* RFC 9293 3.6.1 MAY-2 condition (2): the TCP "returns to TIME-WAIT state
 * if the SYN turns out to be an old duplicate" (the peer resets our SYN,ACK).
 * The only profile that reopens, linux, cannot: tcp_timewait_state_process()
 * deletes the TIME-WAIT socket before the listener answers the SYN, so the
 * reset leaves the listener (LISTEN) -- a documented Linux deviation. */
START_TEST(test_time_wait_reopen_old_duplicate_returns_to_time_wait)
{
	struct tcp_tcb t = tcb_in(TCP_TIME_WAIT, LINUX), next;
	struct tcp_result out;

	STEP(t, ev_seg_full(S, 9000, 0, 65535, 0, 0, 0, 200000), LINUX, next,
	     out);
	ASSERT_STATE(next, TCP_SYN_RECEIVED);
	t = next;
	STEP(t, ev_seg(R, 9001, 0, 0, 0), LINUX, next, out);
	ASSERT_STATE(next, TCP_LISTEN);
}
END_TEST

/* RFC 9293 3.3.2 Figure 5: no edge leads from TIME-WAIT to LISTEN; MAY-2
 * reopens to SYN-RECEIVED or not at all.  A SYN,FIN beyond RCV.NXT that the
 * linux profile will not accept (listen_drop_syn_fin) must leave the
 * connection in TIME-WAIT (or, as Linux does when it hands the segment to
 * its listener, CLOSED) - never turn it into a listening connection. */
START_TEST(test_time_wait_syn_fin_does_not_become_listen)
{
	struct tcp_tcb t = tcb_in(TCP_TIME_WAIT, LINUX), next;
	struct tcp_result out;

	STEP(t, ev_seg_full(S | F, 9000, 0, 65535, 0, 0, 0, 200000), LINUX, next,
	     out);
	ck_assert_msg(next.state == TCP_TIME_WAIT || next.state == TCP_CLOSED,
		      "TIME-WAIT went to %s on a SYN,FIN it dropped (rule %s)",
		      tcp_state_name(next.state), tcp_rule_name(out.rule));
}
END_TEST

static Suite *other_suite(void)
{
	Suite *s = suite_create("other");
	TCase *seq = tcase_create("sequence_check");
	TCase *rst = tcase_create("rst_check");
	TCase *syn = tcase_create("syn_check");
	TCase *tw = tcase_create("time_wait_reopen");

	model_add_test(seq, test_synchronized_unacceptable_segment_gets_ack, true);
	model_add_test(seq, test_synchronized_unacceptable_rst_is_dropped, true);
	model_add_test(seq, test_established_acceptability_window_edges, true);
	model_add_test(seq, test_established_zero_window_processes_ack_at_rcv_nxt, true);
	model_add_test(seq, test_established_zero_window_text_is_acked_not_accepted, true);
	model_add_test(seq, test_established_zero_window_fin_is_acked_not_accepted, true);
	model_add_test(seq, test_established_zero_window_syn_is_not_in_window, false);
	suite_add_tcase(s, seq);

	model_add_test(rst, test_synchronized_rst_at_rcv_nxt_resets_connection, true);
	model_add_test(rst, test_established_zero_window_rst_at_rcv_nxt_resets, true);
	model_add_test(rst, test_closing_rst_at_rcv_nxt_closes_quietly, true);
	model_add_test(rst, test_established_in_window_rst_profile_switch, true);
	model_add_test(rst, test_syn_received_passive_rst_returns_to_listen, true);
	model_add_test(rst, test_syn_received_active_rst_closes_connection_refused, true);
	model_add_test(rst, test_time_wait_rst_profile_switch_rfc1337, true);
	suite_add_tcase(s, rst);

	model_add_test(syn, test_syn_received_passive_syn_returns_to_listen, true);
	model_add_test(syn, test_syn_received_retransmitted_syn_profile_switch, true);
	model_add_test(syn, test_synchronized_in_window_syn_profile_switch, true);
	model_add_test(syn, test_established_old_syn_with_new_text_is_trimmed_not_reset, false);
	suite_add_tcase(s, syn);

	model_add_test(tw, test_time_wait_syn_beyond_rcv_nxt_profile_switch, true);
	model_add_test(tw, test_time_wait_old_syn_is_not_a_reopen, false);
	model_add_test(tw, test_time_wait_reopen_requires_iss_beyond_old_sequence_space, false);
	model_add_test(tw, test_time_wait_reopen_old_duplicate_returns_to_time_wait, false);
	model_add_test(tw, test_time_wait_syn_fin_does_not_become_listen, false);
	suite_add_tcase(s, tw);
	return s;
}

int main(void)
{
	return model_run_suite(other_suite()) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
