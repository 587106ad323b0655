# SPDX-License-Identifier: EUPL-1.2
#
# export_roles.sh: who may export what. A viewer exports the summary and
# the codir lists, but not personal data: the internal-contact profile,
# participants and (by default) answers end in exit 77 and write nothing.
# An administrator's personal-data export leaves a journal row. Runs the
# binary as the system user "nobody" (setpriv), so it needs root;
# elsewhere it says so and passes.
. "$CONSULT_SRC/tests/cli/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
    echo "export_roles.sh: skipped: needs root to run consult as another login"
    exit 0
fi
if ! command -v setpriv >/dev/null 2>&1 || ! id nobody >/dev/null 2>&1; then
    echo "export_roles.sh: skipped: needs setpriv and the nobody login"
    exit 0
fi
NOGROUP=$(id -gn nobody)

chmod 1777 "$TMP"
c --shared init
expect_ok
chgrp "$NOGROUP" "$DB"
c consultation add --code AG21 --title "Agenda 21"
expect_ok
c theme add --consultation AG21 --code MOB --title "Mobilité"
expect_ok
c idea add --consultation AG21 --theme MOB --body "Une navette." \
    --author-name "Anne Aubry" --service Population --consent
expect_ok
idea=$(cat "$OUT")
c idea status "$idea" accepted --answer "Oui."
expect_ok
c user add nobody --role viewer
expect_ok

as_nobody() {
    last="(as nobody) consult $*"
    (cd "$TMP" && setpriv --reuid=nobody --regid="$NOGROUP" --clear-groups \
        "$CONSULT" --db "$DB" "$@" </dev/null >"$OUT" 2>"$ERR")
    rc=$?
}

as_nobody export summary summary.csv --consultation AG21
expect_ok
check "the viewer's summary" test -s "$TMP/summary.csv"
as_nobody export ideas ideas.csv --consultation AG21
expect_ok
check "codir: no names" sh -c "! grep -q 'Anne Aubry' '$TMP/ideas.csv'"
as_nobody export decisions - --consultation AG21
expect_ok
expect_out "Oui."

as_nobody export ideas contact.csv --consultation AG21 --profile internal-contact
expect_rc 77
expect_no_stdout
check "nothing written" test ! -e "$TMP/contact.csv"
check "no manifest written" test ! -e "$TMP/contact.csv.manifest"
as_nobody export ideas - --consultation AG21 --profile internal-contact
expect_rc 77
expect_no_stdout
as_nobody export participants - --profile codir
expect_rc 77
as_nobody export answers - --consultation AG21
expect_rc 77
as_nobody export answers - --consultation AG21 --profile codir
expect_ok
expect_no_out "Anne Aubry"

# The administrator's personal-data exports are journaled; codir ones not.
c audit list
expect_ok
expect_no_out " export "
c export ideas - --consultation AG21 --profile internal-contact
expect_ok
expect_out "Anne Aubry"
c export participants -
expect_ok
c audit list --json
expect_ok
expect_out '"profile":"internal-contact"'
expect_out '"kind":"participants"'
check "two export rows" test "$(grep -c ' export  *export$' "$OUT")" -eq 2

finish
