/*
 * target_wire.c - `wire:IFACE`: a device behind an interface the user
 * names (wire_spec.h, conformance/TARGETS.md "A device on a real wire").
 * The protocol client of target_exec.c with no namespace of its own: the
 * user's program (--wire-app) is started in tcpspec's namespace with the
 * user's addresses and drives the device's application side; segments go
 * out of IFACE as raw frames from the tester's MAC and addresses, which no
 * kernel here owns, and come back through libpcap (link_wire.c).
 *
 * Nothing is configured on IFACE or anywhere else: no address, route,
 * firewall rule or sysctl.  The capture's promiscuous mode is libpcap's
 * membership of the socket (the kernel drops it when the socket closes,
 * however the run ends); the program is killed by its PID at teardown and
 * dies with its job (PR_SET_PDEATHSIG).
 */
#include "targets/exec_impl.h"
#include "targets/wire_spec.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "base/err.h"

#define RESOLVE_MS 1500 /* how long the device may take to answer ARP / ND */

/* The link as link_wire.c and the program's arguments read it: the
 * interface for both ends, the user's addresses, no namespaces. */
static void fill_net(struct netns_pair *n, const struct wire_spec *w)
{
	static const uint8_t tester_mac[6] = WIRE_TESTER_MAC;

	memset(n, 0, sizeof *n);
	snprintf(n->tester_if, sizeof n->tester_if, "%s", w->ifname);
	snprintf(n->target_if, sizeof n->target_if, "%s", w->ifname);
	snprintf(n->target_veth, sizeof n->target_veth, "%s", w->ifname);
	memcpy(n->tester_mac, tester_mac, 6);
	if (w->has_mac)
		memcpy(n->target_mac, w->device_mac, 6);
	if (w->has4) {
		snprintf(n->tester4_text, sizeof n->tester4_text, "%s", w->tester4);
		snprintf(n->target4_text, sizeof n->target4_text, "%s", w->device4);
		inet_pton(AF_INET, w->tester4, &n->tester4);
		inet_pton(AF_INET, w->device4, &n->target4);
	}
	if (w->has6) {
		snprintf(n->tester6_text, sizeof n->tester6_text, "%s", w->tester6);
		snprintf(n->target6_text, sizeof n->target6_text, "%s", w->device6);
		inet_pton(AF_INET6, w->tester6, &n->tester6);
		inet_pton(AF_INET6, w->device6, &n->target6);
	}
}

/* What the run checked already, again for this target: the interface may
 * have gone down since, or taken one of the addresses. */
static int wire_usable(const struct target_config *cfg, const struct wire_spec *w, char *err,
		       size_t errlen)
{
	struct wire_spec named;

	if (w == NULL)
		return err_set(err, errlen, "the wire target needs --wire-app and the addresses "
			       "(tcpspec run --help)");
	wire_spec_init(&named);
	if (wire_spec_target(&named, cfg->spec != NULL ? cfg->spec : "", err, errlen) != 0)
		return -1;
	if (strcmp(named.ifname, w->ifname) != 0)
		return err_set(err, errlen, "--target %s but the wire options are for %s",
			       cfg->spec, w->ifname);
	if (wire_spec_check(w, w->has4 && w->has6 ? 0 : w->has4 ? 4 : 6, 1, err, errlen) != 0 ||
	    wire_iface_check(w->ifname, err, errlen) != 0)
		return -1;
	return wire_addrs_foreign(w, err, errlen);
}

static int wire_setup(struct target *t, const struct target_config *cfg, char *err,
		      size_t errlen)
{
	if (target_exec_init(t, &target_wire_ops, err, errlen) < 0)
		return -1;
	P(t)->timeout_ms = cfg->timeout_ms > 0 ? cfg->timeout_ms : TARGET_DEFAULT_TIMEOUT_MS;
	if (wire_usable(cfg, cfg->wire, err, errlen) != 0) {
		target_exec_teardown(t);
		return -1;
	}
	fill_net(&t->net, cfg->wire);
	if (target_exec_launch(t, cfg->wire->app, cfg, err, errlen) != 0) {
		target_exec_teardown(t);
		return -1;
	}
	return 0;
}

/* Open the capture on IFACE, then learn the device's MAC unless given. */
static int wire_open_link(struct target *t, char *err, size_t errlen)
{
	static const uint8_t zero[6];

	if (target_exec_open_link(t, err, errlen) != 0)
		return TARGET_FAILED;
	if (memcmp(t->net.target_mac, zero, 6) != 0)
		return 0;
	return link_wire_resolve(&P(t)->link, &t->net, RESOLVE_MS, err, errlen);
}

/* A device on a real link may hold an ACK (RFC 9293 3.8.6.3: up to 0.5 s):
 * 300 ms of silence is quiet unless --quiet-ms says otherwise, as exec:. */
const struct target_ops target_wire_ops = {
	.name = "wire", .default_profile = "rfc9293", .quiet_ms = 300,
	.setup = wire_setup, .open_link = wire_open_link, .dump = target_exec_dump,
	.reset = target_exec_reset, .app = target_exec_app, .state = target_exec_state,
	.so_error = target_exec_so_error, .inject = target_exec_inject,
	.receive = target_exec_receive, .advance = target_exec_advance,
	.teardown = target_exec_teardown,
};
