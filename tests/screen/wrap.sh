# SPDX-License-Identifier: EUPL-1.2
#
# wrap.sh: a long text on an idea's page, wrapped at 80x23 and at 200x50,
# loses no letter: lines that fill the width exactly (the blank after
# them used to push their last letter out for an ellipsis), runs of
# blanks, and tabs (expanded to the next multiple of 8 columns).
. "$CONSULT_SRC/tests/screen/lib.sh"

# Line one fills the 77 columns of text at 80 exactly, line two too once
# its tab is expanded, line three fills the 197 columns at 200.
p1='Des postes de travail à maintenir en vie tant que possible, sans les changer. Ensuite   on verra.'
p2=$(printf 'Objet:\tdes postes de travail à maintenir en vie tant que possible, sans leur\tfaute.')
p3='Il faudrait aussi prévoir un budget pour les réparations, les pièces détachées et la formation des agents, afin que chacun puisse garder son matériel en état de marche le plus longtemps possible si tout va bien.'
body=$(printf '%s\n%s\n%s' "$p1" "$p2" "$p3")
# Imported from a file: tabs come in that way.
printf 'Thème;Texte\nDD;"%s"\n' "$body" >"$TMP/postes.csv"
c import ideas "$TMP/postes.csv" --consultation AGENTS21
check "the idea is imported" out_has "1 imported"

# The text's lines on the screen: from "Text" to the blank line after.
text_lines() {
    screen | sed -n '/^ Text$/,/^$/p' | sed '1d;$d'
}

# Letters only (blanks, tabs and newlines out), to compare.
letters() {
    tr -d ' \t\n'
}

same_letters() {
    [ "$(text_lines | letters)" = "$(printf '%s' "$body" | letters)" ]
}

for size in "80 23" "200 50"; do
    start $size
    wait_for "51 ideas"
    keys Enter
    wait_for "   Des postes de travail"
    checks=$((checks + 1))
    same_letters || fail "at $size, the text lost letters"
    checks=$((checks + 1))
    text_lines | grep -q '…' && fail "at $size, a line of text was cut"
    # A line that fills the width keeps its last word.
    case $size in
    80*)
        expect_line_has 13 "   Des postes de travail à maintenir en vie tant que possible, sans les changer."
        expect_line_has 15 "   Objet:  des postes de travail à maintenir en vie tant que possible, sans leur"
        ;;
    200*)
        wait_for "   Il faudrait aussi prévoir un budget pour les réparations, les pièces détachées et la formation des agents, afin que chacun puisse garder son matériel en état de marche le plus longtemps possible si"
        ;;
    esac
done

# Resized from 200 to 80 columns, the text is wrapped again, whole.
resize 80 23
# Only the text wrapped at 80 columns has this line.
wait_for "   Ensuite   on verra."
expect_line_has 13 "   Des postes de travail à maintenir en vie tant que possible, sans les changer."
checks=$((checks + 1))
same_letters || fail "after a resize, the text lost letters"
finish
