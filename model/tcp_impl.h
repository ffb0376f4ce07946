/*
 * tcp_impl.h - the model's internal functions, one per RFC 9293 step.
 *
 * Every handler takes the TCB by value and returns the TCB after the step;
 * the only other thing it writes is *out.  This keeps each function small
 * enough for its own contract, and lets WP see every untouched field as
 * untouched (shared/PROVING.md: struct copies through pointers do not prove).
 */
#ifndef TCPSPEC_TCP_IMPL_H
#define TCPSPEC_TCP_IMPL_H

#include "tcp.h"
#include "tcp_seq.h"

/* tcp_emit.c: segments to send */
void tcp_emit(struct tcp_result *out, uint8_t flags, uint32_t seq, uint32_t ack,
	      uint32_t wnd, uint32_t len);
void tcp_emit_ack(struct tcp_tcb t, struct tcp_result *out);
void tcp_emit_reset_for(const struct tcp_segment *s, struct tcp_result *out);
void tcp_emit_abort_rst(struct tcp_tcb t, const struct tcp_profile *p,
			struct tcp_result *out);
struct tcp_tcb tcp_output(struct tcp_tcb t, struct tcp_result *out);

/* tcp_tcb.c: whole-TCB transformations */
struct tcp_tcb tcp_tcb_deleted(struct tcp_tcb t);
struct tcp_tcb tcp_tcb_to_listen(struct tcp_tcb t);
struct tcp_tcb tcp_tcb_open(struct tcp_tcb t, uint32_t iss);

/* tcp_user.c: user calls (3.10.1 - 3.10.6) */
struct tcp_tcb tcp_user_call(struct tcp_tcb t, const struct tcp_event *ev,
			     const struct tcp_profile *p, struct tcp_result *out);

/* segment arrival (3.10.7) */
struct tcp_tcb tcp_seg_closed(struct tcp_tcb t, const struct tcp_segment *s,
			      struct tcp_result *out);
struct tcp_tcb tcp_seg_listen(struct tcp_tcb t, const struct tcp_segment *s,
			      uint32_t iss, const struct tcp_profile *p,
			      struct tcp_result *out);
struct tcp_tcb tcp_seg_syn_sent(struct tcp_tcb t, const struct tcp_segment *s,
				struct tcp_result *out);
struct tcp_tcb tcp_seg_other(struct tcp_tcb t, const struct tcp_segment *s,
			     uint32_t iss, const struct tcp_profile *p,
			     struct tcp_result *out);
struct tcp_tcb tcp_seg_ack(struct tcp_tcb t, const struct tcp_segment *s,
			   const struct tcp_profile *p, struct tcp_result *out,
			   bool *drop);
struct tcp_tcb tcp_seg_text_fin(struct tcp_tcb t, const struct tcp_segment *s,
				bool text_allowed, struct tcp_result *out,
				bool *need_ack);

/* tcp_timer.c: timeouts (3.10.8) */
struct tcp_tcb tcp_timeout(struct tcp_tcb t, enum tcp_timer which,
			   const struct tcp_profile *p, struct tcp_result *out);

/* tcp_accept.c: the RFC 9293 3.4 acceptability test */
bool tcp_seg_acceptable(uint32_t seq, uint32_t seglen, uint32_t rcv_nxt,
			uint32_t rcv_wnd);

/* our FIN has been sent and acknowledged */
static inline bool tcp_fin_acked(struct tcp_tcb t)
{
	return t.fin_sent && t.snd_una == t.snd_nxt;
}

static inline uint32_t tcp_min32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

#endif
