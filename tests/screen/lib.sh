# SPDX-License-Identifier: EUPL-1.2
#
# lib.sh: sourced by every screen test. Runs the real binary ($CONSULT) in
# tmux on a private socket (-L consult-test-PID, -f /dev/null: none of the
# user's settings), with NO_COLOR=1 and LC_ALL=C.UTF-8, on the demo
# database in a private temporary directory, with TERM=screen (or
# $SCREEN_TERM, for a test of another terminal's codes) and LC_ALL=C.UTF-8
# (or $SCREEN_LC, for a test of another locale). Waits poll
# capture-pane (never a bare sleep); a failed check prints the screen. The
# tmux server and the directory go when the test ends, however it ends.
#
#   start [COLS ROWS] [ARG...]  start consult --db "$DB" ARG... in tmux
#   keys KEY...            tmux send-keys (key names: Enter, Escape, F2...)
#   type TEXT              send TEXT literally
#   wait_for TEXT          wait until the screen shows TEXT (fixed string)
#   wait_gone TEXT         wait until it does not
#   wait_cursor Y          wait until the cursor is on line Y (from 0)
#   line N                 print screen line N (from 0)
#   expect_line N TEXT     line N is TEXT (trailing blanks ignored)
#   expect_line_has N TEXT line N contains TEXT
#   expect_screen FILE     the whole screen is FILE (tests/screen/expected/)
#   expect_cursor_on TEXT  the cursor's line contains TEXT (polled)
#   resize COLS ROWS       resize the window
#   wait_exit              wait until consult has exited
#   c ARG...               run the CLI on the same database (output in $OUT)
#   check WHAT CMD...      a condition
#   finish                 report and exit

set -u
: "${CONSULT:?CONSULT must name the consult binary}"
: "${CONSULT_SRC:?CONSULT_SRC must name the source tree}"

TMUX_BIN=${TMUX_BIN:-tmux}
case $TMUX_BIN in
    *NOTFOUND*|"") TMUX_BIN=tmux ;;
esac
if ! command -v "$TMUX_BIN" >/dev/null 2>&1; then
    echo "tmux missing: skipped"
    exit 77
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/consult-screen.XXXXXX") || exit 1
# Each start gets a fresh server (a server being killed may still hold
# its socket): consult-test-PID-N.
servers=0
T=":"
cleanup() {
    n=1
    while [ "$n" -le "$servers" ]; do
        $TMUX_BIN -L "consult-test-$$-$n" kill-server >/dev/null 2>&1
        n=$((n + 1))
    done
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 2' INT TERM
unset TMUX TMUX_PANE CONSULT_DB
# The servers' sockets live in the test's directory and go with it.
export TMUX_TMPDIR="$TMP"
export XDG_DATA_HOME="$TMP/xdg" HOME="$TMP/home"
export CONSULT_DATADIR="$CONSULT_SRC/data"
mkdir -p "$HOME"
DB=$TMP/demo.db
OUT=$TMP/out
failures=0
checks=0

"$CONSULT" --db "$DB" demo >/dev/null 2>"$TMP/demo.err" || {
    cat "$TMP/demo.err" >&2
    exit 1
}

screen() {
    $T capture-pane -p 2>/dev/null
}

show_screen() {
    printf '  screen (cursor at line %s, column %s):\n' \
        "$($T display -p '#{cursor_y}' 2>/dev/null)" \
        "$($T display -p '#{cursor_x}' 2>/dev/null)" >&2
    screen | sed 's/^/    |/' >&2
}

fail() {
    failures=$((failures + 1))
    printf 'FAIL: %s\n' "$1" >&2
    show_screen
}

start() {
    cols=80 rows=24
    if [ $# -ge 2 ]; then
        cols=$1 rows=$2
        shift 2
    fi
    [ "$servers" -gt 0 ] && $T kill-server >/dev/null 2>&1
    servers=$((servers + 1))
    T="$TMUX_BIN -L consult-test-$$-$servers -f /dev/null"
    $T new-session -d -x "$cols" -y "$rows" \
        "env NO_COLOR=1 LC_ALL=${SCREEN_LC:-C.UTF-8} LANGUAGE= TERM=${SCREEN_TERM:-screen} \
         XDG_DATA_HOME='$XDG_DATA_HOME' HOME='$HOME' \
         '$CONSULT' --db '$DB' $*; echo consult-exited-\$?; sleep 30"
    # Keystrokes must not reach a pane before consult reads them.
    wait_for "10Quit" || wait_for "quit"
}

keys() {
    $T send-keys "$@"
}

type() {
    $T send-keys -l "$1"
}

# Poll for up to 5 seconds.
poll() {
    i=0
    until "$@"; do
        i=$((i + 1))
        [ "$i" -gt 50 ] && return 1
        sleep 0.1
    done
    return 0
}

has_text() {
    screen | grep -qF -- "$1"
}

lacks_text() {
    ! has_text "$1"
}

wait_for() {
    checks=$((checks + 1))
    poll has_text "$1" || { fail "the screen never showed: $1"; return 1; }
}

wait_gone() {
    checks=$((checks + 1))
    poll lacks_text "$1" || { fail "the screen kept showing: $1"; return 1; }
}

cursor_is() {
    [ "$($T display -p '#{cursor_y}')" = "$1" ]
}

wait_cursor() {
    checks=$((checks + 1))
    poll cursor_is "$1" || fail "the cursor never came to line $1"
}

line() {
    screen | sed -n "$(($1 + 1))p"
}

line_is() {
    got=$(line "$1" | sed 's/ *$//')
    [ "$got" = "$2" ]
}

line_has() {
    line "$1" | grep -qF -- "$2"
}

# Polled, like the cursor: after a resize or a key the frame may still be
# on its way when the first words of it are already on the screen.
expect_line() {
    checks=$((checks + 1))
    poll line_is "$1" "$2" || fail "line $1 is [$got], not [$2]"
}

expect_line_has() {
    checks=$((checks + 1))
    poll line_has "$1" "$2" || fail "line $1 lacks: $2"
}

cursor_line_has() {
    y=$($T display -p '#{cursor_y}')
    line "$y" | grep -qF -- "$1"
}

# Polled: while a frame is being sent the terminal's cursor passes over
# other lines.
expect_cursor_on() {
    checks=$((checks + 1))
    poll cursor_line_has "$1" || fail "the cursor's line ($y) lacks: $1"
}

expect_screen() {
    checks=$((checks + 1))
    screen | sed 's/ *$//' >"$TMP/screen"
    if ! diff -u "$CONSULT_SRC/tests/screen/expected/$1" "$TMP/screen" >&2
    then
        fail "the screen differs from expected/$1"
    fi
}

resize() {
    $T resize-window -x "$1" -y "$2"
}

exited() {
    has_text "consult-exited-"
}

wait_exit() {
    checks=$((checks + 1))
    poll exited || { fail "consult did not exit"; return 1; }
    has_text "consult-exited-0" || fail "consult exited with an error"
}

c() {
    "$CONSULT" --db "$DB" "$@" >"$OUT" 2>&1
}

check() {
    what=$1
    shift
    checks=$((checks + 1))
    if ! "$@"; then
        failures=$((failures + 1))
        printf 'FAIL: %s\n' "$what" >&2
        cat "$OUT" >&2
    fi
}

out_has() {
    grep -qF -- "$1" "$OUT"
}

finish() {
    if [ "$failures" -ne 0 ]; then
        printf '%s: %d of %d checks failed\n' "${0##*/}" "$failures" \
            "$checks" >&2
        exit 1
    fi
    printf '%s: %d checks passed\n' "${0##*/}" "$checks"
    exit 0
}
