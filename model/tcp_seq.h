/*
 * tcp_seq.h - modular sequence-number arithmetic (RFC 9293 3.4).
 *
 * Sequence numbers live in the integers modulo 2^32.  Every helper is written
 * without relying on unsigned wrap-around, by branching on the order of its
 * operands, so that each is proved against the logic of spec/seq.acsl with no
 * trusted axiom (docs/proving.md).  "a precedes b" means that b is reached
 * from a by adding 1 .. 2^31-1: at distance exactly 2^31 neither precedes.
 */
#ifndef TCPSPEC_TCP_SEQ_H
#define TCPSPEC_TCP_SEQ_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __FRAMAC__
#include "seq.acsl"
#endif

#define SEQ_HALF 0x80000000u

/* (a - b) mod 2^32: how far a lies after b. */
/*@ assigns \nothing;
    ensures dist: \result == SeqDist(a, b); */
static inline uint32_t seq_dist(uint32_t a, uint32_t b)
{
	if (a >= b)
		return a - b;
	return UINT32_MAX - (b - a - 1u);
}

/* (a + n) mod 2^32. */
/*@ assigns \nothing;
    ensures add: \result == SeqAdd(a, n); */
static inline uint32_t seq_add(uint32_t a, uint32_t n)
{
	if (a <= UINT32_MAX - n)
		return a + n;
	return n - (UINT32_MAX - a) - 1u;
}

/* (a - n) mod 2^32. */
/*@ assigns \nothing;
    ensures sub: \result == SeqSub(a, n); */
static inline uint32_t seq_sub(uint32_t a, uint32_t n)
{
	if (a >= n)
		return a - n;
	return UINT32_MAX - (n - a - 1u);
}

/* a < b in sequence space. */
/*@ assigns \nothing;
    ensures lt: \result <==> SeqLt(a, b); */
static inline bool seq_lt(uint32_t a, uint32_t b)
{
	uint32_t d = seq_dist(b, a);
	return d != 0 && d < SEQ_HALF;
}

/* a =< b in sequence space. */
/*@ assigns \nothing;
    ensures le: \result <==> SeqLe(a, b); */
static inline bool seq_le(uint32_t a, uint32_t b)
{
	return seq_dist(b, a) < SEQ_HALF;
}

/*@ assigns \nothing;
    ensures gt: \result <==> SeqGt(a, b); */
static inline bool seq_gt(uint32_t a, uint32_t b) { return seq_lt(b, a); }

/*@ assigns \nothing;
    ensures ge: \result <==> SeqGe(a, b); */
static inline bool seq_ge(uint32_t a, uint32_t b) { return seq_le(b, a); }

/* base =< x < base + wnd in sequence space (wnd < 2^31). */
/*@ requires wnd_small: wnd < 2147483648;
    assigns \nothing;
    ensures in_window: \result <==> InWindow(x, base, wnd); */
static inline bool seq_in_window(uint32_t x, uint32_t base, uint32_t wnd)
{
	return seq_dist(x, base) < wnd;
}

#endif
