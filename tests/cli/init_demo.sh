# SPDX-License-Identifier: EUPL-1.2
#
# init_demo.sh: `init` creates a database and says where (73 when it
# cannot, or when a file is already there); `demo` recreates the demo
# database, says where it is and what it holds, and `stats` then prints
# the same figures.
. "$CONSULT_SRC/tests/cli/lib.sh"

me=$(id -un)

# ---------------------------------------------------------------- init
c init
expect_ok
expect_out_is "Created the database $DB.
Login \"$me\" is its admin. Next: consult consultation add --code CODE --title TITLE"
check "the database exists" test -s "$DB"
check "a new database is private (0600)" test "$(stat -c %a "$DB")" = 600

c user list
expect_ok
expect_out "$me"
expect_out "admin"

c init
expect_rc 73
expect_err_is "consult: there is already a file at $DB; nothing was changed."
expect_no_stdout

run --db "$TMP/no/such/dir/c.db" init
expect_rc 73
expect_err "consult: Cannot create $TMP/no/such/dir/c.db: "
check "a failed init leaves no file" test ! -e "$TMP/no/such/dir/c.db"

run --db "$TMP/shared.db" --shared init
expect_ok
check "--shared makes it group-writable (0660)" test "$(stat -c %a "$TMP/shared.db")" = 660

# An empty file (from mktemp, say) may become the database.
: >"$TMP/empty.db"
run --db "$TMP/empty.db" init
expect_ok

# A file that is not ours is refused, not overwritten.
echo "not a database" >"$TMP/text.db"
run --db "$TMP/text.db" stats
expect_rc 65
expect_err "consult: "

# ---------------------------------------------------------------- demo
run demo
expect_ok
demo_db=$XDG_DATA_HOME/consult/demo.db
expect_out "The demo database is $demo_db."
expect_out "Look at it with: consult --db $demo_db stats"
check "the demo database exists" test -s "$demo_db"
# "Contents: consultations N, themes N, participants N, ideas N, votes N,
# tallies N, comments N, decisions N."
counts=$(sed -n 's/^Contents: consultations \([0-9]*\), themes \([0-9]*\), participants \([0-9]*\), ideas \([0-9]*\), votes \([0-9]*\), tallies \([0-9]*\), comments \([0-9]*\), decisions \([0-9]*\)\.$/\1 \2 \3 \4 \5 \6 \7 \8/p' "$OUT")
check "demo prints one line of counts" test -n "$counts"
set -- $counts
n_cons=${1:-0} n_themes=${2:-0} n_parts=${3:-0} n_ideas=${4:-0} n_votes=${5:-0}
check "the demo has ideas" test "$n_ideas" -gt 0
check "the demo has votes" test "$n_votes" -gt 0

run --db "$demo_db" stats
expect_ok
cp "$OUT" "$TMP/stats1"
check "stats shows each demo consultation" test "$(grep -c '^Consultation ' "$TMP/stats1")" -eq "$n_cons"
# Figures at indent 2 are per consultation: add them up.
sum() { awk -v l="$1" 'substr($0, 1, 2) == "  " && substr($0, 3, 1) != " " {
        v = $NF; $NF = ""; sub(/^ +/, ""); sub(/ +$/, "");
        if ($0 == l) s += v } END { print s + 0 }' "$TMP/stats1"; }
check "stats shows the demo's votes" test "$(sum Votes)" -eq "$n_votes"
check "stats shows the demo's ideas and findings" test "$(( $(sum Ideas) + $(sum Findings) ))" -eq "$n_ideas"
expect_out "  By status:"
expect_out "  By channel:"
expect_out "  By theme:"
# The heading keeps the whole title; the figures and tables fit.
check "stats lines fit in 80 columns" test "$(grep -v '^Consultation ' "$TMP/stats1" | wc -L)" -le 80

# Numbers are right-aligned: every figure line ends in the same column.
check "figures are right-aligned" test "$(awk '/By theme:/ { skip = 1 } /^Consultation / { skip = 0 }
    !skip && /^ +[^ ].* [0-9]+$/ { print length($0) }' "$TMP/stats1" | sort -u | wc -l)" -eq 1

# Again: the old file is replaced, nothing is doubled.
sqlite3 "$demo_db" "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS stale(x)" >/dev/null
run demo
expect_ok
run --db "$demo_db" stats
expect_ok
check "a second demo gives the same figures" cmp -s "$OUT" "$TMP/stats1"
check "the old file was replaced" test -z "$(sqlite3 "$demo_db" "SELECT name FROM sqlite_schema WHERE name = 'stale'")"

# --db puts it elsewhere; $CONSULT_DB does not matter to demo.
CONSULT_DB=$TMP/not-the-demo.db
export CONSULT_DB
run --db "$TMP/mydemo.db" demo
unset CONSULT_DB
expect_ok
expect_out "The demo database is $TMP/mydemo.db."
check "CONSULT_DB left alone" test ! -e "$TMP/not-the-demo.db"

# A real database is never wiped by `demo`: only a demo is replaced.
run --db "$TMP/real.db" init
expect_rc 0
run --db "$TMP/real.db" consultation add --code REAL --title "Vraie consultation"
expect_rc 0
run --db "$TMP/real.db" demo
expect_rc 73
expect_err "is not a demo database: it is left alone"
run --db "$TMP/real.db" consultation list
expect_out "REAL"
printf 'not a database at all\n' >"$TMP/notes.txt"
run --db "$TMP/notes.txt" demo
expect_rc 73
check "a non-database file is left alone" grep -q "not a database at all" "$TMP/notes.txt"

# A data directory without the demo files: an error, and no half demo.
mkdir "$TMP/nodata"
CONSULT_DATADIR=$TMP/nodata
export CONSULT_DATADIR
run --db "$TMP/broken.db" demo
unset CONSULT_DATADIR
check "demo without its files fails" test "$rc" -ne 0
expect_err "consult: "
check "no half-loaded demo is left" test ! -e "$TMP/broken.db"

finish
