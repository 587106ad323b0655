/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_batches_test.c: the paper batches screen's model (model_batches.c)
 * and the disputed forms' (model_disputes.c) on a real database: the
 * batches with their control totals, verified and disputed counts; the
 * rules of closing as the screen meets them (a matching count closes, a
 * differing one needs an admin's reason); the disputed forms laid out
 * field by field with both values and who keyed each, settled with the
 * first value, the second or one typed, each through the core and
 * audited, refusals changing nothing; and the entry form's list of
 * batches to key into.
 */
#include "testlib.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "model_batches.h"
#include "model_disputes.h"
#include "model_form.h"
#include "text.h"

static struct cs_db *
open_with_role(struct fixture *f, const char *login, enum cs_role role)
{
    struct cs_error err;

    assert_ok(cs_user_add(f->db, login, role, &err));
    return fixture_open_as(f, login);
}

static int64_t
add_batch(struct cs_db *db, struct fixture *f, const char *label,
          int64_t expected, bool twice)
{
    struct cs_batch_new in = {
        .consultation_id = f->cons_id, .label = label,
        .point = "Mairie de Marchienne", .date = "2026-05-02",
        .expected = expected, .double_entry = twice,
    };
    struct cs_error err;
    int64_t id = 0;

    assert_ok(cs_batch_add(db, &in, &id, &err));
    return id;
}

/* Key one form into `batch` as `db`: theme `theme`, a name (may be
 * NULL), an email (may be NULL), a text. */
static void
key(struct cs_db *db, struct fixture *f, int64_t batch, const char *ref,
    int theme, const char *name, const char *email, const char *body)
{
    struct cs_person p = { .name = name, .email = email,
                           .channel = CS_CHANNEL_PAPER };
    struct cs_idea_new in = {
        .theme_id = f->theme_id[theme], .kind = CS_KIND_IDEA,
        .body = body, .channel = CS_CHANNEL_PAPER, .form_ref = ref,
        .submitted_at = "2026-05-02", .author = name ? &p : NULL,
    };
    struct cs_error err;

    cs_error_clear(&err);
    assert_ok(cs_batch_key_form(db, batch, &in, NULL, NULL, &err));
}

static bool
has(const struct tui_row *rows, size_t n, const char *text)
{
    for (size_t i = 0; i < n; i++)
        if (strstr(rows[i].text, text))
            return true;
    return false;
}

/* ---------------------------------------------------------------- batches */

static void
test_batches_rows_and_close(void **state)
{
    struct fixture *f = *state;
    struct cs_db *agent = open_with_role(f, "agnes", CS_ROLE_AGENT);
    struct model_batches m;
    struct tui_row rows[8];
    struct cs_error err;
    char head[TUI_ROW_BYTES];
    int cursor;
    int64_t b1 = add_batch(agent, f, "Enveloppe 1", 2, false);
    int64_t b2 = add_batch(agent, f, "Boîte 2", 1, false);

    key(agent, f, b1, "E-1", 0, "Émile Zola", NULL, "Des gourdes");
    key(agent, f, b2, "E-2", 1, NULL, NULL, "Moins de papier");
    memset(&m, 0, sizeof m);
    assert_ok(model_batches_load(&m, agent, f->cons_id, "AG21", &err));
    model_batches_header(&m, head, sizeof head);
    assert_string_equal(head, "AG21  |  Paper batches: 2, 2 open");
    assert_int_equal(model_batches_rows(&m, 80, rows, 8, &cursor), 3);
    assert_int_equal(cursor, 1);
    assert_int_equal(rows[0].style, TUI_STYLE_HEADING);
    assert_non_null(strstr(rows[0].text, "Keyed"));
    assert_non_null(strstr(rows[1].text, "Enveloppe 1, Mairie"));
    assert_non_null(strstr(rows[1].text, "2026-05-02"));
    assert_non_null(strstr(rows[1].text, "1 / 2"));
    assert_non_null(strstr(rows[2].text, "Boîte 2"));
    assert_non_null(strstr(rows[2].text, "1 / 1"));
    assert_int_equal(rows[1].id, b1);
    for (int i = 0; i < 3; i++)
        assert_int_equal(tui_width(rows[i].text), 80);

    /* Batch 1 has 1 form of 2: closing it needs a reason, an admin's. */
    assert_true(model_batches_needs_reason(&m));
    assert_int_equal(model_batches_close(&m, NULL, &err), CS_ECONFLICT);
    assert_int_equal(model_batches_close(&m, "Un formulaire perdu", &err),
                     CS_EPERM);
    assert_null(model_batches_selected(&m)->closed_at);

    /* Batch 2 matches its count: an agent closes it; the selection stays
     * on it, dimmed once the cursor leaves. */
    assert_true(model_batches_apply(&m, TUI_ACT_DOWN, 5));
    assert_false(model_batches_needs_reason(&m));
    assert_ok(model_batches_close(&m, NULL, &err));
    assert_int_equal(model_batches_selected(&m)->id, b2);
    assert_non_null(model_batches_selected(&m)->closed_at);
    assert_false(model_batches_needs_reason(&m));
    assert_int_equal(model_batches_close(&m, NULL, &err), CS_ECONFLICT);
    model_batches_header(&m, head, sizeof head);
    assert_string_equal(head, "AG21  |  Paper batches: 2, 1 open");
    assert_true(model_batches_apply(&m, TUI_ACT_HOME, 5));
    model_batches_rows(&m, 80, rows, 8, &cursor);
    assert_int_equal(rows[2].style, TUI_STYLE_DIM);
    assert_non_null(strstr(rows[2].text, "closed"));
    model_batches_free(&m);

    /* The admin closes batch 1 with a reason, kept. */
    assert_ok(model_batches_load(&m, f->db, f->cons_id, "AG21", &err));
    assert_int_equal(model_batches_selected(&m)->id, b1);
    assert_ok(model_batches_close(&m, "Un formulaire perdu", &err));
    assert_string_equal(model_batches_selected(&m)->close_reason,
                        "Un formulaire perdu");
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
                                      " action = 'close'"
                                      " AND tbl = 'paper_batch'"), 2);
    model_batches_free(&m);
    cs_db_close(agent);
}

static void
test_batches_none(void **state)
{
    struct fixture *f = *state;
    struct model_batches m;
    struct tui_row rows[4];
    struct cs_error err;
    int cursor;

    memset(&m, 0, sizeof m);
    assert_ok(model_batches_load(&m, f->db, f->cons_id, "AG21", &err));
    assert_null(model_batches_selected(&m));
    assert_false(model_batches_needs_reason(&m));
    assert_int_equal(model_batches_rows(&m, 80, rows, 4, &cursor), 1);
    assert_int_equal(model_batches_close(&m, NULL, &err), CS_ENOTFOUND);
    model_batches_apply(&m, TUI_ACT_DOWN, 5);
    assert_null(model_batches_selected(&m));
    model_batches_free(&m);
}

/* ---------------------------------------------------------------- disputes */

static void
test_disputes_settled(void **state)
{
    struct fixture *f = *state;
    struct cs_db *a1 = open_with_role(f, "agnes", CS_ROLE_AGENT);
    struct cs_db *a2 = open_with_role(f, "bruno", CS_ROLE_AGENT);
    struct cs_db *a3 = open_with_role(f, "chloe", CS_ROLE_AGENT);
    struct model_disputes m;
    struct tui_row rows[40];
    struct cs_error err;
    char head[TUI_ROW_BYTES];
    int cursor;
    size_t n;
    long long before;
    int64_t b = add_batch(a1, f, "Double", 3, true);
    const struct cs_batch_diff_item *it;
    struct cs_idea idea;

    key(a1, f, b, "D-1", 0, "Jean Dupond", NULL, "Éclairer le parking");
    key(a2, f, b, "D-1", 1, "Jean Dupont", NULL,
        "Éclairer le parking\nde la gare");
    key(a1, f, b, "D-2", 0, "Léa", NULL, "Des arbres");
    key(a2, f, b, "D-2", 0, "Lea", "lea@example.org", "Des arbres");
    key(a1, f, b, "D-3", 0, NULL, NULL, "Des bancs");
    key(a2, f, b, "D-3", 0, NULL, NULL, "Des bancs");

    memset(&m, 0, sizeof m);
    assert_ok(model_disputes_load(&m, a3, b, &err));
    assert_int_equal(model_disputes_count(&m), 5);
    assert_int_equal(model_disputes_forms(&m), 2);
    model_disputes_header(&m, head, sizeof head);
    assert_non_null(strstr(head, "AG21  |  Batch"));
    assert_non_null(strstr(head, "Double  |  2 forms, 5 fields to settle"));

    /* Field by field, the two values side by side, who keyed each under
     * the form's heading; the whole values of the selected one below. */
    n = model_disputes_rows(&m, 80, 20, rows, 40, &cursor);
    assert_true(n <= 20);
    assert_int_equal(rows[0].style, TUI_STYLE_HEADING);
    assert_non_null(strstr(rows[1].text, "Form D-1"));
    assert_non_null(strstr(rows[1].text, "keyed first by agnes, then by "
                                         "bruno"));
    assert_int_equal(cursor, 2);
    assert_int_equal(rows[2].style, TUI_STYLE_SELECTED);
    assert_non_null(strstr(rows[2].text, "> Theme"));
    assert_non_null(strstr(rows[2].text, "MOB"));
    assert_non_null(strstr(rows[2].text, "| ENV"));
    assert_true(has(rows, n, "Jean Dupond"));
    assert_true(has(rows, n, "| Jean Dupont"));
    assert_true(has(rows, n, "Form D-2"));
    assert_true(has(rows, n, "(empty)"));
    assert_true(has(rows, n, "| lea@example.org"));
    assert_false(has(rows, n, "D-3"));     /* agreed: verified */
    assert_true(has(rows, n, "1: Theme, first entry by agnes"));
    assert_true(has(rows, n, "2: Theme, second entry by bruno"));
    for (size_t i = 0; i < n; i++)
        assert_true(tui_width(rows[i].text) <= 80);

    /* A keyer may not settle: nothing changes. */
    {
        struct model_disputes k;

        memset(&k, 0, sizeof k);
        assert_ok(model_disputes_load(&k, a1, b, &err));
        assert_int_equal(model_disputes_settle(&k, DISPUTE_FIRST, NULL,
                                               &err), CS_EPERM);
        assert_int_equal(model_disputes_count(&k), 5);
        model_disputes_free(&k);
    }

    /* The second theme: applied to the idea, audited; the cursor goes to
     * the next field. */
    before = fixture_audit_rows(f);
    assert_ok(model_disputes_settle(&m, DISPUTE_SECOND, NULL, &err));
    assert_true(fixture_audit_rows(f) > before);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
                                      " action = 'resolve'"
                                      " AND json_extract(after, '$.field')"
                                      " = 'theme'"), 1);
    assert_int_equal(model_disputes_count(&m), 4);
    assert_int_equal(m.settled, 1);
    it = model_disputes_selected(&m);
    assert_string_equal(it->form_ref, "D-1");
    assert_string_equal(it->field, "author_name");
    assert_ok(cs_idea_get(a3, it->idea_id, &idea, &err));
    assert_int_equal(idea.theme_id, f->theme_id[1]);
    assert_string_equal(idea.entry_check, "disputed");
    cs_idea_clear(&idea);

    /* The name: the first. The text: another, typed; a blank one is
     * refused and nothing changes. */
    assert_ok(model_disputes_settle(&m, DISPUTE_FIRST, NULL, &err));
    it = model_disputes_selected(&m);
    assert_string_equal(it->field, "body");
    assert_int_equal(model_disputes_settle(&m, DISPUTE_OTHER, " ", &err),
                     CS_EINVAL);
    assert_int_equal(model_disputes_count(&m), 3);
    assert_string_equal(model_disputes_selected(&m)->field, "body");
    assert_ok(model_disputes_settle(&m, DISPUTE_OTHER,
                                    "Éclairer le parking de la gare SNCB",
                                    &err));
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea WHERE"
                                      " form_ref = 'D-1' AND entry_check ="
                                      " 'verified' AND body = 'Éclairer le"
                                      " parking de la gare SNCB'"), 1);

    /* Form D-2 left: the cursor on its first field; settle both. */
    assert_int_equal(model_disputes_forms(&m), 1);
    it = model_disputes_selected(&m);
    assert_string_equal(it->form_ref, "D-2");
    assert_string_equal(it->field, "author_name");
    assert_true(model_disputes_apply(&m, TUI_ACT_END, 10));
    assert_string_equal(model_disputes_selected(&m)->field, "email");
    assert_ok(model_disputes_settle(&m, DISPUTE_SECOND, NULL, &err));
    assert_string_equal(model_disputes_selected(&m)->field, "author_name");
    assert_ok(model_disputes_settle(&m, DISPUTE_FIRST, NULL, &err));
    assert_int_equal(model_disputes_count(&m), 0);
    assert_null(model_disputes_selected(&m));
    assert_int_equal(model_disputes_settle(&m, DISPUTE_FIRST, NULL, &err),
                     CS_ENOTFOUND);
    n = model_disputes_rows(&m, 80, 20, rows, 40, &cursor);
    assert_int_equal(n, 1);
    assert_non_null(strstr(rows[0].text, "Nothing to settle: 3 verified"));
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
                                      " action = 'resolve'"), 5);
    assert_int_equal(m.settled, 5);
    model_disputes_free(&m);
    cs_db_close(a1);
    cs_db_close(a2);
    cs_db_close(a3);
}

/* Another desk settles a field: read again, the cursor stays on its
 * field; a batch keyed once has nothing to compare. */
static void
test_disputes_reload_and_plain(void **state)
{
    struct fixture *f = *state;
    struct cs_db *a1 = open_with_role(f, "agnes", CS_ROLE_AGENT);
    struct cs_db *a2 = open_with_role(f, "bruno", CS_ROLE_AGENT);
    struct model_disputes m;
    struct tui_row rows[40];
    struct cs_error err;
    int cursor;
    int64_t b = add_batch(a1, f, "Double", 2, true);
    int64_t plain = add_batch(a1, f, "Simple", 2, false);

    key(a1, f, b, "D-1", 0, "Jean Dupond", NULL, "Un texte");
    key(a2, f, b, "D-1", 1, "Jean Dupont", NULL, "Un texte");
    memset(&m, 0, sizeof m);
    assert_ok(model_disputes_load(&m, f->db, b, &err));
    assert_int_equal(model_disputes_count(&m), 2);
    assert_true(model_disputes_apply(&m, TUI_ACT_DOWN, 1));
    assert_string_equal(model_disputes_selected(&m)->field, "author_name");
    assert_ok(cs_batch_resolve(f->db, b, "D-1", "theme", "MOB", &err));
    assert_ok(model_disputes_reload(&m, &err));
    assert_int_equal(model_disputes_count(&m), 1);
    assert_string_equal(model_disputes_selected(&m)->field, "author_name");
    model_disputes_free(&m);

    assert_ok(model_disputes_load(&m, f->db, plain, &err));
    assert_int_equal(model_disputes_count(&m), 0);
    assert_int_equal(model_disputes_rows(&m, 80, 20, rows, 40, &cursor), 1);
    assert_non_null(strstr(rows[0].text, "keyed once"));
    model_disputes_free(&m);
    assert_int_equal(model_disputes_load(&m, f->db, 999, &err),
                     CS_ENOTFOUND);
    model_disputes_free(&m);
    cs_db_close(a1);
    cs_db_close(a2);
}

/* ---------------------------------------------------------------- form */

/* The entry form offers the open batches, and none; choosing one takes
 * its layout, choosing none gives every field back. */
static void
test_form_batch_choices(void **state)
{
    struct fixture *f = *state;
    struct model_form fm;
    struct model_menu mm;
    struct cs_batch_new in = {
        .consultation_id = f->cons_id, .label = "Atelier", .expected = 2,
        .fields = "theme,author_name,body",
    };
    struct cs_error err;
    int64_t open_id = 0, closed;

    assert_ok(cs_batch_add(f->db, &in, &open_id, &err));
    closed = add_batch(f->db, f, "Fermé", 0, true);
    assert_ok(cs_batch_close(f->db, closed, NULL, &err));
    memset(&fm, 0, sizeof fm);
    assert_ok(model_form_open(&fm, f->db, f->cons_id, "AG21", &err));
    model_menu_init(&mm, "");
    assert_ok(model_form_batch_choices(&fm, &mm, &err));
    assert_int_equal(mm.count, 2);
    assert_string_equal(mm.items[0].label, "(no batch)");
    assert_int_equal(mm.items[0].value, 0);
    assert_non_null(strstr(mm.items[1].label, "Atelier (0/2)"));
    assert_int_equal(mm.items[1].value, open_id);
    assert_int_equal(model_menu_value(&mm), 0);
    model_menu_free(&mm);

    assert_ok(model_form_set_batch(&fm, open_id, &err));
    assert_false(fm.present[FORM_EMAIL]);
    assert_true(fm.present[FORM_NAME]);
    model_menu_init(&mm, "");
    assert_ok(model_form_batch_choices(&fm, &mm, &err));
    assert_int_equal(model_menu_value(&mm), open_id);
    model_menu_free(&mm);
    assert_ok(model_form_set_batch(&fm, 0, &err));
    assert_int_equal(fm.batch_id, 0);
    assert_true(fm.present[FORM_EMAIL]);
    assert_string_equal(model_form_value(&fm, FORM_REF), "");
    model_form_free(&fm);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_cons, \
                                              fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(test_batches_rows_and_close),
        T(test_batches_none),
        T(test_disputes_settled),
        T(test_disputes_reload_and_plain),
        T(test_form_batch_choices),
    };
#undef T

    if (setlocale(LC_ALL, "C.UTF-8") == NULL)
        return 77;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
