# SPDX-License-Identifier: EUPL-1.2
#
# consultation.sh: consultations and themes from the command line: add,
# list, change state, refusals with exit 65.
. "$CONSULT_SRC/tests/cli/lib.sh"

c init
expect_ok

c consultation list
expect_ok
expect_out_is "No consultations yet: add one with consult consultation add."

c consultation add --code AG21 --title "Agenda 21 des agents" --kind findings \
    --audience agents --opens 01/03/2021 --closes 2021-04-15 \
    --description "Six semaines"
expect_ok
expect_out_is "Consultation AG21 added."

c consultation add --code AG21 --title "Again"
expect_rc 65
expect_err_is 'consult: There is already a consultation with code "AG21".'

c consultation add --code "bad code" --title "Blank in the code"
expect_rc 65
expect_err "is not valid"

c consultation add --code X --title "X" --kind poll
expect_rc 65
expect_err_is 'consult: Unknown consultation kind "poll": use ideas or findings.'

c consultation add --code Y --title "Y" --closes 2021-01-01 --opens 2021-02-01
expect_rc 65

c consultation add --code VILLE --title "Budget participatif" --state draft
expect_ok

c consultation list
expect_ok
expect_out "Code       State"
expect_out "AG21       open          0       0       0 2021-03-01 2021-04-15 Agenda 21"
expect_out "VILLE      draft"
expect_no_out "Blank in the code"

# States in French or English.
c consultation state AG21 fermée
expect_ok
expect_out_is "Consultation AG21 is now closed."
c consultation state ag21 open
expect_ok
c consultation state AG21 sleeping
expect_rc 65
c consultation state NOPE open
expect_rc 65
expect_err_is 'consult: No consultation "NOPE".'
c consultation state AG21
expect_rc 64

# ---------------------------------------------------------------- themes
c theme list --consultation AG21
expect_ok
expect_out_is "Consultation AG21 has no themes yet."

c theme add --consultation AG21 --code MOB --title "Mobilité"
expect_ok
expect_out_is "Theme MOB added to consultation AG21."
c theme add --consultation AG21 --code ENV --title "Environnement" --position 1
expect_ok
c theme add --consultation AG21 --code mob --title "Twice"
expect_rc 65
c theme add --consultation NOPE --code MOB --title "Nowhere"
expect_rc 65
expect_err_is 'consult: No consultation "NOPE".'
c theme add --consultation AG21 --code W --title "W" --position -1
expect_rc 64
c theme add --consultation AG21 --code W
expect_rc 64
expect_err "option --title is required."

c theme list --consultation AG21
expect_ok
expect_out "Pos. Code        Ideas Title"
expect_out "MOB             0 Mobilité"
expect_out "ENV             0 Environnement"
# ENV was put first.
check "ENV listed before MOB" sh -c "grep -n . '$OUT' | grep -q '^2:.*ENV'"

c theme list
expect_rc 64
expect_err "option --consultation is required."

finish
