#!/usr/bin/env bash
# unit.sh - run each Check suite; print one line per suite; fail if any fails.
# A suite that needs root (namespaces: check_netns_agent, check_lwip_slirp)
# prints "NAME: skipped: REASON" and exits 0 when run without it: SKIP.
set -u
fail=0
for t in "$@"; do
	if out=$("$t" 2>&1); then
		if skip=$(printf '%s\n' "$out" | grep -m1 -oE '^[^ :]+: skipped: .*'); then
			printf '  SKIP  %-28s %s\n' "$(basename "$t")" "${skip#*: skipped: }"
		else
			printf '  PASS  %-28s %s\n' "$(basename "$t")" "$(printf '%s\n' "$out" | grep -E '^[0-9]+%:' | tail -n 1)"
		fi
	else
		printf '  FAIL  %s\n' "$(basename "$t")"
		printf '%s\n' "$out" | grep -vE '^Running suite' | tail -n 40
		fail=1
	fi
done
exit $fail
