# SPDX-License-Identifier: EUPL-1.2
#
# answer.sh: the official answer editor in tmux on the demo database. It
# names the idea answered (number and title, under its title line); Esc
# with an answer typed asks before throwing it away, as F10 does (Esc used
# to throw it away at once); n goes back to the text, y throws it away.
# On an idea's page and on the triage desk, at 80x23 and 200x50.
. "$CONSULT_SRC/tests/screen/lib.sh"

start 80 23
wait_for "50 ideas"
keys Enter
wait_for "Idea 48  |  new"
keys s
wait_for "New status for idea 48"
keys 3
wait_for "Official answer (accepted) for idea 48"
expect_line_has 1 "Idea 48: Des produits locaux et de saison à la cuisine"
wait_cursor 2
type "Retenue pour la rentrée."
# Esc asks; n goes on typing.
keys Escape
wait_for "The text typed would be lost. Throw it away? (y/n)"
expect_cursor_on "Throw it away? (y/n)"
expect_line_has 21 "y: throw the text away   n, Esc or Enter: go on typing"
keys n
wait_gone "Throw it away?"
expect_cursor_on "Retenue pour la rentrée."
# F10 asks too.
keys F10
wait_for "Quit anyway? (y/n)"
keys n
wait_for "Go on typing."
expect_line_has 2 "Retenue pour la rentrée."
# Esc, y: thrown away, nothing changed.
keys Escape
wait_for "Throw it away? (y/n)"
keys y
wait_for "Nothing changed."
c idea show 48
check "idea 48 is still new" out_has "Status:          new"

# The answer kept, at 200x50: the idea's full title in the editor.
resize 200 50
keys s
wait_for "New status for idea 48"
keys 3
wait_for "Official answer (accepted) for idea 48"
expect_line "1" "Idea 48: Des produits locaux et de saison à la cuisine centrale"
type "Retenue."
keys F2
wait_for "Idea 48 is now accepted."
c idea show 48
check "the answer is stored" out_has "Retenue."

# Triage: the editor names the idea too.
resize 80 23
keys Escape
wait_for "50 ideas"
keys t
wait_for "Triage AGENTS21  |  idea "
id=$(line 0 | sed -n 's/.*|  idea \([0-9]*\)  |.*/\1/p')
keys r
wait_for "Official answer (rejected) for idea $id"
expect_line_has 1 "Idea $id: "
type "Non."
keys Escape
wait_for "Throw it away? (y/n)"
keys y
wait_for "Nothing changed."
expect_line_has 0 "idea $id  |"
keys q
wait_exit

finish
