/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * idea_row_test.c: the idea row written once (idea_row.c): the filter
 * values checked and folded, bound only where a query has the parameter,
 * the same idea decoded alike by a get, a list and a search, and keyset
 * pages that walk a tie without a gap or a repeat, and the kept figures
 * per theme read in one place.
 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consult/search.h"
#include "idea_row.h"

static void
test_filter_values(void **state)
{
    struct fixture *f = *state;
    struct cs_idea_filter flt;
    struct idea_filter v;
    struct cs_error err;

    (void)f;
    assert_ok(idea_filter_from(NULL, &v, &err));
    assert_int_equal(v.cons, 0);
    assert_null(v.status);
    assert_null(v.tag);

    cs_idea_filter_init(&flt);
    flt.consultation_id = 7;
    flt.status = CS_STATUS_ACCEPTED;
    flt.channel = CS_CHANNEL_WEB;
    flt.kind = CS_KIND_FINDING;
    flt.tag = "  \xc3\x89" "cole  \xc3\xa9" "t\xc3\xa9 ";
    assert_ok(idea_filter_from(&flt, &v, &err));
    assert_int_equal(v.cons, 7);
    assert_string_equal(v.status, "accepted");
    assert_string_equal(v.channel, cs_channel_name(CS_CHANNEL_WEB));
    assert_string_equal(v.kind, "finding");
    assert_string_equal(v.tag, "ecole ete");
    idea_filter_clear(&v);
    assert_null(v.tag);

    flt.tag = "   ";
    assert_ok(idea_filter_from(&flt, &v, &err));
    assert_null(v.tag);

    flt.status = CS_STATUS_COUNT;
    assert_int_equal(idea_filter_from(&flt, &v, &err), CS_EINVAL);
    assert_string_equal(err.msg, "Invalid filter.");
    flt.status = -1;
    flt.order = (enum cs_idea_order)42;
    assert_int_equal(idea_filter_from(&flt, &v, &err), CS_EINVAL);
}

static void
test_filter_bind(void **state)
{
    static const char sql[] = "SELECT count(*) FROM idea i WHERE 1"
        IDEA_F_CONS("i.") IDEA_F_STATUS("i.") IDEA_F_DATES("i.submitted_at");
    struct fixture *f = *state;
    struct idea_filter v;
    struct stmt st = STMT_INIT;
    struct cs_error err;
    int64_t a = fixture_idea(f->db, f, "Des bancs au parc");

    fixture_idea(f->db, f, "Un abri pour les v\xc3\xa9los");
    assert_ok(cs_idea_set_status(f->db, a, 0, CS_STATUS_REVIEWING, NULL,
                                 &err));

    /* Values the query has no parameter for (kind, author, tag) are left
     * alone; the others filter. */
    memset(&v, 0, sizeof v);
    v.cons = f->cons_id;
    v.status = "reviewing";
    v.kind = "idea";
    v.author = 99;
    stmt_prepare(&st, f->db, sql);
    idea_filter_bind(&st, &v);
    assert_true(stmt_row(&st));
    assert_int_equal(stmt_int64(&st, 0), 1);
    assert_ok(stmt_status(&st, &err));
    stmt_finish(&st);

    /* Not given: bound NULL, the term falls away. */
    v.status = NULL;
    stmt_prepare(&st, f->db, sql);
    idea_filter_bind(&st, &v);
    assert_true(stmt_row(&st));
    assert_int_equal(stmt_int64(&st, 0), 2);
    stmt_finish(&st);

    v.until = "2000-01-01";
    stmt_prepare(&st, f->db, sql);
    idea_filter_bind(&st, &v);
    assert_true(stmt_row(&st));
    assert_int_equal(stmt_int64(&st, 0), 0);
    assert_ok(stmt_status(&st, &err));
    stmt_finish(&st);
}

static void
assert_same_idea(const struct cs_idea *a, const struct cs_idea *b)
{
    assert_int_equal(a->id, b->id);
    assert_int_equal(a->consultation_id, b->consultation_id);
    assert_string_equal(a->consultation_code, b->consultation_code);
    assert_int_equal(a->theme_id, b->theme_id);
    assert_string_equal(a->theme_code, b->theme_code);
    assert_int_equal(a->kind, b->kind);
    assert_string_equal(a->title, b->title);
    assert_string_equal(a->body, b->body);
    assert_int_equal(a->author_id, b->author_id);
    assert_int_equal(a->channel, b->channel);
    assert_string_equal(a->form_ref, b->form_ref);
    assert_int_equal(a->batch_id, b->batch_id);
    assert_string_equal(a->submitted_at, b->submitted_at);
    assert_string_equal(a->entered_at, b->entered_at);
    assert_string_equal(a->entered_by, b->entered_by);
    assert_int_equal(a->status, b->status);
    assert_string_equal(a->status_changed_at, b->status_changed_at);
    assert_string_equal(a->answer, b->answer);
    assert_int_equal(a->merged_into, b->merged_into);
    assert_null(a->hidden_reason);
    assert_null(b->hidden_reason);
    assert_int_equal(a->votes, b->votes);
    assert_int_equal(a->tallies, b->tallies);
    assert_int_equal(a->support, b->support);
    assert_int_equal(a->version, b->version);
}

static void
test_same_row_everywhere(void **state)
{
    struct fixture *f = *state;
    struct cs_person who = { .name = "Ana Duval", .ref = "M-12" };
    struct cs_idea_new in = {
        .consultation_id = f->cons_id, .theme_id = f->theme_id[1],
        .kind = CS_KIND_FINDING, .title = "Composteurs",
        .body = "Des composteurs dans chaque quartier",
        .channel = CS_CHANNEL_WORKSHOP, .form_ref = "F-77",
        .submitted_at = "2026-03-02", .author = &who,
    };
    struct cs_idea_filter flt;
    struct cs_idea_list *l = NULL, *s = NULL;
    struct cs_idea got;
    struct cs_error err;
    int64_t id = 0;

    assert_ok(cs_idea_add(f->db, &in, &id, &err));
    assert_ok(cs_tally_add(f->db, id, 12, "atelier", NULL, NULL, &err));
    assert_ok(cs_idea_set_status(f->db, id, 0, CS_STATUS_ACCEPTED,
                                 "Ce sera fait.", &err));
    assert_ok(cs_idea_get(f->db, id, &got, &err));
    assert_int_equal(got.kind, CS_KIND_FINDING);
    assert_int_equal(got.channel, CS_CHANNEL_WORKSHOP);
    assert_int_equal(got.status, CS_STATUS_ACCEPTED);
    assert_string_equal(got.answer, "Ce sera fait.");
    assert_string_equal(got.theme_code, "ENV");
    assert_string_equal(got.consultation_code, "AG21");
    assert_int_not_equal(got.author_id, 0);
    assert_int_equal(got.tallies, 12);
    assert_int_equal(got.support, 12);
    assert_true(got.version > 1);      /* added, then decided on */

    cs_idea_filter_init(&flt);
    flt.consultation_id = f->cons_id;
    flt.kind = CS_KIND_FINDING;
    assert_ok(cs_idea_list(f->db, &flt, NULL, 10, &l, &err));
    assert_int_equal(l->count, 1);
    assert_same_idea(&got, &l->items[0]);
    assert_ok(cs_search_ideas(f->db, &flt, "compost", NULL, 10, &s, &err));
    assert_int_equal(s->count, 1);
    assert_same_idea(&got, &s->items[0]);
    cs_idea_list_free(l);
    cs_idea_list_free(s);
    cs_idea_clear(&got);
}

/* Pages of `size` in `order` walk the same ideas as one page of all. */
static void
walk_pages(struct fixture *f, enum cs_idea_order order, bool descending,
           size_t size, size_t total)
{
    struct cs_idea_filter flt;
    struct cs_idea_list *all = NULL, *page = NULL;
    struct cs_idea_cursor at = { 0 };
    struct cs_error err;
    size_t seen = 0;

    cs_idea_filter_init(&flt);
    flt.consultation_id = f->cons_id;
    flt.order = order;
    flt.descending = descending;
    assert_ok(cs_idea_list(f->db, &flt, NULL, 100, &all, &err));
    assert_int_equal(all->count, total);
    assert_false(all->next.valid);
    do {
        assert_ok(cs_idea_list(f->db, &flt, &at, size, &page, &err));
        for (size_t i = 0; i < page->count; i++)
            assert_int_equal(page->items[i].id, all->items[seen++].id);
        at = page->next;
        assert_true(at.valid == (seen < total));
        cs_idea_list_free(page);
    } while (at.valid);
    assert_int_equal(seen, total);
    cs_idea_list_free(all);
}

static void
test_keyset_pages(void **state)
{
    struct fixture *f = *state;
    struct cs_idea_new in = {
        .consultation_id = f->cons_id, .theme_id = f->theme_id[0],
        .kind = CS_KIND_IDEA, .channel = CS_CHANNEL_PAPER,
    };
    struct cs_error err;
    char body[64];

    /* Seven ideas: four the same day (a tie in date order), with support
     * 0 or 3 (ties in support order). */
    for (int i = 0; i < 7; i++) {
        int64_t id = 0;

        snprintf(body, sizeof body, "Id\xc3\xa9" "e num\xc3\xa9" "ro %d", i);
        in.body = body;
        in.submitted_at = i < 4 ? "2026-02-01" : i == 4 ? "2026-01-15"
                                                        : "2026-03-09";
        assert_ok(cs_idea_add(f->db, &in, &id, &err));
        if (i % 2)
            assert_ok(cs_tally_add(f->db, id, 3, "urne", NULL, NULL, &err));
    }
    for (int o = CS_ORDER_DATE; o <= CS_ORDER_SUPPORT; o++)
        for (size_t size = 1; size <= 3; size++) {
            walk_pages(f, (enum cs_idea_order)o, false, size, 7);
            walk_pages(f, (enum cs_idea_order)o, true, size, 7);
        }
}

/* Adds up what idea_kept_each gives: themes seen, ideas, empty themes. */
struct kept_sum {
    int themes, empty;
    int64_t ideas, findings, votes, tallies;
    int64_t by_status[CS_STATUS_COUNT];
};

static enum cs_rc
kept_sum(void *ctx, const struct idea_kept *k, struct cs_error *err)
{
    struct kept_sum *s = ctx;

    (void)err;
    s->themes += k->first;
    if (k->kind < 0) {
        s->empty++;
        assert_int_equal(k->ideas, 0);
        return CS_OK;
    }
    if (k->kind == CS_KIND_FINDING)
        s->findings += k->ideas;
    else
        s->ideas += k->ideas;
    s->by_status[k->status] += k->ideas;
    s->votes += k->votes;
    s->tallies += k->tallies;
    return CS_OK;
}

/* The total's row: its sums, kept whatever its names say. */
static enum cs_rc
kept_total(void *ctx, const struct idea_kept *k, struct cs_error *err)
{
    struct kept_sum *s = ctx;

    (void)err;
    assert_int_equal(k->theme_id, 0);
    assert_int_equal(k->kind, -1);
    assert_int_equal(k->ideas, 1);
    s->tallies = k->tallies;
    return CS_OK;
}

static void
test_kept_counts(void **state)
{
    struct fixture *f = *state;
    struct cs_idea_new in = {
        .consultation_id = f->cons_id, .theme_id = f->theme_id[0],
        .kind = CS_KIND_FINDING, .body = "Trop de voitures",
        .channel = CS_CHANNEL_WEB,
    };
    struct idea_filter v;
    struct kept_sum s;
    struct cs_idea_counts *c = NULL;
    struct cs_error err;
    int64_t a = fixture_idea(f->db, f, "Une piste cyclable"), b = 0;

    assert_ok(cs_idea_add(f->db, &in, &b, &err));
    assert_ok(cs_idea_set_status(f->db, a, 0, CS_STATUS_REVIEWING, NULL,
                                 &err));
    assert_ok(cs_tally_add(f->db, b, 4, "urne", NULL, NULL, &err));

    /* Both themes, ENV without ideas as one empty row. */
    memset(&v, 0, sizeof v);
    v.cons = f->cons_id;
    memset(&s, 0, sizeof s);
    assert_ok(idea_kept_each(f->db, &v, IDEA_KEPT_ROWS, kept_sum, &s, &err));
    assert_int_equal(s.themes, 2);
    assert_int_equal(s.empty, 1);
    assert_int_equal(s.ideas, 1);
    assert_int_equal(s.findings, 1);
    assert_int_equal(s.by_status[CS_STATUS_REVIEWING], 1);
    assert_int_equal(s.by_status[CS_STATUS_NEW], 1);
    assert_int_equal(s.tallies, 4);

    /* In total: one row, the sums of what matches. */
    v.kind = "finding";
    assert_ok(idea_kept_each(f->db, &v, IDEA_KEPT_TOTAL, kept_total, &s,
                             &err));
    assert_int_equal(s.tallies, 4);
    v.kind = NULL;

    /* A status: the other rows fall away, every theme still comes. */
    v.status = "reviewing";
    memset(&s, 0, sizeof s);
    assert_ok(idea_kept_each(f->db, &v, IDEA_KEPT_ROWS, kept_sum, &s, &err));
    assert_int_equal(s.themes, 2);
    assert_int_equal(s.ideas + s.findings, 1);
    assert_int_equal(s.tallies, 0);

    /* A theme without ideas: nothing counted. */
    v.status = NULL;
    v.theme = f->theme_id[1];
    memset(&s, 0, sizeof s);
    assert_ok(idea_kept_each(f->db, &v, IDEA_KEPT_ROWS, kept_sum, &s, &err));
    assert_int_equal(s.ideas + s.findings, 0);

    /* cs_idea_count reads the same figures. */
    assert_ok(cs_idea_count(f->db, f->cons_id, &c, &err));
    assert_int_equal(c->count, 2);
    assert_int_equal(c->rows[0].total, 2);
    assert_int_equal(c->rows[0].by_status[CS_STATUS_REVIEWING], 1);
    assert_int_equal(c->rows[1].total, 0);
    assert_int_equal(c->all.total, 2);
    cs_idea_counts_free(c);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_filter_values,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_filter_bind,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_same_row_everywhere,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_keyset_pages,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_kept_counts,
                                        fixture_setup_cons, fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
