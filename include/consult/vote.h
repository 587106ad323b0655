/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * vote.h: individual votes and anonymous tallies.
 *
 * A vote is one participant supporting one idea, once: a second vote by the
 * same person for the same idea (or for an idea merged with it) is refused,
 * not doubled. A tally is an anonymous count of paper votes for an idea from
 * one workshop or ballot box ("14 stickers at the Marchienne workshop"),
 * with its source, so that it can be corrected and is never counted twice.
 * A tally is one session of its source: one tally per idea, source and
 * day. Keying the same source and day again replaces that session's counts
 * (an audit row keeps them before and after); another day of the same
 * source is another tally. A tally counts votes for (they add to the
 * idea's support) and votes against, which are shown beside the support and
 * never subtracted from it.
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
    int64_t count;          /* votes for, >= 0 (count in the support) */
    int64_t against;        /* votes against, >= 0 (never subtracted) */
    char *source;           /* workshop or ballot box */
    char *counted_at;       /* date given, or entry time; its first ten
                               characters are the session's day */
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

/* Remove vote `id` (a keying error). Admin, or the agent who entered it.
 * Returns CS_OK, CS_ENOTFOUND, CS_EPERM, CS_EBUSY. Audited. */
enum cs_rc cs_vote_delete(struct cs_db *db, int64_t id, struct cs_error *err);

/* What writing one tally session did. */
enum cs_tally_outcome {
    CS_TALLY_ADDED = 0,     /* a new session */
    CS_TALLY_REPLACED,      /* the session's counts were replaced */
    CS_TALLY_UNCHANGED      /* the session already had these counts */
};

/* What cs_tally_put reports. */
struct cs_tally_result {
    int64_t id;                     /* the session's tally */
    enum cs_tally_outcome outcome;
    int64_t was_count;              /* votes for before (replaced) */
    int64_t was_against;            /* votes against before (replaced) */
};

/*
 * Record the session of `source` on the day of `counted_at` (NULL: today,
 * UTC) for idea `idea_id`: `count` votes for and `against` votes against.
 * A session already recorded for this idea, source (compared case- and
 * accent-insensitively) and day has its counts replaced, with an audit row
 * holding them before and after; replacing a session another agent entered
 * takes an admin. Agent or admin. Writes `*res` (may be NULL) on success.
 * Returns CS_OK, CS_EINVAL (a count < 0, empty source, bad date; err->field
 * names it), CS_ENOTFOUND (idea), CS_ECONFLICT (idea withdrawn or hidden),
 * CS_EPERM, CS_EBUSY.
 */
enum cs_rc cs_tally_put(struct cs_db *db, int64_t idea_id, int64_t count,
                        int64_t against, const char *source,
                        const char *counted_at, struct cs_tally_result *res,
                        struct cs_error *err);

/* cs_tally_put with no votes against; `*id` (may be NULL) gets the
 * session's tally. */
enum cs_rc cs_tally_add(struct cs_db *db, int64_t idea_id, int64_t count,
                        const char *source, const char *counted_at,
                        int64_t *id, struct cs_error *err);

/* One line of a tally sheet. */
struct cs_tally_line {
    int64_t idea_id;
    int64_t count;          /* votes for, >= 0 */
    int64_t against;        /* votes against, >= 0 */
};

/* What saving a tally sheet did, line by line summed up. */
struct cs_tally_sheet_result {
    size_t added;           /* sessions new for their idea */
    size_t replaced;        /* sessions whose counts changed */
    size_t unchanged;       /* sessions that had these counts already */
};

/*
 * Save a tally sheet: the session of `source` on the day of `counted_at`
 * (NULL: today), one line per idea, as cs_tally_put does for each, in one
 * write transaction: every line is written, or none. Writes `*res` (may be
 * NULL) on success. On a refused line nothing is written and err->line is
 * that line's number (1 for lines[0]); the codes are cs_tally_put's.
 */
enum cs_rc cs_tally_sheet_save(struct cs_db *db, const char *source,
                               const char *counted_at,
                               const struct cs_tally_line *lines, size_t n,
                               struct cs_tally_sheet_result *res,
                               struct cs_error *err);

/*
 * The tallies of the session of `source` on the day of `counted_at` (NULL:
 * today) for the ideas of consultation `consultation_id`, ordered by idea.
 * Any role. CS_OK (an empty list when none), CS_EINVAL (bad date), or a
 * database failure. The caller frees `*out` with cs_tally_list_free.
 */
enum cs_rc cs_tally_session_list(struct cs_db *db, int64_t consultation_id,
                                 const char *source, const char *counted_at,
                                 struct cs_tally_list **out,
                                 struct cs_error *err);

/*
 * The votes against counted for idea `idea_id`: those of its tallies and
 * of the tallies of the ideas merged into it, as its support counts their
 * votes for. Shown beside the support, never subtracted from it. Any role.
 * CS_OK, CS_ENOTFOUND, or a database failure.
 */
enum cs_rc cs_tally_against(struct cs_db *db, int64_t idea_id,
                            int64_t *against, struct cs_error *err);

/* Correct the count of tally `id`. Admin, or the agent who entered it.
 * Returns CS_OK, CS_EINVAL, CS_ENOTFOUND, CS_EPERM, CS_EBUSY. Audited. */
enum cs_rc cs_tally_update(struct cs_db *db, int64_t id, int64_t count,
                           struct cs_error *err);

/* The tallies of idea `idea_id`. Any role. */
enum cs_rc cs_tally_list(struct cs_db *db, int64_t idea_id,
                         struct cs_tally_list **out, struct cs_error *err);
void cs_tally_list_free(struct cs_tally_list *list);

#endif /* CONSULT_VOTE_H */
