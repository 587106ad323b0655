/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_theme.c: `consult theme add|list|edit|retire|delete`: the themes (or
 * "ambitions") of a consultation.
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
        { "all", no_argument, NULL, 'a' },
        { NULL, 0, NULL, 0 },
    };
    bool all = false;
    size_t shown = 0;
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
        case 'a': all = true; break;
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
    for (size_t i = 0; i < list->count; i++)
        shown += all || !list->items[i].retired;
    if (shown == 0) {
        if (list->count == 0)
            printf(_("Consultation %s has no themes yet.\n"), cons);
        else
            printf(_("Consultation %s has only retired themes (--all shows "
                     "them).\n"), cons);
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

        if (t->retired && !all)
            continue;
        printf("%4d ", t->position);
        cli_put_cell(stdout, t->code, 10, true);
        printf(" %6" PRId64 " ", t->idea_count);
        if (t->retired) {
            /* TRANSLATORS: after a retired theme's title in theme list. */
            const char *mark = _("(retired)");
            size_t n = strlen(t->title) + strlen(mark) + 2;
            char *line = malloc(n);

            if (line != NULL)
                snprintf(line, n, "%s %s", t->title, mark);
            cli_put_cell(stdout, line ? line : t->title, 80 - 23, false);
            free(line);
        } else {
            cli_put_cell(stdout, t->title, 80 - 23, false);
        }
        fputc('\n', stdout);
    }
out:
    cs_theme_list_free(list);
    cs_db_close(db);
    return x;
}

/* The theme CODE (or title) of consultation --consultation, for edit,
 * retire and delete: opens the database. */
static int
theme_target(struct cli_global *g, const char *cons, const char *code,
             struct cs_db **db, struct cs_theme *t)
{
    struct cs_error err;
    int64_t cons_id;
    enum cs_rc rc;
    int x;

    if ((x = cli_open(g, false, db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((x = cli_consultation(*db, cons, &cons_id)) != 0)
        return x;
    if ((rc = cs_theme_find(*db, cons_id, code, t, &err)) != CS_OK) {
        if (rc == CS_ENOTFOUND)
            cs_error_set(&err, rc, _("No theme \"%s\" in consultation %s."),
                         code, cons);
        return cli_fail(&err, rc);
    }
    return 0;
}

/* `theme edit|retire|delete --consultation C CODE`: what they share. */
enum change { CH_EDIT, CH_RETIRE, CH_DELETE };

static int
theme_change(struct cli_global *g, int argc, char **argv, enum change what)
{
    static const struct option opts[] = {
        { "consultation", required_argument, NULL, 'C' },
        { "code", required_argument, NULL, 'c' },
        { "title", required_argument, NULL, 't' },
        { "undo", no_argument, NULL, 'u' },
        { NULL, 0, NULL, 0 },
    };
    const char *cons = NULL, *code = NULL, *title = NULL;
    struct cs_db *db = NULL;
    struct cs_theme t;
    struct cs_error err;
    bool undo = false;
    enum cs_rc rc;
    int o, x;

    memset(&t, 0, sizeof t);
    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (o) {
        case 'C': cons = optarg; break;
        case 'c':
        case 't':
            if (what != CH_EDIT)
                return cli_bad_option(CMD, '?', argv);
            if (o == 'c')
                code = optarg;
            else
                title = optarg;
            break;
        case 'u':
            if (what != CH_RETIRE)
                return cli_bad_option(CMD, '?', argv);
            undo = true;
            break;
        default:  return cli_bad_option(CMD, o, argv);
        }
    }
    if (argc - optind != 1)
        return cli_operands(CMD, argc - optind, 1);
    if (cons == NULL)
        return cli_missing(CMD, "--consultation");
    if (what == CH_EDIT && code == NULL && title == NULL)
        return cli_usage_error(CMD, "%s",
                               _("theme edit: give --title, --code or both."));
    if ((x = theme_target(g, cons, argv[optind], &db, &t)) != 0)
        goto out;
    cs_error_clear(&err);
    switch (what) {
    case CH_EDIT:
        rc = cs_theme_update(db, t.id, code, title, &err);
        break;
    case CH_RETIRE:
        rc = cs_theme_retire(db, t.id, !undo, &err);
        break;
    default:
        rc = cs_theme_delete(db, t.id, &err);
        break;
    }
    if (rc != CS_OK) {
        x = cli_fail(&err, rc);
        goto out;
    }
    if (what == CH_EDIT)
        printf(_("Theme %s is now %s, \"%s\".\n"), t.code,
               code ? code : t.code, title ? title : t.title);
    else if (what == CH_RETIRE && !undo)
        printf(_("Theme %s retired: its ideas keep it; it is offered for "
                 "no new idea.\n"), t.code);
    else if (what == CH_RETIRE)
        printf(_("Theme %s is offered again.\n"), t.code);
    else
        printf(_("Theme %s deleted.\n"), t.code);
out:
    cs_theme_clear(&t);
    cs_db_close(db);
    return x;
}

static int
theme_edit(struct cli_global *g, int argc, char **argv)
{
    return theme_change(g, argc, argv, CH_EDIT);
}

static int
theme_retire(struct cli_global *g, int argc, char **argv)
{
    return theme_change(g, argc, argv, CH_RETIRE);
}

static int
theme_delete(struct cli_global *g, int argc, char **argv)
{
    return theme_change(g, argc, argv, CH_DELETE);
}

int
cmd_theme(struct cli_global *g, int argc, char **argv)
{
    static const struct cli_sub subs[] = {
        { "add", theme_add },
        { "list", theme_list },
        { "edit", theme_edit },
        { "retire", theme_retire },
        { "delete", theme_delete },
        { NULL, NULL },
    };

    return cli_dispatch(g, argc, argv, subs);
}
