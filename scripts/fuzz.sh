#!/usr/bin/env bash
# fuzz.sh [NAME...] - the fuzz targets of tests/fuzz/ (fuzz_NAME.c): each is
# built with libFuzzer, AddressSanitizer and UBSan (clang) against the
# project's libraries built with the same instrumentation, then run for
# FUZZ_SECONDS (default 30) on a corpus seeded from the repository:
# tests/fuzz/seeds/NAME/, the scenario corpus for the scenario parser, the
# built-in profile files for the profile parser.
# FUZZ_SMOKE=1 (CI): replay the seeds, then FUZZ_SECONDS (default 3) each.
# A finding leaves its input in build/fuzz/NAME-crash-* and exits 1; turn it
# into a Check regression test.  Where libFuzzer is missing, the targets are
# built with tests/fuzz/standalone.c (seeds, then random inputs).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${FUZZ_SMOKE:-}" ]; then
	secs=${FUZZ_SECONDS:-3}
else
	secs=${FUZZ_SECONDS:-30}
fi
out=build/fuzz
objs=$out/obj
mkdir -p "$out"
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer"
make --no-print-directory -j2 CC=clang BUILD="$objs" OPT="-g -O1" SAN=1 \
	SANFLAGS="$flags" libs >/dev/null
libs=$(ls "$objs"/lib*.a)
names=("$@")
if [ "${#names[@]}" -eq 0 ]; then
	for src in tests/fuzz/fuzz_*.c; do
		n=$(basename "$src" .c)
		names+=("${n#fuzz_}")
	done
fi

seed() { # seed NAME DIR: the committed seeds, and the corpus for scenarios
	mkdir -p "$2"
	if [ -d "tests/fuzz/seeds/$1" ]; then
		cp -n tests/fuzz/seeds/"$1"/* "$2"/ 2>/dev/null || true
	fi
	if [ "$1" = scenario ]; then
		cp -n conformance/scenarios/*.scn "$2"/ 2>/dev/null || true
	fi
	if [ "$1" = profile ]; then
		cp -n conformance/profiles/*.profile "$2"/ 2>/dev/null || true
	fi
}

rc=0
for name in "${names[@]}"; do
	src=tests/fuzz/fuzz_$name.c
	bin=$out/fuzz_$name
	corpus=$out/$name-corpus
	[ -f "$src" ] || { echo "fuzz.sh: no $src" >&2; exit 2; }
	seed "$name" "$corpus"
	if clang -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
		-I. -Iconformance -Itests "$src" -Wl,--start-group $libs -Wl,--end-group -lpcap \
		-o "$bin" 2>"$out/$name-build.log"; then
		echo "== $name: libFuzzer, ${secs} s"
		if ! "$bin" -max_total_time="$secs" -print_final_stats=1 -artifact_prefix="$out/$name-" \
			"$corpus" >"$out/$name.log" 2>&1; then
			tail -n 30 "$out/$name.log"
			rc=1
		fi
		grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$out/$name.log" | tail -n 1 || true
	else
		clang -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=address,undefined \
			-I. -Iconformance -Itests "$src" tests/fuzz/standalone.c \
			-Wl,--start-group $libs -Wl,--end-group -lpcap -o "$bin"
		echo "== $name: standalone driver (no libFuzzer)"
		"$bin" "$corpus"/* || rc=1
	fi
done
exit $rc
