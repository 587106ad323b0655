# SPDX-License-Identifier: EUPL-1.2
#
# screens.sh: the other screens and the keys that work everywhere, in tmux
# on the demo database: the help made from the screen's keys (F1, ?, and
# PuTTY's own F1 code), Esc then a digit as an F-key, the statistics with
# their bars and figures (and their refresh after a change made by another
# terminal), the consultations screen, and another terminal's changes on
# the list after a refresh.
. "$CONSULT_SRC/tests/screen/lib.sh"

start 80 24
wait_for "50 ideas"

# ---------------------------------------------------------------- help
keys F1
wait_for 'Keys of the screen "Ideas"'
expect_line_has 0 "Help  |  Ideas"
wait_for "F3 /"
wait_for "Search titles and texts as you type"
wait_cursor 1
keys End
wait_for "Esc then a digit, or Alt and a digit, works as F1 to F10"
keys Escape
wait_for "50 ideas"
keys ?
wait_for 'Keys of the screen "Ideas"'
keys q
wait_exit

start 80 24
wait_for "50 ideas"
# PuTTY's default F1 (ESC [11~) and its "Linux" F2 (ESC [[B).
$T send-keys -l "$(printf '\033[11~')"
wait_for 'Keys of the screen "Ideas"'
keys Escape
wait_for "50 ideas"

# ---------------------------------------------------------------- Esc digit
keys Escape 3
wait_for "Search:"
keys Escape Escape
wait_gone "Search:"
keys Escape 8
wait_for "Statistics  |  AGENTS21"

# ---------------------------------------------------------------- statistics
wait_for "Support per theme (votes and tallies)"
expect_line_has 1 "Ideas: 39   findings: 11   votes: 150   tally votes: 174"
bar="████████████████████████████████████"
expect_line_has 6 " BEA Bien-être des agents      $bar  87   26.9 %"
wait_cursor 1
# Another terminal records a tally: r counts again.
c tally add 16 --count 13 --source "Atelier de Gosselies"
keys r
wait_for "Counted again."
expect_line_has 6 "100   29.7 %"
expect_line_has 1 "tally votes: 187"
keys PageDown
wait_for "Contributions per channel"
wait_for "press w to count them"
keys w
wait_for "Counted week by week."
wait_for "Contributions per week (ideas, votes, comments)"
wait_for " week of 2021-03-01"
keys Escape
wait_for "50 ideas"

# ---------------------------------------------------------- another terminal
c idea add --consultation AGENTS21 --theme CIT --date 2021-04-02 \
    --title "Un guichet ouvert le jeudi soir" \
    --body "Ouvrir le jeudi jusqu'à 19 h."
keys r
wait_for "51 ideas"
expect_line_has 2 "51 new         CIT         0 paper    2021-04-02 Un guichet"
# The selection stays on the idea it was on.
expect_cursor_on ">  48 new"

# ---------------------------------------------------------------- consultations
keys c
wait_for "Consultations  |  1"
expect_line_has 1 "Code"
expect_cursor_on "> AGENTS21"
expect_line_has 2 "51"
keys Enter
wait_for "51 ideas"
keys F10
wait_exit

finish
