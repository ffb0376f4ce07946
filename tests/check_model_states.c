/*
 * check_model_states.c - the model against RFC 9293 3.10.7.4 (a segment
 * arrives in SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2, CLOSE-WAIT,
 * CLOSING, LAST-ACK, TIME-WAIT), the profile switches (RFC 5961, RFC 1337,
 * RFC 6191 / MAY-2), every transition the seed document names
 * (shared/seeds/tcp-states.md), and whole exchanges run step by step.
 *
 * Defaults (tcp_tcb_default): ISS 1000, IRS 5000, windows 65535; once
 * synchronized SND.UNA = SND.NXT = 1001, RCV.NXT = 5001; a FIN sent counts
 * in SND.NXT (1002), a FIN received in RCV.NXT (5002).
 */
#include <stdlib.h>

#include "model_helpers.h"

#define RFC TCP_PROFILE_RFC9293
#define RFC5961 TCP_PROFILE_RFC9293_5961
#define LINUX TCP_PROFILE_LINUX
#define LWIP TCP_PROFILE_LWIP
#define RTX TCP_TIMER_BIT(TCP_T_RETRANSMIT)
#define T_TW TCP_TIMER_BIT(TCP_T_TIME_WAIT)
#define T_FW2 TCP_TIMER_BIT(TCP_T_FIN_WAIT_2)
#define PID ((enum tcp_profile_id)_i)
#define A TCP_ACK
#define S TCP_SYN
#define F TCP_FIN
#define R TCP_RST
#define P TCP_PSH
#define U TCP_URG

/* ----------------------------------------- first check: sequence number */

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
			ASSERT_ONE_SEG(out, A, t.snd_nxt, t.rcv_nxt, 0);
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

/* ------------------------------------------------ second check: RST */

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

/* ------------------------------------------------ fourth check: SYN */

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
		ASSERT_ONE_SEG(out, R | A, 0, 5002, 0);
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
			ASSERT_ONE_SEG(out, A, t.snd_nxt, t.rcv_nxt, 0);
			ASSERT_TCB_UNCHANGED(t, next);
			continue;
		}
		ASSERT_RULE(out, R_3_10_7_4_SYN_RESET);
		ASSERT_STATE(next, TCP_CLOSED);
		ASSERT_NOTIFY(out, TCP_N_RESET);
		ASSERT_ONE_SEG(out, R | A, 0, seq + 1, 0);
		STEP(t, ev_seg(S | A, seq, t.snd_nxt, 1000, 0), PID, next, out);
		ASSERT_ONE_SEG(out, R, t.snd_nxt, 0, 0);
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

/* ------------------------------------------------ fifth check: ACK */

/* RFC 9293 3.10.7.4 fifth: "if the ACK bit is off, drop the segment and
 * return" */
START_TEST(test_synchronized_segment_without_ack_is_dropped)
{
	for (int s = TCP_SYN_RECEIVED; s < TCP_NSTATES; s++) {
		struct tcp_tcb t = tcb_in((enum tcp_state)s, PID), next;
		struct tcp_result out;

		STEP(t, ev_seg(P | F, t.rcv_nxt, 0, 1000, 10), PID, next, out);
		ASSERT_RULE(out, R_3_10_7_4_NO_ACK);
		ASSERT_NO_SEG(out);
		ASSERT_TCB_UNCHANGED(t, next);
	}
}
END_TEST

/* RFC 9293 3.10.7.4 fifth, SYN-RECEIVED: "If SND.UNA < SEG.ACK =< SND.NXT,
 * then enter ESTABLISHED state and continue processing with the variables
 * below set to: SND.WND <- SEG.WND, SND.WL1 <- SEG.SEQ, SND.WL2 <- SEG.ACK"
 * (seed: SYN_RECV -> ESTABLISHED) */
START_TEST(test_syn_received_acceptable_ack_enters_established)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_RECEIVED, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(A, 5001, 1001, 40000, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_SYN_RECEIVED_ACK);
	ASSERT_STATE(next, TCP_ESTABLISHED);
	ASSERT_NOTIFY(out, TCP_N_ESTABLISHED);
	ASSERT_NO_SEG(out);
	ASSERT_U32(next.snd_una, 1001);
	ASSERT_U32(next.snd_wnd, 40000);
	ASSERT_U32(next.snd_wl1, 5001);
	ASSERT_U32(next.snd_wl2, 1001);
	ASSERT_TIMERS(next, 0);
	ASSERT_CANCELS(out, TCP_T_RETRANSMIT);
}
END_TEST

/* RFC 9293 3.10.7.4 fifth, SYN-RECEIVED: "If the segment acknowledgment is
 * not acceptable, form a reset segment <SEQ=SEG.ACK><CTL=RST> and send it." */
START_TEST(test_syn_received_unacceptable_ack_gets_rst)
{
	uint32_t acks[] = { 1000, 1002, 0x80000000u };

	for (size_t k = 0; k < 3; k++) {
		struct tcp_tcb t = tcb_in(TCP_SYN_RECEIVED, PID), next;
		struct tcp_result out;

		STEP(t, ev_seg(A, 5001, acks[k], 1000, 0), PID, next, out);
		ASSERT_RULE(out, R_3_10_7_4_SYN_RECEIVED_BAD_ACK);
		ASSERT_STATE(next, TCP_SYN_RECEIVED);
		ASSERT_ONE_SEG(out, R, acks[k], 0, 0);
	}
}
END_TEST

/* RFC 9293 3.10.2 SYN-RECEIVED "Queue the data for transmission after
 * entering ESTABLISHED state" - sent when the ACK of our SYN arrives */
START_TEST(test_syn_received_ack_sends_data_queued_by_send)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_RECEIVED, PID), next;
	struct tcp_result out;

	t.snd_queued = 100;
	STEP(t, ev_seg(A, 5001, 1001, 65535, 0), PID, next, out);
	ASSERT_STATE(next, TCP_ESTABLISHED);
	ASSERT_ONE_SEG(out, A | P, 1001, 5001, 100);
}
END_TEST

/* RFC 9293 3.10.4 SYN-RECEIVED: the CLOSE was "queue[d] for processing
 * after entering ESTABLISHED state"; ESTABLISHED: "Queue this until all
 * preceding SENDs have been segmentized, then form a FIN segment and send
 * it.  In any case, enter FIN-WAIT-1 state." */
START_TEST(test_syn_received_ack_processes_queued_close)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_RECEIVED, PID), next;
	struct tcp_result out;

	t.snd_queued = 100;
	t.fin_queued = true;
	STEP(t, ev_seg(A, 5001, 1001, 65535, 0), PID, next, out);
	ASSERT_STATE(next, TCP_FIN_WAIT_1);
	ASSERT_ONE_SEG(out, F | P | A, 1001, 5001, 100);
}
END_TEST

/* RFC 9293 3.10.4 ESTABLISHED (the queued CLOSE of SYN-RECEIVED, processed
 * on entering ESTABLISHED): "In any case, enter FIN-WAIT-1 state" - also
 * when the peer's window holds only 10 of the 100 queued octets */
START_TEST(test_syn_received_queued_close_enters_fin_wait_1_with_data_left)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_RECEIVED, PID), next;
	struct tcp_result out;

	t.snd_queued = 100;
	t.fin_queued = true;
	STEP(t, ev_seg(A, 5001, 1001, 10, 0), PID, next, out);
	ASSERT_ONE_SEG(out, P | A, 1001, 5001, 10);
	ASSERT_STATE(next, TCP_FIN_WAIT_1);
}
END_TEST

/* RFC 9293 3.10.7.4 fifth, ESTABLISHED: "If the ACK acks something not yet
 * sent (SEG.ACK > SND.NXT), then send an ACK, drop the segment, and
 * return." (the text of the segment is dropped too) */
START_TEST(test_established_ack_of_unsent_data_gets_ack_and_is_dropped)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(A | P, 5001, 1002, 65535, 10), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_ACK_UNSENT);
	ASSERT_ONE_SEG(out, A, 1001, 5001, 0);
	ASSERT_U32(next.rcv_nxt, 5001);
	ASSERT_TCB_UNCHANGED(t, next);
}
END_TEST

/* The ack_unsent_silent switch (no built-in profile sets it): the segment is
 * dropped without the RFC's ACK */
START_TEST(test_established_ack_of_unsent_data_silent_switch_sends_nothing)
{
	struct tcp_profile p = *prof(RFC);
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, RFC), next;
	struct tcp_result out;

	p.ack_unsent_silent = true;
	ck_assert_int_eq(model_step(&t, ev_seg(A, 5001, 1002, 65535, 0), &p,
				    &next, &out), 0);
	ASSERT_RULE(out, R_3_10_7_4_ACK_UNSENT);
	ASSERT_NO_SEG(out);
}
END_TEST

/* RFC 5961 5.2: "the ACK value is acceptable only if it is in the range of
 * ((SND.UNA - MAX.SND.WND) =< SEG.ACK =< SND.NXT).  All incoming segments
 * whose ACK value doesn't satisfy the above condition MUST be discarded and
 * an ACK sent back."  Without it, "If the ACK is a duplicate (SEG.ACK =<
 * SND.UNA), it can be ignored" and the text is processed. */
START_TEST(test_established_old_ack_profile_switch_rfc5961)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	t.snd_una = t.snd_nxt = t.snd_wl2 = 200000;
	tcb_rearm(&t, PID);
	STEP(t, ev_seg(A | P, 5001, 200000 - 65536, 65535, 10), PID, next, out);
	if (prof(PID)->ack_check_5961) {
		ASSERT_RULE(out, R_5961_5_ACK_CHALLENGE);
		ASSERT_ONE_SEG(out, A, 200000, 5001, 0);
		ASSERT_U32(next.rcv_nxt, 5001);
	} else {
		ASSERT_RULE(out, R_3_10_7_4_TEXT);
		ASSERT_U32(next.rcv_nxt, 5011);
	}
	/* exactly SND.UNA - MAX.SND.WND is acceptable everywhere */
	STEP(t, ev_seg(A | P, 5001, 200000 - 65535, 65535, 10), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_TEXT);
	ASSERT_U32(next.rcv_nxt, 5011);
}
END_TEST

/* RFC 9293 3.10.7.4 fifth: "If SND.UNA < SEG.ACK =< SND.NXT, then set
 * SND.UNA <- SEG.ACK.  Any segments on the retransmission queue that are
 * thereby entirely acknowledged are removed."; 3.8.1 (RFC 6298 5.3): the
 * retransmission timer restarts while data is outstanding, stops when all
 * is acknowledged */
START_TEST(test_established_new_ack_advances_snd_una)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	t.snd_nxt = 1101;
	tcb_rearm(&t, PID);
	STEP(t, ev_seg(A, 5001, 1051, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_ACK);
	ASSERT_U32(next.snd_una, 1051);
	ASSERT_TIMERS(next, RTX);
	ASSERT_ARMS(out, TCP_T_RETRANSMIT);
	ASSERT_NO_SEG(out);
	t = next;
	STEP(t, ev_seg(A, 5001, 1101, 65535, 0), PID, next, out);
	ASSERT_U32(next.snd_una, 1101);
	ASSERT_TIMERS(next, 0);
	ASSERT_CANCELS(out, TCP_T_RETRANSMIT);
}
END_TEST

/* RFC 9293 3.10.7.4 fifth: "If the ACK is a duplicate (SEG.ACK =< SND.UNA),
 * it can be ignored." */
START_TEST(test_established_duplicate_ack_is_ignored)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(A, 5001, 1001, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_ACK_DUPLICATE);
	ASSERT_NO_SEG(out);
	ASSERT_TCB_UNCHANGED(t, next);
	STEP(t, ev_seg(A, 5001, 1000, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_ACK_DUPLICATE);
	ASSERT_U32(next.snd_una, 1001);
}
END_TEST

/* RFC 9293 3.10.7.4 fifth: "If (SND.WL1 < SEG.SEQ or (SND.WL1 = SEG.SEQ and
 * SND.WL2 =< SEG.ACK)), set SND.WND <- SEG.WND, set SND.WL1 <- SEG.SEQ,
 * and set SND.WL2 <- SEG.ACK." */
START_TEST(test_established_window_update_follows_wl1_wl2)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, RFC), next;
	struct tcp_result out;

	/* SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK: updated */
	STEP(t, ev_seg(A, 5001, 1001, 3000, 0), RFC, next, out);
	ASSERT_U32(next.snd_wnd, 3000);
	/* SND.WL1 < SEG.SEQ: updated */
	t.rcv_nxt = 5011;
	STEP(t, ev_seg(A, 5011, 1001, 2000, 0), RFC, next, out);
	ASSERT_U32(next.snd_wnd, 2000);
	ASSERT_U32(next.snd_wl1, 5011);
	/* SND.WL1 = SEG.SEQ but SND.WL2 > SEG.ACK: an older update, ignored */
	t = tcb_in(TCP_ESTABLISHED, RFC);
	t.snd_nxt = 1101;
	t.snd_wl2 = 1051;
	tcb_rearm(&t, RFC);
	STEP(t, ev_seg(A, 5001, 1001, 7, 0), RFC, next, out);
	ASSERT_U32(next.snd_wnd, 65535);
	/* SEG.SEQ < SND.WL1: an older update, ignored */
	t = tcb_in(TCP_ESTABLISHED, RFC);
	t.snd_wl1 = 5010;
	t.rcv_nxt = 5020;
	STEP(t, ev_seg(A | P, 5005, 1001, 7, 20), RFC, next, out);
	ASSERT_U32(next.snd_wnd, 65535);
	ASSERT_U32(next.snd_wl1, 5010);
}
END_TEST

/* RFC 9293 3.10.7.4 fifth, FIN-WAIT-1: "if the FIN segment is now
 * acknowledged, then enter FIN-WAIT-2 and continue processing in that
 * state" (seed: FIN_WAIT_1 -> FIN_WAIT_2) */
START_TEST(test_fin_wait_1_ack_of_fin_enters_fin_wait_2)
{
	struct tcp_tcb t = tcb_in(TCP_FIN_WAIT_1, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(A, 5001, 1002, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_FIN_WAIT_1_ACKED);
	ASSERT_STATE(next, TCP_FIN_WAIT_2);
	ASSERT_NO_SEG(out);
	ASSERT_TIMERS(next, prof(PID)->fin_wait_2_timeout ? T_FW2 : 0);
	ASSERT_CANCELS(out, TCP_T_RETRANSMIT);
}
END_TEST

/* RFC 9293 3.10.7.4 fifth, FIN-WAIT-1: an ACK below our FIN keeps FIN-WAIT-1 */
START_TEST(test_fin_wait_1_partial_ack_stays)
{
	struct tcp_tcb t = tcb_in(TCP_FIN_WAIT_1, PID), next;
	struct tcp_result out;

	t.snd_nxt = 1102;
	tcb_rearm(&t, PID);
	STEP(t, ev_seg(A, 5001, 1051, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_ACK);
	ASSERT_STATE(next, TCP_FIN_WAIT_1);
	ASSERT_U32(next.snd_una, 1051);
}
END_TEST

/* RFC 9293 3.10.7.4 fifth, CLOSING: "if the ACK acknowledges our FIN, then
 * enter the TIME-WAIT state; otherwise, ignore the segment." (seed:
 * CLOSING -> TIME_WAIT) */
START_TEST(test_closing_ack_of_fin_enters_time_wait)
{
	struct tcp_tcb t = tcb_in(TCP_CLOSING, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(A, 5002, 1002, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_CLOSING_ACKED);
	ASSERT_STATE(next, TCP_TIME_WAIT);
	ASSERT_NO_SEG(out);
	ASSERT_TIMERS(next, T_TW);
	ASSERT_ARMS(out, TCP_T_TIME_WAIT);
	STEP(t, ev_seg(A, 5002, 1001, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_CLOSING_NOT_ACKED);
	ASSERT_STATE(next, TCP_CLOSING);
	ASSERT_NO_SEG(out);
}
END_TEST

/* RFC 9293 3.10.7.4 fifth, CLOSING: "In addition to the processing for the
 * ESTABLISHED state" (the window update); 3.10.4: the FIN follows "all
 * preceding SENDs".  Data queued behind a closed window when both sides
 * closed must go out once the peer opens its window. */
START_TEST(test_closing_window_update_sends_queued_data_and_fin)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID);
	const struct model_script_step steps[] = {
		{ "SEND 100 into a zero window", ev_call(TCP_CALL_SEND, 100, 0),
		  TCP_ESTABLISHED, R_3_10_2_SEND_DATA, 0, 0, 0, 0, 0 },
		{ "CLOSE", ev_call(TCP_CALL_CLOSE, 0, 0), TCP_FIN_WAIT_1,
		  R_3_10_4_CLOSE_ESTABLISHED, 0, 0, 0, 0, 0 },
		{ "rcv FIN", ev_seg(F | A, 5001, 1001, 0, 0), TCP_CLOSING,
		  R_3_10_7_4_FIN_CLOSING, 1, A, 1001, 5002, 0 },
		{ "rcv window 1000", ev_seg(A, 5002, 1001, 1000, 0), TCP_CLOSING,
		  R_NONE, 1, F | P | A, 1001, 5002, 100 },
	};

	t.snd_wnd = 0;
	model_run_script(&t, steps, SCRIPT_LEN(steps), PID);
}
END_TEST

/* RFC 9293 3.10.7.4 fifth, LAST-ACK: "If our FIN is now acknowledged,
 * delete the TCB, enter the CLOSED state, and return." (seed: LAST_ACK ->
 * CLOSED) */
START_TEST(test_last_ack_ack_of_fin_closes)
{
	struct tcp_tcb t = tcb_in(TCP_LAST_ACK, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(A, 5002, 1002, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_LAST_ACK_ACKED);
	ASSERT_STATE(next, TCP_CLOSED);
	ASSERT_NOTIFY(out, TCP_N_NONE);
	ASSERT_NO_SEG(out);
	ASSERT_TIMERS(next, 0);
	STEP(t, ev_seg(A, 5002, 1001, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_LAST_ACK_NOT_ACKED);
	ASSERT_STATE(next, TCP_LAST_ACK);
	ASSERT_NO_SEG(out);
}
END_TEST

/* RFC 9293 3.10.7.4 fifth, TIME-WAIT: "The only thing that can arrive in
 * this state is a retransmission of the remote FIN." - an ACK changes
 * nothing */
START_TEST(test_time_wait_ack_changes_nothing)
{
	struct tcp_tcb t = tcb_in(TCP_TIME_WAIT, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(A, 5002, 1002, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_TIME_WAIT_ACK);
	ASSERT_NO_SEG(out);
	ASSERT_TCB_UNCHANGED(t, next);
}
END_TEST

/* ---------------------------------------------- sixth check: URG */

/* RFC 9293 3.10.7.4 sixth, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2: "If the URG
 * bit is set, RCV.UP <- max(RCV.UP,SEG.UP)" (SEG.UP an offset from SEG.SEQ,
 * 3.1); CLOSE-WAIT ... TIME-WAIT: "Ignore the URG." */
START_TEST(test_established_urg_advances_rcv_up_never_back)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg_full(U | A, 5001, 1001, 65535, 20, 10, 0, 0), PID, next,
	     out);
	ASSERT_U32(next.rcv_up, 5011);
	t.rcv_up = 5100;
	STEP(t, ev_seg_full(U | A, 5001, 1001, 65535, 20, 10, 0, 0), PID, next,
	     out);
	ASSERT_U32(next.rcv_up, 5100);
	t = tcb_in(TCP_CLOSE_WAIT, PID);
	STEP(t, ev_seg_full(U | A, 5002, 1001, 65535, 0, 10, 0, 0), PID, next,
	     out);
	ASSERT_U32(next.rcv_up, t.rcv_up);
}
END_TEST

/* ---------------------------------------------- seventh check: text */

/* RFC 9293 3.10.7.4 seventh: "it advances RCV.NXT over the data accepted,
 * and adjusts RCV.WND ... The total of RCV.NXT and RCV.WND should not be
 * reduced ... Send an acknowledgment of the form: <SEQ=SND.NXT><ACK=RCV.NXT>
 * <CTL=ACK>" */
START_TEST(test_established_text_at_rcv_nxt_is_accepted_and_acked)
{
	enum tcp_state states[] = { TCP_ESTABLISHED, TCP_FIN_WAIT_1,
				    TCP_FIN_WAIT_2 };

	for (size_t k = 0; k < 3; k++) {
		struct tcp_tcb t = tcb_in(states[k], PID), next;
		struct tcp_result out;

		if (states[k] != TCP_ESTABLISHED && prof(PID)->rst_on_close_unread)
			continue; /* half-duplex close: see the SHLD-3 test */
		STEP(t, ev_seg(A | P, 5001, t.snd_una, 65535, 100), PID, next,
		     out);
		ASSERT_RULE(out, R_3_10_7_4_TEXT);
		ASSERT_STATE(next, states[k]);
		ASSERT_U32(next.rcv_nxt, 5101);
		ASSERT_U32(next.rcv_wnd, 65435);
		ASSERT_U32(next.rcv_unread, 100);
		ASSERT_ONE_SEG(out, A, t.snd_nxt, 5101, 0);
	}
}
END_TEST

/* RFC 9293 3.6.1 MAY-1, SHLD-3: where CLOSE is a half-duplex close (linux,
 * lwIP: rst_on_close_unread), "if new data is received after CLOSE is
 * called, its TCP implementation SHOULD send a RST to show that data was
 * lost" - a reset the sender accepts, <SEQ=SEG.ACK><CTL=RST> (3.5.2) */
START_TEST(test_fin_wait_data_after_close_profile_switch)
{
	enum tcp_state states[] = { TCP_FIN_WAIT_1, TCP_FIN_WAIT_2 };

	for (size_t k = 0; k < 2; k++) {
		struct tcp_tcb t = tcb_in(states[k], PID), next;
		struct tcp_result out;

		STEP(t, ev_seg(A | P, 5001, 1001, 65535, 100), PID, next, out);
		if (!prof(PID)->rst_on_close_unread) {
			ASSERT_RULE(out, R_3_10_7_4_TEXT);
			ASSERT_STATE(next, states[k]);
			continue;
		}
		ASSERT_RULE(out, R_3_6_1_DATA_AFTER_CLOSE_RST);
		ASSERT_STATE(next, TCP_CLOSED);
		ASSERT_NOTIFY(out, TCP_N_RESET);
		ASSERT_NEMIT(out, 1);
		ck_assert(out.emit[0].flags & R);
		ASSERT_U32(out.emit[0].seq, 1001);
	}
}
END_TEST

/* RFC 9293 3.10.7.4 first: "Segments with higher beginning sequence numbers
 * SHOULD be held for later processing (SHLD-31)": text beyond a gap is
 * held; when the gap is filled RCV.NXT passes both, and a FIN held with it */
START_TEST(test_established_out_of_order_text_held_until_gap_filled)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(A | P, 5011, 1001, 65535, 10), PID, next, out);
	ASSERT_U32(next.rcv_nxt, 5001);
	ASSERT_ONE_SEG(out, A, 1001, 5001, 0);
	t = next;
	STEP(t, ev_seg(A | P, 5001, 1001, 65535, 10), PID, next, out);
	ASSERT_U32(next.rcv_nxt, 5021);
	ASSERT_U32(next.rcv_unread, 20);
	ASSERT_ONE_SEG(out, A, 1001, 5021, 0);
	t = tcb_in(TCP_ESTABLISHED, PID);
	STEP(t, ev_seg(F | A | P, 5011, 1001, 65535, 10), PID, next, out);
	ASSERT_STATE(next, TCP_ESTABLISHED);
	t = next;
	STEP(t, ev_seg(A | P, 5001, 1001, 65535, 10), PID, next, out);
	ASSERT_STATE(next, TCP_CLOSE_WAIT);
	ASSERT_U32(next.rcv_nxt, 5022);
	ASSERT_ONE_SEG(out, A, 1001, 5022, 0);
}
END_TEST

/* RFC 9293 3.10.7.4 first: segments are trimmed to the window; only the
 * octets within RCV.NXT .. RCV.NXT+RCV.WND-1 are taken */
START_TEST(test_established_text_beyond_window_is_trimmed)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	t.rcv_wnd = 50;
	STEP(t, ev_seg(A | P, 5001, 1001, 65535, 100), PID, next, out);
	ASSERT_U32(next.rcv_nxt, 5051);
	ASSERT_U32(next.rcv_wnd, 0);
	ASSERT_ONE_SEG(out, A, 1001, 5051, 0);
}
END_TEST

/* RFC 9293 3.10.7.4 first: "Segments with higher beginning sequence numbers
 * may be held for later processing" - the model does not hold them; RCV.NXT
 * stays and is acknowledged */
START_TEST(test_established_out_of_order_text_is_acked_not_accepted)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(A | P, 5101, 1001, 65535, 10), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_TEXT_OUT_OF_ORDER);
	ASSERT_U32(next.rcv_nxt, 5001);
	ASSERT_ONE_SEG(out, A, 1001, 5001, 0);
}
END_TEST

/* RFC 9293 3.10.7.4 seventh: "This acknowledgment should be piggybacked on
 * a segment being transmitted if possible" */
START_TEST(test_established_text_ack_piggybacks_on_queued_data)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	t.snd_wnd = 0;
	t.snd_queued = 50;
	tcb_rearm(&t, PID);
	STEP(t, ev_seg(A | P, 5001, 1001, 1000, 100), PID, next, out);
	ASSERT_ONE_SEG(out, A | P, 1001, 5101, 50);
	ASSERT_U32(next.snd_nxt, 1051);
}
END_TEST

/* RFC 9293 3.10.7.4 seventh, CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT:
 * "This should not occur since a FIN has been received from the remote
 * side.  Ignore the segment text." */
START_TEST(test_close_wait_text_is_ignored)
{
	for (int s = TCP_CLOSE_WAIT; s <= TCP_LAST_ACK; s++) {
		struct tcp_tcb t = tcb_in((enum tcp_state)s, PID), next;
		struct tcp_result out;

		STEP(t, ev_seg(A | P, t.rcv_nxt, t.snd_una, 65535, 10), PID, next,
		     out);
		ASSERT_U32(next.rcv_nxt, t.rcv_nxt);
		ASSERT_U32(next.rcv_unread, 0);
		ASSERT_STATE(next, t.state);
		if (s == TCP_CLOSE_WAIT)
			ASSERT_RULE(out, R_3_10_7_4_TEXT_IGNORED);
	}
}
END_TEST

/* ---------------------------------------------- eighth check: FIN */

/* RFC 9293 3.10.7.4 eighth: "signal the user "connection closing" ...
 * advance RCV.NXT over the FIN, and send an acknowledgment for the FIN";
 * "SYN-RECEIVED STATE, ESTABLISHED STATE: Enter the CLOSE-WAIT state."
 * (seed: ESTABLISHED -> CLOSE_WAIT) */
START_TEST(test_established_fin_enters_close_wait_and_acks)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(F | A, 5001, 1001, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_FIN_CLOSE_WAIT);
	ASSERT_STATE(next, TCP_CLOSE_WAIT);
	ASSERT_NOTIFY(out, TCP_N_REMOTE_CLOSE);
	ASSERT_U32(next.rcv_nxt, 5002);
	ASSERT_ONE_SEG(out, A, 1001, 5002, 0);
	/* text before the FIN: RCV.NXT passes both */
	STEP(t, ev_seg(F | P | A, 5001, 1001, 65535, 10), PID, next, out);
	ASSERT_STATE(next, TCP_CLOSE_WAIT);
	ASSERT_U32(next.rcv_nxt, 5012);
	ASSERT_U32(next.rcv_unread, 10);
	ASSERT_ONE_SEG(out, A, 1001, 5012, 0);
	/* a FIN beyond a gap is not processed */
	STEP(t, ev_seg(F | A, 5011, 1001, 65535, 0), PID, next, out);
	ASSERT_STATE(next, TCP_ESTABLISHED);
	ASSERT_U32(next.rcv_nxt, 5001);
	/* SYN-RECEIVED: the ACK of our SYN, then the FIN */
	t = tcb_in(TCP_SYN_RECEIVED, PID);
	STEP(t, ev_seg(F | A, 5001, 1001, 65535, 0), PID, next, out);
	ASSERT_STATE(next, TCP_CLOSE_WAIT);
	ASSERT_ONE_SEG(out, A, 1001, 5002, 0);
}
END_TEST

/* RFC 9293 3.10.7.4 eighth, FIN-WAIT-1: "If our FIN has been ACKed (perhaps
 * in this segment), then enter TIME-WAIT, start the time-wait timer, turn
 * off the other timers; otherwise, enter the CLOSING state." (Figure 5
 * note 2; seed: simultaneous close FIN_WAIT_1 -> CLOSING) */
START_TEST(test_fin_wait_1_fin_enters_closing_or_time_wait)
{
	struct tcp_tcb t = tcb_in(TCP_FIN_WAIT_1, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(F | A, 5001, 1001, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_FIN_CLOSING);
	ASSERT_STATE(next, TCP_CLOSING);
	ASSERT_NOTIFY(out, TCP_N_REMOTE_CLOSE);
	ASSERT_ONE_SEG(out, A, 1002, 5002, 0);
	ASSERT_TIMERS(next, RTX);
	STEP(t, ev_seg(F | A, 5001, 1002, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_FIN_TIME_WAIT);
	ASSERT_STATE(next, TCP_TIME_WAIT);
	ASSERT_ONE_SEG(out, A, 1002, 5002, 0);
	ASSERT_TIMERS(next, T_TW);
	ASSERT_ARMS(out, TCP_T_TIME_WAIT);
	ASSERT_CANCELS(out, TCP_T_RETRANSMIT);
}
END_TEST

/* RFC 9293 3.10.7.4 eighth, FIN-WAIT-2: "Enter the TIME-WAIT state.  Start
 * the time-wait timer, turn off the other timers." (MUST-13; seed:
 * FIN_WAIT_2 -> TIME_WAIT) */
START_TEST(test_fin_wait_2_fin_enters_time_wait)
{
	struct tcp_tcb t = tcb_in(TCP_FIN_WAIT_2, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(F | A, 5001, 1002, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_FIN_TIME_WAIT);
	ASSERT_STATE(next, TCP_TIME_WAIT);
	ASSERT_NOTIFY(out, TCP_N_REMOTE_CLOSE);
	ASSERT_ONE_SEG(out, A, 1002, 5002, 0);
	ASSERT_TIMERS(next, T_TW);
}
END_TEST

/* RFC 9293 3.10.7.4 eighth, CLOSE-WAIT: "Remain in the CLOSE-WAIT state."
 * (and CLOSING, LAST-ACK likewise) */
START_TEST(test_close_wait_second_fin_stays)
{
	struct tcp_tcb t = tcb_in(TCP_CLOSE_WAIT, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(F | A, 5002, 1001, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_FIN_AGAIN);
	ASSERT_STATE(next, TCP_CLOSE_WAIT);
	ASSERT_ONE_SEG(out, A, 1001, 5002, 0);
}
END_TEST

/* RFC 9293 3.10.7.4 TIME-WAIT: "The only thing that can arrive in this
 * state is a retransmission of the remote FIN.  Acknowledge it, and restart
 * the 2 MSL timeout." (MUST-13) */
START_TEST(test_time_wait_retransmitted_fin_is_acked_and_restarts_2msl)
{
	struct tcp_tcb t = tcb_in(TCP_TIME_WAIT, PID), next;
	struct tcp_result out;

	STEP(t, ev_seg(F | A, 5001, 1002, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_FIN_TIME_WAIT_RESTART);
	ASSERT_STATE(next, TCP_TIME_WAIT);
	ASSERT_ONE_SEG(out, A, 1002, 5002, 0);
	ASSERT_ARMS(out, TCP_T_TIME_WAIT);
	ASSERT_TIMERS(next, T_TW);
	/* a FIN at RCV.NXT too: remain, restart */
	STEP(t, ev_seg(F | A, 5002, 1002, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_FIN_TIME_WAIT_RESTART);
	ASSERT_ARMS(out, TCP_T_TIME_WAIT);
}
END_TEST

/* ------------------------------------- TIME-WAIT: MAY-2 and RFC 6191 */

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
		ASSERT_ONE_SEG(out, R | A, 0, 9001, 0);
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

/* ------------------------------ the seed's transitions, whole exchanges */

#define SEG_STEP(what, ev, st, rule, fl, sq, ak, ln) \
	{ what, ev, st, rule, 1, fl, sq, ak, ln }
#define QUIET_STEP(what, ev, st, rule) { what, ev, st, rule, 0, 0, 0, 0, 0 }

/* RFC 9293 3.3.2 Figure 5 and 3.5 Figure 6 (three-way handshake), 3.6
 * Figure 12 (normal close), passive side: the seed's server path CLOSED ->
 * LISTEN -> SYN-RECEIVED -> ESTABLISHED -> CLOSE-WAIT -> LAST-ACK -> CLOSED */
START_TEST(test_seed_server_path)
{
	struct tcp_tcb t = tcb_in(TCP_CLOSED, PID);
	const struct model_script_step steps[] = {
		QUIET_STEP("passive OPEN", ev_call(TCP_CALL_OPEN_PASSIVE, 0, 0),
			   TCP_LISTEN, R_3_10_1_OPEN_PASSIVE),
		SEG_STEP("rcv SYN", ev_seg_full(S, 5000, 0, 65535, 0, 0, 1460, 1000),
			 TCP_SYN_RECEIVED, R_3_10_7_2_LISTEN_SYN, S | A, 1000,
			 5001, 0),
		QUIET_STEP("rcv ACK of SYN", ev_seg(A, 5001, 1001, 65535, 0),
			   TCP_ESTABLISHED, R_3_10_7_4_SYN_RECEIVED_ACK),
		SEG_STEP("rcv data", ev_seg(A | P, 5001, 1001, 65535, 100),
			 TCP_ESTABLISHED, R_3_10_7_4_TEXT, A, 1001, 5101, 0),
		SEG_STEP("SEND 50", ev_call(TCP_CALL_SEND, 50, 0), TCP_ESTABLISHED,
			 R_3_10_2_SEND_DATA, A | P, 1001, 5101, 50),
		QUIET_STEP("rcv ACK", ev_seg(A, 5101, 1051, 65535, 0),
			   TCP_ESTABLISHED, R_3_10_7_4_ACK),
		SEG_STEP("rcv FIN", ev_seg(F | A, 5101, 1051, 65535, 0),
			 TCP_CLOSE_WAIT, R_3_10_7_4_FIN_CLOSE_WAIT, A, 1051,
			 5102, 0),
		QUIET_STEP("RECEIVE 100", ev_call(TCP_CALL_RECEIVE, 100, 0),
			   TCP_CLOSE_WAIT, R_3_10_3_RECEIVE_DATA),
		SEG_STEP("CLOSE", ev_call(TCP_CALL_CLOSE, 0, 0), TCP_LAST_ACK,
			 R_NONE, F | A, 1051, 5102, 0),
		QUIET_STEP("rcv ACK of FIN", ev_seg(A, 5102, 1052, 65535, 0),
			   TCP_CLOSED, R_3_10_7_4_LAST_ACK_ACKED),
	};

	model_run_script(&t, steps, SCRIPT_LEN(steps), PID);
	ASSERT_TIMERS(t, 0);
}
END_TEST

/* RFC 9293 Figure 5, 3.5 Figure 6, 3.6 Figure 12, active side: the seed's
 * client path CLOSED -> SYN-SENT -> ESTABLISHED -> FIN-WAIT-1 -> FIN-WAIT-2
 * -> TIME-WAIT -> CLOSED (MUST-13: 2MSL) */
START_TEST(test_seed_client_path)
{
	struct tcp_tcb t = tcb_in(TCP_CLOSED, PID);
	const struct model_script_step steps[] = {
		SEG_STEP("active OPEN", ev_call(TCP_CALL_OPEN_ACTIVE, 0, 1000),
			 TCP_SYN_SENT, R_3_10_1_OPEN_ACTIVE, S, 1000, 0, 0),
		SEG_STEP("rcv SYN,ACK", ev_seg(S | A, 5000, 1001, 65535, 0),
			 TCP_ESTABLISHED, R_3_10_7_3_SYN_ACK, A, 1001, 5001, 0),
		SEG_STEP("SEND 100", ev_call(TCP_CALL_SEND, 100, 0),
			 TCP_ESTABLISHED, R_3_10_2_SEND_DATA, A | P, 1001, 5001,
			 100),
		QUIET_STEP("rcv ACK", ev_seg(A, 5001, 1101, 65535, 0),
			   TCP_ESTABLISHED, R_3_10_7_4_ACK),
		SEG_STEP("CLOSE", ev_call(TCP_CALL_CLOSE, 0, 0), TCP_FIN_WAIT_1,
			 R_3_10_4_CLOSE_ESTABLISHED, F | A, 1101, 5001, 0),
		QUIET_STEP("rcv ACK of FIN", ev_seg(A, 5001, 1102, 65535, 0),
			   TCP_FIN_WAIT_2, R_3_10_7_4_FIN_WAIT_1_ACKED),
		SEG_STEP("rcv FIN", ev_seg(F | A, 5001, 1102, 65535, 0),
			 TCP_TIME_WAIT, R_3_10_7_4_FIN_TIME_WAIT, A, 1102, 5002,
			 0),
		QUIET_STEP("2MSL", ev_timeout(TCP_T_TIME_WAIT), TCP_CLOSED,
			   R_3_10_8_TIME_WAIT),
	};

	model_run_script(&t, steps, SCRIPT_LEN(steps), PID);
}
END_TEST

/* RFC 9293 3.10.2 LISTEN ("SEND ... change the connection from passive to
 * active") and 3.10.1 LISTEN (active OPEN): the seed's LISTEN -> SYN_SENT,
 * then the handshake completes with the queued data */
START_TEST(test_seed_listen_to_syn_sent)
{
	struct tcp_tcb t = tcb_in(TCP_LISTEN, PID);
	const struct model_script_step by_send[] = {
		SEG_STEP("SEND 100", ev_call(TCP_CALL_SEND, 100, 1000),
			 TCP_SYN_SENT, R_3_10_2_SEND_LISTEN, S, 1000, 0, 0),
		SEG_STEP("rcv SYN,ACK", ev_seg(S | A, 5000, 1001, 65535, 0),
			 TCP_ESTABLISHED, R_3_10_7_3_SYN_ACK, A | P, 1001, 5001,
			 100),
	};
	const struct model_script_step by_open[] = {
		SEG_STEP("active OPEN", ev_call(TCP_CALL_OPEN_ACTIVE, 0, 1000),
			 TCP_SYN_SENT, R_3_10_1_LISTEN_TO_ACTIVE, S, 1000, 0, 0),
		SEG_STEP("rcv SYN,ACK", ev_seg(S | A, 5000, 1001, 65535, 0),
			 TCP_ESTABLISHED, R_3_10_7_3_SYN_ACK, A, 1001, 5001, 0),
	};

	model_run_script(&t, by_send, SCRIPT_LEN(by_send), PID);
	t = tcb_in(TCP_LISTEN, PID);
	model_run_script(&t, by_open, SCRIPT_LEN(by_open), PID);
}
END_TEST

/* RFC 9293 3.10.7.3 (MUST-10) then 3.10.7.4 fifth: the seed's SYN_SENT ->
 * SYN_RECV -> ESTABLISHED, the SYN-RECEIVED side completed by an ACK */
START_TEST(test_seed_simultaneous_open_completes_on_ack)
{
	struct tcp_tcb t = tcb_in(TCP_CLOSED, PID);
	const struct model_script_step steps[] = {
		SEG_STEP("active OPEN", ev_call(TCP_CALL_OPEN_ACTIVE, 0, 100),
			 TCP_SYN_SENT, R_3_10_1_OPEN_ACTIVE, S, 100, 0, 0),
		SEG_STEP("rcv SYN", ev_seg(S, 300, 0, 65535, 0),
			 TCP_SYN_RECEIVED, R_3_10_7_3_SIMULTANEOUS_OPEN, S | A,
			 100, 301, 0),
		QUIET_STEP("rcv ACK", ev_seg(A, 301, 101, 65535, 0),
			   TCP_ESTABLISHED, R_3_10_7_4_SYN_RECEIVED_ACK),
	};

	model_run_script(&t, steps, SCRIPT_LEN(steps), PID);
	ck_assert(!t.passive);
}
END_TEST

/* RFC 9293 3.5 Figure 7 (Simultaneous Connection Synchronization), two
 * model instances crossing segments:
 *   2. A SYN-SENT     --> <SEQ=100><CTL=SYN>
 *   3. A SYN-RECEIVED <-- <SEQ=300><CTL=SYN>              <-- B SYN-SENT
 *   4.                ... <SEQ=100><CTL=SYN>              --> B SYN-RECEIVED
 *   5. A SYN-RECEIVED --> <SEQ=100><ACK=301><CTL=SYN,ACK> ...
 *   6. A ESTABLISHED  <-- <SEQ=300><ACK=101><CTL=SYN,ACK> <-- B SYN-RECEIVED
 *   7.                ... <SEQ=100><ACK=301><CTL=SYN,ACK> --> B ESTABLISHED */
START_TEST(test_simultaneous_open_figure_7_syn_ack_establishes)
{
	struct tcp_tcb closed = tcb_in(TCP_CLOSED, PID), a, b, next;
	struct tcp_result oa, ob, out;

	STEP(closed, ev_call(TCP_CALL_OPEN_ACTIVE, 0, 100), PID, a, oa);
	STEP(closed, ev_call(TCP_CALL_OPEN_ACTIVE, 0, 300), PID, b, ob);
	STEP(a, ev_seg(S, 300, 0, 65535, 0), PID, next, oa);
	a = next;
	STEP(b, ev_seg(S, 100, 0, 65535, 0), PID, next, ob);
	b = next;
	ASSERT_ONE_SEG(oa, S | A, 100, 301, 0);
	ASSERT_ONE_SEG(ob, S | A, 300, 101, 0);
	STEP(a, ev_seg(S | A, 300, 101, 65535, 0), PID, next, out);
	ASSERT_STATE(next, TCP_ESTABLISHED);
	ASSERT_RULE(out, R_3_5_SIMULTANEOUS_SYN_ACK);
	ASSERT_NOTIFY(out, TCP_N_ESTABLISHED);
	ASSERT_U32(next.snd_una, 101);
	STEP(b, ev_seg(S | A, 100, 301, 65535, 0), PID, next, out);
	ASSERT_STATE(next, TCP_ESTABLISHED);
}
END_TEST

/* RFC 9293 3.10.8 (user timeout) and RFC 1122 4.2.3.5 (syn_retries): the
 * seed's SYN_SENT -> CLOSED "on a send timeout" */
START_TEST(test_seed_syn_sent_times_out_to_closed)
{
	const struct tcp_profile *p = prof(PID);
	struct tcp_tcb t = tcb_in(TCP_CLOSED, PID), next;
	struct tcp_result out;

	t.user_timeout = true;
	STEP(t, ev_call(TCP_CALL_OPEN_ACTIVE, 0, 1000), PID, next, out);
	t = next;
	STEP(t, ev_timeout(TCP_T_USER), PID, next, out);
	ASSERT_STATE(next, TCP_CLOSED);
	ASSERT_NOTIFY(out, TCP_N_USER_TIMEOUT);
	if (p->syn_retries == 0)
		return;
	t = tcb_in(TCP_CLOSED, PID);
	STEP(t, ev_call(TCP_CALL_OPEN_ACTIVE, 0, 1000), PID, next, out);
	t = next;
	for (unsigned k = 0; k <= p->syn_retries; k++) {
		STEP(t, ev_timeout(TCP_T_RETRANSMIT), PID, next, out);
		t = next;
	}
	ASSERT_RULE(out, R_1122_4_2_3_5_GIVE_UP);
	ASSERT_STATE(t, TCP_CLOSED);
}
END_TEST

/* RFC 9293 3.10.7.4 (Figure 5 note 1): the seed's SYN_RECV -> LISTEN on
 * RST; the listener then takes the next SYN */
START_TEST(test_seed_syn_received_rst_returns_to_listen)
{
	struct tcp_tcb t = tcb_in(TCP_LISTEN, PID);
	const struct model_script_step steps[] = {
		SEG_STEP("rcv SYN", ev_seg_full(S, 5000, 0, 65535, 0, 0, 0, 1000),
			 TCP_SYN_RECEIVED, R_3_10_7_2_LISTEN_SYN, S | A, 1000,
			 5001, 0),
		QUIET_STEP("rcv RST", ev_seg(R, 5001, 0, 0, 0), TCP_LISTEN,
			   R_3_10_7_4_RST_SYN_RECEIVED_PASSIVE),
		SEG_STEP("rcv SYN", ev_seg_full(S, 7000, 0, 65535, 0, 0, 0, 2000),
			 TCP_SYN_RECEIVED, R_3_10_7_2_LISTEN_SYN, S | A, 2000,
			 7001, 0),
	};

	model_run_script(&t, steps, SCRIPT_LEN(steps), PID);
}
END_TEST

/* RFC 9293 3.10.4 SYN-RECEIVED: the seed's SYN_RECV -> FIN_WAIT_1 (skipping
 * ESTABLISHED), then to CLOSED through FIN-WAIT-2 and TIME-WAIT */
START_TEST(test_seed_syn_received_close_path)
{
	struct tcp_tcb t = tcb_in(TCP_LISTEN, PID);
	const struct model_script_step steps[] = {
		SEG_STEP("rcv SYN", ev_seg_full(S, 5000, 0, 65535, 0, 0, 0, 1000),
			 TCP_SYN_RECEIVED, R_3_10_7_2_LISTEN_SYN, S | A, 1000,
			 5001, 0),
		SEG_STEP("CLOSE", ev_call(TCP_CALL_CLOSE, 0, 0), TCP_FIN_WAIT_1,
			 R_3_10_4_CLOSE_SYN_RECEIVED, F | A, 1001, 5001, 0),
		SEG_STEP("retransmission timeout", ev_timeout(TCP_T_RETRANSMIT),
			 TCP_FIN_WAIT_1, R_3_10_8_RETRANSMIT, S | A, 1000, 5001, 0),
		QUIET_STEP("rcv ACK of SYN and FIN", ev_seg(A, 5001, 1002, 65535, 0),
			   TCP_FIN_WAIT_2, R_3_10_7_4_FIN_WAIT_1_ACKED),
		SEG_STEP("rcv FIN", ev_seg(F | A, 5001, 1002, 65535, 0),
			 TCP_TIME_WAIT, R_3_10_7_4_FIN_TIME_WAIT, A, 1002, 5002, 0),
		QUIET_STEP("2MSL", ev_timeout(TCP_T_TIME_WAIT), TCP_CLOSED,
			   R_3_10_8_TIME_WAIT),
	};

	model_run_script(&t, steps, SCRIPT_LEN(steps), PID);
}
END_TEST

/* RFC 9293 3.6 Figure 13 (simultaneous close): the seed's FIN_WAIT_1 ->
 * CLOSING -> TIME_WAIT, then 2MSL to CLOSED */
START_TEST(test_seed_simultaneous_close_path)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID);
	const struct model_script_step steps[] = {
		SEG_STEP("CLOSE", ev_call(TCP_CALL_CLOSE, 0, 0), TCP_FIN_WAIT_1,
			 R_3_10_4_CLOSE_ESTABLISHED, F | A, 1001, 5001, 0),
		SEG_STEP("rcv FIN (crossing ours)", ev_seg(F | A, 5001, 1001, 65535, 0),
			 TCP_CLOSING, R_3_10_7_4_FIN_CLOSING, A, 1002, 5002, 0),
		QUIET_STEP("rcv ACK of FIN", ev_seg(A, 5002, 1002, 65535, 0),
			   TCP_TIME_WAIT, R_3_10_7_4_CLOSING_ACKED),
		SEG_STEP("rcv FIN again", ev_seg(F | A, 5001, 1002, 65535, 0),
			 TCP_TIME_WAIT, R_3_10_7_4_FIN_TIME_WAIT_RESTART, A, 1002,
			 5002, 0),
		QUIET_STEP("2MSL", ev_timeout(TCP_T_TIME_WAIT), TCP_CLOSED,
			   R_3_10_8_TIME_WAIT),
	};

	model_run_script(&t, steps, SCRIPT_LEN(steps), PID);
}
END_TEST

/* RFC 9293 3.8.4, RFC 1122 4.2.3.6 (the seed's keep-alive section): probes
 * <SEQ=SND.NXT-1><ACK=RCV.NXT><CTL=ACK>, an answer resets the count, then
 * the profile's count of unanswered probes drops the connection */
START_TEST(test_seed_keepalive_probes_then_give_up)
{
	const struct tcp_profile *p = prof(PID);
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	t.keepalive = true;
	tcb_rearm(&t, PID);
	STEP(t, ev_timeout(TCP_T_KEEPALIVE), PID, next, out);
	ASSERT_ONE_SEG(out, A, 1000, 5001, 0);
	t = next;
	STEP(t, ev_seg(A, 5001, 1001, 65535, 0), PID, next, out);
	ASSERT_U32(next.ka_probes, 0);
	t = next;
	for (unsigned k = 0; k < p->keepalive_probes; k++) {
		STEP(t, ev_timeout(TCP_T_KEEPALIVE), PID, next, out);
		ASSERT_ONE_SEG(out, A, 1000, 5001, 0);
		t = next;
	}
	STEP(t, ev_timeout(TCP_T_KEEPALIVE), PID, next, out);
	ASSERT_STATE(next, TCP_CLOSED);
	ASSERT_NOTIFY(out, TCP_N_TIMED_OUT);
	ASSERT_NEMIT(out, p->keepalive_rst ? 1 : 0);
}
END_TEST

/* RFC 9293 3.4 (arithmetic modulo 2^32) over a whole exchange: ISS 2^32-16,
 * IRS 2^32-8, data crossing 2^32 both ways, then a normal close */
START_TEST(test_whole_exchange_across_sequence_wrap)
{
	struct tcp_tcb t = tcb_in(TCP_CLOSED, PID);
	const uint32_t iss = 0xfffffff0u, irs = 0xfffffff8u;
	const struct model_script_step steps[] = {
		SEG_STEP("active OPEN", ev_call(TCP_CALL_OPEN_ACTIVE, 0, iss),
			 TCP_SYN_SENT, R_3_10_1_OPEN_ACTIVE, S, iss, 0, 0),
		SEG_STEP("rcv SYN,ACK", ev_seg(S | A, irs, iss + 1, 65535, 0),
			 TCP_ESTABLISHED, R_3_10_7_3_SYN_ACK, A, iss + 1, irs + 1,
			 0),
		SEG_STEP("SEND 100", ev_call(TCP_CALL_SEND, 100, 0),
			 TCP_ESTABLISHED, R_3_10_2_SEND_DATA, A | P, iss + 1,
			 irs + 1, 100),
		QUIET_STEP("rcv ACK of 50", ev_seg(A, irs + 1, iss + 51, 65535, 0),
			   TCP_ESTABLISHED, R_3_10_7_4_ACK),
		SEG_STEP("rcv 50 octets", ev_seg(A | P, irs + 1, iss + 101, 65535, 50),
			 TCP_ESTABLISHED, R_3_10_7_4_TEXT, A, iss + 101, irs + 51,
			 0),
		QUIET_STEP("RECEIVE 50", ev_call(TCP_CALL_RECEIVE, 50, 0),
			   TCP_ESTABLISHED, R_3_10_3_RECEIVE_DATA),
		SEG_STEP("CLOSE", ev_call(TCP_CALL_CLOSE, 0, 0), TCP_FIN_WAIT_1,
			 R_3_10_4_CLOSE_ESTABLISHED, F | A, iss + 101, irs + 51, 0),
		SEG_STEP("rcv FIN+ACK of FIN", ev_seg(F | A, irs + 51, iss + 102, 65535, 0),
			 TCP_TIME_WAIT, R_3_10_7_4_FIN_TIME_WAIT, A, iss + 102,
			 irs + 52, 0),
		QUIET_STEP("2MSL", ev_timeout(TCP_T_TIME_WAIT), TCP_CLOSED,
			   R_3_10_8_TIME_WAIT),
	};

	model_run_script(&t, steps, SCRIPT_LEN(steps), PID);
}
END_TEST

static void loop(TCase *tc, const TTest *t)
{
	tcase_add_loop_test(tc, t, 0, TCP_NPROFILES);
}

static Suite *states_suite(void)
{
	Suite *s = suite_create("model_states");
	TCase *seq = tcase_create("sequence_check");
	TCase *rst = tcase_create("rst_check");
	TCase *syn = tcase_create("syn_check");
	TCase *ack = tcase_create("ack_check");
	TCase *data = tcase_create("urg_text_fin");
	TCase *tw = tcase_create("time_wait_reopen");
	TCase *seed = tcase_create("seed_paths");

	loop(seq, test_synchronized_unacceptable_segment_gets_ack);
	loop(seq, test_synchronized_unacceptable_rst_is_dropped);
	loop(seq, test_established_acceptability_window_edges);
	loop(seq, test_established_zero_window_processes_ack_at_rcv_nxt);
	loop(seq, test_established_zero_window_text_is_acked_not_accepted);
	loop(seq, test_established_zero_window_fin_is_acked_not_accepted);
	tcase_add_test(seq, test_established_zero_window_syn_is_not_in_window);

	loop(rst, test_synchronized_rst_at_rcv_nxt_resets_connection);
	loop(rst, test_closing_rst_at_rcv_nxt_closes_quietly);
	loop(rst, test_established_in_window_rst_profile_switch);
	loop(rst, test_syn_received_passive_rst_returns_to_listen);
	loop(rst, test_syn_received_active_rst_closes_connection_refused);
	loop(rst, test_time_wait_rst_profile_switch_rfc1337);

	loop(syn, test_syn_received_passive_syn_returns_to_listen);
	loop(syn, test_syn_received_retransmitted_syn_profile_switch);
	loop(syn, test_synchronized_in_window_syn_profile_switch);
	tcase_add_test(syn, test_established_old_syn_with_new_text_is_trimmed_not_reset);

	loop(ack, test_synchronized_segment_without_ack_is_dropped);
	loop(ack, test_syn_received_acceptable_ack_enters_established);
	loop(ack, test_syn_received_unacceptable_ack_gets_rst);
	loop(ack, test_syn_received_ack_sends_data_queued_by_send);
	loop(ack, test_syn_received_ack_processes_queued_close);
	loop(ack, test_syn_received_queued_close_enters_fin_wait_1_with_data_left);
	loop(ack, test_established_ack_of_unsent_data_gets_ack_and_is_dropped);
	tcase_add_test(ack, test_established_ack_of_unsent_data_silent_switch_sends_nothing);
	loop(ack, test_established_old_ack_profile_switch_rfc5961);
	loop(ack, test_established_new_ack_advances_snd_una);
	loop(ack, test_established_duplicate_ack_is_ignored);
	tcase_add_test(ack, test_established_window_update_follows_wl1_wl2);
	loop(ack, test_fin_wait_1_ack_of_fin_enters_fin_wait_2);
	loop(ack, test_fin_wait_1_partial_ack_stays);
	loop(ack, test_closing_ack_of_fin_enters_time_wait);
	loop(ack, test_closing_window_update_sends_queued_data_and_fin);
	loop(ack, test_last_ack_ack_of_fin_closes);
	loop(ack, test_time_wait_ack_changes_nothing);

	loop(data, test_established_urg_advances_rcv_up_never_back);
	loop(data, test_established_text_at_rcv_nxt_is_accepted_and_acked);
	loop(data, test_established_text_beyond_window_is_trimmed);
	loop(data, test_established_out_of_order_text_is_acked_not_accepted);
	loop(data, test_established_out_of_order_text_held_until_gap_filled);
	loop(data, test_fin_wait_data_after_close_profile_switch);
	loop(data, test_established_text_ack_piggybacks_on_queued_data);
	loop(data, test_close_wait_text_is_ignored);
	loop(data, test_established_fin_enters_close_wait_and_acks);
	loop(data, test_fin_wait_1_fin_enters_closing_or_time_wait);
	loop(data, test_fin_wait_2_fin_enters_time_wait);
	loop(data, test_close_wait_second_fin_stays);
	loop(data, test_time_wait_retransmitted_fin_is_acked_and_restarts_2msl);

	loop(tw, test_time_wait_syn_beyond_rcv_nxt_profile_switch);
	tcase_add_test(tw, test_time_wait_old_syn_is_not_a_reopen);
	tcase_add_test(tw, test_time_wait_reopen_requires_iss_beyond_old_sequence_space);
	tcase_add_test(tw, test_time_wait_reopen_old_duplicate_returns_to_time_wait);
	tcase_add_test(tw, test_time_wait_syn_fin_does_not_become_listen);

	loop(seed, test_seed_server_path);
	loop(seed, test_seed_client_path);
	loop(seed, test_seed_listen_to_syn_sent);
	loop(seed, test_seed_simultaneous_open_completes_on_ack);
	loop(seed, test_simultaneous_open_figure_7_syn_ack_establishes);
	loop(seed, test_seed_syn_sent_times_out_to_closed);
	loop(seed, test_seed_syn_received_rst_returns_to_listen);
	loop(seed, test_seed_syn_received_close_path);
	loop(seed, test_seed_simultaneous_close_path);
	loop(seed, test_seed_keepalive_probes_then_give_up);
	loop(seed, test_whole_exchange_across_sequence_wrap);

	suite_add_tcase(s, seq);
	suite_add_tcase(s, rst);
	suite_add_tcase(s, syn);
	suite_add_tcase(s, ack);
	suite_add_tcase(s, data);
	suite_add_tcase(s, tw);
	suite_add_tcase(s, seed);
	return s;
}

int main(void)
{
	return model_run_suite(states_suite()) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
