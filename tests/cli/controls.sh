# SPDX-License-Identifier: EUPL-1.2
#
# controls.sh: text that could take over a terminal. A lone carriage
# return, an escape sequence, a C1 control, a direction override and DEL
# are refused on input with the field named (an option, an import row,
# which goes to the reject file), shown escaped by idea show, idea list
# and comment list when a raw SQL edit planted them, and kept exact by
# the CSV export.
. "$CONSULT_SRC/tests/cli/lib.sh"

setup_cons

ESC=$(printf '\033')
CSI=$(printf '\302\233')
RLO=$(printf '\342\200\256')
DEL=$(printf '\177')
CR=$(printf '\r')

# ---------------------------------------------------------------- options
for bad in "HIDDEN${CR}vis" "a${ESC}[2Jb" "a${CSI}31mb" "a${RLO}b" "a${DEL}b"; do
    c idea add --consultation AG21 --theme MOB --body "$bad"
    expect_rc 65
    expect_err 'Field "body" holds a control or direction character'
    c idea add --consultation AG21 --theme MOB --body "ok" --title "$bad"
    expect_rc 65
    expect_err 'Field "title"'
done
c idea add --consultation AG21 --theme MOB --body "Des bancs" --title "Bancs"
expect_ok
id=$(cat "$OUT")
c comment add "$id" --body "x${ESC}]0;owned${ESC}\\y"
expect_rc 65
expect_err 'Field "body"'
c idea status "$id" accepted --answer "Oui${RLO}non"
expect_rc 65
expect_err 'Field "answer"'
c theme add --consultation AG21 --code BAD --title "T${ESC}[1m"
expect_rc 65
expect_err 'Field "title"'
# Newlines and tabs stay allowed in a text; CR LF is a line end.
c idea add --consultation AG21 --theme MOB --body "$(printf 'Ligne 1\r\nLigne\t2')"
expect_ok

# ---------------------------------------------------------------- import
printf 'theme,title,body\nMOB,Titre,Bon texte\nMOB,T2,"a%sb"\nMOB,"T%s3",texte\nENV,T4,"x%s[2Jy"\nMOB,T5,"z%sw"\n' \
    "$CSI" "$RLO" "$ESC" "$DEL" >"$TMP/bad.csv"
c import ideas "$TMP/bad.csv" --consultation AG21 --rejects "$TMP/bad.rejects.csv"
expect_rc 65
expect_out "5 rows read, 1 imported, 4 refused"
check "the C1 row is refused, naming body" \
    grep -q '^3,.*body' "$TMP/bad.rejects.csv"
check "the override row is refused, naming title" \
    grep -q '^4,.*title' "$TMP/bad.rejects.csv"
check "the escape row is refused, naming body" \
    grep -q '^5,.*body' "$TMP/bad.rejects.csv"
check "the DEL row is refused, naming body" \
    grep -q '^6,.*body' "$TMP/bad.rejects.csv"

# ---------------------------------------------------------------- output
# What an older version or a raw edit left in the database.
sqlite3 "$DB" "UPDATE idea SET body = 'HIDDEN' || char(13) || 'esible '
    || char(27) || '[2J ' || char(155) || ' ' || char(8238) || ' '
    || char(127) || ' end', title = 'T' || char(27) || ']0;x' || char(7)
    || char(8238) WHERE id = $id"
sqlite3 "$DB" "INSERT INTO comment (idea_id, body, created_at, entered_by)
    VALUES ($id, 'c' || char(27) || '[31m' || char(13) || 'd'
    || char(8297), '2026-01-01T00:00:00.000Z', 'admin')"

no_raw() {
    ! grep -q "[$ESC$CR$DEL]" "$OUT" && ! grep -q "$CSI" "$OUT" \
        && ! grep -q "$RLO" "$OUT"
}
c idea show "$id"
expect_rc 0
expect_out 'HIDDEN\resible \x1b[2J <U+009B> <U+202E> \x7f end'
expect_out 'T\x1b]0;x\x07<U+202E>'
expect_out 'c\x1b[31m\rd<U+2069>'
check "idea show writes no raw control" no_raw
c idea list --consultation AG21
expect_rc 0
expect_out 'T\x1b]0;x'
check "idea list writes no raw control" no_raw
c comment list "$id"
expect_rc 0
expect_out 'c\x1b[31m\rd<U+2069>'
check "comment list writes no raw control" no_raw

# The CSV export keeps the text exact.
c export ideas "$TMP/ideas.csv" --consultation AG21
expect_rc 0
check "the export keeps the body exact" \
    grep -qF "HIDDEN${CR}esible ${ESC}[2J ${CSI} ${RLO} ${DEL} end" "$TMP/ideas.csv"

finish
