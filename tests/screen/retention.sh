# SPDX-License-Identifier: EUPL-1.2
#
# retention.sh: when an admin opens the interface and participants are
# past their consultations' retention, it asks first: n leaves them (and
# says how to do it later), y anonymises them and says how many; opened
# again, it asks nothing. The demo's consultation closed in 2021: with a
# retention of 12 months all its participants are due.
. "$CONSULT_SRC/tests/screen/lib.sh"

c consultation edit AGENTS21 --retention 12
check "the retention is set" out_has "kept 12 months after it closes"

start 80 24
wait_for "Anonymise them now? (y/n)"
expect_screen retention-ask.screen
keys n
wait_for "Nobody anonymised: consult retention run does it later."
wait_for "50 ideas"
check "nobody was anonymised" test "$(sqlite3 "$DB" \
    "SELECT count(*) FROM participant WHERE anonymised = 1")" = 0
keys q
wait_exit

start 80 24
wait_for "Anonymise them now? (y/n)"
keys y
wait_for "60 participants anonymised."
wait_for "50 ideas"
check "they are anonymised" test "$(sqlite3 "$DB" \
    "SELECT count(*) FROM participant WHERE anonymised = 1
     AND name IS NULL AND email IS NULL")" = 60
check "one journal row each" test "$(sqlite3 "$DB" \
    "SELECT count(*) FROM audit WHERE action = 'anonymise'")" = 60
check "the journal still verifies" c audit verify
keys q
wait_exit

# Nobody is due any more: nothing is asked.
start 80 24
wait_for "50 ideas"
check "no question" lacks_text "Anonymise them now?"
keys q
wait_exit

finish
