/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * comment.h: participants' remarks on an idea; a comment can be hidden by
 * moderation (with a reason) and stays in the database.
 */
#ifndef CONSULT_COMMENT_H
#define CONSULT_COMMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/db.h"
#include "consult/participant.h"

struct cs_comment {
    int64_t id;
    int64_t idea_id;
    int64_t participant_id;     /* 0: anonymous */
    char *author_name;          /* NULL when anonymous or anonymised */
    char *body;
    char *created_at;           /* UTC */
    char *entered_by;           /* login */
    bool hidden;
    char *hidden_reason;        /* NULL unless hidden */
    int64_t parent_id;          /* the comment it answers, 0: the idea */
    int channel;                /* enum cs_channel: how it came */
    char *form_ref;             /* its reference ("consul:17092"), or
                                   NULL */
};

struct cs_comment_list {
    struct cs_comment *items;   /* owned, oldest first */
    size_t count;
};

/*
 * Add a comment on idea `idea_id` by `author` (NULL: anonymous; found or
 * added). Agent or admin. Audited.
 * Returns CS_OK and writes `*id` (may be NULL), CS_EINVAL (empty body),
 * CS_ENOTFOUND (idea), CS_EPERM, CS_EBUSY.
 */
enum cs_rc cs_comment_add(struct cs_db *db, int64_t idea_id,
                          const struct cs_person *author, const char *body,
                          int64_t *id, struct cs_error *err);

/* The same, for a comment that came through `channel` (an enum
 * cs_channel; cs_comment_add's is paper). */
enum cs_rc cs_comment_add_via(struct cs_db *db, int64_t idea_id,
                              const struct cs_person *author,
                              const char *body, int channel, int64_t *id,
                              struct cs_error *err);

/* Hide comment `id` with `reason` (required). Admin only. Audited.
 * Returns CS_OK, CS_EINVAL, CS_ENOTFOUND, CS_EPERM, CS_EBUSY. */
enum cs_rc cs_comment_hide(struct cs_db *db, int64_t id, const char *reason,
                           struct cs_error *err);

/* Which comments a list holds. Who may read hidden comments is the
 * core's rule (CS_OP_SEE_HIDDEN: admins), not the caller's. */
enum cs_comment_scope {
    CS_COMMENTS_VISIBLE = 0,    /* the visible ones */
    CS_COMMENTS_ALLOWED,        /* and the hidden ones, with their reason,
                                   when the role may read them */
    CS_COMMENTS_ALL             /* and the hidden ones: CS_EPERM for a role
                                   that may not read them */
};

/* The comments on idea `idea_id` in `scope`, oldest first. Any role;
 * authors' names only for a role that may read personal data
 * (CS_OP_SEE_PERSONAL). Returns CS_OK, CS_EPERM (no role; or
 * CS_COMMENTS_ALL asked by a role that may not read hidden comments),
 * CS_ENOMEM. Free with cs_comment_list_free. */
enum cs_rc cs_comment_list(struct cs_db *db, int64_t idea_id,
                           enum cs_comment_scope scope,
                           struct cs_comment_list **out,
                           struct cs_error *err);
void cs_comment_list_free(struct cs_comment_list *list);

#endif /* CONSULT_COMMENT_H */
