/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * tui_run.h: the terminal interface's entry point. The CLI's `consult tui`
 * (src/cli/cmd_tui.c) reads the options, opens the database and calls
 * tui_run; nothing here knows the CLI.
 */
#ifndef CONSULT_TUI_RUN_H
#define CONSULT_TUI_RUN_H

#include <stdint.h>

#include "consult/db.h"
#include "term.h"

/* Where the interface opens, when not on the consultations. */
struct tui_start {
    int64_t cons_id;            /* open the entry form on this
                                   consultation (0: the consultations) */
    char cons_code[40];         /* ...whose code this is */
    int64_t batch_id;           /* ...keying into this paper batch, 0:
                                   none */
};

/* Run the interface on `db` (borrowed) with `options` until the user
 * quits, opening as `start` says (NULL: on the consultations). Returns 0,
 * or -1 when the terminal could not be started (nothing was shown; the
 * caller says so). */
int tui_run(struct cs_db *db, const struct term_opts *options,
            const struct tui_start *start);

#endif /* CONSULT_TUI_RUN_H */
