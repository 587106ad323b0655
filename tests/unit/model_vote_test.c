/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_vote_test.c: a person's vote from an idea's page (model_vote.c)
 * on a real database, driven by keys into its dialogs: the voter found as
 * the name is typed, or entered as a new person; a refusal opening the
 * step again with everything typed; Esc going back a step; and the core's
 * participant search under it.
 */
#include "testlib.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_vote.h"
#include "text.h"

/* Keys into the flow's dialog, each answer given to the flow. */
static enum vote_next
keys(struct model_vote *m, const int *k, size_t n)
{
    enum vote_next next = VOTE_GOING;
    struct cs_error err;

    for (size_t i = 0; i < n; i++) {
        enum dlg_result r = dialog_key(&m->dlg, CS_ROLE_ADMIN, k[i], 80, 10);

        if (r != DLG_GOING)
            next = model_vote_answer(m, r, &err);
    }
    return next;
}

static enum vote_next
type(struct model_vote *m, const char *text)
{
    enum vote_next next = VOTE_GOING;
    struct cs_error err;

    size_t n = strlen(text);

    /* Keys are code points. */
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = tui_u8_next(text + i, n - i, &cp);
        enum dlg_result r;

        if (len == 0)
            break;
        i += len;
        r = dialog_key(&m->dlg, CS_ROLE_ADMIN, (int)cp, 80, 10);
        if (r != DLG_GOING)
            next = model_vote_answer(m, r, &err);
    }
    return next;
}

static int64_t
votes_of(struct fixture *f, int64_t idea)
{
    char sql[100];

    snprintf(sql, sizeof sql, "SELECT votes FROM idea WHERE id = %lld",
             (long long)idea);
    return fixture_count(f, sql);
}

static void
people(struct fixture *f)
{
    struct cs_error err;
    static const struct cs_person p[] = {
        { .ref = "M1001", .name = "Anne Dupont", .service = "Travaux" },
        { .name = "Élodie Dupuis", .service = "Écoles" },
        { .name = "Luc Martin", .service = "Espaces verts" },
    };

    int64_t id;

    for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
        assert_ok(cs_participant_resolve(f->db, &p[i], &id, NULL, &err));
}

static void
test_search(void **state)
{
    struct fixture *f = *state;
    struct cs_participant_list *l = NULL;
    struct cs_error err;

    people(f);
    /* A name's start, without accents or case; a word inside a name; a
     * reference's start. */
    assert_ok(cs_participant_search(f->db, "DUP", 10, &l, &err));
    assert_int_equal(l->count, 2);
    assert_string_equal(l->items[0].name, "Anne Dupont");
    assert_string_equal(l->items[1].name, "Élodie Dupuis");
    cs_participant_list_free(l);
    assert_ok(cs_participant_search(f->db, "elo", 10, &l, &err));
    assert_int_equal(l->count, 1);
    assert_string_equal(l->items[0].service, "Écoles");
    cs_participant_list_free(l);
    assert_ok(cs_participant_search(f->db, "M10", 10, &l, &err));
    assert_int_equal(l->count, 1);
    assert_string_equal(l->items[0].ref, "M1001");
    cs_participant_list_free(l);
    assert_ok(cs_participant_search(f->db, "an", 1, &l, &err));
    assert_int_equal(l->count, 1);
    cs_participant_list_free(l);
    assert_ok(cs_participant_search(f->db, "  ", 10, &l, &err));
    assert_int_equal(l->count, 0);
    cs_participant_list_free(l);
    /* A wildcard typed is a character, not a wildcard. */
    assert_ok(cs_participant_search(f->db, "d%t", 10, &l, &err));
    assert_int_equal(l->count, 0);
    cs_participant_list_free(l);
}

static void
test_found_as_typed(void **state)
{
    struct fixture *f = *state;
    struct model_vote m;
    struct cs_error err;
    int64_t idea = fixture_idea(f->db, f, "Des vélos partagés");
    static const int down_enter[] = { TUI_KEY_DOWN, TUI_KEY_ENTER };
    static const int enter[] = { TUI_KEY_ENTER };

    people(f);
    model_vote_init(&m);
    assert_ok(model_vote_start(&m, f->db, idea, &err));
    assert_int_equal(m.step, VOTE_FIND);
    assert_int_equal(m.dlg.kind, DLG_PICK);
    /* Nothing typed: only "a new person". */
    assert_int_equal(m.dlg.menu.count, 1);
    type(&m, "dup");
    assert_string_equal(m.query, "dup");
    assert_int_equal(m.dlg.menu.count, 3);
    assert_string_equal(m.dlg.menu.items[0].label,
                        "Anne Dupont  -  Travaux  -  M1001");
    assert_string_equal(m.dlg.menu.items[2].label, "+ A new person: dup");
    /* The second found: Élodie Dupuis. */
    assert_int_equal(keys(&m, down_enter, 2), VOTE_SAVED);
    assert_true(m.vote_id > 0);
    assert_string_equal(m.who, "Élodie Dupuis, Écoles");
    assert_int_equal(votes_of(f, idea), 1);
    assert_int_equal(m.step, VOTE_CLOSED);

    /* Again the same person: refused, the list open again with what was
     * typed and the core's message. */
    assert_ok(model_vote_start(&m, f->db, idea, &err));
    assert_string_equal(m.query, "");
    type(&m, "Élodie");
    assert_int_equal(keys(&m, enter, 1), VOTE_GOING);
    assert_int_equal(m.step, VOTE_FIND);
    assert_string_equal(dialog_text(&m.dlg), "Élodie");
    assert_non_null(strstr(m.dlg.note, "already supports idea"));
    assert_int_equal(votes_of(f, idea), 1);
    /* By reference, then. */
    {
        static const int clear[] = { TUI_CTRL('u') };

        keys(&m, clear, 1);
    }
    type(&m, "M1001");
    assert_int_equal(m.dlg.menu.count, 2);
    assert_int_equal(keys(&m, enter, 1), VOTE_SAVED);
    assert_string_equal(m.who, "Anne Dupont (M1001)");
    assert_int_equal(votes_of(f, idea), 2);
    model_vote_free(&m);
}

static void
test_new_person(void **state)
{
    struct fixture *f = *state;
    struct model_vote m;
    struct cs_error err;
    int64_t idea = fixture_idea(f->db, f, "Une navette");
    static const int enter[] = { TUI_KEY_ENTER };
    static const int esc[] = { TUI_KEY_ESC };

    people(f);
    model_vote_init(&m);
    assert_ok(model_vote_start(&m, f->db, idea, &err));
    type(&m, "Zoé Lambert");
    /* No one found: the only line is the new person. */
    assert_int_equal(m.dlg.menu.count, 1);
    assert_int_equal(keys(&m, enter, 1), VOTE_GOING);
    assert_int_equal(m.step, VOTE_NAME);
    assert_string_equal(dialog_text(&m.dlg), "Zoé Lambert");
    keys(&m, enter, 1);
    assert_int_equal(m.step, VOTE_SERVICE);
    type(&m, "Finances");
    /* Esc goes back a step with the service kept, Enter forward. */
    keys(&m, esc, 1);
    assert_int_equal(m.step, VOTE_NAME);
    keys(&m, enter, 1);
    assert_int_equal(m.step, VOTE_SERVICE);
    assert_string_equal(dialog_text(&m.dlg), "Finances");
    assert_int_equal(keys(&m, enter, 1), VOTE_SAVED);
    assert_string_equal(m.who, "Zoé Lambert, Finances");
    assert_int_equal(votes_of(f, idea), 1);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"
                                      " WHERE name = 'Zoé Lambert'"
                                      " AND service = 'Finances'"), 1);

    /* Esc on the list closes the flow; what was typed stays for the next
     * time on this idea, not on another. */
    assert_ok(model_vote_start(&m, f->db, idea, &err));
    type(&m, "Luc");
    assert_int_equal(keys(&m, esc, 1), VOTE_CANCELLED);
    assert_ok(model_vote_start(&m, f->db, idea, &err));
    assert_string_equal(dialog_text(&m.dlg), "Luc");
    assert_int_equal(m.dlg.menu.count, 2);
    assert_true(dialog_has_typed_text(&m.dlg) == false);
    assert_ok(model_vote_start(&m, f->db, fixture_idea(f->db, f, "Autre"),
                               &err));
    assert_string_equal(dialog_text(&m.dlg), "");
    model_vote_free(&m);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_search, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_found_as_typed,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_new_person, fixture_setup_cons,
                                        fixture_teardown),
    };

    if (setlocale(LC_ALL, "C.UTF-8") == NULL)
        return 77;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
