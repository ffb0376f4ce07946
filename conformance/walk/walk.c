/*
 * walk.c - random walks, their runs and the shrinking of what fails (walk.h).
 */
#include "walk/walk.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/err.h"
#include "explore/explore.h"
#include "scenario/modelrun.h"
#include "scenario/scenario.h"
#include "scenario/text.h"
#include "targets/target.h"

#define ALPHA_MAX 80
#define TEXT_MAX 16384
#define BATCH 64
#define SHRINK_TRIES 80

/* xorshift64*: the same seed gives the same walk on every machine. */
static uint64_t next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

/* --- generating a sequence ------------------------------------------------ */

/* Where the application's sockets are, for the calls it can still make. */
struct app {
	bool sock;	/* it has opened one (listen or connect) */
	bool listener;	/* the one it opened is a listener */
	bool listening;	/* ... and it is open: it takes the next SYN to the port */
	bool accepted;	/* it has accepted the connection */
	bool released;	/* it has closed or aborted its socket: no more calls */
};

/* A step the sockets API can make from here, as a program would. */
static bool callable(const struct app *a, const struct mr *m, const struct scn_step *st,
		     bool timers)
{
	if (st->kind == SCN_WAIT)
		return timers;
	if (st->kind != SCN_APP)
		return true;
	if (a->released || xp_model_only_why(&m->tcb, a->sock, st) != NULL ||
	    xp_api_refuses_why(m->tcb.state, a->sock, st) != NULL)
		return false;
	/* a passively opened connection is the program's once accepted */
	if (a->listener && !a->accepted && st->app != APP_SETSOCKOPT &&
	    st->app != APP_LISTEN && st->app != APP_CONNECT)
		return st->app == APP_CLOSE || st->app == APP_ABORT;
	return true;
}

static void note_call(struct app *a, const struct scn_step *st)
{
	if (st->kind != SCN_APP)
		return;
	if (st->app == APP_LISTEN || st->app == APP_CONNECT) {
		a->sock = true;
		a->listener = a->listening = st->app == APP_LISTEN;
	} else if (st->app == APP_ACCEPT) {
		a->accepted = true;
	} else if (st->app == APP_CLOSE || st->app == APP_ABORT) {
		/* before accept the call is the listener's: it takes its
		 * requests along; after, the accepted socket's */
		if (!a->accepted)
			a->listening = false;
		a->released = true;
	}
}

/*
 * The model has one connection; the sockets API has a listener besides it.
 * Once a passively opened connection is CLOSED while its listener is open,
 * the next SYN would start another connection on the listener, and any
 * other segment reaches the listener, not a closed port (RFC 9293 3.10.7.1
 * vs 3.10.7.2): the model's CLOSED no longer describes the target, so the
 * sequence ends there.
 */
static bool listener_outlives(const struct app *a, const struct mr *m)
{
	return a->listening && m->tcb.state == TCP_CLOSED;
}

/* The next event: an accept as soon as there is a connection to accept,
 * else one drawn from the alphabet. */
static bool draw(uint64_t *rng, const struct mr *m, const struct app *a, bool timers,
		 struct scn_step *out)
{
	static struct scn_step alpha[ALPHA_MAX];
	int n, k = 0;
	int pick[ALPHA_MAX];

	if (a->listener && !a->accepted && !a->released && m->tcb.state >= TCP_ESTABLISHED) {
		memset(out, 0, sizeof *out);
		out->kind = SCN_APP;
		out->app = APP_ACCEPT;
		return true;
	}
	n = xp_alphabet(m, a->sock, alpha, ALPHA_MAX);
	for (int i = 0; i < n; i++)
		if (callable(a, m, &alpha[i], timers))
			pick[k++] = i;
	if (k == 0)
		return false;
	*out = alpha[pick[next(rng) % (uint64_t)k]];
	return true;
}

int walk_sequence(const struct profile_def *p, uint64_t seed, long index, int length,
		  bool timers, char *text, size_t len)
{
	static struct mr m;
	struct app a = { false, false, false, false, false };
	uint64_t rng = seed * 0x9e3779b97f4a7c15ULL + (uint64_t)index + 1;
	size_t used;
	int w;

	mr_init(&m, &p->tcp);
	w = snprintf(text, len,
		     "# title: random walk %llu/%ld (%s)\n# rfc: RFC 9293 3.10\n# profiles: %s\n",
		     (unsigned long long)seed, index, p->name,
		     p->builtin >= 0 ? p->name : "rfc9293 rfc9293-5961 linux lwip");
	if (w < 0 || (size_t)w >= len)
		return -1;
	used = (size_t)w;
	for (int i = 0; i < length; i++) {
		struct scn_step st;
		struct mr_step last;
		char line[160];

		if (!draw(&rng, &m, &a, timers, &st) || mr_apply(&m, &st, &last) < 0)
			break;
		note_call(&a, &st);
		xp_step_format(&st, line, sizeof line);
		w = snprintf(text + used, len - used, "%s\n", line);
		if (w < 0 || (size_t)w >= len - used)
			return -1;
		used += (size_t)w;
		if (listener_outlives(&a, &m))
			break;
	}
	return (int)used;
}

/* The sequence as a scenario the model accepts: cut before the first step
 * the model target does not (a call the sockets API makes differently). */
static int make_scenario(const struct profile_def *pid, uint64_t seed, long index, int length,
			 bool timers, struct scn *s, char *text)
{
	char path[64], err[1024];

	snprintf(path, sizeof path, "walk-%llu-%ld.scn", (unsigned long long)seed, index);
	if (walk_sequence(pid, seed, index, length, timers, text, TEXT_MAX) < 0 ||
	    scn_parse(path, text, s, err, sizeof err) != 0)
		return -1;
	while (s->nsteps > 0 && run_check(s, pid, err, sizeof err) != 0) {
		int line = atoi(err);
		int k = 0;

		while (k < s->nsteps && s->steps[k].line < line)
			k++;
		if (k == s->nsteps)
			k = s->nsteps - 1;
		s->nsteps = k;
	}
	return s->nsteps > 0 ? 0 : -1;
}

static const struct profile_def *profile_of(const struct walk_opts *o, const char *target);

int walk_show(const struct walk_opts *o, long index, char *text, size_t len)
{
	static struct scn s;
	static char raw[TEXT_MAX];
	const struct profile_def *pid;
	size_t used;
	int w;

	pid = profile_of(o, o->targets[0]);
	if (make_scenario(pid, o->seed, index, o->length, o->timers, &s, raw) != 0)
		return -1;
	w = snprintf(text, len, "# title: random walk %llu/%ld (%s)\n# rfc: RFC 9293 3.10\n"
		     "# profiles: %s\n", (unsigned long long)o->seed, index, pid->name,
		     pid->builtin >= 0 ? pid->name : "rfc9293 rfc9293-5961 linux lwip");
	if (w < 0 || (size_t)w >= len)
		return -1;
	used = (size_t)w;
	for (int i = 0; i < s.nsteps; i++) {
		char line[160];

		w = snprintf(text + used, len - used, "%s\n",
			     xp_step_format(&s.steps[i], line, sizeof line));
		if (w < 0 || (size_t)w >= len - used)
			return -1;
		used += (size_t)w;
	}
	return (int)used;
}

/* --- shrinking ------------------------------------------------------------ */

/* One scenario, one family, one target: the verdict (a result in *r). */
static enum verdict run_one_scn(const struct walk_opts *o, const char *target,
				const struct profile_def *profile,
				const struct scn *s, int family, const char *pcap_dir,
				struct run_result *r)
{
	struct run_opts ro = o->run;
	char err[512];

	ro.target = target;
	ro.profile = profile;
	ro.family = family;
	ro.jobs = 1;
	ro.pcap_dir = pcap_dir;
	ro.slow = true;
	if (run_all(&ro, s, 1, r, 1, err, sizeof err) != 1) {
		r->verdict = V_ERROR;
		snprintf(r->message, sizeof r->message, "%s", err);
	}
	return r->verdict;
}

/* Remove steps while the model accepts the rest and the target still fails
 * it for the same cause (walk_cause: another failure met on the way is not
 * this finding); s keeps the smallest failing sequence. */
static void shrink(const struct walk_opts *o, const char *target, const struct profile_def *pid,
		   int family, const char *cause, struct scn *s, struct run_result *r)
{
	static struct scn cand;
	static struct run_result rr;
	char err[1024], now[256];
	int tries = 0;
	bool smaller = true;

	/* nothing after the step that failed matters */
	for (int k = 0; k < s->nsteps; k++)
		if (s->steps[k].line == r->line) {
			s->nsteps = k + 1;
			break;
		}
	while (smaller && tries < SHRINK_TRIES) {
		smaller = false;
		for (int i = 0; i < s->nsteps && tries < SHRINK_TRIES; i++) {
			cand = *s;
			memmove(&cand.steps[i], &cand.steps[i + 1],
				(size_t)(cand.nsteps - i - 1) * sizeof cand.steps[0]);
			cand.nsteps--;
			if (cand.nsteps == 0 || run_check(&cand, pid, err, sizeof err) != 0)
				continue;
			tries++;
			if (run_one_scn(o, target, pid, &cand, family, NULL, &rr) != V_FAIL)
				continue;
			walk_cause(&cand, &rr, now, sizeof now);
			if (strcmp(now, cause) == 0) {
				*s = cand;
				*r = rr;
				smaller = true;
				break;
			}
		}
	}
}

/* Write s to DIR, run it there once more for its pcap, and append the
 * verdict of that run (at the end, so that the steps keep their lines). */
static int write_finding(const struct walk_opts *o, const char *target, const struct profile_def *pid,
			 const struct scn *s, int family, const char *cause, char *path, size_t len)
{
	static struct scn again;
	struct run_result r;
	char err[512];
	FILE *f;

	if (mkdir(o->out, 0755) != 0 && errno != EEXIST)
		return -1;
	snprintf(path, len, "%s/walk-%s-%s", o->out, target, s->path + 5);
	for (char *c = path + strlen(o->out) + 1; *c != '\0'; c++)
		if (*c == '/' || *c == ':' || *c == ',')
			*c = '_'; /* exec:PATH, wire:IFACE */
	f = fopen(path, "w");
	if (f == NULL)
		return -1;
	fprintf(f, "# title: %s: a random walk fails (shrunk)\n# rfc: RFC 9293 3.10\n# profiles: %s\n",
		target, pid->builtin >= 0 ? pid->name : "rfc9293 rfc9293-5961 linux lwip");
	fprintf(f, "# found by: tcpspec walk --target %s --seed %llu --length %d%s (sequence %s, IPv%d)\n",
		target, (unsigned long long)o->seed, o->length, o->timers ? " --timers" : "", s->path,
		family);
	fprintf(f, "# cause: %s\n", cause);
	for (int i = 0; i < s->nsteps; i++) {
		char line[160];

		fprintf(f, "%s\n", xp_step_format(&s->steps[i], line, sizeof line));
	}
	if (fclose(f) != 0 || scn_load(path, &again, err, sizeof err) != 0)
		return -1;
	run_one_scn(o, target, pid, &again, family, o->out, &r);
	f = fopen(path, "a");
	if (f == NULL)
		return -1;
	fprintf(f, "# on %s, IPv%d: %s at line %d: %.300s\n# rule: %s (%s)\n# pcap: %s\n", target,
		family, run_verdict_name(r.verdict), r.line, r.message, r.rule, r.section, r.pcap);
	return fclose(f);
}

/* --- what a failure says: its cause, for telling findings apart ----------- */

/* The first n words of s into buf; a phrase counts as one: "the call
 * failed (EAGAIN" (the error is what matters), "state S", "no sign",
 * "the retransmit" (timer). */
static void head(const char *s, int n, char *buf, size_t len)
{
	size_t k = 0;

	if (strncmp(s, "the call failed (", 17) == 0)
		n = 4;
	else if (strncmp(s, "state ", 6) == 0 || strncmp(s, "error ", 6) == 0 ||
		 strncmp(s, "no ", 3) == 0)
		n = 2;
	else if (strncmp(s, "the ", 4) == 0)
		n = 2 + (n > 1); /* "the retransmit timer", not "the" */
	for (int w = 0; s[k] != '\0'; k++)
		if (s[k] == ' ' && ++w == n)
			break;
	snprintf(buf, len, "%.*s", (int)k, s);
}

/* The field a segment's mismatch names ("ack: expected ..., got ..."), or "". */
static void field(const struct run_result *r, char *buf, size_t len)
{
	const char *why = r->observed[0] ? strstr(r->message, r->observed) : NULL;
	size_t k;

	buf[0] = '\0';
	if (why == NULL || strncmp(why + strlen(r->observed), ": ", 2) != 0)
		return;
	why += strlen(r->observed) + 2;
	k = strspn(why, "abcdefghijklmnopqrstuvwxyz_");
	if (k > 0 && why[k] == ':')
		snprintf(buf, len, " (%.*s)", (int)k, why);
}

void walk_cause(const struct scn *s, const struct run_result *r, char *buf, size_t len)
{
	char step[160] = "", exp[64], obs[64], fld[40];
	const char *states = strstr(r->message, "(the target in ");

	if (r->verdict == V_ERROR || r->verdict == V_SKIP) {
		size_t k = 0;

		/* an ERROR's or SKIP's message, numbers out (ports, milliseconds) */
		for (const char *c = r->message; *c != '\0' && k + 1 < len; c++)
			if (!(*c >= '0' && *c <= '9'))
				buf[k++] = *c;
		buf[k] = '\0';
		return;
	}
	for (int i = 0; s != NULL && i < s->nsteps; i++)
		if (s->steps[i].line == r->line) {
			char line[160];

			head(xp_step_format(&s->steps[i], line, sizeof line), 2, step, sizeof step);
			break;
		}
	head(r->expected, 1, exp, sizeof exp);
	head(r->observed, 1, obs, sizeof obs);
	field(r, fld, sizeof fld);
	snprintf(buf, len, "%s at '%s': expected %s, observed %s%s%s%.*s", r->rule, step, exp, obs,
		 fld, states ? " " : "", states ? (int)strcspn(states, ")") + 1 : 0,
		 states ? states : "");
}

/* --- the walk -------------------------------------------------------------- */

/* The profile that judges every target: the one given, or the first
 * target's own. */
static const struct profile_def *profile_of(const struct walk_opts *o, const char *target)
{
	static struct profile_def own;
	const struct target_ops *ops = target_find(target);

	if (o->profile != NULL)
		return o->profile;
	if (ops == NULL || profile_builtin_find(ops->default_profile, &own) != 0)
		profile_builtin(TCP_PROFILE_RFC9293, &own);
	return &own;
}

/* The finding of target t with this cause, or a new one (NULL: full). */
static struct walk_finding *finding(struct walk_stats *st, int t, const char *cause, bool *fresh)
{
	*fresh = false;
	for (int i = 0; i < st->nfindings; i++)
		if (st->finding[i].target == t && strcmp(st->finding[i].cause, cause) == 0)
			return &st->finding[i];
	if (st->nfindings == WALK_MAX_FINDINGS)
		return NULL;
	*fresh = true;
	memset(&st->finding[st->nfindings], 0, sizeof st->finding[0]);
	st->finding[st->nfindings].target = t;
	snprintf(st->finding[st->nfindings].cause, sizeof st->finding[0].cause, "%s", cause);
	return &st->finding[st->nfindings++];
}

/* A verdict of target t: counted; a FAIL, ERROR or SKIP with a cause not
 * seen before on t is a finding, and a FAIL's is shrunk and written. */
static void report(const struct walk_opts *o, struct walk_stats *st, int t,
		   const struct profile_def *pid, struct scn *s, struct run_result *r)
{
	struct walk_finding *f;
	char cause[sizeof st->finding[0].cause];
	bool fresh;

	st->count[t][r->verdict]++;
	if (r->verdict == V_PASS)
		return;
	walk_cause(s, r, cause, sizeof cause);
	f = finding(st, t, cause, &fresh);
	if (f == NULL) {
		st->unsorted++;
		return;
	}
	f->count++;
	if (!fresh)
		return;
	f->verdict = r->verdict;
	f->family = r->family;
	snprintf(f->first, sizeof f->first, "%.63s", s->path);
	if (r->verdict == V_SKIP) {
		snprintf(f->message, sizeof f->message, "%s", r->message);
		return;
	}
	if (r->verdict == V_ERROR) {
		snprintf(f->message, sizeof f->message, "%s", r->message);
		if (!o->quiet)
			printf("  ERROR %-6s %s (IPv%d): %s\n", o->targets[t], s->path, r->family,
			       r->message);
		fflush(stdout);
		return;
	}
	shrink(o, o->targets[t], pid, r->family, cause, s, r);
	f->steps = s->nsteps;
	snprintf(f->message, sizeof f->message, "%s", r->message);
	if (o->out != NULL &&
	    write_finding(o, o->targets[t], pid, s, r->family, cause, f->path, sizeof f->path) != 0)
		snprintf(f->path, sizeof f->path, "(not written to %s)", o->out);
	printf("  FAIL  %-6s %s (IPv%d), finding %d, shrunk to %d steps: %s%s%s\n", o->targets[t],
	       s->path, r->family, (int)(f - st->finding) + 1, s->nsteps, r->message,
	       f->path[0] ? "\n        written to " : "", f->path);
	fflush(stdout);
}

/* The targets' verdicts on one sequence and family disagree: one PASSes
 * where another FAILs, or both FAIL for different causes.  Each kind of
 * disagreement is listed once, with how often it came. */
static void differ(const struct walk_opts *o, struct walk_stats *st, const struct scn *s,
		   struct run_result *res[], int i)
{
	char kind[sizeof st->diff[0].kind] = "";
	bool pass = false, fail = false, differs = false;
	size_t used = 0;
	char first[sizeof st->finding[0].cause] = "";

	for (int t = 0; t < o->ntargets; t++) {
		char cause[sizeof st->finding[0].cause] = "";

		pass |= res[t][i].verdict == V_PASS;
		fail |= res[t][i].verdict == V_FAIL;
		if (res[t][i].verdict == V_FAIL) {
			walk_cause(s, &res[t][i], cause, sizeof cause);
			if (first[0] == '\0')
				snprintf(first, sizeof first, "%s", cause);
			else
				differs |= strcmp(first, cause) != 0;
		}
		used += (size_t)snprintf(kind + used, used < sizeof kind ? sizeof kind - used : 0,
					 "%s%s %s%s%s", t ? "; " : "", o->targets[t],
					 run_verdict_name(res[t][i].verdict), cause[0] ? " " : "",
					 cause);
		if (used >= sizeof kind)
			used = sizeof kind - 1;
	}
	if (!(pass && fail) && !differs)
		return;
	st->disagreements++;
	for (int k = 0; k < st->ndiffs; k++)
		if (strcmp(st->diff[k].kind, kind) == 0) {
			st->diff[k].count++;
			return;
		}
	if (st->ndiffs == WALK_MAX_FINDINGS)
		return;
	snprintf(st->diff[st->ndiffs].kind, sizeof st->diff[0].kind, "%s", kind);
	snprintf(st->diff[st->ndiffs].first, sizeof st->diff[0].first, "%.63s", s->path);
	st->diff[st->ndiffs].family = res[0][i].family;
	st->diff[st->ndiffs++].count = 1;
	printf("  DIFF  %s (IPv%d), disagreement %d: %s\n", s->path, res[0][i].family, st->ndiffs,
	       kind);
	fflush(stdout);
}

int walk_run(const struct walk_opts *o, struct walk_stats *st, char *err, size_t errlen)
{
	static struct scn scns[BATCH];
	static struct run_result res[WALK_MAX_TARGETS][BATCH * 2];
	static char text[TEXT_MAX];
	int nfam = o->run.family == 0 ? 2 : 1;
	long index = 0;
	/* one profile judges every target: the first target's unless given */
	const struct profile_def *pid = profile_of(o, o->targets[0]);

	memset(st, 0, sizeof *st);
	while (st->steps < o->steps) {
		int n = 0;

		while (n < BATCH && st->steps < o->steps) {
			if (index > 4 * st->sequences + 1000)
				return err_set(err, errlen, "no sequence the model accepts (%ld tried)", index);
			if (make_scenario(pid, o->seed, index++, o->length, o->timers, &scns[n], text) != 0)
				continue;
			st->steps += scns[n].nsteps;
			st->sequences++;
			n++;
		}
		for (int t = 0; t < o->ntargets; t++) {
			struct run_opts ro = o->run;

			ro.target = o->targets[t];
			ro.profile = pid;
			ro.slow = true;
			if (run_all(&ro, scns, n, res[t], BATCH * 2, err, errlen) < 0)
				return -1;
		}
		for (int i = 0; i < n * nfam; i++) {
			struct run_result *rs[WALK_MAX_TARGETS];

			for (int t = 0; t < o->ntargets; t++)
				rs[t] = res[t];
			if (o->ntargets > 1)
				differ(o, st, &scns[i / nfam], rs, i);
			for (int t = 0; t < o->ntargets; t++) {
				static struct scn s;

				s = scns[i / nfam];
				report(o, st, t, pid, &s, &res[t][i]);
			}
		}
	}
	return 0;
}
