#!/usr/bin/env bash
# bench.sh - performance figures, printed, never asserted:
#  - model: instructions per tcp_step over the full table sweep (callgrind:
#    inclusive Ir of tcp_step / calls), and steps per second natively;
#  - harness (root only): median and p99 wall time per scenario for the
#    scenarios without timers, and the corpus's wall time with --jobs 1 and 4.
set -euo pipefail
tcpspec=${1:-build/tcpspec}
cd "$(dirname "$0")/.."
bench=build/bench_model
make --no-print-directory "$bench" >/dev/null
echo "== model"
"$bench" 200 | sed 's/^/   /'
if command -v valgrind >/dev/null 2>&1; then
	out=$(mktemp)
	valgrind --tool=callgrind --toggle-collect=bench_steps --callgrind-out-file="$out" \
		"$bench" 10 >/dev/null 2>&1
	ir=$(callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ && !done {gsub(",","",$1); print $1; done=1}')
	calls=$("$bench" 10 | awk '/^steps /{print $2}')
	rm -f "$out"
	echo "   callgrind: $ir instructions for $calls steps = $((ir / calls)) instructions per tcp_step"
fi
[ "$(id -u)" -eq 0 ] || { echo "(harness figures need root)"; exit 0; }
mapfile -t fast < <(grep -L -E '^wait|^# slow: yes' conformance/scenarios/*.scn | sort)
mapfile -t all < <(ls conformance/scenarios/*.scn | sort)
echo "== harness: ${#fast[@]} scenarios without timers, target linux, IPv4"
for j in 1 1 1; do "$tcpspec" run --family 4 --json build/bench-fast.json "${fast[@]}" >/dev/null || true; done
python3 - build/bench-fast.json <<'PY'
import json, sys
ms = sorted(r["ms"] for r in json.load(open(sys.argv[1]))["results"] if r["verdict"] != "SKIP")
if ms:
    p99 = ms[min(len(ms) - 1, int(round(0.99 * (len(ms) - 1))))]
    print(f"   per scenario: median {ms[len(ms)//2]:.2f} ms, p99 {p99:.2f} ms ({len(ms)} runs)")
    print(f"   packetdrill here: median 380 ms per script; ratio {380/ms[len(ms)//2]:.0f}x")
PY
for j in 1 4; do
	s=$(date +%s.%N)
	"$tcpspec" run --jobs $j "${all[@]}" >/dev/null || true
	e=$(date +%s.%N)
	echo "   whole corpus (IPv4+IPv6), --jobs $j: $(echo "$e - $s" | bc) s"
done
