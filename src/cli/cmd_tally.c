/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_tally.c: `consult tally add|set|list`: anonymous counts of paper
 * votes for an idea, one per workshop or ballot box, which can be
 * corrected but never counted twice.
 */
#include "cli.h"

#include <getopt.h>
#include <inttypes.h>
#include <string.h>

#define CMD "tally"

static int
tally_add(struct cli_global *g, int argc, char **argv)
{
    struct option opts[CS_F_COUNT_ALL + 1];
    const char *v[CS_F_COUNT_ALL] = { NULL };
    const char *count, *source, *date;
    size_t nopts = 0;
    struct cs_db *db = NULL;
    struct cs_error err;
    int64_t idea_id, n, id;
    enum cs_rc rc;
    int o, x;

    /* The options are the tally's fields (record.h). */
    cli_field_options(CS_RECORD_TALLY, opts, &nopts,
                      sizeof opts / sizeof opts[0]);
    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1)
        if (!cli_field_take(o, optarg, v))
            return cli_bad_option(CMD, o, argv);
    count = v[CS_F_COUNT];
    source = v[CS_F_SOURCE];
    date = v[CS_F_COUNTED_AT];
    if (argc - optind != 1)
        return cli_operands(CMD, argc - optind, 1);
    if (!cli_parse_id(CMD, argv[optind], &idea_id))
        return EXIT_USAGE;
    if (count == NULL)
        return cli_missing(CMD, "--count");
    if (source == NULL)
        return cli_missing(CMD, "--source");
    if (!cli_parse_int(CMD, "--count", count, 0, &n))
        return EXIT_USAGE;
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((rc = cs_tally_add(db, idea_id, n, source, date, &id, &err)) != CS_OK)
        x = cli_fail(&err, rc);
    else
        printf(ngettext("Tally %lld recorded: %lld vote for idea %lld from "
                        "%s.\n",
                        "Tally %lld recorded: %lld votes for idea %lld from "
                        "%s.\n", (unsigned long)n),
               (long long)id, (long long)n, (long long)idea_id, source);
    cs_db_close(db);
    return x;
}

static int
tally_set(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "count", required_argument, NULL, 'n' },
        { NULL, 0, NULL, 0 },
    };
    const char *count = NULL;
    struct cs_db *db = NULL;
    struct cs_error err;
    int64_t id, n;
    enum cs_rc rc;
    int o, x;

    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (o) {
        case 'n': count = optarg; break;
        default:  return cli_bad_option(CMD, o, argv);
        }
    }
    if (argc - optind != 1)
        return cli_operands(CMD, argc - optind, 1);
    if (!cli_parse_id(CMD, argv[optind], &id))
        return EXIT_USAGE;
    if (count == NULL)
        return cli_missing(CMD, "--count");
    if (!cli_parse_int(CMD, "--count", count, 0, &n))
        return EXIT_USAGE;
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((rc = cs_tally_update(db, id, n, &err)) != CS_OK)
        x = cli_fail(&err, rc);
    else
        printf(ngettext("Tally %lld now counts %lld vote.\n",
                        "Tally %lld now counts %lld votes.\n",
                        (unsigned long)n), (long long)id, (long long)n);
    cs_db_close(db);
    return x;
}

static int
tally_list(struct cli_global *g, int argc, char **argv)
{
    struct cs_tally_list *list = NULL;
    struct cs_db *db = NULL;
    struct cs_error err;
    char day[16];
    int64_t idea_id;
    enum cs_rc rc;
    int x;

    if ((x = cli_args(CMD, argc, argv, 1)) != 0)
        return x;
    if (!cli_parse_id(CMD, argv[optind], &idea_id))
        return EXIT_USAGE;
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((rc = cs_tally_list(db, idea_id, &list, &err)) != CS_OK) {
        x = cli_fail(&err, rc);
        goto out;
    }
    if (list->count == 0) {
        printf(_("Idea %lld has no tallies.\n"), (long long)idea_id);
        goto out;
    }
    cli_put_rcell(stdout, _("ID"), 6);
    fputc(' ', stdout);
    cli_put_rcell(stdout, _("Count"), 6);
    fputc(' ', stdout);
    cli_put_cell(stdout, _("Date"), 10, true);
    fputc(' ', stdout);
    cli_put_cell(stdout, _("Entered by"), 12, true);
    fputc(' ', stdout);
    cli_put_cell(stdout, _("Source"), 80 - 38, false);
    fputc('\n', stdout);
    for (size_t i = 0; i < list->count; i++) {
        const struct cs_tally *t = &list->items[i];

        printf("%6" PRId64 " %6" PRId64 " ", t->id, t->count);
        cli_put_cell(stdout, cli_day(t->counted_at, day), 10, true);
        fputc(' ', stdout);
        cli_put_cell(stdout, t->entered_by, 12, true);
        fputc(' ', stdout);
        cli_put_cell(stdout, t->source, 80 - 38, false);
        fputc('\n', stdout);
    }
out:
    cs_tally_list_free(list);
    cs_db_close(db);
    return x;
}

int
cmd_tally(struct cli_global *g, int argc, char **argv)
{
    static const struct cli_sub subs[] = {
        { "add", tally_add },
        { "set", tally_set },
        { "list", tally_list },
        { NULL, NULL },
    };

    return cli_dispatch(g, argc, argv, subs);
}
