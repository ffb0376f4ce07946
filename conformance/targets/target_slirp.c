/*
 * target_slirp.c - the built-in `slirp` target: libslirp 4.7 (Debian's), a
 * stack derived from 4.4BSD's, in build/tcpspec-agent-slirp (agent_slirp.c)
 * on a tap in the target namespace; tcpspec is slirp's guest.  Exactly
 * what `--target exec-tap:build/tcpspec-agent-slirp --profile rfc9293` runs.
 */
#include "targets/exec.h"

static int slirp_setup(struct target *t, const struct target_config *cfg, char *err,
		       size_t errlen)
{
	return target_agent_start(t, &target_slirp_ops, "slirp", cfg, true, err, errlen);
}

/* The agent acknowledges at once (it forces immediate ACKs): on an idle
 * machine 20 runs of the corpus gave the same verdicts at 20 ms of silence;
 * with both cores busy (proofs, fuzzing) the stack's thread sometimes
 * answered later than 20 ms, so 50 ms it is. */
const struct target_ops target_slirp_ops = {
	.name = "slirp", .default_profile = "bsd", .quiet_ms = 50,
	.setup = slirp_setup, TARGET_EXEC_OPS,
};
