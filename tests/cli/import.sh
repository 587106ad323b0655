# SPDX-License-Identifier: EUPL-1.2
#
# import.sh: `consult import` and `consult export template` from the command
# line: the summary line, the exit codes (0 all in, 65 rows refused, 66 no
# file, 64 bad usage, 77 role), the reject file, dry run, all or nothing,
# --map, encodings, batches listed and undone, a real export from another
# platform, and the roles (when run as root).
. "$CONSULT_SRC/tests/cli/lib.sh"

setup_cons

# ---------------------------------------------------------------- templates
c export template ideas "$TMP/ideas.csv" --example
expect_ok
expect_no_stdout
check "the ideas template has the canonical header" \
    test "$(head -n 1 "$TMP/ideas.csv")" = \
    "consultation,theme,kind,title,body,channel,form_ref,submitted_at,author_ref,author_name,service,email,postal,phone,consent,tags,status,answer"
check "with --example, one line of values" \
    test "$(wc -l <"$TMP/ideas.csv")" -eq 2
check "the example names this database's consultation and first theme" \
    grep -q '^AG21,MOB,idea,' "$TMP/ideas.csv"

# As Excel reads it: the BOM, ';' and CRLF, accents intact.
c export template ideas "$TMP/excel.csv" --example --excel
expect_ok
check "an Excel template opens with the BOM, in ';' and CRLF" \
    python3 -c '
import csv, sys
raw = open(sys.argv[1], "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "no BOM"
assert raw.count(b"\r\n") == 2 and raw.count(b"\n") == 2, "not CRLF"
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline=""),
                       delimiter=";"))
assert len(rows) == 2, rows
head = dict(zip(rows[0], rows[1]))
for col in ("author_name", "service", "email", "postal", "phone", "consent"):
    assert col in head, col
assert head["consultation"] == "AG21" and head["theme"] == "MOB", head
assert head["author_name"] == "Élodie Dupont", head
' "$TMP/excel.csv"
c export template votes - --example --consultation NOPE
expect_rc 65
expect_err "NOPE"

c export template votes -
expect_ok
expect_out_is "consultation,idea_id,idea_form_ref,participant_ref,participant_name,service,voted_at,channel"
c export template comptages -
expect_ok
expect_out_is "consultation,idea_id,idea_form_ref,count,against,source,counted_at"
c export template participants -
expect_ok
expect_out_is "ref,name,service,email,consent,channel"

# A filled file is never overwritten.
c export template ideas "$TMP/ideas.csv"
expect_rc 73
expect_err "File exists"
c export template nonsense -
expect_rc 64
expect_err "Unknown kind of file \"nonsense\""

# ---------------------------------------------------------------- import
c import ideas "$TMP/ideas.csv"
expect_ok
expect_out "$TMP/ideas.csv (UTF-8, \",\"): 1 rows read, 1 imported, 0 refused, 0 already there, 1 new participants; batch 1 ("

c import ideas "$TMP/ideas.csv"
expect_ok
expect_out_is "$TMP/ideas.csv was already imported (batch 1): nothing added."

# French headers, ';', a refused row, an unknown column.
cat >"$TMP/fr.csv" <<'EOF'
Thème;Texte;N° formulaire;Matricule;Nom;Remarque
MOB;Des vélos en libre service;F-10;M001;Élodie Dupont;rien
XYZ;Un thème qui n'existe pas;F-11;;;
ENV;"Un compost
dans chaque service";F-12;;Jérôme Lefèvre;
EOF
c import idées "$TMP/fr.csv" --consultation AG21
expect_rc 65
expect_out "Columns not imported: \"Remarque\""
expect_out "Refused rows, with their line and reason: $TMP/fr.rejects.csv"
expect_out "3 rows read, 2 imported, 1 refused, 0 already there, 2 new participants; batch 2"
expect_err "consult: 1 rows were refused: see $TMP/fr.rejects.csv"
check "the reject file is there" test -s "$TMP/fr.rejects.csv"
check "it names the line and the reason" \
    grep -q '^import_line;import_error;Thème;Texte' "$TMP/fr.rejects.csv"
check "the refused row, line 3" grep -q '^3;.*XYZ.*;XYZ;' "$TMP/fr.rejects.csv"
c idea list --consultation AG21
expect_ok
expect_out "Des vélos en libre"
expect_out "Un compost dans chaque"

# The fixed reject file imports (its own two columns are not unknown).
sed 's/;XYZ;/;ENV;/' "$TMP/fr.rejects.csv" >"$TMP/fixed.csv"
c import ideas "$TMP/fixed.csv" --consultation AG21
expect_ok
expect_out "1 rows read, 1 imported, 0 refused"
expect_out "Columns not imported: \"Remarque\""
expect_no_out "import_line"

# Dry run: reported, not written.
printf 'thème,texte\nMOB,Essai à blanc\nNOPE,Refusée\n' >"$TMP/dry.csv"
c import ideas "$TMP/dry.csv" --consultation AG21 --dry-run
expect_rc 65
expect_out "Dry run: nothing was written to the database."
expect_out "2 rows read, 1 imported, 1 refused"
expect_no_out "; batch"
c idea list --consultation AG21
expect_no_out "Essai à blanc"

# All or nothing.
c import ideas "$TMP/dry.csv" --consultation AG21 --all-or-nothing
expect_rc 65
expect_err "1 of 2 rows were refused (see the reject file): nothing was imported, as --all-or-nothing asks."
c idea list --consultation AG21
expect_no_out "Essai à blanc"

# Missing input, missing column, bad options.
c import ideas "$TMP/nowhere.csv" --consultation AG21
expect_rc 66
expect_err "$TMP/nowhere.csv: No such file or directory"
printf 'titre,thème\nSans texte,MOB\n' >"$TMP/nobody.csv"
c import ideas "$TMP/nobody.csv" --consultation AG21
expect_rc 65
expect_err "The file has no \"body\" column"
expect_no_stdout
c import ideas "$TMP/dry.csv" --encoding klingon
expect_rc 64
c import ideas "$TMP/dry.csv" --map body
expect_rc 64
expect_err "--map takes FIELD=HEADER"
c import ideas "$TMP/dry.csv" --consultation NOPE
expect_rc 65
expect_err "No consultation \"NOPE\"."
c import secrets "$TMP/dry.csv"
expect_rc 64
c import
expect_rc 64

# --map, --delimiter and --encoding for another platform's file.
printf 'ref|proposal|votes|theme\nP-1|Des bancs au parc|12|ENV\nP-2|Des \351clairages \340 LED|7|ENV\n' \
    >"$TMP/other.txt"
c import ideas "$TMP/other.txt" --consultation AG21 --delimiter pipe \
    --encoding latin1 --map form_ref=ref --map body=proposal
expect_ok
expect_out "(ISO-8859-1, \"|\"): 2 rows read, 2 imported"
expect_out "Columns not imported: \"votes\""
c idea list --consultation AG21
expect_out "Des éclairages à LED"

# ---------------------------------------------------------------- votes, tallies
cat >"$TMP/votes.csv" <<'EOF'
idea_form_ref,participant_ref,participant_name,service,voted_at
P-1,M001,,,2021-03-20
P-1,M002,,,20/03/2021
P-1,M001,,,
P-2,,Zoé Martin,Finances,
P-9,M003,,,
EOF
c import votes "$TMP/votes.csv" --consultation AG21 --rejects "$TMP/votes-refused.csv"
expect_rc 65
expect_out "5 rows read, 3 imported, 1 refused, 1 already there, 2 new participants"
expect_err "see $TMP/votes-refused.csv"
check "the refused vote names its idea" \
    grep -q 'P-9' "$TMP/votes-refused.csv"
votes_batch=$(sed -n 's/.*; batch \([0-9]*\) .*/\1/p' "$OUT")

printf 'n° formulaire;atelier;nombre\nP-1;Atelier de Marchienne;14\n' >"$TMP/tallies.csv"
c import tallies "$TMP/tallies.csv" --consultation AG21
expect_ok
expect_out "1 rows read, 1 imported"
c idea list --consultation AG21 --sort support --desc --limit 1
expect_out "Des bancs au parc"
expect_out "16"

c import list
expect_ok
expect_out "BATCH"
expect_out "votes"
expect_out "tallies"
expect_out "$TMP/fr.csv"

c import undo "$votes_batch"
expect_ok
expect_out_is "Batch $votes_batch undone: 0 ideas, 3 votes, 0 tallies, 0 comments and 2 participants removed."
c import undo "$votes_batch"
expect_rc 65
expect_err "already undone"
c import undo 999
expect_rc 65
c import undo abc
expect_rc 64
c import list
expect_out "(undone "

# ---------------------------------------------------------------- a real export
# Decide Madrid (CONSUL): 80 proposals; its "status" is not one of ours.
c import ideas "$CONSULT_SRC/tests/data/consul-decide-madrid/proposals.csv" \
    --consultation AG21 --theme MOB --map status= --map form_ref=code \
    --map body=summary --rejects "$TMP/madrid.rejects.csv"
expect_ok
expect_out "80 rows read, 80 imported, 0 refused, 0 already there"
check "no reject file" test ! -e "$TMP/madrid.rejects.csv"

# Nothing on stderr unless asked, when not on a terminal.
c import ideas "$TMP/ideas.csv" --progress
expect_rc 0

# ---------------------------------------------------------------- data/templates
# The example files of consult-csv(5) import cleanly, in this order.
DB=$TMP/templates.db
setup_cons
for kind in participants ideas votes tallies; do
    c import "$kind" "$CONSULT_SRC/data/templates/$kind.csv" \
        --rejects "$TMP/template-$kind.rejects.csv"
    expect_ok
    expect_no_out "Columns not imported"
    expect_out " 0 refused, 0 already there"
done
c idea list --consultation AG21 --sort support --desc
expect_out "Covoiturage entre"
c stats --consultation AG21
expect_ok
expect_out "29"
expect_no_out "By week:"
# Week by week: the figures of the participation export's week rows.
c stats --consultation AG21 --weeks
expect_ok
expect_out "By week:"
expect_out "       1 2021-03-15            4      4      0        0"
expect_out "       2 2021-03-22            4      0      4        0"
c export participation - --consultation AG21
expect_ok
expect_out "week,1,2021-03-15,4,4,0,0,50.0"
expect_out "week,2,2021-03-22,4,0,4,0,50.0"
DB=$TMP/consult.db

# ---------------------------------------------------------------- roles
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1 \
   && id nobody >/dev/null 2>&1; then
    NOGROUP=$(id -gn nobody)
    as_nobody() {
        last="(as nobody) consult $*"
        setpriv --reuid=nobody --regid="$NOGROUP" --clear-groups \
            "$CONSULT" --db "$DB" "$@" </dev/null >"$OUT" 2>"$ERR"
        rc=$?
    }
    chmod 1777 "$TMP"
    chmod 0666 "$DB"
    chmod 0644 "$DB.key"        # the journal's key, for the rows it writes
    chmod 0644 "$TMP"/*.csv
    printf 'thème,texte,statut\nMOB,Saisie par un agent,\n' >"$TMP/agent.csv"
    printf 'thème,texte,statut\nMOB,Décidée par un agent,acceptée\n' \
        >"$TMP/agent-status.csv"
    chmod 0644 "$TMP/agent.csv" "$TMP/agent-status.csv"

    c user add nobody --role viewer
    expect_ok
    as_nobody import ideas "$TMP/agent.csv" --consultation AG21
    expect_rc 77
    expect_err "this needs the agent role"
    as_nobody import list
    expect_ok

    c user add nobody --role agent
    expect_ok
    as_nobody import ideas "$TMP/agent-status.csv" --consultation AG21
    expect_rc 77
    expect_err "only an admin may import statuses, answers and tags"
    as_nobody import ideas "$TMP/agent.csv" --consultation AG21
    expect_ok
    agent_batch=$(sed -n 's/.*; batch \([0-9]*\) .*/\1/p' "$OUT")
    as_nobody import undo "$agent_batch"
    expect_rc 77
    # An agent's template has only what an agent may import.
    as_nobody export template ideas -
    expect_ok
    expect_out_is "consultation,theme,kind,title,body,channel,form_ref,submitted_at,author_ref,author_name,service,email,postal,phone,consent"
else
    echo "import.sh: role checks skipped: need root, setpriv and nobody"
fi

finish
