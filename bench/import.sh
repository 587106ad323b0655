#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
#
# bench/import.sh: how fast `consult import` loads the benchmark's files,
# against a baseline that does nothing but parse and insert, and against the
# best plain SQL load of the same rows into consult's own schema.
#
#   bench/import.sh [ROUNDS]        (default 5)
#
# IDEAS, VOTES and VOTERS (environment) change the sizes; CONSULT names
# another consult binary to measure (an older build, say).
#
# Builds a Release consult in build-release/ (or $BUILD) and the two bench
# programs, writes the input files once into bench/data/ (or $BENCH_DATA):
# 100,000 paper-form ideas (~70 MB) and 1,000,000 votes from 25,000 voters
# (~45 MB), fixed seed. Then, ROUNDS times, alternating so that the machine's
# mood weighs on both alike:
#   baseline ideas -> consult import ideas -> baseline votes -> consult
#   import votes (into the database the ideas went into)
# and, in the same rounds, the plain SQL loads: the same parse staged into a
# temporary table of a database set up as consult's (the consultation and
# its themes), then bench/import/ideas.sql and votes.sql (the schema's
# triggers, full-text index and kept figures, firing row by row) or
# ideas-defer.sql and votes-defer.sql (those triggers put aside and their
# work done once at the end, as consult does), each followed by
# bench/import/journal.sql (what consult's journal records of an import:
# the keyed digest of every row written), in one transaction. The best of
# the two in each round is "plain SQL".
# It prints each run (seconds, rows/s, peak memory, processor seconds) and
# the medians with the ratios consult / baseline and consult / plain SQL
# (the median of the rounds' ratios), in wall-clock and in processor time.
# The baseline uses the same journal mode as consult (WAL) and, like
# consult, checkpoints when it closes.
set -eu

ROUNDS=${1:-5}
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$SRC/build-release}
DATA=${BENCH_DATA:-$SRC/bench/data}
IDEAS=${IDEAS:-100000}
VOTES=${VOTES:-1000000}
VOTERS=${VOTERS:-25000}

mkdir -p "$DATA"
[ -f "$BUILD/CMakeCache.txt" ] \
    || cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
if [ -z "${CONSULT:-}" ]; then
    cmake --build "$BUILD" --target consult -j2 >/dev/null
    CONSULT=$BUILD/consult
fi
# The bench programs, built here so that the main build needs no change.
cc -O2 -std=c11 -D_DEFAULT_SOURCE -o "$DATA/bench-gen" "$SRC/bench/import/gen.c"
cc -O2 -std=c11 -D_DEFAULT_SOURCE -o "$DATA/bench-baseline" \
    "$SRC/bench/import/baseline.c" $(pkg-config --cflags --libs sqlite3) -lcsv \
    -lnettle

# The files of each size are kept apart, so that sizes never mix.
IDEAS_CSV=$DATA/ideas-$IDEAS.csv
VOTES_CSV=$DATA/votes-$VOTES-$VOTERS-$IDEAS.csv
[ -s "$IDEAS_CSV" ] || "$DATA/bench-gen" ideas $IDEAS "$IDEAS_CSV"
[ -s "$VOTES_CSV" ] || "$DATA/bench-gen" votes $VOTES $VOTERS $IDEAS "$VOTES_CSV"
"$DATA/bench-gen" setup "$DATA/themes.tsv"
echo "ideas: $(wc -c <"$IDEAS_CSV") bytes, $IDEAS rows;" \
     "votes: $(wc -c <"$VOTES_CSV") bytes, $VOTES rows; consult: $CONSULT"

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
    /usr/bin/time -f "%e %M %U %S" -o "$DATA/time" "$@" >"$DATA/out" 2>&1 || {
        cat "$DATA/out" >&2
        echo "bench: $name failed" >&2
        exit 1
    }
    read -r secs kib usr sys <"$DATA/time"
    cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    echo "$name $secs $kib $cpu" >>"$DATA/results"
    awk -v n="$name" -v s="$secs" -v k="$kib" -v r="$rows" -v c="$cpu" 'BEGIN {
        printf "  %-16s %6.2f s %9.0f rows/s %6.1f MiB  (cpu %s s)\n", n, s,
               (s > 0 ? r / s : 0), k / 1024, c }'
}

: >"$DATA/results"
i=1
while [ "$i" -le "$ROUNDS" ]; do
    echo "round $i"
    rm -f "$DATA/base.db" "$DATA/base.db-wal" "$DATA/base.db-shm"
    timed baseline-ideas $IDEAS "$DATA/bench-baseline" "$IDEAS_CSV" "$DATA/base.db"
    setup "$DATA/sql.db"
    timed sql-ideas $IDEAS "$DATA/bench-baseline" --then "$SRC/bench/import/ideas.sql" \
        --then "$SRC/bench/import/journal.sql" \
        "$IDEAS_CSV" "$DATA/sql.db"
    setup "$DATA/sqld.db"
    timed sqld-ideas $IDEAS "$DATA/bench-baseline" --then "$SRC/bench/import/ideas-defer.sql" \
        --then "$SRC/bench/import/journal.sql" \
        "$IDEAS_CSV" "$DATA/sqld.db"
    setup "$DATA/consult.db"
    timed consult-ideas $IDEAS "$CONSULT" --db "$DATA/consult.db" import ideas \
        "$IDEAS_CSV" --consultation AG21 --no-progress
    rm -f "$DATA/base.db" "$DATA/base.db-wal" "$DATA/base.db-shm"
    timed baseline-votes $VOTES "$DATA/bench-baseline" "$VOTES_CSV" "$DATA/base.db"
    timed sql-votes $VOTES "$DATA/bench-baseline" --then "$SRC/bench/import/votes.sql" \
        --then "$SRC/bench/import/journal.sql" \
        "$VOTES_CSV" "$DATA/sql.db"
    timed sqld-votes $VOTES "$DATA/bench-baseline" --then "$SRC/bench/import/votes-defer.sql" \
        --then "$SRC/bench/import/journal.sql" \
        "$VOTES_CSV" "$DATA/sqld.db"
    timed consult-votes $VOTES "$CONSULT" --db "$DATA/consult.db" import votes \
        "$VOTES_CSV" --consultation AG21 --no-progress
    # Every load holds the same rows (not timed).
    for db in sql sqld consult; do
        got=$(sqlite3 "$DATA/$db.db" "SELECT (SELECT count(*) FROM idea)
            || ' ' || (SELECT count(*) FROM vote) || ' '
            || (SELECT sum(support) FROM idea) || ' '
            || (SELECT sum(ideas) || ' ' || sum(votes) FROM idea_count)")
        echo "  $db.db: ideas, votes, support, kept ideas and votes: $got"
    done
    i=$((i + 1))
done

# The best plain SQL load of each round: the faster of the two.
# (Fields: name, seconds, KiB, how, processor seconds.)
awk '$1 ~ /^sql-/ { k = substr($1, 5); a[k, ++ia[k]] = $2; am[k, ia[k]] = $3; ac[k, ia[k]] = $4 }
     $1 ~ /^sqld-/ { k = substr($1, 6); b[k, ++ib[k]] = $2; bm[k, ib[k]] = $3; bc[k, ib[k]] = $4 }
     END { for (k in ia) for (i = 1; i <= ia[k]; i++)
               if (a[k, i] <= b[k, i]) print "plain-" k, a[k, i], am[k, i], "triggers", ac[k, i]
               else print "plain-" k, b[k, i], bm[k, i], "deferred", bc[k, i] }' \
    "$DATA/results" >>"$DATA/results"
# consult / plain SQL, round by round (the n-th run of each, in order).
ratios() {
    awk -v k="$1" '$1 == "consult-" k { c[++nc] = $2 } $1 == "plain-" k { p[++np] = $2 }
        END { for (i = 1; i <= nc && i <= np; i++) print c[i] / p[i] }' "$DATA/results"
}
# The same with processor time (user + system), which a machine busy with
# other work changes much less than the wall clock.
ratios_cpu() {
    awk -v k="$1" '$1 == "consult-" k { c[++nc] = $4 } $1 == "plain-" k { p[++np] = $5 }
        END { for (i = 1; i <= nc && i <= np; i++) if (p[i] > 0) print c[i] / p[i] }' "$DATA/results"
}
median_of() {
    sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

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
echo
echo "consult against the best plain SQL load into its own schema (same rounds):"
for kind in ideas votes; do
    rows=$IDEAS
    [ "$kind" = votes ] && rows=$VOTES
    p=$(median "plain-$kind")
    c=$(median "consult-$kind")
    how=$(awk -v n="plain-$kind" '$1 == n { print $4 }' "$DATA/results" | sort | uniq -c | sort -rn | awk '{ print $2; exit }')
    rm=$(ratios "$kind" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
    awk -v k="$kind" -v p="$p" -v c="$c" -v r="$rows" -v rm="$rm" -v how="$how" 'BEGIN {
        printf "  %-6s plain SQL %5.2f s (%7.0f rows/s, mostly %s)  consult %5.2f s (%7.0f rows/s)  median ratio %.2fx (%.2fx the plain SQL speed)\n",
               k, p, r / p, how, c, r / c, rm, 1 / rm }'
    pc=$(awk -v n="plain-$kind" '$1 == n { print $5 }' "$DATA/results" | median_of)
    cc=$(awk -v n="consult-$kind" '$1 == n { print $4 }' "$DATA/results" | median_of)
    rc=$(ratios_cpu "$kind" | median_of)
    awk -v k="$kind" -v p="$pc" -v c="$cc" -v rc="$rc" 'BEGIN {
        printf "  %-6s processor time: plain SQL %5.2f s, consult %5.2f s, median ratio %.2fx\n",
               k, p, c, rc }'
done
