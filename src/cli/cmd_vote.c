/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_vote.c: `consult vote add|delete`: one participant's vote for an
 * idea (a second vote by the same person is refused by the core), and
 * removing one keyed in error.
 */
#include "cli.h"

#include <getopt.h>
#include <inttypes.h>
#include <string.h>

#define CMD "vote"

static int
vote_add(struct cli_global *g, int argc, char **argv)
{
    struct option opts[CS_F_COUNT_ALL + 1];
    const char *v[CS_F_COUNT_ALL] = { NULL };
    const char *channel, *date;
    struct cs_person voter;
    size_t nopts = 0;
    struct cs_db *db = NULL;
    struct cs_error err;
    int64_t idea_id, id;
    enum cs_rc rc;
    int o, x;

    /* The options are the vote's fields (record.h). */
    cli_field_options(CS_RECORD_VOTE, opts, &nopts,
                      sizeof opts / sizeof opts[0]);
    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1)
        if (!cli_field_take(o, optarg, v))
            return cli_bad_option(CMD, o, argv);
    memset(&voter, 0, sizeof voter);
    voter.ref = v[CS_F_PARTICIPANT_REF];
    voter.name = v[CS_F_PARTICIPANT_NAME];
    voter.service = v[CS_F_SERVICE];
    channel = v[CS_F_CHANNEL];
    date = v[CS_F_VOTED_AT];
    if (argc - optind != 1)
        return cli_operands(CMD, argc - optind, 1);
    if (!cli_parse_id(CMD, argv[optind], &idea_id))
        return EXIT_USAGE;
    if (voter.ref == NULL && voter.name == NULL)
        return cli_usage_error(CMD, "%s", _("who votes? Give --participant "
                               "REF, or --participant-name and --service."));
    cs_error_clear(&err);
    if (channel && (rc = cs_channel_parse(channel, &voter.channel, &err))
                   != CS_OK)
        return cli_fail(&err, rc);
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    rc = cs_vote_add(db, idea_id, &voter, voter.channel, date, &id, &err);
    if (rc != CS_OK)
        x = cli_fail(&err, rc);
    else {
        printf(_("Vote %lld recorded for idea %lld.\n"), (long long)id,
               (long long)idea_id);
        cli_warn_late(db, 0, idea_id, voter.channel, date);
    }
    cs_db_close(db);
    return x;
}

static int
vote_delete(struct cli_global *g, int argc, char **argv)
{
    struct cs_db *db = NULL;
    struct cs_error err;
    enum cs_rc rc;
    int64_t id;
    int x;

    if ((x = cli_args(CMD, argc, argv, 1)) != 0)
        return x;
    if (!cli_parse_id(CMD, argv[optind], &id))
        return EXIT_USAGE;
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((rc = cs_vote_delete(db, id, &err)) != CS_OK)
        x = cli_fail(&err, rc);
    else
        printf(_("Vote %lld deleted.\n"), (long long)id);
    cs_db_close(db);
    return x;
}

int
cmd_vote(struct cli_global *g, int argc, char **argv)
{
    static const struct cli_sub subs[] = {
        { "add", vote_add },
        { "delete", vote_delete },
        { NULL, NULL },
    };

    return cli_dispatch(g, argc, argv, subs);
}
