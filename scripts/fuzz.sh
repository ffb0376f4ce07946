#!/usr/bin/env bash
# fuzz.sh - run each fuzz target for FUZZ_SECONDS (default 30) with
# libFuzzer (clang), or, where libFuzzer is missing, the standalone driver.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${FUZZ_SECONDS:-30}
mkdir -p build/fuzz
model=$(ls model/*.c)
lib="$(ls conformance/net/packet*.c conformance/scenario/text.c conformance/scenario/scenario.c conformance/base/err.c)"
# the tests' support code that needs no libcheck (tests/support/model_check.c does)
support="tests/support/events.c tests/support/oracle.c"
for src in tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	bin=build/fuzz/$name
	if clang -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
		-I. -Iconformance -Imodel "$src" $model $lib $support -o "$bin" 2>/dev/null; then
		echo "== $name: libFuzzer, ${secs}s"
		mkdir -p "build/fuzz/$name-corpus"
		"$bin" -max_total_time="$secs" -print_final_stats=0 "build/fuzz/$name-corpus" 2>&1 | tail -n 2
	else
		clang -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=address,undefined -DFUZZ_STANDALONE \
			-I. -Iconformance -Imodel "$src" $model $lib $support -o "$bin"
		echo "== $name: standalone driver"
		"$bin"
	fi
done
