# SPDX-License-Identifier: EUPL-1.2
#
# small.sh: short terminals. 80x23 (an 80x24 terminal under a tmux or
# screen status line) shows everything: title, list, message line, key
# hints and the F-key bar. From 22 down to 20 lines the key hint line is
# hidden and the message line says so; a message still shows in its
# place, and so does a prompt. Below 20 lines, only a notice.
. "$CONSULT_SRC/tests/screen/lib.sh"

start 80 23
wait_for "50 ideas"
expect_line_has 0 "50 ideas"
expect_line_has 21 "? help"
expect_line_has 22 "10Quit"
# The list fills the body: title, headings, then 18 ideas (lines 2..19), newest first.
expect_line_has 19 "  45 new"
lacks_text "Key hints hidden" || fail "at 23 lines, the hints are hidden"
checks=$((checks + 1))
keys End
wait_cursor 19
expect_cursor_on "  11 accepted"

for rows in 22 21 20; do
    resize 80 $rows
    wait_for "Key hints hidden: the terminal has $rows lines, they need 23. F1 lists the keys."
    expect_line_has $((rows - 2)) "Key hints hidden"
    expect_line_has $((rows - 1)) "10Quit"
    lacks_text "? help" || fail "at $rows lines, the hint line still shows"
    checks=$((checks + 1))
    expect_cursor_on "  11 accepted"
done

# At 20 lines a prompt takes the message line, and a message too.
keys /
wait_for "Search:"
expect_line_has 18 "Search:"
wait_cursor 18
keys Escape
wait_gone "Search:"
keys x
wait_for "Key hints hidden"
keys Home
wait_cursor 2
expect_cursor_on "  48 new"

# Below 20 lines: a notice, and q still quits.
resize 80 19
wait_for "at least 80 columns and 20 lines"
resize 80 20
wait_for "50 ideas"
keys Home Enter
wait_for "Idea 48"
expect_line_has 18 "Key hints hidden"
resize 80 23
wait_for "? help"
lacks_text "Key hints hidden" || fail "back at 23 lines, the hints stay hidden"
checks=$((checks + 1))
keys q
wait_exit
finish
