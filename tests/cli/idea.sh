# SPDX-License-Identifier: EUPL-1.2
#
# idea.sh: ideas from the command line: add (the id alone on stdout),
# list (table cut to 80 columns by display width, CSV, paging, filters),
# show, edit, status with official answers (from stdin too), tags, merge
# and unmerge (the support column follows), counts.
. "$CONSULT_SRC/tests/cli/lib.sh"

setup_cons

# Support of idea $1 in `idea list` (4th column).
support_of() {
    c idea list --sort id
    awk -v id="$1" '$1 == id { print $4 }' "$OUT"
}

# ---------------------------------------------------------------- add
c idea add --consultation AG21 --theme MOB --title "Vélos partagés" \
    --body "Des vélos partagés entre les sites." --channel atelier \
    --author-ref E1001 --author-name "Anne Dupont" --service "Travaux" \
    --email anne@example.org --consent --form-ref F-1 --date 15/03/2021
expect_ok
check "idea add prints the id alone" grep -Eqx '[0-9]+' "$OUT"
a=$(cat "$OUT")

c idea add --consultation ag21 --theme Mobilite --kind constat \
    --body "Le parking est plein dès 8 h."
expect_ok
b=$(cat "$OUT")
check "ids increase" test "$b" -gt "$a"

c idea add --consultation AG21 --theme ENV --body "Moins de papier" --form-ref F-1
expect_rc 65
expect_no_stdout
expect_err_is "consult: Form reference \"F-1\" is already used by idea $a in this consultation."

c idea add --consultation AG21 --theme NOPE --body "Nowhere"
expect_rc 65
expect_err_is 'consult: No theme "NOPE" in this consultation.'
c idea add --consultation NOPE --theme MOB --body "Nowhere"
expect_rc 65
expect_err_is 'consult: No consultation "NOPE".'
c idea add --consultation AG21 --theme MOB --body "x" --channel pigeon
expect_rc 65
expect_err_is 'consult: Unknown channel "pigeon": use paper, workshop, web, email, phone or other.'
c idea add --consultation AG21 --theme MOB --body "x" --date "la semaine passée"
expect_rc 65
c idea add --consultation AG21 --theme MOB --body "   "
expect_rc 65

# A title longer than the screen, with accents and wide characters.
long="Réaménager la cour de l'école communale œuvre 日本語の長いタイトル pour que les enfants jouent à l'ombre des arbres"
c idea add --consultation AG21 --theme ENV --title "$long" --body "Des arbres." \
    --channel web --date 2021-03-20
expect_ok
l=$(cat "$OUT")

# ---------------------------------------------------------------- list
c idea list
expect_ok
expect_out "     ID Status      Theme    Support Channel  Date       Title"
expect_out "$(printf '%7d' "$a") new         MOB            0 workshop 2021-03-15 Vélos partagés"
expect_out "$(printf '%7d' "$b") new         MOB            0 paper"
expect_out "$(printf '%7d' "$l") new         ENV            0 web      2021-03-20 Réaménager la cour"
check "every line fits in 80 columns" test "$(wc -L <"$OUT")" -le 80
check "the cut title is still valid UTF-8" iconv -f UTF-8 -t UTF-8 "$OUT" -o /dev/null
check "a cut title is marked" grep -qF "…" "$OUT"
check "the whole title is not there" sh -c "! grep -qF 'des arbres' '$OUT'"

c idea list --theme ENV --consultation AG21
expect_ok
expect_out "Réaménager"
expect_no_out "Vélos"

c idea list --theme ENV
expect_rc 64
expect_err "--theme needs --consultation."

c idea list --channel atelier
expect_ok
expect_out "Vélos partagés"
expect_no_out "Réaménager"

c idea list --status accepted
expect_rc 0
expect_no_stdout
expect_err "No ideas match."

c idea list --status "en cours" --consultation AG21
expect_rc 0

c idea list --status sleeping
expect_rc 65

c idea list --sort id --desc --limit 1
expect_ok
check "--limit 1 prints the header and one idea" test "$(wc -l <"$OUT")" -eq 2
expect_out "$(printf '%7d' "$l") "

# ---------------------------------------------------------------- csv
c idea add --consultation AG21 --theme ENV --title 'Guillemets, virgules' \
    --body 'Il a dit "oui", puis
non.'
expect_ok
q=$(cat "$OUT")

c idea list --format csv --sort id
expect_ok
printf 'id,consultation,theme,kind,status,channel,submitted_at,form_ref,votes,tallies,support,merged_into,title,body,answer\r\n' >"$TMP/header"
check "CSV header" sh -c "head -n 1 '$OUT' | cmp -s - '$TMP/header'"
expect_out '"Guillemets, virgules","Il a dit ""oui"", puis'
expect_out "$a,AG21,MOB,idea,new,workshop,2021-03-15,F-1,0,0,0,,Vélos partagés,Des vélos partagés entre les sites.,"
expect_out "$b,AG21,MOB,finding,new,paper,"
check "CSV lines end in CRLF" sh -c "head -n 1 '$OUT' | od -c | grep -q '\\\\r  \\\\n'"
# A real CSV reader sees 4 records and the quoted body whole.
cp "$OUT" "$TMP/ideas.csv"
check "sqlite3 reads 4 records" test "$(sqlite3 :memory: ".import --csv '$TMP/ideas.csv' t" 'SELECT count(*) FROM t')" -eq 4
check "the quoted body comes back whole" test "$(sqlite3 :memory: ".import --csv '$TMP/ideas.csv' t" "SELECT body FROM t WHERE id = '$q'")" = 'Il a dit "oui", puis
non.'

c idea list --format csv --status accepted
expect_ok
check "an empty CSV list is its header" test "$(wc -l <"$OUT")" -eq 1

# Paging: more ideas than one page of the core's list, copied in SQL.
sqlite3 "$DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200)
  INSERT INTO idea(consultation_id, theme_id, kind, title, body, channel,
                   submitted_at, entered_at, entered_by, status,
                   status_changed_at, status_changed_by)
  SELECT consultation_id, theme_id, kind, 'Copie ' || i, body, channel,
         submitted_at, entered_at, entered_by, status, status_changed_at,
         status_changed_by FROM idea, n WHERE idea.id = $b"
c idea list --format csv
expect_ok
cp "$OUT" "$TMP/many.csv"
check "all 1204 ideas listed, each once" test "$(sqlite3 :memory: ".import --csv '$TMP/many.csv' t" 'SELECT count(*) || " " || count(DISTINCT id) FROM t')" = "1204 1204"
c idea list --limit 700
expect_ok
check "--limit 700 spans two pages" test "$(wc -l <"$OUT")" -eq 701
sqlite3 "$DB" "DELETE FROM idea WHERE title LIKE 'Copie %'"

# ---------------------------------------------------------------- show
c idea show "$a"
expect_ok
expect_out "Idea $a"
expect_out "Title:           Vélos partagés"
expect_out "Consultation:    AG21"
expect_out "Theme:           MOB"
expect_out "Status:          new"
expect_out "Channel:         workshop"
expect_out "Form reference:  F-1"
expect_out "Anne Dupont, Travaux (participant "
expect_out "Submitted:       2021-03-15"
expect_out "Support:         0"
expect_out "Tags:            -"
expect_out "    Des vélos partagés entre les sites."
expect_out "History:"
expect_out " add       idea#$a"

c idea show "$b"
expect_ok
expect_out "Finding $b"
expect_out "Author:          anonymous"

c idea show 999999
expect_rc 65
expect_no_stdout
expect_err_is "consult: No idea 999999."

# ---------------------------------------------------------------- edit
c idea edit "$b" --title "Parking plein" --theme ENV --kind idea --channel email
expect_ok
expect_out_is "Idea $b updated."
c idea show "$b"
expect_out "Idea $b"
expect_out "Title:           Parking plein"
expect_out "Theme:           ENV"
expect_out "Channel:         email"
expect_out " update    idea#$b"

c idea edit "$b" --theme NOPE
expect_rc 65
c idea edit 999999 --title "x"
expect_rc 65
c idea edit "$b" --form-ref F-1
expect_rc 65

# ---------------------------------------------------------------- status
c idea status "$a" accepted
expect_rc 65
expect_no_stdout
expect_err_is "consult: An idea cannot be accepted without an official answer."
c idea show "$a"
expect_out "Status:          new"

c idea status "$a" reviewing
expect_ok
expect_out_is "Idea $a is now reviewing."

run_in "Le collège a décidé d'acheter dix vélos.
Livraison en juin." --db "$DB" idea status "$a" acceptée --answer -
expect_ok
expect_out_is "Idea $a is now accepted."
c idea show "$a"
expect_out "Status:          accepted"
expect_out "Official answer:"
expect_out "    Le collège a décidé d'acheter dix vélos."
expect_out "    Livraison en juin."
expect_out " status    idea#$a"

c idea status "$a" implemented --answer "Livrés."
expect_ok
c idea status "$a" new
expect_rc 65
c idea status "$a" dormant
expect_rc 65
c idea status "$a"
expect_rc 64

c idea status "$l" hidden
expect_rc 65
expect_err_is "consult: Hiding an idea needs a reason."
c idea status "$l" hidden --reason "Hors sujet"
expect_ok
c idea show "$l"
expect_out "Status:          hidden"
expect_out "Hidden because:  Hors sujet"

# ---------------------------------------------------------------- tags
c idea tag "$b" parking urgent
expect_ok
expect_out_is "Tags of idea $b: parking, urgent"
c idea list --tag URGENT
expect_ok
expect_out "Parking plein"
expect_no_out "Vélos"
c idea tag "$b" urgent --remove
expect_ok
expect_out_is "Tags of idea $b: parking"
c idea tag "$b" parking --remove
expect_ok
expect_out_is "Idea $b has no tags."
c idea tag "$b"
expect_rc 64
c idea tag 999999 x
expect_rc 65

# ---------------------------------------------------------------- merge
c idea add --consultation AG21 --theme MOB --body "Des vélos électriques"
x=$(cat "$OUT")
c idea add --consultation AG21 --theme MOB --body "Des vélos en libre-service"
y=$(cat "$OUT")
c vote add "$x" --participant P1
expect_ok
c vote add "$x" --participant P2
expect_ok
c vote add "$y" --participant P2
expect_ok
c vote add "$y" --participant P3
expect_ok
c tally add "$y" --count 5 --source "Atelier de Marchienne"
expect_ok
check "support of x before the merge" test "$(support_of "$x")" = 2
check "support of y before the merge" test "$(support_of "$y")" = 7

c idea merge "$y" --into "$x"
expect_ok
# P1, P2, P3 once each, plus the 5 stickers.
expect_out_is "Idea $y merged into idea $x, whose support is now 8."
check "the list shows the merged support" test "$(support_of "$x")" = 8
check "a merged idea has no support of its own" test "$(support_of "$y")" = 0
c idea list --status merged
expect_out "$(printf '%7d' "$y") merged"
c idea show "$y"
expect_out "Status:          merged"
expect_out "Merged into:     $x"

c idea merge "$x" --into "$x"
expect_rc 65
c idea merge "$x" --into "$y"
expect_rc 65
c idea merge "$y" --into abc
expect_rc 64

c idea unmerge "$y"
expect_ok
expect_out_is "Idea $y is no longer merged; its status is new again."
check "support of x after unmerge" test "$(support_of "$x")" = 2
check "support of y after unmerge" test "$(support_of "$y")" = 7
c idea unmerge "$y"
expect_rc 65
expect_err_is "consult: Idea $y is not merged."

# ---------------------------------------------------------------- counts
c idea counts --consultation AG21
expect_ok
expect_out "  Theme        Total  By status"
expect_out "  MOB              3  new 2, implemented 1"
expect_out "  ENV              3  new 2, hidden 1"
expect_out "  All themes       6  new 4, implemented 1, hidden 1"
c idea counts
expect_rc 64

finish
