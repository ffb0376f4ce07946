#!/usr/bin/env bash
# check_faults.sh TCPSPEC - a target that fails is the harness's ERROR, with
# its cause, and the next scenario runs on a fresh target.
#
# For each fault of tests/targets/faulty-agent.sh (a target that stops
# answering, answers garbage, or crashes in the middle of a scenario):
# the scenario it hits is an ERROR whose message names the cause, the next
# scenario PASSes on a fresh target, and nothing is left behind.  A target
# that rejects its arguments is an ERROR with the cause in the verdict; an
# unknown target a usage error.  Needs root.
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

# A target that rejects its arguments (conformance/TARGETS.md: a message on
# stderr, exit 2) is an ERROR whose verdict carries the cause.
"$tcpspec" run --target "exec:$FAULTY_AGENT" --target-arg --no-such-option --family 4 \
	--json "$tmp/args.json" conformance/scenarios/passive-open.scn >"$tmp/args.out" 2>&1
got=$(python3 -c 'import json,sys
r = json.load(open(sys.argv[1]))["results"][0]
print(r["verdict"], "|", r["message"])' "$tmp/args.json" 2>&1)
if [[ "$got" == "ERROR | "*"exited (exit 2) before answering 'hello'"* ]]; then
	echo "  ok    a target that rejects its arguments: ERROR with the cause in the verdict"
else
	echo "  FAIL  a target that rejects its arguments: got '$got'"
	fail=1
fi

# A target tcpspec does not know is a usage error, before anything runs.
"$tcpspec" run --target no-such-target conformance/scenarios/passive-open.scn \
	>"$tmp/unknown.out" 2>&1
rc=$?
if [ "$rc" -eq 2 ] && grep -q "expected targets linux|lwip|slirp|model|exec:PATH|exec-tap:PATH" "$tmp/unknown.out"; then
	echo "  ok    an unknown target: exit 2 naming the forms"
else
	echo "  FAIL  an unknown target: exit $rc: $(cat "$tmp/unknown.out")"
	fail=1
fi
exit $fail
