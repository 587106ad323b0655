/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_export.h: the export screen's model, without curses.
 *
 * One line per choice: the kind (the kinds of `consult export`), the
 * consultation (or every one), what goes out (everything the kind holds,
 * or what the ideas list shows: its filters, search and order), the
 * profile, Excel (a byte order mark, ";" and CRLF), French headers, and
 * the file name (made from the kind and the consultation until one is
 * typed). The export itself is the core's (cs_export_file, which checks
 * the role and writes the manifest); the result says where the file is
 * and how many rows it holds, and the file can then be checked against
 * its manifest (cs_export_verify, and the journal position it names with
 * cs_export_check_journal).
 *
 * "What the ideas list shows" is the desk's view as the list keeps it
 * (model_ideas_view): the same filter, tag, search and order; a search
 * sorted otherwise than by number with more matches than the list sorts
 * (MODEL_IDEAS_SORT_MAX) comes by number, as the list shows it.
 */
#ifndef CONSULT_TUI_MODEL_EXPORT_H
#define CONSULT_TUI_MODEL_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/consult.h"
#include "model_ideas.h"
#include "model_menu.h"
#include "tui.h"

/* The export screen's own actions (see tui.h). */
#define EXPORT_ACT_RUN TUI_ACT_OWN1     /* write the file */
#define EXPORT_ACT_SHOWN TUI_ACT_OWN2   /* what the ideas list shows, or
                                           everything */
#define EXPORT_ACT_VERIFY TUI_ACT_OWN3  /* check the file against its
                                           manifest */

/* The lines of the screen, top to bottom. */
enum model_export_line {
    EXPORT_LINE_KIND = 0,
    EXPORT_LINE_CONS,
    EXPORT_LINE_WHAT,
    EXPORT_LINE_PROFILE,
    EXPORT_LINE_EXCEL,
    EXPORT_LINE_FRENCH,
    EXPORT_LINE_FILE,
    EXPORT_LINE_COUNT
};

struct model_export {
    struct cs_db *db;               /* borrowed */
    int width;
    size_t line;                    /* the line on the cursor */

    enum cs_export_kind kind;
    char cons[40];                  /* consultation code; "": every one */
    enum cs_export_profile profile;
    bool excel;
    bool french;
    char file[1024];                /* as typed, or made */
    bool file_typed;                /* typed: kept when the kind changes */

    /* The ideas list's view, when it is known (model_export_view). */
    bool has_view;
    bool shown;                     /* export what the list shows */
    char view_cons[40];
    char view_theme[40];            /* the theme filter's code, "" */
    int view_status, view_channel;  /* -1: any */
    int64_t view_batch;             /* paper batch, 0: any */
    char view_tag[80];
    char view_query[256];
    enum cs_idea_order view_order;  /* as the list shows it */
    bool view_desc;

    /* The last export, and its check. */
    bool written;
    char path[2048];                /* where the file is (absolute) */
    struct cs_export_result res;
    bool checked;
    bool check_ok;
    char check_msg[512];

    struct cs_consultation_list *conses;    /* owned: the menu's */
};

/* Start with the ideas of consultation `cons` (NULL or "": every one)
 * for a screen `width` columns wide. */
void model_export_init(struct model_export *m, struct cs_db *db,
                       const char *cons, int width);

/*
 * Take the ideas list's view `v` of consultation `cons` (the filters, the
 * tag, the search and the order it shows) as what "what the list shows"
 * exports, and choose it. Counts the search's matches when the list
 * would have to sort them (at most MODEL_IDEAS_SORT_MAX and one).
 * Returns CS_OK, or the core's failure (the theme read, the count).
 */
enum cs_rc model_export_view(struct model_export *m,
                             const struct model_ideas_view *v,
                             const char *cons, struct cs_error *err);

/* Free what `m` holds. */
void model_export_free(struct model_export *m);

/* UP, DOWN, HOME, END between the lines. */
void model_export_apply(struct model_export *m, enum tui_action a);

/* Choose a kind: the consultation and the file name follow; a kind other
 * than the ideas exports everything it holds. */
void model_export_set_kind(struct model_export *m, enum cs_export_kind k);
/* Choose a consultation by its code (NULL or "": every one); what the
 * list shows is of its own consultation only. */
void model_export_set_cons(struct model_export *m, const char *code);
void model_export_set_profile(struct model_export *m,
                              enum cs_export_profile p);
/* The file name typed ("": made again from the kind). */
void model_export_set_file(struct model_export *m, const char *name);
/* Export what the list shows, or everything: false (nothing changes) when
 * no view of the list is known. */
bool model_export_toggle_shown(struct model_export *m);
/* Excel or French headers, on the cursor's line: false when the line is
 * neither. */
bool model_export_toggle(struct model_export *m);

/* The options the lines say, for cs_export_file (strings borrowed from
 * `m`). */
void model_export_options(const struct model_export *m,
                          struct cs_export_options *o);

/* Write the export (cs_export_file, with its manifest beside it). On
 * success `m` says where and how many rows. Returns the core's codes. */
enum cs_rc model_export_run(struct model_export *m, struct cs_error *err);

/* Check the file written against its manifest and the database's
 * journal. The result is in check_ok and check_msg either way; returns
 * CS_OK when it matches, CS_ENOTFOUND when nothing was written yet, else
 * the core's codes. */
enum cs_rc model_export_verify(struct model_export *m, struct cs_error *err);

/* The title line. */
void model_export_header(const struct model_export *m, char *buf,
                         size_t size);
/* The lines (at most `max`): the choices, then the result; `*cursor` is
 * the line of the cursor. Returns how many. */
size_t model_export_rows(const struct model_export *m, struct tui_row *rows,
                         size_t max, int *cursor);

/* The menus of the kind, profile and consultation lines: their items
 * added to `mm` (opened by the caller), the current choice selected; each
 * item's value is a kind, a profile, or for the consultations 0 (every
 * one) or an index that model_export_cons_chosen takes back. */
void model_export_kind_menu(const struct model_export *m,
                            struct model_menu *mm);
void model_export_profile_menu(const struct model_export *m,
                               struct model_menu *mm);
enum cs_rc model_export_cons_menu(struct model_export *m,
                                  struct model_menu *mm,
                                  struct cs_error *err);
void model_export_cons_chosen(struct model_export *m, int64_t value);

#endif /* CONSULT_TUI_MODEL_EXPORT_H */
