# SPDX-License-Identifier: EUPL-1.2
#
# audit.sh: `audit list` (filters, --json) and `audit verify`, including a
# database whose journal was edited with the sqlite3 shell: verify names
# the first broken row and exits 65.
. "$CONSULT_SRC/tests/cli/lib.sh"

me=$(id -un)
setup_cons
c idea add --consultation AG21 --theme MOB --body "Des vélos partagés"
expect_ok
idea=$(cat "$OUT")
c idea add --consultation AG21 --theme ENV --body "Moins de papier"
expect_ok
other=$(cat "$OUT")
c idea status "$idea" reviewing
expect_ok
c vote add "$idea" --participant E1
expect_ok

# ---------------------------------------------------------------- list
c audit list
expect_ok
expect_out "     1  "
expect_out "  $me"
expect_out " add       consultation#1"
expect_out " add       theme#2"
expect_out " add       idea#$idea"
expect_out " status    idea#$idea"
expect_out " add       vote#1"
# One line per row, each "id  time  actor  action  table[#row]".
check "audit lines have the documented shape" sh -c \
    "grep -Evq '^ +[0-9]+  [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z  [^ ]+ +[a-z]+ +[a-z_]+(#[0-9]+)?\$' '$OUT' && exit 1 || exit 0"

c audit list --idea "$idea"
expect_ok
expect_out "idea#$idea"
expect_out "vote#1"
expect_no_out "idea#$other"
expect_no_out "consultation#1"

c audit list --actor nobody-at-all
expect_rc 0
expect_no_stdout
expect_err "No audit rows match."

c audit list --since 2999-01-01
expect_rc 0
expect_no_stdout

c audit list --since yesterday
expect_rc 65

c audit list --json --idea "$idea"
expect_ok
expect_out "        before: null"
expect_out '        after: {"consultation_id":1,'
expect_out '"status":"reviewing"'

c audit list --idea 0
expect_rc 64

# ---------------------------------------------------------------- verify
c audit verify
expect_ok
rows=$(sqlite3 "$DB" "SELECT count(*) FROM audit")
head=$(sqlite3 "$DB" "SELECT hash FROM audit ORDER BY id DESC LIMIT 1")
expect_out "Audit log intact: $rows rows, head $head"
expect_out "Keyed from row 1 with the key $DB.key: the journal and"

# The database itself refuses to change the journal...
check "the audit triggers refuse an update" sh -c \
    "! sqlite3 '$DB' \"UPDATE audit SET actor = 'mallory' WHERE id = 3\" 2>/dev/null"
c audit verify
expect_ok

# ... unless someone drops the triggers first.
sqlite3 "$DB" "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;
               UPDATE audit SET actor = 'mallory' WHERE id = 3;"
c audit verify
expect_rc 65
expect_out "Audit row 3 does not match its hash: the journal was edited outside consult."
expect_out "The trigger audit_no_update, which keeps the journal append-only, is missing: it was dropped outside consult."
expect_no_out "Audit row 4"
expect_err_is "consult: The check found 3 problems: the database was changed outside consult."

# A removed row is named too, and the row after it is not blamed.
sqlite3 "$DB" "UPDATE audit SET actor = '$me' WHERE id = 3;
               DELETE FROM audit WHERE id = 5;"
c audit verify
expect_rc 65
expect_out "Audit row 5 is missing: the journal was edited outside consult."
expect_no_out "Audit row 6"
expect_no_out "Audit row 3"

finish
