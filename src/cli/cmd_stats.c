/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_stats.c: `consult stats [--consultation CODE] [--weeks]`: the
 * figures of one consultation, or of each, from the core's maintained
 * counts: ideas and findings, by status and by channel, votes, tallies,
 * comments, participants, and a table per theme; with --weeks, the
 * contributions week by week (cs_stats_weeks). Numbers are right-aligned.
 */
#include "cli.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

#define CMD "stats"
#define NUM_W 8         /* columns for a figure */

/* One "label  figure" line. Labels are padded to the widest one
 * (`label_w`, indent included), measured in display columns, so that
 * translated labels still line the figures up. */
static void
figure(int label_w, int indent, const char *label, int64_t v)
{
    printf("%*s", indent, "");
    cli_put_label(stdout, label, label_w - indent);
    printf(" %*" PRId64 "\n", NUM_W, v);
}

static int
widest(int w, const char *s, int indent)
{
    int sw = cli_width(s) + indent;

    return sw > w ? sw : w;
}

static void
theme_table(const struct cs_stats *s)
{
    const char *h[5] = { _("Theme"), _("Ideas"), _("Findings"), _("Votes"),
                         _("Tally votes") };
    int w[5], used = 2, title_w;

    w[0] = widest(10, h[0], 0);
    for (int i = 1; i < 5; i++)
        w[i] = widest(6, h[i], 0);
    for (int i = 0; i < 5; i++)
        used += w[i] + 1;
    title_w = 80 - used > 10 ? 80 - used : 10;

    fputs("  ", stdout);
    cli_put_cell(stdout, h[0], w[0], true);
    for (int i = 1; i < 5; i++) {
        fputc(' ', stdout);
        cli_put_rcell(stdout, h[i], w[i]);
    }
    fputc(' ', stdout);
    cli_put_cell(stdout, _("Title"), title_w, false);
    fputc('\n', stdout);
    for (size_t i = 0; i < s->theme_count; i++) {
        const struct cs_theme_stats *t = &s->themes[i];

        fputs("  ", stdout);
        cli_put_cell(stdout, t->code, w[0], true);
        printf(" %*" PRId64 " %*" PRId64 " %*" PRId64 " %*" PRId64 " ",
               w[1], t->ideas, w[2], t->findings, w[3], t->votes, w[4],
               t->tally_votes);
        cli_put_cell(stdout, t->title, title_w, false);
        fputc('\n', stdout);
    }
}

static void
print_stats(const struct cs_consultation *c, const struct cs_stats *s)
{
    int w = 0;
    const char *lab[] = { _("Ideas"), _("Findings"), _("Votes"),
                          _("Tally votes"), _("Comments"), _("Participants") };

    for (size_t i = 0; i < sizeof lab / sizeof lab[0]; i++)
        w = widest(w, lab[i], 2);
    w = widest(w, _("without email"), 4);
    for (int i = 0; i < CS_STATUS_COUNT; i++)
        w = widest(w, cs_status_label((enum cs_status)i), 4);
    for (int i = 0; i < CS_CHANNEL_COUNT; i++)
        w = widest(w, cs_channel_label((enum cs_channel)i),
                            4);

    printf(_("Consultation %s: %s\n"), c->code, c->title);
    figure(w, 2, _("Ideas"), s->ideas);
    figure(w, 2, _("Findings"), s->findings);
    printf("  %s\n", _("By status:"));
    for (int i = 0; i < CS_STATUS_COUNT; i++)
        figure(w, 4, cs_status_label((enum cs_status)i), s->by_status[i]);
    printf("  %s\n", _("By channel:"));
    for (int i = 0; i < CS_CHANNEL_COUNT; i++)
        figure(w, 4, cs_channel_label((enum cs_channel)i),
               s->by_channel[i]);
    figure(w, 2, _("Votes"), s->votes);
    figure(w, 2, _("Tally votes"), s->tally_votes);
    figure(w, 2, _("Comments"), s->comments);
    figure(w, 2, _("Participants"), s->participants);
    figure(w, 4, _("without email"), s->participants_without_email);
    if (s->theme_count > 0) {
        printf("  %s\n", _("By theme:"));
        theme_table(s);
    }
}

static void
week_table(const struct cs_week_list *l)
{
    const char *h[6] = { _("Week"), _("Monday"), _("Participants"),
                         _("Ideas"), _("Votes"), _("Comments") };
    int w[6];

    for (int i = 0; i < 6; i++)
        w[i] = widest(i == 1 ? 10 : 6, h[i], 0);
    printf("  %s\n", _("By week:"));
    fputs("  ", stdout);
    for (int i = 0; i < 6; i++) {
        if (i > 0)
            fputc(' ', stdout);
        if (i == 1)
            cli_put_cell(stdout, h[i], w[i], true);
        else
            cli_put_rcell(stdout, h[i], w[i]);
    }
    fputc('\n', stdout);
    for (size_t i = 0; i < l->count; i++) {
        const struct cs_week *k = &l->items[i];

        printf("  %*d ", w[0], k->number);
        cli_put_cell(stdout, k->start, w[1], true);
        printf(" %*" PRId64 " %*" PRId64 " %*" PRId64 " %*" PRId64 "\n",
               w[2], k->participants, w[3], k->ideas, w[4], k->votes, w[5],
               k->comments);
    }
}

static int
one(struct cs_db *db, const struct cs_consultation *c, bool weeks)
{
    struct cs_week_list *l = NULL;
    struct cs_stats *s = NULL;
    struct cs_error err;
    enum cs_rc rc;

    cs_error_clear(&err);
    if ((rc = cs_stats_get(db, c->id, &s, &err)) != CS_OK
        || (weeks && (rc = cs_stats_weeks(db, c->id, &l, &err)) != CS_OK)) {
        cs_stats_free(s);
        return cli_fail(&err, rc);
    }
    print_stats(c, s);
    if (l != NULL && l->count > 0)
        week_table(l);
    cs_week_list_free(l);
    cs_stats_free(s);
    return 0;
}

int
cmd_stats(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "consultation", required_argument, NULL, 'C' },
        { "weeks", no_argument, NULL, 'w' },
        { NULL, 0, NULL, 0 },
    };
    struct cs_consultation_list *list = NULL;
    struct cs_consultation c;
    const char *code = NULL;
    struct cs_db *db = NULL;
    bool weeks = false;
    struct cs_error err;
    enum cs_rc rc;
    int o, x;

    cli_opt_reset();
    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (o) {
        case 'C': code = optarg; break;
        case 'w': weeks = true; break;
        default:  return cli_bad_option(CMD, o, argv);
        }
    }
    if (optind != argc)
        return cli_operands(CMD, argc - optind, 0);
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if (code != NULL) {
        if ((rc = cs_consultation_find(db, code, &c, &err)) != CS_OK) {
            x = cli_fail(&err, rc);
        } else {
            x = one(db, &c, weeks);
            cs_consultation_clear(&c);
        }
        goto out;
    }
    if ((rc = cs_consultation_list(db, &list, &err)) != CS_OK) {
        x = cli_fail(&err, rc);
        goto out;
    }
    if (list->count == 0)
        puts(_("No consultations yet: add one with consult consultation add."));
    for (size_t i = 0; i < list->count && x == 0; i++) {
        if (i > 0)
            fputc('\n', stdout);
        x = one(db, &list->items[i], weeks);
    }
out:
    cs_consultation_list_free(list);
    cs_db_close(db);
    return x;
}
