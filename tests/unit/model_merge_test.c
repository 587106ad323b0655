/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_merge_test.c: the merge flow (model_merge.c) on a real database,
 * fed keys as the shell feeds them, without a terminal: typing "12"
 * chooses idea 12 (never the first similar idea on the first digit), any
 * idea may be the target, not only a suggestion; the confirmation names
 * both ideas and how to undo; no goes back to the choice; a number naming
 * no idea, or the idea itself, is refused with a note. The merge the flow
 * chose is then made through the idea's page model.
 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_idea.h"
#include "model_merge.h"

#define W 80
#define H 10
#define N 14

struct ctx {
    struct fixture *f;
    int64_t ids[N];             /* ids[0] = 1 ... ids[13] = 14; 1, 2 and
                                   14 alike */
    int64_t dup;                /* the duplicate being merged: ids[13] */
    struct cs_idea idea;        /* it, read */
    struct cs_idea_list *similar;
    struct model_merge m;
};

static int
setup(void **state)
{
    struct ctx *c = calloc(1, sizeof *c);
    struct cs_error err;

    if (fixture_setup_cons(state) != 0)
        return -1;
    c->f = *state;
    for (int i = 0; i < N; i++) {
        char title[64], body[128];
        struct cs_idea_new in = {
            .consultation_id = c->f->cons_id,
            .theme_id = c->f->theme_id[0], .kind = CS_KIND_IDEA,
            .channel = CS_CHANNEL_PAPER, .title = title, .body = body,
        };

        if (i <= 1 || i == N - 1) {
            snprintf(title, sizeof title, "Navette vers la gare %d", i);
            snprintf(body, sizeof body, "Une navette matin et soir vers la"
                     " gare");
        } else {
            snprintf(title, sizeof title, "Sujet %d", i);
            snprintf(body, sizeof body, "Texte sans rapport numéro %d", i);
        }
        assert_ok(cs_idea_add(c->f->db, &in, &c->ids[i], &err));
    }
    c->dup = c->ids[N - 1];
    assert_ok(cs_idea_get(c->f->db, c->dup, &c->idea, &err));
    assert_ok(cs_search_similar(c->f->db, c->dup, MODEL_MERGE_SUGGESTIONS,
                                &c->similar, &err));
    model_merge_init(&c->m);
    *state = c;
    return 0;
}

static int
teardown(void **state)
{
    struct ctx *c = *state;

    model_merge_free(&c->m);
    cs_idea_list_free(c->similar);
    cs_idea_clear(&c->idea);
    *state = c->f;
    free(c);
    return fixture_teardown(state);
}

static enum merge_step
key(struct ctx *c, int k)
{
    return model_merge_key(&c->m, CS_ROLE_ADMIN, k, W, H);
}

static enum merge_step
type(struct ctx *c, const char *s)
{
    enum merge_step st = c->m.step;

    for (; *s; s++)
        st = key(c, (unsigned char)*s);
    return st;
}

/* Typing "12" is idea 12, which is not among the suggestions. */
static void
test_type_any_number(void **state)
{
    struct ctx *c = *state;
    char want[128];

    assert_true(c->similar->count >= 1);
    assert_int_equal(c->similar->items[0].id, c->ids[0]);
    for (size_t i = 0; i < c->similar->count; i++)
        assert_int_not_equal(c->similar->items[i].id, 12);
    model_merge_start(&c->m, c->f->db, &c->idea, c->similar, 0);
    assert_int_equal(c->m.step, MERGE_CHOOSE);
    assert_int_equal(c->m.dlg.kind, DLG_PICK);
    assert_int_equal(c->m.dlg.menu.count, c->similar->count);
    assert_non_null(strstr(c->m.dlg.title, "Navette vers la gare 13"));
    /* The first digit chooses nothing. */
    assert_int_equal(key(c, '1'), MERGE_CHOOSE);
    assert_int_equal(c->m.into, 0);
    assert_int_equal(key(c, '2'), MERGE_CHOOSE);
    assert_int_equal(key(c, TUI_KEY_ENTER), MERGE_CONFIRM);
    assert_int_equal(c->m.into, 12);
    assert_string_equal(c->m.into_title, "Sujet 11");
    assert_int_equal(c->m.dlg.kind, DLG_CONFIRM);
    snprintf(want, sizeof want, "Merge idea %lld into idea 12? (y/n) ",
             (long long)c->dup);
    assert_string_equal(c->m.dlg.label, want);
    /* Both ideas named by number and title, and how to undo. */
    assert_non_null(strstr(c->m.dlg.heading, "Navette vers la gare 13"));
    assert_non_null(strstr(c->m.dlg.heading, "idea 12: Sujet 11"));
    assert_non_null(strstr(c->m.dlg.heading, "U on the page of idea 14"));
    assert_int_equal(key(c, 'y'), MERGE_DONE);
    assert_int_equal(c->m.into, 12);
    assert_int_equal(c->m.dlg.kind, DLG_NONE);
}

/* Arrows and Enter choose a suggestion; Enter confirms (yes is the
 * default). */
static void
test_choose_a_suggestion(void **state)
{
    struct ctx *c = *state;

    assert_true(c->similar->count >= 2);
    model_merge_start(&c->m, c->f->db, &c->idea, c->similar, 0);
    assert_int_equal(dialog_value(&c->m.dlg), c->similar->items[0].id);
    assert_int_equal(key(c, TUI_KEY_DOWN), MERGE_CHOOSE);
    assert_int_equal(key(c, TUI_KEY_ENTER), MERGE_CONFIRM);
    assert_int_equal(c->m.into, c->similar->items[1].id);
    assert_int_equal(key(c, TUI_KEY_ENTER), MERGE_DONE);
    /* Started on a suggestion (the page's cursor on it). */
    model_merge_start(&c->m, c->f->db, &c->idea, c->similar,
                      c->similar->items[1].id);
    assert_int_equal(dialog_value(&c->m.dlg), c->similar->items[1].id);
    /* No similar idea at all: a number still does. */
    model_merge_start(&c->m, c->f->db, &c->idea, NULL, 0);
    assert_int_equal(c->m.dlg.menu.count, 0);
    assert_int_equal(key(c, TUI_KEY_ENTER), MERGE_CHOOSE);
    assert_string_not_equal(c->m.dlg.note, "");
    assert_int_equal(type(c, "3"), MERGE_CHOOSE);
    assert_string_equal(c->m.dlg.note, "");
    assert_int_equal(key(c, TUI_KEY_ENTER), MERGE_CONFIRM);
    assert_int_equal(c->m.into, 3);
}

/* A number naming no idea, or the idea itself: a note, and the number
 * stays to be corrected. No at the confirmation: back to the choice; Esc
 * there: no merge. */
static void
test_refusals_and_no(void **state)
{
    struct ctx *c = *state;
    char self[16];

    model_merge_start(&c->m, c->f->db, &c->idea, c->similar, 0);
    assert_int_equal(type(c, "999"), MERGE_CHOOSE);
    assert_int_equal(key(c, TUI_KEY_ENTER), MERGE_CHOOSE);
    assert_string_equal(c->m.dlg.note, "There is no idea 999.");
    assert_string_equal(dialog_text(&c->m.dlg), "999");
    key(c, TUI_KEY_BACKSPACE);
    key(c, TUI_KEY_BACKSPACE);
    key(c, TUI_KEY_BACKSPACE);
    assert_string_equal(c->m.dlg.note, "");
    snprintf(self, sizeof self, "%lld", (long long)c->dup);
    type(c, self);
    assert_int_equal(key(c, TUI_KEY_ENTER), MERGE_CHOOSE);
    assert_string_equal(c->m.dlg.note,
                        "An idea cannot be merged into itself.");
    key(c, TUI_CTRL('u'));
    type(c, "5");
    assert_int_equal(key(c, TUI_KEY_ENTER), MERGE_CONFIRM);
    assert_int_equal(key(c, 'n'), MERGE_CHOOSE);
    assert_int_equal(c->m.into, 0);
    assert_int_equal(c->m.dlg.kind, DLG_PICK);
    assert_int_equal(key(c, TUI_KEY_ESC), MERGE_NONE);
    assert_int_equal(c->m.dlg.kind, DLG_NONE);
    assert_int_equal(fixture_count(c->f, "SELECT count(*) FROM idea WHERE"
                                         " merged_into IS NOT NULL"), 0);
}

/* The target chosen, outside the suggestions, is merged into through the
 * page model; U (unmerge) undoes it. */
static void
test_merge_into_any_idea(void **state)
{
    struct ctx *c = *state;
    struct model_idea page;
    struct cs_error err;
    char sql[128];

    memset(&page, 0, sizeof page);
    assert_ok(model_idea_open(&page, c->f->db, c->dup, W, H, &err));
    model_merge_start(&c->m, c->f->db, &page.idea, page.similar,
                      model_idea_link(&page));
    type(c, "12");
    key(c, TUI_KEY_ENTER);
    assert_int_equal(key(c, 'y'), MERGE_DONE);
    assert_ok(model_idea_merge(&page, c->m.into, &err));
    assert_int_equal(page.idea.status, CS_STATUS_MERGED);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM idea WHERE id = %lld"
             " AND merged_into = 12", (long long)c->dup);
    assert_int_equal(fixture_count(c->f, sql), 1);
    assert_ok(model_idea_unmerge(&page, &err));
    assert_int_equal(fixture_count(c->f, sql), 0);
    model_idea_free(&page);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_type_any_number, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_choose_a_suggestion, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_refusals_and_no, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_merge_into_any_idea, setup,
                                        teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
