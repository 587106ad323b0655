# SPDX-License-Identifier: EUPL-1.2
#
# form.sh: the entry form in the real binary. Forms keyed with accents and
# a text of several lines, checked with the CLI; a reference already used
# and a very similar idea, each warning with each of its ways on; a save
# while another process holds the database (the form kept, then saved);
# an anonymous form from a service; a keyed form corrected; Esc on a
# half-typed form (and F10) asks first; the ideas list's a; 80x23 and
# 200x50.
. "$CONSULT_SRC/tests/screen/lib.sh"

CONSULT_BUSY_TIMEOUT=300
export CONSULT_BUSY_TIMEOUT

idea_count() {
    sqlite3 "$DB" "SELECT count(*) FROM idea"
}

start 80 23 enter --consultation AGENTS21
wait_for "Entry form: AGENTS21 - New form"
wait_for "Date on the form:"
# The theme's list narrows as its first letters are typed.
type "dév"
wait_for "> COMP  Développement des compétences"
wait_for "DD  Développement durable"
keys Down
wait_for "> DD  Développement durable"
keys Tab
wait_for "Theme:              DD  Développement durable"
expect_cursor_on "Form reference:"
type "P-001"
keys Tab
type "Élodie Müller"
keys Enter
type "Crèche « Les Lutins »"
keys Tab
type "elodie@example.be"
keys Tab Tab
type "+32 71 00 00 01"
keys Tab
expect_cursor_on "Consent to contact:"
keys Space
wait_for "[x] yes, may be contacted"
keys Tab Tab
expect_cursor_on "Text:"
type "Des bancs près de la crèche"
keys Enter
type "à l'ombre des grands arbres"
wait_for "à l'ombre des grands arbres"
expect_cursor_on "à l'ombre des grands arbres"
before=$(idea_count)
keys F2
wait_for "Saved as idea"
wait_for "1 form keyed"
first=$(sqlite3 "$DB" "SELECT id FROM idea WHERE form_ref = 'P-001'")
check "the form is an idea" test -n "$first"
c idea show "$first"
check "its text has both lines" \
    sh -c "grep -qF 'Des bancs près de la crèche' '$OUT' && grep -qF \"à l'ombre des grands arbres\" '$OUT'"
check "its title is made from the text" out_has "Title:           Des bancs près de la crèche"
check "its theme" out_has "Theme:           DD"
check "its author" out_has "Élodie Müller, Crèche « Les Lutins »"
check "the phone and consent are kept" test \
    "$(sqlite3 "$DB" "SELECT phone || '|' || consent FROM participant WHERE name = 'Élodie Müller'")" = "+32 71 00 00 01|1"
# The next blank form keeps the theme; the cursor is on the reference.
wait_for "Theme:              DD  Développement durable"
expect_cursor_on "Form reference:"
wait_gone "Élodie Müller"

# A reference already used: said and shown, nothing saved; back to it.
type "P-001"
keys Tab
type "Jean Dupont"
keys Tab Tab Tab Tab Tab Tab Tab
expect_cursor_on "Text:"
type "Un parking pour les vélos"
keys F2
wait_for "Form P-001 is already in this consultation"
wait_for "Des bancs près de la crèche"
wait_for "b back to the form"
check "nothing saved for a reference taken" test "$(idea_count)" -eq $((before + 1))
keys b
wait_for "Back to the form: nothing saved."
expect_cursor_on "Form reference:"
wait_for "Un parking pour les vélos"
keys C-u
type "P-002"
keys F2
wait_for "Saved as idea"
check "P-002 is saved by Jean Dupont" test \
    "$(sqlite3 "$DB" "SELECT p.name FROM idea i JOIN participant p ON p.id = i.author_id WHERE i.form_ref = 'P-002'")" = "Jean Dupont"

# A very similar idea: back, then save anyway.
type "P-003"
keys Tab Tab Tab Tab Tab Tab Tab Tab
type "bancs près crèche ombre grands arbres"
n=$(idea_count)
keys F2
wait_for "A very similar idea is already there: idea $first"
wait_for "s save anyway  b back to the form"
keys b
wait_for "Back to the form: nothing saved."
check "back: nothing saved" test "$(idea_count)" -eq "$n"
keys F2
wait_for "A very similar idea is already there"
keys s
wait_for "Saved as idea"
check "save anyway: a new idea" test "$(idea_count)" -eq $((n + 1))

# With a name: support the existing idea instead, the text as a remark.
type "P-004"
keys Tab
type "Zoé Lambert"
keys Tab Tab Tab Tab Tab Tab Tab
type "Des bancs à l'ombre des arbres près de la crèche !"
n=$(idea_count)
keys F2
wait_for "v support it instead"
keys v
wait_for "Support recorded for idea"
check "support: no new idea" test "$(idea_count)" -eq "$n"
supported=$(sqlite3 "$DB" "SELECT v.idea_id FROM vote v JOIN participant p ON p.id = v.participant_id WHERE p.name = 'Zoé Lambert'")
check "support: Zoé's vote, for a very similar idea" \
    sh -c "sqlite3 '$DB' \"SELECT form_ref FROM idea WHERE id = '$supported'\" | grep -qx 'P-00[13]'"
check "support: the text as her remark on that idea" test \
    "$(sqlite3 "$DB" "SELECT count(*) FROM comment c JOIN participant p ON p.id = c.participant_id WHERE c.idea_id = '$supported' AND p.name = 'Zoé Lambert' AND c.body LIKE '%près de la crèche !'")" -eq 1

# An anonymous form from a service.
type "P-005"
keys Tab Tab
type "Service des sports"
keys Tab Tab Tab Tab Tab Tab
type "Un terrain de pétanque"
keys F2
wait_for "Saved as idea"
check "the anonymous form counts for its service" test \
    "$(sqlite3 "$DB" "SELECT coalesce(p.name, '-') || '|' || p.service FROM idea i JOIN participant p ON p.id = i.author_id WHERE i.form_ref = 'P-005'")" = "-|Service des sports"

# Saving while another process holds the database: the form stays, with
# the message; saved once the lock is gone.
type "P-006"
keys Tab
type "Hélène Roux"
keys Tab Tab Tab Tab Tab Tab Tab
type "Une fontaine à eau au rez-de-chaussée"
sqlite3 -cmd ".timeout 5000" "$DB" "BEGIN EXCLUSIVE;" \
    "INSERT INTO meta(key, value) VALUES ('lock', 'x');" \
    ".shell while [ ! -e '$TMP/release' ]; do sleep 0.05; done" \
    "ROLLBACK;" >"$TMP/holder.out" 2>&1 &
holder=$!
i=0
until ! sqlite3 -cmd ".timeout 1" "$DB" "BEGIN IMMEDIATE; ROLLBACK;" \
        >/dev/null 2>&1; do
    i=$((i + 1))
    [ "$i" -gt 100 ] && { echo "the lock was never taken:" >&2;
        cat "$TMP/holder.out" >&2; exit 1; }
    sleep 0.05
done
keys F2
wait_for "busy"
wait_for "Hélène Roux"
wait_for "Une fontaine à eau au rez-de-chaussée"
touch "$TMP/release"
wait "$holder"
keys F2
wait_for "Saved as idea"
check "saved after the lock: by Hélène Roux" test \
    "$(sqlite3 "$DB" "SELECT p.name FROM idea i JOIN participant p ON p.id = i.author_id WHERE i.form_ref = 'P-006'")" = "Hélène Roux"

# A reference taken, then that form opened to correct it instead; left
# unchanged, it leaves without asking.
type "P-001"
keys Tab Tab Tab Tab Tab Tab Tab Tab
type "Un doublon"
keys F2
wait_for "Form P-001 is already in this consultation"
wait_for "e correct that form"
keys e
wait_for "Correcting idea $first: F2 saves it."
wait_for "Élodie Müller"
wait_for "Des bancs près de la crèche"
keys Escape Escape
wait_gone "Entry form:"
keys a
wait_for "Entry form: AGENTS21 - New form"
type "DD"
keys Tab

# A field refused: the cursor goes to it, the values stay.
type "P-007"
keys Tab
type "Anne"
keys Tab Tab
type "pas-une-adresse"
keys Tab Tab Tab Tab Tab
type "Un local vélo"
keys F2
wait_for "is not an email address"
wait_for "!Email:"
expect_cursor_on "pas-une-adresse"
wait_for "Un local vélo"

# Esc on a half-typed form asks; no keeps it.
keys Escape Escape
wait_for "Leave the form? What is typed would be lost. (y/n)"
keys n
wait_for "Go on typing."
wait_for "Un local vélo"
# So does F10.
keys F10
wait_for "Quit anyway? (y/n)"
keys n
wait_for "Go on typing."
wait_for "Un local vélo"
keys Escape Escape
wait_for "Leave the form?"
keys y
wait_for "AGENTS21"
wait_gone "Entry form:"
check "the half-typed form was not saved" test \
    "$(sqlite3 "$DB" "SELECT count(*) FROM idea WHERE form_ref = 'P-007'")" -eq 0

# From the ideas list, a opens the form (on the hint line).
wait_for "a add"
keys a
wait_for "Entry form: AGENTS21 - New form"

# Correcting a keyed form by its reference: both versions journaled.
keys C-o
wait_for "Reference of the form to correct:"
type "P-002"
keys Enter
wait_for "Correcting idea"
wait_for "Jean Dupont"
keys Tab Tab Tab Tab Tab Tab Tab Tab Tab
expect_cursor_on "Text:"
keys End
type " couvert"
keys F2
wait_for "corrected"
c idea show "$(sqlite3 "$DB" "SELECT id FROM idea WHERE form_ref = 'P-002'")"
check "the correction is saved" out_has "Un parking pour les vélos couvert"
check "the journal keeps the version before" test \
    "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE tbl = 'idea' AND action = 'update' AND before LIKE '%Un parking pour les vélos\"%'")" -eq 1

# 200x50 and back to 80x23.
resize 200 50
wait_for "Date on the form:"
expect_line_has 0 "Entry form: AGENTS21"
resize 80 23
wait_for "Date on the form:"
finish
