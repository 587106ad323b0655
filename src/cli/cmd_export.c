/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_export.c: `consult export ...`: dispatches every word to
 * cmd_export_kind (cmd_export_kinds.c). Stands in until the import
 * work's cmd_export.c (with `export template`) takes its place.
 */
#include "cli.h"

#include <string.h>

#include "cmd_export_kinds.h"

int
cmd_export(struct cli_global *g, int argc, char **argv)
{
    if (argc < 2)
        return cli_usage_error("export", "%s", _("no subcommand given."));
    cli_opt_reset();
    return cmd_export_kind(g, argc - 1, argv + 1);
}
