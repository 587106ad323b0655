# SPDX-License-Identifier: EUPL-1.2
#
# tamper.sh: the tamper catalogue. A realistic session (the demo, imports
# with tags, statuses and a merge, votes and tallies, decisions, comments,
# an import undone) verifies intact; then each edit made with the sqlite3
# shell, on a fresh copy of that database and its key, must be reported by
# `consult audit verify` (exit 65) naming the table and the row. Ends by
# printing how many tamperings were tried and detected.
. "$CONSULT_SRC/tests/cli/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || {
    echo "tamper.sh: the sqlite3 shell is missing (apt-get install sqlite3)" >&2
    exit 1
}

# ---------------------------------------------------------------- a session
c demo
expect_ok
c consultation add --code AG21 --title "Agenda 21"
expect_ok
c theme add --consultation AG21 --code MOB --title "Mobilité"
expect_ok
c theme add --consultation AG21 --code ENV --title "Environnement"
expect_ok
cat >"$TMP/ideas.csv" <<'EOF'
form_ref,theme,body,author_name,service,author_email,tags,status,answer
F-1,MOB,Des vélos de service,Anne Dupont,Travaux,anne@example.org,vélo;flotte,,
F-2,MOB,Un abri vélo au dépôt,Marc Petit,Voirie,,vélo,accepted,Au printemps.
F-3,ENV,Moins de papier,Anne Dupont,Travaux,,,reviewing,
F-4,ENV,Moins d'impressions,Zoé Martin,Finances,,papier,,
EOF
c import ideas "$TMP/ideas.csv" --consultation AG21
expect_ok
cat >"$TMP/votes.csv" <<'EOF'
idea_form_ref,participant_ref,participant_name,service,voted_at
F-1,M001,,,2021-03-20
F-2,M002,,,2021-03-21
F-3,,Léa Roux,Finances,
EOF
c import votes "$TMP/votes.csv" --consultation AG21
expect_ok
printf 'n° formulaire;atelier;nombre\nF-1;Atelier de Marchienne;14\n' \
    >"$TMP/tallies.csv"
c import tallies "$TMP/tallies.csv" --consultation AG21
expect_ok
printf 'form_ref,theme,body\nF-9,MOB,Une idée importée par erreur\n' \
    >"$TMP/wrong.csv"
c import ideas "$TMP/wrong.csv" --consultation AG21
expect_ok
wrong=$(sed -n 's/.*; batch \([0-9]*\) .*/\1/p' "$OUT")
c import undo "$wrong"
expect_ok
c idea add --consultation AG21 --theme MOB --body "Un parking vélo" \
    --author-name "Paul Henry" --service Voirie
expect_ok
added=$(cat "$OUT")
c vote add "$added" --participant M001
expect_ok
c idea status "$added" reviewing
expect_ok
c idea status "$added" rejected --answer "Pas de place."
expect_ok
c idea tag "$added" stationnement
expect_ok
c comment add "$added" --body "Il y a de la place derrière."
expect_ok
f3=$(sqlite3 "$DB" "SELECT id FROM idea WHERE form_ref = 'F-3'")
f4=$(sqlite3 "$DB" "SELECT id FROM idea WHERE form_ref = 'F-4'")
c idea merge "$f4" --into "$f3"
expect_ok
c user add agent1 --role agent
expect_ok

c audit verify
expect_ok
expect_out "Audit log intact: "
expect_out "Keyed from row 1 with the key $DB.key"

# Without its key, the check says what it could not prove, and still
# passes an intact journal.
mv "$DB.key" "$TMP/kept.key"
c audit verify
expect_ok
expect_out "Audit log intact: "
expect_out "not keyed: the key file $DB.key cannot be used (there is no key file)."
expect_out "are not proven"
# Nor will consult write to a keyed journal without its key.
c idea add --consultation AG21 --theme MOB --body "Sans clé"
expect_rc 77
expect_err "The journal is keyed, but its key file $DB.key is missing"
mv "$TMP/kept.key" "$DB.key"

# An anchor of the journal as it stands, kept elsewhere.
c audit anchor "$TMP/anchor"
expect_ok
expect_out "Anchor written to $TMP/anchor: row "
c audit verify --anchor "$TMP/anchor"
expect_ok
expect_out "The anchor's row "

cp "$DB" "$TMP/clean.db"
cp "$DB.key" "$TMP/clean.db.key"
rm -f "$DB-wal" "$DB-shm"
sqlite3 "$TMP/clean.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null

# ---------------------------------------------------------------- tamperings
tried=0
detected=0
T=$TMP/t.db

fresh() {
    rm -f "$T" "$T-wal" "$T-shm"
    cp "$TMP/clean.db" "$T"
    cp "$TMP/clean.db.key" "$T.key"
}

q() { sqlite3 "$T" "$1"; }

# tamper NAME SQL EXPECTED...: apply SQL to a fresh copy; verify must fail
# with exit 65 and write each EXPECTED line (a fixed string) on stdout.
tamper() {
    name=$1
    sql=$2
    shift 2
    fresh
    sqlite3 "$T" "$sql" || { fail "$name: the edit itself failed"; return; }
    verify_reports "$name" "$@"
}

verify_reports() {
    name=$1
    shift
    tried=$((tried + 1))
    run --db "$T" audit verify ${anchor_opt:-}
    ok=true
    [ "$rc" -eq 65 ] || ok=false
    for want in "$@"; do
        grep -qF -- "$want" "$OUT" || ok=false
    done
    checks=$((checks + 1))
    if $ok; then
        detected=$((detected + 1))
    else
        fail "tampering not reported as expected: $name (wanted: $*)"
    fi
}

me=$(id -un)
idea=$(sqlite3 "$TMP/clean.db" "SELECT id FROM idea WHERE form_ref = 'F-1'")
vote=$(sqlite3 "$TMP/clean.db" "SELECT min(id) FROM vote")
person=$(sqlite3 "$TMP/clean.db" "SELECT author_id FROM idea WHERE id = $idea")
agent=$(sqlite3 "$TMP/clean.db" "SELECT id FROM user WHERE login = 'agent1'")
comment=$(sqlite3 "$TMP/clean.db" "SELECT min(id) FROM comment WHERE hidden = 0")
last=$(sqlite3 "$TMP/clean.db" "SELECT max(id) FROM audit")
middle=$((last - 6))

tamper "an idea's text edited" \
    "UPDATE idea SET body = 'Des trottinettes de service' WHERE id = $idea" \
    "idea $idea: differs from what consult last wrote"
tamper "an idea's status edited" \
    "UPDATE idea SET status = 'accepted', answer = 'Oui.' WHERE id = $idea" \
    "idea $idea: differs from what consult last wrote"
tamper "a vote deleted" \
    "DELETE FROM vote WHERE id = $vote" \
    "vote $vote: consult wrote it" "gone, with no deletion in the journal"
tamper "a vote inserted" \
    "INSERT INTO vote(idea_id, participant_id, channel, voted_at, entered_at,
       entered_by) VALUES ($idea, $person, 'paper', '2021-03-22',
       '2021-03-22T10:00:00Z', '$me')" \
    "consult never wrote this row" "idea $idea: its vote count is"
tamper "a role promoted to admin" \
    "UPDATE user SET role = 'admin' WHERE id = $agent" \
    "user $agent: differs from what consult last wrote"
tamper "a login added as admin" \
    "INSERT INTO user(login, role, created_at, created_by)
     VALUES ('mallory', 'admin', '2021-03-22T10:00:00Z', 'mallory')" \
    "consult never wrote this row"
tamper "a participant's email edited" \
    "UPDATE participant SET email = 'autre@example.org' WHERE id = $person" \
    "participant $person: differs from what consult last wrote"
tamper "a comment hidden" \
    "UPDATE comment SET hidden = 1, hidden_reason = 'gênant' WHERE id = $comment" \
    "comment $comment: differs from what consult last wrote"
tamper "a tag put on an idea" \
    "INSERT INTO idea_tag(idea_id, tag_id) SELECT $idea, id FROM tag
     WHERE id NOT IN (SELECT tag_id FROM idea_tag WHERE idea_id = $idea)
     LIMIT 1" \
    "idea_tag of idea $idea: differs from what consult last wrote"
tamper "an official answer rewritten" \
    "UPDATE idea_answer SET answer = 'Jamais.' WHERE idea_id = $added" \
    "idea_answer of idea $added: differs from what consult last wrote"
tamper "an idea deleted" \
    "DELETE FROM idea_tag WHERE idea_id = $added;
     DELETE FROM idea_answer WHERE idea_id = $added;
     DELETE FROM comment WHERE idea_id = $added;
     DELETE FROM vote WHERE idea_id = $added;
     DELETE FROM idea WHERE id = $added" \
    "idea $added: consult wrote it"
tamper "a vote count raised" \
    "UPDATE idea SET votes = votes + 5, support = support + 5 WHERE id = $idea" \
    "idea $idea: its vote count is" "idea $idea: its support is"
tamper "a theme's figures edited" \
    "UPDATE idea_count SET ideas = ideas + 3
     WHERE theme_id = (SELECT min(theme_id) FROM idea_count)" \
    "idea_count: the figures of theme"
tamper "a log trigger dropped" \
    "DROP TRIGGER audit_no_delete" \
    "The trigger audit_no_delete, which keeps the journal append-only, is missing"
tamper "a log trigger rewritten" \
    "DROP TRIGGER audit_no_update;
     CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT 1; END" \
    "The trigger audit_no_update, which keeps the journal append-only, was changed"
tamper "a digest trigger dropped" \
    "DROP TRIGGER audit_row_no_update" \
    "The trigger audit_row_no_update, which keeps the journal append-only, is missing"
tamper "a middle log row edited" \
    "DROP TRIGGER audit_no_update;
     UPDATE audit SET actor = 'mallory' WHERE id = $middle" \
    "Audit row $middle does not match its hash"
tamper "a middle log row deleted" \
    "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = $middle" \
    "Audit row $middle is missing"
tamper "a row's digest replaced" \
    "DROP TRIGGER audit_row_no_update;
     UPDATE audit_row SET digest = (SELECT digest FROM audit_row
       WHERE tbl = 'idea' AND row_id = $idea ORDER BY audit_id LIMIT 1)
     WHERE tbl = 'idea' AND row_id = $added" \
    "The digests of audit row"

# A middle row edited and the chain re-hashed from it on, as anyone can
# without the key: plain SHA-256 rows (form 2), each hash right.
US=$(printf '\037')
NUL=$(printf '\036')
field() {
    if [ "$1" = "$NUL" ]; then
        printf -- '-\n'
    else
        printf '%d:%s\n' "$(printf '%s' "$1" | wc -c)" "$1"
    fi
}
rehash_from() {
    prev=$(q "SELECT hash FROM audit WHERE id = $1 - 1")
    for id in $(q "SELECT id FROM audit WHERE id >= $1 ORDER BY id"); do
        sqlite3 -separator "$US" -nullvalue "$NUL" "$T" \
            "SELECT at, actor, action, tbl, row_id, coalesce(idea_id, 0),
                    before, after, rows_hash FROM audit WHERE id = $id" \
            >"$TMP/row"
        IFS=$US read -r at actor action tbl row idea_id before after \
            rows_hash <"$TMP/row"
        h=$({ field consult-audit-2; field "$prev"; field "$id"; field "$at"
              field "$actor"; field "$action"; field "$tbl"; field "$row"
              field "$idea_id"; field "$before"; field "$after"
              field "$rows_hash"; } | sha256sum | cut -c1-64)
        q "UPDATE audit SET format = 2, prev_hash = '$prev', hash = '$h'
           WHERE id = $id"
        prev=$h
    done
}
fresh
q "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;
   UPDATE audit SET actor = 'mallory' WHERE id = $middle"
rehash_from "$middle"
q "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN  SELECT RAISE(ABORT, 'the audit log is append-only');END;
   CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN  SELECT RAISE(ABORT, 'the audit log is append-only');END;"
verify_reports "a middle log row edited and the chain re-hashed without the key" \
    "Audit row $middle is in an older form than the rows before it (not keyed after keying began)"
# Each re-hashed row is consistent: the key alone gives it away.
check "the re-hashed rows match their plain hashes" \
    sh -c "! grep -q 'does not match its hash' '$OUT'"
# Without the key the links hold, but keying cannot be undone unseen.
mv "$T.key" "$TMP/t.key"
run --db "$T" audit verify
check "without the key, the re-hashed rows are still reported" \
    grep -qF "Audit row $middle is in an older form" "$OUT"
mv "$TMP/t.key" "$T.key"

# The log cut short below the anchor, its last rows and their digests
# gone.
fresh
anchored=$(sed -n 's/^row //p' "$TMP/anchor")
q "DROP TRIGGER audit_no_delete; DROP TRIGGER audit_row_no_delete;
   DELETE FROM audit_row WHERE audit_id >= $anchored - 2;
   DELETE FROM audit WHERE id >= $anchored - 2;
   CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN  SELECT RAISE(ABORT, 'the audit log is append-only');END;
   CREATE TRIGGER audit_row_no_delete BEFORE DELETE ON audit_row BEGIN  SELECT RAISE(ABORT, 'the audit log is append-only');END;"
anchor_opt="--anchor $TMP/anchor"
verify_reports "the log truncated below an anchor" \
    "The journal ends at row $((anchored - 3)), below the anchor's row $anchored"
anchor_opt=

# A key that is not the journal's.
fresh
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$T.key"
echo >>"$T.key"
verify_reports "another key put in place of the journal's" \
    "is not this journal's key"

printf 'tamper.sh: %d tamperings tried, %d detected\n' "$tried" "$detected"
check "every tampering tried was detected" test "$tried" -eq "$detected"

finish
