/*
 * target_linux.c - the built-in `linux` target: the running kernel in the
 * target namespace, on a veth, driven by build/tcpspec-agent-linux
 * (agents/agent_linux.c), which speaks the target protocol like any
 * `exec:` program.  The kernel answers within the injecting call over a
 * veth, so 3 ms of silence is quiet (20 runs of the corpus gave the same
 * verdicts at 3 ms and at 40 ms).
 */
#include "targets/exec.h"

static int linux_setup(struct target *t, const struct target_config *cfg, char *err,
		       size_t errlen)
{
	return target_agent_start(t, &target_linux_ops, "linux", cfg, false, err, errlen);
}

const struct target_ops target_linux_ops = {
	.name = "linux", .default_profile = "linux", .quiet_ms = 3,
	.setup = linux_setup, TARGET_EXEC_OPS,
};
