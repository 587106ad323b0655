# SPDX-License-Identifier: EUPL-1.2
#
# controls.sh: text that could take over a terminal. A lone carriage
# return, an escape sequence, a C1 control, a direction override and DEL
# are refused on input with the field named (an option, an import row,
# which goes to the reject file), as are a line break and a tab in a
# field of one line, shown escaped by idea show, idea list
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

# A field of one line refuses a line break and a tab, naming the field;
# the texts of several lines (the text, the answer, the postal address)
# keep them.
NL='
'
TAB=$(printf '\t')
for brk in "$NL" "$TAB"; do
    for opt in title form-ref author-name service email phone; do
        c idea add --consultation AG21 --theme MOB --body "ok" \
            --author-name "Anne" --"$opt" "x${brk}y@z"
        expect_rc 65
        field=$(printf '%s' "$opt" | tr - _)
        [ "$opt" = author-name ] && field=name
        expect_err "Field \"$field\" is one line: it cannot hold a line break or a tab."
    done
    c theme add --consultation AG21 --code BAD --title "T${brk}2"
    expect_rc 65
    expect_err 'Field "title" is one line'
    c consultation add --code X9 --title "T${brk}2"
    expect_rc 65
    expect_err 'Field "title" is one line'
done
c idea add --consultation AG21 --theme MOB --title "Deux lignes" \
    --body "Ligne 1${NL}Ligne${TAB}2" --author-name "Anne" \
    --postal "Rue Haute 1${NL}6000 Charleroi"
expect_ok
two=$(cat "$OUT")
c idea status "$two" accepted --answer "Oui,${NL}pour${TAB}deux ans."
expect_ok
c idea show "$two"
expect_out "Ligne${TAB}2"

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

# A line break or a tab in a field of one line refuses the row, naming
# the field; in the text and the postal address they are kept.
printf 'theme,title,body,service,adresse postale,author_name\nMOB,"Deux\nlignes",texte,,,\nMOB,Titre,texte,"RH\tPaie",,Anne\nMOB,Bon,"Un\ttexte\nsur deux lignes",,"Rue Haute 1\n6000 Charleroi",Anne\n' >"$TMP/lines.csv"
c import ideas "$TMP/lines.csv" --consultation AG21 --rejects "$TMP/lines.rejects.csv"
expect_rc 65
expect_out "3 rows read, 1 imported, 2 refused"
check "the title row is refused, naming title" \
    grep -q '^2,.*Field ""title"" is one line' "$TMP/lines.rejects.csv"
check "the service row is refused, naming service" \
    grep -q '^4,.*Field ""service"" is one line' "$TMP/lines.rejects.csv"
check "the text and the address keep their lines" \
    test "$(sqlite3 "$DB" "SELECT count(*) FROM idea i JOIN participant p
        ON p.id = i.author_id WHERE i.body = 'Un' || char(9) || 'texte'
        || char(10) || 'sur deux lignes' AND p.postal = 'Rue Haute 1'
        || char(10) || '6000 Charleroi'")" = 1

# A carriage return alone in a cell would write over the line on a
# terminal: in a file whose lines end with LF or CR LF, the row is
# refused naming the column; CR LF in a cell is a line break, kept as LF.
# In a file whose lines end with a bare CR (classic Mac), a CR in a cell
# is that file's line break.
printf 'thème,texte\nMOB,"HIDDEN\rvisible"\nMOB,"Deux\r\nlignes"\n' >"$TMP/cr.csv"
c import ideas "$TMP/cr.csv" --consultation AG21 --rejects "$TMP/cr.rejects.csv"
expect_rc 65
expect_out "2 rows read, 1 imported, 1 refused"
check "the lone CR row is refused, naming its column" \
    grep -q '^2,.*Column ""texte"" holds a carriage return' "$TMP/cr.rejects.csv"
check "CR LF in a cell is stored as LF" \
    test "$(sqlite3 "$DB" "SELECT count(*) FROM idea WHERE body =
        'Deux' || char(10) || 'lignes'")" = 1
printf 'thème,texte\r\nMOB,"Seul\rCR"\r\n' >"$TMP/crlf.csv"
c import ideas "$TMP/crlf.csv" --consultation AG21 --rejects "$TMP/crlf.rejects.csv"
expect_rc 65
expect_out "1 rows read, 0 imported, 1 refused"
printf 'thème,texte\rMOB,"Mac\rclassique"\rMOB,Fin\r' >"$TMP/mac.csv"
c import ideas "$TMP/mac.csv" --consultation AG21
expect_ok
expect_out "2 rows read, 2 imported, 0 refused"
check "a CR in a cell of a CR file is a line break" \
    test "$(sqlite3 "$DB" "SELECT count(*) FROM idea WHERE body =
        'Mac' || char(10) || 'classique'")" = 1

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

# ---------------------------------------------------------------- every output
# What a raw edit could plant in every text the database keeps, and a file
# name holding an escape sequence: no human-readable output of the command
# line writes them raw.
c idea add --consultation AG21 --theme MOB --title "Plantée" --body "Texte" \
    --author-name "Anne" --service RH --email a@b.example --postal "Rue" \
    --phone 0470 --form-ref P1
expect_ok
pid=$(cat "$OUT")
c comment add "$pid" --body "Avis"
c idea tag "$pid" velo
c idea status "$pid" accepted --answer "Oui"
c vote add "$pid" --participant-name "Marc" --service "Paie"
c tally add "$pid" --count 3 --source "Atelier"
c batch add --consultation AG21 --label "Enveloppe" --point "Jumet" --expect 3
c session add --consultation AG21 --body college --date 2026-01-05 \
    --title "Collège"
c session attendee 1 --name "Jean" --role "Président"
c session agenda 1 --add "$pid"
expect_ok
printf 'thème,texte\nMOB,Importée\n' >"$TMP/name${ESC}[2J.csv"
c import ideas "$TMP/name${ESC}[2J.csv" --consultation AG21
expect_ok
expect_out 'name\x1b[2J.csv'
check "the import's report writes no raw control" no_raw
X="' || char(27) || '[2J' || char(13) || 'Z' || char(8238) || char(155) || '"
sqlite3 "$DB" "
UPDATE consultation SET title = 'T$X', description = 'D$X';
UPDATE theme SET title = 'T$X';
UPDATE participant SET name = 'N$X', service = 'S$X', email = 'E$X',
    postal = 'P$X', phone = 'PH$X', ref = 'R' || id || '$X';
UPDATE idea SET title = 'I$X', body = 'B$X', form_ref = 'F' || id || '$X',
    hidden_reason = 'H$X';
UPDATE comment SET body = 'C$X';
UPDATE tag SET name = 'G$X';
UPDATE idea_answer SET answer = 'A$X';
UPDATE tally SET source = 'S$X';
UPDATE paper_batch SET label = 'L$X', point = 'P$X';
UPDATE committee_session SET title = 'T$X';
UPDATE session_attendee SET name = 'N$X', role = 'R$X';
UPDATE import_batch SET file_name = 'F$X' WHERE id = 1;"
check "the raw edit went in" test "$(sqlite3 "$DB" \
    "SELECT count(*) FROM idea WHERE instr(title, char(27)) > 0")" -gt 1
for cmd in "consultation list" "theme list --consultation AG21" \
    "idea list --consultation AG21" "idea show $pid" "idea show $id" \
    "idea counts --consultation AG21" "batch list" "batch show 1" \
    "tally list $pid" "comment list $pid --all" "participant show 1" \
    "participant show 2" "user list" "session list" "session show 1" \
    "import list" "import show 1" \
    "stats --consultation AG21" "stats" "stats --weeks" "audit list"; do
    # shellcheck disable=SC2086
    c $cmd
    expect_rc 0
    check "$cmd writes no raw control" no_raw
    cp "$ERR" "$OUT"
    check "$cmd writes no raw control on stderr" no_raw
done
c import ideas "$TMP/name${ESC}[2J.csv" --consultation AG21
expect_out 'name\x1b[2J.csv was already imported'
check "the import's report writes no raw control" no_raw

finish
