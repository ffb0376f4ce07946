/*
 * modelrun.c - the model's side of a scenario run.
 */
#include "scenario/modelrun.h"

#include <stdio.h>
#include <string.h>

#include "model/tcp_seq.h"
#include "scenario/appcall.h"
#include "scenario/text.h"

void mr_init(struct mr *m, const struct tcp_profile *profile)
{
	memset(m, 0, sizeof *m);
	m->prof = *profile;
	tcp_tcb_default(TCP_CLOSED, &m->prof, &m->tcb);
	m->tester_iss = MR_TESTER_ISS;
	m->tester_nxt = MR_TESTER_ISS;
	m->target_iss = MR_TARGET_ISS;
}

static uint32_t rel_to_abs(uint32_t base, int64_t rel)
{
	return rel >= 0 ? seq_add(base, (uint32_t)rel) : seq_sub(base, (uint32_t)-rel);
}

static int64_t abs_to_rel(uint32_t base, uint32_t abs)
{
	uint32_t d = seq_dist(abs, base);

	return d < SEQ_HALF ? (int64_t)d : -(int64_t)seq_dist(base, abs);
}

uint32_t mr_abs_tester(const struct mr *m, int64_t rel) { return rel_to_abs(m->tester_iss, rel); }
uint32_t mr_abs_target(const struct mr *m, int64_t rel) { return rel_to_abs(m->target_iss, rel); }
int64_t mr_rel_tester(const struct mr *m, uint32_t abs) { return abs_to_rel(m->tester_iss, abs); }
int64_t mr_rel_target(const struct mr *m, uint32_t abs) { return abs_to_rel(m->target_iss, abs); }

/* Socket options that change what the model must predict. */
static void apply_option(struct mr *m, const char *opt, uint32_t n)
{
	if (strcmp(opt, "keepalive") == 0)
		m->tcb.keepalive = n != 0;
	else if (strcmp(opt, "keepcnt") == 0 && n <= UINT8_MAX)
		m->prof.keepalive_probes = (uint8_t)n;
	else if (strcmp(opt, "user_timeout") == 0)
		m->tcb.user_timeout = n != 0;
	else if (strcmp(opt, "syncnt") == 0 && n <= UINT8_MAX)
		m->prof.syn_retries = (uint8_t)n;
	else if (strcmp(opt, "linger2") == 0)
		m->prof.fin_wait_2_timeout = true;
	m->tcb.timers = tcp_timers_for(&m->tcb, &m->prof);
}

int mr_app_event(struct mr *m, const struct scn_step *st, struct tcp_event *ev)
{
	return mr_call_event(m, st->app, st->n, st->opt, ev);
}

int mr_call_event(struct mr *m, enum scn_app app, uint32_t n, const char *opt,
		  struct tcp_event *ev)
{
	memset(ev, 0, sizeof *ev);
	ev->kind = TCP_EV_CALL;
	ev->iss = m->target_iss;
	switch (app) {
	case APP_LISTEN: ev->call = TCP_CALL_OPEN_PASSIVE; return 1;
	case APP_CONNECT: ev->call = TCP_CALL_OPEN_ACTIVE; return 1;
	case APP_SEND: ev->call = TCP_CALL_SEND; ev->n = n; return 1;
	case APP_RECV: ev->call = TCP_CALL_RECEIVE; ev->n = n; return 1;
	case APP_ABORT: ev->call = TCP_CALL_ABORT; return 1;
	case APP_CLOSE: ev->call = TCP_CALL_CLOSE; return 1;
	case APP_SHUTDOWN:
		/* shutdown(SHUT_WR) is the RFC's CLOSE for a socket the
		 * application keeps: it still reads, so unread data is no
		 * reason to reset, and the connection is not orphaned (Linux
		 * times out FIN-WAIT-2 only for orphans). */
		m->prof.rst_on_close_unread = false;
		m->prof.fin_wait_2_timeout = false;
		ev->call = TCP_CALL_CLOSE;
		return 1;
	case APP_SETSOCKOPT:
		apply_option(m, opt != NULL ? opt : "", n);
		return 0;
	default:
		return 0;
	}
}

void mr_send_segment(const struct mr *m, const struct scn_step *st,
		     struct tcp_segment *seg)
{
	memset(seg, 0, sizeof *seg);
	seg->flags = st->flags;
	seg->seq = (st->fields & SCN_F_SEQ) ? mr_abs_tester(m, st->seq) : m->tester_nxt;
	if (st->fields & SCN_F_ACK)
		seg->ack = mr_abs_target(m, st->ack);
	else if (st->flags & TCP_ACK)
		seg->ack = m->tcb.state == TCP_CLOSED || m->tcb.state == TCP_LISTEN
				   ? 0 : m->tcb.snd_nxt;
	seg->wnd = (st->fields & SCN_F_WIN) ? st->win : 65535;
	seg->len = st->len;
	seg->up = (uint16_t)st->up;
	if (st->fields & SCN_F_MSS)
		seg->mss = (uint16_t)st->mss;
	else if (st->flags & TCP_SYN)
		seg->mss = 1460;
}

uint32_t mr_target_iss(const struct mr *m)
{
	if (m->tcb.state == TCP_TIME_WAIT)
		return seq_add(m->tcb.snd_nxt, 65537u);
	return m->target_iss;
}

void mr_eval(const struct mr *m, const struct tcp_event *ev, struct mr_step *out)
{
	out->ev = *ev;
	out->before = m->tcb;
	tcp_step(&m->tcb, ev, &m->prof, &out->after, &out->res);
}

bool mr_timeout(const struct mr *m, enum tcp_timer t, struct mr_step *out)
{
	struct tcp_event ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = TCP_EV_TIMEOUT;
	ev.timer = t;
	mr_eval(m, &ev, out);
	return out->res.rule != R_TIMER_NOT_ARMED;
}

int mr_apply(struct mr *m, const struct scn_step *st, struct mr_step *last)
{
	struct tcp_event ev;

	memset(last, 0, sizeof *last);
	if (st->kind == SCN_WAIT) {
		mr_new_stimulus(m);
		for (int k = 0; k < st->nfires; k++) {
			if (!mr_timeout(m, st->fires[k], last))
				return -1;
			mr_commit(m, last);
		}
		return st->nfires > 0;
	}
	if (st->kind == SCN_APP) {
		if (!mr_app_event(m, st, &ev))
			return 0;
	} else if (st->kind == SCN_SEND) {
		memset(&ev, 0, sizeof ev);
		ev.kind = TCP_EV_SEGMENT;
		ev.iss = mr_target_iss(m);
		mr_send_segment(m, st, &ev.seg);
	} else {
		return 0;
	}
	mr_new_stimulus(m);
	mr_eval(m, &ev, last);
	mr_commit(m, last);
	return 1;
}

/* The socket's memory follows the model: a new connection starts clean,
 * an error that ends one is pending, the peer's FIN ends the reads. */
static void sock_follow(struct mr *m, const struct mr_step *s)
{
	const char *e = app_errno_for(&m->prof, &s->res, s->before.state);
	enum tcp_state a = s->after.state;

	if (((s->before.state == TCP_CLOSED || s->before.state == TCP_LISTEN) &&
	     (a == TCP_SYN_SENT || a == TCP_SYN_RECEIVED)) || s->res.rule == R_6191_TIME_WAIT_SYN)
		memset(&m->sock, 0, sizeof m->sock);
	if (e != NULL)
		m->sock.pending = app_errno_value(e);
	if (a == TCP_CLOSE_WAIT || a == TCP_CLOSING || a == TCP_LAST_ACK || a == TCP_TIME_WAIT)
		m->sock.fin = true;
}

void mr_commit(struct mr *m, const struct mr_step *s)
{
	sock_follow(m, s);
	m->tcb = s->after;
	/* a reopened TIME-WAIT starts afresh: later relative ack numbers
	 * count from the new ISS (MAY-2) */
	if (s->res.rule == R_6191_TIME_WAIT_SYN)
		m->target_iss = s->after.iss;
	if (m->nhist < MR_MAX_HIST)
		m->hist[m->nhist++] = *s;
	if (s->ev.kind == TCP_EV_SEGMENT) {
		uint32_t end = seq_add(s->ev.seg.seq, tcp_seg_len(&s->ev.seg));

		if (seq_gt(end, m->tester_nxt))
			m->tester_nxt = end;
	}
}

void mr_bind_iss(struct mr *m, struct mr_step *s, uint32_t iss)
{
	m->target_iss = iss;
	m->target_iss_bound = true;
	s->ev.iss = iss;
	tcp_step(&s->before, &s->ev, &m->prof, &s->after, &s->res);
}

void mr_new_stimulus(struct mr *m)
{
	m->nhist = 0;
}

/* The connection's space around an ISS: a number up to 2^20 before it (a
 * keep-alive probe's SND.NXT-1, an old ACK below SND.UNA-MAX.SND.WND) or
 * 2^24 after it (more than any scenario sends).  Elsewhere a number is no offset into
 * this connection: a reset of a closed port carries SEQ=0, an unrelated ISS
 * its own. */
#define SPACE_BEFORE 0x100000u
#define SPACE_AFTER 0x1000000u

static void seq_text(uint32_t iss, uint32_t abs, char *buf, size_t len)
{
	uint32_t after = seq_dist(abs, iss), before = seq_dist(iss, abs);

	if (after < SPACE_AFTER)
		snprintf(buf, len, "%u", after);
	else if (before <= SPACE_BEFORE)
		snprintf(buf, len, "-%u", before);
	else
		snprintf(buf, len, "raw:%u", abs);
}

const char *mr_format_seg(const struct mr *m, const struct tcp_segment *s, bool from_target,
			  char *buf, size_t len)
{
	uint32_t own = from_target ? m->target_iss : m->tester_iss;
	uint32_t peer = from_target ? m->tester_iss : m->target_iss;
	char f[8], seq[24], ack[32] = "";

	seq_text(own, s->seq, seq, sizeof seq);
	if (s->flags & TCP_ACK) {
		memcpy(ack, " ack=", 6);
		seq_text(peer, s->ack, ack + 5, sizeof ack - 5);
	}
	snprintf(buf, len, "%s seq=%s%s win=%u len=%u", txt_flags_format(s->flags, f, sizeof f),
		 seq, ack, s->wnd, s->len);
	return buf;
}

const char *mr_format_target_seg(const struct mr *m, const struct tcp_segment *s,
				 char *buf, size_t len)
{
	return mr_format_seg(m, s, true, buf, len);
}

static bool seg_matches(const struct mr *m, const struct scn_step *st,
			const struct tcp_segment *s)
{
	uint8_t want = st->flags, got = s->flags;

	if (!(want & TCP_PSH))
		got &= (uint8_t)~TCP_PSH;
	if (want != got)
		return false;
	if ((st->fields & SCN_F_SEQ) && s->seq != mr_abs_target(m, st->seq))
		return false;
	if ((st->fields & SCN_F_ACK) && s->ack != mr_abs_tester(m, st->ack))
		return false;
	if ((st->fields & SCN_F_LEN) && s->len != st->len)
		return false;
	if ((st->fields & SCN_F_WIN) && s->wnd != st->win)
		return false;
	if ((st->fields & SCN_F_UP) && s->up != st->up)
		return false;
	if ((st->fields & SCN_F_MSS) && s->mss != st->mss)
		return false;
	return true;
}

static void list_segs(const struct mr *m, const struct mr_seen *seen, char *buf,
		      size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	if (seen->nsegs == 0)
		snprintf(buf, len, "nothing");
	for (int i = 0; i < seen->nsegs && n < len; i++) {
		char s[96];

		n += (size_t)snprintf(buf + n, len - n, "%s%s", i ? "; " : "",
				      mr_format_target_seg(m, &seen->segs[i], s, sizeof s));
	}
}

/* An `expect FLAGS fields` as the scenario writes it: "S. seq=0 ack=1". */
static void expect_text(const struct scn_step *st, char *buf, size_t len)
{
	static const struct { unsigned bit; const char *name; } fields[] = {
		{ SCN_F_SEQ, "seq" }, { SCN_F_ACK, "ack" }, { SCN_F_WIN, "win" },
		{ SCN_F_LEN, "len" }, { SCN_F_UP, "up" }, { SCN_F_MSS, "mss" },
	};
	const int64_t vals[] = { st->seq, st->ack, st->win, st->len, st->up, st->mss };
	char f[8];
	size_t n = (size_t)snprintf(buf, len, "%s", txt_flags_format(st->flags, f, sizeof f));

	for (size_t i = 0; i < sizeof fields / sizeof fields[0] && n < len; i++)
		if (st->fields & fields[i].bit)
			n += (size_t)snprintf(buf + n, len - n, " %s=%lld", fields[i].name,
					      (long long)vals[i]);
}

int mr_expect(const struct mr *m, const struct scn_step *st, const struct mr_seen *seen,
	      char *expected, size_t elen, char *observed, size_t olen)
{
	switch (st->expect) {
	case EXP_NONE:
		if (seen->nsegs == 0)
			return 0;
		snprintf(expected, elen, "no segment");
		list_segs(m, seen, observed, olen);
		return -1;
	case EXP_SEGMENT:
		for (int i = 0; i < seen->nsegs; i++)
			if (seg_matches(m, st, &seen->segs[i]))
				return 0;
		expect_text(st, expected, elen);
		list_segs(m, seen, observed, olen);
		return -1;
	case EXP_STATE:
		if (!seen->state_known || seen->state == st->state)
			return 0;
		snprintf(expected, elen, "state %s", tcp_state_name(st->state));
		snprintf(observed, olen, "state %s", tcp_state_name(seen->state));
		return -1;
	case EXP_RULE:
		for (int i = 0; i < m->nhist; i++)
			if (m->hist[i].res.rule == st->rule)
				return 0;
		snprintf(expected, elen, "rule %s", tcp_rule_name(st->rule));
		if (m->nhist > 0)
			snprintf(observed, olen, "rule %s",
				 tcp_rule_name(m->hist[m->nhist - 1].res.rule));
		else
			snprintf(observed, olen, "no step of the model");
		return -1;
	case EXP_APP_VALUE:
	case EXP_APP_OK:
	case EXP_APP_ERROR: {
		struct mr_call want;

		memset(&want, 0, sizeof want);
		if (st->expect == EXP_APP_ERROR) {
			want.kind = MR_CALL_ERRNO;
			want.err = app_errno_value(st->error);
		} else {
			want.kind = MR_CALL_VALUE;
			want.value = st->n;
			want.upto = st->expect == EXP_APP_OK;
		}
		if (!seen->call_known ||
		    (st->expect == EXP_APP_OK ? seen->call_rc == 0
					       : mr_call_matches(&want, seen->call_rc, seen->call_value)))
			return 0;
		if (st->expect == EXP_APP_OK)
			snprintf(expected, elen, "app %s succeeds", scn_app_name(st->app));
		else
			mr_call_text(&want, st->app, expected, elen);
		mr_call_observed(st->app, seen->call_rc, seen->call_value, observed, olen);
		return -1;
	}
	default:
		if (seen->error == NULL || strcmp(seen->error, st->error) == 0)
			return 0;
		snprintf(expected, elen, "application error %s", st->error);
		snprintf(observed, olen, "application error %s", seen->error);
		return -1;
	}
}

const char *mr_app_error(const struct mr *m)
{
	for (int i = m->nhist - 1; i >= 0; i--) {
		const char *e = app_errno_for(&m->prof, &m->hist[i].res, m->hist[i].before.state);

		if (e != NULL)
			return e;
	}
	return "NONE";
}
