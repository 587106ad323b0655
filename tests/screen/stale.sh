# SPDX-License-Identifier: EUPL-1.2
#
# stale.sh: no lost update between two desks, in tmux at 80x24 on the demo
# database. While the page of an idea is open, another desk (the CLI)
# decides it: the page shows the change by itself within seconds. While an
# answer is being typed, another desk decides it again: saving is refused
# with who changed it, when and to what, and the two ways on with their
# keys. "Look again" shows the idea as it is and keeps the answer typed
# for the next try; "apply anyway" saves it over the change. The database
# is checked with the CLI after each step.
. "$CONSULT_SRC/tests/screen/lib.sh"

me=$(id -un)
c idea add --consultation AGENTS21 --theme DD --date 2021-04-01 \
    --title "Des fontaines à eau" --body "Des fontaines à eau dans chaque site"
check "the idea is added" out_has "51"

start 80 24
wait_for "51 ideas"
expect_cursor_on ">  51 new"
keys Enter
wait_for "Idea 51  |  new  |  DD"
expect_line_has 2 "Status      new, since"
expect_line_has 2 "(version 1)"

# ------------------------------------------------ changes show by themselves
c idea status 51 reviewing
check "the other desk's change is saved" out_has "now reviewing"
wait_for "Idea 51 changed meanwhile: status changed by $me at"
expect_line_has 2 "Status      reviewing, since"
expect_line_has 2 "(version 2)"

# ------------------------------------------------ refused, then look again
keys s
wait_for "New status for idea 51"
keys 3
wait_for "Official answer (accepted) for idea 51"
type "Dix fontaines au printemps."
c idea status 51 rejected --answer "Pas de budget cette année."
check "meanwhile, the other desk rejects it" out_has "now rejected"
keys F2
wait_for "Idea 51 changed while you were deciding: nothing was saved"
wait_for "Idea 51 was changed by $me on "
expect_line_has 3 "It is now rejected, at version 3; you decided on version 2."
expect_line_has 5 "Your decision, not saved: accepted, with the official answer"
expect_line_has 6 "Dix fontaines au printemps."
expect_line_has 8 "a    Apply anyway: save your decision over this change"
expect_line_has 9 "l    Look again: show the idea as it is now"
expect_line_has 23 "2Apply"
expect_line_has 23 "5Look"
c idea show 51
check "the refused answer is not saved" sh -c "! grep -qF \"Dix fontaines\" \"$OUT\""
check "the other desk's answer stays" out_has "Pas de budget cette année."
check "at version 3" out_has "Version: 3"

keys l
wait_for "Idea 51 as it is now (version 3). What you typed is kept"
expect_line_has 0 "Idea 51  |  rejected"
expect_line_has 2 "(version 3)"

# The next try starts from the answer typed.
keys s
wait_for "New status for idea 51"
keys 3
wait_for "Official answer (accepted) for idea 51"
wait_for "Dix fontaines au printemps."

# ------------------------------------------------ refused, then apply anyway
c idea tag 51 eau
check "meanwhile, the other desk tags it" out_has "eau"
keys F2
wait_for "Idea 51 changed while you were deciding: nothing was saved"
expect_line_has 2 "tagged."
expect_line_has 3 "It is now rejected, at version 4; you decided on version 3."
keys a
wait_for "Saved anyway: idea 51 is now accepted."
expect_line_has 0 "Idea 51  |  accepted"
c idea show 51
check "applied on purpose" out_has "Dix fontaines au printemps."
check "at version 5" out_has "Version: 5"
check "both answers are kept" out_has "Answers given:"
check "the rejection too" out_has "Pas de budget cette année."

# The page lists the answers given.
wait_for "Answers given (2)"

keys q
wait_exit

finish
