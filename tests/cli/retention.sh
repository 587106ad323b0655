# SPDX-License-Identifier: EUPL-1.2
#
# retention.sh: a consultation's retention (consultation edit --retention,
# shown by consultation show) and `consult retention run`: a consultation
# closed 13 months ago with 12 months of retention; its participant who
# contributed nowhere else is anonymised (a dry run first lists them), the
# one who also contributed to an open consultation is kept; the ideas and
# the answers stay, the answered log keeps that someone was answered, when
# and how, not who; the journal still verifies.
. "$CONSULT_SRC/tests/cli/lib.sh"

closed=$(date -u -d "$(date -u +%Y-%m-15) -13 months" +%Y-%m-%d)

c init
expect_ok
c consultation add --code OLD --title "Appel ancien" --closes "$closed"
expect_ok
c theme add --consultation OLD --code MOB --title "Mobilité"
expect_ok
c consultation add --code NEW --title "Appel en cours"
expect_ok
c theme add --consultation NEW --code ENV --title "Environnement"
expect_ok

c idea add --consultation OLD --theme MOB --body "Un abri vélo." \
    --author-ref M1 --author-name "Anne Dupré" --service Voirie \
    --email anne@ville.example --consent --phone "071 00 00 01" \
    --postal "Rue Haute 1, 6000 Charleroi" --date "$closed"
expect_ok
anne_idea=$(cat "$OUT")
c idea add --consultation OLD --theme MOB --body "Des bancs." \
    --author-ref M2 --author-name "Bruno Lenoir" --date "$closed"
expect_ok
c idea add --consultation NEW --theme ENV --body "Des arbres." \
    --author-ref M2 --author-name "Bruno Lenoir"
expect_ok
c idea status "$anne_idea" accepted --answer "Oui, au printemps."
expect_ok
c export letters --consultation OLD "$TMP/letters.csv"
expect_rc 0
c consultation state OLD closed
expect_ok

# The setting, shown.
c consultation show OLD
expect_ok
expect_out "Retention:"
expect_out "none"
c consultation edit OLD --retention 12
expect_ok
expect_out "Consultation OLD: its participants are kept 12 months after it closes."
c consultation show OLD
expect_ok
expect_out "12 months after it closes"
expect_out "closed"
c consultation edit OLD --retention -3
expect_rc 64

# A dry run lists who, and changes nothing.
c retention run --dry-run
expect_ok
expect_out "Anne Dupré"
expect_no_out "Bruno"
expect_out "Dry run: 1 participant would be anonymised (their 1 ideas, 0 votes, 0 comments and 1 answers logged are kept, without their names)."
c participant find --ref M1
anne=$(cat "$OUT")
c participant find --ref M2
bruno=$(cat "$OUT")
c participant show "$anne"
expect_out "Anne Dupré"

c retention run
expect_ok
expect_out "1 participant anonymised"
c participant show "$bruno"
expect_ok
expect_out "Bruno Lenoir"
check "Anne's personal fields are erased" test "$(sqlite3 "$DB" \
    "SELECT count(*) FROM participant WHERE anonymised = 1 AND ref IS NULL
     AND name IS NULL AND service IS NULL AND email IS NULL
     AND postal IS NULL AND phone IS NULL AND consent = 0")" = 1
check "nothing of Anne is left in the database" test "$(sqlite3 "$DB" \
    "SELECT count(*) FROM participant WHERE name LIKE '%Anne%'
     OR email LIKE '%anne%'")" = 0
# Her idea and its answer stay.
c idea show "$anne_idea"
expect_ok
expect_out "Un abri vélo."
expect_out "Oui, au printemps."
# The answered log: answered, when and how, not who.
c export answered --consultation OLD "$TMP/answered.csv"
expect_rc 0
check "the answered log keeps the answer by email" \
    grep -q "email" "$TMP/answered.csv"
check "the answered log no longer names her" \
    sh -c "! grep -q -e 'Anne' -e 'anne@' '$TMP/answered.csv'"
check "the log row leads to an anonymous participant" test "$(sqlite3 "$DB" \
    "SELECT count(*) FROM answer_sent a JOIN participant p
     ON p.id = a.participant_id WHERE p.anonymised = 1
     AND a.channel = 'email'")" = 1
c participant show "$anne"
expect_ok
expect_no_out "Anne"
expect_out "email"
# The write is audited like any other: the journal still verifies.
c audit verify
expect_ok
# Nobody is left to anonymise.
c retention run
expect_ok
expect_out "0 participants anonymised"
c retention run extra
expect_rc 64

finish
