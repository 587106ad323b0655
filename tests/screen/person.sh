# SPDX-License-Identifier: EUPL-1.2
#
# person.sh: the participant page in tmux on the demo database, opened on
# the selected idea's author from the ideas list (W): their contact and
# what is held on them; the consent withdrawn (asked first) and given
# again; an email and a postal address of two lines changed; each checked
# with the CLI; Esc back to the list. At 80x23 and 200x50.
. "$CONSULT_SRC/tests/screen/lib.sh"

start 80 23
wait_for "50 ideas"
keys W
wait_for "Participant 46  |  André Lurquin"
wait_for " Consent      given: may be contacted"
wait_for "Held: ideas 1, votes 3"
expect_cursor_on "Des produits locaux"

# Consent withdrawn, asked first; n keeps it.
keys c
wait_for "Withdraw it?"
keys n
wait_for "Nothing changed."
wait_for "given: may be contacted"
keys c
wait_for "Withdraw it?"
keys y
wait_for "Consent withdrawn"
wait_for " Consent      not given"
c participant show 46
check "the CLI sees the consent withdrawn" grep -q "^Consent: *no" "$OUT"

# A new email; a postal address of two lines.
keys e
wait_for "Email:"
keys C-u
type "a.lurquin@ville.example"
keys Enter
wait_for "Saved."
wait_for " Email        a.lurquin@ville.example"
keys a
wait_for "Postal address"
type "Rue de la Cuisine 2 / 6000 Charleroi"
keys Enter
wait_for " Postal       Rue de la Cuisine 2 / 6000 Charleroi"
c participant show 46
check "the CLI sees the new email" grep -q "a.lurquin@ville.example" "$OUT"
check "the postal address has two lines" \
    sh -c "grep -A1 'Rue de la Cuisine 2' '$OUT' | grep -q '6000 Charleroi'"
keys c
wait_for "Record it?"
keys y
wait_for "Consent given"

# 200x50: the whole titles; back to the list.
resize 200 50
wait_for "Des produits locaux et de saison à la cuisine centrale"
keys Escape
wait_for "50 ideas"
keys q
wait_exit

finish
