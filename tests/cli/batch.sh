# SPDX-License-Identifier: EUPL-1.2
#
# batch.sh: paper batches from the command line: batch add (the number
# alone), list and show (their exact lines), the layout's check, keying
# forms with idea add --batch, idea list --batch, import ideas --batch,
# closing with and without a reason, and, run as a second login (root
# only, as roles.sh), double entry: a form keyed twice, the same login
# refused, batch diff's lines and batch resolve.
. "$CONSULT_SRC/tests/cli/lib.sh"

me=$(id -un)
today=$(date -u +%F)
chmod 1777 "$TMP"
c --shared init
expect_ok
c consultation add --code AG21 --title "Agenda 21"
expect_ok
c theme add --consultation AG21 --code MOB --title "Mobilité"
expect_ok
c theme add --consultation AG21 --code ENV --title "Environnement"
expect_ok

# ---------------------------------------------------------------- add
c batch add --consultation AG21 --label "Enveloppe 3, Marchienne" \
    --point "Mairie de Marchienne" --date 02/05/2026 --expect 3
expect_ok
expect_out_is "1"
c batch add --consultation AG21 --label "Atelier" --expect 2 \
    --fields "theme, author-name,service;body" --date 2026-05-03 --prefix ATL
expect_ok
expect_out_is "2"

c batch add --consultation AG21 --label "Boîte" --expect 2 --fields theme,phone_number
expect_rc 65
expect_no_stdout
expect_err_is 'consult: "phone_number" is not a field of a paper form; the fields are: theme, form_ref, author_name, service, email, postal, phone, consent, title, body, submitted_at.'
c batch add --consultation AG21 --label "Boîte"
expect_rc 64
expect_err "--expect"
c batch add --consultation AG21 --label "Boîte" --expect -1
expect_rc 64
c batch add --consultation NOPE --label "Boîte" --expect 1
expect_rc 65
c batch add --consultation AG21 --label "Boîte" --expect 1 --date 31/02/2026
expect_rc 65

# ---------------------------------------------------------------- keying
c idea add --batch 1 --theme MOB --body "Des bancs au parc" --form-ref B1-001
expect_ok
expect_out_is "1"
c idea add --batch 1 --consultation AG21 --theme ENV --body "Un composteur"
expect_ok
c idea add --consultation AG21 --theme ENV --body "Hors lot"
expect_ok
c idea add --batch 99 --theme MOB --body "Nulle part"
expect_rc 65
expect_err_is "consult: No batch 99."
c idea add --batch x --theme MOB --body "Nulle part"
expect_rc 64

c idea list --batch 1 --sort id
expect_ok
expect_out "Des bancs au parc"
expect_out "Un composteur"
expect_no_out "Hors lot"
c idea list --batch 2
expect_rc 0
expect_no_stdout
expect_err "No ideas match."

# ---------------------------------------------------------------- exports
# The column of an ideas export named $1, as "id:value" lines.
column() {
    awk -F, -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) k = i; next }
                          { print $1 ":" $k }' "$OUT"
}
c export ideas - --batch 1
expect_ok
check "the ideas export has a verified column" \
    sh -c "head -1 '$OUT' | grep -q ',import_batch,verified,submitted_at,'"
check "export --batch gives the batch's ideas, verified empty outside double entry" \
    test "$(column verified | tr '\n' ' ')" = "1: 2: "
c export votes - --batch 1
expect_ok
# Batch 1's forms name no one: its participants export is empty.
c export participants - --batch 1
expect_ok
check "a batch of anonymous forms has no participant" \
    test "$(tail -n +2 "$OUT" | wc -l)" -eq 0
c export summary - --consultation AG21 --batch 1
expect_rc 64
expect_err "The paper batch filter does not apply to the summary export."
c export ideas - --batch 99
expect_rc 65
expect_err "No batch 99."
(cd "$TMP" && "$CONSULT" --db "$DB" export ideas batch1.csv --batch 1 >/dev/null 2>&1)
check "the manifest records the batch filter" grep -qx "paper_batch: 1" "$TMP/batch1.csv.manifest"
c idea show 1
expect_out "Paper batch:     1"

# ---------------------------------------------------------------- import
cat >"$TMP/forms.csv" <<'EOF'
thème;texte;nom;service
MOB;Plus de bus le soir;Léa Martin;Voirie
ENV;Des ruches;;
EOF
c import ideas "$TMP/forms.csv" --batch 2 --no-progress
expect_rc 0
c idea list --batch 2 --sort id
expect_out "Plus de bus le soir"
expect_out "Des ruches"
check "import --batch keeps its import batch" test "$(sqlite3 "$DB" \
    'SELECT count(*) FROM idea WHERE paper_batch_id = 2 AND batch_id IS NOT NULL')" = 2
c import ideas "$TMP/forms.csv" --batch 99 --no-progress
expect_rc 65
expect_err "No batch 99."
c import votes "$TMP/forms.csv" --batch 2 --no-progress
expect_rc 64
expect_err "--batch goes with import ideas only."

# ---------------------------------------------------------------- list, show
c batch list
expect_ok
expect_out_is " BATCH DATE       CONSULT.        KEYED VERIF. DISP. STATE   LABEL
     1 2026-05-02 AG21             2/3      -     - open    Enveloppe 3, Marchienne
     2 2026-05-03 AG21             2/2      -     - open    Atelier"
c batch list --consultation AG21
expect_ok
expect_out "Atelier"

c batch show 2
expect_ok
expect_out_is "Batch:            2
Label:            Atelier
Consultation:     AG21
Collected at:     -
Date:             2026-05-03
Keyed by:         -
Form fields:      theme, author_name, service, body
Reference prefix: ATL
Double entry:     no
Keyed:            2 / 2 expected
Closed:           no, open
Added:            $today by $me"
c batch show 99
expect_rc 65
c batch show
expect_rc 64

# ---------------------------------------------------------------- close
c batch close 1
expect_rc 65
expect_err_is "consult: Batch 1: 2 keyed, 3 expected. It closes only with a reason, given by an admin."
c batch close 2
expect_ok
expect_out_is "Batch 2 closed."
c batch close 2
expect_rc 65
expect_err_is "consult: Batch 2 is already closed."
c idea add --batch 2 --theme MOB --body "Trop tard"
expect_rc 65
expect_err_is "consult: Batch 2 is closed: no form can be added to it."
c batch close 1 --reason "Un formulaire illisible"
expect_ok
c batch show 1
expect_out "Closed:           $today by $me"
expect_out "Reason:           Un formulaire illisible"

# ---------------------------------------------------------------- double entry
if [ "$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null 2>&1 \
   || ! id nobody >/dev/null 2>&1; then
    echo "batch.sh: double entry skipped: needs root to key as another login"
    finish
fi
NOGROUP=$(id -gn nobody)
chgrp "$NOGROUP" "$DB" "$DB.key"     # the key: the group keys its rows
c user add nobody --role agent
expect_ok

as_nobody() {
    last="(as nobody) consult $*"
    setpriv --reuid=nobody --regid="$NOGROUP" --clear-groups \
        "$CONSULT" --db "$DB" "$@" </dev/null >"$OUT" 2>"$ERR"
    rc=$?
}

c batch add --consultation AG21 --label "Double" --expect 2 --double \
    --date 2026-05-04
expect_out_is "3"
c idea add --batch 3 --theme MOB --body "Sans référence"
expect_rc 65
expect_err_is "consult: Batch 3 is keyed twice: each form needs its form reference."

c idea add --batch 3 --theme MOB --body "Éclairer le parking" \
    --author-name "Jean Dupond" --service Voirie --form-ref D-1
expect_rc 0
expect_out_is "6"
expect_err_is "First entry of form D-1: its second entry is keyed by another agent."
c idea add --batch 3 --theme MOB --body "Éclairer le parking" \
    --author-name "Jean Dupond" --service Voirie --form-ref D-1
expect_rc 77
expect_err_is "consult: You keyed the first entry of form D-1: its second entry is keyed by another agent."
as_nobody idea add --batch 3 --theme MOB --body "Éclairer le parking
de la gare" --author-name "Jean Dupont" --service Voirie --form-ref D-1
expect_rc 0
expect_out_is "6"
expect_err_is "Second entry of form D-1: it differs from the first; idea 6 is disputed (consult batch diff 3)."

c idea add --batch 3 --theme ENV --body "Des arbres" --form-ref D-2
expect_rc 0
as_nobody idea add --batch 3 --theme ENV --body " Des arbres " --form-ref D-2
expect_rc 0
expect_err_is "Second entry of form D-2: it agrees with the first; idea 7 is verified."
check "a second entry is no idea" test "$(sqlite3 "$DB" \
    'SELECT count(*) FROM idea WHERE paper_batch_id = 3')" = 2

c batch list --consultation AG21
expect_out "     3 2026-05-04 AG21             2/2      1     1 open    Double"
c batch show 3
expect_out "Double entry:     yes"
expect_out "Keyed:            2 / 2 expected"
expect_out "Verified:         1"
expect_out "Disputed:         1"
expect_out "Pending:          0"

c export ideas - --batch 3
expect_ok
check "the verified column says disputed and verified" \
    test "$(column verified | tr '\n' ' ')" = "6:disputed 7:verified "
c export ideas - --batch 3 --headers fr
expect_ok
expect_out ",vérifiée,"
expect_out ",D-1,,divergente,"
expect_out ",D-2,,vérifiée,"
c idea show 6
expect_out "Paper batch:     3 (disputed)"
# The participants of a paper batch: the authors of its forms only.
c export participants - --batch 3
expect_ok
check "the participants export of batch 3 lists its form's author" \
    test "$(tail -n +2 "$OUT" | wc -l)" -eq 1
expect_out "Jean Dupond"
c export participants -
check "while there are others" test "$(tail -n +2 "$OUT" | wc -l)" -gt 1

c batch diff 3
expect_ok
expect_out_is "D-1 author_name \"Jean Dupond\" ($me) \"Jean Dupont\" (nobody)
D-1 body \"Éclairer le parking\" ($me) \"Éclairer le parking\\nde la gare\" (nobody)"

# Neither keyer but an admin settles; the agent who keyed may not.
as_nobody batch resolve 3 D-1 body "Éclairer le parking"
expect_rc 77
expect_err_is "consult: You keyed form D-1: its differences are settled by an admin or another agent."
c batch resolve 3 D-1 service "Voirie"
expect_rc 65
expect_err_is "consult: The two entries of form D-1 agree on service."
c batch resolve 3 D-1 body "Éclairer le parking de la gare"
expect_ok
expect_out_is "Form D-1: 1 field left to settle."
c idea show 6
expect_out "Éclairer le parking de la gare"
c batch resolve 3 D-1 author_name "Jean Dupont"
expect_ok
expect_out_is "Form D-1 is verified."
c batch diff 3
expect_rc 0
expect_no_stdout
expect_err_is "No form of batch 3 has differing entries."
c audit list --idea 6
expect_out "resolve"
c batch list
expect_out "     3 2026-05-04 AG21             2/2      2     0 open    Double"

# An agent may not close a batch whose count differs, even with a reason.
c batch add --consultation AG21 --label "Court" --expect 5 --date 2026-05-05
expect_out_is "4"
as_nobody batch close 4 --reason "perdu"
expect_rc 77
expect_err_is "consult: Batch 4: 0 keyed, 5 expected. Only an admin may close it, with a reason."
as_nobody batch close 3
expect_ok

# Batches, entries, checks and settlings are all in the journal's digests.
c audit verify
expect_ok
expect_out "Audit log intact: "


# Everything done above was done through consult: the journal knows it.
c audit verify
expect_ok

finish
