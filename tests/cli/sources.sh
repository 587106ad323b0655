# SPDX-License-Identifier: EUPL-1.2
#
# sources.sh: the sources keep one definition of each write: one INSERT
# INTO idea (scripts/check-sources), and the check sees a second one; and
# one idea row: one list of its columns, one decoder, the filters on ideas
# only as idea_row.h's terms.
. "$CONSULT_SRC/tests/cli/lib.sh"

check "scripts/check-sources passes" sh "$CONSULT_SRC/scripts/check-sources"

# The same script on a copy with a second insert must fail.
mkdir -p "$TMP/copy/scripts" "$TMP/copy/src/core"
cp "$CONSULT_SRC/scripts/check-sources" "$TMP/copy/scripts/"
cp "$CONSULT_SRC"/src/core/*.c "$CONSULT_SRC"/src/core/*.h "$TMP/copy/src/core/"
printf 'static const char *q = "INSERT INTO idea(body) VALUES (1)";\n' \
    >"$TMP/copy/src/core/extra.c"
check "a second INSERT INTO idea is caught" \
    sh -c "! sh '$TMP/copy/scripts/check-sources' 2>/dev/null"
# Other tables named idea_* are not counted.
rm "$TMP/copy/src/core/extra.c"
printf 'static const char *q = "INSERT INTO idea_tag(idea_id) VALUES (1)";\n' \
    >"$TMP/copy/src/core/extra.c"
check "INSERT INTO idea_tag is not counted" sh "$TMP/copy/scripts/check-sources"
rm "$TMP/copy/src/core/extra.c"

# One idea row: a second decoder, a second column list, or a filter on
# ideas written out by hand is caught.
check "the copy passes" sh "$TMP/copy/scripts/check-sources"
extra() {
    printf '%s\n' "$1" >"$TMP/copy/src/core/extra.c"
}
extra 'static void f(struct stmt *st, struct cs_idea *i) {
    i->merged_into = stmt_int64(st, 18); }'
check "a second idea row decoder is caught" \
    sh -c "! sh '$TMP/copy/scripts/check-sources' 2>/dev/null"
extra 'static const char *q = " coalesce(i.merged_into, 0), i.hidden_reason";'
check "a second list of an idea's columns is caught" \
    sh -c "! sh '$TMP/copy/scripts/check-sources' 2>/dev/null"
extra 'static const char *q = " AND (:status IS NULL OR i.status = :s)";'
check "a filter on ideas written out is caught" \
    sh -c "! sh '$TMP/copy/scripts/check-sources' 2>/dev/null"
extra 'static const char *q = " WHERE (:channel IS NULL OR p.channel = :c)";'
check "a participant's filter is not one on ideas" \
    sh "$TMP/copy/scripts/check-sources"

finish
