#!/usr/bin/env bash
# results.sh TCPSPEC [TARGET...] - record the corpus against each target
# (default: linux lwip slirp) into conformance/results/TARGET.json, the runs
# that `make docs` turns into docs/matrix.md and the verdict columns of
# docs/requirements.md.
#
# Thin: `tcpspec run --matrix-md` runs every scenario (IPv4 and IPv6) against
# the target's own profile and against rfc9293 (once when they are the same)
# and `--json` writes every result with a "meta" object: tcpspec records the
# date, the kernel release, the target and its profile; this script adds the
# tcpspec commit and the Debian package of the stack (dpkg).  The pcaps of
# the FAILs (and ERRORs) are kept in conformance/results/pcap/TARGET-PROFILE/
# (--pcap-fail-only), for docs/departures.md to link.  Run as root
# (namespaces, raw sockets); about a minute on 2 cores.  Then `make docs`.
#
# A target's FAILs are findings, not errors: exit 0 when every target ran
# (tcpspec exit 0 or 1), else 3, leaving the previous file of a target whose
# run did not finish.
set -euo pipefail
export LC_ALL=C

tcpspec=${1:?usage: scripts/results.sh TCPSPEC [TARGET...]}
shift
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(linux lwip slirp)
tcpspec=$(cd "$(dirname "$tcpspec")" && pwd)/$(basename "$tcpspec")
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
	echo "results.sh: needs root (tcpspec run creates namespaces); run 'make results' as root" >&2
	exit 3
fi

commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain -- model conformance 2>/dev/null)" ]; then
	commit="$commit+changes"
fi

# The Debian package that provides a target's stack, with its version.
package() {
	local p
	case "$1" in
	lwip) p=liblwip0 ;;
	slirp) p=libslirp0 ;;
	*) echo ""; return ;;
	esac
	echo "$p $(dpkg-query -W -f='${Version}' "$p" 2>/dev/null || echo '?')"
}

mkdir -p build/results conformance/results
shopt -s nullglob
scenarios=(conformance/scenarios/*.scn)
shopt -u nullglob
status=0
for t in "${targets[@]}"; do
	meta=(--meta "tcpspec=$commit")
	pkg=$(package "$t")
	[ -z "$pkg" ] || meta+=(--meta "package=$pkg")
	echo "== $t"
	rc=0
	rm -rf "build/results/pcap-$t"
	mkdir -p "build/results/pcap-$t"
	"$tcpspec" run --target "$t" --jobs 2 "${meta[@]}" \
		--json "build/results/$t.json" --matrix-md "build/results/$t.md" \
		--pcap-dir "build/results/pcap-$t" --pcap-fail-only \
		"${scenarios[@]}" >"build/results/$t.out" 2>&1 || rc=$?
	grep -o '"profile": "[^"]*", "family": [46], "verdict": "[A-Z]*"' "build/results/$t.json" |
		sed 's/"family": \([46]\)/v\1/; s/"[a-z]*": //g; s/"//g' | sort | uniq -c |
		sed 's/^/   /' || true
	if [ "$rc" -gt 1 ] || [ ! -s "build/results/$t.json" ]; then
		echo "results.sh: $t: tcpspec run exited $rc (build/results/$t.out); kept the old record" >&2
		status=3
		continue
	fi
	# the pcaps where the JSON says they are: conformance/results/pcap/
	rm -rf conformance/results/pcap/"$t"-*
	mkdir -p conformance/results/pcap
	cp -R "build/results/pcap-$t"/. conformance/results/pcap/
	sed "s|\"pcap\": \"build/results/pcap-$t/|\"pcap\": \"conformance/results/pcap/|g" \
		"build/results/$t.json" >"conformance/results/$t.json"
	echo "   -> conformance/results/$t.json, conformance/results/pcap/$t-*/"
done
exit "$status"
