/*
 * agentcmd.h - Check assertions on target protocol commands (the agent
 * suites: check_netns_agent.c, check_lwip_slirp.c).
 */
#ifndef TCPSPEC_TESTS_AGENTCMD_H
#define TCPSPEC_TESTS_AGENTCMD_H

#include "targets/exec.h"

/* A command that must succeed; the values after "ok" (valid until the
 * next call). */
const char *agent_ok(struct target *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A command that must be refused with errno name `code`. */
void agent_refused(struct target *t, const char *code, const char *line);
/* The reply to the last agent_ok or agent_refused ("CODE message" after err). */
const char *agent_last_reply(void);

#endif
