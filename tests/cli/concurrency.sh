#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
#
# concurrency.sh: several desks keying in at once. Eight processes start
# together (a shared start signal), each adding 50 ideas with
# `consult idea add` to one database. Every command must succeed and print
# nothing on stderr (a busy database waits, it does not fail), and the
# database must end with exactly 400 ideas, 400 distinct ids, each printed
# by the command that added it, and an audit chain that still verifies.
#
# Environment (from ctest): CONSULT, the binary under test.
set -eu

: "${CONSULT:?set CONSULT to the consult binary}"
WRITERS=8
PER_WRITER=50
TOTAL=$((WRITERS * PER_WRITER))

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
db=$tmp/concurrency.db

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

c() { "$CONSULT" --db "$db" "$@"; }

c init >/dev/null || fail "init"
c consultation add --code CONC --title "Consultation simultanée" >/dev/null \
    || fail "consultation add"
c theme add --consultation CONC --code T1 --title "Thème unique" >/dev/null \
    || fail "theme add"

# writer N: wait for the start signal, then add PER_WRITER ideas; record
# every id printed, every stderr line and every non-zero exit status.
writer() {
    while [ ! -e "$tmp/go" ]; do
        sleep 0.01
    done
    i=1
    while [ "$i" -le "$PER_WRITER" ]; do
        rc=0
        c idea add --consultation CONC --theme T1 \
            --title "Idée $1.$i" \
            --body "Proposition n° $i du poste $1 : éviter les pertes." \
            --form-ref "P$1-$i" --channel paper \
            >>"$tmp/out.$1" 2>>"$tmp/err.$1" || rc=$?
        [ "$rc" -eq 0 ] || echo "writer $1, idea $i: exit $rc" >>"$tmp/fail.$1"
        i=$((i + 1))
    done
}

pids=
w=1
while [ "$w" -le "$WRITERS" ]; do
    : >"$tmp/out.$w"
    : >"$tmp/err.$w"
    writer "$w" &
    pids="$pids $!"
    w=$((w + 1))
done
touch "$tmp/go"
status=0
for p in $pids; do
    wait "$p" || status=1
done
[ "$status" -eq 0 ] || fail "a writer process failed"

if cat "$tmp"/fail.* >/dev/null 2>&1; then
    cat "$tmp"/fail.* >&2
    fail "some commands did not exit with 0"
fi
if [ -n "$(cat "$tmp"/err.*)" ]; then
    cat "$tmp"/err.* >&2
    fail "something was printed on stderr"
fi

# Each command printed its new idea's id, and no id twice.
printed=$(cat "$tmp"/out.* | wc -l)
[ "$printed" -eq "$TOTAL" ] || fail "$printed lines printed, expected $TOTAL"
bad=$(cat "$tmp"/out.* | grep -cvE '^[0-9]+$' || true)
[ "$bad" -eq 0 ] || fail "$bad printed lines are not an id"
distinct=$(cat "$tmp"/out.* | sort -u | wc -l)
[ "$distinct" -eq "$TOTAL" ] || fail "$distinct distinct ids printed, expected $TOTAL"

# The database agrees: the ideas, their ids, one audit row each.
if command -v sqlite3 >/dev/null 2>&1; then
    got=$(sqlite3 "$db" "SELECT count(*) || ' ' || count(DISTINCT id) FROM idea")
    [ "$got" = "$TOTAL $TOTAL" ] || fail "ideas, distinct ids in the database: $got"
    audited=$(sqlite3 "$db" \
        "SELECT count(*) FROM audit WHERE tbl = 'idea' AND action = 'add'")
    [ "$audited" -eq "$TOTAL" ] || fail "$audited audit rows for $TOTAL ideas"
    cat "$tmp"/out.* | sort -n >"$tmp/printed"
    sqlite3 "$db" "SELECT id FROM idea ORDER BY id" >"$tmp/stored"
    cmp -s "$tmp/printed" "$tmp/stored" || fail "printed ids differ from stored ids"
fi

# And through consult itself: one CSV record per idea, plus the header.
lines=$(c idea list --consultation CONC --limit 100000 --format csv | wc -l) \
    || fail "idea list"
[ "$lines" -eq $((TOTAL + 1)) ] || fail "idea list --format csv: $lines lines"

c audit verify >/dev/null || fail "audit verify after concurrent writes"
echo "ok: $WRITERS writers x $PER_WRITER ideas = $TOTAL ideas, audit chain intact"
