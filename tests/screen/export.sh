# SPDX-License-Identifier: EUPL-1.2
#
# export.sh: the export screen in tmux on the demo database, opened from
# the ideas list (E). The list filtered (status new), searched ("service")
# and sorted (support, most first); E then F2 writes what the list shows:
# the file holds the rows the list showed, in the same order, and the
# screen says where the file is and how many rows; v checks it against
# its manifest. Then everything (s), in Excel's form with French headers,
# at 200x50; another kind chosen from its list; Esc back to the list as
# it was.
. "$CONSULT_SRC/tests/screen/lib.sh"

# The list rows' numbers, top to bottom.
list_ids() {
    screen | sed -n '3,$p' | sed 's/^[>* ]*//' |
        awk '$1 ~ /^[0-9]+$/ && $6 ~ /^20/ { print $1 }'
}

# The first column of the data rows of CSV file $1 (its delimiter $2).
file_ids() {
    python3 -c '
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    rows = list(csv.reader(f, delimiter=sys.argv[2]))
for r in rows[1:]:
    print(r[0])
' "$1" "$2"
}

start 80 23
wait_for "50 ideas"
keys f
wait_for "Filter the ideas by"
keys 2
wait_for "Show the ideas with status"
keys 2
wait_for "status new"
keys /
wait_for "Search:"
type "service"
keys Enter
wait_gone "Search:"
wait_for 'search "service"'
keys o
wait_for "by date, newest"
keys o
wait_for "by support, most"
wait_for "11 ideas"
list_ids >"$TMP/shown-ids"
check "the list shows 11 ideas" test "$(wc -l <"$TMP/shown-ids")" -eq 11

# E: what the list shows is chosen; its words say what it is.
keys E
wait_for "Export to a CSV file"
wait_for "[x] what the ideas list shows:"
wait_for 'status new, search "service", most supported first'
expect_cursor_on "Kind"
expect_line_has 21 "e export"
keys End
expect_cursor_on "File"
keys Enter
wait_for "File name:"
keys C-u
type "$TMP/shown.csv"
keys Enter
wait_gone "File name:"
expect_cursor_on "$TMP/shown.csv"
keys F2
wait_for "Written: 11 rows (ideas export, codir profile), in:"
wait_for "  $TMP/shown.csv"
wait_for "shown.csv.manifest"
file_ids "$TMP/shown.csv" , >"$TMP/file-ids"
check "the file holds the list's rows in its order" \
    cmp -s "$TMP/shown-ids" "$TMP/file-ids"
check "the manifest names the search and the order" \
    sh -c "grep -qx 'search: service' '$TMP/shown.csv.manifest' &&
           grep -qx 'sort: support desc' '$TMP/shown.csv.manifest' &&
           grep -qx 'status: new' '$TMP/shown.csv.manifest'"
keys v
wait_for "Matches its manifest: 11 rows"
c export verify "$TMP/shown.csv"
check "the CLI agrees" grep -q "matches its manifest" "$OUT"

# 200x50: everything, for Excel with French headers.
resize 200 50
wait_for "Export to a CSV file"
keys s
wait_for "[ ] everything"
keys Home Down Down Down Down
expect_cursor_on "Excel"
keys Space
wait_for '[x] byte order mark, ";" and CRLF'
keys Down Space
wait_for "[x] French column names"
keys e
wait_for "Written: 50 rows (ideas export, codir profile), in:"
check "Excel's form: a BOM and ;" \
    sh -c "head -c 3 '$TMP/shown.csv' | od -An -tx1 | grep -q 'ef bb bf' &&
           head -1 '$TMP/shown.csv' | grep -q '^.*identifiant;consultation;thème'"
file_ids "$TMP/shown.csv" ';' >"$TMP/file-ids"
check "every idea, by number" sh -c "sort -n '$TMP/file-ids' | cmp -s - '$TMP/file-ids' && test \$(wc -l <'$TMP/file-ids') -eq 50"
keys v
wait_for "Matches its manifest: 50 rows"

# Another kind from its list; the name typed stays.
keys Home Enter
wait_for "Which export?"
keys 8
wait_for "summary: the committee's table"
expect_line_has 7 "$TMP/shown.csv"
keys Escape
wait_for 'search "service"'
wait_for "11 ideas"
keys q
wait_exit

finish
