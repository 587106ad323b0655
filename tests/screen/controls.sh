# SPDX-License-Identifier: EUPL-1.2
#
# controls.sh: an idea whose title and text hold what could take over a
# terminal (a lone carriage return, escape sequences, a C1 control, a
# direction override and isolate, DEL), planted with the sqlite3 shell as
# an older version or a raw edit could: the list and the idea's page show
# them escaped, and the rest of the screen stays as drawn; so do the
# consultations screen and the statistics for a consultation's and a
# theme's titles.
. "$CONSULT_SRC/tests/screen/lib.sh"

c idea add --consultation AGENTS21 --theme DD --title "Bancs" \
    --body "Des bancs"
check "the idea is added" out_has "51"
sqlite3 "$DB" "UPDATE idea SET body = 'HIDDEN' || char(13) || 'esible '
    || char(27) || '[2J ' || char(155) || ' ' || char(8238) || ' '
    || char(127) || ' end', title = 'T' || char(27) || ']0;x' || char(7)
    || char(8297) || ' bancs' WHERE id = 51"

start 100 24
wait_for "51 ideas"
expect_cursor_on 'T\x1b]0;x\x07<U+2069> bancs'
keys Enter
wait_for "Idea 51  |  new  |  DD"
expect_cursor_on '>T\x1b]0;x\x07<U+2069> bancs'
wait_for 'HIDDEN\resible \x1b[2J <U+009B> <U+202E> \x7f end'
# The escape sequence did not clear the screen: the header is still there.
expect_line_has 0 "Idea 51  |  new  |  DD"
keys q
wait_exit

# The other screens draw through the same fitting: a consultation's and a
# theme's titles planted the same way, on the consultations screen and
# the statistics.
sqlite3 "$DB" "UPDATE consultation SET title = 'Agenda' || char(27)
    || '[2J' || char(8238) WHERE code = 'AGENTS21';
    UPDATE theme SET title = 'Bien' || char(27) || '[1m' || char(13)
    || 'agents' WHERE code = 'BEA'"
start 100 24
wait_for "51 ideas"
keys c
wait_for "Consultations  |  1"
wait_for 'Agenda\x1b[2J<U+202E>'
keys Enter
wait_for "51 ideas"
keys Escape 8
wait_for "Support per theme (votes and tallies)"
wait_for 'BEA Bien\x1b[1m\ragents'
expect_line_has 0 "Statistics  |  AGENTS21"
keys F10
wait_exit
finish
