# SPDX-License-Identifier: EUPL-1.2
#
# session.sh: committee sessions from the command line: add (the number
# alone on stdout), agenda by id and by filter, attendees, decisions shown
# by `session show`, the close that sets the statuses, postponed ideas
# carried over, held answers kept out of the exports until `session
# publish` or `consultation publish`, list, exit codes, and (as root) the
# roles.
. "$CONSULT_SRC/tests/cli/lib.sh"

setup_cons

idea() {        # idea THEME BODY: add an idea, print its id
    c idea add --consultation AG21 --theme "$1" --body "$2"
    cat "$OUT"
}
a=$(idea MOB "Un abri vélo au dépôt.")
b=$(idea MOB "Des vélos de service.")
d=$(idea ENV "Des fontaines à eau.")
e=$(idea MOB "Des navettes le samedi.")
for i in 1 2 3; do
    c vote add "$a" --participant "P$i"
    expect_ok
done
c vote add "$e" --participant P9
expect_ok
c idea status "$a" reviewing
expect_ok
c idea status "$b" reviewing
expect_ok

# ---------------------------------------------------------------- add
c session add --consultation AG21 --body codir --date 2026-12-10 \
    --title "Bilan du trimestre"
expect_ok
check "session add prints the number alone" grep -Eqx '[0-9]+' "$OUT"
s=$(cat "$OUT")

c session add --consultation AG21 --body board --date 2026-12-10
expect_rc 65
expect_no_stdout
expect_err_is 'consult: Unknown body "board": use steering, codir or college.'
c session add --consultation AG21 --body codir --date "le dix"
expect_rc 65
expect_no_stdout
c session add --consultation NOPE --body codir --date 2026-12-10
expect_rc 65
expect_err_is 'consult: No consultation "NOPE".'
c session add --consultation AG21 --body codir
expect_rc 64
expect_err "option --date is required."
c session add --consultation AG21 --date 2026-12-10
expect_rc 64
expect_err "option --body is required."

# ---------------------------------------------------------------- agenda
c session agenda "$s" --add "$b" "$d"
expect_ok
expect_out_is "2 ideas added to the agenda of session $s."
# Every reviewing idea of theme MOB with at least 3 supports.
c session agenda "$s" --filter --theme MOB --status reviewing --min-support 3
expect_ok
expect_out_is "1 idea added to the agenda of session $s."
c session agenda "$s" --filter --theme MOB --status reviewing
expect_ok
expect_out_is "0 ideas added to the agenda of session $s."

c session agenda "$s"
expect_rc 64
expect_err "give --add IDEA... or --filter (one of them)."
c session agenda "$s" --add "$e" --min-support 3
expect_rc 64
c session agenda "$s" --add
expect_rc 64
c session agenda "$s" --add 99999
expect_rc 65
expect_err_is "consult: No idea 99999."
c session agenda 999 --add "$e"
expect_rc 65
expect_err_is "consult: No session 999."
c session agenda "$s" --filter --theme NOPE
expect_rc 65
c session agenda "$s" --filter --status nope
expect_rc 65
c session agenda "$s" --filter --min-support -1
expect_rc 64

# ---------------------------------------------------------------- attendees
c session attendee "$s" --name "Anne Dupont" --role "présidente"
expect_ok
expect_out_is "Attendee added to session $s."
c session attendee "$s" --name "Luc Martin"
expect_ok
c session attendee "$s" --role "secrétaire"
expect_rc 64
expect_err "option --name is required."

# ---------------------------------------------------------------- decide
c session decide "$s" "$a" accepted
expect_rc 65
expect_err "answer"
c session decide "$s" "$a" maybe --answer "Oui."
expect_rc 65
expect_err_is 'consult: Unknown decision "maybe": use accepted, rejected, implemented or postponed.'
c session decide "$s" "$e" accepted --answer "Oui."
expect_rc 65
expect_err_is "consult: Idea $e is not on the agenda of session $s."
c session decide "$s" "$a" accepted --answer "Dix arceaux au printemps." \
    --reason "Budget voté au conseil."
expect_ok
expect_out_is "Idea $a: accepted, recorded for session $s (the idea's status changes when the session closes)."
run_in "Pas de budget cette année." --db "$DB" session decide "$s" "$b" \
    rejected --answer -
expect_ok
c session decide "$s" "$d" postponed --reason "Chiffrage attendu."
expect_ok
c session decide "$s" "$a"
expect_rc 64

# Recorded, not yet applied.
c idea show "$a"
expect_ok
expect_out "Status:          reviewing"

# ---------------------------------------------------------------- show
c session show "$s"
expect_ok
cat >"$TMP/want" <<EOF
Session $s
Consultation:  AG21
Body:          CODIR
Date:          2026-12-10
Title:         Bilan du trimestre
State:         open
Answers:       given when the session closes

Attendees:
  Anne Dupont, présidente
  Luc Martin

Agenda:
  1. Idea $b [MOB] support 0, reviewing
     Des vélos de service.
     Decision:      rejected (DAY by root)
     Answer:
         Pas de budget cette année.
  2. Idea $d [ENV] support 0, new
     Des fontaines à eau.
     Decision:      postponed (DAY by root)
     Reason:        Chiffrage attendu.
  3. Idea $a [MOB] support 3, reviewing
     Un abri vélo au dépôt.
     Decision:      accepted (DAY by root)
     Reason:        Budget voté au conseil.
     Answer:
         Dix arceaux au printemps.
EOF
login=$(id -un)
sed -e "s/([0-9-]* [0-9:]* UTC by $login)/(DAY by root)/" "$OUT" >"$TMP/got"
check "session show lists the agenda with its decisions" \
    cmp -s "$TMP/want" "$TMP/got"
[ -s "$TMP/got" ] && ! cmp -s "$TMP/want" "$TMP/got" \
    && diff -u "$TMP/want" "$TMP/got" >&2
c session show 999
expect_rc 65
expect_err_is "consult: No session 999."
c session show x
expect_rc 64

# ---------------------------------------------------------------- hold
c consultation edit AG21 --hold-answers
expect_ok
expect_out_is "Consultation AG21 now holds its answers until they are published."
c consultation edit AG21
expect_rc 64
c consultation edit NOPE --hold-answers
expect_rc 65

# ---------------------------------------------------------------- close
# A session of the same body, later: the postponed idea goes to it.
c session add --consultation AG21 --body codir --date 2026-12-24
expect_ok
next=$(cat "$OUT")
c session close "$s"
expect_ok
expect_out "Session $s closed: 3 decisions recorded."
expect_out "1 idea carried to the next session."
expect_out "The answers are held: consult session publish $s publishes them."
c idea show "$a"
expect_ok
expect_out "Status:          accepted (decided, not yet published)"
expect_out "(not yet published)"
c idea show "$d"
expect_out "Status:          reviewing"
c session show "$next"
expect_ok
expect_out "1. Idea $d [ENV]"
c session show "$s"
expect_out "State:         closed "
expect_out "Answers:       decided, not yet published: consult session publish $s"
expect_out "Carried to session $next."

# A closed session is not changed any more.
c session close "$s"
expect_rc 65
expect_err_is "consult: Session $s is closed already."
c session decide "$s" "$a" rejected --answer "Non."
expect_rc 65
expect_err_is "consult: Session $s is closed: it is not changed any more."
c session agenda "$s" --add "$e"
expect_rc 65
c session attendee "$s" --name "Zoé"
expect_rc 65

# Held answers stay out of the exports.
for kind in answers decisions ideas; do
    c export "$kind" "$TMP/$kind.csv" --consultation AG21 --no-manifest
    expect_ok
    check "the $kind export leaves the held answer out" \
        sh -c "! grep -q 'Dix arceaux' '$TMP/$kind.csv'"
done
c session publish "$next"
expect_rc 65
expect_err_is "consult: Session $next is still open: its answers are given when it closes."
c session publish "$s"
expect_ok
expect_out_is "Session $s: 2 answers published."
for kind in answers decisions ideas; do
    c export "$kind" "$TMP/$kind.csv" --consultation AG21 --no-manifest
    expect_ok
    check "the $kind export has the published answer" \
        grep -q 'Dix arceaux' "$TMP/$kind.csv"
done
c idea show "$a"
expect_out "Status:          accepted"
expect_no_out "not yet published"
c session show "$s"
expect_out "Answers:       published "

# An answer given outside a session is held too, until the consultation's
# answers are published.
c idea status "$e" rejected --answer "Hors séance."
expect_ok
c export answers - --consultation AG21 --no-manifest
expect_no_out "Hors séance."
c consultation publish AG21
expect_ok
expect_out_is "Consultation AG21: 1 answer published."
c export answers - --consultation AG21 --no-manifest
expect_out "Hors séance."
c consultation publish AG21
expect_ok
expect_out_is "Consultation AG21: 0 answers published."
c consultation publish NOPE
expect_rc 65
c consultation edit AG21 --no-hold-answers
expect_ok
expect_out_is "Consultation AG21 now publishes its answers as they are given."

# ---------------------------------------------------------------- list
c session list
expect_ok
expect_out "   ID Date       Consultation Body               State    Items Decided Title"
expect_out "2026-12-10 AG21         CODIR              closed       3       3 Bilan du trimestre"
expect_out "2026-12-24 AG21         CODIR              open         1       0"
c session list --consultation NOPE
expect_rc 65
c session list extra
expect_rc 64

# The journal names the session beside each status it set.
c audit list --idea "$a" --json
expect_ok
expect_out "\"session_id\":$s"

c session
expect_rc 64
c session frob
expect_rc 64

# ---------------------------------------------------------------- roles
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1 \
   && id nobody >/dev/null 2>&1; then
    as() {      # as LOGIN ARG...: run consult as another system login
        who=$1
        shift
        last="(as $who) consult $*"
        setpriv --reuid="$who" --regid="$(id -gn "$who")" --clear-groups \
            "$CONSULT" --db "$DB" "$@" </dev/null >"$OUT" 2>"$ERR"
        rc=$?
    }
    chmod 1777 "$TMP"
    chmod 666 "$DB"
    c user add nobody --role agent
    expect_ok
    as nobody session list
    expect_ok
    as nobody session show "$s"
    expect_ok
    as nobody session add --consultation AG21 --body college --date 2027-01-05
    expect_rc 77
    expect_err "Permission denied"
    as nobody session decide "$next" "$d" accepted --answer "Oui."
    expect_rc 77
    as nobody session close "$next"
    expect_rc 77
    as nobody session publish "$s"
    expect_rc 77
    as nobody consultation publish AG21
    expect_rc 77
    as nobody consultation edit AG21 --hold-answers
    expect_rc 77
fi


# Everything done above was done through consult: the journal knows it.
c audit verify
expect_ok

finish
