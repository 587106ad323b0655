#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
#
# Run the CSV fuzz target for N seconds (default 60): builds it with clang
# in build-fuzz (or $CONSULT_FUZZ_BUILD), then runs libFuzzer on a scratch
# copy of the seed corpus, so the seeds in the repository stay as they
# are. A crash leaves its input as build-fuzz/crash-* and exits non-zero.
# Extra libFuzzer options go in $FUZZ_ARGS (e.g. FUZZ_ARGS=-jobs=2).
set -eu
secs=${1:-60}
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${CONSULT_FUZZ_BUILD:-$src/build-fuzz}

command -v clang >/dev/null || { echo "run.sh: clang is needed" >&2; exit 1; }
CC=clang cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Debug \
    -DCONSULT_FUZZ=ON >/dev/null
cmake --build "$build" -j2 --target csv_fuzz

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
cp "$src"/tests/fuzz/corpus/csv/* "$work"/
# shellcheck disable=SC2086
"$build"/tests/fuzz/csv_fuzz -max_total_time="$secs" -rss_limit_mb=2048 \
    -artifact_prefix="$build"/ -print_final_stats=1 ${FUZZ_ARGS:-} "$work"
