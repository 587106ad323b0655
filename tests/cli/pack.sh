# SPDX-License-Identifier: EUPL-1.2
#
# pack.sh: the committee's pack, `consult export agenda|minutes --session`:
# the CSV rows (exact), the PDF read back with pdftotext (the
# consultation's title, the body and date, the figures, the bar chart's
# themes, each idea's text, page numbers, French words and accents, text
# that looks like troff printed as it is), the minutes before and after
# the close, and the errors.
. "$CONSULT_SRC/tests/cli/lib.sh"

if ! command -v pdftotext >/dev/null 2>&1; then
    echo "pack.sh: needs pdftotext (Debian package poppler-utils); run scripts/setup" >&2
    exit 1
fi

setup_cons
idea() {        # idea THEME BODY [FORM]: add an idea, print its id
    c idea add --consultation AG21 --theme "$1" --body "$2" ${3:+--form-ref "$3"}
    cat "$OUT"
}
a=$(idea MOB "Un abri vélo au dépôt.
Avec dix arceaux couverts." F-12)
b=$(idea ENV '.bp
\fB Une ligne qui ressemble à troff, et « des guillemets ».')
for i in 1 2 3; do
    c vote add "$a" --participant "P$i"
    expect_ok
done
c session add --consultation AG21 --body codir --date 2026-12-10 \
    --title "Bilan d’hiver"
expect_ok
s=$(cat "$OUT")
c session agenda "$s" --add "$a" "$b"
expect_ok
c session attendee "$s" --name "Élise Lambert" --role "Directrice générale"
expect_ok

# ---------------------------------------------------------------- agenda
c export agenda --session "$s" "$TMP/agenda.csv"
expect_ok
expect_out_is "$TMP/agenda.csv: the agenda of session $s, 2 ideas."
check "the agenda's CSV rows" test "$(cat "$TMP/agenda.csv")" = "position,idea_id,form_ref,theme,title,body,support,status
1,$a,F-12,MOB,Un abri vélo au dépôt. Avec dix arceaux couverts.,\"Un abri vélo au dépôt.
Avec dix arceaux couverts.\",3,new
2,$b,,ENV,\".bp \\fB Une ligne qui ressemble à troff, et « des guillemets ».\",\".bp
\\fB Une ligne qui ressemble à troff, et « des guillemets ».\",0,new"
check "created 0600" test "$(stat -c %a "$TMP/agenda.csv")" = 600

LC_ALL=fr_FR.UTF-8 c export agenda --session "$s" "$TMP/agenda.pdf"
expect_ok
expect_out_is "$TMP/agenda.pdf : l’ordre du jour de la séance $s, 2 idées."
check "a PDF" test "$(head -c 5 "$TMP/agenda.pdf")" = "%PDF-"
pdftotext -layout "$TMP/agenda.pdf" "$TMP/agenda.txt"
check "the consultation's title" grep -q "^Agenda 21" "$TMP/agenda.txt"
check "what it is, in French" grep -q "Ordre du jour" "$TMP/agenda.txt"
check "the body, the date and the title" \
    grep -q "CODIR — 2026-12-10 — Bilan d’hiver" "$TMP/agenda.txt"
check "the attendees" grep -q "Élise Lambert, Directrice générale" "$TMP/agenda.txt"
check "the figures" grep -q "2 idées, 0 constats" "$TMP/agenda.txt"
check "the chart names each theme" grep -q "MOB Mobilité" "$TMP/agenda.txt"
check "the chart's figure for MOB" grep -Eq "^MOB +3$" "$TMP/agenda.txt"
check "each idea with its text, line by line" \
    grep -q "Avec dix arceaux couverts." "$TMP/agenda.txt"
check "each idea's theme, support and form" \
    grep -q "Idée $a, thème MOB, soutien 3, nouvelle, formulaire F-12" "$TMP/agenda.txt"
check "text that looks like troff is printed as it is" \
    grep -qF '\fB Une ligne qui ressemble à troff, et « des guillemets ».' "$TMP/agenda.txt"
check "a line that starts with a dot too" grep -qx '\.bp' "$TMP/agenda.txt"
check "the page number" grep -Eq "– ?1 ?–" "$TMP/agenda.txt"

# A long agenda runs over pages, each numbered.
for i in $(seq 1 30); do
    n=$(idea MOB "Idée numéro $i, avec un texte assez long pour tenir sur deux lignes de la page imprimée du comité de direction.")
    c session agenda "$s" --add "$n"
done
c export agenda --session "$s" "$TMP/long.pdf"
expect_ok
pdftotext "$TMP/long.pdf" "$TMP/long.txt"
check "several pages" test "$(tr -cd '\f' <"$TMP/long.txt" | wc -c)" -ge 2
check "page 2 is numbered" grep -Eq "– ?2 ?–" "$TMP/long.txt"

# ---------------------------------------------------------------- minutes
c session decide "$s" "$a" accepted --answer "Dix arceaux au printemps." \
    --reason "Budget voté"
expect_ok
c session decide "$s" "$b" postponed --reason "À chiffrer"
expect_ok
c export minutes --session "$s" -
expect_rc 0
expect_err "-: the minutes of session $s, 32 ideas."
check "the minutes' first rows" test "$(head -n 2 "$OUT" | cut -d, -f1-7)" = "position,idea_id,theme,title,decision,reason,answer
1,$a,MOB,Un abri vélo au dépôt. Avec dix arceaux couverts.,accepted,Budget voté,Dix arceaux au printemps."
check "a postponed item" grep -qF "« des guillemets ».\",postponed,À chiffrer,," "$OUT"

LC_ALL=fr_FR.UTF-8 c export minutes --session "$s" "$TMP/minutes.pdf"
expect_ok
pdftotext -layout "$TMP/minutes.pdf" "$TMP/minutes.txt"
check "the minutes say what they are" grep -q "Procès-verbal" "$TMP/minutes.txt"
check "the decision" grep -q "Décision : acceptée" "$TMP/minutes.txt"
check "the reason" grep -q "Motif : Budget voté" "$TMP/minutes.txt"
check "the official answer" grep -q "Réponse officielle : Dix arceaux au printemps." "$TMP/minutes.txt"
check "an item without a decision" grep -q "Sans décision : reportée à la séance suivante." "$TMP/minutes.txt"
check "not final before the close" grep -q "pas encore clôturée" "$TMP/minutes.txt"
c session close "$s"
expect_ok
LC_ALL=fr_FR.UTF-8 c export minutes --session "$s" "$TMP/closed.pdf"
expect_ok
pdftotext -layout "$TMP/closed.pdf" "$TMP/closed.txt"
check "closed: when and by whom" \
    grep -q "Séance clôturée le $(date -u +%F) par $(id -un)." "$TMP/closed.txt"

# ---------------------------------------------------------------- errors
c export agenda --session "$s" "$TMP/agenda.txt"
expect_rc 64
expect_err "end it with .csv or .pdf"
c export agenda --session 99 "$TMP/x.csv"
expect_rc 65
expect_err "No session 99"
check "nothing written" test ! -e "$TMP/x.csv"
c export minutes "$TMP/x.csv"
expect_rc 64
expect_err "--session"

finish
