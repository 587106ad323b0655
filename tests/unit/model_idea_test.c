/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_idea_test.c: an idea's page (model_idea.c) on a real database:
 * what it shows (fields, wrapped text, author for administrators only,
 * tallies by source, comments, tags, similar ideas, history), the cursor
 * line and sections, and the actions (status with an answer and the
 * core's refusals, merge into a similar idea by its number, unmerge, tags,
 * remarks), another handle's changes on reload, and roles.
 */
#include "testlib.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_idea.h"
#include "text.h"

struct ctx {
    struct fixture *f;
    int64_t a, dup, other;
    struct model_idea m;
};

static const struct cs_person AUTHOR = {
    .ref = "M-0042", .name = "Élodie Dupont", .service = "Crèche Les Lutins",
};
static const struct cs_person VOTER = { .ref = "M-0007", .name = "Marc" };

static int64_t
idea_in(struct fixture *f, const char *title, const char *body,
        const struct cs_person *author)
{
    struct cs_idea_new in = {
        .consultation_id = f->cons_id, .theme_id = f->theme_id[0],
        .kind = CS_KIND_IDEA, .title = title, .body = body,
        .channel = CS_CHANNEL_PAPER, .author = author,
        .form_ref = author ? "F-0042" : NULL,
    };
    struct cs_error err;
    int64_t id = 0;

    assert_ok(cs_idea_add(f->db, &in, &id, &err));
    return id;
}

static int
setup(void **state)
{
    struct ctx *c = calloc(1, sizeof *c);
    struct cs_error err;
    const char *fillers[] = {
        "Un potager partagé", "Des horaires souples le vendredi",
        "Une salle de sieste", "Moins de réunions", "Du café équitable",
        "Des plantes vertes dans les bureaux", "Un défibrillateur",
        "Des gourdes pour tous", "Une crèche pour les enfants du personnel",
    };

    if (fixture_setup_cons(state) != 0)
        return -1;
    c->f = *state;
    c->a = idea_in(c->f, "Navette électrique vers la gare",
                   "Une navette électrique entre la gare et l'hôtel de "
                   "ville, le matin et le soir, pour les agents qui "
                   "viennent en train. Elle éviterait une heure de marche "
                   "par jour à beaucoup d'entre nous.", &AUTHOR);
    c->dup = idea_in(c->f, "Navette gare",
                     "Une navette électrique depuis la gare le matin.",
                     NULL);
    for (size_t i = 0; i < sizeof fillers / sizeof *fillers; i++)
        c->other = idea_in(c->f, NULL, fillers[i], NULL);
    assert_ok(cs_vote_add(c->f->db, c->a, &VOTER, CS_CHANNEL_PAPER, NULL,
                          NULL, &err));
    assert_ok(cs_tally_add(c->f->db, c->a, 14, "Atelier de Marchienne",
                           "2021-03-10", NULL, &err));
    assert_ok(cs_tally_add(c->f->db, c->a, 3, "Urne du hall", NULL, NULL,
                           &err));
    {
        int64_t cm;

        assert_ok(cs_comment_add(c->f->db, c->a, &VOTER, "Oui, et le "
                                 "samedi aussi !", NULL, &err));
        assert_ok(cs_comment_add(c->f->db, c->a, NULL, "Propos injurieux",
                                 &cm, &err));
        assert_ok(cs_comment_hide(c->f->db, cm, "Injurieux", &err));
    }
    assert_ok(cs_idea_tag(c->f->db, c->a, 0, "Mobilité", false, &err));
    *state = c;
    return 0;
}

static int
teardown(void **state)
{
    struct ctx *c = *state;

    model_idea_free(&c->m);
    *state = c->f;
    free(c);
    return fixture_teardown(state);
}

static void
open_as(struct ctx *c, struct cs_db *db, int64_t id, int width, int height)
{
    struct cs_error err;

    assert_ok(model_idea_open(&c->m, db, id, width, height, &err));
}

/* The index of the first line containing `text`, or -1. */
static long
find(const struct model_idea *m, const char *text)
{
    for (size_t i = 0; i < m->count; i++)
        if (strstr(m->lines[i].text, text) != NULL)
            return (long)i;
    return -1;
}

/* ---------------------------------------------------------------- tests */

static void
test_page_shows_everything(void **state)
{
    struct ctx *c = *state;
    char head[TUI_ROW_BYTES];

    open_as(c, c->f->db, c->a, 80, 20);
    assert_true(find(&c->m, "Navette électrique vers la gare") >= 0);
    assert_true(find(&c->m, "new, since") >= 0);
    assert_true(find(&c->m, "MOB  Mobilité") >= 0);
    assert_true(find(&c->m, "F-0042") >= 0);
    assert_true(find(&c->m, "Élodie Dupont, Crèche Les Lutins") >= 0);
    assert_true(find(&c->m, "individual votes: 1, tallies: 17") >= 0);
    assert_true(find(&c->m, "Tally \"Atelier de Marchienne\": 14 (counted "
                            "2021-03-10)") >= 0);
    assert_true(find(&c->m, "Tally \"Urne du hall\": 3") >= 0);
    assert_true(find(&c->m, "Mobilité") >= 0);
    assert_true(find(&c->m, "Comments (2)") >= 0);
    assert_true(find(&c->m, "[hidden: Injurieux]") >= 0);
    assert_true(find(&c->m, "samedi aussi") >= 0);
    /* The text is wrapped: its end is on a line of its own. */
    assert_true(find(&c->m, "par jour") > find(&c->m, "Une navette"));
    for (size_t i = 0; i < c->m.count; i++)
        assert_int_equal(tui_width(c->m.lines[i].text), 80);
    /* The duplicate comes first among similar ideas. */
    assert_int_equal(model_idea_similar(&c->m, 1), c->dup);
    assert_true(find(&c->m, "idea 2, new") >= 0);
    assert_int_equal(model_idea_similar(&c->m, 9), 0);
    /* History: the journal's rows about it, votes summed up. */
    assert_true(find(&c->m, "History") >= 0);
    assert_true(find(&c->m, "added a tally  Atelier de Marchienne: 14") >= 0);
    assert_true(find(&c->m, "and 1 vote entry in the journal") >= 0);
    assert_true(find(&c->m, "  entered the idea") >= 0);
    model_idea_header(&c->m, head, sizeof head);
    assert_non_null(strstr(head, "Idea 1  |  new  |  MOB  |  support 18"));
}

/* Votes against are shown beside the support, never taken from it. */
static void
test_votes_against(void **state)
{
    struct ctx *c = *state;
    struct cs_error err;

    open_as(c, c->f->db, c->a, 80, 20);
    assert_int_equal(find(&c->m, "Against"), -1);
    assert_ok(cs_tally_put(c->f->db, c->a, 14, 5, "atelier de marchienne",
                           "2021-03-10", NULL, &err));
    assert_ok(model_idea_reload(&c->m, &err));
    assert_true(find(&c->m, "individual votes: 1, tallies: 17") >= 0);
    assert_true(find(&c->m, "5 (from tallies; not taken from the "
                            "support)") >= 0);
    assert_true(find(&c->m, "Tally \"Atelier de Marchienne\": 14 for, 5 "
                            "against (counted 2021-03-10)") >= 0);
    assert_true(find(&c->m, "Tally \"Urne du hall\": 3 (counted") >= 0);
}

static void
test_cursor_and_sections(void **state)
{
    struct ctx *c = *state;
    struct tui_row rows[10];
    int cursor;
    size_t n;
    long sim;

    open_as(c, c->f->db, c->a, 80, 10);
    n = model_idea_rows(&c->m, rows, 10, &cursor);
    assert_int_equal(n, 10);
    assert_int_equal(cursor, 0);
    assert_int_equal(rows[0].text[0], '>');
    assert_int_equal(rows[0].style, TUI_STYLE_SELECTED);
    model_idea_apply(&c->m, TUI_ACT_DOWN);
    model_idea_rows(&c->m, rows, 10, &cursor);
    assert_int_equal(cursor, 1);
    assert_int_equal(rows[0].text[0], ' ');
    /* Tab: to the next heading, shown at the top. */
    model_idea_apply(&c->m, TUI_ACT_NEXT_SECTION);
    assert_string_equal(c->m.lines[c->m.cur].text + 1,
                        "Text" "                                        "
                        "                                   ");
    sim = find(&c->m, "Similar ideas");
    while ((long)c->m.cur != sim)
        model_idea_apply(&c->m, TUI_ACT_NEXT_SECTION);
    model_idea_apply(&c->m, TUI_ACT_DOWN);
    assert_int_equal(model_idea_link(&c->m), c->dup);
    model_idea_apply(&c->m, TUI_ACT_PREV_SECTION);
    assert_int_equal(c->m.cur, (size_t)sim);
    assert_int_equal(model_idea_link(&c->m), 0);
    model_idea_apply(&c->m, TUI_ACT_END);
    assert_int_equal(c->m.cur, c->m.count - 1);
    model_idea_rows(&c->m, rows, 10, &cursor);
    assert_int_equal(cursor, 9);
    model_idea_apply(&c->m, TUI_ACT_HOME);
    assert_int_equal(c->m.cur, 0);
    model_idea_click(&c->m, 3);
    assert_int_equal(c->m.cur, 3);
    model_idea_apply(&c->m, TUI_ACT_PGDN);
    assert_int_equal(c->m.cur, 12);
}

static void
test_status_and_answer(void **state)
{
    struct ctx *c = *state;
    struct cs_error err;

    open_as(c, c->f->db, c->a, 80, 20);
    assert_int_equal(model_idea_set_status(&c->m, CS_STATUS_ACCEPTED, "",
                                           &err), CS_EINVAL);
    assert_string_equal(err.field, "answer");
    assert_true(find(&c->m, "new, since") >= 0);
    assert_ok(model_idea_set_status(&c->m, CS_STATUS_ACCEPTED,
                                    "La navette roulera dès septembre.\n"
                                    "Merci pour cette idée.", &err));
    assert_true(find(&c->m, "accepted, since") >= 0);
    assert_true(find(&c->m, "Official answer") >= 0);
    assert_true(find(&c->m, "Merci pour cette idée.")
                > find(&c->m, "dès septembre"));
    assert_true(find(&c->m, "status  new -> accepted") >= 0);
    assert_int_equal(fixture_count(c->f, "SELECT count(*) FROM idea WHERE"
                                         " id = 1 AND status = 'accepted'"),
                     1);
    /* accepted -> new is not a move the core allows. */
    assert_int_equal(model_idea_set_status(&c->m, CS_STATUS_NEW, NULL,
                                           &err), CS_ECONFLICT);
    assert_ok(model_idea_set_status(&c->m, CS_STATUS_HIDDEN, "Doublon "
                                    "d'une autre consultation", &err));
    assert_true(find(&c->m, "Doublon d'une autre consultation") >= 0);
}

static void
test_merge_by_number(void **state)
{
    struct ctx *c = *state;
    struct cs_error err;
    long line;

    /* The duplicate goes into the original. */
    open_as(c, c->f->db, c->dup, 80, 20);
    assert_int_equal(model_idea_similar(&c->m, 1), c->a);
    assert_int_equal(model_idea_merge(&c->m, c->dup, &err), CS_EINVAL);
    assert_ok(model_idea_merge(&c->m, model_idea_similar(&c->m, 1), &err));
    assert_int_equal(c->m.idea.status, CS_STATUS_MERGED);
    line = find(&c->m, "idea 1 (Enter opens it)");
    assert_true(line >= 0);
    c->m.cur = (size_t)line;
    assert_int_equal(model_idea_link(&c->m), c->a);
    assert_int_equal(fixture_count(c->f, "SELECT count(*) FROM idea WHERE"
                                         " id = 2 AND merged_into = 1"), 1);
    /* Merging again is refused by the core, with its message. */
    assert_int_equal(model_idea_merge(&c->m, c->a, &err), CS_ECONFLICT);
    assert_ok(model_idea_unmerge(&c->m, &err));
    assert_int_equal(c->m.idea.status, CS_STATUS_NEW);
    assert_int_equal(fixture_count(c->f, "SELECT count(*) FROM idea WHERE"
                                         " merged_into IS NOT NULL"), 0);
}

static void
test_tags_and_remarks(void **state)
{
    struct ctx *c = *state;
    struct cs_error err;

    open_as(c, c->f->db, c->a, 80, 20);
    assert_ok(model_idea_tag(&c->m, "Transport", false, &err));
    assert_string_equal(c->m.tags, "Mobilité, Transport");
    assert_ok(model_idea_tag(&c->m, "MOBILITE", true, &err));
    assert_string_equal(c->m.tags, "Transport");
    assert_int_equal(model_idea_tag(&c->m, "  ", false, &err), CS_EINVAL);
    assert_ok(model_idea_comment(&c->m, "Vu avec le service mobilité.",
                                 &err));
    assert_true(find(&c->m, "Comments (3)") >= 0);
    assert_true(find(&c->m, "anonymous: Vu avec le service mobilité.") >= 0);
    assert_int_equal(model_idea_comment(&c->m, "", &err), CS_EINVAL);
}

static void
test_reload_and_resize(void **state)
{
    struct ctx *c = *state;
    struct cs_error err;
    struct cs_db *other;
    size_t narrow;

    open_as(c, c->f->db, c->a, 100, 20);
    assert_ok(cs_user_add(c->f->db, "bruno", CS_ROLE_AGENT, &err));
    other = fixture_open_as(c->f, "bruno");
    assert_ok(cs_tally_add(other, c->a, 5, "Atelier de Jumet", NULL, NULL,
                           &err));
    cs_db_close(other);
    assert_true(find(&c->m, "Atelier de Jumet") < 0);
    c->m.cur = 5;
    assert_ok(model_idea_reload(&c->m, &err));
    assert_true(find(&c->m, "Tally \"Atelier de Jumet\": 5") >= 0);
    assert_int_equal(c->m.cur, 5);
    {
        size_t wide = c->m.count;

        model_idea_resize(&c->m, 40, 20);
        narrow = c->m.count;
        assert_true(narrow > wide);
    }
    for (size_t i = 0; i < c->m.count; i++)
        assert_int_equal(tui_width(c->m.lines[i].text), 40);
}

static void
test_roles(void **state)
{
    struct ctx *c = *state;
    struct cs_error err;
    struct cs_db *viewer, *agent;

    assert_ok(cs_user_add(c->f->db, "vera", CS_ROLE_VIEWER, &err));
    assert_ok(cs_user_add(c->f->db, "bruno", CS_ROLE_AGENT, &err));
    viewer = fixture_open_as(c->f, "vera");
    open_as(c, viewer, c->a, 80, 20);
    /* Names are for administrators; hidden comments too. */
    assert_true(find(&c->m, "Élodie") < 0);
    assert_true(find(&c->m, "shown to admins and coordinators") >= 0);
    assert_true(find(&c->m, "Comments (1)") >= 0);
    assert_true(find(&c->m, "Injurieux") < 0);
    assert_int_equal(model_idea_set_status(&c->m, CS_STATUS_REVIEWING, NULL,
                                           &err), CS_EPERM);
    assert_int_equal(model_idea_merge(&c->m, c->a, &err), CS_EPERM);
    assert_int_equal(model_idea_comment(&c->m, "Bonjour", &err), CS_EPERM);
    model_idea_free(&c->m);
    cs_db_close(viewer);

    agent = fixture_open_as(c->f, "bruno");
    open_as(c, agent, c->a, 80, 20);
    assert_ok(model_idea_comment(&c->m, "Remarque d'un agent", &err));
    assert_int_equal(model_idea_tag(&c->m, "x", false, &err), CS_EPERM);
    model_idea_free(&c->m);
    cs_db_close(agent);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_page_shows_everything),
        T(test_votes_against),
        T(test_cursor_and_sections),
        T(test_status_and_answer),
        T(test_merge_by_number),
        T(test_tags_and_remarks),
        T(test_reload_and_resize),
        T(test_roles),
    };

    if (setlocale(LC_ALL, "C.UTF-8") == NULL)
        return 77;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
