/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * participant.h: the people who contribute.
 *
 * A participant needs no account and no email (about one in ten has none):
 * a name as written, a service, an optional organisation reference
 * (employee or form number), an optional email, postal or phone contact,
 * and a consent flag for being sent the answer. A participant is identified
 * by its reference where there is one, else by name and service compared
 * case- and accent-insensitively. Anonymising erases the personal fields and
 * keeps the contributions.
 *
 * A form that gives a service and nothing personal (no reference, no name,
 * no email, postal address or phone) is an anonymous contribution from that
 * service: it is kept as the service's anonymous participant, one row per
 * service (no name, no reference, the service alone), so that the figures
 * per service count it. See cs_person_is_service_only.
 */
#ifndef CONSULT_PARTICIPANT_H
#define CONSULT_PARTICIPANT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/db.h"
#include "consult/types.h"

/* A person as written on a form or in a file; every string may be NULL. */
struct cs_person {
    const char *ref;        /* organisation reference (employee number) */
    const char *name;       /* as written */
    const char *service;    /* department, direction */
    const char *email;
    const char *postal;     /* postal contact for those without email */
    const char *phone;      /* telephone number, as written */
    bool consent;           /* may be contacted with the answer */
    bool refused;           /* said no to being contacted (a consent cell
                               saying "non"): withdraws the consent of a
                               participant found again */
    enum cs_channel channel;/* how they came */
};

struct cs_participant {
    int64_t id;
    char *ref;              /* NULL when none */
    char *name;             /* NULL when anonymised or unknown */
    char *service;          /* NULL when none */
    char *email;            /* NULL when none */
    char *postal;           /* NULL when none */
    char *phone;            /* NULL when none */
    bool consent;
    enum cs_channel channel;
    bool anonymised;
    char *created_at;       /* UTC timestamp */
    int64_t idea_count;     /* ideas authored */
    int64_t vote_count;     /* votes cast */
};

/* Whether `p` is an anonymous contribution from a service: a service
 * given, and no reference, name, email, postal address or phone. */
bool cs_person_is_service_only(const struct cs_person *p);

/* Whether `p` gives anything at all (a reference, a name, a service, an
 * email, a postal address or a phone). */
bool cs_person_is_given(const struct cs_person *p);

/*
 * Find the participant `p` designates: by reference if `p->ref` is set,
 * else by name and service (case- and accent-insensitive); a service alone
 * (cs_person_is_service_only) designates the service's anonymous
 * participant. Any role. Returns CS_OK and writes `*id`, CS_ENOTFOUND,
 * CS_EINVAL (neither a reference nor a name, and not a service alone),
 * CS_EPERM.
 */
enum cs_rc cs_participant_find(struct cs_db *db, const struct cs_person *p,
                               int64_t *id, struct cs_error *err);

/*
 * Find the participant `p` designates, or add it when absent. Agent or
 * admin. Writes `*id` and sets `*created` (may be NULL). Audited when added.
 * Returns CS_OK, CS_EINVAL, CS_EPERM, CS_EBUSY.
 */
enum cs_rc cs_participant_resolve(struct cs_db *db, const struct cs_person *p,
                                  int64_t *id, bool *created,
                                  struct cs_error *err);

/* Participants found by cs_participant_search. */
struct cs_participant_list {
    struct cs_participant *items;   /* owned; only id, ref, name and
                                       service are filled */
    size_t count;
};

/*
 * The participants whose name (or a word of it) or reference starts with
 * `text`, compared case- and accent-insensitively for names, by name then
 * service, at most `limit`: what a desk keying votes types to find the
 * voter. Anonymised participants are left out. Agent or admin (who key
 * votes). An empty `text` finds nobody. Names and references are found
 * through their indexes; a word inside a name (from three letters typed)
 * reads the participants' names. Free `*out` with
 * cs_participant_list_free. Returns CS_OK, CS_EPERM, or a database
 * failure.
 */
enum cs_rc cs_participant_search(struct cs_db *db, const char *text,
                                 size_t limit,
                                 struct cs_participant_list **out,
                                 struct cs_error *err);
void cs_participant_list_free(struct cs_participant_list *list);

/* Read participant `id`; clear `out` with cs_participant_clear. Reading
 * personal fields needs the admin role: other roles get CS_EPERM. */
enum cs_rc cs_participant_get(struct cs_db *db, int64_t id,
                              struct cs_participant *out,
                              struct cs_error *err);

/*
 * The author of idea `idea_id` as the paper form gave it, for correcting
 * the form: read by whoever may change the idea (an admin, or the agent
 * who entered it; cs_idea_can_edit) or read personal data. `out->id` is 0
 * for an anonymous idea. Clear `out` with cs_participant_clear. Returns
 * CS_OK, CS_ENOTFOUND (no such idea), CS_EPERM.
 */
enum cs_rc cs_participant_of_idea(struct cs_db *db, int64_t idea_id,
                                  struct cs_participant *out,
                                  struct cs_error *err);

/*
 * Erase the name, reference, email, postal contact and phone of participant
 * `id` and mark it anonymised; its ideas, votes and comments stay. Admin only.
 * Audited (the audit row records that it happened, not the erased values).
 * Returns CS_OK, CS_ENOTFOUND, CS_EPERM, CS_EBUSY.
 */
enum cs_rc cs_participant_anonymise(struct cs_db *db, int64_t id,
                                    struct cs_error *err);

void cs_participant_clear(struct cs_participant *p);

/* ---------------------------------------------------------------- edit */

/* What cs_participant_edit changes: NULL leaves a field as it is, ""
 * erases it; `consent` -1 leaves it, 0 withdraws it, 1 gives it. */
struct cs_participant_edit {
    const char *service;
    const char *email;
    const char *postal;
    const char *phone;
    int consent;
};

/*
 * Change participant `id`'s contact details and consent (a person who
 * moved, who withdraws their consent). Admin (CS_OP_ANONYMISE: who may
 * erase may correct). Audited, without the values (the journal names no
 * one). Returns CS_OK, CS_EINVAL (a field: control characters, a line
 * break in a one-line field, an email without "@"), CS_ENOTFOUND,
 * CS_ECONFLICT (anonymised: nothing is left to edit), CS_EPERM, CS_EBUSY.
 */
enum cs_rc cs_participant_edit(struct cs_db *db, int64_t id,
                               const struct cs_participant_edit *e,
                               struct cs_error *err);

/* ---------------------------------------------------------------- held */

/* One thing held on a person. */
enum cs_held_kind {
    CS_HELD_IDEA = 0,       /* an idea or finding they wrote */
    CS_HELD_VOTE,           /* a vote they cast */
    CS_HELD_COMMENT,        /* a comment they wrote */
    CS_HELD_ANSWER_SENT     /* an answer prepared for them */
};

struct cs_held_item {
    enum cs_held_kind kind;
    int64_t id;             /* the idea's, vote's, comment's or log row's */
    int64_t idea_id;        /* the idea it is about */
    char *consultation;     /* owned: its code */
    char *date;             /* owned: when (submitted, voted, written,
                               prepared) */
    char *title;            /* owned: the idea's title */
    char *text;             /* owned: the idea's or comment's text; NULL */
    char *status;           /* owned: the idea's status; NULL */
    char *answer;           /* owned: the idea's published answer; NULL */
    char *channel;          /* owned: how it came, or how it was sent */
};

struct cs_held {
    struct cs_participant person;
    struct cs_held_item *items; /* owned: ideas, votes, comments, answers
                                   sent, each by date */
    size_t count;
};

/* "idea", "vote", "comment", "answer_sent". */
const char *cs_held_kind_name(enum cs_held_kind k);

/*
 * Everything held on participant `id`: their contact and consent, what
 * they wrote and voted, and the answers prepared for them. Admin
 * (CS_OP_SEE_PERSONAL). Free with cs_held_free. Returns CS_OK,
 * CS_ENOTFOUND, CS_EPERM, CS_ENOMEM.
 */
enum cs_rc cs_participant_held(struct cs_db *db, int64_t id,
                               struct cs_held **out, struct cs_error *err);
void cs_held_free(struct cs_held *h);

/*
 * The same as a CSV file at `path`, for a person who asks what is held on
 * them: a "person" row with their contact, then one row per item (kind,
 * id, idea_id, consultation, date, title, text, status, answer, channel).
 * Written as exports are. Admin (CS_OP_EXPORT_PERSONAL); audited. Returns
 * CS_OK, CS_ENOTFOUND, CS_EPERM, CS_EIO, CS_ECREATE, CS_ENOMEM.
 */
enum cs_rc cs_participant_export(struct cs_db *db, int64_t id,
                                 const char *path, bool shared,
                                 struct cs_error *err);

#endif /* CONSULT_PARTICIPANT_H */
