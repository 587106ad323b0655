# SPDX-License-Identifier: EUPL-1.2
#
# roles.sh: the core's role checks reach the command line as exit 77 with
# the permission message. Runs the binary as the system user "nobody"
# (setpriv), so it needs root; elsewhere it says so and passes.
. "$CONSULT_SRC/tests/cli/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
    echo "roles.sh: skipped: needs root to run consult as another login"
    exit 0
fi
if ! command -v setpriv >/dev/null 2>&1 || ! id nobody >/dev/null 2>&1; then
    echo "roles.sh: skipped: needs setpriv and the nobody login"
    exit 0
fi
NOGROUP=$(id -gn nobody)

# Everyone may create files (the -wal and -shm) next to the database; the
# database itself is group-writable for nobody's group only.
chmod 1777 "$TMP"
c --shared init
expect_ok
chgrp "$NOGROUP" "$DB" "$DB.key"
check "the database is 0660" test "$(stat -c %a "$DB")" = 660
# The group reads the journal's key, to key the rows it writes.
check "its key is 0640" test "$(stat -c %a "$DB.key")" = 640
c consultation add --code AG21 --title "Agenda 21"
expect_ok
c theme add --consultation AG21 --code MOB --title "Mobilité"
expect_ok
c idea add --consultation AG21 --theme MOB --body "Entered by the admin"
expect_ok
root_idea=$(cat "$OUT")

as_nobody() {
    last="(as nobody) consult $*"
    setpriv --reuid=nobody --regid="$NOGROUP" --clear-groups \
        "$CONSULT" --db "$DB" "$@" </dev/null >"$OUT" 2>"$ERR"
    rc=$?
}

# ---------------------------------------------------------------- unknown
as_nobody idea list
expect_rc 77
expect_err_is "consult: Login \"nobody\" is not a user of this database; an admin can add it with: consult user add nobody --role agent"
expect_no_stdout

as_nobody user whoami
expect_ok
expect_out_is "nobody (no access to this database)"

# ---------------------------------------------------------------- viewer
c user add nobody --role viewer
expect_ok
expect_out_is "Login \"nobody\" now has the viewer role."

as_nobody user whoami
expect_ok
expect_out_is "nobody (viewer)"

as_nobody idea add --consultation AG21 --theme MOB --body "Not allowed"
expect_rc 77
expect_err_is "consult: Permission denied: this needs the agent role, and login \"nobody\" is viewer."
expect_no_stdout

as_nobody idea list
expect_ok
expect_out "Entered by the admin"

as_nobody idea show "$root_idea"
expect_ok
as_nobody stats
expect_ok
as_nobody audit verify
expect_ok
as_nobody audit list
expect_ok

as_nobody vote add "$root_idea" --participant E1
expect_rc 77
as_nobody consultation add --code X --title X
expect_rc 77
expect_err "this needs the admin role, and login \"nobody\" is viewer."
as_nobody participant show 1
expect_rc 77
as_nobody user add nobody --role admin
expect_rc 77

# ---------------------------------------------------------------- agent
c user add nobody --role agent
expect_ok

as_nobody idea add --consultation AG21 --theme MOB --body "Keyed in by the agent"
expect_ok
agent_idea=$(cat "$OUT")

as_nobody idea edit "$agent_idea" --title "Corrected by the agent"
expect_ok
expect_out_is "Idea $agent_idea updated."

as_nobody idea edit "$root_idea" --title "Not the agent's"
expect_rc 77
expect_err "an agent may change only what it entered"

as_nobody idea status "$agent_idea" reviewing
expect_rc 77
expect_err_is "consult: Permission denied: this needs the admin role, and login \"nobody\" is agent."

as_nobody idea tag "$agent_idea" urgent
expect_rc 77
as_nobody idea merge "$agent_idea" --into "$root_idea"
expect_rc 77
as_nobody user delete root
expect_rc 77

as_nobody vote add "$root_idea" --participant E1
expect_ok
as_nobody tally add "$root_idea" --count 3 --source "Atelier"
expect_ok
as_nobody comment add "$root_idea" --body "Bonne idée"
expect_ok

# What the login may do, asked of the same table the core checks.
as_nobody user can
expect_ok
expect_out "comment"
expect_out "add-idea"
expect_no_out "set-status"
expect_no_out "manage-users"
as_nobody user can vote
expect_ok
expect_no_stdout
as_nobody user can merge
expect_rc 77
expect_err_is "consult: login \"nobody\" may not merge: it needs the admin role."
c user can merge
expect_ok
c user can
expect_ok
expect_out "anonymise"
c user can fly
expect_rc 64

# Hidden comments are for admins: the core refuses --all to others, and
# their lists and pages leave them out.
c comment add "$root_idea" --body "Texte injurieux"
expect_ok
hidden=$(sed -n 's/^Comment \([0-9]*\) added.*/\1/p' "$OUT")
c comment hide "$hidden" --reason "Injurieux"
expect_ok
as_nobody comment list "$root_idea" --all
expect_rc 77
expect_err_is "consult: Permission denied: this needs the coordinator or admin role, and login \"nobody\" is agent."
expect_no_stdout
as_nobody comment list "$root_idea"
expect_ok
expect_out "    Bonne idée"
expect_no_out "Texte injurieux"
as_nobody idea show "$root_idea"
expect_ok
expect_no_out "Texte injurieux"
expect_no_out "hidden comment"
c idea show "$root_idea"
expect_ok
expect_out "1 hidden comment: consult comment list $root_idea --all"

c audit list --actor nobody
expect_ok
expect_out "nobody       add       idea#$agent_idea"

# ---------------------------------------------------------------- coordinator
# Reads everything, prepares sessions and exports answers, letters and
# contact lists (journaled); keys in nothing, decides nothing.
c idea add --consultation AG21 --theme MOB --body "Une navette le samedi." \
    --author-name "Élise Durand" --service Population \
    --postal "Rue Haute 3, 6000 Charleroi" --consent
expect_ok
answered=$(cat "$OUT")
c idea status "$answered" accepted --answer "Elle roulera dès mars."
expect_ok
c participant find --name "Élise Durand" --service Population
expect_ok
elise=$(cat "$OUT")
c session add --consultation AG21 --body codir --date 2026-12-10
expect_ok
sess=$(cat "$OUT")
tally=1
printf 'body,theme\nImporté,MOB\n' >"$TMP/one.csv"
chmod 644 "$TMP/one.csv"

c user add nobody --role coordinator
expect_ok
expect_out_is "Login \"nobody\" now has the coordinator role."
as_nobody user whoami
expect_ok
expect_out_is "nobody (coordinator)"
as_nobody user can
expect_ok
expect_out "see-personal"
expect_out "export-personal"
expect_out "sessions"
expect_no_out "add-idea"
expect_no_out "set-status"
expect_no_out "tag"
as_nobody user can set-status
expect_rc 77
expect_err_is "consult: login \"nobody\" may not set-status: it needs the admin role."
as_nobody user list
expect_ok

# What it reads: everything, the personal and the hidden included.
for cmd in "consultation list" "theme list --consultation AG21" \
           "idea list" "idea show $answered" "idea counts --consultation AG21" \
           "tally list $root_idea" "batch list" "import list" "stats" \
           "audit list" "audit verify" "session list" "session show $sess" \
           "participant show $elise" \
           "participant find --name Élise\ Durand --service Population"; do
    eval "as_nobody $cmd"
    expect_ok
done
as_nobody participant show "$elise"
expect_out "Rue Haute 3"
as_nobody comment list "$root_idea" --all
expect_ok
expect_out "Texte injurieux"

# What it exports: answers, letters, contact lists, each journaled.
cd "$TMP" || exit 1
for cmd in "export answers - --consultation AG21" \
           "export participants -" \
           "export ideas - --consultation AG21 --profile internal-contact" \
           "export letters --consultation AG21 $TMP/letters.csv" \
           "export answered --consultation AG21 $TMP/answered.csv" \
           "export person $elise $TMP/person.csv" \
           "export summary - --consultation AG21" \
           "export agenda --session $sess $TMP/agenda.csv"; do
    eval "as_nobody $cmd"
    expect_ok
done
cd - >/dev/null || exit 1
check "the letters name Élise" grep -q "Élise Durand" "$TMP/letters.csv"
check "the answered list names her" grep -q "Élise Durand" "$TMP/answered.csv"
c audit list --actor nobody
expect_ok
check "four exports journaled" \
    test "$(grep -c ' export  *export$' "$OUT")" -eq 4
expect_out "export    participant#$elise"
expect_out "answer_sent"

# It prepares sessions.
as_nobody session agenda "$sess" --add "$answered"
expect_ok
as_nobody session attendee "$sess" --name "Paul Lenoir" --role "DG"
expect_ok
as_nobody session add --consultation AG21 --body college --date 2027-01-05
expect_ok

# What it may not do: key in, triage, decide, administer.
agent_msg="consult: Permission denied: this needs the agent role, and login \"nobody\" is coordinator."
admin_msg="consult: Permission denied: this needs the admin role, and login \"nobody\" is coordinator."
for cmd in "idea add --consultation AG21 --theme MOB --body Non" \
           "idea edit $root_idea --title Non" \
           "vote add $root_idea --participant E7" \
           "tally add $root_idea --for 2 --source Atelier" \
           "tally set $tally --count 9" \
           "comment add $root_idea --body Non" \
           "import ideas $TMP/one.csv --consultation AG21" \
           "batch add --consultation AG21 --label Boîte --expect 3"; do
    eval "as_nobody $cmd"
    expect_rc 77
    expect_err_is "$agent_msg"
done
for cmd in "idea status $root_idea reviewing" "idea tag $root_idea urgent" \
           "idea merge $agent_idea --into $root_idea" \
           "idea unmerge $agent_idea" \
           "comment hide $hidden --reason Non" \
           "participant edit $elise --no-consent" \
           "participant anonymise $elise" \
           "consultation add --code X --title X" \
           "consultation state AG21 closed" \
           "consultation edit AG21 --hold-answers" \
           "consultation publish AG21" \
           "theme add --consultation AG21 --code ENV --title Env" \
           "theme edit --consultation AG21 MOB --title Non" \
           "theme retire --consultation AG21 MOB" \
           "theme delete --consultation AG21 MOB" \
           "import undo 1" \
           "session decide $sess $answered accepted --answer Oui" \
           "session close $sess" "session publish $sess" \
           "user add nobody --role admin" "user delete root" \
           "backup $TMP/copy.db" "restore $TMP/copy.db"; do
    eval "as_nobody $cmd"
    expect_rc 77
    expect_err_is "$admin_msg"
done
c idea show "$root_idea"
expect_ok
expect_out "Status:          new"
c participant show "$elise"
expect_ok
expect_out "Rue Haute 3"

finish
