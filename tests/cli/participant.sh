# SPDX-License-Identifier: EUPL-1.2
#
# participant.sh: find and show participants; anonymising erases the
# personal fields and keeps the contributions.
. "$CONSULT_SRC/tests/cli/lib.sh"

setup_cons
c idea add --consultation AG21 --theme MOB --body "Des vélos partagés" \
    --author-ref E1001 --author-name "Anne Dupont" --service Travaux \
    --email anne@example.org --postal "Rue Haute 12, 6000 Charleroi" \
    --phone "071 23 45 67" --consent
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
expect_out "Postal address:  Rue Haute 12, 6000 Charleroi"
expect_out "Phone:           071 23 45 67"
expect_out "Consent:         yes"
expect_out "Anonymised:      no"
expect_out "Ideas:           1"
c participant show 999999
expect_rc 65
expect_err_is "consult: No participant 999999."

# ---------------------------------------------------------------- held
c vote add "$i" --participant E1001
expect_ok
c idea status "$i" accepted --answer "Vingt vélos au printemps."
expect_ok
c export letters --consultation AG21 "$TMP/merge.csv"
expect_ok
c participant show "$p"
expect_ok
expect_out "Ideas written:"
expect_out "AG21     idea $i, accepted: Des vélos partagés"
expect_out "    Answer: Vingt vélos au printemps."
expect_out "Votes cast:"
expect_out "AG21     idea $i: Des vélos partagés"
expect_out "Answers prepared:"
expect_out "AG21     by email"

c export person "$p" "$TMP/person.csv"
expect_ok
expect_out_is "$TMP/person.csv: what is held on participant $p."
check "the person's contact" grep -q "^email: anne@example.org$" "$TMP/person.csv"
check "their idea, with its published answer" \
    grep -q "^idea,$i,$i,AG21,.*,Des vélos partagés,Des vélos partagés,accepted,Vingt vélos au printemps.,paper$" "$TMP/person.csv"
check "their vote" grep -q "^vote,[0-9]*,$i,AG21," "$TMP/person.csv"
check "the answer prepared for them" grep -q "^answer_sent,[0-9]*,,AG21,.*,email$" "$TMP/person.csv"
check "created 0600" test "$(stat -c %a "$TMP/person.csv")" = 600
c audit list
check "the export is in the journal" grep -Eq " export +participant#$p\$" "$OUT"

# ---------------------------------------------------------------- edit
c participant edit "$p" --no-consent --postal "Rue Basse 3
6000 Charleroi" --phone ""
expect_ok
expect_out_is "Participant $p changed; consent withdrawn."
c participant show "$p"
expect_out "Consent:         no"
expect_out "Phone:           -"
expect_out "Rue Basse 3"
c participant edit "$p" --email "pas-une-adresse"
expect_rc 65
expect_err "is not an email address"
c participant edit "$p" --phone "071
23"
expect_rc 65
expect_err "one line"
c participant edit "$p"
expect_rc 64
c participant edit 999999 --consent
expect_rc 65
expect_err "No participant 999999"
c participant edit "$p" --consent --email anne.d@example.org
expect_ok
expect_out_is "Participant $p changed."
c audit list
check "the edit is in the journal" grep -Eq " update +participant#$p\$" "$OUT"

c participant anonymise "$p"
expect_ok
expect_out_is "Participant $p is anonymised: name, reference, email, postal address and phone erased; contributions kept."

c participant show "$p"
expect_ok
expect_out "Reference:       -"
expect_out "Name:            -"
expect_out "Email:           -"
expect_out "Phone:           -"
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
expect_no_out "071 23"
check "no trace of the name in the database" test \
    "$(sqlite3 "$DB" "SELECT count(*) FROM participant WHERE name LIKE '%Anne%' OR email IS NOT NULL OR phone IS NOT NULL OR postal IS NOT NULL")" -eq 0

# A phone number without anyone to call is refused; a service alone is an
# anonymous contribution from that service, one participant per service.
c idea add --consultation AG21 --theme MOB --body "Un numéro seul" \
    --phone "0470 11 22 33"
expect_rc 65
expect_err "A participant needs a reference or a name."
c idea add --consultation AG21 --theme MOB --body "Plus de bancs" \
    --service "Écoles"
expect_ok
a1=$(cat "$OUT")
c idea add --consultation AG21 --theme MOB --body "Des fontaines" \
    --service "ECOLES" --consent
expect_ok
a2=$(cat "$OUT")
check "both service-only ideas share one anonymous author" test \
    "$(sqlite3 "$DB" "SELECT count(DISTINCT author_id) || ':' || count(*) FROM idea WHERE id IN ($a1, $a2)")" = "1:2"
check "the service's anonymous participant has no name, ref or consent" test \
    "$(sqlite3 "$DB" "SELECT coalesce(p.name, '-') || '|' || coalesce(p.ref, '-') || '|' || p.service || '|' || p.consent FROM participant p JOIN idea i ON i.author_id = p.id WHERE i.id = $a1")" = "-|-|Écoles|0"
c export participants - --consultation AG21 --profile internal-contact
expect_ok
expect_out "phone"
expect_out ",Écoles,"

c participant anonymise 999999
expect_rc 65
c participant anonymise x
expect_rc 64

finish
