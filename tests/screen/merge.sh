# SPDX-License-Identifier: EUPL-1.2
#
# merge.sh: merging from an idea's page in tmux on the demo database. "m"
# opens a dialog where any idea's number is typed (typing "41" no longer
# merges into the 4th similar idea at once) or a similar idea is chosen
# with the arrows; Enter shows the target's number and title and asks;
# no goes back to the choice, Esc leaves; a number naming no idea is
# refused in the dialog; after the merge the page says U undoes it, and U
# does. At 80x23 and 200x50; the database is checked with the CLI.
. "$CONSULT_SRC/tests/screen/lib.sh"

status_of() {
    c idea show "$1"
    sed -n 's/^Status: *//p' "$OUT"
}

start 80 23
wait_for "50 ideas"
expect_cursor_on ">  48 new"
keys Enter
wait_for "Idea 48  |  new"

# ---------------------------------------------------------------- 4, 1
keys m
wait_for "Merge idea 48 (Des produits locaux et de saison à la cuisine"
expect_line_has 1 "> idea 16, reviewing, support 19: Une cantine saine"
expect_cursor_on "> idea 16"
type 4
wait_for "Number of the idea to merge into: 4"
# One digit merges nothing; the line chosen is no longer marked.
check "idea 48 is still new after one digit" test "$(status_of 48)" = new
expect_line_has 1 "  idea 16, reviewing"
type 1
wait_for "Number of the idea to merge into: 41"
keys Enter
wait_for "Merge idea 48 into idea 41? (y/n)"
expect_cursor_on "Merge idea 48 into idea 41? (y/n)"
expect_line_has 1 "Idea 48: Des produits locaux et de saison à la cuisine"
expect_line_has 3 "idea 41: Indemnité vélo pour les trajets domicile-travail"
wait_for "U on the page of idea 48 undoes the merge."
# n: back to the choice; Esc: no merge.
keys n
wait_for "Number of the idea to merge into:"
wait_for "> idea 16, reviewing"
keys Escape
wait_for "No merge."
check "idea 48 is still new after no" test "$(status_of 48)" = new

# ---------------------------------------------------------------- no such idea
keys m
wait_for "Merge idea 48 ("
type 999
keys Enter
wait_for "There is no idea 999."
expect_line_has 20 "Number of the idea to merge into: 999"
keys BSpace BSpace BSpace
wait_gone "There is no idea 999."
type 41
keys Enter
wait_for "Merge idea 48 into idea 41? (y/n)"
keys y
wait_for "Idea 48 merged into idea 41: its support counts there now. U undoes the merge."
expect_line_has 0 "Idea 48  |  merged"
c idea show 48
check "idea 48 is merged into idea 41, not a suggestion" \
    out_has "Merged into:     41"

# ---------------------------------------------------------------- U
keys U
wait_for "Idea 48 is no longer merged."
check "U undid the merge" test "$(status_of 48)" = new

# ---------------------------------------------------------------- arrows
keys m
wait_for "Merge idea 48 ("
keys Down
wait_for "> idea 27, new, support 9"
keys Enter
wait_for "Merge idea 48 into idea 27? (y/n)"
expect_line_has 3 "idea 27: Trois logiciels pour les mêmes bons de commande"
keys Enter
wait_for "Idea 48 merged into idea 27"
c idea show 48
check "Enter chose the second similar idea" out_has "Merged into:     27"
keys U
wait_for "Idea 48 is no longer merged."

# ---------------------------------------------------------------- 200x50
resize 200 50
keys m
wait_for "Merge idea 48 (Des produits locaux et de saison à la cuisine centrale) into"
expect_line_has 47 "Number of the idea to merge into:"
type 41
keys Enter
wait_for "Merge idea 48 into idea 41? (y/n)"
expect_line_has 47 "Merge idea 48 into idea 41? (y/n)"
expect_line_has 48 "y or Enter: yes   n or Esc: no"
keys Escape
wait_for "Number of the idea to merge into:"
keys Escape
wait_for "No merge."
check "idea 48 is new at the end" test "$(status_of 48)" = new
keys q
wait_exit

finish
