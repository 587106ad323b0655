# SPDX-License-Identifier: EUPL-1.2
#
# readonly.sh: a database that cannot be written, in the normal WAL mode:
# a read-only file, a read-only directory, a full file system. Reads and
# exports work; writes fail with a message naming the cause and exit 73
# (not the role refusal's 77); nothing is left beside a read-only file
# that would keep it read-only once it is writable again.
#
# Permissions do not stop root: run as root, the file and directory cases
# run the binary as an unprivileged user (setpriv, else runuser); the full
# file system is a small tmpfs mounted for the test (root only). A case
# that cannot be set up here is skipped with a message saying why.
. "$CONSULT_SRC/tests/cli/lib.sh"

trap 'umount "$TMP/full" 2>/dev/null; rm -rf "$TMP"' EXIT

setup_cons
c idea add --consultation AG21 --theme MOB --title "Navette" \
    --body "Une navette entre les sites." --date 2021-03-02 \
    --author-name "Anne Dupont"
expect_ok
c comment add 1 --body "Un avis."
expect_ok
c vote add 1 --participant-name "Marc Durand"
expect_ok

# Who runs the file and directory cases: this user, or an unprivileged one
# when this is root.
AS=
ASUSER=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
    ASUSER=nobody
    if command -v setpriv >/dev/null 2>&1; then
        AS="setpriv --reuid=nobody --regid=$(id -g nobody 2>/dev/null) --clear-groups"
    elif command -v runuser >/dev/null 2>&1; then
        AS="runuser -u nobody --"
    fi
    if [ -z "$AS" ] || ! id nobody >/dev/null 2>&1 \
        || ! $AS "$CONSULT" --version >/dev/null 2>&1; then
        AS=none
    fi
fi

# Run consult as $ASUSER on database $1.
u() {
    udb=$1
    shift
    last="consult --db $udb $* (as $ASUSER)"
    $AS "$CONSULT" --db "$udb" "$@" </dev/null >"$OUT" 2>"$ERR"
    rc=$?
}

# The reads and exports that must work on database $1, writing their
# files in directory $2 (a dry run of an import, a backup and its check
# included); an export of personal data is refused with 73 naming cause
# $3, as its line in the audit log cannot be written. And the writes that
# must fail with 73 naming the cause.
reads_work() {
    u "$1" idea list
    expect_ok
    expect_out "Navette"
    u "$1" idea show 1
    expect_ok
    u "$1" stats --consultation AG21
    expect_ok
    u "$1" audit verify
    expect_ok
    u "$1" export ideas - --consultation AG21
    expect_ok
    expect_out "Navette"
    u "$1" export summary "$2/summary.csv" --consultation AG21
    expect_ok
    check "the export is written" test -s "$2/summary.csv"
    # Every export, to a file with its manifest.
    for kind in ideas votes tallies comments decisions participation; do
        u "$1" export "$kind" "$2/$kind.csv" --consultation AG21
        expect_ok
        check "the $kind export is written" test -s "$2/$kind.csv"
    done
    u "$1" export audit "$2/audit.csv"
    expect_ok
    check "the audit export is written" test -s "$2/audit.csv"
    u "$1" export answers "$2/answers.csv" --consultation AG21 \
        --profile codir
    expect_ok
    check "the answers export is written" test -s "$2/answers.csv"
    # Personal data leave only with their line in the audit log, which
    # cannot be written here: refused, naming the cause.
    u "$1" export participants "$2/participants.csv" --consultation AG21
    expect_rc 73
    expect_err "$3"
    u "$1" export answers "$2/answers-contact.csv" --consultation AG21
    expect_rc 73
    expect_err "$3"
    u "$1" export verify "$2/ideas.csv"
    expect_ok
    # The other reads.
    for cmd in "consultation list" "theme list --consultation AG21" \
        "participant show 1" "comment list 1" "import list" "batch list" \
        "session list" "user list" "audit list" "stats --weeks" \
        "idea list --consultation AG21 --status new"; do
        # shellcheck disable=SC2086
        u "$1" $cmd
        expect_ok
    done
    u "$1" participant find --name "Anne Dupont"
    expect_ok
    expect_out_is "1"
    # A backup reads the database; its copy goes elsewhere.
    u "$1" backup "$2/copy.db"
    expect_ok
    check "the backup is written" test -s "$2/copy.db"
    check "the backup's manifest is written" test -s "$2/copy.db.manifest"
    u "$1" restore "$2/copy.db" --check
    expect_ok
    # A dry run writes nothing: it checks and reports as usual, and its
    # reject file goes beside the file imported.
    printf 'thème,texte\nMOB,Essai à blanc\nNOPE,Refusée\n' >"$2/dry.csv"
    chmod 0644 "$2/dry.csv"
    u "$1" import ideas "$2/dry.csv" --consultation AG21 --dry-run
    expect_rc 65
    expect_out "Dry run: nothing was written to the database."
    expect_out "2 rows read, 1 imported, 1 refused"
    check "the dry run's reject file is written" \
        grep -q "NOPE" "$2/dry.rejects.csv"
    u "$1" idea list --consultation AG21
    expect_no_out "Essai à blanc"
    cp "$CONSULT_SRC/tests/data/pabulib/Poland_Czestochowa_2020_Bleszno.pb" \
        "$2/pb.pb"
    chmod 0644 "$2/pb.pb"
    u "$1" import pabulib "$2/pb.pb" --consultation AG21 --create-themes \
        --dry-run
    expect_ok
    expect_out "Dry run"
    u "$1" idea list --consultation AG21
    expect_no_out "Biblioteka"
}

writes_refused() {
    u "$1" idea add --consultation AG21 --theme MOB --body "Refusée"
    expect_rc 73
    expect_err "$2"
    u "$1" idea status 1 accepted --answer "Oui."
    expect_rc 73
    expect_err "$2"
    u "$1" consultation add --code X --title "X"
    expect_rc 73
    expect_err "$2"
}

if [ "$AS" = none ]; then
    echo "readonly.sh: running as root without a way to run as an" \
         "unprivileged user (setpriv or runuser, user nobody): read-only" \
         "file and directory cases skipped" >&2
else
    # The unprivileged user is an admin, so a refusal is not its role's.
    c user add "$ASUSER" --role admin
    expect_rc 0
    chmod 0755 "$TMP"

    # ------------------------------------------------------------ file
    mkdir "$TMP/f" "$TMP/fout"
    cp "$DB" "$TMP/f/ro.db"
    cp "$DB.key" "$TMP/f/ro.db.key"     # the journal's key goes with it
    [ -n "$AS" ] && chown -R nobody "$TMP/f" "$TMP/fout"
    chmod 0444 "$TMP/f/ro.db"
    reads_work "$TMP/f/ro.db" "$TMP/fout" \
        "the database file $TMP/f/ro.db is read-only"
    writes_refused "$TMP/f/ro.db" "the database file $TMP/f/ro.db is read-only"
    u "$TMP/f/ro.db" idea add --consultation AG21 --theme MOB --body "x"
    expect_err_is "consult: Cannot write: the database file $TMP/f/ro.db is read-only."
    check "nothing created beside a read-only file" \
        sh -c '[ "$(ls "$1" | tr "\n" " ")" = "ro.db ro.db.key " ]' sh "$TMP/f"
    # Writable again: it is writable for everyone at once.
    chmod 0644 "$TMP/f/ro.db"
    u "$TMP/f/ro.db" idea add --consultation AG21 --theme MOB --body "Reprise"
    expect_ok
    u "$TMP/f/ro.db" audit verify
    expect_ok

    # ------------------------------------------------------------ directory
    mkdir "$TMP/d" "$TMP/dout"
    cp "$DB" "$TMP/d/ro.db"
    cp "$DB.key" "$TMP/d/ro.db.key"
    [ -n "$AS" ] && chown -R nobody "$TMP/d" "$TMP/dout"
    chmod 0555 "$TMP/d"
    reads_work "$TMP/d/ro.db" "$TMP/dout" "its directory $TMP/d is read-only"
    writes_refused "$TMP/d/ro.db" "its directory $TMP/d is read-only"
    chmod 0755 "$TMP/d"
    u "$TMP/d/ro.db" idea add --consultation AG21 --theme MOB --body "Reprise"
    expect_ok
fi

# ---------------------------------------------------------------- full disk
mkdir "$TMP/full" "$TMP/fullout"
if [ "$(id -u)" -ne 0 ]; then
    echo "readonly.sh: not root, cannot mount a small file system:" \
         "full disk case skipped" >&2
elif ! mount -t tmpfs -o size=1m tmpfs "$TMP/full" 2>/dev/null; then
    echo "readonly.sh: cannot mount a tmpfs here: full disk case skipped" >&2
else
    cp "$DB" "$TMP/full/full.db"
    cp "$DB.key" "$TMP/full/full.db.key"
    dd if=/dev/zero of="$TMP/full/filler" bs=4096 2>/dev/null
    check "the file system is full" \
        sh -c '! echo x >"$1/probe" 2>/dev/null' sh "$TMP/full"
    AS=
    ASUSER=$(id -un)
    reads_work "$TMP/full/full.db" "$TMP/fullout" \
        "the disk holding $TMP/full/full.db is full"
    writes_refused "$TMP/full/full.db" "the disk holding $TMP/full/full.db is full"
    # Room again: writes work.
    rm -f "$TMP/full/filler" "$TMP/full/probe"
    u "$TMP/full/full.db" idea add --consultation AG21 --theme MOB --body "Reprise"
    expect_ok
    u "$TMP/full/full.db" audit verify
    expect_ok
    umount "$TMP/full"
fi

finish
