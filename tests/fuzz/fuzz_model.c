/*
 * fuzz_model.c - libFuzzer target for tcp_step: the input bytes are decoded
 * into a TCB (a documented default perturbed, or raw fields), an event and a
 * profile; tcp_step runs twice and the invariants of tests/support/oracle.h
 * are checked (the same as check_props.c).  A violation prints the input and
 * abort()s.
 *
 *   clang -fsanitize=fuzzer,address,undefined -Imodel tests/fuzz/fuzz_model.c model/...
 *
 * With -DFUZZ_STANDALONE a main() runs N pseudo-random inputs from a fixed
 * seed (N = argv[1], default 1000000), counts violations per invariant
 * instead of stopping at the first, prints them, and exits 1 if any.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../support/events.h"
#include "../support/oracle.h"

struct cursor {
	const uint8_t *p;
	size_t n;
};

static uint8_t u8(struct cursor *c)
{
	if (c->n == 0)
		return 0;
	c->n--;
	return *c->p++;
}

static uint16_t u16(struct cursor *c)
{
	uint16_t hi = u8(c);

	return (uint16_t)(hi << 8 | u8(c));
}

static uint32_t u32(struct cursor *c)
{
	uint32_t hi = u16(c);

	return hi << 16 | u16(c);
}

/* A window: raw (often invalid), within 2^30, within 16 bits, 0 or 2^30. */
static uint32_t window(struct cursor *c)
{
	uint8_t sel = u8(c);
	uint32_t raw = u32(c);

	switch (sel % 4) {
	case 0: return raw;
	case 1: return raw % (TCP_MAX_WND + 1u);
	case 2: return raw % 65536u;
	default: return (sel & 4) ? 0 : TCP_MAX_WND;
	}
}

/* A number near a base: base + a small signed offset, + 2^31, or raw. */
static uint32_t near(struct cursor *c, uint32_t base, uint32_t wnd)
{
	uint8_t sel = u8(c);
	int8_t off = (int8_t)u8(c);

	switch (sel % 8) {
	case 0: return u32(c);
	case 1: return base + wnd + (uint32_t)(int32_t)off;
	case 2: return base + 0x80000000u + (uint32_t)(int32_t)off;
	default: return base + (uint32_t)(int32_t)off;
	}
}

static bool has_data_out(enum tcp_state s)
{
	return s == TCP_ESTABLISHED || s == TCP_CLOSE_WAIT ||
	       s == TCP_FIN_WAIT_1 || s == TCP_CLOSING || s == TCP_LAST_ACK;
}

/* tcp_tcb_default() changed in ways a stack can reach (mostly). */
static struct tcp_tcb derived_tcb(struct cursor *c, enum tcp_state s,
				  const struct tcp_profile *p)
{
	struct tcp_tcb t;
	uint8_t bits = u8(c), more = u8(c);
	uint32_t ds = (bits & 1) ? u32(c) : 0, dr = (bits & 2) ? u32(c) : 0;

	memset(&t, 0, sizeof t);
	tcp_tcb_default(s, p, &t);
	t.iss += ds;
	t.snd_una += ds;
	t.snd_nxt += ds;
	t.snd_up += ds;
	t.snd_wl2 += ds;
	t.irs += dr;
	t.rcv_nxt += dr;
	t.rcv_up += dr;
	t.snd_wl1 += dr;
	if (bits & 4)
		t.rcv_wnd = window(c) % (TCP_MAX_WND + 1u);
	if (bits & 8)
		t.snd_wnd = t.max_snd_wnd = window(c) % (TCP_MAX_WND + 1u);
	if ((bits & 16) && has_data_out(s))
		t.snd_nxt += u16(c);
	if ((bits & 32) && (s == TCP_ESTABLISHED || s == TCP_CLOSE_WAIT ||
			    s == TCP_SYN_SENT || s == TCP_SYN_RECEIVED))
		t.snd_queued = (more & 1) ? u32(c) : u16(c);
	if (bits & 64) {
		t.rcv_unread = u16(c);
		t.keepalive = more & 2;
		t.user_timeout = more & 4;
	}
	if (bits & 128) {
		t.ka_probes = u8(c);
		t.retransmits = u8(c);
	}
	if (more & 8)
		t.passive = !t.passive;
	if ((more & 16) && (s == TCP_FIN_WAIT_1 || s == TCP_CLOSING ||
			    s == TCP_LAST_ACK)) {
		t.fin_sent = false;
		t.snd_nxt = t.snd_una;
		t.snd_queued = 1u + u16(c);
	}
	if ((more & 32) && s == TCP_SYN_RECEIVED) {
		t.fin_queued = true;
		t.snd_queued = 1u + u16(c);
	}
	if ((more & 64) && (s == TCP_FIN_WAIT_1 || s == TCP_CLOSING))
		t.snd_una = t.iss;
	if ((bits & 0x30) == 0x30 && s >= TCP_SYN_RECEIVED) {
		t.held = true;
		t.held_seq = t.rcv_nxt + u8(c);
		t.held_len = u16(c);
		t.held_fin = more & 1;
	}
	t.timers = (more & 128) ? (uint8_t)(u8(c) & TCP_TIMERS_ALL)
				: tcp_timers_for(&t, p);
	return t;
}

/* Any field values at all (tcp_step must reject the malformed ones). */
static struct tcp_tcb raw_tcb(struct cursor *c, uint8_t state)
{
	struct tcp_tcb t;
	uint8_t b = u8(c);

	memset(&t, 0, sizeof t);
	t.state = (enum tcp_state)state;
	t.passive = b & 1;
	t.fin_queued = b & 2;
	t.fin_sent = b & 4;
	t.keepalive = b & 8;
	t.user_timeout = b & 16;
	t.ka_probes = u8(c);
	t.retransmits = u8(c);
	t.timers = u8(c);
	if (!(b & 32))
		t.timers &= TCP_TIMERS_ALL;
	t.snd_mss = u16(c);
	t.iss = u32(c);
	t.irs = u32(c);
	t.snd_una = u32(c);
	t.snd_nxt = (b & 64) ? u32(c) : t.snd_una + u16(c);
	t.snd_wnd = window(c);
	t.max_snd_wnd = window(c);
	t.rcv_wnd = window(c);
	t.snd_wl1 = u32(c);
	t.snd_wl2 = u32(c);
	t.snd_up = u32(c);
	t.rcv_nxt = u32(c);
	t.rcv_up = u32(c);
	t.snd_queued = u32(c);
	t.rcv_unread = u32(c);
	t.held = b & 128;
	t.held_fin = t.held && (u8(c) & 1);
	t.held_seq = t.rcv_nxt + u16(c);
	t.held_len = t.held ? window(c) : 0;
	return t;
}

static struct tcp_event decode_event(struct cursor *c, const struct tcp_tcb *t)
{
	struct tcp_event ev;
	uint8_t kind = u8(c);
	uint8_t sel = u8(c);

	memset(&ev, 0, sizeof ev);
	ev.kind = (enum tcp_event_kind)(kind % 4 == 3 ? kind : kind % 4);
	ev.iss = (sel & 1) ? u32(c) : t->snd_nxt + 0x10000u + u16(c);
	switch (kind % 4) {
	case TCP_EV_CALL:
		ev.call = (enum tcp_call)(u8(c) % (TCP_NCALLS + 1));
		ev.n = (sel & 2) ? u32(c) : u16(c);
		break;
	case TCP_EV_TIMEOUT:
		ev.timer = (enum tcp_timer)(u8(c) % (TCP_NTIMERS + 1));
		break;
	default:
		ev.seg.flags = u8(c);
		if (sel & 0x1c)
			ev.seg.flags &= TCP_FLAGS_ALL;
		ev.seg.seq = near(c, t->rcv_nxt, t->rcv_wnd);
		ev.seg.ack = (sel & 0x20) ? near(c, t->snd_una, 0)
					  : near(c, t->snd_nxt, 0);
		ev.seg.wnd = window(c);
		ev.seg.up = u16(c);
		ev.seg.mss = (sel & 0x40) ? u16(c) : 0;
		ev.seg.len = (sel & 0x80) ? u32(c) % (TCP_MAX_WND + 2u) : u8(c);
		break;
	}
	return ev;
}

#ifdef FUZZ_STANDALONE
static unsigned long violations[MODEL_NINV];
static char first_violation[MODEL_NINV][800];
#endif

static void violation(uint32_t bad, const struct tcp_tcb *t,
		      const struct tcp_event *ev, const struct tcp_profile *p,
		      const struct tcp_tcb *next, const struct tcp_result *out)
{
	char in[600];
	size_t n;

	/* say whether a stack can hold this TCB (model_tcb_consistent) */
	n = (size_t)snprintf(in, sizeof in, "[%s TCB] ",
			     model_tcb_consistent(t, p) ? "reachable"
							: "unreachable");
	model_describe(t, ev, p, in + n, sizeof in - n);
	for (int i = 0; i < MODEL_NINV; i++) {
		if (!(bad & INV_BIT(i)))
			continue;
#ifdef FUZZ_STANDALONE
		if (violations[i]++ == 0)
			snprintf(first_violation[i], sizeof first_violation[i],
				 "%s -> %s, rule %s", in,
				 tcp_state_name(next->state),
				 tcp_rule_name(out->rule));
#else
		fprintf(stderr, "fuzz_model: invariant broken: %s\n  input: %s\n"
			"  result: %s, rule %s, %d segment(s)\n",
			model_inv_name((enum model_inv)i), in,
			tcp_state_name(next->state), tcp_rule_name(out->rule),
			out->nemit);
		abort();
#endif
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cursor c = { data, size };
	const struct tcp_profile *p = tcp_profile_get(
		(enum tcp_profile_id)(u8(&c) % TCP_NPROFILES));
	uint8_t mode = u8(&c), state = u8(&c);
	struct tcp_tcb t, next;
	struct tcp_event ev;
	struct tcp_result out;
	uint32_t bad;

	if (mode & 0x80)
		t = raw_tcb(&c, (mode & 0x40) ? state : state % TCP_NSTATES);
	else
		t = derived_tcb(&c, (enum tcp_state)(state % TCP_NSTATES), p);
	/* a short run of events from this TCB, each checked */
	for (int k = 0; k < 1 + (mode & 3); k++) {
		ev = decode_event(&c, &t);
		bad = model_step_checked(&t, &ev, p, &next, &out);
		if (bad)
			violation(bad, &t, &ev, p, &next, &out);
		if (!tcp_tcb_valid(&t) || !tcp_event_valid(&ev))
			break;
		t = next;
	}
	return 0;
}

#ifdef FUZZ_STANDALONE
int main(int argc, char **argv)
{
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000ul;
	uint64_t x = 0x853c49e6748fea9bull;
	uint8_t buf[160];
	int failed = 0;

	for (unsigned long i = 0; i < n; i++) {
		size_t len = 16 + (size_t)(x % (sizeof buf - 16));

		for (size_t k = 0; k < sizeof buf; k++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			buf[k] = (uint8_t)(x >> 24);
		}
		LLVMFuzzerTestOneInput(buf, len);
	}
	for (int i = 0; i < MODEL_NINV; i++) {
		if (violations[i] == 0)
			continue;
		failed = 1;
		printf("fuzz_model: [%s] broken %lu times; first: %s\n",
		       model_inv_name((enum model_inv)i), violations[i],
		       first_violation[i]);
	}
	printf("fuzz_model: %lu inputs, %s\n", n,
	       failed ? "invariants broken" : "all invariants hold");
	return failed;
}
#endif
