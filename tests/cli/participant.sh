# SPDX-License-Identifier: EUPL-1.2
#
# participant.sh: find and show participants; anonymising erases the
# personal fields and keeps the contributions.
. "$CONSULT_SRC/tests/cli/lib.sh"

setup_cons
c idea add --consultation AG21 --theme MOB --body "Des vélos partagés" \
    --author-ref E1001 --author-name "Anne Dupont" --service Travaux \
    --email anne@example.org --consent
expect_ok
i=$(cat "$OUT")

c participant find --ref E1001
expect_ok
check "find prints the id alone" grep -Eqx '[0-9]+' "$OUT"
p=$(cat "$OUT")
c participant find --name "anne dupont" --service TRAVAUX
expect_ok
expect_out_is "$p"
c participant find --ref NOPE
expect_rc 65
expect_err_is "consult: No such participant."
c participant find
expect_rc 64
c participant find --ref E1001 --name "Anne Dupont"
expect_rc 64

c participant show "$p"
expect_ok
expect_out "Participant $p"
expect_out "Reference:       E1001"
expect_out "Name:            Anne Dupont"
expect_out "Service:         Travaux"
expect_out "Email:           anne@example.org"
expect_out "Consent:         yes"
expect_out "Anonymised:      no"
expect_out "Ideas:           1"
c participant show 999999
expect_rc 65
expect_err_is "consult: No participant 999999."

c participant anonymise "$p"
expect_ok
expect_out_is "Participant $p is anonymised: name, reference, email and postal address erased; contributions kept."

c participant show "$p"
expect_ok
expect_out "Reference:       -"
expect_out "Name:            -"
expect_out "Email:           -"
expect_out "Anonymised:      yes"
expect_out "Ideas:           1"
expect_no_out "Anne"
expect_no_out "anne@example.org"

c participant find --ref E1001
expect_rc 65

# The idea stays, without the name; nothing personal is left in the file's
# journal either.
c idea show "$i"
expect_ok
expect_out "Des vélos partagés"
expect_out "Author:          participant $p"
expect_no_out "Anne"
c audit list --json
expect_ok
expect_out " anonymise participant#$p"
expect_no_out "Anne"
expect_no_out "anne@example.org"
expect_no_out "E1001"
check "no trace of the name in the database" test \
    "$(sqlite3 "$DB" "SELECT count(*) FROM participant WHERE name LIKE '%Anne%' OR email IS NOT NULL")" -eq 0

c participant anonymise 999999
expect_rc 65
c participant anonymise x
expect_rc 64

finish
