# SPDX-License-Identifier: EUPL-1.2
#
# exchange.sh: files exchanged between desks. Desk A's votes, tallies and
# comments, exported with their manifests and imported at desk C, whose
# ideas came from the same forms in another order (the same idea numbers
# name other ideas there), land on the idea they had at A, found by form
# reference; a row naming its idea by number only is refused with the
# reason; a file that fails its manifest is refused (exit 65) unless
# --no-verify; a file without a manifest (a sheet filled by hand) and a
# file imported back where it was made keep their idea numbers.
. "$CONSULT_SRC/tests/cli/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || {
    echo "exchange.sh: the sqlite3 shell is missing (apt-get install sqlite3)" >&2
    exit 1
}

A=$DB
C=$TMP/c.db
qa() { sqlite3 "$A" "$1"; }
qc() { sqlite3 "$C" "$1"; }
a() { run --db "$A" "$@"; }
cc() { run --db "$C" "$@"; }

# ---------------------------------------------------------------- two desks
for d in "$A" "$C"; do
    run --db "$d" init
    expect_ok
    run --db "$d" consultation add --code AG21 --title "Agenda 21"
    expect_ok
    run --db "$d" theme add --consultation AG21 --code MOB --title "Mobilité"
    expect_ok
done
check "each desk has its own database id" \
    test "$(qa "SELECT value FROM meta WHERE key = 'database_id'")" != \
         "$(qc "SELECT value FROM meta WHERE key = 'database_id'")"

# Desk C keyed two other forms first: its ideas 1 and 2 are not A's.
printf 'form_ref,theme,body\nX-1,MOB,Un potager\nX-2,MOB,Une fontaine\n' \
    >"$TMP/c-first.csv"
cc import ideas "$TMP/c-first.csv" --consultation AG21
expect_ok
cat >"$TMP/ideas.csv" <<'EOF'
form_ref,theme,body,author_name
F-1,MOB,Des vélos de service,Anne Dupont
F-2,MOB,Un abri vélo au dépôt,Marc Petit
F-3,MOB,Moins de papier,Zoé Martin
F-4,MOB,Un covoiturage,Léa Roux
EOF
a import ideas "$TMP/ideas.csv" --consultation AG21
expect_ok
cc import ideas "$TMP/ideas.csv" --consultation AG21
expect_ok
# At A, idea 5 has no form reference; at C, idea 5 is F-3.
a idea add --consultation AG21 --theme MOB --body "Un parking vélo" \
    --author-name "Paul Henry"
expect_ok
check "A's idea 5 has no form reference" \
    test "$(qa "SELECT coalesce(form_ref, '-') FROM idea WHERE id = 5")" = -
check "C's idea 5 is F-3" \
    test "$(qc "SELECT form_ref FROM idea WHERE id = 5")" = F-3

# ---------------------------------------------------------------- desk A's work
cat >"$TMP/a-votes.csv" <<'EOF'
idea_form_ref,participant_ref
F-1,M001
F-2,M001
F-2,M002
F-3,M003
F-4,M002
EOF
a import votes "$TMP/a-votes.csv" --consultation AG21
expect_ok
a vote add 5 --participant M004
expect_ok
a tally add 1 --for 14 --source "Atelier de Marchienne"
expect_ok
a tally add 3 --for 6 --against 2 --source "Urne du hall"
expect_ok
cat >"$TMP/a-comments.csv" <<'EOF'
idea_form_ref,body,form_ref,parent_ref,participant_ref
F-2,Il faut un toit.,K-1,,M001
F-2,"Oui, et un éclairage.",K-2,K-1,M002
F-4,Le mardi surtout.,K-3,,M003
EOF
a import comments "$TMP/a-comments.csv" --consultation AG21
expect_ok
a comment add 1 --body "Bonne idée."
expect_ok

a export votes "$TMP/votes.csv" --consultation AG21 \
    --profile internal-contact
expect_ok
a export tallies "$TMP/tallies.csv" --consultation AG21
expect_ok
a export comments "$TMP/comments.csv" --consultation AG21
expect_ok
for f in votes tallies comments; do
    check "the $f manifest names desk A's database" \
        grep -qx "database_id: $(qa "SELECT value FROM meta WHERE key = 'database_id'")" \
        "$TMP/$f.csv.manifest"
done
check "the comments export names each idea by form reference" \
    sh -c "head -1 '$TMP/comments.csv' | grep -q '^comment_id,consultation,idea_id,idea_form_ref,'"
check "the comments export names each parent by reference" \
    sh -c "head -1 '$TMP/comments.csv' | grep -q ',parent_id,parent_ref,'"

# ---------------------------------------------------------------- at desk C
cc import votes "$TMP/votes.csv"
expect_rc 65
expect_out "6 rows read, 5 imported, 1 refused"
check "the vote for A's idea 5 is refused with the reason" \
    grep -q "another database.*has none" "$TMP/votes.rejects.csv"
check "nothing went on C's idea 5 (F-3) from A's idea 5" \
    test "$(qc "SELECT count(*) FROM vote v JOIN participant p ON p.id = v.participant_id WHERE p.ref = 'M004'")" -eq 0
votes_sql="SELECT i.form_ref || ' ' || p.ref FROM vote v JOIN idea i ON i.id = v.idea_id JOIN participant p ON p.id = v.participant_id WHERE i.form_ref IS NOT NULL ORDER BY 1"
check "every vote is on the idea it had at A" \
    test "$(qa "$votes_sql")" = "$(qc "$votes_sql")"
check "five votes at C" test "$(qc "SELECT count(*) FROM vote")" -eq 5

cc import tallies "$TMP/tallies.csv"
expect_rc 0
tallies_sql="SELECT i.form_ref || ' ' || t.source || ' ' || t.count || ' ' || t.against FROM tally t JOIN idea i ON i.id = t.idea_id ORDER BY 1"
check "every tally is on the idea it had at A" \
    test "$(qa "$tallies_sql")" = "$(qc "$tallies_sql")"
check "the tallies are on F-1 and F-3 (C's ideas 3 and 5)" \
    test "$(qc "SELECT group_concat(idea_id) FROM (SELECT idea_id FROM tally ORDER BY idea_id)")" = "3,5"

cc import comments "$TMP/comments.csv"
expect_rc 0
expect_out "4 rows read, 4 imported, 0 refused"
comments_sql="SELECT i.form_ref || ' ' || m.body || ' ' || coalesce(m.form_ref, '-') || ' ' || coalesce(p.form_ref, '-') FROM comment m JOIN idea i ON i.id = m.idea_id LEFT JOIN comment p ON p.id = m.parent_id ORDER BY 1"
check "every comment is on the idea it had at A, replies under their parent" \
    test "$(qa "$comments_sql")" = "$(qc "$comments_sql")"

# ---------------------------------------------------------------- a file that fails its manifest
a tally add 2 --for 3 --source "Atelier de Jumet"
expect_ok
a export tallies "$TMP/t2.csv" --consultation AG21
expect_ok
sed 's/,3,0,Atelier de Jumet,/,30,0,Atelier de Jumet,/' "$TMP/t2.csv" \
    >"$TMP/t2.edited" && mv "$TMP/t2.edited" "$TMP/t2.csv"
check "the file was edited" grep -q ',30,0,Atelier de Jumet,' "$TMP/t2.csv"
before=$(qc "SELECT count(*) FROM tally")
cc import tallies "$TMP/t2.csv"
expect_rc 65
expect_err "t2.csv does not match its manifest"
expect_err "--no-verify"
expect_no_out "imported"
check "nothing imported from the edited file" \
    test "$(qc "SELECT count(*) FROM tally")" -eq "$before"
cc import tallies "$TMP/t2.csv" --dry-run
expect_rc 65
expect_err "does not match its manifest"
cc import tallies "$TMP/t2.csv" --no-verify
expect_rc 0
expect_out "3 rows read, 1 imported"
check "--no-verify imports it, on the idea it had at A (F-2)" \
    test "$(qc "SELECT i.form_ref || ' ' || t.count FROM tally t JOIN idea i ON i.id = t.idea_id WHERE t.source = 'Atelier de Jumet'")" = "F-2 30"

# A manifest that is not one: refused too.
printf 'idea_id,count,source\n1,2,Urne\n' >"$TMP/t3.csv"
printf 'not a manifest\n' >"$TMP/t3.csv.manifest"
cc import tallies "$TMP/t3.csv" --consultation AG21
expect_rc 65
expect_err "is not a consult export manifest"

# ---------------------------------------------------------------- idea numbers alone
# A file giving idea numbers only, with A's manifest beside it (taken as
# it is): at C, every row is refused; back at A, the numbers are A's own.
printf 'consultation,idea_id,participant_ref\nAG21,1,M010\nAG21,2,M010\n' \
    >"$TMP/numbers.csv"
cp "$TMP/votes.csv.manifest" "$TMP/numbers.csv.manifest"
cc import votes "$TMP/numbers.csv" --no-verify
expect_rc 65
expect_out "2 rows read, 0 imported, 2 refused"
check "C refused both: its ideas 1 and 2 are not A's" \
    test "$(qc "SELECT count(*) FROM vote v JOIN participant p ON p.id = v.participant_id WHERE p.ref = 'M010'")" -eq 0
a import votes "$TMP/numbers.csv" --no-verify
expect_rc 0
expect_out "2 rows read, 2 imported"
check "back at A, the numbers are A's ideas F-1 and F-2" \
    test "$(qa "SELECT group_concat(i.form_ref) FROM (SELECT i.form_ref FROM vote v JOIN idea i ON i.id = v.idea_id JOIN participant p ON p.id = v.participant_id WHERE p.ref = 'M010' ORDER BY 1) i")" = "F-1,F-2"

# A votes sheet filled by hand (no manifest): its numbers are C's own.
printf 'consultation,idea_id,participant_ref\nAG21,1,M020\n' >"$TMP/hand.csv"
cc import votes "$TMP/hand.csv"
expect_ok
check "a sheet without a manifest keeps its idea numbers" \
    test "$(qc "SELECT i.form_ref FROM vote v JOIN idea i ON i.id = v.idea_id JOIN participant p ON p.id = v.participant_id WHERE p.ref = 'M020'")" = X-1

# ---------------------------------------------------------------- themes travel too
# An ideas export names each theme by its code and its title: imported
# with --create-themes into a consultation without them, the themes come
# back with both; a theme already there under that title is used.
a theme add --consultation AG21 --code ENV --title "Environnement durable"
expect_ok
printf 'form_ref,theme,body\nE-1,ENV,Des gourdes\n' >"$TMP/env.csv"
a import ideas "$TMP/env.csv" --consultation AG21
expect_ok
a export ideas "$TMP/ideas-a.csv" --consultation AG21
expect_ok
check "the ideas export gives the theme's code and title" \
    sh -c "head -1 '$TMP/ideas-a.csv' | grep -q '^id,consultation,theme,theme_title,'"
cc consultation add --code NEW --title "Nouvelle"
expect_ok
cc theme add --consultation NEW --code MOBI --title "Mobilité"
expect_ok
cc import ideas "$TMP/ideas-a.csv" --consultation NEW --create-themes \
    --map consultation=
expect_ok
expect_out "1 theme created."
check "the theme created has the code and the title it had at A" \
    test "$(qc "SELECT group_concat(code || '=' || title, ';') FROM (SELECT t.code, t.title FROM theme t JOIN consultation c ON c.id = t.consultation_id WHERE c.code = 'NEW' ORDER BY t.code)")" = "ENV=Environnement durable;MOBI=Mobilité"
check "every idea is in the theme of the same title" \
    test "$(qc "SELECT count(*) FROM idea i JOIN theme t ON t.id = i.theme_id JOIN consultation c ON c.id = i.consultation_id WHERE c.code = 'NEW'")" -eq 6

finish
