#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
#
# bench/import.sh: how fast `consult import` loads the benchmark's files,
# against a baseline that does nothing but parse and insert.
#
#   bench/import.sh [ROUNDS]        (default 5)
#
# Builds a Release consult in build-release/ (or $BUILD) and the two bench
# programs, writes the input files once into bench/data/ (or $BENCH_DATA):
# 100,000 paper-form ideas (~70 MB) and 1,000,000 votes from 25,000 voters
# (~45 MB), fixed seed. Then, ROUNDS times, alternating so that the machine's
# mood weighs on both alike:
#   baseline ideas -> consult import ideas -> baseline votes -> consult
#   import votes (into the database the ideas went into)
# and prints each run (seconds, rows/s, peak memory) and the medians with
# the ratio consult / baseline. The baseline uses the same journal mode as
# consult (WAL) and, like consult, checkpoints when it closes.
set -eu

ROUNDS=${1:-5}
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$SRC/build-release}
DATA=${BENCH_DATA:-$SRC/bench/data}
IDEAS=100000
VOTES=1000000
VOTERS=25000

mkdir -p "$DATA"
[ -f "$BUILD/CMakeCache.txt" ] \
    || cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" --target consult -j2 >/dev/null
CONSULT=$BUILD/consult
# The bench programs, built here so that the main build needs no change.
cc -O2 -std=c11 -D_DEFAULT_SOURCE -o "$DATA/bench-gen" "$SRC/bench/import/gen.c"
cc -O2 -std=c11 -D_DEFAULT_SOURCE -o "$DATA/bench-baseline" \
    "$SRC/bench/import/baseline.c" $(pkg-config --cflags --libs sqlite3) -lcsv

[ -s "$DATA/ideas.csv" ] || "$DATA/bench-gen" ideas $IDEAS "$DATA/ideas.csv"
[ -s "$DATA/votes.csv" ] || "$DATA/bench-gen" votes $VOTES $VOTERS $IDEAS "$DATA/votes.csv"
"$DATA/bench-gen" setup "$DATA/themes.tsv"
echo "ideas.csv: $(wc -c <"$DATA/ideas.csv") bytes, $IDEAS rows;" \
     "votes.csv: $(wc -c <"$DATA/votes.csv") bytes, $VOTES rows"

# A consult database with the consultation and its themes (not timed).
setup() {
    rm -f "$1" "$1-wal" "$1-shm"
    "$CONSULT" --db "$1" init >/dev/null
    "$CONSULT" --db "$1" consultation add --code AG21 --title "Agents 2021" >/dev/null
    tab=$(printf '\t')
    while IFS=$tab read -r code title; do
        "$CONSULT" --db "$1" theme add --consultation AG21 --code "$code" \
            --title "$title" >/dev/null
    done <"$DATA/themes.tsv"
}

# timed NAME ROWS COMMAND...: run it, record "NAME seconds KiB".
timed() {
    name=$1 rows=$2
    shift 2
    /usr/bin/time -f "%e %M" -o "$DATA/time" "$@" >"$DATA/out" 2>&1 || {
        cat "$DATA/out" >&2
        echo "bench: $name failed" >&2
        exit 1
    }
    read -r secs kib <"$DATA/time"
    echo "$name $secs $kib" >>"$DATA/results"
    awk -v n="$name" -v s="$secs" -v k="$kib" -v r="$rows" 'BEGIN {
        printf "  %-16s %6.2f s %9.0f rows/s %6.1f MiB\n", n, s,
               (s > 0 ? r / s : 0), k / 1024 }'
}

: >"$DATA/results"
i=1
while [ "$i" -le "$ROUNDS" ]; do
    echo "round $i"
    rm -f "$DATA/base.db" "$DATA/base.db-wal" "$DATA/base.db-shm"
    timed baseline-ideas $IDEAS "$DATA/bench-baseline" "$DATA/ideas.csv" "$DATA/base.db"
    setup "$DATA/consult.db"
    timed consult-ideas $IDEAS "$CONSULT" --db "$DATA/consult.db" import ideas \
        "$DATA/ideas.csv" --consultation AG21 --no-progress
    rm -f "$DATA/base.db" "$DATA/base.db-wal" "$DATA/base.db-shm"
    timed baseline-votes $VOTES "$DATA/bench-baseline" "$DATA/votes.csv" "$DATA/base.db"
    timed consult-votes $VOTES "$CONSULT" --db "$DATA/consult.db" import votes \
        "$DATA/votes.csv" --consultation AG21 --no-progress
    i=$((i + 1))
done

median() {
    awk -v n="$1" '$1 == n { print $2 }' "$DATA/results" | sort -n \
        | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
peak() {
    awk -v n="$1" '$1 == n && $3 > m { m = $3 } END { printf "%.1f", m / 1024 }' "$DATA/results"
}
echo
echo "medians over $ROUNDS rounds:"
for kind in ideas votes; do
    rows=$IDEAS
    [ "$kind" = votes ] && rows=$VOTES
    b=$(median "baseline-$kind")
    c=$(median "consult-$kind")
    awk -v k="$kind" -v b="$b" -v c="$c" -v r="$rows" -v bm="$(peak "baseline-$kind")" \
        -v cm="$(peak "consult-$kind")" 'BEGIN {
        printf "  %-6s baseline %5.2f s (%7.0f rows/s, %s MiB)  consult %5.2f s (%7.0f rows/s, peak %s MiB)  ratio %.2f\n",
               k, b, r / b, bm, c, r / c, cm, c / b }'
done
