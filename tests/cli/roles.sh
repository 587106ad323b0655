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
expect_err_is "consult: Permission denied: this needs the admin role, and login \"nobody\" is agent."
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

finish
