/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * batch.h: paper batches and double entry.
 *
 * A paper batch is an envelope or a box of paper forms: its label, where
 * it was collected (a service, a workshop, a town-hall desk), the date,
 * who keys it, the number of forms counted by hand (the control total,
 * "expected"), and its layout: the fields its paper form has, in paper
 * order, so that an entry form skips the others. Forms are keyed into a
 * batch (cs_batch_key_form, or an import with a paper batch); the batch
 * shows keyed / expected and closes while they differ only with a reason,
 * given by an admin.
 *
 * In a double-entry batch each form is keyed twice, by two different
 * agents. The first entry of a form reference makes the idea (checked
 * "pending"); the second is held with the batch, never an idea, and the
 * two are compared field by field: identical, the idea is "verified";
 * different, it is "disputed" until an admin or a third agent settles each
 * differing field (cs_batch_resolve). A disputed idea stays visible and
 * counts once, with the first entry's values.
 *
 * Field names are the idea record's canonical names (record.h): theme,
 * form_ref, author_name, service, email, postal, consent, title, body,
 * submitted_at...
 */
#ifndef CONSULT_BATCH_H
#define CONSULT_BATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/db.h"
#include "consult/error.h"
#include "consult/idea.h"

/* ---------------------------------------------------------------- batches */

/* What cs_batch_add takes; strings are copied. */
struct cs_batch_new {
    int64_t consultation_id;    /* required */
    const char *label;          /* required: "Envelope 3, Marchienne" */
    const char *point;          /* collection point; NULL or "": none */
    const char *date;           /* cs_date_parse forms; NULL or "": today */
    const char *keyer;          /* login keying it; NULL or "": anyone */
    int64_t expected;           /* forms counted by hand, >= 0 */
    const char *fields;         /* the paper form's fields, in paper order,
                                   separated by commas or blanks; NULL or
                                   "": every field of the entry form */
    bool double_entry;          /* each form keyed twice */
    const char *prefix;         /* of its form references; NULL or "":
                                   "B" and the batch's number */
};

/* A paper batch and its counts. */
struct cs_batch {
    int64_t id;
    int64_t consultation_id;
    char *consultation_code;    /* owned */
    char *label;                /* owned */
    char *point;                /* owned, NULL when none */
    char *received_on;          /* owned, "YYYY-MM-DD" */
    char *keyer;                /* owned, NULL when anyone */
    char *fields;               /* owned, canonical names joined by "," */
    char *prefix;               /* owned */
    bool double_entry;
    int64_t expected;           /* the control total */
    int64_t keyed;              /* ideas keyed (or imported) into it */
    int64_t verified;           /* double entry: both entries agree */
    int64_t disputed;           /* double entry: they differ, unsettled */
    int64_t pending;            /* double entry: keyed once so far */
    char *closed_at;            /* owned, UTC; NULL while open */
    char *closed_by;            /* owned, login; NULL while open */
    char *close_reason;         /* owned, NULL when none */
    char *created_at;           /* owned, UTC */
    char *created_by;           /* owned, login */
};

struct cs_batch_list {
    struct cs_batch *items;     /* owned, `count` of them, by id */
    size_t count;
};

/*
 * Add a paper batch. Agent or admin (CS_OP_BATCHES). The layout's names
 * are checked against the fields of a paper form (cs_batch_form_fields)
 * and stored canonical, in the order given, each once.
 * Returns CS_OK and writes `*id` (may be NULL), CS_EINVAL (err->field:
 * "label", "expected", "date", "fields" naming the unknown field,
 * "prefix", "keyer"), CS_ENOTFOUND (consultation), CS_EPERM, CS_EBUSY.
 * Audited.
 */
enum cs_rc cs_batch_add(struct cs_db *db, const struct cs_batch_new *in,
                        int64_t *id, struct cs_error *err);

/* Batch `id` with its counts; clear `out` with cs_batch_clear. Any role.
 * Returns CS_OK, CS_ENOTFOUND, CS_EPERM. */
enum cs_rc cs_batch_get(struct cs_db *db, int64_t id, struct cs_batch *out,
                        struct cs_error *err);

/* The batches of consultation `consultation_id` (0: of all), by id, with
 * their counts. Any role. Free with cs_batch_list_free.
 * Returns CS_OK, CS_EPERM, CS_ENOMEM. */
enum cs_rc cs_batch_list(struct cs_db *db, int64_t consultation_id,
                         struct cs_batch_list **out, struct cs_error *err);
void cs_batch_list_free(struct cs_batch_list *list);
void cs_batch_clear(struct cs_batch *b);

/*
 * Close batch `id`: no form is keyed into it after. When the keyed count
 * differs from the expected one, `reason` (NULL or "": none) is required
 * and only an admin may give it (CS_OP_BATCH_CLOSE_DIFF); a reason given
 * otherwise is kept too. Agent or admin (CS_OP_BATCHES).
 * Returns CS_OK, CS_ENOTFOUND, CS_ECONFLICT (already closed; or counts
 * differ and no reason), CS_EPERM (counts differ and the user is not an
 * admin), CS_EINVAL (reason not text), CS_EBUSY. Audited.
 */
enum cs_rc cs_batch_close(struct cs_db *db, int64_t id, const char *reason,
                          struct cs_error *err);

/*
 * The next form reference proposed in batch `id`: its prefix, "-" and the
 * number after the forms keyed so far, zero-padded to 3 ("B3-017"),
 * skipping references already taken in the consultation. Any role.
 * Returns CS_OK, CS_ENOTFOUND, CS_EPERM, CS_EINVAL (buffer too small).
 */
enum cs_rc cs_batch_next_ref(struct cs_db *db, int64_t id, char *out,
                             size_t n, struct cs_error *err);

/* The most forms printed or proposed at once. */
#define CS_BATCH_FORMS_MAX 10000

/*
 * The references of the next `count` forms of batch `id` (1 to
 * CS_BATCH_FORMS_MAX), in the order cs_batch_next_ref proposes them one
 * after another: `*refs` gets a NULL-terminated array, freed with
 * cs_batch_refs_free. Any role.
 * Returns CS_OK, CS_ENOTFOUND, CS_EPERM, CS_EINVAL, CS_ENOMEM.
 */
enum cs_rc cs_batch_next_refs(struct cs_db *db, int64_t id, size_t count,
                              char ***refs, struct cs_error *err);
void cs_batch_refs_free(char **refs);

/*
 * Typeset the blank paper forms of batch `id` into a PDF at `path`
 * (written as exports are: "-" standard output, a device written through,
 * a new file 0600, 0660 when `shared`): one A4 page per form, with its
 * printed reference (the references cs_batch_next_refs gives, so that
 * keying the batch starts from them), the consultation's title, its
 * themes as boxes to tick, the lines the batch's layout has, and the
 * consent box. `count` 0: the forms not keyed yet, expected minus keyed
 * (CS_EINVAL when none is left). `*written` (may be NULL) gets the number
 * of forms. Needs groff (CS_EIO, saying so, without it). Any role.
 * Returns CS_OK, CS_ENOTFOUND, CS_EPERM, CS_EINVAL, CS_EIO, CS_ECREATE,
 * CS_ENOMEM.
 */
enum cs_rc cs_batch_forms(struct cs_db *db, int64_t id, int64_t count,
                          const char *path, bool shared, int64_t *written,
                          struct cs_error *err);

/* ---------------------------------------------------------------- layout */

/* The fields a paper form may have, in the entry form's order (canonical
 * names of the idea record); `*n` gets their number. Static storage. A
 * batch's layout is a selection of them; without one, it has them all. */
const char *const *cs_batch_form_fields(size_t *n);

/* Whether batch `b` (read by cs_batch_get) has field `name` (a canonical
 * name, or as cs_record_field compares). */
bool cs_batch_has_field(const struct cs_batch *b, const char *name);

/* ---------------------------------------------------------------- keying */

/* What keying a form did. */
enum cs_key_outcome {
    CS_KEY_ADDED = 0,           /* a plain batch: the idea is added */
    CS_KEY_FIRST,               /* double entry: the first entry made the
                                   idea, pending the second */
    CS_KEY_VERIFIED,            /* double entry: the second entry agrees */
    CS_KEY_DISPUTED             /* double entry: the second entry differs */
};

/*
 * Key one paper form into batch `batch_id`: the entry form's one save.
 * `in` is the idea as cs_idea_add takes it; its paper_batch_id and
 * consultation_id are taken from the batch. Agent or admin
 * (CS_OP_ADD_IDEA).
 *
 * In a plain batch the idea is added. In a double-entry batch a form
 * reference is required; the first entry of a reference adds the idea
 * (pending) and keeps the keyed fields; the second, by another login, is
 * kept with the batch and compared field by field: the idea becomes
 * verified or disputed. `*idea_id` gets the idea (the one the first entry
 * made, for a second entry) and `*outcome` what happened; both may be
 * NULL. Writes nothing on failure.
 * Returns CS_OK, CS_EINVAL (as cs_idea_add; form_ref missing in a double
 * batch), CS_ENOTFOUND (batch, theme), CS_ECONFLICT (batch closed; form
 * reference used elsewhere; both entries of the form already keyed),
 * CS_EPERM (role; the same login keying both entries), CS_EBUSY. Audited.
 */
enum cs_rc cs_batch_key_form(struct cs_db *db, int64_t batch_id,
                             const struct cs_idea_new *in, int64_t *idea_id,
                             enum cs_key_outcome *outcome,
                             struct cs_error *err);

/* ---------------------------------------------------------------- double entry */

/* One field on which the two entries of a form differ. */
struct cs_batch_diff_item {
    char *form_ref;             /* owned */
    int64_t idea_id;            /* the idea the first entry made */
    char *field;                /* owned, canonical name */
    char *first;                /* owned, the first entry's value ("" none) */
    char *first_by;             /* owned, login */
    char *second;               /* owned */
    char *second_by;            /* owned, login */
    char *resolved;             /* owned, the value chosen, NULL if not */
};

struct cs_batch_diff {
    struct cs_batch_diff_item *items;   /* owned, by form reference then
                                           paper order of the fields */
    size_t count;
};

/*
 * The fields on which the two entries of each form of batch `id` differ.
 * With `all` false, only those not yet settled (a form once settled no
 * longer shows); with true, the settled ones too, with their value. Any
 * role. Free with cs_batch_diff_free.
 * Returns CS_OK, CS_ENOTFOUND, CS_EPERM, CS_ENOMEM.
 */
enum cs_rc cs_batch_diff(struct cs_db *db, int64_t id, bool all,
                         struct cs_batch_diff **out, struct cs_error *err);
void cs_batch_diff_free(struct cs_batch_diff *d);

/*
 * Settle field `field` of form `form_ref` of double-entry batch `id` with
 * `value` (usually one of the two entries' values, but any value the
 * field takes): the idea gets it (as an update of the idea, audited), the
 * choice is kept with the entries (audited), and when no differing field
 * is left unsettled the idea is verified. An admin, or an agent who keyed
 * neither entry of the form.
 * Returns CS_OK, CS_ENOTFOUND (batch, form, or a field on which the
 * entries do not differ), CS_EINVAL (value refused by the field's check:
 * err->field), CS_ECONFLICT (not a double batch; the form has one entry),
 * CS_EPERM, CS_EBUSY.
 */
enum cs_rc cs_batch_resolve(struct cs_db *db, int64_t id,
                            const char *form_ref, const char *field,
                            const char *value, struct cs_error *err);

/* "pending", "verified", "disputed" translated; "" for anything else. */
const char *cs_entry_check_label(const char *stored);

#endif /* CONSULT_BATCH_H */
