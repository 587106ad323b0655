/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * session.h: committee sessions: the meetings of a consultation's steering
 * committee, CODIR or college, their agendas, attendees and decisions.
 *
 * A session belongs to one consultation and one body, and has a date (a
 * day), a title, its attendees (names and roles, for the minutes) and an
 * agenda: the ideas put before it, in order, added by id or by filter.
 * Each agenda item gets a decision (accepted, rejected, implemented or
 * postponed) with a reason and the official answer; the decision is
 * recorded at once, and the idea's status changes only when the session
 * closes: cs_session_close sets every decided idea's status, with its
 * answer, in one transaction, through the same path as cs_idea_set_status
 * (the journal row of each names the session). A closed session is not
 * edited again, only followed by another.
 *
 * Postponed items: the idea stays under review (a new idea goes to
 * reviewing when the session closes; another status is left as it is) and
 * is carried to the agenda of the next session of the same consultation
 * and body. Items left without a decision are carried the same way. The
 * carrying happens when the session closes if that next session exists
 * already (the first open one dated on or after it), else when the next
 * session is added; an idea decided in the meantime (no longer new or
 * under review) is not carried.
 *
 * Held answers: when the consultation holds answers
 * (cs_consultation_set_hold_answers), the answers a close gives stay
 * unpublished until cs_session_publish (this session's) or
 * cs_consultation_publish (every held answer of the consultation);
 * exports leave them out until then.
 *
 * Roles: any user reads sessions; admins prepare them (CS_OP_SESSIONS),
 * decide and close (CS_OP_SET_STATUS) and publish (CS_OP_PUBLISH).
 */
#ifndef CONSULT_SESSION_H
#define CONSULT_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/db.h"
#include "consult/idea.h"
#include "consult/types.h"

/* ---------------------------------------------------------------- names */

enum cs_body {
    CS_BODY_STEERING = 0,   /* the steering committee */
    CS_BODY_CODIR,          /* the management committee (CODIR) */
    CS_BODY_COLLEGE,        /* the college, which decides what is done */
    CS_BODY_COUNT
};

enum cs_decision {
    CS_DECISION_ACCEPTED = 0,   /* needs an answer */
    CS_DECISION_REJECTED,       /* needs an answer */
    CS_DECISION_IMPLEMENTED,    /* needs an answer */
    CS_DECISION_POSTPONED,      /* stays under review, carried over */
    CS_DECISION_COUNT
};

/* "steering", "codir", "college" (stored, and typed on the command line). */
const char *cs_body_name(enum cs_body b);
/* "steering committee", "CODIR", "college", translated. */
const char *cs_body_label(enum cs_body b);
/* Parse a body's name, English or French ("copil", "collège"), case- and
 * accent-insensitively. Returns CS_OK or CS_EINVAL (field "body"). */
enum cs_rc cs_body_parse(const char *s, enum cs_body *out,
                         struct cs_error *err);

/* "accepted", "rejected", "implemented", "postponed". */
const char *cs_decision_name(enum cs_decision d);
/* The same, translated. */
const char *cs_decision_label(enum cs_decision d);
/* Parse a decision: the status words cs_status_parse takes for the first
 * three, and "postponed" ("reporté"). Returns CS_OK or CS_EINVAL (field
 * "decision"). */
enum cs_rc cs_decision_parse(const char *s, enum cs_decision *out,
                             struct cs_error *err);
/* The status a decision gives the idea at the close: ACCEPTED, REJECTED,
 * IMPLEMENTED, or REVIEWING for POSTPONED. */
enum cs_status cs_decision_status(enum cs_decision d);

/* ---------------------------------------------------------------- records */

struct cs_session {
    int64_t id;
    int64_t consultation_id;
    char *consultation_code;    /* owned */
    enum cs_body body;
    char *held_on;              /* owned, "YYYY-MM-DD" */
    char *title;                /* owned; NULL when none */
    bool closed;                /* closed: no more edits */
    char *closed_at;            /* owned, UTC; NULL while open */
    char *closed_by;            /* owned, login; NULL while open */
    char *published_at;         /* owned, UTC; NULL: its answers not
                                   published (or not given yet) */
    char *published_by;         /* owned, login; NULL likewise */
    char *created_at;           /* owned, UTC */
    char *created_by;           /* owned, login */
    int64_t items;              /* ideas on its agenda */
    int64_t decided;            /* of which decided */
};

struct cs_agenda_item {
    int64_t id;
    int64_t idea_id;
    int64_t position;           /* 1, 2, ... in agenda order */
    char *idea_title;           /* owned */
    char *theme_code;           /* owned */
    int64_t support;            /* the idea's support now */
    enum cs_status idea_status; /* the idea's status now */
    int decision;               /* enum cs_decision, or -1: not decided */
    char *reason;               /* owned; NULL when none */
    char *answer;               /* owned; NULL when none */
    char *decided_at;           /* owned, UTC; NULL when not decided */
    char *decided_by;           /* owned, login; NULL likewise */
    int64_t carried_to;         /* session it was carried to; 0: none */
};

struct cs_session_attendee {
    int64_t id;
    char *name;                 /* owned */
    char *role;                 /* owned; "" when none */
};

/* A session with its agenda and attendees (cs_session_get). */
struct cs_session_detail {
    struct cs_session session;
    struct cs_agenda_item *items;       /* owned, `item_count`, in order */
    size_t item_count;
    struct cs_session_attendee *attendees; /* owned, `attendee_count`, in
                                              the order they were added */
    size_t attendee_count;
};

struct cs_session_list {
    struct cs_session *items;   /* owned, `count`, by date then id */
    size_t count;
};

/* What cs_session_add takes; strings are copied. */
struct cs_session_new {
    int64_t consultation_id;    /* required */
    enum cs_body body;
    const char *held_on;        /* required: a date cs_date_parse takes
                                   (a time given is dropped) */
    const char *title;          /* NULL or "": none */
};

/* ---------------------------------------------------------------- calls */

/*
 * Add a session, open. The postponed and undecided items of the closed
 * sessions of the same consultation and body dated on or before it, not
 * carried yet, are put on its agenda (`*carried`, may be NULL, says how
 * many). Admin (CS_OP_SESSIONS). Writes `*id` (may be NULL). Audited.
 * Returns CS_OK, CS_EINVAL (field "body", "date" or "title"),
 * CS_ENOTFOUND (consultation), CS_EPERM, CS_EBUSY.
 */
enum cs_rc cs_session_add(struct cs_db *db, const struct cs_session_new *in,
                          int64_t *id, size_t *carried,
                          struct cs_error *err);

/* The sessions of consultation `consultation_id` (0: of every one), by
 * date then id. Any role. Free with cs_session_list_free.
 * Returns CS_OK, CS_EPERM, CS_ENOMEM. */
enum cs_rc cs_session_list(struct cs_db *db, int64_t consultation_id,
                           struct cs_session_list **out,
                           struct cs_error *err);
void cs_session_list_free(struct cs_session_list *list);

/* Session `id` with its agenda, decisions and attendees. Any role. Free
 * with cs_session_detail_free. Returns CS_OK, CS_ENOTFOUND, CS_EPERM,
 * CS_ENOMEM. */
enum cs_rc cs_session_get(struct cs_db *db, int64_t id,
                          struct cs_session_detail **out,
                          struct cs_error *err);
void cs_session_detail_free(struct cs_session_detail *d);

/*
 * Put the `n` ideas of `ideas` on the agenda of session `id`, after the
 * items there, in the order given; an idea already on it is left where it
 * is. All of them or none. `*added` (may be NULL) is the number put on.
 * Admin (CS_OP_SESSIONS). One journal row per item added.
 * Returns CS_OK, CS_ENOTFOUND (session or idea), CS_EINVAL (an idea of
 * another consultation, or merged: field "idea"), CS_ECONFLICT (session
 * closed), CS_EPERM, CS_EBUSY.
 */
enum cs_rc cs_session_agenda_add(struct cs_db *db, int64_t id,
                                 const int64_t *ideas, size_t n,
                                 size_t *added, struct cs_error *err);

/*
 * Put on the agenda of session `id` every idea of its consultation that
 * matches `f` (cs_idea_list's filter; its consultation and order are not
 * used) and has at least `min_support` support, most supported first;
 * without a status in `f`, the ideas merged, withdrawn or hidden are left
 * out. Ideas already on the agenda stay where they are. `*added` as for
 * cs_session_agenda_add, whose rules and returns apply.
 */
enum cs_rc cs_session_agenda_filter(struct cs_db *db, int64_t id,
                                    const struct cs_idea_filter *f,
                                    int64_t min_support, size_t *added,
                                    struct cs_error *err);

/*
 * Add an attendee, `name` (required) with `role` (NULL or "": none), to
 * session `id`. Admin (CS_OP_SESSIONS). Writes `*attendee` (may be NULL).
 * Audited (without the name). Returns CS_OK, CS_EINVAL (field "name" or
 * "role"), CS_ENOTFOUND, CS_ECONFLICT (closed), CS_EPERM, CS_EBUSY.
 */
enum cs_rc cs_session_attendee_add(struct cs_db *db, int64_t id,
                                   const char *name, const char *role,
                                   int64_t *attendee, struct cs_error *err);

/*
 * Record the decision `d` on idea `idea` of the agenda of session `id`,
 * with `answer` (the official answer: required for accepted, rejected and
 * implemented, as cs_status_text says of their statuses; ignored for
 * postponed) and `reason` (NULL or "": none). A decision recorded again
 * replaces the earlier one. The idea's status does not change until the
 * session closes; the move must be one cs_idea_set_status allows from its
 * status now. Admin (CS_OP_SET_STATUS). Audited.
 * Returns CS_OK, CS_EINVAL (field "decision", "answer" or "reason"),
 * CS_ENOTFOUND (session, or idea not on its agenda), CS_ECONFLICT
 * (session closed, or a move not allowed), CS_EPERM, CS_EBUSY.
 */
enum cs_rc cs_session_decide(struct cs_db *db, int64_t id, int64_t idea,
                             enum cs_decision d, const char *answer,
                             const char *reason, struct cs_error *err);

/*
 * Close session `id` in one transaction: every decided idea's status is
 * set with its answer through the path of cs_idea_set_status (its journal
 * row names the session; the answer is held when the consultation holds
 * answers, else published, and the session marked published), a
 * postponed new idea goes to reviewing, the postponed and undecided items
 * are carried to the next open session of the same consultation and body
 * when there is one, and the session is closed. If any idea cannot take
 * its decision (it changed since), nothing is written: the message names
 * the idea. `*carried` (may be NULL) is the number of items carried.
 * Admin (CS_OP_SET_STATUS). Returns CS_OK, CS_ENOTFOUND, CS_ECONFLICT
 * (already closed, or a move not allowed now), CS_EPERM, CS_EBUSY.
 */
enum cs_rc cs_session_close(struct cs_db *db, int64_t id, size_t *carried,
                            struct cs_error *err);

/*
 * Publish the held answers session `id` gave when it closed, and mark it
 * published. `*count` (may be NULL) is the number of answers published
 * (0 when none was held). Admin (CS_OP_PUBLISH). Audited.
 * Returns CS_OK, CS_ENOTFOUND, CS_ECONFLICT (session still open),
 * CS_EPERM, CS_EBUSY.
 */
enum cs_rc cs_session_publish(struct cs_db *db, int64_t id, int64_t *count,
                              struct cs_error *err);

void cs_session_clear(struct cs_session *s);

/* ---------------------------------------------------------------- pack */

enum cs_session_doc {
    CS_SESSION_AGENDA = 0,  /* before the meeting: the ideas, their text,
                               support and theme, and the figures */
    CS_SESSION_MINUTES      /* after it: attendees, decisions, reasons and
                               answers */
};

/* "agenda", "minutes". */
const char *cs_session_doc_name(enum cs_session_doc doc);

/*
 * Write session `id`'s agenda or minutes to `path`, in the format its name
 * says: ".pdf" a printable document (the consultation's title, the body,
 * the date, page numbers; the agenda with the consultation's figures and
 * a bar chart of support per theme), typeset by groff; ".csv", "-", a
 * device or a pipe: CSV rows, one per agenda item, English column names.
 * Written as exports are (whole or not at all, 0600, 0660 when `shared`).
 * `*items` (may be NULL) gets the number of agenda items. Any role.
 * Returns CS_OK, CS_EINVAL (another file name), CS_ENOTFOUND, CS_EPERM,
 * CS_EIO (groff missing or failing, a failed write), CS_ECREATE,
 * CS_ENOMEM.
 */
enum cs_rc cs_session_export(struct cs_db *db, int64_t id,
                             enum cs_session_doc doc, const char *path,
                             bool shared, int64_t *items,
                             struct cs_error *err);

#endif /* CONSULT_SESSION_H */
