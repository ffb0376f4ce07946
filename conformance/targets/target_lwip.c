/*
 * target_lwip.c - the built-in `lwip` target: lwIP 2.1.3 (Debian's
 * liblwip, threaded, core locking) in build/tcpspec-agent-lwip
 * (agent_lwip.c) on a tap in the target namespace.  Exactly what
 * `--target exec-tap:build/tcpspec-agent-lwip --profile lwip` runs.
 */
#include "targets/exec.h"

static int lwip_setup(struct target *t, const struct target_config *cfg, char *err,
		      size_t errlen)
{
	return target_agent_start(t, &target_lwip_ops, "lwip", cfg, true, err, errlen);
}

/* The agent acknowledges at once (it forces immediate ACKs): on an idle
 * machine 20 runs of the corpus gave the same verdicts at 20 ms of silence;
 * with both cores busy (proofs, fuzzing) the stack's thread sometimes
 * answered later than 20 ms, so 50 ms it is. */
const struct target_ops target_lwip_ops = {
	.name = "lwip", .default_profile = "lwip", .quiet_ms = 50,
	.setup = lwip_setup, TARGET_EXEC_OPS,
};
