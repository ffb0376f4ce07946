/*
 * diagram.c - RFC 9293 Figure 5 from the model's transition table
 * (diagram.h).  The edges are the table's rows that change the state,
 * grouped by (state, next state, kind); each label line is "event / what
 * is sent".  Deterministic: the table's order, no clock.
 */
#include "docgen/diagram.h"

#include <string.h>

#include "base/markup.h"
#include "docgen/table.h"

#define DG_MAX_EDGES 96
#define DG_MAX_LINES 10
#define DG_MAX_RULES 8
#define BOTTOM TCP_NSTATES      /* the second CLOSED node, at the bottom */

enum mark { M_PLAIN = 0, M_UNCOVERED, M_PASSED, M_FAILED };

struct line {
	char text[96];
	int nrules;
	enum tcp_rule rules[DG_MAX_RULES];
};

struct edge {
	enum tcp_state from;
	int to;                 /* a state, or BOTTOM */
	bool abnormal;          /* reset, abort, give-up: Figure 5's Note 3 */
	int nlines;
	bool more;              /* lines left out */
	struct line lines[DG_MAX_LINES];
};

struct graph {
	int nedges;
	struct edge e[DG_MAX_EDGES];
	const struct dg_seen *seen;
	int nseen;
};

/* Figure 5's rows, top to bottom. */
static const int rank_of[TCP_NSTATES + 1] = {
	[TCP_CLOSED] = 0, [TCP_LISTEN] = 1, [TCP_SYN_RECEIVED] = 2,
	[TCP_SYN_SENT] = 2, [TCP_ESTABLISHED] = 3, [TCP_FIN_WAIT_1] = 4,
	[TCP_CLOSE_WAIT] = 4, [TCP_FIN_WAIT_2] = 5, [TCP_CLOSING] = 5,
	[TCP_LAST_ACK] = 5, [TCP_TIME_WAIT] = 6, [BOTTOM] = 7,
};

/* The seed's usual paths (docs/design.md; RFC 9293 Figure 5). */
static const int server_path[][2] = {
	{ TCP_CLOSED, TCP_LISTEN }, { TCP_LISTEN, TCP_SYN_RECEIVED },
	{ TCP_SYN_RECEIVED, TCP_ESTABLISHED }, { TCP_ESTABLISHED, TCP_CLOSE_WAIT },
	{ TCP_CLOSE_WAIT, TCP_LAST_ACK }, { TCP_LAST_ACK, BOTTOM },
};
static const int client_path[][2] = {
	{ TCP_CLOSED, TCP_SYN_SENT }, { TCP_SYN_SENT, TCP_ESTABLISHED },
	{ TCP_ESTABLISHED, TCP_FIN_WAIT_1 }, { TCP_FIN_WAIT_1, TCP_FIN_WAIT_2 },
	{ TCP_FIN_WAIT_2, TCP_TIME_WAIT }, { TCP_TIME_WAIT, BOTTOM },
};

#define SERVER_COLOUR "#0a58ca"
#define CLIENT_COLOUR "#c2410c"
#define ABNORMAL_COLOUR "#6e7781"
static const char *const mark_colour[] = {
	[M_PLAIN] = "#24292f", [M_UNCOVERED] = "#8c959f",
	[M_PASSED] = "#1a7f37", [M_FAILED] = "#cf222e",
};

static const char *node_id(int n)
{
	return n == BOTTOM ? "CLOSED_end" : tcp_state_name((enum tcp_state)n);
}

/* --- label lines from table rows -------------------------------------- */

static void event_text(const struct tbl_row *r, char *buf, size_t len)
{
	static const char *const calls[TCP_NCALLS] = {
		"active OPEN", "passive OPEN", "SEND", "RECEIVE", "CLOSE", "ABORT",
	};

	if (r->ev.kind == TCP_EV_CALL)
		snprintf(buf, len, "%s%s", calls[r->ev.call],
			 r->before.rcv_unread ? " (data unread)" : "");
	else if (r->ev.kind == TCP_EV_TIMEOUT)
		snprintf(buf, len, "%s timeout%s", tcp_timer_name(r->ev.timer),
			 strstr(r->cond, "exhausted") ? " (limit)" : "");
	else
		snprintf(buf, len, "rcv %s", r->event);
}

/* What is sent, as the figure writes it: "snd SYN,ACK", "snd FIN". */
static void action_text(const struct tcp_result *res, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < res->nemit && n < len; i++) {
		uint8_t f = res->emit[i].flags;
		const char *what = (f & TCP_SYN) ? ((f & TCP_ACK) ? "SYN,ACK" : "SYN")
				 : (f & TCP_RST) ? ((f & TCP_ACK) ? "RST,ACK" : "RST")
				 : (f & TCP_FIN) ? "FIN"
				 : res->emit[i].len ? "data" : "ACK";

		n += (size_t)snprintf(buf + n, len - n, "%s%s", i ? "+" : "snd ", what);
	}
}

static bool is_abnormal(const struct tbl_row *r)
{
	enum tcp_notify n = r->res.notify;

	if (r->after.state != TCP_CLOSED)
		return false;
	if (n == TCP_N_RESET || n == TCP_N_REFUSED || n == TCP_N_USER_TIMEOUT ||
	    n == TCP_N_TIMED_OUT)
		return true;
	if (r->ev.kind == TCP_EV_CALL && r->ev.call == TCP_CALL_ABORT)
		return true;
	if (r->ev.kind == TCP_EV_SEGMENT && (r->ev.seg.flags & TCP_RST))
		return true;
	for (int i = 0; i < r->res.nemit; i++)
		if (r->res.emit[i].flags & TCP_RST)
			return true;
	return false;
}

static int target_node(enum tcp_state from, enum tcp_state to)
{
	if (to == TCP_CLOSED && rank_of[from] >= rank_of[TCP_ESTABLISHED])
		return BOTTOM;
	return (int)to;
}

static struct edge *edge_for(struct graph *g, enum tcp_state from, int to,
			     bool abnormal)
{
	for (int i = 0; i < g->nedges; i++)
		if (g->e[i].from == from && g->e[i].to == to && g->e[i].abnormal == abnormal)
			return &g->e[i];
	if (g->nedges == DG_MAX_EDGES)
		return NULL;
	memset(&g->e[g->nedges], 0, sizeof g->e[0]);
	g->e[g->nedges].from = from;
	g->e[g->nedges].to = to;
	g->e[g->nedges].abnormal = abnormal;
	return &g->e[g->nedges++];
}

static void add_line(struct edge *e, const char *text, enum tcp_rule rule)
{
	struct line *l = NULL;

	for (int i = 0; i < e->nlines && l == NULL; i++)
		if (strcmp(e->lines[i].text, text) == 0)
			l = &e->lines[i];
	if (l == NULL) {
		if (e->nlines == DG_MAX_LINES) {
			e->more = true;
			return;
		}
		l = &e->lines[e->nlines++];
		snprintf(l->text, sizeof l->text, "%s", text);
	}
	for (int i = 0; i < l->nrules; i++)
		if (l->rules[i] == rule)
			return;
	if (l->nrules < DG_MAX_RULES)
		l->rules[l->nrules++] = rule;
}

static void row_cb(const struct tbl_row *r, void *arg)
{
	struct graph *g = arg;
	struct edge *e;
	char ev[64], act[48], text[128];

	if (r->state == r->after.state)
		return;
	e = edge_for(g, r->state, target_node(r->state, r->after.state), is_abnormal(r));
	if (e == NULL)
		return;
	event_text(r, ev, sizeof ev);
	action_text(&r->res, act, sizeof act);
	snprintf(text, sizeof text, "%s%s%s", ev, act[0] ? " / " : "", act);
	add_line(e, text, r->res.rule);
}

/* Steps a run took that the table does not show get an edge of their own,
 * labelled with the rule. */
static void add_seen(struct graph *g)
{
	for (int i = 0; i < g->nseen; i++) {
		const struct dg_seen *s = &g->seen[i];
		int to = target_node(s->from, s->to);
		bool found = false;

		if (s->from == s->to)
			continue;
		for (int k = 0; k < g->nedges && !found; k++)
			for (int l = 0; l < g->e[k].nlines && !found; l++)
				for (int m = 0; m < g->e[k].lines[l].nrules; m++)
					found |= g->e[k].from == s->from && g->e[k].to == to &&
						 g->e[k].lines[l].rules[m] == s->rule;
		if (!found) {
			struct edge *e = edge_for(g, s->from, to, false);

			if (e != NULL)
				add_line(e, tcp_rule_name(s->rule), s->rule);
		}
	}
}

/* --- marks ------------------------------------------------------------- */

static enum mark line_mark(const struct graph *g, const struct edge *e,
			   const struct line *l)
{
	enum mark m = M_UNCOVERED;

	if (g->seen == NULL)
		return M_PLAIN;
	for (int i = 0; i < g->nseen; i++) {
		const struct dg_seen *s = &g->seen[i];

		if (s->from != e->from || target_node(s->from, s->to) != e->to)
			continue;
		for (int k = 0; k < l->nrules; k++)
			if (l->rules[k] == s->rule)
				m = s->failed ? M_FAILED : (m == M_FAILED ? M_FAILED : M_PASSED);
	}
	return m;
}

static enum mark edge_mark(const struct graph *g, const struct edge *e)
{
	enum mark m = g->seen == NULL ? M_PLAIN : M_UNCOVERED;

	for (int i = 0; i < e->nlines; i++) {
		enum mark lm = line_mark(g, e, &e->lines[i]);

		if (lm > m)
			m = lm;
	}
	return m;
}

static bool on_path(const int path[][2], size_t n, const struct edge *e)
{
	for (size_t i = 0; i < n; i++)
		if (path[i][0] == (int)e->from && path[i][1] == e->to)
			return true;
	return false;
}

/* --- output ------------------------------------------------------------ */

static void write_nodes(FILE *f)
{
	static const int rows[][3] = {
		{ TCP_CLOSED, -1, -1 }, { TCP_LISTEN, -1, -1 },
		{ TCP_SYN_RECEIVED, TCP_SYN_SENT, -1 }, { TCP_ESTABLISHED, -1, -1 },
		{ TCP_FIN_WAIT_1, TCP_CLOSE_WAIT, -1 },
		{ TCP_FIN_WAIT_2, TCP_CLOSING, TCP_LAST_ACK },
		{ TCP_TIME_WAIT, -1, -1 }, { BOTTOM, -1, -1 },
	};

	for (int s = 0; s <= BOTTOM; s++)
		fprintf(f, "  \"%s\" [label=\"%s\"%s];\n", node_id(s),
			tcp_state_name(s == BOTTOM ? TCP_CLOSED : (enum tcp_state)s),
			s == TCP_ESTABLISHED ? ", penwidth=2" : "");
	/* each row of Figure 5 is a rank, its states in the figure's order */
	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
		fputs("  { rank=same;", f);
		for (int k = 0; k < 3 && rows[r][k] >= 0; k++)
			fprintf(f, " \"%s\";", node_id(rows[r][k]));
		fputs(" }\n", f);
		for (int k = 1; k < 3 && rows[r][k] >= 0; k++)
			fprintf(f, "  \"%s\" -> \"%s\" [style=invis, weight=5];\n",
				node_id(rows[r][k - 1]), node_id(rows[r][k]));
		if (r > 0)
			fprintf(f, "  \"%s\" -> \"%s\" [style=invis, weight=%d];\n",
				node_id(rows[r - 1][0]), node_id(rows[r][0]), 1);
	}
}

static const char *edge_colour(const struct graph *g, const struct edge *e,
			       enum mark m)
{
	if (g->seen != NULL)
		return mark_colour[m];
	if (e->abnormal)
		return ABNORMAL_COLOUR;
	if (on_path(server_path, sizeof server_path / sizeof server_path[0], e))
		return SERVER_COLOUR;
	if (on_path(client_path, sizeof client_path / sizeof client_path[0], e))
		return CLIENT_COLOUR;
	return mark_colour[M_PLAIN];
}

static void write_edge(FILE *f, const struct graph *g, const struct edge *e)
{
	enum mark m = edge_mark(g, e);
	const char *colour = edge_colour(g, e, m);
	bool path = g->seen == NULL && colour != mark_colour[M_PLAIN] && !e->abnormal;
	bool up = rank_of[e->to] < rank_of[e->from];

	fprintf(f, "  \"%s\" -> \"%s\" [color=\"%s\", fontcolor=\"%s\"%s%s%s, label=<",
		node_id((int)e->from), node_id(e->to), colour, colour,
		path || m == M_FAILED ? ", penwidth=2.2" : "",
		(e->abnormal && g->seen == NULL) || m == M_UNCOVERED ? ", style=dashed" : "",
		up || rank_of[e->to] == rank_of[e->from] ? ", constraint=false" : ", weight=3");
	for (int i = 0; i < e->nlines; i++) {
		enum mark lm = line_mark(g, e, &e->lines[i]);

		fprintf(f, "%s<FONT COLOR=\"%s\">", i ? "<BR/>" : "",
			g->seen != NULL ? mark_colour[lm] : colour);
		mk_xml(f, e->lines[i].text);
		fputs("</FONT>", f);
	}
	fprintf(f, "%s>];\n", e->more ? "<BR/>..." : "");
}

static void write_legend(FILE *f, const char *name, bool run)
{
	fputs("  label=<<B>RFC 9293 Figure 5, from the model: profile ", f);
	mk_xml(f, name);
	fputs("</B><BR/>", f);
	if (run)
		fprintf(f, "<FONT COLOR=\"%s\">passed</FONT> &#160; <FONT COLOR=\"%s\">failed</FONT>"
			" &#160; <FONT COLOR=\"%s\">not covered (dashed)</FONT>",
			mark_colour[M_PASSED], mark_colour[M_FAILED], mark_colour[M_UNCOVERED]);
	else
		fprintf(f, "<FONT COLOR=\"%s\">usual server path</FONT> &#160; "
			"<FONT COLOR=\"%s\">usual client path</FONT> &#160; "
			"<FONT COLOR=\"%s\">reset, abort, give-up (dashed; Figure 5 Note 3)</FONT>",
			SERVER_COLOUR, CLIENT_COLOUR, ABNORMAL_COLOUR);
	fputs(">;\n", f);
}

void dg_write(FILE *f, const struct tcp_profile *p, const char *name,
	      const struct dg_seen *seen, int nseen)
{
	static struct graph g;

	memset(&g, 0, sizeof g);
	g.seen = seen;
	g.nseen = seen != NULL ? nseen : 0;
	tbl_enumerate(p, row_cb, &g);
	add_seen(&g);
	fprintf(f, "digraph \"tcp %s\" {\n  rankdir=TB; newrank=true; nodesep=0.6; ranksep=0.7;\n"
		"  labelloc=b; fontname=\"Helvetica\"; fontsize=12;\n"
		"  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=12, "
		"width=1.6];\n  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.7];\n",
		name);
	write_legend(f, name, seen != NULL);
	write_nodes(f);
	for (int i = 0; i < g.nedges; i++)
		write_edge(f, &g, &g.e[i]);
	fputs("}\n", f);
}
