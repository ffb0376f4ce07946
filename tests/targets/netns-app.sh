#!/bin/sh
# netns-app.sh - the --wire-app of tests/check_wire.sh: a target program
# that lives in another network namespace, as a board's stack lives behind
# its serial console.  tcpspec starts it with
#     --ifname IFACE --addr4 A --addr6 A --peer4 A --peer6 A
# where IFACE is the tester's interface; the program in the namespace
# (WIRE_AGENT, e.g. tcpspec-agent-lwip) gets the same addresses and the
# device it runs on there (WIRE_DEV) instead.  `ip netns exec` execs the
# agent in this process, so tcpspec's kill by PID reaches it.
[ "${1:-}" = --ifname ] && [ $# -ge 2 ] || {
	echo "netns-app.sh: expected --ifname IFACE first" >&2
	exit 2
}
shift 2
exec ip netns exec "${WIRE_NS:?}" "${WIRE_AGENT:?}" --ifname "${WIRE_DEV:?}" "$@"
