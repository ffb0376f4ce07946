#!/usr/bin/env bash
# coverage.sh - build model/ and the Check suites with gcov instrumentation,
# run the suites, print the line and branch coverage of model/ (per file
# and in all).
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/cov
rm -rf "$out"
make --no-print-directory BUILD="$out" OPT="-O0 -g --coverage" LDFLAGS="--coverage" \
	$(ls tests/check_*.c | sed "s|tests/\(.*\)\.c|$out/tests/\1|") >/dev/null
# the suites of the model (the others drive namespaces and need root)
for t in "$out"/tests/check_*; do
	case "$t" in *.o|*.d|*.gc*|*netns*|*lwip*) continue ;; esac
	"$t" >/dev/null 2>&1 || echo "coverage.sh: $(basename "$t") failed (coverage still reported)" >&2
done
cd "$out/model"
gcov -b -c ./*.o 2>/dev/null | awk '
/^File .*model\// { f=$2; gsub(/\x27/, "", f) }
/^Lines executed/ && f { split($0, a, ":"); split(a[2], b, "% of "); L[f]=b[1]; LN[f]=b[2] }
/^Branches executed/ && f { split($0, a, ":"); split(a[2], b, "% of "); BE[f]=b[1] }
/^Taken at least once/ && f { split($0, a, ":"); split(a[2], b, "% of "); B[f]=b[1]; BN[f]=b[2]; f="" }
END {
	printf "%-28s %8s %8s\n", "file", "lines", "branches";
	for (k in L) { lt += L[k]*LN[k]/100; ln += LN[k]; bt += B[k]*BN[k]/100; bn += BN[k];
		printf "%-28s %7.1f%% %7.1f%%\n", k, L[k], B[k] }
	printf "%-28s %7.1f%% %7.1f%%  (%d lines, %d branches)\n", "model/ in all", 100*lt/ln, bn ? 100*bt/bn : 100, ln, bn
}'
