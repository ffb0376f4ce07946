#!/usr/bin/env bash
# deps.sh - install the Debian packages tcpspec needs that are missing.
# Idempotent: a second run installs nothing.  Needs root only when something
# is missing.  Exit 3 (environment error) when it cannot install.
set -euo pipefail

pkgs=(gcc clang make pkg-config check libpcap-dev liblwip-dev libslirp-dev
      graphviz frama-c-base why3 z3 cvc4 ethtool iproute2 valgrind tcpdump
      libclang-rt-14-dev chromium python3 bc)

missing=()
for p in "${pkgs[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done

if [ "${#missing[@]}" -gt 0 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "deps.sh: missing Debian packages: ${missing[*]}" >&2
		echo "deps.sh: run 'make deps' as root (or apt-get install them)" >&2
		exit 3
	fi
	echo "deps.sh: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	if ! apt-get install -y -qq "${missing[@]}" >/tmp/tcpspec-apt.log 2>&1; then
		apt-get update -qq >/dev/null 2>&1 || true
		apt-get install -y -qq "${missing[@]}" >/tmp/tcpspec-apt.log 2>&1 || {
			echo "deps.sh: apt-get install failed; see /tmp/tcpspec-apt.log" >&2
			tail -n 20 /tmp/tcpspec-apt.log >&2
			exit 3
		}
	fi
fi

# Why3 must know the provers WP uses (docs/proving.md: cvc4 and z3).
if command -v why3 >/dev/null 2>&1; then
	if ! why3 config list-provers 2>/dev/null | grep -qi cvc4; then
		why3 config detect >/dev/null 2>&1 || {
			echo "deps.sh: 'why3 config detect' failed" >&2
			exit 3
		}
	fi
fi
exit 0
