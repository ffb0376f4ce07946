#!/usr/bin/env bash
# docs.sh TCPSPEC [--check] - regenerate the generated files of docs/.
#
# docs/ holds two kinds of file:
#  - generated: whatever `tcpspec docs` writes (every page, graph source and
#    sequence diagram; docs/README.md lists them), plus the SVG that graphviz
#    renders from each .dot.  The unit tests and scenarios that cite
#    requirement labels are found by tcpspec in tests/*.c and
#    conformance/scenarios/*.scn; the runs committed as
#    conformance/results/*.json (make results) add their verdicts and the
#    conformance matrix, docs/matrix.md.
#  - conformance/profiles/NAME.profile: the built-in profiles as profile
#    files (`tcpspec profile show NAME`), so that the model's table and the
#    harness's catalog stay their one source.
#  - hand-written: the pages listed in HANDWRITTEN below.  They are read
#    (the index links them by their first heading), never written or
#    compared.  A new hand-written page goes into that list.
# Any other file in docs/ is an error in both modes (a page the model no
# longer gives: git rm it; a new hand-written page: list it); nothing is
# deleted.
#
#   scripts/docs.sh build/tcpspec           rewrite the generated files
#   scripts/docs.sh build/tcpspec --check   regenerate into a temporary
#                                           directory; exit 1 listing the
#                                           generated files that differ
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

HANDWRITTEN=(design.md style.md proving.md seed-states.md)

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
pages=()
for p in "${HANDWRITTEN[@]}"; do
	pages+=(--page "docs/$p")
done

rc=0
"$tcpspec" docs --out "$out" --requirements conformance/requirements.tsv \
	"${results[@]}" "${pages[@]}" "${cites[@]}" || rc=$?
if [ "$rc" -ge 2 ]; then
	exit "$rc"
fi
for d in "$out"/*.dot; do
	dot -Tsvg "$d" -o "${d%.dot}.svg"
done
profiles=$tmp/profiles
mkdir -p "$profiles"
for name in $("$tcpspec" profile list | awk '{print $1}'); do
	"$tcpspec" profile show "$name" >"$profiles/$name.profile"
done

handwritten() { # handwritten NAME: is NAME one of HANDWRITTEN?
	local p
	for p in "${HANDWRITTEN[@]}"; do
		[ "$p" = "$1" ] && return 0
	done
	return 1
}

# Files of docs/ that are neither generated nor hand-written.
unknown=()
for f in docs/* docs/.[!.]*; do
	[ -e "$f" ] || continue
	name=${f#docs/}
	if [ ! -e "$out/$name" ] && ! handwritten "$name"; then
		unknown+=("$name")
	fi
done
if [ "${#unknown[@]}" -gt 0 ]; then
	for name in "${unknown[@]}"; do
		echo "docs.sh: docs/$name is neither generated nor hand-written:" \
			"git rm it, or add it to HANDWRITTEN in scripts/docs.sh" >&2
	done
	rc=1
fi

if [ "$check" = "--check" ]; then
	stale=()
	for f in "$out"/*; do
		name=${f#"$out"/}
		if ! cmp -s "$f" "docs/$name"; then
			stale+=("docs/$name")
		fi
	done
	for f in "$profiles"/*; do
		name=conformance/profiles/${f#"$profiles"/}
		if ! cmp -s "$f" "$name"; then
			stale+=("$name")
		fi
	done
	if [ "${#stale[@]}" -gt 0 ]; then
		echo "docs.sh: generated files are stale; run 'make docs' and commit:" >&2
		for name in "${stale[@]}"; do
			if [ -e "$name" ]; then
				echo "  differs: $name" >&2
			else
				echo "  missing: $name" >&2
			fi
		done
		exit 1
	fi
	exit "$rc"
fi

mkdir -p docs conformance/profiles
cp -R "$out"/. docs/
cp "$profiles"/*.profile conformance/profiles/
exit "$rc"
