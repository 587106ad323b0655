/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_export.c: `consult export template KIND FILE|- [--example]`: an
 * empty CSV file with the canonical column names of a kind of import, for
 * field staff to fill in a spreadsheet and send back.
 *
 * TODO(#4): the exports proper (ideas, answers, statistics) come here.
 */
#include "cli.h"

#include <getopt.h>
#include <string.h>

#include "cmd_export_kinds.h"
#include "consult/import.h"

#define CMD "export"

static int
export_template(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "example", no_argument, NULL, 'e' },
        { NULL, 0, NULL, 0 },
    };
    enum cs_import_kind kind;
    struct cs_error err;
    bool example = false;
    const char *path;
    enum cs_rc rc;
    int c;

    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'e': example = true; break;
        default:  return cli_bad_option(CMD, c, argv);
        }
    }
    if (argc - optind != 2)
        return cli_operands(CMD, argc - optind, 2);
    cs_error_clear(&err);
    if (cs_import_kind_parse(argv[optind], &kind, &err) != CS_OK)
        return cli_usage_error(CMD, "%s", err.msg);
    path = argv[optind + 1];
    rc = cs_import_template_file(kind, example, NULL, path, g->shared, &err);
    if (rc != CS_OK)
        return cli_fail(&err, rc);
    return EXIT_OK;
}

int
cmd_export(struct cli_global *g, int argc, char **argv)
{
    static const struct cli_sub subs[] = {
        { "template", export_template },
        { NULL, NULL },
    };

    /* Every other word is an export kind, or "verify". */
    if (argc >= 2 && strcmp(argv[1], "template") != 0) {
        cli_opt_reset();
        return cmd_export_kind(g, argc - 1, argv + 1);
    }
    return cli_dispatch(g, argc, argv, subs);
}
