# SPDX-License-Identifier: EUPL-1.2
#
# journal_fr.sh: in French (fr_FR.UTF-8), an idea's history says what was
# done in French ("a saisi l'idée", "a changé le statut", statuses by
# their French names), not the journal's own words ("root add idea"), and
# counts with the right plural; the sessions screen's Enter opens
# ("ouvrir"), it does not name a state ("ouverte"). At 80x23 and 200x50.
. "$CONSULT_SRC/tests/screen/lib.sh"

if ! locale -a 2>/dev/null | grep -qixE 'fr_FR\.utf-?8'; then
    echo "SKIP: the fr_FR.UTF-8 locale is not installed"
    exit 77
fi
c idea status 48 reviewing
check "idea 48 is under review" test $? -eq 0
SCREEN_LC=fr_FR.UTF-8
for size in "80 23" "200 50"; do
    start $size
    wait_for "50 idées"
    keys Enter
    wait_for "Idée 48  |  en examen"
    keys End
    wait_for "Historique"
    wait_for "  root  a saisi l’idée"
    wait_for "  root  a changé le statut  nouvelle -> en examen"
    wait_for "et 3 enregistrements de vote dans le journal"
    lacks_text "add idea" || fail "the journal's own words show"
    checks=$((checks + 1))
    lacks_text "status idea" || fail "the journal's own words show"
    checks=$((checks + 1))
    keys q
    wait_exit
done
for size in "80 23" "200 50"; do
    start $size
    wait_for "50 idées"
    keys S
    wait_for "Entrée ouvrir"
    keys q
    wait_exit
done
finish
