/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * tui_run.h: the terminal interface's entry point. The CLI's `consult tui`
 * (src/cli/cmd_tui.c) reads the options, opens the database and calls
 * tui_run; nothing here knows the CLI.
 */
#ifndef CONSULT_TUI_RUN_H
#define CONSULT_TUI_RUN_H

#include "consult/db.h"
#include "term.h"

/* Run the interface on `db` (borrowed) with `options` until the user
 * quits. Returns 0, or -1 when the terminal could not be started (nothing
 * was shown; the caller says so). */
int tui_run(struct cs_db *db, const struct term_opts *options);

#endif /* CONSULT_TUI_RUN_H */
