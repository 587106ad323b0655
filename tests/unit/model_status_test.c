/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_status_test.c: the status flow (model_status.c) on a real
 * database, fed keys as the shell feeds them, without a terminal: the
 * list of statuses, a template filled for the idea, the answer editor
 * naming the idea, Esc asking before throwing an answer away, the reason
 * for hiding, a status that takes no text, and the busy database giving
 * the typed answer back.
 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consult/template.h"
#include "model_status.h"
#include "text.h"

#define W 80
#define H 10

struct ctx {
    struct fixture *f;
    int64_t id;                 /* the idea the flow is about */
    struct model_status s;
};

static int
setup(void **state)
{
    struct ctx *c = calloc(1, sizeof *c);
    struct cs_error err;
    struct cs_idea_new in = { .kind = CS_KIND_IDEA,
                              .channel = CS_CHANNEL_PAPER,
                              .title = "Des vélos de service",
                              .body = "Deux vélos pour les courses." };

    if (fixture_setup_cons(state) != 0)
        return -1;
    c->f = *state;
    in.consultation_id = c->f->cons_id;
    in.theme_id = c->f->theme_id[0];
    assert_ok(cs_idea_add(c->f->db, &in, &c->id, &err));
    model_status_init(&c->s);
    *state = c;
    return 0;
}

static int
teardown(void **state)
{
    struct ctx *c = *state;

    model_status_free(&c->s);
    *state = c->f;
    free(c);
    return fixture_teardown(state);
}

static enum status_step
key(struct ctx *c, int k)
{
    return model_status_key(&c->s, CS_ROLE_ADMIN, k, W, H);
}

static enum status_step
type(struct ctx *c, const char *s)
{
    enum status_step st = c->s.step;
    size_t n = strlen(s);

    while (n > 0) {
        uint32_t cp;
        size_t len = tui_u8_next(s, n, &cp);

        st = key(c, (int)cp);
        s += len;
        n -= len;
    }
    return st;
}

static void
start(struct ctx *c, int current, const char *prefill)
{
    char what[64];

    snprintf(what, sizeof what, "idea %lld", (long long)c->id);
    model_status_start(&c->s, c->f->db, c->f->cons_id, what, c->id, current,
                       prefill);
}

/* s, 3 (accepted), the answer typed in the editor that names the idea,
 * F2: the flow holds the status and the text. */
static void
test_choose_then_answer(void **state)
{
    struct ctx *c = *state;
    char about[128];

    start(c, CS_STATUS_NEW, NULL);
    assert_int_equal(c->s.step, STATUS_CHOOSE);
    assert_int_equal(c->s.dlg.kind, DLG_PICK);
    assert_int_equal(dialog_value(&c->s.dlg), CS_STATUS_NEW);
    /* Merged is not offered: merges have their own key. */
    for (size_t i = 0; i < c->s.dlg.menu.count; i++)
        assert_int_not_equal(c->s.dlg.menu.items[i].value,
                             CS_STATUS_MERGED);
    assert_int_equal(key(c, '3'), STATUS_TEXT);
    assert_int_equal(c->s.to, CS_STATUS_ACCEPTED);
    assert_int_equal(c->s.dlg.kind, DLG_EDITOR);
    snprintf(about, sizeof about, "Idea %lld: Des vélos de service",
             (long long)c->id);
    assert_string_equal(c->s.dlg.heading, about);
    assert_non_null(strstr(c->s.dlg.title, "Official answer (accepted)"));
    assert_int_equal(type(c, "Oui, en mars."), STATUS_TEXT);
    assert_int_equal(key(c, TUI_KEY_F(2)), STATUS_DONE);
    assert_int_equal(c->s.to, CS_STATUS_ACCEPTED);
    assert_string_equal(c->s.text, "Oui, en mars.");
    assert_int_equal(c->s.dlg.kind, DLG_NONE);
}

/* Esc with an answer typed asks; n goes on; y cancels the flow. */
static void
test_esc_asks_before_losing_the_answer(void **state)
{
    struct ctx *c = *state;

    start(c, -1, NULL);
    assert_int_equal(key(c, '4'), STATUS_TEXT);    /* rejected */
    assert_int_equal(type(c, "Non."), STATUS_TEXT);
    assert_int_equal(key(c, TUI_KEY_ESC), STATUS_TEXT);
    assert_true(c->s.dlg.asking);
    assert_int_equal(key(c, 'n'), STATUS_TEXT);
    assert_string_equal(dialog_text(&c->s.dlg), "Non.");
    assert_int_equal(key(c, TUI_KEY_ESC), STATUS_TEXT);
    assert_int_equal(key(c, 'y'), STATUS_NONE);
    assert_int_equal(c->s.dlg.kind, DLG_NONE);
    /* Esc on the list: nothing. */
    start(c, -1, NULL);
    assert_int_equal(key(c, TUI_KEY_ESC), STATUS_NONE);
}

/* An answer starts from a template of the consultation, filled for the
 * idea; the current answer, when there is one, comes first. */
static void
test_template_then_answer(void **state)
{
    struct ctx *c = *state;
    struct cs_error err;
    char want[128];

    assert_ok(cs_template_set(c->f->db, c->f->cons_id, 2, "Refus",
                              "L'idée {id} n'est pas retenue.", &err));
    start(c, -1, NULL);
    assert_int_equal(key(c, '4'), STATUS_TEMPLATE);
    assert_int_equal(c->s.dlg.kind, DLG_PICK);
    assert_int_equal(key(c, '2'), STATUS_TEXT);
    snprintf(want, sizeof want, "L'idée %lld n'est pas retenue.",
             (long long)c->id);
    assert_string_equal(dialog_text(&c->s.dlg), want);
    assert_int_equal(key(c, TUI_KEY_F(2)), STATUS_DONE);
    assert_string_equal(c->s.text, want);
    /* 0: a blank answer. */
    start(c, -1, NULL);
    assert_int_equal(key(c, '4'), STATUS_TEMPLATE);
    assert_int_equal(key(c, '0'), STATUS_TEXT);
    assert_string_equal(dialog_text(&c->s.dlg), "");
    /* An answer being changed starts from itself, not a template. */
    start(c, CS_STATUS_ACCEPTED, "Déjà répondu.");
    assert_int_equal(key(c, TUI_KEY_ENTER), STATUS_TEXT);
    assert_string_equal(dialog_text(&c->s.dlg), "Déjà répondu.");
}

static void
test_status_chosen_already(void **state)
{
    struct ctx *c = *state;

    /* Reviewing takes no text: done at once. */
    assert_int_equal(model_status_start_to(&c->s, c->f->db, c->f->cons_id,
                                           "idea 1", c->id,
                                           CS_STATUS_REVIEWING, NULL),
                     STATUS_DONE);
    assert_null(c->s.text);
    /* Hiding asks the reason on a line, from the current one. */
    assert_int_equal(model_status_start_to(&c->s, c->f->db, c->f->cons_id,
                                           "idea 1", c->id,
                                           CS_STATUS_HIDDEN, "Doublon"),
                     STATUS_TEXT);
    assert_int_equal(c->s.dlg.kind, DLG_LINE);
    assert_int_equal(type(c, " exact"), STATUS_TEXT);
    assert_int_equal(key(c, TUI_KEY_ENTER), STATUS_DONE);
    assert_int_equal(c->s.to, CS_STATUS_HIDDEN);
    assert_string_equal(c->s.text, "Doublon exact");
    /* Several ideas: no idea named under the title. */
    assert_int_equal(model_status_start_to(&c->s, c->f->db, c->f->cons_id,
                                           "3 marked ideas", 0,
                                           CS_STATUS_IMPLEMENTED, NULL),
                     STATUS_TEXT);
    assert_string_equal(c->s.dlg.heading, "");
    assert_non_null(strstr(c->s.dlg.title, "3 marked ideas"));
}

/* The database busy past its timeout, or the disk full: the answer typed
 * comes back in the editor, still unsaved (Esc asks). A rule's refusal
 * ends the flow. */
static void
test_busy_gives_the_answer_back(void **state)
{
    struct ctx *c = *state;
    struct cs_error err;

    start(c, -1, NULL);
    key(c, '3');
    type(c, "Retenue.");
    assert_int_equal(key(c, TUI_KEY_F(2)), STATUS_DONE);
    cs_error_set(&err, CS_EBUSY, "busy");
    assert_true(model_status_retry(&c->s, &err));
    assert_int_equal(c->s.step, STATUS_TEXT);
    assert_int_equal(c->s.dlg.kind, DLG_EDITOR);
    assert_string_equal(dialog_text(&c->s.dlg), "Retenue.");
    assert_int_equal(key(c, TUI_KEY_ESC), STATUS_TEXT);
    assert_true(c->s.dlg.asking);
    assert_int_equal(key(c, 'n'), STATUS_TEXT);
    assert_int_equal(key(c, TUI_KEY_F(2)), STATUS_DONE);
    /* A disk that filled up gives it back too. */
    cs_error_set(&err, CS_EREADONLY, "full");
    assert_true(model_status_retry(&c->s, &err));
    assert_string_equal(dialog_text(&c->s.dlg), "Retenue.");
    assert_int_equal(key(c, TUI_KEY_F(2)), STATUS_DONE);
    cs_error_set(&err, CS_EINVAL, "refused");
    assert_false(model_status_retry(&c->s, &err));
    assert_int_equal(c->s.step, STATUS_NONE);
    /* The answer the flow gives is the one the core takes. */
    start(c, -1, NULL);
    key(c, '3');
    type(c, "Retenue.");
    assert_int_equal(key(c, TUI_KEY_F(2)), STATUS_DONE);
    assert_ok(cs_idea_set_status(c->f->db, c->id, 0, c->s.to, c->s.text,
                                 &err));
    {
        struct cs_idea idea;

        assert_ok(cs_idea_get(c->f->db, c->id, &idea, &err));
        assert_int_equal(idea.status, CS_STATUS_ACCEPTED);
        assert_string_equal(idea.answer, "Retenue.");
        cs_idea_clear(&idea);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_choose_then_answer, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            test_esc_asks_before_losing_the_answer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_template_then_answer, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_status_chosen_already, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_busy_gives_the_answer_back,
                                        setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
