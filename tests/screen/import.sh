# SPDX-License-Identifier: EUPL-1.2
#
# import.sh: the import screen in tmux on the demo database, opened from
# the ideas list (I), in a directory holding a Windows-1252 ";" file as
# French Excel saves it: the browser (into a directory and back up), the
# encoding and delimiter found, the first rows, a column the importer does
# not know mapped to the text, a dry run listing the one missing theme,
# the theme created there, the import and its result with the refused row
# and its reason; then, at 200x50, a large file whose import is stopped
# from its progress bar, the database left as it was. At 80x23 and
# 200x50.
. "$CONSULT_SRC/tests/screen/lib.sh"

work=$TMP/work
mkdir -p "$work/terrain"
python3 - "$work/terrain/saisie.csv" <<'EOF'
import sys
rows = [
    "Consultation;Thème;Titre;Ma proposition;Nom;Service",
    "AGENTS21;Développement durable;Vélos;Des vélos de service électriques.;Anne Dupont;Travaux",
    "AGENTS21;Propreté des locaux;Tri;Des poubelles de tri à chaque étage.;Éric Lefèvre;Logistique",
    "AGENTS21;Développement durable;Vide;;Luc Petit;Accueil",
]
open(sys.argv[1], "wb").write(("\r\n".join(rows) + "\r\n").encode("cp1252"))
EOF
# Large enough that the progress shows for a while.
python3 - "$work/grand.csv" <<'EOF'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("consultation,theme,title,body,author_name\n")
    for i in range(150000):
        f.write("AGENTS21,DD,Idée %d,Une idée assez longue pour remplir le "
                "fichier et durer un peu, numéro %d.,Agent %d\n" % (i, i, i))
EOF
c idea list --consultation AGENTS21 --format csv
ideas_before=$(grep -c '^[0-9]' "$OUT")

cd "$work" || exit 1
start 80 23
wait_for "50 ideas"
keys I
wait_for "Import  |  choose a file: $work"
expect_cursor_on ".."
wait_for "terrain/"
wait_for "grand.csv"
# Into the directory, back up (the directory selected), in again.
keys Down
expect_cursor_on "terrain/"
keys Enter
wait_for "choose a file: $work/terrain"
expect_cursor_on ".."
keys BSpace
wait_for "choose a file: $work"
expect_cursor_on "terrain/"
keys Enter
wait_for "saisie.csv"
keys Down Enter

# The file: Windows-1252 and ";" found; the columns and first rows.
wait_for "saisie.csv  |  WINDOWS-1252"
wait_for '";" delimited'
wait_for "Thème"
wait_for "Éric Lefèvre"
wait_for 'The file has no "body" column'
expect_cursor_on "Kind"
keys Down Down Down Down Down Down Down
expect_cursor_on "Ma proposition"
keys Enter
wait_for 'Read column "Ma proposition" as'
keys 7
wait_gone 'Read column "Ma proposition" as'
wait_gone 'The file has no "body" column'
expect_cursor_on "-> body*"

# The dry run: one theme missing; created on the spot.
keys d
wait_for "Dry run: 3 rows read: 1 would be imported, 2 refused"
wait_for "missing theme: Propreté des locaux (1 row)"
keys End
expect_cursor_on "missing theme: Propreté des locaux"
keys t
wait_for 'Create the theme "Propreté des locaux" in AGENTS21?'
keys y
wait_for "Theme PROPRETE-DES-LOCAUX created"
wait_for "Dry run: 3 rows read: 2 would be imported, 1 refused"
c theme list --consultation AGENTS21
check "the theme is in the consultation" grep -q "PROPRETE-.*Propreté des locaux" "$OUT"
c idea list --consultation AGENTS21 --format csv
check "the dry runs wrote nothing" test "$(grep -c '^[0-9]' "$OUT")" -eq "$ideas_before"

# The import: the counts, then the refused row with its reason.
keys F2
wait_for "rows read: 2 imported, 1 refused, 0 already there"
wait_for "line 4: "
wait_for "Luc Petit"
c idea list --consultation AGENTS21 --format csv
check "two ideas came in" test "$(grep -c '^[0-9]' "$OUT")" -eq "$((ideas_before + 2))"
check "their accents are right" grep -q "Des poubelles de tri à chaque étage." "$OUT"
ideas_before=$((ideas_before + 2))

# Back to the browser; the large file at 200x50; stopped while it runs.
keys BSpace BSpace
wait_for "choose a file: $work/terrain"
keys Home Enter
wait_for "choose a file: $work"
resize 200 50
keys Home
keys Down Down
expect_cursor_on "grand.csv"
keys Enter
wait_for "grand.csv  |  UTF-8"
keys F2
wait_for "(Esc stops)"
keys Escape
wait_for "Stop the import? Nothing of it will be kept. (y/n)"
keys y
wait_for "Import stopped: nothing of it was kept, the database is as it was."
c idea list --consultation AGENTS21 --format csv
check "the database is as it was" test "$(grep -c '^[0-9]' "$OUT")" -eq "$ideas_before"
c import list
check "no batch for the stopped import" sh -c "! grep -q grand.csv '$OUT'"
keys Escape
wait_for "ideas  |"
keys q
wait_exit

finish
