# SPDX-License-Identifier: EUPL-1.2
#
# import_man.sh: consult-csv(5) documents every field of every kind of
# import (the templates' columns, which are the canonical names), the
# reject file's two columns, and renders without warnings.
. "$CONSULT_SRC/tests/cli/lib.sh"

page=$CONSULT_SRC/man/consult-csv.5
check "man/consult-csv.5 exists" test -s "$page"

for kind in ideas votes tallies participants comments; do
    run export template "$kind" -
    expect_ok
    section=$(echo "$kind" | tr a-z A-Z)
    check "consult-csv(5) has a section $section" grep -q "^\\.SH $section\$" "$page"
    for field in $(tr ',' ' ' <"$OUT"); do
        # The field, in bold, in its kind's section.
        check "consult-csv(5) documents $field of $kind" \
            sh -c "sed -n '/^\\.SH $section\$/,/^\\.SH [A-Z]/p' '$page' | grep -qx '\\.B $field'"
    done
done
# Every column name of the records' tables (consult --list-fields) is in
# its field's "Also read from" line, in its kind's section.
run --list-fields
expect_ok
cp "$OUT" "$TMP/fields"
for kind in idea vote tally participant comment; do
    case $kind in
    idea) section=IDEAS ;; vote) section=VOTES ;;
    tally) section=TALLIES ;; participant) section=PARTICIPANTS ;;
    comment) section=COMMENTS ;;
    esac
    sed -n "/^\.SH $section\$/,/^\.SH [A-Z]/p" "$page" \
        | sed -e 's/\\(aq/'"'"'/g' -e 's/\\-/-/g' >"$TMP/section"
    awk -F'\t' -v k=$kind '$1 == k && $6 != "" { print $2 "\t" $6 }' "$TMP/fields" \
        >"$TMP/want"
    while IFS=$(printf '\t') read -r field aliases; do
        # The field's entry: from its .B line after a .TP to the next .TP
        # or .PP.
        awk -v f=".B $field" '$0 == f && prev == ".TP" { on = 1 } { prev = $0 }
            $0 == f && on == 1 { on = 2; next }
            on == 2 && /^\.(TP|PP|SH)/ { exit }
            on == 2 && /^Also read from: / { print }' \
            "$TMP/section" | sed -e 's/^Also read from: //' -e 's/\.$//' \
            | tr ',' '\n' | sed 's/^ *//' >"$TMP/listed"
        echo "$aliases" | tr '|' '\n' >"$TMP/aliases"
        while IFS= read -r alias; do
            check "consult-csv(5) lists \"$alias\" for $field of $kind" \
                grep -qxF -- "$alias" "$TMP/listed"
        done <"$TMP/aliases"
    done <"$TMP/want"
done
check "consult-csv(5) names the reject file's columns" \
    sh -c "grep -q import_line '$page' && grep -q import_error '$page'"
sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$page" >"$TMP/page"
for opt in --map --rejects --dry-run --all-or-nothing --encoding --delimiter \
           --consultation --theme --example --from --channel; do
    check "consult-csv(5) mentions $opt" grep -qF -- "$opt" "$TMP/page"
done

if command -v groff >/dev/null 2>&1; then
    LC_ALL=C.UTF-8 groff -k -man -Tutf8 -ww -z "$page" >"$TMP/groff" 2>&1
    check "consult-csv(5) renders without warnings" test ! -s "$TMP/groff"
fi
# The example files it names are there.
for kind in ideas votes tallies participants comments; do
    check "data/templates/$kind.csv exists" test -s "$CONSULT_SRC/data/templates/$kind.csv"
done

finish
