/*
 * check_oracle.c - the test oracle of tests/support/oracle.[ch], which
 * check_props.c and the fuzzer trust after every step: it must accept what
 * RFC 9293 permits (every edge of Figure 5, every TCB a stack reaches, every
 * step the model takes) and reject what it forbids (an edge Figure 5 does
 * not have, SND.UNA after SND.NXT, a state entered without its handshake,
 * a RST answered with a RST).
 *
 * The forged steps start from a real one (tcp_step's answer) and change one
 * thing, so that the invariant that flags it is the one under test.
 */
#include <stdlib.h>

#include "support/model_check.h"
#include "support/oracle.h"

/* Figure 5 itself, edge by edge (spec/diagram.acsl DiagramEdge, with note 1's
 * SYN-RECEIVED -> LISTEN). */
static const enum tcp_state figure_5[][2] = {
	{ TCP_CLOSED, TCP_LISTEN },             /* passive OPEN */
	{ TCP_CLOSED, TCP_SYN_SENT },           /* active OPEN / snd SYN */
	{ TCP_LISTEN, TCP_CLOSED },             /* CLOSE / delete TCB */
	{ TCP_LISTEN, TCP_SYN_RECEIVED },       /* rcv SYN / snd SYN,ACK */
	{ TCP_LISTEN, TCP_SYN_SENT },           /* SEND / snd SYN */
	{ TCP_SYN_SENT, TCP_CLOSED },           /* CLOSE / delete TCB */
	{ TCP_SYN_SENT, TCP_SYN_RECEIVED },     /* rcv SYN / snd SYN,ACK */
	{ TCP_SYN_SENT, TCP_ESTABLISHED },      /* rcv SYN,ACK / snd ACK */
	{ TCP_SYN_RECEIVED, TCP_LISTEN },       /* rcv RST (note 1) */
	{ TCP_SYN_RECEIVED, TCP_ESTABLISHED },  /* rcv ACK of SYN */
	{ TCP_SYN_RECEIVED, TCP_FIN_WAIT_1 },   /* CLOSE / snd FIN */
	{ TCP_ESTABLISHED, TCP_FIN_WAIT_1 },    /* CLOSE / snd FIN */
	{ TCP_ESTABLISHED, TCP_CLOSE_WAIT },    /* rcv FIN / snd ACK */
	{ TCP_FIN_WAIT_1, TCP_FIN_WAIT_2 },     /* rcv ACK of FIN */
	{ TCP_FIN_WAIT_1, TCP_CLOSING },        /* rcv FIN / snd ACK */
	{ TCP_FIN_WAIT_2, TCP_TIME_WAIT },      /* rcv FIN / snd ACK */
	{ TCP_CLOSE_WAIT, TCP_LAST_ACK },       /* CLOSE / snd FIN */
	{ TCP_CLOSING, TCP_TIME_WAIT },         /* rcv ACK of FIN */
	{ TCP_LAST_ACK, TCP_CLOSED },           /* rcv ACK of FIN */
	{ TCP_TIME_WAIT, TCP_CLOSED },          /* timeout = 2MSL */
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Assert model_edge_allowed(from, to) under profile pid is `want`. */
static void expect_edge(enum tcp_state from, enum tcp_state to,
			enum tcp_profile_id pid, bool want)
{
	ck_assert_msg(model_edge_allowed(from, to, prof(pid)) == want,
		      "%s: %s -> %s: expected %s", tcp_profile_name(pid),
		      tcp_state_name(from), tcp_state_name(to),
		      want ? "allowed" : "rejected");
}

/* The step tcp_step takes from the default TCB of s on ev, checked to be a
 * real one (0 returned). */
static void real_step(enum tcp_state s, enum tcp_profile_id pid,
		      struct tcp_event ev, struct tcp_tcb *t,
		      struct tcp_tcb *next, struct tcp_result *out)
{
	*t = tcb_in(s, pid);
	ck_assert_int_eq(model_step(t, ev, prof(pid), next, out), 0);
}

/* ---------------------------------------------------- the state diagram */

/* RFC 9293 3.3.2 Figure 5: every edge of the diagram is allowed, under every
 * profile, and so is staying in a state */
START_TEST(test_oracle_every_figure_5_edge_is_allowed)
{
	for (size_t k = 0; k < NELEM(figure_5); k++)
		expect_edge(figure_5[k][0], figure_5[k][1], PID, true);
	for (int s = 0; s < TCP_NSTATES; s++)
		expect_edge((enum tcp_state)s, (enum tcp_state)s, PID, true);
}
END_TEST

/* RFC 9293 3.3.2 Figure 5 note 2 (FIN-WAIT-1 -> TIME-WAIT when the FIN
 * arrives with the ACK of ours), 3.10.5 ABORT and 3.10.7.4 RST (any state
 * -> CLOSED), 3.10.1 (LISTEN -> SYN-SENT on an active OPEN), 3.10.7.3 (a
 * SYN,ACK with FIN: SYN-SENT -> CLOSE-WAIT), 3.10.7.4 eighth check
 * ("SYN-RECEIVED STATE, ESTABLISHED STATE: Enter the CLOSE-WAIT state"),
 * 3.10.4 (a CLOSE queued in SYN-RECEIVED: CLOSING or LAST-ACK) */
START_TEST(test_oracle_edges_of_notes_and_text_are_allowed)
{
	static const enum tcp_state text[][2] = {
		{ TCP_FIN_WAIT_1, TCP_TIME_WAIT },
		{ TCP_LISTEN, TCP_SYN_SENT },
		{ TCP_SYN_SENT, TCP_CLOSE_WAIT },
		{ TCP_SYN_RECEIVED, TCP_CLOSE_WAIT },
		{ TCP_SYN_RECEIVED, TCP_CLOSING },
		{ TCP_SYN_RECEIVED, TCP_LAST_ACK },
	};

	for (size_t k = 0; k < NELEM(text); k++)
		expect_edge(text[k][0], text[k][1], PID, true);
	for (int s = 0; s < TCP_NSTATES; s++)
		expect_edge((enum tcp_state)s, TCP_CLOSED, PID, true);
}
END_TEST

/* RFC 9293 3.3.2 Figure 5: edges the diagram, its notes and the text of
 * 3.10 do not have are rejected: no connection is synchronized without a
 * handshake (3.5), a CLOSE in SYN-SENT deletes the TCB (3.10.4), and no
 * state goes back up the closing paths of 3.6 */
START_TEST(test_oracle_edge_absent_from_figure_5_is_rejected)
{
	static const enum tcp_state absent[][2] = {
		{ TCP_CLOSED, TCP_ESTABLISHED },
		{ TCP_CLOSED, TCP_SYN_RECEIVED },
		{ TCP_LISTEN, TCP_ESTABLISHED },
		{ TCP_SYN_SENT, TCP_FIN_WAIT_1 },
		{ TCP_ESTABLISHED, TCP_SYN_SENT },
		{ TCP_ESTABLISHED, TCP_FIN_WAIT_2 },
		{ TCP_FIN_WAIT_2, TCP_FIN_WAIT_1 },
		{ TCP_CLOSE_WAIT, TCP_ESTABLISHED },
		{ TCP_CLOSE_WAIT, TCP_FIN_WAIT_1 },
		{ TCP_LAST_ACK, TCP_CLOSE_WAIT },
		{ TCP_CLOSING, TCP_FIN_WAIT_2 },
		{ TCP_TIME_WAIT, TCP_ESTABLISHED },
	};

	for (size_t k = 0; k < NELEM(absent); k++)
		expect_edge(absent[k][0], absent[k][1], PID, false);
}
END_TEST

/* RFC 9293 3.6.1 (a TCP may accept a new SYN in TIME-WAIT; RFC 6191):
 * TIME-WAIT -> SYN-RECEIVED only under a profile that accepts one
 * (tw_accept_syn: linux); the rfc9293 profile does not */
START_TEST(test_oracle_time_wait_reopen_only_where_profile_accepts_syn)
{
	expect_edge(TCP_TIME_WAIT, TCP_SYN_RECEIVED, PID,
		    prof(PID)->tw_accept_syn);
	ck_assert(prof(LINUX)->tw_accept_syn);
	ck_assert(!prof(RFC)->tw_accept_syn);
}
END_TEST

/* ------------------------------------------- sequence numbers (3.4) */

/* RFC 9293 3.4: "all arithmetic dealing with sequence numbers must be
 * performed modulo 2^32"; a is after b when b reaches it by adding 1 ..
 * 2^31-1, so at distance 2^31 neither is after the other */
START_TEST(test_oracle_seq_after_is_modulo_2_32)
{
	ck_assert(ref_seq_after(1, 0));
	ck_assert(!ref_seq_after(0, 1));
	ck_assert(!ref_seq_after(5, 5));
	ck_assert(ref_seq_at_or_after(5, 5));
	ck_assert(ref_seq_after(0, 0xffffffffu));
	ck_assert(!ref_seq_after(0xffffffffu, 0));
	ck_assert(ref_seq_after(0x7fffffffu, 0));
	ck_assert(!ref_seq_after(0x80000000u, 0));
	ck_assert(!ref_seq_after(0, 0x80000000u));
	ck_assert(!ref_seq_at_or_after(0xfffffff0u, 0x10u));
}
END_TEST

/* -------------------------------------------- TCBs a stack can reach */

/* RFC 9293 3.3.1, 3.10: the documented default TCB of every state
 * (tcp_tcb_default) is one a stack reaches, under every profile */
START_TEST(test_oracle_default_tcbs_are_consistent)
{
	for (int s = 0; s < TCP_NSTATES; s++) {
		struct tcp_tcb t = tcb_in((enum tcp_state)s, PID);

		ck_assert_msg(model_tcb_consistent(&t, prof(PID)),
			      "%s: default %s TCB flagged inconsistent",
			      tcp_profile_name(PID), tcp_state_name(t.state));
	}
}
END_TEST

/* RFC 9293 3.3.1, the send sequence space: acknowledged (< SND.UNA), sent
 * and unacknowledged (SND.UNA .. SND.NXT-1), not yet sent (>= SND.NXT) - so
 * SND.UNA =< SND.NXT.  A TCB with SND.UNA after SND.NXT is inconsistent, and
 * a step that produces one breaks INV_UNA_LE_NXT. */
START_TEST(test_oracle_snd_una_after_snd_nxt_is_flagged)
{
	struct tcp_tcb t, next;
	struct tcp_result out;
	struct tcp_event ev = ev_seg(TCP_ACK, 5001, 1001, 65535, 0);
	uint32_t bad;

	t = tcb_in(TCP_ESTABLISHED, PID);
	t.snd_una = t.snd_nxt + 10;
	tcb_rearm(&t, PID);
	ck_assert(!model_tcb_consistent(&t, prof(PID)));

	real_step(TCP_ESTABLISHED, PID, ev, &t, &next, &out);
	next.snd_una = next.snd_nxt + 10;
	bad = model_step_invariants(&t, &ev, prof(PID), 0, &next, &out);
	ck_assert_msg(bad & INV_BIT(INV_UNA_LE_NXT), "broken set 0x%x", bad);
}
END_TEST

/* RFC 9293 3.10.1 (active OPEN): "Set SND.UNA to ISS, SND.NXT to ISS+1,
 * enter SYN-SENT state" - a SYN-SENT TCB with SND.NXT = ISS+2 is not one */
START_TEST(test_oracle_syn_sent_snd_nxt_not_iss_plus_1_is_inconsistent)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_SENT, PID);

	t.snd_nxt = t.iss + 2;
	tcb_rearm(&t, PID);
	ck_assert(!model_tcb_consistent(&t, prof(PID)));
}
END_TEST

/* RFC 9293 3.10.7.4 fifth check, FIN-WAIT-1: "if the FIN segment is now
 * acknowledged, then enter FIN-WAIT-2" - a FIN-WAIT-2 TCB whose FIN is still
 * unacknowledged (SND.UNA = SND.NXT-1) is not one a stack reaches */
START_TEST(test_oracle_fin_wait_2_with_fin_unacked_is_inconsistent)
{
	struct tcp_tcb t = tcb_in(TCP_FIN_WAIT_2, PID);

	t.snd_una = t.snd_nxt - 1;
	tcb_rearm(&t, PID);
	ck_assert(!model_tcb_consistent(&t, prof(PID)));
}
END_TEST

/* RFC 9293 3.10.4 ESTABLISHED: a CLOSE forms a FIN, "In any case, enter
 * FIN-WAIT-1 state" - an ESTABLISHED TCB that sent its FIN is not one */
START_TEST(test_oracle_established_with_fin_sent_is_inconsistent)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID);

	t.fin_queued = t.fin_sent = true;
	t.snd_nxt = t.snd_una + 1;
	tcb_rearm(&t, PID);
	ck_assert(!model_tcb_consistent(&t, prof(PID)));
}
END_TEST

/* RFC 9293 3.8.1 (RFC 6298 5.1: the retransmission timer runs while data
 * is outstanding): 100 octets in flight and no timer running is not a TCB a
 * stack holds */
START_TEST(test_oracle_data_in_flight_without_timer_is_inconsistent)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID);

	t.snd_nxt = t.snd_una + 100;
	tcb_rearm(&t, PID);
	ck_assert(model_tcb_consistent(&t, prof(PID)));
	t.timers = 0;
	ck_assert(!model_tcb_consistent(&t, prof(PID)));
}
END_TEST

/* ---------------------------------------------------------- steps */

/* RFC 9293 3.10: what the model does on a user call, a segment at RCV.NXT
 * and a timeout, from the default TCB of every state, breaks no invariant
 * (run twice, as check_props.c and the fuzzer run it) */
START_TEST(test_oracle_real_steps_break_no_invariant)
{
	for (int s = 0; s < TCP_NSTATES; s++) {
		struct tcp_tcb t = tcb_in((enum tcp_state)s, PID), next;
		struct tcp_result out;
		struct tcp_event evs[] = {
			ev_call(TCP_CALL_CLOSE, 0, 0),
			ev_call(TCP_CALL_ABORT, 0, 0),
			ev_call(TCP_CALL_SEND, 10, 7000),
			ev_seg(TCP_ACK, t.rcv_nxt, t.snd_nxt, 65535, 0),
			ev_seg(TCP_ACK | TCP_FIN, t.rcv_nxt, t.snd_nxt, 65535, 0),
			ev_seg(TCP_RST, t.rcv_nxt, 0, 0, 0),
			ev_timeout(TCP_T_RETRANSMIT),
		};

		for (size_t k = 0; k < NELEM(evs); k++) {
			uint32_t bad = model_step_checked(&t, &evs[k], prof(PID),
							  &next, &out);
			char in[600];

			ck_assert_msg(bad == 0, "%s: broken set 0x%x",
				      model_describe(&t, &evs[k], prof(PID), in,
						     sizeof in), bad);
		}
	}
}
END_TEST

/* RFC 9293 3.3.2 Figure 5: a step from ESTABLISHED to LISTEN on an ACK is
 * no edge of the diagram; the forged step breaks INV_EDGE and nothing else */
START_TEST(test_oracle_forged_step_off_the_diagram_is_flagged)
{
	struct tcp_tcb t, next;
	struct tcp_result out;
	struct tcp_event ev = ev_seg(TCP_ACK, 5001, 1001, 65535, 0);
	uint32_t bad;

	real_step(TCP_ESTABLISHED, PID, ev, &t, &next, &out);
	ck_assert_uint_eq(model_step_invariants(&t, &ev, prof(PID), 0, &next,
						&out), 0);
	next = tcb_in(TCP_LISTEN, PID);
	bad = model_step_invariants(&t, &ev, prof(PID), 0, &next, &out);
	ck_assert_msg(bad == INV_BIT(INV_EDGE), "broken set 0x%x", bad);
}
END_TEST

/* RFC 9293 3.10.7.1: "An incoming segment containing a RST is discarded" -
 * a RST sent in answer to one breaks INV_RST_FOR_RST */
START_TEST(test_oracle_rst_answered_with_rst_is_flagged)
{
	struct tcp_tcb t, next;
	struct tcp_result out;
	struct tcp_event ev = ev_seg(TCP_RST, 100, 0, 0, 0);
	uint32_t bad;

	if (prof(PID)->rst_answers_rst)
		return; /* the contract's exception: no such invariant */
	real_step(TCP_CLOSED, PID, ev, &t, &next, &out);
	ASSERT_NO_SEG(out);
	out.nemit = 1;
	out.emit[0].flags = TCP_RST;
	bad = model_step_invariants(&t, &ev, prof(PID), 0, &next, &out);
	ck_assert_msg(bad == INV_BIT(INV_RST_FOR_RST), "broken set 0x%x", bad);
}
END_TEST

/* RFC 9293 3.10.7.3 fourth: "If SND.UNA > ISS (our SYN has been ACKed),
 * change the connection state to ESTABLISHED" - entering ESTABLISHED from
 * SYN-SENT with SND.UNA still at ISS breaks INV_ESTABLISHED */
START_TEST(test_oracle_established_before_our_syn_is_acked_is_flagged)
{
	struct tcp_tcb t, next;
	struct tcp_result out;
	struct tcp_event ev = ev_seg(TCP_SYN | TCP_ACK, 5000, 1001, 65535, 0);
	uint32_t bad;

	real_step(TCP_SYN_SENT, PID, ev, &t, &next, &out);
	ASSERT_STATE(next, TCP_ESTABLISHED);
	ck_assert_uint_eq(model_step_invariants(&t, &ev, prof(PID), 0, &next,
						&out), 0);
	next.snd_una = next.iss;
	bad = model_step_invariants(&t, &ev, prof(PID), 0, &next, &out);
	ck_assert_msg(bad & INV_BIT(INV_ESTABLISHED), "broken set 0x%x", bad);
}
END_TEST

/* RFC 9293 3.1 (Acknowledgment Number): once a connection is established
 * the acknowledgment is always sent - data without the ACK bit from
 * ESTABLISHED breaks INV_ACK_BIT */
START_TEST(test_oracle_segment_without_ack_when_synchronized_is_flagged)
{
	struct tcp_tcb t, next;
	struct tcp_result out;
	struct tcp_event ev = ev_call(TCP_CALL_SEND, 10, 0);
	uint32_t bad;

	real_step(TCP_ESTABLISHED, PID, ev, &t, &next, &out);
	ASSERT_NEMIT(out, 1);
	out.emit[0].flags &= (uint8_t)~TCP_ACK;
	bad = model_step_invariants(&t, &ev, prof(PID), 0, &next, &out);
	ck_assert_msg(bad == INV_BIT(INV_ACK_BIT), "broken set 0x%x", bad);
}
END_TEST

/* tcp.h (tcp_step's contract): a malformed input returns -1 with
 * R_INVALID_EVENT and the TCB unchanged; an answer of 0 to a TCB in no RFC
 * 9293 3.3.2 state breaks INV_INVALID */
START_TEST(test_oracle_invalid_input_accepted_is_flagged)
{
	struct tcp_tcb t = tcb_in(TCP_ESTABLISHED, PID), next;
	struct tcp_result out;
	struct tcp_event ev = ev_seg(TCP_ACK, 5001, 1001, 65535, 0);
	uint32_t bad;

	t.state = TCP_NSTATES;
	bad = model_step_checked(&t, &ev, prof(PID), &next, &out);
	ck_assert_msg(bad == 0, "the model's answer: broken set 0x%x", bad);
	ck_assert_int_eq(out.rule, R_INVALID_EVENT);
	out.rule = R_3_10_7_4_ACK;
	bad = model_step_invariants(&t, &ev, prof(PID), 0, &next, &out);
	ck_assert_msg(bad == INV_BIT(INV_INVALID), "broken set 0x%x", bad);
}
END_TEST

/* Every invariant has the one-line name (each an RFC 9293 rule, e.g.
 * "SND.UNA =< SND.NXT") that check_props.c and the fuzzer report it by */
START_TEST(test_oracle_every_invariant_is_named)
{
	for (int i = 0; i < MODEL_NINV; i++) {
		const char *n = model_inv_name((enum model_inv)i);

		ck_assert_msg(n != NULL && n[0] != '\0' && n[0] != '?',
			      "invariant %d has no name", i);
		for (int k = 0; k < i; k++)
			ck_assert_str_ne(n, model_inv_name((enum model_inv)k));
	}
	ck_assert_str_eq(model_inv_name(MODEL_NINV), "?");
}
END_TEST

/* spec/tcb.acsl TcbInvariant (RFC 9293 3.3.1, 3.10): the TCB every state
 * starts from satisfies it. */
START_TEST(test_oracle_default_tcbs_satisfy_the_tcb_invariant)
{
	for (int s = 0; s < TCP_NSTATES; s++) {
		struct tcp_tcb t = tcb_in((enum tcp_state)s, (enum tcp_profile_id)_i);

		ck_assert_msg(model_tcb_invariant(&t), "%s: the default TCB breaks TcbInvariant",
			      tcp_state_name((enum tcp_state)s));
	}
}
END_TEST

/* RFC 9293 3.10.7.3: SYN-SENT has processed no SYN of the peer, so it holds
 * no text for later (SHLD-31); 3.10.7.4: TIME-WAIT has everything it sent
 * acknowledged.  Each breaks TcbInvariant. */
START_TEST(test_oracle_held_text_in_syn_sent_or_unacked_time_wait_break_the_invariant)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_SENT, TCP_PROFILE_RFC9293);

	t.held = true;
	t.held_seq = t.rcv_nxt;
	t.held_len = 1;
	ck_assert(tcp_tcb_valid(&t) && !model_tcb_invariant(&t));
	t = tcb_in(TCP_TIME_WAIT, TCP_PROFILE_RFC9293);
	t.snd_nxt = t.snd_una + 10;
	ck_assert(tcp_tcb_valid(&t) && !model_tcb_invariant(&t));
}
END_TEST

/* Regression (fuzz_model): a valid TCB no run reaches (SYN-SENT with text
 * held and 4 GB unread) takes a SYN of 968 MB to SYN-RECEIVED (RFC 9293
 * 3.10.7.3, simultaneous open) and a TCB that is not valid.  tcp_step
 * promises TcbInvariant(next) only from TcbInvariant(tcb): the oracle, like
 * the contract, flags nothing here. */
START_TEST(test_oracle_unreachable_valid_tcb_is_promised_no_invariant)
{
	struct tcp_tcb t = tcb_in(TCP_SYN_SENT, TCP_PROFILE_RFC9293_5961), next;
	struct tcp_event ev = ev_seg_full(TCP_SYN | TCP_PSH, 303174091u, 4294939151u, 0,
					  968473013u, 255, 0, 3115956735u);
	struct tcp_result out;
	const struct tcp_profile *p = prof(TCP_PROFILE_RFC9293_5961);
	int rc;

	t.iss = 65535u, t.snd_una = 4294939025u, t.snd_nxt = 4294967295u, t.snd_wnd = 0;
	t.irs = 4287694847u, t.rcv_nxt = 303174162u, t.rcv_wnd = 65465u;
	t.snd_queued = 11403263u, t.rcv_unread = 4294967084u, t.passive = true;
	t.held = true, t.held_seq = 303206218u, t.held_len = 1073741824u;
	t.timers = tcp_timers_for(&t, p);
	ck_assert(tcp_tcb_valid(&t) && !model_tcb_invariant(&t));
	rc = tcp_step(&t, &ev, p, &next, &out);
	ck_assert_uint_eq(model_step_invariants(&t, &ev, p, rc, &next, &out), 0);
}
END_TEST

static Suite *oracle_suite(void)
{
	Suite *s = suite_create("oracle");
	TCase *dia = tcase_create("diagram");
	TCase *tcb = tcase_create("tcb");
	TCase *steps = tcase_create("steps");

	model_add_test(dia, test_oracle_every_figure_5_edge_is_allowed, true);
	model_add_test(dia, test_oracle_edges_of_notes_and_text_are_allowed, true);
	model_add_test(dia, test_oracle_edge_absent_from_figure_5_is_rejected, true);
	model_add_test(dia, test_oracle_time_wait_reopen_only_where_profile_accepts_syn, true);
	suite_add_tcase(s, dia);

	model_add_test(tcb, test_oracle_seq_after_is_modulo_2_32, false);
	model_add_test(tcb, test_oracle_default_tcbs_are_consistent, true);
	model_add_test(tcb, test_oracle_snd_una_after_snd_nxt_is_flagged, true);
	model_add_test(tcb, test_oracle_syn_sent_snd_nxt_not_iss_plus_1_is_inconsistent, true);
	model_add_test(tcb, test_oracle_fin_wait_2_with_fin_unacked_is_inconsistent, true);
	model_add_test(tcb, test_oracle_established_with_fin_sent_is_inconsistent, true);
	model_add_test(tcb, test_oracle_data_in_flight_without_timer_is_inconsistent, true);
	model_add_test(tcb, test_oracle_default_tcbs_satisfy_the_tcb_invariant, true);
	model_add_test(tcb, test_oracle_held_text_in_syn_sent_or_unacked_time_wait_break_the_invariant,
		       false);
	model_add_test(steps, test_oracle_unreachable_valid_tcb_is_promised_no_invariant, false);
	suite_add_tcase(s, tcb);

	model_add_test(steps, test_oracle_real_steps_break_no_invariant, true);
	model_add_test(steps, test_oracle_forged_step_off_the_diagram_is_flagged, true);
	model_add_test(steps, test_oracle_rst_answered_with_rst_is_flagged, true);
	model_add_test(steps, test_oracle_established_before_our_syn_is_acked_is_flagged, true);
	model_add_test(steps, test_oracle_segment_without_ack_when_synchronized_is_flagged, true);
	model_add_test(steps, test_oracle_invalid_input_accepted_is_flagged, true);
	model_add_test(steps, test_oracle_every_invariant_is_named, false);
	suite_add_tcase(s, steps);
	return s;
}

int main(void)
{
	return model_run_suite(oracle_suite()) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
