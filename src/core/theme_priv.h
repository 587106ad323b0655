/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * theme_priv.h: what the importers share about themes (theme.c): finding
 * a theme by its title alone, making a code from a title, creating the
 * themes a file names, and listing those a file needs once each.
 */
#ifndef CONSULT_THEME_PRIV_H
#define CONSULT_THEME_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "consult/theme.h"
#include "dbpriv.h"

/* The theme of consultation `cons` whose title matches `title` (case,
 * accents, apostrophes, quotes, dashes and blanks aside: util_fold_title).
 * Returns CS_OK, CS_ENOTFOUND, CS_EPERM. */
enum cs_rc theme_find_title(struct cs_db *db, int64_t cons,
                            const char *title, struct cs_theme *out,
                            struct cs_error *err);

/* A code for a theme titled `title`: its letters and digits, accents and
 * case folded, words joined by "-", in capitals, at most 32 characters;
 * made unique in consultation `cons` with "-2", "-3"... */
enum cs_rc theme_code_make(struct cs_db *db, int64_t cons, const char *title,
                           char out[33], struct cs_error *err);

/* Add a theme titled `title` to consultation `cons`, with a code made by
 * theme_code_make: cs_theme_add (admin only, audited). */
enum cs_rc theme_create(struct cs_db *db, int64_t cons, const char *title,
                        int64_t *id, struct cs_error *err);

/* The same with the code `code` when it is a valid code that no theme of
 * `cons` has (an export of another database gives both), else one made
 * from the title. */
enum cs_rc theme_create_coded(struct cs_db *db, int64_t cons,
                              const char *code, const char *title,
                              int64_t *id, struct cs_error *err);

/* The themes a file names, each once (by consultation and folded title),
 * with how many rows name it. */
struct theme_need {
    int64_t cons;               /* the consultation */
    char *title;                /* owned: as the file first spells it */
    char *key;                  /* owned: util_fold_title(title) */
    int64_t theme_id;           /* 0: missing */
    long rows;                  /* rows (or projects) naming it */
};

struct theme_needs {
    struct theme_need *items;   /* owned */
    size_t count, cap;
};

/* The entry of `title` in consultation `cons`, added if new (`*at`: its
 * index). Returns CS_OK, CS_EINVAL (not UTF-8), CS_ENOMEM. */
enum cs_rc theme_needs_add(struct theme_needs *n, int64_t cons,
                           const char *title, size_t *at,
                           struct cs_error *err);
void theme_needs_free(struct theme_needs *n);

#endif /* CONSULT_THEME_PRIV_H */
