# SPDX-License-Identifier: EUPL-1.2
#
# locale.sh: under LC_ALL=C (no UTF-8), an accented search typed in the
# terminal is kept whole ("télétra" used to become "t": the accent's bytes
# took the rest of the keys with them), it finds the ideas, the letters
# show as "?", and the interface says once that accents need a UTF-8
# locale. At 80x23 and 200x50.
. "$CONSULT_SRC/tests/screen/lib.sh"

note="Accented letters need a UTF-8 locale"
SCREEN_LC=C
for size in "80 23" "200 50"; do
    start $size
    wait_for "50 ideas"
    lacks_text "$note" || fail "the note shows before any accent"
    checks=$((checks + 1))
    keys /
    wait_for "Search:"
    type "télétra"
    wait_for 'search "t?l?tra"'
    wait_for "Search: t?l?tra"
    wait_for "$note"
    # Two ideas speak of "télétravail" (the C locale cannot show them).
    wait_for "2 ideas"
    wait_for "Deux jours de t?l?travail"
    expect_cursor_on "Search: t?l?tra"
    # Editing goes by whole characters: Backspace takes "a", then "r".
    keys BSpace BSpace
    wait_for "Search: t?l?t"
    keys Enter
    wait_gone "Search:"
    wait_gone "$note"
    # Said once: another accent says nothing more.
    keys /
    wait_for "Search:"
    keys C-u
    type "électri"
    wait_for 'search "?lectri"'
    lacks_text "$note" || fail "the note came twice"
    checks=$((checks + 1))
    keys Escape q
    wait_exit
done
finish
