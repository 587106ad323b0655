# SPDX-License-Identifier: EUPL-1.2
#
# man.sh: consult(1) documents every command of the command table and every
# option its usage texts name, and renders without warnings.
. "$CONSULT_SRC/tests/cli/lib.sh"

page=$CONSULT_SRC/man/consult.1
check "man/consult.1 exists" test -s "$page"
# The page's text without roff escapes for hyphens and fonts.
sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$page" >"$TMP/page"

run --help
expect_ok
commands=$(sed -n '/^Commands:/,/^  help /{/^  [a-z]/s/^  \([a-z]*\) .*/\1/p}' "$OUT" | grep -vx help)
check "the command list is not empty" test -n "$commands"

in_page() {
    grep -qF -- "$1" "$TMP/page"
}

for cmd in $commands; do
    run help "$cmd"
    expect_ok
    cp "$OUT" "$TMP/usage"
    # Each "consult CMD SUB" form of the usage text.
    for form in $(sed -n 's/^.*consult \([a-z]*\)\( [a-z]*\)\{0,1\}.*$/\1\2/p' "$TMP/usage" | tr ' ' '_' | sort -u); do
        words=$(echo "$form" | tr '_' ' ')
        case $words in
            *" "[a-z]*) ;;
            *) words="$cmd" ;;
        esac
        check "consult(1) documents 'consult $words'" in_page "consult $words"
    done
    for opt in $(grep -o -- '--[a-z][a-z-]*' "$TMP/usage" | sort -u); do
        check "consult(1) documents $opt of '$cmd'" in_page "$opt"
    done
done
check "consult(1) documents 'consult help'" in_page "consult help"

for section in NAME SYNOPSIS DESCRIPTION COMMANDS "EXIT STATUS" ENVIRONMENT \
               FILES EXAMPLES "SEE ALSO"; do
    check "consult(1) has $section" grep -q "^\\.SH \"\\{0,1\\}$section\"\\{0,1\\}\$" "$page"
done
for code in 0 64 65 66 73 74 75 77; do
    check "consult(1) explains exit status $code" grep -q "^\\.B $code\$" "$page"
done
for var in CONSULT_DB CONSULT_DATADIR XDG_DATA_HOME LANG LC_ALL; do
    check "consult(1) names $var" in_page "$var"
done
check "consult(1) points to consult-csv(5)" in_page "consult-csv (5)"

if command -v groff >/dev/null 2>&1; then
    groff -man -Tutf8 -ww -z "$page" >"$TMP/groff.out" 2>&1
    check "consult(1) renders without warnings" test ! -s "$TMP/groff.out"
    groff -man -Tutf8 -P-cbou "$page" >"$TMP/page.txt" 2>/dev/null
    check "consult(1) renders its sections" grep -q "^EXIT STATUS" "$TMP/page.txt"
fi

finish
