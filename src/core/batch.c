/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * batch.c: paper batches, keying forms into them, and double entry (see
 * batch.h). Above idea.c, whose private calls add the ideas and settle
 * their fields; the ideas themselves never call up here: idea.c checks a
 * paper batch by reading its row.
 *
 * What each entry of a double-keyed form holds is a JSON object of field
 * name to text, always with the same keys in paper order (entry_keys),
 * the values as keyed once checked and normalised (trimmed; a date in its
 * stored form; consent "yes" or "no"; the theme by its code; "" for a
 * field left blank), so that two entries compare key by key.
 */
#include "consult/batch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_priv.h"
#include "cons_state.h"
#include "consult/record.h"
#include "consult/theme.h"
#include "consult/types.h"
#include "i18n.h"
#include "idea_priv.h"
#include "stmt.h"
#include "value.h"

static enum cs_rc
no_memory(struct cs_error *err)
{
    return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
}

static enum cs_rc
no_batch(struct cs_error *err, int64_t id)
{
    return cs_error_set(err, CS_ENOTFOUND, _("No batch %lld."),
                        (long long)id);
}

/* ---------------------------------------------------------------- layout */

/* The fields a paper form may have, in the entry form's order. Double
 * entry compares each of them but the form reference (which pairs the
 * entries): entry_keys below lists them all. */
static const char *const form_candidates[] = {
    "theme", "form_ref", "author_name", "service", "email", "postal",
    "phone", "consent", "title", "body", "submitted_at",
};
#define N_CANDIDATES (sizeof form_candidates / sizeof form_candidates[0])

const char *const *
cs_batch_form_fields(size_t *n)
{
    static const char *fields[N_CANDIDATES];
    static size_t count;

    if (count == 0)
        for (size_t i = 0; i < N_CANDIDATES; i++)
            if (cs_record_field(CS_RECORD_IDEA, form_candidates[i]) != NULL)
                fields[count++] = form_candidates[i];
    if (n)
        *n = count;
    return fields;
}

static bool
is_form_field(const char *name)
{
    size_t n;
    const char *const *f = cs_batch_form_fields(&n);

    for (size_t i = 0; i < n; i++)
        if (strcmp(f[i], name) == 0)
            return true;
    return false;
}

/* The list of the form's field names, "a,b,c". The caller frees it. */
static char *
form_fields_all(void)
{
    size_t n, len = 1;
    const char *const *f = cs_batch_form_fields(&n);
    char *out;

    for (size_t i = 0; i < n; i++)
        len += strlen(f[i]) + 1;
    if ((out = malloc(len)) == NULL)
        return NULL;
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            strcat(out, ",");
        strcat(out, f[i]);
    }
    return out;
}

/* Whether `list` ("a,b,c") holds `name`. */
static bool
list_has(const char *list, const char *name)
{
    size_t len = strlen(name);

    for (const char *p = list; p && *p;) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);

        if (n == len && strncmp(p, name, n) == 0)
            return true;
        p = e ? e + 1 : NULL;
    }
    return false;
}

/* `spec` (names separated by commas or blanks) as canonical names joined
 * by ","; each checked, each once, in the order given. */
static enum cs_rc
layout_parse(const char *spec, char **out, struct cs_error *err)
{
    size_t cap = strlen(spec) + 64;
    char *res = malloc(cap), *copy = util_strdup(spec), *save = NULL;
    enum cs_rc rc = CS_OK;

    if (res == NULL || copy == NULL) {
        free(res);
        free(copy);
        return no_memory(err);
    }
    res[0] = '\0';
    for (char *w = strtok_r(copy, ", \t\n;", &save); w;
         w = strtok_r(NULL, ", \t\n;", &save)) {
        const struct cs_field *f = cs_record_field(CS_RECORD_IDEA, w);

        if (f == NULL || !is_form_field(f->name)) {
            size_t n;
            const char *const *all = cs_batch_form_fields(&n);
            char known[256] = "";

            for (size_t i = 0; i < n; i++) {
                if (i > 0)
                    strncat(known, ", ", sizeof known - strlen(known) - 1);
                strncat(known, all[i], sizeof known - strlen(known) - 1);
            }
            rc = cs_error_field(err, CS_EINVAL, "fields",
                _("\"%s\" is not a field of a paper form; the fields are: "
                  "%s."), w, known);
            goto out;
        }
        if (list_has(res, f->name))
            continue;
        if (res[0] != '\0')
            strcat(res, ",");
        strcat(res, f->name);
    }
    if (res[0] == '\0')
        rc = cs_error_field(err, CS_EINVAL, "fields", "%s",
                            _("A batch's form needs at least one field."));
out:
    free(copy);
    if (rc == CS_OK)
        *out = res;
    else
        free(res);
    return rc;
}

bool
cs_batch_has_field(const struct cs_batch *b, const char *name)
{
    const struct cs_field *f;

    if (b == NULL || name == NULL
        || (f = cs_record_field(CS_RECORD_IDEA, name)) == NULL)
        return false;
    if (b->fields == NULL || b->fields[0] == '\0')
        return is_form_field(f->name);
    return list_has(b->fields, f->name);
}

/* ---------------------------------------------------------------- add */

static enum cs_rc
keyer_exists(struct cs_db *db, const char *login, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db, "SELECT 1 FROM user WHERE login = :login");
    stmt_bind_text(&st, ":login", login);
    if (stmt_row(&st))
        rc = CS_OK;
    else if ((rc = stmt_status(&st, err)) == CS_OK)
        rc = cs_error_field(err, CS_EINVAL, "keyer",
                            _("No user \"%s\" to key this batch."), login);
    stmt_finish(&st);
    return rc;
}

/* The values of a new batch, checked and normalised. */
struct batch_values {
    char *label, *point, *keyer, *fields, *prefix;
    char date[32];
};

static void
values_clear(struct batch_values *v)
{
    free(v->label);
    free(v->point);
    free(v->keyer);
    free(v->fields);
    free(v->prefix);
}

static enum cs_rc
values_check(const struct cs_batch_new *in, struct batch_values *v,
             struct cs_error *err)
{
    enum cs_rc rc;

    memset(v, 0, sizeof *v);
    if (util_is_blank(in->label))
        return cs_error_field(err, CS_EINVAL, "label", "%s",
                              _("A batch needs a label."));
    if ((rc = util_line_check(in->label, "label", err)) != CS_OK
        || (rc = util_line_check(in->point, "point", err)) != CS_OK)
        return rc;
    if (in->expected < 0)
        return cs_error_field(err, CS_EINVAL, "expected", "%s",
                              _("The number of forms expected cannot be "
                                "negative."));
    if (!util_is_blank(in->date)) {
        if ((rc = cs_date_parse(in->date, v->date, sizeof v->date, err))
            != CS_OK)
            return error_rename_field(err, "date", rc);
        v->date[10] = '\0';     /* the day alone */
    } else {
        util_now(v->date);
        v->date[10] = '\0';
    }
    if (!util_is_blank(in->prefix)) {
        char *p = util_trim_dup(in->prefix);

        if (p == NULL)
            return no_memory(err);
        if (strlen(p) > 16 || !util_code_ok(p, "-_./")) {
            rc = cs_error_field(err, CS_EINVAL, "prefix",
                _("Prefix \"%s\": 1 to 16 letters, digits, '-', '_', '.' "
                  "or '/'."), p);
            free(p);
            return rc;
        }
        v->prefix = p;
    }
    v->label = util_trim_dup(in->label);
    v->point = util_is_blank(in->point) ? NULL : util_trim_dup(in->point);
    v->keyer = util_is_blank(in->keyer) ? NULL : util_trim_dup(in->keyer);
    if (v->label == NULL || (!util_is_blank(in->point) && v->point == NULL)
        || (!util_is_blank(in->keyer) && v->keyer == NULL)) {
        values_clear(v);
        return no_memory(err);
    }
    if (util_is_blank(in->fields))
        rc = (v->fields = form_fields_all()) ? CS_OK : no_memory(err);
    else
        rc = layout_parse(in->fields, &v->fields, err);
    if (rc != CS_OK)
        values_clear(v);
    return rc;
}

enum cs_rc
cs_batch_add(struct cs_db *db, const struct cs_batch_new *in, int64_t *id,
             struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct batch_values v;
    char now[32];
    int64_t new_id = 0;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_BATCHES, err)) != CS_OK)
        return rc;
    if (in == NULL)
        return cs_error_set(err, CS_EINVAL, "%s", _("No batch given."));
    if ((rc = values_check(in, &v, err)) != CS_OK)
        return rc;
    if ((rc = txn_begin_write(db, err)) != CS_OK) {
        values_clear(&v);
        return rc;
    }
    if ((rc = cons_exists(db, in->consultation_id, err)) != CS_OK
        || (rc = cons_check_work(db, in->consultation_id, err)) != CS_OK
        || (v.keyer && (rc = keyer_exists(db, v.keyer, err)) != CS_OK))
        goto out;
    util_now(now);
    /* Without a prefix, "B" and the id, known once the row is in. */
    stmt_prepare(&st, db,
        "INSERT INTO paper_batch(consultation_id, label, point, received_on,"
        " keyer, expected, fields, prefix, double_entry, created_at,"
        " created_by) VALUES (:c, :label, :point, :date, :keyer, :expected,"
        " :fields, coalesce(:prefix, '-'), :double, :now, :login)");
    stmt_bind_int64(&st, ":c", in->consultation_id);
    stmt_bind_text(&st, ":label", v.label);
    stmt_bind_text(&st, ":point", v.point);
    stmt_bind_text(&st, ":date", v.date);
    stmt_bind_text(&st, ":keyer", v.keyer);
    stmt_bind_int64(&st, ":expected", in->expected);
    stmt_bind_text(&st, ":fields", v.fields);
    stmt_bind_text(&st, ":prefix", v.prefix);
    stmt_bind_int64(&st, ":double", in->double_entry ? 1 : 0);
    stmt_bind_text(&st, ":now", now);
    stmt_bind_text(&st, ":login", cs_db_login(db));
    if ((rc = stmt_run(&st, err)) != CS_OK)
        goto out;
    new_id = stmt_last_id(&st);
    stmt_finish(&st);
    if (v.prefix == NULL) {
        stmt_prepare(&st, db, "UPDATE paper_batch SET prefix = 'B' || id"
                              " WHERE id = :id");
        stmt_bind_int64(&st, ":id", new_id);
        if ((rc = stmt_run(&st, err)) != CS_OK)
            goto out;
    }
    rc = audit_write(db, "add", "paper_batch", new_id, 0, NULL, err);
out:
    stmt_finish(&st);
    values_clear(&v);
    rc = txn_end(db, rc, err);
    if (rc == CS_OK && id)
        *id = new_id;
    return rc;
}

/* ---------------------------------------------------------------- read */

#define BATCH_COLUMNS \
    "SELECT b.id, b.consultation_id, c.code, b.label, b.point," \
    " b.received_on, b.keyer, b.fields, b.prefix, b.double_entry," \
    " b.expected, b.closed_at, b.closed_by, b.close_reason, b.created_at," \
    " b.created_by," \
    " (SELECT count(*) FROM idea i WHERE i.paper_batch_id = b.id)," \
    " (SELECT count(*) FROM idea i WHERE i.paper_batch_id = b.id" \
    "   AND i.entry_check = 'verified')," \
    " (SELECT count(*) FROM idea i WHERE i.paper_batch_id = b.id" \
    "   AND i.entry_check = 'disputed')," \
    " (SELECT count(*) FROM idea i WHERE i.paper_batch_id = b.id" \
    "   AND i.entry_check = 'pending')" \
    " FROM paper_batch b JOIN consultation c ON c.id = b.consultation_id"

static void
batch_read(struct stmt *st, struct cs_batch *b)
{
    memset(b, 0, sizeof *b);
    b->id = stmt_int64(st, 0);
    b->consultation_id = stmt_int64(st, 1);
    b->consultation_code = stmt_text_dup(st, 2);
    b->label = stmt_text_dup(st, 3);
    b->point = stmt_text_dup(st, 4);
    b->received_on = stmt_text_dup(st, 5);
    b->keyer = stmt_text_dup(st, 6);
    b->fields = stmt_text_dup(st, 7);
    b->prefix = stmt_text_dup(st, 8);
    b->double_entry = stmt_int64(st, 9) != 0;
    b->expected = stmt_int64(st, 10);
    b->closed_at = stmt_text_dup(st, 11);
    b->closed_by = stmt_text_dup(st, 12);
    b->close_reason = stmt_text_dup(st, 13);
    b->created_at = stmt_text_dup(st, 14);
    b->created_by = stmt_text_dup(st, 15);
    b->keyed = stmt_int64(st, 16);
    b->verified = stmt_int64(st, 17);
    b->disputed = stmt_int64(st, 18);
    b->pending = stmt_int64(st, 19);
}

/* cs_batch_get without the role check (inside a transaction or not). */
static enum cs_rc
batch_load(struct cs_db *db, int64_t id, struct cs_batch *out,
           struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct cs_batch b;
    bool found = false;
    enum cs_rc rc;

    stmt_prepare(&st, db, BATCH_COLUMNS " WHERE b.id = :id");
    stmt_bind_int64(&st, ":id", id);
    if (stmt_row(&st)) {
        batch_read(&st, &b);
        found = true;
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK && !found)
        rc = no_batch(err, id);
    if (rc != CS_OK) {
        if (found)
            cs_batch_clear(&b);
        return rc;
    }
    *out = b;
    return CS_OK;
}

enum cs_rc
cs_batch_get(struct cs_db *db, int64_t id, struct cs_batch *out,
             struct cs_error *err)
{
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    return batch_load(db, id, out, err);
}

enum cs_rc
cs_batch_list(struct cs_db *db, int64_t consultation_id,
              struct cs_batch_list **out, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct cs_batch_list *list;
    size_t cap = 0;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if ((list = calloc(1, sizeof *list)) == NULL)
        return no_memory(err);
    stmt_prepare(&st, db, BATCH_COLUMNS
                          " WHERE (:cons IS NULL OR b.consultation_id = :cons)"
                          " ORDER BY b.id");
    stmt_bind_id(&st, ":cons", consultation_id);
    while (stmt_row(&st)) {
        if (list->count == cap) {
            void *p = util_grow(list->items, &cap, list->count,
                                sizeof *list->items);

            if (p == NULL) {
                rc = no_memory(err);
                break;
            }
            list->items = p;
        }
        batch_read(&st, &list->items[list->count++]);
    }
    if (rc == CS_OK)
        rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK) {
        cs_batch_list_free(list);
        return rc;
    }
    *out = list;
    return CS_OK;
}

void
cs_batch_clear(struct cs_batch *b)
{
    if (b == NULL)
        return;
    free(b->consultation_code);
    free(b->label);
    free(b->point);
    free(b->received_on);
    free(b->keyer);
    free(b->fields);
    free(b->prefix);
    free(b->closed_at);
    free(b->closed_by);
    free(b->close_reason);
    free(b->created_at);
    free(b->created_by);
    memset(b, 0, sizeof *b);
}

void
cs_batch_list_free(struct cs_batch_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++)
        cs_batch_clear(&list->items[i]);
    free(list->items);
    free(list);
}

/* ---------------------------------------------------------------- close */

enum cs_rc
cs_batch_close(struct cs_db *db, int64_t id, const char *reason,
               struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct cs_batch b;
    char *before = NULL, *why = NULL, now[32];
    bool loaded = false;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_BATCHES, err)) != CS_OK)
        return rc;
    if ((rc = util_text_check(reason, "reason", err)) != CS_OK)
        return rc;
    if (!util_is_blank(reason) && (why = util_trim_dup(reason)) == NULL)
        return no_memory(err);
    if ((rc = txn_begin_write(db, err)) != CS_OK) {
        free(why);
        return rc;
    }
    if ((rc = batch_load(db, id, &b, err)) != CS_OK)
        goto out;
    loaded = true;
    if ((rc = cons_check_work(db, b.consultation_id, err)) != CS_OK)
        goto out;
    if (b.closed_at != NULL) {
        rc = cs_error_set(err, CS_ECONFLICT,
                          _("Batch %lld is already closed."), (long long)id);
        goto out;
    }
    if (b.keyed != b.expected) {
        if (why == NULL) {
            rc = cs_error_field(err, CS_ECONFLICT, "reason",
                _("Batch %lld: %lld keyed, %lld expected. It closes only "
                  "with a reason, given by an admin."),
                (long long)id, (long long)b.keyed, (long long)b.expected);
            goto out;
        }
        if (!cs_db_can(db, CS_OP_BATCH_CLOSE_DIFF)) {
            rc = cs_error_set(err, CS_EPERM,
                _("Batch %lld: %lld keyed, %lld expected. Only an admin "
                  "may close it, with a reason."),
                (long long)id, (long long)b.keyed, (long long)b.expected);
            goto out;
        }
    }
    if ((rc = audit_snapshot(db, "paper_batch", id, &before, err)) != CS_OK)
        goto out;
    util_now(now);
    stmt_prepare(&st, db, "UPDATE paper_batch SET closed_at = :now,"
                          " closed_by = :login, close_reason = :reason"
                          " WHERE id = :id");
    stmt_bind_text(&st, ":now", now);
    stmt_bind_text(&st, ":login", cs_db_login(db));
    stmt_bind_text(&st, ":reason", why);
    stmt_bind_int64(&st, ":id", id);
    if ((rc = stmt_run(&st, err)) == CS_OK)
        rc = audit_write(db, "close", "paper_batch", id, 0, before, err);
out:
    stmt_finish(&st);
    if (loaded)
        cs_batch_clear(&b);
    free(before);
    free(why);
    return txn_end(db, rc, err);
}

/* ---------------------------------------------------------------- next */

static enum cs_rc
ref_taken(struct cs_db *db, int64_t cons, const char *ref, bool *taken,
          struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db, "SELECT 1 FROM idea WHERE consultation_id = :c"
                          " AND form_ref = :ref");
    stmt_bind_int64(&st, ":c", cons);
    stmt_bind_text(&st, ":ref", ref);
    *taken = stmt_row(&st);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

enum cs_rc
cs_batch_next_refs(struct cs_db *db, int64_t id, size_t count,
                   char ***refs, struct cs_error *err)
{
    struct cs_batch b;
    char ref[64];
    char **out = NULL;
    size_t have = 0;
    bool taken;
    enum cs_rc rc;

    *refs = NULL;
    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if (count == 0 || count > CS_BATCH_FORMS_MAX)
        return cs_error_set(err, CS_EINVAL, _("A number of forms from 1 to "
                                              "%d."), CS_BATCH_FORMS_MAX);
    if ((out = calloc(count + 1, sizeof *out)) == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    if ((rc = batch_load(db, id, &b, err)) != CS_OK) {
        free(out);
        return rc;
    }
    for (int64_t k = b.keyed + 1; rc == CS_OK && have < count; k++) {
        snprintf(ref, sizeof ref, "%s-%03lld", b.prefix, (long long)k);
        if ((rc = ref_taken(db, b.consultation_id, ref, &taken, err))
            == CS_OK && !taken && (out[have++] = strdup(ref)) == NULL)
            rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    }
    cs_batch_clear(&b);
    if (rc != CS_OK) {
        cs_batch_refs_free(out);
        return rc;
    }
    *refs = out;
    return CS_OK;
}

void
cs_batch_refs_free(char **refs)
{
    if (refs == NULL)
        return;
    for (size_t i = 0; refs[i]; i++)
        free(refs[i]);
    free(refs);
}

enum cs_rc
cs_batch_next_ref(struct cs_db *db, int64_t id, char *out, size_t n,
                  struct cs_error *err)
{
    char **refs;
    enum cs_rc rc;

    if ((rc = cs_batch_next_refs(db, id, 1, &refs, err)) != CS_OK)
        return rc;
    if (strlen(refs[0]) >= n)
        rc = cs_error_set(err, CS_EINVAL, "%s",
                          _("No room for the form reference."));
    else
        memcpy(out, refs[0], strlen(refs[0]) + 1);
    cs_batch_refs_free(refs);
    return rc;
}

/* ---------------------------------------------------------------- entries */

/* The keys of an entry, in paper order; those naming a person are kept
 * out of the journal. */
static const struct {
    const char *key;
    bool personal;
} entry_keys[] = {
    { "theme", false }, { "author_name", true }, { "author_ref", true },
    { "service", false }, { "email", true }, { "postal", true },
    { "phone", true }, { "consent", false }, { "title", false },
    { "body", false }, { "submitted_at", false },
};
#define N_KEYS (sizeof entry_keys / sizeof entry_keys[0])

static bool
key_is_personal(const char *key)
{
    for (size_t i = 0; i < N_KEYS; i++)
        if (strcmp(entry_keys[i].key, key) == 0)
            return entry_keys[i].personal;
    return true;
}

static bool
key_known(const char *key)
{
    for (size_t i = 0; i < N_KEYS; i++)
        if (strcmp(entry_keys[i].key, key) == 0)
            return true;
    return false;
}

/* The code of theme `theme_id` of consultation `cons`: an owned copy. */
static enum cs_rc
theme_code(struct cs_db *db, int64_t cons, int64_t theme_id, char **out,
           struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    *out = NULL;
    stmt_prepare(&st, db, "SELECT code FROM theme WHERE id = :id"
                          " AND consultation_id = :c");
    stmt_bind_int64(&st, ":id", theme_id);
    stmt_bind_int64(&st, ":c", cons);
    if (stmt_row(&st))
        *out = stmt_text_dup(&st, 0);
    if ((rc = stmt_status(&st, err)) == CS_OK && *out == NULL)
        rc = cs_error_field(err, CS_EINVAL, "theme", "%s",
                            _("An idea needs a theme of its consultation."));
    stmt_finish(&st);
    return rc;
}

static const char *
trimmed(const char *s, char **keep)
{
    *keep = util_is_blank(s) ? NULL : util_trim_dup(s);
    return *keep ? *keep : "";
}

/*
 * The JSON object of what `in` holds for a form (see the top of the
 * file), its values checked as the idea's would be. The caller frees
 * `*json`.
 */
static enum cs_rc
entry_json(struct cs_db *db, const struct cs_idea_new *in, char **json,
           struct cs_error *err)
{
    const struct cs_person *p = in->author;
    struct stmt st = STMT_INIT;
    char *theme = NULL, *keep[9] = { NULL }, date[32] = "";
    enum cs_rc rc;

    *json = NULL;
    if (util_is_blank(in->body))
        return cs_error_field(err, CS_EINVAL, "body", "%s",
                              _("An idea needs a text."));
    if ((rc = util_text_check(in->body, "body", err)) != CS_OK
        || (rc = util_line_check(in->title, "title", err)) != CS_OK
        || (p && ((rc = util_line_check(p->name, "author_name", err))
                  != CS_OK
                  || (rc = util_line_check(p->ref, "author_ref", err))
                     != CS_OK
                  || (rc = util_line_check(p->service, "service", err))
                     != CS_OK
                  || (rc = util_line_check(p->email, "email", err))
                     != CS_OK
                  || (rc = util_text_check(p->postal, "postal", err))
                     != CS_OK
                  || (rc = util_text_check(p->phone, "phone", err))
                     != CS_OK)))
        return rc;
    if (!util_is_blank(in->submitted_at)
        && (rc = cs_date_parse(in->submitted_at, date, sizeof date, err))
           != CS_OK)
        return error_rename_field(err, "submitted_at", rc);
    if ((rc = theme_code(db, in->consultation_id, in->theme_id, &theme,
                         err)) != CS_OK)
        return rc;
    stmt_prepare(&st, db,
        "SELECT json_object('theme', :theme, 'author_name', :name,"
        " 'author_ref', :ref, 'service', :service, 'email', :email,"
        " 'postal', :postal, 'phone', :phone, 'consent', :consent,"
        " 'title', :title,"
        " 'body', :body, 'submitted_at', :date)");
    stmt_bind_text(&st, ":theme", theme);
    stmt_bind_text(&st, ":name", trimmed(p ? p->name : NULL, &keep[0]));
    stmt_bind_text(&st, ":ref", trimmed(p ? p->ref : NULL, &keep[1]));
    stmt_bind_text(&st, ":service", trimmed(p ? p->service : NULL, &keep[2]));
    stmt_bind_text(&st, ":email", trimmed(p ? p->email : NULL, &keep[3]));
    stmt_bind_text(&st, ":postal", trimmed(p ? p->postal : NULL, &keep[4]));
    stmt_bind_text(&st, ":phone", trimmed(p ? p->phone : NULL, &keep[5]));
    stmt_bind_text(&st, ":consent", p && p->consent ? "yes" : "no");
    stmt_bind_text(&st, ":title", trimmed(in->title, &keep[6]));
    stmt_bind_text(&st, ":body", trimmed(in->body, &keep[7]));
    stmt_bind_text(&st, ":date", date);
    if (stmt_row(&st))
        *json = stmt_text_dup(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    free(theme);
    {
        /* A field given but not copied (out of memory) would be keyed
         * as blank. */
        const char *given[8] = { p ? p->name : NULL, p ? p->ref : NULL,
                                 p ? p->service : NULL,
                                 p ? p->email : NULL, p ? p->postal : NULL,
                                 p ? p->phone : NULL, in->title, in->body };

        for (size_t i = 0; i < 8; i++)
            if (rc == CS_OK && keep[i] == NULL && !util_is_blank(given[i]))
                rc = no_memory(err);
    }
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
        free(keep[i]);
    if (rc != CS_OK) {
        free(*json);
        *json = NULL;
    }
    if (rc == CS_OK && *json == NULL)
        rc = no_memory(err);
    return rc;
}

/* The first (or second) entry of form `ref` in batch `batch`. */
struct entry {
    bool found;
    int64_t id;
    int64_t idea_id;
    char *keyed_by;
};

static enum cs_rc
entry_find(struct cs_db *db, int64_t batch, const char *ref, int pass,
           struct entry *e, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    memset(e, 0, sizeof *e);
    stmt_prepare(&st, db, "SELECT id, coalesce(idea_id, 0), keyed_by"
                          " FROM paper_entry WHERE batch_id = :b"
                          " AND form_ref = :ref AND pass = :pass");
    stmt_bind_int64(&st, ":b", batch);
    stmt_bind_text(&st, ":ref", ref);
    stmt_bind_int64(&st, ":pass", pass);
    if (stmt_row(&st)) {
        e->found = true;
        e->id = stmt_int64(&st, 0);
        e->idea_id = stmt_int64(&st, 1);
        e->keyed_by = stmt_text_dup(&st, 2);
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

static enum cs_rc
entry_add(struct cs_db *db, int64_t batch, const char *ref, int pass,
          int64_t idea_id, const char *json, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char now[32];
    int64_t id;
    enum cs_rc rc;

    util_now(now);
    stmt_prepare(&st, db,
        "INSERT INTO paper_entry(batch_id, form_ref, pass, idea_id, fields,"
        " keyed_at, keyed_by) VALUES (:b, :ref, :pass, :idea, :fields, :now,"
        " :login)");
    stmt_bind_int64(&st, ":b", batch);
    stmt_bind_text(&st, ":ref", ref);
    stmt_bind_int64(&st, ":pass", pass);
    stmt_bind_id(&st, ":idea", idea_id);
    stmt_bind_text(&st, ":fields", json);
    stmt_bind_text(&st, ":now", now);
    stmt_bind_text(&st, ":login", cs_db_login(db));
    rc = stmt_run(&st, err);
    id = stmt_last_id(&st);
    stmt_finish(&st);
    if (rc == CS_OK)
        rc = audit_write(db, "add", "paper_entry", id, idea_id, NULL, err);
    return rc;
}

/* Set the double-entry check of idea `id` to `to`, audited (the idea's
 * whole row before and after, as every change of an idea is journaled:
 * an as-of export rebuilds ideas from these rows); nothing when it is so
 * already. */
static enum cs_rc
idea_check_set(struct cs_db *db, int64_t id, const char *to,
               struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char *before = NULL;
    enum cs_rc rc;

    stmt_prepare(&st, db, "UPDATE idea SET entry_check = :to WHERE id = :id"
                          " AND entry_check IS NOT :to");
    stmt_bind_text(&st, ":to", to);
    stmt_bind_int64(&st, ":id", id);
    if ((rc = audit_snapshot(db, "idea", id, &before, err)) == CS_OK
        && (rc = stmt_run(&st, err)) == CS_OK && stmt_changes(&st) > 0)
        rc = audit_write(db, "check", "idea", id, id, before, err);
    stmt_finish(&st);
    free(before);
    return rc;
}

/* The number of fields on which the two entries of form `ref` of batch
 * `batch` differ and that are not settled. */
static enum cs_rc
entry_open_diffs(struct cs_db *db, int64_t batch, const char *ref,
                 int64_t *n, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    *n = 0;
    stmt_prepare(&st, db,
        "SELECT count(*) FROM paper_entry p1"
        " JOIN paper_entry p2 ON p2.batch_id = p1.batch_id"
        "  AND p2.form_ref = p1.form_ref AND p2.pass = 2"
        " JOIN json_each(json_patch(p2.fields, p1.fields)) k"
        " WHERE p1.batch_id = :b AND p1.form_ref = :ref AND p1.pass = 1"
        "  AND coalesce(json_extract(p1.fields, '$.\"' || k.key || '\"'), '')"
        "   IS NOT coalesce(json_extract(p2.fields, '$.\"' || k.key || '\"'),"
        "   '')"
        "  AND json_extract(coalesce(p1.resolved, '{}'),"
        "   '$.\"' || k.key || '\"') IS NULL");
    stmt_bind_int64(&st, ":b", batch);
    stmt_bind_text(&st, ":ref", ref);
    if (stmt_row(&st))
        *n = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* The double entry of one form: the first makes the idea, the second is
 * kept and compared. Inside the caller's transaction. */
static enum cs_rc
key_double(struct cs_db *db, const struct cs_batch *b,
           const struct cs_idea_new *in, int64_t *idea_id,
           enum cs_key_outcome *outcome, struct cs_error *err)
{
    struct entry first, second;
    char *ref = NULL, *json = NULL;
    int64_t id = 0, diffs = 0;
    enum cs_rc rc;

    memset(&first, 0, sizeof first);
    memset(&second, 0, sizeof second);
    if (util_is_blank(in->form_ref))
        return cs_error_field(err, CS_EINVAL, "form_ref",
            _("Batch %lld is keyed twice: each form needs its form "
              "reference."), (long long)b->id);
    if ((rc = util_line_check(in->form_ref, "form_ref", err)) != CS_OK)
        return rc;
    if ((ref = util_trim_dup(in->form_ref)) == NULL)
        return no_memory(err);
    if ((rc = entry_json(db, in, &json, err)) != CS_OK
        || (rc = entry_find(db, b->id, ref, 1, &first, err)) != CS_OK)
        goto out;
    if (!first.found) {
        if ((rc = idea_insert_entry(db, in, "pending", &id, err)) != CS_OK
            || (rc = entry_add(db, b->id, ref, 1, id, json, err)) != CS_OK)
            goto out;
        *outcome = CS_KEY_FIRST;
        *idea_id = id;
        goto out;
    }
    if ((rc = entry_find(db, b->id, ref, 2, &second, err)) != CS_OK)
        goto out;
    if (second.found) {
        rc = cs_error_field(err, CS_ECONFLICT, "form_ref",
            _("Form %s of batch %lld is keyed twice already."), ref,
            (long long)b->id);
        goto out;
    }
    if (first.keyed_by && strcmp(first.keyed_by, cs_db_login(db)) == 0) {
        rc = cs_error_field(err, CS_EPERM, "form_ref",
            _("You keyed the first entry of form %s: its second entry is "
              "keyed by another agent."), ref);
        goto out;
    }
    if ((rc = entry_add(db, b->id, ref, 2, first.idea_id, json, err))
        != CS_OK
        || (rc = entry_open_diffs(db, b->id, ref, &diffs, err)) != CS_OK)
        goto out;
    rc = idea_check_set(db, first.idea_id, diffs ? "disputed" : "verified",
                        err);
    if (rc == CS_OK) {
        *outcome = diffs ? CS_KEY_DISPUTED : CS_KEY_VERIFIED;
        *idea_id = first.idea_id;
    }
out:
    free(first.keyed_by);
    free(second.keyed_by);
    free(ref);
    free(json);
    return rc;
}

enum cs_rc
cs_batch_key_form(struct cs_db *db, int64_t batch_id,
                  const struct cs_idea_new *in, int64_t *idea_id,
                  enum cs_key_outcome *outcome, struct cs_error *err)
{
    struct cs_idea_new x;
    struct cs_batch b;
    bool loaded = false;
    int64_t id = 0;
    enum cs_key_outcome what = CS_KEY_ADDED;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_ADD_IDEA, err)) != CS_OK)
        return rc;
    if (in == NULL)
        return cs_error_set(err, CS_EINVAL, "%s", _("No idea given."));
    if ((rc = txn_begin_write(db, err)) != CS_OK)
        return rc;
    if ((rc = batch_load(db, batch_id, &b, err)) != CS_OK)
        goto out;
    loaded = true;
    x = *in;
    if (x.consultation_id == 0)
        x.consultation_id = b.consultation_id;
    x.paper_batch_id = batch_id;
    if ((rc = idea_paper_batch_check(db, x.consultation_id, batch_id, true,
                                     err)) != CS_OK)
        goto out;
    if (b.double_entry)
        rc = key_double(db, &b, &x, &id, &what, err);
    else
        rc = idea_insert(db, &x, 0, &id, err);
out:
    if (loaded)
        cs_batch_clear(&b);
    rc = txn_end(db, rc, err);
    if (rc == CS_OK) {
        if (idea_id)
            *idea_id = id;
        if (outcome)
            *outcome = what;
    }
    return rc;
}

/* ---------------------------------------------------------------- diff */

enum cs_rc
cs_batch_diff(struct cs_db *db, int64_t id, bool all,
              struct cs_batch_diff **out, struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    struct cs_batch_diff *d;
    struct cs_batch b;
    size_t cap = 0;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_READ, err)) != CS_OK)
        return rc;
    if ((rc = batch_load(db, id, &b, err)) != CS_OK)
        return rc;
    cs_batch_clear(&b);
    if ((d = calloc(1, sizeof *d)) == NULL)
        return no_memory(err);
    stmt_prepare(&st, db,
        "SELECT p1.form_ref, coalesce(p1.idea_id, 0), k.key,"
        " coalesce(json_extract(p1.fields, '$.\"' || k.key || '\"'), ''),"
        " p1.keyed_by,"
        " coalesce(json_extract(p2.fields, '$.\"' || k.key || '\"'), ''),"
        " p2.keyed_by,"
        " json_extract(coalesce(p1.resolved, '{}'), '$.\"' || k.key || '\"')"
        " FROM paper_entry p1"
        " JOIN paper_entry p2 ON p2.batch_id = p1.batch_id"
        "  AND p2.form_ref = p1.form_ref AND p2.pass = 2"
        " JOIN json_each(json_patch(p2.fields, p1.fields)) k"
        " WHERE p1.batch_id = :b AND p1.pass = 1"
        "  AND coalesce(json_extract(p1.fields, '$.\"' || k.key || '\"'), '')"
        "   IS NOT coalesce(json_extract(p2.fields, '$.\"' || k.key || '\"'),"
        "   '')"
        "  AND (:all OR json_extract(coalesce(p1.resolved, '{}'),"
        "   '$.\"' || k.key || '\"') IS NULL)"
        " ORDER BY p1.form_ref, p1.id, k.id");
    stmt_bind_int64(&st, ":b", id);
    stmt_bind_int64(&st, ":all", all ? 1 : 0);
    while (stmt_row(&st)) {
        struct cs_batch_diff_item *it;

        if (d->count == cap) {
            void *p = util_grow(d->items, &cap, d->count, sizeof *d->items);

            if (p == NULL) {
                rc = no_memory(err);
                break;
            }
            d->items = p;
        }
        it = &d->items[d->count++];
        memset(it, 0, sizeof *it);
        it->form_ref = stmt_text_dup(&st, 0);
        it->idea_id = stmt_int64(&st, 1);
        it->field = stmt_text_dup(&st, 2);
        it->first = stmt_text_dup(&st, 3);
        it->first_by = stmt_text_dup(&st, 4);
        it->second = stmt_text_dup(&st, 5);
        it->second_by = stmt_text_dup(&st, 6);
        it->resolved = stmt_text_dup(&st, 7);
    }
    if (rc == CS_OK)
        rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK) {
        cs_batch_diff_free(d);
        return rc;
    }
    *out = d;
    return CS_OK;
}

void
cs_batch_diff_free(struct cs_batch_diff *d)
{
    if (d == NULL)
        return;
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].form_ref);
        free(d->items[i].field);
        free(d->items[i].first);
        free(d->items[i].first_by);
        free(d->items[i].second);
        free(d->items[i].second_by);
        free(d->items[i].resolved);
    }
    free(d->items);
    free(d);
}

/* ---------------------------------------------------------------- resolve */

/* Whether the entries of the form of first entry `p1` differ on `key`. */
static enum cs_rc
entries_differ(struct cs_db *db, int64_t p1, const char *key, bool *differ,
               struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    stmt_prepare(&st, db,
        "SELECT coalesce(json_extract(a.fields, '$.\"' || :k || '\"'), '')"
        " IS NOT coalesce(json_extract(b.fields, '$.\"' || :k || '\"'), '')"
        " FROM paper_entry a JOIN paper_entry b ON b.batch_id = a.batch_id"
        "  AND b.form_ref = a.form_ref AND b.pass = 2 WHERE a.id = :id");
    stmt_bind_text(&st, ":k", key);
    stmt_bind_int64(&st, ":id", p1);
    *differ = stmt_row(&st) && stmt_int64(&st, 0) != 0;
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    return rc;
}

/* Keep `value` as the choice for `key` on first entry `p1`, audited (the
 * value itself only when it names nobody). */
static enum cs_rc
resolved_keep(struct cs_db *db, int64_t p1, int64_t idea_id,
              const char *ref, const char *key, const char *value,
              struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    char *after = NULL;
    enum cs_rc rc;

    stmt_prepare(&st, db,
        "UPDATE paper_entry SET resolved = json_set(coalesce(resolved, '{}'),"
        " '$.\"' || :k || '\"', :v) WHERE id = :id");
    stmt_bind_text(&st, ":k", key);
    stmt_bind_text(&st, ":v", value);
    stmt_bind_int64(&st, ":id", p1);
    rc = stmt_run(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK)
        return rc;
    stmt_prepare(&st, db, "SELECT json_object('form_ref', :ref, 'field', :k,"
                          " 'value', :v)");
    stmt_bind_text(&st, ":ref", ref);
    stmt_bind_text(&st, ":k", key);
    stmt_bind_text(&st, ":v", key_is_personal(key) ? NULL : value);
    if (stmt_row(&st))
        after = stmt_text_dup(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc == CS_OK)
        rc = audit_write_raw(db, "resolve", "paper_entry", p1, idea_id, NULL,
                             after, err);
    free(after);
    return rc;
}

/* The author of the form of first entry `p1`, as keyed first and then
 * settled, into `p` (its strings in `keep`, owned). */
static enum cs_rc
resolved_person(struct cs_db *db, int64_t p1, struct cs_person *p,
                char *keep[6], struct cs_error *err)
{
    struct stmt st = STMT_INIT;
    enum cs_rc rc;

    memset(p, 0, sizeof *p);
    p->channel = CS_CHANNEL_PAPER;
    stmt_prepare(&st, db,
        "SELECT json_extract(m, '$.author_ref'),"
        " json_extract(m, '$.author_name'), json_extract(m, '$.service'),"
        " json_extract(m, '$.email'), json_extract(m, '$.postal'),"
        " json_extract(m, '$.phone'), json_extract(m, '$.consent')"
        " FROM (SELECT json_patch(fields, coalesce(resolved, '{}')) AS m"
        "       FROM paper_entry WHERE id = :id)");
    stmt_bind_int64(&st, ":id", p1);
    if (stmt_row(&st)) {
        for (int i = 0; i < 6; i++)
            keep[i] = stmt_is_null(&st, i) || stmt_text(&st, i)[0] == '\0'
                      ? NULL : stmt_text_dup(&st, i);
        p->consent = strcmp(stmt_text(&st, 6), "yes") == 0;
    }
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    p->ref = keep[0];
    p->name = keep[1];
    p->service = keep[2];
    p->email = keep[3];
    p->postal = keep[4];
    p->phone = keep[5];
    return rc;
}

/* A settled contact field (email, postal, phone, consent) of the form's
 * author: the person the form names keeps what was first keyed when found
 * again (a person found again is completed, never overwritten), so the
 * value chosen is set on the idea's author itself, audited. */
static enum cs_rc
contact_set(struct cs_db *db, int64_t idea, const char *key,
            const char *value, struct cs_error *err)
{
    static const struct {
        const char *key, *sql;
    } set[] = {
        { "email", "UPDATE participant SET email = :v WHERE id = :p"
                   " AND anonymised = 0 AND email IS NOT :v" },
        { "postal", "UPDATE participant SET postal = :v WHERE id = :p"
                    " AND anonymised = 0 AND postal IS NOT :v" },
        { "phone", "UPDATE participant SET phone = :v WHERE id = :p"
                   " AND anonymised = 0 AND phone IS NOT :v" },
        { "consent", "UPDATE participant SET consent = :v = 'yes'"
                     " WHERE id = :p AND anonymised = 0"
                     " AND consent IS NOT (:v = 'yes')" },
    };
    struct stmt st = STMT_INIT;
    const char *sql = NULL;
    char *before = NULL;
    int64_t person = 0;
    enum cs_rc rc;

    for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
        if (strcmp(set[i].key, key) == 0)
            sql = set[i].sql;
    if (sql == NULL)
        return CS_OK;
    stmt_prepare(&st, db, "SELECT coalesce(author_id, 0) FROM idea"
                          " WHERE id = :id");
    stmt_bind_int64(&st, ":id", idea);
    if (stmt_row(&st))
        person = stmt_int64(&st, 0);
    rc = stmt_status(&st, err);
    stmt_finish(&st);
    if (rc != CS_OK || person == 0)
        return rc;
    if ((rc = audit_snapshot(db, "participant", person, &before, err))
        != CS_OK)
        return rc;
    stmt_prepare(&st, db, sql);
    stmt_bind_text(&st, ":v", value[0] ? value : NULL);
    stmt_bind_int64(&st, ":p", person);
    if ((rc = stmt_run(&st, err)) == CS_OK && stmt_changes(&st) > 0)
        rc = audit_write(db, "update", "participant", person, idea, before,
                         err);
    stmt_finish(&st);
    free(before);
    return rc;
}

/* Apply settled field `key` = `value` (checked) to idea `idea`, and keep
 * it, normalised, with the entries. */
static enum cs_rc
resolve_apply(struct cs_db *db, const struct cs_batch *b, int64_t p1,
              int64_t idea, const char *ref, const char *key,
              const char *value, struct cs_error *err)
{
    struct cs_idea_change ch;
    struct cs_person person;
    char *keep[6] = { NULL }, *norm = NULL, date[32] = "";
    bool person_field = false;
    enum cs_rc rc = CS_OK;

    memset(&ch, 0, sizeof ch);
    norm = util_is_blank(value) ? util_strdup("") : util_trim_dup(value);
    if (norm == NULL)
        return no_memory(err);
    if (strcmp(key, "theme") == 0) {
        struct cs_theme t;

        if ((rc = cs_theme_find(db, b->consultation_id, norm, &t, err))
            != CS_OK)
            goto out;
        ch.theme_id = t.id;
        free(norm);
        norm = util_strdup(t.code);
        cs_theme_clear(&t);
        if (norm == NULL) {
            rc = no_memory(err);
            goto out;
        }
    } else if (strcmp(key, "title") == 0) {
        ch.title = norm;
    } else if (strcmp(key, "body") == 0) {
        ch.body = norm;
    } else if (strcmp(key, "submitted_at") == 0) {
        if (norm[0] != '\0') {
            if ((rc = cs_date_parse(norm, date, sizeof date, err)) != CS_OK) {
                rc = error_rename_field(err, "submitted_at", rc);
                goto out;
            }
            free(norm);
            if ((norm = util_strdup(date)) == NULL) {
                rc = no_memory(err);
                goto out;
            }
        }
    } else if (strcmp(key, "consent") == 0) {
        bool yes;

        if ((rc = value_bool(norm, "consent", &yes, err)) != CS_OK)
            goto out;
        free(norm);
        if ((norm = util_strdup(yes ? "yes" : "no")) == NULL) {
            rc = no_memory(err);
            goto out;
        }
        person_field = true;
    } else {
        person_field = true;   /* author_name, author_ref, service... */
    }
    if ((rc = resolved_keep(db, p1, idea, ref, key, norm, err)) != CS_OK)
        goto out;
    if (person_field
        && (rc = resolved_person(db, p1, &person, keep, err)) != CS_OK)
        goto out;
    if ((rc = idea_entry_update(db, idea, &ch, date[0] ? date : NULL,
                                person_field ? &person : NULL, err))
        == CS_OK)
        rc = contact_set(db, idea, key, norm, err);
out:
    for (int i = 0; i < 6; i++)
        free(keep[i]);
    free(norm);
    return rc;
}

enum cs_rc
cs_batch_resolve(struct cs_db *db, int64_t id, const char *form_ref,
                 const char *field, const char *value, struct cs_error *err)
{
    const struct cs_field *f;
    struct entry first, second;
    struct cs_batch b;
    bool loaded = false, differ = false;
    int64_t open = 0;
    char *ref = NULL;
    enum cs_rc rc;

    if ((rc = op_require(db, CS_OP_BATCHES, err)) != CS_OK)
        return rc;
    memset(&first, 0, sizeof first);
    memset(&second, 0, sizeof second);
    f = field ? cs_record_field(CS_RECORD_IDEA, field) : NULL;
    if (f == NULL || !key_known(f->name))
        return cs_error_field(err, CS_EINVAL, "field",
                              _("\"%s\" is not a field of a paper form."),
                              field ? field : "");
    if (strcmp(f->name, "body") == 0 && util_is_blank(value))
        return cs_error_field(err, CS_EINVAL, "body", "%s",
                              _("An idea needs a text."));
    if ((rc = cs_field_check(f, value, false, err)) != CS_OK)
        return rc;
    if (util_is_blank(form_ref))
        return cs_error_field(err, CS_EINVAL, "form_ref", "%s",
                              _("Which form? Its reference is missing."));
    if ((ref = util_trim_dup(form_ref)) == NULL)
        return no_memory(err);
    if ((rc = txn_begin_write(db, err)) != CS_OK) {
        free(ref);
        return rc;
    }
    if ((rc = batch_load(db, id, &b, err)) != CS_OK)
        goto out;
    loaded = true;
    if ((rc = cons_check_work(db, b.consultation_id, err)) != CS_OK)
        goto out;
    if (!b.double_entry) {
        rc = cs_error_set(err, CS_ECONFLICT,
                          _("Batch %lld is not keyed twice: nothing to "
                            "settle."), (long long)id);
        goto out;
    }
    if ((rc = entry_find(db, id, ref, 1, &first, err)) != CS_OK
        || (rc = entry_find(db, id, ref, 2, &second, err)) != CS_OK)
        goto out;
    if (!first.found) {
        rc = cs_error_field(err, CS_ENOTFOUND, "form_ref",
                            _("No form %s in batch %lld."), ref,
                            (long long)id);
        goto out;
    }
    if (!second.found) {
        rc = cs_error_set(err, CS_ECONFLICT,
                          _("Form %s has been keyed once: nothing to settle "
                            "yet."), ref);
        goto out;
    }
    if (cs_db_role(db) < CS_ROLE_ADMIN
        && ((first.keyed_by && strcmp(first.keyed_by, cs_db_login(db)) == 0)
            || (second.keyed_by
                && strcmp(second.keyed_by, cs_db_login(db)) == 0))) {
        rc = cs_error_set(err, CS_EPERM,
                          _("You keyed form %s: its differences are settled "
                            "by an admin or another agent."), ref);
        goto out;
    }
    if ((rc = entries_differ(db, first.id, f->name, &differ, err)) != CS_OK)
        goto out;
    if (!differ) {
        rc = cs_error_field(err, CS_ENOTFOUND, "field",
                            _("The two entries of form %s agree on %s."),
                            ref, f->name);
        goto out;
    }
    if ((rc = resolve_apply(db, &b, first.id, first.idea_id, ref, f->name,
                            value, err)) != CS_OK
        || (rc = entry_open_diffs(db, id, ref, &open, err)) != CS_OK)
        goto out;
    if (open == 0)
        rc = idea_check_set(db, first.idea_id, "verified", err);
out:
    if (loaded)
        cs_batch_clear(&b);
    free(first.keyed_by);
    free(second.keyed_by);
    free(ref);
    return txn_end(db, rc, err);
}

const char *
cs_entry_check_label(const char *stored)
{
    if (stored == NULL)
        return "";
    if (strcmp(stored, "pending") == 0)
        return _("pending");
    if (strcmp(stored, "verified") == 0)
        return _("verified");
    if (strcmp(stored, "disputed") == 0)
        return _("disputed");
    return "";
}
