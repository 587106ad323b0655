/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_tui.c: `consult tui` (and `consult` with no command on a terminal):
 * the options, the database, then the terminal interface (tui_run.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "model_keys.h"
#include "tui_run.h"
/* The terminal interface's headers spell the translation macros with
 * dgettext (the same "consult" domain): take the CLI's spelling here. */
#undef _
#undef N_
#include "cli.h"

/* One "SCREEN<TAB>KEYS<TAB>WHAT THEY DO" line per key of `km`. */
static void
print_table(const struct tui_keymap *km)
{
    struct tui_help_line lines[TUI_KEYS_MAX];
    size_t n = tui_keymap_help(km, CS_ROLE_ADMIN, lines, TUI_KEYS_MAX);

    if (n > TUI_KEYS_MAX)
        n = TUI_KEYS_MAX;
    for (size_t i = 0; i < n; i++)
        printf("%s\t%s\t%s\n", _(km->title), lines[i].keys, lines[i].text);
}

/* `consult tui --keys` (not in the usage: for the manual's test): every
 * registered screen's keys as the help screen gives them (with the keys
 * that open other screens from it), then every dialog's, for an admin
 * (who sees every action). */
static int
print_keys(void)
{
    const struct tui_keymap *dialogs[64];
    size_t n;

    for (size_t i = 0; tui_screen_keymaps[i] != NULL; i++) {
        struct tui_keys k;

        tui_screen_keys(&k, tui_screen_keymaps[i]);
        print_table(&k.map);
    }
    n = tui_dialog_keymaps(dialogs, 64);
    for (size_t i = 0; i < n && i < 64; i++)
        print_table(dialogs[i]);
    return EXIT_OK;
}

/* The interface on `db` until the user quits: 0, or the exit code of a
 * terminal it could not start. */
static int
run(struct cs_db *db, const struct term_opts *o,
    const struct tui_start *start)
{
    if (tui_run(db, o, start) == 0)
        return 0;
    /* The terminal's fault, said plainly (64, as without one). */
    if (term_start_error()[0] != '\0') {
        fprintf(stderr, "%s: %s %s\n", cli_progname,
                _("cannot start the terminal interface:"),
                term_start_error());
        return EXIT_USAGE;
    }
    fprintf(stderr, "%s: %s\n", cli_progname,
            _("cannot start the terminal interface."));
    return EXIT_SOFTWARE;
}

/* The consultation `code` names, or the only one there is. */
static int
enter_consultation(struct cs_db *db, const char *code,
                   struct tui_start *start)
{
    struct cs_consultation_list *list = NULL;
    struct cs_error err;
    enum cs_rc rc;
    int x;

    if (code != NULL) {
        if ((x = cli_consultation(db, code, &start->cons_id)) != 0)
            return x;
        snprintf(start->cons_code, sizeof start->cons_code, "%s", code);
        return 0;
    }
    cs_error_clear(&err);
    if ((rc = cs_consultation_list(db, &list, &err)) != CS_OK)
        return cli_fail(&err, rc);
    if (list->count != 1) {
        cs_consultation_list_free(list);
        return cli_usage_error("enter", "%s",
            _("give --consultation CODE: the database has not exactly one "
              "consultation."));
    }
    start->cons_id = list->items[0].id;
    snprintf(start->cons_code, sizeof start->cons_code, "%s",
             list->items[0].code);
    cs_consultation_list_free(list);
    return 0;
}

int
cmd_enter(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "consultation", required_argument, NULL, 'c' },
        { "batch", required_argument, NULL, 'b' },
        { "no-mouse", no_argument, NULL, 'm' },
        { "cursor", no_argument, NULL, 'u' },
        { "no-cursor", no_argument, NULL, 'C' },
        { NULL, 0, NULL, 0 },
    };
    struct term_opts o = { true, true };
    struct tui_start start;
    struct cs_db *db = NULL;
    const char *code = NULL;
    int c, x;

    memset(&start, 0, sizeof start);
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'c': code = optarg; break;
        case 'b':
            if (!cli_parse_id("enter", optarg, &start.batch_id))
                return EXIT_USAGE;
            break;
        case 'm': o.mouse = false; break;
        case 'u': o.cursor = true; break;
        case 'C': o.cursor = false; break;
        default: return cli_bad_option("enter", c, argv);
        }
    }
    if (optind < argc)
        return cli_operands("enter", argc - optind, 0);
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
        return cli_usage_error("enter", "%s",
                               _("the terminal interface needs a terminal."));
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    /* Who may key forms is the core's table. */
    if (!cs_db_can(db, CS_OP_ADD_IDEA)) {
        fprintf(stderr, "%s: %s\n", cli_progname,
                _("keying paper forms needs the agent or admin role."));
        cs_db_close(db);
        return EXIT_NOPERM;
    }
    if (start.batch_id != 0 && code == NULL) {
        /* The batch's consultation. */
        struct cs_batch b;
        struct cs_error err;
        enum cs_rc rc;

        cs_error_clear(&err);
        if ((rc = cs_batch_get(db, start.batch_id, &b, &err)) != CS_OK) {
            x = cli_fail(&err, rc);
            cs_db_close(db);
            return x;
        }
        start.cons_id = b.consultation_id;
        snprintf(start.cons_code, sizeof start.cons_code, "%s",
                 b.consultation_code ? b.consultation_code : "");
        cs_batch_clear(&b);
        x = run(db, &o, &start);
    } else if ((x = enter_consultation(db, code, &start)) == 0) {
        x = run(db, &o, &start);
    }
    cs_db_close(db);
    return x;
}

int
cmd_tui(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "no-mouse", no_argument, NULL, 'm' },
        { "cursor", no_argument, NULL, 'c' },       /* the default */
        { "no-cursor", no_argument, NULL, 'C' },
        { "keys", no_argument, NULL, 'k' },
        { NULL, 0, NULL, 0 },
    };
    struct term_opts o = { true, true };
    struct cs_db *db = NULL;
    bool keys = false;
    int c, code;

    while (argc > 0 && (c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'm': o.mouse = false; break;
        case 'c': o.cursor = true; break;
        case 'C': o.cursor = false; break;
        case 'k': keys = true; break;
        default: return cli_usage_error("tui", "%s", _("bad option."));
        }
    }
    if (argc > 0 && optind < argc)
        return cli_usage_error("tui", "%s", _("too many arguments."));
    if (keys)
        return print_keys();
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
        return cli_usage_error("tui", "%s",
                               _("the terminal interface needs a terminal."));
    if ((code = cli_open(g, false, &db)) != 0)
        return code;
    code = run(db, &o, NULL);
    cs_db_close(db);
    return code;
}
