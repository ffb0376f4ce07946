#!/usr/bin/env bash
# check_kill.sh TCPSPEC [N] - a run killed at any moment leaves nothing.
#
# N times (default 10; KILLS=100 for the long version; KILL_TARGET=lwip or
# slirp for a user-space stack on a tap): start a run of some
# fast scenarios against the target (linux), and at a random moment send
# SIGINT, SIGTERM or SIGKILL to a random choice of the run, its jobs and the
# targets' programs (by PID: only processes this test started).  Then, within
# 5 s: no namespace named for that run and none of its processes is left.
# Last, one clean run gives the same verdicts as a run before the kills.
# Needs root.  Exit 0 when all holds, 1 naming what was left behind.
set -u
tcpspec=$(realpath "${1:-build/tcpspec}")
n=${2:-${KILLS:-10}}
target=${KILL_TARGET:-linux}
cd "$(dirname "$0")/.."
scns=(conformance/scenarios/passive-open.scn conformance/scenarios/active-open.scn
      conformance/scenarios/close-tester-first.scn conformance/scenarios/rst-exact.scn
      conformance/scenarios/syn-closed-port.scn conformance/scenarios/established-data-send.scn)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

verdicts() { # verdicts JSON: "scenario family verdict" lines
	python3 -c 'import json,sys
for r in sorted(json.load(open(sys.argv[1]))["results"], key=lambda r: (r["scenario"], r["family"])):
    print(r["scenario"], r["family"], r["verdict"])' "$1"
}

"$tcpspec" run --target "$target" --jobs 2 --json "$tmp/before.json" "${scns[@]}" >/dev/null 2>&1
verdicts "$tmp/before.json" >"$tmp/before.txt"

signals=(INT TERM KILL)
for i in $(seq 1 "$n"); do
	"$tcpspec" run --target "$target" --jobs 2 "${scns[@]}" >/dev/null 2>&1 &
	run=$!
	sleep "0.$(printf '%03d' $((RANDOM % 1000)))"
	sid=$(ps -o sid= -p "$run" 2>/dev/null | tr -d ' ')
	# the run's jobs (its children in its session; the guardian has its own)
	jobs=()
	for c in $(pgrep -P "$run" 2>/dev/null); do
		[ "$(ps -o sid= -p "$c" 2>/dev/null | tr -d ' ')" = "$sid" ] && jobs+=("$c")
	done
	agents=()
	for j in "${jobs[@]}"; do
		for a in $(pgrep -P "$j" 2>/dev/null); do agents+=("$a"); done
	done
	ours=("$run" "${jobs[@]}" "${agents[@]}" $(pgrep -P "$run" 2>/dev/null))
	victims=()
	for p in "$run" "${jobs[@]}" "${agents[@]}"; do
		[ $((RANDOM % 2)) -eq 0 ] && victims+=("$p")
	done
	[ "${#victims[@]}" -eq 0 ] && victims=("$run")
	sig=${signals[$((RANDOM % 3))]}
	kill -s "$sig" "${victims[@]}" 2>/dev/null
	wait "$run" 2>/dev/null
	left=""
	for t in $(seq 1 50); do
		left=$(ip netns list 2>/dev/null | awk '{print $1}' | grep "^tcpspec-$run-")
		alive=""
		for p in "${ours[@]}"; do
			kill -0 "$p" 2>/dev/null && [ "$(ps -o stat= -p "$p" | cut -c1)" != Z ] && alive="$alive $p"
		done
		[ -z "$left" ] && [ -z "$alive" ] && break
		sleep 0.1
	done
	if [ -n "$left" ] || [ -n "$alive" ]; then
		echo "  FAIL  kill $i: SIG$sig to ${victims[*]} left namespaces [${left//$'\n'/ }] processes [$alive]"
		fail=1
	fi
done
echo "  ok    $n runs killed at random moments (SIGINT, SIGTERM, SIGKILL to the run, jobs, targets): nothing left"

"$tcpspec" run --target "$target" --jobs 2 --json "$tmp/after.json" "${scns[@]}" >/dev/null 2>&1
verdicts "$tmp/after.json" >"$tmp/after.txt"
if diff -u "$tmp/before.txt" "$tmp/after.txt"; then
	echo "  ok    a clean run after the kills gives the same verdicts"
else
	echo "  FAIL  verdicts changed after the kills"
	fail=1
fi
exit $fail
