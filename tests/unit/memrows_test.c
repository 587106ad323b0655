/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * memrows_test.c: consult_rows, rows of C arrays read by SQL (memrows.c):
 * every row and column as bound, NULLs, texts, a join reading it first,
 * no rows without the pointer, and no plan without the argument.
 */
#include "testlib.h"

#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "dbpriv.h"
#include "memrows.h"

static sqlite3_stmt *
prepare(struct fixture *f, const char *sql)
{
    sqlite3_stmt *st = NULL;

    if (sqlite3_prepare_v2(f->db->sql, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(f->db->sql));
    return st;
}

static void
test_rows_as_bound(void **state)
{
    struct fixture *f = *state;
    static const int64_t ints[3][MEMROWS_INTS] = {
        { 1, -2, MEMROWS_NULL, INT64_MAX },
        { 10, 20, 30, 40 },
        { 0, 0, 0, INT64_MIN + 1 },
    };
    static const char *const texts[3] = { "un", NULL, "trois ’" };
    struct memrows rows = { 3, &ints[0][0], texts };
    sqlite3_stmt *st = prepare(f, "SELECT rowid, c0, c1, c2, c3, t0"
                                  " FROM consult_rows(:r)");
    int n = 0;

    assert_int_equal(memrows_bind(st, ":r", &rows), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        assert_int_equal(sqlite3_column_int64(st, 0), n);
        for (int c = 0; c < MEMROWS_INTS; c++) {
            if (ints[n][c] == MEMROWS_NULL)
                assert_int_equal(sqlite3_column_type(st, 1 + c), SQLITE_NULL);
            else
                assert_true(sqlite3_column_int64(st, 1 + c) == ints[n][c]);
        }
        if (texts[n] == NULL)
            assert_int_equal(sqlite3_column_type(st, 5), SQLITE_NULL);
        else
            assert_string_equal((const char *)sqlite3_column_text(st, 5),
                                texts[n]);
        n++;
    }
    assert_int_equal(n, 3);
    /* Again, with no texts and one row fewer. */
    sqlite3_reset(st);
    rows.n = 2;
    rows.texts = NULL;
    assert_int_equal(memrows_bind(st, ":r", &rows), SQLITE_OK);
    n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        assert_int_equal(sqlite3_column_type(st, 5), SQLITE_NULL);
        n++;
    }
    assert_int_equal(n, 2);
    sqlite3_finalize(st);
}

/* What an import does with it: an INSERT ... SELECT, then a join that
 * finds each row again by an index. */
static void
test_insert_and_join(void **state)
{
    struct fixture *f = *state;
    enum { N = 5000 };
    static int64_t ints[N][MEMROWS_INTS];
    static char names[N][16];
    static const char *texts[N];
    struct memrows rows = { N, &ints[0][0], texts };
    sqlite3_stmt *st;
    long long sum = 0;
    int n = 0;

    for (int i = 0; i < N; i++) {
        ints[i][0] = i;
        ints[i][1] = ints[i][2] = ints[i][3] = MEMROWS_NULL;
        snprintf(names[i], sizeof names[i], "n%d", N - i);
        texts[i] = names[i];
    }
    assert_int_equal(sqlite3_exec(f->db->sql, "CREATE TEMP TABLE t(id"
                                  " INTEGER PRIMARY KEY, name TEXT UNIQUE)",
                                  NULL, NULL, NULL), SQLITE_OK);
    st = prepare(f, "INSERT INTO temp.t(name) SELECT 'x' || t0"
                    " FROM consult_rows(:r)");
    assert_int_equal(memrows_bind(st, ":r", &rows), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    assert_int_equal(sqlite3_changes(f->db->sql), N);
    st = prepare(f, "SELECT r.c0, t.id FROM consult_rows(:r) r"
                    " CROSS JOIN temp.t t ON t.name = 'x' || r.t0");
    assert_int_equal(memrows_bind(st, ":r", &rows), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        /* Inserted in the rows' order: row i is t's row i + 1. */
        assert_int_equal(sqlite3_column_int64(st, 1),
                         sqlite3_column_int64(st, 0) + 1);
        sum += sqlite3_column_int64(st, 0);
        n++;
    }
    sqlite3_finalize(st);
    assert_int_equal(n, N);
    assert_true(sum == (long long)N * (N - 1) / 2);
}

/* Only a pointer bound by memrows_bind is read: any other value, or none,
 * gives no row; without the argument there is no plan. */
static void
test_no_rows_without_pointer(void **state)
{
    struct fixture *f = *state;
    sqlite3_stmt *st = prepare(f, "SELECT count(*) FROM consult_rows(:r)");
    static int fake = 7;

    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 0);
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, "SELECT 1", -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 0);
    sqlite3_reset(st);
    sqlite3_bind_pointer(st, 1, &fake, "another_kind", NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 0);
    sqlite3_finalize(st);
    st = prepare(f, "SELECT 1");
    assert_int_equal(memrows_bind(st, ":r", NULL), SQLITE_RANGE);
    sqlite3_finalize(st);
    st = NULL;
    assert_int_not_equal(sqlite3_prepare_v2(f->db->sql, "SELECT * FROM"
                                            " consult_rows", -1, &st, NULL),
                         SQLITE_OK);
    sqlite3_finalize(st);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, \
                                              fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(test_rows_as_bound),
        T(test_insert_and_join),
        T(test_no_rows_without_pointer),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
