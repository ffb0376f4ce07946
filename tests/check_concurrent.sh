#!/usr/bin/env bash
# check_concurrent.sh TCPSPEC - two runs at once on one host never meet.
#
# Two `tcpspec run` of the same scenarios against the Linux target start
# together (as two CI jobs on one runner would): each gives the verdicts a
# run alone gives, and neither leaves a namespace behind, while the other's
# namespaces (named for its own PID) are left alone.  Needs root.
set -u
tcpspec=$(realpath "${1:-build/tcpspec}")
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
scns=(conformance/scenarios/passive-open.scn conformance/scenarios/active-open.scn
      conformance/scenarios/close-tester-first.scn conformance/scenarios/close-target-first.scn
      conformance/scenarios/rst-in-window-challenge.scn conformance/scenarios/keepalive-probe.scn
      conformance/scenarios/data-retransmit.scn conformance/scenarios/syn-closed-port.scn)
fail=0

verdicts() {
	python3 -c 'import json,sys
for r in sorted(json.load(open(sys.argv[1]))["results"], key=lambda r: (r["scenario"], r["family"])):
    print(r["scenario"], r["family"], r["verdict"])' "$1"
}

"$tcpspec" run --target linux --jobs 2 --json "$tmp/alone.json" "${scns[@]}" >/dev/null 2>&1
"$tcpspec" run --target linux --jobs 2 --json "$tmp/a.json" "${scns[@]}" >/dev/null 2>&1 &
a=$!
"$tcpspec" run --target linux --jobs 2 --json "$tmp/b.json" "${scns[@]}" >/dev/null 2>&1 &
b=$!
wait "$a"
wait "$b"
verdicts "$tmp/alone.json" >"$tmp/alone.txt"
for r in a b; do
	verdicts "$tmp/$r.json" >"$tmp/$r.txt"
	if diff -q "$tmp/alone.txt" "$tmp/$r.txt" >/dev/null; then
		echo "  ok    run $r of two at once: the verdicts of a run alone ($(grep -c PASS "$tmp/$r.txt") PASS)"
	else
		echo "  FAIL  run $r of two at once differs from a run alone:"
		diff "$tmp/alone.txt" "$tmp/$r.txt" | sed 's/^/        /'
		fail=1
	fi
done
left=$(ip netns list 2>/dev/null | awk '{print $1}' | grep -cE "^tcpspec-($a|$b)-" || true)
if [ "$left" -eq 0 ]; then
	echo "  ok    neither run left a namespace"
else
	echo "  FAIL  $left namespace(s) of the two runs left"
	fail=1
fi
exit $fail
