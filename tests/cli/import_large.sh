# SPDX-License-Identifier: EUPL-1.2
#
# import_large.sh: imports large enough that SQLite's journals of one
# statement grow past several MiB. 200,000 votes (2,000 people each
# supporting 100 of 2,000 ideas) go in whole, their support counted, and the
# same file again adds nothing. A statement journal that spilled to a file
# once stopped such an import at row 163,841 with "the disk holding ... is
# full" on a disk with room to spare.
. "$CONSULT_SRC/tests/cli/lib.sh"

setup_cons
# 2,000 ideas with form references F0001..F2000.
awk 'BEGIN {
    print "theme,form_ref,title,text,participant_ref,participant_name"
    for (i = 1; i <= 2000; i++)
        printf "%s,F%04d,Idée %d,Texte de l’\''idée %d,A%04d,Auteur %d\n",
               (i % 2 ? "MOB" : "ENV"), i, i, i, i, i
}' >"$TMP/ideas.csv"
c import ideas "$TMP/ideas.csv" --consultation AG21 --no-progress
expect_rc 0
expect_out "2000 imported"

# 2,000 people each support 100 ideas, spread over all of them in the
# order of the file (as a real file comes: not sorted by idea), so that
# every stretch of votes touches most pages of the votes' indexes.
awk 'BEGIN {
    print "idea_form_ref,participant_ref,voted_at,channel"
    for (k = 0; k < 100; k++)
        for (p = 1; p <= 2000; p++)
            printf "F%04d,V%05d,2021-03-%02d 10:00:00,%s\n",
                   1 + (p * 7919 + k * 104729) % 2000, p, 1 + (p + k) % 28,
                   (p % 3 ? "web" : "papier")
}' >"$TMP/votes.csv"
c import votes "$TMP/votes.csv" --consultation AG21 --no-progress
expect_rc 0
expect_out "200000 imported, 0 refused"
expect_no_out "full"

# Every vote counted once: the ideas' support adds up to the votes.
c idea list --consultation AG21 --sort id --limit 5000
check "the supports add up to 200000" \
    test "$(awk 'NR > 1 { s += $4 } END { print s }' "$OUT")" = 200000
c stats --consultation AG21
expect_ok
expect_out "200000"

# The same file again: recognised, nothing added.
c import votes "$TMP/votes.csv" --consultation AG21 --no-progress
expect_rc 0
expect_out "was already imported (batch 2): nothing added."

c audit verify
expect_rc 0
finish
