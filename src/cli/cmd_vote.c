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
    static const struct option opts[] = {
        { "participant", required_argument, NULL, 'p' },
        { "participant-name", required_argument, NULL, 'n' },
        { "service", required_argument, NULL, 's' },
        { "channel", required_argument, NULL, 'c' },
        { "date", required_argument, NULL, 'd' },
        { NULL, 0, NULL, 0 },
    };
    const char *channel = NULL, *date = NULL;
    struct cs_person voter;
    struct cs_db *db = NULL;
    struct cs_error err;
    int64_t idea_id, id;
    enum cs_rc rc;
    int o, x;

    memset(&voter, 0, sizeof voter);
    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (o) {
        case 'p': voter.ref = optarg; break;
        case 'n': voter.name = optarg; break;
        case 's': voter.service = optarg; break;
        case 'c': channel = optarg; break;
        case 'd': date = optarg; break;
        default:  return cli_bad_option(CMD, o, argv);
        }
    }
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
    else
        printf(_("Vote %lld recorded for idea %lld.\n"), (long long)id,
               (long long)idea_id);
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
