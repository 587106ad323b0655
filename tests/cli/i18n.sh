#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
#
# i18n.sh: consult speaks the user's language. Under C.UTF-8, --help and a
# usage error come out in English; under fr_FR.UTF-8 they come out in
# French, from the translations built next to the binary (build/locale), and
# so does an error from the core library (its own gettext domain).
# Without the fr_FR.UTF-8 locale the French part is skipped (exit 77, which
# ctest reports as skipped); scripts/setup generates it.
#
# Environment (from ctest): CONSULT, the binary under test.
set -u

: "${CONSULT:?set CONSULT to the consult binary}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# run LOCALE NAME ARGS...: run consult under LOCALE; stdout, stderr and the
# exit status go to $tmp/NAME.out, .err and .rc.
run() {
    loc=$1 name=$2
    shift 2
    rc=0
    env LC_ALL="$loc" LANGUAGE= LANG= "$CONSULT" "$@" \
        >"$tmp/$name.out" 2>"$tmp/$name.err" || rc=$?
    echo "$rc" >"$tmp/$name.rc"
}

# has NAME.STREAM TEXT: the file contains TEXT (a fixed string).
has() {
    grep -qF -- "$2" "$tmp/$1" || {
        echo "--- $1:" >&2
        cat "$tmp/$1" >&2
        fail "$1 should contain \"$2\""
    }
}
hasnt() {
    ! grep -qF -- "$2" "$tmp/$1" || fail "$1 should not contain \"$2\""
}
rc_is() {
    [ "$(cat "$tmp/$1.rc")" = "$2" ] \
        || fail "$1: exit status $(cat "$tmp/$1.rc"), expected $2"
}

nodb=$tmp/absent/none.db

# ---------------------------------------------------------------- English
run C.UTF-8 en-help --help
rc_is en-help 0
has en-help.out "Usage: "
has en-help.out "Commands:"
hasnt en-help.out "Commandes"

run C.UTF-8 en-usage no-such-command
rc_is en-usage 64
has en-usage.err "unknown command"
hasnt en-usage.err "inconnue"

run C.UTF-8 en-core --db "$nodb" stats
[ "$(cat "$tmp/en-core.rc")" != 0 ] || fail "stats on a missing database succeeded"
has en-core.err "No database at"

# ---------------------------------------------------------------- French
if ! locale -a 2>/dev/null | grep -qixE 'fr_FR\.utf-?8'; then
    echo "SKIP: the fr_FR.UTF-8 locale is not installed (run scripts/setup);" \
         "only English was checked."
    exit 77
fi

run fr_FR.UTF-8 fr-help --help
rc_is fr-help 0
has fr-help.out "Usage : "
has fr-help.out "Commandes :"
hasnt fr-help.out "Commands:"

run fr_FR.UTF-8 fr-cmdhelp idea --help
rc_is fr-cmdhelp 0
has fr-cmdhelp.out "Usage : consult idea add"

run fr_FR.UTF-8 fr-usage no-such-command
rc_is fr-usage 64
has fr-usage.err "commande inconnue"
hasnt fr-usage.err "unknown command"

# A message from the core library, translated through its own domain.
run fr_FR.UTF-8 fr-core --db "$nodb" stats
[ "$(cat "$tmp/fr-core.rc")" != 0 ] || fail "stats on a missing database succeeded"
has fr-core.err "Aucune base de données"

echo "ok: English under C.UTF-8, French under fr_FR.UTF-8"
