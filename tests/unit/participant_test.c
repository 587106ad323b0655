/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * participant_test.c: participants (participant.c): found by reference or
 * by name and service whatever the case and accents, added once, completed
 * but never overwritten, anonymised with their contributions kept, and
 * their personal fields kept from non-admins.
 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t
resolve(struct cs_db *db, const struct cs_person *p, bool *created)
{
    struct cs_error err;
    int64_t id = 0;

    assert_ok(cs_participant_resolve(db, p, &id, created, &err));
    assert_true(id > 0);
    return id;
}

static void
test_find_by_ref(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_person p = { .ref = "M-4711", .name = "Élodie Dupont",
                           .service = "Travaux" };
    struct cs_person by_ref = { .ref = " M-4711 " };
    struct cs_person other_ref = { .ref = "M-4712", .name = "Élodie Dupont",
                                   .service = "Travaux" };
    int64_t id, found = 0;

    id = resolve(f->db, &p, NULL);
    assert_ok(cs_participant_find(f->db, &by_ref, &found, &err));
    assert_int_equal(found, id);
    /* A reference decides: another number is another person, even with
     * the same name. */
    assert_int_equal(cs_participant_find(f->db, &other_ref, &found, &err),
                     CS_ENOTFOUND);
    assert_true(err.msg[0] != '\0');
}

static void
test_find_by_name_folded(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_person p = { .name = "  Élodie  DUPONT ",
                           .service = "Service des Travaux" };
    struct cs_person q = { .name = "elodie dupont",
                           .service = "service des travaux" };
    struct cs_person r = { .name = "ELODIE Dupont",
                           .service = "  SERVICE  DES TRAVAUX" };
    struct cs_person other_service = { .name = "Élodie Dupont",
                                       .service = "Crèche" };
    struct cs_person no_service = { .name = "Élodie Dupont" };
    struct cs_participant got;
    int64_t id, found = 0;

    id = resolve(f->db, &p, NULL);
    assert_ok(cs_participant_find(f->db, &q, &found, &err));
    assert_int_equal(found, id);
    assert_ok(cs_participant_find(f->db, &r, &found, &err));
    assert_int_equal(found, id);
    assert_int_equal(cs_participant_find(f->db, &other_service, &found,
                                         &err), CS_ENOTFOUND);
    assert_int_equal(cs_participant_find(f->db, &no_service, &found, &err),
                     CS_ENOTFOUND);
    /* Stored as written, trimmed. */
    assert_ok(cs_participant_get(f->db, id, &got, &err));
    assert_string_equal(got.name, "Élodie  DUPONT");
    assert_string_equal(got.service, "Service des Travaux");
    assert_null(got.ref);
    assert_null(got.email);
    cs_participant_clear(&got);
}

static void
test_resolve_creates_once(void **state)
{
    struct fixture *f = *state;
    struct cs_person p = { .name = "Jean-Luc Lemaître", .service = "Écoles",
                           .channel = CS_CHANNEL_WORKSHOP };
    struct cs_person same = { .name = "JEAN-LUC LEMAITRE",
                              .service = "ecoles" };
    bool created = false;
    int64_t a, b;
    long long audit;

    a = resolve(f->db, &p, &created);
    assert_true(created);
    audit = fixture_count(f, "SELECT count(*) FROM audit");
    b = resolve(f->db, &same, &created);
    assert_false(created);
    assert_int_equal(a, b);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"), 1);
    /* Nothing new to record: no journal row either. */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit"), audit);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"
                     " WHERE channel = 'workshop'"), 1);
    resolve(f->db, &p, NULL);       /* `created` may be NULL */
}

static void
test_completes_missing_fields(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_person paper = { .ref = "M-0042", .name = "Marc Dubois" };
    struct cs_person web = { .ref = "M-0042", .service = "Urbanisme",
                             .email = "marc.dubois@ville.example",
                             .consent = true };
    struct cs_person later = { .ref = "M-0042", .name = "M. Dubois",
                               .email = "autre@ville.example",
                               .service = "Finances", .consent = false };
    struct cs_participant got;
    bool created = true;
    int64_t id;

    id = resolve(f->db, &paper, NULL);
    assert_int_equal(resolve(f->db, &web, &created), id);
    assert_false(created);
    assert_ok(cs_participant_get(f->db, id, &got, &err));
    assert_string_equal(got.email, "marc.dubois@ville.example");
    assert_string_equal(got.service, "Urbanisme");
    assert_string_equal(got.name, "Marc Dubois");
    assert_true(got.consent);
    cs_participant_clear(&got);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
                     " tbl = 'participant' AND action = 'update'"), 1);

    /* What is known is never overwritten, consent never withdrawn by a
     * later form. */
    assert_int_equal(resolve(f->db, &later, NULL), id);
    assert_ok(cs_participant_get(f->db, id, &got, &err));
    assert_string_equal(got.email, "marc.dubois@ville.example");
    assert_string_equal(got.service, "Urbanisme");
    assert_string_equal(got.name, "Marc Dubois");
    assert_true(got.consent);
    cs_participant_clear(&got);

    /* The completed service is searchable. */
    {
        struct cs_person by_name = { .name = "marc dubois",
                                     .service = "URBANISME" };
        int64_t found = 0;
        assert_ok(cs_participant_find(f->db, &by_name, &found, &err));
        assert_int_equal(found, id);
    }
}

static void
test_invalid(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_person nothing = { .service = "Travaux",
                                 .email = "x@example.be" };
    struct cs_person blank = { .ref = "  ", .name = "\t" };
    struct cs_person bad_email = { .name = "Paul", .email = "paul.example" };
    struct cs_person bad_utf8 = { .name = "Ren\xe9 Latin1" };
    struct cs_person control = { .name = "Tab\x01" };
    int64_t id;

    assert_int_equal(cs_participant_resolve(f->db, &nothing, &id, NULL,
                                            &err), CS_EINVAL);
    assert_string_equal(err.field, "name");
    assert_int_equal(cs_participant_resolve(f->db, &blank, &id, NULL, &err),
                     CS_EINVAL);
    assert_int_equal(cs_participant_find(f->db, &blank, &id, &err),
                     CS_EINVAL);
    assert_int_equal(cs_participant_resolve(f->db, &bad_email, &id, NULL,
                                            &err), CS_EINVAL);
    assert_string_equal(err.field, "email");
    assert_int_equal(cs_participant_resolve(f->db, &bad_utf8, &id, NULL,
                                            &err), CS_EINVAL);
    assert_string_equal(err.field, "name");
    assert_int_equal(cs_participant_resolve(f->db, &control, &id, NULL,
                                            &err), CS_EINVAL);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"), 0);
}

/* A phone number is kept, completed when missing, read back and erased
 * by anonymising. */
static void
test_phone(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_participant got;
    struct cs_person first = { .name = "Zoé Martin", .service = "Écoles" };
    struct cs_person again = { .name = "zoe martin", .service = "ECOLES",
                               .phone = " 0470 12 34 56 " };
    struct cs_person other = { .name = "Zoé Martin", .service = "Écoles",
                               .phone = "071 00 00 00" };
    int64_t id;

    id = resolve(f->db, &first, NULL);
    assert_int_equal(resolve(f->db, &again, NULL), id);
    assert_int_equal(resolve(f->db, &other, NULL), id);
    assert_ok(cs_participant_get(f->db, id, &got, &err));
    assert_string_equal(got.phone, "0470 12 34 56");
    cs_participant_clear(&got);
    assert_ok(cs_participant_anonymise(f->db, id, &err));
    assert_ok(cs_participant_get(f->db, id, &got, &err));
    assert_null(got.phone);
    cs_participant_clear(&got);
}

/* A service alone is the service's anonymous participant: one per service
 * (case and accents aside), no name, no consent; it is not a named
 * person of that service. */
static void
test_service_only(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_person alone = { .service = "Écoles", .consent = true };
    struct cs_person again = { .service = " ECOLES " };
    struct cs_person other = { .service = "Travaux" };
    struct cs_person named = { .name = "Zoé", .service = "Écoles" };
    struct cs_person with_phone = { .service = "Écoles",
                                    .phone = "071 00 00 00" };
    int64_t id, found = 0;
    bool created = false;

    assert_true(cs_person_is_service_only(&alone));
    assert_false(cs_person_is_service_only(&named));
    assert_false(cs_person_is_service_only(&with_phone));
    id = resolve(f->db, &alone, &created);
    assert_true(created);
    assert_int_equal(resolve(f->db, &again, &created), id);
    assert_false(created);
    assert_true(resolve(f->db, &other, NULL) != id);
    assert_true(resolve(f->db, &named, NULL) != id);
    assert_ok(cs_participant_find(f->db, &again, &found, &err));
    assert_int_equal(found, id);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"
                                      " WHERE name IS NULL AND ref IS NULL"
                                      " AND service = 'Écoles'"
                                      " AND consent = 0"), 1);
    assert_int_equal(cs_participant_resolve(f->db, &with_phone, &id, NULL,
                                            &err), CS_EINVAL);
    assert_string_equal(err.field, "name");
}

static void
test_anonymise(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_person p = {
        .ref = "M-4711", .name = "Élodie Dupont", .service = "Travaux",
        .email = "elodie.dupont@example.be", .consent = true,
        .postal = "Rue des Tilleuls 8, 6030 Marchienne",
    };
    struct cs_person voter = { .ref = "M-5000", .name = "Paul Renard" };
    struct cs_idea_new in = {
        .consultation_id = f->cons_id, .theme_id = f->theme_id[0],
        .kind = CS_KIND_IDEA, .channel = CS_CHANNEL_PAPER,
        .body = "Des abris pour vélos au dépôt communal.", .author = &p,
    };
    struct cs_participant got;
    struct cs_idea idea;
    int64_t id, idea_id, found;

    assert_ok(cs_idea_add(f->db, &in, &idea_id, &err));
    assert_ok(cs_participant_find(f->db, &p, &id, &err));
    assert_ok(cs_vote_add(f->db, idea_id, &p, CS_CHANNEL_PAPER, NULL, NULL,
                          &err));
    assert_ok(cs_vote_add(f->db, idea_id, &voter, CS_CHANNEL_PAPER, NULL,
                          NULL, &err));

    assert_ok(cs_participant_anonymise(f->db, id, &err));
    assert_ok(cs_participant_get(f->db, id, &got, &err));
    assert_true(got.anonymised);
    assert_null(got.ref);
    assert_null(got.name);
    assert_null(got.email);
    assert_null(got.postal);
    assert_false(got.consent);
    /* The contributions stay, and still count. */
    assert_int_equal(got.idea_count, 1);
    assert_int_equal(got.vote_count, 1);
    cs_participant_clear(&got);
    assert_ok(cs_idea_get(f->db, idea_id, &idea, &err));
    assert_int_equal(idea.author_id, id);
    assert_int_equal(idea.votes, 2);
    assert_string_equal(idea.body, "Des abris pour vélos au dépôt communal.");
    cs_idea_clear(&idea);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM vote"), 2);

    /* Nobody can find the person again from what was erased. */
    assert_int_equal(cs_participant_find(f->db, &p, &found, &err),
                     CS_ENOTFOUND);
    {
        struct cs_person by_name = { .name = "Élodie Dupont",
                                     .service = "Travaux" };
        assert_int_equal(cs_participant_find(f->db, &by_name, &found, &err),
                         CS_ENOTFOUND);
    }
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"
                     " WHERE name_key IS NOT NULL AND id = (SELECT min(id)"
                     " FROM participant)"), 0);
    assert_int_equal(cs_participant_anonymise(f->db, 9999, &err),
                     CS_ENOTFOUND);
}

/* An anonymised participant is not filled in again by a later form. */
static void
test_anonymised_not_refilled(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_person p = { .ref = "M-0007", .name = "Nadia Haddad" };
    struct cs_participant got;
    bool created = false;
    int64_t id, again;

    id = resolve(f->db, &p, NULL);
    assert_ok(cs_participant_anonymise(f->db, id, &err));
    again = resolve(f->db, &p, &created);
    assert_true(created);
    assert_int_not_equal(again, id);
    assert_ok(cs_participant_get(f->db, id, &got, &err));
    assert_null(got.name);
    assert_null(got.ref);
    cs_participant_clear(&got);
}

static void
test_roles(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_person p = { .ref = "M-1234", .name = "Sophie Leroy",
                           .email = "sophie.leroy@example.be" };
    struct cs_person q = { .name = "Karim Benali", .service = "Propreté" };
    struct cs_db *agent, *viewer, *nobody;
    struct cs_participant got;
    int64_t id, found;

    assert_ok(cs_user_add(f->db, "bob", CS_ROLE_AGENT, &err));
    assert_ok(cs_user_add(f->db, "carol", CS_ROLE_VIEWER, &err));
    agent = fixture_open_as(f, "bob");
    viewer = fixture_open_as(f, "carol");
    nobody = fixture_open_as(f, "mallory");

    /* An agent keys participants in... */
    id = resolve(agent, &p, NULL);
    /* ...but neither agent nor viewer reads their personal fields. */
    memset(&got, 0x5a, sizeof got);
    assert_int_equal(cs_participant_get(agent, id, &got, &err), CS_EPERM);
    assert_int_equal(cs_participant_get(viewer, id, &got, &err), CS_EPERM);
    assert_int_equal(cs_participant_get(nobody, id, &got, &err), CS_EPERM);
    assert_int_equal(cs_participant_anonymise(agent, id, &err), CS_EPERM);
    assert_int_equal(cs_participant_anonymise(viewer, id, &err), CS_EPERM);
    assert_int_equal(cs_participant_resolve(viewer, &q, &found, NULL, &err),
                     CS_EPERM);
    assert_int_equal(cs_participant_resolve(nobody, &q, &found, NULL, &err),
                     CS_EPERM);
    assert_int_equal(cs_participant_find(nobody, &p, &found, &err), CS_EPERM);
    assert_ok(cs_participant_find(viewer, &p, &found, &err));
    assert_int_equal(found, id);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"), 1);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"
                     " WHERE created_by = 'bob'"), 1);

    assert_ok(cs_participant_get(f->db, id, &got, &err));
    assert_string_equal(got.email, "sophie.leroy@example.be");
    cs_participant_clear(&got);
    cs_participant_clear(NULL);
    cs_db_close(agent);
    cs_db_close(viewer);
    cs_db_close(nobody);
}

/* True if `needle` occurs in the bytes of file `path` (absent file: no). */
static bool
file_contains(const char *path, const char *needle)
{
    FILE *fp = fopen(path, "rb");
    size_t n = strlen(needle), len = 0;
    char *buf = NULL;
    bool found = false;
    long size;

    if (fp == NULL)
        return false;
    if (fseek(fp, 0, SEEK_END) == 0 && (size = ftell(fp)) > 0
        && fseek(fp, 0, SEEK_SET) == 0 && (buf = malloc((size_t)size)))
        len = fread(buf, 1, (size_t)size, fp);
    for (size_t i = 0; i + n <= len && !found; i++)
        found = memcmp(buf + i, needle, n) == 0;
    free(buf);
    fclose(fp);
    return found;
}

/* Anonymising leaves the erased values nowhere in the files: not in free
 * pages of the database, not in the WAL, not in the journal. */
static void
test_anonymise_erases_bytes(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_person p = {
        .ref = "ZQX-918273", .name = "Gwendoline Vanderkelen",
        .email = "gwendoline.vanderkelen@example.be",
    };
    char wal[320];
    int64_t id;

    snprintf(wal, sizeof wal, "%s-wal", f->path);
    fixture_idea(f->db, f, "Une idée pour relier la zone par le bus.");
    assert_ok(cs_participant_resolve(f->db, &p, &id, NULL, &err));
    assert_true(file_contains(f->path, "Gwendoline Vanderkelen")
                || file_contains(wal, "Gwendoline Vanderkelen"));
    assert_ok(cs_participant_anonymise(f->db, id, &err));
    assert_false(file_contains(f->path, "Gwendoline Vanderkelen"));
    assert_false(file_contains(wal, "Gwendoline Vanderkelen"));
    assert_false(file_contains(f->path, "vanderkelen@example.be"));
    assert_false(file_contains(wal, "vanderkelen@example.be"));
    assert_false(file_contains(f->path, "ZQX-918273"));
    assert_false(file_contains(wal, "ZQX-918273"));
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_cons, \
                                              fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(test_find_by_ref),
        T(test_find_by_name_folded),
        T(test_resolve_creates_once),
        T(test_completes_missing_fields),
        T(test_invalid),
        T(test_phone),
        T(test_service_only),
        T(test_anonymise),
        T(test_anonymise_erases_bytes),
        T(test_anonymised_not_refilled),
        T(test_roles),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
