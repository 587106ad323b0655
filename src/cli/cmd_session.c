/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_session.c: `consult session add|list|show|agenda|attendee|decide|
 * close|publish`: the committee's sessions, their agendas and attendees,
 * the decisions recorded one by one, the close that sets the ideas'
 * statuses, and the publication of held answers.
 */
#include "cli.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define CMD "session"

/* ---------------------------------------------------------------- add */

static int
session_add(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "consultation", required_argument, NULL, 'C' },
        { "body", required_argument, NULL, 'b' },
        { "date", required_argument, NULL, 'd' },
        { "title", required_argument, NULL, 't' },
        { NULL, 0, NULL, 0 },
    };
    const char *cons = NULL, *body = NULL;
    struct cs_session_new in;
    struct cs_db *db = NULL;
    struct cs_error err;
    enum cs_rc rc;
    int64_t id;
    int o, x;

    memset(&in, 0, sizeof in);
    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (o) {
        case 'C': cons = optarg; break;
        case 'b': body = optarg; break;
        case 'd': in.held_on = optarg; break;
        case 't': in.title = optarg; break;
        default:  return cli_bad_option(CMD, o, argv);
        }
    }
    if (optind != argc)
        return cli_operands(CMD, argc - optind, 0);
    if (cons == NULL)
        return cli_missing(CMD, "--consultation");
    if (body == NULL)
        return cli_missing(CMD, "--body");
    if (in.held_on == NULL)
        return cli_missing(CMD, "--date");
    cs_error_clear(&err);
    if ((rc = cs_body_parse(body, &in.body, &err)) != CS_OK)
        return cli_fail(&err, rc);
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    if ((x = cli_consultation(db, cons, &in.consultation_id)) == 0) {
        /* The number alone, for scripts: SESSION=$(consult session add
         * ...). */
        if ((rc = cs_session_add(db, &in, &id, NULL, &err)) != CS_OK)
            x = cli_fail(&err, rc);
        else
            printf("%" PRId64 "\n", id);
    }
    cs_db_close(db);
    return x;
}

/* ---------------------------------------------------------------- list */

static int
session_list(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "consultation", required_argument, NULL, 'C' },
        { NULL, 0, NULL, 0 },
    };
    struct cs_session_list *l = NULL;
    const char *cons = NULL;
    struct cs_db *db = NULL;
    struct cs_error err;
    int64_t cons_id = 0;
    enum cs_rc rc;
    int o, x;

    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (o) {
        case 'C': cons = optarg; break;
        default:  return cli_bad_option(CMD, o, argv);
        }
    }
    if (optind != argc)
        return cli_operands(CMD, argc - optind, 0);
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if (cons && (x = cli_consultation(db, cons, &cons_id)) != 0)
        goto out;
    if ((rc = cs_session_list(db, cons_id, &l, &err)) != CS_OK) {
        x = cli_fail(&err, rc);
        goto out;
    }
    if (l->count == 0) {
        puts(_("No sessions yet: add one with consult session add."));
        goto out;
    }
    cli_put_rcell(stdout, _("ID"), 5);
    fputc(' ', stdout);
    cli_put_cell(stdout, _("Date"), 10, true);
    fputc(' ', stdout);
    cli_put_cell(stdout, _("Consultation"), 12, true);
    fputc(' ', stdout);
    cli_put_cell(stdout, _("Body"), 18, true);
    fputc(' ', stdout);
    cli_put_cell(stdout, _("State"), 8, true);
    fputc(' ', stdout);
    cli_put_rcell(stdout, _("Items"), 5);
    fputc(' ', stdout);
    cli_put_rcell(stdout, _("Decided"), 7);
    fputc(' ', stdout);
    cli_put_cell(stdout, _("Title"), 80 - 72, false);
    fputc('\n', stdout);
    for (size_t i = 0; i < l->count; i++) {
        const struct cs_session *s = &l->items[i];

        printf("%5" PRId64 " ", s->id);
        cli_put_cell(stdout, s->held_on, 10, true);
        fputc(' ', stdout);
        cli_put_cell(stdout, s->consultation_code, 12, true);
        fputc(' ', stdout);
        cli_put_cell(stdout, cs_body_label(s->body), 18, true);
        fputc(' ', stdout);
        cli_put_cell(stdout, s->closed ? _("closed") : _("open"), 8, true);
        printf(" %5" PRId64 " %7" PRId64 " ", s->items, s->decided);
        cli_put_text(stdout, s->title ? s->title : "");
        fputc('\n', stdout);
    }
out:
    cs_session_list_free(l);
    cs_db_close(db);
    return x;
}

/* ---------------------------------------------------------------- show */

static const char *const show_labels[] = {
    N_("Consultation:"), N_("Body:"), N_("Date:"), N_("Title:"),
    N_("State:"), N_("Answers:"), N_("Decision:"), N_("Reason:"),
    N_("Answer:"),
};
static int show_label_w = 14;

static void
field(const char *indent, const char *label, const char *value)
{
    fputs(indent, stdout);
    cli_put_label(stdout, label, show_label_w);
    fputc(' ', stdout);
    cli_put_text(stdout, value && *value ? value : "-");
    fputc('\n', stdout);
}

/* "2026-12-04 14:03 UTC by alice" from a timestamp and a login. */
static void
when_by(const char *at, const char *by, char *buf, size_t n)
{
    snprintf(buf, n, _("%.10s %.5s UTC by %s"), at,
             strlen(at) > 11 ? at + 11 : "", by ? by : "");
}

static void
show_item(const struct cs_agenda_item *it)
{
    char buf[256];

    printf("  %" PRId64 ". ", it->position);
    printf(_("Idea %lld"), (long long)it->idea_id);
    fputs(" [", stdout);
    cli_put_text(stdout, it->theme_code);
    printf("] ");
    printf(_("support %lld, %s"), (long long)it->support,
           cs_status_label(it->idea_status));
    fputc('\n', stdout);
    fputs("     ", stdout);
    cli_put_text(stdout, it->idea_title);
    fputc('\n', stdout);
    if (it->decision < 0) {
        field("     ", _("Decision:"), _("none yet"));
    } else {
        char when[128];

        when_by(it->decided_at, it->decided_by, when, sizeof when);
        snprintf(buf, sizeof buf, "%s (%s)",
                 cs_decision_label((enum cs_decision)it->decision), when);
        field("     ", _("Decision:"), buf);
        if (it->reason)
            field("     ", _("Reason:"), it->reason);
        if (it->answer) {
            printf("     %s\n", _("Answer:"));
            cli_put_block(stdout, it->answer, "         ");
        }
    }
    if (it->carried_to > 0) {
        fputs("     ", stdout);
        printf(_("Carried to session %lld.\n"), (long long)it->carried_to);
    }
}

static int
session_show(struct cli_global *g, int argc, char **argv)
{
    struct cs_session_detail *d = NULL;
    const struct cs_session *s;
    struct cs_db *db = NULL;
    struct cs_error err;
    char buf[256], when[128];
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
    if ((rc = cs_session_get(db, id, &d, &err)) != CS_OK) {
        x = cli_fail(&err, rc);
        goto out;
    }
    for (size_t k = 0; k < sizeof show_labels / sizeof show_labels[0]; k++)
        if (cli_width(_(show_labels[k])) > show_label_w)
            show_label_w = cli_width(_(show_labels[k]));
    s = &d->session;
    printf(_("Session %lld\n"), (long long)s->id);
    field("", _("Consultation:"), s->consultation_code);
    field("", _("Body:"), cs_body_label(s->body));
    field("", _("Date:"), s->held_on);
    field("", _("Title:"), s->title);
    if (s->closed) {
        when_by(s->closed_at, s->closed_by, when, sizeof when);
        snprintf(buf, sizeof buf, _("closed %s"), when);
        field("", _("State:"), buf);
    } else {
        field("", _("State:"), _("open"));
    }
    if (s->published_at) {
        when_by(s->published_at, s->published_by, when, sizeof when);
        snprintf(buf, sizeof buf, _("published %s"), when);
        field("", _("Answers:"), buf);
    } else if (s->closed) {
        snprintf(buf, sizeof buf,
                 _("decided, not yet published: consult session publish "
                   "%lld"), (long long)s->id);
        field("", _("Answers:"), buf);
    } else {
        field("", _("Answers:"), _("given when the session closes"));
    }
    printf("\n%s\n", _("Attendees:"));
    if (d->attendee_count == 0)
        printf("  %s\n", _("none recorded"));
    for (size_t i = 0; i < d->attendee_count; i++) {
        fputs("  ", stdout);
        cli_put_text(stdout, d->attendees[i].name);
        if (d->attendees[i].role && *d->attendees[i].role) {
            fputs(", ", stdout);
            cli_put_text(stdout, d->attendees[i].role);
        }
        fputc('\n', stdout);
    }
    printf("\n%s\n", _("Agenda:"));
    if (d->item_count == 0)
        printf("  %s\n", _("no ideas yet: consult session agenda"));
    for (size_t i = 0; i < d->item_count; i++)
        show_item(&d->items[i]);
out:
    cs_session_detail_free(d);
    cs_db_close(db);
    return x;
}

/* ---------------------------------------------------------------- agenda */

static int
session_agenda(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "add", no_argument, NULL, 'a' },
        { "filter", no_argument, NULL, 'f' },
        { "theme", required_argument, NULL, 'T' },
        { "status", required_argument, NULL, 's' },
        { "channel", required_argument, NULL, 'c' },
        { "tag", required_argument, NULL, 'g' },
        { "min-support", required_argument, NULL, 'm' },
        { NULL, 0, NULL, 0 },
    };
    const char *theme = NULL, *status = NULL, *channel = NULL;
    struct cs_session_detail *d = NULL;
    struct cs_idea_filter f;
    struct cs_db *db = NULL;
    struct cs_error err;
    bool add = false, filter = false, filtering = false;
    int64_t *ideas = NULL, id, min = 0;
    size_t n = 0, added = 0;
    enum cs_rc rc = CS_OK;
    int o, x;

    cs_idea_filter_init(&f);
    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (o) {
        case 'a': add = true; break;
        case 'f': filter = true; break;
        case 'T': theme = optarg; filtering = true; break;
        case 's': status = optarg; filtering = true; break;
        case 'c': channel = optarg; filtering = true; break;
        case 'g': f.tag = optarg; filtering = true; break;
        case 'm':
            if (!cli_parse_int(CMD, "--min-support", optarg, 0, &min))
                return EXIT_USAGE;
            filtering = true;
            break;
        default:  return cli_bad_option(CMD, o, argv);
        }
    }
    if (add == filter)
        return cli_usage_error(CMD, "%s", _("give --add IDEA... or --filter "
                                            "(one of them)."));
    if (add && filtering)
        return cli_usage_error(CMD, "%s", _("--theme, --status, --channel, "
                                            "--tag and --min-support go with "
                                            "--filter."));
    if (argc - optind < 1 || (add && argc - optind < 2))
        return cli_operands(CMD, argc - optind, 2);
    if (filter && argc - optind > 1)
        return cli_operands(CMD, argc - optind, 1);
    if (!cli_parse_id(CMD, argv[optind], &id))
        return EXIT_USAGE;
    cs_error_clear(&err);
    if (status) {
        enum cs_status st;

        if ((rc = cs_status_parse(status, &st, &err)) != CS_OK)
            return cli_fail(&err, rc);
        f.status = (int)st;
    }
    if (channel) {
        enum cs_channel c;

        if ((rc = cs_channel_parse(channel, &c, &err)) != CS_OK)
            return cli_fail(&err, rc);
        f.channel = (int)c;
    }
    if (add) {
        n = (size_t)(argc - optind - 1);
        if ((ideas = calloc(n, sizeof *ideas)) == NULL) {
            fprintf(stderr, "%s: %s\n", cli_progname, _("Out of memory."));
            return EXIT_SOFTWARE;
        }
        for (size_t i = 0; i < n; i++)
            if (!cli_parse_id(CMD, argv[optind + 1 + (int)i], &ideas[i])) {
                free(ideas);
                return EXIT_USAGE;
            }
    }
    if ((x = cli_open(g, false, &db)) != 0)
        goto out;
    if (add) {
        rc = cs_session_agenda_add(db, id, ideas, n, &added, &err);
    } else {
        /* A theme code is one of the session's consultation. */
        if (theme) {
            struct cs_theme t;

            if ((rc = cs_session_get(db, id, &d, &err)) != CS_OK
                || (rc = cs_theme_find(db, d->session.consultation_id, theme,
                                       &t, &err)) != CS_OK) {
                x = cli_fail(&err, rc);
                goto out;
            }
            f.theme_id = t.id;
            cs_theme_clear(&t);
        }
        rc = cs_session_agenda_filter(db, id, &f, min, &added, &err);
    }
    if (rc != CS_OK)
        x = cli_fail(&err, rc);
    else
        printf(ngettext("%lu idea added to the agenda of session %lld.\n",
                        "%lu ideas added to the agenda of session %lld.\n",
                        added),
               (unsigned long)added, (long long)id);
out:
    free(ideas);
    cs_session_detail_free(d);
    cs_db_close(db);
    return x;
}

/* ---------------------------------------------------------------- attendee */

static int
session_attendee(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "name", required_argument, NULL, 'n' },
        { "role", required_argument, NULL, 'r' },
        { NULL, 0, NULL, 0 },
    };
    const char *name = NULL, *role = NULL;
    struct cs_db *db = NULL;
    struct cs_error err;
    enum cs_rc rc;
    int64_t id;
    int o, x;

    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (o) {
        case 'n': name = optarg; break;
        case 'r': role = optarg; break;
        default:  return cli_bad_option(CMD, o, argv);
        }
    }
    if (argc - optind != 1)
        return cli_operands(CMD, argc - optind, 1);
    if (!cli_parse_id(CMD, argv[optind], &id))
        return EXIT_USAGE;
    if (name == NULL)
        return cli_missing(CMD, "--name");
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((rc = cs_session_attendee_add(db, id, name, role, NULL, &err))
        != CS_OK)
        x = cli_fail(&err, rc);
    else
        printf(_("Attendee added to session %lld.\n"), (long long)id);
    cs_db_close(db);
    return x;
}

/* ---------------------------------------------------------------- decide */

static int
session_decide(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "answer", required_argument, NULL, 'a' },
        { "reason", required_argument, NULL, 'r' },
        { NULL, 0, NULL, 0 },
    };
    const char *answer = NULL, *reason = NULL;
    char *from_stdin = NULL;
    struct cs_db *db = NULL;
    struct cs_error err;
    enum cs_decision d;
    enum cs_rc rc;
    int64_t id, idea;
    int o, x;

    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (o) {
        case 'a': answer = optarg; break;
        case 'r': reason = optarg; break;
        default:  return cli_bad_option(CMD, o, argv);
        }
    }
    if (argc - optind != 3)
        return cli_operands(CMD, argc - optind, 3);
    if (!cli_parse_id(CMD, argv[optind], &id)
        || !cli_parse_id(CMD, argv[optind + 1], &idea))
        return EXIT_USAGE;
    cs_error_clear(&err);
    if ((rc = cs_decision_parse(argv[optind + 2], &d, &err)) != CS_OK)
        return cli_fail(&err, rc);
    if (answer && strcmp(answer, "-") == 0) {
        if ((x = cli_read_stdin(&from_stdin)) != 0)
            return x;
        answer = from_stdin;
    }
    if ((x = cli_open(g, false, &db)) != 0)
        goto out;
    if ((rc = cs_session_decide(db, id, idea, d, answer, reason, &err))
        != CS_OK)
        x = cli_fail(&err, rc);
    else
        printf(_("Idea %lld: %s, recorded for session %lld (the idea's "
                 "status changes when the session closes).\n"),
               (long long)idea, cs_decision_label(d), (long long)id);
out:
    free(from_stdin);
    cs_db_close(db);
    return x;
}

/* ---------------------------------------------------------------- close */

static int
session_close(struct cli_global *g, int argc, char **argv)
{
    struct cs_session_detail *d = NULL;
    struct cs_db *db = NULL;
    struct cs_error err;
    size_t carried = 0;
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
    if ((rc = cs_session_close(db, id, &carried, &err)) != CS_OK) {
        x = cli_fail(&err, rc);
        goto out;
    }
    if (cs_session_get(db, id, &d, &err) == CS_OK)
        printf(ngettext("Session %lld closed: %lld decision recorded.\n",
                        "Session %lld closed: %lld decisions recorded.\n",
                        (unsigned long)d->session.decided),
               (long long)id, (long long)d->session.decided);
    else
        printf(_("Session %lld closed.\n"), (long long)id);
    if (carried > 0)
        printf(ngettext("%lu idea carried to the next session.\n",
                        "%lu ideas carried to the next session.\n", carried),
               (unsigned long)carried);
    if (d && d->session.decided > 0 && d->session.published_at == NULL)
        printf(_("The answers are held: consult session publish %lld "
                 "publishes them.\n"), (long long)id);
out:
    cs_session_detail_free(d);
    cs_db_close(db);
    return x;
}

/* ---------------------------------------------------------------- publish */

static int
session_publish(struct cli_global *g, int argc, char **argv)
{
    struct cs_db *db = NULL;
    struct cs_error err;
    int64_t id, n = 0;
    enum cs_rc rc;
    int x;

    if ((x = cli_args(CMD, argc, argv, 1)) != 0)
        return x;
    if (!cli_parse_id(CMD, argv[optind], &id))
        return EXIT_USAGE;
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((rc = cs_session_publish(db, id, &n, &err)) != CS_OK)
        x = cli_fail(&err, rc);
    else
        printf(ngettext("Session %lld: %lld answer published.\n",
                        "Session %lld: %lld answers published.\n",
                        (unsigned long)n),
               (long long)id, (long long)n);
    cs_db_close(db);
    return x;
}

int
cmd_session(struct cli_global *g, int argc, char **argv)
{
    static const struct cli_sub subs[] = {
        { "add", session_add },
        { "list", session_list },
        { "show", session_show },
        { "agenda", session_agenda },
        { "attendee", session_attendee },
        { "decide", session_decide },
        { "close", session_close },
        { "publish", session_publish },
        { NULL, NULL },
    };

    return cli_dispatch(g, argc, argv, subs);
}
