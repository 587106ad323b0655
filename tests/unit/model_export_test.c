/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_export_test.c: the export screen's model (model_export.c) on the
 * demo database: its lines, the file name following the kind and the
 * consultation until one is typed, "what the ideas list shows" taken from
 * a real ideas list (filtered, searched, sorted) and written in the same
 * order as the list holds its rows, the result saying where the file is
 * and how many rows, the check against the manifest passing, then failing
 * once the file is touched, and the core's refusals passed on.
 */
#include "testlib.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_export.h"
#include "model_ideas.h"
#include "text.h"

static bool
rows_hold(const struct model_export *m, const char *text)
{
    struct tui_row rows[32];
    int cursor;
    size_t n = model_export_rows(m, rows, 32, &cursor);

    for (size_t i = 0; i < n; i++)
        if (strstr(rows[i].text, text))
            return true;
    return false;
}

/* The first column of every data row of CSV file `path`, as numbers. */
static size_t
file_ids(const char *path, int64_t *ids, size_t max)
{
    struct cs_csv_reader *r;
    struct cs_csv_record rec;
    struct cs_error err;
    size_t n = 0;
    bool header = true;

    assert_ok(cs_csv_reader_open(path, NULL, &r, &err));
    while (cs_csv_reader_next(r, &rec, &err) == CS_OK) {
        if (header) {
            assert_string_equal(rec.fields[0].s, "id");
            header = false;
        } else if (n < max) {
            ids[n++] = atoll(rec.fields[0].s);
        }
    }
    cs_csv_reader_close(r);
    return n;
}

static void
demo(struct fixture *f, int64_t *cons_id)
{
    const char *datadir = getenv("CONSULT_DATADIR");
    struct cs_error err;

    if (datadir == NULL)
        fail_msg("CONSULT_DATADIR is not set (ctest sets it)");
    assert_ok(cs_demo_load(f->db, datadir, NULL, &err));
    assert_ok(cs_consultation_lookup(f->db, "AGENTS21", cons_id, &err));
}

static void
test_lines_and_names(void **state)
{
    struct fixture *f = *state;
    struct model_export m;
    struct cs_error err;
    int64_t cons_id;

    demo(f, &cons_id);
    model_export_init(&m, f->db, "AGENTS21", 100);
    assert_true(rows_hold(&m, "ideas: one row per idea or finding"));
    assert_true(rows_hold(&m, "AGENTS21"));
    assert_true(rows_hold(&m, "ideas-AGENTS21.csv"));
    assert_true(rows_hold(&m, "default: codir"));
    /* No view of the list: "what it shows" cannot be chosen. */
    assert_false(model_export_toggle_shown(&m));
    assert_true(rows_hold(&m, "everything"));

    /* The name follows the kind and the consultation... */
    model_export_set_kind(&m, CS_EXPORT_SUMMARY);
    assert_string_equal(m.file, "summary-AGENTS21.csv");
    model_export_set_cons(&m, NULL);
    assert_string_equal(m.file, "summary.csv");
    assert_true(rows_hold(&m, "(every one)"));
    /* ...and a summary of every consultation is refused before the core. */
    assert_int_equal(model_export_run(&m, &err), CS_EINVAL);
    assert_non_null(strstr(err.msg, "made for one consultation"));
    assert_false(m.written);
    /* A name typed stays; an empty one is made again. */
    model_export_set_file(&m, "  mine.csv ");
    assert_string_equal(m.file, "mine.csv");
    model_export_set_kind(&m, CS_EXPORT_VOTES);
    assert_string_equal(m.file, "mine.csv");
    model_export_set_file(&m, "");
    assert_string_equal(m.file, "votes.csv");

    /* Excel and French headers tick on their lines; the options say so. */
    {
        struct cs_export_options o;

        m.line = EXPORT_LINE_EXCEL;
        assert_true(model_export_toggle(&m));
        m.line = EXPORT_LINE_FRENCH;
        assert_true(model_export_toggle(&m));
        m.line = EXPORT_LINE_FILE;
        assert_false(model_export_toggle(&m));
        model_export_set_profile(&m, CS_PROFILE_OPEN_DATA);
        model_export_options(&m, &o);
        assert_int_equal(o.kind, CS_EXPORT_VOTES);
        assert_int_equal(o.profile, CS_PROFILE_OPEN_DATA);
        assert_true(o.csv.bom && o.csv.crlf && o.csv.delimiter == ';');
        assert_true(o.french_headers);
        assert_null(o.consultation);
        assert_true(rows_hold(&m, "[x] byte order mark"));
        assert_true(rows_hold(&m, "open-data: no personal data"));
    }

    /* Moves stay within the lines. */
    m.line = 0;
    model_export_apply(&m, TUI_ACT_UP);
    assert_int_equal(m.line, 0);
    model_export_apply(&m, TUI_ACT_END);
    assert_int_equal(m.line, EXPORT_LINE_COUNT - 1);
    model_export_apply(&m, TUI_ACT_DOWN);
    assert_int_equal(m.line, EXPORT_LINE_COUNT - 1);

    /* The menus: every kind, every profile, the consultations. */
    {
        struct model_menu mm;

        model_menu_init(&mm, "k");
        model_export_kind_menu(&m, &mm);
        assert_int_equal(mm.count, CS_EXPORT_KIND_COUNT);
        assert_int_equal(model_menu_value(&mm), CS_EXPORT_VOTES);
        model_menu_free(&mm);
        model_menu_init(&mm, "c");
        assert_ok(model_export_cons_menu(&m, &mm, &err));
        assert_int_equal(mm.count, 2);
        model_export_cons_chosen(&m, mm.items[1].value);
        assert_string_equal(m.cons, "AGENTS21");
        model_menu_free(&mm);
    }
    model_export_free(&m);
}

static void
test_what_the_list_shows(void **state)
{
    struct fixture *f = *state;
    struct model_ideas mi;
    struct model_ideas_view view;
    struct model_export m;
    struct cs_error err;
    char path[400];
    int64_t cons_id, ids[64];
    size_t n;
    FILE *fp;

    demo(f, &cons_id);
    /* The desk: "service" searched, sorted by support, most first. */
    assert_ok(model_ideas_init(&mi, f->db, cons_id, "AGENTS21", 100, 40,
                               &err));
    assert_ok(model_ideas_search(&mi, "service", &err));
    assert_ok(model_ideas_apply(&mi, TUI_ACT_SORT, &err));     /* date */
    assert_ok(model_ideas_apply(&mi, TUI_ACT_SORT, &err));     /* support */
    assert_int_equal(mi.search_order, CS_ORDER_SUPPORT);
    assert_true(mi.count >= 3 && mi.at_top);
    memset(&view, 0, sizeof view);
    model_ideas_keep(&mi, &view);

    model_export_init(&m, f->db, "AGENTS21", 100);
    assert_ok(model_export_view(&m, &view, "AGENTS21", &err));
    assert_true(m.shown);
    assert_true(rows_hold(&m, "[x] what the ideas list shows"));
    assert_true(rows_hold(&m, "search \"service\", most supported first"));
    snprintf(path, sizeof path, "%s/shown.csv", f->dir);
    model_export_set_file(&m, path);
    assert_ok(model_export_run(&m, &err));
    assert_true(m.written);
    assert_string_equal(m.path, path);
    assert_int_equal(m.res.rows, (int64_t)mi.count);
    assert_true(rows_hold(&m, "Written: "));
    assert_true(rows_hold(&m, path));
    assert_true(rows_hold(&m, "shown.csv.manifest"));
    /* The rows of the file: the list's, in its order. */
    n = file_ids(path, ids, 64);
    assert_int_equal(n, mi.count);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(ids[i], mi.rows[i].id);

    /* The file matches its manifest; touched, it does not. */
    assert_ok(model_export_verify(&m, &err));
    assert_true(m.check_ok);
    assert_true(rows_hold(&m, "Matches its manifest"));
    fp = fopen(path, "a");
    assert_non_null(fp);
    fputs("1,x\n", fp);
    fclose(fp);
    assert_int_equal(model_export_verify(&m, &err), CS_ECONFLICT);
    assert_false(m.check_ok);
    assert_true(rows_hold(&m, "Does NOT match its manifest"));

    /* Everything again: every idea, by number. */
    assert_true(model_export_toggle_shown(&m));
    assert_false(m.shown);
    assert_false(m.written);
    assert_ok(model_export_run(&m, &err));
    assert_int_equal(m.res.rows, 50);
    n = file_ids(path, ids, 64);
    assert_int_equal(n, 50);
    assert_true(ids[0] < ids[1]);
    /* Another kind is never "what the list shows". */
    assert_true(model_export_toggle_shown(&m));
    model_export_set_kind(&m, CS_EXPORT_TALLIES);
    assert_false(m.shown);
    model_export_free(&m);
    model_ideas_free(&mi);
}

/* A viewer may not take personal data out: the core's refusal, and no
 * file. */
static void
test_refused(void **state)
{
    struct fixture *f = *state;
    struct model_export m;
    struct cs_error err;
    struct cs_db *viewer;
    char path[400];
    int64_t cons_id;

    demo(f, &cons_id);
    assert_ok(cs_user_add(f->db, "victor", CS_ROLE_VIEWER, &err));
    viewer = fixture_open_as(f, "victor");
    model_export_init(&m, viewer, "AGENTS21", 100);
    model_export_set_kind(&m, CS_EXPORT_PARTICIPANTS);
    snprintf(path, sizeof path, "%s/people.csv", f->dir);
    model_export_set_file(&m, path);
    assert_int_equal(model_export_run(&m, &err), CS_EPERM);
    assert_false(m.written);
    assert_false(rows_hold(&m, "Written: "));
    assert_int_equal(model_export_verify(&m, &err), CS_ENOTFOUND);
    model_export_free(&m);
    cs_db_close(viewer);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_lines_and_names, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_what_the_list_shows,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_refused, fixture_setup,
                                        fixture_teardown),
    };

    if (setlocale(LC_ALL, "C.UTF-8") == NULL)
        return 77;
    tui_text_set_utf8(true);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
