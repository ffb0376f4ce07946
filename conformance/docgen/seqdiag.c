/*
 * seqdiag.c - sequence diagrams as SVG or text (seqdiag.h).  The layout is
 * fixed and computed from the rows alone, so the same diagram always gives
 * the same bytes.
 */
#include "docgen/seqdiag.h"

#include <stdbool.h>
#include <string.h>

#include "base/markup.h"

#define W 1020
#define LX 250          /* left lifeline */
#define RX 770          /* right lifeline */
#define TOP 104         /* y of row 0 */
#define ROWH 40

static const char *const colour[] = {
	[SQ_NORMAL] = "#24292f", [SQ_EXPECTED] = "#1a7f37",
	[SQ_FAILED] = "#cf222e", [SQ_MUTED] = "#8c959f",
};
static const char *const marker[] = {
	[SQ_NORMAL] = "sqn", [SQ_EXPECTED] = "sqe", [SQ_FAILED] = "sqf",
	[SQ_MUTED] = "sqm",
};

void sq_init(struct sq_diagram *d, const char *title, const char *left,
	     const char *right)
{
	memset(d, 0, sizeof *d);
	snprintf(d->title, sizeof d->title, "%s", title);
	snprintf(d->side[0], sizeof d->side[0], "%s", left);
	snprintf(d->side[1], sizeof d->side[1], "%s", right);
}

int sq_row(struct sq_diagram *d)
{
	if (d->nrows < SQ_MAX_ROWS)
		d->nrows++;
	return d->nrows - 1;
}

void sq_set_state(struct sq_diagram *d, int row, int side, const char *state)
{
	if (row >= 0 && row < d->nrows && (side == 0 || side == 1))
		snprintf(d->state[row][side], sizeof d->state[row][side], "%s", state);
}

void sq_arrow(struct sq_diagram *d, int from, int sent, int arrived,
	      const char *label, enum sq_style style)
{
	struct sq_arrow *a;

	if (d->narrows == SQ_MAX_ARROWS)
		return;
	a = &d->arrows[d->narrows++];
	a->from = from;
	a->sent = sent;
	a->arrived = arrived < sent ? sent : arrived;
	a->style = style;
	snprintf(a->label, sizeof a->label, "%s", label);
}

void sq_note(struct sq_diagram *d, int side, int row, const char *text,
	     enum sq_style style)
{
	struct sq_note *n;

	if (d->nnotes == SQ_MAX_NOTES)
		return;
	n = &d->notes[d->nnotes++];
	n->side = side;
	n->row = row;
	n->style = style;
	snprintf(n->text, sizeof n->text, "%s", text);
}

static int row_y(int row)
{
	return TOP + row * ROWH;
}

/* --- SVG --------------------------------------------------------------- */

static void svg_head(FILE *f, const struct sq_diagram *d, int h, int standalone)
{
	if (standalone)
		fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		"viewBox=\"0 0 %d %d\" font-family=\"Helvetica, Arial, sans-serif\" "
		"font-size=\"12\" role=\"img\">\n<title>", W, h, W, h);
	mk_xml(f, d->title);
	fputs("</title>\n<defs>\n", f);
	for (int s = 0; s <= SQ_MUTED; s++)
		fprintf(f, "<marker id=\"%s\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
			"markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\">"
			"<path d=\"M0,0 L10,5 L0,10 z\" fill=\"%s\"/></marker>\n",
			marker[s], colour[s]);
	fprintf(f, "</defs>\n<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", W, h);
	fprintf(f, "<text x=\"%d\" y=\"26\" text-anchor=\"middle\" font-size=\"15\" "
		"font-weight=\"bold\">", W / 2);
	mk_xml(f, d->title);
	fputs("</text>\n", f);
}

static void svg_lifelines(FILE *f, const struct sq_diagram *d, int bottom)
{
	const int x[2] = { LX, RX };

	for (int s = 0; s < 2; s++) {
		fprintf(f, "<rect x=\"%d\" y=\"44\" width=\"180\" height=\"26\" rx=\"4\" "
			"fill=\"#f6f8fa\" stroke=\"#57606a\"/>\n", x[s] - 90);
		fprintf(f, "<text x=\"%d\" y=\"62\" text-anchor=\"middle\" font-weight=\"bold\">",
			x[s]);
		mk_xml(f, d->side[s]);
		fputs("</text>\n", f);
		fprintf(f, "<line x1=\"%d\" y1=\"70\" x2=\"%d\" y2=\"%d\" stroke=\"#8c959f\" "
			"stroke-width=\"1.5\"/>\n", x[s], x[s], bottom);
	}
}

static const struct sq_note *note_at(const struct sq_diagram *d, int row, int side)
{
	for (int i = 0; i < d->nnotes; i++)
		if (d->notes[i].row == row && d->notes[i].side == side)
			return &d->notes[i];
	return NULL;
}

/* One side's column of a row: the note (a call, a timeout) in italics and
 * the state after the row in bold, beside the lifeline. */
static void svg_side(FILE *f, const struct sq_diagram *d, int row, int side)
{
	const struct sq_note *n = note_at(d, row, side);
	const char *st = d->state[row][side];
	int x = side == 0 ? LX - 14 : RX + 14, y = row_y(row);
	const char *anchor = side == 0 ? "end" : "start";

	if (n != NULL) {
		fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" font-style=\"italic\" "
			"fill=\"%s\">", x, st[0] ? y - 5 : y + 4, anchor, colour[n->style]);
		mk_xml(f, n->text);
		fputs("</text>\n", f);
	}
	if (st[0]) {
		fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" font-weight=\"bold\">",
			x, n != NULL ? y + 10 : y + 4, anchor);
		mk_xml(f, st);
		fputs("</text>\n", f);
	}
}

/* atan(t) in degrees, within 0.3 degrees (no libm: x/(1+0.28x^2)). */
static double degrees(double t)
{
	double a = t < 0 ? -t : t, r;

	r = a <= 1.0 ? a / (1.0 + 0.28 * a * a) : 1.5708 - (1.0 / a) / (1.0 + 0.28 / (a * a));
	return (t < 0 ? -r : r) * 57.29578;
}

/* Where an arrow meets the left and the right lifeline. */
static void ends(const struct sq_arrow *a, int *left, int *right)
{
	*left = a->from == 0 ? a->sent : a->arrived;
	*right = a->from == 0 ? a->arrived : a->sent;
}

/* Does arrow i cross another between the lifelines (segments in flight at
 * the same time, as in a simultaneous open)? */
static bool crosses(const struct sq_diagram *d, int i)
{
	int l1, r1;

	ends(&d->arrows[i], &l1, &r1);
	for (int j = 0; j < d->narrows; j++) {
		int l2, r2;

		ends(&d->arrows[j], &l2, &r2);
		if (j != i && ((l1 < l2 && r1 > r2) || (l1 > l2 && r1 < r2)))
			return true;
	}
	return false;
}

/* The label reads left to right along the arrow, just above it: centred,
 * or from the sender's end when the arrow crosses another (so that the
 * labels of crossing segments do not meet). */
static void svg_label(FILE *f, const struct sq_arrow *a, int y1, int y2, bool crossing)
{
	int ly = a->from == 0 ? y1 : y2, ry = a->from == 0 ? y2 : y1;
	double slope = (double)(ry - ly) / (double)(RX - LX);
	double x = (LX + RX) / 2.0, y = (y1 + y2) / 2.0;
	const char *anchor = "middle";

	if (crossing) {
		x = a->from == 0 ? LX + 34 : RX - 34;
		y = a->from == 0 ? y1 + 34 * slope : y1 - 34 * slope;
		anchor = a->from == 0 ? "start" : "end";
	}
	fprintf(f, "<text transform=\"translate(%.1f,%.1f) rotate(%.2f)\" y=\"-5\" "
		"text-anchor=\"%s\" font-family=\"DejaVu Sans Mono, Menlo, monospace\" "
		"font-size=\"11\" fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"3\" "
		"paint-order=\"stroke\">", x, y, degrees(slope), anchor,
		colour[a->style]);
	mk_xml(f, a->label);
	fputs("</text>\n", f);
}

static void svg_arrow(FILE *f, const struct sq_arrow *a)
{
	int x1 = a->from == 0 ? LX : RX, x2 = a->from == 0 ? RX : LX;
	int y1 = row_y(a->sent), y2 = row_y(a->arrived);

	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
		"stroke-width=\"1.6\"%s marker-end=\"url(#%s)\"/>\n", x1, y1,
		x2 + (a->from == 0 ? -1 : 1), y2, colour[a->style],
		a->style == SQ_EXPECTED ? " stroke-dasharray=\"6 4\"" : "", marker[a->style]);
}

void sq_svg(FILE *f, const struct sq_diagram *d, int standalone)
{
	int last = d->nrows > 0 ? d->nrows - 1 : 0;
	int h = row_y(last) + 36;

	svg_head(f, d, h, standalone);
	svg_lifelines(f, d, row_y(last) + 16);
	for (int r = 0; r < d->nrows; r++) {
		fprintf(f, "<text x=\"14\" y=\"%d\" fill=\"#8c959f\">%d.</text>\n",
			row_y(r) + 4, r + 1);
		svg_side(f, d, r, 0);
		svg_side(f, d, r, 1);
	}
	for (int i = 0; i < d->narrows; i++)
		svg_arrow(f, &d->arrows[i]);
	for (int i = 0; i < d->narrows; i++)   /* labels over every line */
		svg_label(f, &d->arrows[i], row_y(d->arrows[i].sent),
			  row_y(d->arrows[i].arrived), crosses(d, i));
	fputs("</svg>\n", f);
}

/* --- text -------------------------------------------------------------- */

static void text_line(FILE *f, int row, const char *left, const char *mid,
		      const char *right)
{
	char line[256], num[16] = "";
	size_t n;

	if (row >= 0)
		snprintf(num, sizeof num, "%3d.", row + 1);
	snprintf(line, sizeof line, "%-4s  %-14s %-48s %s", num, left, mid, right);
	for (n = strlen(line); n > 0 && line[n - 1] == ' '; n--)
		line[n - 1] = '\0';
	fprintf(f, "%s\n", line);
}

/* The arrow events of a row, in the RFC's notation: an arrow touches the
 * lifeline (A left, B right) where it leaves or arrives in this row, "..."
 * where it is in flight. */
static int text_arrows(FILE *f, const struct sq_diagram *d, int r, int first)
{
	for (int i = 0; i < d->narrows; i++) {
		const struct sq_arrow *a = &d->arrows[i];
		const char *dir = a->from == 0 ? "-->" : "<--";
		bool at_left = a->from == 0 ? a->sent == r : a->arrived == r;
		bool at_right = a->from == 0 ? a->arrived == r : a->sent == r;
		char mid[160];

		if (a->sent != r && a->arrived != r)
			continue;
		snprintf(mid, sizeof mid, "%s %s %s", at_left ? dir : "...", a->label,
			 at_right ? dir : "...");
		text_line(f, first ? r : -1, first ? d->state[r][0] : "", mid,
			  first ? d->state[r][1] : "");
		first = 0;
	}
	return first;
}

void sq_text(FILE *f, const struct sq_diagram *d)
{
	fprintf(f, "%s\n\n", d->title);
	text_line(f, -1, d->side[0], "", d->side[1]);
	fputc('\n', f);
	for (int r = 0; r < d->nrows; r++) {
		const struct sq_note *n0 = note_at(d, r, 0), *n1 = note_at(d, r, 1);

		if (n0 != NULL || n1 != NULL)
			text_line(f, -1, n0 ? n0->text : "", "", n1 ? n1->text : "");
		if (text_arrows(f, d, r, 1))
			text_line(f, r, d->state[r][0], "", d->state[r][1]);
	}
}
