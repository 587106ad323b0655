# SPDX-License-Identifier: EUPL-1.2
#
# states.sh: a consultation's state in the real binary. The demo's
# consultation is closed (2021-04-12): the entry form leaves the date
# blank, refuses a form dated after the closing date with the core's
# message (the date field marked) and takes it once dated before. Archived,
# a status change and a form are refused with the message that says it is
# read-only, and nothing is written.
. "$CONSULT_SRC/tests/screen/lib.sh"

ideas() {
    sqlite3 "$DB" "SELECT count(*) FROM idea"
}

start 80 24 enter --consultation AGENTS21
wait_for "Entry form: AGENTS21 - New form"
check "a closed consultation's form has no date by default" \
    line_is 19 " Date on the form:"
type "DD"
keys Tab Tab Tab Tab Tab Tab Tab Tab Tab
type "Des bancs au parc"
keys Tab
type "20/04/2021"
keys F2
wait_for "Consultation AGENTS21 closed on 2021-04-12: a late contribution"
expect_line_has 19 "!Date on the form:   20/04/2021"
check "nothing is saved" test "$(ideas)" = 50
keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
type "10/04/2021"
keys F2
wait_for "Saved as idea 51; next form."
check "the late form is saved" test "$(sqlite3 "$DB" \
    "SELECT count(*) FROM idea WHERE body = 'Des bancs au parc'
     AND submitted_at LIKE '2021-04-10%'")" = 1
keys F10
wait_exit

c consultation edit AGENTS21 --state archived
check "the consultation is archived" out_has "is now archived"
start 80 24
wait_for "51 ideas"
keys s
wait_for "Choose"
keys 2
wait_for "Consultation AGENTS21 is archived: it is read-only"
check "the idea's status is unchanged" test "$(sqlite3 "$DB" \
    "SELECT status FROM idea WHERE id = 51")" = new
keys a
wait_for "Entry form: AGENTS21 - New form"
type "DD"
keys Tab Tab Tab Tab Tab Tab Tab Tab Tab
type "Encore une idée"
keys F2
wait_for "Consultation AGENTS21 is archived: it is read-only"
check "nothing is saved" test "$(ideas)" = 51
keys Escape
finish
