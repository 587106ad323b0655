/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_tally.h: the tally sheet screen's model, without curses.
 *
 * A tally sheet is one session of a source (a workshop or ballot box on
 * one day), laid out as the paper sheet is: a line per idea of the
 * consultation, with what the session already records for it (if
 * anything) and two cells, the votes for and the votes against, that the
 * agent types line by line. Digits go into the cell the cursor is on;
 * Tab or Enter move for -> against -> the next line's for, Shift-Tab
 * back; Up and Down change line; Backspace takes a digit off. Saving
 * writes every line with a cell typed, in one call to the core
 * (cs_tally_sheet_save: all or nothing); a line left empty is not
 * written, and a cell left empty on a typed line keeps what the session
 * had (0 when new). Nothing typed is lost to a refusal: the lines stay,
 * the cursor goes to the line refused.
 */
#ifndef CONSULT_TUI_MODEL_TALLY_H
#define CONSULT_TUI_MODEL_TALLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/consult.h"
#include "tui.h"

#define TALLY_MAX_LINES 5000    /* ideas on one sheet at most */
#define TALLY_CELL_DIGITS 6     /* digits in one cell at most */

/* A cell of the grid: the votes for, or against. */
enum tally_cell {
    TALLY_FOR = 0,
    TALLY_AGAINST
};

struct tally_line {
    int64_t idea_id;
    char title[200];            /* the idea's title (or text's start) */
    bool saved;                 /* the session records this idea */
    int64_t saved_for;          /* ...with these counts */
    int64_t saved_against;
    char typed[2][TALLY_CELL_DIGITS + 1];   /* digits typed, "" if none */
};

struct model_tally {
    struct cs_db *db;           /* borrowed */
    int64_t cons_id;
    char code[40];              /* the consultation's code */
    char source[200];           /* the session's source, as typed */
    char date[32];              /* its day, as typed ("" today) */
    struct tally_line *lines;   /* owned */
    size_t count;
    bool more;                  /* the consultation has more ideas than
                                   the sheet shows */
    size_t sel;                 /* the line the cursor is on */
    enum tally_cell cell;       /* the cell the cursor is on */
    size_t top;                 /* first line shown */
};

void model_tally_init(struct model_tally *m);
void model_tally_free(struct model_tally *m);

/*
 * Open the sheet of the session of `source` on `date` ("" or NULL: today)
 * for consultation `cons_id`: its ideas that can receive tallies (not
 * merged, withdrawn or hidden), in number order, at most TALLY_MAX_LINES,
 * and what the session records for them. What was typed is dropped.
 * Returns CS_OK, CS_EINVAL (no source, a bad date: err->field names it),
 * or what the core's reads return.
 */
enum cs_rc model_tally_open(struct model_tally *m, struct cs_db *db,
                            int64_t cons_id, const char *code,
                            const char *source, const char *date,
                            struct cs_error *err);

/*
 * Give key `key` (a tui_key) to the grid: digits, Backspace, Tab, Enter,
 * Shift-Tab, Up, Down, PgUp, PgDn, Home, End; `height` is the lines
 * shown. True when the key was the grid's.
 */
bool model_tally_key(struct model_tally *m, int key, int height);

/* Read again what the session records (others may have keyed it); what
 * was typed stays. */
enum cs_rc model_tally_reread(struct model_tally *m, struct cs_error *err);

/* Lines with a cell typed (what saving would write). */
size_t model_tally_typed(const struct model_tally *m);

/*
 * Save the typed lines through the core in one transaction, then read the
 * session again and clear what was typed. `*res` (may be NULL) gets what
 * the core did. On a refusal nothing is written, the typed cells stay,
 * and the cursor goes to the line refused. Returns cs_tally_sheet_save's
 * codes (CS_OK with nothing typed: nothing to do).
 */
enum cs_rc model_tally_save(struct model_tally *m,
                            struct cs_tally_sheet_result *res,
                            struct cs_error *err);

/* The title line: the sheet, its source and day, the lines typed. */
void model_tally_header(const struct model_tally *m, char *buf, size_t size);
/* The column headings, `width` columns wide. */
void model_tally_heading(const struct model_tally *m, int width, char *buf,
                         size_t size);
/*
 * The lines shown from the top, `width` columns wide, at most `max`;
 * `*cy` gets the cursor's line among them and `*cx` its column (the end
 * of the cell it is on).
 */
size_t model_tally_rows(struct model_tally *m, int width,
                        struct tui_row *rows, size_t max, int *cy, int *cx);

#endif /* CONSULT_TUI_MODEL_TALLY_H */
