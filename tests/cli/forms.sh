# SPDX-License-Identifier: EUPL-1.2
#
# forms.sh: `consult export forms`: a paper batch's blank forms, typeset by
# groff into a PDF, read back with pdftotext: one page per form not keyed
# yet, each with the reference the entry form will propose, the
# consultation's title, its themes as boxes, only the lines the batch's
# layout has, French words and accents; text that looks like troff stays
# text; the errors (no batch, every form keyed, groff missing).
. "$CONSULT_SRC/tests/cli/lib.sh"

if ! command -v pdftotext >/dev/null 2>&1; then
    echo "forms.sh: needs pdftotext (Debian package poppler-utils); run scripts/setup" >&2
    exit 1
fi

c init
expect_ok
c consultation add --code AG21 --title "Agenda 21 : l’été à Liège"
expect_ok
c theme add --consultation AG21 --code MOB --title "Mobilité douce"
expect_ok
c theme add --consultation AG21 --code ENV --title "Environnement"
expect_ok
# A title that troff would read as a request, and a backslash.
c theme add --consultation AG21 --code TRF --title '.bp \fB gras'
expect_ok
c batch add --consultation AG21 --label "Enveloppe 3" --point "Mairie" \
    --expect 3
expect_ok
c batch add --consultation AG21 --label "Atelier" --expect 2 \
    --fields "theme,author_name,body" --prefix ATL
expect_ok

pdf_text() {
    pdftotext -layout "$1" - 2>/dev/null
}
pages() {
    pdftotext "$1" - 2>/dev/null | tr -cd '\f' | wc -c
}

# ---------------------------------------------------------------- a batch
LC_ALL=fr_FR.UTF-8 c export forms --batch 1 "$TMP/b1.pdf"
expect_ok
expect_out_is "$TMP/b1.pdf : 3 formulaires vierges du lot 1."
check "the file is a PDF" test "$(head -c 5 "$TMP/b1.pdf")" = "%PDF-"
check "created 0600" test "$(stat -c %a "$TMP/b1.pdf")" = 600
pdf_text "$TMP/b1.pdf" >"$TMP/b1.txt"
check "one page per form" test "$(pages "$TMP/b1.pdf")" -eq 3
for ref in B1-001 B1-002 B1-003; do
    check "form $ref is printed" grep -q "Formulaire n° $ref" "$TMP/b1.txt"
done
check "the consultation's title, accents and apostrophe kept" \
    test "$(grep -c "Agenda 21 : l’été à Liège" "$TMP/b1.txt")" -eq 3
check "the themes, as boxes with their codes" \
    grep -q "Mobilité douce (MOB) .*Environnement (ENV)" "$TMP/b1.txt"
check "a title that looks like troff is printed as it is" \
    grep -qF '.bp \fB gras (TRF)' "$TMP/b1.txt"
check "the consent box" grep -q "J’accepte d’être contacté" "$TMP/b1.txt"
for line in "Votre nom" "Votre service" "Adresse postale" "Courriel" \
            "Téléphone" "Titre de votre idée" "Votre idée" "Date"; do
    check "a line for: $line" grep -q "$line" "$TMP/b1.txt"
done
check "the batch's label and collection point" \
    grep -q "Enveloppe 3, Mairie" "$TMP/b1.txt"

# ---------------------------------------------------------------- layout
c export forms --batch 2 "$TMP/b2.pdf"
expect_ok
expect_out_is "$TMP/b2.pdf: 2 blank forms of batch 2."
pdf_text "$TMP/b2.pdf" >"$TMP/b2.txt"
check "the batch's prefix" grep -q "Form no. ATL-001" "$TMP/b2.txt"
check "its layout's lines" grep -q "Your name:" "$TMP/b2.txt"
check "its layout's lines" grep -q "Your idea:" "$TMP/b2.txt"
for line in "Your service" "Email" "Phone" "Postal address" "I agree" \
            "Title of your idea" "Date:"; do
    check "no line for what the layout lacks: $line" \
        sh -c "! grep -q '$line' '$TMP/b2.txt'"
done

# ---------------------------------------------------------------- keyed
# Forms keyed already are not printed again; the first printed is the one
# the entry form proposes next.
c idea add --batch 1 --theme MOB --body "Des bancs" --form-ref B1-001
expect_ok
c idea add --batch 1 --theme MOB --body "Un arceau" --form-ref B1-002
expect_ok
c export forms --batch 1 -
expect_rc 0
expect_err "-: 1 blank form of batch 1."
cp "$OUT" "$TMP/rest.pdf"
check "to standard output, a PDF" test "$(head -c 5 "$TMP/rest.pdf")" = "%PDF-"
pdf_text "$TMP/rest.pdf" >"$TMP/rest.txt"
check "only the form not keyed" grep -q "Form no. B1-003" "$TMP/rest.txt"
check "one page" test "$(pages "$TMP/rest.pdf")" -eq 1
c idea add --batch 1 --theme MOB --body "Un banc" --form-ref B1-003
expect_ok
c export forms --batch 1 "$TMP/none.pdf"
expect_rc 65
expect_err "Every form of batch 1 is keyed (3 of 3)"
check "nothing written" test ! -e "$TMP/none.pdf"
c export forms --batch 1 --count 2 "$TMP/more.pdf"
expect_ok
pdf_text "$TMP/more.pdf" >"$TMP/more.txt"
check "--count prints after the last keyed" grep -q "B1-004" "$TMP/more.txt"
check "--count prints after the last keyed" grep -q "B1-005" "$TMP/more.txt"

# ---------------------------------------------------------------- errors
c export forms --batch 9 "$TMP/x.pdf"
expect_rc 65
expect_err "No batch 9"
c export forms "$TMP/x.pdf"
expect_rc 64
expect_err "--batch"
c export forms --batch 1 --count 0 "$TMP/x.pdf"
expect_rc 64
c export forms --batch 2 "$TMP/b2.pdf"
check "a file there is replaced whole" test "$(head -c 5 "$TMP/b2.pdf")" = "%PDF-"
# Without groff: the reason and the package, nothing left behind.
mkdir -p "$TMP/bin"
ln -sf "$(command -v sh)" "$TMP/bin/sh"
last="consult export forms (no groff on PATH)"
PATH="$TMP/bin" "$CONSULT" --db "$DB" export forms --batch 2 "$TMP/y.pdf" \
    >"$OUT" 2>"$ERR"
rc=$?
expect_rc 74
expect_err "Cannot run groff"
expect_err "Debian package groff"
check "no file, no temporary file left" \
    test -z "$(ls "$TMP" | grep '^y\.pdf')"

finish
