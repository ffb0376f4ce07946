/*
 * target_exec.c - the client side of the target line protocol
 * (conformance/TARGETS.md), and the `exec:PATH` target built on it: start
 * a program in the target namespace, say `hello`, then one command line,
 * one reply line, each reply within a timeout.  `exec-tap:PATH` is the same
 * for a user-space stack, on a tap (netns.h); the lwip and slirp targets
 * start their agents that way.
 *
 * After a timeout, a malformed reply or the program's death the target is
 * marked broken: a late reply would otherwise be taken for the answer to
 * the next command.  The runner tears such a target down and starts anew.
 */
#include "targets/target.h"
#include "net/spawn.h"
#include "base/clock.h"
#include "base/err.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define QUIT_GRACE_MS 500
#define EXIT_GRACE_MS 100

static void copy_text(char *dst, size_t len, const char *src)
{
	if (dst != NULL && len > 0)
		snprintf(dst, len, "%s", src);
}

/* The program has gone: reap it and say how it ended. */
static void program_gone(struct target *t, const char *line, char *err, size_t errlen)
{
	int status = spawn_stop(t->agent_pid, EXIT_GRACE_MS);

	t->agent_pid = -1;
	t->broken = true;
	if (status >= 0 && WIFEXITED(status))
		err_set(err, errlen, "target exited (exit %d) before answering '%s'",
		     WEXITSTATUS(status), line);
	else if (status >= 0 && WIFSIGNALED(status))
		err_set(err, errlen, "target was killed by signal %d before answering '%s'",
		     WTERMSIG(status), line);
	else
		err_set(err, errlen, "target closed its stdout before answering '%s'", line);
}

/* Anything readable before we ask is a protocol violation (or an exit). */
static int check_quiet(struct target *t, const char *line, char *err, size_t errlen)
{
	ssize_t n;

	if (t->inlen == 0) {
		n = recv(t->agent_fd, t->in, sizeof(t->in) - 1, MSG_DONTWAIT);
		if (n == 0) {
			program_gone(t, line, err, errlen);
			return -1;
		}
		if (n > 0)
			t->inlen = (size_t)n;
	}
	if (t->inlen == 0)
		return 0;
	t->in[t->inlen < sizeof(t->in) ? t->inlen : sizeof(t->in) - 1] = '\0';
	t->in[strcspn(t->in, "\r\n")] = '\0';
	err_set(err, errlen, "target wrote '%s' without being asked (before '%s')", t->in, line);
	t->broken = true;
	return -1;
}

static int send_line(struct target *t, const char *line, char *err, size_t errlen)
{
	char buf[TARGET_LINE_MAX + 1];
	int len = snprintf(buf, sizeof(buf), "%s\n", line);
	size_t off = 0;

	while (off < (size_t)len) {
		ssize_t n = send(t->agent_fd, buf + off, (size_t)len - off, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			if (errno == EPIPE || errno == ECONNRESET)
				program_gone(t, line, err, errlen);
			else
				err_set(err, errlen, "sending '%s' to target: %s", line,
				     strerror(errno));
			t->broken = true;
			return -1;
		}
		off += (size_t)n;
	}
	return 0;
}

/* Move one complete line out of t->in into got; 1 if there was one. */
static int take_line(struct target *t, char *got, size_t gotlen)
{
	char *nl = memchr(t->in, '\n', t->inlen);
	size_t len, rest;

	if (nl == NULL)
		return 0;
	len = (size_t)(nl - t->in);
	rest = t->inlen - len - 1;
	if (len > 0 && t->in[len - 1] == '\r')
		len--;
	if (len >= gotlen)
		len = gotlen - 1;
	memcpy(got, t->in, len);
	got[len] = '\0';
	memmove(t->in, nl + 1, rest);
	t->inlen = rest;
	return 1;
}

static int read_line(struct target *t, const char *line, int timeout_ms, char *got,
		     size_t gotlen, char *err, size_t errlen)
{
	long deadline = (long)clock_now_ms() + timeout_ms;

	while (!take_line(t, got, gotlen)) {
		struct pollfd pfd = {t->agent_fd, POLLIN, 0};
		long left = deadline - (long)clock_now_ms();
		ssize_t n;
		int rc;

		if (t->inlen == sizeof(t->in)) {
			err_set(err, errlen, "target's reply to '%s' is longer than %d bytes", line,
			     TARGET_LINE_MAX);
			t->broken = true;
			return -1;
		}
		rc = left > 0 ? poll(&pfd, 1, (int)left) : 0;
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc == 0) {
			err_set(err, errlen, "target did not answer '%s' within %d ms", line,
			     timeout_ms);
			t->broken = true;
			return -1;
		}
		n = recv(t->agent_fd, t->in + t->inlen, sizeof(t->in) - t->inlen, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			program_gone(t, line, err, errlen);
			return -1;
		}
		t->inlen += (size_t)n;
	}
	return 0;
}

static int parse_reply(struct target *t, const char *line, const char *got, char *reply,
		       size_t replylen, char *err, size_t errlen)
{
	if (strcmp(got, "ok") == 0 || strncmp(got, "ok ", 3) == 0) {
		copy_text(reply, replylen, got[2] ? got + 3 : "");
		return TARGET_OK;
	}
	if (strncmp(got, "err E", 5) == 0) {
		copy_text(reply, replylen, got + 4);
		err_set(err, errlen, "target answered '%s' with '%s'", line, got);
		return TARGET_ERR;
	}
	err_set(err, errlen,
	     "target answered '%s' with '%s', which is neither 'ok ...' nor 'err CODE message'",
	     line, got);
	t->broken = true;
	return TARGET_FAILED;
}

static bool line_valid(const char *line, char *err, size_t errlen)
{
	if (strlen(line) + 1 > TARGET_LINE_MAX) {
		err_set(err, errlen, "command '%.40s...' is longer than %d bytes", line,
		     TARGET_LINE_MAX - 1);
		return false;
	}
	if (strpbrk(line, "\r\n") != NULL) {
		err_set(err, errlen, "command '%s' contains a line break", line);
		return false;
	}
	return true;
}

int target_exec_command(struct target *t, const char *line, char *reply, size_t replylen,
			int timeout_ms, char *err, size_t errlen)
{
	char got[TARGET_LINE_MAX];

	copy_text(reply, replylen, "");
	if (t->agent_fd < 0 || t->agent_pid <= 0 || t->broken) {
		err_set(err, errlen, "target cannot take '%s': it failed earlier", line);
		return TARGET_FAILED;
	}
	if (!line_valid(line, err, errlen))
		return TARGET_FAILED;
	if (timeout_ms <= 0)
		timeout_ms = t->timeout_ms;
	if (check_quiet(t, line, err, errlen) < 0 || send_line(t, line, err, errlen) < 0 ||
	    read_line(t, line, timeout_ms, got, sizeof(got), err, errlen) < 0)
		return TARGET_FAILED;
	return parse_reply(t, line, got, reply, replylen, err, errlen);
}

int target_cmdf(struct target *t, char *reply, size_t replylen, char *err, size_t errlen,
		const char *fmt, ...)
{
	char line[TARGET_LINE_MAX + 1];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0 || n >= TARGET_LINE_MAX) {
		err_set(err, errlen, "command '%.40s...' is longer than %d bytes", line,
		     TARGET_LINE_MAX - 1);
		return TARGET_FAILED;
	}
	return t->ops->command(t, line, reply, replylen, 0, err, errlen);
}

static const char **program_argv(const struct target *t, const char *program,
				 const struct target_config *cfg)
{
	const struct netns_pair *p = &t->net;
	const char *fixed[] = {program,	      "--ifname", p->target_if,    "--addr4",
			       p->target4_text, "--addr6",  p->target6_text, "--peer4",
			       p->tester4_text, "--peer6",  p->tester6_text};
	size_t nfixed = sizeof(fixed) / sizeof(fixed[0]);
	const char **argv = calloc(nfixed + cfg->nargs + 1, sizeof(*argv));

	if (argv == NULL)
		return NULL;
	memcpy(argv, fixed, sizeof(fixed));
	for (size_t i = 0; i < cfg->nargs; i++)
		argv[nfixed + i] = cfg->args[i];
	return argv;
}

/* `hello` -> `ok tcpspec-target 1 NAME` */
static int check_hello(struct target *t, const char *program, char *err, size_t errlen)
{
	char reply[TARGET_LINE_MAX], why[TARGET_LINE_MAX + 64], name[TARGET_STACK_MAX];
	int version = 0, rc;

	rc = t->ops->command(t, "hello", reply, sizeof(reply), TARGET_HELLO_TIMEOUT_MS, why,
			     sizeof(why));
	if (rc != TARGET_OK) {
		err_set(err, errlen, "%s: %s", program, why);
		return -1;
	}
	if (sscanf(reply, "tcpspec-target %d %63s", &version, name) != 2) {
		err_set(err, errlen,
		     "%s answered 'hello' with 'ok %s', not 'ok tcpspec-target %d NAME'",
		     program, reply, TARGET_PROTOCOL_VERSION);
		return -1;
	}
	if (version != TARGET_PROTOCOL_VERSION) {
		err_set(err, errlen, "%s speaks target protocol version %d; tcpspec speaks %d",
		     program, version, TARGET_PROTOCOL_VERSION);
		return -1;
	}
	copy_text(t->stack, sizeof(t->stack), name);
	return 0;
}

void target_exec_init(struct target *t, const struct target_ops *ops)
{
	memset(t, 0, sizeof(*t));
	t->ops = ops;
	t->agent_pid = -1;
	t->agent_fd = -1;
	t->timeout_ms = TARGET_DEFAULT_TIMEOUT_MS;
}

int target_exec_start(struct target *t, const struct target_ops *ops, const char *program,
		      const struct target_config *cfg, char *err, size_t errlen)
{
	const char **argv;
	int rc;

	target_exec_init(t, ops);
	t->timeout_ms = cfg->timeout_ms > 0 ? cfg->timeout_ms : TARGET_DEFAULT_TIMEOUT_MS;
	if (netns_pair_create(&t->net, cfg->index, &cfg->net, err, errlen) < 0)
		return -1;
	argv = program_argv(t, program, cfg);
	if (argv == NULL) {
		err_set(err, errlen, "%s: out of memory for its arguments", program);
		target_exec_teardown(t);
		return -1;
	}
	rc = spawn_start(t->net.target_ns, argv, &t->agent_fd, &t->agent_pid, err, errlen);
	free(argv);
	if (rc < 0 || check_hello(t, program, err, errlen) < 0) {
		target_exec_teardown(t);
		return -1;
	}
	return 0;
}

void target_exec_teardown(struct target *t)
{
	if (t->agent_fd >= 0) {
		if (t->agent_pid > 0 && !t->broken)
			send(t->agent_fd, "quit\n", 5, MSG_NOSIGNAL | MSG_DONTWAIT);
		close(t->agent_fd);
		t->agent_fd = -1;
	}
	if (t->agent_pid > 0)
		spawn_stop(t->agent_pid, QUIT_GRACE_MS);
	t->agent_pid = -1;
	netns_pair_destroy(&t->net);
}

/* "exec:PATH" or "exec-tap:PATH" -> PATH (cfg->program wins). */
static const char *exec_path(const struct target_config *cfg, const char *prefix)
{
	size_t n = strlen(prefix);

	if (cfg->program != NULL)
		return cfg->program;
	if (cfg->spec != NULL && strncmp(cfg->spec, prefix, n) == 0)
		return cfg->spec + n;
	return NULL;
}

static int exec_setup_as(struct target *t, const struct target_config *cfg,
			 const struct target_ops *ops, const char *prefix, char *err,
			 size_t errlen)
{
	const char *path = exec_path(cfg, prefix);
	struct target_config mine = *cfg;

	target_exec_init(t, ops);
	if (path == NULL || *path == '\0') {
		err_set(err, errlen, "the %s target needs a program: --target %sPATH", ops->name,
		     prefix);
		return -1;
	}
	if (strchr(path, '/') != NULL && access(path, X_OK) < 0) {
		err_set(err, errlen, "%s%s: %s", prefix, path, strerror(errno));
		return -1;
	}
	mine.net.tap = ops == &target_exec_tap_ops;
	return target_exec_start(t, ops, path, &mine, err, errlen);
}

static int exec_setup(struct target *t, const struct target_config *cfg, char *err,
		      size_t errlen)
{
	return exec_setup_as(t, cfg, &target_exec_ops, "exec:", err, errlen);
}

static int exec_tap_setup(struct target *t, const struct target_config *cfg, char *err,
			  size_t errlen)
{
	return exec_setup_as(t, cfg, &target_exec_tap_ops, "exec-tap:", err, errlen);
}

const struct target_ops target_exec_ops = {
	.name = "exec",
	.setup = exec_setup,
	.command = target_exec_command,
	.teardown = target_exec_teardown,
	.default_profile = "rfc9293",
};

const struct target_ops target_exec_tap_ops = {
	.name = "exec-tap",
	.setup = exec_tap_setup,
	.command = target_exec_command,
	.teardown = target_exec_teardown,
	.default_profile = "rfc9293",
};

/* The directory of the running binary, where `make` puts the agents. */
static int agent_path(char *buf, size_t len, const char *name, char *err, size_t errlen)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	if (n < 0) {
		err_set(err, errlen, "readlink /proc/self/exe: %s", strerror(errno));
		return -1;
	}
	self[n] = '\0';
	slash = strrchr(self, '/');
	if (slash != NULL)
		*slash = '\0';
	if (snprintf(buf, len, "%s/tcpspec-agent-%s", self, name) >= (int)len) {
		err_set(err, errlen, "path of tcpspec-agent-%s too long", name);
		return -1;
	}
	return 0;
}

int target_agent_start(struct target *t, const struct target_ops *ops, const char *name,
		       const struct target_config *cfg, bool tap, char *err, size_t errlen)
{
	struct target_config mine = *cfg;
	char path[PATH_MAX];

	target_exec_init(t, ops);
	if (cfg->program != NULL)
		snprintf(path, sizeof(path), "%s", cfg->program);
	else if (agent_path(path, sizeof(path), name, err, errlen) < 0)
		return -1;
	if (access(path, X_OK) < 0) {
		err_set(err, errlen, "%s target: agent %s: %s (it is built by 'make')", name, path,
		     strerror(errno));
		return -1;
	}
	mine.net.tap = tap;
	return target_exec_start(t, ops, path, &mine, err, errlen);
}

const struct target_ops *target_find(const char *spec)
{
	if (spec == NULL)
		return NULL;
	if (strcmp(spec, "linux") == 0)
		return &target_linux_ops;
	if (strcmp(spec, "lwip") == 0)
		return &target_lwip_ops;
	if (strcmp(spec, "slirp") == 0)
		return &target_slirp_ops;
	if (strncmp(spec, "exec:", 5) == 0 && spec[5] != '\0')
		return &target_exec_ops;
	if (strncmp(spec, "exec-tap:", 9) == 0 && spec[9] != '\0')
		return &target_exec_tap_ops;
	return NULL;
}
