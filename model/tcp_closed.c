/*
 * tcp_closed.c - a segment arrives for a connection that does not exist
 * (RFC 9293 3.10.7.1, and 3.5.2 reset generation, group 1).
 */
#include "tcp_impl.h"

struct tcp_tcb tcp_seg_closed(struct tcp_tcb t, struct tcp_segment s,
			      struct tcp_profile p, struct tcp_result *out)
{
	/* "An incoming segment containing a RST is discarded." */
	if ((s.flags & TCP_RST) && !p.rst_answers_rst) {
		out->rule = R_3_10_7_1_CLOSED_RST;
		return t;
	}
	/* "An incoming segment not containing a RST causes a RST to be sent"
	 * (libslirp's dropwithreset answers a RST too: rst_answers_rst) */
	tcp_emit_reset_for(s, p, out);
	if (s.flags & TCP_RST)
		out->rule = R_3_10_7_1_CLOSED_RST_ANSWERED;
	else
		out->rule = (s.flags & TCP_ACK) ? R_3_10_7_1_CLOSED_ACK
						 : R_3_10_7_1_CLOSED_NO_ACK;
	return t;
}
