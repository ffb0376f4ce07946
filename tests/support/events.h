/*
 * events.h - inputs for tcp_step in the model's tests: build events and
 * TCBs, run one step with zeroed outputs, compare TCBs and results field by
 * field, and print flags, timers and a whole input for failure messages.
 *
 * Nothing here needs libcheck: the fuzzer (tests/fuzz/fuzz_model.c) links
 * it as well as the Check suites.
 */
#ifndef TCPSPEC_TESTS_SUPPORT_EVENTS_H
#define TCPSPEC_TESTS_SUPPORT_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/tcp.h"

/* A user call; n is the byte count of SEND and RECEIVE, iss the ISS the
 * stack picks if the call sends a SYN. */
struct tcp_event ev_call(enum tcp_call c, uint32_t n, uint32_t iss);

/* An arriving segment; len is the payload length (SEG.LEN without SYN, FIN). */
struct tcp_event ev_seg(uint8_t flags, uint32_t seq, uint32_t ack, uint32_t wnd,
			uint32_t len);

/* The same with the urgent pointer, the MSS option and the ISS the stack
 * would pick if the segment makes it send a SYN,ACK. */
struct tcp_event ev_seg_full(uint8_t flags, uint32_t seq, uint32_t ack,
			     uint32_t wnd, uint32_t len, uint16_t up,
			     uint16_t mss, uint32_t iss);

struct tcp_event ev_timeout(enum tcp_timer t);

const struct tcp_profile *prof(enum tcp_profile_id id);

/* tcp_tcb_default() into a zeroed struct (padding included). */
struct tcp_tcb tcb_in(enum tcp_state s, enum tcp_profile_id id);

/* After a test changes TCB fields by hand: re-derive the armed timers, as
 * a stack that reached this TCB would have them. */
void tcb_rearm(struct tcp_tcb *t, enum tcp_profile_id id);

/* One step with zeroed outputs; tcp_step's return value. */
int model_step(const struct tcp_tcb *t, struct tcp_event ev,
	       const struct tcp_profile *p, struct tcp_tcb *next,
	       struct tcp_result *out);

/* Equal field by field (padding ignored). */
bool tcb_equal(const struct tcp_tcb *a, const struct tcp_tcb *b);
bool seg_equal(const struct tcp_segment *a, const struct tcp_segment *b);
bool result_equal(const struct tcp_result *a, const struct tcp_result *b);

/* tcpdump's letters: F S R P . U, "none" for no flag (docs/design.md). */
const char *flags_str(uint8_t f, char buf[16]);

/* The timers of a mask by name, "none" for none. */
const char *timers_str(uint8_t m, char buf[64]);

/* A one-line description of an input, for failure messages. */
const char *model_describe(const struct tcp_tcb *t, const struct tcp_event *ev,
			   const struct tcp_profile *p, char *buf, size_t size);

#endif
