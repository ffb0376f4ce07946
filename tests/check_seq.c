/*
 * check_seq.c - modular sequence arithmetic (model/tcp_seq.h), the segment
 * acceptability test (tcp_seg_acceptable, RFC 9293 3.4) and SEG.LEN
 * (tcp_seg_len), against values from the RFC and against a reference
 * written with 64-bit arithmetic.
 *
 * RFC 9293 3.4: "all arithmetic dealing with sequence numbers must be
 * performed modulo 2^32"; a < b means b is reached from a by adding 1 ..
 * 2^31-1, so at distance exactly 2^31 neither number precedes the other.
 */
#include <stdio.h>
#include <stdlib.h>

#include "model/tcp_impl.h"
#include "support/model_check.h"

#define TWO32 0x100000000ull

static uint32_t ref_add(uint32_t a, uint32_t n)
{
	return (uint32_t)(((uint64_t)a + n) % TWO32);
}

static uint32_t ref_sub(uint32_t a, uint32_t n)
{
	return (uint32_t)(((uint64_t)a + TWO32 - n) % TWO32);
}

static bool ref_lt(uint32_t a, uint32_t b)
{
	uint64_t d = ref_sub(b, a);

	return d >= 1 && d <= 0x7fffffffull;
}

static bool ref_le(uint32_t a, uint32_t b)
{
	return a == b || ref_lt(a, b);
}

/* RFC 9293 3.4, the four cases, written as the RFC writes them:
 * RCV.NXT =< x < RCV.NXT+RCV.WND with sequence comparisons. */
static bool ref_in(uint32_t x, uint32_t rcv_nxt, uint32_t wnd)
{
	return ref_le(rcv_nxt, x) && ref_lt(x, ref_add(rcv_nxt, wnd));
}

static bool ref_acceptable(uint32_t seq, uint32_t len, uint32_t rcv_nxt,
			   uint32_t wnd)
{
	if (len == 0)
		return wnd == 0 ? seq == rcv_nxt : ref_in(seq, rcv_nxt, wnd);
	if (wnd == 0)
		return false;
	return ref_in(seq, rcv_nxt, wnd) ||
	       ref_in(ref_add(seq, len - 1), rcv_nxt, wnd);
}

static const uint32_t edges[] = {
	0, 1, 2, 1000, 5001, 0x3fffffffu, 0x40000000u, 0x7ffffffeu,
	0x7fffffffu, 0x80000000u, 0x80000001u, 0xbfffffffu, 0xfffffff0u,
	0xfffffffeu, 0xffffffffu,
};
#define NEDGES (sizeof edges / sizeof edges[0])

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 16);
}

/* One pair against the reference; returns false on the first mismatch. */
static bool pair_matches(uint32_t a, uint32_t b, char *why, size_t n)
{
	if (seq_add(a, b) != ref_add(a, b))
		return snprintf(why, n, "seq_add(%u, %u)", a, b) < 0;
	if (seq_sub(a, b) != ref_sub(a, b))
		return snprintf(why, n, "seq_sub(%u, %u)", a, b) < 0;
	if (seq_dist(a, b) != ref_sub(a, b))
		return snprintf(why, n, "seq_dist(%u, %u)", a, b) < 0;
	if (seq_lt(a, b) != ref_lt(a, b) || seq_gt(b, a) != ref_lt(a, b))
		return snprintf(why, n, "seq_lt/gt(%u, %u)", a, b) < 0;
	if (seq_le(a, b) != ref_le(a, b) || seq_ge(b, a) != ref_le(a, b))
		return snprintf(why, n, "seq_le/ge(%u, %u)", a, b) < 0;
	return true;
}

/* RFC 9293 3.4: SND.NXT+1 past 2^32-1 is 0 */
START_TEST(test_seq_add_wraps_past_2_32)
{
	ASSERT_U32(seq_add(0xffffffffu, 1), 0);
	ASSERT_U32(seq_add(0xfffffff0u, 0x20), 0x10);
	ASSERT_U32(seq_add(0x80000000u, 0x80000000u), 0);
	ASSERT_U32(seq_add(0xffffffffu, 0xffffffffu), 0xfffffffeu);
	ASSERT_U32(seq_add(1000, 0), 1000);
}
END_TEST

/* RFC 9293 3.4: SND.NXT-1 below 0 is 2^32-1 (the keep-alive probe's SEQ) */
START_TEST(test_seq_sub_wraps_below_zero)
{
	ASSERT_U32(seq_sub(0, 1), 0xffffffffu);
	ASSERT_U32(seq_sub(0x10, 0x20), 0xfffffff0u);
	ASSERT_U32(seq_sub(0, 0x80000000u), 0x80000000u);
	ASSERT_U32(seq_sub(1001, 1), 1000);
}
END_TEST

/* (a - b) mod 2^32: how far a lies after b */
START_TEST(test_seq_dist_is_forward_distance_mod_2_32)
{
	ASSERT_U32(seq_dist(0, 0xffffffffu), 1);
	ASSERT_U32(seq_dist(0xffffffffu, 0), 0xffffffffu);
	ASSERT_U32(seq_dist(0x10, 0xfffffff0u), 0x20);
	ASSERT_U32(seq_dist(1000, 1000), 0);
	ASSERT_U32(seq_dist(0x80000000u, 0), 0x80000000u);
}
END_TEST

/* RFC 9293 3.4: comparisons modulo 2^32 - 2^32-1 precedes 0 */
START_TEST(test_seq_lt_across_wrap)
{
	ck_assert(seq_lt(0xffffffffu, 0));
	ck_assert(!seq_lt(0, 0xffffffffu));
	ck_assert(seq_lt(0xfffffff0u, 0x10));
	ck_assert(seq_gt(0x10, 0xfffffff0u));
	ck_assert(seq_le(0xffffffffu, 0));
	ck_assert(seq_ge(0, 0xffffffffu));
}
END_TEST

/* RFC 9293 3.4 (and RFC 1982 3.2): at distance exactly 2^31 the order is
 * undefined - neither a < b, nor b < a, nor a =< b, nor b =< a */
START_TEST(test_seq_order_at_distance_2_31_is_undefined)
{
	const uint32_t bases[] = { 0, 1, 0x40000000u, 0x7fffffffu,
				   0x80000000u, 0xffffffffu };

	for (size_t k = 0; k < 6; k++) {
		uint32_t a = bases[k], b = a + 0x80000000u;

		ck_assert_msg(!seq_lt(a, b) && !seq_lt(b, a),
			      "%u and %u (2^31 apart): one precedes", a, b);
		ck_assert_msg(!seq_le(a, b) && !seq_le(b, a),
			      "%u and %u (2^31 apart): one =< the other", a, b);
		ck_assert_msg(!seq_gt(a, b) && !seq_gt(b, a) &&
			      !seq_ge(a, b) && !seq_ge(b, a),
			      "%u and %u (2^31 apart): one follows", a, b);
	}
}
END_TEST

/* RFC 9293 3.4: at distance 2^31-1 the order is defined */
START_TEST(test_seq_order_at_distance_2_31_minus_1_is_defined)
{
	ck_assert(seq_lt(0, 0x7fffffffu));
	ck_assert(!seq_lt(0x7fffffffu, 0));
	ck_assert(seq_lt(0x80000001u, 0));
	ck_assert(seq_gt(0x7fffffffu, 0));
	ck_assert(seq_lt(0xffffffffu, 0x7ffffffeu));
}
END_TEST

/* =< is reflexive, < is not */
START_TEST(test_seq_le_reflexive_lt_irreflexive)
{
	for (size_t k = 0; k < NEDGES; k++) {
		ck_assert(seq_le(edges[k], edges[k]));
		ck_assert(seq_ge(edges[k], edges[k]));
		ck_assert(!seq_lt(edges[k], edges[k]));
		ck_assert(!seq_gt(edges[k], edges[k]));
	}
}
END_TEST

/* Every helper equals 64-bit modular arithmetic: all pairs of edge values
 * (and edge +- 2^31), and 2^20 pseudo-random pairs from a fixed seed */
START_TEST(test_seq_helpers_match_reference_arithmetic)
{
	char why[96];

	for (size_t i = 0; i < NEDGES; i++) {
		for (size_t j = 0; j < NEDGES; j++) {
			uint32_t a = edges[i], b = edges[j];

			ck_assert_msg(pair_matches(a, b, why, sizeof why), "%s", why);
			ck_assert_msg(pair_matches(a, b + 0x80000000u, why, sizeof why),
				      "%s", why);
		}
	}
	for (int k = 0; k < (1 << 20); k++) {
		uint32_t a = rnd(), b = rnd();

		if (!pair_matches(a, b, why, sizeof why) ||
		    !pair_matches(a, a + (b & 0xff), why, sizeof why))
			ck_abort_msg("%s", why);
	}
}
END_TEST

/* Away from 2^31, exactly one of a < b, a = b, b < a holds */
START_TEST(test_seq_order_is_total_below_distance_2_31)
{
	for (int k = 0; k < (1 << 20); k++) {
		uint32_t a = rnd(), b = rnd();
		int n = seq_lt(a, b) + seq_lt(b, a) + (a == b);

		if (a - b == 0x80000000u)
			continue;
		if (n != 1)
			ck_abort_msg("%u, %u: %d of <, >, = hold", a, b, n);
	}
}
END_TEST

/* base =< x < base+wnd, across 2^32 */
START_TEST(test_seq_in_window_edges_across_wrap)
{
	ck_assert(seq_in_window(0xfffffff0u, 0xfffffff0u, 0x20));
	ck_assert(seq_in_window(0xffffffffu, 0xfffffff0u, 0x20));
	ck_assert(seq_in_window(0, 0xfffffff0u, 0x20));
	ck_assert(seq_in_window(0x0f, 0xfffffff0u, 0x20));
	ck_assert(!seq_in_window(0x10, 0xfffffff0u, 0x20));
	ck_assert(!seq_in_window(0xffffffefu, 0xfffffff0u, 0x20));
	ck_assert(!seq_in_window(0xfffffff0u, 0xfffffff0u, 0));
}
END_TEST

/* RFC 9293 3.4, "0 0: SEG.SEQ = RCV.NXT" */
START_TEST(test_acceptable_empty_segment_zero_window_only_at_rcv_nxt)
{
	ck_assert(tcp_seg_acceptable(5001, 0, 5001, 0));
	ck_assert(!tcp_seg_acceptable(5000, 0, 5001, 0));
	ck_assert(!tcp_seg_acceptable(5002, 0, 5001, 0));
	ck_assert(tcp_seg_acceptable(0, 0, 0, 0));
}
END_TEST

/* RFC 9293 3.4, "0 >0: RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND" - the edges
 * RCV.NXT-1, RCV.NXT, RCV.NXT+RCV.WND-1, RCV.NXT+RCV.WND */
START_TEST(test_acceptable_empty_segment_open_window_edges)
{
	ck_assert(!tcp_seg_acceptable(5000, 0, 5001, 1000));
	ck_assert(tcp_seg_acceptable(5001, 0, 5001, 1000));
	ck_assert(tcp_seg_acceptable(6000, 0, 5001, 1000));
	ck_assert(!tcp_seg_acceptable(6001, 0, 5001, 1000));
	ck_assert(tcp_seg_acceptable(5001, 0, 5001, 1));
	ck_assert(!tcp_seg_acceptable(5002, 0, 5001, 1));
}
END_TEST

/* RFC 9293 3.4, ">0 0: not acceptable" - even at RCV.NXT */
START_TEST(test_acceptable_data_zero_window_never)
{
	ck_assert(!tcp_seg_acceptable(5001, 1, 5001, 0));
	ck_assert(!tcp_seg_acceptable(5001, 100, 5001, 0));
	ck_assert(!tcp_seg_acceptable(5000, 2, 5001, 0));
}
END_TEST

/* RFC 9293 3.4, ">0 >0: RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND or RCV.NXT =<
 * SEG.SEQ+SEG.LEN-1 < RCV.NXT+RCV.WND" */
START_TEST(test_acceptable_data_first_or_last_octet_in_window)
{
	/* last octet at RCV.NXT: acceptable; at RCV.NXT-1: not */
	ck_assert(tcp_seg_acceptable(4992, 10, 5001, 1000));
	ck_assert(!tcp_seg_acceptable(4991, 10, 5001, 1000));
	/* first octet at RCV.NXT+RCV.WND-1: acceptable; at +RCV.WND: not */
	ck_assert(tcp_seg_acceptable(6000, 10, 5001, 1000));
	ck_assert(!tcp_seg_acceptable(6001, 10, 5001, 1000));
	/* SYN or FIN alone: SEG.LEN 1 */
	ck_assert(tcp_seg_acceptable(5001, 1, 5001, 1000));
	ck_assert(!tcp_seg_acceptable(5000, 1, 5001, 1000));
}
END_TEST

/* RFC 9293 3.4 modulo 2^32: a window that spans 2^32 */
START_TEST(test_acceptable_across_wrap)
{
	const uint32_t nxt = 0xfffffff0u, wnd = 0x20;

	ck_assert(tcp_seg_acceptable(0xffffffffu, 0, nxt, wnd));
	ck_assert(tcp_seg_acceptable(0x0f, 0, nxt, wnd));
	ck_assert(!tcp_seg_acceptable(0x10, 0, nxt, wnd));
	ck_assert(!tcp_seg_acceptable(0xffffffefu, 0, nxt, wnd));
	ck_assert(tcp_seg_acceptable(0xffffffe8u, 10, nxt, wnd));
	ck_assert(!tcp_seg_acceptable(0xffffffe6u, 10, nxt, wnd));
	ck_assert(tcp_seg_acceptable(0x0f, 10, nxt, wnd));
	ck_assert(tcp_seg_acceptable(0, 0, 0xffffffffu, 1) == false);
	ck_assert(tcp_seg_acceptable(0xffffffffu, 0, 0xffffffffu, 1));
}
END_TEST

/* A segment 2^31 away from RCV.NXT is not in any window (RCV.WND =< 2^30) */
START_TEST(test_acceptable_at_distance_2_31_rejected)
{
	ck_assert(!tcp_seg_acceptable(5001 + 0x80000000u, 0, 5001, TCP_MAX_WND));
	ck_assert(!tcp_seg_acceptable(5001 + 0x80000000u, 10, 5001, TCP_MAX_WND));
	ck_assert(!tcp_seg_acceptable(5001 - 0x80000000u, 1, 5001, TCP_MAX_WND));
	ck_assert(tcp_seg_acceptable(5001 + TCP_MAX_WND - 1, 0, 5001, TCP_MAX_WND));
	ck_assert(!tcp_seg_acceptable(5001 + TCP_MAX_WND, 0, 5001, TCP_MAX_WND));
}
END_TEST

/* RFC 9293 3.4: the whole table, swept over RCV.NXT at the edges of the
 * number space, windows 0 .. 2^30, offsets around both window edges and
 * 2^31, and lengths 0 .. 2^30, against the reference */
START_TEST(test_acceptable_matches_rfc_table_sweep)
{
	const uint32_t wnds[] = { 0, 1, 2, 1000, 65535, TCP_MAX_WND };
	const uint32_t lens[] = { 0, 1, 2, 10, 1000, 65536, TCP_MAX_WND };
	unsigned long n = 0;

	for (size_t i = 0; i < NEDGES; i++)
	for (size_t w = 0; w < 6; w++)
	for (size_t l = 0; l < 7; l++) {
		uint32_t nxt = edges[i], wnd = wnds[w], len = lens[l];
		uint32_t offs[] = { 0, 1, 2, wnd - 1u, wnd, wnd + 1u,
				    0u - 1u, 0u - len, 1u - len, 2u - len,
				    0x7fffffffu, 0x80000000u, 0x80000001u };

		for (size_t o = 0; o < sizeof offs / sizeof offs[0]; o++) {
			uint32_t seq = nxt + offs[o];

			n++;
			if (tcp_seg_acceptable(seq, len, nxt, wnd) !=
			    ref_acceptable(seq, len, nxt, wnd))
				ck_abort_msg("SEG.SEQ=%u SEG.LEN=%u RCV.NXT=%u "
					     "RCV.WND=%u: model %d, RFC table %d",
					     seq, len, nxt, wnd,
					     tcp_seg_acceptable(seq, len, nxt, wnd),
					     ref_acceptable(seq, len, nxt, wnd));
		}
	}
	ck_assert(n > 8000);
}
END_TEST

/* RFC 9293 3.4: "SEG.LEN = the number of octets occupied by the data in the
 * segment (counting SYN and FIN)" */
START_TEST(test_seg_len_counts_syn_and_fin)
{
	struct tcp_segment s;

	memset(&s, 0, sizeof s);
	ASSERT_U32(tcp_seg_len(&s), 0);
	s.flags = TCP_SYN;
	ASSERT_U32(tcp_seg_len(&s), 1);
	s.flags = TCP_FIN;
	ASSERT_U32(tcp_seg_len(&s), 1);
	s.flags = TCP_SYN | TCP_FIN;
	ASSERT_U32(tcp_seg_len(&s), 2);
	s.flags = TCP_FIN | TCP_ACK | TCP_PSH;
	s.len = 10;
	ASSERT_U32(tcp_seg_len(&s), 11);
	s.flags = TCP_RST | TCP_ACK | TCP_PSH | TCP_URG;
	ASSERT_U32(tcp_seg_len(&s), 10);
	s.flags = TCP_SYN | TCP_FIN;
	s.len = TCP_MAX_WND;
	ASSERT_U32(tcp_seg_len(&s), TCP_MAX_WND + 2u);
}
END_TEST

static Suite *seq_suite(void)
{
	Suite *s = suite_create("seq");
	TCase *arith = tcase_create("arithmetic");
	TCase *accept = tcase_create("acceptability");

	tcase_add_test(arith, test_seq_add_wraps_past_2_32);
	tcase_add_test(arith, test_seq_sub_wraps_below_zero);
	tcase_add_test(arith, test_seq_dist_is_forward_distance_mod_2_32);
	tcase_add_test(arith, test_seq_lt_across_wrap);
	tcase_add_test(arith, test_seq_order_at_distance_2_31_is_undefined);
	tcase_add_test(arith, test_seq_order_at_distance_2_31_minus_1_is_defined);
	tcase_add_test(arith, test_seq_le_reflexive_lt_irreflexive);
	tcase_add_test(arith, test_seq_helpers_match_reference_arithmetic);
	tcase_add_test(arith, test_seq_order_is_total_below_distance_2_31);
	tcase_add_test(arith, test_seq_in_window_edges_across_wrap);
	tcase_set_timeout(arith, 60);

	tcase_add_test(accept, test_acceptable_empty_segment_zero_window_only_at_rcv_nxt);
	tcase_add_test(accept, test_acceptable_empty_segment_open_window_edges);
	tcase_add_test(accept, test_acceptable_data_zero_window_never);
	tcase_add_test(accept, test_acceptable_data_first_or_last_octet_in_window);
	tcase_add_test(accept, test_acceptable_across_wrap);
	tcase_add_test(accept, test_acceptable_at_distance_2_31_rejected);
	tcase_add_test(accept, test_acceptable_matches_rfc_table_sweep);
	tcase_add_test(accept, test_seg_len_counts_syn_and_fin);

	suite_add_tcase(s, arith);
	suite_add_tcase(s, accept);
	return s;
}

int main(void)
{
	return model_run_suite(seq_suite()) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
