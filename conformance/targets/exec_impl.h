/*
 * exec_impl.h - what the protocol targets keep, shared by target_exec.c
 * (the protocol client, setup, teardown) and exec_ops.c (the typed
 * operations of target.h over it).  Nothing outside targets/ includes it.
 */
#ifndef TCPSPEC_EXEC_IMPL_H
#define TCPSPEC_EXEC_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "targets/exec.h"
#include "targets/link_wire.h"

/* What a protocol target keeps: the program, its reply buffer, the link. */
struct exec_priv {
	pid_t pid;	   /* the program; -1 when not running */
	int fd;		   /* its stdin and stdout (a socketpair) */
	int timeout_ms;
	bool broken;	   /* out of step after a timeout */
	size_t inlen;	   /* bytes of a reply received so far */
	char in[TARGET_LINE_MAX];
	struct link_wire link;
};

static inline struct exec_priv *P(const struct target *t) { return t->priv; }

#endif
