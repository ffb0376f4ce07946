/*
 * modelrun.h - the model's side of a scenario: the TCB the target should have,
 * the profile as the application's socket options adjust it, and the one
 * place where relative sequence numbers become absolute and back.
 * Used alone by `tcpspec check` and beside a real target by the runner.
 */
#ifndef TCPSPEC_MODELRUN_H
#define TCPSPEC_MODELRUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/tcp.h"
#include "scenario/scenario.h"

#define MR_TESTER_ISS 1000000u   /* the tester's ISS (relative seq 0) */
#define MR_TARGET_ISS 3000000u   /* stand-in for the target's ISS until bound */
#define MR_MAX_HIST 32

struct mr_step {
	struct tcp_event ev;
	struct tcp_tcb before, after;
	struct tcp_result res;
};

/* The sockets API's memory of the connection (appcall.h): the error that
 * ended it, until a call or SO_ERROR reports it; that error once reported;
 * whether the peer's FIN arrived (reads then end with 0). */
struct mr_sock {
	int pending;   /* errno, 0: none */
	int told;      /* errno, 0: none */
	bool fin;
};

struct mr {
	struct tcp_profile prof;
	struct mr_sock sock;
	struct tcp_tcb tcb;
	uint32_t tester_iss, tester_nxt;
	uint32_t target_iss;
	bool target_iss_bound;
	/* what happened since the last stimulus, for `expect` */
	int nhist;
	struct mr_step hist[MR_MAX_HIST];
};

/* A run under profile (a built-in one, or one read from a file: the model
 * takes any value of struct tcp_profile). */
void mr_init(struct mr *m, const struct tcp_profile *profile);

/* Relative <-> absolute sequence numbers (RFC 9293 3.4 arithmetic mod 2^32). */
uint32_t mr_abs_tester(const struct mr *m, int64_t rel);
uint32_t mr_abs_target(const struct mr *m, int64_t rel);
int64_t mr_rel_tester(const struct mr *m, uint32_t abs);
int64_t mr_rel_target(const struct mr *m, uint32_t abs);

/* The model event an app step makes; 0 if none (accept, most options). */
int mr_app_event(struct mr *m, const struct scn_step *st, struct tcp_event *ev);
/* The same for application call `app` with count or value n and option
 * name opt (setsockopt); a socket option may adjust the model's profile. */
int mr_call_event(struct mr *m, enum scn_app app, uint32_t n, const char *opt,
		  struct tcp_event *ev);
/* The absolute segment a `send` step injects (defaults filled in). */
void mr_send_segment(const struct mr *m, const struct scn_step *st,
		     struct tcp_segment *seg);

/* The ISS the target is assumed to pick for a segment arriving now, until
 * the runner binds it from what the target sends: its ISS so far, or, in
 * TIME-WAIT, one beyond the old connection (RFC 9293 MAY-2 condition (1);
 * Linux picks SND.NXT + 65537). */
uint32_t mr_target_iss(const struct mr *m);

/* Step the model (no commit). */
void mr_eval(const struct mr *m, const struct tcp_event *ev, struct mr_step *out);
/* Evaluate the firing of timer t (no commit); false when t is not armed. */
bool mr_timeout(const struct mr *m, enum tcp_timer t, struct mr_step *out);
/* The model's side of one scenario step, committed: an app call or a sent
 * segment steps the model once, a wait fires the timers it names.  1 when
 * the model stepped (*last holds the last step), 0 when the step makes no
 * model event (an expect, accept, most socket options), -1 when a wait
 * fires a timer that is not armed.  The explorer walks with it; the runner
 * drives a target with the same pieces (mr_app_event, mr_send_segment). */
int mr_apply(struct mr *m, const struct scn_step *st, struct mr_step *last);
/* Commit a step: TCB advances, history records it, the tester's SND.NXT
 * follows what it sent. */
void mr_commit(struct mr *m, const struct mr_step *s);
/* Bind the target's ISS (and re-evaluate the step that chose it). */
void mr_bind_iss(struct mr *m, struct mr_step *s, uint32_t iss);
/* Forget the history (a new stimulus begins). */
void mr_new_stimulus(struct mr *m);

/* Check an `expect` step against segments the target sent (absolute),
 * the state seen, the application's error and the last call's result: 0,
 * or -1 with what the step expects ("S. seq=0 ack=1", "state CLOSING",
 * "rule R_...", "application error ECONNRESET", "no segment", "app recv
 * returns 0 (end of stream)") and what was observed, in the same words. */
struct mr_seen {
	const struct tcp_segment *segs;
	int nsegs;
	enum tcp_state state;
	bool state_known;
	const char *error;       /* "ECONNRESET", "NONE", or NULL when unknown */
	/* the last application call: what it returned (call_rc 0 and
	 * call_value, or an errno), for `expect app ...` */
	bool call_known;
	int call_rc;
	long call_value;
};
int mr_expect(const struct mr *m, const struct scn_step *st, const struct mr_seen *seen,
	      char *expected, size_t elen, char *observed, size_t olen);

/* The error the application sees after what happened since the last
 * stimulus, as an errno name ("NONE" when none), by the errno table of
 * appcall.c under the run's profile: connection reset -> ECONNRESET
 * (ECONNREFUSED for a connecting socket, as the sockets API reports RFC
 * 9293 3.10.7.3's reset; EPIPE in CLOSE-WAIT for Linux), refused ->
 * ECONNREFUSED, timeouts -> ETIMEDOUT. */
const char *mr_app_error(const struct mr *m);

/*
 * What an application call returns, as the model predicts it from the
 * call's own step s (committed) and the socket's memory (appcall.c has
 * the errno table and its sources): a value (bytes; 0 is the end of
 * stream; upto: any of 1..value, a stack may take less of a send), or an
 * errno; alt_err, when set, is accepted as well (the error reported
 * before, which a target may report again).  MR_CALL_UNKNOWN: the model
 * says nothing a program would see (a call that waits on a listener, a
 * SEND queued before the connection is open).
 */
enum mr_call_kind { MR_CALL_UNKNOWN = 0, MR_CALL_VALUE, MR_CALL_ERRNO };
struct mr_call {
	enum mr_call_kind kind;
	long value;
	bool upto;
	int err, alt_err;
	const char *why;          /* the RFC 9293 section and words */
};
void mr_call_predict(const struct mr *m, enum scn_app app, uint32_t n, const struct mr_step *s,
		     struct mr_call *out);
bool mr_call_matches(const struct mr_call *p, int rc, long value);
/* "app recv returns 0 (end of stream)", "app recv fails with ECONNRESET" */
const char *mr_call_text(const struct mr_call *p, enum scn_app app, char *buf, size_t len);
/* "app recv returned 5", "app recv failed with ECONNRESET": what a call did
 * (rc 0 or an errno). */
const char *mr_call_observed(enum scn_app app, int rc, long value, char *buf, size_t len);
/* A call or SO_ERROR reported errno e to the program: the connection's
 * error is no longer pending. */
void mr_sock_reported(struct mr *m, int e);

/* "S. seq=0 ack=1 win=65535 len=0": a segment the target (from_target) or
 * the tester sent, as the scenario writes it: seq relative to the sender's
 * ISS, ack (printed only with the ACK bit) to the receiver's.  A number
 * that is not in the connection's space (from 2^20 before the ISS to 2^24
 * after it) prints raw, "raw:N": a reset's SEQ=0, say, is no offset. */
const char *mr_format_seg(const struct mr *m, const struct tcp_segment *s, bool from_target,
			  char *buf, size_t len);
/* mr_format_seg of a segment the target sent. */
const char *mr_format_target_seg(const struct mr *m, const struct tcp_segment *s,
				 char *buf, size_t len);

#endif
