/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_export_kinds.c: `consult export KIND FILE|- [options]` writes an
 * export (ideas, votes, tallies, comments, participants, audit, decisions,
 * summary, participation, answers) and its manifest, and
 * `consult export verify FILE` checks a file against its manifest.
 * Everything is done by the core (export.h); this file parses options and
 * says what was written.
 */
#include "cmd_export_kinds.h"

#include <getopt.h>
#include <inttypes.h>
#include <string.h>

#include "consult/export.h"

#define CMD "export"

static void
usage(FILE *out)
{
    fprintf(out, "%s\n",
            _("Usage: consult export KIND FILE|- [--consultation CODE]"
              " [--theme CODE]\n"
              "           [--status S] [--channel C] [--since DATE]"
              " [--until DATE]\n"
              "           [--submitted-until DATE] [--batch ID] [--tag TAG]\n"
              "           [--search TEXT] [--as-of DATETIME]\n"
              "           [--sort id|date|support|relevance] [--desc]\n"
              "           [--profile open-data|codir|internal-contact]\n"
              "           [--excel] [--delimiter D] [--headers en|fr]\n"
              "           [--top N] [--top-file FILE] [--by theme|channel]\n"
              "           [--manifest FILE] [--no-manifest]\n"
              "           [--verify-journal]\n"
              "         KIND: ideas, votes, tallies, comments, participants,"
              " audit,\n"
              "               decisions, summary, participation, answers\n"
              "       consult export verify FILE [--manifest FILE]"
              " [--journal]\n"
              "FILE.manifest records what was exported and the file's"
              " SHA-256.\n"
              "See consult-csv(5) for the columns and the profiles."));
}

/* ---------------------------------------------------------------- verify */

static int
export_verify(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "manifest", required_argument, NULL, 'm' },
        { "journal", no_argument, NULL, 'j' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *manifest = NULL;
    struct cs_export_check chk;
    struct cs_error err;
    bool journal = false;
    enum cs_rc rc;
    int c, x;

    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (c) {
        case 'm': manifest = optarg; break;
        case 'j': journal = true; break;
        case 'h': usage(stdout); return EXIT_OK;
        default:  return cli_bad_option(CMD, c, argv);
        }
    }
    if (argc - optind != 1)
        return cli_operands(CMD, argc - optind, 1);
    cs_error_clear(&err);
    rc = cs_export_verify(argv[optind], manifest, &chk, &err);
    if (rc != CS_OK)
        return cli_fail(&err, rc);
    if (journal) {
        struct cs_db *db;

        if ((x = cli_open(g, false, &db)) != 0)
            return x;
        rc = cs_export_check_journal(db, &chk, &err);
        cs_db_close(db);
        if (rc != CS_OK)
            return cli_fail(&err, rc);
    }
    printf(ngettext("%s matches its manifest: %s export, %" PRId64 " row, "
                    "SHA-256 %.16s….\n",
                    "%s matches its manifest: %s export, %" PRId64 " rows, "
                    "SHA-256 %.16s….\n", (unsigned long)chk.rows),
           argv[optind], chk.kind, chk.rows, chk.sha256);
    if (chk.top_checked)
        printf("%s\n", _("Its top file matches too."));
    if (journal)
        printf(_("The database's journal holds row %" PRId64 " as "
                 "recorded.\n"), chk.audit_id);
    return EXIT_OK;
}

/* ---------------------------------------------------------------- export */

struct export_args {
    struct cs_export_options o;
    const char *file;
    const char *top_file;
    const char *manifest;
    bool no_manifest;
    bool delimiter_given;
    char delimiter;
};

static int
parse_args(int argc, char **argv, struct export_args *a)
{
    static const struct option opts[] = {
        { "consultation", required_argument, NULL, 'c' },
        { "theme", required_argument, NULL, 't' },
        { "status", required_argument, NULL, 's' },
        { "channel", required_argument, NULL, 'C' },
        { "since", required_argument, NULL, 'S' },
        { "until", required_argument, NULL, 'U' },
        { "submitted-until", required_argument, NULL, 'W' },
        { "as-of", required_argument, NULL, 'a' },
        { "batch", required_argument, NULL, 'b' },
        { "tag", required_argument, NULL, 'g' },
        { "search", required_argument, NULL, 'q' },
        { "sort", required_argument, NULL, 'o' },
        { "desc", no_argument, NULL, 'D' },
        { "profile", required_argument, NULL, 'p' },
        { "excel", no_argument, NULL, 'x' },
        { "delimiter", required_argument, NULL, 'd' },
        { "headers", required_argument, NULL, 'H' },
        { "top", required_argument, NULL, 'T' },
        { "top-file", required_argument, NULL, 'F' },
        { "by", required_argument, NULL, 'B' },
        { "manifest", required_argument, NULL, 'm' },
        { "no-manifest", no_argument, NULL, 'n' },
        { "verify-journal", no_argument, NULL, 'v' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    struct cs_error err;
    int64_t n;
    int c;

    cs_error_clear(&err);
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (c) {
        case 'c': a->o.consultation = optarg; break;
        case 't': a->o.theme = optarg; break;
        case 's': {
            enum cs_status s;

            if (cs_status_parse(optarg, &s, &err) != CS_OK)
                return cli_usage_error(CMD, _("--status: %s"), err.msg);
            a->o.status = (int)s;
            break;
        }
        case 'C': {
            enum cs_channel ch;

            if (cs_channel_parse(optarg, &ch, &err) != CS_OK)
                return cli_usage_error(CMD, "--channel: %s", err.msg);
            a->o.channel = (int)ch;
            break;
        }
        case 'S': a->o.since = optarg; break;
        case 'U': a->o.until = optarg; break;
        case 'W': a->o.submitted_until = optarg; break;
        case 'a': a->o.as_of = optarg; break;
        case 'g': a->o.tag = optarg; break;
        case 'q': a->o.search = optarg; break;
        case 'o':
            if (strcmp(optarg, "id") == 0)
                a->o.order = CS_ORDER_ID;
            else if (strcmp(optarg, "date") == 0)
                a->o.order = CS_ORDER_DATE;
            else if (strcmp(optarg, "support") == 0)
                a->o.order = CS_ORDER_SUPPORT;
            else if (strcmp(optarg, "relevance") == 0)
                a->o.order = CS_ORDER_RELEVANCE;
            else
                return cli_usage_error(CMD, _("--sort: \"%s\" is not id, "
                                              "date, support or relevance."),
                                       optarg);
            break;
        case 'D': a->o.descending = true; break;
        case 'b':
            if (!cli_parse_id(CMD, optarg, &a->o.paper_batch_id))
                return EXIT_USAGE;
            break;
        case 'p':
            if (cs_export_profile_parse(optarg, &a->o.profile, &err) != CS_OK)
                return cli_usage_error(CMD, _("--profile: %s"), err.msg);
            break;
        case 'x':
            a->o.csv.bom = true;
            a->o.csv.crlf = true;
            a->o.csv.delimiter = ';';
            break;
        case 'd':
            if (cs_csv_delimiter_parse(optarg, &a->delimiter, &err) != CS_OK)
                return cli_usage_error(CMD, "--delimiter: %s", err.msg);
            a->delimiter_given = true;
            break;
        case 'H':
            if (strcmp(optarg, "fr") == 0)
                a->o.french_headers = true;
            else if (strcmp(optarg, "en") == 0)
                a->o.french_headers = false;
            else
                return cli_usage_error(CMD, _("--headers: \"%s\" is "
                                              "neither en nor fr."), optarg);
            break;
        case 'T':
            if (!cli_parse_int(CMD, "--top", optarg, 1, &n))
                return EXIT_USAGE;
            a->o.top = (size_t)n;
            break;
        case 'F': a->top_file = optarg; break;
        case 'B':
            if (strcmp(optarg, "channel") == 0)
                a->o.by_channel = true;
            else if (strcmp(optarg, "theme") == 0)
                a->o.by_channel = false;
            else
                return cli_usage_error(CMD, _("--by: \"%s\" is neither "
                                              "theme nor channel."), optarg);
            break;
        case 'm': a->manifest = optarg; break;
        case 'n': a->no_manifest = true; break;
        case 'v': a->o.verify_journal = true; break;
        case 'h': usage(stdout); return -1;
        default:  return cli_bad_option(CMD, c, argv);
        }
    }
    /* --delimiter wins over --excel's ';', whatever their order. */
    if (a->delimiter_given)
        a->o.csv.delimiter = a->delimiter;
    if (argc - optind != 1)
        return cli_operands(CMD, argc - optind, 1);
    a->file = argv[optind];
    if (a->top_file && a->o.top == 0)
        return cli_usage_error(CMD, "%s", _("--top-file needs --top N."));
    if (a->no_manifest && a->manifest)
        return cli_usage_error(CMD, "%s", _("--manifest and --no-manifest "
                                            "exclude each other."));
    if (strcmp(a->file, "-") == 0 && a->o.top > 0 && a->top_file == NULL)
        return cli_usage_error(CMD, "%s", _("writing to standard output, "
                                            "--top needs --top-file."));
    return 0;
}

/* The exit for a failed export: what the core refused in an option (a
 * filter that does not apply, a bad date) is a usage error. */
static int
export_fail(const struct cs_error *err, enum cs_rc rc)
{
    if (rc == CS_EINVAL && err->field[0] && strcmp(err->field, "kind") != 0)
        return cli_usage_error(CMD, "%s", err->msg);
    return cli_fail(err, rc);
}

/* Write to standard output (and the top file, if any, made as every
 * file an export makes: whole or not at all, 0600 or 0660). */
static int
export_stdout(struct cs_db *db, struct export_args *a)
{
    struct cs_export_result res;
    struct cs_error err;
    enum cs_rc rc;

    cs_error_clear(&err);
    rc = cs_export_file(db, &a->o, "-", a->top_file,
                        a->manifest ? a->manifest : "", &res, &err);
    return rc == CS_OK ? EXIT_OK : export_fail(&err, rc);
}

static int
export_to_file(struct cs_db *db, struct export_args *a)
{
    FILE *say = stdout;
    struct cs_export_result res;
    struct cs_error err;
    enum cs_rc rc;

    cs_error_clear(&err);
    rc = cs_export_file(db, &a->o, a->file, a->top_file,
                        a->no_manifest ? "" : a->manifest, &res, &err);
    if (rc != CS_OK)
        return export_fail(&err, rc);
    /* Written through a device or a pipe (/dev/stdout), the data may be
     * on standard output: the summary goes to standard error. */
    if (cs_export_is_stream(a->file))
        say = stderr;
    fprintf(say, ngettext("%s: %" PRId64 " row (%s export, %s profile).\n",
                          "%s: %" PRId64 " rows (%s export, %s profile).\n",
                          (unsigned long)res.rows),
            a->file, res.rows, cs_export_kind_name(res.kind),
            cs_export_profile_name(res.profile));
    if (a->o.top > 0)
        fprintf(say, ngettext("Top %zu ideas per theme: %" PRId64 " row.\n",
                              "Top %zu ideas per theme: %" PRId64 " rows.\n",
                              (unsigned long)res.top_rows),
                a->o.top, res.top_rows);
    return EXIT_OK;
}

int
cmd_export_kind(struct cli_global *g, int argc, char **argv)
{
    struct export_args a;
    struct cs_error err;
    struct cs_db *db;
    int x;

    if (argc < 1)
        return cli_usage_error(CMD, "%s", _("no subcommand given."));
    if (strcmp(argv[0], "verify") == 0)
        return export_verify(g, argc, argv);
    memset(&a, 0, sizeof a);
    cs_export_options_init(&a.o);
    a.o.shared = g->shared;
    cs_error_clear(&err);
    if (cs_export_kind_parse(argv[0], &a.o.kind, &err) != CS_OK)
        return cli_usage_error(CMD, "%s", err.msg);
    if ((x = parse_args(argc, argv, &a)) != 0)
        return x < 0 ? EXIT_OK : x;
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    x = strcmp(a.file, "-") == 0 ? export_stdout(db, &a)
                                 : export_to_file(db, &a);
    cs_db_close(db);
    return x;
}
