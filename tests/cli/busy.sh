#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
#
# busy.sh: when another process holds the write lock longer than the busy
# timeout, a write gives up with exit status 75 and says the database is
# busy; nothing is half written, and the same command succeeds once the
# lock is released. Reads are not blocked by a writer (WAL).
. "$(dirname "$0")/lib.sh"

c init
c consultation add --code AG21 --title "Consultation des agents"
c theme add --consultation AG21 --code MOB --title "Mobilité"
expect_rc 0

# Hold the write lock from a second process until $TMP/release appears.
sqlite3 -cmd ".timeout 5000" "$DB" "BEGIN IMMEDIATE;" "INSERT INTO meta(key, value) VALUES ('lock', 'x');" \
    ".shell while [ ! -e '$TMP/release' ]; do sleep 0.05; done" "COMMIT;" \
    >/dev/null 2>&1 &
holder=$!
# Wait (polling) until the lock is really held.
i=0
until ! sqlite3 -cmd ".timeout 1" "$DB" "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1; do
    i=$((i + 1))
    [ "$i" -gt 200 ] && { echo "the lock was never taken" >&2; exit 1; }
    sleep 0.05
done

CONSULT_BUSY_TIMEOUT=300
export CONSULT_BUSY_TIMEOUT
c idea add --consultation AG21 --theme MOB --body "Un parking vélo couvert."
expect_rc 75
expect_err "busy"
c idea list --consultation AG21
expect_rc 0
unset CONSULT_BUSY_TIMEOUT

touch "$TMP/release"
wait "$holder"
c idea add --consultation AG21 --theme MOB --body "Un parking vélo couvert."
expect_rc 0
check "exactly one idea after the retry" \
    test "$(sqlite3 "$DB" "SELECT count(*) FROM idea")" -eq 1
finish
