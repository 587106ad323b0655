/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * participant.h: the people who contribute.
 *
 * A participant needs no account and no email (about one in ten has none):
 * a name as written, a service, an optional organisation reference
 * (employee or form number), an optional email or postal contact, and a
 * consent flag for being sent the answer. A participant is identified by
 * its reference where there is one, else by name and service compared
 * case- and accent-insensitively. Anonymising erases the personal fields and
 * keeps the contributions.
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
    bool consent;           /* may be contacted with the answer */
    enum cs_channel channel;/* how they came */
};

struct cs_participant {
    int64_t id;
    char *ref;              /* NULL when none */
    char *name;             /* NULL when anonymised or unknown */
    char *service;          /* NULL when none */
    char *email;            /* NULL when none */
    char *postal;           /* NULL when none */
    bool consent;
    enum cs_channel channel;
    bool anonymised;
    char *created_at;       /* UTC timestamp */
    int64_t idea_count;     /* ideas authored */
    int64_t vote_count;     /* votes cast */
};

/*
 * Find the participant `p` designates: by reference if `p->ref` is set,
 * else by name and service (case- and accent-insensitive). Any role.
 * Returns CS_OK and writes `*id`, CS_ENOTFOUND, CS_EINVAL (neither a
 * reference nor a name), CS_EPERM.
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
 * Erase the name, reference, email and postal contact of participant `id`
 * and mark it anonymised; its ideas, votes and comments stay. Admin only.
 * Audited (the audit row records that it happened, not the erased values).
 * Returns CS_OK, CS_ENOTFOUND, CS_EPERM, CS_EBUSY.
 */
enum cs_rc cs_participant_anonymise(struct cs_db *db, int64_t id,
                                    struct cs_error *err);

void cs_participant_clear(struct cs_participant *p);

#endif /* CONSULT_PARTICIPANT_H */
