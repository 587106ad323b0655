/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_ideas_test.c: the ideas list's model (model_ideas.c) on a real
 * database: the window moved by keyset pages (every idea reached once, in
 * order, both ways), filters, search as typed, sorts, marks and the bulk
 * status change with the core's refusals, another handle's changes on
 * refresh, resizing, and the rows laid out to the width.
 */
#include "testlib.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_ideas.h"
#include "text.h"

#define N_IDEAS 40
#define HEIGHT 7

struct ctx {
    struct fixture *f;
    int64_t ids[N_IDEAS];           /* in the order they were added */
    struct model_ideas m;
};

/* Idea i: submitted on day (i % 28) + 1 of March, at hour i / 28, so
 * dates tie and interleave; support i % 5 from tallies; themes and
 * channels alternate; every fourth speaks of "électricité". */
static int
setup(void **state)
{
    struct ctx *c = calloc(1, sizeof *c);
    struct cs_error err;

    if (fixture_setup_cons(state) != 0)
        return -1;
    c->f = *state;
    for (int i = 0; i < N_IDEAS; i++) {
        char body[200], title[100], date[40];
        struct cs_idea_new in = {
            .consultation_id = c->f->cons_id,
            .theme_id = c->f->theme_id[i % 2],
            .kind = CS_KIND_IDEA,
            .channel = i % 3 == 0 ? CS_CHANNEL_WEB : CS_CHANNEL_PAPER,
            .title = title, .body = body, .submitted_at = date,
        };

        snprintf(date, sizeof date, "2021-03-%02d %02d:00", i % 28 + 1,
                 8 + i / 28);
        snprintf(title, sizeof title, "Idée numéro %d%s", i,
                 i % 4 == 0 ? " sur l'ÉLECTRICITÉ" : "");
        snprintf(body, sizeof body, "Texte de l'idée %d.%s", i,
                 i % 4 == 0 ? " Des bornes électriques." : "");
        assert_ok(cs_idea_add(c->f->db, &in, &c->ids[i], &err));
        if (i % 5)
            assert_ok(cs_tally_add(c->f->db, c->ids[i], i % 5, "Atelier",
                                   NULL, NULL, &err));
    }
    *state = c;
    return 0;
}

static int
teardown(void **state)
{
    struct ctx *c = *state;

    model_ideas_free(&c->m);
    *state = c->f;
    free(c);
    return fixture_teardown(state);
}

/* Every idea of the list in its order, read in one go (the reference). */
static size_t
reference(struct ctx *c, const struct cs_idea_filter *f, int64_t *out)
{
    struct cs_idea_list *l = NULL;
    struct cs_error err;
    size_t n;

    assert_ok(cs_idea_list(c->f->db, f, NULL, 1000, &l, &err));
    n = l->count;
    for (size_t i = 0; i < n; i++)
        out[i] = l->items[i].id;
    cs_idea_list_free(l);
    return n;
}

static void
open_model(struct ctx *c, int width, int height)
{
    struct cs_error err;

    assert_ok(model_ideas_init(&c->m, c->f->db, c->f->cons_id, "AG21", width,
                               height,
                               &err));
}

static void
act(struct ctx *c, enum tui_action a)
{
    struct cs_error err;

    assert_ok(model_ideas_apply(&c->m, a, &err));
}

/* Let the count run to its end, as the interface does between keys. */
static void
count_all(struct ctx *c)
{
    struct cs_error err;

    while (c->m.counting)
        assert_ok(model_ideas_count_step(&c->m, &err));
}

static bool
contains(const char *hay, const char *needle)
{
    return strstr(hay, needle) != NULL;
}

/* ---------------------------------------------------------------- tests */

static void
test_walk_down_and_up(void **state)
{
    struct ctx *c = *state;
    struct cs_idea_filter f;
    int64_t ref[N_IDEAS];
    size_t n;

    cs_idea_filter_init(&f);
    f.consultation_id = c->f->cons_id;
    f.descending = true;
    n = reference(c, &f, ref);
    assert_int_equal(n, N_IDEAS);
    open_model(c, 80, HEIGHT);
    assert_int_equal(c->m.count, HEIGHT);
    assert_int_equal(c->m.total, N_IDEAS);
    /* Down, one row at a time, visits every idea once, newest first. */
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(model_ideas_selected(&c->m), ref[i]);
        act(c, TUI_ACT_DOWN);
    }
    assert_int_equal(model_ideas_selected(&c->m), ref[n - 1]);
    assert_int_equal(c->m.sel, HEIGHT - 1);     /* on the last line */
    for (size_t i = n; i-- > 0;) {
        assert_int_equal(model_ideas_selected(&c->m), ref[i]);
        act(c, TUI_ACT_UP);
    }
    assert_int_equal(model_ideas_selected(&c->m), ref[0]);
    assert_int_equal(c->m.sel, 0);
}

static void
test_pages(void **state)
{
    struct ctx *c = *state;
    struct cs_idea_filter f;
    int64_t ref[N_IDEAS];
    size_t pos = 0;

    cs_idea_filter_init(&f);
    f.consultation_id = c->f->cons_id;
    f.descending = true;
    reference(c, &f, ref);
    open_model(c, 80, HEIGHT);
    /* Each PgDn moves the selection a page down, until the end. */
    for (int k = 0; k < 10; k++) {
        act(c, TUI_ACT_PGDN);
        pos = pos + HEIGHT < N_IDEAS ? pos + HEIGHT : N_IDEAS - 1;
        assert_int_equal(model_ideas_selected(&c->m), ref[pos]);
        /* The window is always full and in order. */
        assert_int_equal(c->m.count, HEIGHT);
        for (size_t i = 1; i < c->m.count; i++)
            assert_true(c->m.rows[i - 1].id != c->m.rows[i].id);
    }
    act(c, TUI_ACT_PGUP);
    assert_int_equal(model_ideas_selected(&c->m), ref[N_IDEAS - 1 - HEIGHT]);
    act(c, TUI_ACT_HOME);
    assert_int_equal(model_ideas_selected(&c->m), ref[0]);
    act(c, TUI_ACT_PGUP);
    assert_int_equal(model_ideas_selected(&c->m), ref[0]);
    act(c, TUI_ACT_END);
    assert_int_equal(model_ideas_selected(&c->m), ref[N_IDEAS - 1]);
    assert_int_equal(c->m.sel, HEIGHT - 1);
    for (size_t i = 0; i < HEIGHT; i++)
        assert_int_equal(c->m.rows[i].id, ref[N_IDEAS - HEIGHT + i]);
    act(c, TUI_ACT_PGDN);
    assert_int_equal(model_ideas_selected(&c->m), ref[N_IDEAS - 1]);
}

/* Walk the whole search down one row at a time, then back up: the ids,
 * in the order seen going down (checked to be the same coming up). */
static size_t
walk(struct ctx *c, int64_t *out, size_t max)
{
    size_t n = 0;

    act(c, TUI_ACT_HOME);
    while (n < max) {
        out[n++] = model_ideas_selected(&c->m);
        act(c, TUI_ACT_DOWN);
        if (model_ideas_selected(&c->m) == out[n - 1])
            break;
    }
    for (size_t i = n; i-- > 0;) {
        assert_int_equal(model_ideas_selected(&c->m), out[i]);
        act(c, TUI_ACT_UP);
    }
    return n;
}

static const struct cs_idea *
idea_of(struct ctx *c, int64_t id, struct cs_idea *keep)
{
    struct cs_error err;

    assert_ok(cs_idea_get(c->f->db, id, keep, &err));
    return keep;
}

static void
test_search_orders(void **state)
{
    struct ctx *c = *state;
    struct cs_error err;
    char head[TUI_ROW_BYTES];
    int64_t seen[64], best, body_only;
    size_t n;
    struct cs_idea_new in = {
        .consultation_id = c->f->cons_id, .theme_id = c->f->theme_id[0],
        .kind = CS_KIND_IDEA, .channel = CS_CHANNEL_WEB,
        .submitted_at = "2021-01-01",
        .title = "Électricité : l'électricité électrique",
        .body = "L'électricité.",
    };

    assert_ok(cs_idea_add(c->f->db, &in, &best, &err));
    in.title = "Une idée";
    in.body = "Un très long texte qui ne parle de rien de précis pendant "
              "longtemps, de tout et de rien, avant de dire enfin un mot "
              "de l'électricité, une seule fois, tout au bout du texte.";
    in.submitted_at = "2021-05-01";
    assert_ok(cs_idea_add(c->f->db, &in, &body_only, &err));
    open_model(c, 120, HEIGHT);
    assert_ok(model_ideas_search(&c->m, "électri", &err));
    assert_int_equal(c->m.total, N_IDEAS / 4 + 2);

    /* Relevance: the idea that says it most, in its title, comes first;
     * every match once, across pages, both ways. */
    n = walk(c, seen, 64);
    assert_int_equal(n, N_IDEAS / 4 + 2);
    assert_int_equal(seen[0], best);
    assert_int_equal(seen[n - 1], body_only);

    /* Date, newest first: the header says it, and the rows follow it. */
    act(c, TUI_ACT_SORT);
    model_ideas_header(&c->m, head, sizeof head);
    assert_true(contains(head, "by date, newest first"));
    n = walk(c, seen, 64);
    assert_int_equal(n, N_IDEAS / 4 + 2);
    assert_int_equal(seen[0], body_only);
    assert_int_equal(seen[n - 1], best);
    for (size_t i = 1; i < n; i++) {
        struct cs_idea a, b;

        assert_true(strcmp(idea_of(c, seen[i - 1], &a)->submitted_at,
                           idea_of(c, seen[i], &b)->submitted_at) >= 0);
        cs_idea_clear(&a);
        cs_idea_clear(&b);
    }

    /* Support, most first. */
    act(c, TUI_ACT_SORT);
    model_ideas_header(&c->m, head, sizeof head);
    assert_true(contains(head, "by support, most first"));
    n = walk(c, seen, 64);
    assert_int_equal(n, N_IDEAS / 4 + 2);
    for (size_t i = 1; i < n; i++) {
        struct cs_idea a, b;

        assert_true(idea_of(c, seen[i - 1], &a)->support
                    >= idea_of(c, seen[i], &b)->support);
        cs_idea_clear(&a);
        cs_idea_clear(&b);
    }
    /* Reversed: least first. */
    act(c, TUI_ACT_REVERSE);
    model_ideas_header(&c->m, head, sizeof head);
    assert_true(contains(head, "by support, least first"));

    /* Number, highest first; then relevance again. */
    act(c, TUI_ACT_SORT);
    model_ideas_header(&c->m, head, sizeof head);
    assert_true(contains(head, "by number, highest first"));
    n = walk(c, seen, 64);
    assert_int_equal(seen[0], body_only);
    for (size_t i = 1; i < n; i++)
        assert_true(seen[i - 1] > seen[i]);
    act(c, TUI_ACT_SORT);
    assert_int_equal(c->m.search_order, CS_ORDER_RELEVANCE);

    /* Too many matches to sort: by number, and the header says why. */
    c->m.sort_max = 5;
    assert_ok(model_ideas_search(&c->m, "électr", &err));
    assert_true(c->m.sort_capped);
    model_ideas_header(&c->m, head, sizeof head);
    assert_true(contains(head, "by number: over 5 found, too many to "
                               "sort"));
    assert_int_equal(model_ideas_selected(&c->m), body_only);
    /* Without a search, the list's own order is back. */
    assert_ok(model_ideas_search(&c->m, "", &err));
    model_ideas_header(&c->m, head, sizeof head);
    assert_true(contains(head, "by date, newest first"));
    assert_false(contains(head, "too many"));
}

static void
test_sorts(void **state)
{
    struct ctx *c = *state;
    struct cs_idea_filter f;
    int64_t ref[N_IDEAS];

    open_model(c, 80, HEIGHT);
    cs_idea_filter_init(&f);
    f.consultation_id = c->f->cons_id;
    f.order = CS_ORDER_SUPPORT;
    f.descending = true;
    reference(c, &f, ref);
    act(c, TUI_ACT_SORT);
    assert_int_equal(c->m.filter.order, CS_ORDER_SUPPORT);
    for (size_t i = 0; i < N_IDEAS; i++) {
        assert_int_equal(model_ideas_selected(&c->m), ref[i]);
        act(c, TUI_ACT_DOWN);
    }
    act(c, TUI_ACT_SORT);
    assert_int_equal(c->m.filter.order, CS_ORDER_ID);
    assert_int_equal(model_ideas_selected(&c->m), c->ids[N_IDEAS - 1]);
    act(c, TUI_ACT_REVERSE);
    assert_int_equal(model_ideas_selected(&c->m), c->ids[0]);
    act(c, TUI_ACT_SORT);
    assert_int_equal(c->m.filter.order, CS_ORDER_DATE);
}

static void
test_filters_and_search(void **state)
{
    struct ctx *c = *state;
    struct cs_error err;
    char head[TUI_ROW_BYTES];

    assert_ok(cs_idea_tag(c->f->db, c->ids[3], 0, "Mobilité douce", false,
                          &err));
    assert_ok(cs_idea_tag(c->f->db, c->ids[5], 0, "mobilite DOUCE", false,
                          &err));
    open_model(c, 200, HEIGHT);
    assert_int_equal(c->m.theme_count, 0);
    assert_ok(model_ideas_themes(&c->m, &err));
    assert_int_equal(c->m.theme_count, 2);
    assert_string_equal(c->m.themes[1].code, "ENV");
    assert_ok(model_ideas_filter_theme(&c->m, c->f->theme_id[1], &err));
    assert_int_equal(c->m.total, N_IDEAS / 2);
    for (size_t i = 0; i < c->m.count; i++)
        assert_int_equal(c->m.rows[i].theme_id, c->f->theme_id[1]);
    model_ideas_header(&c->m, head, sizeof head);
    assert_true(contains(head, "theme ENV"));
    assert_true(contains(head, "20 ideas"));
    assert_ok(model_ideas_filter_channel(&c->m, CS_CHANNEL_WEB, &err));
    /* Odd i with i % 3 == 0: 3, 9, 15, 21, 27, 33, 39. */
    assert_int_equal(c->m.total, 7);
    assert_ok(model_ideas_filter_theme(&c->m, 0, &err));
    assert_ok(model_ideas_filter_channel(&c->m, -1, &err));
    assert_ok(model_ideas_filter_tag(&c->m, "MOBILITÉ douce", &err));
    assert_int_equal(c->m.total, 2);
    assert_int_equal(model_ideas_selected(&c->m), c->ids[5]);
    assert_ok(model_ideas_filter_tag(&c->m, NULL, &err));

    /* Search as typed, with and without accents, any case. The results
     * come first; a search's count follows between keys. */
    assert_ok(model_ideas_search(&c->m, "électri", &err));
    /* Sorted by relevance, so counted at once. */
    assert_false(c->m.counting);
    model_ideas_header(&c->m, head, sizeof head);
    assert_true(contains(head, "10 ideas"));
    assert_true(contains(head, "by relevance, best first"));
    assert_int_equal(c->m.total, N_IDEAS / 4);
    /* By number, the count follows between keys. */
    act(c, TUI_ACT_SORT);
    act(c, TUI_ACT_SORT);
    act(c, TUI_ACT_SORT);
    assert_int_equal(c->m.search_order, CS_ORDER_ID);
    assert_true(c->m.counting);
    model_ideas_header(&c->m, head, sizeof head);
    assert_true(contains(head, "counting ideas..."));
    count_all(c);
    assert_int_equal(c->m.total, N_IDEAS / 4);
    assert_int_equal(model_ideas_selected(&c->m), c->ids[36]);
    assert_ok(model_ideas_search(&c->m, "ELECTRI", &err));
    count_all(c);
    assert_int_equal(c->m.total, N_IDEAS / 4);
    for (size_t i = 0; i < c->m.count; i++)
        assert_true(contains(c->m.rows[i].title, "ÉLECTRICITÉ"));
    model_ideas_header(&c->m, head, sizeof head);
    assert_true(contains(head, "search \"ELECTRI\""));
    assert_true(contains(head, "10 ideas"));
    /* Down through every result and back. */
    for (int i = 0; i < 12; i++)
        act(c, TUI_ACT_DOWN);
    assert_int_equal(model_ideas_selected(&c->m), c->ids[0]);
    act(c, TUI_ACT_HOME);
    /* Search and filters together. */
    assert_ok(model_ideas_filter_theme(&c->m, c->f->theme_id[0], &err));
    count_all(c);
    assert_int_equal(c->m.total, N_IDEAS / 4);      /* all even */
    assert_ok(model_ideas_filter_status(&c->m, CS_STATUS_REVIEWING, &err));
    assert_int_equal(c->m.total, 0);
    assert_int_equal(c->m.count, 0);
    assert_int_equal(model_ideas_selected(&c->m), 0);
    act(c, TUI_ACT_DOWN);               /* nothing to move in */
    act(c, TUI_ACT_END);
    /* A text without a word searches nothing: the whole list. */
    act(c, TUI_ACT_CLEAR_FILTERS);
    assert_ok(model_ideas_search(&c->m, " ' ", &err));
    assert_int_equal(c->m.total, N_IDEAS);
    assert_ok(model_ideas_search(&c->m, "zzzz", &err));
    assert_false(c->m.counting);        /* nothing: counted already */
    assert_int_equal(c->m.total, 0);
    act(c, TUI_ACT_CLEAR_FILTERS);
    assert_int_equal(c->m.total, N_IDEAS);
    assert_string_equal(c->m.query, "");
}

/* The paper batch filter: its ideas only, said in the header, counted
 * exactly (the kept figures know no batches), searched, and cleared with
 * the other filters. */
static void
test_filter_paper_batch(void **state)
{
    struct ctx *c = *state;
    struct cs_batch_new b = { .consultation_id = c->f->cons_id,
                              .label = "Enveloppe", .expected = 3 };
    struct cs_idea_new in = { .theme_id = c->f->theme_id[0],
                              .body = "Un banc électrique" };
    struct cs_error err;
    char head[TUI_ROW_BYTES], want[64];
    int64_t batch, ids[3];

    assert_ok(cs_batch_add(c->f->db, &b, &batch, &err));
    for (int i = 0; i < 3; i++)
        assert_ok(cs_batch_key_form(c->f->db, batch, &in, &ids[i], NULL,
                                    &err));
    open_model(c, 200, HEIGHT);
    assert_ok(model_ideas_filter_batch(&c->m, batch, &err));
    count_all(c);
    assert_int_equal(c->m.total, 3);
    assert_int_equal(c->m.count, 3);
    for (size_t i = 0; i < c->m.count; i++)
        assert_int_equal(c->m.rows[i].paper_batch_id, batch);
    model_ideas_header(&c->m, head, sizeof head);
    snprintf(want, sizeof want, "paper batch %lld", (long long)batch);
    assert_true(contains(head, want));
    assert_ok(model_ideas_search(&c->m, "banc", &err));
    count_all(c);
    assert_int_equal(c->m.total, 3);
    act(c, TUI_ACT_CLEAR_FILTERS);
    count_all(c);
    assert_int_equal(c->m.total, N_IDEAS + 3);
    model_ideas_header(&c->m, head, sizeof head);
    assert_false(contains(head, "paper batch"));
}

/* An idea whose two paper entries differ has a "!" beside its number,
 * unless it is marked ("*"). */
static void
test_disputed_flag(void **state)
{
    struct ctx *c = *state;
    struct cs_batch_new b = { .consultation_id = c->f->cons_id,
                              .label = "Boîte", .expected = 2,
                              .double_entry = true };
    struct cs_idea_new in = { .theme_id = c->f->theme_id[0],
                              .body = "Un banc", .form_ref = "Z-1" };
    struct tui_row rows[8];
    struct cs_db *other;
    struct cs_error err;
    int64_t batch, disputed, verified;
    size_t n;

    assert_ok(cs_user_add(c->f->db, "bruno", CS_ROLE_AGENT, &err));
    other = fixture_open_as(c->f, "bruno");
    assert_ok(cs_batch_add(c->f->db, &b, &batch, &err));
    assert_ok(cs_batch_key_form(c->f->db, batch, &in, &disputed, NULL,
                                &err));
    in.body = "Un banc vert";
    assert_ok(cs_batch_key_form(other, batch, &in, NULL, NULL, &err));
    in.form_ref = "Z-2";
    assert_ok(cs_batch_key_form(c->f->db, batch, &in, &verified, NULL,
                                &err));
    assert_ok(cs_batch_key_form(other, batch, &in, NULL, NULL, &err));
    cs_db_close(other);

    open_model(c, 80, HEIGHT);
    assert_ok(model_ideas_filter_batch(&c->m, batch, &err));
    n = model_ideas_rows(&c->m, rows, 8);
    assert_int_equal(n, 2);
    for (size_t i = 0; i < n; i++) {
        if (rows[i].id == disputed)
            assert_int_equal(rows[i].text[1], '!');
        else
            assert_int_equal(rows[i].text[1], ' ');
    }
}

static void
test_marks_and_status(void **state)
{
    struct ctx *c = *state;
    struct cs_error err;
    size_t changed, refused;
    int64_t a, b, d;
    char head[TUI_ROW_BYTES];
    struct tui_row rows[HEIGHT];

    open_model(c, 120, HEIGHT);
    a = model_ideas_selected(&c->m);
    act(c, TUI_ACT_MARK);               /* marks and moves down */
    b = model_ideas_selected(&c->m);
    act(c, TUI_ACT_MARK);
    act(c, TUI_ACT_DOWN);
    d = model_ideas_selected(&c->m);
    act(c, TUI_ACT_MARK);
    assert_int_equal(c->m.mark_count, 3);
    assert_true(model_ideas_is_marked(&c->m, a));
    model_ideas_header(&c->m, head, sizeof head);
    assert_true(contains(head, "3 marked"));
    model_ideas_rows(&c->m, rows, HEIGHT);
    assert_int_equal(rows[0].text[1], '*');
    assert_int_equal(rows[0].style, TUI_STYLE_MARKED);
    assert_int_equal(rows[2].text[1], ' ');

    /* The core refuses an acceptance without an answer: nothing moves. */
    assert_int_equal(model_ideas_set_status(&c->m, CS_STATUS_ACCEPTED, "",
                                            &changed, &refused, &err),
                     CS_EINVAL);
    assert_int_equal(changed, 0);
    assert_int_equal(refused, 3);
    assert_true(contains(err.msg, "answer"));
    assert_int_equal(c->m.mark_count, 3);
    assert_int_equal(fixture_count(c->f, "SELECT count(*) FROM idea"
                                         " WHERE status = 'accepted'"), 0);

    assert_ok(model_ideas_set_status(&c->m, CS_STATUS_ACCEPTED,
                                     "Nous le ferons en 2022.", &changed,
                                     &refused, &err));
    assert_int_equal(changed, 3);
    assert_int_equal(c->m.mark_count, 0);
    assert_int_equal(fixture_count(c->f, "SELECT count(*) FROM idea"
                                         " WHERE status = 'accepted' AND"
                                         " answer = 'Nous le ferons en 2022.'"),
                     3);
    model_ideas_rows(&c->m, rows, HEIGHT);
    assert_true(contains(rows[0].text, "accepted"));

    /* Marked ideas the core refuses are named; the others change. */
    act(c, TUI_ACT_HOME);
    act(c, TUI_ACT_MARK);               /* a: accepted -> new is refused */
    act(c, TUI_ACT_DOWN);
    act(c, TUI_ACT_DOWN);
    act(c, TUI_ACT_MARK);               /* the fourth: new -> new? */
    (void)b;
    (void)d;
    assert_int_equal(model_ideas_set_status(&c->m, CS_STATUS_REVIEWING, NULL,
                                            &changed, &refused, &err),
                     CS_OK);
    assert_int_equal(changed, 2);       /* accepted -> reviewing is fine */
    assert_int_equal(c->m.mark_count, 0);

    /* One decision for the marked ideas: if the core refuses one, none
     * changes, the marks stay, and the message names the idea. (Merged
     * before it is marked: a change after the marking is refused as made
     * on an old version, see test_marks_decided_on_their_version.) */
    act(c, TUI_ACT_HOME);
    assert_ok(cs_idea_merge(c->f->db, c->m.rows[2].id, 0, b, &err));
    act(c, TUI_ACT_REFRESH);
    act(c, TUI_ACT_MARK);               /* a: reviewing */
    act(c, TUI_ACT_DOWN);
    act(c, TUI_ACT_MARK);               /* the third, merged */
    assert_int_equal(model_ideas_set_status(&c->m, CS_STATUS_WITHDRAWN,
                                            NULL, &changed, &refused, &err),
                     CS_ECONFLICT);
    assert_int_equal(changed, 0);
    assert_int_equal(refused, 2);
    assert_int_equal(c->m.mark_count, 2);
    assert_true(contains(err.msg, "Idea "));
    assert_int_equal(fixture_count(c->f, "SELECT count(*) FROM idea"
                                         " WHERE status = 'withdrawn'"), 0);
    act(c, TUI_ACT_MARK_NONE);
    /* No mark: the selected idea. */
    assert_int_equal(model_ideas_set_status(&c->m, CS_STATUS_MERGED, NULL,
                                            &changed, &refused, &err),
                     CS_ECONFLICT);
    assert_int_equal(refused, 1);
    assert_true(contains(err.msg, "merge"));
}

static void
test_filtered_status_change_keeps_place(void **state)
{
    struct ctx *c = *state;
    struct cs_error err;
    size_t changed, refused;
    int64_t second;

    open_model(c, 80, HEIGHT);
    assert_ok(model_ideas_filter_status(&c->m, CS_STATUS_NEW, &err));
    act(c, TUI_ACT_DOWN);
    act(c, TUI_ACT_DOWN);
    second = c->m.rows[3].id;
    /* The selected idea leaves the "new" filter: the next takes its
     * line, and the count follows. */
    assert_ok(model_ideas_set_status(&c->m, CS_STATUS_REVIEWING, NULL,
                                     &changed, &refused, &err));
    assert_int_equal(c->m.sel, 2);
    assert_int_equal(model_ideas_selected(&c->m), second);
    assert_int_equal(c->m.total, N_IDEAS - 1);
    assert_int_equal(c->m.count, HEIGHT);
}

static void
test_refresh_sees_other_terminal(void **state)
{
    struct ctx *c = *state;
    struct cs_error err;
    struct cs_db *other;
    struct cs_idea_new in = {
        .consultation_id = c->f->cons_id, .theme_id = c->f->theme_id[0],
        .kind = CS_KIND_IDEA, .channel = CS_CHANNEL_EMAIL,
        .body = "Arrivée par un autre terminal", .submitted_at = "2021-04-01",
    };
    int64_t fresh, sel;

    open_model(c, 80, HEIGHT);
    assert_ok(cs_user_add(c->f->db, "bruno", CS_ROLE_AGENT, &err));
    other = fixture_open_as(c->f, "bruno");
    assert_ok(cs_idea_add(other, &in, &fresh, &err));
    act(c, TUI_ACT_DOWN);
    sel = model_ideas_selected(&c->m);
    act(c, TUI_ACT_REFRESH);
    /* At the top, the newest idea appears; the selection stays put. */
    assert_int_equal(c->m.rows[0].id, fresh);
    assert_int_equal(model_ideas_selected(&c->m), sel);
    assert_int_equal(c->m.total, N_IDEAS + 1);
    /* Deeper down, the window stays where it is. */
    act(c, TUI_ACT_PGDN);
    act(c, TUI_ACT_PGDN);
    sel = model_ideas_selected(&c->m);
    {
        int64_t first = c->m.rows[0].id;

        assert_ok(cs_tally_add(other, sel, 7, "Urne", NULL, NULL, &err));
        act(c, TUI_ACT_REFRESH);
        assert_int_equal(c->m.rows[0].id, first);
        assert_int_equal(model_ideas_selected(&c->m), sel);
        assert_true(c->m.rows[c->m.sel].support >= 7);
    }
    cs_db_close(other);
}

static void
test_layout(void **state)
{
    struct ctx *c = *state;
    struct tui_row rows[HEIGHT];
    char cols[TUI_ROW_BYTES], head[TUI_ROW_BYTES];
    const int widths[] = { 80, 200, 60 };

    for (size_t w = 0; w < sizeof widths / sizeof *widths; w++) {
        size_t n;

        open_model(c, widths[w], HEIGHT);
        n = model_ideas_rows(&c->m, rows, HEIGHT);
        assert_int_equal(n, HEIGHT);
        model_ideas_columns(&c->m, cols, sizeof cols);
        model_ideas_header(&c->m, head, sizeof head);
        assert_int_equal(tui_width(cols), widths[w]);
        assert_int_equal(tui_width(head), widths[w]);
        assert_true(contains(cols, "Support"));
        for (size_t i = 0; i < n; i++) {
            /* Every row takes the width exactly, accents or not. */
            assert_int_equal(tui_width(rows[i].text), widths[w]);
            assert_true(contains(rows[i].text, "new"));
            assert_true(rows[i].text[0] == (i == 0 ? '>' : ' '));
        }
        assert_int_equal(rows[0].style, TUI_STYLE_SELECTED);
        assert_int_equal(rows[1].style, TUI_STYLE_NORMAL);
        if (widths[w] >= 80)
            assert_true(contains(rows[0].text, "2021-03-"));
        if (widths[w] == 200)
            assert_true(contains(rows[0].text, "paper")
                        || contains(rows[0].text, "web"));
        model_ideas_free(&c->m);
    }
    memset(&c->m, 0, sizeof c->m);
}

static void
test_count_in_steps(void **state)
{
    struct ctx *c = *state;
    struct cs_error err;
    char head[TUI_ROW_BYTES];
    int steps = 0;

    open_model(c, 80, HEIGHT);
    assert_false(c->m.counting);
    assert_int_equal(c->m.total, N_IDEAS);
    /* As on a large table: the count goes on step by step, and the header
     * says so until it is done. */
    c->m.counting = true;
    c->m.total = 0;
    c->m.count_next = 0;
    c->m.count_last = 3 * MODEL_IDEAS_COUNT_STEP - 5;
    model_ideas_header(&c->m, head, sizeof head);
    assert_true(contains(head, "counting ideas..."));
    while (c->m.counting) {
        assert_ok(model_ideas_count_step(&c->m, &err));
        steps++;
    }
    assert_int_equal(steps, 3);
    assert_int_equal(c->m.total, N_IDEAS);
    model_ideas_header(&c->m, head, sizeof head);
    assert_true(contains(head, "40 ideas"));
    /* No count going on: a step does nothing. */
    assert_ok(model_ideas_count_step(&c->m, &err));
    assert_int_equal(c->m.total, N_IDEAS);
}

static void
test_resize_keeps_selection(void **state)
{
    struct ctx *c = *state;
    struct cs_error err;
    int64_t sel;

    open_model(c, 80, HEIGHT);
    for (int i = 0; i < 10; i++)
        act(c, TUI_ACT_DOWN);
    sel = model_ideas_selected(&c->m);
    assert_ok(model_ideas_resize(&c->m, 200, 3, &err));
    assert_int_equal(c->m.count, 3);
    assert_int_equal(model_ideas_selected(&c->m), sel);
    assert_ok(model_ideas_resize(&c->m, 80, 20, &err));
    assert_int_equal(c->m.count, 20);
    assert_int_equal(model_ideas_selected(&c->m), sel);
}

static void
test_viewer_reads(void **state)
{
    struct ctx *c = *state;
    struct cs_error err;
    struct cs_db *viewer;
    size_t changed, refused;

    assert_ok(cs_user_add(c->f->db, "vera", CS_ROLE_VIEWER, &err));
    viewer = fixture_open_as(c->f, "vera");
    assert_ok(model_ideas_init(&c->m, viewer, c->f->cons_id, "AG21", 80, HEIGHT,
                               &err));
    assert_int_equal(c->m.count, HEIGHT);
    assert_int_equal(model_ideas_set_status(&c->m, CS_STATUS_REVIEWING, NULL,
                                            &changed, &refused, &err),
                     CS_EPERM);
    assert_int_equal(refused, 1);
    model_ideas_free(&c->m);
    memset(&c->m, 0, sizeof c->m);
    cs_db_close(viewer);
}

/* Closed and opened again (Esc to the consultations, then back): the
 * same filter, search, order and window, the same idea selected; an idea
 * others added meanwhile shows; a view of another consultation is not
 * applied. */
static void
test_keep_and_restore(void **state)
{
    struct ctx *c = *state;
    struct model_ideas_view v;
    struct cs_error err;
    int64_t sel, added;
    char first_title[200];

    open_model(c, 80, HEIGHT);
    assert_ok(model_ideas_themes(&c->m, &err));
    assert_ok(model_ideas_filter_theme(&c->m, c->f->theme_id[1], &err));
    assert_ok(model_ideas_filter_channel(&c->m, CS_CHANNEL_PAPER, &err));
    act(c, TUI_ACT_SORT);                       /* by support */
    for (int i = 0; i < 3; i++)
        act(c, TUI_ACT_DOWN);
    model_ideas_keep(&c->m, &v);
    model_ideas_free(&c->m);
    open_model(c, 80, HEIGHT);
    assert_ok(model_ideas_restore(&c->m, &v, &err));
    {
        char head[256];

        model_ideas_header(&c->m, head, sizeof head);
        assert_true(contains(head, "theme "));
        assert_false(contains(head, "theme ?"));
    }
    assert_ok(model_ideas_filter_theme(&c->m, 0, &err));
    for (int i = 0; i < 10; i++)
        act(c, TUI_ACT_DOWN);
    assert_false(c->m.at_top);
    sel = model_ideas_selected(&c->m);
    snprintf(first_title, sizeof first_title, "%s", c->m.rows[0].title);
    model_ideas_keep(&c->m, &v);
    model_ideas_free(&c->m);

    /* Another desk adds an idea meanwhile. */
    {
        struct cs_idea_new in = {
            .consultation_id = c->f->cons_id, .theme_id = c->f->theme_id[0],
            .kind = CS_KIND_IDEA, .channel = CS_CHANNEL_WEB,
            .body = "Une idée venue du web pendant ce temps.",
        };

        assert_ok(cs_idea_add(c->f->db, &in, &added, &err));
    }

    open_model(c, 80, HEIGHT);
    assert_int_not_equal(model_ideas_selected(&c->m), sel);
    assert_ok(model_ideas_restore(&c->m, &v, &err));
    assert_int_equal(model_ideas_selected(&c->m), sel);
    assert_string_equal(c->m.rows[0].title, first_title);
    assert_int_equal(c->m.filter.channel, CS_CHANNEL_PAPER);
    assert_int_equal(c->m.filter.order, CS_ORDER_SUPPORT);
    for (size_t i = 0; i < c->m.count; i++)
        assert_int_equal(c->m.rows[i].channel, CS_CHANNEL_PAPER);
    /* The filter is the model's, the count is right. */
    count_all(c);
    {
        struct cs_idea_filter f;
        int64_t ref[N_IDEAS + 1];

        cs_idea_filter_init(&f);
        f.consultation_id = c->f->cons_id;
        f.channel = CS_CHANNEL_PAPER;
        assert_int_equal(c->m.total, (int64_t)reference(c, &f, ref));
    }
    model_ideas_free(&c->m);

    /* A search kept at the top: the new web idea matches and shows. */
    open_model(c, 80, HEIGHT);
    assert_ok(model_ideas_search(&c->m, "web", &err));
    model_ideas_keep(&c->m, &v);
    model_ideas_free(&c->m);
    open_model(c, 80, HEIGHT);
    assert_ok(model_ideas_restore(&c->m, &v, &err));
    assert_string_equal(c->m.query, "web");
    assert_int_equal(model_ideas_selected(&c->m), added);

    /* Another consultation's view changes nothing. */
    v.cons_id = c->f->cons_id + 1000;
    model_ideas_free(&c->m);
    open_model(c, 80, HEIGHT);
    assert_ok(model_ideas_restore(&c->m, &v, &err));
    assert_string_equal(c->m.query, "");
}

/* Marked ideas are decided on the version they were marked on: another
 * desk's change in between refuses the whole decision, unmarks the idea
 * it changed and keeps the others marked; deciding again then works. */
static void
test_marks_decided_on_their_version(void **state)
{
    struct ctx *c = *state;
    struct cs_error err;
    struct cs_db *other;
    int64_t a, b, d;
    size_t changed, refused;

    open_model(c, 80, HEIGHT);
    a = model_ideas_selected(&c->m);
    act(c, TUI_ACT_MARK);
    b = model_ideas_selected(&c->m);
    act(c, TUI_ACT_MARK);
    d = model_ideas_selected(&c->m);
    act(c, TUI_ACT_MARK);
    assert_int_equal(c->m.mark_count, 3);

    assert_ok(cs_user_add(c->f->db, "bruno", CS_ROLE_ADMIN, &err));
    other = fixture_open_as(c->f, "bruno");
    assert_ok(cs_idea_set_status(other, b, 0, CS_STATUS_REJECTED,
                                 "Déjà fait.", &err));
    cs_db_close(other);

    assert_int_equal(model_ideas_set_status(&c->m, CS_STATUS_ACCEPTED,
                                            "Retenu.", &changed, &refused,
                                            &err), CS_ESTALE);
    assert_int_equal(changed, 0);
    assert_int_equal(refused, 3);
    assert_true(contains(err.msg, "bruno"));
    /* Nothing saved: a is still new, b still rejected by bruno. */
    {
        struct cs_idea i;

        assert_ok(cs_idea_get(c->f->db, a, &i, &err));
        assert_int_equal(i.status, CS_STATUS_NEW);
        cs_idea_clear(&i);
        assert_ok(cs_idea_get(c->f->db, b, &i, &err));
        assert_int_equal(i.status, CS_STATUS_REJECTED);
        cs_idea_clear(&i);
    }
    assert_int_equal(c->m.mark_count, 2);
    assert_true(model_ideas_is_marked(&c->m, a));
    assert_false(model_ideas_is_marked(&c->m, b));
    assert_true(model_ideas_is_marked(&c->m, d));

    assert_ok(model_ideas_set_status(&c->m, CS_STATUS_ACCEPTED, "Retenu.",
                                     &changed, &refused, &err));
    assert_int_equal(changed, 2);
    assert_int_equal(c->m.mark_count, 0);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_walk_down_and_up),
        T(test_pages),
        T(test_sorts),
        T(test_filters_and_search),
        T(test_filter_paper_batch),
        T(test_disputed_flag),
        T(test_search_orders),
        T(test_marks_and_status),
        T(test_filtered_status_change_keeps_place),
        T(test_refresh_sees_other_terminal),
        T(test_layout),
        T(test_count_in_steps),
        T(test_resize_keeps_selection),
        T(test_viewer_reads),
        T(test_keep_and_restore),
        T(test_marks_decided_on_their_version),
    };

    if (setlocale(LC_ALL, "C.UTF-8") == NULL)
        return 77;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
