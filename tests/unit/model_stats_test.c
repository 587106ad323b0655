/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_stats_test.c: the statistics screen's model (model_stats.c): bars
 * in eighth blocks and in "#", always the width asked, and the charts of
 * a real consultation with every number and percentage printed.
 */
#include "testlib.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_stats.h"
#include "text.h"

static void
test_bars(void **state)
{
    char b[256];

    (void)state;
    model_stats_bar(b, sizeof b, 10, 10, 4, true);
    assert_string_equal(b, "████");
    model_stats_bar(b, sizeof b, 5, 10, 4, true);
    assert_string_equal(b, "██  ");
    /* 3/10 of 4 columns: 9.6 eighths, 9 drawn: one full, one eighth. */
    model_stats_bar(b, sizeof b, 3, 10, 4, true);
    assert_string_equal(b, "█▏  ");
    model_stats_bar(b, sizeof b, 7, 10, 4, true);
    assert_string_equal(b, "██▊ ");
    /* A small value is a sliver, never nothing; zero is nothing. */
    model_stats_bar(b, sizeof b, 1, 1000, 4, true);
    assert_string_equal(b, "▏   ");
    model_stats_bar(b, sizeof b, 0, 10, 4, true);
    assert_string_equal(b, "    ");
    model_stats_bar(b, sizeof b, 0, 0, 3, true);
    assert_string_equal(b, "   ");
    /* Outside UTF-8: whole "#" columns. */
    model_stats_bar(b, sizeof b, 7, 10, 10, false);
    assert_string_equal(b, "#######   ");
    model_stats_bar(b, sizeof b, 1, 1000, 5, false);
    assert_string_equal(b, "#    ");
    for (int v = 0; v <= 13; v++) {
        model_stats_bar(b, sizeof b, v, 13, 37, true);
        assert_int_equal(tui_width(b), 37);
    }
}

static void
test_charts(void **state)
{
    struct fixture *f = *state;
    struct model_stats m;
    struct cs_error err;
    struct tui_row rows[64];
    const struct cs_person p = { .ref = "M-1", .name = "Zoé" };
    int64_t a = fixture_idea(f->db, f, "Des vélos électriques");
    int64_t b = fixture_idea(f->db, f, "Un potager");
    int64_t c = fixture_idea(f->db, f, "Moins de réunions");
    size_t n, checked = 0;
    bool seen_support = false, seen_status = false, seen_channel = false;

    assert_ok(cs_vote_add(f->db, a, &p, CS_CHANNEL_PAPER, NULL, NULL, &err));
    assert_ok(cs_tally_add(f->db, a, 3, "Atelier", NULL, NULL, &err));
    assert_ok(cs_idea_set_status(f->db, b, 0, CS_STATUS_REVIEWING, NULL, &err));
    (void)c;
    memset(&m, 0, sizeof m);
    assert_ok(model_stats_load(&m, f->db, f->cons_id, "AG21", 80, 64,
                               &err));
    n = model_stats_rows(&m, rows, 64);
    assert_true(n > 10);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(tui_width(rows[i].text), 80);
        if (strstr(rows[i].text, "Support per theme"))
            seen_support = true;
        if (strstr(rows[i].text, "per status"))
            seen_status = true;
        if (strstr(rows[i].text, "per channel"))
            seen_channel = true;
    }
    assert_true(seen_support && seen_status && seen_channel);
    /* MOB has all the support (1 vote + 3): a full bar, 4, 100 %. */
    for (size_t i = 0; i < n; i++) {
        const char *t = rows[i].text;

        if (strstr(t, " MOB Mobilité") == t && ++checked)
            assert_non_null(strstr(t, "█  4  100.0 %"));
        if (strstr(t, " ENV ") == t && ++checked)
            assert_non_null(strstr(t, "  0    0.0 %"));
        if (strstr(t, " new ") == t && ++checked)
            assert_non_null(strstr(t, "  2   66.7 %"));
        if (strstr(t, " reviewing ") == t && ++checked)
            assert_non_null(strstr(t, "  1   33.3 %"));
    }
    assert_int_equal(checked, 4);
    assert_non_null(strstr(rows[0].text, "Ideas: 3"));
    assert_non_null(strstr(rows[n - 1].text, "press w to count them"));
    /* Week by week, from cs_stats_weeks: the three ideas were
     * given today, with the vote and no comment. */
    assert_ok(model_stats_weeks(&m, f->db, &err));
    assert_int_equal(m.week_count, 1);
    assert_int_equal(m.weeks[0].contributions, 4);
    n = model_stats_rows(&m, rows, 64);
    assert_non_null(strstr(rows[n - 1].text, " week of "));
    assert_non_null(strstr(rows[n - 1].text, "  4  100.0 %"));
    /* Wider: the same lines, wider bars. */
    model_stats_resize(&m, 200, 64);
    n = model_stats_rows(&m, rows, 64);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(tui_width(rows[i].text), 200);
    /* Scrolling stops at the last line. */
    model_stats_resize(&m, 80, 5);
    model_stats_apply(&m, TUI_ACT_END);
    assert_int_equal(m.top, m.count - 5);
    model_stats_apply(&m, TUI_ACT_DOWN);
    assert_int_equal(m.top, m.count - 5);
    model_stats_apply(&m, TUI_ACT_HOME);
    assert_int_equal(m.top, 0);
    model_stats_free(&m);
    assert_int_equal(model_stats_load(&m, f->db, 999, "X", 80, 20, &err),
                     CS_ENOTFOUND);
    model_stats_free(&m);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bars),
        cmocka_unit_test_setup_teardown(test_charts, fixture_setup_cons,
                                        fixture_teardown),
    };

    if (setlocale(LC_ALL, "C.UTF-8") == NULL)
        return 77;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
