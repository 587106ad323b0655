/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * rules_test.c: the rules the core answers for the front ends. Who may do
 * what (cs_role_can, cs_db_can), checked against the core's own refusals
 * for every role and operation; whether one idea may be edited; a decision
 * on several ideas at once (all or none, one journal row each, the idea at
 * fault named); who reads hidden comments; which text a status needs.
 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const enum cs_role roles[] = {
    CS_ROLE_NONE, CS_ROLE_VIEWER, CS_ROLE_AGENT, CS_ROLE_ADMIN,
    CS_ROLE_COORDINATOR,
};
#define N_ROLES (sizeof roles / sizeof roles[0])
#define ADMIN 3     /* the fixture's own handle */

/* The logins of the fixture, one per role, in the order of roles[]. */
static const char *const logins[N_ROLES] = { "nobody", "vic", "bob", "alice",
                                             "carla" };

struct ctx {
    struct fixture *f;
    struct cs_db *as[N_ROLES];  /* a handle per role; as[ADMIN] is f->db */
    int64_t bobs_idea;          /* entered by the agent */
    int64_t comment;            /* a comment on it */
    int64_t participant;        /* its author */
};

static int
setup(void **state)
{
    struct ctx *c = calloc(1, sizeof *c);
    struct cs_person author = { .ref = "M7", .name = "Jean Martin" };
    struct cs_idea_new in = { 0 };
    struct cs_error err;

    assert_non_null(c);
    assert_int_equal(fixture_setup_cons((void **)&c->f), 0);
    assert_ok(cs_user_add(c->f->db, "vic", CS_ROLE_VIEWER, &err));
    assert_ok(cs_user_add(c->f->db, "bob", CS_ROLE_AGENT, &err));
    assert_ok(cs_user_add(c->f->db, "carla", CS_ROLE_COORDINATOR, &err));
    for (size_t r = 0; r < N_ROLES; r++)
        c->as[r] = r == ADMIN ? c->f->db : fixture_open_as(c->f, logins[r]);
    in.consultation_id = c->f->cons_id;
    in.theme_id = c->f->theme_id[0];
    in.body = "Des vélos de service";
    in.author = &author;
    assert_ok(cs_idea_add(c->as[2], &in, &c->bobs_idea, &err));
    assert_ok(cs_comment_add(c->f->db, c->bobs_idea, &author, "D'accord",
                             &c->comment, &err));
    assert_ok(cs_participant_find(c->f->db, &author, &c->participant, &err));
    *state = c;
    return 0;
}

static int
teardown(void **state)
{
    struct ctx *c = *state;

    for (size_t r = 0; r < N_ROLES; r++)
        if (r != ADMIN)
            cs_db_close(c->as[r]);
    fixture_teardown((void **)&c->f);
    free(c);
    return 0;
}

/* ---------------------------------------------------------------- the table */

/* Who may do each operation, as the design says (DESIGN.md: users and
 * roles), written out here independently of the core's table: the agent
 * keys in, the coordinator reads everything and exports personal data and
 * prepares sessions, the admin does everything. */
static bool
expected_can(enum cs_role role, enum cs_op op)
{
    switch (op) {
    case CS_OP_ANY:
        return true;
    case CS_OP_READ:
        return role != CS_ROLE_NONE;
    case CS_OP_ADD_IDEA:
    case CS_OP_EDIT_IDEA:
    case CS_OP_VOTE:
    case CS_OP_COMMENT:
    case CS_OP_IMPORT:
    case CS_OP_BATCHES:
        return role == CS_ROLE_AGENT || role == CS_ROLE_ADMIN;
    case CS_OP_SEE_HIDDEN:
    case CS_OP_SEE_PERSONAL:
    case CS_OP_EXPORT_PERSONAL:
    case CS_OP_SESSIONS:
        return role == CS_ROLE_COORDINATOR || role == CS_ROLE_ADMIN;
    default:
        return role == CS_ROLE_ADMIN;
    }
}

/* The role a refusal names: the first that may, viewer first. */
static enum cs_role
expected_role(enum cs_op op)
{
    static const enum cs_role order[] = {
        CS_ROLE_NONE, CS_ROLE_VIEWER, CS_ROLE_COORDINATOR, CS_ROLE_AGENT,
        CS_ROLE_ADMIN,
    };

    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        if (expected_can(order[i], op))
            return order[i];
    return CS_ROLE_ADMIN;
}

static void
test_role_table(void **state)
{
    struct ctx *c = *state;

    for (int op = 0; op < CS_OP_COUNT; op++) {
        assert_int_equal(cs_op_role((enum cs_op)op),
                         expected_role((enum cs_op)op));
        assert_string_not_equal(cs_op_name((enum cs_op)op), "?");
        for (size_t r = 0; r < N_ROLES; r++) {
            bool want = expected_can(roles[r], (enum cs_op)op);

            assert_int_equal(cs_role_can(roles[r], (enum cs_op)op), want);
            assert_int_equal(cs_db_can(c->as[r], (enum cs_op)op), want);
        }
        for (int o2 = 0; o2 < op; o2++)
            assert_string_not_equal(cs_op_name((enum cs_op)op),
                                    cs_op_name((enum cs_op)o2));
    }
    /* An operation this build does not know is nobody's. */
    assert_false(cs_role_can(CS_ROLE_ADMIN, CS_OP_COUNT));
    assert_string_equal(cs_op_name(CS_OP_COUNT), "?");
}

/* Do `op` once as handle `db` through the core's real call; the result
 * only matters as CS_EPERM or not. */
static enum cs_rc
perform(struct ctx *c, struct cs_db *db, enum cs_op op, struct cs_error *err)
{
    struct fixture *f = c->f;
    struct cs_person someone = { .name = "Anne Dupont", .service = "RH" };
    struct cs_idea_new in = { 0 };
    struct cs_comment_list *cl = NULL;
    struct cs_idea_list *il = NULL;
    struct cs_participant p;
    struct cs_import_report rep = { 0 };
    struct cs_export_options eo;
    struct cs_import_undo_report undo;
    char login[32], path[400];
    FILE *out;
    enum cs_rc rc;
    static int n;

    in.consultation_id = f->cons_id;
    in.theme_id = f->theme_id[0];
    in.body = "Une idée de plus";
    switch (op) {
    case CS_OP_ANY:
        return CS_OK;
    case CS_OP_READ:
        rc = cs_idea_list(db, NULL, NULL, 10, &il, err);
        cs_idea_list_free(il);
        return rc;
    case CS_OP_ADD_IDEA:
        return cs_idea_add(db, &in, NULL, err);
    case CS_OP_EDIT_IDEA: {
        struct cs_idea_change ch = { .title = "Vélos" };

        return cs_idea_update(db, c->bobs_idea, 0, &ch, err);
    }
    case CS_OP_VOTE:
        return cs_tally_add(db, c->bobs_idea, 3, "Atelier", NULL, NULL, err);
    case CS_OP_COMMENT:
        return cs_comment_add(db, c->bobs_idea, NULL, "Oui", NULL, err);
    case CS_OP_IMPORT:
        /* The role comes before the file: no file, CS_ENOTFOUND. */
        rc = cs_import_file(db, CS_IMPORT_IDEAS, "/nonexistent/x.csv", NULL,
                            &rep, err);
        cs_import_report_clear(&rep);
        return rc;
    case CS_OP_SET_STATUS:
        return cs_idea_set_status(db, fixture_idea(f->db, f, "À étudier"),
                                  0, CS_STATUS_REVIEWING, NULL, err);
    case CS_OP_HIDE:
        return cs_idea_set_status(db, fixture_idea(f->db, f, "Injure"), 0,
                                  CS_STATUS_HIDDEN, "Propos injurieux",
                                  err);
    case CS_OP_MERGE:
        return cs_idea_merge(db, fixture_idea(f->db, f, "Doublon"), 0,
                             fixture_idea(f->db, f, "Original"), err);
    case CS_OP_TAG:
        return cs_idea_tag(db, c->bobs_idea, 0, "vélo", false, err);
    case CS_OP_SEE_HIDDEN:
        rc = cs_comment_list(db, c->bobs_idea, CS_COMMENTS_ALL, &cl, err);
        cs_comment_list_free(cl);
        return rc;
    case CS_OP_SEE_PERSONAL:
        rc = cs_participant_get(db, c->participant, &p, err);
        if (rc == CS_OK)
            cs_participant_clear(&p);
        return rc;
    case CS_OP_EXPORT_PERSONAL:
        cs_export_options_init(&eo);
        eo.kind = CS_EXPORT_PARTICIPANTS;
        eo.consultation = "AG21";
        assert_non_null(out = tmpfile());
        rc = cs_export_write(db, &eo, out, NULL, NULL, err);
        fclose(out);
        return rc;
    case CS_OP_UNDO_IMPORT:
        return cs_import_undo(db, 999, &undo, err);
    case CS_OP_TEMPLATES:
        return cs_template_set(db, f->cons_id, 1, "Merci", "Merci.", err);
    case CS_OP_CONSULTATIONS:
        snprintf(login, sizeof login, "T%d", ++n);
        return cs_theme_add(db, f->cons_id, login, "Thème", 0, NULL, err);
    case CS_OP_MANAGE_USERS:
        snprintf(login, sizeof login, "user%d", ++n);
        return cs_user_add(db, login, CS_ROLE_VIEWER, err);
    case CS_OP_ANONYMISE:
        assert_int_equal(cs_participant_resolve(f->db, &someone, &p.id, NULL,
                                                err), CS_OK);
        return cs_participant_anonymise(db, p.id, err);
    case CS_OP_BATCHES: {
        struct cs_batch_new b = { .consultation_id = f->cons_id,
                                  .label = "Enveloppe", .expected = 1 };

        return cs_batch_add(db, &b, NULL, err);
    }
    case CS_OP_BATCH_CLOSE_DIFF: {
        /* Nothing keyed of one form expected: closing needs a reason. */
        struct cs_batch_new b = { .consultation_id = f->cons_id,
                                  .label = "Boîte", .expected = 1 };
        int64_t id;

        assert_int_equal(cs_batch_add(f->db, &b, &id, err), CS_OK);
        return cs_batch_close(db, id, "Un formulaire perdu", err);
    }
    case CS_OP_BACKUP:
        snprintf(path, sizeof path, "%s/backup-%d.db", f->dir, ++n);
        return cs_backup_write(db, path, false, NULL, err);
    case CS_OP_RESTORE:
        /* Its role is checked before the file is looked for. */
        return cs_backup_restore(db, "/nonexistent/backup.db", path,
                                 sizeof path, err);
    case CS_OP_SESSIONS: {
        struct cs_session_new sn = { f->cons_id, CS_BODY_CODIR, "2026-12-10",
                                     NULL };

        return cs_session_add(db, &sn, NULL, NULL, err);
    }
    case CS_OP_PUBLISH:
        return cs_consultation_publish(db, f->cons_id, NULL, err);
    default:
        fail_msg("operation %d has no call in this test", op);
        return CS_EINVAL;
    }
}

/* Every role x every operation: the core refuses exactly what cs_db_can
 * says no to, with CS_EPERM and nothing else. */
static void
test_core_refuses_what_the_table_refuses(void **state)
{
    struct ctx *c = *state;

    for (int op = 0; op < CS_OP_COUNT; op++) {
        for (size_t r = 0; r < N_ROLES; r++) {
            struct cs_error err;
            enum cs_rc rc;

            cs_error_clear(&err);
            rc = perform(c, c->as[r], (enum cs_op)op, &err);
            if (cs_db_can(c->as[r], (enum cs_op)op)) {
                if (rc == CS_EPERM)
                    fail_msg("%s refused to %s: %s",
                             cs_op_name((enum cs_op)op), logins[r], err.msg);
            } else if (rc != CS_EPERM) {
                fail_msg("%s allowed to %s (%s)", cs_op_name((enum cs_op)op),
                         logins[r], cs_rc_name(rc));
            }
        }
    }
}

static void
test_can_edit_one_idea(void **state)
{
    struct ctx *c = *state;
    struct cs_idea_change ch = { .body = "Des vélos électriques" };
    struct cs_error err;
    int64_t alices = fixture_idea(c->f->db, c->f, "Une idée d'Alice");
    bool can = true;

    /* The admin: any idea. */
    assert_ok(cs_idea_can_edit(c->as[3], c->bobs_idea, &can, &err));
    assert_true(can);
    assert_ok(cs_idea_can_edit(c->as[3], alices, &can, &err));
    assert_true(can);
    /* The agent: what it entered, and what the core then lets it do. */
    assert_ok(cs_idea_can_edit(c->as[2], c->bobs_idea, &can, &err));
    assert_true(can);
    assert_ok(cs_idea_update(c->as[2], c->bobs_idea, 0, &ch, &err));
    assert_ok(cs_idea_can_edit(c->as[2], alices, &can, &err));
    assert_false(can);
    assert_int_equal(cs_idea_update(c->as[2], alices, 0, &ch, &err),
                     CS_EPERM);
    /* The viewer and the coordinator read, never edit. */
    assert_ok(cs_idea_can_edit(c->as[1], c->bobs_idea, &can, &err));
    assert_false(can);
    assert_ok(cs_idea_can_edit(c->as[4], c->bobs_idea, &can, &err));
    assert_false(can);
    assert_int_equal(cs_idea_update(c->as[4], c->bobs_idea, 0, &ch, &err),
                     CS_EPERM);
    assert_non_null(strstr(err.msg, "needs the agent role"));
    /* Nobody learns nothing; a missing idea is said so. */
    assert_int_equal(cs_idea_can_edit(c->as[0], c->bobs_idea, &can, &err),
                     CS_EPERM);
    assert_int_equal(cs_idea_can_edit(c->as[3], 9999, &can, &err),
                     CS_ENOTFOUND);
}

/* ---------------------------------------------------------------- bulk */

static enum cs_status
status_of(struct fixture *f, int64_t id)
{
    struct cs_idea i;
    struct cs_error err;
    enum cs_status s;

    assert_ok(cs_idea_get(f->db, id, &i, &err));
    s = i.status;
    cs_idea_clear(&i);
    return s;
}

static char *
answer_of(struct fixture *f, int64_t id)
{
    struct cs_idea i;
    struct cs_error err;
    char *a;

    assert_ok(cs_idea_get(f->db, id, &i, &err));
    a = i.answer ? strdup(i.answer) : NULL;
    cs_idea_clear(&i);
    return a;
}

static void
test_bulk_all_moved(void **state)
{
    struct ctx *c = *state;
    struct fixture *f = c->f;
    struct cs_status_item items[3];
    struct cs_error err;
    long long before;
    size_t failed = 0;
    char *a;

    for (int i = 0; i < 3; i++)
        items[i] = (struct cs_status_item){
            .id = fixture_idea(f->db, f, "À décider") };
    items[1].text = "Une réponse propre à celle-ci.";
    before = fixture_audit_rows(f);
    assert_ok(cs_idea_set_status_many(f->db, items, 3, CS_STATUS_ACCEPTED,
                                      "  Réponse commune.  ", &failed,
                                      &err));
    assert_int_equal(failed, 3);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(status_of(f, items[i].id), CS_STATUS_ACCEPTED);
        a = answer_of(f, items[i].id);
        assert_string_equal(a, i == 1 ? "Une réponse propre à celle-ci."
                                      : "Réponse commune.");
        free(a);
    }
    /* One journal row per idea, each on its idea. */
    assert_int_equal(fixture_audit_rows(f), before + 3);
    for (int i = 0; i < 3; i++) {
        char sql[200];

        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM audit WHERE action = 'status'"
                 " AND tbl = 'idea' AND row_id = %lld",
                 (long long)items[i].id);
        assert_int_equal(fixture_count(f, sql), 1);
    }
    /* Nothing to do is done. */
    assert_ok(cs_idea_set_status_many(f->db, items, 0, CS_STATUS_NEW, NULL,
                                      NULL, &err));
    assert_int_equal(fixture_audit_rows(f), before + 3);
}

/* A status and answer for every idea, to see that nothing moved. */
static long long
decisions_digest(struct fixture *f)
{
    return fixture_count(f, "SELECT count(*) FROM idea WHERE status = 'new'")
         * 1000
         + fixture_count(f, "SELECT count(*) FROM idea"
                            " WHERE answer IS NOT NULL");
}

static void
test_bulk_none_moved(void **state)
{
    struct ctx *c = *state;
    struct fixture *f = c->f;
    struct cs_status_item items[4];
    char want[64];
    struct cs_error err;
    long long before, digest;
    size_t failed;

    for (int i = 0; i < 4; i++)
        items[i] = (struct cs_status_item){
            .id = fixture_idea(f->db, f, "Lot") };
    /* The third is merged: it cannot be decided on. */
    assert_ok(cs_idea_merge(f->db, items[2].id, 0, items[0].id, &err));
    before = fixture_audit_rows(f);
    digest = decisions_digest(f);
    assert_int_equal(cs_idea_set_status_many(f->db, items, 4,
                                             CS_STATUS_REJECTED, "Non.",
                                             &failed, &err),
                     CS_ECONFLICT);
    assert_int_equal(failed, 2);
    snprintf(want, sizeof want, "Idea %lld: ", (long long)items[2].id);
    assert_non_null(strstr(err.msg, want));
    assert_int_equal(fixture_audit_rows(f), before);
    assert_int_equal(decisions_digest(f), digest);
    assert_int_equal(status_of(f, items[0].id), CS_STATUS_NEW);
    assert_int_equal(status_of(f, items[1].id), CS_STATUS_NEW);

    /* A missing answer is found before anything is written, and named. */
    assert_ok(cs_idea_unmerge(f->db, items[2].id, 0, &err));
    before = fixture_audit_rows(f);
    items[3].text = "   ";
    assert_int_equal(cs_idea_set_status_many(f->db, items, 4,
                                             CS_STATUS_ACCEPTED, "Oui.",
                                             &failed, &err),
                     CS_EINVAL);
    assert_int_equal(failed, 3);
    assert_string_equal(err.field, "answer");
    snprintf(want, sizeof want, "Idea %lld: ", (long long)items[3].id);
    assert_non_null(strstr(err.msg, want));
    assert_int_equal(fixture_audit_rows(f), before);

    /* An idea that does not exist, at the end: the others stay. */
    items[3] = (struct cs_status_item){ .id = 987654 };
    assert_int_equal(cs_idea_set_status_many(f->db, items, 4,
                                             CS_STATUS_REVIEWING, NULL,
                                             &failed, &err),
                     CS_ENOTFOUND);
    assert_int_equal(failed, 3);
    assert_non_null(strstr(err.msg, "987654"));
    assert_int_equal(status_of(f, items[0].id), CS_STATUS_NEW);
    assert_int_equal(fixture_audit_rows(f), before);

    /* Decided on a version that has moved on: none of them. */
    items[3] = (struct cs_status_item){
        .id = fixture_idea(f->db, f, "Versionnée") };
    items[1].if_version = 1;
    items[3].if_version = 1;
    assert_ok(cs_idea_tag(f->db, items[3].id, 1, "vélo", false, &err));
    assert_int_equal(cs_idea_set_status_many(f->db, items, 4,
                                             CS_STATUS_REVIEWING, NULL,
                                             &failed, &err),
                     CS_ESTALE);
    assert_int_equal(failed, 3);
    snprintf(want, sizeof want, "Idea %lld: ", (long long)items[3].id);
    assert_non_null(strstr(err.msg, want));
    assert_int_equal(status_of(f, items[1].id), CS_STATUS_NEW);
    before = fixture_audit_rows(f);
    items[3].if_version = 2;            /* the version the tag made */
    assert_ok(cs_idea_set_status_many(f->db, items, 4, CS_STATUS_REVIEWING,
                                      NULL, &failed, &err));
    assert_int_equal(status_of(f, items[3].id), CS_STATUS_REVIEWING);
    assert_int_equal(fixture_audit_rows(f), before + 4);
    before = fixture_audit_rows(f);

    /* The same idea twice is refused as a mistake. */
    items[3] = items[1];
    assert_int_equal(cs_idea_set_status_many(f->db, items, 4,
                                             CS_STATUS_REVIEWING, NULL,
                                             &failed, &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "idea");
    assert_int_equal(failed, 4);

    /* One idea alone: the message is the plain one. */
    assert_int_equal(cs_idea_set_status_many(f->db, &items[2], 1,
                                             CS_STATUS_MERGED, NULL,
                                             &failed, &err),
                     CS_ECONFLICT);
    assert_int_equal(failed, 0);
    assert_null(strstr(err.msg, "Idea "));
    assert_int_equal(fixture_audit_rows(f), before);
}

static void
test_bulk_roles(void **state)
{
    struct ctx *c = *state;
    struct cs_status_item items[2] = {
        { .id = c->bobs_idea },
        { .id = fixture_idea(c->f->db, c->f, "Autre") },
    };
    struct cs_error err;
    long long before = fixture_audit_rows(c->f);

    for (size_t r = 0; r < N_ROLES; r++) {
        if (r == ADMIN)
            continue;
        assert_int_equal(cs_idea_set_status_many(c->as[r], items, 2,
                                                 CS_STATUS_REVIEWING, NULL,
                                                 NULL, &err), CS_EPERM);
        assert_int_equal(cs_idea_set_status_many(c->as[r], items, 2,
                                                 CS_STATUS_HIDDEN, "Injure",
                                                 NULL, &err), CS_EPERM);
    }
    assert_int_equal(fixture_audit_rows(c->f), before);
    /* Hiding several needs their reason, the admin gives it. */
    assert_int_equal(cs_idea_set_status_many(c->as[3], items, 2,
                                             CS_STATUS_HIDDEN, NULL, NULL,
                                             &err), CS_EINVAL);
    assert_string_equal(err.field, "reason");
    assert_ok(cs_idea_set_status_many(c->as[3], items, 2, CS_STATUS_HIDDEN,
                                      "Hors sujet", NULL, &err));
    assert_int_equal(status_of(c->f, items[1].id), CS_STATUS_HIDDEN);
    assert_int_equal(fixture_audit_rows(c->f), before + 2);
}

/* ---------------------------------------------------------------- comments */

static size_t
comments_seen(struct cs_db *db, int64_t idea, enum cs_comment_scope scope,
              enum cs_rc *rc)
{
    struct cs_comment_list *l = NULL;
    struct cs_error err;
    size_t n = 0;

    *rc = cs_comment_list(db, idea, scope, &l, &err);
    if (*rc == CS_OK) {
        n = l->count;
        for (size_t i = 0; i < l->count; i++)
            if (l->items[i].hidden)
                assert_non_null(l->items[i].hidden_reason);
    }
    cs_comment_list_free(l);
    return n;
}

static void
test_hidden_comments_by_role(void **state)
{
    struct ctx *c = *state;
    struct cs_error err;
    enum cs_rc rc;

    /* Two comments, one of them hidden. */
    assert_ok(cs_comment_add(c->f->db, c->bobs_idea, NULL, "Insulte", NULL,
                             &err));
    assert_ok(cs_comment_hide(c->f->db, c->comment + 1, "Injure", &err));
    for (size_t r = 1; r < N_ROLES; r++) {
        /* The coordinator reads everything, the moderated too. */
        bool sees = roles[r] == CS_ROLE_ADMIN
                    || roles[r] == CS_ROLE_COORDINATOR;

        assert_int_equal(comments_seen(c->as[r], c->bobs_idea,
                                       CS_COMMENTS_VISIBLE, &rc), 1);
        assert_int_equal(rc, CS_OK);
        /* What a role may see, it gets; the rest it is not shown. */
        assert_int_equal(comments_seen(c->as[r], c->bobs_idea,
                                       CS_COMMENTS_ALLOWED, &rc),
                         sees ? 2 : 1);
        assert_int_equal(rc, CS_OK);
        /* Asking for them all is refused to those who may not. */
        comments_seen(c->as[r], c->bobs_idea, CS_COMMENTS_ALL, &rc);
        assert_int_equal(rc, sees ? CS_OK : CS_EPERM);
        assert_int_equal(sees, cs_db_can(c->as[r], CS_OP_SEE_HIDDEN));
    }
    comments_seen(c->as[0], c->bobs_idea, CS_COMMENTS_VISIBLE, &rc);
    assert_int_equal(rc, CS_EPERM);
}

/* ---------------------------------------------------------------- texts */

static void
test_status_text_rule(void **state)
{
    struct ctx *c = *state;
    struct cs_error err;

    for (int s = 0; s < CS_STATUS_COUNT; s++) {
        enum cs_status st = (enum cs_status)s;
        enum cs_status_text want =
            st == CS_STATUS_ACCEPTED || st == CS_STATUS_REJECTED
                || st == CS_STATUS_IMPLEMENTED ? CS_TEXT_ANSWER
            : st == CS_STATUS_HIDDEN ? CS_TEXT_REASON : CS_TEXT_NONE;

        assert_int_equal(cs_status_text(st), want);
        assert_int_equal(cs_status_needs_answer(st), want == CS_TEXT_ANSWER);
        if (want == CS_TEXT_NONE) {
            assert_null(cs_status_text_field(st));
            assert_ok(cs_status_text_check(st, NULL, &err));
            continue;
        }
        assert_string_equal(cs_status_text_field(st),
                            want == CS_TEXT_ANSWER ? "answer" : "reason");
        cs_error_clear(&err);
        assert_int_equal(cs_status_text_check(st, " \n", &err), CS_EINVAL);
        assert_string_equal(err.field, cs_status_text_field(st));
        assert_int_equal(cs_status_text_check(st, NULL, &err), CS_EINVAL);
        assert_int_equal(cs_status_text_check(st, "bad\x01", &err),
                         CS_EINVAL);
        assert_string_equal(err.field, cs_status_text_field(st));
        assert_ok(cs_status_text_check(st, "Une réponse.", &err));
        /* The core's own move follows the same rule, with the same field. */
        if (cs_status_transition_ok(CS_STATUS_NEW, st)) {
            struct cs_error e2;

            cs_error_clear(&e2);
            assert_int_equal(cs_idea_set_status(c->f->db, c->bobs_idea, 0,
                                                st, "", &e2), CS_EINVAL);
            assert_string_equal(e2.field, cs_status_text_field(st));
        }
    }
    assert_int_equal(cs_status_text(CS_STATUS_COUNT), CS_TEXT_NONE);
}

/* A record is checked against the same table: writing it, then each
 * field that takes more (statuses, answers, tags). */
static void
test_record_fields_by_role(void **state)
{
    struct ctx *c = *state;
    struct cs_record r;
    const struct cs_field *defs;
    size_t n;

    defs = cs_record_fields(CS_RECORD_IDEA, &n);
    for (size_t i = 0; i < n; i++) {
        enum cs_op want = defs[i].id == CS_F_TAGS ? CS_OP_TAG
            : defs[i].id == CS_F_STATUS || defs[i].id == CS_F_ANSWER
                ? CS_OP_SET_STATUS : CS_OP_ANY;

        assert_int_equal(defs[i].op, want);
    }
    memset(&r, 0, sizeof r);
    r.kind = CS_RECORD_IDEA;
    r.has_consultation = r.has_theme = true;
    r.v[CS_F_BODY] = "Des vélos";
    r.v[CS_F_TAGS] = "vélo";
    for (size_t k = 0; k < N_ROLES; k++) {
        struct cs_error err;
        enum cs_rc rc;

        cs_error_clear(&err);
        rc = cs_record_check(c->as[k], &r, &err);
        assert_int_equal(rc, cs_db_can(c->as[k], CS_OP_ADD_IDEA)
                                 && cs_db_can(c->as[k], CS_OP_TAG)
                             ? CS_OK : CS_EPERM);
    }
    r.v[CS_F_TAGS] = NULL;
    for (size_t k = 0; k < N_ROLES; k++) {
        struct cs_error err;

        assert_int_equal(cs_record_check(c->as[k], &r, &err),
                         cs_db_can(c->as[k], CS_OP_ADD_IDEA) ? CS_OK
                                                             : CS_EPERM);
    }
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_role_table),
        T(test_core_refuses_what_the_table_refuses),
        T(test_can_edit_one_idea),
        T(test_bulk_all_moved),
        T(test_bulk_none_moved),
        T(test_bulk_roles),
        T(test_hidden_comments_by_role),
        T(test_status_text_rule),
        T(test_record_fields_by_role),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
