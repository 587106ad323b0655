/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_export.c: `consult export template KIND FILE|- [--example]
 * [--excel] [--consultation C]`: an empty CSV file with the columns of a
 * kind of import that the user may fill, for field staff to fill in a
 * spreadsheet and send back. The exports proper are in cmd_export_kinds.c.
 */
#include "cli.h"

#include <getopt.h>
#include <string.h>
#include <unistd.h>

#include "cmd_export_kinds.h"
#include "consult/import.h"

#define CMD "export"

static int
export_template(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "example", no_argument, NULL, 'e' },
        { "excel", no_argument, NULL, 'x' },
        { "consultation", required_argument, NULL, 'c' },
        { NULL, 0, NULL, 0 },
    };
    struct cs_import_template_options o;
    enum cs_import_kind kind;
    struct cs_error err;
    struct cs_db *db = NULL;
    const char *path, *cons = NULL;
    char dbpath[4096];
    enum cs_rc rc;
    int c, ex;

    memset(&o, 0, sizeof o);
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'e': o.example = true; break;
        case 'x':
            o.csv.bom = true;
            o.csv.crlf = true;
            o.csv.delimiter = ';';
            break;
        case 'c': cons = optarg; break;
        default:  return cli_bad_option(CMD, c, argv);
        }
    }
    if (argc - optind != 2)
        return cli_operands(CMD, argc - optind, 2);
    cs_error_clear(&err);
    if (cs_import_kind_parse(argv[optind], &kind, &err) != CS_OK)
        return cli_usage_error(CMD, "%s", err.msg);
    path = argv[optind + 1];
    /* The columns follow the user's role, the example this database;
     * without a database yet, every column and the stock example. */
    if ((ex = cli_db_path(g, dbpath, sizeof dbpath, NULL)) != 0)
        return ex;
    if ((cons || access(dbpath, F_OK) == 0)
        && (ex = cli_open(g, false, &db)) != 0)
        return ex;
    if (cons && (ex = cli_consultation(db, cons, &o.consultation_id)) != 0)
        goto out;
    rc = cs_import_template_file(db, kind, &o, path, g->shared, &err);
    ex = rc == CS_OK ? EXIT_OK : cli_fail(&err, rc);
out:
    cs_db_close(db);
    return ex;
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
