/*
 * check_exchanges.c - whole exchanges through tcp_step, step by step: every
 * transition the seed document names (docs/seed-states.md) in the
 * paths of RFC 9293 3.3.2 Figure 5, the handshakes of 3.5 (Figures 6 and
 * 7), the closes of 3.6 (Figures 12 and 13), keep-alive, and a connection
 * across the 2^32 wrap of 3.4.
 *
 * Defaults (tcp_tcb_default): ISS 1000, IRS 5000, windows 65535; once
 * synchronized SND.UNA = SND.NXT = 1001, RCV.NXT = 5001.
 */
#include <stdlib.h>

#include "support/model_check.h"

#define A TCP_ACK
#define S TCP_SYN
#define F TCP_FIN
#define R TCP_RST
#define P TCP_PSH

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

	/* MUST-10; a profile that departs from it (no_simultaneous_open,
	 * check_syn_sent.c) has no such path */
	if (prof(PID)->no_simultaneous_open)
		return;

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

	/* MUST-10; a profile that departs from it (no_simultaneous_open,
	 * check_syn_sent.c) has no such path */
	if (prof(PID)->no_simultaneous_open)
		return;

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
	struct model_script_step steps[] = {
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

	/* fin_repeat (4.4BSD): CLOSING's ACK carries the FIN again,
	 * <SEQ=SND.NXT-1><CTL=FIN,ACK> */
	if (prof(PID)->fin_repeat) {
		steps[1].flags = F | A;
		steps[1].seq = 1001;
	}
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

static Suite *exchanges_suite(void)
{
	Suite *s = suite_create("exchanges");
	TCase *tc = tcase_create("seed_paths");

	model_add_test(tc, test_seed_server_path, true);
	model_add_test(tc, test_seed_client_path, true);
	model_add_test(tc, test_seed_listen_to_syn_sent, true);
	model_add_test(tc, test_seed_simultaneous_open_completes_on_ack, true);
	model_add_test(tc, test_simultaneous_open_figure_7_syn_ack_establishes, true);
	model_add_test(tc, test_seed_syn_sent_times_out_to_closed, true);
	model_add_test(tc, test_seed_syn_received_rst_returns_to_listen, true);
	model_add_test(tc, test_seed_syn_received_close_path, true);
	model_add_test(tc, test_seed_simultaneous_close_path, true);
	model_add_test(tc, test_seed_keepalive_probes_then_give_up, true);
	model_add_test(tc, test_whole_exchange_across_sequence_wrap, true);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return model_run_suite(exchanges_suite()) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
