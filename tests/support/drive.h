/*
 * drive.h - drive the model's side of a scenario (conformance/scenario/
 * modelrun.[ch]) the way the runner does, one scenario line at a time, for
 * the suites of modelrun and of the matcher (check_modelrun.c,
 * check_match.c).
 *
 * The numbers: the tester's ISS is MR_TESTER_ISS = 1000000 and the target's
 * MR_TARGET_ISS = 3000000 (modelrun.h).  After a passive open by the target
 * (SYN seq=1000000 from the tester, SYN,ACK seq=3000000 ack=1000001 back, ACK
 * seq=1000001 ack=3000001) the target has SND.NXT = 3000001 and RCV.NXT =
 * 1000001 (RFC 9293 3.5, figure 6); its first data byte is 3000001.
 */
#ifndef TCPSPEC_TESTS_SUPPORT_DRIVE_H
#define TCPSPEC_TESTS_SUPPORT_DRIVE_H

#include <stdint.h>

#include "model/tcp.h"
#include "scenario/match.h"
#include "scenario/modelrun.h"
#include "scenario/scenario.h"

#define T_ISS 3000000u   /* the target's ISS */
#define T_NXT 3000001u   /* its SND.NXT once established */
#define R_NXT 1000001u   /* its RCV.NXT once established */

/* The step one scenario line makes (the runner's own parser); a Check
 * failure if it does not parse. */
struct scn_step drive_line(const char *text);

/* A segment with window 65535 and no options. */
struct tcp_segment drive_seg(uint8_t flags, uint32_t seq, uint32_t ack,
			     uint32_t len);

/* One stimulus as the runner makes it: new history, step, commit, and what
 * the model sends is appended to q (when q is given). */
void drive_stimulus(struct mr *m, struct mq *q, const struct tcp_event *ev);

/* `app ...`: the call, or only the option (setsockopt). */
void drive_app(struct mr *m, struct mq *q, const char *text);

/* `send ...`: the tester's segment arrives at the model. */
void drive_send(struct mr *m, struct mq *q, const char *text);

/* A timer fires in the model (within a wait: no new history). */
struct mr_step drive_fire(struct mr *m, enum tcp_timer t);

/* The target listens, the tester opens: ESTABLISHED, nothing in flight,
 * nothing expected (RFC 9293 3.5 figure 6); Check failures otherwise. */
void drive_established(struct mr *m, enum tcp_profile_id pid);

#endif
