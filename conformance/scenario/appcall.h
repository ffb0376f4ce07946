/*
 * appcall.h - what a program sees: the model's notifications (RFC 9293
 * 3.10, "signal the user ...") as the errno values and return values of
 * the sockets API's calls, per profile where stacks differ.
 *
 * The table (appcall.c, app_errno_rows) is the one place that says which
 * notification becomes which errno; each row names its RFC 9293 section
 * and the source of each stack's choice.  mr_call_predict() uses it to
 * say what a call returns; the runner compares that with what the
 * target's call returned (conformance/TARGETS.md 4), and the model target
 * answers with it, so that `tcpspec check` verifies a scenario's
 * `expect app ...` against the same table.
 *
 * The sockets API remembers a little of its own (struct mr_sock, in
 * struct mr): the error that ended the connection is reported once,
 * by the first call that fails or by SO_ERROR (POSIX: "reports ... and
 * clears it"); the peer's FIN makes reads end with 0 first.
 */
#ifndef TCPSPEC_APPCALL_H
#define TCPSPEC_APPCALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/tcp.h"

/* One row of the errno table. */
struct app_errno_row {
	enum tcp_notify notify;      /* what the model tells the user */
	const char *when;            /* which of its rules or states, "" for all */
	const char *section;         /* "RFC 9293 3.10.7.3" */
	const char *words;           /* the RFC's words: "connection reset" */
	const char *errname[TCP_NPROFILES]; /* errno per built-in profile */
	const char *source;          /* where each stack decides it */
};

/* The table, in order (for the docs and tests). */
size_t app_errno_nrows(void);
const struct app_errno_row *app_errno_row(size_t i);

/* The errno name a program is given for the notification of model step s
 * (its rule and the state before it), under profile p (a profile read
 * from a file: the row of the built-in it starts from, else RFC 9293's);
 * NULL when the notification ends no connection. */
const char *app_errno_for(const struct tcp_profile *p, const struct tcp_result *r,
			  enum tcp_state before);

/* errno names: "ECONNRESET" <-> ECONNRESET; 0 / NULL when unknown. */
int app_errno_value(const char *name);
const char *app_errno_name(int e);
/* An error that ends a connection (ECONNRESET ECONNREFUSED ETIMEDOUT EPIPE
 * ECONNABORTED): a target that cannot tell such errors (`error` answers
 * ENOSYS) cannot be judged on them. */
bool app_errno_ends_connection(int e);

#endif
