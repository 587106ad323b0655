# SPDX-License-Identifier: EUPL-1.2
#
# tally.sh: a tally sheet in tmux at 80x23 on the demo database: from the
# ideas list, the source and day asked once, five lines of counts for and
# against keyed (one line skipped, one left empty), saved with F2 and
# checked through the command line; keyed again, a line replaced; Esc or
# q on a line typed and not saved asks first; a bad day refused and asked
# again with what was typed kept; a workshop's short list, its ideas typed
# by number in the sheet's order.
. "$CONSULT_SRC/tests/screen/lib.sh"

start 80 23
wait_for "50 ideas"
keys v
wait_for "Source (workshop or ballot box):"
type "Atelier Marchienne"
keys Enter
wait_for "Day of the session (YYYY-MM-DD):"
# A day that is not one: refused, asked again, the source kept.
keys C-u
type "2026-02-30"
keys Enter
wait_for "Day of the session (YYYY-MM-DD): 2026-02-30"
keys C-u
type "2026-05-02"
keys Enter
wait_for "AGENTS21  |  Tally sheet: Atelier Marchienne, 2026-05-02  |  0 lines typed"
expect_line 1 "   No. Title                                          Recorded     For   Against"
expect_cursor_on ">    1 "

# The ideas of the first lines, as the sheet shows them.
id_of() {
    line "$1" | cut -c2-6 | tr -d ' '
}
i1=$(id_of 2) i2=$(id_of 3) i3=$(id_of 4) i5=$(id_of 6) i6=$(id_of 7) i7=$(id_of 8)

# Five lines: 14/3, 0/4, 7 for alone, (line 4 skipped), 2/1, 9/0, and a
# digit typed then taken off again on the next (left empty).
type "14"; keys Tab; type "3"; keys Enter
type "0"; keys Tab; type "4"; keys Enter
type "7"; keys Enter Enter
keys Down
type "2"; keys Tab; type "1"; keys Tab
type "9"; keys Tab; type "0"; keys Enter
type "5"; keys BSpace
wait_for "5 lines typed"
expect_line_has 2 "- [   14] [      3]"
expect_line_has 6 "- [    2] [      1]"
expect_line_has 8 "- [     ] [       ]"
keys F2
wait_for "Tally sheet saved: 5 added, 0 replaced, 0 unchanged."
wait_for "0 lines typed"
expect_line_has 2 "14/3 [     ] [       ]"
expect_line_has 4 "7/0 [     ]"

tally_of() {
    c tally list "$1"
    grep "2026-05-02" "$OUT" | grep "Atelier Marchienne" | awk '{ print $2 "/" $3 }'
}
check "line 1 saved: 14 for, 3 against" test "$(tally_of "$i1")" = "14/3"
check "line 2 saved: 0 for, 4 against" test "$(tally_of "$i2")" = "0/4"
check "line 3 saved: 7 for" test "$(tally_of "$i3")" = "7/0"
check "line 5 saved: 2 for, 1 against" test "$(tally_of "$i5")" = "2/1"
check "line 6 saved: 9 for, 0 against" test "$(tally_of "$i6")" = "9/0"
check "the empty line is not written" test -z "$(tally_of "$i7")"
c tally list "$(id_of 5)"
check "the skipped line is not written" sh -c "! grep -q '2026-05-02' '$OUT'"

# Keyed again: the second line's for changes, the session is replaced.
keys Home Down
type "1"
keys C-s
wait_for "Tally sheet saved: 0 added, 1 replaced, 0 unchanged."
check "line 2 replaced: 1 for, 4 against kept" test "$(tally_of "$i2")" = "1/4"

# Esc (or q) with a line typed asks first; no keeps typing, yes leaves.
type "3"
keys q
wait_for "Quit anyway? (y/n)"
keys n
wait_for "Go on typing."
keys Escape
wait_for "1 line typed is not saved."
keys n
wait_for "Go on typing."
expect_line_has 3 "[    3]"
keys Escape
wait_for "Leave without saving? (y/n)"
keys y
wait_for "50 ideas"
check "the line typed and left is not written" test "$(tally_of "$i2")" = "1/4"

# Opened again on the same session: what it records is shown.
keys v
wait_for "Source (workshop or ballot box):"
type "atelier marchienne"
keys Enter
wait_for "Day of the session"
keys C-u
type "2026-05-02"
keys Enter
wait_for "Tally sheet: atelier marchienne, 2026-05-02"
expect_line_has 2 "14/3"
expect_line_has 3 "1/4"
# Larger, the sheet is laid out again.
resize 100 30
wait_for "   No. Title                                                              Recorded     For   Against"
keys Escape
wait_for "50 ideas"


# A workshop's short list: the ideas typed by number, in the sheet's
# order; a number of no idea refused with what was typed kept.
keys v
wait_for "Source (workshop or ballot box):"
type "Atelier Écoles"
keys Enter
wait_for "Day of the session"
keys C-u
type "2026-05-03"
keys Enter
wait_for "Tally sheet: Atelier Écoles, 2026-05-03  |  0 lines typed"
wait_for "l short list"
keys F4
wait_for "Ideas on the sheet"
wait_for "Ideas by number, as on the sheet"
keys 4
wait_for "Idea numbers, as on the sheet (12 3 7-9):"
type "$i6 $i1 99999"
keys Enter
wait_for "No idea 99999 in consultation AGENTS21."
wait_for "Idea numbers, as on the sheet (12 3 7-9): $i6 $i1 99999"
keys BSpace BSpace BSpace BSpace BSpace BSpace
keys Enter
wait_for "Tally sheet: Atelier Écoles, 2026-05-03  |  2 ideas chosen  |  0 lines"
wait_for "2 lines on the sheet."
check "the sheet's first line is the first number typed" test "$(id_of 2)" = "$i6"
check "its second, the second" test "$(id_of 3)" = "$i1"
expect_line 4 ""
type "6"; keys Tab; type "2"; keys Enter
type "5"
keys F2
wait_for "Tally sheet saved: 2 added, 0 replaced, 0 unchanged."
tally_on() {
    c tally list "$1"
    grep "2026-05-03" "$OUT" | grep "Atelier" | awk '{ print $2 "/" $3 }'
}
check "the short list's first line saved" test "$(tally_on "$i6")" = "6/2"
check "its second" test "$(tally_on "$i1")" = "5/0"
# Back to every idea.
keys l
wait_for "Ideas on the sheet"
keys 1
wait_for " lines on the sheet."
wait_gone "ideas chosen"
keys Escape
wait_for "50 ideas"

finish
