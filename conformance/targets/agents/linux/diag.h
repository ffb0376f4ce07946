/*
 * diag.h - the kernel's view of the TCP sockets of the agent's namespace,
 * through NETLINK_SOCK_DIAG: the state of a connection for `state`
 * (request sockets in SYN_RECV and TIME_WAIT sockets included), and
 * SOCK_DESTROY of what `reset` leaves behind (root and
 * CONFIG_INET_DIAG_DESTROY needed).
 */
#ifndef TCPSPEC_AGENTS_LINUX_DIAG_H
#define TCPSPEC_AGENTS_LINUX_DIAG_H

#include <netinet/in.h>

#include "targets/agents/agentline.h"

struct diag {
	int fd;	      /* the NETLINK_SOCK_DIAG socket */
	unsigned seq; /* of the last request */
};

/* 0, or -1 with errno. */
int diag_open(struct diag *d);

/*
 * The RFC 9293 name of the state of the connection LPORT-RPORT (RPORT 0:
 * a listener), "CLOSED" if there is none; NULL (r holds the error) when
 * the kernel does not answer.
 */
const char *diag_state(struct diag *d, unsigned lport, unsigned rport, struct al_reply *r);

/*
 * SOCK_DESTROY every TCP socket whose local address is addr4 or addr6 (or
 * addr4 mapped to IPv6), until a dump finds none: 0, or -1 (r holds the
 * error) when the kernel refuses or sockets keep reappearing.
 */
int diag_destroy_all(struct diag *d, const struct in_addr *addr4, const struct in6_addr *addr6,
		     struct al_reply *r);

#endif
