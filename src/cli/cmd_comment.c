/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_comment.c: `consult comment add|list|hide`: participants' remarks on
 * an idea; moderation hides one with a reason and keeps it.
 */
#include "cli.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define CMD "comment"

static int
comment_add(struct cli_global *g, int argc, char **argv)
{
    struct option opts[CS_F_COUNT_ALL + 1];
    const char *v[CS_F_COUNT_ALL] = { NULL };
    const char *body;
    struct cs_person author;
    bool has_author;
    size_t nopts = 0;
    struct cs_db *db = NULL;
    struct cs_error err;
    int64_t idea_id, id;
    enum cs_channel channel = CS_CHANNEL_PAPER;
    enum cs_rc rc;
    int o, x;

    /* The options are the comment's fields (record.h). */
    cli_field_options(CS_RECORD_COMMENT, opts, &nopts,
                      sizeof opts / sizeof opts[0]);
    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1)
        if (!cli_field_take(o, optarg, v))
            return cli_bad_option(CMD, o, argv);
    memset(&author, 0, sizeof author);
    body = v[CS_F_BODY];
    author.ref = v[CS_F_PARTICIPANT_REF];
    author.name = v[CS_F_PARTICIPANT_NAME];
    author.service = v[CS_F_SERVICE];
    has_author = author.ref || author.name || author.service;
    if (argc - optind != 1)
        return cli_operands(CMD, argc - optind, 1);
    if (!cli_parse_id(CMD, argv[optind], &idea_id))
        return EXIT_USAGE;
    if (body == NULL)
        return cli_missing(CMD, "--body");
    cs_error_clear(&err);
    if (v[CS_F_CHANNEL]
        && cs_channel_parse(v[CS_F_CHANNEL], &channel, &err) != CS_OK)
        return cli_usage_error(CMD, "%s", err.msg);
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    rc = cs_comment_add_via(db, idea_id, has_author ? &author : NULL, body,
                            (int)channel, &id, &err);
    if (rc != CS_OK)
        x = cli_fail(&err, rc);
    else
        printf(_("Comment %lld added to idea %lld.\n"), (long long)id,
               (long long)idea_id);
    cs_db_close(db);
    return x;
}

static int
comment_list(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "all", no_argument, NULL, 'a' },
        { NULL, 0, NULL, 0 },
    };
    struct cs_comment_list *list = NULL;
    struct cs_db *db = NULL;
    struct cs_error err;
    bool all = false;
    char day[16];
    int64_t idea_id;
    enum cs_rc rc;
    int o, x;

    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (o) {
        case 'a': all = true; break;
        default:  return cli_bad_option(CMD, o, argv);
        }
    }
    if (argc - optind != 1)
        return cli_operands(CMD, argc - optind, 1);
    if (!cli_parse_id(CMD, argv[optind], &idea_id))
        return EXIT_USAGE;
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    /* --all asks for the hidden ones: the core refuses it to a role that
     * may not read them. */
    if ((rc = cs_comment_list(db, idea_id,
                              all ? CS_COMMENTS_ALL : CS_COMMENTS_VISIBLE,
                              &list, &err)) != CS_OK) {
        x = cli_fail(&err, rc);
        goto out;
    }
    if (list->count == 0)
        printf(_("Idea %lld has no comments.\n"), (long long)idea_id);
    for (size_t i = 0; i < list->count; i++) {
        const struct cs_comment *c = &list->items[i];
        char *why = NULL;

        printf("#%" PRId64 "  %s  ", c->id, cli_day(c->created_at, day));
        cli_put_text(stdout, c->author_name ? c->author_name
                                            : _("anonymous"));
        printf("  (%s", cs_channel_label((enum cs_channel)c->channel));
        if (c->form_ref) {
            fputs(", ", stdout);
            cli_put_text(stdout, c->form_ref);
        }
        fputc(')', stdout);
        if (c->parent_id != 0)
            printf(_("  reply to #%" PRId64), c->parent_id);
        fputc('\n', stdout);
        if (c->hidden) {
            why = cs_text_display(c->hidden_reason ? c->hidden_reason : "");
            printf(_("  (hidden: %s)\n"), why ? why : "");
            free(why);
        }
        cli_put_block(stdout, c->body, "    ");
    }
out:
    cs_comment_list_free(list);
    cs_db_close(db);
    return x;
}

static int
comment_hide(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "reason", required_argument, NULL, 'r' },
        { NULL, 0, NULL, 0 },
    };
    const char *reason = NULL;
    struct cs_db *db = NULL;
    struct cs_error err;
    enum cs_rc rc;
    int64_t id;
    int o, x;

    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (o) {
        case 'r': reason = optarg; break;
        default:  return cli_bad_option(CMD, o, argv);
        }
    }
    if (argc - optind != 1)
        return cli_operands(CMD, argc - optind, 1);
    if (!cli_parse_id(CMD, argv[optind], &id))
        return EXIT_USAGE;
    if (reason == NULL)
        return cli_missing(CMD, "--reason");
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((rc = cs_comment_hide(db, id, reason, &err)) != CS_OK)
        x = cli_fail(&err, rc);
    else
        printf(_("Comment %lld is hidden.\n"), (long long)id);
    cs_db_close(db);
    return x;
}

int
cmd_comment(struct cli_global *g, int argc, char **argv)
{
    static const struct cli_sub subs[] = {
        { "add", comment_add },
        { "list", comment_list },
        { "hide", comment_hide },
        { NULL, NULL },
    };

    return cli_dispatch(g, argc, argv, subs);
}
