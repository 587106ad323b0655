# SPDX-License-Identifier: EUPL-1.2
#
# presets.sh: `consult import ideas|comments --from decidim|consul|
# capcollectif` on the platforms' exports (tests/data/decidim,
# consul-decide-madrid, cap-collectif): form references prefixed with the
# platform, never meeting a paper form's number; the web as channel; the
# vote counts as one tally per idea whose source is the platform, replaced
# by a newer export, never added to; threads of comments kept, shown by
# `comment list` and the comments export; a comment on a proposal the
# consultation lacks, on something else than a proposal, or whose address
# names another proposal, refused with the reason; Cap Collectif's mixed
# rows each an idea, a comment or a vote; --channel.
. "$CONSULT_SRC/tests/cli/lib.sh"

DEC=$CONSULT_SRC/tests/data/decidim
MAD=$CONSULT_SRC/tests/data/consul-decide-madrid
CAP=$CONSULT_SRC/tests/data/cap-collectif
q() { sqlite3 "$DB" "$1"; }
# A file's columns as a table of the database's, to count what it says
# independently of consult: load TABLE FILE (CSV, header skipped, the
# columns named c1, c2...).
load() {
    cols=$(head -1 "$2" | awk -F"$3" '{ for (i = 1; i <= NF; i++)
        printf "%sc%d TEXT", (i > 1 ? "," : ""), i }')
    sqlite3 "$DB" "CREATE TABLE $1($cols);"
    printf '.mode csv\n.separator "%s"\n.import --skip 1 %s %s\n' \
        "$3" "$2" "$1" | sqlite3 "$DB"
}

setup_cons

# ---------------------------------------------------------------- Decidim
# A paper form numbered 101 is there before the platform's proposal 101.
c idea add --consultation AG21 --theme MOB --form-ref 101 \
    --body "Un garage à vélos au centre technique."
expect_ok
c import ideas "$DEC/proposals.csv" --from decidim --consultation AG21
expect_ok
expect_out "4 rows read, 4 imported, 0 refused, 0 already there"
check "the platform's ids are prefixed" \
    test "$(q "SELECT group_concat(form_ref, ' ') FROM (SELECT form_ref FROM idea WHERE form_ref LIKE 'decidim:%' ORDER BY id)")" = "decidim:101 decidim:102 decidim:103 decidim:104"
check "the paper form 101 is still alone with its number" \
    test "$(q "SELECT count(*) FROM idea WHERE form_ref = '101' AND channel = 'paper'")" -eq 1
check "the platform's ideas came by the web" \
    test "$(q "SELECT count(*) FROM idea WHERE form_ref LIKE 'decidim:%' AND channel = 'web'")" -eq 4
check "the category in French is the theme" \
    test "$(q "SELECT t.code FROM idea i JOIN theme t ON t.id = i.theme_id WHERE form_ref = 'decidim:102'")" = ENV
check "the French title first" \
    test "$(q "SELECT title FROM idea WHERE form_ref = 'decidim:101'")" = "Des abris vélos couverts dans les gares"
check "another language when French is empty" \
    test "$(q "SELECT title FROM idea WHERE form_ref = 'decidim:104'")" = "Water fountains in parks"
check "one tally per idea whose source is the platform" \
    test "$(q "SELECT group_concat(count, ' ') FROM (SELECT t.count FROM tally t JOIN idea i ON i.id = t.idea_id WHERE t.source = 'Decidim' ORDER BY i.form_ref)")" = "57 31 12 8"
check "support counts them" \
    test "$(q "SELECT support FROM idea WHERE form_ref = 'decidim:101'")" -eq 57
# The platform's address, comment count, reference and state are kept.
c idea show "$(q "SELECT id FROM idea WHERE form_ref = 'decidim:101'")"
expect_ok
expect_out "https://participer.example-metropole.fr/processes/budget-2024/f/42/proposals/101"
expect_out "EM-PROP-2024-03-101"
check "the platform's own comment count is kept" \
    test "$(q "SELECT value FROM idea_extra e JOIN idea i ON i.id = e.idea_id WHERE i.form_ref = 'decidim:101' AND e.name = 'comments'")" = 2
check "the authors are the platform's people" \
    test "$(q "SELECT p.ref FROM idea i JOIN participant p ON p.id = i.author_id WHERE i.form_ref = 'decidim:103'")" = "decidim:503"
# --from goes with the platform's own columns only.
c import ideas "$DEC/proposals.csv" --from decidim --consultation AG21 \
    --map title=title/fr
expect_rc 65
expect_err "it goes without --map"
c import votes "$DEC/proposals.csv" --from decidim --consultation AG21
expect_rc 64
expect_err "--from goes with import ideas and import comments"
c import ideas "$DEC/proposals.csv" --from mastodon --consultation AG21
expect_rc 64
expect_err "Unknown platform"

# A week later: the newer export replaces the counts, adds the new one.
c import ideas "$DEC/proposals-newer.csv" --from decidim --consultation AG21
expect_ok
expect_out "5 rows read, 3 imported, 0 refused, 2 already there"
expect_out "2 vote counts replaced by the newer export's"
check "still one tally per idea" \
    test "$(q "SELECT count(*) FROM tally WHERE source = 'Decidim'")" -eq 5
check "the newer counts, never added" \
    test "$(q "SELECT group_concat(count, ' ') FROM (SELECT t.count FROM tally t JOIN idea i ON i.id = t.idea_id WHERE t.source = 'Decidim' ORDER BY i.form_ref)")" = "64 31 19 8 3"
check "support follows" \
    test "$(q "SELECT sum(support) FROM idea WHERE form_ref LIKE 'decidim:%'")" -eq 125
check "the theme figures follow" \
    test "$(q "SELECT sum(tallies) FROM idea_count")" -eq 125
c import ideas "$DEC/proposals-newer.csv" --from decidim --consultation AG21
expect_ok
expect_out "already imported"

# Comments: threads kept; what belongs to no idea refused with the reason.
c import comments "$DEC/comments.csv" --from decidim --consultation AG21 \
    --rejects "$TMP/dec.rejects.csv"
expect_rc 65
expect_out "7 rows read, 4 imported, 3 refused"
check "a comment on a meeting is refused" \
    grep -q 'is on a ""Decidim::Meetings::Meeting"", not on a proposal' "$TMP/dec.rejects.csv"
check "a comment whose address names another proposal is refused" \
    grep -q "but its address .*/proposals/999 another one" "$TMP/dec.rejects.csv"
check "a comment on a proposal the consultation lacks is refused" \
    grep -q 'No idea with form reference ""decidim:998"" in this consultation' "$TMP/dec.rejects.csv"
check "nothing went to an idea numbered like the proposal" \
    test "$(q "SELECT count(*) FROM comment WHERE body LIKE '%autre espace%' OR body LIKE '%Sur une proposition%'")" -eq 0
check "a reply names its parent" \
    test "$(q "SELECT p.form_ref FROM comment c JOIN comment p ON p.id = c.parent_id WHERE c.form_ref = 'decidim:9003'")" = "decidim:9002"
check "the comments came by the web" \
    test "$(q "SELECT count(*) FROM comment WHERE channel = 'web'")" -eq 4
idea101=$(q "SELECT id FROM idea WHERE form_ref = 'decidim:101'")
parent=$(q "SELECT id FROM comment WHERE form_ref = 'decidim:9001'")
c comment list "$idea101"
expect_ok
expect_out "reply to #$parent"
expect_out "decidim:9002"
c export comments - --consultation AG21
expect_ok
check "the comments export has the parent column" \
    sh -c "head -1 '$OUT' | grep -q 'channel,form_ref,parent_id'"
check "the comments export shows each reply's parent" \
    grep -q ",web,decidim:9002,$parent," "$OUT"
# The same comments in another file: already there, not doubled.
sed 's/Léa\./Léa !/' "$DEC/comments.csv" >"$TMP/comments2.csv"
c import comments "$TMP/comments2.csv" --from decidim --consultation AG21 \
    --rejects "$TMP/dec2.rejects.csv"
expect_rc 65
expect_out "7 rows read, 0 imported, 3 refused, 4 already there"

# ---------------------------------------------------------------- CONSUL
c consultation add --code MAD --title "Decide Madrid"
expect_ok
c theme add --consultation MAD --code GEN --title "General"
expect_ok
c import ideas "$MAD/proposals.csv" --from consul --consultation MAD --theme GEN
expect_ok
expect_out "80 rows read, 80 imported, 0 refused"
load fp "$MAD/proposals.csv" ,
check "the file read back: 80 proposals" test "$(q 'SELECT count(*) FROM fp')" -eq 80
check "the counts are the file's numSupports, one tally per proposal" \
    test "$(q "SELECT count(*) || ' ' || sum(count) FROM tally WHERE source = 'CONSUL'")" = "80 $(q 'SELECT sum(c12) FROM fp')"
check "every proposal by its id" \
    test "$(q "SELECT count(*) FROM fp JOIN idea i ON i.form_ref = 'consul:' || fp.c2 JOIN tally t ON t.idea_id = i.id AND t.count = fp.c12")" -eq 80
check "an empty text takes the summary" \
    test "$(q "SELECT count(*) FROM idea i JOIN fp ON i.form_ref = 'consul:' || fp.c2 WHERE fp.c9 = '' AND i.body = fp.c8")" -eq "$(q "SELECT count(*) FROM fp WHERE c9 = ''")"
c import comments "$MAD/comments.csv" --from consul --consultation MAD \
    --rejects "$TMP/mad.rejects.csv"
expect_rc 65
load fc "$MAD/comments.csv" ,
check "the file read back: 5633 comments" test "$(q 'SELECT count(*) FROM fc')" -eq 5633
imported=$(q "SELECT count(*) FROM comment WHERE form_ref LIKE 'consul:%'")
check "every comment is imported or refused" \
    test "$((imported + $(($(wc -l <"$TMP/mad.rejects.csv") - 1))))" -ge 5633
check "every comment on the proposal itself with a text is in" \
    test "$(q "SELECT count(*) FROM fc WHERE c3 = '-1' AND trim(c10) <> ''")" -eq "$(q "SELECT count(*) FROM comment WHERE form_ref LIKE 'consul:%' AND parent_id IS NULL")"
check "every reply imported names the parent the file gives" \
    test "$(q "SELECT count(*) FROM fc JOIN comment c ON c.form_ref = 'consul:' || fc.c2 LEFT JOIN comment p ON p.id = c.parent_id WHERE fc.c3 <> '-1' AND (p.form_ref IS NOT 'consul:' || fc.c3 OR p.idea_id <> c.idea_id)")" -eq 0
check "a reply is refused only when its parent is not there" \
    test "$(q "SELECT count(*) FROM fc LEFT JOIN comment c ON c.form_ref = 'consul:' || fc.c2 WHERE c.id IS NULL AND trim(fc.c10) <> '' AND fc.c3 <> '-1' AND EXISTS (SELECT 1 FROM comment p WHERE p.form_ref = 'consul:' || fc.c3)")" -eq 0
check "the orphans' reason is given" \
    grep -q "which is neither earlier in this file nor in this consultation" "$TMP/mad.rejects.csv"
check "each comment on its proposal" \
    test "$(q "SELECT count(*) FROM fc JOIN comment c ON c.form_ref = 'consul:' || fc.c2 JOIN idea i ON i.id = c.idea_id WHERE i.form_ref <> 'consul:' || fc.c4")" -eq 0

# A CONSUL comment on proposal 101 of a consultation that has Decidim's
# proposal 101 and a paper form 101: refused, attached to neither.
printf ',id,parentId,proposalId,page,userId,userType,date,time,text\n0,1,-1,101,1,7,,2024-03-20,0 days 10:00:00,Sur la 101 de CONSUL.\n' \
    >"$TMP/other.csv"
c import comments "$TMP/other.csv" --from consul --consultation AG21 \
    --rejects "$TMP/other.rejects.csv"
expect_rc 65
check "refused: no CONSUL proposal 101 here" \
    grep -q 'No idea with form reference ""consul:101"" in this consultation' "$TMP/other.rejects.csv"
check "not attached to another 101" \
    test "$(q "SELECT count(*) FROM comment WHERE body = 'Sur la 101 de CONSUL.'")" -eq 0

# ---------------------------------------------------------------- Cap Collectif
c consultation add --code IDF --title "Budget participatif"
expect_ok
i=0
for t in "Espaces verts et biodiversité" "Immobilier" "Politique" \
         "Propreté, prévention et gestion des déchets, économie circulaire" \
         "Santé environnementale" "Vélo et mobilités propres" \
         "Énergies renouvelables et efficacité énergétique"; do
    i=$((i + 1))
    c theme add --consultation IDF --code "T$i" --title "$t"
    expect_ok
done
VOTE=$CAP/contributions_budget-participatif-idf-3_vote-des-franciliens.csv
c import ideas "$VOTE" --from capcollectif --consultation IDF --theme T3
expect_ok
expect_out "305 rows read, 305 imported, 0 refused"
check "303 proposals, prefixed" \
    test "$(q "SELECT count(*) FROM idea i JOIN consultation c ON c.id = i.consultation_id WHERE c.code = 'IDF' AND form_ref LIKE 'capcollectif:%'")" -eq 303
check "the 2 vote rows are votes of their proposals" \
    test "$(q "SELECT count(*) FROM vote v JOIN idea i ON i.id = v.idea_id JOIN participant p ON p.id = v.participant_id WHERE i.form_ref LIKE 'capcollectif:%' AND p.ref LIKE 'capcollectif:%'")" -eq 2
tr -d '\357\273\277' <"$VOTE" >"$TMP/vote.csv"
load fv "$TMP/vote.csv" ,
check "the file read back: 305 rows" test "$(q 'SELECT count(*) FROM fv')" -eq 305
total=$(q "SELECT sum(c9) FROM fv WHERE c1 = 'export_contribution_type_proposal'")
check "support is the file's votes_total_count, proposal by proposal" \
    test "$(q "SELECT count(*) FROM fv JOIN idea i ON i.form_ref = 'capcollectif:' || fv.c2 WHERE fv.c1 = 'export_contribution_type_proposal' AND i.support = fv.c9")" -eq 303
check "the 2 votes in the file are not counted twice: the tallies are the rest" \
    test "$(q "SELECT sum(count) FROM tally WHERE source = 'Cap Collectif'")" -eq $((total - 2))
# The same export again, a little later (one more line at its end): its
# counts are the same, the votes already there still not counted twice.
cp "$VOTE" "$TMP/vote2.csv"
tail -1 "$VOTE" >>"$TMP/vote2.csv"
c import ideas "$TMP/vote2.csv" --from capcollectif --consultation IDF --theme T3
expect_ok
expect_out "306 rows read, 0 imported, 0 refused, 306 already there"
expect_no_out "replaced"
check "the tallies did not move" \
    test "$(q "SELECT sum(count) FROM tally WHERE source = 'Cap Collectif'")" -eq $((total - 2))

c consultation add --code REN --title "Rennes"
expect_ok
i=0
for t in "Aménagement" "Justice" "Politique" "Thème vide"; do
    i=$((i + 1))
    c theme add --consultation REN --code "R$i" --title "$t"
    expect_ok
done
c import ideas "$CAP/contributions_budget-participatif-rennes_collecte-des-propositions.csv" \
    --from capcollectif --consultation REN --theme R3 --rejects "$TMP/ren.rejects.csv"
expect_rc 65
expect_out "171 rows read, 142 imported, 29 refused"
check "115 proposals" \
    test "$(q "SELECT count(*) FROM idea i JOIN consultation c ON c.id = i.consultation_id WHERE c.code = 'REN'")" -eq 115
check "27 comments on their proposals" \
    test "$(q "SELECT count(*) FROM comment m JOIN idea i ON i.id = m.idea_id JOIN consultation c ON c.id = i.consultation_id WHERE c.code = 'REN' AND m.form_ref LIKE 'capcollectif:%' AND m.channel = 'web'")" -eq 27
check "a vote on a comment, a report and a news are refused with the reason" \
    test "$(grep -c 'consult keeps proposals and opinions' "$TMP/ren.rejects.csv")" -eq 29

c consultation add --code LOI --title "Projet de loi"
expect_ok
c theme add --consultation LOI --code S1 --title "Section 1"
expect_ok
c theme add --consultation LOI --code S2 --title "Sous-partie 1"
expect_ok
c import ideas "$CAP/contributions_projet-de-loi-renseignement_elaboration-de-la-loi.csv" \
    --from capcollectif --consultation LOI --rejects "$TMP/loi.rejects.csv"
expect_rc 65
check "71 opinions" \
    test "$(q "SELECT count(*) FROM idea i JOIN consultation c ON c.id = i.consultation_id WHERE c.code = 'LOI'")" -eq 71
check "44 arguments as comments" \
    test "$(q "SELECT count(*) FROM comment m JOIN idea i ON i.id = m.idea_id JOIN consultation c ON c.id = i.consultation_id WHERE c.code = 'LOI'")" -eq 44
check "the 47 votes ok are votes" \
    test "$(q "SELECT count(*) FROM vote v JOIN idea i ON i.id = v.idea_id JOIN consultation c ON c.id = i.consultation_id WHERE c.code = 'LOI'")" -eq 47
check "a vote against is no support" \
    grep -q 'A vote ""global.nok"" (against or mixed) is no support' "$TMP/loi.rejects.csv"

c consultation add --code DEB --title "Débat"
expect_ok
c theme add --consultation DEB --code D --title "Débat"
expect_ok
c import ideas "$CAP/contributions_debat-du-mois_pour-ou-contre-le-reconfinement.csv" \
    --from capcollectif --consultation DEB --theme D
expect_ok
expect_out "196 rows read, 196 imported, 0 refused"
c theme add --consultation IDF --code BP3 --title "Budget 3"
expect_ok
# The template's file repeats three proposals, without ids: the same
# text, theme and author is already there.
c import ideas "$CAP/proposals_idf_bp3.csv" --from capcollectif \
    --consultation IDF --theme BP3
expect_ok
expect_out "6 rows read, 3 imported, 0 refused, 3 already there"

# Undo takes the platform's tallies and comments with their ideas.
b=$(q "SELECT id FROM import_batch WHERE file_name LIKE '%rennes%'")
c import undo "$b"
expect_ok
expect_out "115 ideas, 0 votes, 0 tallies, 27 comments"

# ---------------------------------------------------------------- --channel
printf 'texte,thème,canal\nPar courriel.,MOB,\nSur papier.,MOB,papier\n' \
    >"$TMP/mail.csv"
c import ideas "$TMP/mail.csv" --consultation AG21 --channel email
expect_ok
check "--channel fills the rows that give none" \
    test "$(q "SELECT channel FROM idea WHERE body = 'Par courriel.'")" = email
check "a row's own channel stays" \
    test "$(q "SELECT channel FROM idea WHERE body = 'Sur papier.'")" = paper
c import ideas "$TMP/mail.csv" --consultation AG21 --channel fax
expect_rc 65
printf 'idée,nombre,source\n1,3,Atelier\n' >"$TMP/t.csv"
c import tallies "$TMP/t.csv" --consultation AG21 --channel web
expect_rc 65
expect_err "Tallies have no channel"
c comment add "$idea101" --body "Au téléphone." --channel phone
expect_ok
check "a comment has a channel" \
    test "$(q "SELECT channel FROM comment WHERE body = 'Au téléphone.'")" = phone

# ---------------------------------------------------------------- template
# The example file of consult-csv(5) for comments imports cleanly after
# the ideas one, its reply under its parent.
DB=$TMP/templates.db
setup_cons
c import ideas "$CONSULT_SRC/data/templates/ideas.csv"
expect_ok
c import comments "$CONSULT_SRC/data/templates/comments.csv"
expect_ok
expect_no_out "Columns not imported"
expect_out "2 rows read, 2 imported, 0 refused, 0 already there"
check "the reply names its parent" \
    test "$(q "SELECT p.form_ref FROM comment c JOIN comment p ON p.id = c.parent_id")" = C-0001
check "each its channel" \
    test "$(q "SELECT group_concat(channel, ' ') FROM (SELECT channel FROM comment ORDER BY id)")" = "paper email"

finish
