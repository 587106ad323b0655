# SPDX-License-Identifier: EUPL-1.2
#
# search_order.sh: while searching, the results follow the order the
# header names, and o changes it: relevance (the default), date, support,
# number, and relevance again. Esc goes back to the list's own order. At
# 80x23 and 200x50.
. "$CONSULT_SRC/tests/screen/lib.sh"

# The list rows' column N (1: number, 4: support, 6: date), top to bottom.
column() {
    screen | sed -n '3,$p' | sed 's/^[>* ]*//' |
        awk -v c="$1" '$1 ~ /^[0-9]+$/ && $6 ~ /^20/ { print $c }'
}

# Column N is in order (sort FLAGS), with at least two rows.
in_order() {
    column "$1" >"$TMP/col"
    [ "$(wc -l <"$TMP/col")" -ge 2 ] && sort -c $2 "$TMP/col"
}

expect_order() {
    checks=$((checks + 1))
    in_order "$1" "$2" || fail "column $1 is not in order ($2)"
}

for size in "80 23" "200 50"; do
    start $size
    wait_for "50 ideas"
    keys /
    wait_for "Search:"
    type "service"
    keys Enter
    wait_gone "Search:"
    wait_for 'search "service"'
    wait_for "by relevance, best first"
    keys o
    wait_for "by date, newest first"
    expect_order 6 -r
    keys o
    wait_for "by support, most first"
    expect_order 4 -rn
    keys o
    wait_for "by number, highest first"
    expect_order 1 -rn
    # O reverses it; o goes on to relevance.
    keys O
    wait_for "by number, lowest first"
    expect_order 1 -n
    keys o
    wait_for "by relevance, best first"
    # Esc clears the search: the list's own order is back.
    keys Escape
    wait_gone 'search "service"'
    wait_for "by date, newest first"
    keys q
    wait_exit
done
finish
