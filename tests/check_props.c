/*
 * check_props.c - property sweeps of tcp_step: every state (documented
 * defaults and perturbed TCBs, ISS and IRS near 2^31 and 2^32) x every one
 * of the 64 flag combinations x boundary SEQ and ACK values x payload
 * lengths {0, 1, window} x the four profiles, every user call and every
 * timer, random walks from CLOSED and LISTEN, and malformed inputs.
 *
 * After every step the invariants of support/oracle.h hold (each from RFC
 * 9293; the allowed state changes are model_edge_allowed(), written from
 * Figure 5, its notes and the text of 3.10).  Violations are gathered per
 * test and reported together, with the first input that broke each one.
 *
 * The suite runs without fork so that the rules reached by all tests can
 * be counted at the end: every rule but R_NONE must be reached.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/tcp_seq.h"
#include "support/events.h"
#include "support/oracle.h"

#define MAXV 28
#define NLOOPS (TCP_NSTATES * TCP_NPROFILES)

static bool seen_rules[TCP_NRULES];
static bool seen_edges[TCP_NSTATES][TCP_NSTATES];

/* ------------------------------------------------------- the report */

struct report {
	unsigned long steps;
	unsigned long count[MODEL_NINV];
	char first[MODEL_NINV][700];
};

static void record(struct report *r, uint32_t bad, const struct tcp_tcb *t,
		   const struct tcp_event *ev, const struct tcp_profile *p,
		   const struct tcp_tcb *next, const struct tcp_result *out)
{
	for (int i = 0; i < MODEL_NINV; i++) {
		char in[500], f0[16];

		if (!(bad & INV_BIT(i)) || r->count[i]++ > 0)
			continue;
		model_describe(t, ev, p, in, sizeof in);
		snprintf(r->first[i], sizeof r->first[i],
			 "%s -> %s, rule %s, %d segment(s)%s%s",
			 in, tcp_state_name(next->state),
			 tcp_rule_name(out->rule), out->nemit,
			 out->nemit ? ", first " : "",
			 out->nemit ? flags_str(out->emit[0].flags, f0) : "");
	}
}

static void check_step(const struct tcp_tcb *t, const struct tcp_event *ev,
		       const struct tcp_profile *p, struct report *r)
{
	struct tcp_tcb next;
	struct tcp_result out;
	uint32_t bad = model_step_checked(t, ev, p, &next, &out);

	r->steps++;
	if (out.rule < TCP_NRULES)
		seen_rules[out.rule] = true;
	if (t->state < TCP_NSTATES && next.state < TCP_NSTATES)
		seen_edges[t->state][next.state] = true;
	if (bad)
		record(r, bad, t, ev, p, &next, &out);
}

/* Fail with every broken invariant and its first counterexample. */
static void report_check(const struct report *r, const char *what)
{
	static char msg[MODEL_NINV * 760];
	size_t n = 0;

	for (int i = 0; i < MODEL_NINV; i++) {
		if (r->count[i] == 0)
			continue;
		n += (size_t)snprintf(msg + n, sizeof msg - n,
				      "\n  [%s] broken %lu times; first: %s",
				      model_inv_name((enum model_inv)i),
				      r->count[i], r->first[i]);
		if (n >= sizeof msg)
			break;
	}
	if (n > 0)
		ck_abort_msg("%s: %lu steps, invariants broken:%s", what,
			     r->steps, msg);
	ck_assert_msg(r->steps > 0, "%s: no step was checked", what);
}

/* ----------------------------------------------- perturbed TCBs */

static bool sends_data(enum tcp_state s)
{
	return s == TCP_ESTABLISHED || s == TCP_CLOSE_WAIT;
}

static bool fin_unacked(enum tcp_state s)
{
	return s == TCP_FIN_WAIT_1 || s == TCP_CLOSING || s == TCP_LAST_ACK;
}

static bool reads_data(enum tcp_state s)
{
	return s == TCP_ESTABLISHED || s == TCP_FIN_WAIT_1 ||
	       s == TCP_FIN_WAIT_2 || s == TCP_CLOSE_WAIT;
}

static void shift_snd(struct tcp_tcb *t, uint32_t d)
{
	t->iss += d;
	t->snd_una += d;
	t->snd_nxt += d;
	t->snd_up += d;
	t->snd_wl2 += d;
}

static void shift_rcv(struct tcp_tcb *t, uint32_t d)
{
	t->irs += d;
	t->rcv_nxt += d;
	t->rcv_up += d;
	t->snd_wl1 += d;
}

/*
 * TCBs a stack can hold in state s: the documented default, and the
 * default changed in one respect at a time (each still what RFC 9293 says
 * the state holds, checked by test_sweep_variants_are_consistent).
 */
static size_t make_variants(enum tcp_state s, enum tcp_profile_id pid,
			    struct tcp_tcb v[MAXV])
{
	const struct tcp_tcb d = tcb_in(s, pid);
	struct tcp_tcb t;
	size_t n = 0;

#define PUSH() do { t.timers = tcp_timers_for(&t, prof(pid)); v[n++] = t; } while (0)
	t = d; PUSH();
	/* ISS 2^32-1: SND.NXT wraps to 0 */
	t = d; shift_snd(&t, 0xffffffffu - 1000u); PUSH();
	/* IRS 2^32-1: RCV.NXT wraps to 0 */
	t = d; shift_rcv(&t, 0xffffffffu - 5000u); PUSH();
	/* ISS 2^31-1, IRS 2^32-2 */
	t = d; shift_snd(&t, 0x7fffffffu - 1000u);
	shift_rcv(&t, 0xfffffffeu - 5000u); PUSH();
	/* ISS and IRS just below 2^31 */
	t = d; shift_snd(&t, 0x7ffffff0u - 1000u);
	shift_rcv(&t, 0x7ffffff8u - 5000u); PUSH();
	/* receive windows: closed, one octet, the largest */
	t = d; t.rcv_wnd = 0; PUSH();
	t = d; t.rcv_wnd = 1; PUSH();
	t = d; t.rcv_wnd = t.snd_wnd = t.max_snd_wnd = TCP_MAX_WND; PUSH();
	/* 100 octets in flight */
	t = d;
	if (sends_data(s) || fin_unacked(s))
		t.snd_nxt += 100;
	PUSH();
	/* 256 octets in flight across 2^32 */
	t = d; shift_snd(&t, 0xffffff80u - d.snd_una);
	if (sends_data(s) || fin_unacked(s))
		t.snd_nxt += 0x100;
	PUSH();
	/* data queued behind a closed send window, or before ESTABLISHED */
	t = d;
	if (sends_data(s)) {
		t.snd_wnd = 0;
		t.snd_queued = 50;
	} else if (s == TCP_SYN_SENT || s == TCP_SYN_RECEIVED) {
		t.snd_queued = 50;
	}
	PUSH();
	/* the send queue full */
	t = d;
	if (sends_data(s) || s == TCP_SYN_SENT || s == TCP_SYN_RECEIVED) {
		t.snd_wnd = 0;
		t.snd_queued = 0xfffffff0u;
	}
	PUSH();
	/* keep-alive and user timeout on */
	t = d; t.keepalive = t.user_timeout = true; PUSH();
	/* at the give-up limits of every profile */
	t = d; t.keepalive = t.user_timeout = true;
	t.ka_probes = 200;
	t.retransmits = 200;
	if (sends_data(s))
		t.snd_nxt += 10;
	PUSH();
	/* the other kind of OPEN (MUST-11) */
	t = d; t.passive = !t.passive; PUSH();
	/* received data not yet read by the user */
	t = d;
	if (reads_data(s)) {
		t.rcv_unread = 100;
		t.rcv_wnd = 65435;
	}
	PUSH();
	/* our FIN still behind queued data; a CLOSE queued in SYN-RECEIVED */
	t = d;
	if (fin_unacked(s)) {
		t.fin_sent = false;
		t.snd_nxt = t.snd_una;
		t.snd_queued = 100;
		t.snd_wnd = 0;
	} else if (s == TCP_SYN_RECEIVED) {
		t.fin_queued = true;
		t.snd_queued = 100;
	}
	PUSH();
	/* FIN-WAIT-1 / CLOSING reached by a CLOSE in SYN-RECEIVED */
	t = d;
	if (s == TCP_FIN_WAIT_1 || s == TCP_CLOSING)
		t.snd_una = t.iss;
	PUSH();
	/* SND.UNA far from ISS, a small MAX.SND.WND (RFC 5961 5.2) */
	t = d;
	if (s >= TCP_ESTABLISHED) {
		t.snd_una += 1000000;
		t.snd_nxt += 1000000;
		t.snd_wl2 += 1000000;
		t.snd_up += 1000000;
		t.snd_wnd = t.max_snd_wnd = 1000;
	}
	PUSH();
	/* text held beyond a gap (SHLD-31), or from a SYN (3.10.7.2) */
	t = d;
	if (reads_data(s) && s != TCP_CLOSE_WAIT) {
		t.held = true;
		t.held_seq = t.rcv_nxt + 10u;
		t.held_len = 10;
		t.held_fin = true;
	} else if (s == TCP_SYN_RECEIVED) {
		t.held = true;
		t.held_seq = t.rcv_nxt;
		t.held_len = 10;
	}
	PUSH();
	/* zero receive window, keep-alive on, data in flight */
	t = d; t.rcv_wnd = 0; t.keepalive = true;
	if (sends_data(s))
		t.snd_nxt += 100;
	PUSH();
#undef PUSH
	return n;
}

/* The state and profile of loop iteration i. */
static enum tcp_state loop_state(int i)
{
	return (enum tcp_state)(i / TCP_NPROFILES);
}

static enum tcp_profile_id loop_profile(int i)
{
	return (enum tcp_profile_id)(i % TCP_NPROFILES);
}

/* Every generated TCB is one RFC 9293 allows in its state. */
START_TEST(test_sweep_variants_are_consistent)
{
	for (int i = 0; i < NLOOPS; i++) {
		struct tcp_tcb v[MAXV];
		size_t n = make_variants(loop_state(i), loop_profile(i), v);

		for (size_t k = 0; k < n; k++) {
			char buf[500];
			struct tcp_event ev = ev_timeout(TCP_T_USER);

			ck_assert_msg(model_tcb_consistent(&v[k], prof(loop_profile(i))),
				      "variant %zu: %s", k,
				      model_describe(&v[k], &ev, prof(loop_profile(i)),
						     buf, sizeof buf));
		}
	}
}
END_TEST

/* ------------------------------------------------------- the sweeps */

/* Boundary SEG.SEQ, SEG.ACK, lengths {0, 1, window}, all 64 flag sets. */
static void sweep_segments(const struct tcp_tcb *t, const struct tcp_profile *p,
			   struct report *r)
{
	const uint32_t w = t->rcv_wnd;
	const uint32_t seqs[] = {
		t->rcv_nxt - 1u, t->rcv_nxt, t->rcv_nxt + 1u, t->rcv_nxt + w - 1u,
		t->rcv_nxt + w, t->rcv_nxt + 0x80000000u, t->irs, 0, 0xffffffffu,
		t->rcv_nxt - 5u,
	};
	const uint32_t acks[] = {
		t->snd_una - 1u, t->snd_una, t->snd_una + 1u, t->snd_nxt,
		t->snd_nxt + 1u, t->iss, t->snd_una + 0x80000000u,
		t->snd_una - t->max_snd_wnd - 1u, 0, 0xffffffffu,
	};
	const uint32_t lens[] = { 0, 1, w > 1 ? w : 65535 };
	const uint32_t wnds[] = { 65535, 0, TCP_MAX_WND };
	const uint32_t isss[] = { t->snd_nxt + 0x10000u, 0xffffffffu, 1001 };
	unsigned k = 0;

	for (unsigned f = 0; f <= TCP_FLAGS_ALL; f++)
	for (size_t si = 0; si < sizeof seqs / sizeof seqs[0]; si++)
	for (size_t ai = 0; ai < ((f & TCP_ACK) ? sizeof acks / sizeof acks[0] : 1); ai++)
	for (size_t li = 0; li < 3; li++, k++) {
		struct tcp_event ev = ev_seg_full(
			(uint8_t)f, seqs[si], (f & TCP_ACK) ? acks[ai] : 0,
			wnds[k % 3], lens[li], (f & TCP_URG) ? 5 : 0,
			(f & TCP_SYN) ? 1460 : 0, isss[(k / 3) % 3]);

		check_step(t, &ev, p, r);
	}
}

/* RFC 9293 3.10.7: every state x every flag combination x boundary
 * numbers x lengths, for one (state, profile) per loop iteration */
START_TEST(test_segment_sweep_keeps_invariants)
{
	const struct tcp_profile *p = prof(loop_profile(_i));
	struct tcp_tcb v[MAXV];
	size_t n = make_variants(loop_state(_i), loop_profile(_i), v);
	static struct report r;
	char what[64];

	memset(&r, 0, sizeof r);
	for (size_t k = 0; k < n; k++)
		sweep_segments(&v[k], p, &r);
	snprintf(what, sizeof what, "%s, %s", tcp_state_name(loop_state(_i)),
		 tcp_profile_name(p->id));
	report_check(&r, what);
}
END_TEST

/* RFC 9293 3.10.1 - 3.10.5: every user call, byte counts and ISS at the
 * edges, in every state and profile */
START_TEST(test_call_sweep_keeps_invariants)
{
	const struct tcp_profile *p = prof(loop_profile(_i));
	struct tcp_tcb v[MAXV];
	size_t n = make_variants(loop_state(_i), loop_profile(_i), v);
	static struct report r;
	const uint32_t ns[] = { 0, 1, 100, 65535, 0xffffffffu };

	memset(&r, 0, sizeof r);
	for (size_t k = 0; k < n; k++) {
		const uint32_t isss[] = { v[k].snd_nxt + 0x10000u, 0, 0xffffffffu };

		for (int c = 0; c < TCP_NCALLS; c++)
		for (size_t ni = 0; ni < 5; ni++)
		for (size_t ii = 0; ii < 3; ii++) {
			struct tcp_event ev = ev_call((enum tcp_call)c, ns[ni],
						      isss[ii]);

			check_step(&v[k], &ev, p, &r);
		}
	}
	report_check(&r, tcp_state_name(loop_state(_i)));
}
END_TEST

/* RFC 9293 3.10.8, 3.8: every timer, armed as the TCB requires; and with
 * every set of armed timers, where only the total invariants apply */
START_TEST(test_timer_sweep_keeps_invariants)
{
	const struct tcp_profile *p = prof(loop_profile(_i));
	struct tcp_tcb v[MAXV];
	size_t n = make_variants(loop_state(_i), loop_profile(_i), v);
	static struct report r;

	memset(&r, 0, sizeof r);
	for (size_t k = 0; k < n; k++) {
		for (int tm = 0; tm < TCP_NTIMERS; tm++) {
			struct tcp_event ev = ev_timeout((enum tcp_timer)tm);

			check_step(&v[k], &ev, p, &r);
			for (unsigned set = 0; set <= TCP_TIMERS_ALL; set++) {
				struct tcp_tcb t = v[k];

				t.timers = (uint8_t)set;
				check_step(&t, &ev, p, &r);
			}
		}
	}
	report_check(&r, tcp_state_name(loop_state(_i)));
}
END_TEST

/* ------------------------------------------------------ random walks */

static uint64_t walk_rng;

static uint32_t rnd(void)
{
	walk_rng ^= walk_rng << 13;
	walk_rng ^= walk_rng >> 7;
	walk_rng ^= walk_rng << 17;
	return (uint32_t)(walk_rng >> 11);
}

/* An event a peer, the user or the clock could plausibly produce next. */
static struct tcp_event walk_event(const struct tcp_tcb *t, uint32_t peer_iss)
{
	static const uint8_t common[] = {
		TCP_SYN, TCP_SYN | TCP_ACK, TCP_ACK, TCP_ACK | TCP_PSH,
		TCP_FIN | TCP_ACK, TCP_RST, TCP_RST | TCP_ACK,
		TCP_FIN | TCP_PSH | TCP_ACK,
	};
	static const uint32_t lens[] = { 0, 0, 0, 1, 10, 100, 3000 };
	static const uint32_t wnds[] = { 65535, 65535, 0, 10, 1000 };
	uint32_t r = rnd(), small = rnd() % 200;
	bool synced = t->state >= TCP_SYN_RECEIVED;
	uint32_t seq, ack;
	uint8_t flags;

	if (r % 10 < 2)
		return ev_call((enum tcp_call)(rnd() % TCP_NCALLS),
			       lens[rnd() % 7], t->snd_nxt + 0x10000u + small);
	if (r % 10 < 4) {
		int tm = (int)(rnd() % TCP_NTIMERS);

		for (int k = 0; k < TCP_NTIMERS && !(t->timers & TCP_TIMER_BIT(tm)); k++)
			tm = (tm + 1) % TCP_NTIMERS;
		return ev_timeout((enum tcp_timer)tm);
	}
	flags = (rnd() % 4 == 0) ? (uint8_t)(rnd() & TCP_FLAGS_ALL)
				 : common[rnd() % sizeof common];
	switch (rnd() % 6) {
	case 0: seq = synced ? t->rcv_nxt + small : peer_iss; break;
	case 1: seq = t->rcv_nxt - small; break;
	case 2: seq = rnd(); break;
	default: seq = synced ? t->rcv_nxt : peer_iss; break;
	}
	switch (rnd() % 5) {
	case 0: ack = t->snd_una + small % (seq_dist(t->snd_nxt, t->snd_una) + 1u); break;
	case 1: ack = t->snd_una; break;
	case 2: ack = rnd(); break;
	default: ack = t->snd_nxt; break;
	}
	return ev_seg_full(flags, seq, ack, wnds[rnd() % 5], lens[rnd() % 7],
			   (uint16_t)small, (flags & TCP_SYN) ? 1460 : 0,
			   t->snd_nxt + 0x10000u + small);
}

/* Random walks from CLOSED, LISTEN and each default TCB, 60 steps each,
 * every step checked (a fixed seed: the same walks every run) */
START_TEST(test_random_walks_keep_invariants)
{
	const struct tcp_profile *p = prof((enum tcp_profile_id)_i);
	static struct report r;

	memset(&r, 0, sizeof r);
	walk_rng = 0x2545f4914f6cdd1dull + (uint64_t)_i;
	for (int w = 0; w < 4000; w++) {
		struct tcp_tcb t = tcb_in((enum tcp_state)(w % TCP_NSTATES), p->id);
		uint32_t peer_iss = rnd();

		if (w % 3 == 0)
			t = tcb_in(w % 2 ? TCP_LISTEN : TCP_CLOSED, p->id);
		for (int k = 0; k < 60; k++) {
			struct tcp_event ev = walk_event(&t, peer_iss);
			struct tcp_tcb next;
			struct tcp_result out;
			uint32_t bad = model_step_checked(&t, &ev, p, &next, &out);

			r.steps++;
			seen_rules[out.rule < TCP_NRULES ? out.rule : R_NONE] = true;
			seen_edges[t.state][next.state] = true;
			if (bad)
				record(&r, bad, &t, &ev, p, &next, &out);
			t = next;
		}
	}
	report_check(&r, tcp_profile_name(p->id));
}
END_TEST

/* ---------------------------------------------------- invalid inputs */

/* tcp.h: "Returns 0, or -1 when an input is not well formed (then *next is
 * *tcb and out->rule is R_INVALID_EVENT)" - bad kind, call, timer, flags
 * beyond 0x3f, a window or length beyond 2^30, and malformed TCBs */
START_TEST(test_invalid_input_returns_minus_one_and_keeps_tcb)
{
	const struct tcp_profile *p = prof((enum tcp_profile_id)_i);
	struct tcp_tcb good = tcb_in(TCP_ESTABLISHED, p->id), bad_tcbs[6];
	struct tcp_event evs[12], ok = ev_seg(TCP_ACK, 5001, 1001, 65535, 0);
	size_t ne = 0;
	static struct report r;

	memset(&r, 0, sizeof r);
	evs[ne] = ok; evs[ne++].kind = TCP_NEVENT_KINDS;
	evs[ne] = ok; evs[ne++].kind = (enum tcp_event_kind)7;
	evs[ne++] = ev_seg(0x40, 5001, 1001, 65535, 0);
	evs[ne++] = ev_seg(0x80 | TCP_ACK, 5001, 1001, 65535, 0);
	evs[ne++] = ev_seg(0xff, 5001, 1001, 65535, 0);
	evs[ne++] = ev_seg(TCP_ACK, 5001, 1001, TCP_MAX_WND + 1u, 0);
	evs[ne++] = ev_seg(TCP_ACK, 5001, 1001, 0xffffffffu, 0);
	evs[ne++] = ev_seg(TCP_ACK, 5001, 1001, 65535, TCP_MAX_WND + 1u);
	evs[ne++] = ev_call(TCP_NCALLS, 0, 0);
	evs[ne++] = ev_timeout(TCP_NTIMERS);
	evs[ne] = ev_call(TCP_CALL_SEND, 1, 0);
	evs[ne++].call = (enum tcp_call)-1;
	for (int s = 0; s < TCP_NSTATES; s++) {
		struct tcp_tcb t = tcb_in((enum tcp_state)s, p->id);

		for (size_t k = 0; k < ne; k++)
			check_step(&t, &evs[k], p, &r);
	}
	for (int k = 0; k < 6; k++)
		bad_tcbs[k] = good;
	bad_tcbs[0].state = TCP_NSTATES;
	bad_tcbs[1].rcv_wnd = TCP_MAX_WND + 1u;
	bad_tcbs[2].snd_wnd = 0xffffffffu;
	bad_tcbs[3].max_snd_wnd = TCP_MAX_WND + 1u;
	bad_tcbs[4].snd_nxt = bad_tcbs[4].snd_una + TCP_MAX_WND + 3u;
	bad_tcbs[5].timers = 0x20;
	for (int k = 0; k < 6; k++)
		check_step(&bad_tcbs[k], &ok, p, &r);
	report_check(&r, "invalid inputs");
	/* and the boundary values themselves are valid */
	{
		struct tcp_tcb next;
		struct tcp_result out;
		struct tcp_event e = ev_seg(TCP_FLAGS_ALL, 5001, 1001, TCP_MAX_WND,
					    TCP_MAX_WND);

		ck_assert_int_eq(model_step(&good, e, p, &next, &out), 0);
		good.snd_nxt = good.snd_una + TCP_MAX_WND + 2u;
		good.timers = tcp_timers_for(&good, p);
		ck_assert_int_eq(model_step(&good, ok, p, &next, &out), 0);
	}
}
END_TEST

/* ------------------------------------------------------ rule coverage */

/* Every rule of enum tcp_rule (but R_NONE) was produced by the sweeps */
START_TEST(test_sweeps_reach_every_rule)
{
	char missing[2048];
	size_t n = 0;

	missing[0] = '\0';
	for (int r = R_NONE + 1; r < TCP_NRULES; r++)
		if (!seen_rules[r])
			n += (size_t)snprintf(missing + n, sizeof missing - n, " %s",
					      tcp_rule_name((enum tcp_rule)r));
	ck_assert_msg(n == 0, "rules never produced:%s", missing);
}
END_TEST

/* Every edge of the allowed set that RFC 9293 names directly (Figure 5,
 * note 2, the seed's transitions) was taken somewhere in the sweeps, so the
 * edge set is not wider than what the model does by accident */
START_TEST(test_sweeps_take_every_diagram_edge)
{
	static const enum tcp_state edges[][2] = {
		{ TCP_CLOSED, TCP_LISTEN }, { TCP_CLOSED, TCP_SYN_SENT },
		{ TCP_LISTEN, TCP_CLOSED }, { TCP_LISTEN, TCP_SYN_RECEIVED },
		{ TCP_LISTEN, TCP_SYN_SENT }, { TCP_SYN_SENT, TCP_CLOSED },
		{ TCP_SYN_SENT, TCP_SYN_RECEIVED }, { TCP_SYN_SENT, TCP_ESTABLISHED },
		{ TCP_SYN_SENT, TCP_CLOSE_WAIT },
		{ TCP_SYN_RECEIVED, TCP_LISTEN }, { TCP_SYN_RECEIVED, TCP_CLOSED },
		{ TCP_SYN_RECEIVED, TCP_ESTABLISHED },
		{ TCP_SYN_RECEIVED, TCP_FIN_WAIT_1 },
		{ TCP_SYN_RECEIVED, TCP_CLOSE_WAIT },
		{ TCP_ESTABLISHED, TCP_FIN_WAIT_1 }, { TCP_ESTABLISHED, TCP_CLOSE_WAIT },
		{ TCP_ESTABLISHED, TCP_CLOSED },
		{ TCP_FIN_WAIT_1, TCP_FIN_WAIT_2 }, { TCP_FIN_WAIT_1, TCP_CLOSING },
		{ TCP_FIN_WAIT_1, TCP_TIME_WAIT }, { TCP_FIN_WAIT_1, TCP_CLOSED },
		{ TCP_FIN_WAIT_2, TCP_TIME_WAIT }, { TCP_FIN_WAIT_2, TCP_CLOSED },
		{ TCP_CLOSE_WAIT, TCP_LAST_ACK }, { TCP_CLOSE_WAIT, TCP_CLOSED },
		{ TCP_CLOSING, TCP_TIME_WAIT }, { TCP_CLOSING, TCP_CLOSED },
		{ TCP_LAST_ACK, TCP_CLOSED }, { TCP_TIME_WAIT, TCP_CLOSED },
		{ TCP_TIME_WAIT, TCP_SYN_RECEIVED },
	};
	char missing[1024];
	size_t n = 0;

	missing[0] = '\0';
	for (size_t k = 0; k < sizeof edges / sizeof edges[0]; k++)
		if (!seen_edges[edges[k][0]][edges[k][1]])
			n += (size_t)snprintf(missing + n, sizeof missing - n,
					      " %s->%s", tcp_state_name(edges[k][0]),
					      tcp_state_name(edges[k][1]));
	ck_assert_msg(n == 0, "edges never taken:%s", missing);
}
END_TEST

static Suite *props_suite(void)
{
	Suite *s = suite_create("props");
	TCase *gen = tcase_create("generator");
	TCase *seg = tcase_create("segments");
	TCase *calls = tcase_create("calls_and_timers");
	TCase *walks = tcase_create("random_walks");
	TCase *inval = tcase_create("invalid_input");
	TCase *cover = tcase_create("coverage");

	tcase_add_test(gen, test_sweep_variants_are_consistent);
	tcase_add_loop_test(seg, test_segment_sweep_keeps_invariants, 0, NLOOPS);
	tcase_add_loop_test(calls, test_call_sweep_keeps_invariants, 0, NLOOPS);
	tcase_add_loop_test(calls, test_timer_sweep_keeps_invariants, 0, NLOOPS);
	tcase_add_loop_test(walks, test_random_walks_keep_invariants, 0,
			    TCP_NPROFILES);
	tcase_add_loop_test(inval, test_invalid_input_returns_minus_one_and_keeps_tcb,
			    0, TCP_NPROFILES);
	tcase_add_test(cover, test_sweeps_reach_every_rule);
	tcase_add_test(cover, test_sweeps_take_every_diagram_edge);
	suite_add_tcase(s, gen);
	suite_add_tcase(s, seg);
	suite_add_tcase(s, calls);
	suite_add_tcase(s, walks);
	suite_add_tcase(s, inval);
	suite_add_tcase(s, cover);
	return s;
}

int main(void)
{
	Suite *s = props_suite();
	SRunner *sr = srunner_create(s);
	int failed;

	/* one process: the coverage tests read what the sweeps recorded */
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
