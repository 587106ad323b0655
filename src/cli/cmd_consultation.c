/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_consultation.c: `consult consultation
 * add|list|show|state|edit|publish`: the consultations of the database,
 * their counts, their state, whether they hold answers, their retention,
 * and the publication of the answers held.
 */
#include "cli.h"

#include "consult/letters.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define CMD "consultation"

static int
consultation_add(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "code", required_argument, NULL, 'c' },
        { "title", required_argument, NULL, 't' },
        { "kind", required_argument, NULL, 'k' },
        { "audience", required_argument, NULL, 'a' },
        { "opens", required_argument, NULL, 'o' },
        { "closes", required_argument, NULL, 'C' },
        { "state", required_argument, NULL, 's' },
        { "description", required_argument, NULL, 'd' },
        { NULL, 0, NULL, 0 },
    };
    struct cs_consultation_new c;
    const char *kind = NULL, *audience = NULL, *state = NULL;
    struct cs_db *db = NULL;
    struct cs_error err;
    enum cs_rc rc = CS_OK;
    int64_t id;
    int o, x;

    memset(&c, 0, sizeof c);
    /* A consultation added here is open unless told otherwise: paper
     * forms can be keyed in at once. */
    c.state = CS_STATE_OPEN;
    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (o) {
        case 'c': c.code = optarg; break;
        case 't': c.title = optarg; break;
        case 'k': kind = optarg; break;
        case 'a': audience = optarg; break;
        case 'o': c.opens_on = optarg; break;
        case 'C': c.closes_on = optarg; break;
        case 's': state = optarg; break;
        case 'd': c.description = optarg; break;
        default:  return cli_bad_option(CMD, o, argv);
        }
    }
    if (optind != argc)
        return cli_operands(CMD, argc - optind, 0);
    if (c.code == NULL)
        return cli_missing(CMD, "--code");
    if (c.title == NULL)
        return cli_missing(CMD, "--title");
    cs_error_clear(&err);
    if ((kind && (rc = cs_cons_kind_parse(kind, &c.kind, &err)) != CS_OK)
        || (audience
            && (rc = cs_audience_parse(audience, &c.audience, &err)) != CS_OK)
        || (state && (rc = cs_state_parse(state, &c.state, &err)) != CS_OK))
        return cli_fail(&err, rc);
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    if ((rc = cs_consultation_add(db, &c, &id, &err)) != CS_OK)
        x = cli_fail(&err, rc);
    else
        printf(_("Consultation %s added.\n"), c.code);
    cs_db_close(db);
    return x;
}

static int
state_width(void)
{
    int w = cli_width(_("State"));

    for (int s = 0; s < CS_STATE_COUNT; s++) {
        int sw = cli_width(cs_state_label((enum cs_cons_state)s));
        if (sw > w)
            w = sw;
    }
    return w;
}

static int
consultation_list(struct cli_global *g, int argc, char **argv)
{
    struct cs_consultation_list *list = NULL;
    struct cs_db *db = NULL;
    struct cs_error err;
    enum cs_rc rc;
    char day[2][16];
    int x, sw = state_width();
    int title_w = 80 - (10 + 1 + sw + 1 + 6 + 1 + 7 + 1 + 7 + 1 + 10 + 1
                        + 10 + 1);

    if ((x = cli_args(CMD, argc, argv, 0)) != 0)
        return x;
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((rc = cs_consultation_list(db, &list, &err)) != CS_OK) {
        x = cli_fail(&err, rc);
        goto out;
    }
    if (list->count == 0) {
        puts(_("No consultations yet: add one with consult consultation add."));
        goto out;
    }
    cli_put_cell(stdout, _("Code"), 10, true);
    fputc(' ', stdout);
    cli_put_cell(stdout, _("State"), sw, true);
    fputc(' ', stdout);
    cli_put_rcell(stdout, _("Ideas"), 6);
    fputc(' ', stdout);
    cli_put_rcell(stdout, _("Votes"), 7);
    fputc(' ', stdout);
    cli_put_rcell(stdout, _("Tallies"), 7);
    fputc(' ', stdout);
    cli_put_cell(stdout, _("Opens"), 10, true);
    fputc(' ', stdout);
    cli_put_cell(stdout, _("Closes"), 10, true);
    fputc(' ', stdout);
    cli_put_cell(stdout, _("Title"), title_w, false);
    fputc('\n', stdout);
    for (size_t i = 0; i < list->count; i++) {
        const struct cs_consultation *c = &list->items[i];

        cli_put_cell(stdout, c->code, 10, true);
        fputc(' ', stdout);
        cli_put_cell(stdout, cs_state_label(c->state), sw, true);
        printf(" %6" PRId64 " %7" PRId64 " %7" PRId64 " ", c->idea_count,
               c->vote_count, c->tally_total);
        cli_put_cell(stdout, cli_day(c->opens_on, day[0]), 10, true);
        fputc(' ', stdout);
        cli_put_cell(stdout, cli_day(c->closes_on, day[1]), 10, true);
        fputc(' ', stdout);
        cli_put_cell(stdout, c->title, title_w, false);
        fputc('\n', stdout);
    }
out:
    cs_consultation_list_free(list);
    cs_db_close(db);
    return x;
}

static void
show_line(const char *label, int w, const char *value)
{
    cli_put_label(stdout, label, w);
    fputc(' ', stdout);
    cli_put_text(stdout, value && *value ? value : "-");
    fputc('\n', stdout);
}

/* One consultation's settings and counts. */
static int
consultation_show(struct cli_global *g, int argc, char **argv)
{
    static const char *const labels[] = {
        N_("Consultation:"), N_("Title:"), N_("State:"), N_("Opens:"),
        N_("Closes:"), N_("Ideas:"), N_("Votes:"), N_("Tally votes:"),
        N_("Held answers:"), N_("Retention:"),
    };
    struct cs_consultation c;
    struct cs_db *db = NULL;
    struct cs_error err;
    char day[16], num[64];
    enum cs_rc rc;
    int x, w = 0;

    if ((x = cli_args(CMD, argc, argv, 1)) != 0)
        return x;
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((rc = cs_consultation_find(db, argv[optind], &c, &err)) != CS_OK) {
        x = cli_fail(&err, rc);
        goto out;
    }
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
        if (cli_width(_(labels[i])) > w)
            w = cli_width(_(labels[i]));
#define LINE(label, value) show_line(_(label), w, (value))
    LINE(labels[0], c.code);
    LINE(labels[1], c.title);
    LINE(labels[2], cs_state_label(c.state));
    LINE(labels[3], cli_day(c.opens_on, day));
    LINE(labels[4], cli_day(c.closes_on, day));
    snprintf(num, sizeof num, "%" PRId64, c.idea_count);
    LINE(labels[5], num);
    snprintf(num, sizeof num, "%" PRId64, c.vote_count);
    LINE(labels[6], num);
    snprintf(num, sizeof num, "%" PRId64, c.tally_total);
    LINE(labels[7], num);
    LINE(labels[8], c.hold_answers ? _("yes") : _("no"));
    if (c.retention_months > 0)
        snprintf(num, sizeof num,
                 ngettext("%d month after it closes",
                          "%d months after it closes",
                          (unsigned long)c.retention_months),
                 c.retention_months);
    else
        snprintf(num, sizeof num, "%s", _("none"));
    LINE(labels[9], num);
#undef LINE
    cs_consultation_clear(&c);
out:
    cs_db_close(db);
    return x;
}

/* Set consultation `code` (id `id`) to `state`, saying so. */
static int
edit_state(struct cs_db *db, const char *code, int64_t id,
           enum cs_cons_state state)
{
    struct cs_error err;
    enum cs_rc rc;

    cs_error_clear(&err);
    if ((rc = cs_consultation_set_state(db, id, state, &err)) != CS_OK)
        return cli_fail(&err, rc);
    printf(_("Consultation %s is now %s.\n"), code, cs_state_label(state));
    return 0;
}

static int
consultation_state(struct cli_global *g, int argc, char **argv)
{
    struct cs_db *db = NULL;
    struct cs_error err;
    enum cs_cons_state state;
    enum cs_rc rc;
    int64_t id;
    int x;

    if ((x = cli_args(CMD, argc, argv, 2)) != 0)
        return x;
    cs_error_clear(&err);
    if ((rc = cs_state_parse(argv[optind + 1], &state, &err)) != CS_OK)
        return cli_fail(&err, rc);
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    if ((x = cli_consultation(db, argv[optind], &id)) == 0) {
        if ((rc = cs_consultation_set_state(db, id, state, &err)) != CS_OK)
            x = cli_fail(&err, rc);
        else
            printf(_("Consultation %s is now %s.\n"), argv[optind],
                   cs_state_label(state));
    }
    cs_db_close(db);
    return x;
}

static int
consultation_edit(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "hold-answers", no_argument, NULL, 'h' },
        { "no-hold-answers", no_argument, NULL, 'H' },
        { "letter-language", required_argument, NULL, 'l' },
        { "letter-sender", required_argument, NULL, 's' },
        { "letter-opening", required_argument, NULL, 'o' },
        { "letter-closing", required_argument, NULL, 'c' },
        { "letter-signature", required_argument, NULL, 'S' },
        { "state", required_argument, NULL, 't' },
        { "retention", required_argument, NULL, 'r' },
        { NULL, 0, NULL, 0 },
    };
    struct cs_letter_settings_edit le;
    enum cs_cons_state state = CS_STATE_OPEN;
    const char *state_arg = NULL;
    int64_t retention = -1;
    struct cs_db *db = NULL;
    struct cs_error err;
    bool letters = false;
    int hold = -1;
    enum cs_rc rc = CS_OK;
    int64_t id;
    int o, x;

    memset(&le, 0, sizeof le);
    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (o) {
        case 'h': hold = 1; break;
        case 'H': hold = 0; break;
        case 'l': le.language = optarg; letters = true; break;
        case 's': le.sender = optarg; letters = true; break;
        case 'o': le.opening = optarg; letters = true; break;
        case 'c': le.closing = optarg; letters = true; break;
        case 'S': le.signature = optarg; letters = true; break;
        case 't': state_arg = optarg; break;
        case 'r':
            if (strcmp(optarg, "0") == 0)
                retention = 0;
            else if (!cli_parse_id(CMD, optarg, &retention))
                return EXIT_USAGE;
            break;
        default:  return cli_bad_option(CMD, o, argv);
        }
    }
    if (argc - optind != 1)
        return cli_operands(CMD, argc - optind, 1);
    if (hold < 0 && !letters && state_arg == NULL && retention < 0)
        return cli_usage_error(CMD, "%s", _("nothing to change: give "
                                            "--state, --retention, "
                                            "--hold-answers, "
                                            "--no-hold-answers or a "
                                            "--letter-... option."));
    cs_error_clear(&err);
    if (state_arg && (rc = cs_state_parse(state_arg, &state, &err)) != CS_OK)
        return cli_fail(&err, rc);
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    if ((x = cli_consultation(db, argv[optind], &id)) != 0)
        goto out;
    /* An archived consultation takes no other change: its state changes
     * first when it leaves that state, last when it enters it. */
    if (state_arg && state != CS_STATE_ARCHIVED
        && (x = edit_state(db, argv[optind], id, state)) != 0)
        goto out;
    if (letters) {
        if ((rc = cs_letter_settings_set(db, id, &le, &err)) != CS_OK) {
            x = cli_fail(&err, rc);
            goto out;
        }
        printf(_("Consultation %s: its letters' settings are changed.\n"),
               argv[optind]);
    }
    if (hold >= 0) {
        if ((rc = cs_consultation_set_hold_answers(db, id, hold != 0, &err))
            != CS_OK)
            x = cli_fail(&err, rc);
        else if (hold)
            printf(_("Consultation %s now holds its answers until they are "
                     "published.\n"), argv[optind]);
        else
            printf(_("Consultation %s now publishes its answers as they are "
                     "given.\n"), argv[optind]);
    }
    /* Allowed in every state: the consultation's life, as its state. */
    if (x == 0 && retention >= 0) {
        if ((rc = cs_consultation_set_retention(db, id,
                                                retention > 1200
                                                ? 1201 : (int)retention,
                                                &err)) != CS_OK)
            x = cli_fail(&err, rc);
        else if (retention > 0)
            printf(ngettext("Consultation %s: its participants are kept "
                            "%d month after it closes.\n",
                            "Consultation %s: its participants are kept "
                            "%d months after it closes.\n",
                            (unsigned long)retention),
                   argv[optind], (int)retention);
        else
            printf(_("Consultation %s: no retention; its participants are "
                     "kept until anonymised by hand.\n"), argv[optind]);
    }
    if (x == 0 && state_arg && state == CS_STATE_ARCHIVED)
        x = edit_state(db, argv[optind], id, state);
out:
    cs_db_close(db);
    return x;
}
static int
consultation_publish(struct cli_global *g, int argc, char **argv)
{
    struct cs_db *db = NULL;
    struct cs_error err;
    int64_t id, n = 0;
    enum cs_rc rc;
    int x;

    if ((x = cli_args(CMD, argc, argv, 1)) != 0)
        return x;
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((x = cli_consultation(db, argv[optind], &id)) == 0) {
        if ((rc = cs_consultation_publish(db, id, &n, &err)) != CS_OK)
            x = cli_fail(&err, rc);
        else
            printf(ngettext("Consultation %s: %lld answer published.\n",
                            "Consultation %s: %lld answers published.\n",
                            (unsigned long)n),
                   argv[optind], (long long)n);
    }
    cs_db_close(db);
    return x;
}

int
cmd_consultation(struct cli_global *g, int argc, char **argv)
{
    static const struct cli_sub subs[] = {
        { "add", consultation_add },
        { "list", consultation_list },
        { "show", consultation_show },
        { "state", consultation_state },
        { "edit", consultation_edit },
        { "publish", consultation_publish },
        { NULL, NULL },
    };

    return cli_dispatch(g, argc, argv, subs);
}
