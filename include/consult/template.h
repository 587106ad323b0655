/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * template.h: answer templates, so that an administrator answering 300
 * ideas does not type 300 answers. Each consultation has up to nine,
 * numbered 1 to 9 (the number is the key that picks one), each with a
 * short title and a text in which placeholders are filled for each idea:
 *
 *   {title}         the idea's title
 *   {id}            its number
 *   {theme}         its theme's code
 *   {date}          the day it was submitted (YYYY-MM-DD)
 *   {consultation}  the consultation's code
 *
 * An unknown {word} stays as it is. The filled text is a starting point:
 * the answer editor shows it and the administrator changes what is needed.
 */
#ifndef CONSULT_TEMPLATE_H
#define CONSULT_TEMPLATE_H

#include <stddef.h>
#include <stdint.h>

#include "consult/db.h"
#include "consult/idea.h"

#define CS_TEMPLATE_MAX 9       /* templates per consultation, 1..9 */

struct cs_template {
    int64_t id;
    int64_t consultation_id;
    int number;                 /* 1..CS_TEMPLATE_MAX */
    char *title;                /* what it is for ("Accepted, budget 2022") */
    char *body;                 /* the answer, with placeholders */
};

struct cs_template_list {
    struct cs_template *items;  /* owned, ordered by number */
    size_t count;
};

/*
 * Set template `number` of consultation `consultation_id`: added if the
 * number is free, else replaced. `title` and `body` are copied. Admin
 * only. Audited ("add" or "update", table answer_template).
 * Returns CS_OK, CS_EINVAL (number out of 1..9, empty title or body;
 * err->field says which), CS_ENOTFOUND (consultation), CS_EPERM, CS_EBUSY.
 */
enum cs_rc cs_template_set(struct cs_db *db, int64_t consultation_id,
                           int number, const char *title, const char *body,
                           struct cs_error *err);

/* Remove template `number` of a consultation. Admin only. Audited.
 * Returns CS_OK, CS_ENOTFOUND (no such template), CS_EPERM, CS_EBUSY. */
enum cs_rc cs_template_delete(struct cs_db *db, int64_t consultation_id,
                              int number, struct cs_error *err);

/* The templates of a consultation, by number. Any role. Free with
 * cs_template_list_free. Returns CS_OK, CS_EPERM, CS_ENOMEM. */
enum cs_rc cs_template_list(struct cs_db *db, int64_t consultation_id,
                            struct cs_template_list **out,
                            struct cs_error *err);
void cs_template_list_free(struct cs_template_list *list);

/*
 * Fill the placeholders of `body` for `idea` (see above). Writes an owned
 * string to `*out` (free it). Pure text: no database. Returns CS_OK,
 * CS_ENOMEM.
 */
enum cs_rc cs_template_fill(const char *body, const struct cs_idea *idea,
                            char **out, struct cs_error *err);

#endif /* CONSULT_TEMPLATE_H */
