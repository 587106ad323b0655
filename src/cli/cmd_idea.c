/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_idea.c: `consult idea add|list|show|edit|status|tag|merge|unmerge|
 * counts`: entering ideas and findings, listing them as a table or as CSV,
 * showing one with its tallies, comments and history, and triage: status
 * with an official answer, tags, merging duplicates.
 */
#include "cli.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define CMD "idea"
#define PAGE 500        /* ideas fetched per cs_idea_list call */

/* Theme `code` (or title) of consultation `cons_id`: 0 or exit code. */
static int
find_theme(struct cs_db *db, int64_t cons_id, const char *code, int64_t *id)
{
    struct cs_theme t;
    struct cs_error err;
    enum cs_rc rc;

    cs_error_clear(&err);
    if ((rc = cs_theme_find(db, cons_id, code, &t, &err)) != CS_OK)
        return cli_fail(&err, rc);
    *id = t.id;
    cs_theme_clear(&t);
    return 0;
}

/* --if-unchanged N: the version the decision was made on (1 or more). */
static bool
parse_version(const char *arg, int64_t *out)
{
    return cli_parse_int(CMD, "--if-unchanged", arg, 1, out);
}

/* ---------------------------------------------------------------- add */

static int
idea_add(struct cli_global *g, int argc, char **argv)
{
    struct option opts[CS_F_COUNT_ALL + 2];
    const char *v[CS_F_COUNT_ALL] = { NULL };
    const char *cons, *theme, *kind, *channel, *batch = NULL;
    struct cs_idea_new in;
    struct cs_person author;
    bool has_author;
    struct cs_db *db = NULL;
    struct cs_error err;
    enum cs_rc rc = CS_OK;
    enum cs_key_outcome what = CS_KEY_ADDED;
    size_t nopts = 0;
    int64_t id, batch_id = 0;
    int o, x;

    /* The options are the idea's fields (record.h), and the paper batch
     * the form is keyed into. */
    opts[nopts++] = (struct option){ "batch", required_argument, NULL, 'b' };
    cli_field_options(CS_RECORD_IDEA, opts, &nopts,
                      sizeof opts / sizeof opts[0]);
    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        if (o == 'b')
            batch = optarg;
        else if (!cli_field_take(o, optarg, v))
            return cli_bad_option(CMD, o, argv);
    }
    if (batch && !cli_parse_id(CMD, batch, &batch_id))
        return EXIT_USAGE;
    memset(&in, 0, sizeof in);
    memset(&author, 0, sizeof author);
    cons = v[CS_F_CONSULTATION];
    theme = v[CS_F_THEME];
    kind = v[CS_F_KIND];
    channel = v[CS_F_CHANNEL];
    in.body = v[CS_F_BODY];
    in.title = v[CS_F_TITLE];
    in.form_ref = v[CS_F_FORM_REF];
    in.submitted_at = v[CS_F_SUBMITTED_AT];
    author.ref = v[CS_F_AUTHOR_REF];
    author.name = v[CS_F_AUTHOR_NAME];
    author.service = v[CS_F_SERVICE];
    author.email = v[CS_F_EMAIL];
    author.postal = v[CS_F_POSTAL];
    author.phone = v[CS_F_PHONE];
    author.consent = v[CS_F_CONSENT] != NULL;
    has_author = cs_person_is_given(&author) || author.consent;
    if (optind != argc)
        return cli_operands(CMD, argc - optind, 0);
    if (cons == NULL && batch == NULL)
        return cli_missing(CMD, "--consultation");
    if (theme == NULL)
        return cli_missing(CMD, "--theme");
    if (in.body == NULL)
        return cli_missing(CMD, "--body");
    cs_error_clear(&err);
    if ((kind && (rc = cs_kind_parse(kind, &in.kind, &err)) != CS_OK)
        || (channel
            && (rc = cs_channel_parse(channel, &in.channel, &err)) != CS_OK))
        return cli_fail(&err, rc);
    author.channel = in.channel;
    if (has_author)
        in.author = &author;
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    /* Without --consultation, the batch's. */
    if (cons == NULL) {
        struct cs_batch b;

        if ((rc = cs_batch_get(db, batch_id, &b, &err)) != CS_OK) {
            x = cli_fail(&err, rc);
            goto out;
        }
        in.consultation_id = b.consultation_id;
        cs_batch_clear(&b);
    } else if ((x = cli_consultation(db, cons, &in.consultation_id)) != 0) {
        goto out;
    }
    if ((x = find_theme(db, in.consultation_id, theme, &in.theme_id)) != 0)
        goto out;
    if (batch)
        rc = cs_batch_key_form(db, batch_id, &in, &id, &what, &err);
    else
        rc = cs_idea_add(db, &in, &id, &err);
    if (rc != CS_OK) {
        x = cli_fail(&err, rc);
        goto out;
    }
    printf("%" PRId64 "\n", id);    /* alone: scripts read it */
    cli_warn_late(db, in.consultation_id, 0, in.channel, in.submitted_at);
    /* A double entry says on stderr what became of the form. */
    if (what == CS_KEY_FIRST)
        fprintf(stderr, _("First entry of form %s: its second entry is "
                          "keyed by another agent.\n"), in.form_ref);
    else if (what == CS_KEY_VERIFIED)
        fprintf(stderr, _("Second entry of form %s: it agrees with the "
                          "first; idea %lld is verified.\n"), in.form_ref,
                (long long)id);
    else if (what == CS_KEY_DISPUTED)
        fprintf(stderr, _("Second entry of form %s: it differs from the "
                          "first; idea %lld is disputed (consult batch diff "
                          "%lld).\n"), in.form_ref, (long long)id,
                (long long)batch_id);
out:
    cs_db_close(db);
    return x;
}

/* ---------------------------------------------------------------- list */

struct table {
    int status_w, channel_w, title_w;
};

static void
table_init(struct table *t)
{
    t->status_w = cli_width(_("Status"));
    for (int i = 0; i < CS_STATUS_COUNT; i++) {
        int w = cli_width(cs_status_label((enum cs_status)i));
        if (w > t->status_w)
            t->status_w = w;
    }
    t->channel_w = cli_width(_("Channel"));
    for (int i = 0; i < CS_CHANNEL_COUNT; i++) {
        int w = cli_width(cs_channel_label((enum cs_channel)i));
        if (w > t->channel_w)
            t->channel_w = w;
    }
    /* id 7 (millions of ideas), theme 8, support 7, date 10, one blank
     * between columns. */
    t->title_w = 80 - (7 + t->status_w + 8 + 7 + t->channel_w + 10 + 6);
    if (t->title_w < 10)
        t->title_w = 10;
}

static void
table_head(const struct table *t)
{
    /* TRANSLATORS: column headings of `idea list`; columns widen to fit
     * the headings, and the title gets what is left of 80 columns. */
    cli_put_rcell(stdout, _("ID"), 7);
    fputc(' ', stdout);
    cli_put_cell(stdout, _("Status"), t->status_w, true);
    fputc(' ', stdout);
    cli_put_cell(stdout, _("Theme"), 8, true);
    fputc(' ', stdout);
    cli_put_rcell(stdout, _("Support"), 7);
    fputc(' ', stdout);
    cli_put_cell(stdout, _("Channel"), t->channel_w, true);
    fputc(' ', stdout);
    cli_put_cell(stdout, _("Date"), 10, true);
    fputc(' ', stdout);
    cli_put_cell(stdout, _("Title"), t->title_w, false);
    fputc('\n', stdout);
}

static void
table_row(const struct table *t, const struct cs_idea *i)
{
    char day[16];

    printf("%7" PRId64 " ", i->id);
    cli_put_cell(stdout, cs_status_label(i->status), t->status_w, true);
    fputc(' ', stdout);
    cli_put_cell(stdout, i->theme_code, 8, true);
    printf(" %7" PRId64 " ", i->support);
    cli_put_cell(stdout, cs_channel_label(i->channel), t->channel_w, true);
    fputc(' ', stdout);
    cli_put_cell(stdout, cli_day(i->submitted_at, day), 10, true);
    fputc(' ', stdout);
    cli_put_cell(stdout, i->title, t->title_w, false);
    fputc('\n', stdout);
}

/* The CSV columns: stable English names, for programs and spreadsheets. */
static void
csv_head(void)
{
    static const char *const h[] = {
        "id", "consultation", "theme", "kind", "status", "channel",
        "submitted_at", "form_ref", "votes", "tallies", "support",
        "merged_into", "title", "body", "answer",
    };
    size_t n = sizeof h / sizeof h[0];

    for (size_t i = 0; i < n; i++)
        cli_csv_field(stdout, h[i], i + 1 == n);
}

static void
csv_row(const struct cs_idea *i)
{
    cli_csv_int(stdout, i->id, false);
    cli_csv_field(stdout, i->consultation_code, false);
    cli_csv_field(stdout, i->theme_code, false);
    cli_csv_field(stdout, cs_kind_name(i->kind), false);
    cli_csv_field(stdout, cs_status_name(i->status), false);
    cli_csv_field(stdout, cs_channel_name(i->channel), false);
    cli_csv_field(stdout, i->submitted_at, false);
    cli_csv_field(stdout, i->form_ref, false);
    cli_csv_int(stdout, i->votes, false);
    cli_csv_int(stdout, i->tallies, false);
    cli_csv_int(stdout, i->support, false);
    if (i->merged_into > 0)
        cli_csv_int(stdout, i->merged_into, false);
    else
        cli_csv_field(stdout, NULL, false);
    cli_csv_field(stdout, i->title, false);
    cli_csv_field(stdout, i->body, false);
    cli_csv_field(stdout, i->answer, true);
}

static int
idea_list(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "consultation", required_argument, NULL, 'C' },
        { "theme", required_argument, NULL, 'T' },
        { "status", required_argument, NULL, 's' },
        { "channel", required_argument, NULL, 'c' },
        { "tag", required_argument, NULL, 'g' },
        { "batch", required_argument, NULL, 'b' },
        { "sort", required_argument, NULL, 'o' },
        { "desc", no_argument, NULL, 'D' },
        { "limit", required_argument, NULL, 'l' },
        { "format", required_argument, NULL, 'F' },
        { NULL, 0, NULL, 0 },
    };
    const char *cons = NULL, *theme = NULL, *status = NULL, *channel = NULL;
    struct cs_idea_filter f;
    struct cs_idea_cursor cur;
    struct cs_idea_list *page = NULL;
    struct table t;
    struct cs_db *db = NULL;
    struct cs_error err;
    bool csv = false;
    int64_t limit = 0, shown = 0;
    enum cs_rc rc = CS_OK;
    int o, x;

    cs_idea_filter_init(&f);
    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (o) {
        case 'C': cons = optarg; break;
        case 'T': theme = optarg; break;
        case 's': status = optarg; break;
        case 'c': channel = optarg; break;
        case 'g': f.tag = optarg; break;
        case 'b':
            if (!cli_parse_id(CMD, optarg, &f.paper_batch_id))
                return EXIT_USAGE;
            break;
        case 'o':
            if (strcmp(optarg, "date") == 0)
                f.order = CS_ORDER_DATE;
            else if (strcmp(optarg, "id") == 0)
                f.order = CS_ORDER_ID;
            else if (strcmp(optarg, "support") == 0)
                f.order = CS_ORDER_SUPPORT;
            else
                return cli_usage_error(CMD, _("--sort: \"%s\" is not date, "
                                              "id or support."), optarg);
            break;
        case 'D': f.descending = true; break;
        case 'l':
            if (!cli_parse_int(CMD, "--limit", optarg, 1, &limit))
                return EXIT_USAGE;
            break;
        case 'F':
            if (strcmp(optarg, "csv") == 0)
                csv = true;
            else if (strcmp(optarg, "table") == 0)
                csv = false;
            else
                return cli_usage_error(CMD, _("--format: \"%s\" is not table "
                                              "or csv."), optarg);
            break;
        default:  return cli_bad_option(CMD, o, argv);
        }
    }
    if (optind != argc)
        return cli_operands(CMD, argc - optind, 0);
    if (theme != NULL && cons == NULL)
        return cli_usage_error(CMD, "%s", _("--theme needs --consultation."));
    cs_error_clear(&err);
    if (status) {
        enum cs_status s;
        if ((rc = cs_status_parse(status, &s, &err)) != CS_OK)
            return cli_fail(&err, rc);
        f.status = (int)s;
    }
    if (channel) {
        enum cs_channel c;
        if ((rc = cs_channel_parse(channel, &c, &err)) != CS_OK)
            return cli_fail(&err, rc);
        f.channel = (int)c;
    }
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    if (cons && (x = cli_consultation(db, cons, &f.consultation_id)) != 0)
        goto out;
    if (theme && (x = find_theme(db, f.consultation_id, theme,
                                 &f.theme_id)) != 0)
        goto out;

    table_init(&t);
    if (csv)
        csv_head();
    memset(&cur, 0, sizeof cur);
    for (;;) {
        size_t want = PAGE;

        if (limit > 0 && (int64_t)want > limit - shown)
            want = (size_t)(limit - shown);
        if ((rc = cs_idea_list(db, &f, &cur, want, &page, &err)) != CS_OK) {
            x = cli_fail(&err, rc);
            goto out;
        }
        for (size_t i = 0; i < page->count; i++) {
            if (csv) {
                csv_row(&page->items[i]);
            } else {
                if (shown == 0 && i == 0)
                    table_head(&t);
                table_row(&t, &page->items[i]);
            }
        }
        shown += (int64_t)page->count;
        cur = page->next;
        if (page->count == 0 || !cur.valid
            || (limit > 0 && shown >= limit))
            break;
        cs_idea_list_free(page);
        page = NULL;
    }
    if (shown == 0 && !csv)
        fputs(_("No ideas match.\n"), stderr);
out:
    cs_idea_list_free(page);
    cs_db_close(db);
    return x;
}

/* ---------------------------------------------------------------- show */

/* The labels of `idea show`, for the width of their column: at least 16,
 * more if a translation needs it. */
static const char *const show_labels[] = {
    N_("Title:"), N_("Consultation:"), N_("Theme:"), N_("Status:"),
    N_("Status since:"), N_("Merged into:"), N_("Hidden because:"),
    N_("Channel:"), N_("Form reference:"), N_("Import batch:"),
    N_("Paper batch:"),
    N_("Author:"), N_("Submitted:"), N_("Entered:"), N_("Entered by:"),
    N_("Votes:"), N_("Tally votes:"), N_("Support:"), N_("Votes against:"),
    N_("Tags:"),
};
static int show_label_w = 16;

static void
field(const char *label, const char *value)
{
    cli_put_label(stdout, label, show_label_w);
    fputc(' ', stdout);
    cli_put_text(stdout, value && *value ? value : "-");
    fputc('\n', stdout);
}

static void
field_int(const char *label, int64_t v)
{
    char num[24];

    snprintf(num, sizeof num, "%" PRId64, v);
    field(label, num);
}

/* Text that may hold several lines, each indented. */
static void
block(const char *text)
{
    cli_put_block(stdout, text, "    ");
}

static int
print_history(const struct cs_audit_entry *e, void *arg)
{
    (void)arg;
    fputs("  ", stdout);
    cli_print_audit(stdout, e, false);
    return 0;
}

static void
show_author(struct cs_db *db, int64_t author_id)
{
    struct cs_participant p;
    char buf[256];

    if (author_id == 0) {
        field(_("Author:"), _("anonymous"));
        return;
    }
    /* Names are personal data: only an admin reads them; others see the
     * participant's number. */
    if (cs_participant_get(db, author_id, &p, NULL) == CS_OK) {
        if (p.name && p.service)
            snprintf(buf, sizeof buf, _("%s, %s (participant %lld)"), p.name,
                     p.service, (long long)author_id);
        else if (p.name || p.ref)
            snprintf(buf, sizeof buf, _("%s (participant %lld)"),
                     p.name ? p.name : p.ref, (long long)author_id);
        else
            snprintf(buf, sizeof buf, _("participant %lld"),
                     (long long)author_id);
        cs_participant_clear(&p);
    } else {
        snprintf(buf, sizeof buf, _("participant %lld"), (long long)author_id);
    }
    field(_("Author:"), buf);
}

/* Whether the answer idea `i` has now is held (its consultation holds
 * answers and it is not published yet): the last one given, unpublished. */
static bool
answer_held(const struct cs_idea *i, const struct cs_idea_answer_list *al)
{
    return i->answer != NULL && cs_status_needs_answer(i->status)
        && al->count > 0 && al->items[al->count - 1].published_at == NULL;
}

/* Every answer given, oldest first: reopening an idea keeps them. */
static void
show_answers(const struct cs_idea_answer_list *al)
{
    if (al->count > 0) {
        printf("\n%s\n", _("Answers given:"));
        for (size_t k = 0; k < al->count; k++) {
            const struct cs_idea_answer *a = &al->items[k];

            /* "2026-12-04 14:03 UTC  mdupont  accepted" */
            printf("  %.10s %.5s UTC  ", a->given_at,
                   strlen(a->given_at) > 11 ? a->given_at + 11 : "");
            cli_put_text(stdout, a->given_by);
            printf("  %s", cs_status_label(a->status));
            if (a->published_at == NULL)
                printf("  %s", _("(not yet published)"));
            fputc('\n', stdout);
            block(a->answer);
        }
    }
}

static int
show_tallies(struct cs_db *db, int64_t id)
{
    struct cs_tally_list *tl = NULL;
    struct cs_error err;
    char day[16];
    enum cs_rc rc;

    cs_error_clear(&err);
    if ((rc = cs_tally_list(db, id, &tl, &err)) != CS_OK)
        return cli_fail(&err, rc);
    if (tl->count > 0) {
        printf("\n%s\n", _("Tallies:"));
        for (size_t i = 0; i < tl->count; i++) {
            const struct cs_tally *t = &tl->items[i];

            printf("  #%-5" PRId64 " ", t->id);
            /* TRANSLATORS: a tally of `idea show`: "12 for, 3 against". */
            printf(_("%6lld for, %lld against"), (long long)t->count,
                   (long long)t->against);
            printf("  %s  ", cli_day(t->counted_at, day));
            cli_put_cell(stdout, t->source, 50, false);
            fputc('\n', stdout);
        }
    }
    cs_tally_list_free(tl);
    return 0;
}

static int
show_comments(struct cs_db *db, int64_t id)
{
    struct cs_comment_list *cl = NULL;
    struct cs_error err;
    size_t hidden = 0;
    char day[16];
    enum cs_rc rc;

    cs_error_clear(&err);
    if ((rc = cs_comment_list(db, id, CS_COMMENTS_ALLOWED, &cl, &err))
        != CS_OK)
        return cli_fail(&err, rc);
    for (size_t i = 0; i < cl->count; i++)
        hidden += cl->items[i].hidden;
    if (cl->count > hidden) {
        printf("\n%s\n", _("Comments:"));
        for (size_t i = 0; i < cl->count; i++) {
            const struct cs_comment *c = &cl->items[i];

            if (c->hidden)
                continue;
            printf("  #%-5" PRId64 " %s  ", c->id,
                   cli_day(c->created_at, day));
            cli_put_text(stdout,
                         c->author_name ? c->author_name : _("anonymous"));
            fputc('\n', stdout);
            block(c->body);
        }
    }
    if (hidden > 0)
        printf(ngettext("%lu hidden comment: consult comment list %lld --all\n",
                        "%lu hidden comments: consult comment list %lld "
                        "--all\n", hidden),
               (unsigned long)hidden, (long long)id);
    cs_comment_list_free(cl);
    return 0;
}

/* The columns of an imported file that no field holds (a participatory
 * budget's cost, district...), and the points its votes gave. */
static int
show_extras(struct cs_db *db, int64_t id)
{
    struct cs_idea_extra_list *xl = NULL;
    struct cs_error err;
    enum cs_rc rc;

    cs_error_clear(&err);
    if ((rc = cs_idea_extras(db, id, &xl, &err)) != CS_OK)
        return cli_fail(&err, rc);
    if (xl->voters_with_points > 0)
        printf(_("Points: %" PRId64 " (from %" PRId64 " votes)\n"),
               xl->points, xl->voters_with_points);
    if (xl->count > 0) {
        printf("\n%s\n", _("Other columns of the imported file:"));
        for (size_t k = 0; k < xl->count; k++) {
            fputs("  ", stdout);
            cli_put_text(stdout, xl->items[k].name);
            fputs(": ", stdout);
            cli_put_text(stdout, xl->items[k].value);
            fputc('\n', stdout);
        }
    }
    cs_idea_extra_list_free(xl);
    return 0;
}

static int
idea_show(struct cli_global *g, int argc, char **argv)
{
    struct cs_audit_filter af = { NULL, NULL, 0 };
    struct cs_idea_answer_list *al = NULL;
    struct cs_db *db = NULL;
    struct cs_idea i;
    struct cs_error err;
    char *tags = NULL, held[128];
    bool got = false;
    int64_t id, against = 0;
    enum cs_rc rc;
    int x;

    if ((x = cli_args(CMD, argc, argv, 1)) != 0)
        return x;
    if (!cli_parse_id(CMD, argv[optind], &id))
        return EXIT_USAGE;
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((rc = cs_idea_get(db, id, &i, &err)) != CS_OK) {
        x = cli_fail(&err, rc);
        goto out;
    }
    got = true;
    if ((rc = cs_idea_tags(db, id, ", ", &tags, &err)) != CS_OK
        || (rc = cs_idea_answers(db, id, &al, &err)) != CS_OK) {
        x = cli_fail(&err, rc);
        goto out;
    }
    for (size_t k = 0; k < sizeof show_labels / sizeof show_labels[0]; k++)
        if (cli_width(_(show_labels[k])) > show_label_w)
            show_label_w = cli_width(_(show_labels[k]));
    if (i.kind == CS_KIND_FINDING)
        printf(_("Finding %lld\n"), (long long)i.id);
    else
        printf(_("Idea %lld\n"), (long long)i.id);
    field(_("Title:"), i.title);
    field(_("Consultation:"), i.consultation_code);
    field(_("Theme:"), i.theme_code);
    if (answer_held(&i, al)) {
        snprintf(held, sizeof held, _("%s (decided, not yet published)"),
                 cs_status_label(i.status));
        field(_("Status:"), held);
    } else {
        field(_("Status:"), cs_status_label(i.status));
    }
    field(_("Status since:"), i.status_changed_at);
    if (i.merged_into > 0)
        field_int(_("Merged into:"), i.merged_into);
    if (i.hidden_reason)
        field(_("Hidden because:"), i.hidden_reason);
    field(_("Channel:"), cs_channel_label(i.channel));
    field(_("Form reference:"), i.form_ref);
    if (i.batch_id > 0)
        field_int(_("Import batch:"), i.batch_id);
    if (i.paper_batch_id > 0) {
        char pb[96];

        /* The double-entry check after the batch: "3 (disputed)". */
        if (i.entry_check)
            snprintf(pb, sizeof pb, "%lld (%s)", (long long)i.paper_batch_id,
                     cs_entry_check_label(i.entry_check));
        else
            snprintf(pb, sizeof pb, "%lld", (long long)i.paper_batch_id);
        field(_("Paper batch:"), pb);
    }
    show_author(db, i.author_id);
    field(_("Submitted:"), i.submitted_at);
    field(_("Entered:"), i.entered_at);
    field(_("Entered by:"), i.entered_by);
    field_int(_("Votes:"), i.votes);
    field_int(_("Tally votes:"), i.tallies);
    field_int(_("Support:"), i.support);
    /* Beside the support, never taken from it. */
    if ((rc = cs_tally_against(db, id, &against, &err)) != CS_OK) {
        x = cli_fail(&err, rc);
        goto out;
    }
    field_int(_("Votes against:"), against);
    field(_("Tags:"), tags);
    /* Untranslated, as scripts read it for --if-unchanged. */
    printf("Version: %" PRId64 "\n", i.version);
    printf("\n%s\n", _("Text:"));
    block(i.body);
    if (i.answer) {
        printf("\n%s\n", _("Official answer:"));
        block(i.answer);
    }
    if ((x = show_extras(db, id)) != 0)
        goto out;
    show_answers(al);
    if ((x = show_tallies(db, id)) != 0
        || (x = show_comments(db, id)) != 0)
        goto out;
    printf("\n%s\n", _("History:"));
    af.idea_id = id;
    if ((rc = cs_audit_list(db, &af, print_history, NULL, &err)) != CS_OK)
        x = cli_fail(&err, rc);
out:
    if (got)
        cs_idea_clear(&i);
    cs_idea_answer_list_free(al);
    free(tags);
    cs_db_close(db);
    return x;
}

/* ---------------------------------------------------------------- edit */

static int
idea_edit(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "title", required_argument, NULL, 't' },
        { "body", required_argument, NULL, 'b' },
        { "theme", required_argument, NULL, 'T' },
        { "kind", required_argument, NULL, 'k' },
        { "channel", required_argument, NULL, 'c' },
        { "form-ref", required_argument, NULL, 'f' },
        { "if-unchanged", required_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    const char *theme = NULL, *kind = NULL, *channel = NULL;
    int64_t if_version = 0;
    struct cs_idea_change ch;
    enum cs_idea_kind k;
    enum cs_channel c;
    struct cs_db *db = NULL;
    struct cs_idea i;
    struct cs_error err;
    enum cs_rc rc = CS_OK;
    int64_t id;
    int o, x;

    memset(&ch, 0, sizeof ch);
    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (o) {
        case 't': ch.title = optarg; break;
        case 'b': ch.body = optarg; break;
        case 'T': theme = optarg; break;
        case 'k': kind = optarg; break;
        case 'c': channel = optarg; break;
        case 'f': ch.form_ref = optarg; break;
        case 'V':
            if (!parse_version(optarg, &if_version))
                return EXIT_USAGE;
            break;
        default:  return cli_bad_option(CMD, o, argv);
        }
    }
    if (argc - optind != 1)
        return cli_operands(CMD, argc - optind, 1);
    if (!cli_parse_id(CMD, argv[optind], &id))
        return EXIT_USAGE;
    if (!ch.title && !ch.body && !theme && !kind && !channel && !ch.form_ref)
        return cli_usage_error(CMD, "%s", _("nothing to change: give --title, "
                               "--body, --theme, --kind, --channel or "
                               "--form-ref."));
    cs_error_clear(&err);
    if (kind) {
        if ((rc = cs_kind_parse(kind, &k, &err)) != CS_OK)
            return cli_fail(&err, rc);
        ch.kind = &k;
    }
    if (channel) {
        if ((rc = cs_channel_parse(channel, &c, &err)) != CS_OK)
            return cli_fail(&err, rc);
        ch.channel = &c;
    }
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    if (theme) {
        /* A theme code means something only within the idea's
         * consultation. */
        if ((rc = cs_idea_get(db, id, &i, &err)) != CS_OK) {
            x = cli_fail(&err, rc);
            goto out;
        }
        x = find_theme(db, i.consultation_id, theme, &ch.theme_id);
        cs_idea_clear(&i);
        if (x != 0)
            goto out;
    }
    if ((rc = cs_idea_update(db, id, if_version, &ch, &err)) != CS_OK)
        x = cli_fail(&err, rc);
    else
        printf(_("Idea %lld updated.\n"), (long long)id);
out:
    cs_db_close(db);
    return x;
}

/* ---------------------------------------------------------------- status */

static int
idea_status(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "answer", required_argument, NULL, 'a' },
        { "reason", required_argument, NULL, 'r' },
        { "if-unchanged", required_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    const char *answer = NULL, *reason = NULL;
    int64_t if_version = 0;
    char *from_stdin = NULL;
    struct cs_db *db = NULL;
    struct cs_error err;
    enum cs_status to;
    enum cs_rc rc;
    int64_t id;
    int o, x;

    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (o) {
        case 'a': answer = optarg; break;
        case 'r': reason = optarg; break;
        case 'V':
            if (!parse_version(optarg, &if_version))
                return EXIT_USAGE;
            break;
        default:  return cli_bad_option(CMD, o, argv);
        }
    }
    if (argc - optind != 2)
        return cli_operands(CMD, argc - optind, 2);
    if (!cli_parse_id(CMD, argv[optind], &id))
        return EXIT_USAGE;
    cs_error_clear(&err);
    if ((rc = cs_status_parse(argv[optind + 1], &to, &err)) != CS_OK)
        return cli_fail(&err, rc);
    if (answer && strcmp(answer, "-") == 0) {
        if ((x = cli_read_stdin(&from_stdin)) != 0)
            return x;
        answer = from_stdin;
    }
    if ((x = cli_open(g, false, &db)) != 0)
        goto out;
    /* The core takes one text: the status says which (cs_status_text). */
    rc = cs_idea_set_status(db, id, if_version, to,
                            cs_status_text(to) == CS_TEXT_REASON ? reason
                                                                 : answer,
                            &err);
    if (rc != CS_OK)
        x = cli_fail(&err, rc);
    else
        printf(_("Idea %lld is now %s.\n"), (long long)id,
               cs_status_label(to));
out:
    free(from_stdin);
    cs_db_close(db);
    return x;
}

/* ---------------------------------------------------------------- tag */

static int
idea_tag(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "remove", no_argument, NULL, 'r' },
        { "if-unchanged", required_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    struct cs_db *db = NULL;
    struct cs_error err;
    int64_t if_version = 0;
    bool remove = false;
    char *tags = NULL;
    enum cs_rc rc;
    int64_t id;
    int o, x;

    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (o) {
        case 'r': remove = true; break;
        case 'V':
            if (!parse_version(optarg, &if_version))
                return EXIT_USAGE;
            break;
        default:  return cli_bad_option(CMD, o, argv);
        }
    }
    if (argc - optind < 2)
        return cli_operands(CMD, argc - optind, 2);
    if (!cli_parse_id(CMD, argv[optind], &id))
        return EXIT_USAGE;
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    /* One decision: all the tags, on the version given, or none. */
    if ((rc = cs_idea_tag_many(db, id, if_version,
                               (const char *const *)argv + optind + 1,
                               (size_t)(argc - optind - 1), remove, &err))
        != CS_OK) {
        x = cli_fail(&err, rc);
        goto out;
    }
    if ((rc = cs_idea_tags(db, id, ", ", &tags, &err)) != CS_OK) {
        x = cli_fail(&err, rc);
        goto out;
    }
    if (*tags) {
        char *safe = cs_text_display(tags);

        printf(_("Tags of idea %lld: %s\n"), (long long)id,
               safe ? safe : "");
        free(safe);
    } else
        printf(_("Idea %lld has no tags.\n"), (long long)id);
out:
    free(tags);
    cs_db_close(db);
    return x;
}

/* ---------------------------------------------------------------- merge */

static int
idea_merge(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "into", required_argument, NULL, 'i' },
        { "if-unchanged", required_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    struct cs_db *db = NULL;
    struct cs_idea target;
    struct cs_error err;
    int64_t id, into = 0, if_version = 0;
    enum cs_rc rc;
    int o, x;

    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (o) {
        case 'i':
            if (!cli_parse_id(CMD, optarg, &into))
                return EXIT_USAGE;
            break;
        case 'V':
            if (!parse_version(optarg, &if_version))
                return EXIT_USAGE;
            break;
        default:  return cli_bad_option(CMD, o, argv);
        }
    }
    if (argc - optind != 1)
        return cli_operands(CMD, argc - optind, 1);
    if (!cli_parse_id(CMD, argv[optind], &id))
        return EXIT_USAGE;
    if (into == 0)
        return cli_missing(CMD, "--into");
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((rc = cs_idea_merge(db, id, if_version, into, &err)) != CS_OK) {
        x = cli_fail(&err, rc);
    } else if (cs_idea_get(db, into, &target, &err) == CS_OK) {
        printf(_("Idea %lld merged into idea %lld, whose support is now "
                 "%lld.\n"), (long long)id, (long long)into,
               (long long)target.support);
        cs_idea_clear(&target);
    } else {
        printf(_("Idea %lld merged into idea %lld.\n"), (long long)id,
               (long long)into);
    }
    cs_db_close(db);
    return x;
}

static int
idea_unmerge(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "if-unchanged", required_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    struct cs_db *db = NULL;
    struct cs_idea i;
    struct cs_error err;
    int64_t id, if_version = 0;
    enum cs_rc rc;
    int o, x;

    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (o) {
        case 'V':
            if (!parse_version(optarg, &if_version))
                return EXIT_USAGE;
            break;
        default:  return cli_bad_option(CMD, o, argv);
        }
    }
    if (argc - optind != 1)
        return cli_operands(CMD, argc - optind, 1);
    if (!cli_parse_id(CMD, argv[optind], &id))
        return EXIT_USAGE;
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((rc = cs_idea_unmerge(db, id, if_version, &err)) != CS_OK) {
        x = cli_fail(&err, rc);
    } else if (cs_idea_get(db, id, &i, &err) == CS_OK) {
        printf(_("Idea %lld is no longer merged; its status is %s again.\n"),
               (long long)id, cs_status_label(i.status));
        cs_idea_clear(&i);
    } else {
        printf(_("Idea %lld is no longer merged.\n"), (long long)id);
    }
    cs_db_close(db);
    return x;
}

/* ---------------------------------------------------------------- counts */

/* "new 5, reviewing 3": the statuses that have ideas. */
static void
print_count_row(const char *label, int width,
                const struct cs_idea_count_row *r)
{
    bool first = true;

    fputs("  ", stdout);
    cli_put_cell(stdout, label, width, true);
    printf(" %7" PRId64 "  ", r->total);
    for (int s = 0; s < CS_STATUS_COUNT; s++) {
        if (r->by_status[s] == 0)
            continue;
        printf("%s%s %" PRId64, first ? "" : ", ",
               cs_status_label((enum cs_status)s), r->by_status[s]);
        first = false;
    }
    fputc('\n', stdout);
}

static int
idea_counts(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "consultation", required_argument, NULL, 'C' },
        { NULL, 0, NULL, 0 },
    };
    struct cs_idea_counts *c = NULL;
    const char *cons = NULL;
    struct cs_db *db = NULL;
    struct cs_error err;
    int64_t cons_id;
    enum cs_rc rc;
    int o, x, w;

    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (o) {
        case 'C': cons = optarg; break;
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
    if ((rc = cs_idea_count(db, cons_id, &c, &err)) != CS_OK) {
        x = cli_fail(&err, rc);
        goto out;
    }
    w = cli_width(_("Theme"));
    if (cli_width(_("All themes")) > w)
        w = cli_width(_("All themes"));
    for (size_t i = 0; i < c->count; i++)
        if (cli_width(c->rows[i].theme_code) > w)
            w = cli_width(c->rows[i].theme_code);
    if (w > 16)
        w = 16;
    fputs("  ", stdout);
    cli_put_cell(stdout, _("Theme"), w, true);
    fputc(' ', stdout);
    cli_put_rcell(stdout, _("Total"), 7);
    printf("  %s\n", _("By status"));
    for (size_t i = 0; i < c->count; i++)
        print_count_row(c->rows[i].theme_code, w, &c->rows[i]);
    print_count_row(_("All themes"), w, &c->all);
out:
    cs_idea_counts_free(c);
    cs_db_close(db);
    return x;
}

int
cmd_idea(struct cli_global *g, int argc, char **argv)
{
    static const struct cli_sub subs[] = {
        { "add", idea_add },
        { "list", idea_list },
        { "show", idea_show },
        { "edit", idea_edit },
        { "status", idea_status },
        { "tag", idea_tag },
        { "merge", idea_merge },
        { "unmerge", idea_unmerge },
        { "counts", idea_counts },
        { NULL, NULL },
    };

    return cli_dispatch(g, argc, argv, subs);
}
