/*
 * cli_target.h - what `tcpspec run` and `tcpspec walk` share on the command
 * line: the list of targets and the wire:IFACE target's options
 * (--wire-app, --wire-tester4, --wire-device4, --wire-tester6,
 * --wire-device6, --wire-mac; conformance/TARGETS.md, section 1).
 */
#ifndef TCPSPEC_CLI_TARGET_H
#define TCPSPEC_CLI_TARGET_H

#include <stdbool.h>

#include "run/runner.h"
#include "targets/wire_spec.h"

/* The --wire-* options' lines of a command's --help (the same for both),
 * but the last, which each command ends with what it refuses besides. */
#define CLI_WIRE_HELP \
"  --wire-app    wire:IFACE: the program that drives the device's application\n" \
"                side (the target protocol of TARGETS.md: e.g. over a serial\n" \
"                console or an RPC), started by tcpspec, killed at the end\n" \
"  --wire-tester4, --wire-device4   wire:IFACE: the tester's and the device's\n" \
"                IPv4 addresses, in 198.18.0.0/15 (nothing else is accepted)\n" \
"  --wire-tester6, --wire-device6   the same for IPv6, in 2001:db8::/32; give\n" \
"                one family or both (--family must match)\n" \
"  --wire-mac    wire:IFACE: the device's MAC (default: asked with ARP or ND)\n" \
"                The wire target creates nothing and changes nothing on IFACE:\n" \
"                no address, route or firewall rule.  It sends from the tester\n" \
"                addresses and MAC 02:00:c6:12:00:01, which no kernel here\n" \
"                owns, and answers ARP and ND for them itself.  Refused: an\n" \
"                IFACE that does not exist, is loopback, down or without\n" \
"                carrier; an address outside the test ranges or owned by\n"

/* What the wire target was told, and whether it was told anything: a
 * wire option without a wire target is a usage error. */
struct cli_wire {
	struct wire_spec spec;
	bool seen;
};

void cli_wire_init(struct cli_wire *w);

/* Whether a is one of the --wire-* options. */
bool cli_wire_is_option(const char *a);

/* --wire-KEY VALUE for command cmd: 0, or EXIT_USAGE with the reason
 * printed. */
int cli_wire_option(const char *cmd, const char *a, const char *v, struct cli_wire *w);

/* One of the comma-separated targets is no target (or the list is empty,
 * too long, or ends with a comma). */
bool cli_targets_bad(const char *list);

/*
 * The wire target's refusals before anything starts (wire_spec.h), for
 * o->target (a comma-separated list), o->family, o->jobs, o->rto_min_us:
 * usage errors (EXIT_USAGE) for options, addresses, jobs and families;
 * environment errors (EXIT_ENV) for the interface and addresses this host
 * owns.  0, with o->wire set when the list has a wire target.
 */
int cli_wire_prepare(const char *cmd, struct run_opts *o, struct cli_wire *w);

/* Whether the list names a wire:IFACE target. */
bool cli_has_wire(const char *list);

#endif
