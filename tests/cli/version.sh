# SPDX-License-Identifier: EUPL-1.2
#
# version.sh: no lost update between desks, from the command line. `idea
# show` prints "Version: N"; every decision (edit, status, tag, merge,
# unmerge) takes --if-unchanged N and is refused with exit 65, naming who
# changed the idea, when and to what, when the idea moved on since; then
# applied on purpose with the new version. Votes and tallies leave the
# version as it is. Two processes racing on one version: one wins, the
# other is refused. Every answer given stays in `idea show`.
. "$CONSULT_SRC/tests/cli/lib.sh"

setup_cons
me=$(id -un)

# Line $1 (a fixed string ending the line) is followed by line $2 in $OUT.
followed_by() {
    awk -v a="$1" -v b="$2" 'found && $0 == b { ok = 1 }
        { found = length($0) >= length(a) && substr($0, length($0) - length(a) + 1) == a }
        END { exit !ok }' "$OUT"
}

version_of() {
    c idea show "$1"
    sed -n 's/^Version: \([0-9]*\)$/\1/p' "$OUT"
}

c idea add --consultation AG21 --theme MOB --body "Des vélos pour les agents"
expect_ok
id=$(cat "$OUT")
c idea add --consultation AG21 --theme MOB --body "Des vélos partagés"
expect_ok
dup=$(cat "$OUT")

c idea show "$id"
expect_ok
check "idea show prints the version" grep -qx "Version: 1" "$OUT"
shown=$(version_of "$id")
check "a new idea is at version 1" test "$shown" = 1

# ------------------------------------------------ votes are not decisions
c vote add "$id" --participant-name "Paul" --service "RH"
expect_ok
c tally add "$id" --count 14 --source "Atelier de Marchienne"
expect_ok
check "votes and tallies leave the version" test "$(version_of "$id")" = 1

# ------------------------------------------------ the first desk decides
c idea status "$id" rejected --answer "Pas de budget cette année." \
    --if-unchanged "$shown"
expect_ok
check "a decision adds one to the version" test "$(version_of "$id")" = 2

# ------------------------------------------------ the second one, too late
c idea status "$id" accepted --answer "Accepté par le collège." \
    --if-unchanged "$shown"
expect_rc 65
expect_no_stdout
expect_err "Idea $id was changed by $me at "
expect_err " UTC (status changed; now rejected, version 2); nothing saved."
c idea show "$id"
expect_out "Pas de budget cette année."
expect_no_out "Accepté par le collège."
check "the refusal changed nothing" grep -qx "Version: 2" "$OUT"
# ...looks again and applies anyway, on the version now shown.
c idea status "$id" accepted --answer "Accepté par le collège." \
    --if-unchanged "$(version_of "$id")"
expect_ok
expect_out "now accepted"

# ------------------------------------------------ every decision checks
v=$(version_of "$id")
c idea edit "$id" --title "Vélos" --if-unchanged $((v - 1))
expect_rc 65
expect_err "nothing saved"
c idea edit "$id" --title "Vélos" --if-unchanged "$v"
expect_ok
v=$((v + 1))
c idea tag "$id" mobilité vélo --if-unchanged $((v - 1))
expect_rc 65
c idea tag "$id" mobilité vélo --if-unchanged "$v"
expect_ok
expect_out "mobilité, vélo"
check "two tags, two decisions" test "$(version_of "$id")" = $((v + 2))
v=$((v + 2))
c idea tag "$id" vélo --remove --if-unchanged "$v"
expect_ok
v=$((v + 1))
# Several tags are one decision on the version given: a bad tag among
# them, or a stale version, and none is put (the first used to be).
c idea tag "$id" zoneverte "$(printf 'x\033[2J')" --if-unchanged "$v"
expect_rc 65
c idea show "$id"
expect_no_out "zoneverte"
check "version unchanged" test "$(version_of "$id")" = "$v"
c idea tag "$id" zoneverte parking --if-unchanged "$v"
expect_ok
expect_out "mobilité, parking, zoneverte"
v=$((v + 2))
c idea merge "$dup" --into "$id" --if-unchanged 2
expect_rc 65
expect_err "Idea $dup was changed by"
c idea merge "$dup" --into "$id" --if-unchanged 1
expect_ok
check "the target's version stays" test "$(version_of "$id")" = "$v"
c idea unmerge "$dup" --if-unchanged 1
expect_rc 65
expect_err "(merged; now merged, version 2)"
c idea unmerge "$dup" --if-unchanged 2
expect_ok
check "unmerge is a decision" test "$(version_of "$dup")" = 3

# Bad versions are usage errors.
c idea status "$id" reviewing --if-unchanged 0
expect_rc 64
c idea status "$id" reviewing --if-unchanged abc
expect_rc 64

# ------------------------------------------------ two processes racing
c idea show "$dup"
race=$(version_of "$dup")
"$CONSULT" --db "$DB" idea status "$dup" rejected --answer "Non (A)." \
    --if-unchanged "$race" >"$TMP/a.out" 2>"$TMP/a.err" &
pa=$!
"$CONSULT" --db "$DB" idea status "$dup" accepted --answer "Oui (B)." \
    --if-unchanged "$race" >"$TMP/b.out" 2>"$TMP/b.err" &
pb=$!
wait $pa
ra=$?
wait $pb
rb=$?
check "one of two racing desks wins, the other is refused ($ra, $rb)" \
    test "$((ra + rb))" = 65 -a "$((ra * rb))" = 0
check "the refused one says so" grep -q "nothing saved" "$TMP/a.err" "$TMP/b.err"
check "one decision went in" test "$(version_of "$dup")" = $((race + 1))

# ------------------------------------------------ answers are history
c idea status "$id" reviewing
expect_ok
c idea show "$id"
expect_ok
expect_no_out "Official answer:"
expect_out "Answers given:"
check "the rejection is kept, with its date and author" \
    followed_by " UTC  $me  rejected" "    Pas de budget cette année."
check "the acceptance is kept" \
    followed_by " UTC  $me  accepted" "    Accepté par le collège."
first=$(grep -n "Pas de budget" "$OUT" | head -1 | cut -d: -f1)
second=$(grep -n "Accepté par le collège" "$OUT" | head -1 | cut -d: -f1)
check "answers come oldest first" test "$first" -lt "$second"

# The decisions export: one row per answer given; the reopened idea has
# none current.
c export decisions - --consultation AG21
expect_rc 0
check "one row per decision" test "$(grep -c "^AG21,MOB,Mobilité,$id," "$OUT")" = 2
check "the rejection's row" grep -q "^AG21,MOB,Mobilité,$id,.*,rejected,Pas de budget cette année.,$me,[0-9-]*,0" "$OUT"
check "the acceptance's row" grep -q "^AG21,MOB,Mobilité,$id,.*,accepted,Accepté par le collège.,$me,[0-9-]*,0" "$OUT"
check "the header names the current decision" grep -q ",decided_on,current" "$OUT"

finish
