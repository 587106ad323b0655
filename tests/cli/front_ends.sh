# SPDX-License-Identifier: EUPL-1.2
#
# front_ends.sh: the terminal interface (src/tui) includes no header of the
# CLI (src/cli), and the core neither of them (scripts/check-front-ends, which
# .ci/run runs too); and the check does fail on a tree where a file of
# src/tui includes cli.h.
. "$CONSULT_SRC/tests/cli/lib.sh"

check_front_ends() {
    sh "$CONSULT_SRC/scripts/check-front-ends" "$@" >"$OUT" 2>"$ERR"
}

if check_front_ends; then :; else
    failures=$((failures + 1))
    echo "FAIL: scripts/check-front-ends finds a layer crossed:" >&2
    cat "$ERR" >&2
fi
checks=$((checks + 1))

# A copy of the tree where a screen includes the CLI's header.
mkdir -p "$TMP/tree/src"
cp -R "$CONSULT_SRC/src/tui" "$CONSULT_SRC/src/cli" "$CONSULT_SRC/src/core" \
    "$TMP/tree/src/"
printf '#include "cli.h"\n' >>"$TMP/tree/src/tui/screen_app.c"
checks=$((checks + 1))
if check_front_ends "$TMP/tree"; then
    failures=$((failures + 1))
    echo "FAIL: scripts/check-front-ends missed src/tui including cli.h" >&2
elif ! grep -q "screen_app.c" "$ERR" "$OUT"; then
    failures=$((failures + 1))
    echo "FAIL: scripts/check-front-ends did not name the file at fault" >&2
    cat "$OUT" "$ERR" >&2
fi

finish
