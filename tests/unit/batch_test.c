/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * batch_test.c: paper batches: adding them (layout, prefix, refusals),
 * their counts and control totals, the rules of closing, the next form
 * reference, keying forms into plain and double-entry batches, and double
 * entry: identical entries verified, differing ones disputed, the same
 * agent refused, the differences listed, each settlement applied to the
 * idea and audited. Every test runs on a fresh database file.
 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- helpers */

static struct cs_db *
open_with_role(struct fixture *f, const char *login, enum cs_role role)
{
    struct cs_error err;

    assert_ok(cs_user_add(f->db, login, role, &err));
    return fixture_open_as(f, login);
}

static int64_t
add_batch(struct cs_db *db, struct fixture *f, int64_t expected,
          bool twice, const char *fields)
{
    struct cs_batch_new in = {
        .consultation_id = f->cons_id, .label = "Enveloppe 3",
        .point = "Mairie de Marchienne", .date = "02/05/2026",
        .expected = expected, .double_entry = twice, .fields = fields,
    };
    struct cs_error err;
    int64_t id = 0;

    assert_ok(cs_batch_add(db, &in, &id, &err));
    return id;
}

/* A paper form as an agent keys it. */
struct form {
    const char *ref, *name, *service, *email, *title, *body, *date;
    int theme;
    bool consent;
};

static enum cs_rc
key(struct cs_db *db, struct fixture *f, int64_t batch,
    const struct form *fm, int64_t *idea, enum cs_key_outcome *out,
    struct cs_error *err)
{
    struct cs_person p = {
        .name = fm->name, .service = fm->service, .email = fm->email,
        .consent = fm->consent, .channel = CS_CHANNEL_PAPER,
    };
    struct cs_idea_new in = {
        .theme_id = f->theme_id[fm->theme], .kind = CS_KIND_IDEA,
        .title = fm->title, .body = fm->body, .channel = CS_CHANNEL_PAPER,
        .form_ref = fm->ref, .submitted_at = fm->date,
        .author = fm->name || fm->service ? &p : NULL,
    };

    cs_error_clear(err);
    return cs_batch_key_form(db, batch, &in, idea, out, err);
}

static void
get(struct cs_db *db, int64_t id, struct cs_batch *b)
{
    struct cs_error err;

    assert_ok(cs_batch_get(db, id, b, &err));
}

/* The journal has one row more than `before`: `action` on a batch. */
static void
batch_audited(struct fixture *f, long long before, const char *action)
{
    char sql[200];

    assert_int_equal(fixture_audit_rows(f), before + 1);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE id = (SELECT"
             " max(id) FROM audit) AND action = '%s' AND tbl = 'paper_batch'"
             " AND idea_id IS NULL", action);
    assert_int_equal(fixture_count(f, sql), 1);
}

/* ---------------------------------------------------------------- add */

static void
test_add_and_get(void **state)
{
    struct fixture *f = *state;
    struct cs_batch b;
    struct cs_error err;
    long long audit = fixture_audit_rows(f);
    int64_t id = add_batch(f->db, f, 12, false, NULL);
    size_t n;
    const char *const *all = cs_batch_form_fields(&n);

    batch_audited(f, audit, "add");
    get(f->db, id, &b);
    assert_string_equal(b.label, "Enveloppe 3");
    assert_string_equal(b.point, "Mairie de Marchienne");
    assert_string_equal(b.received_on, "2026-05-02");
    assert_string_equal(b.consultation_code, "AG21");
    assert_string_equal(b.created_by, "alice");
    assert_null(b.keyer);
    assert_null(b.closed_at);
    assert_int_equal(b.expected, 12);
    assert_int_equal(b.keyed, 0);
    assert_false(b.double_entry);
    /* The default prefix is "B" and the number. */
    {
        char want[16];
        snprintf(want, sizeof want, "B%lld", (long long)id);
        assert_string_equal(b.prefix, want);
    }
    /* Without a layout, the batch has every field of a paper form. */
    assert_true(n >= 10);
    assert_string_equal(all[0], "theme");
    for (size_t i = 0; i < n; i++)
        assert_true(cs_batch_has_field(&b, all[i]));
    assert_false(cs_batch_has_field(&b, "status"));
    cs_batch_clear(&b);

    /* A layout: its fields only, canonical, once, in the order given. */
    id = add_batch(f->db, f, 5, false, "theme, author-name;service body,"
                                       "Theme");
    get(f->db, id, &b);
    assert_string_equal(b.fields, "theme,author_name,service,body");
    assert_true(cs_batch_has_field(&b, "service"));
    assert_true(cs_batch_has_field(&b, "author-name"));
    assert_false(cs_batch_has_field(&b, "email"));
    assert_false(cs_batch_has_field(&b, "form_ref"));
    cs_batch_clear(&b);

    /* A prefix of one's own, and a keyer who exists. */
    {
        struct cs_batch_new in = {
            .consultation_id = f->cons_id, .label = "Atelier",
            .expected = 0, .prefix = "ATL", .keyer = "alice",
        };
        char today[32];

        assert_ok(cs_batch_add(f->db, &in, &id, &err));
        get(f->db, id, &b);
        assert_string_equal(b.prefix, "ATL");
        assert_string_equal(b.keyer, "alice");
        assert_ok(cs_date_parse("2000-01-01", today, sizeof today, &err));
        assert_int_equal(strlen(b.received_on), 10);   /* today */
        cs_batch_clear(&b);
    }
}

static void
test_add_refusals(void **state)
{
    struct fixture *f = *state;
    struct cs_batch_new in = {
        .consultation_id = f->cons_id, .label = "Boîte", .expected = 3,
    };
    struct cs_db *viewer = open_with_role(f, "victor", CS_ROLE_VIEWER);
    struct cs_db *agent = open_with_role(f, "agnes", CS_ROLE_AGENT);
    struct cs_error err;
    long long audit = fixture_audit_rows(f);
    int64_t id = 0;

    in.fields = "theme,body,telephone";
    assert_int_equal(cs_batch_add(f->db, &in, &id, &err), CS_EINVAL);
    assert_string_equal(err.field, "fields");
    assert_non_null(strstr(err.msg, "\"telephone\""));
    assert_non_null(strstr(err.msg, "author_name"));
    in.fields = "theme,status";
    assert_int_equal(cs_batch_add(f->db, &in, &id, &err), CS_EINVAL);
    assert_non_null(strstr(err.msg, "\"status\""));
    in.fields = " , ";
    assert_int_equal(cs_batch_add(f->db, &in, &id, &err), CS_EINVAL);
    in.fields = NULL;
    in.label = "  ";
    assert_int_equal(cs_batch_add(f->db, &in, &id, &err), CS_EINVAL);
    assert_string_equal(err.field, "label");
    in.label = "Boîte";
    in.expected = -1;
    assert_int_equal(cs_batch_add(f->db, &in, &id, &err), CS_EINVAL);
    assert_string_equal(err.field, "expected");
    in.expected = 3;
    in.date = "31/02/2026";
    assert_int_equal(cs_batch_add(f->db, &in, &id, &err), CS_EINVAL);
    assert_string_equal(err.field, "date");
    in.date = NULL;
    in.keyer = "nobody";
    assert_int_equal(cs_batch_add(f->db, &in, &id, &err), CS_EINVAL);
    assert_string_equal(err.field, "keyer");
    in.keyer = NULL;
    in.prefix = "B 3";
    assert_int_equal(cs_batch_add(f->db, &in, &id, &err), CS_EINVAL);
    assert_string_equal(err.field, "prefix");
    in.prefix = NULL;
    in.consultation_id = 999;
    assert_int_equal(cs_batch_add(f->db, &in, &id, &err), CS_ENOTFOUND);
    in.consultation_id = f->cons_id;
    assert_int_equal(cs_batch_add(viewer, &in, &id, &err), CS_EPERM);
    assert_int_equal(fixture_audit_rows(f), audit);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM paper_batch"), 0);

    /* An agent adds batches. */
    assert_ok(cs_batch_add(agent, &in, &id, &err));
    assert_true(id > 0);
    cs_db_close(viewer);
    cs_db_close(agent);
}

/* A paper batch is a kind of record: its fields, its check. */
static void
test_record_kind(void **state)
{
    struct fixture *f = *state;
    struct cs_db *viewer = open_with_role(f, "victor", CS_ROLE_VIEWER);
    struct cs_record r = { .kind = CS_RECORD_PAPER_BATCH };
    enum cs_record_kind k;
    struct cs_error err;
    size_t n;
    const struct cs_field *fields = cs_record_fields(CS_RECORD_PAPER_BATCH,
                                                     &n);

    assert_ok(cs_record_kind_parse("paper_batch", &k, &err));
    assert_int_equal(k, CS_RECORD_PAPER_BATCH);
    assert_true(n >= 8);
    assert_string_equal(fields[0].name, "consultation");
    assert_string_equal(cs_record_field(k, "expected")->option, "expect");
    assert_true(cs_record_field(k, "double_entry")->flags & CS_FIELD_FLAG);

    r.v[CS_F_CONSULTATION] = "AG21";
    r.v[CS_F_LABEL] = "Enveloppe";
    assert_int_equal(cs_record_check(f->db, &r, &err), CS_EINVAL);
    assert_string_equal(err.field, "expected");
    r.v[CS_F_EXPECTED] = "douze";
    assert_int_equal(cs_record_check(f->db, &r, &err), CS_EINVAL);
    assert_string_equal(err.field, "expected");
    r.v[CS_F_EXPECTED] = "12";
    r.v[CS_F_RECEIVED_ON] = "31/02/2026";
    assert_int_equal(cs_record_check(f->db, &r, &err), CS_EINVAL);
    assert_string_equal(err.field, "received_on");
    r.v[CS_F_RECEIVED_ON] = "02/05/2026";
    assert_ok(cs_record_check(f->db, &r, &err));
    assert_int_equal(cs_record_check(viewer, &r, &err), CS_EPERM);
    /* Written by cs_batch_add, not the generic put. */
    assert_int_equal(cs_record_put(f->db, &r, NULL, NULL, &err), CS_EINVAL);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM paper_batch"), 0);
    cs_db_close(viewer);
}

/* ---------------------------------------------------------------- totals */

static void
test_control_totals_and_close(void **state)
{
    struct fixture *f = *state;
    struct cs_db *agent = open_with_role(f, "agnes", CS_ROLE_AGENT);
    struct cs_db *viewer = open_with_role(f, "victor", CS_ROLE_VIEWER);
    struct form fm = { .body = "Des bancs au parc", .name = "Léa Martin",
                       .service = "Voirie" };
    struct cs_batch b;
    struct cs_batch_list *list = NULL;
    struct cs_error err;
    enum cs_key_outcome out = CS_KEY_VERIFIED;
    int64_t id = add_batch(agent, f, 3, false, NULL), other, idea = 0;
    long long audit;

    other = add_batch(agent, f, 0, false, NULL);
    assert_ok(key(agent, f, id, &fm, &idea, &out, &err));
    assert_int_equal(out, CS_KEY_ADDED);
    fm.name = NULL;
    fm.service = NULL;
    fm.body = "Plus de poubelles";
    assert_ok(key(agent, f, id, &fm, NULL, NULL, &err));
    get(viewer, id, &b);
    assert_int_equal(b.keyed, 2);
    assert_int_equal(b.expected, 3);
    assert_int_equal(b.verified + b.disputed + b.pending, 0);
    cs_batch_clear(&b);

    /* The idea carries its batch; cs_idea_add fills a batch too. */
    {
        struct cs_idea i;
        struct cs_idea_new in = {
            .consultation_id = f->cons_id, .theme_id = f->theme_id[1],
            .body = "Un composteur", .paper_batch_id = other,
        };
        int64_t j;

        assert_ok(cs_idea_get(viewer, idea, &i, &err));
        assert_int_equal(i.paper_batch_id, id);
        assert_null(i.entry_check);
        cs_idea_clear(&i);
        assert_ok(cs_idea_add(agent, &in, &j, &err));
        assert_ok(cs_idea_get(viewer, j, &i, &err));
        assert_int_equal(i.paper_batch_id, other);
        cs_idea_clear(&i);
        /* Not a batch of another consultation. */
        in.paper_batch_id = 999;
        assert_int_equal(cs_idea_add(agent, &in, &j, &err), CS_ENOTFOUND);
        assert_string_equal(err.field, "batch");
    }

    assert_ok(cs_batch_list(viewer, f->cons_id, &list, &err));
    assert_int_equal(list->count, 2);
    assert_int_equal(list->items[0].id, id);
    assert_int_equal(list->items[0].keyed, 2);
    assert_int_equal(list->items[1].keyed, 1);
    cs_batch_list_free(list);
    assert_ok(cs_batch_list(viewer, 0, &list, &err));
    assert_int_equal(list->count, 2);
    cs_batch_list_free(list);

    /* 2 keyed of 3: no closing without a reason; an agent may not give
     * one; an admin may. Nothing written by a refusal. */
    audit = fixture_audit_rows(f);
    assert_int_equal(cs_batch_close(agent, id, NULL, &err), CS_ECONFLICT);
    assert_non_null(strstr(err.msg, "2 keyed, 3 expected"));
    assert_int_equal(cs_batch_close(f->db, id, "", &err), CS_ECONFLICT);
    assert_int_equal(cs_batch_close(agent, id, "Un formulaire perdu", &err),
                     CS_EPERM);
    assert_non_null(strstr(err.msg, "Only an admin"));
    assert_int_equal(cs_batch_close(viewer, other, NULL, &err), CS_EPERM);
    assert_int_equal(fixture_audit_rows(f), audit);
    assert_ok(cs_batch_close(f->db, id, "Un formulaire perdu", &err));
    batch_audited(f, audit, "close");
    get(viewer, id, &b);
    assert_string_equal(b.close_reason, "Un formulaire perdu");
    assert_string_equal(b.closed_by, "alice");
    assert_non_null(b.closed_at);
    cs_batch_clear(&b);
    assert_int_equal(cs_batch_close(f->db, id, "encore", &err), CS_ECONFLICT);

    /* A closed batch takes no more forms. */
    fm.body = "Trop tard";
    assert_int_equal(key(agent, f, id, &fm, NULL, NULL, &err), CS_ECONFLICT);
    assert_non_null(strstr(err.msg, "closed"));

    /* 1 keyed for 0 expected differs too. */
    assert_int_equal(cs_batch_close(agent, other, NULL, &err), CS_ECONFLICT);
    cs_db_close(agent);
    cs_db_close(viewer);
}

static void
test_close_matching(void **state)
{
    struct fixture *f = *state;
    struct cs_db *agent = open_with_role(f, "agnes", CS_ROLE_AGENT);
    struct form fm = { .body = "Un texte" };
    struct cs_batch b;
    struct cs_error err;
    int64_t id = add_batch(agent, f, 1, false, NULL);

    assert_ok(key(agent, f, id, &fm, NULL, NULL, &err));
    assert_ok(cs_batch_close(agent, id, NULL, &err));
    get(agent, id, &b);
    assert_null(b.close_reason);
    assert_string_equal(b.closed_by, "agnes");
    cs_batch_clear(&b);
    assert_int_equal(cs_batch_get(agent, 999, &b, &err), CS_ENOTFOUND);
    assert_int_equal(cs_batch_close(agent, 999, NULL, &err), CS_ENOTFOUND);
    cs_db_close(agent);
}

/* ---------------------------------------------------------------- next ref */

static void
test_next_ref(void **state)
{
    struct fixture *f = *state;
    struct form fm = { .body = "Texte" };
    struct cs_error err;
    char ref[32], want[32];
    int64_t id = add_batch(f->db, f, 40, false, NULL);

    assert_ok(cs_batch_next_ref(f->db, id, ref, sizeof ref, &err));
    snprintf(want, sizeof want, "B%lld-001", (long long)id);
    assert_string_equal(ref, want);
    for (int i = 0; i < 16; i++)
        assert_ok(key(f->db, f, id, &fm, NULL, NULL, &err));
    assert_ok(cs_batch_next_ref(f->db, id, ref, sizeof ref, &err));
    snprintf(want, sizeof want, "B%lld-017", (long long)id);
    assert_string_equal(ref, want);

    /* References already taken in the consultation are skipped. */
    fm.ref = want;
    assert_ok(key(f->db, f, id, &fm, NULL, NULL, &err)); /* 17 keyed */
    snprintf(want, sizeof want, "B%lld-019", (long long)id);
    fm.ref = want;
    assert_ok(key(f->db, f, id, &fm, NULL, NULL, &err)); /* 18, -019 */
    assert_ok(cs_batch_next_ref(f->db, id, ref, sizeof ref, &err));
    snprintf(want, sizeof want, "B%lld-020", (long long)id);
    assert_string_equal(ref, want);
    assert_int_equal(cs_batch_next_ref(f->db, id, ref, 4, &err), CS_EINVAL);
    assert_int_equal(cs_batch_next_ref(f->db, 999, ref, sizeof ref, &err),
                     CS_ENOTFOUND);

    /* The next several, as the form proposes them one after another: the
     * printed forms. */
    {
        char **refs = NULL;

        snprintf(want, sizeof want, "B%lld-021", (long long)id);
        fm.ref = want;
        assert_ok(key(f->db, f, id, &fm, NULL, NULL, &err)); /* 19, -021 */
        assert_ok(cs_batch_next_refs(f->db, id, 3, &refs, &err));
        snprintf(want, sizeof want, "B%lld-020", (long long)id);
        assert_string_equal(refs[0], want);
        snprintf(want, sizeof want, "B%lld-022", (long long)id);
        assert_string_equal(refs[1], want);
        snprintf(want, sizeof want, "B%lld-023", (long long)id);
        assert_string_equal(refs[2], want);
        assert_null(refs[3]);
        cs_batch_refs_free(refs);
        assert_int_equal(cs_batch_next_refs(f->db, id, 0, &refs, &err),
                         CS_EINVAL);
        assert_int_equal(cs_batch_next_refs(f->db, id,
                                            CS_BATCH_FORMS_MAX + 1, &refs,
                                            &err), CS_EINVAL);
        assert_null(refs);
    }
}

/* ---------------------------------------------------------------- double */

static void
test_double_identical_verified(void **state)
{
    struct fixture *f = *state;
    struct cs_db *a1 = open_with_role(f, "agnes", CS_ROLE_AGENT);
    struct cs_db *a2 = open_with_role(f, "bruno", CS_ROLE_AGENT);
    struct form fm = { .ref = "B1-001", .name = "Élodie Dupont",
                       .service = "Écoles", .email = "e.dupont@ville.be",
                       .body = "Des pistes cyclables\nsur la N5",
                       .date = "2026-05-02", .consent = true };
    struct cs_batch b;
    struct cs_idea i;
    struct cs_error err;
    enum cs_key_outcome out;
    int64_t id = add_batch(a1, f, 2, true, NULL), idea = 0, idea2 = 0;
    long long ideas = fixture_count(f, "SELECT count(*) FROM idea");
    long long audit;

    /* A double batch needs a reference on every form. */
    fm.ref = NULL;
    assert_int_equal(key(a1, f, id, &fm, &idea, &out, &err), CS_EINVAL);
    assert_string_equal(err.field, "form_ref");
    /* and takes its forms only this way. */
    {
        struct cs_idea_new in = {
            .consultation_id = f->cons_id, .theme_id = f->theme_id[0],
            .body = "x", .paper_batch_id = id,
        };
        assert_int_equal(cs_idea_add(a1, &in, NULL, &err), CS_ECONFLICT);
    }
    fm.ref = "B1-001";

    assert_ok(key(a1, f, id, &fm, &idea, &out, &err));
    assert_int_equal(out, CS_KEY_FIRST);
    assert_ok(cs_idea_get(a1, idea, &i, &err));
    assert_string_equal(i.entry_check, "pending");
    cs_idea_clear(&i);
    get(a1, id, &b);
    assert_int_equal(b.keyed, 1);
    assert_int_equal(b.pending, 1);
    cs_batch_clear(&b);

    /* The same agent cannot key the second entry. */
    fm.body = "Autre chose";
    audit = fixture_audit_rows(f);
    assert_int_equal(key(a1, f, id, &fm, &idea2, &out, &err), CS_EPERM);
    assert_non_null(strstr(err.msg, "another agent"));
    assert_int_equal(fixture_audit_rows(f), audit);

    /* The second, identical (blanks around values do not count): held
     * with the batch, not an idea; the idea is verified. */
    fm.body = "  Des pistes cyclables\nsur la N5 ";
    fm.date = "02/05/2026";
    assert_ok(key(a2, f, id, &fm, &idea2, &out, &err));
    assert_int_equal(out, CS_KEY_VERIFIED);
    assert_int_equal(idea2, idea);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"),
                     ideas + 1);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM paper_entry"
                                      " WHERE pass = 2 AND keyed_by = 'bruno'"),
                     1);
    assert_ok(cs_idea_get(a1, idea, &i, &err));
    assert_string_equal(i.entry_check, "verified");
    cs_idea_clear(&i);
    /* The check is journaled with the idea's whole row, before and after
     * (an as-of export rebuilds ideas from these rows). */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit"
        " WHERE action = 'check' AND tbl = 'idea'"
        " AND json_extract(before, '$.entry_check') = 'pending'"
        " AND json_extract(after, '$.entry_check') = 'verified'"
        " AND json_extract(after, '$.body') IS NOT NULL"), 1);
    get(a1, id, &b);
    assert_int_equal(b.keyed, 1);
    assert_int_equal(b.verified, 1);
    assert_int_equal(b.pending, 0);
    cs_batch_clear(&b);

    /* A third entry is refused; the journal names no one. */
    assert_int_equal(key(f->db, f, id, &fm, NULL, NULL, &err), CS_ECONFLICT);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit"
                                      " WHERE tbl = 'paper_entry'"
                                      " AND (coalesce(after, '') LIKE"
                                      " '%Dupont%')"), 0);
    {
        struct cs_batch_diff *d = NULL;
        assert_ok(cs_batch_diff(a1, id, true, &d, &err));
        assert_int_equal(d->count, 0);
        cs_batch_diff_free(d);
    }
    cs_db_close(a1);
    cs_db_close(a2);
}

/* Settle field `field` of `ref` and check the journal got the idea's
 * update and the settlement (and a check when it ends the dispute; and
 * `more` rows else, a person added). */
static void
resolve_audited(struct fixture *f, struct cs_db *db, int64_t batch,
                const char *ref, const char *field, const char *value,
                int64_t idea, bool last, int more)
{
    struct cs_error err;
    long long before = fixture_audit_rows(f);
    char sql[512];

    assert_ok(cs_batch_resolve(db, batch, ref, field, value, &err));
    assert_int_equal(fixture_audit_rows(f), before + (last ? 3 : 2) + more);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE id > %lld"
             " AND ((action = 'update' AND tbl = 'idea')"
             " OR (action = 'resolve' AND tbl = 'paper_entry'"
             "     AND json_extract(after, '$.field') = '%s')"
             " OR (action = 'check' AND tbl = 'idea'))"
             " AND idea_id = %lld", before, field, (long long)idea);
    assert_int_equal(fixture_count(f, sql), last ? 3 : 2);
}

static void
test_double_disputed_and_resolved(void **state)
{
    struct fixture *f = *state;
    struct cs_db *a1 = open_with_role(f, "agnes", CS_ROLE_AGENT);
    struct cs_db *a2 = open_with_role(f, "bruno", CS_ROLE_AGENT);
    struct cs_db *a3 = open_with_role(f, "chloe", CS_ROLE_AGENT);
    struct form one = { .ref = "F-7", .name = "Jean Dupond",
                        .service = "Voirie", .body = "Éclairer le parking",
                        .title = "Éclairage", .date = "2026-05-02" };
    struct form two = one;
    struct cs_batch_diff *d = NULL;
    struct cs_batch b;
    struct cs_idea i;
    struct cs_error err;
    enum cs_key_outcome out;
    int64_t id = add_batch(a1, f, 1, true, NULL), idea = 0;

    assert_ok(key(a1, f, id, &one, &idea, &out, &err));
    two.name = "Jean Dupont";
    two.body = "Éclairer le parking de la gare";
    two.theme = 1;
    assert_ok(key(a2, f, id, &two, NULL, &out, &err));
    assert_int_equal(out, CS_KEY_DISPUTED);

    /* Disputed, counted once, with the first entry's values. */
    assert_ok(cs_idea_get(a3, idea, &i, &err));
    assert_string_equal(i.entry_check, "disputed");
    assert_string_equal(i.body, "Éclairer le parking");
    assert_int_equal(i.theme_id, f->theme_id[0]);
    cs_idea_clear(&i);
    get(a3, id, &b);
    assert_int_equal(b.keyed, 1);
    assert_int_equal(b.disputed, 1);
    cs_batch_clear(&b);

    /* The differences: one item per field, paper order, both values and
     * who keyed each. */
    assert_ok(cs_batch_diff(a3, id, false, &d, &err));
    assert_int_equal(d->count, 3);
    assert_string_equal(d->items[0].field, "theme");
    assert_string_equal(d->items[0].first, "MOB");
    assert_string_equal(d->items[0].second, "ENV");
    assert_string_equal(d->items[1].field, "author_name");
    assert_string_equal(d->items[1].first, "Jean Dupond");
    assert_string_equal(d->items[1].first_by, "agnes");
    assert_string_equal(d->items[1].second, "Jean Dupont");
    assert_string_equal(d->items[1].second_by, "bruno");
    assert_string_equal(d->items[2].field, "body");
    assert_string_equal(d->items[2].form_ref, "F-7");
    assert_int_equal(d->items[2].idea_id, idea);
    assert_null(d->items[2].resolved);
    cs_batch_diff_free(d);

    /* Neither keyer may settle; a field that agrees is not to settle. */
    assert_int_equal(cs_batch_resolve(a1, id, "F-7", "body", "x", &err),
                     CS_EPERM);
    assert_int_equal(cs_batch_resolve(a2, id, "F-7", "body", "x", &err),
                     CS_EPERM);
    assert_int_equal(cs_batch_resolve(a3, id, "F-7", "service", "x", &err),
                     CS_ENOTFOUND);
    assert_int_equal(cs_batch_resolve(a3, id, "F-8", "body", "x", &err),
                     CS_ENOTFOUND);
    assert_int_equal(cs_batch_resolve(a3, id, "F-7", "colour", "x", &err),
                     CS_EINVAL);
    assert_int_equal(cs_batch_resolve(a3, id, "F-7", "body", " ", &err),
                     CS_EINVAL);
    assert_int_equal(cs_batch_resolve(a3, id, "F-7", "theme", "ZZZ", &err),
                     CS_ENOTFOUND);

    /* A third agent settles the text: applied and audited. */
    resolve_audited(f, a3, id, "F-7", "body",
                    "Éclairer le parking de la gare", idea, false, 0);
    assert_ok(cs_idea_get(a3, idea, &i, &err));
    assert_string_equal(i.body, "Éclairer le parking de la gare");
    assert_string_equal(i.entry_check, "disputed");
    cs_idea_clear(&i);
    assert_ok(cs_batch_diff(a3, id, false, &d, &err));
    assert_int_equal(d->count, 2);
    cs_batch_diff_free(d);
    assert_ok(cs_batch_diff(a3, id, true, &d, &err));
    assert_int_equal(d->count, 3);
    assert_string_equal(d->items[2].resolved,
                        "Éclairer le parking de la gare");
    cs_batch_diff_free(d);

    /* The theme, by code; then the name, by an admin: the author
     * becomes that person, and the form is verified. */
    resolve_audited(f, a3, id, "F-7", "theme", "env", idea, false, 0);
    assert_ok(cs_idea_get(a3, idea, &i, &err));
    assert_int_equal(i.theme_id, f->theme_id[1]);
    cs_idea_clear(&i);
    resolve_audited(f, f->db, id, "F-7", "author_name", "Jean Dupont", idea,
                    true, 1);
    assert_ok(cs_idea_get(a3, idea, &i, &err));
    assert_string_equal(i.entry_check, "verified");
    {
        struct cs_participant p;
        assert_ok(cs_participant_get(f->db, i.author_id, &p, &err));
        assert_string_equal(p.name, "Jean Dupont");
        assert_string_equal(p.service, "Voirie");
        cs_participant_clear(&p);
    }
    cs_idea_clear(&i);
    get(a3, id, &b);
    assert_int_equal(b.verified, 1);
    assert_int_equal(b.disputed, 0);
    cs_batch_clear(&b);
    assert_ok(cs_batch_diff(a3, id, false, &d, &err));
    assert_int_equal(d->count, 0);
    cs_batch_diff_free(d);
    /* The journal keeps which field was settled, not a person's name. */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit"
                                      " WHERE action = 'resolve'"
                                      " AND after LIKE '%Dupont%'"), 0);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit"
                                      " WHERE action = 'resolve'"
                                      " AND after LIKE '%la gare%'"), 1);
    assert_int_equal(fixture_count_drift(f), 0);

    /* A plain batch has nothing to settle. */
    {
        int64_t plain = add_batch(a1, f, 1, false, NULL);
        assert_int_equal(cs_batch_resolve(a3, plain, "F-7", "body", "x",
                                          &err), CS_ECONFLICT);
    }
    cs_db_close(a1);
    cs_db_close(a2);
    cs_db_close(a3);
}

/* A form whose field `field` (a canonical name) reads `v`, the others
 * fixed: theme MOB, a name, a text. */
static void
form_with(const char *field, int v, struct cs_person *p,
          struct cs_idea_new *in, struct fixture *f, char *buf, size_t n)
{
    snprintf(buf, n, "valeur %d", v);
    memset(p, 0, sizeof *p);
    memset(in, 0, sizeof *in);
    p->name = "Jean Dupond";
    p->channel = CS_CHANNEL_PAPER;
    in->theme_id = f->theme_id[0];
    in->kind = CS_KIND_IDEA;
    in->body = "Un banc";
    in->channel = CS_CHANNEL_PAPER;
    in->form_ref = "P-1";
    in->author = p;
    if (strcmp(field, "theme") == 0)
        in->theme_id = f->theme_id[v];
    else if (strcmp(field, "author_name") == 0)
        p->name = buf;
    else if (strcmp(field, "service") == 0)
        p->service = buf;
    else if (strcmp(field, "email") == 0)
        snprintf(buf, n, "a%d@ville.be", v), p->email = buf;
    else if (strcmp(field, "postal") == 0)
        p->postal = buf;
    else if (strcmp(field, "phone") == 0)
        snprintf(buf, n, "071 00 00 0%d", v), p->phone = buf;
    else if (strcmp(field, "consent") == 0)
        p->consent = v != 0;
    else if (strcmp(field, "title") == 0)
        in->title = buf;
    else if (strcmp(field, "body") == 0)
        in->body = buf;
    else if (strcmp(field, "submitted_at") == 0)
        snprintf(buf, n, "2026-05-0%d", v + 1), in->submitted_at = buf;
    else
        fail_msg("a paper form's field this test does not know: %s", field);
}

/* Every field the entry form has is compared: two entries that differ on
 * it alone are disputed on it, and settled on it. */
static void
test_double_every_field(void **state)
{
    struct fixture *f = *state;
    struct cs_db *a1 = open_with_role(f, "agnes", CS_ROLE_AGENT);
    struct cs_db *a2 = open_with_role(f, "bruno", CS_ROLE_AGENT);
    size_t n;
    const char *const *fields = cs_batch_form_fields(&n);
    size_t tried = 0;

    for (size_t k = 0; k < n; k++) {
        struct cs_person p;
        struct cs_idea_new in;
        struct cs_batch_diff *d = NULL;
        struct cs_error err;
        enum cs_key_outcome out;
        char buf[64], second[64];
        int64_t id, idea = 0;

        if (strcmp(fields[k], "form_ref") == 0)
            continue;       /* it pairs the two entries */
        id = add_batch(a1, f, 1, true, NULL);
        form_with(fields[k], 0, &p, &in, f, buf, sizeof buf);
        {
            char ref[32];
            snprintf(ref, sizeof ref, "P-%zu", k);
            in.form_ref = ref;
            cs_error_clear(&err);
            assert_ok(cs_batch_key_form(a1, id, &in, &idea, &out, &err));
            assert_int_equal(out, CS_KEY_FIRST);
            form_with(fields[k], 1, &p, &in, f, second, sizeof second);
            in.form_ref = ref;
            assert_ok(cs_batch_key_form(a2, id, &in, NULL, &out, &err));
            if (out != CS_KEY_DISPUTED)
                fail_msg("two entries differing on %s only are not "
                         "disputed", fields[k]);
            assert_ok(cs_batch_diff(f->db, id, false, &d, &err));
            assert_int_equal(d->count, 1);
            assert_string_equal(d->items[0].field, fields[k]);
            assert_string_equal(d->items[0].second_by, "bruno");
            cs_batch_diff_free(d);
            assert_ok(cs_batch_resolve(f->db, id, ref, fields[k],
                                       strcmp(fields[k], "theme") == 0
                                       ? "ENV" : strcmp(fields[k],
                                       "consent") == 0 ? "yes" : second,
                                       &err));
        }
        {
            struct cs_idea i;
            struct cs_error err2;
            assert_ok(cs_idea_get(f->db, idea, &i, &err2));
            assert_string_equal(i.entry_check, "verified");
            /* A contact settled is the author's, not the first
             * entry's. */
            if (strcmp(fields[k], "phone") == 0
                || strcmp(fields[k], "email") == 0
                || strcmp(fields[k], "postal") == 0
                || strcmp(fields[k], "consent") == 0) {
                struct cs_participant pp;
                const char *got;
                assert_ok(cs_participant_get(f->db, i.author_id, &pp,
                                             &err2));
                got = strcmp(fields[k], "phone") == 0 ? pp.phone
                      : strcmp(fields[k], "email") == 0 ? pp.email
                      : strcmp(fields[k], "postal") == 0 ? pp.postal
                      : pp.consent ? "yes" : "no";
                assert_non_null(got);
                assert_string_equal(got, strcmp(fields[k], "consent") == 0
                                         ? "yes" : second);
                cs_participant_clear(&pp);
            }
            cs_idea_clear(&i);
        }
        tried++;
    }
    assert_int_equal(tried, n - 1);
    assert_true(tried >= 10);
    cs_db_close(a1);
    cs_db_close(a2);
}

static void
test_double_one_entry(void **state)
{
    struct fixture *f = *state;
    struct cs_db *a1 = open_with_role(f, "agnes", CS_ROLE_AGENT);
    struct form one = { .ref = "X1", .body = "Un banc", .date = "2026-05-03" };
    struct cs_error err;
    int64_t id = add_batch(a1, f, 1, true, "theme,form_ref,body");

    assert_ok(key(a1, f, id, &one, NULL, NULL, &err));
    assert_int_equal(cs_batch_resolve(f->db, id, "X1", "body", "x", &err),
                     CS_ECONFLICT);
    /* A reference used by an idea outside the batch is refused. */
    one.ref = "X2";
    {
        struct cs_idea_new in = {
            .consultation_id = f->cons_id, .theme_id = f->theme_id[0],
            .body = "Ailleurs", .form_ref = "X2",
        };
        assert_ok(cs_idea_add(a1, &in, NULL, &err));
    }
    assert_int_equal(key(a1, f, id, &one, NULL, NULL, &err), CS_ECONFLICT);
    assert_string_equal(err.field, "form_ref");
    cs_db_close(a1);
}

/* The ideas export of `o` as a string (the caller frees it). */
static char *
export_text(struct cs_db *db, struct cs_export_options *o)
{
    struct cs_error err;
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);

    assert_non_null(out);
    assert_ok(cs_export_write(db, o, out, NULL, NULL, &err));
    fclose(out);
    return buf;
}

static size_t
lines(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static void
test_export_by_batch(void **state)
{
    struct fixture *f = *state;
    struct cs_db *a1 = open_with_role(f, "agnes", CS_ROLE_AGENT);
    struct cs_db *a2 = open_with_role(f, "bruno", CS_ROLE_AGENT);
    struct form one = { .ref = "E-1", .body = "Un banc" };
    struct form two = { .ref = "E-2", .body = "Un arbre" };
    struct cs_export_options o;
    struct cs_error err;
    int64_t id = add_batch(a1, f, 2, true, NULL);
    char *live, *asof;

    fixture_idea(f->db, f, "Hors lot");
    assert_ok(key(a1, f, id, &one, NULL, NULL, &err));
    assert_ok(key(a2, f, id, &one, NULL, NULL, &err));
    assert_ok(key(a1, f, id, &two, NULL, NULL, &err));
    two.body = "Un arbre fruitier";
    assert_ok(key(a2, f, id, &two, NULL, NULL, &err));

    cs_export_options_init(&o);
    o.kind = CS_EXPORT_IDEAS;
    o.paper_batch_id = id;
    live = export_text(f->db, &o);
    assert_int_equal(lines(live), 3);       /* the header and two ideas */
    assert_non_null(strstr(live, ",import_batch,verified,"));
    assert_non_null(strstr(live, ",E-1,,verified,"));
    assert_non_null(strstr(live, ",E-2,,disputed,"));
    assert_null(strstr(live, "Hors lot"));
    /* As of now, rebuilt from the journal: the same file. */
    o.as_of = "2999-12-31";
    asof = export_text(f->db, &o);
    assert_string_equal(asof, live);
    free(asof);
    free(live);

    /* A kind without ideas of its own does not take the filter. */
    o.as_of = NULL;
    o.kind = CS_EXPORT_PARTICIPATION;
    o.consultation = "AG21";
    assert_int_equal(cs_export_write(f->db, &o, stdout, NULL, NULL, &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "batch");
    cs_db_close(a1);
    cs_db_close(a2);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_add_and_get, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_add_refusals,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_record_kind,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_control_totals_and_close,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_close_matching,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_next_ref, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_double_identical_verified,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_double_disputed_and_resolved,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_double_every_field,
                                        fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_double_one_entry,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_export_by_batch,
                                        fixture_setup_cons, fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
