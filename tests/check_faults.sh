#!/usr/bin/env bash
# check_faults.sh TCPSPEC - a target that fails is the harness's ERROR, with
# its cause, and the next scenario runs on a fresh target.
#
# For each fault of tests/targets/faulty-agent.sh (a target that stops
# answering, answers garbage, or crashes in the middle of a scenario):
# the scenario it hits is an ERROR whose message names the cause, the next
# scenario PASSes on a fresh target, and nothing is left behind.  Needs root.
set -u
tcpspec=$(realpath "${1:-build/tcpspec}")
cd "$(dirname "$0")/.."
export FAULTY_AGENT
FAULTY_AGENT=$(dirname "$tcpspec")/tcpspec-agent-linux
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
scns=(conformance/scenarios/passive-open.scn conformance/scenarios/active-open.scn)

check() { # check MODE CAUSE-PATTERN
	export FAULTY_MODE=$1 FAULTY_AT=3 FAULTY_ONCE=$tmp/once-$1
	"$tcpspec" run --target "exec:$PWD/tests/targets/faulty-agent.sh" --profile linux \
		--family 4 --jobs 1 --json "$tmp/$1.json" "${scns[@]}" >"$tmp/$1.out" 2>&1
	got=$(python3 -c 'import json,sys
r = json.load(open(sys.argv[1]))["results"]
print(r[0]["verdict"], "|", r[1]["verdict"], "|", r[0]["message"])' "$tmp/$1.json" 2>&1)
	left=$(ip netns list 2>/dev/null | grep -c '^tcpspec-' || true)
	if [[ "$got" =~ ^ERROR\ \|\ PASS\ \|\ .*$2 ]] && [ "$left" -eq 0 ]; then
		echo "  ok    $1: ERROR naming the cause, the next scenario on a fresh target PASSes"
	else
		echo "  FAIL  $1: got '$got', $left namespace(s) left"
		fail=1
	fi
}

check mute "did not answer"
check garbage "neither 'ok"
check crash "exited|closed its stdout"
exit $fail
