# SPDX-License-Identifier: EUPL-1.2
#
# readonly.sh: a database that cannot be written, in tmux. Opened on a
# full disk (run as root: a small tmpfs; else a read-only file), then, as
# root, as an unprivileged user on a read-only file and in a read-only
# directory, the interface says so at once, and a key that would write
# says why it is off instead of opening a form (a remark, a status, the
# entry form, a tally sheet). A disk that fills up while a remark is
# typed does not cost the remark: the save fails naming the full disk, the
# editor opens again with the text, and once there is room it is saved.
. "$CONSULT_SRC/tests/screen/lib.sh"

trap 'umount "$TMP/full" 2>/dev/null; cleanup' EXIT

# The demo database as made, for the read-only file and directory below.
cp "$DB" "$TMP/demo-rw.db"
cp "$DB.key" "$TMP/demo-rw.db.key"

mkdir "$TMP/full"
if [ "$(id -u)" -eq 0 ] \
    && mount -t tmpfs -o size=2m tmpfs "$TMP/full" 2>/dev/null; then
    cp "$DB" "$TMP/full/demo.db"
    cp "$DB.key" "$TMP/full/demo.db.key"   # the journal's key goes with it
    DB=$TMP/full/demo.db
    full=yes
else
    echo "readonly.sh: cannot mount a small file system here (needs root):" \
         "a read-only file instead, and the full disk while typing skipped" >&2
    chmod 0444 "$DB"
    full=
fi

# ---------------------------------------------------------------- typing
if [ -n "$full" ]; then
    start 80 24
    wait_for "50 ideas"
    keys Enter
    wait_for "Idea 48  |  new"
    keys c
    wait_for "Remark on idea 48"
    type "Remarque tapée avant que le disque soit plein."
    dd if=/dev/zero of="$TMP/full/filler" bs=4096 2>/dev/null
    keys F2
    wait_for "is full"
    # The editor is open again, with the remark as typed.
    wait_for "Remark on idea 48"
    wait_for "Remarque tapée avant que le disque soit plein."
    rm -f "$TMP/full/filler"
    keys F2
    wait_for "Remark added."
    keys q
    wait_exit
    c comment list 48
    check "the remark is stored" grep -qF "avant que le disque" "$OUT"
    dd if=/dev/zero of="$TMP/full/filler" bs=4096 2>/dev/null
fi

# ---------------------------------------------------------------- opening
start 80 24
wait_for "50 ideas"
wait_for "This database is read-only, changes are off"
# A key that writes says why it is off; no form opens.
keys s
wait_for "Changes are off: "
check "no status form opened" lacks_text "New status for idea"
keys Enter
wait_for "Idea 48  |  new"
keys c
wait_for "Changes are off: "
check "no remark form opened" lacks_text "Remark on idea 48"
# Reading still works: the help, moving about.
keys Escape
wait_for "50 ideas"
# The entry keys too: no entry form, no tally sheet, no form keyed into
# a batch; each key is read before the search that follows it opens.
keys a /
wait_for "Search:"
check "no entry form opened" lacks_text "New form"
keys Escape Escape
wait_gone "Search:"
wait_gone "Changes are off: "
keys a
wait_for "Changes are off: "
keys v /
wait_for "Search:"
check "no tally sheet opened" lacks_text "Source (workshop"
keys Escape Escape
wait_gone "Changes are off: "
keys v
wait_for "Changes are off: "
keys q
wait_exit

# ------------------------------------------------ read-only file, directory
# Permissions do not stop root: the interface runs as an unprivileged
# user (setpriv) on a read-only file, then in a read-only directory; it
# says so on opening and still reads.
if [ "$(id -u)" -ne 0 ]; then
    echo "readonly.sh: not root: the read-only file case ran above, the" \
         "read-only directory case is skipped" >&2
elif ! command -v setpriv >/dev/null 2>&1 || ! id nobody >/dev/null 2>&1; then
    echo "readonly.sh: no setpriv or no user nobody: read-only file and" \
         "directory cases skipped" >&2
else
    real=$CONSULT
    # An admin, so that what is off is off for the database, not the role.
    "$real" --db "$TMP/demo-rw.db" user add nobody --role admin >/dev/null
    cat >"$TMP/as-nobody" <<WRAP
#!/bin/sh
exec setpriv --reuid=nobody --regid=$(id -g nobody) --clear-groups "$real" "\$@"
WRAP
    chmod 0755 "$TMP/as-nobody" "$TMP"
    CONSULT=$TMP/as-nobody
    for case in file dir; do
        mkdir "$TMP/$case"
        cp "$TMP/demo-rw.db" "$TMP/$case/demo.db"
        cp "$TMP/demo-rw.db.key" "$TMP/$case/demo.db.key"
        chown -R nobody "$TMP/$case"
        if [ "$case" = file ]; then
            chmod 0444 "$TMP/$case/demo.db"
        else
            chmod 0555 "$TMP/$case"
        fi
        DB=$TMP/$case/demo.db
        start 80 24
        wait_for "50 ideas"
        wait_for "This database is read-only, changes are off"
        keys s
        wait_for "Changes are off: "
        check "$case: no status form opened" lacks_text "New status for idea"
        keys Enter
        wait_for "Idea 48  |  new"
        keys Escape
        wait_for "50 ideas"
        keys q
        wait_exit
    done
    CONSULT=$real
fi

finish
