# SPDX-License-Identifier: EUPL-1.2
#
# cursor.sh: the hardware cursor, which screen readers and braille
# displays follow, is visible by default and sits on the selected row; a
# move sends the two rows that changed, not the screen; --no-cursor hides
# it, and it still sits on the selected row. At 80x23 and 200x50.
. "$CONSULT_SRC/tests/screen/lib.sh"

cursor_flag_is() {
    [ "$($T display -p '#{cursor_flag}')" = "$1" ]
}

expect_cursor_flag() {
    checks=$((checks + 1))
    poll cursor_flag_is "$1" || fail "the cursor flag is not $1"
}

for size in "80 23" "200 50"; do
    start $size
    wait_for "50 ideas"
    wait_cursor 2
    expect_cursor_on ">  48 new"
    expect_cursor_flag 1
    # What one Down sends to the terminal: the two rows, and no other.
    $T pipe-pane -O "cat >'$TMP/sent'"
    keys Down
    wait_cursor 3
    expect_cursor_on ">  47 new"
    $T pipe-pane
    checks=$((checks + 1))
    bytes=$(wc -c <"$TMP/sent")
    [ "$bytes" -gt 0 ] && [ "$bytes" -lt 600 ] ||
        fail "one Down sent $bytes bytes at $size"
    checks=$((checks + 1))
    grep -q "Des v.hicules de service" "$TMP/sent" &&
        fail "one Down redrew a row that did not change"
    # The search prompt has it too.
    keys /
    wait_for "Search:"
    wait_cursor $(( ${size#* } - 3 ))
    expect_cursor_flag 1
    keys Escape q
    wait_exit
done

start 80 23 tui --no-cursor
wait_for "50 ideas"
wait_cursor 2
expect_cursor_flag 0
keys Down
wait_cursor 3
expect_cursor_on ">  47 new"
expect_cursor_flag 0
# A prompt shows it, even so.
keys /
wait_for "Search:"
expect_cursor_flag 1
keys Escape
wait_gone "Search:"
expect_cursor_flag 0
keys q
wait_exit
finish
