/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_batch.c: `consult batch add|list|show|close|diff|resolve`: paper
 * batches (an envelope or a box of forms with its control total and its
 * form layout), closing them, and settling the forms whose two entries
 * differ in a double-entry batch. Keying a form into a batch is
 * `consult idea add --batch ID` (cmd_idea.c).
 */
#include "cli.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define CMD "batch"

/* ---------------------------------------------------------------- add */

static int
batch_add(struct cli_global *g, int argc, char **argv)
{
    struct option opts[CS_F_COUNT_ALL + 1];
    const char *v[CS_F_COUNT_ALL] = { NULL };
    struct cs_batch_new in;
    struct cs_db *db = NULL;
    struct cs_error err;
    size_t nopts = 0;
    enum cs_rc rc;
    int64_t id;
    int o, x;

    /* The options are the paper batch's fields (record.h). */
    cli_field_options(CS_RECORD_PAPER_BATCH, opts, &nopts,
                      sizeof opts / sizeof opts[0]);
    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1)
        if (!cli_field_take(o, optarg, v))
            return cli_bad_option(CMD, o, argv);
    memset(&in, 0, sizeof in);
    in.label = v[CS_F_LABEL];
    in.point = v[CS_F_POINT];
    in.date = v[CS_F_RECEIVED_ON];
    in.keyer = v[CS_F_KEYER];
    in.fields = v[CS_F_LAYOUT];
    in.double_entry = v[CS_F_DOUBLE_ENTRY] != NULL;
    in.prefix = v[CS_F_PREFIX];
    if (optind != argc)
        return cli_operands(CMD, argc - optind, 0);
    if (v[CS_F_CONSULTATION] == NULL)
        return cli_missing(CMD, "--consultation");
    if (in.label == NULL)
        return cli_missing(CMD, "--label");
    if (v[CS_F_EXPECTED] == NULL)
        return cli_missing(CMD, "--expect");
    if (!cli_parse_int(CMD, "--expect", v[CS_F_EXPECTED], 0, &in.expected))
        return EXIT_USAGE;
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    if ((x = cli_consultation(db, v[CS_F_CONSULTATION],
                              &in.consultation_id)) != 0)
        goto out;
    cs_error_clear(&err);
    if ((rc = cs_batch_add(db, &in, &id, &err)) != CS_OK)
        x = cli_fail(&err, rc);
    else
        printf("%" PRId64 "\n", id);    /* alone: scripts read it */
out:
    cs_db_close(db);
    return x;
}

/* ---------------------------------------------------------------- list */

/* "open" or "closed", translated. */
static const char *
state_label(const struct cs_batch *b)
{
    return b->closed_at ? _("closed") : _("open");
}

static int
batch_list(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "consultation", required_argument, NULL, 'C' },
        { NULL, 0, NULL, 0 },
    };
    const char *cons = NULL;
    struct cs_batch_list *list = NULL;
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
    if (cons && (x = cli_consultation(db, cons, &cons_id)) != 0)
        goto out;
    cs_error_clear(&err);
    if ((rc = cs_batch_list(db, cons_id, &list, &err)) != CS_OK) {
        x = cli_fail(&err, rc);
        goto out;
    }
    if (list->count == 0) {
        puts(_("No paper batch yet: add one with consult batch add."));
        goto out;
    }
    /* TRANSLATORS: column headings of `consult batch list`. */
    cli_put_rcell(stdout, _("BATCH"), 6);
    putchar(' ');
    cli_put_label(stdout, _("DATE"), 11);
    cli_put_label(stdout, _("CONSULT."), 10);
    cli_put_rcell(stdout, _("KEYED"), 11);
    cli_put_rcell(stdout, _("VERIF."), 7);
    cli_put_rcell(stdout, _("DISP."), 6);
    putchar(' ');
    cli_put_label(stdout, _("STATE"), 8);
    fputs(_("LABEL"), stdout);
    putchar('\n');
    for (size_t i = 0; i < list->count; i++) {
        const struct cs_batch *b = &list->items[i];
        char keyed[48], v[24] = "-", d[24] = "-";

        snprintf(keyed, sizeof keyed, "%" PRId64 "/%" PRId64, b->keyed,
                 b->expected);
        if (b->double_entry) {
            snprintf(v, sizeof v, "%" PRId64, b->verified);
            snprintf(d, sizeof d, "%" PRId64, b->disputed);
        }
        printf("%6" PRId64 " ", b->id);
        cli_put_cell(stdout, b->received_on, 10, true);
        putchar(' ');
        cli_put_cell(stdout, b->consultation_code, 9, true);
        printf(" %10s %6s %5s ", keyed, v, d);
        cli_put_cell(stdout, state_label(b), 7, true);
        putchar(' ');
        cli_put_text(stdout, b->label);
        putchar('\n');
    }
out:
    cs_batch_list_free(list);
    cs_db_close(db);
    return x;
}

/* ---------------------------------------------------------------- show */

static const char *const show_labels[] = {
    N_("Batch:"), N_("Label:"), N_("Consultation:"), N_("Collected at:"),
    N_("Date:"), N_("Keyed by:"), N_("Form fields:"), N_("Reference prefix:"),
    N_("Double entry:"), N_("Keyed:"), N_("Verified:"), N_("Disputed:"),
    N_("Pending:"), N_("Closed:"), N_("Reason:"), N_("Added:"),
};
static int show_w;

static void
field(const char *label, const char *value)
{
    cli_put_label(stdout, _(label), show_w);
    putchar(' ');
    cli_put_text(stdout, value && *value ? value : "-");
    putchar('\n');
}

static void
field_int(const char *label, int64_t v)
{
    char num[24];

    snprintf(num, sizeof num, "%" PRId64, v);
    field(label, num);
}

/* A list "a,b,c" shown "a, b, c". */
static void
field_list(const char *label, const char *list)
{
    size_t n = strlen(list ? list : "");
    char *buf = malloc(2 * n + 1), *q = buf;

    if (buf == NULL) {
        field(label, list);
        return;
    }
    for (const char *p = list ? list : ""; *p; p++) {
        *q++ = *p;
        if (*p == ',')
            *q++ = ' ';
    }
    *q = '\0';
    field(label, buf);
    free(buf);
}

static int
batch_show(struct cli_global *g, int argc, char **argv)
{
    struct cs_batch b;
    struct cs_db *db = NULL;
    struct cs_error err;
    char buf[256], day[16];
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
    if ((rc = cs_batch_get(db, id, &b, &err)) != CS_OK) {
        x = cli_fail(&err, rc);
        cs_db_close(db);
        return x;
    }
    show_w = 0;
    for (size_t k = 0; k < sizeof show_labels / sizeof show_labels[0]; k++)
        if (cli_width(_(show_labels[k])) > show_w)
            show_w = cli_width(_(show_labels[k]));
    field_int(N_("Batch:"), b.id);
    field(N_("Label:"), b.label);
    field(N_("Consultation:"), b.consultation_code);
    field(N_("Collected at:"), b.point);
    field(N_("Date:"), b.received_on);
    field(N_("Keyed by:"), b.keyer);
    field_list(N_("Form fields:"), b.fields);
    field(N_("Reference prefix:"), b.prefix);
    field(N_("Double entry:"), b.double_entry ? _("yes") : _("no"));
    /* TRANSLATORS: forms keyed, of those counted by hand. */
    snprintf(buf, sizeof buf, _("%lld / %lld expected"), (long long)b.keyed,
             (long long)b.expected);
    field(N_("Keyed:"), buf);
    if (b.double_entry) {
        field_int(N_("Verified:"), b.verified);
        field_int(N_("Disputed:"), b.disputed);
        field_int(N_("Pending:"), b.pending);
    }
    if (b.closed_at) {
        snprintf(buf, sizeof buf, _("%s by %s"), cli_day(b.closed_at, day),
                 b.closed_by);
        field(N_("Closed:"), buf);
        if (b.close_reason)
            field(N_("Reason:"), b.close_reason);
    } else {
        field(N_("Closed:"), _("no, open"));
    }
    snprintf(buf, sizeof buf, _("%s by %s"), cli_day(b.created_at, day),
             b.created_by);
    field(N_("Added:"), buf);
    cs_batch_clear(&b);
    cs_db_close(db);
    return EXIT_OK;
}

/* ---------------------------------------------------------------- close */

static int
batch_close(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "reason", required_argument, NULL, 'r' },
        { NULL, 0, NULL, 0 },
    };
    const char *reason = NULL;
    struct cs_db *db = NULL;
    struct cs_error err;
    int64_t id;
    enum cs_rc rc;
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
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((rc = cs_batch_close(db, id, reason, &err)) != CS_OK)
        x = cli_fail(&err, rc);
    else
        printf(_("Batch %lld closed.\n"), (long long)id);
    cs_db_close(db);
    return x;
}

/* ---------------------------------------------------------------- diff */

/* A value on one line: quoted, its line breaks written \n. */
static void
put_value(const char *s)
{
    putchar('"');
    for (const char *p = s; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *part = strndup(p, n);

        if (part) {
            cli_put_text(stdout, part);
            free(part);
        }
        if (nl == NULL)
            break;
        fputs("\\n", stdout);
        p = nl + 1;
    }
    putchar('"');
}

static int
batch_diff(struct cli_global *g, int argc, char **argv)
{
    struct cs_batch_diff *d = NULL;
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
    if ((rc = cs_batch_diff(db, id, false, &d, &err)) != CS_OK) {
        x = cli_fail(&err, rc);
        cs_db_close(db);
        return x;
    }
    /* One line per differing field: FORM FIELD "first" (who) "second"
     * (who). */
    for (size_t i = 0; i < d->count; i++) {
        const struct cs_batch_diff_item *it = &d->items[i];

        cli_put_text(stdout, it->form_ref);
        printf(" %s ", it->field);
        put_value(it->first);
        printf(" (%s) ", it->first_by);
        put_value(it->second);
        printf(" (%s)\n", it->second_by);
    }
    if (d->count == 0)
        fprintf(stderr, _("No form of batch %lld has differing entries.\n"),
                (long long)id);
    cs_batch_diff_free(d);
    cs_db_close(db);
    return EXIT_OK;
}

/* ---------------------------------------------------------------- resolve */

static int
batch_resolve(struct cli_global *g, int argc, char **argv)
{
    struct cs_batch_diff *d = NULL;
    struct cs_db *db = NULL;
    struct cs_error err;
    unsigned long left = 0;
    int64_t id;
    enum cs_rc rc;
    int x;

    if ((x = cli_args(CMD, argc, argv, 4)) != 0)
        return x;
    if (!cli_parse_id(CMD, argv[optind], &id))
        return EXIT_USAGE;
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    rc = cs_batch_resolve(db, id, argv[optind + 1], argv[optind + 2],
                          argv[optind + 3], &err);
    if (rc == CS_OK)
        rc = cs_batch_diff(db, id, false, &d, &err);
    if (rc != CS_OK) {
        x = cli_fail(&err, rc);
        cs_db_close(db);
        return x;
    }
    for (size_t i = 0; i < d->count; i++)
        if (strcmp(d->items[i].form_ref, argv[optind + 1]) == 0)
            left++;
    if (left == 0)
        printf(_("Form %s is verified.\n"), argv[optind + 1]);
    else
        printf(ngettext("Form %s: %lu field left to settle.\n",
                        "Form %s: %lu fields left to settle.\n", left),
               argv[optind + 1], left);
    cs_batch_diff_free(d);
    cs_db_close(db);
    return EXIT_OK;
}

int
cmd_batch(struct cli_global *g, int argc, char **argv)
{
    static const struct cli_sub subs[] = {
        { "add", batch_add },
        { "list", batch_list },
        { "show", batch_show },
        { "close", batch_close },
        { "diff", batch_diff },
        { "resolve", batch_resolve },
        { NULL, NULL },
    };

    return cli_dispatch(g, argc, argv, subs);
}
