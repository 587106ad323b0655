/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * idea.h: ideas and findings, their statuses, merges, tags and lists.
 *
 * An idea belongs to a consultation and a theme; it has a kind (idea or
 * finding), a title and a body, an author (a participant, or anonymous), the
 * channel it came through, and the paper form's reference, unique within the
 * consultation, which makes a re-import idempotent. Its support (votes plus
 * tally counts, plus those of the ideas merged into it) is kept up to date
 * by the core, so lists and counts never count votes on the fly.
 */
#ifndef CONSULT_IDEA_H
#define CONSULT_IDEA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/db.h"
#include "consult/participant.h"
#include "consult/types.h"

struct cs_idea {
    int64_t id;
    int64_t consultation_id;
    char *consultation_code;
    int64_t theme_id;
    char *theme_code;
    enum cs_idea_kind kind;
    char *title;
    char *body;
    int64_t author_id;          /* 0: anonymous */
    enum cs_channel channel;
    char *form_ref;             /* NULL when none */
    int64_t batch_id;           /* import batch, 0 when keyed in */
    char *submitted_at;         /* when the participant gave it */
    char *entered_at;           /* when it was keyed or imported (UTC) */
    char *entered_by;           /* login */
    enum cs_status status;
    char *status_changed_at;    /* UTC */
    char *answer;               /* official answer, NULL when none */
    int64_t merged_into;        /* 0 unless MERGED */
    char *hidden_reason;        /* NULL unless HIDDEN */
    int64_t votes;              /* distinct voters on this idea itself */
    int64_t tallies;            /* sum of its own tally counts */
    int64_t support;            /* votes + tallies, merged ideas included */
    int64_t version;            /* 1 when added, one more with every
                                   decision (status, answer, merge, tag,
                                   text, theme...); votes and tallies
                                   leave it as it is */
    int64_t paper_batch_id;     /* paper batch keyed into, 0 when none */
    char *entry_check;          /* double entry: "pending", "verified" or
                                   "disputed"; NULL outside such batches */
};

/*
 * The last decision on an idea, as it stands now: what a write refused
 * with CS_ESTALE tells the user (who changed it, when, and to what).
 */
struct cs_idea_decision {
    int64_t idea_id;
    int64_t version;            /* the idea's version now */
    enum cs_status status;      /* its status now */
    char action[16];            /* journal action of that decision:
                                   "status", "merge", "unmerge", "tag",
                                   "untag", "update"; "" when unknown */
    char by[64];                /* login that made it */
    char at[32];                /* when, UTC "YYYY-MM-DDTHH:MM:SS.mmmZ" */
};

/* One official answer given to an idea: answers are history, the idea's
 * `answer` is only the current one. */
struct cs_idea_answer {
    int64_t id;
    enum cs_status status;      /* ACCEPTED, REJECTED or IMPLEMENTED */
    char *answer;               /* owned */
    char *given_at;             /* owned, UTC */
    char *given_by;             /* owned, login */
    char *published_at;         /* owned, UTC; NULL: held, not yet
                                   published (the consultation holds
                                   answers) */
    char *published_by;         /* owned, login; NULL while held */
    int64_t session_id;         /* committee session whose close gave it;
                                   0: given outside a session */
};

struct cs_idea_answer_list {
    struct cs_idea_answer *items;   /* owned, `count` of them, oldest first */
    size_t count;
};

/* What cs_idea_add takes; strings are copied. */
struct cs_idea_new {
    int64_t consultation_id;    /* required */
    int64_t theme_id;           /* required, a theme of that consultation */
    enum cs_idea_kind kind;
    const char *title;          /* NULL or "": made from the body's words */
    const char *body;           /* required */
    enum cs_channel channel;
    const char *form_ref;       /* NULL or "" when none */
    const char *submitted_at;   /* cs_date_parse forms; NULL: now */
    const struct cs_person *author; /* NULL: anonymous; found or added */
    int64_t paper_batch_id;     /* paper batch (batch.h) it is keyed into,
                                   of the same consultation and open; 0:
                                   none. A double-entry batch takes its
                                   forms through cs_batch_key_form only */
};

/* What cs_idea_update changes: NULL / 0 fields are left as they are. */
struct cs_idea_change {
    int64_t theme_id;
    const char *title;
    const char *body;
    const char *form_ref;
    const enum cs_idea_kind *kind;
    const enum cs_channel *channel;
};

enum cs_idea_order {
    CS_ORDER_DATE = 0,          /* submitted_at, then id */
    CS_ORDER_ID,
    CS_ORDER_SUPPORT,           /* support, then id */
    CS_ORDER_RELEVANCE          /* a search's bm25, best first, then id
                                   (cs_search_ideas only) */
};

/* Filters for cs_idea_list; zero / -1 / NULL mean "any". */
struct cs_idea_filter {
    int64_t consultation_id;    /* 0: any */
    int64_t theme_id;           /* 0: any */
    int status;                 /* enum cs_status, or -1 */
    int channel;                /* enum cs_channel, or -1 */
    int kind;                   /* enum cs_idea_kind, or -1 */
    const char *tag;            /* NULL: any */
    int64_t author_id;          /* 0: any */
    int64_t paper_batch_id;     /* paper batch keyed into; 0: any */
    enum cs_idea_order order;
    bool descending;            /* newest, most supported, highest id first */
};

/* Where a page ends: pass it back to get the next page. */
struct cs_idea_cursor {
    bool valid;                 /* false: start from the first row */
    int64_t id;
    int64_t support;
    char date[32];
};

struct cs_idea_list {
    struct cs_idea *items;      /* owned, `count` of them */
    size_t count;
    struct cs_idea_cursor next; /* valid when more rows may follow */
};

/* Ideas counted per theme and status, for one consultation. */
struct cs_idea_count_row {
    int64_t theme_id;
    char *theme_code;
    char *theme_title;
    int64_t by_status[CS_STATUS_COUNT];
    int64_t total;
};
struct cs_idea_counts {
    struct cs_idea_count_row *rows;     /* owned, one per theme, in order */
    size_t count;
    struct cs_idea_count_row all;       /* totals; theme fields NULL */
};

/*
 * Add an idea or finding. Agent or admin. The author, when given, is found
 * or added in the same transaction. The status is NEW.
 * Returns CS_OK and writes `*id` (may be NULL), CS_EINVAL (err->field names
 * the field: "body", "theme", "submitted_at"...), CS_ENOTFOUND
 * (consultation, theme or paper batch), CS_ECONFLICT (form reference
 * already used in this consultation; paper batch closed, of another
 * consultation or double-entry), CS_EPERM, CS_EBUSY. Audited.
 */
enum cs_rc cs_idea_add(struct cs_db *db, const struct cs_idea_new *in,
                       int64_t *id, struct cs_error *err);

/* Read idea `id`; clear `out` with cs_idea_clear. Any role.
 * Returns CS_OK, CS_ENOTFOUND, CS_EPERM. */
enum cs_rc cs_idea_get(struct cs_db *db, int64_t id, struct cs_idea *out,
                       struct cs_error *err);

/*
 * Decisions and `if_version`.
 *
 * Every call below changes a decision on an idea and adds one to its
 * version in the same transaction. `if_version` is the version the caller
 * decided on (the one its screen showed, or `--if-unchanged N`): when the
 * idea is no longer at that version, nothing is written and the call
 * returns CS_ESTALE, with a message naming who changed the idea, when and
 * to what; cs_idea_last_decision gives the same facts as a structure.
 * 0 means "no check" (scripts that decide without reading first).
 */

/*
 * Change the text or classification of idea `id`. Admin, or the agent who
 * entered it. Returns CS_OK, CS_EINVAL, CS_ENOTFOUND, CS_ECONFLICT (form
 * reference taken), CS_ESTALE, CS_EPERM, CS_EBUSY. Audited with before and
 * after.
 */
enum cs_rc cs_idea_update(struct cs_db *db, int64_t id, int64_t if_version,
                          const struct cs_idea_change *ch,
                          struct cs_error *err);

/*
 * Move idea `id` to status `to`. Admin only (CS_OP_SET_STATUS, or
 * CS_OP_HIDE for HIDDEN).
 *
 * `text` is the official answer for ACCEPTED, REJECTED and IMPLEMENTED
 * (required), the reason for HIDDEN (required), and ignored otherwise:
 * cs_status_text says which.
 * An answer given is also kept in the idea's answer history (see
 * cs_idea_answers), which a later reopening leaves as it is; it is held
 * unpublished when the idea's consultation holds answers
 * (cs_consultation_set_hold_answers).
 * Returns CS_OK, CS_ENOTFOUND, CS_ECONFLICT (transition not allowed: see
 * cs_status_transition_ok), CS_EINVAL (answer or reason missing; err->field
 * is "answer" or "reason"), CS_ESTALE, CS_EPERM, CS_EBUSY. Audited.
 */
enum cs_rc cs_idea_set_status(struct cs_db *db, int64_t id,
                              int64_t if_version, enum cs_status to,
                              const char *text, struct cs_error *err);

/* One idea of a decision taken on several at once. */
struct cs_status_item {
    int64_t id;                 /* the idea */
    const char *text;           /* its own answer or reason; NULL: the
                                   text given to the call */
    int64_t if_version;         /* the version it was decided on (as
                                   cs_idea_set_status takes it); 0: any */
};

/*
 * Move every idea of `items` (`n` of them) to status `to` in one
 * transaction: all of them, or none. Admin only (CS_OP_SET_STATUS, or
 * CS_OP_HIDE for HIDDEN).
 *
 * Each idea takes its item's text, or `text` when the item has none; the
 * rule on texts is cs_status_text_check's, and every text is checked
 * before anything is written. An item with an `if_version` is decided only
 * while its idea is still at that version (lost updates), as with
 * cs_idea_set_status. Each idea moved leaves its own audit row and answer
 * history, as cs_idea_set_status does. `n` == 0 changes nothing and
 * returns CS_OK.
 *
 * On a failure that concerns one idea, the message names it ("Idea 12:
 * ..."; not when `n` is 1), err->field is kept, and `*failed` (may be
 * NULL) is set to that item's index; on any other failure, or on success,
 * `*failed` is `n`. Returns CS_OK, CS_ENOTFOUND, CS_ECONFLICT (a move not
 * allowed), CS_ESTALE (an idea changed since its `if_version`), CS_EINVAL
 * (a text missing or bad, an idea listed twice: field "idea"), CS_EPERM,
 * CS_EBUSY, CS_ENOMEM.
 */
enum cs_rc cs_idea_set_status_many(struct cs_db *db,
                                   const struct cs_status_item *items,
                                   size_t n, enum cs_status to,
                                   const char *text, size_t *failed,
                                   struct cs_error *err);

/* Whether the acting login may change idea `id` (cs_idea_update): an admin
 * any idea, an agent those it entered, a viewer none. Writes `*can`.
 * Returns CS_OK, CS_ENOTFOUND, CS_EPERM (no role at all). */
enum cs_rc cs_idea_can_edit(struct cs_db *db, int64_t id, bool *can,
                            struct cs_error *err);

/*
 * Merge idea `id` into idea `into` (a duplicate): `id` becomes MERGED and its
 * votes, tallies and supporters count for `into` (a person who supported
 * both counts once). Both must be in the same consultation; `into` must not
 * itself be merged, withdrawn or hidden. Admin only. Audited. `if_version`
 * is checked against idea `id` (the one decided on); the version of `into`
 * does not change (its support is a count).
 * Returns CS_OK, CS_ENOTFOUND, CS_ECONFLICT, CS_EINVAL (same idea),
 * CS_ESTALE, CS_EPERM, CS_EBUSY.
 */
enum cs_rc cs_idea_merge(struct cs_db *db, int64_t id, int64_t if_version,
                         int64_t into, struct cs_error *err);

/* Undo the merge of idea `id`: it gets back the status it had and its
 * support leaves the target. Admin only. Audited.
 * Returns CS_OK, CS_ENOTFOUND, CS_ECONFLICT (not merged), CS_ESTALE,
 * CS_EPERM, CS_EBUSY. */
enum cs_rc cs_idea_unmerge(struct cs_db *db, int64_t id, int64_t if_version,
                           struct cs_error *err);

/* Add (or with `remove`, take off) tag `tag` on idea `id`. Tags are
 * compared case-insensitively and created on first use. Admin only. Audited.
 * Returns CS_OK, CS_EINVAL (empty tag), CS_ENOTFOUND, CS_ESTALE, CS_EPERM,
 * CS_EBUSY. Adding a tag the idea has, or removing one it lacks, is CS_OK
 * and changes nothing, not even the version. */
enum cs_rc cs_idea_tag(struct cs_db *db, int64_t id, int64_t if_version,
                       const char *tag, bool remove, struct cs_error *err);

/* The same for the `n` tags of `tags`, in one decision: every tag is
 * checked first, the idea's version is checked once against
 * `if_version`, and all of them are applied, or none is. */
enum cs_rc cs_idea_tag_many(struct cs_db *db, int64_t id, int64_t if_version,
                            const char *const *tags, size_t n, bool remove,
                            struct cs_error *err);

/*
 * The last decision on idea `id` and its version and status now: who made
 * it and when, from the journal (or, for a decision made by an import,
 * from the idea's own status fields). Any role.
 * Returns CS_OK, CS_ENOTFOUND, CS_EPERM.
 */
enum cs_rc cs_idea_last_decision(struct cs_db *db, int64_t id,
                                 struct cs_idea_decision *out,
                                 struct cs_error *err);

/* The journal action of a decision ("status", "merge"...) in words for a
 * person ("status changed", "merged"...), translated. */
const char *cs_idea_decision_label(const char *action);

/*
 * Every official answer given to idea `id`, oldest first, with its status,
 * date and author; the list stays when the idea is reopened. Any role.
 * Free with cs_idea_answer_list_free. Returns CS_OK, CS_ENOTFOUND,
 * CS_EPERM, CS_ENOMEM.
 */
enum cs_rc cs_idea_answers(struct cs_db *db, int64_t id,
                           struct cs_idea_answer_list **out,
                           struct cs_error *err);
void cs_idea_answer_list_free(struct cs_idea_answer_list *list);

/* The tags of idea `id`, sorted, as one string joined with `sep`;
 * `*out` is "" when none. The caller frees `*out`. Any role. */
enum cs_rc cs_idea_tags(struct cs_db *db, int64_t id, const char *sep,
                        char **out, struct cs_error *err);

/*
 * One page of ideas matching `f` (NULL: all), at most `limit` of them,
 * starting after `after` (NULL or !valid: from the start). Pages come from
 * keyset queries: a page deep in the list costs what the first one does.
 * Any role. Free with cs_idea_list_free.
 */
enum cs_rc cs_idea_list(struct cs_db *db, const struct cs_idea_filter *f,
                        const struct cs_idea_cursor *after, size_t limit,
                        struct cs_idea_list **out, struct cs_error *err);
void cs_idea_list_free(struct cs_idea_list *list);

/* A filter that matches everything, ordered by date, oldest first. */
void cs_idea_filter_init(struct cs_idea_filter *f);

/* Ideas per theme and status in consultation `consultation_id`. Any role.
 * Free with cs_idea_counts_free. */
enum cs_rc cs_idea_count(struct cs_db *db, int64_t consultation_id,
                         struct cs_idea_counts **out, struct cs_error *err);
void cs_idea_counts_free(struct cs_idea_counts *c);

void cs_idea_clear(struct cs_idea *idea);

#endif /* CONSULT_IDEA_H */
