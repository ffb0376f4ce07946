/*
 * privs.h - an agent gives up the privileges it does not need: it runs
 * next to a stack under test and reads what that stack sends, so it should
 * hold no privilege it could lose control of.
 *
 *   lwip, slirp: the tap they attach to is nobody's (net/netns.c), and
 *                nothing else needs root: they become user nobody before
 *                their stack starts (no capability left);
 *   linux:       the target protocol's `reset` destroys sockets through
 *                sock_diag (SOCK_DESTROY), which needs CAP_NET_ADMIN: it
 *                keeps that one capability and drops every other.
 * Both also set no_new_privs, so that nothing they exec regains any.
 */
#ifndef TCPSPEC_AGENT_PRIVS_H
#define TCPSPEC_AGENT_PRIVS_H

#include <stdbool.h>

/* 0, or -1 with a message on stderr naming prog and the call that failed.
 * Without root (a user's own exec: test) there is nothing to drop: 0. */
int privs_become_nobody(const char *prog);
int privs_keep_only_net_admin(const char *prog);

#endif
