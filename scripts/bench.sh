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
for target in linux lwip slirp; do
	echo "== harness: ${#fast[@]} scenarios without timers, target $target, IPv4"
	"$tcpspec" run --target "$target" --family 4 --json build/bench-fast-$target.json \
		"${fast[@]}" >/dev/null || true
	# per-scenario wall time, from the run's own JSON (median and p99)
	awk -F'"ms": ' '/"verdict": "(PASS|FAIL)"/ { split($2, a, "}"); print a[1] }' \
		build/bench-fast-$target.json | sort -n | awk '
		{ v[NR] = $1 }
		END { if (NR == 0) exit
		      m = v[int((NR + 1) / 2)]; p = v[int(0.99 * (NR - 1)) + 1]
		      printf "   per scenario: median %.2f ms, p99 %.2f ms (%d runs); packetdrill here: 380 ms, %.0fx\n", m, p, NR, 380 / m }'
done
for j in 1 4; do
	s=$(date +%s.%N)
	"$tcpspec" run --jobs $j "${all[@]}" >/dev/null || true
	e=$(date +%s.%N)
	echo "   whole corpus (IPv4+IPv6), --jobs $j: $(echo "$e - $s" | bc) s"
done
