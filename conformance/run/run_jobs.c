/*
 * run_jobs.c - a conformance run: scenarios spread over --jobs processes,
 * each with a target (and its namespaces) of its own.  Every namespace and
 * process a job creates is removed when it ends, also on SIGINT/SIGTERM.
 */
#include <errno.h>
#include <fcntl.h>
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

/* Set up a target and open its link; nothing is left behind on failure. */
static int start(const struct target_ops *ops, struct target *t, const struct target_config *cfg,
		 char *err, size_t errlen)
{
	if (ops->setup(t, cfg, err, errlen) != 0)
		return -1;
	if (ops->open_link(t, err, errlen) != 0) {
		ops->teardown(t);
		return -1;
	}
	return 0;
}

/*
 * One job: a target of its own, the scenarios i with i % jobs == job; each
 * result goes into out[], which the parent shares (a result is larger than
 * a pipe writes atomically).  A scenario that ends in ERROR (the target
 * stopped answering, died, answered garbage) leaves the target to be torn
 * down: the next scenario gets a fresh one.  A target that cannot be set up
 * gives ERROR with the reason for each scenario it should have run.
 */
static int job(const struct run_opts *o, const struct scn *scns, int nscn, int jobno,
	       struct run_result *out)
{
	static struct target t;
	struct target_config cfg;
	const struct target_ops *ops = target_find(o->target);
	char err[512] = "";
	int families[2], nfam = 0;
	unsigned seqno = (unsigned)jobno * 1000u;
	bool up = false;

	if (ops == NULL)
		return 3;
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
	cfg.wire = o->wire;
	if (o->profile != NULL) {   /* the model target is the profile it is judged by */
		cfg.profile = &o->profile->tcp;
		cfg.profile_name = o->profile->name;
	}
	for (int i = jobno; i < nscn; i += o->jobs) {
		for (int f = 0; f < nfam; f++) {
			static struct run_result r;
			struct run_result *shared = &out[i * nfam + f];

			if (!up && start(ops, &t, &cfg, err, sizeof err) != 0) {
				fprintf(stderr, "tcpspec run: job %d: target setup failed: %s\n", jobno, err);
				snprintf(shared->message, sizeof shared->message,
					 "the target could not be set up: %.400s", err);
				continue;
			}
			up = true;
			/* into the shared results only once complete: a job killed
			 * mid-scenario leaves that scenario's ERROR as it was */
			run_one(&t, o, &scns[i], families[f], seqno++, &r);
			*shared = r;
			if (r.verdict == V_ERROR) {
				ops->teardown(&t);
				up = false;
			}
		}
	}
	if (up)
		ops->teardown(&t);
	return 0;
}

/*
 * The guardian: a process of the run's that outlives it for as long as it
 * takes to remove what the run created, whatever ends the run (SIGKILL of
 * the run, its jobs and its targets included).  It holds the read end of a
 * pipe whose write end the run and its jobs hold (close-on-exec, so the
 * targets' programs do not): end of file means that all of them are gone.
 * Then it deletes every namespace named for the run (a target's program in
 * one dies with its job: PR_SET_PDEATHSIG) and exits.  In a session of its
 * own, a Ctrl-C at the terminal does not reach it.
 */
static int guardian_start(pid_t *guardian, char *err, size_t errlen)
{
	int fd[2];
	pid_t run = getpid(), pid;

	if (pipe2(fd, O_CLOEXEC) != 0) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	if (pid == 0) {
		char c;
		unsigned removed;

		close(fd[1]);
		setsid();
		signal(SIGINT, SIG_IGN);
		signal(SIGTERM, SIG_IGN);
		signal(SIGHUP, SIG_IGN);
		while (read(fd[0], &c, 1) != 0 && errno == EINTR)
			;
		netns_remove_owned(run, &removed);
		_exit(0);
	}
	close(fd[0]);
	*guardian = pid;
	return fd[1]; /* held until the run ends */
}

/* The scenarios a job that ended early did not finish say how it ended:
 * killed by a signal, or exited with a status. */
static void note_ended(struct run_result *shared, int total, int jobno, int njobs, int nfam,
		       int status)
{
	for (int i = 0; i < total; i++) {
		if ((i / nfam) % njobs != jobno || shared[i].verdict != V_ERROR ||
		    strcmp(shared[i].message, "the job running it ended early") != 0)
			continue;
		if (WIFSIGNALED(status))
			snprintf(shared[i].message, sizeof shared[i].message,
				 "the job running it was killed by signal %d (%s) before it finished",
				 WTERMSIG(status), strsignal(WTERMSIG(status)));
		else
			snprintf(shared[i].message, sizeof shared[i].message,
				 "the job running it exited (exit %d) before it finished",
				 WEXITSTATUS(status));
	}
}

int run_all(const struct run_opts *o, const struct scn *scns, int nscn,
	    struct run_result *results, int maxres, char *err, size_t errlen)
{
	int nfam = o->family == 0 ? 2 : 1, total = nscn * nfam;
	struct run_result *shared;
	size_t bytes;
	pid_t pids[64];
	int njobs = o->jobs < 1 ? 1 : (o->jobs > 64 ? 64 : o->jobs);
	unsigned swept = 0, left = 0;
	int guard;
	pid_t guardian = -1;

	if (total > maxres) {
		snprintf(err, errlen, "too many scenarios (%d, at most %d)", total, maxres);
		return -1;
	}
	if (target_find(o->target) == NULL) {
		snprintf(err, errlen, "expected a target %s, got '%s'", TARGET_FORMS, o->target);
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
	netns_set_owner(getpid());
	guard = guardian_start(&guardian, err, errlen);
	if (guard < 0)
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
		int status = 0;

		while (waitpid(pids[j], &status, 0) < 0 && errno == EINTR)
			;
		if (WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) != 0))
			note_ended(shared, total, j, njobs, nfam, status);
	}
	/* what a killed job could not remove, the run does */
	if (netns_remove_owned(getpid(), &left) != 0 || left > 0)
		fprintf(stderr, "tcpspec run: jobs ended leaving %u namespace(s); removed\n", left);
	close(guard);
	while (waitpid(guardian, NULL, 0) < 0 && errno == EINTR)
		;
	memcpy(results, shared, (size_t)total * sizeof *results);
	munmap(shared, bytes);
	return total;
}
