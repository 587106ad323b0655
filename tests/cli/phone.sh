# SPDX-License-Identifier: EUPL-1.2
#
# phone.sh: a participant's phone number, from `idea add --phone` and from
# an imported phone column, to `participant show` and the participants
# export; rows and forms that give a service and no one's name are
# anonymous contributions from that service, counted with it.
. "$CONSULT_SRC/tests/cli/lib.sh"

setup_cons

c idea add --consultation AG21 --theme MOB --body "Des bus le soir" \
    --author-name "Léa Dubois" --service Travaux --phone "+32 71 00 00 01" \
    --postal "Place Charles II, 6000 Charleroi"
expect_ok
c participant find --name "lea dubois" --service travaux
expect_ok
p=$(cat "$OUT")
c participant show "$p"
expect_ok
expect_out "Phone:           +32 71 00 00 01"
expect_out "Postal address:  Place Charles II, 6000 Charleroi"
cat >"$TMP/tel.csv" <<'EOF'
Thème;Texte;N° formulaire;Nom;Service;Téléphone
MOB;Des bus le dimanche;T-1;Zoé Martin;Finances;0470 12 34 56
MOB;Des arceaux vélo;T-2;;Écoles;
ENV;Moins de papier;T-3;;écoles;
ENV;Un potager;T-4;;;
EOF
c import ideas "$TMP/tel.csv" --consultation AG21
expect_ok
expect_no_out "Columns not imported"
expect_out "4 rows read, 4 imported, 0 refused, 0 already there, 2 new participants"
check "the phone number is stored" test \
    "$(sqlite3 "$DB" "SELECT phone FROM participant WHERE name = 'Zoé Martin'")" = "0470 12 34 56"
check "T-2 and T-3 share the anonymous participant of Écoles" test \
    "$(sqlite3 "$DB" "SELECT count(DISTINCT i.author_id) || '|' || coalesce(p.name, '-') || '|' || p.service FROM idea i JOIN participant p ON p.id = i.author_id WHERE i.form_ref IN ('T-2', 'T-3')")" = "1|-|Écoles"
check "T-4 is anonymous" test \
    "$(sqlite3 "$DB" "SELECT author_id IS NULL FROM idea WHERE form_ref = 'T-4'")" = 1
c export participation - --consultation AG21
expect_ok
check "participation per service: Écoles counts its two anonymous ideas" \
    grep -q '^service,Écoles,,1,2,' "$OUT"
c export participants - --consultation AG21 --profile internal-contact
expect_ok
check "the participants export has a phone column" \
    sh -c "head -n 1 '$OUT' | grep -q ',postal,phone,consent,'"
expect_out "+32 71 00 00 01"
expect_out "0470 12 34 56"
c export participants - --consultation AG21 --profile codir
expect_ok
expect_no_out "0470 12 34 56"
c --list-fields idea
expect_ok
check "idea add takes --phone and --postal" \
    sh -c "grep -q '^idea	phone	phone	' '$OUT' && grep -q '^idea	postal	postal	' '$OUT'"

finish
