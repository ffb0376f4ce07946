/*
 * docs_pages.h - the Markdown pages of docs/ that come from the model
 * alone: the transition table of a profile, the differences between the
 * profiles, and the index.  (requirements.md: reqs.h; matrix.md: results.h;
 * the diagrams: diagram.h, seqsim.h.)
 */
#ifndef TCPSPEC_DOCS_PAGES_H
#define TCPSPEC_DOCS_PAGES_H

#include <stdbool.h>
#include <stdio.h>

#include "model/tcp.h"

void docs_table(FILE *f, const struct tcp_profile *p);
void docs_profiles(FILE *f);
/* What the index links besides the model's own pages. */
struct docs_index_links {
	const char *const *seqs;        /* the sequence diagrams, seq-NAME.svg */
	const char *const *seq_titles;
	int nseqs;
	const char *seq_profile;        /* the profile they were drawn with */
	const char *const *pages;       /* hand-written pages of docs/: file names */
	const char *const *page_titles;
	int npages;
	bool matrix;                    /* matrix.md, from recorded runs */
};

/* The index, README.md. */
void docs_index(FILE *f, const struct docs_index_links *l);

#endif
