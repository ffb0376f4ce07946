#!/usr/bin/env bash
# docs.sh TCPSPEC [--check] - regenerate docs/ from the model.
#
# Thin: `tcpspec docs` writes every page, graph source and sequence diagram
# (docs/README.md lists them); graphviz renders the state diagrams to SVG.
# The unit tests and scenarios that cite requirement labels are found by
# tcpspec in tests/*.c and conformance/scenarios/*.scn; a recorded run, if
# one is committed as conformance/results/*.json, adds its verdicts.
#
#   scripts/docs.sh build/tcpspec           write docs/
#   scripts/docs.sh build/tcpspec --check   regenerate into a temporary
#                                           directory; exit 1 listing the
#                                           files of docs/ that differ
# Also exit 1 when a requirement label the model carries has neither a rule
# nor a test (tcpspec docs lists them); 2 on bad input, 3 when graphviz or
# the binary is missing.
set -euo pipefail
export LC_ALL=C

tcpspec=${1:?usage: scripts/docs.sh TCPSPEC [--check]}
check=${2:-}
tcpspec=$(cd "$(dirname "$tcpspec")" && pwd)/$(basename "$tcpspec")
cd "$(dirname "$0")/.."

if [ ! -x "$tcpspec" ]; then
	echo "docs.sh: $tcpspec is not built (make)" >&2
	exit 3
fi
if ! command -v dot >/dev/null 2>&1; then
	echo "docs.sh: graphviz 'dot' is missing (make deps)" >&2
	exit 3
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/docs

shopt -s nullglob
cites=(tests/*.c conformance/scenarios/*.scn)
results=()
for r in conformance/results/*.json; do
	results+=(--results "$r")
done
shopt -u nullglob

rc=0
"$tcpspec" docs --out "$out" --requirements conformance/requirements.tsv \
	"${results[@]}" "${cites[@]}" || rc=$?
if [ "$rc" -ge 2 ]; then
	exit "$rc"
fi
for d in "$out"/*.dot; do
	dot -Tsvg "$d" -o "${d%.dot}.svg"
done

if [ "$check" = "--check" ]; then
	if ! diff -r -q docs "$out" >"$tmp/diff" 2>&1; then
		echo "docs.sh: docs/ is stale; run 'make docs' and commit:" >&2
		sed -e "s|$out|(generated)|g" "$tmp/diff" >&2
		exit 1
	fi
	exit "$rc"
fi

mkdir -p docs
find docs -mindepth 1 -delete
cp -R "$out"/. docs/
exit "$rc"
