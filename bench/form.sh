#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
#
# bench/form.sh: the entry form's benchmark (issue 12, "Speed"). Keys N
# generated paper forms end to end through tmux into a paper batch whose
# forms give a theme, a name, a service and a text, on a database of a
# given size, and prints:
#   - the time the program spends per form, measured inside it (the form
#     logs, with CONSULT_FORM_TIMINGS, the time from the save key to the
#     next blank form drawn: the reference and similar-idea checks, the
#     write and the drawing, not the typing): mean, median, 95th
#     percentile and worst, against the goal of 5 ms at 1,000,000 ideas;
#     and the processor time the program spent in the same stretch (on a
#     machine shared with other work, the wall-clock time also counts the
#     waits for a processor);
#   - the navigation keys per form (Tab, Shift-Tab, Enter out of a field,
#     the save) as the form counted them, against the goal of at most 6.
#
# Builds an optimised tree in build-bench (as bench/tui.sh does) and
# generates the database once with bench/tui/gen.c (consultation BENCH,
# themes T01..T10, IDEAS ideas, no votes); each run keys into a copy.
#
# Usage: bench/form.sh [N]       N forms (default 200)
#   IDEAS (default 20000: a quick run) sets the database's size; the
#   issue's figure is for a million ideas:
#       IDEAS=1000000 bench/form.sh 200
#   (generating that database takes several minutes and about 1 GB, once;
#   DB names another database file to use as it is.)
# Needs tmux and sqlite3.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/build-bench
forms=${1:-200}
ideas=${IDEAS:-20000}
db=${DB:-$out/form-$ideas.db}
work=$(mktemp -d "${TMPDIR:-/tmp}/consult-form-bench.XXXXXX")
sock=consult-form-bench-$$
T="tmux -L $sock -f /dev/null"
trap '$T kill-server >/dev/null 2>&1; rm -rf "$work"' EXIT INT TERM

cmake -S "$root" -B "$out" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
    >/dev/null
cmake --build "$out" -j2 --target consult consult_core >/dev/null
if [ ! -s "$db" ]; then
    cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -I"$root/include" \
        -o "$out/tui-gen" "$root/bench/tui/gen.c" "$out/libconsult_core.a" \
        -lsqlite3 -lnettle -lcsv -lunistring
    echo "Generating $db: $ideas ideas..." >&2
    "$out/tui-gen" "$db" "$ideas" 0 >/dev/null
fi
consult=$out/consult
cp "$db" "$work/bench.db"
# The journal's key goes with the database (nothing is written without it).
[ -f "$db.key" ] && cp "$db.key" "$work/bench.db.key"
rm -f "$db-wal" "$db-shm"
wdb=$work/bench.db
log=$work/timings
batch=$("$consult" --db "$wdb" batch add --consultation BENCH \
        --label "Benchmark" --expect "$forms" \
        --fields theme,author_name,service,body)

# The forms: a name, a service, and a text of words taken from different
# ideas of the database (so the similar-idea check has real work, and a
# form is rarely very like any one idea). Fixed seed: the same forms on
# every run of the same database.
sqlite3 "$wdb" "SELECT body FROM idea WHERE id % 97 = 0 LIMIT 2000" \
    | tr -s ' \n\t' '\n' | grep -E '^[[:alpha:]éèàçô]{4,}$' \
    | sort -u >"$work/words"
awk -v n="$forms" 'BEGIN { srand(12); }
    { w[++nw] = $0 }
    END {
        split("Anne Jean Élodie Zoé Paul Léa Hélène Jérôme Nadia Omar", first, " ")
        split("Dupont Lambert Müller Roux Henry Dubois Martin Leroy Petit Faure", last, " ")
        split("Travaux;Écoles;Finances;Crèche;Sports;Culture;État civil;Urbanisme", svc, ";")
        for (i = 1; i <= n; i++) {
            t = ""
            for (k = 0; k < 9; k++)
                t = t (k ? " " : "") w[int(rand() * nw) + 1]
            printf "%s %s %d\t%s\t%s\n", first[int(rand() * 10) + 1],
                last[int(rand() * 10) + 1], i, svc[int(rand() * 8) + 1], t
        }
    }' "$work/words" >"$work/forms"

screen_has() {
    $T capture-pane -p | grep -qF -- "$1"
}

# Wait (up to 10 s) for TEXT; on a very similar idea, save anyway.
wait_keyed() {
    i=0
    until screen_has "$1"; do
        if screen_has "s save anyway"; then
            $T send-keys s
            extra=$((extra + 1))
        fi
        i=$((i + 1))
        if [ "$i" -gt 1000 ]; then
            echo "bench/form.sh: the screen never showed \"$1\":" >&2
            $T capture-pane -p >&2
            exit 1
        fi
        sleep 0.01
    done
}

$T new-session -d -x 80 -y 23 \
    "env NO_COLOR=1 LC_ALL=C.UTF-8 CONSULT_FORM_TIMINGS='$log' \
     '$consult' --db '$wdb' enter --batch $batch; sleep 30"
wait_keyed "0 / $forms keyed"
extra=0
start=$(date +%s)
# The first form sets the theme; the next ones keep it.
$T send-keys -l "T01"
$T send-keys Tab
n=0
while IFS="$(printf '\t')" read -r name service text; do
    n=$((n + 1))
    $T send-keys -l "$name"
    $T send-keys Tab
    $T send-keys -l "$service"
    $T send-keys Tab
    $T send-keys -l "$text"
    $T send-keys F2
    wait_keyed " $n / $forms keyed"
done <"$work/forms"
end=$(date +%s)

keyed=$(sqlite3 "$wdb" "SELECT count(*) FROM idea WHERE paper_batch_id = $batch")
total=$(sqlite3 "$wdb" "SELECT count(*) FROM idea")
echo "SQLite $(sqlite3 --version | cut -d' ' -f1), $(nproc) CPUs;" \
     "$total ideas after the run; $keyed forms keyed in $((end - start)) s" \
     "(typing and tmux included); $extra saved past a very similar idea"
# $1: the field of the save lines (2: wall clock, 3: processor time).
summary() {
    grep '^save' "$log" | cut -f"$1" | sort -n | awk -v goal=5 -v what="$2" '
    { v[NR] = $1; s += $1 }
    END {
        if (NR == 0) { print "no timings logged"; exit 1 }
        p95 = v[int(NR * 0.95) > 0 ? int(NR * 0.95) : 1]
        printf "%s per form (save key to next blank form, %d forms):\n", what, NR
        printf "  mean %.2f ms, median %.2f ms, p95 %.2f ms, worst %.2f ms (goal: under %d ms at 1,000,000 ideas)\n", s / NR, v[int((NR + 1) / 2)], p95, v[NR], goal
    }'
}
summary 2 "time in the program"
summary 3 "processor time of the program"
grep '^keys' "$log" | cut -f2 | awk '
    { s += $1; if ($1 > m) m = $1; if (NR > 1) { s2 += $1; n2++ } }
    END {
        printf "navigation keys per form (Tab, Enter out of a field, save): mean %.2f, the first form %d (it sets the theme), the others %.2f, most %d (goal: at most 6)\n", s / NR, first, n2 ? s2 / n2 : 0, m
    }
    NR == 1 { first = $1 }'
