/*
 * tcp_accept.c - the segment acceptability test of RFC 9293 3.4 (used by
 * the first check of 3.10.7.4):
 *
 *   Segment Length  Receive Window  Test
 *   0               0               SEG.SEQ = RCV.NXT
 *   0               >0              RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND
 *   >0              0               not acceptable
 *   >0              >0              RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND
 *                                or RCV.NXT =< SEG.SEQ+SEG.LEN-1 < RCV.NXT+RCV.WND
 */
#include "tcp_impl.h"

bool tcp_seg_acceptable(uint32_t seq, uint32_t seglen, uint32_t rcv_nxt,
			uint32_t rcv_wnd)
{
	if (seglen == 0) {
		if (rcv_wnd == 0)
			return seq == rcv_nxt;
		return seq_in_window(seq, rcv_nxt, rcv_wnd);
	}
	if (rcv_wnd == 0)
		return false;
	return seq_in_window(seq, rcv_nxt, rcv_wnd) ||
	       seq_in_window(seq_add(seq, seglen - 1u), rcv_nxt, rcv_wnd);
}
