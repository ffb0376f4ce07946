/*
 * oracle.h - what RFC 9293 allows a step of tcp_step to do, written apart
 * from the model (its own 64-bit sequence arithmetic, its own edge list), so
 * that the property sweep (check_props.c) and the fuzzer
 * (fuzz/fuzz_model.c) can check the model against it after every step.
 * check_oracle.c shows that it accepts what RFC 9293 permits and rejects
 * what it forbids.
 *
 * Nothing here needs libcheck.
 */
#ifndef TCPSPEC_TESTS_SUPPORT_ORACLE_H
#define TCPSPEC_TESTS_SUPPORT_ORACLE_H

#include <stdbool.h>
#include <stdint.h>

#include "model/tcp.h"

/*
 * The edges of the RFC 9293 state diagram (3.3.2, Figure 5), with the
 * transitions its notes and the text of 3.10 add, and the profile switches.
 *
 *   Figure 5:  CLOSED->LISTEN (passive OPEN), CLOSED->SYN-SENT (active OPEN),
 *              LISTEN->CLOSED (CLOSE), LISTEN->SYN-RECEIVED (rcv SYN),
 *              LISTEN->SYN-SENT (SEND), SYN-SENT->CLOSED (CLOSE),
 *              SYN-SENT->SYN-RECEIVED (rcv SYN), SYN-SENT->ESTABLISHED
 *              (rcv SYN,ACK), SYN-RECEIVED->LISTEN (rcv RST, note 1),
 *              SYN-RECEIVED->ESTABLISHED (rcv ACK of SYN),
 *              SYN-RECEIVED->FIN-WAIT-1 (CLOSE), ESTABLISHED->FIN-WAIT-1
 *              (CLOSE), ESTABLISHED->CLOSE-WAIT (rcv FIN),
 *              FIN-WAIT-1->FIN-WAIT-2 (rcv ACK of FIN), FIN-WAIT-1->CLOSING
 *              (rcv FIN), FIN-WAIT-2->TIME-WAIT (rcv FIN), CLOSE-WAIT->LAST-ACK
 *              (CLOSE), CLOSING->TIME-WAIT (rcv ACK of FIN),
 *              LAST-ACK->CLOSED (rcv ACK of FIN), TIME-WAIT->CLOSED (2MSL).
 *   Note 2:    FIN-WAIT-1->TIME-WAIT (FIN received, our FIN acknowledged).
 *   Note 3 and 3.10.5 ABORT, 3.10.7.4 RST, 3.10.8 user timeout, RFC 1122
 *              4.2.3.5 (R2) and 4.2.3.6 (keep-alive): any state -> CLOSED.
 *   3.10.1:    LISTEN->SYN-SENT also on an active OPEN.
 *   3.10.7.3:  SYN-SENT->CLOSE-WAIT: a SYN,ACK with FIN goes through
 *              ESTABLISHED and "continue[s] processing at the sixth step".
 *   3.10.7.4:  SYN-RECEIVED->LISTEN also on a SYN (passive OPEN);
 *              SYN-RECEIVED->CLOSE-WAIT: "SYN-RECEIVED STATE, ESTABLISHED
 *              STATE: Enter the CLOSE-WAIT state" on a FIN.
 *   3.10.4:    a CLOSE in SYN-RECEIVED with data pending is "queue[d] for
 *              processing after entering ESTABLISHED state": an ACK that
 *              carries a FIN can then take SYN-RECEIVED to CLOSING (queued
 *              CLOSE first) or LAST-ACK (the FIN first).
 *   Profiles:  TIME-WAIT->SYN-RECEIVED (RFC 9293 3.6.1 MAY-2, RFC 6191)
 *              where tw_accept_syn; FIN-WAIT-2->CLOSED on the FIN-WAIT-2
 *              timeout is already an edge to CLOSED.
 */
bool model_edge_allowed(enum tcp_state from, enum tcp_state to,
			const struct tcp_profile *p);

/* a after b in sequence space, computed with 64-bit arithmetic (not with
 * the model's helpers): (a - b) mod 2^32 in 1 .. 2^31-1. */
bool ref_seq_after(uint32_t a, uint32_t b);
bool ref_seq_at_or_after(uint32_t a, uint32_t b);

/*
 * What RFC 9293 says a TCB in each state holds (3.3.1, 3.3.2, 3.10), in
 * the model's representation.  Used to tell a TCB a stack can reach from
 * one the fuzzer made up; the state-preserving invariants apply to the
 * former only.  Before ESTABLISHED the numbers are exact (SND.UNA = ISS,
 * SND.NXT = ISS+1, RCV.NXT = IRS+1); after it only the FIN bookkeeping is
 * constrained, since a long connection takes SND.UNA and RCV.NXT any
 * distance from ISS and IRS.
 */
bool model_tcb_consistent(const struct tcp_tcb *t, const struct tcp_profile *p);

/* spec/tcb.acsl's TcbInvariant in C (RFC 9293 3.3.1, 3.10): the TCBs for
 * which tcp_step promises an invariant next TCB. */
bool model_tcb_invariant(const struct tcp_tcb *t);

/* The invariants, as bits of a set (a step may break several). */
enum model_inv {
	INV_RETURN = 0,     /* tcp_step returns 0 for valid input */
	INV_RULE,           /* out.rule names a rule, not R_NONE/R_INVALID_EVENT */
	INV_NEMIT,          /* at most TCP_MAX_EMIT segments, flags within 0x3f */
	INV_NEXT_VALID,     /* TcbInvariant(tcb) ==> TcbInvariant(next) */
	INV_UNA_LE_NXT,     /* ... and SND.UNA =< SND.NXT (mod 2^32) */
	INV_TIMERS,         /* next.timers == tcp_timers_for(next) */
	INV_TIMER_DELTA,    /* arm within next.timers; cancel = old minus new */
	INV_RST_FOR_RST,    /* no RST in answer to a RST (3.10.7, 3.5.2) */
	INV_RST_MOVES,      /* a RST moves only to LISTEN or CLOSED (Fig. 5 note 3) */
	INV_ACK_BIT,        /* every non-RST segment but our first SYN has ACK */
	INV_RST_EMPTY,      /* a RST carries no data */
	INV_UNSYNC_EMITS,   /* CLOSED, LISTEN send only RST, SYN or SYN,ACK */
	INV_EDGE,           /* (old, new) is an edge of the diagram */
	INV_QUEUED,         /* CLOSED and TIME-WAIT hold no queued send data */
	INV_ESTABLISHED,    /* ESTABLISHED entered only with both SYNs acked */
	INV_CONSISTENT,     /* a reachable TCB steps to a reachable TCB */
	INV_DETERMINISM,    /* same input, same fields out */
	INV_DETERMINISM_BYTES, /* same input, byte-identical output */
	INV_INVALID,        /* an invalid input: -1, R_INVALID_EVENT, next == tcb */
	INV_SEG_BOUNDS,     /* every segment sent: LEN and WND within 2^30 (RFC 7323 2.3) */
	MODEL_NINV
};

#define INV_BIT(i) (1u << (unsigned)(i))

/* The invariant in one line; "?" for a value out of range. */
const char *model_inv_name(enum model_inv i);

/*
 * The invariants of one step (tcb, ev) -> (ret, next, out) under p, as a set
 * of broken ones (0 when all hold).  The ones that preserve what a state
 * holds are checked only when the input TCB is consistent.
 */
uint32_t model_step_invariants(const struct tcp_tcb *tcb,
			       const struct tcp_event *ev,
			       const struct tcp_profile *p, int ret,
			       const struct tcp_tcb *next,
			       const struct tcp_result *out);

/*
 * One step, checked: tcp_step twice on the same input with zeroed outputs
 * (memset, padding included) and a dirtied stack in between, then the
 * invariants.  Returns the set of broken invariants; *next and *out hold
 * the first call's answer.
 */
uint32_t model_step_checked(const struct tcp_tcb *tcb,
			    const struct tcp_event *ev,
			    const struct tcp_profile *p, struct tcp_tcb *next,
			    struct tcp_result *out);

#endif
