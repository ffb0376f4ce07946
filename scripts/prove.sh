#!/usr/bin/env bash
# scripts/prove.sh - prove model/ against spec/ with Frama-C WP.
#
#   scripts/prove.sh                 every target
#   scripts/prove.sh tcp_emit        one model file (model/tcp_emit.c)
#   scripts/prove.sh tcp_output      one function, wherever it is defined
#   scripts/prove.sh spec            the lemmas of spec/*.acsl
#   scripts/prove.sh tcp_seq tcp_impl   the static inline helpers of a header
#
# Environment:
#   FRAMAC_WP_CACHE  update (default) | replay | rebuild | none | offline
#   WP_TIMEOUT       per-goal prover timeout in seconds (default 20)
#   WP_JOBS          Frama-C runs at a time (default: the number of cores)
#   WP_PAR           prover processes per run (default 1; WP_JOBS x WP_PAR
#                    provers run at once)
#   WP_SMOKE         1 for a second pass of smoke tests (default 0: slow cold)
#   WP_SMOKE_TIMEOUT per-goal timeout of the smoke tests (default 2)
#   WP_CACHE_DIR     the cache (default build/wp-cache: this machine's, never
#                    committed; a clean clone, CI's, proves every goal)
#   MODEL, SPEC, OUT directories (default model, spec, build/prove)
#
# Writes OUT/<target>.json (WP's report), OUT/<target>.log and
# OUT/summary.txt; prints one line per function and the total; exits 1
# unless every goal (and every smoke test) of every target is proved,
# 2 on a usage error, 3 when Frama-C or a prover is missing.
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 3
MODEL=$(cd "${MODEL:-model}" && pwd) || exit 2
SPEC=$(cd "${SPEC:-spec}" && pwd) || exit 2
OUT=${OUT:-build/prove}
mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd) || exit 3
TIMEOUT=${WP_TIMEOUT:-20}
SMOKE_TIMEOUT=${WP_SMOKE_TIMEOUT:-2}
JOBS=${WP_JOBS:-$(nproc 2>/dev/null || echo 2)}
PAR=${WP_PAR:-1}
SMOKE=${WP_SMOKE:-0}
CACHE_MODE=${FRAMAC_WP_CACHE:-update}
CACHE_DIR=${WP_CACHE_DIR:-$ROOT/build/wp-cache}
unset FRAMAC_WP_CACHE FRAMAC_WP_CACHEDIR

# Functions proved with -wp-split: their result (or the flags they emit) is
# a bit set built by branches, which Qed folds to constants once the
# branches are split (the SMT provers know no bit arithmetic on constants;
# tcp_emit_ack_for: one goal took 11 s and another timed out unsplit, the
# 91 split ones 0.6 s at most; tcp_emit_reset_for, four branches: a timeout
# and 5.3 s unsplit, 112 split goals under 0.3 s).
SPLIT_FUNCS="tcp_data_flags tcp_timers_of tcp_emit_ack_for tcp_emit_reset_for user_send"

# Functions proved under WP's Caveat memory model (each pointer formal is a
# separate, valid region): tcp_step stores the new TCB through one pointer
# and the result through another, and under the Typed model the provers
# cannot carry the facts about *out past the store to *next in a goal of
# this size (measured: time-outs and Z3 running out of memory).
# Pruning stays on for them: without it the provers time out on one
# postcondition (no_rst_for_rst) of tcp_step.  tcp_tcb_default likewise:
# TcbInvariant(*t) after the field-wise store times out under Typed and
# proves at once under Caveat (its hypotheses: p and t valid, separated,
# which its contract requires).
CAVEAT_FUNCS="tcp_step tcp_tcb_default"

# Functions defined in headers (static inline), proved in their own target.
header_funcs() {
	sed -n 's/^static inline [a-z_0-9 ]*[ *]\([a-z_0-9]*\)(.*/\1/p' "$@"
}
SEQ_FUNCS=$(header_funcs "$MODEL/tcp_seq.h" | tr '\n' ',' | sed 's/,$//')
IMPL_FUNCS=$(header_funcs "$MODEL/tcp_impl.h" | tr '\n' ',' | sed 's/,$//')

command -v frama-c >/dev/null 2>&1 || { echo "prove: frama-c not found (make deps)" >&2; exit 3; }
if ! frama-c -wp-detect 2>/dev/null | grep -q 'cvc4|CVC4'; then
	why3 config detect >/dev/null 2>&1
fi
for p in cvc4 z3; do
	frama-c -wp-detect 2>/dev/null | grep -qi "\[$p|" ||
		{ echo "prove: prover $p not known to why3 (why3 config detect)" >&2; exit 3; }
done

mkdir -p "$OUT" "$CACHE_DIR" || exit 3

# The functions defined in a model file (C definitions start in column 0).
file_funcs() {
	awk '/^[a-z].*[ *]?[a-z_0-9]+\(/ && !/;[ \t]*$/ && !/^static inline/ {
		line = $0; sub(/\(.*/, "", line); n = split(line, w, /[ *]+/);
		name = w[n];
		print name }' "$1"
}

# Which file defines function $1?
func_file() {
	for f in "$MODEL"/*.c; do
		if file_funcs "$f" | grep -qx "$1"; then
			echo "$f"; return 0
		fi
	done
	if header_funcs "$MODEL/tcp_seq.h" | grep -qx "$1"; then
		echo "$MODEL/tcp_seq.h"; return 0
	fi
	if header_funcs "$MODEL/tcp_impl.h" | grep -qx "$1"; then
		echo "$MODEL/tcp_impl.h"; return 0
	fi
	return 1
}

in_list() { case " $2 " in *" $1 "*) return 0;; esac; return 1; }

WP_OPTS="-wp -wp-rte -warn-signed-downcast -wp-par $PAR
 -wp-timeout $TIMEOUT -wp-cache $CACHE_MODE -wp-cache-dir $CACHE_DIR -wp-no-pruning"
# The smoke tests alone: every other category of property deselected.  A
# smoke test passes when no prover proves "false" from the function's
# preconditions (or at a block, a call): cvc4 answers "unknown" or times out.
SMOKE_OPTS="-wp -wp-rte -warn-signed-downcast -wp-prover cvc4 -wp-par $PAR
 -wp-timeout $SMOKE_TIMEOUT -wp-cache $CACHE_MODE -wp-cache-dir $CACHE_DIR
 -wp-smoke-tests -wp-prop=-@lemma,-@requires,-@assigns,-@ensures,-@exits,-@assert,-@invariant,-@variant,-@breaks,-@continues,-@returns,-@complete_behaviors,-@disjoint_behaviors,-@check,-@terminates,-@decreases"

# run NAME SOURCE SELECTION [EXTRA...]: one frama-c run, report NAME.json
run() {
	rname=$1; src=$2; sel=$3; shift 3
	t0=$(date +%s.%N)
	# shellcheck disable=SC2086
	frama-c -c11 -cpp-extra-args="-I$MODEL -I$SPEC" "$src" \
		$WP_OPTS -wp-prover "${PROVERS:-cvc4,z3}" $sel "$@" \
		-wp-report-json "$OUT/$rname.json" \
		>"$OUT/$rname.log" 2>&1
	rc=$?
	if [ $rc -eq 0 ] && [ "$SMOKE" = 1 ] && [ "${rname%.path}" != spec ]; then
		# shellcheck disable=SC2086
		frama-c -c11 -cpp-extra-args="-I$MODEL -I$SPEC" "$src" \
			$SMOKE_OPTS $sel "$@" \
			-wp-report-json "$OUT/$rname.smoke.json" \
			>"$OUT/$rname.smoke.log" 2>&1 || rc=$?
	fi
	t1=$(date +%s.%N)
	echo "$rname $(echo "$t1 - $t0" | bc) $rc" >>"$OUT/times"
	if [ $rc -ne 0 ]; then
		echo "prove: frama-c failed on $rname (see $OUT/$rname.log)" >&2
		tail -5 "$OUT/$rname.log" >&2
	fi
}

# launch NAME SOURCE SELECTION [EXTRA...]: run in the background, at most
# JOBS at a time (most of a replayed run is WP's own simplifier, Qed, which
# is single-threaded: two runs at once use both cores)
launch() {
	while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
	run "$@" &
}
trap 'kill $(jobs -p) 2>/dev/null; exit 130' INT TERM

wrapper() { # wrapper NAME HEADER...: a translation unit that includes HEADERs
	name=$1; shift
	printf '#include "%s"\n' "$@" >"$OUT/$name.c"
	echo "$OUT/$name.c"
}

# prove_file FILE [FUNC]: the functions of FILE (or FUNC alone)
prove_file() {
	f=$1; only=${2:-}
	base=$(basename "$f"); stem=${base%.*}
	case "$base" in
	tcp_seq.h)
		launch "${only:-tcp_seq}" "$(wrapper tcp_seq tcp_seq.h)" "-wp-fct ${only:-$SEQ_FUNCS}"
		return;;
	tcp_impl.h)
		launch "${only:-tcp_impl}" "$(wrapper tcp_impl tcp_impl.h)" "-wp-fct ${only:-$IMPL_FUNCS}"
		return;;
	esac
	funcs=${only:-$(file_funcs "$f" | tr '\n' ' ')}
	plain=""; split=""; caveat=""
	for fn in $funcs; do
		if in_list "$fn" "$SPLIT_FUNCS"; then split="$split,$fn"
		elif in_list "$fn" "$CAVEAT_FUNCS"; then caveat="$caveat,$fn"
		else plain="$plain,$fn"; fi
	done
	plain=${plain#,}; split=${split#,}; caveat=${caveat#,}
	name=${only:-$stem}
	[ -n "$plain" ] && launch "$name" "$f" "-wp-fct $plain"
	[ -n "$split" ] && launch "$name.split" "$f" "-wp-fct $split" -wp-split
	[ -n "$caveat" ] && launch "$name.caveat" "$f" "-wp-fct $caveat" -wp-model Caveat -wp-pruning
	return 0
}

echo "== tools"
echo "frama-c $(frama-c -version)"
why3 --version 2>/dev/null | head -1
z3 --version 2>/dev/null | head -1
cvc4 --version 2>/dev/null | head -1 | sed 's/^This is //'
echo "wp: timeout ${TIMEOUT}s, $JOBS runs x $PAR provers, cache $CACHE_MODE ($CACHE_DIR), smoke $SMOKE"

rm -f "$OUT/times" "$OUT"/*.json "$OUT"/*.log
# every target, the largest files first (for the two runs to end together)
targets=${*:-$(for f in $(ls -S "$MODEL"/*.c); do basename "$f" .c; done) tcp_impl tcp_seq spec}
start=$(date +%s.%N)
for t in $targets; do
	case "$t" in
	spec)
		# The lemmas that a move is a path (\exists a middle state) go
		# to cvc4 (then z3): z3 times out on them (30 s) where cvc4
		# needs 1-3 s.  Every other lemma is a finite case split that
		# z3 alone closes in 30-100 ms, cvc4 in 0.7-8 s (measured, cold,
		# docs/proving.md).  A -wp-prover given twice adds provers.
		paths=$(sed -n 's/^ *lemma \([A-Za-z0-9_]*IsPath\):.*/\1/p' "$SPEC/lemmas.acsl" | paste -sd, -)
		src=$(wrapper spec tcp_impl.h lemmas.acsl)
		PROVERS=z3 launch spec "$src" "-wp-prop @lemma,-${paths//,/,-}"
		launch spec.path "$src" "-wp-prop $paths";;
	tcp_seq|tcp_impl)
		prove_file "$MODEL/$t.h";;
	*)
		if [ -f "$MODEL/$t.c" ]; then
			prove_file "$MODEL/$t.c"
		elif f=$(func_file "$t"); then
			prove_file "$f" "$t"
		else
			echo "prove: no model file or function named '$t'" >&2
			exit 2
		fi;;
	esac
done
wait
end=$(date +%s.%N)

python3 - "$OUT" "$(echo "$end - $start" | bc)" <<'EOF'
import json, os, sys
out, wall = sys.argv[1], float(sys.argv[2])
times = {}
for line in open(os.path.join(out, "times")):
    name, t, rc = line.split()
    times[name] = (float(t), int(rc))
rows, total, proved, smoke_bad, failed_runs = [], 0, 0, [], []
for name, (t, rc) in sorted(times.items()):
    path = os.path.join(out, name + ".json")
    if rc != 0 or not os.path.exists(path):
        failed_runs.append(name)
        continue
    rep = json.load(open(path))
    funcs = rep.get("wp:functions", {})
    if name in ("spec", "spec.path") or not funcs:
        g = rep.get("wp:global", {}).get("wp:main", {})
        rows.append((name, "(lemmas)" if name in ("spec", "spec.path") else "-", g.get("total", 0), g.get("valid", 0), t))
        total += g.get("total", 0); proved += g.get("valid", 0)
        continue
    first = True
    for fn in sorted(funcs):
        sec = funcs[fn].get("wp:section", {}).get("wp:main", {})
        n, v = sec.get("total", 0), sec.get("valid", 0)
        for prop, res in funcs[fn].items():
            m = res.get("wp:main", {})
            if "_wp_smoke_" in prop and m.get("valid", 0) < m.get("total", 0):
                smoke_bad.append(fn + ": " + prop)
        rows.append((name if first else "", fn, n, v, t if first else None))
        first = False
        total += n; proved += v
smoke_total = smoke_passed = 0
for name in times:
    path = os.path.join(out, name + ".smoke.json")
    if not os.path.exists(path):
        continue
    rep = json.load(open(path))
    for fn, props in rep.get("wp:functions", {}).items():
        for prop, res in props.items():
            if prop == "wp:section":
                continue
            m = res.get("wp:main", {})
            smoke_total += m.get("total", 0)
            smoke_passed += m.get("valid", 0)
            if m.get("valid", 0) < m.get("total", 0):
                smoke_bad.append(fn + ": " + prop)
w = max([len(r[0]) for r in rows] + [6])
f = max([len(r[1]) for r in rows] + [8])
lines = ["%-*s  %-*s  %6s  %6s  %7s" % (w, "target", f, "function", "goals", "proved", "time")]
for r in rows:
    mark = "" if r[2] == r[3] else "  <-- %d unproved" % (r[2] - r[3])
    tt = "%6.1fs" % r[4] if r[4] is not None else ""
    lines.append("%-*s  %-*s  %6d  %6d  %7s%s" % (w, r[0], f, r[1], r[2], r[3], tt, mark))
# rounded down: 100.0% means every goal
pct = (1000 * proved // total) / 10.0 if total else 0.0
lines.append("%-*s  %-*s  %6d  %6d  %6.1fs  %.1f%%" % (w, "total", f, "", total, proved, wall, pct))
if smoke_total:
    lines.append("smoke tests: %d/%d passed (no prover derives false from the "
                 "preconditions, at any block or call)" % (smoke_passed, smoke_total))
for s in smoke_bad:
    lines.append("smoke test failed (dead code or inconsistent assumptions): " + s)
for r in failed_runs:
    lines.append("frama-c run failed: " + r)
# the slowest goals a prover proved in this run (cached answers carry the
# time of the run that made them)
import re
slow = []
pat = re.compile(r"Goal (\S+) : Valid .*?\((?:Qed:[^)]*\) \()?([0-9.]+)(ms|s)\)")
for name in times:
    path = os.path.join(out, name + ".log")
    if not os.path.exists(path):
        continue
    for line in open(path):
        m = pat.search(line)
        if m and "[Qed]" not in line:
            t = float(m.group(2)) / (1000.0 if m.group(3) == "ms" else 1.0)
            slow.append((t, m.group(1), "(cached)" in line))
slow.sort(reverse=True)
if slow:
    over = sum(1 for t, _, _ in slow if t > 5.0)
    lines.append("prover time: %.0fs over %d goals; %d above 5s; slowest: %s" % (
        sum(t for t, _, _ in slow), len(slow), over,
        ", ".join("%s %.1fs%s" % (g, t, " (cached)" if c else "")
                  for t, g, c in slow[:3])))
text = "\n".join(lines)
print(text)
open(os.path.join(out, "summary.txt"), "w").write(text + "\n")
sys.exit(0 if proved == total and total > 0 and not failed_runs and not smoke_bad else 1)
EOF
