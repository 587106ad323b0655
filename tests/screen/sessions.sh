# SPDX-License-Identifier: EUPL-1.2
#
# sessions.sh: the committee sessions screen in tmux on the demo database,
# opened from the ideas list (S): a session added on screen (body, date,
# title), one prepared with the CLI opened, its three items decided key by
# key (accepted and implemented with their official answers typed in the
# editor, postponed with a reason), the cursor going on to the next item
# to decide; the session closed (the statuses set, checked with the CLI),
# its held answers published, and the figures of who they reach; at 80x23
# and 200x50.
. "$CONSULT_SRC/tests/screen/lib.sh"

c consultation edit AGENTS21 --hold-answers
c session add --consultation AGENTS21 --body codir --date 2026-12-10 \
    --title "Séance de décembre"
S=$(cat "$OUT")
c session agenda "$S" --add 3 4 5
start 80 23
wait_for "50 ideas"
keys S
wait_for "Committee sessions  |  AGENTS21  |  1"
expect_cursor_on "Séance de décembre"
expect_line_has 2 "0/3"

# A session added on screen: body, date, title; it is selected.
keys n
wait_for "A session of which body?"
keys Down Enter
wait_for "Date of the session"
type "2027-01-14"
keys Enter
wait_for "Title (Enter: none)"
type "Séance de janvier"
keys Enter
wait_for "added; 0 items carried"
wait_for "Committee sessions  |  AGENTS21  |  2"
expect_cursor_on "Séance de janvier"
c session list --consultation AGENTS21
check "the CLI sees the new session" grep -q "2027-01-14" "$OUT"

# Open the first: its agenda, the first item on the cursor.
keys Up Enter
wait_for "Session $S  |  AGENTS21"
wait_for "0 of 3 items decided"
expect_cursor_on "Ouverture un samedi"

# Accepted, with its answer and a reason: on to the next item.
keys a
wait_for "Official answer: accepted"
wait_for "Ouverture un samedi"
type "Un samedi par mois dès mars, à l’essai."
keys F2
wait_for "Reason, for the minutes"
type "Demande forte"
keys Enter
wait_for "Decision recorded"
wait_for "1 of 3 items decided"
expect_cursor_on "Un accueil unique"

# Postponed: a reason only.
keys p
wait_for "Reason, for the minutes"
type "À chiffrer"
keys Enter
wait_for "2 of 3 items decided"
expect_cursor_on "Des courriers"

# Implemented; then Esc in the editor asks before losing the typed text.
keys i
wait_for "Official answer: implemented"
type "Les courriers ont été réécrits."
keys F2
wait_for "Reason, for the minutes"
keys Enter
wait_for "3 of 3 items decided"
c session show "$S"
check "the CLI sees the three decisions" \
    grep -q "Un samedi par mois dès mars" "$OUT"
c idea show 3
check "the idea keeps its status until the session closes" \
    grep -q "Status: *new" "$OUT"

# Closed: the statuses set; the answers held until published.
keys C
wait_for "Close session $S?"
keys y
wait_for "Session closed"
wait_for "closed, answers held"
c idea show 3
check "closing set the status" grep -q "Status: *accepted" "$OUT"
keys a
wait_for "Session $S is closed: its decisions stand"
keys P
wait_for "Publish the answers of session $S?"
keys y
wait_for "answers published."
wait_for "closed, answers published"
wait_for "Answers: email"

# 200x50: the whole row; back to the list, then to the ideas.
resize 200 50
wait_for "Un samedi par mois dès mars, à l’essai."
keys Escape
wait_for "Committee sessions  |  AGENTS21  |  2"
expect_cursor_on "3/3"
keys Escape
wait_for "50 ideas"

# From the ideas list, G puts the marked ideas on the agenda of the one
# open session (January's), then the selected one; once only.
J=$(( S + 1 ))
keys Home Space Space
wait_for "2 marked"
keys G
wait_for "2 ideas put on the agenda of session $J."
keys Home G
wait_for "0 of 1 ideas put on the agenda of session $J; the others were on it already."
c session show "$J"
check "January's agenda: the postponed idea carried, then the two put on" \
    sh -c "grep '^ *[0-9]*\. Idea' '$OUT' | sed 's/ \[.*//' | tr -s ' ' \
           | tr '\n' '|' | grep -qx ' 1. Idea 4| 2. Idea 48| 3. Idea 47|'"
keys q
wait_exit

finish
