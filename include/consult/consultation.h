/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * consultation.h: consultations, the top of the domain.
 *
 * A consultation (a call for ideas, or a survey of findings and ideas) has a
 * short unique code that people type on forms and in CSV files ("AGENTS21"),
 * a title, an audience, opening and closing dates and a state.
 */
#ifndef CONSULT_CONSULTATION_H
#define CONSULT_CONSULTATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/db.h"
#include "consult/types.h"

struct cs_consultation {
    int64_t id;
    char *code;                 /* unique, case-insensitive, no blanks */
    char *title;
    char *description;          /* "" when none */
    enum cs_cons_kind kind;
    enum cs_audience audience;
    char *opens_on;             /* "YYYY-MM-DD", or NULL */
    char *closes_on;            /* "YYYY-MM-DD", or NULL */
    enum cs_cons_state state;
    char *created_at;           /* UTC timestamp */
    int64_t idea_count;         /* ideas and findings, merged included */
    int64_t vote_count;         /* individual votes (not tallies) */
    int64_t tally_total;        /* sum of tally counts */
    bool hold_answers;          /* answers stay unpublished until an admin
                                   publishes them */
    int retention_months;       /* months after closes_on after which its
                                   participants are anonymised
                                   (retention.h); 0: none set */
};

/* What cs_consultation_add takes; strings are copied. */
struct cs_consultation_new {
    const char *code;           /* required: 1-32 letters, digits, - or _ */
    const char *title;          /* required */
    const char *description;    /* may be NULL */
    enum cs_cons_kind kind;
    enum cs_audience audience;
    const char *opens_on;       /* any form cs_date_parse takes, or NULL */
    const char *closes_on;      /* idem; not before opens_on */
    enum cs_cons_state state;
};

struct cs_consultation_list {
    struct cs_consultation *items;  /* owned, ordered by code */
    size_t count;
};

/*
 * Add a consultation. Admin only. Writes `*id` on success (id may be NULL).
 * Returns CS_OK, CS_EINVAL (err->field names the field), CS_ECONFLICT (code
 * taken), CS_EPERM, CS_EBUSY. Audited.
 */
enum cs_rc cs_consultation_add(struct cs_db *db,
                               const struct cs_consultation_new *c,
                               int64_t *id, struct cs_error *err);

/* Change the state of consultation `id`. Admin only. Audited.
 * Returns CS_OK, CS_ENOTFOUND, CS_EPERM, CS_EBUSY. */
enum cs_rc cs_consultation_set_state(struct cs_db *db, int64_t id,
                                     enum cs_cons_state state,
                                     struct cs_error *err);

/*
 * Whether consultation `id` holds the answers given in it (in a committee
 * session or not) unpublished until an admin publishes them: exports of
 * answers, decisions and ideas leave a held answer out. Turning it off
 * publishes nothing: answers already held wait for cs_consultation_publish.
 * Admin only (CS_OP_CONSULTATIONS). Audited.
 * Returns CS_OK, CS_ENOTFOUND, CS_EPERM, CS_EBUSY.
 */
enum cs_rc cs_consultation_set_hold_answers(struct cs_db *db, int64_t id,
                                            bool hold, struct cs_error *err);

/*
 * Set how many months after its closing date the participants of
 * consultation `id` are kept (1 to 1200; 0: no retention, they are kept
 * until anonymised by hand). cs_retention_run then anonymises those whose
 * contributions all belong to consultations past their retention. Allowed
 * in every state, archived included: like the state, it is the
 * consultation's life, not its content. Admin only (CS_OP_CONSULTATIONS).
 * Audited. Returns CS_OK, CS_EINVAL (months out of range; err->field
 * "retention"), CS_ENOTFOUND, CS_EPERM, CS_EBUSY.
 */
enum cs_rc cs_consultation_set_retention(struct cs_db *db, int64_t id,
                                         int months, struct cs_error *err);

/*
 * Publish every held answer of consultation `id` (given in a session or
 * not), and mark its closed sessions published. Writes the number of
 * answers published to `*count` (may be NULL; 0 when none was held).
 * Admin only (CS_OP_PUBLISH). One journal row ("publish", consultation).
 * Returns CS_OK, CS_ENOTFOUND, CS_EPERM, CS_EBUSY.
 */
enum cs_rc cs_consultation_publish(struct cs_db *db, int64_t id,
                                   int64_t *count, struct cs_error *err);

/*
 * Whether a contribution (an idea or a vote) of `channel` dated `date`
 * (any form cs_date_parse takes; NULL: now) comes late: the consultation
 * (`consultation_id`, or when 0 that of idea `idea_id`) is closed and takes
 * it all the same, as late paper, workshop or phone input dated on or
 * before its closing date. Writes `*late`. The front ends warn with it;
 * the writes themselves enforce the state (an archived consultation
 * refuses every write, a closed one what is not late). Any role.
 * Returns CS_OK, CS_EINVAL (date), CS_ENOTFOUND.
 */
enum cs_rc cs_consultation_is_late(struct cs_db *db, int64_t consultation_id,
                                   int64_t idea_id, enum cs_channel channel,
                                   const char *date, bool *late,
                                   struct cs_error *err);

/* The id of the consultation with code `code` (case-insensitive), without
 * the counts cs_consultation_find makes (which take seconds on a national
 * consultation). Any role. Returns CS_OK and writes `*id`, CS_ENOTFOUND
 * (err->field "consultation"), CS_EPERM. */
enum cs_rc cs_consultation_lookup(struct cs_db *db, const char *code,
                                  int64_t *id, struct cs_error *err);

/* Look a consultation up by code (case-insensitive) or by id; fills `out`,
 * which the caller clears with cs_consultation_clear. Any role.
 * Returns CS_OK, CS_ENOTFOUND, CS_EPERM. */
enum cs_rc cs_consultation_find(struct cs_db *db, const char *code,
                                struct cs_consultation *out,
                                struct cs_error *err);
enum cs_rc cs_consultation_get(struct cs_db *db, int64_t id,
                               struct cs_consultation *out,
                               struct cs_error *err);

/* All consultations with their counts. Free with the list's _free. */
enum cs_rc cs_consultation_list(struct cs_db *db,
                                struct cs_consultation_list **out,
                                struct cs_error *err);
void cs_consultation_list_free(struct cs_consultation_list *list);
void cs_consultation_clear(struct cs_consultation *c);

#endif /* CONSULT_CONSULTATION_H */
