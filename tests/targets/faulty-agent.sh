#!/usr/bin/env bash
# faulty-agent.sh - an exec: target that misbehaves once, for
# tests/check_faults.sh: tcpspec-agent-linux (FAULTY_AGENT) behind a relay
# that passes every line through, until the FAULTY_AT-th command after its
# first `reset`, where it does FAULTY_MODE:
#   mute     never answers that command (tcpspec times out)
#   garbage  answers a line that is neither `ok ...` nor `err CODE ...`
#   crash    exits without answering
# Only the first relay started with a given FAULTY_ONCE file misbehaves;
# the fresh targets started after it behave.
set -u
agent=${FAULTY_AGENT:?}
mode=${FAULTY_MODE:-mute}
at=${FAULTY_AT:-3}
armed=0
if [ -n "${FAULTY_ONCE:-}" ] && mkdir "$FAULTY_ONCE" 2>/dev/null; then
	armed=1
fi
coproc AGENT { exec "$agent" "$@"; }
n=-1
while IFS= read -r line; do
	case "$line" in reset) [ "$n" -lt 0 ] && n=0 ;; esac
	[ "$n" -ge 0 ] && n=$((n + 1))
	if [ "$armed" -eq 1 ] && [ "$n" -eq $((at + 1)) ]; then
		case "$mode" in
		mute) sleep 30; exit 0 ;;
		garbage) echo "hello there"; continue ;;
		crash) exit 7 ;;
		esac
	fi
	printf '%s\n' "$line" >&"${AGENT[1]}"
	IFS= read -r reply <&"${AGENT[0]}" || exit 0
	printf '%s\n' "$reply"
	[ "$line" = quit ] && exit 0
done
