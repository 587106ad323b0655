# SPDX-License-Identifier: EUPL-1.2
#
# triage.sh: triage mode in tmux on the demo database: one key per
# decision and straight on to the next new idea (reviewing; accepted with
# an answer typed in the editor; hidden with a reason; merged into a
# similar idea; skipped), the counts in the title line, a refusal keeping
# the idea in place, and each decision checked in the database.
. "$CONSULT_SRC/tests/screen/lib.sh"

# The idea number in the title line ("Triage AGENTS21  |  idea 15  | ...").
current() {
    line 0 | sed -n 's/.*|  idea \([0-9]*\)  |.*/\1/p'
}

start 80 24
wait_for "50 ideas"
keys t
wait_for "Triage AGENTS21  |  idea "
expect_line_has 0 "32 new left  |  0 decided, 0 skipped"
wait_cursor 1
first=$(current)

# v: reviewing, and the next idea at once.
keys v
wait_for "Idea $first is now reviewing; here is idea"
expect_line_has 0 "31 new left  |  1 decided, 0 skipped"
c idea show "$first"
check "idea $first is reviewing" out_has "reviewing"

# a: accept, with the official answer typed in the editor.
second=$(current)
keys a
wait_for "Official answer (accepted) for idea $second"
type "Le collège a retenu cette idée pour 2022."
keys F2
wait_for "Idea $second is now accepted"
c idea show "$second"
check "idea $second is accepted" out_has "accepted"
check "with its answer" out_has "Le collège a retenu cette idée pour 2022."

# r with an empty answer: the core refuses, the idea stays.
third=$(current)
keys r
wait_for "Official answer (rejected) for idea $third"
keys F2
wait_for "cannot be rejected without an official answer"
expect_line_has 0 "idea $third  |"

# n: skip; x: hide with a reason.
keys n
wait_for "Idea $third stays new"
expect_line_has 0 "2 decided, 1 skipped"
fourth=$(current)
keys x
wait_for "Reason for hiding:"
type "Propos hors sujet"
keys Enter
wait_for "Idea $fourth is now hidden"
c idea show "$fourth"
check "idea $fourth is hidden with its reason" out_has "Propos hors sujet"

# m, Enter, y: merged into the first similar idea.
fifth=$(current)
keys Tab Tab Tab Tab Tab
wait_for ">Similar ideas"
target=$(screen | sed -n '/^>Similar ideas/{n;s/^ idea \([0-9]*\),.*/\1/p;}')
keys m
wait_for "Merge idea $fifth ("
keys Enter
wait_for "Merge idea $fifth into idea $target? (y/n)"
keys y
wait_for "Idea $fifth is merged into idea $target; here is idea"
c idea show "$fifth"
check "idea $fifth is merged into idea $target" out_has "merged"
expect_line_has 0 "4 decided, 1 skipped"

# Esc: back to the list, which shows the decisions.
keys Escape
wait_for "50 ideas"
keys f 2
wait_for "Show the ideas with status"
keys 2
wait_for "status new"
expect_line_has 0 "28 ideas"
keys q
wait_exit

finish
