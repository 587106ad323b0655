# SPDX-License-Identifier: EUPL-1.2
#
# themes.sh: the themes screen in tmux on the demo database, opened from
# the ideas list: the themes with their ideas, a new title and a new code,
# a theme retired (marked here, gone from the entry form's theme list) and
# offered again, an empty theme deleted, a theme with ideas refused by the
# core, and a resize.
. "$CONSULT_SRC/tests/screen/lib.sh"

c theme add --consultation AGENTS21 --code VIDE --title "Thème vide"
start 80 24
wait_for "50 ideas"
keys T
wait_for "Themes  |  AGENTS21  |  6, 0 retired"
wait_cursor 2
expect_screen themes-80x24.screen

# A new title, then a new code.
keys Down Down Enter
wait_for "Title of theme MOD:"
keys C-u
type "Modernisation des services"
keys Enter
wait_for "Theme MOD saved."
expect_line_has 4 "> MOD               9  Modernisation des services"
keys c
wait_for "New code of theme MOD:"
keys C-u
type "MODERN"
keys Enter
wait_for "Theme MODERN saved."
expect_line_has 4 "> MODERN            9  Modernisation des services"
c theme list --consultation AGENTS21
check "the CLI sees the new code and title" \
    grep -q "MODERN.*Modernisation des services" "$OUT"

# Retire the empty theme: marked, and the entry form no longer offers it.
keys End x
wait_for "Theme VIDE retired"
wait_for "Themes  |  AGENTS21  |  6, 1 retired"
expect_line_has 7 "> VIDE              0  Thème vide  (retired)"
keys Escape
wait_for "50 ideas"
keys a
wait_for "Theme"
type "VI"
keys Tab
wait_for "No theme starts with \"VI\""
keys Escape
wait_for "50 ideas"
keys T
wait_for "Themes  |  AGENTS21  |  6, 1 retired"
keys End x
wait_for "Theme VIDE is offered again."
wait_for "Themes  |  AGENTS21  |  6, 0 retired"

# A theme with ideas is refused; the empty one goes.
keys Home Delete
wait_for "Delete theme CIT?"
keys y
wait_for "Theme CIT has 10 ideas: only an empty theme can be deleted"
expect_line_has 2 "> CIT"
keys End d
wait_for "Delete theme VIDE?"
keys y
wait_for "Theme VIDE deleted."
wait_for "Themes  |  AGENTS21  |  5, 0 retired"
c theme list --consultation AGENTS21 --all
check "VIDE is gone" sh -c "! grep -q VIDE '$OUT'"

# A resize keeps the list and the selection.
resize 100 30
wait_for "Themes  |  AGENTS21  |  5, 0 retired"
expect_cursor_on "> DD"
keys q
wait_exit

finish
