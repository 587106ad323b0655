/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_user.c: `consult user add|delete|list|whoami|can`: the logins allowed
 * to work on the database, their roles, and what the acting one may do
 * (asked of the core's table, cs_db_can).
 */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#define CMD "user"

static int
user_add(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "role", required_argument, NULL, 'r' },
        { NULL, 0, NULL, 0 },
    };
    const char *role_word = NULL;
    struct cs_db *db = NULL;
    struct cs_error err;
    enum cs_role role;
    enum cs_rc rc;
    int o, x;

    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (o) {
        case 'r': role_word = optarg; break;
        default:  return cli_bad_option(CMD, o, argv);
        }
    }
    if (argc - optind != 1)
        return cli_operands(CMD, argc - optind, 1);
    if (role_word == NULL)
        return cli_missing(CMD, "--role");
    cs_error_clear(&err);
    if ((rc = cs_role_parse(role_word, &role, &err)) != CS_OK)
        return cli_fail(&err, rc);
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    if ((rc = cs_user_add(db, argv[optind], role, &err)) != CS_OK)
        x = cli_fail(&err, rc);
    else
        printf(_("Login \"%s\" now has the %s role.\n"), argv[optind],
               cli_role_label(role));
    cs_db_close(db);
    return x;
}

static int
user_delete(struct cli_global *g, int argc, char **argv)
{
    struct cs_db *db = NULL;
    struct cs_error err;
    enum cs_rc rc;
    int x;

    if ((x = cli_args(CMD, argc, argv, 1)) != 0)
        return x;
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((rc = cs_user_delete(db, argv[optind], &err)) != CS_OK)
        x = cli_fail(&err, rc);
    else
        printf(_("Login \"%s\" no longer has access.\n"), argv[optind]);
    cs_db_close(db);
    return x;
}

static int
user_list(struct cli_global *g, int argc, char **argv)
{
    struct cs_user_list *list = NULL;
    struct cs_db *db = NULL;
    struct cs_error err;
    char day[16];
    enum cs_rc rc;
    int x;

    if ((x = cli_args(CMD, argc, argv, 0)) != 0)
        return x;
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((rc = cs_user_list(db, &list, &err)) != CS_OK) {
        x = cli_fail(&err, rc);
        goto out;
    }
    cli_put_cell(stdout, _("Login"), 20, true);
    fputc(' ', stdout);
    cli_put_cell(stdout, _("Role"), 8, true);
    fputc(' ', stdout);
    cli_put_cell(stdout, _("Since"), 10, true);
    fputc(' ', stdout);
    cli_put_cell(stdout, _("Added by"), 20, false);
    fputc('\n', stdout);
    for (size_t i = 0; i < list->count; i++) {
        const struct cs_user *u = &list->items[i];

        cli_put_cell(stdout, u->login, 20, true);
        fputc(' ', stdout);
        cli_put_cell(stdout, cli_role_label(u->role), 8, true);
        fputc(' ', stdout);
        cli_put_cell(stdout, cli_day(u->created_at, day), 10, true);
        fputc(' ', stdout);
        cli_put_cell(stdout, u->created_by, 20, false);
        fputc('\n', stdout);
    }
out:
    cs_user_list_free(list);
    cs_db_close(db);
    return x;
}

static int
user_whoami(struct cli_global *g, int argc, char **argv)
{
    struct cs_db *db = NULL;
    int x;

    if ((x = cli_args(CMD, argc, argv, 0)) != 0)
        return x;
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    if (cs_db_role(db) == CS_ROLE_NONE)
        printf(_("%s (no access to this database)\n"), cs_db_login(db));
    else
        printf(_("%s (%s)\n"), cs_db_login(db), cli_role_label(cs_db_role(db)));
    cs_db_close(db);
    return x;
}

/* `user can [OPERATION]`: without one, the operations the acting login
 * may do, one name a line; with one, exit 0 if it may, 77 if not. */
static int
user_can(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = { { NULL, 0, NULL, 0 } };
    struct cs_db *db = NULL;
    int x, o, op = -1;

    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1)
        return cli_bad_option(CMD, o, argv);
    if (argc - optind > 1)
        return cli_operands(CMD, argc - optind, 1);
    if (argc - optind == 1) {
        for (int i = CS_OP_READ; i < CS_OP_COUNT && op < 0; i++)
            if (strcmp(argv[optind], cs_op_name((enum cs_op)i)) == 0)
                op = i;
        if (op < 0)
            return cli_usage_error(CMD, _("unknown operation \"%s\"; "
                                          "consult user can lists them."),
                                   argv[optind]);
    }
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    if (op < 0) {
        for (int i = CS_OP_READ; i < CS_OP_COUNT; i++)
            if (cs_db_can(db, (enum cs_op)i))
                puts(cs_op_name((enum cs_op)i));
    } else if (!cs_db_can(db, (enum cs_op)op)) {
        fprintf(stderr, _("%s: login \"%s\" may not %s: it needs the %s "
                          "role.\n"), cli_progname, cs_db_login(db),
                cs_op_name((enum cs_op)op),
                cli_role_label(cs_op_role((enum cs_op)op)));
        x = EXIT_NOPERM;
    }
    cs_db_close(db);
    return x;
}

int
cmd_user(struct cli_global *g, int argc, char **argv)
{
    static const struct cli_sub subs[] = {
        { "add", user_add },
        { "delete", user_delete },
        { "list", user_list },
        { "whoami", user_whoami },
        { "can", user_can },
        { NULL, NULL },
    };

    return cli_dispatch(g, argc, argv, subs);
}
