/*
 * wire_spec.h - what `--target wire:IFACE` needs from the user, and the
 * refusals that keep a run on what the user named (conformance/TARGETS.md,
 * "A device on a real wire").
 *
 * The wire target aims the harness at a host behind an interface of this
 * host that the user names; tcpspec creates no namespace, no veth, no tap,
 * and changes no address, route or firewall rule:
 *
 *     tcpspec (raw frames out, libpcap in) --[ IFACE ]-- ... --[ device ]
 *     tester addresses TESTER4/TESTER6      device addresses DEVICE4/DEVICE6
 *     MAC 02:00:c6:12:00:01 (not IFACE's)   MAC: --wire-mac, else ARP / ND
 *
 * The user gives every address (`--wire-tester4 A --wire-device4 A`, and/or
 * the same with 6) and the program that drives the device's application
 * side (`--wire-app PATH`, the target protocol of TARGETS.md 2-5; its own
 * arguments are the --target-arg values).  Addresses outside 198.18.0.0/15
 * and 2001:db8::/32 are refused, so are tester addresses this host owns
 * (its kernel would answer the device for them), an interface that does
 * not exist, is loopback or is down.
 *
 *	struct wire_spec w;
 *	wire_spec_init(&w);
 *	if (wire_spec_target(&w, "wire:veth0", err, n) || wire_spec_set(&w, "tester4", "198.18.7.1", err, n) ...
 *	if (wire_spec_check(&w, family, jobs, err, n) != 0) ... usage error
 *	if (wire_iface_check(w.ifname, err, n) != 0 || wire_addrs_foreign(&w, err, n) != 0) ... environment
 */
#ifndef TCPSPEC_WIRE_SPEC_H
#define TCPSPEC_WIRE_SPEC_H

#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WIRE_PREFIX "wire:"
/* The tester's MAC on the wire: locally administered, never IFACE's own, so
 * that the host's kernel takes the device's frames to the tester for
 * another host's (PACKET_OTHERHOST) and neither answers nor routes them. */
#define WIRE_TESTER_MAC {0x02, 0x00, 0xc6, 0x12, 0x00, 0x01}

struct wire_spec {
	char ifname[IFNAMSIZ];
	const char *app;  /* the program of the application side */
	bool has4, has6;  /* both addresses of the family were given */
	char tester4[INET_ADDRSTRLEN], device4[INET_ADDRSTRLEN];
	char tester6[INET6_ADDRSTRLEN], device6[INET6_ADDRSTRLEN];
	bool has_mac;     /* --wire-mac: the device's MAC, no ARP / ND */
	uint8_t device_mac[6];
	unsigned given;   /* which of tester4, device4, tester6, device6 (bits 0-3) */
};

void wire_spec_init(struct wire_spec *w);

/* "wire:IFACE": the interface's name (1..15 bytes, no '/', ',' or blank). */
int wire_spec_target(struct wire_spec *w, const char *target, char *err, size_t errlen);

/*
 * One value: key "tester4", "device4" (dotted quad in 198.18.0.0/15),
 * "tester6", "device6" (IPv6 in 2001:db8::/32), "app" (kept as given),
 * "mac" (aa:bb:cc:dd:ee:ff, unicast).  0, or -1 with a sentence naming
 * the option, the value and what was expected.
 */
int wire_spec_set(struct wire_spec *w, const char *key, const char *value, char *err,
		  size_t errlen);

/*
 * The whole, before a run: an interface, an app, both addresses of each
 * family given (tester and device differ), the families the run uses
 * (4, 6, or 0 for both) present, one job (one device).  Pure.
 */
int wire_spec_check(const struct wire_spec *w, int family, int jobs, char *err, size_t errlen);

/* True for 198.18.0.0/15 (RFC 2544) and 2001:db8::/32 (RFC 3849). */
bool wire_addr4_allowed(const struct in_addr *a);
bool wire_addr6_allowed(const struct in6_addr *a);

/* IFACE exists in this namespace, is not loopback, is up and has a carrier. */
int wire_iface_check(const char *ifname, char *err, size_t errlen);

/* No address given is one of this host's (any interface of the namespace). */
int wire_addrs_foreign(const struct wire_spec *w, char *err, size_t errlen);

#endif
