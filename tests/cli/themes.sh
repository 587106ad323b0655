# SPDX-License-Identifier: EUPL-1.2
#
# themes.sh: `consult theme edit|retire|delete` and `theme list --all`,
# and theme titles matched whatever apostrophe, quote or dash a file uses.
. "$CONSULT_SRC/tests/cli/lib.sh"

setup_cons

# ---------------------------------------------------------------- apostrophes
# The title typed with ', the file written with ’ (26 rows), ʼ and a long
# dash: every row finds its theme.
c theme add --consultation AG21 --code AIR --title "Qualité de l'air - santé"
expect_ok
{
    echo "theme,body"
    i=1
    while [ $i -le 26 ]; do
        echo "Qualité de l’air - santé,Proposition $i sur l’air"
        i=$((i + 1))
    done
    echo "QUALITÉ DE Lʼ AIR – SANTÉ,Une autre"
    echo "qualite de l'air  —  sante,Et une dernière"
} >"$TMP/air.csv"
# (the ʼ row has a blank after the apostrophe: another title)
c import ideas "$TMP/air.csv" --consultation AG21
expect_rc 65
expect_out "28 rows read, 27 imported, 1 refused"
check "the 26 rows with ’ are in theme AIR" \
    test "$(sqlite3 "$DB" "SELECT count(*) FROM idea i JOIN theme t ON t.id = i.theme_id WHERE t.code = 'AIR'")" -eq 27

# ---------------------------------------------------------------- edit
c theme edit --consultation AG21 AIR --title "Qualité de l’air" --code QAIR
expect_ok
expect_out "Theme AIR is now QAIR, \"Qualité de l’air\"."
c theme list --consultation AG21
expect_ok
expect_out "QAIR"
expect_no_out " AIR "
c theme edit --consultation AG21 QAIR --code MOB
expect_rc 65
expect_err "already has a theme \"MOB\""
c theme edit --consultation AG21 QAIR --title "mobilite"
expect_rc 65
expect_err "Theme MOB already has the title \"Mobilité\"."
c theme edit --consultation AG21 QAIR
expect_rc 64
expect_err "give --title, --code or both"
c theme edit --consultation AG21 NOPE --title "X"
expect_rc 65
expect_err "No theme \"NOPE\" in consultation AG21."
# A theme is named by its title too, in any spelling.
c theme edit --consultation AG21 "qualite de l'air" --title "Qualité de l'air"
expect_ok

# ---------------------------------------------------------------- delete
c theme delete --consultation AG21 QAIR
expect_rc 65
expect_err "Theme QAIR has 27 ideas: only an empty theme can be deleted"
c theme delete --consultation AG21 ENV
expect_ok
expect_out "Theme ENV deleted."
c theme list --consultation AG21
expect_no_out "ENV"
c audit list
expect_ok

# ---------------------------------------------------------------- retire
c theme retire --consultation AG21 QAIR
expect_ok
expect_out "Theme QAIR retired"
c theme list --consultation AG21
expect_ok
expect_no_out "QAIR"
expect_out "MOB"
c theme list --consultation AG21 --all
expect_ok
expect_out "QAIR"
expect_out "(retired)"
c theme retire --consultation AG21 QAIR
expect_rc 65
expect_err "already retired"
# Its ideas keep it.
check "the retired theme keeps its ideas" \
    test "$(sqlite3 "$DB" "SELECT count(*) FROM idea i JOIN theme t ON t.id = i.theme_id WHERE t.code = 'QAIR'")" -eq 27
c theme retire --consultation AG21 QAIR --undo
expect_ok
expect_out "Theme QAIR is offered again."
c theme list --consultation AG21
expect_out "QAIR"
c theme delete --consultation AG21 QAIR --title X
expect_rc 64

finish
