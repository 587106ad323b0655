# SPDX-License-Identifier: EUPL-1.2
#
# import_guards.sh: what keeps an import from doing the wrong thing
# quietly: the themes a file names that the consultation lacks (listed once
# each with their rows, or created with --create-themes), a file of another
# kind refused (--force-kind), rows already there by their text skipped
# (--keep-duplicates), several ideas in one votes cell, and tags that come
# back from an export as they went.
. "$CONSULT_SRC/tests/cli/lib.sh"

setup_cons

# ---------------------------------------------------------------- themes
cat >"$TMP/ideas.csv" <<'EOF2'
theme,body,author_ref
Mobilité,Des vélos de service,M1
Qualité de l’air,Moins de voitures,M2
Qualité de l'air,Des arbres,M3
Santé,Du sport,M4
,Sans thème,M5
qualite de l’air,Des fontaines,M6
EOF2
# Without --create-themes: every missing theme once, with its rows.
c import ideas "$TMP/ideas.csv" --consultation AG21 --dry-run
expect_rc 65
expect_out "2 themes the file names are missing from the consultation (import with --create-themes to add them):"
expect_out_line() { grep -qxF -- "$1" "$OUT" || fail "expected the line: $1"; checks=$((checks + 1)); }
expect_out_line '  "Qualité de l’air" (3 rows)'
expect_out_line '  "Santé" (1 row)'
expect_out "6 rows read, 1 imported, 5 refused"
c import ideas "$TMP/ideas.csv" --consultation AG21
expect_rc 65
expect_out '  "Qualité de l’air" (3 rows)'
check "the refusal names --create-themes" \
    grep -q "import with --create-themes" "$TMP/ideas.rejects.csv"
c import undo 1
expect_ok

# With it: created once each, with a code made from the title; the row
# without a theme goes to --theme.
c import ideas "$TMP/ideas.csv" --consultation AG21 --create-themes --theme ENV --dry-run
expect_ok
expect_out "2 themes created."
expect_out "6 rows read, 6 imported, 0 refused"
c theme list --consultation AG21
expect_no_out "SANTE"
c import ideas "$TMP/ideas.csv" --consultation AG21 --create-themes --theme ENV
expect_ok
expect_out "2 themes created."
c theme list --consultation AG21
expect_out "QUALITE-D"
expect_out "Santé"
check "one theme for the three spellings, with its three ideas" \
    test "$(sqlite3 "$DB" "SELECT count(*) FROM idea i JOIN theme t ON t.id = i.theme_id WHERE t.code = 'QUALITE-DE-L-AIR'")" -eq 3
check "the row without a theme went to ENV" \
    test "$(sqlite3 "$DB" "SELECT t.code FROM idea i JOIN theme t ON t.id = i.theme_id WHERE i.body = 'Sans thème'")" = ENV
check "the themes' creation is in the journal" \
    test "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE tbl = 'theme' AND action = 'add'")" -eq 4
c import votes "$TMP/ideas.csv" --consultation AG21 --create-themes --force-kind
expect_rc 65
expect_err "--create-themes goes with ideas only."

# ---------------------------------------------------------------- same text
# The file grew, without form references: the earlier rows are not
# doubled; the new one goes in.
cp "$TMP/ideas.csv" "$TMP/grown.csv"
echo "Santé,Une salle de sport,M7" >>"$TMP/grown.csv"
c import ideas "$TMP/grown.csv" --consultation AG21 --theme ENV
expect_ok
expect_out "6 rows without a form reference were already there (same text, theme and author): skipped"
expect_out "7 rows read, 1 imported, 0 refused, 6 already there"
check "no idea doubled" \
    test "$(sqlite3 "$DB" "SELECT count(*) FROM idea")" -eq 7
# The same text by another author, or in another theme, is another idea.
printf 'theme,body,author_ref\nSanté,Du sport,M9\nMOB,Du sport,M4\nSanté,Du sport,M4\n' >"$TMP/other.csv"
c import ideas "$TMP/other.csv" --consultation AG21
expect_ok
expect_out "3 rows read, 2 imported, 0 refused, 1 already there"
# --keep-duplicates imports them all the same.
printf 'theme,body,author_ref\nSanté,Du sport,M4\n' >"$TMP/again.csv"
c import ideas "$TMP/again.csv" --consultation AG21 --keep-duplicates
expect_ok
expect_out "1 rows read, 1 imported, 0 refused, 0 already there"

# ---------------------------------------------------------------- kind
# An ideas file imported as votes: refused with the kind it looks like.
cat >"$TMP/people.csv" <<'EOF2'
Thème;Texte;N° formulaire;Matricule;Nom
MOB;Des bancs;F-1;M001;Élodie Dupont
ENV;Un compost;F-2;M002;Jérôme Lefèvre
EOF2
c import votes "$TMP/people.csv" --consultation AG21
expect_rc 65
expect_err "looks like a file of ideas, not of votes"
expect_err "consult import ideas"
expect_err "--force-kind"
check "nothing imported" \
    test "$(sqlite3 "$DB" "SELECT count(*) FROM import_batch WHERE kind = 'votes'")" -eq 0
# A votes file as participants, the same.
printf 'idea_id,participant_ref,participant_name,voted_at\n1,M1,Anne,2026-11-02\n' >"$TMP/v.csv"
c import participants "$TMP/v.csv"
expect_rc 65
expect_err "looks like a file of votes, not of participants"
# --force-kind imports it as asked.
c import votes "$TMP/people.csv" --consultation AG21 --force-kind --dry-run
expect_no_out "looks like"
expect_err_no() { grep -qF -- "$1" "$ERR" && fail "not expected on stderr: $1"; checks=$((checks + 1)); }
expect_err_no "looks like"
# The right kind goes in.
c import ideas "$TMP/people.csv" --consultation AG21
expect_ok

# ---------------------------------------------------------------- ballots
printf 'idea_id,participant_ref\n1,V1\n"1,2,3",V2\n"2; 3 | 4",V3\n"1,999",V4\n"4,",V5\n' >"$TMP/ballots.csv"
c import votes "$TMP/ballots.csv"
expect_rc 65
expect_out "2 rows listed several ideas: one vote for each (the counts below are votes)."
expect_out "5 rows read, 8 imported, 1 refused, 0 already there"
check "the refused ballot names its idea" \
    grep -q 'Idea ""999"" of the list ""1,999"": No idea 999.' "$TMP/ballots.rejects.csv"
check "nothing of the refused ballot went in" \
    test "$(sqlite3 "$DB" "SELECT count(*) FROM vote v JOIN participant p ON p.id = v.participant_id WHERE p.ref = 'V4'")" -eq 0
check "V2 supports ideas 1, 2 and 3" \
    test "$(sqlite3 "$DB" "SELECT group_concat(idea_id) FROM (SELECT v.idea_id FROM vote v JOIN participant p ON p.id = v.participant_id WHERE p.ref = 'V2' ORDER BY 1)")" = "1,2,3"
check "V3 supports ideas 2, 3 and 4" \
    test "$(sqlite3 "$DB" "SELECT count(*) FROM vote v JOIN participant p ON p.id = v.participant_id WHERE p.ref = 'V3'")" -eq 3
# The same ballots again in another file: already there, vote by vote.
printf 'participant_ref,idea_id\nV2,"3,2,1"\n' >"$TMP/ballots2.csv"
c import votes "$TMP/ballots2.csv"
expect_ok
expect_out "1 rows read, 0 imported, 0 refused, 3 already there"

# ---------------------------------------------------------------- tags
c idea tag 1 "vélo" "mobilité douce" "été 2026"
expect_ok
for bad in "vélo, bus" "a;b" "a|b"; do
    c idea tag 1 "$bad"
    expect_rc 65
    expect_err "A tag cannot contain \",\", \";\" or \"|\""
done
c idea show 1
expect_out "vélo"
c export ideas "$TMP/export.csv" --consultation AG21
expect_ok
DB2=$TMP/desk2.db
run --db "$DB2" init
run --db "$DB2" consultation add --code AG21 --title "Agenda 21"
run --db "$DB2" import ideas "$TMP/export.csv" --create-themes
expect_ok
check "the tags came back as they went (three, not more)" \
    test "$(sqlite3 "$DB2" "SELECT group_concat(name, '/') FROM (SELECT t.name FROM tag t JOIN idea_tag it ON it.tag_id = t.id ORDER BY t.name)")" = "mobilité douce/vélo/été 2026"
check "on the same idea" \
    test "$(sqlite3 "$DB2" "SELECT count(DISTINCT idea_id) FROM idea_tag")" -eq 1

finish
