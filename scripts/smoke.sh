#!/usr/bin/env bash
# smoke.sh - the conformance smoke run of `make test`: every scenario checked
# against the model alone, then the fast ones run against the Linux kernel
# (IPv4 and IPv6) with its profile.  Needs root for the second part.
set -euo pipefail
tcpspec=${1:-build/tcpspec}
cd "$(dirname "$0")/.."
mapfile -t scns < <(ls conformance/scenarios/*.scn 2>/dev/null | sort)
if [ "${#scns[@]}" -eq 0 ]; then
	echo "smoke.sh: no scenarios in conformance/scenarios" >&2
	exit 2
fi
echo "== tcpspec check: ${#scns[@]} scenarios against the model"
"$tcpspec" check --quiet "${scns[@]}"
echo "   all consistent"
if [ "$(id -u)" -ne 0 ]; then
	echo "smoke.sh: the conformance run needs root; run 'make test' as root" >&2
	exit 3
fi
echo "== tcpspec run --target linux --profile linux (fast scenarios, IPv4 and IPv6)"
mkdir -p build
"$tcpspec" run --target linux --profile linux --jobs 2 --json build/smoke.json \
	--junit build/smoke.xml --pcap-dir build/smoke-pcap "${scns[@]}"
left=$(ip netns list 2>/dev/null | grep -c "^tcpspec-$$" || true)
echo "   namespaces left behind: ${left}"
