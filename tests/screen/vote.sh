# SPDX-License-Identifier: EUPL-1.2
#
# vote.sh: a person's vote added on an idea's page in tmux at 80x23 on the
# demo database: v, the voter found as the name is typed (accents and case
# ignored) and chosen; the same person again refused in the user's words
# with the name typed kept; a new person entered (name, then service); the
# votes checked through the command line; and a viewer not offered the key.
. "$CONSULT_SRC/tests/screen/lib.sh"

c idea add --consultation AGENTS21 --theme DD --date 2021-04-01 \
    --body "Des fontaines à eau dans chaque bâtiment"
id=$(tail -n 1 "$OUT")   # after the warning: AGENTS21 is closed, the idea late

start 80 23
wait_for "51 ideas"
keys Home Enter
wait_for "Idea $id  |  new"
wait_for "v vote"
keys v
wait_for "Vote for idea $id: who votes?"
wait_for "+ A new person"
type "elodie dup"
wait_for "Élodie Dupont  -  Population  -  M-10234"
wait_for "+ A new person: elodie dup"
expect_cursor_on "Name or reference: elodie dup"
keys Enter
wait_for "supports idea $id."
expect_line_has 20 "Vote "
c idea show "$id"
check "the vote counts for the idea" out_has "Votes:           1"

# The same person again: refused, said, and the list is back with the
# name typed.
keys v
wait_for "Vote for idea $id: who votes?"
type "M-10234"
wait_for "Élodie Dupont  -  Population  -  M-10234"
keys Enter
wait_for "This person already supports idea $id: a second vote is not counted."
wait_for "Name or reference: M-10234"
keys C-u
# A new person: the name typed, then the service.
type "Zoé Lambert"
wait_for "+ A new person: Zoé Lambert"
keys Enter
wait_for "New person's name: Zoé Lambert"
keys Enter
wait_for "Their service:"
type "Finances"
keys Enter
wait_for "Zoé Lambert, Finances supports idea $id."
c idea show "$id"
check "two votes now" out_has "Votes:           2"
c participant find --name "Zoé Lambert" --service Finances
check "the new person is a participant" test -s "$OUT"

# Esc on the list records nothing.
keys v
wait_for "Vote for idea $id: who votes?"
keys Escape
wait_for "No vote recorded."
c idea show "$id"
check "still two votes" out_has "Votes:           2"
keys F10
wait_exit

# A viewer is not offered the key, and v does nothing for it.
c user add "consult-test-admin" --role admin
c user add "$(id -un)" --role viewer
start 80 23
wait_for "51 ideas"
check "no tally sheet on a viewer's hint line" lacks_text "v tally sheet"
keys Home Enter
wait_for "Idea $id  |  new"
check "no vote on a viewer's hint line" lacks_text "v vote"
keys v
keys r
wait_for "Read again from the database."
check "v opened nothing" lacks_text "who votes?"

finish
