/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_participant.c: `consult participant find|show|edit|anonymise`: the
 * people who contributed, found by reference or by name and service; what
 * is held on each; their contact and consent corrected or withdrawn;
 * anonymising erases their personal fields and keeps their contributions.
 */
#include "cli.h"

#include <getopt.h>
#include <inttypes.h>
#include <string.h>

#define CMD "participant"

static int
participant_find(struct cli_global *g, int argc, char **argv)
{
    struct option opts[CS_F_COUNT_ALL + 1];
    const char *v[CS_F_COUNT_ALL] = { NULL };
    size_t nopts = 0;
    struct cs_person p;
    struct cs_db *db = NULL;
    struct cs_error err;
    int64_t id;
    enum cs_rc rc;
    int o, x;

    /* The options are the participant's fields that find one (the
     * others, email and consent, are imported). */
    cli_field_options(CS_RECORD_PARTICIPANT, opts, &nopts,
                      sizeof opts / sizeof opts[0]);
    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1)
        if (!cli_field_take(o, optarg, v))
            return cli_bad_option(CMD, o, argv);
    memset(&p, 0, sizeof p);
    p.ref = v[CS_F_REF];
    p.name = v[CS_F_NAME];
    p.service = v[CS_F_SERVICE];
    if (optind != argc)
        return cli_operands(CMD, argc - optind, 0);
    if (p.ref == NULL && p.name == NULL)
        return cli_usage_error(CMD, "%s", _("give --ref, or --name (and "
                                            "--service)."));
    if (p.ref != NULL && (p.name != NULL || p.service != NULL))
        return cli_usage_error(CMD, "%s", _("give either --ref or --name, "
                                            "not both."));
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((rc = cs_participant_find(db, &p, &id, &err)) != CS_OK)
        x = cli_fail(&err, rc);
    else
        printf("%" PRId64 "\n", id);
    cs_db_close(db);
    return x;
}

/* The labels of `participant show`, for the width of their column: at
 * least 16, more if a translation needs it. */
static const char *const show_labels[] = {
    N_("Reference:"), N_("Name:"), N_("Service:"), N_("Email:"),
    N_("Postal address:"), N_("Phone:"), N_("Consent:"), N_("Channel:"), N_("Anonymised:"),
    N_("Added:"), N_("Ideas:"), N_("Votes:"),
};
static int label_w = 16;

static void
show_field(const char *label, const char *value)
{
    cli_put_label(stdout, label, label_w);
    fputc(' ', stdout);
    cli_put_text(stdout, value ? value : "-");
    fputc('\n', stdout);
}

/* What is held on the person, after their fields: one line per item. */
static void
show_held(const struct cs_held *h)
{
    static const char *const heads[] = {
        N_("Ideas written:"), N_("Votes cast:"), N_("Comments written:"),
        N_("Answers prepared:"),
    };
    int shown = -1;

    for (size_t i = 0; i < h->count; i++) {
        const struct cs_held_item *x = &h->items[i];
        char day[16];

        if ((int)x->kind != shown) {
            shown = (int)x->kind;
            printf("\n%s\n", _(heads[x->kind]));
        }
        printf("  %s  %-8s ", cli_day(x->date, day), x->consultation);
        switch (x->kind) {
        case CS_HELD_IDEA: {
            enum cs_status st;

            printf(_("idea %lld, "), (long long)x->id);
            if (x->status && cs_status_parse(x->status, &st, NULL) == CS_OK)
                fputs(cs_status_label(st), stdout);
            fputs(": ", stdout);
            cli_put_text(stdout, x->title);
            if (x->answer) {
                fputs("\n    ", stdout);
                fputs(_("Answer: "), stdout);
                cli_put_text(stdout, x->answer);
            }
            break;
        }
        case CS_HELD_VOTE:
        case CS_HELD_COMMENT:
            printf(_("idea %lld: "), (long long)x->idea_id);
            cli_put_text(stdout, x->title);
            break;
        case CS_HELD_ANSWER_SENT:
            if (x->channel && strcmp(x->channel, "email") == 0)
                fputs(_("by email"), stdout);
            else if (x->channel && strcmp(x->channel, "post") == 0)
                fputs(_("by post"), stdout);
            else
                fputs(_("by internal mail"), stdout);
            break;
        }
        fputc('\n', stdout);
    }
}

static int
participant_show(struct cli_global *g, int argc, char **argv)
{
    struct cs_held *h = NULL;
    struct cs_participant *p;
    struct cs_db *db = NULL;
    struct cs_error err;
    char num[2][24];
    int64_t id;
    enum cs_rc rc;
    int x;

    if ((x = cli_args(CMD, argc, argv, 1)) != 0)
        return x;
    if (!cli_parse_id(CMD, argv[optind], &id))
        return EXIT_USAGE;
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((rc = cs_participant_held(db, id, &h, &err)) != CS_OK) {
        x = cli_fail(&err, rc);
        goto out;
    }
    p = &h->person;
    snprintf(num[0], sizeof num[0], "%" PRId64, p->idea_count);
    snprintf(num[1], sizeof num[1], "%" PRId64, p->vote_count);
    for (size_t k = 0; k < sizeof show_labels / sizeof show_labels[0]; k++)
        if (cli_width(_(show_labels[k])) > label_w)
            label_w = cli_width(_(show_labels[k]));
    printf(_("Participant %lld\n"), (long long)p->id);
    show_field(_("Reference:"), p->ref);
    show_field(_("Name:"), p->name);
    show_field(_("Service:"), p->service);
    show_field(_("Email:"), p->email);
    show_field(_("Postal address:"), p->postal);
    show_field(_("Phone:"), p->phone);
    show_field(_("Consent:"), p->consent ? _("yes") : _("no"));
    show_field(_("Channel:"), cs_channel_label(p->channel));
    show_field(_("Anonymised:"), p->anonymised ? _("yes") : _("no"));
    show_field(_("Added:"), p->created_at);
    show_field(_("Ideas:"), num[0]);
    show_field(_("Votes:"), num[1]);
    show_held(h);
    cs_held_free(h);
out:
    cs_db_close(db);
    return x;
}

static int
participant_edit(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "service", required_argument, NULL, 's' },
        { "email", required_argument, NULL, 'e' },
        { "postal", required_argument, NULL, 'p' },
        { "phone", required_argument, NULL, 't' },
        { "consent", no_argument, NULL, 'c' },
        { "no-consent", no_argument, NULL, 'n' },
        { NULL, 0, NULL, 0 },
    };
    struct cs_participant_edit e = { .consent = -1 };
    struct cs_db *db = NULL;
    struct cs_error err;
    bool any = false;
    int64_t id;
    enum cs_rc rc;
    int o, x;

    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        any = true;
        switch (o) {
        case 's': e.service = optarg; break;
        case 'e': e.email = optarg; break;
        case 'p': e.postal = optarg; break;
        case 't': e.phone = optarg; break;
        case 'c': e.consent = 1; break;
        case 'n': e.consent = 0; break;
        default:  return cli_bad_option(CMD, o, argv);
        }
    }
    if (argc - optind != 1)
        return cli_operands(CMD, argc - optind, 1);
    if (!cli_parse_id(CMD, argv[optind], &id))
        return EXIT_USAGE;
    if (!any)
        return cli_usage_error(CMD, "%s", _("nothing to change: give "
                                            "--consent, --no-consent, "
                                            "--email, --postal, --phone or "
                                            "--service."));
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((rc = cs_participant_edit(db, id, &e, &err)) != CS_OK)
        x = cli_fail(&err, rc);
    else if (e.consent == 0)
        printf(_("Participant %lld changed; consent withdrawn.\n"),
               (long long)id);
    else
        printf(_("Participant %lld changed.\n"), (long long)id);
    cs_db_close(db);
    return x;
}

static int
participant_anonymise(struct cli_global *g, int argc, char **argv)
{
    struct cs_db *db = NULL;
    struct cs_error err;
    int64_t id;
    enum cs_rc rc;
    int x;

    if ((x = cli_args(CMD, argc, argv, 1)) != 0)
        return x;
    if (!cli_parse_id(CMD, argv[optind], &id))
        return EXIT_USAGE;
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((rc = cs_participant_anonymise(db, id, &err)) != CS_OK)
        x = cli_fail(&err, rc);
    else
        printf(_("Participant %lld is anonymised: name, reference, email, "
                 "postal address and phone erased; contributions kept.\n"),
               (long long)id);
    cs_db_close(db);
    return x;
}

int
cmd_participant(struct cli_global *g, int argc, char **argv)
{
    static const struct cli_sub subs[] = {
        { "find", participant_find },
        { "show", participant_show },
        { "edit", participant_edit },
        { "anonymise", participant_anonymise },
        { NULL, NULL },
    };

    return cli_dispatch(g, argc, argv, subs);
}
