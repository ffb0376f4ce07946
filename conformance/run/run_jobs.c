/*
 * run_jobs.c - a conformance run: scenarios spread over --jobs processes,
 * each with a target (and its namespaces) of its own.  Every namespace and
 * process a job creates is removed when it ends, also on SIGINT/SIGTERM.
 */
#include <errno.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "run/runner_impl.h"
#include "base/clock.h"
#include "net/cleanup.h"
#include "scenario/text.h"

static enum tcp_profile_id profile_for(const struct run_opts *o, const struct target *t)
{
	enum tcp_profile_id id = TCP_PROFILE_RFC9293;

	if (o->profile >= 0)
		return (enum tcp_profile_id)o->profile;
	if (txt_profile_parse(t->ops->default_profile, &id) != 0)
		id = TCP_PROFILE_RFC9293;
	return id;
}

static void result_init(struct run_result *r, const struct scn *s, int family,
			const struct target *t, enum tcp_profile_id pid)
{
	memset(r, 0, sizeof *r);
	snprintf(r->path, sizeof r->path, "%s", s->path);
	snprintf(r->title, sizeof r->title, "%s", s->title);
	snprintf(r->rfc, sizeof r->rfc, "%s", s->rfc);
	snprintf(r->labels, sizeof r->labels, "%s", s->labels);
	snprintf(r->target, sizeof r->target, "%s", t->stack[0] ? t->stack : t->ops->name);
	snprintf(r->profile, sizeof r->profile, "%s", tcp_profile_name(pid));
	r->family = family;
	r->verdict = V_PASS;
}

static void open_pcap(struct sctx *c, const struct scn *s, int family)
{
	char base[256], err[256];

	if (c->opts->pcap_dir == NULL)
		return;
	snprintf(base, sizeof base, "%s", s->path);
	snprintf(c->res->pcap, sizeof c->res->pcap, "%s/%.200s-v%d.pcap",
		 c->opts->pcap_dir, basename(base), family);
	if (wire_dump_open(c->w, c->res->pcap, err, sizeof err) != 0)
		snprintf(c->res->pcap, sizeof c->res->pcap, "(not written: %.200s)", err);
}

static void run_scenario(struct target *t, struct wire *w, const struct run_opts *o,
			 const struct scn *s, int family, unsigned seqno,
			 struct run_result *r)
{
	static struct sctx c;
	enum tcp_profile_id pid = profile_for(o, t);
	char reply[TARGET_LINE_MAX], err[256];
	double t0 = clock_now_ms();

	result_init(r, s, family, t, pid);
	if (!s->profiles[pid]) {
		r->verdict = V_SKIP;
		snprintf(r->message, sizeof r->message, "the scenario does not apply to profile %s",
			 tcp_profile_name(pid));
		return;
	}
	if (s->slow && !o->slow) {
		r->verdict = V_SKIP;
		snprintf(r->message, sizeof r->message, "slow scenario: run with --slow");
		return;
	}
	memset(&c, 0, sizeof c);
	c.opts = o;
	c.t = t;
	c.net = &t->net;
	c.w = w;
	c.res = r;
	c.listener = c.conn = -1;
	c.lport = 8080;
	c.rport = (uint16_t)(20000 + (seqno % 30000));
	pkt_addr_parse(family == 6 ? t->net.tester6_text : t->net.tester4_text, &c.tester);
	pkt_addr_parse(family == 6 ? t->net.target6_text : t->net.target4_text, &c.targetaddr);
	mr_init(&c.m, pid);
	if (t->ops->command(t, "reset", reply, sizeof reply, 0, err, sizeof err) != TARGET_OK) {
		r->verdict = V_ERROR;
		snprintf(r->message, sizeof r->message, "target 'reset' failed: %.200s %.200s", reply, err);
		return;
	}
	drain(&c);
	open_pcap(&c, s, family);
	for (int i = 0; i < s->nsteps && r->verdict == V_PASS; i++) {
		run_step(&c, &s->steps[i]);
		if (r->verdict != V_PASS)
			snprintf(r->step, sizeof r->step, "line %d", s->steps[i].line);
	}
	r->ms = clock_now_ms() - t0;
}

/* How long a target must stay silent to count as quiet: the kernel over
 * veth answers within the sending call; a user-space stack may hold an ACK
 * (lwIP: up to 250 ms). */
static int default_quiet_ms(const char *target)
{
	if (strcmp(target, "linux") == 0)
		return 3;
	/* the built-in user-space targets force immediate ACKs (20 runs
	 * each gave the same verdicts at 20 ms); an unknown stack may not */
	if (strcmp(target, "lwip") == 0 || strcmp(target, "slirp") == 0)
		return 20;
	return 300;
}

/* One job: a target of its own, the scenarios i with i % jobs == job; each
 * result goes into out[], which the parent shares (a result is larger than
 * a pipe writes atomically). */
static int job(const struct run_opts *o, const struct scn *scns, int nscn, int jobno,
	       struct run_result *out)
{
	static struct target t;
	static struct wire w;
	struct target_config cfg;
	const struct target_ops *ops = target_find(o->target);
	char err[512];
	int families[2], nfam = 0;
	unsigned seqno = (unsigned)jobno * 1000u;

	if (o->family != 6)
		families[nfam++] = 4;
	if (o->family != 4)
		families[nfam++] = 6;
	memset(&cfg, 0, sizeof cfg);
	cfg.spec = o->target;
	cfg.args = o->target_args;
	cfg.nargs = o->ntarget_args;
	cfg.index = (unsigned)jobno;
	cfg.net.rto_min_us = o->rto_min_us;
	if (ops == NULL || ops->setup(&t, &cfg, err, sizeof err) != 0) {
		fprintf(stderr, "tcpspec run: job %d: target setup failed: %s\n", jobno,
			ops ? err : "unknown target");
		return 3;
	}
	if (netns_enter(t.net.tester_ns, err, sizeof err) != 0 ||
	    wire_open(&w, t.net.tester_if,
		      "(tcp and src host 198.18.0.2) or (ip6 and tcp and src host 2001:db8::2) or arp or icmp6",
		      err, sizeof err) != 0) {
		fprintf(stderr, "tcpspec run: job %d: %s\n", jobno, err);
		ops->teardown(&t);
		return 3;
	}
	for (int i = jobno; i < nscn; i += o->jobs) {
		for (int f = 0; f < nfam; f++) {
			struct run_result r;
			int idx = i * nfam + f;

			run_scenario(&t, &w, o, &scns[i], families[f], seqno++, &r);
			out[idx] = r;
		}
	}
	wire_close(&w);
	ops->teardown(&t);
	return 0;
}

int run_all(const struct run_opts *o, const struct scn *scns, int nscn,
	    struct run_result *results, int maxres, char *err, size_t errlen)
{
	int nfam = o->family == 0 ? 2 : 1, total = nscn * nfam;
	struct run_result *shared;
	size_t bytes;
	pid_t pids[64];
	int njobs = o->jobs < 1 ? 1 : (o->jobs > 64 ? 64 : o->jobs);
	unsigned swept = 0;

	if (total > maxres) {
		snprintf(err, errlen, "too many scenarios (%d, at most %d)", total, maxres);
		return -1;
	}
	for (int i = 0; i < total; i++) {
		memset(&results[i], 0, sizeof results[i]);
		results[i].verdict = V_ERROR;
		snprintf(results[i].path, sizeof results[i].path, "%s", scns[i / nfam].path);
		snprintf(results[i].title, sizeof results[i].title, "%s", scns[i / nfam].title);
		results[i].family = nfam == 2 ? (i % 2 ? 6 : 4) : o->family;
		snprintf(results[i].message, sizeof results[i].message, "the job running it ended early");
	}
	if (netns_sweep_stale(&swept, err, errlen) != 0 || cleanup_install_signals(err, errlen) != 0)
		return -1;
	bytes = (size_t)(total > 0 ? total : 1) * sizeof *results;
	shared = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED) {
		snprintf(err, errlen, "mmap: %s", strerror(errno));
		return -1;
	}
	memcpy(shared, results, (size_t)total * sizeof *results);
	for (int j = 0; j < njobs; j++) {
		pids[j] = fork();
		if (pids[j] < 0) {
			snprintf(err, errlen, "fork: %s", strerror(errno));
			njobs = j;
			break;
		}
		if (pids[j] == 0) {
			struct run_opts mine = *o;

			/* a job dies with the run, even when the run is killed */
			prctl(PR_SET_PDEATHSIG, SIGTERM);
			if (getppid() == 1)
				_exit(3);
			mine.jobs = njobs;
			if (mine.quiet_ms <= 0)
				mine.quiet_ms = default_quiet_ms(mine.target);
			_exit(job(&mine, scns, nscn, j, shared));
		}
	}
	for (int j = 0; j < njobs; j++) {
		int status;

		while (waitpid(pids[j], &status, 0) < 0 && errno == EINTR)
			;
	}
	memcpy(results, shared, (size_t)total * sizeof *results);
	munmap(shared, bytes);
	return total;
}
