# SPDX-License-Identifier: EUPL-1.2
#
# roles.sh: a viewer in tmux on the demo database sees no action it may
# not take (the bar, the hint and the help say nothing of status, triage,
# tags or merges, and their keys do nothing) and no author's name; an
# agent may add a remark but not set a status.
. "$CONSULT_SRC/tests/screen/lib.sh"

# The login running the test made the demo, so it is its admin: another
# admin comes first, then it steps down (on a copy for the agent's turn).
me=$(id -un)
c user add "consult-test-admin" --role admin
check "another admin is added" test -s "$DB"
cp "$DB" "$TMP/agent.db"
cp "$DB.key" "$TMP/agent.db.key"      # its journal's key goes with it
cp "$DB" "$TMP/coord.db"
cp "$DB.key" "$TMP/coord.db.key"
c user add "$me" --role viewer
c user whoami
check "the login running the test is now a viewer" out_has "viewer"

start 80 24
wait_for "50 ideas"
expect_line 23 "1Help   2       3Search 4Filter 5Reload 6Sort   7       8Stats  9Consul 10Quit"
expect_line 22 "? help  Enter open  b batches  / search  f filter  o sort  q quit"
# The keys of the actions a viewer lacks do nothing.
keys s t Space
keys F2
keys /
wait_for "Search:"
keys Escape Escape
wait_gone "Search:"
expect_line_has 0 "AGENTS21  |  50 ideas  |  by date, newest first"
keys F1
wait_for 'Keys of the screen "Ideas"'
check "the help says nothing of statuses" lacks_text "Set the status"
check "nor of triage" lacks_text "Triage the new ideas"
keys Escape
wait_for "50 ideas"

# An idea's page: no name, no action but reading.
keys Enter
wait_for "Idea 48  |  new  |  DD"
expect_line_has 7 "Author      a participant (shown to admins and coordinators)"
expect_line 23 "1Help   2       3       4       5Reload 6       7       8       9Back   10Quit"
keys m 1 s
expect_line_has 0 "Idea 48  |  new"
keys q
wait_exit

# An agent may add a remark, and is refused nothing it is shown.
DB=$TMP/agent.db
c user add "$me" --role agent
c user whoami
check "the login running the test is now an agent" out_has "agent"
start 80 24
wait_for "50 ideas"
keys Enter
wait_for "Idea 48  |  new  |  DD"
expect_line 23 "1Help   2       3       4       5Reload 6Remark 7       8       9Back   10Quit"
keys c
wait_for "Remark on idea 48"
type "Remarque saisie par un agent."
keys F2
wait_for "Remark added."
c comment list 48
check "the agent's remark is stored" out_has "Remarque saisie par un agent."
keys q
wait_exit

# A coordinator reads the author's name, and is offered no remark, no
# status and no triage.
DB=$TMP/coord.db
c user add "$me" --role coordinator
c user whoami
check "the login running the test is now a coordinator" out_has "coordinator"
start 80 24
wait_for "50 ideas"
expect_line 22 "? help  Enter open  b batches  / search  f filter  o sort  q quit"
keys Enter
wait_for "Idea 48  |  new  |  DD"
expect_line_has 7 "Author      André Lurquin"
expect_line 23 "1Help   2       3       4       5Reload 6       7       8       9Back   10Quit"
keys s c
expect_line_has 0 "Idea 48  |  new"
keys q
wait_exit

finish
