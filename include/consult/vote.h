/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * vote.h: individual votes and anonymous tallies.
 *
 * A vote is one participant supporting one idea, once: a second vote by the
 * same person for the same idea (or for an idea merged with it) is refused,
 * not doubled. A tally is an anonymous count of paper votes for an idea from
 * one workshop or ballot box ("14 stickers at the Marchienne workshop"),
 * with its source, so that it can be corrected and is never counted twice:
 * one tally per idea and source.
 */
#ifndef CONSULT_VOTE_H
#define CONSULT_VOTE_H

#include <stddef.h>
#include <stdint.h>

#include "consult/db.h"
#include "consult/participant.h"
#include "consult/types.h"

struct cs_tally {
    int64_t id;
    int64_t idea_id;
    int64_t count;          /* votes counted, >= 0 */
    char *source;           /* workshop or ballot box */
    char *counted_at;       /* date given, or entry time */
    char *entered_by;       /* login */
};

struct cs_tally_list {
    struct cs_tally *items; /* owned, ordered by source */
    size_t count;
};

/*
 * Record that the participant `voter` designates (found, or added when new)
 * supports idea `idea_id`. A vote for a merged idea goes to the idea it was
 * merged into. `voted_at` may be NULL (now). Agent or admin. Audited.
 * Returns CS_OK and writes `*id` (may be NULL), CS_EINVAL, CS_ENOTFOUND
 * (idea), CS_ECONFLICT (this person already supports this idea, or the idea
 * is withdrawn or hidden), CS_EPERM, CS_EBUSY.
 */
enum cs_rc cs_vote_add(struct cs_db *db, int64_t idea_id,
                       const struct cs_person *voter, enum cs_channel channel,
                       const char *voted_at, int64_t *id,
                       struct cs_error *err);

/*
 * Record, in one transaction, that the person `voter` designates supports
 * idea `idea_id` (as cs_vote_add) and, when `remark` is not blank, their
 * remark on it as a comment by them (as cs_comment_add): both or neither.
 * What a paper form that repeats an existing idea becomes. Agent or admin.
 * Each row audited. Writes `*vote_id` and `*comment_id` (0: no remark;
 * either may be NULL). Returns what cs_vote_add and cs_comment_add return.
 */
enum cs_rc cs_vote_add_with_remark(struct cs_db *db, int64_t idea_id,
                                   const struct cs_person *voter,
                                   enum cs_channel channel,
                                   const char *voted_at, const char *remark,
                                   int64_t *vote_id, int64_t *comment_id,
                                   struct cs_error *err);

/* Remove vote `id` (a keying error). Admin, or the agent who entered it.
 * Returns CS_OK, CS_ENOTFOUND, CS_EPERM, CS_EBUSY. Audited. */
enum cs_rc cs_vote_delete(struct cs_db *db, int64_t id, struct cs_error *err);

/*
 * Record `count` anonymous votes for idea `idea_id` from `source`.
 * Agent or admin. Audited. A second tally from the same source for the same
 * idea is refused (correct it with cs_tally_update instead).
 * Returns CS_OK and writes `*id` (may be NULL), CS_EINVAL (count < 0, empty
 * source), CS_ENOTFOUND, CS_ECONFLICT, CS_EPERM, CS_EBUSY.
 */
enum cs_rc cs_tally_add(struct cs_db *db, int64_t idea_id, int64_t count,
                        const char *source, const char *counted_at,
                        int64_t *id, struct cs_error *err);

/* Correct the count of tally `id`. Admin, or the agent who entered it.
 * Returns CS_OK, CS_EINVAL, CS_ENOTFOUND, CS_EPERM, CS_EBUSY. Audited. */
enum cs_rc cs_tally_update(struct cs_db *db, int64_t id, int64_t count,
                           struct cs_error *err);

/* The tallies of idea `idea_id`. Any role. */
enum cs_rc cs_tally_list(struct cs_db *db, int64_t idea_id,
                         struct cs_tally_list **out, struct cs_error *err);
void cs_tally_list_free(struct cs_tally_list *list);

#endif /* CONSULT_VOTE_H */
