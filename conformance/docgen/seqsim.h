/*
 * seqsim.h - sequence diagrams produced by running the model: two instances
 * of tcp_step(), peers A and B, each one's emitted segments delivered to the
 * other in an order the script names (so segments can cross in flight, as in
 * a simultaneous open).  Nothing is drawn by hand: every arrow, state and
 * sequence number is the model's output.
 */
#ifndef TCPSPEC_SEQSIM_H
#define TCPSPEC_SEQSIM_H

#include <stddef.h>

#include "model/tcp.h"
#include "docgen/seqdiag.h"

int seqsim_count(void);
const char *seqsim_name(int i);    /* "handshake", "close", ... */
const char *seqsim_title(int i);
/* The index of the script called name, or -1. */
int seqsim_find(const char *name);
/* Run script i under profile p into d.  0, or -1 with err naming the step
 * the model refused. */
int seqsim_run(int i, const struct tcp_profile *p, struct sq_diagram *d, char *err,
	       size_t errlen);

#endif
