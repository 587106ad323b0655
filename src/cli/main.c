/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * main.c: the consult binary's entry point: locale and translations,
 * global options, and dispatch to one command. The command table here also
 * feeds --help and `consult help COMMAND`.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const struct cli_command cli_commands[] = {
    { "init", cmd_init, N_("Create a new, empty database."),
      N_("Usage: consult [--db PATH] [--shared] init") },
    { "demo", cmd_demo,
      N_("(Re)create the demo database and say where it is."),
      N_("Usage: consult [--db PATH] demo\n"
         "Without --db, the demo goes to $XDG_DATA_HOME/consult/demo.db.") },
    { "consultation", cmd_consultation,
      N_("Add, list and set up consultations; publish held answers."),
      N_("Usage: consult consultation add --code CODE --title TITLE\n"
         "           [--kind ideas|findings] [--audience agents|citizens|all]\n"
         "           [--opens DATE] [--closes DATE] [--state STATE]\n"
         "           [--description TEXT]\n"
         "       consult consultation list\n"
         "       consult consultation show CODE\n"
         "       consult consultation state CODE draft|open|closed|archived\n"
         "       consult consultation edit CODE [--state STATE] [--retention MONTHS]\n"
         "           [--hold-answers|--no-hold-answers]\n"
         "           [--letter-language fr|en] [--letter-sender TEXT]\n"
         "           [--letter-opening TEXT] [--letter-closing TEXT]\n"
         "           [--letter-signature TEXT]\n"
         "       consult consultation publish CODE") },
    { "theme", cmd_theme,
      N_("Add, list, edit, retire and delete the themes of a consultation."),
      N_("Usage: consult theme add --consultation CODE --code CODE --title TITLE\n"
         "           [--position N]\n"
         "       consult theme list --consultation CODE [--all]\n"
         "       consult theme edit --consultation CODE THEME [--title T]"
         " [--code NEW]\n"
         "       consult theme retire --consultation CODE THEME [--undo]\n"
         "       consult theme delete --consultation CODE THEME") },
    { "idea", cmd_idea,
      N_("Enter, show, list, triage, tag and merge ideas and findings."),
      N_("Usage: consult idea add --consultation CODE --theme CODE --body TEXT\n"
         "           [--title TEXT] [--kind idea|finding]\n"
         "           [--channel paper|workshop|web|email|phone|other]\n"
         "           [--author-ref REF] [--author-name NAME] [--service NAME]\n"
         "           [--email EMAIL] [--postal ADDRESS] [--phone NUMBER]\n"
         "           [--consent] [--form-ref REF] [--date DATE] [--batch ID]\n"
         "       consult idea list [--consultation CODE] [--theme CODE]\n"
         "           [--status S] [--channel C] [--tag TAG] [--batch ID]\n"
         "           [--sort date|id|support]\n"
         "           [--desc] [--limit N] [--format table|csv]\n"
         "       consult idea show ID\n"
         "       consult idea edit ID [--title T] [--body T] [--theme CODE]\n"
         "           [--kind K] [--channel C] [--form-ref REF] [--if-unchanged N]\n"
         "       consult idea status ID STATUS [--answer TEXT] [--reason TEXT]\n"
         "           [--if-unchanged N]\n"
         "       consult idea tag ID TAG... [--remove] [--if-unchanged N]\n"
         "       consult idea merge ID --into ID [--if-unchanged N]\n"
         "       consult idea unmerge ID [--if-unchanged N]\n"
         "       consult idea counts --consultation CODE") },
    { "batch", cmd_batch,
      N_("Paper batches: control totals, closing, double entry."),
      N_("Usage: consult batch add --consultation CODE --label TEXT [--point TEXT]\n"
         "           [--date DATE] --expect N [--fields LIST] [--double]\n"
         "           [--keyer LOGIN] [--prefix TEXT]\n"
         "       consult batch list [--consultation CODE]\n"
         "       consult batch show ID\n"
         "       consult batch close ID [--reason TEXT]\n"
         "       consult batch diff ID\n"
         "       consult batch resolve ID FORM FIELD VALUE\n"
         "Forms are keyed with consult idea add --batch ID.") },
    { "vote", cmd_vote, N_("Record a participant's vote for an idea."),
      N_("Usage: consult vote add IDEA_ID --participant REF\n"
         "           [--participant-name NAME] [--service NAME]\n"
         "           [--channel C] [--date DATE]\n"
         "       consult vote add IDEA_ID --participant-name NAME --service NAME\n"
         "       consult vote delete VOTE_ID") },
    { "tally", cmd_tally,
      N_("Record or correct an anonymous count of paper votes."),
      N_("Usage: consult tally add IDEA_ID --for N [--against M] --source TEXT\n"
         "           [--date DATE]\n"
         "       consult tally set TALLY_ID --count N\n"
         "       consult tally list IDEA_ID") },
    { "comment", cmd_comment, N_("Add, list and hide comments on an idea."),
      N_("Usage: consult comment add IDEA_ID --body TEXT [--participant REF]\n"
         "           [--participant-name NAME] [--service NAME] [--channel C]\n"
         "       consult comment list IDEA_ID [--all]\n"
         "       consult comment hide COMMENT_ID --reason TEXT") },
    { "participant", cmd_participant,
      N_("Find, show, edit and anonymise participants."),
      N_("Usage: consult participant find (--ref REF | --name NAME [--service S])\n"
         "       consult participant show ID\n"
         "       consult participant edit ID [--consent|--no-consent]\n"
         "           [--email EMAIL] [--postal ADDRESS] [--phone NUMBER]\n"
         "           [--service NAME]\n"
         "       consult participant anonymise ID") },
    { "user", cmd_user, N_("Give logins a role; list them."),
      N_("Usage: consult user add LOGIN --role admin|coordinator|agent|viewer\n"
         "       consult user delete LOGIN\n"
         "       consult user list\n"
         "       consult user whoami\n"
         "       consult user can [OPERATION]") },
    { "audit", cmd_audit, N_("Show and verify the audit log."),
      N_("Usage: consult audit list [--since DATE] [--actor LOGIN] [--idea ID]\n"
         "           [--json]\n"
         "       consult audit verify [--anchor FILE]\n"
         "       consult audit anchor FILE") },
    { "stats", cmd_stats, N_("Show the figures of a consultation."),
      N_("Usage: consult stats [--consultation CODE] [--weeks]") },
    { "import", cmd_import,
      N_("Import ideas, votes, tallies, participants or comments from a "
         "CSV file."),
      N_("Usage: consult import ideas|votes|tallies|participants|comments\n"
         "           FILE [--consultation CODE] [--theme CODE] [--encoding E]\n"
         "           [--delimiter D] [--map FIELD=HEADER]... [--rejects FILE]\n"
         "           [--dry-run] [--all-or-nothing] [--progress|--no-progress]\n"
         "           [--batch ID] [--create-themes] [--keep-duplicates]\n"
         "           [--force-kind] [--channel C] [--no-verify]\n"
         "       consult import ideas|comments FILE\n"
         "           --from decidim|consul|capcollectif [--consultation CODE]\n"
         "           [--theme CODE] [--create-themes] [--channel C]\n"
         "           [--rejects FILE] [--dry-run]\n"
         "       consult import pabulib FILE.pb --consultation CODE\n"
         "           [--theme CODE] [--create-themes] [--dry-run]\n"
         "       consult import list\n"
         "       consult import show BATCH\n"
         "       consult import undo BATCH\n"
         "The columns, their French and English names and the rules are in\n"
         "consult-csv(5).") },
    { "export", cmd_export,
      N_("Export ideas, votes, figures and answers as CSV; templates."),
      N_("Usage: consult export template ideas|votes|tallies|participants\n"
         "           FILE|- [--example] [--excel] [--consultation CODE]\n"
         "       consult export forms --batch ID FILE.pdf [--count N]\n"
         "       consult export agenda|minutes --session ID FILE.csv|FILE.pdf\n"
         "       consult export letters --session ID|--consultation CODE\n"
         "           FILE.csv|FILE.pdf\n"
         "       consult export answered --consultation CODE FILE\n"
         "       consult export person ID FILE\n"
         "       consult export KIND FILE|- [--consultation CODE] [--theme CODE]\n"
         "           [--status S] [--channel C] [--since DATE] [--until DATE]\n"
         "           [--submitted-until DATE] [--batch ID] [--tag TAG]\n"
         "           [--search TEXT] [--as-of DATETIME]\n"
         "           [--profile open-data|codir|internal-contact]\n"
         "           [--excel] [--delimiter D] [--headers en|fr]\n"
         "           [--top N] [--top-file FILE] [--by theme|channel]\n"
         "           [--manifest FILE] [--no-manifest]\n"
         "           [--verify-journal]\n"
         "         KIND: ideas, votes, tallies, comments, participants, audit,\n"
         "               decisions, summary, participation, answers\n"
         "       consult export verify FILE [--manifest FILE] [--journal]") },
    { "backup", cmd_backup,
      N_("Copy the live database, consistently, with a manifest."),
      N_("Usage: consult backup FILE\n"
         "Writes FILE (a database of its own) and FILE.manifest (its size,\n"
         "SHA-256 and the audit log's head), while others keep working.") },
    { "restore", cmd_restore,
      N_("Check a backup and put it back in place of the database."),
      N_("Usage: consult restore FILE [--check]\n"
         "Checks FILE against FILE.manifest, SQLite's integrity check and\n"
         "the audit chain, keeps the database as it was beside it\n"
         "(DB.before-restore-YYYYMMDD-HHMMSS), then puts FILE in its place.\n"
         "  --check  only check FILE; change nothing") },
    { "session", cmd_session,
      N_("Committee sessions: agenda, attendees, decisions, close, publish."),
      N_("Usage: consult session add --consultation CODE\n"
         "           --body steering|codir|college --date DATE [--title TEXT]\n"
         "       consult session list [--consultation CODE]\n"
         "       consult session show ID\n"
         "       consult session agenda ID --add IDEA...\n"
         "       consult session agenda ID --filter [--theme CODE] [--status S]\n"
         "           [--channel C] [--tag TAG] [--min-support N]\n"
         "       consult session attendee ID --name NAME [--role ROLE]\n"
         "       consult session decide ID IDEA accepted|rejected|implemented|postponed\n"
         "           [--answer TEXT] [--reason TEXT]\n"
         "       consult session close ID\n"
         "       consult session publish ID\n"
         "A decision is recorded at once; the ideas' statuses change when the\n"
         "session closes.") },
    { "retention", cmd_retention,
      N_("Anonymise the participants past their consultations' retention."),
      N_("Usage: consult retention run [--dry-run]\n"
         "Anonymises the participants whose ideas, votes and comments all\n"
         "belong to consultations closed longer ago than their retention\n"
         "(consult consultation edit CODE --retention MONTHS); their\n"
         "contributions and answers are kept. Admin only.\n"
         "  --dry-run  list who would be anonymised; change nothing") },
    { "tui", cmd_tui,
      N_("Open the terminal interface (also: no command, on a terminal)."),
      N_("Usage: consult [--db PATH] tui [--no-mouse] [--no-cursor]\n"
         "  --no-mouse  leave the mouse to the terminal (clicks, copying)\n"
         "  --no-cursor hide the cursor (it still follows the selected line)\n"
         "On every screen F1 or ? lists the keys; Esc then a digit (0 for\n"
         "10) works as F1..F10.") },
    { "enter", cmd_enter,
      N_("Key in paper forms: the terminal interface on the entry form."),
      N_("Usage: consult [--db PATH] enter [--consultation CODE] [--batch ID]\n"
         "           [--no-mouse] [--no-cursor]\n"
         "With --batch, forms are keyed into that paper batch (its layout,\n"
         "its next reference proposed, its count shown). Without either,\n"
         "the database's only consultation.\n"
         "Tab and Enter go from field to field, F2 or Ctrl-S saves and\n"
         "opens the next blank form, Ctrl-G lists the keys.") },
    { NULL, NULL, NULL, NULL },
};

static void
usage(FILE *out)
{
    fprintf(out, _("Usage: %s [OPTION]... COMMAND [ARG]...\n"
                   "Manage consultations: ideas, findings, votes and answers.\n"
                   "\n"), cli_progname);
    fputs(_("Options:\n"
            "  -d, --db PATH    the database file (default: $CONSULT_DB, else\n"
            "                   $XDG_DATA_HOME/consult/consult.db)\n"
            "      --shared     the files created now (database, exports, reject\n"
            "                   files) are group-writable (0660), not 0600\n"
            "  -h, --help       show this help and exit\n"
            "  -V, --version    show the version and exit\n"
            "\n"
            "Commands:\n"), out);
    for (const struct cli_command *c = cli_commands; c->name; c++)
        fprintf(out, "  %-13s %s\n", c->name, _(c->summary));
    fputs(_("  help COMMAND  explain a command\n"
            "\n"
            "Environment:\n"
            "  CONSULT_DB       the database, when --db is not given\n"
            "  CONSULT_BUSY_TIMEOUT  milliseconds to wait for a lock (10000)\n"
            "  CONSULT_DATADIR  where `demo` finds its files\n"
            "  XDG_DATA_HOME    where the default database lives\n"
            "  LANG, LC_ALL     French under a French locale, else English\n"
            "\n"
            "Exit status: 0 ok, 64 usage, 65 bad data, 66 missing input,\n"
            "73 cannot create or write (read-only, disk full), 74 I/O error,\n"
            "75 database busy, 77 permission denied. See consult(1).\n"), out);
    fprintf(out, _("\nReport bugs to: %s\n"), PACKAGE_BUGREPORT);
}

/* Translations: the build directory's locale/ when running uninstalled
 * (tests, the README's first command), else the one installed beside the
 * binary (wherever the tree was moved or installed with --prefix), else
 * the configured one. */
static void
setup_locale(void)
{
    static char dir[PATH_MAX];
    const char *localedir = CONSULT_LOCALEDIR;

    setlocale(LC_ALL, "");
    if (cli_beside_exe("locale", dir, sizeof dir)
        || cli_beside_exe(CONSULT_BIN_TO_LOCALEDIR, dir, sizeof dir))
        localedir = dir;
    bindtextdomain("consult", localedir);
    bind_textdomain_codeset("consult", "UTF-8");
    textdomain("consult");
}

static int
cmd_help(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    for (const struct cli_command *c = cli_commands; c->name; c++) {
        if (strcmp(c->name, argv[1]) == 0) {
            cli_print_usage(stdout, c->name);
            return EXIT_OK;
        }
    }
    return cli_usage_error(NULL, _("unknown command \"%s\"."), argv[1]);
}

/* Output that could not be written (a full disk, a closed pipe) must not
 * pass for success: a script would take a cut list for the whole. */
static int
finish(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        int e = errno;

        fprintf(stderr, _("%s: cannot write the output: %s\n"), cli_progname,
                strerror(e));
        return code == EXIT_OK ? EXIT_IOERR : code;
    }
    return code;
}

int
main(int argc, char **argv)
{
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },
        { "shared", no_argument, NULL, 's' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        /* Not documented: the records' fields, for the completion. */
        { "list-fields", no_argument, NULL, 'F' },
        { NULL, 0, NULL, 0 },
    };
    struct cli_global g = { NULL, false };
    struct cs_error host_err;
    enum cs_rc host_rc;
    int c;

    /* A consult installed setgid for a shared host trusts nothing of the
     * environment: it is cleaned before the locale is read from it. */
    cs_error_clear(&host_err);
    host_rc = cs_host_enter(&host_err);
    setup_locale();
    if (host_rc != CS_OK) {
        fprintf(stderr, "%s: %s\n", cli_progname, host_err.msg);
        return EXIT_NOPERM;
    }
    /* '+': stop at the command word; its options are the command's. */
    while ((c = getopt_long(argc, argv, "+d:hV", opts, NULL)) != -1) {
        switch (c) {
        case 'd': g.db_path = optarg; break;
        case 's':
            if (cs_host_mode())
                return cli_usage_error(NULL, "%s", _("--shared is for a "
                    "database a Unix group shares; a shared host's database "
                    "is its own group's already."));
            g.shared = true;
            break;
        case 'h': usage(stdout); return finish(EXIT_OK);
        case 'V':
            printf("consult %s\n", CONSULT_VERSION);
            return finish(EXIT_OK);
        case 'F':
            return finish(cli_list_fields(optind < argc ? argv[optind]
                                                        : NULL));
        default:  return cli_usage_error(NULL, "%s", _("bad option."));
        }
    }
    argc -= optind;
    argv += optind;
    if (argc == 0) {
        /* No command: the terminal interface, if there is a terminal. */
        if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
            return finish(cmd_tui(&g, argc, argv));
        return cli_usage_error(NULL, "%s", _("no command given."));
    }
    if (strcmp(argv[0], "help") == 0)
        return finish(cmd_help(argc, argv));
    for (const struct cli_command *cmd = cli_commands; cmd->name; cmd++) {
        if (strcmp(cmd->name, argv[0]) != 0)
            continue;
        if (cli_wants_help(argc, argv)) {
            cli_print_usage(stdout, cmd->name);
            return finish(EXIT_OK);
        }
        optind = 1;     /* commands run getopt_long on their own argv */
        return finish(cmd->run(&g, argc, argv));
    }
    return cli_usage_error(NULL, _("unknown command \"%s\"."), argv[0]);
}
