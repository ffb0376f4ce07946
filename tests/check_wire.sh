#!/usr/bin/env bash
# check_wire.sh TCPSPEC [SCENARIO...] - the wire target (`--target wire:IFACE`)
# against lwIP across a veth that tcpspec did not create.
#
# This script, not tcpspec, builds what a user with a board would have:
#
#   [ tcpw<pid> ]==veth==[ eth0 ]--tc mirred, both ways--[ tap0 ]-- tcpspec-agent-lwip
#   this namespace        namespace tcpspec-<pid>-wire (no kernel address, IPv6 off)
#
# and runs the same scenarios (default: the whole corpus) twice: with
# `--target lwip` (namespaces tcpspec creates) and with `--target wire:tcpw<pid>`,
# addresses 198.18.7.1/.2 and 2001:db8:7::1/::2 given explicitly, the agent
# started in the namespace by tests/targets/netns-app.sh (the --wire-app).
# Checks, each named when it fails:
#   - both runs give the same verdict for every scenario and family;
#   - the wire run changed nothing on the interface (its addresses, routes)
#     and left no program in the namespace;
#   - refusals: loopback, a down interface, an address outside the test
#     ranges, a tester address this host owns, a bridge port, a device that does not answer
#     (an ERROR naming ARP, never a PASS).
# The namespace (its veth end, and so the other end, and the tap) is deleted
# on exit, also on failure or Ctrl-C; the name carries this script's PID, so
# that a SIGKILLed script's namespace is swept by the next tcpspec run.
# Needs root: without it, SKIP.  About 50 s for the whole corpus.
set -u
tcpspec=$(realpath "${1:-build/tcpspec}")
shift $(($# > 0 ? 1 : 0))
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then
	echo "  SKIP  check_wire.sh: needs root (a namespace, a veth, a tap, raw sockets)"
	exit 0
fi
if [ $# -gt 0 ]; then scns=("$@"); else scns=(conformance/scenarios/*.scn); fi
ns=tcpspec-$$-wire
host=tcpw$$
tmp=$(mktemp -d)
cleanup() {
	ip netns del "$ns" 2>/dev/null
	ip link del "$host" 2>/dev/null
	ip link del "tcpb$$" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
fail=0
ok() { echo "  ok    $*"; }
bad() { echo "  FAIL  $*"; fail=1; }

# The link a user would have: built here, with ip(8), tc(8), ethtool(8).
setup() {
	ip netns add "$ns" &&
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1 &&
	ip link add "$host" type veth peer name eth0 netns "$ns" &&
	ethtool -K "$host" tx off tso off gso off gro off >/dev/null &&
	ip netns exec "$ns" ethtool -K eth0 tx off tso off gso off gro off >/dev/null &&
	ip -n "$ns" tuntap add dev tap0 mode tap user 65534 group 65534 &&
	ip -n "$ns" link set tap0 address 02:00:c6:12:00:02 up &&
	ip -n "$ns" link set lo up && ip -n "$ns" link set eth0 up || return 1
	for pair in "eth0 tap0" "tap0 eth0"; do
		set -- $pair
		ip netns exec "$ns" tc qdisc add dev "$1" ingress &&
		ip netns exec "$ns" tc filter add dev "$1" parent ffff: protocol all u32 \
			match u32 0 0 action mirred egress redirect dev "$2" || return 1
	done
	ip link set "$host" up
}
if ! setup 2>"$tmp/setup.err"; then
	bad "setting up the veth, the namespace and the tap: $(tr '\n' ' ' <"$tmp/setup.err")"
	exit 1
fi

export WIRE_NS=$ns WIRE_DEV=tap0 WIRE_AGENT
WIRE_AGENT=$(dirname "$tcpspec")/tcpspec-agent-lwip
wire=(--target "wire:$host" --wire-app "$PWD/tests/targets/netns-app.sh"
      --wire-tester4 198.18.7.1 --wire-device4 198.18.7.2
      --wire-tester6 2001:db8:7::1 --wire-device6 2001:db8:7::2)

verdicts() { # verdicts JSON: "scenario family verdict" lines, and the counts
	python3 -c 'import json,sys,collections
rs = json.load(open(sys.argv[1]))["results"]
for r in sorted(rs, key=lambda r: (r["scenario"], r["family"])):
    print(r["scenario"], r["family"], r["verdict"])
c = collections.Counter(r["verdict"] for r in rs)
print("#", len(rs), "runs:", ", ".join("%d %s" % (c[v], v) for v in ("PASS", "FAIL", "ERROR", "SKIP")),
      file=sys.stderr)' "$1"
}

# what tcpspec must not change: the addresses (not their DAD flags) and routes
config() { ip -o addr show dev "$host" | awk '{print $3, $4}'; ip route show dev "$host"; ip -6 route show dev "$host"; }
before=$(config)
"$tcpspec" run --target lwip --json "$tmp/lwip.json" "${scns[@]}" >"$tmp/lwip.out" 2>&1
"$tcpspec" run "${wire[@]}" --profile lwip --quiet-ms 50 --json "$tmp/wire.json" \
	"${scns[@]}" >"$tmp/wire.out" 2>&1
after=$(config)
verdicts "$tmp/lwip.json" >"$tmp/lwip.txt" 2>"$tmp/lwip.count"
verdicts "$tmp/wire.json" >"$tmp/wire.txt" 2>"$tmp/wire.count"
echo "        --target lwip:       $(cut -c3- "$tmp/lwip.count")"
echo "        --target wire:$host: $(cut -c3- "$tmp/wire.count")"
if [ -s "$tmp/lwip.txt" ] && diff -q "$tmp/lwip.txt" "$tmp/wire.txt" >/dev/null; then
	ok "wire:$host across a veth it did not create gives lwip's verdicts for every scenario"
else
	bad "wire:$host and lwip differ:"
	diff "$tmp/lwip.txt" "$tmp/wire.txt" | sed 's/^/        /'
	grep -E '^(FAIL|ERROR)' "$tmp/wire.out" | head -5 | sed 's/^/        /'
fi
if [ "$before" = "$after" ]; then
	ok "the run changed no address or route of $host"
else
	bad "the addresses or routes of $host changed: before '$before', after '$after'"
fi
if [ -z "$(ip netns pids "$ns")" ]; then
	ok "no program left in the device's namespace"
else
	bad "programs left in $ns: $(ip netns pids "$ns" | tr '\n' ' ')"
fi

# refuse RC PATTERN WHAT ARGS...: the run exits RC and says PATTERN
refuse() {
	local rc=$1 pat=$2 what=$3 got
	shift 3
	"$tcpspec" run "$@" --family 4 conformance/scenarios/passive-open.scn >"$tmp/r.out" 2>&1
	got=$?
	if [ "$got" -eq "$rc" ] && grep -q -- "$pat" "$tmp/r.out"; then
		ok "refused: $what (exit $rc)"
	else
		bad "$what: expected exit $rc and '$pat', got exit $got: $(head -c 300 "$tmp/r.out")"
	fi
}
app=(--wire-app "$PWD/tests/targets/netns-app.sh")
v4=(--wire-tester4 198.18.7.1 --wire-device4 198.18.7.2)
refuse 3 "loopback" "a loopback interface" --target wire:lo "${app[@]}" "${v4[@]}"
refuse 2 "198.18.0.0/15" "an address outside 198.18.0.0/15" --target "wire:$host" "${app[@]}" \
	--wire-tester4 192.0.2.1 --wire-device4 198.18.7.2
refuse 2 "2001:db8::/32" "an address outside 2001:db8::/32" --target "wire:$host" "${app[@]}" \
	--wire-tester6 fd00::1 --wire-device6 2001:db8:7::2
refuse 3 "no such interface" "an interface that does not exist" --target wire:tcpwnone "${app[@]}" "${v4[@]}"
ip link set "$host" down
refuse 3 "is down" "an interface that is down" --target "wire:$host" "${app[@]}" "${v4[@]}"
ip link set "$host" up
ip addr add 198.18.7.1/32 dev "$host"
refuse 3 "address of this host" "a tester address this host owns" --target "wire:$host" "${app[@]}" "${v4[@]}"
ip addr del 198.18.7.1/32 dev "$host"
# a bridge port: the device's answers to the tester's MAC could be flooded
# out of the bridge's other ports
ip link add "tcpb$$" type bridge && ip link set "$host" master "tcpb$$"
refuse 3 "bridge" "a bridge port" --target "wire:$host" "${app[@]}" "${v4[@]}"
ip link set "$host" nomaster; ip link del "tcpb$$"
# a device that does not answer: an app that speaks the protocol (TARGETS.md 7)
# with no stack behind it, and an address nothing on the link has
cat >"$tmp/minimal.sh" <<'EOS'
#!/bin/sh
while IFS=' ' read -r cmd rest; do
  case "$cmd" in
  hello) echo 'ok tcpspec-target 1 minimal' ;;
  reset) echo ok ;;
  quit)  echo ok; exit 0 ;;
  *)     echo "err ENOSYS $cmd unsupported" ;;
  esac
done
EOS
chmod +x "$tmp/minimal.sh"
"$tcpspec" run --target "wire:$host" --wire-app "$tmp/minimal.sh" \
	--wire-tester4 198.18.7.1 --wire-device4 198.18.7.9 \
	--profile lwip --family 4 --json "$tmp/mute.json" conformance/scenarios/passive-open.scn \
	>"$tmp/mute.out" 2>&1
got=$(python3 -c 'import json,sys
r = json.load(open(sys.argv[1]))["results"][0]
print(r["verdict"], r["message"])' "$tmp/mute.json" 2>&1)
if [[ "$got" =~ ^ERROR\ .*did\ not\ answer\ ARP ]]; then
	ok "a device that does not answer is an ERROR naming ARP"
else
	bad "a device that does not answer: expected ERROR ... did not answer ARP, got: $got"
fi
exit $fail
