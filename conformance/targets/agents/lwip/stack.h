/*
 * stack.h - lwIP 2.1.3 as Debian builds it (liblwip, NO_SYS=0, core
 * locking), started on the tap tcpspec created: lwIP's tcpip thread runs
 * input, timers and callbacks with the core lock held; Debian's tapif
 * thread reads the tap and queues frames with tcpip_input().
 *
 * What the agent chooses, not lwIP (TARGETS.md, "The lwip target"): the
 * stack's MAC is the tap's (tcpspec sends to it), not tapif's fixed
 * 02:12:34:56:78:ab; the addresses skip duplicate address detection.
 */
#ifndef TCPSPEC_AGENTS_LWIP_STACK_H
#define TCPSPEC_AGENTS_LWIP_STACK_H

#include "targets/agents/agentline.h"

/*
 * Start lwIP on args->ifname with args->addr4/24 and args->addr6 (and a
 * link-local address).  0, or 3 (the exit status) after a message on
 * stderr naming `prog`.
 */
int stack_start(const struct al_args *args, const char *prog);

#endif
