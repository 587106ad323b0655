# SPDX-License-Identifier: EUPL-1.2
#
# busy.sh: an official answer typed while another process holds the
# database's write lock (an agent's long import) is not lost: the save
# fails with the "busy" message, the editor opens again with the text, and
# saving once the lock is released stores it. Checked in the database with
# the CLI.
. "$CONSULT_SRC/tests/screen/lib.sh"

CONSULT_BUSY_TIMEOUT=300
export CONSULT_BUSY_TIMEOUT

start 80 24
wait_for "50 ideas"
keys Enter
wait_for "Idea 48  |  new"

# Another process takes the write lock until $TMP/release appears.
sqlite3 -cmd ".timeout 5000" "$DB" "BEGIN IMMEDIATE;" \
    "INSERT INTO meta(key, value) VALUES ('lock', 'x');" \
    ".shell while [ ! -e '$TMP/release' ]; do sleep 0.05; done" \
    "ROLLBACK;" >"$TMP/holder.out" 2>&1 &
holder=$!
i=0
until ! sqlite3 -cmd ".timeout 1" "$DB" "BEGIN IMMEDIATE; ROLLBACK;" \
        >/dev/null 2>&1; do
    i=$((i + 1))
    [ "$i" -gt 100 ] && { echo "the lock was never taken:" >&2;
        cat "$TMP/holder.out" >&2; exit 1; }
    sleep 0.05
done

keys s
wait_for "New status for idea 48"
keys 3
wait_for "Official answer (accepted) for idea 48"
type "Des produits locaux à la cantine dès septembre."
keys F2
wait_for "busy"
# The editor is open again, with the answer as typed.
wait_for "Official answer (accepted) for idea 48"
wait_for "Des produits locaux à la cantine dès septembre."
c idea show 48
check "nothing was saved while busy" out_has "Status:          new"

touch "$TMP/release"
wait "$holder"
keys F2
wait_for "Idea 48 is now accepted."
c idea show 48
check "idea 48 is accepted" out_has "accepted"
check "with the answer typed before the failure" \
    out_has "Des produits locaux à la cantine dès septembre."
finish
