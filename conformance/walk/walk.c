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
	bool listener;	/* the one it has is a listener */
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
	if (a->released || xp_model_only_why(&m->tcb, a->sock, st) != NULL)
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
		a->listener = st->app == APP_LISTEN;
	} else if (st->app == APP_ACCEPT) {
		a->accepted = true;
	} else if (st->app == APP_CLOSE || st->app == APP_ABORT) {
		a->released = true; /* a closed listener takes its requests along */
	}
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
	struct app a = { false, false, false, false };
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
 * it; s keeps the smallest failing sequence. */
static void shrink(const struct walk_opts *o, const char *target, const struct profile_def *pid,
		   int family, struct scn *s, struct run_result *r)
{
	static struct scn cand;
	static struct run_result rr;
	char err[1024];
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
			if (run_one_scn(o, target, pid, &cand, family, NULL, &rr) == V_FAIL) {
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
			 const struct scn *s, int family, char *path, size_t len)
{
	static struct scn again;
	struct run_result r;
	char err[512];
	FILE *f;

	if (mkdir(o->out, 0755) != 0 && errno != EEXIST)
		return -1;
	snprintf(path, len, "%s/walk-%s-%s", o->out, target, s->path + 5);
	f = fopen(path, "w");
	if (f == NULL)
		return -1;
	fprintf(f, "# title: %s: a random walk fails (shrunk)\n# rfc: RFC 9293 3.10\n# profiles: %s\n",
		target, pid->builtin >= 0 ? pid->name : "rfc9293 rfc9293-5961 linux lwip");
	fprintf(f, "# found by: tcpspec walk --target %s --seed %llu (sequence %s, IPv%d)\n",
		target, (unsigned long long)o->seed, s->path, family);
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

static void report(const struct walk_opts *o, struct walk_stats *st, int t,
		   const struct profile_def *pid, struct scn *s, struct run_result *r)
{
	char path[600] = "";

	st->count[t][r->verdict]++;
	if (r->verdict == V_ERROR && !o->quiet)
		printf("  ERROR %-6s %s: %s\n", o->targets[t], s->path, r->message);
	if (r->verdict != V_FAIL)
		return;
	shrink(o, o->targets[t], pid, r->family, s, r);
	if (o->out != NULL &&
	    write_finding(o, o->targets[t], pid, s, r->family, path, sizeof path) != 0)
		snprintf(path, sizeof path, "(not written to %s)", o->out);
	st->findings++;
	printf("  FAIL  %-6s %s, shrunk to %d steps: %s%s%s\n", o->targets[t], s->path, s->nsteps,
	       r->message, path[0] ? "\n        written to " : "", path);
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
			bool pass = false, fail = false;

			for (int t = 0; t < o->ntargets; t++) {
				pass |= res[t][i].verdict == V_PASS;
				fail |= res[t][i].verdict == V_FAIL;
			}
			if (pass && fail) {
				st->disagreements++;
				printf("  DIFF  %s (IPv%d):", scns[i / nfam].path, res[0][i].family);
				for (int t = 0; t < o->ntargets; t++)
					printf(" %s %s", o->targets[t], run_verdict_name(res[t][i].verdict));
				printf("\n");
			}
			for (int t = 0; t < o->ntargets; t++) {
				static struct scn s;

				s = scns[i / nfam];
				report(o, st, t, pid, &s, &res[t][i]);
			}
		}
	}
	return 0;
}
