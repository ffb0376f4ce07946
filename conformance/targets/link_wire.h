/*
 * link_wire.h - the tester's end of the link to a stack in a namespace of
 * its own (a veth, or a tap for a user-space stack): segments become frames
 * injected with net/wire, frames captured from the target become segments,
 * and the neighbour protocols (ARP, ND) are answered here for the tester's
 * addresses, which no kernel owns.  The protocol targets use it; the runner
 * only sees segments.
 */
#ifndef TCPSPEC_LINK_WIRE_H
#define TCPSPEC_LINK_WIRE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/tcp.h"
#include "net/netns.h"
#include "net/packet.h"
#include "net/wire.h"
#include "targets/target.h"

struct link_wire {
	struct wire w;
	bool open;
	struct pkt_addr tester4, tester6, target4, target6;
	unsigned unparsable; /* frames from the target that did not parse */
	char last_unparsable[160];
};

/* Enter the tester's namespace (the calling thread; none when
 * net->tester_ns is "", the wire target) and open its end of the link,
 * capturing what the target's addresses send, ARP and ND. */
int link_wire_open(struct link_wire *l, const struct netns_pair *net, char *err, size_t errlen);
/* Learn net->target_mac by asking the target's IPv4 address with ARP (its
 * IPv6 address with a neighbour solicitation when it has no IPv4 one),
 * every 250 ms for up to timeout_ms: 0, or -1 saying the target did not
 * answer. */
int link_wire_resolve(struct link_wire *l, struct netns_pair *net, int timeout_ms, char *err,
		      size_t errlen);
int link_wire_dump(struct link_wire *l, const char *path, char *err, size_t errlen);
int link_wire_inject(struct link_wire *l, const struct netns_pair *net,
		     const struct target_conn *c, const struct tcp_segment *s, char *err,
		     size_t errlen);
/* 1 a segment for conn, 0 none within timeout_ms, TARGET_FAILED. */
int link_wire_receive(struct link_wire *l, const struct netns_pair *net,
		      const struct target_conn *c, int timeout_ms, struct tcp_segment *out,
		      char *err, size_t errlen);
void link_wire_close(struct link_wire *l);

#endif
