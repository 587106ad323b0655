# SPDX-License-Identifier: EUPL-1.2
#
# backup.sh: `consult backup` copies the live database while a writer keeps
# adding ideas, each copy consistent (as many ideas as journal rows adding
# them, SQLite's integrity check passes) and described by its manifest;
# `consult restore` puts one back, keeping the replaced database beside
# it, and the audit log still verifies with the data there. A copy that
# does not match its manifest, one that fails the integrity check and one
# whose audit chain is broken are refused and nothing is replaced. Only an
# admin may back up or restore.
. "$CONSULT_SRC/tests/cli/lib.sh"

if ! command -v sqlite3 >/dev/null 2>&1; then
    echo "backup.sh: skipped: needs the sqlite3 command to look into copies"
    exit 77
fi

setup_cons
c idea add --consultation AG21 --theme MOB --body "Première idée."
expect_ok

# SQL on a copy, read-only (never through consult, which would make it a
# live database again and change its checksum).
q() {
    sqlite3 -readonly -cmd ".timeout 10000" "$1" "$2"
}

# The copy's SHA-256 and size written into its manifest (after the test
# changed the copy on purpose).
reseal() {
    sum=$(sha256sum "$1" | cut -d' ' -f1)
    size=$(wc -c <"$1")
    sed -i "s/^sha256: .*/sha256: $sum/; s/^bytes: .*/bytes: $size/" \
        "$1.manifest"
}

# ---------------------------------------------------------------- backup
# A writer adds ideas one by one until told to stop.
(
    i=0
    while [ ! -e "$TMP/stop" ]; do
        i=$((i + 1))
        "$CONSULT" --db "$DB" idea add --consultation AG21 --theme MOB \
            --body "Idée du rédacteur $i." >/dev/null 2>>"$TMP/writer.err" \
            || echo "$i" >>"$TMP/writer.failed"
    done
) &
writer=$!
n=0
until [ "$(q "$DB" "SELECT count(*) FROM idea")" -ge 5 ]; do
    n=$((n + 1))
    [ "$n" -gt 200 ] && break
    sleep 0.05
done
for b in 1 2 3; do
    c backup "$TMP/b$b.db"
    expect_ok
    expect_out "Backup written to $TMP/b$b.db"
    expect_out "Its manifest: $TMP/b$b.db.manifest"
done
touch "$TMP/stop"
wait "$writer"
check "the writer was never refused while backups ran" \
    test ! -e "$TMP/writer.failed"

for b in 1 2 3; do
    f=$TMP/b$b.db
    check "b$b: a file of its own, no -wal" test ! -e "$f-wal"
    check "b$b: integrity" test "$(q "$f" "PRAGMA integrity_check")" = ok
    check "b$b: as many ideas as journal rows adding them" test \
        "$(q "$f" "SELECT (SELECT count(*) FROM idea) = (SELECT count(*)
                    FROM audit WHERE tbl = 'idea' AND action = 'add')")" = 1
    check "b$b: its manifest names its SHA-256" grep -qx \
        "sha256: $(sha256sum "$f" | cut -d' ' -f1)" "$f.manifest"
    check "b$b: and the last journal row" grep -qx \
        "audit_id: $(q "$f" "SELECT max(id) FROM audit")" "$f.manifest"
    check "b$b: with its hash" grep -qx \
        "audit_head: $(q "$f" "SELECT hash FROM audit ORDER BY id DESC LIMIT 1")" \
        "$f.manifest"
    run restore --check "$f"
    expect_ok
    expect_out "$f is a sound backup"
done
check "the backup file and manifest are 0600" test \
    "$(stat -c %a "$TMP/b2.db") $(stat -c %a "$TMP/b2.db.manifest")" = "600 600"
check "the writer went on after the first backup" test \
    "$(q "$DB" "SELECT count(*) FROM idea")" -gt \
    "$(q "$TMP/b1.db" "SELECT count(*) FROM idea")"

# ---------------------------------------------------------------- restore
c idea add --consultation AG21 --theme MOB --body "Ajoutée après la copie."
expect_ok
before=$(q "$DB" "SELECT count(*) FROM idea")
in_copy=$(q "$TMP/b2.db" "SELECT count(*) FROM idea")
c restore "$TMP/b2.db"
expect_ok
expect_out "Restored $TMP/b2.db into $DB."
expect_out "The database as it was is kept in $DB.before-restore-"
kept=$(ls "$DB".before-restore-* | grep -v '\.manifest$')
check "one kept file" test "$(echo "$kept" | wc -l)" = 1
check "with its manifest" test -s "$kept.manifest"
check "the kept file holds what was replaced" test \
    "$(q "$kept" "SELECT count(*) FROM idea")" = "$before"
c audit verify
expect_ok
expect_out "Audit log intact"
c idea list --consultation AG21 --format csv --limit 100000
check "the restored database holds the copy's ideas" test \
    "$(($(wc -l <"$OUT") - 1))" = "$in_copy"
expect_no_out "Ajoutée après la copie."
c audit list
expect_out "restore   meta"
# Restoring the kept file undoes the restore.
run restore --check "$kept"
expect_ok
# The restored database takes writes.
c idea add --consultation AG21 --theme MOB --body "Après la restauration."
expect_ok
c audit verify
expect_ok

# ---------------------------------------------------------------- refusals
now=$(q "$DB" "SELECT count(*) FROM idea")
unchanged() {
    check "$1: nothing replaced" test \
        "$(q "$DB" "SELECT count(*) FROM idea")" = "$now"
    check "$1: nothing kept" test "$(ls "$DB".before-restore-* | wc -l)" = 2
}

# One byte changed: the manifest's checksum no longer matches.
cp "$TMP/b3.db" "$TMP/bad.db"
cp "$TMP/b3.db.manifest" "$TMP/bad.db.manifest"
printf 'X' | dd of="$TMP/bad.db" bs=1 seek=100000 conv=notrunc 2>/dev/null
c restore "$TMP/bad.db"
expect_rc 65
expect_err_is "consult: $TMP/bad.db does not match its manifest: the SHA-256 differs."
unchanged "checksum"

# Pages overwritten, manifest made to match: the integrity check refuses.
cp "$TMP/b3.db" "$TMP/corrupt.db"
cp "$TMP/b3.db.manifest" "$TMP/corrupt.db.manifest"
dd if=/dev/urandom of="$TMP/corrupt.db" bs=4096 seek=3 count=8 \
    conv=notrunc 2>/dev/null
reseal "$TMP/corrupt.db"
c restore "$TMP/corrupt.db"
expect_rc 65
expect_err "$TMP/corrupt.db fails SQLite's integrity check"
unchanged "integrity"

# A journal row edited (its guards dropped), manifest made to match: the
# audit chain refuses.
cp "$TMP/b3.db" "$TMP/edited.db"
cp "$TMP/b3.db.manifest" "$TMP/edited.db.manifest"
cp "$TMP/b3.db.key" "$TMP/edited.db.key"    # the journal's key, as written
for t in $(q "$TMP/edited.db" "SELECT name FROM sqlite_schema
                               WHERE type = 'trigger' AND tbl_name = 'audit'"); do
    sqlite3 "$TMP/edited.db" "DROP TRIGGER $t"
done
sqlite3 "$TMP/edited.db" "UPDATE audit SET actor = 'mallory' WHERE id = 3"
reseal "$TMP/edited.db"
run restore --check "$TMP/edited.db"
expect_rc 65
expect_err "The audit log of $TMP/edited.db is broken: Audit row 3 does not match its hash"
c restore "$TMP/edited.db"
expect_rc 65
unchanged "audit chain"

# No manifest, no file, not a manifest.
cp "$TMP/b3.db" "$TMP/bare.db"
c restore "$TMP/bare.db"
expect_rc 66
expect_err "Cannot read the manifest $TMP/bare.db.manifest"
c restore "$TMP/absent.db"
expect_rc 66
echo "format: something else" >"$TMP/bare.db.manifest"
c restore "$TMP/bare.db"
expect_rc 65
expect_err "is not a consult backup manifest"
unchanged "no manifest"

# Not over the database itself, nor into a device.
c backup "$DB"
expect_rc 65
expect_err "is the database itself"
c backup /dev/null
expect_rc 65
expect_err "is not a regular file"
c backup
expect_rc 64
c restore
expect_rc 64

# ---------------------------------------------------------------- roles
me=$(id -un)
cp "$DB" "$TMP/agent.db"
cp "$DB.key" "$TMP/agent.db.key"      # its journal's key goes with it
run --db "$TMP/agent.db" user add consult-test-admin --role admin
expect_ok
run --db "$TMP/agent.db" user add "$me" --role agent
expect_ok
run --db "$TMP/agent.db" backup "$TMP/by-agent.db"
expect_rc 77
expect_err "this needs the admin role"
check "no copy made by an agent" test ! -e "$TMP/by-agent.db"
run --db "$TMP/agent.db" restore "$TMP/b3.db"
expect_rc 77
expect_err "this needs the admin role"

finish
