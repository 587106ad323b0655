# SPDX-License-Identifier: EUPL-1.2
#
# layers.sh: scripts/check-layers finds no cycle between the modules of
# src/core, puts them in the intended order (the statement layer under the
# schema, the journal and the opening of a database; the dialect sniffer
# under the CSV reader; what the exports share under the kinds, and those
# under export.c), and does fail, naming the steps, on a cycle of calls or
# of includes.
. "$CONSULT_SRC/tests/cli/lib.sh"

layers() {
    last="scripts/check-layers $*"
    "$CONSULT_SRC/scripts/check-layers" "$@" </dev/null >"$OUT" 2>"$ERR"
    rc=$?
}

# The level of module $1 in the last -v listing.
level() {
    awk -v m="$1" '{ for (i = 2; i <= NF; i++) if ($i == m) print $1 + 0 }' "$OUT"
}

below() {
    [ "$(level "$1")" -lt "$(level "$2")" ]
}

layers -v
expect_ok
expect_out "no cycle."
for pair in handle:stmt handle:schema stmt:audit schema:db audit:db \
            csv_sniff:csv export_out:export_rows export_out:export_summary \
            export_asof:export export_rows:export export_summary:export \
            export_manifest:export import_map:import; do
    check "${pair%%:*} is below ${pair##*:}" below "${pair%%:*}" "${pair##*:}"
done

# A cycle of calls through three files.
mkdir "$TMP/calls"
cat >"$TMP/calls/a.c" <<'C'
#include "a.h"

int
a_one(void)
{
    return b_one() + 1;
}
C
printf 'int a_one(void);\n' >"$TMP/calls/a.h"
cat >"$TMP/calls/b.c" <<'C'
/* a_one() in a comment is no call */
static int
b_helper(void)
{
    return c_one();
}

int
b_one(void)
{
    return b_helper();
}
C
cat >"$TMP/calls/c.c" <<'C'
int
c_one(void)
{
    return a_one() - 1;
}
C
layers "$TMP/calls"
expect_rc 1
expect_err "cycle between a, b, c"
expect_err "a -> b (a.c uses b_one)"
expect_err "b -> c (b.c uses c_one)"
expect_err "c -> a (c.c uses a_one)"

# Only a comment and a string name the other file: no cycle.
sed -i 's/return a_one() - 1;/return sizeof "a_one()";/' "$TMP/calls/c.c"
layers "$TMP/calls"
expect_ok
expect_out "3 modules in 3 layers, no cycle."

# A cycle through headers: x.c calls y, y.c includes x's private header.
mkdir "$TMP/includes"
printf '#include "x_priv.h"\n\nint\nx_one(void)\n{\n    return y_one();\n}\n' \
    >"$TMP/includes/x.c"
printf 'int x_one(void);\n' >"$TMP/includes/x_priv.h"
printf '#include "x_priv.h"\n\nint\ny_one(void)\n{\n    return 0;\n}\n' \
    >"$TMP/includes/y.c"
layers "$TMP/includes"
expect_rc 1
expect_err "y -> x (y.c includes x_priv.h)"

finish
