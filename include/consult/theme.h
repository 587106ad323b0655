/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * theme.h: the themes (or "ambitions") of a consultation.
 *
 * A theme has a short code typed on paper forms and in CSV files, unique
 * within its consultation, a title and a display position.
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

/*
 * Find a theme of a consultation by code, or failing that by title; both
 * case- and accent-insensitive ("Mobilite" finds "Mobilité").
 * Returns CS_OK, CS_ENOTFOUND, CS_EPERM. Clear `out` with cs_theme_clear.
 */
enum cs_rc cs_theme_find(struct cs_db *db, int64_t consultation_id,
                         const char *code_or_title, struct cs_theme *out,
                         struct cs_error *err);

enum cs_rc cs_theme_get(struct cs_db *db, int64_t id, struct cs_theme *out,
                        struct cs_error *err);

/* The themes of a consultation, with counts. Any role. */
enum cs_rc cs_theme_list(struct cs_db *db, int64_t consultation_id,
                         struct cs_theme_list **out, struct cs_error *err);
void cs_theme_list_free(struct cs_theme_list *list);

/* Whether theme `t` is one that `typed` may stand for: its code or its
 * title starts with `typed`, case and accents aside (a blank `typed`
 * stands for every theme). What an entry form's theme list narrows by. */
bool cs_theme_matches(const struct cs_theme *t, const char *typed);
void cs_theme_clear(struct cs_theme *t);

#endif /* CONSULT_THEME_H */
