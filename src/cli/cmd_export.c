/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_export.c: `consult export template KIND FILE|- [--example]
 * [--excel] [--consultation C]`: an empty CSV file with the columns of a
 * kind of import that the user may fill, for field staff to fill in a
 * spreadsheet and send back; `consult export forms`: a paper batch's blank
 * forms to print; `consult export agenda|minutes`: a committee session's
 * pack. The exports proper are in cmd_export_kinds.c.
 */
#include "cli.h"

#include <getopt.h>
#include <string.h>
#include <unistd.h>

#include "cmd_export_kinds.h"
#include "consult/batch.h"
#include "consult/export.h"
#include "consult/import.h"
#include "consult/letters.h"
#include "consult/participant.h"
#include "consult/session.h"

#define CMD "export"

static int
export_template(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "example", no_argument, NULL, 'e' },
        { "excel", no_argument, NULL, 'x' },
        { "consultation", required_argument, NULL, 'c' },
        { NULL, 0, NULL, 0 },
    };
    struct cs_import_template_options o;
    enum cs_import_kind kind;
    struct cs_error err;
    struct cs_db *db = NULL;
    const char *path, *cons = NULL;
    char dbpath[4096];
    enum cs_rc rc;
    int c, ex;

    memset(&o, 0, sizeof o);
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'e': o.example = true; break;
        case 'x':
            o.csv.bom = true;
            o.csv.crlf = true;
            o.csv.delimiter = ';';
            break;
        case 'c': cons = optarg; break;
        default:  return cli_bad_option(CMD, c, argv);
        }
    }
    if (argc - optind != 2)
        return cli_operands(CMD, argc - optind, 2);
    cs_error_clear(&err);
    if (cs_import_kind_parse(argv[optind], &kind, &err) != CS_OK)
        return cli_usage_error(CMD, "%s", err.msg);
    path = argv[optind + 1];
    /* The columns follow the user's role, the example this database;
     * without a database yet, every column and the stock example. */
    if ((ex = cli_db_path(g, dbpath, sizeof dbpath, NULL)) != 0)
        return ex;
    if ((cons || access(dbpath, F_OK) == 0)
        && (ex = cli_open(g, false, &db)) != 0)
        return ex;
    if (cons && (ex = cli_consultation(db, cons, &o.consultation_id)) != 0)
        goto out;
    rc = cs_import_template_file(db, kind, &o, path, g->shared, &err);
    ex = rc == CS_OK ? EXIT_OK : cli_fail(&err, rc);
out:
    cs_db_close(db);
    return ex;
}

/* `consult export forms --batch ID FILE [--count N]`: a batch's blank
 * paper forms, one per page, in a PDF. */
static int
export_forms(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "batch", required_argument, NULL, 'b' },
        { "count", required_argument, NULL, 'n' },
        { NULL, 0, NULL, 0 },
    };
    struct cs_error err;
    struct cs_db *db = NULL;
    int64_t batch = 0, count = 0, written = 0;
    const char *path;
    enum cs_rc rc;
    int c, ex;

    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'b':
            if (!cli_parse_id(CMD, optarg, &batch))
                return EXIT_USAGE;
            break;
        case 'n':
            if (!cli_parse_int(CMD, "--count", optarg, 1, &count))
                return EXIT_USAGE;
            if (count > CS_BATCH_FORMS_MAX)
                return cli_usage_error(CMD, _("--count: at most %d forms."),
                                       CS_BATCH_FORMS_MAX);
            break;
        default:  return cli_bad_option(CMD, c, argv);
        }
    }
    if (batch == 0)
        return cli_missing(CMD, "--batch");
    if (argc - optind != 1)
        return cli_operands(CMD, argc - optind, 1);
    path = argv[optind];
    if ((ex = cli_open(g, false, &db)) != 0)
        return ex;
    cs_error_clear(&err);
    rc = cs_batch_forms(db, batch, count, path, g->shared, &written, &err);
    cs_db_close(db);
    if (rc != CS_OK)
        return cli_fail(&err, rc);
    /* Written to standard output, the PDF is the output: say it aside. */
    fprintf(strcmp(path, "-") == 0 || cs_export_is_stream(path) ? stderr
                                                                 : stdout,
            ngettext("%s: %lld blank form of batch %lld.\n",
                     "%s: %lld blank forms of batch %lld.\n",
                     (unsigned long)written),
            path, (long long)written, (long long)batch);
    return EXIT_OK;
}

/* `consult export agenda|minutes --session ID FILE`: the committee's
 * pack, CSV or PDF as the file's name says. */
static int
export_session_doc(struct cli_global *g, int argc, char **argv,
                   enum cs_session_doc doc)
{
    static const struct option opts[] = {
        { "session", required_argument, NULL, 's' },
        { NULL, 0, NULL, 0 },
    };
    struct cs_error err;
    struct cs_db *db = NULL;
    int64_t session = 0, items = 0;
    const char *path;
    enum cs_rc rc;
    int c, ex;

    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 's':
            if (!cli_parse_id(CMD, optarg, &session))
                return EXIT_USAGE;
            break;
        default:  return cli_bad_option(CMD, c, argv);
        }
    }
    if (session == 0)
        return cli_missing(CMD, "--session");
    if (argc - optind != 1)
        return cli_operands(CMD, argc - optind, 1);
    path = argv[optind];
    if ((ex = cli_open(g, false, &db)) != 0)
        return ex;
    cs_error_clear(&err);
    rc = cs_session_export(db, session, doc, path, g->shared, &items, &err);
    cs_db_close(db);
    if (rc == CS_EINVAL && err.field[0] == '\0')
        return cli_usage_error(CMD, "%s", err.msg);
    if (rc != CS_OK)
        return cli_fail(&err, rc);
    fprintf(strcmp(path, "-") == 0 || cs_export_is_stream(path) ? stderr
                                                                 : stdout,
            doc == CS_SESSION_AGENDA
                ? ngettext("%s: the agenda of session %lld, %lld idea.\n",
                           "%s: the agenda of session %lld, %lld ideas.\n",
                           (unsigned long)items)
                : ngettext("%s: the minutes of session %lld, %lld idea.\n",
                           "%s: the minutes of session %lld, %lld ideas.\n",
                           (unsigned long)items),
            path, (long long)session, (long long)items);
    return EXIT_OK;
}

static int
export_agenda(struct cli_global *g, int argc, char **argv)
{
    return export_session_doc(g, argc, argv, CS_SESSION_AGENDA);
}

static int
export_minutes(struct cli_global *g, int argc, char **argv)
{
    return export_session_doc(g, argc, argv, CS_SESSION_MINUTES);
}

/* `consult export letters --session ID|--consultation C FILE` and
 * `consult export answered --consultation C FILE`. */
static int
export_letters_or_log(struct cli_global *g, int argc, char **argv,
                      bool letters)
{
    static const struct option opts[] = {
        { "session", required_argument, NULL, 's' },
        { "consultation", required_argument, NULL, 'c' },
        { NULL, 0, NULL, 0 },
    };
    struct cs_letters_options o;
    struct cs_letters_result res;
    struct cs_error err;
    struct cs_db *db = NULL;
    const char *path, *cons = NULL;
    int64_t rows = 0;
    enum cs_rc rc;
    FILE *say;
    int c, ex;

    memset(&o, 0, sizeof o);
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 's':
            if (!letters)
                return cli_bad_option(CMD, c, argv);
            if (!cli_parse_id(CMD, optarg, &o.session_id))
                return EXIT_USAGE;
            break;
        case 'c': cons = optarg; break;
        default:  return cli_bad_option(CMD, c, argv);
        }
    }
    if (cons == NULL && o.session_id == 0)
        return letters ? cli_usage_error(CMD, "%s", _("name the answers to "
                                                      "send: --session ID "
                                                      "or --consultation "
                                                      "CODE."))
                       : cli_missing(CMD, "--consultation");
    if (argc - optind != 1)
        return cli_operands(CMD, argc - optind, 1);
    path = argv[optind];
    if ((ex = cli_open(g, false, &db)) != 0)
        return ex;
    if (cons && (ex = cli_consultation(db, cons, &o.consultation_id)) != 0)
        goto out;
    cs_error_clear(&err);
    memset(&res, 0, sizeof res);
    rc = letters ? cs_letters_export(db, &o, path, g->shared, &res, &err)
                 : cs_answered_export(db, o.consultation_id, path, g->shared,
                                      &rows, &err);
    if (rc == CS_EINVAL && err.field[0] == '\0') {
        ex = cli_usage_error(CMD, "%s", err.msg);
        goto out;
    }
    if (rc != CS_OK) {
        ex = cli_fail(&err, rc);
        goto out;
    }
    say = strcmp(path, "-") == 0 || cs_export_is_stream(path) ? stderr
                                                               : stdout;
    if (!letters) {
        fprintf(say, ngettext("%s: %lld participant with a published "
                              "answer.\n",
                              "%s: %lld participants with a published "
                              "answer.\n", (unsigned long)rows),
                path, (long long)rows);
        goto out;
    }
    fprintf(say, ngettext("%s: answers for %lld participant.\n",
                          "%s: answers for %lld participants.\n",
                          (unsigned long)res.prepared),
            path, (long long)res.prepared);
    fprintf(say, _("Of %lld participants with a published answer: %lld by "
                   "email, %lld by post, %lld by internal mail, %lld who "
                   "cannot be reached.\n"),
            (long long)res.participants,
            (long long)res.by_reach[CS_REACH_EMAIL],
            (long long)res.by_reach[CS_REACH_POST],
            (long long)res.by_reach[CS_REACH_INTERNAL],
            (long long)res.by_reach[CS_REACH_NONE]);
out:
    cs_db_close(db);
    return ex;
}

static int
export_letters(struct cli_global *g, int argc, char **argv)
{
    return export_letters_or_log(g, argc, argv, true);
}

static int
export_answered(struct cli_global *g, int argc, char **argv)
{
    return export_letters_or_log(g, argc, argv, false);
}

/* `consult export person ID FILE`: everything held on one person. */
static int
export_person(struct cli_global *g, int argc, char **argv)
{
    struct cs_error err;
    struct cs_db *db = NULL;
    const char *path;
    int64_t id;
    enum cs_rc rc;
    int ex;

    if ((ex = cli_args(CMD, argc, argv, 2)) != 0)
        return ex;
    if (!cli_parse_id(CMD, argv[optind], &id))
        return EXIT_USAGE;
    path = argv[optind + 1];
    if ((ex = cli_open(g, false, &db)) != 0)
        return ex;
    cs_error_clear(&err);
    rc = cs_participant_export(db, id, path, g->shared, &err);
    cs_db_close(db);
    if (rc != CS_OK)
        return cli_fail(&err, rc);
    fprintf(strcmp(path, "-") == 0 || cs_export_is_stream(path) ? stderr
                                                                 : stdout,
            _("%s: what is held on participant %lld.\n"), path,
            (long long)id);
    return EXIT_OK;
}

int
cmd_export(struct cli_global *g, int argc, char **argv)
{
    static const struct cli_sub subs[] = {
        { "template", export_template },
        { "forms", export_forms },
        { "agenda", export_agenda },
        { "minutes", export_minutes },
        { "letters", export_letters },
        { "answered", export_answered },
        { "person", export_person },
        { NULL, NULL },
    };

    /* Every other word is an export kind, or "verify". */
    if (argc >= 2 && strcmp(argv[1], "template") != 0
        && strcmp(argv[1], "forms") != 0 && strcmp(argv[1], "agenda") != 0
        && strcmp(argv[1], "minutes") != 0 && strcmp(argv[1], "letters") != 0
        && strcmp(argv[1], "answered") != 0 && strcmp(argv[1], "person") != 0) {
        cli_opt_reset();
        return cmd_export_kind(g, argc - 1, argv + 1);
    }
    return cli_dispatch(g, argc, argv, subs);
}
