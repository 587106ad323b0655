# SPDX-License-Identifier: EUPL-1.2
#
# readonly.sh: a database that cannot be written, in tmux. Opened on a
# full disk (run as root: a small tmpfs; else a read-only file), the
# interface says so at once, and a key that would write says why it is
# off instead of opening a form. A disk that fills up while a remark is
# typed does not cost the remark: the save fails naming the full disk, the
# editor opens again with the text, and once there is room it is saved.
. "$CONSULT_SRC/tests/screen/lib.sh"

trap 'umount "$TMP/full" 2>/dev/null; cleanup' EXIT

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
keys q
wait_exit

finish
