/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * theme.h: the themes (or "ambitions") of a consultation.
 *
 * A theme has a short code typed on paper forms and in CSV files, unique
 * within its consultation, a title and a display position. A theme no
 * longer offered is retired: its ideas keep it, the entry form's theme
 * list and `theme list` leave it out.
 */
#ifndef CONSULT_THEME_H
#define CONSULT_THEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/db.h"

struct cs_theme {
    int64_t id;
    int64_t consultation_id;
    char *code;             /* unique in the consultation, case-insensitive */
    char *title;
    int position;           /* display order, from 1 */
    int64_t idea_count;     /* ideas and findings in this theme */
    bool retired;           /* kept for its ideas, offered for no new one */
};

struct cs_theme_list {
    struct cs_theme *items; /* owned, ordered by position then code */
    size_t count;
};

/*
 * Add a theme to consultation `consultation_id`. `position` 0 puts it last.
 * Admin only. Audited. Writes `*id` (may be NULL).
 * Returns CS_OK, CS_EINVAL, CS_ENOTFOUND (consultation), CS_ECONFLICT (code
 * taken in that consultation), CS_EPERM, CS_EBUSY.
 */
enum cs_rc cs_theme_add(struct cs_db *db, int64_t consultation_id,
                        const char *code, const char *title, int position,
                        int64_t *id, struct cs_error *err);

/* Add a theme titled `title` to consultation `consultation_id` with a
 * code made from the title (its letters and digits, capitals, words
 * joined by "-", made unique), as an import that creates the themes a
 * file names does; the code is written to `code` (may be NULL). Admin.
 * Returns what cs_theme_add returns. */
enum cs_rc cs_theme_add_titled(struct cs_db *db, int64_t consultation_id,
                               const char *title, int64_t *id,
                               char code[33], struct cs_error *err);

/*
 * Find a theme of a consultation by code, or failing that by title: the
 * code case-insensitively, the title with case, accents, apostrophe and
 * quote variants (' ’ ʼ), dash variants (- – —) and repeated blanks
 * aside ("Mobilite" finds "Mobilité", "Qualite de l'air" finds "Qualité
 * de l’air"). Retired themes are found too.
 * Returns CS_OK, CS_ENOTFOUND, CS_EPERM. Clear `out` with cs_theme_clear.
 */
enum cs_rc cs_theme_find(struct cs_db *db, int64_t consultation_id,
                         const char *code_or_title, struct cs_theme *out,
                         struct cs_error *err);

enum cs_rc cs_theme_get(struct cs_db *db, int64_t id, struct cs_theme *out,
                        struct cs_error *err);

/*
 * Change the code and/or the title (NULL: unchanged) of theme `id`. Admin
 * only. Audited ("update"). Returns CS_OK, CS_EINVAL (nothing to change, a
 * bad code or title), CS_ENOTFOUND, CS_ECONFLICT (the code, or a title
 * matching this one as cs_theme_find does, belongs to another theme of
 * the consultation), CS_EPERM, CS_EBUSY.
 */
enum cs_rc cs_theme_update(struct cs_db *db, int64_t id, const char *code,
                           const char *title, struct cs_error *err);

/*
 * Retire theme `id` (`retired` true) or offer it again (false). Its ideas
 * keep it. Admin only. Audited ("retire", "restore"). Returns CS_OK,
 * CS_ENOTFOUND, CS_ECONFLICT (already so), CS_EPERM, CS_EBUSY.
 */
enum cs_rc cs_theme_retire(struct cs_db *db, int64_t id, bool retired,
                           struct cs_error *err);

/*
 * Delete theme `id`, which no idea has (of any status). Admin only.
 * Audited ("delete", the theme in `before`). Returns CS_OK, CS_ENOTFOUND,
 * CS_ECONFLICT (it has ideas: the message says how many, and to retire
 * it instead), CS_EPERM, CS_EBUSY.
 */
enum cs_rc cs_theme_delete(struct cs_db *db, int64_t id,
                           struct cs_error *err);

/* The themes of a consultation, with counts, retired ones included (see
 * `retired`). Any role. */
enum cs_rc cs_theme_list(struct cs_db *db, int64_t consultation_id,
                         struct cs_theme_list **out, struct cs_error *err);
void cs_theme_list_free(struct cs_theme_list *list);

/* Whether theme `t` is one that `typed` may stand for: its code or its
 * title starts with `typed`, case and accents aside (a blank `typed`
 * stands for every theme). What an entry form's theme list narrows by. */
bool cs_theme_matches(const struct cs_theme *t, const char *typed);
void cs_theme_clear(struct cs_theme *t);

#endif /* CONSULT_THEME_H */
