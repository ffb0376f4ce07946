/*
 * explore_scn.c - the explorer's words: a path as a scenario (explore.h),
 * which steps the sockets API cannot make, and which rules a profile rules
 * out by design.
 */
#include "explore/explore.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "scenario/text.h"

const char *xp_model_only_why(const struct tcp_tcb *t, bool sock,
			      const struct scn_step *st)
{
	if (st->kind != SCN_APP || st->app == APP_SETSOCKOPT || st->app == APP_ACCEPT)
		return NULL;
	if (st->app == APP_CONNECT && t->state == TCP_LISTEN)
		return "active OPEN in LISTEN (RFC 9293 3.10.1): the sockets API cannot connect() a listening socket";
	if (st->app == APP_LISTEN || st->app == APP_CONNECT)
		return t->state == TCP_CLOSED ? NULL
		       : "OPEN on an existing connection: the application would open a second socket";
	if (t->state == TCP_CLOSED && !sock)
		return "a call before any OPEN: the application has no socket to make it on";
	if (t->state == TCP_LISTEN && (st->app == APP_SEND || st->app == APP_RECV))
		return "SEND or RECEIVE in LISTEN (RFC 9293 3.10.2, 3.10.3): a listening socket neither sends nor receives";
	if (t->state == TCP_SYN_RECEIVED && t->passive)
		return "a call on a passively opened connection before accept() can return it";
	return NULL;
}

/* Rules a profile switch turns off. */
static const char *switched_off(enum tcp_rule r, const struct tcp_profile *p)
{
	switch (r) {
	case R_5961_3_RST_CHALLENGE:
		return p->rst_challenge ? NULL : "no RFC 5961 3.2 challenge ACK for a RST in this profile (rst_challenge off)";
	case R_5961_4_SYN_CHALLENGE:
		return p->syn_challenge ? NULL : "no RFC 5961 4.2 challenge ACK for a SYN in this profile (syn_challenge off)";
	case R_3_10_7_4_SYN_RESET:
		return p->syn_challenge ? "RFC 5961 4.2 answers every such SYN with a challenge ACK instead (syn_challenge on)" : NULL;
	case R_5961_5_ACK_CHALLENGE:
		return p->ack_check_5961 ? NULL : "no RFC 5961 5.2 ACK check in this profile (ack_check_5961 off)";
	case R_1337_TIME_WAIT_RST:
		return p->tw_ignore_rst ? NULL : "this profile obeys a RST in TIME-WAIT (tw_ignore_rst off)";
	case R_TIME_WAIT_RST_DROPPED:
		return p->tw_rst_inexact_dropped && !p->tw_ignore_rst ? NULL
		       : "this profile does not single out an inexact RST in TIME-WAIT (tw_rst_inexact_dropped off, or every RST ignored)";
	case R_6191_TIME_WAIT_SYN:
		return p->tw_accept_syn ? NULL : "a SYN does not reopen TIME-WAIT in this profile (tw_accept_syn off)";
	case R_2525_CLOSE_UNREAD_RST:
		return p->rst_on_close_unread ? NULL : "this profile closes without a RST for unread or late data (rst_on_close_unread off)";
	case R_3_6_1_DATA_AFTER_CLOSE_RST:
		return p->rst_on_close_unread && !p->data_after_close_acked ? NULL
		       : "this profile takes data after CLOSE without a RST (rst_on_close_unread off, or data_after_close_acked on)";
	case R_SYN_RECEIVED_SYN_RESET:
		return p->synrcvd_syn_resets ? NULL : "a SYN in passive SYN-RECEIVED returns to LISTEN without a RST here (synrcvd_syn_resets off)";
	case R_3_10_7_4_SYN_SYN_RECEIVED_PASSIVE:
		return p->synrcvd_syn_resets ? "this profile sends a RST first (synrcvd_syn_resets on: R_SYN_RECEIVED_SYN_RESET)" : NULL;
	case R_SYN_RECEIVED_SYN_AGAIN:
		return p->synrcvd_syn_again ? NULL : "the peer's SYN again is not answered with a SYN,ACK here (synrcvd_syn_again off)";
	case R_3_10_5_ABORT_RST_ALWAYS:
		return p->abort_rst_always ? NULL : "ABORT in SYN-SENT, CLOSING and LAST-ACK sends no reset here (abort_rst_always off)";
	case R_3_10_7_3_SYN_DROPPED:
		return p->no_simultaneous_open ? NULL : "this profile supports simultaneous open, MUST-10 (no_simultaneous_open off)";
	case R_3_10_7_3_SIMULTANEOUS_OPEN:
		return p->no_simultaneous_open ? "this profile drops a SYN without ACK in SYN-SENT (no_simultaneous_open on)" : NULL;
	case R_3_5_SIMULTANEOUS_SYN_ACK:
	case R_3_10_7_4_RST_SYN_RECEIVED_ACTIVE:
		return p->no_simultaneous_open ? "no simultaneous open in this profile (no_simultaneous_open on)" : NULL;
	case R_3_10_7_3_ACK_RESET:
		return p->syn_sent_ack_resets ? NULL : "an acceptable ACK without SYN in SYN-SENT is dropped here (syn_sent_ack_resets off)";
	case R_3_10_7_1_CLOSED_RST_ANSWERED:
	case R_3_10_7_3_BAD_ACK_RST_ANSWERED:
		return p->rst_answers_rst ? NULL : "a RST is never answered in this profile (rst_answers_rst off)";
	case R_3_10_7_1_CLOSED_RST:
	case R_3_10_7_3_BAD_ACK_RST:
		return p->rst_answers_rst ? "this profile answers a RST (rst_answers_rst on)" : NULL;
	case R_3_10_7_2_LISTEN_RST:
		return p->listen_as_closed && p->rst_answers_rst
		       ? "a RST to a listening port gets a closed port's reset here (listen_as_closed, rst_answers_rst on)" : NULL;
	case R_3_10_7_2_LISTEN_OTHER:
		return p->listen_as_closed ? "a segment without SYN, RST or ACK to a listening port gets a closed port's reset here (listen_as_closed on)" : NULL;
	case R_3_10_7_2_LISTEN_AS_CLOSED:
		return p->listen_as_closed ? NULL : "this profile has a LISTEN TCB (listen_as_closed off)";
	case R_3_10_7_4_ACK_UNSENT_TEXT:
		return p->ack_unsent_takes_text
		       ? "explore's ACK of unsent data carries no text, which this rule needs (tests/check_ack.c and ack-unsent-data-lwip.scn reach it)"
		       : "an ACK of unsent data drops the segment here (ack_unsent_takes_text off)";
	case R_3_10_7_4_NO_ACK_TEXT:
		return p->text_without_ack ? NULL : "a segment without ACK is dropped here (text_without_ack off)";
	default:
		return NULL;
	}
}

const char *xp_unreachable_why(enum tcp_rule r, const struct tcp_profile *p)
{
	switch (r) {
	case R_NONE:
		return "names no rule";
	case R_INVALID_EVENT:
		return "only for ill-formed input, which no scenario step makes";
	case R_TIMER_NOT_ARMED:
		return "a scenario fires only armed timers (`tcpspec check` rejects any other)";
	case R_3_10_2_SEND_NO_SPACE:
		return "needs 4 GiB queued to send; a scenario's SEND is at most 1000000 bytes";
	default:
		return switched_off(r, p);
	}
}

/* --- text ----------------------------------------------------------- */

struct out {
	char *p;
	size_t len, n;
	bool full;
};

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (o->full)
		return;
	va_start(ap, fmt);
	k = vsnprintf(o->p + o->n, o->len - o->n, fmt, ap);
	va_end(ap);
	if (k < 0 || (size_t)k >= o->len - o->n)
		o->full = true;
	else
		o->n += (size_t)k;
}

static const char *app_line(const struct scn_step *st, char *buf, size_t len)
{
	if (st->app == APP_SEND || st->app == APP_RECV)
		snprintf(buf, len, "app %s %u", scn_app_name(st->app), st->n);
	else if (st->app == APP_SETSOCKOPT)
		snprintf(buf, len, "app setsockopt %s %u", st->opt, st->n);
	else
		snprintf(buf, len, "app %s", scn_app_name(st->app));
	return buf;
}

static const char *send_line(const struct scn_step *st, char *buf, size_t len)
{
	char f[8];
	struct out o = { buf, len, 0, false };

	put(&o, "send %s seq=%lld", txt_flags_format(st->flags, f, sizeof f),
	    (long long)st->seq);
	if (st->fields & SCN_F_ACK)
		put(&o, " ack=%lld", (long long)st->ack);
	put(&o, " win=%u", st->win);
	if (st->fields & SCN_F_LEN)
		put(&o, " len=%u", st->len);
	return buf;
}

static const char *wait_line(const struct scn_step *st, char *buf, size_t len)
{
	struct out o = { buf, len, 0, false };

	if (st->wait_ms % 1000 == 0)
		put(&o, "wait %us", st->wait_ms / 1000);
	else
		put(&o, "wait %ums", st->wait_ms);
	for (int k = 0; k < st->nfires; k++)
		put(&o, "%s%s", k ? "," : " fires ", tcp_timer_name(st->fires[k]));
	return buf;
}

const char *xp_step_format(const struct scn_step *st, char *buf, size_t len)
{
	switch (st->kind) {
	case SCN_APP:
		return app_line(st, buf, len);
	case SCN_SEND:
		return send_line(st, buf, len);
	case SCN_WAIT:
		return wait_line(st, buf, len);
	default:
		if (st->expect == EXP_RULE)
			snprintf(buf, len, "expect rule %s", tcp_rule_name(st->rule));
		else
			snprintf(buf, len, "expect state %s", tcp_state_name(st->state));
		return buf;
	}
}

/* --- a path as a scenario ------------------------------------------- */

struct pstep {
	const struct xp_node *before;
	const struct scn_step *st;
	enum tcp_state to;
};

/* The steps from CLOSED to the one that reaches rule r; their number. */
static int path_of(const struct xp *x, const struct xp_hit *h, struct pstep *ps,
		   int cap)
{
	int chain[XP_MAX_DEPTH + 2], nc = 0, n = 0;

	for (int i = h->from; i >= 0 && nc < XP_MAX_DEPTH + 1; i = x->nodes[i].parent)
		chain[nc++] = i;
	for (int k = nc - 1; k >= 1 && n < cap - 1; k--, n++) {
		const struct xp_node *nd = &x->nodes[chain[k - 1]];

		ps[n] = (struct pstep){ &x->nodes[chain[k]], &nd->via, nd->tcb.state };
	}
	ps[n++] = (struct pstep){ &x->nodes[h->from], &h->via, h->to };
	return n;
}

static const char *first_model_only(const struct pstep *ps, int n, int *at)
{
	for (int k = 0; k < n; k++) {
		const char *why = xp_model_only_why(&ps[k].before->tcb,
						    ps[k].before->sock, ps[k].st);
		if (why != NULL) {
			*at = k + 1;
			return why;
		}
	}
	return NULL;
}

static void put_header(struct out *o, const struct xp *x, enum tcp_rule r,
		       const char *why, int at, int nsteps)
{
	const char *pname = x->def->name;
	bool builtin = x->def->builtin >= 0;

	put(o, "# title: %s\n", tcp_rule_summary(r));
	put(o, "# rfc: %s\n", tcp_rule_section(r));
	if (tcp_rule_label(r)[0] != '\0')
		put(o, "# labels: %s\n", tcp_rule_label(r));
	if (builtin)
		put(o, "# profiles: %s\n", pname);
	if (why != NULL)
		put(o, "# model-only: %s (step %d)\n", why, at);
	put(o, "#\n# Written by tcpspec explore %s %s --depth %d, the shortest\n"
	       "# path from CLOSED (%d steps) on which the model decides a step by\n# %s.\n",
	    builtin ? "--profile" : "--profile-file", builtin ? pname : x->def->path,
	    x->max_depth, nsteps, tcp_rule_name(r));
	if (!builtin)
		put(o, "# (No '# profiles:' line: it names built-in profiles only; run it\n"
		       "# with --profile-file %s.)\n", x->def->path);
	if (why != NULL)
		put(o, "# Check it with tcpspec check; a target cannot run it.\n");
}

/* A passively opened connection reaches the application through accept(). */
static bool needs_accept(const struct tcp_tcb *t, const struct scn_step *st,
			 bool accepted)
{
	return !accepted && st->kind == SCN_APP && st->app != APP_LISTEN &&
	       st->app != APP_CONNECT && t->passive && t->state >= TCP_ESTABLISHED;
}

static void put_step(struct out *o, const struct pstep *p, bool *accepted)
{
	enum tcp_state from = p->before->tcb.state;
	char line[128];

	if (needs_accept(&p->before->tcb, p->st, *accepted)) {
		put(o, "app accept\n");
		*accepted = true;
	}
	xp_step_format(p->st, line, sizeof line);
	if (from == p->to)
		put(o, "%-40s # %s\n", line, tcp_state_name(from));
	else
		put(o, "%-40s # %s -> %s\n", line, tcp_state_name(from),
		    tcp_state_name(p->to));
	if (p->to == TCP_CLOSED || p->to == TCP_LISTEN || p->to == TCP_SYN_RECEIVED)
		*accepted = false;
}

int xp_scenario(const struct xp *x, enum tcp_rule r, char *buf, size_t len,
		bool *model_only)
{
	struct pstep ps[XP_MAX_DEPTH + 1];
	struct out o = { buf, len, 0, false };
	const char *why;
	bool accepted = false;
	int n, at = 0;

	if (r <= R_NONE || r >= TCP_NRULES || !x->hit[r].reached || len == 0)
		return -1;
	n = path_of(x, &x->hit[r], ps, XP_MAX_DEPTH + 1);
	why = first_model_only(ps, n, &at);
	*model_only = why != NULL;
	put_header(&o, x, r, why, at, n);
	for (int k = 0; k < n; k++)
		put_step(&o, &ps[k], &accepted);
	put(&o, "expect rule %s\nexpect state %s\n", tcp_rule_name(r),
	    tcp_state_name(x->hit[r].to));
	return o.full ? -1 : (int)o.n;
}
