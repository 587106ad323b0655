# SPDX-License-Identifier: EUPL-1.2
#
# lib.sh: sourced by every CLI test. Gives the test a private temporary
# directory (removed on exit) with a database path in it, runs the real
# binary ($CONSULT) capturing stdout, stderr and the exit code, and checks
# them. A failed check prints the command and what it wrote, and the test
# exits non-zero at `finish`.
#
#   run ARG...            run consult (stdin from /dev/null)
#   run_in TEXT ARG...    the same with TEXT on stdin
#   c ARG...              run --db "$DB" ARG...
#   expect_rc N           the exit code was N
#   expect_out TEXT       stdout contains TEXT (fixed string)
#   expect_err TEXT       stderr contains TEXT
#   expect_no_out TEXT    stdout does not contain TEXT
#   expect_out_is TEXT    stdout is exactly TEXT (plus its final newline)
#   expect_err_is TEXT    stderr is exactly TEXT (plus its final newline)
#   expect_no_stdout      nothing at all on stdout
#   expect_ok             exit code 0 and nothing on stderr
#   finish                report and exit

set -u
: "${CONSULT:?CONSULT must name the consult binary}"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/consult-cli.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
DB=$TMP/consult.db
OUT=$TMP/stdout
ERR=$TMP/stderr
failures=0
checks=0
last=""

# Keep the user's own database and settings out of the tests.
unset CONSULT_DB CONSULT_DATADIR
XDG_DATA_HOME=$TMP/xdg
HOME=$TMP/home
export XDG_DATA_HOME HOME

run() {
    last="consult $*"
    "$CONSULT" "$@" </dev/null >"$OUT" 2>"$ERR"
    rc=$?
}

run_in() {
    input=$1
    shift
    last="consult $* (with input)"
    printf '%s\n' "$input" | "$CONSULT" "$@" >"$OUT" 2>"$ERR"
    rc=$?
}

c() {
    run --db "$DB" "$@"
}

fail() {
    failures=$((failures + 1))
    {
        printf 'FAIL: %s\n  command: %s\n  exit code: %s\n' "$1" "$last" "$rc"
        printf '  stdout:\n'
        sed 's/^/    | /' "$OUT"
        printf '  stderr:\n'
        sed 's/^/    | /' "$ERR"
    } >&2
}

expect_rc() {
    checks=$((checks + 1))
    [ "$rc" -eq "$1" ] || fail "expected exit code $1"
}

expect_out() {
    checks=$((checks + 1))
    grep -qF -- "$1" "$OUT" || fail "expected on stdout: $1"
}

expect_err() {
    checks=$((checks + 1))
    grep -qF -- "$1" "$ERR" || fail "expected on stderr: $1"
}

expect_no_out() {
    checks=$((checks + 1))
    if grep -qF -- "$1" "$OUT"; then fail "not expected on stdout: $1"; fi
}

expect_out_is() {
    checks=$((checks + 1))
    printf '%s\n' "$1" | cmp -s - "$OUT" || fail "expected stdout to be exactly: $1"
}

expect_err_is() {
    checks=$((checks + 1))
    printf '%s\n' "$1" | cmp -s - "$ERR" || fail "expected stderr to be exactly: $1"
}

expect_no_stdout() {
    checks=$((checks + 1))
    [ ! -s "$OUT" ] || fail "expected nothing on stdout"
}

expect_ok() {
    expect_rc 0
    checks=$((checks + 1))
    [ ! -s "$ERR" ] || fail "expected nothing on stderr"
}

# Check a condition on something other than the last command.
check() {
    what=$1
    shift
    checks=$((checks + 1))
    "$@" || fail "$what"
}

finish() {
    if [ "$failures" -ne 0 ]; then
        printf '%s: %d of %d checks failed\n' "${0##*/}" "$failures" "$checks" >&2
        exit 1
    fi
    printf '%s: %d checks passed\n' "${0##*/}" "$checks"
    exit 0
}

# A database with consultation AG21 and themes MOB (Mobilité) and ENV.
setup_cons() {
    c init
    expect_ok
    c consultation add --code AG21 --title "Agenda 21"
    expect_ok
    c theme add --consultation AG21 --code MOB --title "Mobilité"
    expect_ok
    c theme add --consultation AG21 --code ENV --title "Environnement"
    expect_ok
}
