# SPDX-License-Identifier: EUPL-1.2
#
# tally.sh: `consult tally add` by session: --for and --against (--count
# stays, meaning --for), the same source and day again replaces the
# session's counts (audited before and after), another day is another
# session, and votes against are shown beside the support, never taken
# from it; the tallies export and import carry them, and undoing an
# import that replaced a session leaves the counts it gave.
. "$CONSULT_SRC/tests/cli/lib.sh"

setup_cons
c idea add --consultation AG21 --theme MOB --body "Des bancs au parc" --form-ref F-7
expect_ok
i=$(cat "$OUT")

support_of() {
    c idea list --sort id
    awk -v id="$1" '$1 == id { print $4 }' "$OUT"
}

c tally add "$i" --for 14 --against 3 --source "Atelier Marchienne" --date 2026-05-02
expect_ok
check "tally add --for --against names the tally" \
    grep -Eqx "Tally [0-9]+ recorded: 14 votes for and 3 against idea $i from Atelier Marchienne\\." "$OUT"
t1=$(sed 's/^Tally \([0-9]*\) .*/\1/' "$OUT")
check "against is not taken from the support" test "$(support_of "$i")" = 14

# The same session keyed again, however the source is typed: replaced.
c tally add "$i" --for 12 --against 5 --source "ATELIER  marchiénne" --date 2026-05-02
expect_ok
expect_out_is "Tally $t1 replaced: 12 votes for and 5 against idea $i from ATELIER  marchiénne on 2026-05-02 (was 14 for, 3 against)."
check "support follows the replaced count" test "$(support_of "$i")" = 12
c audit list --idea "$i"
expect_ok
expect_out " update    tally#$t1"

# The same counts again change nothing.
c tally add "$i" --count 12 --against 5 --source "Atelier Marchienne" --date 2026-05-02
expect_ok
expect_out_is "Tally $t1 unchanged: 12 votes for and 5 against idea $i from Atelier Marchienne on 2026-05-02."

# --count is --for; no --against is 0 against.
c tally add "$i" --count 11 --source "Atelier Marchienne" --date 2026-05-02
expect_ok
expect_out_is "Tally $t1 replaced: 11 votes for idea $i from Atelier Marchienne on 2026-05-02 (was 12 for, 5 against)."

# Another day of the same source is another session.
c tally add "$i" --for 1 --against 2 --source "Atelier Marchienne" --date 2026-05-09
expect_ok
t2=$(sed 's/^Tally \([0-9]*\) .*/\1/' "$OUT")
check "another day is another tally" test "$t2" != "$t1"
check "support with both sessions" test "$(support_of "$i")" = 12

c tally list "$i"
expect_ok
expect_out "    ID    For Against Date       Entered by   Source"
expect_out "$(printf '%6d' "$t1")     11       0 2026-05-02 "
expect_out "$(printf '%6d' "$t2")      1       2 2026-05-09 "
check "tally list: two sessions" test "$(wc -l <"$OUT")" = 3

c idea show "$i"
expect_ok
expect_out "Support:         12"
expect_out "Votes against:   2"
expect_out "     11 for, 0 against  2026-05-02  Atelier Marchienne"
expect_out "      1 for, 2 against  2026-05-09  Atelier Marchienne"

# Bad counts are usage errors; a missing count names --for.
c tally add "$i" --for -1 --source Urne
expect_rc 64
expect_err "consult: --for: \"-1\" is not a number (0 or more)."
c tally add "$i" --for 1 --against beaucoup --source Urne
expect_rc 64
expect_err "consult: --against: \"beaucoup\" is not a number (0 or more)."
c tally add "$i" --against 2 --source Urne
expect_rc 64
expect_err_is "consult: option --for is required.
Try 'consult tally --help' for more information."
c tally add 99999 --for 1 --source Urne
expect_rc 65
expect_no_stdout

# The tallies export shows against beside the count; its file imports
# back as the same sessions.
c export tallies "$TMP/t.csv" --consultation AG21
expect_ok
check "export has an against column" sh -c "head -1 '$TMP/t.csv' | grep -q ',count,against,source,'"
check "export gives the session's against" grep -q ",11,0,Atelier Marchienne," "$TMP/t.csv"
check "export gives the other session's against" grep -q ",1,2,Atelier Marchienne," "$TMP/t.csv"

# An import with a "votes contre" column replaces a session, as keying does.
printf 'n° formulaire;pour;votes contre;atelier;date\nF-7;9;4;Atelier Marchienne;2026-05-09\nF-7;3;0;Urne;2026-05-09\n' >"$TMP/in.csv"
c import tallies "$TMP/in.csv" --consultation AG21
expect_ok
expect_out "2 rows read, 2 imported, 0 refused"
c tally list "$i"
expect_ok
expect_out "$(printf '%6d' "$t2")      9       4 2026-05-09 "
check "support after the import" test "$(support_of "$i")" = 23
# Undone, the batch takes away the session it made (Urne) and leaves the
# counts it gave the session keyed before it.
c import list
batch=$(awk 'NR > 1 { print $1 }' "$OUT" | tail -1)
check "the import is listed" test -n "$batch"
c import undo "$batch"
expect_ok
c tally list "$i"
expect_ok
expect_out "$(printf '%6d' "$t2")      9       4 2026-05-09 "
expect_no_out "Urne"
check "support after the undo" test "$(support_of "$i")" = 20


# Everything done above was done through consult: the journal knows it.
c audit verify
expect_ok

finish
