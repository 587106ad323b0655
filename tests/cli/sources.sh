# SPDX-License-Identifier: EUPL-1.2
#
# sources.sh: the sources keep one definition of each write: one INSERT
# INTO idea (scripts/check-sources), and the check sees a second one.
. "$CONSULT_SRC/tests/cli/lib.sh"

check "scripts/check-sources passes" sh "$CONSULT_SRC/scripts/check-sources"

# The same script on a copy with a second insert must fail.
mkdir -p "$TMP/copy/scripts" "$TMP/copy/src/core"
cp "$CONSULT_SRC/scripts/check-sources" "$TMP/copy/scripts/"
cp "$CONSULT_SRC"/src/core/*.c "$TMP/copy/src/core/"
printf 'static const char *q = "INSERT INTO idea(body) VALUES (1)";\n' \
    >"$TMP/copy/src/core/extra.c"
check "a second INSERT INTO idea is caught" \
    sh -c "! sh '$TMP/copy/scripts/check-sources' 2>/dev/null"
# Other tables named idea_* are not counted.
rm "$TMP/copy/src/core/extra.c"
printf 'static const char *q = "INSERT INTO idea_tag(idea_id) VALUES (1)";\n' \
    >"$TMP/copy/src/core/extra.c"
check "INSERT INTO idea_tag is not counted" sh "$TMP/copy/scripts/check-sources"

finish
