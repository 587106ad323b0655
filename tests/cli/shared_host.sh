#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
#
# shared_host.sh: consult installed for a shared host (SECURITY.md): built
# tree installed into a temporary prefix by scripts/install-shared-host,
# setgid to a new group, and used by two new logins. Neither can read the
# database but through consult; each is who the real uid says; --db,
# CONSULT_DB, demo and --shared do not move it off its database; a file a
# login names is reached with that login's rights alone (an export cannot
# overwrite the database nor an import read the key). Needs root (it adds
# a group and two logins, removed at the end): skipped otherwise.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null \
   || ! command -v useradd >/dev/null; then
    echo "shared_host: needs root, setpriv and useradd: skipped"
    exit 77
fi

# A setgid process cannot read its own environment nor be traced, so the
# sanitizers' runtime cannot take its options nor run LeakSanitizer in
# one: under the sanitizers this test is skipped (host_test checks the
# mode's code there; the plain build runs this test).
if grep -q '^CONSULT_SANITIZE:BOOL=ON' "$CONSULT_BUILD/CMakeCache.txt"; then
    echo "shared_host: a setgid binary cannot run under the sanitizers: skipped"
    exit 77
fi

G=csth$$
A=csta$$
B=cstb$$
HOST=$(mktemp -d /tmp/consult-host.XXXXXX)
chmod 0755 "$HOST"
cleanup() {
    userdel "$A" 2>/dev/null
    userdel "$B" 2>/dev/null
    groupdel "$G" 2>/dev/null
    rm -rf "$HOST" "$TMP"
}
trap cleanup EXIT
useradd -M -N -d /nonexistent -s /usr/sbin/nologin "$A"
useradd -M -N -d /nonexistent -s /usr/sbin/nologin "$B"
for u in "$A" "$B"; do
    mkdir "$HOST/$u"
    chown "$u" "$HOST/$u"
    chmod 0700 "$HOST/$u"
done

# as LOGIN [VAR=VALUE...] ARG...: the installed consult, as LOGIN, in a
# clean environment (plus the VAR=VALUE given), from /.
as() {
    u=$1
    shift
    last="($u) consult $*"
    (cd / && setpriv --reuid="$u" --regid="$(id -g "$u")" --clear-groups \
        env -i PATH=/usr/bin:/bin LC_ALL=C.UTF-8 \
        "$@") </dev/null >"$OUT" 2>"$ERR"
    rc=$?
}
mode_of() { stat -c '%a %U %G' "$1"; }

# ---------------------------------------------------------------- install
last="install-shared-host"
"$CONSULT_SRC/scripts/install-shared-host" --prefix "$HOST/prefix" \
    --group "$G" --admin "$A" --build "$CONSULT_BUILD" >"$OUT" 2>"$ERR"
rc=$?
expect_rc 0
BIN=$HOST/prefix/bin/consult
DIR=$HOST/prefix/var/lib/consult
check "the binary is setgid to the group" \
    [ "$(mode_of "$BIN")" = "2755 root $G" ]
check "the database directory is the group's alone" \
    [ "$(mode_of "$DIR")" = "770 root $G" ]
check "the database is the group's, 0660, made by the admin" \
    [ "$(mode_of "$DIR/consult.db")" = "660 $A $G" ]
check "the key file is the group's to read, 0640" \
    [ "$(mode_of "$DIR/consult.db.key")" = "640 $A $G" ]

# ---------------------------------------------------------------- identity
as "$A" USER="$B" LOGNAME="$B" "$BIN" user whoami
expect_rc 0
expect_out "$A"
expect_out "admin"
as "$A" "$BIN" user add "$B" --role agent
expect_ok
as "$A" "$BIN" consultation add --code HOST --title "Hôte partagé"
expect_ok
as "$A" "$BIN" theme add --consultation HOST --code T --title "Thème"
expect_ok
as "$B" USER="$A" "$BIN" user whoami
expect_out "$B"
expect_out "agent"
as "$B" "$BIN" idea add --consultation HOST --theme T --body "Idée de B"
expect_rc 0

# ---------------------------------------------------------------- the file
as "$B" cat "$DIR/consult.db"
check "a login cannot read the database without consult" [ "$rc" -ne 0 ]
as "$B" cat "$DIR/consult.db.key"
check "a login cannot read the key without consult" [ "$rc" -ne 0 ]

# ---------------------------------------------------------------- no other db
as "$B" "$BIN" --db "$HOST/$B/mine.db" user whoami
expect_rc 77
expect_err "shared host"
check "--db made no database" [ ! -e "$HOST/$B/mine.db" ]
as "$B" CONSULT_DB="$HOST/$B/env.db" "$BIN" idea list --consultation HOST
expect_rc 0
expect_out "Idée de B"
check "CONSULT_DB is not read" [ ! -e "$HOST/$B/env.db" ]
as "$B" "$BIN" demo
expect_rc 77
as "$B" "$BIN" --shared user whoami
expect_rc 64

# ---------------------------------------------------------------- user files
as "$B" "$BIN" export ideas "$DIR/stolen.csv" --consultation HOST
check "an export into the database directory is refused" [ "$rc" -ne 0 ]
check "...and writes nothing there" [ ! -e "$DIR/stolen.csv" ]
before=$(sha256sum < "$DIR/consult.db")
as "$B" "$BIN" export ideas "$DIR/consult.db" --consultation HOST
check "an export over the database is refused" [ "$rc" -ne 0 ]
check "...and leaves it as it was" \
    [ "$(sha256sum < "$DIR/consult.db")" = "$before" ]
as "$B" "$BIN" import ideas "$DIR/consult.db.key" --consultation HOST \
    --theme T --dry-run
check "an import of the key file is refused" [ "$rc" -ne 0 ]
expect_err "ermission denied"
as "$B" "$BIN" export ideas "$HOST/$B/ideas.csv" --consultation HOST
expect_rc 0
check "the login's export is its own, 0600" \
    [ "$(stat -c '%a %U' "$HOST/$B/ideas.csv")" = "600 $B" ]
check "...and holds the idea" grep -q "Idée de B" "$HOST/$B/ideas.csv"

# ---------------------------------------------------------------- backup
as "$A" "$BIN" backup "$HOST/$A/copy.db"
expect_rc 0
check "the backup is the admin's" \
    [ "$(stat -c '%U' "$HOST/$A/copy.db")" = "$A" ]
as "$A" "$BIN" restore "$HOST/$A/copy.db"
expect_rc 77
as "$A" "$BIN" audit anchor "$DIR/anchor"
check "an anchor cannot be written in the database directory" [ "$rc" -ne 0 ]

# ---------------------------------------------------------------- journal
as "$A" "$BIN" audit verify
expect_rc 0
expect_no_out "not keyed"

finish
