/*
 * docs_pages.h - the Markdown pages of docs/ that come from the model
 * alone: the transition table of a profile, the differences between the
 * profiles, and the index.  (requirements.md: reqs.h; the diagrams:
 * diagram.h, seqsim.h.)
 */
#ifndef TCPSPEC_DOCS_PAGES_H
#define TCPSPEC_DOCS_PAGES_H

#include <stdio.h>

#include "model/tcp.h"

void docs_table(FILE *f, const struct tcp_profile *p);
void docs_profiles(FILE *f);
/* The index; seqs: the names of the sequence diagrams (seq-NAME.svg). */
void docs_index(FILE *f, const char *const *seqs, const char *const *titles, int nseqs,
		const char *seq_profile);

#endif
