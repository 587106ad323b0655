# SPDX-License-Identifier: EUPL-1.2
#
# states.sh: a consultation's state is enforced by the core, for each kind
# of write. An open one takes everything; a closed one takes only late
# paper, workshop and phone ideas and votes dated on or before its closing
# date (with a warning on stderr), and the desk's work (tallies, comments,
# statuses, sessions, themes, settings, letters); an archived one refuses
# every write with a clear message, imports included, until an admin
# brings it back with `consultation edit --state closed`.
. "$CONSULT_SRC/tests/cli/lib.sh"

c init
expect_ok
c consultation add --code AG21 --title "Agenda 21" --closes 2026-03-31
expect_ok
c theme add --consultation AG21 --code MOB --title "Mobilité"
expect_ok

# ---------------------------------------------------------------- open
c idea add --consultation AG21 --theme MOB --body "Avant la clôture." \
    --channel web
expect_ok
idea=$(cat "$OUT")
c idea add --consultation AG21 --theme MOB --body "Une autre, au guichet."
expect_ok
other=$(cat "$OUT")
c vote add "$idea" --participant P0 --channel web
expect_ok
c comment add "$idea" --body "Remarque ouverte."
expect_ok
comment=$(cat "$OUT" | grep -o '[0-9]*' | head -1)

# ---------------------------------------------------------------- closed
c consultation edit AG21 --state closed
expect_ok
expect_out "Consultation AG21 is now closed."

# Late paper, workshop and phone input dated on or before the closing
# date: taken, with a warning on stderr (stdout keeps the id alone).
c idea add --consultation AG21 --theme MOB --body "Tardive" --date 2026-03-30
expect_rc 0
expect_err "warning: the consultation is closed; this was taken as a late contribution"
[ "$(cat "$OUT")" -gt 0 ] || fail "the idea's id alone on stdout"
c idea add --consultation AG21 --theme MOB --body "Par téléphone" \
    --channel phone --date 2026-03-31
expect_rc 0
expect_err "late contribution"
# The web, or a later date: refused with the reason, nothing added.
c idea add --consultation AG21 --theme MOB --body "Web" --channel web \
    --date 2026-03-30
expect_rc 65
expect_err "Consultation AG21 is closed: it takes only late paper, workshop and phone contributions"
c idea add --consultation AG21 --theme MOB --body "Trop tard" \
    --date 2026-04-02
expect_rc 65
expect_err "Consultation AG21 closed on 2026-03-31"
# An undated form from an envelope keyed after the call ended: taken.
c idea add --consultation AG21 --theme MOB --body "Sans date"
expect_rc 0
expect_err "late contribution"
c idea list --consultation AG21
expect_no_out "Trop tard"
expect_out "Sans date"

c vote add "$idea" --participant P1 --date 2026-03-29
expect_rc 0
expect_err "late contribution"
c vote add "$idea" --participant P2 --channel web --date 2026-03-29
expect_rc 65
expect_err "is closed"
c vote add "$idea" --participant P3 --channel workshop --date 2026-04-01
expect_rc 65
expect_err "closed on 2026-03-31"

# The desk's work goes on.
c tally add "$idea" --for 4 --source "Atelier" --date 2026-04-10
expect_ok
c comment add "$idea" --body "Remarque du guichet, après la clôture."
expect_ok
c comment hide "$comment" --reason "Doublon"
expect_ok
c idea status "$idea" reviewing
expect_ok
c idea edit "$other" --title "Guichet"
expect_ok
c theme add --consultation AG21 --code ENV --title "Environnement"
expect_ok
c consultation edit AG21 --hold-answers
expect_ok
c consultation edit AG21 --no-hold-answers
expect_ok
c session add --consultation AG21 --body codir --date 2026-04-15
expect_ok
session=$(cat "$OUT")
c session agenda "$session" --add "$idea"
expect_ok
c session decide "$session" "$idea" accepted --answer "Oui, au printemps."
expect_ok
c session close "$session"
expect_ok
c export letters --consultation AG21 "$TMP/letters.csv"
expect_rc 0

# An import into the closed consultation: the late paper rows are in
# (counted with a warning), the web row and the late-dated one are refused
# with their reason in the reject file.
cat >"$TMP/late.csv" <<'EOF'
consultation,theme,body,channel,date,form_ref
AG21,MOB,Enveloppe du dépôt,paper,2026-03-28,F1
AG21,MOB,Atelier de mars,workshop,2026-03-31,F2
AG21,MOB,Déposée en ligne,web,2026-03-28,F3
AG21,MOB,Arrivée en avril,paper,2026-04-03,F4
EOF
c import ideas "$TMP/late.csv"
expect_rc 65                    # rows were refused
expect_err "2 rows were refused"
expect_out "2 imported, 2 refused"
expect_out "Warning: 2 rows were taken as late contributions"
check "the reject file gives the web row's reason" \
    grep -q "is closed: it takes only late paper.*Déposée en ligne" \
    "$TMP/late.rejects.csv"
check "the reject file gives the late date's reason" \
    grep -q "closed on 2026-03-31.*Arrivée en avril" "$TMP/late.rejects.csv"
c idea list --consultation AG21
expect_out "Enveloppe du dépôt"
expect_no_out "Déposée en ligne"
batch=$(sqlite3 "$DB" "SELECT max(id) FROM import_batch")

# Votes and comments by import: paper votes in time are in, web votes
# refused; comments are the desk's and are taken.
cat >"$TMP/votes.csv" <<EOF
idea,participant_ref,channel,date
$idea,V1,paper,2026-03-20
$idea,V2,web,2026-03-20
EOF
c import votes "$TMP/votes.csv"
expect_rc 65
expect_out "1 imported, 1 refused"
expect_out "Warning: 1 row was taken as a late contribution"
cat >"$TMP/comments.csv" <<EOF
idea,body
$idea,Relu par le comité.
EOF
c import comments "$TMP/comments.csv"
expect_ok
expect_out "1 imported, 0 refused"

# ---------------------------------------------------------------- archived
c consultation edit AG21 --state archived
expect_ok
msg="Consultation AG21 is archived: it is read-only"
c idea add --consultation AG21 --theme MOB --body "Archive" --date 2026-03-30
expect_rc 65
expect_err "$msg"
c idea status "$idea" accepted --answer "Oui."
expect_rc 65
expect_err "$msg"
expect_err "consult consultation edit AG21 --state closed"
c idea edit "$other" --title "Autre"
expect_rc 65
expect_err "$msg"
c idea tag "$other" vélo
expect_rc 65
expect_err "$msg"
c vote add "$idea" --participant P9 --date 2026-03-29
expect_rc 65
expect_err "$msg"
c tally add "$idea" --for 1 --source "Urne"
expect_rc 65
expect_err "$msg"
c comment add "$idea" --body "Trop tard."
expect_rc 65
expect_err "$msg"
c theme add --consultation AG21 --code CUL --title "Culture"
expect_rc 65
expect_err "$msg"
c theme edit --consultation AG21 MOB --title "Mobilités"
expect_rc 65
expect_err "$msg"
c consultation edit AG21 --hold-answers
expect_rc 65
expect_err "$msg"
c consultation edit AG21 --letter-signature "Le collège"
expect_rc 65
expect_err "$msg"
c consultation publish AG21
expect_rc 65
expect_err "$msg"
c session add --consultation AG21 --body codir --date 2026-05-01
expect_rc 65
expect_err "$msg"
c session publish "$session"
expect_rc 65
expect_err "$msg"
c export letters --consultation AG21 "$TMP/letters2.csv"
expect_rc 65
expect_err "$msg"
check "no letter file" test ! -e "$TMP/letters2.csv"
c import undo "$batch"
expect_rc 65
expect_err "$msg"
# An import naming it is refused whole, by option or by a row.
cat >"$TMP/arch.csv" <<'EOF'
theme,body,channel,date
MOB,Enveloppe oubliée,paper,2026-03-28
EOF
c import ideas --consultation AG21 "$TMP/arch.csv"
expect_rc 65
expect_err "$msg"
cat >"$TMP/arch2.csv" <<'EOF'
consultation,theme,body,channel,date
AG21,MOB,Enveloppe retrouvée,paper,2026-03-28
EOF
c import ideas "$TMP/arch2.csv"
expect_rc 65
expect_err "$msg"
c import list
expect_no_out "arch2.csv"
# Reading still works, and nothing changed.
c idea show "$idea"
expect_ok
expect_out "accepted"
c idea list --consultation AG21
expect_no_out "Enveloppe oubliée"
expect_no_out "Enveloppe retrouvée"

# An admin brings it back: it takes the desk's work again.
c consultation edit AG21 --state closed
expect_ok
c idea status "$other" rejected --answer "Non."
expect_ok

finish
