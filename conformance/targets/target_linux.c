/*
 * target_linux.c - the built-in `linux` target: the running kernel in the
 * target namespace, driven by build/tcpspec-agent-linux (agent_linux.c),
 * which speaks the target protocol like any `exec:` program.  The agent is
 * looked for next to the running binary (the directory of /proc/self/exe),
 * unless target_config.program names it.
 */
#include "targets/target.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define AGENT_NAME "tcpspec-agent-linux"

static int agent_path(char *buf, size_t len, char *err, size_t errlen)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	if (n < 0) {
		snprintf(err, errlen, "linux target: readlink /proc/self/exe: %s",
			 strerror(errno));
		return -1;
	}
	self[n] = '\0';
	slash = strrchr(self, '/');
	if (slash != NULL)
		*slash = '\0';
	if (snprintf(buf, len, "%s/%s", self, AGENT_NAME) >= (int)len) {
		snprintf(err, errlen, "linux target: path of %s too long", AGENT_NAME);
		return -1;
	}
	return 0;
}

static int linux_setup(struct target *t, const struct target_config *cfg, char *err,
		       size_t errlen)
{
	char path[PATH_MAX];

	target_exec_init(t, &target_linux_ops);
	if (cfg->program != NULL)
		snprintf(path, sizeof(path), "%s", cfg->program);
	else if (agent_path(path, sizeof(path), err, errlen) < 0)
		return -1;
	if (access(path, X_OK) < 0) {
		snprintf(err, errlen, "linux target: agent %s: %s (it is built by 'make')", path,
			 strerror(errno));
		return -1;
	}
	return target_exec_start(t, &target_linux_ops, path, cfg, err, errlen);
}

const struct target_ops target_linux_ops = {
	.name = "linux",
	.setup = linux_setup,
	.command = target_exec_command,
	.teardown = target_exec_teardown,
	.default_profile = "linux",
};
