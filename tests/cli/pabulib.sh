# SPDX-License-Identifier: EUPL-1.2
#
# pabulib.sh: `consult import pabulib` on two real participatory budgets
# (tests/data/pabulib): the counts of projects, ballots and votes; each
# project's support equal to the file's votes column and to the ballots
# that list it (counted here with awk); the cumulative points kept; the
# projects' other columns shown by `idea show`; missing themes listed,
# --theme, --create-themes; voters never merged across files or with a
# staff number; a second import recognised; undo removing everything; a
# refused file with its line and reason; `import show` with the notes.
. "$CONSULT_SRC/tests/cli/lib.sh"

AMS=$CONSULT_SRC/tests/data/pabulib/Netherlands_Amsterdam_166.pb
CZE=$CONSULT_SRC/tests/data/pabulib/Poland_Czestochowa_2020_Bleszno.pb
q() { sqlite3 "$DB" "$1"; }

# The file's own figures: section by section, CRLF removed.
# projects FILE: "id votes" per project.
projects() {
    tr -d '\r' <"$1" | awk -F';' '
        /^(META|PROJECTS|VOTES)$/ { s = $0; h = 1; next }
        s == "PROJECTS" && h { for (i = 1; i <= NF; i++) col[$i] = i; h = 0; next }
        s == "PROJECTS" { print $col["project_id"], $col["votes"] }'
}
# ballots FILE: "id count" per project, from the VOTES lines.
ballots() {
    tr -d '\r' <"$1" | awk -F';' '
        /^(META|PROJECTS|VOTES)$/ { s = $0; h = 1; next }
        s == "VOTES" && h { for (i = 1; i <= NF; i++) col[$i] = i; h = 0; next }
        s == "VOTES" { n = split($col["vote"], v, ","); for (k = 1; k <= n; k++) c[v[k]]++ }
        END { for (p in c) print p, c[p] }' | sort
}
nballots() {
    tr -d '\r' <"$1" | awk '/^(META|PROJECTS|VOTES)$/ { s = $0; h = 1; next }
        s == "VOTES" && h { h = 0; next } s == "VOTES" { n++ } END { print n }'
}
nvotes() {
    ballots "$1" | awk '{ t += $2 } END { print t }'
}

setup_cons
c consultation add --code PB --title "Buurtbudget"
expect_ok
c consultation add --code PB2 --title "Budżet"
expect_ok

# ---------------------------------------------------------------- themes
# Without themes, the refusal lists every missing theme once with its
# projects, and nothing is written.
c import pabulib "$AMS" --consultation PB
expect_rc 65
expect_err "6 themes the file needs are missing from consultation PB"
expect_err "  Armoede (7 projects)"
expect_err "  Groenonderhoud straten & pleinen (7 projects)"
check "one line per missing theme" test "$(grep -c ' projects)$' "$ERR")" -eq 6
check "nothing imported" test "$(q 'SELECT count(*) FROM idea')" -eq 0
check "no batch kept" test "$(q 'SELECT count(*) FROM import_batch')" -eq 0

# A theme that exists is matched by its title, case and accents aside.
c theme add --consultation PB --code ARM --title "ARMOÉDE"
expect_ok
c import pabulib "$AMS" --consultation PB --dry-run --create-themes
expect_rc 0
expect_out "Dry run"
expect_out "52 projects, 426 ballots"
check "a dry run writes nothing" test "$(q 'SELECT count(*) FROM idea')" -eq 0
check "nor themes" test "$(q "SELECT count(*) FROM theme t JOIN consultation c ON c.id = t.consultation_id WHERE c.code = 'PB'")" -eq 1

# ---------------------------------------------------------------- import
c import pabulib "$AMS" --consultation PB --create-themes
expect_ok
expect_out "52 projects, 426 ballots, $(nvotes "$AMS") votes imported, 426 new participants, 5 new themes"
check "426 ballots in the file" test "$(nballots "$AMS")" -eq 426
check "52 ideas, channel web, form reference pabulib:ID" \
    test "$(q "SELECT count(*) FROM idea WHERE channel = 'web' AND form_ref LIKE 'pabulib:%'")" -eq 52
check "the matched theme took its 7 projects" \
    test "$(q "SELECT count(*) FROM idea i JOIN theme t ON t.id = i.theme_id WHERE t.code = 'ARM'")" -eq 7
check "the theme created from the category has its projects" \
    test "$(q "SELECT count(*) FROM idea i JOIN theme t ON t.id = i.theme_id WHERE t.title = 'Jeugdactiviteiten'")" -eq 13

# Support equals the file's votes column and the ballots' count, for
# every project.
projects "$AMS" | sort >"$TMP/want_votes"
ballots "$AMS" >"$TMP/want_ballots"
q "SELECT substr(form_ref, 9), support FROM idea WHERE form_ref LIKE 'pabulib:%' AND consultation_id = (SELECT id FROM consultation WHERE code = 'PB')" \
    | tr '|' ' ' | sort >"$TMP/got"
check "support equals the file's votes column (Amsterdam)" cmp -s "$TMP/want_votes" "$TMP/got"
check "support equals the ballots listing each project (Amsterdam)" cmp -s "$TMP/want_ballots" "$TMP/got"
check "52 projects compared" test "$(wc -l <"$TMP/got")" -eq 52

# The project's other columns, on the idea's page.
id=$(q "SELECT id FROM idea WHERE form_ref = 'pabulib:12437'")
c idea show "$id"
expect_ok
expect_out "Schonere wereld"
expect_out "Other columns of the imported file:"
expect_out "  cost: 1000"
expect_out "  votes: 242"
expect_out "  category: Rattenpreventie"
expect_out "Support:         242"

# The voters: pseudonymous, one per ballot.
check "voters named after the file" \
    test "$(q "SELECT count(*) FROM participant WHERE ref LIKE 'pabulib:Amsterdam-166-Noord:%'")" -eq 426

# Every ballot's votes go to its own voter: the file's (voter, project)
# pairs, one per vote, as the database has them.
tr -d '\r' <"$AMS" | awk -F';' '
    /^VOTES$/ { s = 1; h = 1; next }
    s && h { h = 0; next }
    s { n = split($2, v, ","); for (k = 1; k <= n; k++) print $1 ";" v[k] }' \
    | sort >"$TMP/ams-ballots"
q "SELECT substr(p.ref, 29) || ';' || substr(i.form_ref, 9) FROM vote v
   JOIN participant p ON p.id = v.participant_id
   JOIN idea i ON i.id = v.idea_id
   WHERE p.ref LIKE 'pabulib:Amsterdam-166-Noord:%'" | sort >"$TMP/ams-db"
check "each voter has exactly the projects of their ballot" \
    cmp "$TMP/ams-ballots" "$TMP/ams-db"

# The same file again adds nothing.
c import pabulib "$AMS" --consultation PB --create-themes
expect_ok
expect_out "was already imported (batch 1): nothing added"
check "still 52 ideas" test "$(q 'SELECT count(*) FROM idea')" -eq 52

# The same projects in another version of the file are refused.
tr -d '\r' <"$AMS" >"$TMP/ams-lf.pb"
c import pabulib "$TMP/ams-lf.pb" --consultation PB
expect_rc 65
expect_err "is already idea"

# ---------------------------------------------------------------- cumulative
# No category: the theme is named after the district; --theme takes the
# projects instead.
c import pabulib "$CZE" --consultation PB2
expect_rc 65
expect_err "  Błeszno (17 projects)"
c theme add --consultation PB2 --code ALL --title "Wszystko"
expect_ok
# A staff member numbered like a voter of the file.
printf 'ref,name\n135,Agent Cent-Trente-Cinq\n' >"$TMP/staff.csv"
c import participants "$TMP/staff.csv"
expect_ok
c import pabulib "$CZE" --consultation PB2 --theme ALL
expect_ok
bc=$(q "SELECT max(id) FROM import_batch")
expect_out "(pabulib, cumulative): 17 projects, 462 ballots, $(nvotes "$CZE") votes imported, 462 new participants, 0 new themes, $(nvotes "$CZE") votes with points"
check "every project in the --theme" \
    test "$(q "SELECT count(*) FROM idea i JOIN theme t ON t.id = i.theme_id WHERE t.code = 'ALL'")" -eq 17
projects "$CZE" | sort >"$TMP/want_votes"
ballots "$CZE" >"$TMP/want_ballots"
q "SELECT substr(form_ref, 9), support FROM idea WHERE consultation_id = (SELECT id FROM consultation WHERE code = 'PB2')" \
    | tr '|' ' ' | sort >"$TMP/got"
check "support equals the file's votes column (Częstochowa)" cmp -s "$TMP/want_votes" "$TMP/got"
check "support equals the ballots listing each project (Częstochowa)" cmp -s "$TMP/want_ballots" "$TMP/got"
# Voter 135 gave 5 points to projects 500 and 567.
check "voter 135's points kept" \
    test "$(q "SELECT group_concat(x, ' ') FROM (SELECT i.form_ref || '=' || v.points AS x FROM vote v JOIN idea i ON i.id = v.idea_id JOIN participant p ON p.id = v.participant_id WHERE p.ref = 'pabulib:Częstochowa-2020-Błeszno:135' ORDER BY i.form_ref)")" \
    = "pabulib:500=5 pabulib:567=5"
check "the staff member 135 got no vote" \
    test "$(q "SELECT count(*) FROM vote v JOIN participant p ON p.id = v.participant_id WHERE p.ref = '135'")" -eq 0
# The points of each project add up to the file's score column.
tr -d '\r' <"$CZE" | awk -F';' '
    /^(META|PROJECTS|VOTES)$/ { s = $0; h = 1; next }
    s == "PROJECTS" && h { for (i = 1; i <= NF; i++) col[$i] = i; h = 0; next }
    s == "PROJECTS" { print "pabulib:" $col["project_id"], $col["score"] }' \
    | sort >"$TMP/want_score"
q "SELECT i.form_ref, sum(v.points) FROM vote v JOIN idea i ON i.id = v.idea_id WHERE i.consultation_id = (SELECT id FROM consultation WHERE code = 'PB2') GROUP BY i.id" \
    | tr '|' ' ' | sort >"$TMP/got_score"
check "the points of each project are the file's score" cmp -s "$TMP/want_score" "$TMP/got_score"
id=$(q "SELECT id FROM idea WHERE form_ref = 'pabulib:567' AND consultation_id = (SELECT id FROM consultation WHERE code = 'PB2')")
c idea show "$id"
expect_ok
expect_out "Points: 732 (from 95 votes)"
expect_out "  score: 732"

# Not merged across files: every ballot of both files is its own person.
check "888 voters, none shared" \
    test "$(q "SELECT count(DISTINCT participant_id) FROM vote WHERE batch_id IN (1, $bc)")" -eq 888

# Who took part, as kept, equals a count from the rows (the import counts
# its new voters itself; the staff member is in no consultation).
counts_hold() {
    test "$(q "SELECT count(*) FROM consultation c
        LEFT JOIN consultation_count k ON k.consultation_id = c.id
        WHERE coalesce(k.participants, 0) <> (SELECT count(*) FROM participation p WHERE p.consultation_id = c.id)
           OR coalesce(k.without_email, 0) <> (SELECT count(*) FROM participation p JOIN participant q ON q.id = p.participant_id WHERE p.consultation_id = c.id AND q.email IS NULL)")" -eq 0 \
    && test "$(q "SELECT count(*) FROM participation p WHERE contributions <> (SELECT count(*) FROM vote v JOIN idea i ON i.id = v.idea_id WHERE v.participant_id = p.participant_id AND i.consultation_id = p.consultation_id) + (SELECT count(*) FROM idea i WHERE i.author_id = p.participant_id AND i.consultation_id = p.consultation_id)")" -eq 0
}
check "who took part is counted right" counts_hold
check "PB2 counts its 462 voters" \
    test "$(q "SELECT participants FROM consultation_count WHERE consultation_id = (SELECT id FROM consultation WHERE code = 'PB2')")" -eq 462

# The batch and its notes.
c import show "$bc"
expect_ok
expect_out "file:      unit: Częstochowa"
expect_out "format:    pabulib cumulative"
c import list
expect_ok
expect_out "Poland_Czestochowa_2020_Bleszno.pb"

# ---------------------------------------------------------------- warnings
# A votes column that the ballots do not match: imported as it is, with
# a warning kept with the batch.
tr -d '\r' <"$AMS" | sed 's/^12437;1000;242;/12437;1000;240;/' >"$TMP/off.pb"
c consultation add --code PB3 --title "Copy"
c import pabulib "$TMP/off.pb" --consultation PB3 --create-themes
expect_rc 0
expect_err "warning: Project 12437"
expect_err "the file says 240 votes, its ballots give 242"
expect_out "0 new participants"
check "who took part is counted right with voters found again" counts_hold
check "PB3 counts the 426 voters it shares with PB" \
    test "$(q "SELECT participants FROM consultation_count WHERE consultation_id = (SELECT id FROM consultation WHERE code = 'PB3')")" -eq 426
b=$(q "SELECT max(id) FROM import_batch")
c import show "$b"
expect_out "warning:   Project 12437"

# Voters found again in another order than their first file's, beside a
# new one: each vote still goes to its own voter.
printf 'META\nkey;value\nunit;Orde\ninstance;2026\nvote_type;approval\nPROJECTS\nproject_id;cost;votes;name\n1;10;2;A\n2;10;2;B\nVOTES\nvoter_id;vote\nv1;1\nv2;1,2\nv3;2\n' >"$TMP/orde1.pb"
printf 'META\nkey;value\nunit;Orde\ninstance;2026\nvote_type;approval\nPROJECTS\nproject_id;cost;votes;name\n10;10;3;C\n11;10;3;D\nVOTES\nvoter_id;vote\nv9;11,10\nv3;10,11\nv2;11\nv1;10\n' >"$TMP/orde2.pb"
c consultation add --code ORD1 --title "Orde 1"
c import pabulib "$TMP/orde1.pb" --consultation ORD1 --create-themes
expect_out "3 new participants"
c consultation add --code ORD2 --title "Orde 2"
c import pabulib "$TMP/orde2.pb" --consultation ORD2 --create-themes
expect_ok
expect_out "4 ballots, 6 votes imported, 1 new participants"
check "votes of voters found again on their own ideas" \
    test "$(q "SELECT group_concat(x, ' ') FROM (SELECT substr(i.form_ref, 9) || ':' || substr(p.ref, 19) AS x FROM vote v JOIN idea i ON i.id = v.idea_id JOIN participant p ON p.id = v.participant_id WHERE i.consultation_id = (SELECT id FROM consultation WHERE code = 'ORD2') ORDER BY 1)")" = "10:v1 10:v3 10:v9 11:v2 11:v3 11:v9"
check "who took part is counted right with some voters found again" counts_hold
check "ORD2 counts its 4 voters, 3 of them from ORD1" \
    test "$(q "SELECT participants FROM consultation_count WHERE consultation_id = (SELECT id FROM consultation WHERE code = 'ORD2')")" -eq 4

# ---------------------------------------------------------------- refusals
printf 'META\nkey;value\nunit;X\nvote_type;approval\nPROJECTS\nproject_id;cost;votes;name\n1;10;1;A\nVOTES\nvoter_id;vote\n7;1,2\n' >"$TMP/bad.pb"
c import pabulib "$TMP/bad.pb" --consultation PB3 --create-themes
expect_rc 65
expect_err "bad.pb, line 10: Ballot 7 votes for project 2, which PROJECTS does not list."
# What could disturb a terminal, in a project's name or a voter's id: the
# file is refused at its line.
for bad in "$(printf 'A\033[2J')" "$(printf 'A\342\200\256')" "$(printf 'A\rB')"; do
    printf 'META\nkey;value\nunit;X\nvote_type;approval\nPROJECTS\nproject_id;cost;votes;name\n1;10;1;"%s"\nVOTES\nvoter_id;vote\n7;1\n' "$bad" >"$TMP/ctl.pb"
    c import pabulib "$TMP/ctl.pb" --consultation PB3 --create-themes
    expect_rc 65
    expect_err "ctl.pb, line 7: The line holds a control or direction character"
    printf 'META\nkey;value\nunit;X\nvote_type;approval\nPROJECTS\nproject_id;cost;votes;name\n1;10;1;A\nVOTES\nvoter_id;vote\n"%s";1\n' "$bad" >"$TMP/ctl.pb"
    c import pabulib "$TMP/ctl.pb" --consultation PB3 --create-themes
    expect_rc 65
    expect_err "ctl.pb, line 10: The line holds a control"
done
c import pabulib "$TMP/none.pb" --consultation PB3
expect_rc 66
c import pabulib "$AMS"
expect_rc 64
expect_err "--consultation"

# ---------------------------------------------------------------- man page
# consult-csv(5)'s example does what the page says.
sed -n '/^\.SH PARTICIPATORY BUDGETS/,/^\.SH MAPPING/p' "$CONSULT_SRC/man/consult-csv.5" \
    | sed -n '/^\.EX/,/^\.EE/p' | sed '1d;$d' >"$TMP/example.pb"
check "the page has an example" test "$(wc -l <"$TMP/example.pb")" -eq 14
c consultation add --code NAM --title "Namur"
c import pabulib "$TMP/example.pb" --consultation NAM --create-themes
expect_ok
expect_out "2 projects, 2 ballots, 3 votes imported, 2 new participants, 1 new themes, 3 votes with points"
expect_out "Not kept: VOTES column \"age\": 1 value not kept"
check "points as the page says" \
    test "$(q "SELECT group_concat(x, ' ') FROM (SELECT i.form_ref || '=' || i.votes || '/' || sum(v.points) AS x FROM idea i JOIN vote v ON v.idea_id = i.id WHERE i.consultation_id = (SELECT id FROM consultation WHERE code = 'NAM') GROUP BY i.id ORDER BY i.form_ref)")" \
    = "pabulib:1=2/16 pabulib:2=1/4"
check "the voters as the page says" \
    test "$(q "SELECT count(*) FROM participant WHERE ref IN ('pabulib:Namur-2024-Jambes:17', 'pabulib:Namur-2024-Jambes:18')")" -eq 2
check "the theme as the page says" \
    test "$(q "SELECT count(*) FROM theme WHERE title = 'Espaces verts'")" -eq 1

# The journal knows every row the imports made: nothing reported as
# changed outside consult.
c audit verify
expect_ok
expect_no_out "never wrote"

# ---------------------------------------------------------------- undo
c import undo "$bc"
expect_ok
expect_out "17 ideas, $(nvotes "$CZE") votes, 0 tallies, 0 comments and 462 participants removed"
# The voters of Amsterdam also voted in PB3 (the copy, same unit,
# instance and voter ids: the same people): they stay.
c import undo 1
expect_ok
expect_out "52 ideas, $(nvotes "$AMS") votes, 0 tallies, 0 comments and 0 participants removed"
c audit verify
expect_ok
expect_no_out "no deletion in the journal"
check "no vote of the undone batches left" \
    test "$(q "SELECT count(*) FROM vote WHERE batch_id IN (1, $bc)")" -eq 0
check "no extra column of theirs left" \
    test "$(q "SELECT count(*) FROM idea_extra e JOIN idea i ON i.id = e.idea_id WHERE i.batch_id IN (1, $bc)")" -eq 0
check "Częstochowa's voters gone, Amsterdam's kept for PB3" \
    test "$(q "SELECT count(*) FROM participant WHERE ref LIKE 'pabulib:Cz%' OR ref LIKE 'pabulib:Am%'")" -eq 426
check "the staff member 135 is still there" \
    test "$(q "SELECT count(*) FROM participant WHERE ref = '135'")" -eq 1
check "the consultation's figures back to none" \
    test "$(q "SELECT coalesce(sum(ideas), 0) FROM idea_count k JOIN theme t ON t.id = k.theme_id WHERE t.consultation_id IN (SELECT id FROM consultation WHERE code IN ('PB', 'PB2'))")" -eq 0
check "who took part is counted right after the copy and the undo" counts_hold
# Undone, the file can come again.
c import pabulib "$AMS" --consultation PB
expect_ok
expect_out "52 projects, 426 ballots"

finish
