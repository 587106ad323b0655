# SPDX-License-Identifier: EUPL-1.2
#
# vote.sh: votes (a second vote by the same person is refused, exit 65),
# tallies (added, corrected, listed), comments (added, listed, hidden), and
# the support they give an idea.
. "$CONSULT_SRC/tests/cli/lib.sh"

setup_cons
c idea add --consultation AG21 --theme MOB --body "Des vélos partagés"
expect_ok
i=$(cat "$OUT")

support_of() {
    c idea list --sort id
    awk -v id="$1" '$1 == id { print $4 }' "$OUT"
}

# ---------------------------------------------------------------- votes
c vote add "$i" --participant E1001 --participant-name "Anne Dupont" --service Travaux
expect_ok
check "vote add names the vote" grep -Eqx "Vote [0-9]+ recorded for idea $i\\." "$OUT"
v1=$(sed 's/^Vote \([0-9]*\) .*/\1/' "$OUT")

c vote add "$i" --participant-name "Luc Martin" --service "Espaces verts" --channel atelier --date 2021-03-02
expect_ok

# The same person again, by reference or by name and service (accents and
# case do not matter): refused, not doubled.
c vote add "$i" --participant E1001
expect_rc 65
expect_no_stdout
expect_err_is "consult: This person already supports idea $i: a second vote is not counted."
c vote add "$i" --participant-name "LUC MARTIN" --service "espaces verts"
expect_rc 65
check "two votes give support 2" test "$(support_of "$i")" = 2

c vote add 999999 --participant E1
expect_rc 65
c vote add "$i" --participant E2 --channel pigeon
expect_rc 65
c vote add "$i" --service Travaux
expect_rc 64
expect_err "who votes?"

c vote delete "$v1"
expect_ok
expect_out_is "Vote $v1 deleted."
check "support after delete" test "$(support_of "$i")" = 1
c vote delete "$v1"
expect_rc 65
c vote add "$i" --participant E1001
expect_ok

# ---------------------------------------------------------------- tallies
c tally list "$i"
expect_ok
expect_out_is "Idea $i has no tallies."

c tally add "$i" --count 14 --source "Atelier de Marchienne" --date 2021-03-10
expect_ok
check "tally add names the tally" grep -Eqx "Tally [0-9]+ recorded: 14 votes for idea $i from Atelier de Marchienne\\." "$OUT"
t1=$(sed 's/^Tally \([0-9]*\) .*/\1/' "$OUT")
check "support with the tally" test "$(support_of "$i")" = 16

# The same source and day again is the same session (tests/cli/tally.sh).
c tally add "$i" --count 14 --source "atelier de marchienne" --date 2021-03-10
expect_ok
expect_out_is "Tally $t1 unchanged: 14 votes for idea $i from atelier de marchienne on 2021-03-10."
c tally add "$i" --count 1 --source "Urne de la mairie"
expect_ok
expect_out "1 vote for idea"
c tally add "$i" --count -2 --source "Urne"
expect_rc 64
c tally add "$i" --count 2 --source ""
expect_rc 65

c tally set "$t1" --count 12
expect_ok
expect_out_is "Tally $t1 now counts 12 votes."
check "support after correcting" test "$(support_of "$i")" = 15
c tally set 999999 --count 1
expect_rc 65

c tally list "$i"
expect_ok
expect_out "    ID    For Against Date       Entered by   Source"
expect_out "$(printf '%6d' "$t1")     12       0 2021-03-10 "
expect_out "Atelier de Marchienne"
expect_out "Urne de la mairie"

# ---------------------------------------------------------------- comments
c comment list "$i"
expect_ok
expect_out_is "Idea $i has no comments."

c comment add "$i" --body "Bonne idée, et des casiers." --participant-name "Anne Dupont" --service Travaux
expect_ok
check "comment add names the comment" grep -Eqx "Comment [0-9]+ added to idea $i\\." "$OUT"
k1=$(sed 's/^Comment \([0-9]*\) .*/\1/' "$OUT")
c comment add "$i" --body "Texte injurieux"
expect_ok
k2=$(sed 's/^Comment \([0-9]*\) .*/\1/' "$OUT")
c comment add "$i" --body ""
expect_rc 65
c comment add "$i"
expect_rc 64

c comment hide "$k2"
expect_rc 64
c comment hide "$k2" --reason "Injurieux"
expect_ok
expect_out_is "Comment $k2 is hidden."

c comment list "$i"
expect_ok
expect_out "#$k1  "
expect_out "    Bonne idée, et des casiers."
expect_no_out "Texte injurieux"

c comment list "$i" --all
expect_ok
expect_out "    Texte injurieux"
expect_out "  (hidden: Injurieux)"

c idea show "$i"
expect_ok
expect_out "Votes:           2"
expect_out "Tally votes:     13"
expect_out "Support:         15"
expect_out "Votes against:   0"
expect_out "Tallies:"
expect_out "Comments:"
expect_out "    Bonne idée, et des casiers."
expect_no_out "Texte injurieux"
expect_out "1 hidden comment: consult comment list $i --all"
expect_out " add       vote#"
expect_out " delete    vote#$v1"
expect_out " update    tally#$t1"
expect_out " hide      comment#$k2"

# No votes for a withdrawn idea.
c idea status "$i" withdrawn
expect_ok
c vote add "$i" --participant E9
expect_rc 65
expect_err_is "consult: Idea $i is withdrawn: it cannot receive votes or tallies."
c tally add "$i" --count 1 --source "Late"
expect_rc 65

finish
