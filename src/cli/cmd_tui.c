/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_tui.c: `consult tui` (and `consult` with no command on a terminal):
 * the options, the database, then the terminal interface (tui_run.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <unistd.h>

#include "model_keys.h"
#include "tui_run.h"
/* The terminal interface's headers spell the translation macros with
 * dgettext (the same "consult" domain): take the CLI's spelling here. */
#undef _
#undef N_
#include "cli.h"

/* `consult tui --keys` (not in the usage: for the manual's test): every
 * screen's keys as the help screen gives them, for an admin (who sees
 * every action), one "SCREEN<TAB>KEYS<TAB>WHAT THEY DO" line each. */
static int
print_keys(void)
{
    struct tui_help_line lines[64];

    for (size_t k = 0; tui_keymaps[k] != NULL; k++) {
        const struct tui_keymap *km = tui_keymaps[k];
        size_t n = tui_keymap_help(km, CS_ROLE_ADMIN, lines, 64);

        if (n > 64)
            n = 64;
        for (size_t i = 0; i < n; i++)
            printf("%s\t%s\t%s\n", _(km->title), lines[i].keys,
                   lines[i].text);
    }
    return EXIT_OK;
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
    if (tui_run(db, &o) != 0) {
        /* The terminal's fault, said plainly (64, as without one). */
        if (term_start_error()[0] != '\0') {
            fprintf(stderr, "%s: %s %s\n", cli_progname,
                    _("cannot start the terminal interface:"),
                    term_start_error());
            code = EXIT_USAGE;
        } else {
            fprintf(stderr, "%s: %s\n", cli_progname,
                    _("cannot start the terminal interface."));
            code = EXIT_SOFTWARE;
        }
    }
    cs_db_close(db);
    return code;
}
