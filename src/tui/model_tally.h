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
 *
 * A sheet may list a short list instead of every idea (a workshop voted
 * on some ideas only): the ideas of a paper batch, those with a tag, or
 * numbers typed in the order the paper sheet gives them ("12 3 7-9").
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

/* The tally sheet's own action (see tui.h): choose which ideas it lists. */
#define TALLY_ACT_LIST TUI_ACT_OWN1

/* A cell of the grid: the votes for, or against. */
enum tally_cell {
    TALLY_FOR = 0,
    TALLY_AGAINST
};

/* Which ideas a sheet lists: every one of the consultation (all zero),
 * or a short list. */
struct tally_scope {
    int64_t batch_id;           /* the ideas keyed into this paper batch;
                                   0: any */
    const char *tag;            /* the ideas with this tag; NULL or "":
                                   any */
    const int64_t *ids;         /* these ideas, in this order (the paper
                                   sheet's); NULL: any */
    size_t id_count;
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
    bool by_number;             /* lines in number order (else in the
                                   order typed) */
    char scope[200];            /* the short list, as the title says it
                                   ("batch 3", "tag atelier", "5 ideas
                                   chosen"); "" every idea */
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

/*
 * The same on a short list: the ideas of `scope` that can receive
 * tallies, in number order, or the ideas `scope->ids` in the order given.
 * Returns as model_tally_open, and for numbers given: CS_ENOTFOUND (no
 * such idea in the consultation), CS_EINVAL (one that takes no tally:
 * merged, withdrawn, hidden; one given twice; none given), each naming
 * the idea; for a batch or a tag, CS_ENOTFOUND when none of its ideas is
 * in the consultation. NULL scope: every idea.
 */
enum cs_rc model_tally_open_scope(struct model_tally *m, struct cs_db *db,
                                  int64_t cons_id, const char *code,
                                  const char *source, const char *date,
                                  const struct tally_scope *scope,
                                  struct cs_error *err);

/*
 * Read idea numbers as an agent types them from a paper sheet: numbers
 * and ranges ("12 3 7-9", commas or blanks between), at most
 * TALLY_MAX_LINES, in the order typed. `*ids` gets an array the caller
 * frees (free()), `*n` its length. Returns CS_OK, CS_EINVAL (not a
 * number, a range backwards or too long, nothing typed), CS_ENOMEM.
 */
enum cs_rc model_tally_parse_ids(const char *text, int64_t **ids, size_t *n,
                                 struct cs_error *err);

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
