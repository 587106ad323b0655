# SPDX-License-Identifier: EUPL-1.2
#
# letters.sh: an answer in every participant's hands, from the command
# line: the letters' settings (consultation edit --letter-...), the letters
# as a PDF read back with pdftotext (sender block, address block, date,
# the consultation's words, each idea with its decision and answer, the
# signature, internal mail, one page per person, the consultation's
# language), the mail-merge rows, a session's answers only, the answered
# log, and the errors.
. "$CONSULT_SRC/tests/cli/lib.sh"

if ! command -v pdftotext >/dev/null 2>&1; then
    echo "letters.sh: needs pdftotext (Debian package poppler-utils); run scripts/setup" >&2
    exit 1
fi

setup_cons
add() {         # add BODY OPTIONS...: an idea, its id on stdout
    body=$1; shift
    c idea add --consultation AG21 --theme MOB --body "$body" "$@"
    cat "$OUT"
}
a=$(add "Un abri vélo au dépôt." --author-ref M1 --author-name "Anne Dupré" \
    --postal "Rue de l’Église 3
6000 Charleroi" --date 2026-03-04)
a2=$(add "Des arceaux à la gare." --author-ref M1 --date 2026-03-05)
b=$(add "Des fontaines à eau." --author-ref M2 --author-name "Bruno Lenoir" \
    --service "Travaux")
m=$(add "Un site plus clair." --author-ref M3 --author-name "Chloé Mail" \
    --email chloe@ville.example --consent)
n=$(add "Une idée sans contact." --author-ref M4 --author-name "Denis Nulle")
for i in "$a" "$a2" "$b" "$m" "$n"; do
    c idea status "$i" accepted --answer "Réponse à l’idée $i : oui."
    expect_ok
done

# ---------------------------------------------------------------- settings
c consultation edit AG21 --letter-sender "Ville de Charleroi
Service Participation" --letter-signature "La bourgmestre"
expect_ok
expect_out_is "Consultation AG21: its letters' settings are changed."
c consultation edit AG21 --letter-language de
expect_rc 65
expect_err "fr or en"
c consultation edit AG21
expect_rc 64

# ---------------------------------------------------------------- letters
c export letters --consultation AG21 "$TMP/letters.pdf"
expect_ok
expect_out "$TMP/letters.pdf: answers for 2 participants."
expect_out "Of 4 participants with a published answer: 1 by email, 1 by post, 1 by internal mail, 1 who cannot be reached."
pdftotext -layout "$TMP/letters.pdf" "$TMP/letters.txt"
check "one page per letter" test "$(tr -cd '\f' <"$TMP/letters.txt" | wc -c)" -eq 2
check "the sender block" grep -q "Service Participation" "$TMP/letters.txt"
check "the address block" grep -q "Anne Dupré" "$TMP/letters.txt"
check "the address block" grep -q "Rue de l’Église 3" "$TMP/letters.txt"
check "the address block" grep -q "6000 Charleroi" "$TMP/letters.txt"
check "internal mail, through the service" grep -q "Courrier interne" "$TMP/letters.txt"
check "the subject, in the consultation's language" \
    grep -q "Objet : votre participation à « Agenda 21 »" "$TMP/letters.txt"
check "both of Anne's ideas in one letter" \
    grep -q "Voici la réponse donnée à chacune de vos idées." "$TMP/letters.txt"
check "the date on the form" grep -q "Votre idée du 4 mars 2026" "$TMP/letters.txt"
check "the decision" grep -q "Décision : acceptée" "$TMP/letters.txt"
check "the answer" grep -q "Réponse à l’idée $a2 : oui." "$TMP/letters.txt"
check "the signature" grep -q "La bourgmestre" "$TMP/letters.txt"
check "no letter to who has email" sh -c "! grep -q 'Chloé' '$TMP/letters.txt'"
check "no letter to who cannot be reached" sh -c "! grep -q 'Denis' '$TMP/letters.txt'"

c consultation edit AG21 --letter-language en --letter-opening "Dear colleague,"
expect_ok
c export letters --consultation AG21 "$TMP/en.pdf"
expect_ok
pdftotext -layout "$TMP/en.pdf" "$TMP/en.txt"
check "English letters" grep -q "Subject: your part in “Agenda 21”" "$TMP/en.txt"
check "the opening written by the admin" grep -q "Dear colleague," "$TMP/en.txt"
check "English decision words" grep -q "Decision: accepted" "$TMP/en.txt"

# ---------------------------------------------------------------- mail merge
c export letters --consultation AG21 "$TMP/merge.csv"
expect_ok
expect_out "$TMP/merge.csv: answers for 3 participants."
check "one row per idea, with the header" test "$(wc -l <"$TMP/merge.csv")" -eq 7
check "the header" test "$(head -n 1 "$TMP/merge.csv")" = \
    "ref,name,service,postal,email,channel,idea_id,title,status,answer,date"
check "the email row" grep -q "^M3,Chloé Mail,,,chloe@ville.example,email,$m," "$TMP/merge.csv"

# ---------------------------------------------------------------- session
c session add --consultation AG21 --body codir --date 2026-12-10
expect_ok
s=$(cat "$OUT")
c session agenda "$s" --add "$b"
expect_ok
c export letters --session "$s" "$TMP/session.csv"
expect_ok
expect_out "$TMP/session.csv: answers for 1 participant."
check "only the session's ideas" test "$(wc -l <"$TMP/session.csv")" -eq 2

# ---------------------------------------------------------------- answered
c export answered --consultation AG21 "$TMP/answered.csv"
expect_ok
expect_out_is "$TMP/answered.csv: 4 participants with a published answer."
check "Anne: two preparations by post" \
    grep -q "^M1,Anne Dupré,2,post,,3," "$TMP/answered.csv"
check "Bruno: by internal mail, three times" \
    grep -q "^M2,Bruno Lenoir,1,internal,,4," "$TMP/answered.csv"
check "Denis: why not" \
    grep -q '^M4,Denis Nulle,1,none,"no email, postal address or service",0,,,$' "$TMP/answered.csv"

# ---------------------------------------------------------------- errors
c export letters "$TMP/x.pdf"
expect_rc 64
expect_err "--session ID or --consultation CODE"
c export letters --consultation AG21 "$TMP/x.txt"
expect_rc 64
expect_err "end it with .csv or .pdf"
c export letters --session 99 "$TMP/x.csv"
expect_rc 65
expect_err "No session 99"
c export answered "$TMP/x.csv"
expect_rc 64
check "no file left by a refusal" test ! -e "$TMP/x.csv"

finish
