/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_import.h: the import screen's model, without curses.
 *
 * Three views. The browser: the directories and files of a directory,
 * starting in the current one (directories first, then files, each
 * sorted; ".." first to go up). The file: what the CSV reader found (the
 * encoding and the delimiter), then a line per choice (the kind of file,
 * the consultation, the channel of the rows that name none, the paper
 * batch the file fills), a line per column of the file with the field
 * the importer reads from it (the core's matching, cs_import_columns,
 * with the user's changes as an import mapping) and its first rows'
 * cells, and after a dry run the themes the file names that the
 * consultation lacks, each created on the spot (cs_theme_add_titled).
 * The result: the counts of the import (or dry run) and the refused rows
 * with their reasons, read back from the reject file.
 *
 * The import is the core's (cs_import_file), one transaction: its
 * progress callback may stop it, and then nothing of it is kept.
 */
#ifndef CONSULT_TUI_MODEL_IMPORT_H
#define CONSULT_TUI_MODEL_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/consult.h"
#include "model_menu.h"
#include "tui.h"

/* The import screen's own actions (see tui.h). */
#define IMPORT_ACT_RUN TUI_ACT_OWN1     /* import the file */
#define IMPORT_ACT_DRY TUI_ACT_OWN2     /* a dry run */
#define IMPORT_ACT_REFUSED TUI_ACT_OWN3 /* the refused rows */
#define IMPORT_ACT_PARENT TUI_ACT_OWN4  /* up a directory / back to the
                                           browser */

/* The first rows of a file shown. */
#define MODEL_IMPORT_ROWS 3

enum model_import_view {
    IMPORT_VIEW_BROWSE = 0,
    IMPORT_VIEW_FILE,
    IMPORT_VIEW_RESULT
};

/* The choice lines of the file view, before the columns. */
enum model_import_line {
    IMPORT_LINE_KIND = 0,
    IMPORT_LINE_CONS,
    IMPORT_LINE_CHANNEL,
    IMPORT_LINE_BATCH,
    IMPORT_LINE_COLUMNS         /* the first column's line */
};

struct model_import_entry {
    char name[256];
    bool dir;
};

/* A refused row, from the reject file. */
struct model_import_refused {
    long line;                  /* its line in the input */
    char reason[512];
    char row[512];              /* its cells, joined with " | " */
};

struct model_import {
    struct cs_db *db;               /* borrowed */
    int width;
    enum model_import_view view;

    /* The browser. */
    char dir[1024];
    struct model_import_entry *entries; /* owned */
    size_t nentries, sel, top;

    /* The file. */
    char path[2048];
    enum cs_csv_encoding encoding;
    char delimiter;
    size_t ncols;
    char **headers;                 /* owned, ncols */
    char **cells;                   /* owned, nrows * ncols ("" past a
                                       short row) */
    size_t nrows;
    const char **fields;            /* owned array, ncols: the field each
                                       column feeds, or NULL */
    int *chosen;                    /* owned, ncols: -2 as found, -1 not
                                       imported, else an index into
                                       cs_import_fields */
    char map_note[512];             /* what the mapping lacks, or "" */

    /* The choices. */
    enum cs_import_kind kind;
    char cons[40];                  /* code, "" for none */
    int64_t cons_id;
    int channel;                    /* enum cs_channel; -1: the default */
    int64_t batch;                  /* paper batch, 0: none */
    size_t line, ftop;              /* the cursor's line, the first shown */

    /* The last dry run or import. */
    bool ran;
    bool dry;
    enum cs_rc rc;
    char rc_msg[512];
    struct cs_import_report rep;

    /* The result view's refused rows. */
    struct model_import_refused *refused;   /* owned */
    size_t nrefused, rsel, rtop;
};

/* Start on the browser in `dir` (NULL: the current directory), for
 * consultation `cons` (code, may be NULL). Returns CS_OK, or CS_EIO when
 * the directory cannot be read. */
enum cs_rc model_import_init(struct model_import *m, struct cs_db *db,
                             const char *cons, const char *dir, int width,
                             struct cs_error *err);
void model_import_free(struct model_import *m);

/* The browser: move (UP, DOWN, PGUP, PGDN by `page`, HOME, END). */
void model_import_apply(struct model_import *m, enum tui_action a,
                        int page);
/* Enter: the browser opens the directory or file selected (a file: the
 * file view); the file view does nothing (the screen asks). */
enum cs_rc model_import_enter(struct model_import *m, struct cs_error *err);
/* Backspace: the browser goes up a directory, the file view and the
 * result go back a view. False when there is nowhere to go. */
bool model_import_parent(struct model_import *m, struct cs_error *err);
/* Read file `path` into the file view. */
enum cs_rc model_import_load(struct model_import *m, const char *path,
                             struct cs_error *err);

/* The file view's choices. */
void model_import_set_kind(struct model_import *m, enum cs_import_kind k);
enum cs_rc model_import_set_cons(struct model_import *m, const char *code,
                                 struct cs_error *err);
void model_import_set_channel(struct model_import *m, int channel);
void model_import_set_batch(struct model_import *m, int64_t batch);
/* Column `col` feeds field `field` (an index into cs_import_fields of the
 * kind), or nothing (-1), or what the importer finds itself (-2). */
void model_import_map(struct model_import *m, size_t col, int field);

/* Which column the cursor is on (the file view), or -1; which missing
 * theme (index in rep.missing_themes), or -1. */
int model_import_column(const struct model_import *m);
int model_import_missing(const struct model_import *m);

/* The menus of the kind, channel, paper batch and field lines (the
 * column on the cursor), added to `mm` (opened by the caller) with the
 * current choice selected. */
void model_import_kind_menu(const struct model_import *m,
                            struct model_menu *mm);
void model_import_channel_menu(const struct model_import *m,
                               struct model_menu *mm);
enum cs_rc model_import_batch_menu(const struct model_import *m,
                                   struct model_menu *mm,
                                   struct cs_error *err);
void model_import_field_menu(const struct model_import *m,
                             struct model_menu *mm);

/* Dry run, or import for real with `progress` called as it goes (may
 * stop it: CS_ECANCELED, nothing kept). The result is in m->rep and
 * m->rc; refused rows are read into the result view. Returns the core's
 * codes. */
enum cs_rc model_import_run(struct model_import *m, bool dry,
                            cs_import_progress_fn progress, void *ctx,
                            struct cs_error *err);

/* Create missing theme `i` (rep.missing_themes) in the consultation, then
 * run the dry run again. Writes the theme's code. */
enum cs_rc model_import_create_theme(struct model_import *m, size_t i,
                                     char code[33], struct cs_error *err);

/* The result view of the last run: its counts and refused rows. False
 * when nothing ran yet. */
bool model_import_show_result(struct model_import *m);

/* "[#####.....]  45 %  12000 rows read, 3 refused, about 20 s left"
 * for `p`, `elapsed` seconds after the start (the time left is said once
 * two seconds have passed), fitted to `width`. */
void model_import_progress_text(const struct cs_import_progress *p,
                                double elapsed, int width, char *buf,
                                size_t size);
/* The counts of the last run, in one sentence. */
void model_import_summary(const struct model_import *m, char *buf,
                          size_t size);

/* The title line and the body's lines of the current view (at most
 * `max`), scrolled so that the cursor's line shows; `*cursor` is its
 * line. */
void model_import_header(const struct model_import *m, char *buf,
                         size_t size);
size_t model_import_rows(struct model_import *m, struct tui_row *rows,
                         size_t max, int *cursor);

#endif /* CONSULT_TUI_MODEL_IMPORT_H */
