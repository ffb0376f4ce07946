/*
 * seqdiag.h - sequence diagrams: two lifelines, the segments between them as
 * arrows (slanted when a segment is in flight across other events), the
 * calls and timeouts as notes, and each side's state after each row, in the
 * manner of the figures of RFC 9293 3.5 and 3.6.  Rendered as SVG (for the
 * docs and the HTML report) or as text.  No TCP knowledge: seqsim.c fills
 * one by running the model, report_html.c from a run's trail.
 */
#ifndef TCPSPEC_SEQDIAG_H
#define TCPSPEC_SEQDIAG_H

#include <stdio.h>

#define SQ_MAX_ROWS 64
#define SQ_MAX_ARROWS 64
#define SQ_MAX_NOTES 64

enum sq_style {
	SQ_NORMAL = 0,
	SQ_EXPECTED,   /* what the model expected and the target did not send */
	SQ_FAILED,     /* what the target sent instead */
	SQ_MUTED,
};

struct sq_arrow {
	int from;            /* 0: the left lifeline, 1: the right one */
	int sent, arrived;   /* rows; arrived == sent draws it level */
	char label[96];
	enum sq_style style;
};

struct sq_note {
	int side;
	int row;
	char text[96];
	enum sq_style style;
};

struct sq_diagram {
	char title[128];
	char side[2][48];                  /* lifeline names */
	int nrows;
	char state[SQ_MAX_ROWS][2][24];    /* state after the row, "" = unchanged */
	int narrows;
	struct sq_arrow arrows[SQ_MAX_ARROWS];
	int nnotes;
	struct sq_note notes[SQ_MAX_NOTES];
};

void sq_init(struct sq_diagram *d, const char *title, const char *left,
	     const char *right);
/* Start a new row; returns its index, or the last row when full. */
int sq_row(struct sq_diagram *d);
void sq_set_state(struct sq_diagram *d, int row, int side, const char *state);
void sq_arrow(struct sq_diagram *d, int from, int sent, int arrived,
	      const char *label, enum sq_style style);
void sq_note(struct sq_diagram *d, int side, int row, const char *text,
	     enum sq_style style);

/* A standalone SVG document (with the XML declaration) or, with
 * standalone false, an <svg> element to inline in HTML. */
void sq_svg(FILE *f, const struct sq_diagram *d, int standalone);
/* The RFC's text form: one numbered line per row. */
void sq_text(FILE *f, const struct sq_diagram *d);

#endif
