/*
 * spawn.c - programs started inside a namespace: see spawn.h.
 */
#include "net/spawn.h"
#include "base/err.h"
#include "net/cleanup.h"
#include "net/nsfile.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* argv joined with spaces, for messages. */
static void argv_text(const char *const argv[], char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; argv[i] != NULL && used + 1 < len; i++) {
		int n = snprintf(buf + used, len - used, "%s%s", i ? " " : "", argv[i]);

		if (n < 0)
			break;
		used += (size_t)n;
	}
}

struct child_spec {
	const char *ns;		  /* NULL: stay in the caller's namespace */
	const char *const *argv;
	int stdio;		  /* fd for stdin and stdout; -1: /dev/null */
	int errfd;		  /* fd for stderr; -1: inherited */
	int outfd;		  /* fd for stdout instead of stdio; -1: none */
};

/* dup2 that also works when from == to (clears close-on-exec). */
static int move_fd(int from, int to)
{
	if (from == to)
		return fcntl(to, F_SETFD, 0);
	return dup2(from, to) < 0 ? -1 : 0;
}

static int child_stdio(const struct child_spec *c)
{
	int io = c->stdio;

	if (io < 0)
		io = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (io < 0 || move_fd(io, 0) < 0 || move_fd(c->outfd >= 0 ? c->outfd : io, 1) < 0)
		return -1;
	if (c->errfd >= 0 && move_fd(c->errfd, 2) < 0)
		return -1;
	return 0;
}

enum { STAGE_SETNS = 1, STAGE_STDIO, STAGE_EXEC };

/* ip, ethtool and sysctl live in /usr/sbin, which a user's PATH may lack. */
static void exec_sbin(const char *const argv[])
{
	static const char dir[] = "/usr/sbin/";
	char path[sizeof(dir) + 64];
	size_t len = strlen(argv[0]);

	if (len >= 64)
		return;
	memcpy(path, dir, sizeof(dir) - 1);
	memcpy(path + sizeof(dir) - 1, argv[0], len + 1);
	execv(path, (char *const *)argv);
	errno = ENOENT;
}

/* In the child: only async-signal-safe calls until execvp. */
static void child_exec(const struct child_spec *c, int report) __attribute__((noreturn));

static void child_exec(const struct child_spec *c, int report)
{
	int msg[2] = {STAGE_SETNS, 0};
	sigset_t none;

	/* a program dies with the process that started it, even when that
	 * one is killed (a job of a run, SIGKILL included) */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (c->ns != NULL && nsfile_enter(c->ns) < 0)
		goto fail;
	msg[0] = STAGE_STDIO;
	if (child_stdio(c) < 0)
		goto fail;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	msg[0] = STAGE_EXEC;
	execvp(c->argv[0], (char *const *)c->argv);
	if (errno == ENOENT && strchr(c->argv[0], '/') == NULL)
		exec_sbin(c->argv);
fail:
	msg[1] = errno;
	if (write(report, msg, sizeof(msg)) < 0)
		_exit(126);
	_exit(127);
}

static void wait_child(pid_t pid, int *status)
{
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
}

/* Fork and exec; failures before exec come back through a CLOEXEC pipe. */
static pid_t child_start(const struct child_spec *c, char *err, size_t errlen)
{
	char cmd[256];
	int report[2], msg[2], status;
	ssize_t n;
	pid_t pid;

	argv_text(c->argv, cmd, sizeof(cmd));
	if (pipe2(report, O_CLOEXEC) < 0) {
		err_set(err, errlen, "pipe for `%s`: %s", cmd, strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		close(report[0]);
		child_exec(c, report[1]);
	}
	close(report[1]);
	if (pid < 0) {
		err_set(err, errlen, "fork for `%s`: %s", cmd, strerror(errno));
		close(report[0]);
		return -1;
	}
	do
		n = read(report[0], msg, sizeof(msg));
	while (n < 0 && errno == EINTR);
	close(report[0]);
	if (n != (ssize_t)sizeof(msg))
		return pid;
	wait_child(pid, &status);
	if (msg[0] == STAGE_SETNS)
		err_set(err, errlen, "cannot enter namespace %s for `%s`: %s", c->ns, cmd,
		     strerror(msg[1]));
	else if (msg[0] == STAGE_STDIO)
		err_set(err, errlen, "cannot set up stdin/stdout for `%s`: %s", cmd, strerror(msg[1]));
	else
		err_set(err, errlen, "cannot execute `%s`: %s", cmd, strerror(msg[1]));
	return -1;
}

/* Read fd to EOF; keep the first len-1 bytes as one line of text. */
static void capture(int fd, char *buf, size_t len)
{
	size_t used = 0;
	char junk[256];

	for (;;) {
		ssize_t n = used + 1 < len ? read(fd, buf + used, len - 1 - used)
					   : read(fd, junk, sizeof(junk));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (used + 1 < len)
			used += (size_t)n;
	}
	while (used > 0 && (buf[used - 1] == '\n' || buf[used - 1] == ' '))
		used--;
	buf[used] = '\0';
	for (size_t i = 0; i < used; i++)
		if (buf[i] == '\n')
			buf[i] = ';';
}

static void describe_status(int status, char *buf, size_t len)
{
	if (WIFEXITED(status))
		snprintf(buf, len, "exit %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, len, "killed by signal %d", WTERMSIG(status));
	else
		snprintf(buf, len, "status %#x", (unsigned)status);
}

int spawn_capture(const char *ns, const char *const argv[], char *out, size_t outlen,
		  char *err, size_t errlen)
{
	struct child_spec c = {ns, argv, -1, -1, -1};
	char text[SPAWN_CAPTURE_MAX], cmd[256], how[48];
	int pipefd[2], status = 0;
	pid_t pid;

	if (pipe2(pipefd, O_CLOEXEC) < 0) {
		err_set(err, errlen, "pipe: %s", strerror(errno));
		return -1;
	}
	c.errfd = pipefd[1];
	if (out != NULL)
		c.outfd = pipefd[1];
	pid = child_start(&c, err, errlen);
	close(pipefd[1]);
	if (pid < 0) {
		close(pipefd[0]);
		return -1;
	}
	capture(pipefd[0], text, sizeof(text));
	close(pipefd[0]);
	wait_child(pid, &status);
	if (out != NULL)
		snprintf(out, outlen, "%s", text);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	argv_text(argv, cmd, sizeof(cmd));
	describe_status(status, how, sizeof(how));
	err_set(err, errlen, "`%s`%s%s failed (%s): %s", cmd, ns ? " in namespace " : "",
	     ns ? ns : "", how, text[0] ? text : "(no message)");
	return -1;
}

int spawn_run(const char *ns, const char *const argv[], char *err, size_t errlen)
{
	return spawn_capture(ns, argv, NULL, 0, err, errlen);
}

int spawn_start(const char *ns, const char *const argv[], int *fd, pid_t *pid, char *err,
		size_t errlen)
{
	struct child_spec c = {ns, argv, -1, -1, -1};
	int sv[2], status;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
		err_set(err, errlen, "socketpair for %s: %s", argv[0], strerror(errno));
		return -1;
	}
	c.stdio = sv[1];
	*pid = child_start(&c, err, errlen);
	close(sv[1]);
	if (*pid < 0) {
		close(sv[0]);
		return -1;
	}
	if (cleanup_add_pid(*pid) < 0) {
		kill(*pid, SIGKILL);
		wait_child(*pid, &status);
		close(sv[0]);
		err_set(err, errlen, "%s: more than %d processes to clean up", argv[0], CLEANUP_SLOTS);
		return -1;
	}
	*fd = sv[0];
	return 0;
}

int spawn_stop(pid_t pid, int grace_ms)
{
	struct timespec tick = {0, 2 * 1000 * 1000};
	int status = 0;

	if (pid <= 0)
		return -1;
	for (int waited = 0; waited < grace_ms; waited += 2) {
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid || (r < 0 && errno != EINTR)) {
			cleanup_forget_pid(pid);
			return r == pid ? status : -1;
		}
		nanosleep(&tick, NULL);
	}
	kill(pid, SIGKILL);
	wait_child(pid, &status);
	cleanup_forget_pid(pid);
	return status;
}
