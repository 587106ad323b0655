# SPDX-License-Identifier: EUPL-1.2
#
# idea.sh: an idea's page in tmux on the demo database: open it from the
# list, the cursor on its lines, sections, a status with an official
# answer typed in the editor, a tag, a remark, merging a duplicate into a
# similar idea (and the core refusing a second merge), a
# resize re-wrapping the text, and the list showing the changes on return.
# The database is checked with the CLI afterwards.
. "$CONSULT_SRC/tests/screen/lib.sh"

# A duplicate keyed in from a paper form: the newest idea.
c idea add --consultation AGENTS21 --theme DD --date 2021-04-01 \
    --title "Voitures de service électriques" \
    --body "Remplacer les voitures de service diesel par des véhicules \
électriques"
check "the duplicate is added" out_has "51"

start 80 24
wait_for "51 ideas"
expect_cursor_on ">  51 new"
keys Enter
wait_for "Idea 51  |  new  |  DD"
wait_cursor 1
expect_cursor_on ">Voitures de service électriques"
expect_line_has 2 "Status      new, since"
keys Down Down
wait_cursor 3
expect_cursor_on ">Theme       DD  Développement durable"

# Sections: Text, Votes and tallies, Tags, Comments, Similar ideas.
keys Tab Tab Tab Tab Tab
wait_for ">Similar ideas"
expect_cursor_on ">Similar ideas"
keys Down
wait_for ">idea 46, new, support 6: Des véhicules de service"

# ---------------------------------------------------------------- merge
# m, then Enter on the similar idea the cursor was on, then y (merge.sh
# tests the merge dialog in full).
keys m
wait_for "Merge idea 51 (Voitures de service électriques) into"
keys Enter
wait_for "Merge idea 51 into idea 46? (y/n)"
keys y
wait_for "Idea 51 merged into idea 46: its support counts there now."
expect_line_has 0 "Idea 51  |  merged"
c idea show 51
check "idea 51 is merged in the database" out_has "merged"
# The core refuses a second merge; its message shows.
keys m
wait_for "Merge idea 51 (Voitures de service électriques) into"
type 22
keys Enter y
wait_for "already merged into idea 46"
# Enter on the "Merged into" line opens the target.
keys Home Down Down Down Down Down Down Down Down Down Down
wait_for ">Merged into idea 46"
expect_cursor_on ">Merged into idea 46"
keys Enter
wait_for "Idea 46  |  new  |  DD"

# ---------------------------------------------------------------- status
keys s
wait_for "New status for idea 46"
keys 5
wait_for "Official answer (implemented) for idea 46"
type "Deux voitures électriques roulent depuis mars."
keys F2
wait_for "Idea 46 is now implemented."
expect_line_has 0 "Idea 46  |  implemented"
keys Tab Tab
wait_for "Official answer"
c idea show 46
check "idea 46 is implemented" out_has "implemented"
check "with the answer typed" \
    out_has "Deux voitures électriques roulent depuis mars."

# ---------------------------------------------------------------- tag, remark
keys t
wait_for "Tag:"
type "Mobilité"
keys Enter
wait_for 'Tagged "Mobilité".'
keys c
wait_for "Remark on idea 46"
type "Vu avec le service du charroi."
keys Escape 2
wait_for "Remark added."
c idea show 46
check "the tag is stored" out_has "Mobilité"
c comment list 46
check "the remark is stored" out_has "Vu avec le service du charroi."

# ---------------------------------------------------------------- resize
resize 200 50
wait_for "des véhicules électriques, et des vélos cargos"
resize 80 24
wait_gone "des véhicules électriques, et des vélos cargos"
wait_for "Remplacer peu à peu les voitures de service diesel par des véhicules"

# Back to the first page, then to the list: it shows the changes.
keys Escape
wait_for "Idea 51  |  merged"
keys Escape
wait_for "51 ideas"
expect_line_has 2 "51 merged"
expect_line_has 5 "46 implemented"
keys q
wait_exit

finish
