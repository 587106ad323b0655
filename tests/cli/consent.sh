# SPDX-License-Identifier: EUPL-1.2
#
# consent.sh: an import's explicit "no" in a consent column withdraws the
# consent a known participant gave (an empty cell does not); a file of
# ideas without a consent column says how many of its authors cannot be
# answered.
. "$CONSULT_SRC/tests/cli/lib.sh"

setup_cons

printf 'titre;texte;thème;nom;service;courriel;consentement\n%s\n%s\n' \
    "A;Un abri vélo.;MOB;Anne Aubry;RH;anne@ville.be;oui" \
    "B;Des navettes.;MOB;Marc Petit;;marc@ville.be;oui" >"$TMP/first.csv"
c import ideas "$TMP/first.csv" --consultation AG21
expect_ok
expect_no_out "consent"
expect_no_out "cannot be answered"
c participant find --name "Anne Aubry" --service RH
expect_ok
anne=$(cat "$OUT")
c participant show "$anne"
expect_out "Consent:         yes"

# An empty cell keeps the consent given.
printf 'titre;texte;thème;nom;service;consentement\n%s\n' \
    "C;Des bancs.;MOB;Anne Aubry;RH;" >"$TMP/empty.csv"
c import ideas "$TMP/empty.csv" --consultation AG21
expect_ok
expect_no_out "withdrawn"
c participant show "$anne"
expect_out "Consent:         yes"

# "non" takes it back, in the import's transaction and its journal row.
printf 'titre;texte;thème;nom;service;consentement\n%s\n%s\n' \
    "D;Des arbres.;MOB;Anne Aubry;RH;non" \
    "E;Un potager.;MOB;Nina Roy;RH;non" >"$TMP/no.csv"
c import ideas "$TMP/no.csv" --consultation AG21 --dry-run
expect_ok
expect_out "1 participant said no to being contacted: their consent is withdrawn."
expect_out "Dry run: nothing was written to the database."
c participant show "$anne"
expect_out "Consent:         yes"
c import ideas "$TMP/no.csv" --consultation AG21
expect_ok
expect_out "1 participant said no to being contacted: their consent is withdrawn."
c participant show "$anne"
expect_out "Consent:         no"
c audit verify
expect_ok

# A participants file says no too; "oui" gives it back.
printf 'nom;service;consentement\nAnne Aubry;RH;oui\n' >"$TMP/yes.csv"
c import participants "$TMP/yes.csv"
expect_ok
c participant show "$anne"
expect_out "Consent:         yes"
printf 'nom;service;consentement\nAnne Aubry;RH;refus\n' >"$TMP/p-no.csv"
c import participants "$TMP/p-no.csv"
expect_ok
expect_out "1 participant said no to being contacted"
c participant show "$anne"
expect_out "Consent:         no"

# No consent column: Marc gave his before, Zoé has an email only, Luc
# nothing, Paul a service (internal mail), Rita a postal address.
printf 'titre;texte;thème;nom;service;courriel;adresse postale\n%s\n%s\n%s\n%s\n%s\n%s\n' \
    "F;Une idée.;MOB;Marc Petit;;marc@ville.be;" \
    "G;Deux idées.;MOB;Zoé Lenoir;;zoe@ville.be;" \
    "H;Trois idées.;MOB;Zoé Lenoir;;zoe@ville.be;" \
    "I;Quatre idées.;MOB;Luc Denis;;;" \
    "J;Cinq idées.;MOB;Paul Roi;Voirie;;" \
    "K;Six idées.;MOB;Rita Mas;;;Rue Haute 3, 6000 Charleroi" \
    >"$TMP/paper.csv"
c import ideas "$TMP/paper.csv" --consultation AG21
expect_ok
expect_out "2 authors cannot be answered: the file has no consent column, and they gave no postal address or service."
c import ideas "$TMP/paper.csv" --consultation AG21
expect_ok
expect_no_out "cannot be answered"

finish
