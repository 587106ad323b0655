/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_tally.c: `consult tally add|set|list`: anonymous counts of paper
 * votes for and against an idea, one per workshop or ballot box and day
 * (a session): keying a session again replaces its counts, so they are
 * corrected but never counted twice.
 */
#include "cli.h"

#include <getopt.h>
#include <inttypes.h>
#include <string.h>

#define CMD "tally"

/* What a tally session holds, for a sentence: "14 votes for idea 3", or
 * "14 votes for and 2 against idea 3". */
static const char *
counts_text(char *buf, size_t n, int64_t count, int64_t against,
            int64_t idea_id)
{
    if (against == 0)
        snprintf(buf, n, ngettext("%lld vote for idea %lld",
                                  "%lld votes for idea %lld",
                                  (unsigned long)count),
                 (long long)count, (long long)idea_id);
    else
        snprintf(buf, n, ngettext("%lld vote for and %lld against idea %lld",
                                  "%lld votes for and %lld against idea "
                                  "%lld", (unsigned long)count),
                 (long long)count, (long long)against, (long long)idea_id);
    return buf;
}

static int
tally_add(struct cli_global *g, int argc, char **argv)
{
    struct option opts[CS_F_COUNT_ALL + 2];
    const char *v[CS_F_COUNT_ALL] = { NULL };
    const char *source, *date, *count_opt = "--for";
    size_t nopts = 0;
    struct cs_db *db = NULL;
    struct cs_tally_result res;
    struct cs_error err;
    char day[16], what[160];
    int64_t idea_id, n, against = 0;
    enum cs_rc rc;
    int o, x;

    /* The options are the tally's fields (record.h): --for, --against,
     * --source, --date; --count, the older name of --for, stays. */
    cli_field_options(CS_RECORD_TALLY, opts, &nopts,
                      sizeof opts / sizeof opts[0] - 1);
    opts[nopts].name = "count";
    opts[nopts].has_arg = required_argument;
    opts[nopts].flag = NULL;
    opts[nopts].val = 'c';
    memset(&opts[nopts + 1], 0, sizeof opts[nopts + 1]);
    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        if (o == 'c' || o == CLI_FIELD_BASE + CS_F_COUNT)
            count_opt = o == 'c' ? "--count" : "--for";
        if (o == 'c')
            v[CS_F_COUNT] = optarg;
        else if (!cli_field_take(o, optarg, v))
            return cli_bad_option(CMD, o, argv);
    }
    source = v[CS_F_SOURCE];
    date = v[CS_F_COUNTED_AT];
    if (argc - optind != 1)
        return cli_operands(CMD, argc - optind, 1);
    if (!cli_parse_id(CMD, argv[optind], &idea_id))
        return EXIT_USAGE;
    if (v[CS_F_COUNT] == NULL)
        return cli_missing(CMD, "--for");
    if (source == NULL)
        return cli_missing(CMD, "--source");
    if (!cli_parse_int(CMD, count_opt, v[CS_F_COUNT], 0, &n))
        return EXIT_USAGE;
    if (v[CS_F_AGAINST] != NULL
        && !cli_parse_int(CMD, "--against", v[CS_F_AGAINST], 0, &against))
        return EXIT_USAGE;
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    rc = cs_tally_put(db, idea_id, n, against, source, date, &res, &err);
    if (rc != CS_OK) {
        x = cli_fail(&err, rc);
    } else if (res.outcome == CS_TALLY_ADDED) {
        /* TRANSLATORS: the second %s is "14 votes for idea 3" or "14 votes
         * for and 2 against idea 3"; the third, the source. */
        printf(_("Tally %lld recorded: %s from %s.\n"), (long long)res.id,
               counts_text(what, sizeof what, n, against, idea_id), source);
    } else {
        struct cs_tally_list *list = NULL;
        const char *on = "";

        /* The session's day, as stored. */
        if (cs_tally_list(db, idea_id, &list, NULL) == CS_OK)
            for (size_t i = 0; i < list->count; i++)
                if (list->items[i].id == res.id)
                    on = cli_day(list->items[i].counted_at, day);
        counts_text(what, sizeof what, n, against, idea_id);
        if (res.outcome == CS_TALLY_REPLACED)
            /* TRANSLATORS: "Tally 4 replaced: 12 votes for and 2 against
             * idea 3 from Atelier on 2026-05-02 (was 14 for, 0 against)." */
            printf(_("Tally %lld replaced: %s from %s on %s (was %lld for, "
                     "%lld against).\n"), (long long)res.id, what, source, on,
                   (long long)res.was_count, (long long)res.was_against);
        else
            printf(_("Tally %lld unchanged: %s from %s on %s.\n"),
                   (long long)res.id, what, source, on);
        cs_tally_list_free(list);
    }
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
    cli_put_rcell(stdout, _("For"), 6);
    fputc(' ', stdout);
    cli_put_rcell(stdout, _("Against"), 7);
    fputc(' ', stdout);
    cli_put_cell(stdout, _("Date"), 10, true);
    fputc(' ', stdout);
    cli_put_cell(stdout, _("Entered by"), 12, true);
    fputc(' ', stdout);
    cli_put_cell(stdout, _("Source"), 80 - 46, false);
    fputc('\n', stdout);
    for (size_t i = 0; i < list->count; i++) {
        const struct cs_tally *t = &list->items[i];

        printf("%6" PRId64 " %6" PRId64 " %7" PRId64 " ", t->id, t->count,
               t->against);
        cli_put_cell(stdout, cli_day(t->counted_at, day), 10, true);
        fputc(' ', stdout);
        cli_put_cell(stdout, t->entered_by, 12, true);
        fputc(' ', stdout);
        cli_put_cell(stdout, t->source, 80 - 46, false);
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
