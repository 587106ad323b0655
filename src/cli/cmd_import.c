/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_import.c: `consult import ideas|votes|tallies|participants|comments
 * FILE` (`--from` a platform's export),
 * `consult import list` and `consult import undo BATCH`.
 *
 * The core does the import (import.h); this file reads the options, shows
 * progress on a terminal (on stderr, at most once a second, never when
 * stderr or stdout is not a terminal unless --progress), and always ends
 * with a summary line. Exit status: 0 when every row is in (or already
 * was), 65 when rows were refused (the reject file lists them), 66 when
 * the file is missing, 77 when the role does not allow it.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "consult/import.h"

#define CMD "import"
#define MAX_MAPS 64

/* ---------------------------------------------------------------- progress */

struct progress {
    bool on;                    /* draw at all */
    double start;               /* monotonic seconds at start */
    double last;                /* last draw */
    bool drawn;                 /* a line is on screen */
};

static double
now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool
on_progress(void *ctx, const struct cs_import_progress *p)
{
    struct progress *pr = ctx;
    double t = now_s();

    /* Quiet for short imports, then at most once a second. */
    if (!pr->on || t - pr->start < 1.0 || t - pr->last < 1.0)
        return true;
    pr->last = t;
    pr->drawn = true;
    fputc('\r', stderr);
    if (p->total > 0)
        fprintf(stderr, _("%ld rows, %d %%, %ld refused "),
                p->rows, (int)(p->bytes * 100 / p->total), p->rejected);
    else
        fprintf(stderr, _("%ld rows, %ld refused "), p->rows, p->rejected);
    fflush(stderr);
    return true;
}

static void
progress_end(struct progress *pr)
{
    if (pr->drawn) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
}

/* ---------------------------------------------------------------- report */

static const char *
delimiter_name(char d)
{
    switch (d) {
    case ',':  return ",";
    case ';':  return ";";
    case '\t': return "TAB";
    case '|':  return "|";
    default:   return "?";
    }
}

static void
print_report(FILE *out, const char *raw_path,
             const struct cs_import_report *r, double secs)
{
    /* A file's name may hold anything but '/': shown escaped. */
    char *path = cs_text_display(raw_path);
    char *rejects = r->rejects_path ? cs_text_display(r->rejects_path)
                                    : NULL;

    if (path == NULL)
        goto out;
    if (r->previous_batch != 0) {
        fprintf(out, _("%s was already imported (batch %" PRId64 "): "
                       "nothing added.\n"), path, r->previous_batch);
        goto out;
    }
    if (r->unknown_count > 0) {
        fputs(_("Columns not imported:"), out);
        for (size_t i = 0; i < r->unknown_count; i++) {
            fprintf(out, "%s\"", i ? ", " : " ");
            cli_put_text(out, r->unknown_columns[i]);
            fputc('"', out);
        }
        fputc('\n', out);
    }
    if (r->nmissing_themes > 0) {
        fprintf(out, ngettext("%zu theme the file names is missing from "
                              "the consultation (import with "
                              "--create-themes to add it):\n",
                              "%zu themes the file names are missing from "
                              "the consultation (import with "
                              "--create-themes to add them):\n",
                              r->nmissing_themes), r->nmissing_themes);
        for (size_t i = 0; i < r->nmissing_themes; i++) {
            fputs("  \"", out);
            cli_put_text(out, r->missing_themes[i].title);
            fprintf(out, ngettext("\" (%ld row)\n", "\" (%ld rows)\n",
                                  (unsigned long)r->missing_themes[i].rows),
                    r->missing_themes[i].rows);
        }
    }
    if (r->themes_created > 0)
        fprintf(out, ngettext("%ld theme created.\n", "%ld themes created.\n",
                              (unsigned long)r->themes_created),
                r->themes_created);
    if (r->same_text > 0)
        fprintf(out, ngettext("%ld row without a form reference was already "
                              "there (same text, theme and author): skipped "
                              "(--keep-duplicates imports such rows).\n",
                              "%ld rows without a form reference were "
                              "already there (same text, theme and author): "
                              "skipped (--keep-duplicates imports such "
                              "rows).\n", (unsigned long)r->same_text),
                r->same_text);
    if (r->several_ideas > 0)
        fprintf(out, ngettext("%ld row listed several ideas: one vote for "
                              "each (the counts below are votes).\n",
                              "%ld rows listed several ideas: one vote for "
                              "each (the counts below are votes).\n",
                              (unsigned long)r->several_ideas),
                r->several_ideas);
    if (r->late > 0)
        fprintf(out, ngettext("Warning: %ld row was taken as a late "
                              "contribution: the consultation is closed, "
                              "and it came on paper, at a workshop or by "
                              "phone, dated on or before the closing date.\n",
                              "Warning: %ld rows were taken as late "
                              "contributions: the consultation is closed, "
                              "and they came on paper, at a workshop or by "
                              "phone, dated on or before the closing date.\n",
                              (unsigned long)r->late),
                r->late);
    if (r->consents_withdrawn > 0)
        fprintf(out, ngettext("%ld participant said no to being contacted: "
                              "their consent is withdrawn.\n",
                              "%ld participants said no to being contacted: "
                              "their consent is withdrawn.\n",
                              (unsigned long)r->consents_withdrawn),
                r->consents_withdrawn);
    if (r->no_consent_column && r->unanswerable > 0)
        fprintf(out, ngettext("%ld author cannot be answered: the file has "
                              "no consent column, and they gave no postal "
                              "address or service.\n",
                              "%ld authors cannot be answered: the file has "
                              "no consent column, and they gave no postal "
                              "address or service.\n",
                              (unsigned long)r->unanswerable),
                r->unanswerable);
    if (rejects)
        fprintf(out, _("Refused rows, with their line and reason: %s\n"),
                rejects);
    if (r->dry_run)
        fputs(_("Dry run: nothing was written to the database.\n"), out);
    fprintf(out, _("%s (%s, \"%s\"): %ld rows read, %ld imported, %ld "
                   "refused, %ld already there, %ld new participants"),
            path, cs_csv_encoding_name(r->encoding),
            delimiter_name(r->delimiter), r->rows_read, r->imported,
            r->rejected, r->duplicates, r->participants_created);
    if (r->counts_replaced > 0)
        fprintf(out, ngettext("; %ld vote count replaced by the newer "
                              "export's", "; %ld vote counts replaced by "
                              "the newer export's", r->counts_replaced),
                r->counts_replaced);
    if (r->batch_id != 0)
        fprintf(out, _("; batch %" PRId64), r->batch_id);
    fprintf(out, _(" (%.1f s).\n"), secs);
out:
    free(path);
    free(rejects);
}

/* ---------------------------------------------------------------- import */

static int
import_file(struct cli_global *g, enum cs_import_kind kind, int argc,
            char **argv)
{
    /* The batch's fields (record.h), then how to run it. */
    struct option opts[CS_F_COUNT_ALL + 12] = {
        { "map", required_argument, NULL, 'm' },
        { "rejects", required_argument, NULL, 'r' },
        { "dry-run", no_argument, NULL, 'n' },
        { "all-or-nothing", no_argument, NULL, 'a' },
        { "progress", no_argument, NULL, 'p' },
        { "no-progress", no_argument, NULL, 'P' },
        { "batch", required_argument, NULL, 'b' },
        { "create-themes", no_argument, NULL, 'T' },
        { "keep-duplicates", no_argument, NULL, 'K' },
        { "force-kind", no_argument, NULL, 'F' },
        { "no-verify", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    const char *v[CS_F_COUNT_ALL] = { NULL };
    size_t nopts = 11;
    struct cs_import_map maps[MAX_MAPS];
    struct cs_import_options o;
    struct cs_import_report r;
    struct progress pr = { false, 0, 0, false };
    struct cs_db *db = NULL;
    struct cs_error err;
    const char *path;
    int progress = -1;          /* -1: when watched */
    enum cs_rc rc;
    int c, x;

    memset(&o, 0, sizeof o);
    o.shared = g->shared;
    cs_error_clear(&err);
    cli_field_options(CS_RECORD_BATCH, opts, &nopts,
                      sizeof opts / sizeof opts[0]);
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        if (cli_field_take(c, optarg, v)) {
            if (c == CLI_FIELD_BASE + CS_F_ENCODING
                && (rc = cs_csv_encoding_parse(optarg, &o.encoding, &err))
                   != CS_OK)
                return cli_usage_error(CMD, "%s", err.msg);
            if (c == CLI_FIELD_BASE + CS_F_DELIMITER
                && (rc = cs_csv_delimiter_parse(optarg, &o.delimiter, &err))
                   != CS_OK)
                return cli_usage_error(CMD, "%s", err.msg);
            continue;
        }
        switch (c) {
        case 'm': {
            char *eq = strchr(optarg, '=');

            if (eq == NULL || eq == optarg)
                return cli_usage_error(CMD, _("--map takes FIELD=HEADER "
                                       "(or FIELD= for no column), not "
                                       "\"%s\"."), optarg);
            if (o.nmap == MAX_MAPS)
                return cli_usage_error(CMD, "%s", _("too many --map."));
            *eq = '\0';
            maps[o.nmap].field = optarg;
            maps[o.nmap].header = eq + 1;
            o.nmap++;
            break;
        }
        case 'r': o.rejects_path = optarg; break;
        case 'n': o.dry_run = true; break;
        case 'a': o.all_or_nothing = true; break;
        case 'p': progress = 1; break;
        case 'P': progress = 0; break;
        case 'T': o.create_themes = true; break;
        case 'K': o.keep_duplicates = true; break;
        case 'F': o.force_kind = true; break;
        case 'V': o.no_verify = true; break;
        case 'b':
            if (!cli_parse_id(CMD, optarg, &o.paper_batch_id))
                return EXIT_USAGE;
            break;
        default:  return cli_bad_option(CMD, c, argv);
        }
    }
    if (o.paper_batch_id != 0 && kind != CS_IMPORT_IDEAS)
        return cli_usage_error(CMD, "%s",
                               _("--batch goes with import ideas only."));
    o.consultation = v[CS_F_CONSULTATION];
    o.theme = v[CS_F_THEME];
    o.channel = v[CS_F_CHANNEL];
    if (v[CS_F_PLATFORM]
        && cs_import_platform_parse(v[CS_F_PLATFORM], &o.from, &err)
           != CS_OK)
        return cli_usage_error(CMD, "%s", err.msg);
    if (o.from != CS_PLATFORM_NONE && kind != CS_IMPORT_IDEAS
        && kind != CS_IMPORT_COMMENTS)
        return cli_usage_error(CMD, "%s", _("--from goes with import ideas "
                               "and import comments."));
    if (argc - optind != 1)
        return cli_operands(CMD, argc - optind, 1);
    path = argv[optind];
    o.map = o.nmap ? maps : NULL;
    if (access(path, F_OK) != 0) {
        char *safe = cs_text_display(path);

        fprintf(stderr, _("%s: %s: %s\n"), cli_progname, safe ? safe : "",
                strerror(errno));
        free(safe);
        return EXIT_NOINPUT;
    }
    pr.on = progress == 1
         || (progress == -1 && isatty(STDERR_FILENO) && isatty(STDOUT_FILENO));
    pr.start = pr.last = now_s();
    o.progress = on_progress;
    o.progress_ctx = &pr;

    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_import_report_init(&r);
    rc = cs_import_file(db, kind, path, &o, &r, &err);
    progress_end(&pr);
    if (rc == CS_OK || (rc == CS_EINVAL && r.rejected > 0)) {
        /* With --rejects -, standard output holds the reject file. */
        print_report(o.rejects_path && strcmp(o.rejects_path, "-") == 0
                     ? stderr : stdout, path, &r, now_s() - pr.start);
        if (rc != CS_OK)
            x = cli_fail(&err, rc);
        else if (r.rejected > 0) {
            char *safe = cs_text_display(r.rejects_path ? r.rejects_path
                                                        : "?");

            fprintf(stderr, _("%s: %ld rows were refused: see %s\n"),
                    cli_progname, r.rejected, safe ? safe : "");
            free(safe);
            x = EXIT_DATA;
        }
    } else {
        if (err.line > 0) {
            char *safe = cs_text_display(path);
            char *msg = cs_text_display(err.msg[0] ? err.msg
                                                   : cs_rc_name(rc));

            fprintf(stderr, _("%s: %s, line %ld: %s\n"), cli_progname,
                    safe ? safe : "", err.line, msg ? msg : "");
            free(safe);
            free(msg);
        } else {
            cli_fail(&err, rc);
        }
        x = cli_exit_code(rc);
    }
    cs_import_report_clear(&r);
    cs_db_close(db);
    return x;
}

/* ---------------------------------------------------------------- list */

static int
import_list(struct cli_global *g, int argc, char **argv)
{
    struct cs_import_batch_list *list = NULL;
    struct cs_db *db = NULL;
    struct cs_error err;
    enum cs_rc rc;
    char day[16];
    int x;

    if ((x = cli_args(CMD, argc, argv, 0)) != 0)
        return x;
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((rc = cs_import_list(db, &list, &err)) != CS_OK) {
        x = cli_fail(&err, rc);
        cs_db_close(db);
        return x;
    }
    if (list->count == 0) {
        puts(_("No import yet."));
    } else {
        /* TRANSLATORS: column headings of `consult import list`. */
        cli_put_rcell(stdout, _("BATCH"), 6);
        putchar(' ');
        cli_put_label(stdout, _("DATE"), 11);
        cli_put_label(stdout, _("KIND"), 13);
        cli_put_label(stdout, _("CONSULT."), 10);
        cli_put_rcell(stdout, _("ROWS"), 8);
        cli_put_rcell(stdout, _("IN"), 8);
        cli_put_rcell(stdout, _("REFUSED"), 8);
        cli_put_rcell(stdout, _("DUPL."), 7);
        putchar(' ');
        cli_put_label(stdout, _("BY"), 10);
        fputs(_("FILE"), stdout);
        putchar('\n');
    }
    for (size_t i = 0; i < list->count; i++) {
        const struct cs_import_batch *b = &list->items[i];

        printf("%6" PRId64 " %-11s", b->id, cli_day(b->imported_at, day));
        cli_put_cell(stdout, cs_import_kind_name(b->kind), 12, true);
        putchar(' ');
        cli_put_cell(stdout, b->consultation_code ? b->consultation_code
                                                  : "-", 9, true);
        printf(" %8ld%8ld%8ld%7ld ", b->rows_read, b->accepted, b->rejected,
               b->duplicates);
        cli_put_cell(stdout, b->imported_by, 9, true);
        putchar(' ');
        cli_put_text(stdout, b->file_name);
        if (b->undone_at)
            printf(_(" (undone %s by %s)"), cli_day(b->undone_at, day),
                   b->undone_by ? b->undone_by : "?");
        putchar('\n');
    }
    cs_import_batch_list_free(list);
    cs_db_close(db);
    return EXIT_OK;
}

/* ---------------------------------------------------------------- undo */

static int
import_undo(struct cli_global *g, int argc, char **argv)
{
    struct cs_import_undo_report u;
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
    if ((rc = cs_import_undo(db, id, &u, &err)) != CS_OK) {
        x = cli_fail(&err, rc);
    } else {
        printf(_("Batch %" PRId64 " undone: %ld ideas, %ld votes, %ld "
                 "tallies, %ld comments and %ld participants removed.\n"),
               id, u.ideas, u.votes, u.tallies, u.comments, u.participants);
    }
    cs_db_close(db);
    return x;
}

int
cmd_import(struct cli_global *g, int argc, char **argv)
{
    enum cs_import_kind kind;
    struct cs_error err;

    if (argc < 2)
        return cli_usage_error(CMD, "%s", _("what to import? ideas, votes, "
                               "tallies, participants, comments or pabulib "
                               "(or list, show, undo)."));
    if (strcmp(argv[1], "list") == 0) {
        cli_opt_reset();
        return import_list(g, argc - 1, argv + 1);
    }
    if (strcmp(argv[1], "undo") == 0) {
        cli_opt_reset();
        return import_undo(g, argc - 1, argv + 1);
    }
    if (strcmp(argv[1], "show") == 0) {
        cli_opt_reset();
        return cmd_import_show(g, argc - 1, argv + 1);
    }
    if (strcmp(argv[1], "pabulib") == 0) {
        cli_opt_reset();
        return cmd_import_pabulib(g, argc - 1, argv + 1);
    }
    cs_error_clear(&err);
    if (cs_import_kind_parse(argv[1], &kind, &err) != CS_OK)
        return cli_usage_error(CMD, "%s", err.msg);
    cli_opt_reset();
    return import_file(g, kind, argc - 1, argv + 1);
}
