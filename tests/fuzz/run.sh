#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
#
# Usage: tests/fuzz/run.sh [SECS] [TARGET]
#
# Run the fuzz targets for SECS seconds each (default 60): builds them
# with clang in build-fuzz (or $CONSULT_FUZZ_BUILD), then runs libFuzzer on
# a scratch copy of each seed corpus, so the seeds in the repository stay
# as they are. TARGET is one of
#   csv_fuzz   the CSV reader and writer (seeds in corpus/csv)
#   rows_fuzz  the importer's row checks on a real database (corpus/rows)
#   pb_fuzz    the participatory-budget (.pb) reader (corpus/pb)
#   date_fuzz  the date parsers (corpus/date)
#   number_fuzz   the number parsers: counts, idea numbers, yes/no
#                 (corpus/number)
#   textedit_fuzz the terminal interface's text editor (corpus/textedit)
#   all        all six, one after the other (the default): 6 x SECS
# A crash leaves its input as build-fuzz/crash-* and exits non-zero (the
# targets after it are not run). Extra libFuzzer options go in $FUZZ_ARGS
# (e.g. FUZZ_ARGS=-jobs=2).
set -eu
secs=${1:-60}
target=${2:-all}
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${CONSULT_FUZZ_BUILD:-$src/build-fuzz}

case $target in
all) targets="csv_fuzz rows_fuzz pb_fuzz date_fuzz number_fuzz textedit_fuzz" ;;
csv_fuzz|rows_fuzz|pb_fuzz|date_fuzz|number_fuzz|textedit_fuzz)
    targets=$target ;;
*) echo "run.sh: unknown target $target (csv_fuzz, rows_fuzz, pb_fuzz," \
        "date_fuzz, number_fuzz, textedit_fuzz or all)" >&2
   exit 2 ;;
esac

command -v clang >/dev/null || { echo "run.sh: clang is needed" >&2; exit 1; }
CC=clang cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Debug \
    -DCONSULT_FUZZ=ON >/dev/null
# shellcheck disable=SC2086
cmake --build "$build" -j2 --target $targets

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
for t in $targets; do
    corpus=${t%_fuzz}
    mkdir "$work/$corpus"
    cp "$src"/tests/fuzz/corpus/"$corpus"/* "$work/$corpus"/
    echo "run.sh: $t for $secs s" >&2
    # shellcheck disable=SC2086
    "$build"/tests/fuzz/"$t" -max_total_time="$secs" -rss_limit_mb=2048 \
        -artifact_prefix="$build"/ -print_final_stats=1 ${FUZZ_ARGS:-} \
        "$work/$corpus"
done
