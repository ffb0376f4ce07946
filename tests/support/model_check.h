/*
 * model_check.h - Check assertions for the model's suites (check_user.c,
 * check_ack.c, ...): run one step and assert the rule, the state, the
 * notification, the segments sent and the timers; run a scripted exchange;
 * register a test once per profile; run a suite.
 *
 * The TCBs the suites start from are tcp_tcb_default()'s: ISS 1000, IRS
 * 5000, windows 65535; once synchronized SND.UNA = SND.NXT = 1001, RCV.NXT
 * = 5001; a FIN sent counts in SND.NXT (1002), a FIN received in RCV.NXT
 * (5002).
 */
#ifndef TCPSPEC_TESTS_SUPPORT_MODEL_CHECK_H
#define TCPSPEC_TESTS_SUPPORT_MODEL_CHECK_H

#include <check.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/tcp.h"
#include "events.h"

/* Profiles and timer bits, short. */
#define RFC TCP_PROFILE_RFC9293
#define RFC5961 TCP_PROFILE_RFC9293_5961
#define LINUX TCP_PROFILE_LINUX
#define LWIP TCP_PROFILE_LWIP
#define RTX TCP_TIMER_BIT(TCP_T_RETRANSMIT)
#define T_TW TCP_TIMER_BIT(TCP_T_TIME_WAIT)
#define T_FW2 TCP_TIMER_BIT(TCP_T_FIN_WAIT_2)
#define T_KA TCP_TIMER_BIT(TCP_T_KEEPALIVE)
#define T_USER TCP_TIMER_BIT(TCP_T_USER)

/* The profile of a test registered with model_add_test(..., true). */
#define PID ((enum tcp_profile_id)_i)

/* Register t in tc: once per profile (PID is the profile) or once. */
void model_add_test(TCase *tc, const TTest *t, bool per_profile);

/* Run one step and require a 0 return. */
#define STEP(tcb, ev, pid, next, out)                                        \
	ck_assert_msg(model_step(&(tcb), (ev), prof(pid), &(next), &(out)) == 0, \
		      "tcp_step returned non-zero (rule %s)",                  \
		      tcp_rule_name((out).rule))

#define ASSERT_RULE(out, r)                                                  \
	ck_assert_msg((out).rule == (r), "rule: expected %s, got %s",          \
		      tcp_rule_name(r), tcp_rule_name((out).rule))

#define ASSERT_STATE(t, s)                                                   \
	ck_assert_msg((t).state == (s), "state: expected %s, got %s",          \
		      tcp_state_name(s), tcp_state_name((t).state))

#define ASSERT_NOTIFY(out, n)                                                \
	ck_assert_msg((out).notify == (n), "notify: expected \"%s\", got \"%s\"", \
		      tcp_notify_text(n), tcp_notify_text((out).notify))

#define ASSERT_NEMIT(out, n)                                                 \
	ck_assert_msg((out).nemit == (n), "segments sent: expected %d, got %d", \
		      (int)(n), (int)(out).nemit)

#define ASSERT_NO_SEG(out) ASSERT_NEMIT(out, 0)

/* Field `name` of a TCB or segment equals v (unsigned 32-bit). */
#define ASSERT_U32(expr, v)                                                  \
	ck_assert_msg((uint32_t)(expr) == (uint32_t)(v),                       \
		      "%s: expected %u, got %u", #expr, (unsigned)(uint32_t)(v), \
		      (unsigned)(uint32_t)(expr))

/* Segment i of out is <SEQ=seq><ACK=ack><CTL=flags> with len payload bytes. */
#define ASSERT_SEG(out, i, fl, sq, ak, ln)                                   \
	do {                                                                   \
		char e_[16], g_[16];                                           \
		const struct tcp_segment *s_ = &(out).emit[(i)];               \
		ck_assert_msg((int)(out).nemit > (int)(i),                     \
			      "segment %d: expected one, %d sent", (int)(i),   \
			      (int)(out).nemit);                               \
		ck_assert_msg(s_->flags == (uint8_t)(fl),                      \
			      "segment %d flags: expected %s, got %s", (int)(i), \
			      flags_str((uint8_t)(fl), e_),                    \
			      flags_str(s_->flags, g_));                       \
		ck_assert_msg(s_->seq == (uint32_t)(sq),                       \
			      "segment %d seq: expected %u, got %u", (int)(i), \
			      (unsigned)(uint32_t)(sq), (unsigned)s_->seq);    \
		ck_assert_msg(s_->ack == (uint32_t)(ak),                       \
			      "segment %d ack: expected %u, got %u", (int)(i), \
			      (unsigned)(uint32_t)(ak), (unsigned)s_->ack);    \
		ck_assert_msg(s_->len == (uint32_t)(ln),                       \
			      "segment %d len: expected %u, got %u", (int)(i), \
			      (unsigned)(uint32_t)(ln), (unsigned)s_->len);    \
	} while (0)

/* Exactly one segment sent, and it is this one. */
#define ASSERT_ONE_SEG(out, fl, sq, ak, ln)                                  \
	do {                                                                   \
		ASSERT_NEMIT(out, 1);                                          \
		ASSERT_SEG(out, 0, fl, sq, ak, ln);                            \
	} while (0)

/* The reset answering a segment with ACK (SEQ sq = SEG.ACK, end = SEG.SEQ +
 * SEG.LEN): <SEQ=SEG.ACK><CTL=RST> (RFC 9293 3.10.7.1-3.10.7.4), or with the
 * profile's rst_reply_ack <SEQ=SEG.ACK><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>. */
#define ASSERT_REPLY_RST(out, pid, sq, end)                                  \
	do {                                                                   \
		if (prof(pid)->rst_reply_ack)                                  \
			ASSERT_ONE_SEG(out, TCP_RST | TCP_ACK, sq, end, 0);    \
		else                                                           \
			ASSERT_ONE_SEG(out, TCP_RST, sq, 0, 0);                \
	} while (0)

/* The ACK of a synchronized state, seq = SND.NXT, ack = RCV.NXT of the TCB
 * after the step (n): <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> (RFC 9293
 * 3.10.7.4), or with the profile's fin_repeat (4.4BSD) while our FIN is
 * unacknowledged in FIN-WAIT-1, CLOSING or LAST-ACK the FIN again,
 * <SEQ=SND.NXT-1><ACK=RCV.NXT><CTL=FIN,ACK> (AckFor, spec/challenge.acsl). */
#define ASSERT_ACK_FOR(out, pid, n, sq, ak)                                  \
	do {                                                                   \
		if (prof(pid)->fin_repeat && (n).fin_sent &&                   \
		    (n).snd_una != (n).snd_nxt &&                              \
		    ((n).state == TCP_FIN_WAIT_1 || (n).state == TCP_CLOSING || \
		     (n).state == TCP_LAST_ACK))                               \
			ASSERT_ONE_SEG(out, TCP_FIN | TCP_ACK, (sq) - 1u, ak, 0); \
		else                                                           \
			ASSERT_ONE_SEG(out, TCP_ACK, sq, ak, 0);               \
	} while (0)

/* The reset(s) for an in-window SYN in TCB t whose reply reset is
 * <SEQ=sq><ACK=ak><CTL=fl> (RFC 9293 3.10.7.4 fourth check, RFC 793's
 * reading); with syn_reset_twice (4.4BSD's "tcp_drop(tp, 0); goto
 * dropwithreset;") ABORT's reset at SND.NXT comes first. */
#define ASSERT_SYN_RESETS(out, pid, t, fl, sq, ak)                           \
	do {                                                                   \
		if (prof(pid)->syn_reset_twice) {                              \
			ASSERT_NEMIT(out, 2);                                  \
			if (prof(pid)->abort_rst_ack)                          \
				ASSERT_SEG(out, 0, TCP_RST | TCP_ACK,          \
					   (t).snd_nxt, (t).rcv_nxt, 0);       \
			else                                                   \
				ASSERT_SEG(out, 0, TCP_RST, (t).snd_nxt, 0, 0); \
			ASSERT_SEG(out, 1, fl, sq, ak, 0);                     \
		} else {                                                       \
			ASSERT_ONE_SEG(out, fl, sq, ak, 0);                    \
		}                                                              \
	} while (0)

/* The armed timers after the step are exactly mask. */
#define ASSERT_TIMERS(t, mask)                                               \
	do {                                                                   \
		char e_[64], g_[64];                                           \
		ck_assert_msg((t).timers == (uint8_t)(mask),                   \
			      "timers: expected %s, got %s",                   \
			      timers_str((uint8_t)(mask), e_),                 \
			      timers_str((t).timers, g_));                     \
	} while (0)

#define ASSERT_ARMS(out, timer)                                              \
	ck_assert_msg((out).timers_arm & TCP_TIMER_BIT(timer),                 \
		      "timer %s: expected (re)started, timers_arm=0x%x",      \
		      tcp_timer_name(timer), (unsigned)(out).timers_arm)

#define ASSERT_CANCELS(out, timer)                                           \
	ck_assert_msg((out).timers_cancel & TCP_TIMER_BIT(timer),              \
		      "timer %s: expected cancelled, timers_cancel=0x%x",     \
		      tcp_timer_name(timer), (unsigned)(out).timers_cancel)

/* The TCB did not change at all (the timers included). */
#define ASSERT_TCB_UNCHANGED(before, after)                                  \
	ck_assert_msg(tcb_equal(&(before), &(after)),                          \
		      "TCB changed, expected it unchanged")

/*
 * A scripted exchange: each step is an event and what must follow from it.
 * nemit < 0 leaves the segments unchecked; otherwise exactly nemit segments
 * are sent and, when nemit > 0, the first is <flags, seq, ack, len>.
 */
struct model_script_step {
	const char *what;
	struct tcp_event ev;
	enum tcp_state state;
	enum tcp_rule rule;
	int nemit;
	uint8_t flags;
	uint32_t seq, ack, len;
};

#define SCRIPT_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Run the steps from *t under profile pid; *t is the TCB after the last. */
void model_run_script(struct tcp_tcb *t, const struct model_script_step *steps,
		      size_t n, enum tcp_profile_id pid);

/* Run a suite; the exit status main() returns. */
int model_run_suite(Suite *s);

#endif
