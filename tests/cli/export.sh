# SPDX-License-Identifier: EUPL-1.2
#
# export.sh: `consult export KIND FILE|-` for every kind and option, and
# `consult export verify`: files and manifests, filters, profiles, Excel
# and French headers, formula neutralisation, --as-of giving back an
# earlier moment's file after later changes, and a manifest that no longer
# matches an edited file.
. "$CONSULT_SRC/tests/cli/lib.sh"

setup_cons
c idea add --consultation AG21 --theme MOB --title "Navette" \
    --body "Une navette entre les sites." --author-ref A-1 \
    --author-name "Anne Aubry" --email anne@ville.example --consent \
    --date 2021-03-02
expect_ok
i1=$(cat "$OUT")
c idea add --consultation AG21 --theme ENV --title "=HYPERLINK(\"http://x\")" \
    --body "+33 6 12 34 56 78" --channel web --author-ref B-2 \
    --author-name "Bruno Blanc" --date 2021-03-20
expect_ok
i2=$(cat "$OUT")
c idea add --consultation AG21 --theme ENV --title "@SUM(A1)" \
    --body "-1 pour tout" --channel email --date 2021-04-02
expect_ok
i3=$(cat "$OUT")
c vote add "$i1" --participant D-4 --participant-name "David Dumont" \
    --channel web --date 2021-03-05
expect_ok
c vote add "$i1" --participant E-5 --participant-name "Emma Evrard" \
    --date 2021-03-06
expect_ok
c vote add "$i2" --participant D-4 --date 2021-03-21
expect_ok
c tally add "$i1" --count 7 --source "Atelier Nord" --date 2021-03-10
expect_ok
c comment add "$i2" --body "=1+1, vraiment ?" --participant E-5
expect_ok
c idea status "$i2" accepted --answer "Nous le ferons."
expect_ok
c idea status "$i3" hidden --reason "Hors sujet."
expect_ok

# ---------------------------------------------------------------- kinds

cd "$TMP" || exit 1
for kind in ideas votes tallies comments participants decisions summary \
            participation answers; do
    c export "$kind" "$kind.csv" --consultation AG21
    expect_rc 0
    expect_out "$kind.csv:"
    check "$kind.csv written" test -s "$kind.csv"
    check "$kind.csv.manifest written" test -s "$kind.csv.manifest"
    check "$kind: the manifest names the kind" \
        grep -qx "kind: $kind" "$kind.csv.manifest"
    c export verify "$kind.csv"
    expect_ok
    expect_out "matches its manifest"
done
c export audit audit.csv
expect_ok
check "audit: one row per journal entry and a header" \
    test "$(grep -c '^[0-9]' audit.csv)" -ge 10
check "ideas: 3 rows" test "$(sed -n '$=' ideas.csv)" -eq 4
check "votes: 3 rows" test "$(sed -n '$=' votes.csv)" -eq 4
check "tallies: the workshop count, none against" grep -q ',7,0,Atelier Nord,2021-03-10,' tallies.csv
check "summary: header, MOB, ENV, total" test "$(sed -n '$=' summary.csv)" -eq 4
check "summary: the total row" grep -q '^,Total,3,0,' summary.csv
check "decisions: the accepted idea" grep -q ',accepted,Nous le ferons\.' decisions.csv
check "participation: a total row" grep -q '^total,,,' participation.csv
check "participants: the names (internal-contact by default)" \
    grep -q 'Anne Aubry' participants.csv
check "answers: the answer, without contact (no consent)" \
    grep -q "^$i2,AG21,ENV,.*,accepted,Nous le ferons\.,[0-9-]*,,no,,,," answers.csv

# Default profiles: codir for ideas (a pseudonym, no names), open data for
# tallies (no staff logins).
check "ideas (codir): no names" sh -c "! grep -q 'Anne Aubry' ideas.csv"
check "ideas (codir): the author column" grep -q ',hidden_reason,author$' ideas.csv
check "ideas (codir): pseudonyms" grep -q ',p-[0-9a-f]\{16\}$' ideas.csv
check "tallies (open data): no entered_by" sh -c "! grep -q entered_by tallies.csv"
check "profile in the manifest" grep -qx 'profile: open-data' tallies.csv.manifest

# ---------------------------------------------------------------- stdout

c export ideas - --consultation AG21 --profile internal-contact
expect_ok
expect_out "Anne Aubry"
expect_out "anne@ville.example"
check "no manifest for standard output" test ! -e -.manifest
c export summary - --consultation AG21 --manifest "$TMP/out.manifest"
expect_ok
check "manifest on request" grep -qx 'file: -' "$TMP/out.manifest"
cp "$OUT" "$TMP/summary-stdout.csv"
c export verify "$TMP/summary-stdout.csv" --manifest "$TMP/out.manifest"
expect_ok

# ---------------------------------------------------------------- formulas

c export ideas - --consultation AG21 --profile internal-contact
expect_ok
expect_out '"'"'"'=HYPERLINK(""http://x"")"'
expect_out ",'+33 6 12 34 56 78,"
expect_out ",'@SUM(A1),"
expect_out ",'-1 pour tout,"
c export comments - --consultation AG21
expect_ok
expect_out "'=1+1, vraiment ?"
expect_no_out ",=1+1"

# ---------------------------------------------------------------- filters

c export ideas - --consultation AG21 --theme ENV --profile open-data
expect_ok
expect_out "$i2,AG21,ENV"
expect_no_out "$i1,AG21"
expect_no_out "$i3,AG21"        # hidden: not open data
c export ideas - --consultation AG21 --status accepte
expect_ok
expect_out "$i2,AG21,ENV"
expect_no_out "$i1,AG21"
c export ideas - --consultation AG21 --channel courriel
expect_ok
expect_out "$i3,AG21,ENV"
expect_no_out "$i2,AG21"
c export ideas - --consultation AG21 --since 2021-03-15 --until 31/03/2021
expect_ok
expect_out "$i2,AG21"
expect_no_out "$i1,AG21"
expect_no_out "$i3,AG21"
# By the date on the form: the votes, tallies and comments follow their
# idea, whatever their own dates; the summary counts those ideas.
c export ideas - --consultation AG21 --submitted-until 2021-03-02
expect_ok
expect_out "$i1,AG21"
expect_no_out "$i2,AG21"
expect_no_out "$i3,AG21"
c export votes - --consultation AG21 --submitted-until 2021-03-02
expect_ok
check "the two votes on the first idea" \
    test "$(grep -c "^[0-9]*,AG21,$i1," "$OUT")" -eq 2
check "and no other" test "$(grep -c '^[0-9]' "$OUT")" -eq 2
c export comments - --consultation AG21 --submitted-until 2021-03-02
expect_ok
expect_no_out "vraiment"
c export tallies - --consultation AG21 --submitted-until 2021-03-19
expect_ok
expect_out "Atelier Nord"
c export answers - --consultation AG21 --submitted-until 2021-03-20
expect_ok
expect_out "Nous le ferons."
c export answers - --consultation AG21 --submitted-until 2021-03-19
expect_ok
expect_no_out "Nous le ferons."
c export summary sub.csv --consultation AG21 --submitted-until 2021-03-20
expect_ok
check "the summary counts the two ideas dated by then" \
    grep -q '^,Total,2,' sub.csv
check "the manifest says so" grep -qx "submitted_until: 2021-03-20" \
    sub.csv.manifest
c export participants - --submitted-until 2021-03-20
expect_rc 64
expect_err "The submitted-until filter does not apply to the participants export."
c export ideas - --submitted-until "le vingt"
expect_rc 64
c export votes - --consultation AG21 --channel web
expect_ok
check "one web vote" test "$(grep -c '^[0-9]' "$OUT")" -eq 1
c export participants - --channel paper
expect_ok
expect_out "Emma Evrard"
expect_no_out "David Dumont"    # came by the web

# By tag and by search, as the triage desk filters.
c idea tag "$i1" "Mobilité douce"
expect_ok
c export ideas "$TMP/tagged.csv" --consultation AG21 --tag "mobilite DOUCE"
expect_ok
check "the tagged idea only" test "$(grep -c '^[0-9]' "$TMP/tagged.csv")" -eq 1
check "the tagged idea only" grep -q "^$i1,AG21" "$TMP/tagged.csv"
check "the manifest names the tag" grep -qx "tag: mobilite DOUCE" "$TMP/tagged.csv.manifest"
c export votes - --consultation AG21 --tag "mobilité douce"
expect_ok
check "the tagged idea's votes" test "$(grep -c '^[0-9]' "$OUT")" -eq 2
c export ideas - --consultation AG21 --search "NAVET"
expect_ok
expect_out "$i1,AG21"
expect_no_out "$i2,AG21"
c export ideas - --search "navette" --tag "nothing such"
expect_ok
check "both filters apply" test "$(grep -c '^[0-9]' "$OUT")" -eq 0
c export summary - --consultation AG21 --tag "mobilité douce"
expect_rc 64
expect_err "The tag filter does not apply to the summary export."
c export ideas - --search "!!!"
expect_rc 64
expect_err "no word to look for"
c export ideas - --tag x --as-of 2021-04-01
expect_rc 64
expect_err "cannot be filtered by tag or search"

# In the desk's orders: by support, most first (i1 has two votes and a
# tally, i2 one vote; the hidden i3 none), ties by number; the manifest
# says so; other kinds and the past come by number only.
c export ideas "$TMP/sorted.csv" --consultation AG21 --sort support --desc
expect_ok
check "most supported first" test "$(grep -o '^[0-9]*,AG21' "$TMP/sorted.csv" | cut -d, -f1 | tr '\n' ' ')" = "$i1 $i2 $i3 "
check "the manifest names the order" grep -qx "sort: support desc" "$TMP/sorted.csv.manifest"
c export ideas - --consultation AG21 --sort date --desc
expect_ok
check "newest first" test "$(grep -o '^[0-9]*,AG21' "$OUT" | cut -d, -f1 | tr '\n' ' ')" = "$i3 $i2 $i1 "
c export ideas - --sort relevance
expect_rc 64
expect_err "Sorting by relevance needs a search."
c export votes - --sort date
expect_rc 64
expect_err "Only the ideas export has a sort order"
c export ideas - --sort date --as-of 2021-04-01
expect_rc 64
expect_err "comes by number"
c export ideas - --sort size
expect_rc 64
expect_err "--sort: \"size\" is not id, date, support or relevance."

# Filters that do not apply, bad values: usage errors.
c export audit - --theme MOB
expect_rc 64
expect_err "does not apply to the audit export"
c export votes - --status new
expect_rc 64
c export ideas - --since "the day before"
expect_rc 64
c export summary -
expect_rc 64
expect_err "one consultation"
c export ideas - --consultation NOPE
expect_rc 65
expect_err 'No consultation "NOPE"'
c export ideas - --consultation AG21 --theme NOPE
expect_rc 65
c export bogus -
expect_rc 64
expect_err "Unknown export"
c export ideas
expect_rc 64
c export ideas - --profile public
expect_rc 64
c export ideas - --headers de
expect_rc 64
c export ideas - --top 3
expect_rc 64
c export summary - --consultation AG21 --top 3
expect_rc 64
expect_err "--top-file"
c export ideas - --manifest m --no-manifest
expect_rc 64
c export participants - --profile open-data
expect_rc 64

# ---------------------------------------------------------------- format

c export summary excel.csv --consultation AG21 --excel --headers fr
expect_ok
check "Excel: a BOM" sh -c "head -c 3 excel.csv | od -An -tx1 | grep -q 'ef bb bf'"
check "Excel: semicolons, French headers" grep -q 'thème;titre du thème;idées;' excel.csv
check "Excel: CRLF" sh -c "head -n 1 excel.csv | grep -q \"$(printf '\r')\$\""
check "manifest: Excel format" grep -qx 'delimiter: semicolon' excel.csv.manifest
check "manifest: French headers" grep -qx 'headers: fr' excel.csv.manifest
c export verify excel.csv
expect_ok
expect_out "3 rows"
# With French headers the words are French too (statuses, channels,
# kinds, yes/no); without, the stored English names, for machines. A
# French file reads back: the importer knows the French words.
c export ideas fr.csv --consultation AG21 --headers fr
expect_ok
check "French status" grep -q ',acceptée,' fr.csv
check "French channel" grep -q ',papier,' fr.csv
check "French kind" grep -q ',idée,' fr.csv
check "French yes/no" grep -q ',oui,' fr.csv
check "no English status left" sh -c "! grep -q ',accepted,' fr.csv"
c export ideas en.csv --consultation AG21
expect_ok
check "English status without --headers fr" grep -q ',accepted,' en.csv
check "English channel" grep -q ',paper,' en.csv
check "no French status" sh -c "! grep -q 'acceptée' en.csv"
DB_MAIN=$DB
DB=$TMP/other.db
setup_cons
c import ideas fr.csv --consultation AG21
expect_ok
expect_out "3 imported"
c idea list --consultation AG21 --status accepted
expect_out " accepted "
c idea list --consultation AG21 --status hidden
expect_out " hidden "
c idea list --consultation AG21 --channel web
expect_out " web "
DB=$DB_MAIN
c export ideas tab.csv --consultation AG21 --excel --delimiter tab
expect_ok
check "--delimiter wins over --excel" \
    grep -q "id$(printf '\t')consultation$(printf '\t')" tab.csv
c export verify tab.csv
expect_ok
c export ideas lf.csv --consultation AG21 --no-manifest
expect_ok
check "--no-manifest" test ! -e lf.csv.manifest
check "LF by default" sh -c "! grep -q \"$(printf '\r')\" lf.csv"

# ---------------------------------------------------------------- by channel

c export summary bych.csv --consultation AG21 --by channel
expect_ok
check "one row per channel and a total" test "$(wc -l <bych.csv)" -eq 8
check "header" test "$(head -n 1 bych.csv)" = \
    "channel,ideas,findings,new,reviewing,accepted,rejected,implemented,merged,withdrawn,hidden,votes,tally_votes"
c export summary bytheme.csv --consultation AG21
expect_ok
# The total row of each gives the same counts of ideas by status.
check "the same totals as by theme" test \
    "$(tail -n 1 bych.csv | cut -d, -f2-11)" = \
    "$(tail -n 1 bytheme.csv | cut -d, -f3-12)"
check "each channel's ideas add up to the total" test \
    "$(awk -F, 'NR > 1 && $1 != "Total" { n += $2 } END { print n }' bych.csv)" \
    = "$(tail -n 1 bych.csv | cut -d, -f2)"
check "the manifest says by channel" grep -qx 'by: channel' bych.csv.manifest
c export verify bych.csv
expect_ok
c export summary - --consultation AG21 --by channel --headers fr
expect_ok
expect_out "canal,idées,constats"
expect_out "papier,"
c export summary x.csv --consultation AG21 --by channel --top 2
expect_rc 64
expect_err "no top file"
c export ideas - --by channel
expect_rc 64
expect_err "Only the summary export has rows by channel"
c export summary - --consultation AG21 --by service
expect_rc 64
expect_err "neither theme nor channel"

# ---------------------------------------------------------------- top

c export summary codir.csv --consultation AG21 --top 2
expect_ok
expect_out "Top 2 ideas per theme"
check "summary-top file" test -s codir-top.csv
check "top file header" grep -q '^theme,theme_title,rank,idea_id,' codir-top.csv
check "top: the hidden idea is not put forward" \
    sh -c "! grep -q '^ENV,Environnement,[0-9]*,$i3,' codir-top.csv"
check "manifest names the top file" grep -qx 'top_file: codir-top.csv' codir.csv.manifest
c export summary other.csv --consultation AG21 --top 1 --top-file best.csv
expect_ok
check "--top-file" test -s best.csv
c export verify other.csv
expect_ok
expect_out "top file matches"

# ---------------------------------------------------------------- verify

c export verify ideas.csv --journal
expect_ok
expect_out "journal holds row"
c export ideas journaled.csv --consultation AG21 --verify-journal
expect_ok
check "verified journal" grep -qx 'audit_verified: yes' journaled.csv.manifest
cp summary.csv summary.orig
sed 's/^MOB,Mobilité,1,/MOB,Mobilité,9,/' summary.orig >summary.csv
c export verify summary.csv
expect_rc 65
expect_err "summary.csv does not match its manifest: the SHA-256 differs"
sed '$d' summary.orig >summary.csv
c export verify summary.csv
expect_rc 65
expect_err "2 rows where the manifest says 3"
cp summary.orig summary.csv
c export verify summary.csv
expect_ok
echo x >>codir-top.csv
c export verify codir.csv
expect_rc 65
expect_err "the top file codir-top.csv differs"
c export verify nothing.csv
expect_rc 65
c export verify summary.csv --manifest ideas.csv
expect_rc 65
expect_err "not a consult export manifest"

# ---------------------------------------------------------------- as-of

c export summary before.csv --consultation AG21
expect_ok
c export ideas before-ideas.csv --consultation AG21 --profile internal-contact
expect_ok
then=$(date -u +%Y-%m-%dT%H:%M:%SZ)
# Into the next second: as-of times are to the second.
while [ "$(date -u +%Y-%m-%dT%H:%M:%SZ)" = "$then" ]; do sleep 0.1; done
c vote add "$i2" --participant F-6 --participant-name "Fatima Fares"
expect_ok
c idea status "$i1" rejected --answer "Trop cher."
expect_ok
c idea add --consultation AG21 --theme MOB --body "Une idée tardive."
expect_ok
c export summary now.csv --consultation AG21
expect_ok
check "the summary changed since" sh -c "! cmp -s before.csv now.csv"
c export summary asof.csv --consultation AG21 --as-of "$then"
expect_ok
check "as of then: the summary made then, byte for byte" cmp before.csv asof.csv
check "as-of time in the manifest" grep -qx "as_of: $then" asof.csv.manifest
c export ideas asof-ideas.csv --consultation AG21 --as-of "$then" \
    --profile internal-contact
expect_ok
check "as of then: the ideas made then, byte for byte" \
    cmp before-ideas.csv asof-ideas.csv
# Before the first idea: said, not a file of zeros; the journal may
# still be exported as of then (it was empty).
c export summary zeros.csv --consultation AG21 --as-of 2000-01-01
expect_rc 65
expect_err "No idea had been entered on 2000-01-01"
expect_err "the first was entered on $(date -u +%Y)"
check "no file made" test ! -e zeros.csv
c export ideas - --as-of 1999-12-31T23:59:59Z
expect_rc 65
expect_err "nothing to show"
c export audit - --as-of 2000-01-01
expect_ok
expect_out_is "id,at,actor,action,table,row_id,idea_id,before,after,prev_hash,hash"

# ---------------------------------------------------------------- help

c export ideas --help
expect_ok
expect_out "consult export verify FILE"
c help export
expect_ok
expect_out "--as-of"

finish
