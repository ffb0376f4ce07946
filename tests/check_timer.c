/*
 * check_timer.c - timeouts: model/tcp_timer.c against RFC 9293 3.10.8
 * (retransmission, user and TIME-WAIT timeouts), 3.8.4 and RFC 1122 4.2.3.6
 * (keep-alive), 3.8.6.1 (zero-window probes), RFC 1122 4.2.3.5 (giving up),
 * and which timers run in a state (tcp_timers_for, model/tcp_step.c).
 *
 * Defaults (tcp_tcb_default): ISS 1000, IRS 5000, windows 65535; once
 * synchronized SND.UNA = SND.NXT = 1001, RCV.NXT = 5001; a FIN sent counts
 * in SND.NXT (1002), a FIN received in RCV.NXT (5002).
 */
#include <stdlib.h>

#include "support/model_check.h"

/* RFC 9293 3.10.8: "send the segment at the front of the retransmission
 * queue again, reinitialize the retransmission timer, and return." */
static void expect_retransmit(struct tcp_tcb t, enum tcp_profile_id pid,
			      uint8_t flags, uint32_t seq, uint32_t ack,
			      uint32_t len)
{
	struct tcp_tcb next;
	struct tcp_result out;

	tcb_rearm(&t, pid);
	STEP(t, ev_timeout(TCP_T_RETRANSMIT), pid, next, out);
	ASSERT_RULE(out, R_3_10_8_RETRANSMIT);
	ASSERT_STATE(next, t.state);
	ASSERT_ONE_SEG(out, flags, seq, ack, len);
	ASSERT_ARMS(out, TCP_T_RETRANSMIT);
	ASSERT_U32(next.retransmits, t.retransmits + 1u);
}

/* Fire the retransmission timer until the connection is given up. */
static void expect_give_up(enum tcp_state s, bool passive,
			   enum tcp_profile_id pid, unsigned limit,
			   enum tcp_state after, enum tcp_notify n)
{
	struct tcp_tcb t = tcb_in(s, pid), next;
	struct tcp_result out;

	t.passive = passive;
	if (s == TCP_ESTABLISHED)
		t.snd_nxt = 1101;
	tcb_rearm(&t, pid);
	for (unsigned k = 0; k < limit; k++) {
		STEP(t, ev_timeout(TCP_T_RETRANSMIT), pid, next, out);
		ck_assert_msg(out.rule == R_3_10_8_RETRANSMIT,
			      "%s retransmission %u: expected a retransmission, got %s",
			      tcp_profile_name(pid), k + 1, tcp_rule_name(out.rule));
		t = next;
	}
	STEP(t, ev_timeout(TCP_T_RETRANSMIT), pid, next, out);
	ASSERT_RULE(out, R_1122_4_2_3_5_GIVE_UP);
	ASSERT_STATE(next, after);
	ASSERT_NOTIFY(out, n);
	ASSERT_NO_SEG(out);
	ASSERT_TIMERS(next, 0);
}

/* ------------------------------------------------------ retransmission */

/* RFC 9293 3.10.8: SYN-SENT resends <SEQ=ISS><CTL=SYN>, SYN-RECEIVED its
 * SYN,ACK */
START_TEST(test_unsynchronized_retransmission_timeout_resends_syn)
{
	expect_retransmit(tcb_in(TCP_SYN_SENT, PID), PID, TCP_SYN, 1000, 0, 0);
	expect_retransmit(tcb_in(TCP_SYN_RECEIVED, PID), PID,
			  TCP_SYN | TCP_ACK, 1000, 5001, 0);
}
END_TEST

/* RFC 9293 3.10.8: data from SND.UNA; a FIN still unacknowledged with it */
START_TEST(test_synchronized_retransmission_timeout_resends_from_snd_una)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID);

	t.snd_nxt = 1101;
	expect_retransmit(t, PID, TCP_ACK | TCP_PSH, 1001, 5001, 100);
	expect_retransmit(tcb_in(TCP_FIN_WAIT_1, PID), PID, TCP_FIN | TCP_ACK,
			  1001, 5001, 0);
	t = tcb_in(TCP_LAST_ACK, PID);
	t.snd_nxt = 1052;
	expect_retransmit(t, PID, TCP_FIN | TCP_PSH | TCP_ACK, 1001, 5002, 50);
	/* FIN-WAIT-1 entered from SYN-RECEIVED: the SYN,ACK is still first */
	t = tcb_in(TCP_FIN_WAIT_1, PID);
	t.snd_una = 1000;
	expect_retransmit(t, PID, TCP_SYN | TCP_ACK, 1000, 5001, 0);
}
END_TEST

/* RFC 1122 4.2.3.5 (R2), RFC 9293 3.8.3: after the profile's syn_retries
 * the SYN is given up: SYN-SENT -> CLOSED (seed: SYN_SENT -> CLOSED on
 * timeout) */
START_TEST(test_syn_sent_gives_up_after_profile_syn_retries)
{
	const struct tcp_profile *p = prof(PID);

	if (p->syn_retries == 0)
		return;
	expect_give_up(TCP_SYN_SENT, false, PID, p->syn_retries, TCP_CLOSED,
		       TCP_N_TIMED_OUT);
}
END_TEST

/* RFC 9293 3.10.8 without a retransmission limit (the rfc9293 profiles,
 * where the user timeout governs): the SYN is resent indefinitely */
START_TEST(test_syn_sent_without_retry_limit_keeps_retransmitting)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_SENT, RFC), next;
	struct tcp_result out;

	for (int k = 0; k < 300; k++) {
		STEP(t, ev_timeout(TCP_T_RETRANSMIT), RFC, next, out);
		ASSERT_RULE(out, R_3_10_8_RETRANSMIT);
		ASSERT_ONE_SEG(out, TCP_SYN, 1000, 0, 0);
		t = next;
	}
	ASSERT_STATE(t, TCP_SYN_SENT);
	ASSERT_U32(t.retransmits, 255);
}
END_TEST

/* RFC 1122 4.2.3.5: a SYN-RECEIVED from a passive OPEN gives up back to
 * LISTEN (its listener stays); from an active OPEN it closes */
START_TEST(test_syn_received_gives_up_after_profile_synack_retries)
{
	const struct tcp_profile *p = prof(PID);

	if (p->synack_retries == 0)
		return;
	expect_give_up(TCP_SYN_RECEIVED, true, PID, p->synack_retries,
		       TCP_LISTEN, TCP_N_NONE);
	expect_give_up(TCP_SYN_RECEIVED, false, PID, p->synack_retries,
		       TCP_CLOSED, TCP_N_TIMED_OUT);
}
END_TEST

/* RFC 1122 4.2.3.5: "after R2 ... the TCP SHOULD close the connection" */
START_TEST(test_established_gives_up_after_profile_data_retries)
{
	const struct tcp_profile *p = prof(PID);

	if (p->data_retries == 0)
		return;
	expect_give_up(TCP_ESTABLISHED, false, PID, p->data_retries, TCP_CLOSED,
		       TCP_N_TIMED_OUT);
}
END_TEST

/* --------------------------------- user timeout, TIME-WAIT, FIN-WAIT-2 */

/* RFC 9293 3.10.8 USER TIMEOUT: "flush all queues, signal the user "error:
 * connection aborted due to user timeout" ... delete the TCB, enter the
 * CLOSED state" (seed: SYN_SENT -> CLOSED on timeout) */
START_TEST(test_syn_sent_user_timeout_closes)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_SENT, PID), next;
	struct tcp_result out;

	t.user_timeout = true;
	tcb_rearm(&t, PID);
	ASSERT_TIMERS(t, RTX | T_USER);
	STEP(t, ev_timeout(TCP_T_USER), PID, next, out);
	ASSERT_RULE(out, R_3_10_8_USER_TIMEOUT);
	ASSERT_STATE(next, TCP_CLOSED);
	ASSERT_NOTIFY(out, TCP_N_USER_TIMEOUT);
	ASSERT_NO_SEG(out);
	ASSERT_TIMERS(next, 0);
	ASSERT_CANCELS(out, TCP_T_USER);
	ASSERT_CANCELS(out, TCP_T_RETRANSMIT);
}
END_TEST

/* RFC 9293 3.8.3: the user timeout bounds how long sent data may stay
 * unacknowledged: armed with data outstanding, off when all is acked */
START_TEST(test_established_user_timer_runs_only_with_data_outstanding)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	t.user_timeout = true;
	tcb_rearm(&t, PID);
	ASSERT_TIMERS(t, 0);
	STEP(t, ev_call(TCP_CALL_SEND, 10, 0), PID, next, out);
	ASSERT_TIMERS(next, RTX | T_USER);
	t = next;
	STEP(t, ev_seg(TCP_ACK, 5001, 1011, 65535, 0), PID, next, out);
	ASSERT_RULE(out, R_3_10_7_4_ACK);
	ASSERT_TIMERS(next, 0);
	ASSERT_CANCELS(out, TCP_T_USER);
}
END_TEST

/* RFC 9293 3.10.8 TIME-WAIT TIMEOUT, MUST-13: "If the time-wait timeout
 * expires on a connection, delete the TCB, enter the CLOSED state"
 * (seed: TIME_WAIT -> CLOSED after 2MSL) */
START_TEST(test_time_wait_timeout_deletes_tcb)
{
	struct tcp_tcb t = tcb_in(TCP_TIME_WAIT, PID), next;
	struct tcp_result out;

	ASSERT_TIMERS(t, T_TW);
	STEP(t, ev_timeout(TCP_T_TIME_WAIT), PID, next, out);
	ASSERT_RULE(out, R_3_10_8_TIME_WAIT);
	ASSERT_STATE(next, TCP_CLOSED);
	ASSERT_NO_SEG(out);
	ASSERT_NOTIFY(out, TCP_N_NONE);
	ASSERT_TIMERS(next, 0);
	ASSERT_CANCELS(out, TCP_T_TIME_WAIT);
}
END_TEST

/* RFC 9293 defines no FIN-WAIT-2 timeout (the seed: "FIN_WAIT_2 has no
 * timeout"); linux (tcp_fin_timeout) and lwIP have one (profile switch) */
START_TEST(test_fin_wait_2_timeout_profile_switch)
{
	struct tcp_tcb t = tcb_in(TCP_FIN_WAIT_2, PID), next;
	struct tcp_result out;

	STEP(t, ev_timeout(TCP_T_FIN_WAIT_2), PID, next, out);
	if (prof(PID)->fin_wait_2_timeout) {
		ASSERT_TIMERS(t, T_FW2);
		ASSERT_RULE(out, R_FIN_WAIT_2_TIMEOUT);
		ASSERT_STATE(next, TCP_CLOSED);
		ASSERT_NO_SEG(out);
	} else {
		ASSERT_TIMERS(t, 0);
		ASSERT_RULE(out, R_TIMER_NOT_ARMED);
		ASSERT_TCB_UNCHANGED(t, next);
	}
}
END_TEST

/* ---------------------------------------------------------- keep-alive */

/* RFC 9293 3.8.4 MUST-25: keep-alives "MUST default to off": a connection
 * whose user never asked for them has no keep-alive timer, and a keep-alive
 * timeout is not armed (3.8). */
START_TEST(test_established_keepalive_default_off_timer_not_armed)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	ck_assert_msg(!t.keepalive, "keep-alive on by default");
	ASSERT_TIMERS(t, 0);
	STEP(t, ev_timeout(TCP_T_KEEPALIVE), PID, next, out);
	ASSERT_RULE(out, R_TIMER_NOT_ARMED);
	ASSERT_NO_SEG(out);
	ASSERT_STATE(next, TCP_ESTABLISHED);
}
END_TEST

/* RFC 9293 3.8.4: the keep-alive probe "generally contains SEG.SEQ =
 * SND.NXT-1" and no data (SHLD-12): <SEQ=SND.NXT-1><ACK=RCV.NXT><CTL=ACK>;
 * the probe timer runs again */
START_TEST(test_established_keepalive_probe_is_snd_nxt_minus_one)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	t.keepalive = true;
	tcb_rearm(&t, PID);
	ASSERT_TIMERS(t, T_KA);
	STEP(t, ev_timeout(TCP_T_KEEPALIVE), PID, next, out);
	ASSERT_RULE(out, R_1122_4_2_3_6_KEEPALIVE);
	ASSERT_STATE(next, TCP_ESTABLISHED);
	ASSERT_ONE_SEG(out, TCP_ACK, 1000, 5001, 0);
	ASSERT_U32(next.ka_probes, 1);
	ASSERT_ARMS(out, TCP_T_KEEPALIVE);
	ASSERT_TIMERS(next, T_KA);
}
END_TEST

/* RFC 9293 3.8.4 and 3.4: SND.NXT-1 modulo 2^32 */
START_TEST(test_keepalive_probe_seq_wraps_below_zero)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, RFC), next;
	struct tcp_result out;

	t.iss = 0xffffffffu;
	t.snd_una = t.snd_nxt = 0;
	t.keepalive = true;
	tcb_rearm(&t, RFC);
	STEP(t, ev_timeout(TCP_T_KEEPALIVE), RFC, next, out);
	ASSERT_ONE_SEG(out, TCP_ACK, 0xffffffffu, 5001, 0);
}
END_TEST

/* RFC 1122 4.2.3.6 / RFC 9293 3.8.4: after the profile's count of
 * unanswered probes the connection is dropped; linux and lwIP reset it
 * (RST,ACK at SND.NXT), the RFC profiles close without a segment */
START_TEST(test_keepalive_gives_up_after_profile_probe_count)
{
	const struct tcp_profile *p = prof(PID);
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	t.keepalive = true;
	tcb_rearm(&t, PID);
	for (unsigned k = 0; k < p->keepalive_probes; k++) {
		STEP(t, ev_timeout(TCP_T_KEEPALIVE), PID, next, out);
		ASSERT_RULE(out, R_1122_4_2_3_6_KEEPALIVE);
		t = next;
	}
	STEP(t, ev_timeout(TCP_T_KEEPALIVE), PID, next, out);
	ASSERT_RULE(out, R_1122_4_2_3_6_KEEPALIVE_GIVE_UP);
	ASSERT_STATE(next, TCP_CLOSED);
	ASSERT_NOTIFY(out, TCP_N_TIMED_OUT);
	if (p->keepalive_rst)
		ASSERT_ONE_SEG(out, TCP_RST | TCP_ACK, 1001, 5001, 0);
	else
		ASSERT_NO_SEG(out);
}
END_TEST

/* RFC 1122 4.2.3.6: an answer to a probe shows the peer alive: the count of
 * unanswered probes starts again */
START_TEST(test_keepalive_answer_resets_probe_count)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	t.keepalive = true;
	t.ka_probes = 3;
	tcb_rearm(&t, PID);
	STEP(t, ev_seg(TCP_ACK, 5001, 1001, 65535, 0), PID, next, out);
	ASSERT_U32(next.ka_probes, 0);
	ASSERT_TIMERS(next, T_KA);
}
END_TEST

/* RFC 9293 3.8.4 MUST-26: "Keep-alive packets MUST only be sent when no
 * sent data is outstanding"; allowed in ESTABLISHED, CLOSE-WAIT, FIN-WAIT-2 */
START_TEST(test_keepalive_armed_only_when_idle)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID);

	t.keepalive = true;
	t.snd_nxt = 1101;
	tcb_rearm(&t, PID);
	ASSERT_TIMERS(t, RTX);
	t.snd_nxt = 1001;
	t.snd_wnd = 0;
	t.snd_queued = 10;
	tcb_rearm(&t, PID);
	/* data queued behind a zero window: no keep-alive, but the
	 * retransmission timer probes the window (3.8.6.1, MUST-36) */
	ASSERT_TIMERS(t, RTX);
	t = tcb_in(TCP_CLOSE_WAIT, PID);
	t.keepalive = true;
	tcb_rearm(&t, PID);
	ASSERT_TIMERS(t, T_KA);
	t = tcb_in(TCP_FIN_WAIT_2, PID);
	t.keepalive = true;
	tcb_rearm(&t, PID);
	ck_assert(t.timers & T_KA);
}
END_TEST

/* RFC 9293 3.8.4 MUST-26: probes only when "no data or acknowledgment
 * packets have been received for the connection within an interval": a
 * segment that arrives starts the keep-alive interval again */
START_TEST(test_keepalive_timer_restarted_by_arriving_segment)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, RFC), next;
	struct tcp_result out;

	t.keepalive = true;
	tcb_rearm(&t, RFC);
	STEP(t, ev_seg(TCP_ACK | TCP_PSH, 5001, 1001, 65535, 10), RFC, next, out);
	ASSERT_RULE(out, R_3_10_7_4_TEXT);
	ASSERT_ARMS(out, TCP_T_KEEPALIVE);
}
END_TEST

/* -------------------------------------- zero windows, timers not armed */

/* RFC 9293 3.8.6.1 MUST-36: "Probing of zero (offered) windows MUST be
 * supported": "The sending TCP peer must regularly transmit at least one
 * octet of new data (if available) ... even if the send window is zero".
 * Data queued behind a zero window must leave a timer running to probe. */
START_TEST(test_established_zero_send_window_keeps_probe_timer_running)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;

	t.snd_wnd = 0;
	STEP(t, ev_call(TCP_CALL_SEND, 100, 0), PID, next, out);
	ASSERT_NO_SEG(out);
	ck_assert_msg(next.timers != 0,
		      "100 bytes queued behind a zero window and no timer "
		      "running: the window is never probed");
}
END_TEST

/* RFC 9293 3.8.6.1 MUST-36: data queued behind a zero send window is
 * probed when the retransmission timer fires: one new octet at SND.NXT
 * (RFC 1122 4.2.2.17), or, under linux, <SEQ=SND.UNA-1> without data
 * (tcp_write_wakeup()). */
START_TEST(test_established_zero_window_probe_on_timeout)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;
	const struct tcp_profile *p = tcp_profile_get(PID);

	t.snd_wnd = 0;
	t.snd_queued = 100;
	tcb_rearm(&t, PID);
	ASSERT_TIMERS(t, RTX);
	STEP(t, ev_timeout(TCP_T_RETRANSMIT), PID, next, out);
	ASSERT_RULE(out, R_3_8_6_1_ZERO_WINDOW_PROBE);
	ASSERT_NEMIT(out, 1);
	if (p->zwp_no_data) {
		ck_assert_uint_eq(out.emit[0].seq, t.snd_una - 1);
		ck_assert_uint_eq(out.emit[0].len, 0);
		ck_assert_uint_eq(next.snd_nxt, t.snd_nxt);
	} else {
		ck_assert_uint_eq(out.emit[0].seq, t.snd_nxt);
		ck_assert_uint_eq(out.emit[0].len, 1);
		ck_assert_uint_eq(next.snd_nxt, t.snd_nxt + 1);
		ck_assert_uint_eq(next.snd_queued, 99);
	}
	ck_assert_uint_eq(out.emit[0].ack, t.rcv_nxt);
}
END_TEST

/* RFC 9293 3.8 (a timer that is not running cannot expire): nothing
 * happens, whatever the state */
START_TEST(test_unarmed_timer_expiry_changes_nothing)
{
	for (int s = 0; s < TCP_NSTATES; s++) {
		for (int k = 0; k < TCP_NTIMERS; k++) {
			struct tcp_tcb t = tcb_in((enum tcp_state)s, PID), next;
			struct tcp_result out;

			if (t.timers & TCP_TIMER_BIT(k))
				continue;
			STEP(t, ev_timeout((enum tcp_timer)k), PID, next, out);
			ASSERT_RULE(out, R_TIMER_NOT_ARMED);
			ASSERT_NO_SEG(out);
			ASSERT_TCB_UNCHANGED(t, next);
		}
	}
}
END_TEST

/* RFC 6298 5.2 ("When all outstanding data has been acknowledged, turn
 * off the retransmission timer"), RFC 9293 3.10.8: a retransmission timer
 * left armed in a TCB with nothing outstanding (a TCB from outside, not one
 * a step made) has nothing to resend: no segment, the TCB unchanged.  The
 * model once resent "the flight minus our FIN" here, in FIN-WAIT-2 a
 * FIN,ACK of 2^32-1 octets. */
START_TEST(test_stale_retransmission_timer_sends_nothing)
{
	static const enum tcp_state states[] = {
		TCP_ESTABLISHED, TCP_CLOSE_WAIT, TCP_FIN_WAIT_2, TCP_TIME_WAIT,
		TCP_CLOSED, TCP_LISTEN,
	};

	for (size_t i = 0; i < sizeof states / sizeof states[0]; i++) {
		struct tcp_tcb t = tcb_in(states[i], PID), next;
		struct tcp_result out;

		t.timers |= TCP_TIMER_BIT(TCP_T_RETRANSMIT);
		STEP(t, ev_timeout(TCP_T_RETRANSMIT), PID, next, out);
		ASSERT_RULE(out, R_TIMER_NOT_ARMED);
		ASSERT_NO_SEG(out);
		ASSERT_STATE(next, states[i]);
		ck_assert_uint_eq(next.retransmits, t.retransmits);
		ck_assert_uint_eq(next.snd_nxt, t.snd_nxt);
	}
}
END_TEST

static Suite *timer_suite(void)
{
	Suite *s = suite_create("timer");
	TCase *rtx = tcase_create("retransmission");
	TCase *user = tcase_create("user_time_wait");
	TCase *ka = tcase_create("keepalive");
	TCase *zwp = tcase_create("zero_window");

	model_add_test(rtx, test_unsynchronized_retransmission_timeout_resends_syn, true);
	model_add_test(rtx, test_synchronized_retransmission_timeout_resends_from_snd_una, true);
	model_add_test(rtx, test_syn_sent_gives_up_after_profile_syn_retries, true);
	model_add_test(rtx, test_syn_sent_without_retry_limit_keeps_retransmitting, false);
	model_add_test(rtx, test_syn_received_gives_up_after_profile_synack_retries, true);
	model_add_test(rtx, test_established_gives_up_after_profile_data_retries, true);
	model_add_test(rtx, test_stale_retransmission_timer_sends_nothing, true);
	suite_add_tcase(s, rtx);

	model_add_test(user, test_syn_sent_user_timeout_closes, true);
	model_add_test(user, test_established_user_timer_runs_only_with_data_outstanding, true);
	model_add_test(user, test_time_wait_timeout_deletes_tcb, true);
	model_add_test(user, test_fin_wait_2_timeout_profile_switch, true);
	suite_add_tcase(s, user);

	model_add_test(ka, test_established_keepalive_default_off_timer_not_armed, true);
	model_add_test(ka, test_established_keepalive_probe_is_snd_nxt_minus_one, true);
	model_add_test(ka, test_keepalive_probe_seq_wraps_below_zero, false);
	model_add_test(ka, test_keepalive_gives_up_after_profile_probe_count, true);
	model_add_test(ka, test_keepalive_answer_resets_probe_count, true);
	model_add_test(ka, test_keepalive_armed_only_when_idle, true);
	model_add_test(ka, test_keepalive_timer_restarted_by_arriving_segment, false);
	suite_add_tcase(s, ka);

	model_add_test(zwp, test_established_zero_send_window_keeps_probe_timer_running, true);
	model_add_test(zwp, test_established_zero_window_probe_on_timeout, true);
	model_add_test(zwp, test_unarmed_timer_expiry_changes_nothing, true);
	suite_add_tcase(s, zwp);
	return s;
}

int main(void)
{
	return model_run_suite(timer_suite()) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
