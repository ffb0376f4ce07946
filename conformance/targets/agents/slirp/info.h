/*
 * info.h - slirp's TCP connections as slirp_connection_info() lists them,
 * the only state libslirp exposes.
 */
#ifndef TCPSPEC_AGENTS_SLIRP_INFO_H
#define TCPSPEC_AGENTS_SLIRP_INFO_H

#include <slirp/libslirp.h>

#define INFO_MAX_LINES 64

struct info_line {
	char state[24]; /* slirp's name: "ESTABLISHED", "HOST_FORWARD", ... */
	int fd;		/* slirp's kernel socket, -1 */
	unsigned sport, dport;
};

/*
 * The TCP lines of slirp_connection_info(), up to max:
 * "  TCP[ESTABLISHED]   7  198.18.0.1 20000  198.18.0.2  8080  0  0".
 * For a guest's connection the source is the guest, the destination
 * vhost:port; for one slirp opened (a host forward) the source is slirp's
 * loopback socket, the destination the guest.  IPv6 connections are listed
 * with IPv4-shaped addresses (libslirp: "TODO: IPv6"); the ports are right.
 */
int info_lines(Slirp *slirp, struct info_line *out, int max);

/* slirp's state name in RFC 9293 spelling; NULL for CLOSED, NONE, HOST_FORWARD. */
const char *info_rfc_state(const char *state);

#endif
