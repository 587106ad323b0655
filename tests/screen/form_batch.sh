# SPDX-License-Identifier: EUPL-1.2
#
# form_batch.sh: `consult enter --batch`: a paper batch's layout (the
# fields its paper lacks are skipped), its next reference proposed and
# taken, or overwritten with the paper's number, its count on the form;
# a batch of theme, name, service and text takes three navigation keys a
# form once the theme is set (Tab, Tab, F2); a viewer is refused.
. "$CONSULT_SRC/tests/screen/lib.sh"

c batch add --consultation AGENTS21 --label "Enveloppe Marchienne" \
    --expect 3 --fields theme,author_name,service,body
b=$(cat "$OUT")
check "the batch is made" test -n "$b"

start 80 23 enter --batch "$b"
wait_for "Batch Enveloppe Marchienne: 0 / 3 keyed"
wait_for "this form is B$b-001"
wait_gone "Email:"
type "DD"
keys Tab
expect_cursor_on "Name:"
type "Émile Zola"
keys Tab
type "Écoles"
keys Tab
expect_cursor_on "Text:"
type "Des gourdes"
keys F2
wait_for "Batch Enveloppe Marchienne: 1 / 3 keyed"
wait_for "this form is B$b-002"
expect_cursor_on "Name:"
type "Nana Coupeau"
keys Tab
type "Finances"
keys Tab
type "Moins de réunions"
keys F2
wait_for "2 / 3 keyed"
check "two forms in the batch, numbered from it" test \
    "$(sqlite3 "$DB" "SELECT group_concat(form_ref, ' ') FROM (SELECT form_ref FROM idea WHERE paper_batch_id = $b ORDER BY id)")" = "B$b-001 B$b-002"
check "with their authors" test \
    "$(sqlite3 "$DB" "SELECT p.name FROM idea i JOIN participant p ON p.id = i.author_id WHERE i.form_ref = 'B$b-002'")" = "Nana Coupeau"
c batch show "$b"
check "the batch counts them" out_has "2"

# A paper with its own number: the proposed reference is overwritten.
c batch add --consultation AGENTS21 --label "Atelier" --expect 1 \
    --fields theme,form_ref,body
b2=$(cat "$OUT")
start 80 23 enter --batch "$b2"
wait_for "Batch Atelier: 0 / 1 keyed"
wait_for "Form reference:     B$b2-001"
type "DD"
keys Tab
keys C-u
type "AT-42"
keys Tab
type "Un atelier par mois"
keys F2
wait_for "1 / 1 keyed"
check "the paper's number is kept" test \
    "$(sqlite3 "$DB" "SELECT count(*) FROM idea WHERE form_ref = 'AT-42' AND paper_batch_id = $b2")" -eq 1

# A viewer may not key forms: consult enter says so (exit 77), on a
# terminal (script(1) gives it one).
if command -v script >/dev/null 2>&1; then
    c user add "consult-test-admin" --role admin
    c user add "$(id -un)" --role viewer
    script -qec "'$CONSULT' --db '$DB' enter --batch $b" /dev/null \
        >"$OUT" 2>&1 </dev/null
    rc=$?
    check "a viewer's consult enter exits 77" test "$rc" -eq 77
    check "and says why" out_has "needs the agent or admin role"
fi
finish
