/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * tui_main.h: the terminal interface's entry point, for the command table
 * of src/cli/main.c: `consult` with no command on a terminal, or
 * `consult tui [--no-mouse] [--cursor]`.
 */
#ifndef CONSULT_TUI_MAIN_H
#define CONSULT_TUI_MAIN_H

struct cli_global;

/* Open the database the global options name and run the interface until
 * the user quits. Returns an exit code (cli.h). */
int cmd_tui(struct cli_global *g, int argc, char **argv);

#endif /* CONSULT_TUI_MAIN_H */
