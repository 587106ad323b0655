/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_theme.c: `consult theme add|list`: the themes (or "ambitions") of a
 * consultation.
 */
#include "cli.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define CMD "theme"

static int
theme_add(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "consultation", required_argument, NULL, 'C' },
        { "code", required_argument, NULL, 'c' },
        { "title", required_argument, NULL, 't' },
        { "position", required_argument, NULL, 'p' },
        { NULL, 0, NULL, 0 },
    };
    const char *cons = NULL, *code = NULL, *title = NULL;
    struct cs_db *db = NULL;
    struct cs_error err;
    int64_t cons_id, pos = 0;
    enum cs_rc rc;
    int o, x;

    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (o) {
        case 'C': cons = optarg; break;
        case 'c': code = optarg; break;
        case 't': title = optarg; break;
        case 'p':
            if (!cli_parse_int(CMD, "--position", optarg, 0, &pos))
                return EXIT_USAGE;
            if (pos > 100000)
                return cli_usage_error(CMD, "%s",
                                       _("--position: the number is too big."));
            break;
        default:  return cli_bad_option(CMD, o, argv);
        }
    }
    if (optind != argc)
        return cli_operands(CMD, argc - optind, 0);
    if (cons == NULL)
        return cli_missing(CMD, "--consultation");
    if (code == NULL)
        return cli_missing(CMD, "--code");
    if (title == NULL)
        return cli_missing(CMD, "--title");
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((x = cli_consultation(db, cons, &cons_id)) == 0) {
        rc = cs_theme_add(db, cons_id, code, title, (int)pos, NULL, &err);
        if (rc != CS_OK)
            x = cli_fail(&err, rc);
        else
            printf(_("Theme %s added to consultation %s.\n"), code, cons);
    }
    cs_db_close(db);
    return x;
}

static int
theme_list(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "consultation", required_argument, NULL, 'C' },
        { NULL, 0, NULL, 0 },
    };
    struct cs_theme_list *list = NULL;
    const char *cons = NULL;
    struct cs_db *db = NULL;
    struct cs_error err;
    int64_t cons_id;
    enum cs_rc rc;
    int o, x;

    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (o) {
        case 'C': cons = optarg; break;
        default:  return cli_bad_option(CMD, o, argv);
        }
    }
    if (optind != argc)
        return cli_operands(CMD, argc - optind, 0);
    if (cons == NULL)
        return cli_missing(CMD, "--consultation");
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((x = cli_consultation(db, cons, &cons_id)) != 0)
        goto out;
    if ((rc = cs_theme_list(db, cons_id, &list, &err)) != CS_OK) {
        x = cli_fail(&err, rc);
        goto out;
    }
    if (list->count == 0) {
        printf(_("Consultation %s has no themes yet.\n"), cons);
        goto out;
    }
    cli_put_rcell(stdout, _("Pos."), 4);
    fputc(' ', stdout);
    cli_put_cell(stdout, _("Code"), 10, true);
    fputc(' ', stdout);
    cli_put_rcell(stdout, _("Ideas"), 6);
    fputc(' ', stdout);
    cli_put_cell(stdout, _("Title"), 80 - 23, false);
    fputc('\n', stdout);
    for (size_t i = 0; i < list->count; i++) {
        const struct cs_theme *t = &list->items[i];

        printf("%4d ", t->position);
        cli_put_cell(stdout, t->code, 10, true);
        printf(" %6" PRId64 " ", t->idea_count);
        cli_put_cell(stdout, t->title, 80 - 23, false);
        fputc('\n', stdout);
    }
out:
    cs_theme_list_free(list);
    cs_db_close(db);
    return x;
}

int
cmd_theme(struct cli_global *g, int argc, char **argv)
{
    static const struct cli_sub subs[] = {
        { "add", theme_add },
        { "list", theme_list },
        { NULL, NULL },
    };

    return cli_dispatch(g, argc, argv, subs);
}
