/*
 * exec_ops.c - the typed operations of target.h over the target line
 * protocol (target_exec.c), and the protocol targets built on them:
 * `exec:PATH`, `exec-tap:PATH` and the agents of linux, lwip and slirp.
 */
#include "targets/exec_impl.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/err.h"
#include "scenario/text.h"

/* --- the typed interface over the protocol ------------------------------ */

/* "ECONNRESET" -> ECONNRESET; 0 for a name glibc does not know. */
int target_errno_parse(const char *name)
{
	size_t n = strcspn(name, " \t");

	for (int e = 1; e < 256; e++) { /* Linux errno values end at 133 */
		const char *s = strerrorname_np(e);

		if (s != NULL && strlen(s) == n && strncmp(s, name, n) == 0)
			return e;
	}
	return 0;
}

/* A command's outcome as the typed interface gives it: 0, an errno value
 * (err holds the target's own words), or TARGET_FAILED. */
static int typed(struct target *t, char *reply, size_t replylen, char *err, size_t errlen,
		 const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static int typed(struct target *t, char *reply, size_t replylen, char *err, size_t errlen,
		 const char *fmt, ...)
{
	char line[TARGET_LINE_MAX + 1];
	va_list ap;
	int rc, e;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	rc = target_exec_command(t, line, reply, replylen, 0, err, errlen);
	if (rc != TARGET_ERR)
		return rc == TARGET_OK ? 0 : TARGET_FAILED;
	e = target_errno_parse(reply);
	if (e == 0) {
		err_set(err, errlen, "target answered '%s' with 'err %s': not an errno name", line,
			reply);
		return TARGET_FAILED;
	}
	err_set(err, errlen, "%s", reply);
	return e;
}

int target_exec_reset(struct target *t, char *err, size_t errlen)
{
	char reply[TARGET_LINE_MAX];

	return typed(t, reply, sizeof reply, err, errlen, "reset");
}

int target_exec_app(struct target *t, const struct target_conn *c, const struct target_call *call,
		    long *value, char *err, size_t errlen)
{
	char reply[TARGET_LINE_MAX];
	const char *peer = c->family == 6 ? t->net.tester6_text : t->net.tester4_text;
	int rc;

	*value = 0;
	switch (call->kind) {
	case TC_LISTEN:
		rc = typed(t, reply, sizeof reply, err, errlen, "listen %u", c->lport);
		break;
	case TC_CONNECT:
		rc = typed(t, reply, sizeof reply, err, errlen, "connect %u %s %u", c->lport, peer,
			   c->rport);
		break;
	case TC_ACCEPT:
		rc = typed(t, reply, sizeof reply, err, errlen, "accept %d", call->id);
		break;
	case TC_SEND:
		rc = typed(t, reply, sizeof reply, err, errlen, "send %d %u", call->id, call->n);
		break;
	case TC_RECV:
		rc = typed(t, reply, sizeof reply, err, errlen, "recv %d %u", call->id, call->n);
		break;
	case TC_CLOSE:
		rc = typed(t, reply, sizeof reply, err, errlen, "close %d", call->id);
		break;
	case TC_SHUTDOWN:
		rc = typed(t, reply, sizeof reply, err, errlen, "shutdown %d wr", call->id);
		break;
	case TC_ABORT:
		rc = typed(t, reply, sizeof reply, err, errlen, "abort %d", call->id);
		break;
	default:
		rc = typed(t, reply, sizeof reply, err, errlen, "setopt %d %s %u", call->id,
			   call->opt, call->n);
		break;
	}
	if (rc == 0)
		*value = atol(reply);
	return rc;
}

int target_exec_state(struct target *t, const struct target_conn *c, bool listener,
		      enum tcp_state *st, char *err, size_t errlen)
{
	char reply[TARGET_LINE_MAX];
	int rc = typed(t, reply, sizeof reply, err, errlen, "state %u %u", c->lport,
		       listener ? 0u : (unsigned)c->rport);

	if (rc != 0)
		return rc;
	if (txt_state_parse(reply, st) != 0) {
		err_set(err, errlen, "target answered 'state' with '%s', not a state", reply);
		P(t)->broken = true;
		return TARGET_FAILED;
	}
	return 0;
}

int target_exec_so_error(struct target *t, int id, int *error, char *err, size_t errlen)
{
	char reply[TARGET_LINE_MAX];
	int rc = typed(t, reply, sizeof reply, err, errlen, "error %d", id);

	*error = 0;
	if (rc != 0)
		return rc;
	if (strcmp(reply, "NONE") == 0)
		return 0;
	*error = target_errno_parse(reply);
	if (*error == 0) {
		err_set(err, errlen, "target answered 'error' with '%s', not NONE or an errno name",
			reply);
		P(t)->broken = true;
		return TARGET_FAILED;
	}
	return 0;
}

int target_advance_parse(int rc, const char *reply, unsigned *tick_ms)
{
	char *end;
	unsigned long v;

	*tick_ms = 0;
	if (rc == EINVAL && strncmp(reply, "EINVAL unknown command", 22) == 0)
		return ENOSYS; /* a target written before `advance` existed */
	if (rc != 0)
		return rc;
	if (reply[0] < '0' || reply[0] > '9')
		return TARGET_FAILED;
	errno = 0;
	v = strtoul(reply, &end, 10);
	if (errno != 0 || *end != '\0' || v < 1 || v > (unsigned long)TARGET_TICK_MAX_MS)
		return TARGET_FAILED;
	*tick_ms = (unsigned)v;
	return 0;
}

int target_exec_advance(struct target *t, unsigned ms, unsigned *tick_ms, char *err,
			size_t errlen)
{
	char reply[TARGET_LINE_MAX];
	int rc = typed(t, reply, sizeof reply, err, errlen, "advance %u", ms);

	*tick_ms = 0;
	if (rc == TARGET_FAILED)
		return rc;
	rc = target_advance_parse(rc, reply, tick_ms);
	if (rc == TARGET_FAILED) {
		err_set(err, errlen, "target answered 'advance %u' with '%s', not a tick in ms "
			"(1..%ld)", ms, reply, TARGET_TICK_MAX_MS);
		P(t)->broken = true;
	}
	return rc;
}

int target_exec_open_link(struct target *t, char *err, size_t errlen)
{
	return link_wire_open(&P(t)->link, &t->net, err, errlen);
}

int target_exec_dump(struct target *t, const char *path, char *err, size_t errlen)
{
	return link_wire_dump(&P(t)->link, path, err, errlen);
}

int target_exec_inject(struct target *t, const struct target_conn *c, const struct tcp_segment *s,
		       char *err, size_t errlen)
{
	return link_wire_inject(&P(t)->link, &t->net, c, s, err, errlen);
}

int target_exec_receive(struct target *t, const struct target_conn *c, int timeout_ms,
			struct tcp_segment *out, char *err, size_t errlen)
{
	return link_wire_receive(&P(t)->link, &t->net, c, timeout_ms, out, err, errlen);
}

/* --- exec:PATH and exec-tap:PATH ----------------------------------------- */

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

	memset(t, 0, sizeof(*t));
	t->ops = ops;
	if (path == NULL || *path == '\0')
		return err_set(err, errlen, "the %s target needs a program: --target %sPATH",
			       ops->name, prefix);
	if (strchr(path, '/') != NULL && access(path, X_OK) < 0)
		return err_set(err, errlen, "%s%s: %s", prefix, path, strerror(errno));
	mine.net.tap = strcmp(prefix, "exec-tap:") == 0;
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

/* An unknown stack may hold an ACK for a while (RFC 9293 3.8.6.3 allows up
 * to 500 ms); 300 ms of silence is taken as quiet unless --quiet-ms says. */
const struct target_ops target_exec_ops = {
	.name = "exec", .default_profile = "rfc9293", .quiet_ms = 300,
	.setup = exec_setup, TARGET_EXEC_OPS,
};

const struct target_ops target_exec_tap_ops = {
	.name = "exec-tap", .default_profile = "rfc9293", .quiet_ms = 300,
	.setup = exec_tap_setup, TARGET_EXEC_OPS,
};

/* The directory of the running binary, where `make` puts the agents. */
static int agent_path(char *buf, size_t len, const char *name, char *err, size_t errlen)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	if (n < 0)
		return err_set(err, errlen, "readlink /proc/self/exe: %s", strerror(errno));
	self[n] = '\0';
	slash = strrchr(self, '/');
	if (slash != NULL)
		*slash = '\0';
	if (snprintf(buf, len, "%s/tcpspec-agent-%s", self, name) >= (int)len)
		return err_set(err, errlen, "path of tcpspec-agent-%s too long", name);
	return 0;
}

int target_agent_start(struct target *t, const struct target_ops *ops, const char *name,
		       const struct target_config *cfg, bool tap, char *err, size_t errlen)
{
	struct target_config mine = *cfg;
	char path[PATH_MAX];

	memset(t, 0, sizeof(*t));
	t->ops = ops;
	if (cfg->program != NULL)
		snprintf(path, sizeof(path), "%s", cfg->program);
	else if (agent_path(path, sizeof(path), name, err, errlen) < 0)
		return -1;
	if (access(path, X_OK) < 0)
		return err_set(err, errlen, "%s target: agent %s: %s (it is built by 'make')",
			       name, path, strerror(errno));
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
	if (strcmp(spec, "model") == 0)
		return &target_model_ops;
	if (strncmp(spec, "exec:", 5) == 0 && spec[5] != '\0')
		return &target_exec_ops;
	if (strncmp(spec, "exec-tap:", 9) == 0 && spec[9] != '\0')
		return &target_exec_tap_ops;
	if (strncmp(spec, "wire:", 5) == 0 && spec[5] != '\0')
		return &target_wire_ops;
	return NULL;
}
