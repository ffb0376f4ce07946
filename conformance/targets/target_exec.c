/*
 * target_exec.c - the protocol targets: the client side of the target line
 * protocol (conformance/TARGETS.md) behind the typed interface of target.h.
 * `exec:PATH` starts a program in the target namespace, says `hello`, then
 * one command line, one reply line, each reply within a timeout;
 * `exec-tap:PATH` is the same for a user-space stack, on a tap (netns.h);
 * the linux, lwip and slirp targets start their agents that way.  Segments
 * go over the link of link_wire.c; exec_ops.c gives the typed operations.
 *
 * After a timeout, a malformed reply or the program's death the target is
 * marked broken: a late reply would otherwise be taken for the answer to
 * the next command.  The runner tears such a target down and starts anew.
 */
#include "targets/exec_impl.h"
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
	int status = spawn_stop(P(t)->pid, EXIT_GRACE_MS);

	P(t)->pid = -1;
	P(t)->broken = true;
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

	if (P(t)->inlen == 0) {
		n = recv(P(t)->fd, P(t)->in, sizeof(P(t)->in) - 1, MSG_DONTWAIT);
		if (n == 0) {
			program_gone(t, line, err, errlen);
			return -1;
		}
		if (n > 0)
			P(t)->inlen = (size_t)n;
	}
	if (P(t)->inlen == 0)
		return 0;
	P(t)->in[P(t)->inlen < sizeof(P(t)->in) ? P(t)->inlen : sizeof(P(t)->in) - 1] = '\0';
	P(t)->in[strcspn(P(t)->in, "\r\n")] = '\0';
	err_set(err, errlen, "target wrote '%s' without being asked (before '%s')", P(t)->in, line);
	P(t)->broken = true;
	return -1;
}

static int send_line(struct target *t, const char *line, char *err, size_t errlen)
{
	char buf[TARGET_LINE_MAX + 1];
	int len = snprintf(buf, sizeof(buf), "%s\n", line);
	size_t off = 0;

	while (off < (size_t)len) {
		ssize_t n = send(P(t)->fd, buf + off, (size_t)len - off, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			if (errno == EPIPE || errno == ECONNRESET)
				program_gone(t, line, err, errlen);
			else
				err_set(err, errlen, "sending '%s' to target: %s", line,
				     strerror(errno));
			P(t)->broken = true;
			return -1;
		}
		off += (size_t)n;
	}
	return 0;
}

int exec_take_line(char *in, size_t *inlen, char *got, size_t gotlen)
{
	char *nl = memchr(in, '\n', *inlen);
	size_t len, rest;

	if (nl == NULL || gotlen == 0)
		return 0;
	len = (size_t)(nl - in);
	rest = *inlen - len - 1;
	if (len > 0 && in[len - 1] == '\r')
		len--;
	if (len >= gotlen)
		len = gotlen - 1;
	memcpy(got, in, len);
	got[len] = '\0';
	/* a NUL inside a line would cut it short: make it visible instead */
	for (size_t i = 0; i < len; i++)
		if (got[i] == '\0')
			got[i] = '?';
	memmove(in, nl + 1, rest);
	*inlen = rest;
	return 1;
}

static int take_line(struct target *t, char *got, size_t gotlen)
{
	return exec_take_line(P(t)->in, &P(t)->inlen, got, gotlen);
}

static int read_line(struct target *t, const char *line, int timeout_ms, char *got,
		     size_t gotlen, char *err, size_t errlen)
{
	long deadline = (long)clock_now_ms() + timeout_ms;

	while (!take_line(t, got, gotlen)) {
		struct pollfd pfd = {P(t)->fd, POLLIN, 0};
		long left = deadline - (long)clock_now_ms();
		ssize_t n;
		int rc;

		if (P(t)->inlen == sizeof(P(t)->in)) {
			err_set(err, errlen, "target's reply to '%s' is longer than %d bytes", line,
			     TARGET_LINE_MAX);
			P(t)->broken = true;
			return -1;
		}
		rc = left > 0 ? poll(&pfd, 1, (int)left) : 0;
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc == 0) {
			err_set(err, errlen, "target did not answer '%s' within %d ms", line,
			     timeout_ms);
			P(t)->broken = true;
			return -1;
		}
		n = recv(P(t)->fd, P(t)->in + P(t)->inlen, sizeof(P(t)->in) - P(t)->inlen, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			program_gone(t, line, err, errlen);
			return -1;
		}
		P(t)->inlen += (size_t)n;
	}
	return 0;
}

int exec_reply_parse(const char *got, char *reply, size_t replylen)
{
	if (strcmp(got, "ok") == 0 || strncmp(got, "ok ", 3) == 0) {
		copy_text(reply, replylen, got[2] ? got + 3 : "");
		return TARGET_OK;
	}
	if (strncmp(got, "err E", 5) == 0) {
		copy_text(reply, replylen, got + 4);
		return TARGET_ERR;
	}
	copy_text(reply, replylen, "");
	return TARGET_FAILED;
}

static int parse_reply(struct target *t, const char *line, const char *got, char *reply,
		       size_t replylen, char *err, size_t errlen)
{
	int rc = exec_reply_parse(got, reply, replylen);

	if (rc == TARGET_ERR)
		err_set(err, errlen, "target answered '%s' with '%s'", line, got);
	if (rc == TARGET_FAILED) {
		err_set(err, errlen,
			"target answered '%s' with '%s', which is neither 'ok ...' nor 'err CODE message'",
			line, got);
		P(t)->broken = true;
	}
	return rc;
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
	if (P(t) == NULL || P(t)->fd < 0 || P(t)->pid <= 0 || P(t)->broken) {
		err_set(err, errlen, "target cannot take '%s': it failed earlier", line);
		return TARGET_FAILED;
	}
	if (!line_valid(line, err, errlen))
		return TARGET_FAILED;
	if (timeout_ms <= 0)
		timeout_ms = P(t)->timeout_ms;
	if (check_quiet(t, line, err, errlen) < 0 || send_line(t, line, err, errlen) < 0 ||
	    read_line(t, line, timeout_ms, got, sizeof(got), err, errlen) < 0)
		return TARGET_FAILED;
	return parse_reply(t, line, got, reply, replylen, err, errlen);
}

int target_exec_cmdf(struct target *t, char *reply, size_t replylen, char *err, size_t errlen,
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
	return target_exec_command(t, line, reply, replylen, 0, err, errlen);
}

/* PROGRAM --ifname DEV [--addr4 A --addr6 A --peer4 A --peer6 A] ARGS...:
 * a family without addresses (the wire target given one) is left out. */
static const char **program_argv(const struct target *t, const char *program,
				 const struct target_config *cfg)
{
	const struct netns_pair *p = &t->net;
	const char *fixed[] = {program,	      "--ifname", p->target_if,    "--addr4",
			       p->target4_text, "--addr6",  p->target6_text, "--peer4",
			       p->tester4_text, "--peer6",  p->tester6_text};
	size_t nfixed = sizeof(fixed) / sizeof(fixed[0]), n = 3;
	const char **argv = calloc(nfixed + cfg->nargs + 1, sizeof(*argv));

	if (argv == NULL)
		return NULL;
	memcpy(argv, fixed, 3 * sizeof(*argv));
	for (size_t i = 3; i < nfixed; i += 2)
		if (fixed[i + 1][0] != '\0') {
			argv[n++] = fixed[i];
			argv[n++] = fixed[i + 1];
		}
	for (size_t i = 0; i < cfg->nargs; i++)
		argv[n++] = cfg->args[i];
	return argv;
}

/* `hello` -> `ok tcpspec-target 1 NAME` */
static int check_hello(struct target *t, const char *program, char *err, size_t errlen)
{
	char reply[TARGET_LINE_MAX], why[TARGET_LINE_MAX + 64], name[TARGET_STACK_MAX];
	int version = 0, rc;

	rc = target_exec_command(t, "hello", reply, sizeof(reply), TARGET_HELLO_TIMEOUT_MS, why,
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

int target_exec_init(struct target *t, const struct target_ops *ops, char *err,
		     size_t errlen)
{
	memset(t, 0, sizeof(*t));
	t->ops = ops;
	t->priv = calloc(1, sizeof(struct exec_priv));
	if (t->priv == NULL)
		return err_set(err, errlen, "%s target: out of memory", ops->name);
	P(t)->pid = -1;
	P(t)->fd = -1;
	P(t)->timeout_ms = TARGET_DEFAULT_TIMEOUT_MS;
	return 0;
}

int target_exec_launch(struct target *t, const char *program, const struct target_config *cfg,
		       char *err, size_t errlen)
{
	const char **argv = program_argv(t, program, cfg);
	int rc;

	if (argv == NULL)
		return err_set(err, errlen, "%s: out of memory for its arguments", program);
	rc = spawn_start(t->net.target_ns[0] != '\0' ? t->net.target_ns : NULL, argv, &P(t)->fd,
			 &P(t)->pid, err, errlen);
	free(argv);
	if (rc < 0 || check_hello(t, program, err, errlen) < 0)
		return -1;
	return 0;
}

int target_exec_start(struct target *t, const struct target_ops *ops, const char *program,
		      const struct target_config *cfg, char *err, size_t errlen)
{
	if (target_exec_init(t, ops, err, errlen) < 0)
		return -1;
	P(t)->timeout_ms = cfg->timeout_ms > 0 ? cfg->timeout_ms : TARGET_DEFAULT_TIMEOUT_MS;
	if (netns_pair_create(&t->net, cfg->index, &cfg->net, err, errlen) < 0 ||
	    target_exec_launch(t, program, cfg, err, errlen) < 0) {
		target_exec_teardown(t);
		return -1;
	}
	return 0;
}

void target_exec_teardown(struct target *t)
{
	struct exec_priv *p = P(t);

	if (p != NULL) {
		link_wire_close(&p->link);
		if (p->fd >= 0) {
			if (p->pid > 0 && !p->broken)
				send(p->fd, "quit\n", 5, MSG_NOSIGNAL | MSG_DONTWAIT);
			close(p->fd);
			p->fd = -1;
		}
		if (p->pid > 0)
			spawn_stop(p->pid, QUIT_GRACE_MS);
		p->pid = -1;
	}
	netns_pair_destroy(&t->net);
	free(p);
	t->priv = NULL;
}

long target_exec_pid(const struct target *t)
{
	return P(t) != NULL ? (long)P(t)->pid : -1;
}
