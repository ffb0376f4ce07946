/*
 * diagram.h - the state diagram of RFC 9293 Figure 5, reproduced from the
 * model's transition table (table.h) as a graphviz digraph: the figure's
 * layout (CLOSED at the top and again at the bottom, SYN-RECEIVED left of
 * SYN-SENT, FIN-WAIT-1 left of CLOSE-WAIT, ...), every row that changes the
 * state as an edge labelled "event / action".  Resets, aborts and
 * give-up timeouts (which the figure leaves out, its Note 3) are drawn
 * dashed and grey.
 *
 * Plain, the usual server and client paths are highlighted.  Given what a
 * conformance run traversed, each edge and each label line is coloured
 * instead: passed, failed, not covered.
 */
#ifndef TCPSPEC_DIAGRAM_H
#define TCPSPEC_DIAGRAM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "model/tcp.h"

/* A model step a run took, and whether the run failed on it. */
struct dg_seen {
	enum tcp_state from, to;
	enum tcp_rule rule;
	bool failed;
};

/* Write the digraph of profile p, named name.  seen == NULL: the plain
 * diagram of the docs. */
void dg_write(FILE *f, const struct tcp_profile *p, const char *name,
	      const struct dg_seen *seen, int nseen);

#endif
