# SPDX-License-Identifier: EUPL-1.2
#
# usage.sh: --help and --version on stdout with exit 0; usage errors are one
# line on stderr plus a hint, exit 64; a missing database is exit 66 with a
# hint to run init; the database is found through --db, $CONSULT_DB, then
# $XDG_DATA_HOME.
. "$CONSULT_SRC/tests/cli/lib.sh"

# ---------------------------------------------------------------- help
run --help
expect_ok
expect_out "Usage: consult [OPTION]... COMMAND [ARG]..."
expect_out "Report bugs to: "
for cmd in init demo consultation theme idea vote tally comment participant \
           user audit stats backup restore; do
    expect_out "  $cmd "
done

run -h
expect_ok
expect_out "Usage: consult [OPTION]..."

run --version
expect_ok
expect_out_is "consult 0.1.0"
run -V
expect_ok
expect_out_is "consult 0.1.0"

run help idea
expect_ok
expect_out "Usage: consult idea add --consultation CODE --theme CODE --body TEXT"
expect_out "consult idea counts --consultation CODE"

expect_out "See consult(1). Report bugs to: "

run idea --help
expect_ok
expect_out "consult idea status ID STATUS [--answer TEXT] [--reason TEXT]"

# Help never needs a database, even deep in a command line.
run --db "$TMP/none.db" idea add --body x --help
expect_ok
expect_out "consult idea unmerge ID"

run audit list --help
expect_ok
expect_out "[--json]"

run help
expect_ok
expect_out "Commands:"

run help frobnicate
expect_rc 64
expect_err_is 'consult: unknown command "frobnicate".
Try '"'"'consult --help'"'"' for more information.'

# Output that cannot be written is an error, not a success.
if [ -w /dev/full ]; then
    last="consult --help >/dev/full"
    "$CONSULT" --help >/dev/full 2>"$ERR"
    rc=$?
    : >"$OUT"
    expect_rc 74
    expect_err_is "consult: cannot write the output: No space left on device"
fi

run help help
expect_ok
expect_out "Usage: consult [OPTION]... COMMAND [ARG]..."

# ---------------------------------------------------------------- errors: 64
run
expect_rc 64
expect_err_is "consult: no command given.
Try 'consult --help' for more information."
expect_no_stdout

run frobnicate
expect_rc 64
expect_err_is "consult: unknown command \"frobnicate\".
Try 'consult --help' for more information."

run --frob init
expect_rc 64
expect_err "Try 'consult --help' for more information."

run --db
expect_rc 64

c idea
expect_rc 64
expect_err_is "consult: no subcommand given.
Try 'consult idea --help' for more information."

c idea frob
expect_rc 64
expect_err_is "consult: unknown subcommand \"frob\".
Try 'consult idea --help' for more information."

c idea list --frob
expect_rc 64
expect_err_is "consult: unknown option \"--frob\".
Try 'consult idea --help' for more information."

c idea list -x
expect_rc 64
expect_err_is "consult: unknown option \"-x\".
Try 'consult idea --help' for more information."

c idea list --limit
expect_rc 64
expect_err_is "consult: option \"--limit\" needs a value.
Try 'consult idea --help' for more information."

c idea list --limit ten
expect_rc 64
expect_err_is "consult: --limit: \"ten\" is not a number (1 or more).
Try 'consult idea --help' for more information."

c idea list --limit 0
expect_rc 64

c idea list --sort colour
expect_rc 64
expect_err "consult: --sort: \"colour\" is not date, id or support."

c idea list --format xml
expect_rc 64
expect_err "consult: --format: \"xml\" is not table or csv."

c idea show
expect_rc 64
expect_err_is "consult: an argument is missing.
Try 'consult idea --help' for more information."

c idea show 1 2
expect_rc 64
expect_err "consult: too many arguments."

c idea show abc
expect_rc 64
expect_err_is "consult: \"abc\" is not a valid id (a positive number).
Try 'consult idea --help' for more information."

c idea show -- -3
expect_rc 64
expect_err "is not a valid id"

c idea add --theme MOB --body x
expect_rc 64
expect_err_is "consult: option --consultation is required.
Try 'consult idea --help' for more information."

c tally add 1 --count many --source x
expect_rc 64
expect_err "consult: --count: \"many\" is not a number (0 or more)."

c tally add 1 --source x
expect_rc 64
expect_err "option --for is required."

c vote add 1
expect_rc 64
expect_err "Try 'consult vote --help' for more information."

c idea merge 2
expect_rc 64
expect_err "option --into is required."

c idea edit 2
expect_rc 64
expect_err "nothing to change"

c init extra
expect_rc 64
expect_err_is "consult: too many arguments.
Try 'consult init --help' for more information."

c participant find
expect_rc 64

c stats --consultation
expect_rc 64

# None of these created a database.
check "usage errors create no database" test ! -e "$DB"

# ---------------------------------------------------------------- missing: 66
c stats
expect_rc 66
expect_err_is "consult: No database at $DB (create one with: consult init)."
expect_no_stdout

c idea list
expect_rc 66

# ---------------------------------------------------------------- where
CONSULT_DB=$TMP/env.db
export CONSULT_DB
run init
expect_ok
expect_out "Created the database $TMP/env.db."
run user whoami
expect_ok
# --db wins over $CONSULT_DB.
run --db "$TMP/nothere.db" user whoami
expect_rc 66
unset CONSULT_DB

run init
expect_ok
expect_out "Created the database $XDG_DATA_HOME/consult/consult.db."
check "default database under XDG_DATA_HOME" test -s "$XDG_DATA_HOME/consult/consult.db"
run user whoami
expect_ok
expect_out_is "$(id -un) (admin)"

finish
