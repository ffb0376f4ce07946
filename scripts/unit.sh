#!/usr/bin/env bash
# unit.sh - run each Check suite; print one line per suite; fail if any fails.
set -u
fail=0
for t in "$@"; do
	if out=$("$t" 2>&1); then
		printf '  PASS  %-28s %s\n' "$(basename "$t")" "$(printf '%s\n' "$out" | grep -E '^[0-9]+%:' | tail -n 1)"
	else
		printf '  FAIL  %s\n' "$(basename "$t")"
		printf '%s\n' "$out" | grep -vE '^Running suite' | tail -n 40
		fail=1
	fi
done
exit $fail
