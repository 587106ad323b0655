# SPDX-License-Identifier: EUPL-1.2
#
# batches.sh: the paper batches screen and the disputed forms in tmux at
# 80x23. From the ideas list (b, on its hint line) the batches with their
# keyed / expected, verified and disputed counts; Enter on a double-entry
# batch shows its disputed forms field by field, the two entries' values
# side by side with who keyed each; the admin settles one field with the
# second value, one with the first and the text with one typed, each
# checked in the database (applied, audited, the form verified at the
# end); a batch whose count differs closed with the reason typed; an agent
# who keyed the forms is refused in words when settling, and may close no
# batch whose count differs; a blank form keyed into a batch chosen from
# the entry form. Keying as a second login needs root (setpriv): skipped
# otherwise.
. "$CONSULT_SRC/tests/screen/lib.sh"

if [ "$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null 2>&1 \
   || ! id nobody >/dev/null 2>&1; then
    echo "batches.sh: skipped: needs root and setpriv to key as another login"
    exit 77
fi
me=$(id -un)
NOGROUP=$(id -gn nobody)
real=$CONSULT
cat >"$TMP/as-nobody" <<WRAP
#!/bin/sh
exec setpriv --reuid=nobody --regid=$(id -g nobody) --clear-groups "$real" "\$@"
WRAP
chmod 0755 "$TMP/as-nobody"
# nobody writes the database: its -wal and -shm files are made there.
chgrp "$NOGROUP" "$TMP"
chmod 0775 "$TMP"
chgrp "$NOGROUP" "$DB" "$DB.key"
chmod g+rw "$DB" "$DB.key"
c user add nobody --role agent
as_nobody() {
    "$TMP/as-nobody" --db "$DB" "$@" </dev/null >"$OUT" 2>&1 || cat "$OUT" >&2
}

c batch add --consultation AGENTS21 --label "Double Marchienne" --expect 3 \
    --double --date 2026-05-02
d=$(cat "$OUT")
c batch add --consultation AGENTS21 --label "Boîte Écoles" --expect 5 \
    --point "Écoles" --date 2026-05-03
p=$(cat "$OUT")
c idea add --batch "$d" --theme DD --body "Éclairer le parking" \
    --author-name "Jean Dupond" --service Voirie --form-ref D-1
as_nobody idea add --batch "$d" --theme CIT --body "Éclairer le parking
de la gare" --author-name "Jean Dupont" --service Voirie --form-ref D-1
c idea add --batch "$d" --theme DD --body "Des arbres" --author-name "Léa" \
    --form-ref D-2
as_nobody idea add --batch "$d" --theme DD --body "Des arbres" \
    --author-name "Léa" --form-ref D-2
c idea add --batch "$p" --theme DD --body "Des gourdes"
i1=$(sqlite3 "$DB" "SELECT id FROM idea WHERE form_ref = 'D-1'")

start 80 23
wait_for "b batches"
keys b
wait_for "Paper batches: 2, 2 open"
expect_line_has 1 "Keyed Verified Disputed State"
expect_line_has 2 "Double Marchienne"
expect_line_has 2 "2 / 3        1        1 open"
expect_line_has 3 "Boîte Écoles, Écoles"
expect_line_has 3 "1 / 5        -        - open"
expect_cursor_on "Double Marchienne"

# The disputed form, field by field, side by side.
keys Enter
wait_for "1 form, 3 fields to settle"
expect_line_has 2 "Form D-1, idea $i1: keyed first by $me, then by nobody"
expect_line_has 3 "> Theme          DD"
expect_line_has 3 "| CIT"
expect_line_has 4 "  Author's name  Jean Dupond"
expect_line_has 4 "| Jean Dupont"
expect_line_has 5 "  Text           Éclairer le parking"
expect_line_has 5 "| Éclairer le parking de la gare"
wait_for "1: Theme, first entry by $me"
wait_for "2: Theme, second entry by nobody"
wait_for "1 first  2 second  t type another"

# A value the field refuses: said, kept to correct; Esc settles nothing.
keys t
wait_for "Theme of form D-1: DD"
keys C-u
type "ZZZ"
keys Enter
wait_for "No theme \"ZZZ\""
wait_for "Theme of form D-1: ZZZ"
keys Escape
wait_for "Nothing settled."
wait_for "1 form, 3 fields to settle"

# The second theme, the first name: applied to the idea.
keys 2
wait_for "Theme of form D-1 settled; 2 left."
check "the theme settled is the second entry's" test \
    "$(sqlite3 "$DB" "SELECT t.code FROM idea i JOIN theme t ON t.id = i.theme_id WHERE i.id = $i1")" = CIT
expect_cursor_on "Author's name"
keys 1
wait_for "Author's name of form D-1 settled; 1 left."
expect_cursor_on "Text"
wait_for "1: Text, first entry by $me"
wait_for "de la gare"

# Another text, typed in the editor that opens on the first one.
keys t
wait_for "Text of form D-1"
wait_for "Éclairer le parking"
type " de la gare SNCB"
keys F2
wait_for "Text of form D-1 settled: nothing is left to settle in this batch."
wait_for "Nothing to settle: 2 verified"
check "the text typed is the idea's, and it is verified" test \
    "$(sqlite3 "$DB" "SELECT entry_check || ':' || body FROM idea WHERE id = $i1")" = \
    "verified:Éclairer le parking de la gare SNCB"
check "each settlement is in the journal" test \
    "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE action = 'resolve'")" -eq 3

# Back on the batches: the counts read again.
keys Escape
wait_for "Paper batches: 2, 2 open"
expect_line_has 2 "2 / 3        2        0 open"

# The plain batch has 1 form of 5: its reason, typed, closes it.
keys Down
expect_cursor_on "Boîte Écoles"
keys c
wait_for "1 keyed of 5: why close batch $p?"
type "Quatre formulaires illisibles"
keys Enter
wait_for "Batch $p closed: no form is keyed into it now."
wait_for "Paper batches: 2, 1 open"
expect_line_has 3 "closed"
check "the reason is kept" test \
    "$(sqlite3 "$DB" "SELECT close_reason FROM paper_batch WHERE id = $p")" = \
    "Quatre formulaires illisibles"

# From the entry form, the batch to key into: the open ones.
keys Escape
wait_for "b batches"
keys a
wait_for "New form"
keys F4
wait_for "Key the forms into paper batch"
wait_for "(no batch)"
wait_for "Double Marchienne (2/3), keyed twice"
wait_gone "Boîte Écoles"
keys Down Enter
wait_for "Forms are keyed into batch $d now."
wait_for "Batch Double Marchienne: 2 / 3 keyed"
wait_for "B$d-003"
keys F10
wait_exit

# An agent who keyed the forms: settling is refused in words; a count
# that differs is an admin's to close.
c batch add --consultation AGENTS21 --label "Autre" --expect 2 --double
d2=$(cat "$OUT")
c idea add --batch "$d2" --theme DD --body "Des bancs" --form-ref E-1
as_nobody idea add --batch "$d2" --theme DD --body "Des bancs publics" \
    --form-ref E-1
CONSULT=$TMP/as-nobody
start 80 23
wait_for "b batches"
keys b
wait_for "Paper batches: 3, 2 open"
keys End
expect_cursor_on "Autre"
keys c
wait_for "only an admin may close it, with a reason."
keys Enter
wait_for "Form E-1"
keys 1
wait_for "You keyed form E-1"
wait_for "1 form, 1 field to settle"
check "nothing is settled" test \
    "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE action = 'resolve'")" -eq 3

# Larger, and resized: the two values still side by side.
resize 120 40
wait_for "Des bancs publics"
expect_line_has 3 "> Text"
finish
