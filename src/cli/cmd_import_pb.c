/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_import_pb.c: `consult import pabulib FILE.pb --consultation C
 * [--theme CODE] [--create-themes] [--dry-run]`, a participatory budget
 * into a consultation (pabulib.h), and `consult import show BATCH`, a
 * batch with the notes kept with it.
 *
 * Exit status: 0 when the file is in (or already was; warnings about
 * counts do not change it), 65 when the file is refused (its line and
 * why, or the missing themes), 66 when it is missing, 77 when the role
 * does not allow it.
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
#include "consult/pabulib.h"

#define CMD "import"

static double
now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
print_pb_report(const char *path, const struct cs_pabulib_report *r,
                double secs)
{
    if (r->previous_batch != 0) {
        printf(_("%s was already imported (batch %" PRId64 "): nothing "
                 "added.\n"), path, r->previous_batch);
        return;
    }
    for (size_t i = 0; i < r->nnot_kept; i++) {
        fputs(_("Not kept: "), stdout);
        cli_put_text(stdout, r->not_kept[i]);
        fputc('\n', stdout);
    }
    if (r->dry_run)
        fputs(_("Dry run: nothing was written to the database.\n"), stdout);
    printf(_("%s (pabulib, %s): %ld projects, %ld ballots, %ld votes "
             "imported, %ld new participants, %ld new themes"), path,
           r->vote_type, r->projects, r->ballots, r->votes,
           r->participants_created, r->themes_created);
    if (r->with_points > 0)
        printf(_(", %ld votes with points"), r->with_points);
    if (r->batch_id != 0)
        printf(_("; batch %" PRId64), r->batch_id);
    printf(_(" (%.1f s).\n"), secs);
    for (size_t i = 0; i < r->nwarnings; i++) {
        fprintf(stderr, _("%s: warning: "), cli_progname);
        cli_put_text(stderr, r->warnings[i]);
        fputc('\n', stderr);
    }
}

int
cmd_import_pabulib(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "consultation", required_argument, NULL, 'c' },
        { "theme", required_argument, NULL, 't' },
        { "create-themes", no_argument, NULL, 'C' },
        { "dry-run", no_argument, NULL, 'n' },
        { NULL, 0, NULL, 0 },
    };
    struct cs_pabulib_options o;
    struct cs_pabulib_report r;
    struct cs_db *db = NULL;
    struct cs_error err;
    const char *path;
    char *shown;
    double start;
    enum cs_rc rc;
    int c, x;

    memset(&o, 0, sizeof o);
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'c': o.consultation = optarg; break;
        case 't': o.theme = optarg; break;
        case 'C': o.create_themes = true; break;
        case 'n': o.dry_run = true; break;
        default:  return cli_bad_option(CMD, c, argv);
        }
    }
    if (argc - optind != 1)
        return cli_operands(CMD, argc - optind, 1);
    if (o.consultation == NULL)
        return cli_usage_error(CMD, "%s", _("import pabulib needs "
                               "--consultation CODE."));
    path = argv[optind];
    /* A file's name may hold anything but '/': shown escaped. */
    if ((shown = cs_text_display(path)) == NULL)
        return cli_exit_code(CS_ENOMEM);
    if (access(path, F_OK) != 0) {
        fprintf(stderr, _("%s: %s: %s\n"), cli_progname, shown,
                strerror(errno));
        free(shown);
        return EXIT_NOINPUT;
    }
    if ((x = cli_open(g, false, &db)) != 0) {
        free(shown);
        return x;
    }
    start = now_s();
    cs_error_clear(&err);
    cs_pabulib_report_init(&r);
    rc = cs_pabulib_import(db, path, &o, &r, &err);
    if (rc == CS_OK) {
        print_pb_report(shown, &r, now_s() - start);
    } else {
        if (err.line > 0) {
            char *msg = cs_text_display(err.msg[0] ? err.msg
                                                   : cs_rc_name(rc));

            fprintf(stderr, _("%s: %s, line %ld: %s\n"), cli_progname,
                    shown, err.line, msg ? msg : "");
            free(msg);
        } else {
            cli_fail(&err, rc);
        }
        for (size_t i = 0; i < r.nmissing; i++) {
            fputs("  ", stderr);
            cli_put_text(stderr, r.missing[i].title);
            fprintf(stderr, ngettext(" (%ld project)\n", " (%ld projects)\n",
                                     r.missing[i].projects),
                    r.missing[i].projects);
        }
        x = cli_exit_code(rc);
    }
    cs_pabulib_report_clear(&r);
    cs_db_close(db);
    free(shown);
    return x;
}

int
cmd_import_show(struct cli_global *g, int argc, char **argv)
{
    struct cs_import_batch_list *list = NULL;
    struct cs_import_note_list *notes = NULL;
    const struct cs_import_batch *b = NULL;
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
    if ((rc = cs_import_list(db, &list, &err)) != CS_OK
        || (rc = cs_import_notes(db, id, &notes, &err)) != CS_OK) {
        x = cli_fail(&err, rc);
        goto out;
    }
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].id == id)
            b = &list->items[i];
    if (b == NULL) {
        fprintf(stderr, _("%s: no import batch %" PRId64 ".\n"),
                cli_progname, id);
        x = EXIT_DATA;
        goto out;
    }
    printf(_("Batch %" PRId64 "\n"), b->id);
    {
        char *name = cs_text_display(b->file_name);

        printf(_("File:          %s\n"), name ? name : "");
        free(name);
    }
    printf(_("Kind:          %s\n"), cs_import_kind_name(b->kind));
    printf(_("Consultation:  %s\n"), b->consultation_code
                                     ? b->consultation_code : "-");
    printf(_("Imported:      %s by %s\n"), b->imported_at, b->imported_by);
    printf(_("Rows:          %ld read, %ld in, %ld refused, %ld already "
             "there\n"), b->rows_read, b->accepted, b->rejected,
           b->duplicates);
    printf(_("Checksum:      %s\n"), b->checksum);
    if (b->undone_at)
        printf(_("Undone:        %s by %s\n"), b->undone_at,
               b->undone_by ? b->undone_by : "?");
    for (size_t i = 0; i < notes->count; i++) {
        const char *k = notes->items[i].kind;

        /* TRANSLATORS: the kinds of notes kept with an import batch. */
        printf("%-10s ", strcmp(k, "warning") == 0 ? _("warning:")
                       : strcmp(k, "not_kept") == 0 ? _("not kept:")
                       : strcmp(k, "meta") == 0 ? _("file:")
                       : _("format:"));
        cli_put_text(stdout, notes->items[i].text);
        fputc('\n', stdout);
    }
out:
    cs_import_note_list_free(notes);
    cs_import_batch_list_free(list);
    cs_db_close(db);
    return x;
}
