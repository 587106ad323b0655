# SPDX-License-Identifier: EUPL-1.2
#
# ideas.sh: the ideas list (the triage desk) in tmux, on the demo database,
# at 80x24 then 200x50: the first screen as a whole, the cursor on the
# selected row, moves, search as you type with and without accents, a
# filter, marks and a status change with an official answer (checked in
# the database afterwards), a refusal from the core on the message line,
# resizing (and the notice below 80x24), and quitting.
. "$CONSULT_SRC/tests/screen/lib.sh"

start 80 24
wait_for "50 ideas"
expect_screen ideas-80x24.screen
wait_cursor 2
expect_cursor_on ">  48 new"

# ---------------------------------------------------------------- moves
keys Down Down
wait_cursor 4
expect_cursor_on ">  46 new"
expect_line_has 2 "   48 new"
keys PageDown
wait_cursor 4
# The window slid a page (19 rows): the selection is 19 rows further.
expect_cursor_on "> "
keys Home
wait_cursor 2
expect_cursor_on ">  48"
keys End
wait_cursor 20
keys Home

# ---------------------------------------------------------------- search
keys /
wait_for "Search:"
type "electri"
wait_for "2 ideas"
expect_line_has 0 'search "electri"'
expect_line_has 2 "Des véhicules de service él"
# The cursor sits in the field being typed.
wait_cursor 21
keys C-u
type "ÉLECTRI"
wait_for 'search "ÉLECTRI"'
expect_line_has 0 "2 ideas"
keys C-u
type "vélo"
wait_for 'search "vélo"'
keys C-u
type "velo"
wait_for 'search "velo"'
keys Enter
wait_gone "Search:"
wait_cursor 2
# Esc clears the search.
keys Escape
wait_for "50 ideas"
# Esc then a key at once (a quick typist, or both in one read): the Esc
# cancels, then the key acts; the key is not taken for Alt+key.
keys /
wait_for "Search:"
type "zzz"
wait_for "0 ideas"
keys Escape j
wait_for "50 ideas"
wait_cursor 3
expect_cursor_on ">  47 new"
wait_gone "Search:"
keys Home
wait_cursor 2

# ---------------------------------------------------------------- filter
keys f
wait_for "Filter the ideas by"
keys 1
wait_for "Show the ideas of theme"
keys 6
wait_for "theme DD"
expect_line_has 2 " DD "
# Back to the consultations and in again: the list as it was left, its
# filter and its selected idea (they used to be lost).
keys Down
wait_cursor 3
dd_second=$(screen | sed -n 4p | cut -c1-12)
keys c
wait_for "Consultations  |"
keys Enter
wait_for "theme DD"
wait_cursor 3
expect_cursor_on "$dd_second"
keys x
wait_for "50 ideas"

# ---------------------------------------------------------------- status
# Mark two ideas, accept both with one official answer.
keys Space Space
wait_for "2 marked"
expect_line_has 2 " * 48 new"
expect_line_has 3 " * 47 new"
expect_cursor_on ">  46"
keys s
wait_for "New status for 2 marked ideas"
keys 3
wait_for "Official answer (accepted) for 2 marked ideas"
wait_cursor 1
type "Retenue pour 2022 : le collège a voté le budget."
keys Enter
type "Merci à vous."
keys F2
wait_for "2 ideas are now accepted."
expect_line_has 2 "48 accepted"
expect_line_has 3 "47 accepted"
c idea show 47
check "idea 47 is accepted in the database" out_has "accepted"
check "with its answer" \
    out_has "Retenue pour 2022 : le collège a voté le budget."
check "on two lines" out_has "Merci à vous."

# The core refuses accepted -> new: its message shows, nothing changes.
keys Home s 1
wait_for "Cannot move idea 48 from accepted to new."
c idea show 48
check "idea 48 is still accepted" out_has "accepted"

# Esc in the editor asks before throwing a typed answer away; n goes on
# typing, y cancels: nothing changes. (Esc used to cancel at once.)
keys Down Down s 4
wait_for "Official answer (rejected)"
expect_line_has 1 "Idea 46: Des véhicules de service électriques"
type "Non."
keys Escape
wait_for "Throw it away? (y/n)"
keys n
wait_gone "Throw it away?"
type " Merci."
wait_for "Non. Merci."
keys Escape
wait_for "Throw it away? (y/n)"
keys y
wait_for "Nothing changed."
c idea show 46
check "idea 46 is still new" out_has "Status:          new"

# ---------------------------------------------------------------- resize
resize 200 50
wait_for "Channel"
expect_line_has 1 "Title"
wait_cursor 4
expect_cursor_on ">  46"
resize 60 20
wait_for "at least 80 columns"
resize 80 24
wait_for "50 ideas"
wait_cursor 4

keys q
wait_exit

# ---------------------------------------------------------------- 200x50
start 200 50
wait_for "50 ideas"
wait_cursor 2
expect_line_has 1 "Channel"
expect_line_has 2 "Des produits locaux et de saison à la cuisine centrale"
keys F10
wait_exit

finish
