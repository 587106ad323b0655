#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
#
# export.sh: how fast `consult export` writes the CODIR summary and the
# ideas list of a large consultation, against the sqlite3 shell writing
# the same ideas-with-vote-counts query to CSV. Not a test: it prints
# figures.
#
# The database is the import benchmark's: bench/gen.c's 100,000 paper-form
# ideas and 1,000,000 votes from 25,000 voters, imported with
# `consult import` (built once, kept in bench/data/). Each round runs, one
# after the other, the summary export, the ideas export and the shell's
# query; five rounds, then the median of each, the ratio of the ideas
# export to the shell, and each one's peak memory. A tenth of the data
# (10,000 ideas, 100,000 votes) is exported too, to show that memory does
# not grow with the data.
#
# Usage: bench/export.sh   (from the source tree; BUILD=dir to choose the
#        build directory, default build-bench, configured Release)
set -eu

SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$SRC/build-bench}
DATA=$SRC/bench/data
ROUNDS=${ROUNDS:-5}
mkdir -p "$DATA"

command -v sqlite3 >/dev/null || { echo "export.sh: needs the sqlite3 shell" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "export.sh: needs /usr/bin/time" >&2; exit 1; }

# ---------------------------------------------------------------- build

if [ ! -x "$BUILD/consult" ]; then
    cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$BUILD" -j2 --target consult >/dev/null
CONSULT=$BUILD/consult
if [ ! -x "$DATA/bench-gen" ] || [ "$SRC/bench/gen.c" -nt "$DATA/bench-gen" ]; then
    cc -O2 -o "$DATA/bench-gen" "$SRC/bench/gen.c"
fi

# ---------------------------------------------------------------- data

# make_db NAME IDEAS VOTES VOTERS: the database, imported once.
make_db() {
    db=$DATA/$1.db
    if [ -s "$db" ] && [ -e "$db.built" ] && [ "$(cat "$db.built")" = "$2 $3 $4" ]; then
        return 0
    fi
    rm -f "$db" "$db-wal" "$db-shm" "$db.built"
    echo "Building $db ($2 ideas, $3 votes)..." >&2
    "$DATA/bench-gen" ideas "$2" "$DATA/$1-ideas.csv"
    "$DATA/bench-gen" votes "$3" "$4" "$2" "$DATA/$1-votes.csv"
    "$DATA/bench-gen" setup "$DATA/themes.tsv"
    "$CONSULT" --db "$db" init >/dev/null
    "$CONSULT" --db "$db" consultation add --code BENCH \
        --title "Appel à idées (banc d'essai)" --opens 2021-03-01 >/dev/null
    while IFS="$(printf '\t')" read -r code title; do
        "$CONSULT" --db "$db" theme add --consultation BENCH --code "$code" \
            --title "$title" >/dev/null
    done <"$DATA/themes.tsv"
    "$CONSULT" --db "$db" import ideas "$DATA/$1-ideas.csv" \
        --consultation BENCH --no-progress >&2
    "$CONSULT" --db "$db" import votes "$DATA/$1-votes.csv" \
        --consultation BENCH --no-progress >&2
    rm -f "$DATA/$1-ideas.csv" "$DATA/$1-votes.csv"
    echo "$2 $3 $4" >"$db.built"
}

make_db export 100000 1000000 25000
make_db export-small 10000 100000 2500

# The ideas export's columns (codir profile: the author as a number here,
# a pseudonym there), with the votes per channel counted the way a person
# would write it for the shell.
SHELL_SQL="SELECT i.id, c.code AS consultation, t.code AS theme,
 t.title AS theme_title, i.kind, i.status, i.status_changed_at, i.title,
 i.body, i.channel, i.form_ref, i.batch_id AS import_batch, i.submitted_at,
 i.entered_at, i.entered_by,
 coalesce(v.paper, 0) AS votes_paper, coalesce(v.workshop, 0) AS votes_workshop,
 coalesce(v.web, 0) AS votes_web, coalesce(v.email, 0) AS votes_email,
 coalesce(v.phone, 0) AS votes_phone, coalesce(v.other, 0) AS votes_other,
 i.votes, i.tallies, i.support,
 (SELECT count(*) FROM comment m WHERE m.idea_id = i.id AND m.hidden = 0)
   AS comments,
 (SELECT group_concat(name, ', ') FROM (SELECT g.name FROM idea_tag it
   JOIN tag g ON g.id = it.tag_id WHERE it.idea_id = i.id
   ORDER BY g.name_key, g.name)) AS tags,
 i.answer, i.merged_into,
 CASE WHEN i.status = 'hidden' THEN 'yes' ELSE 'no' END AS hidden,
 i.hidden_reason, i.author_id AS author
FROM idea i JOIN consultation c ON c.id = i.consultation_id
JOIN theme t ON t.id = i.theme_id
LEFT JOIN (SELECT idea_id, sum(channel = 'paper') AS paper,
  sum(channel = 'workshop') AS workshop, sum(channel = 'web') AS web,
  sum(channel = 'email') AS email, sum(channel = 'phone') AS phone,
  sum(channel = 'other') AS other FROM vote GROUP BY idea_id) v
  ON v.idea_id = i.id
WHERE +i.consultation_id = (SELECT id FROM consultation WHERE code = 'BENCH')
ORDER BY i.id;"

# For scale: the ideas with their maintained vote count only (what the
# file would cost without the per-channel counts, comments and tags).
SIMPLE_SQL="SELECT i.id, t.code AS theme, i.kind, i.status, i.title, i.body,
 i.channel, i.form_ref, i.submitted_at, i.votes, i.tallies, i.support,
 i.answer FROM idea i JOIN theme t ON t.id = i.theme_id ORDER BY i.id;"

# ---------------------------------------------------------------- runs

OUT=$DATA/out
mkdir -p "$OUT"
TIMES=$DATA/times.txt
: >"$TIMES"

# measure LABEL COMMAND...: one run, "LABEL seconds kilobytes" appended.
measure() {
    label=$1
    shift
    /usr/bin/time -f "$label %e %M" -a -o "$TIMES" "$@" >/dev/null
}

db=$DATA/export.db
for r in $(seq 1 "$ROUNDS"); do
    measure summary "$CONSULT" --db "$db" export summary "$OUT/summary.csv" \
        --consultation BENCH
    measure ideas "$CONSULT" --db "$db" export ideas "$OUT/ideas.csv" \
        --consultation BENCH
    measure shell sqlite3 -csv -header "$db" ".output $OUT/shell.csv" "$SHELL_SQL"
    measure simple sqlite3 -csv -header "$db" ".output $OUT/simple.csv" "$SIMPLE_SQL"
done
small=$DATA/export-small.db
measure small-summary "$CONSULT" --db "$small" export summary \
    "$OUT/small-summary.csv" --consultation BENCH
measure small-ideas "$CONSULT" --db "$small" export ideas \
    "$OUT/small-ideas.csv" --consultation BENCH

# ---------------------------------------------------------------- report

median() {
    grep "^$1 " "$TIMES" | awk '{print $2}' | sort -n |
        awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}
peak() {
    grep "^$1 " "$TIMES" | awk 'BEGIN {m = 0} $3 > m {m = $3} END {print m}'
}

s=$(median summary)
i=$(median ideas)
b=$(median shell)
rows=$(($(sed -n '$=' "$OUT/summary.csv") - 1))
printf 'Database: %s ideas, %s votes (%s MB)\n' \
    "$(sqlite3 "$db" 'SELECT count(*) FROM idea')" \
    "$(sqlite3 "$db" 'SELECT count(*) FROM vote')" \
    "$(($(stat -c %s "$db") / 1048576))"
printf '%-28s %8s %10s\n' "median of $ROUNDS runs" seconds "peak KiB"
printf '%-28s %8s %10s\n' "export summary ($rows rows)" "$s" "$(peak summary)"
printf '%-28s %8s %10s\n' "export ideas ($(($(stat -c %s "$OUT/ideas.csv") / 1048576)) MB)" "$i" "$(peak ideas)"
printf '%-28s %8s %10s\n' "sqlite3 shell, same query" "$b" "$(peak shell)"
printf '%-28s %8s %10s\n' "shell, ideas + vote count" "$(median simple)" "$(peak simple)"
printf '%-28s %8s %10s\n' "a tenth of the data: summary" "$(median small-summary)" "$(peak small-summary)"
printf '%-28s %8s %10s\n' "a tenth of the data: ideas" "$(median small-ideas)" "$(peak small-ideas)"
awk -v i="$i" -v b="$b" -v s="$s" -v p="$(median simple)" 'BEGIN {
    printf "ideas / shell: %.2f (goal: 1.2 or less): %s\n", i / b,
        i / b <= 1.2 ? "met" : "NOT met"
    printf "ideas / shell, ideas + vote count only: %.2f\n", i / p
    printf "summary: %.2f s (goal: under 0.2 s): %s\n", s,
        s < 0.2 ? "met" : "NOT met"
}'
