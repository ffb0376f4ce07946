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
#include <unistd.h>

#include "run/runner.h"
#include "net/cleanup.h"
#include "net/netns.h"
#include "targets/target.h"

/* One job: a target of its own, the scenarios i with i % jobs == job; each
 * result goes into out[], which the parent shares (a result is larger than
 * a pipe writes atomically). */
static int job(const struct run_opts *o, const struct scn *scns, int nscn, int jobno,
	       struct run_result *out)
{
	static struct target t;
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
	if (ops->open_link(&t, err, sizeof err) != 0) {
		fprintf(stderr, "tcpspec run: job %d: %s\n", jobno, err);
		ops->teardown(&t);
		return 3;
	}
	for (int i = jobno; i < nscn; i += o->jobs) {
		for (int f = 0; f < nfam; f++) {
			struct run_result r;
			int idx = i * nfam + f;

			run_one(&t, o, &scns[i], families[f], seqno++, &r);
			out[idx] = r;
		}
	}
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
