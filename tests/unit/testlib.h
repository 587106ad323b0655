/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * testlib.h: fixtures shared by the unit tests: a fresh database file in a
 * private temporary directory, opened as a given login, with one
 * consultation and two themes when asked.
 */
#ifndef CONSULT_TESTLIB_H
#define CONSULT_TESTLIB_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include "consult/consult.h"

struct fixture {
    char dir[256];          /* private temporary directory */
    char path[300];         /* database file inside it */
    struct cs_db *db;       /* opened as "alice", the admin */
    int64_t cons_id;        /* consultation "AG21" */
    int64_t theme_id[2];    /* themes "MOB" (Mobilité) and "ENV" */
};

/* Create a temporary directory and a database in it, opened as "alice"
 * (its creator, so its admin). */
int fixture_setup(void **state);
/* The same, plus consultation AG21 with themes MOB and ENV. */
int fixture_setup_cons(void **state);
/* Close everything and remove the directory. */
int fixture_teardown(void **state);

/* Open the fixture's database again as `login` (a second handle). */
struct cs_db *fixture_open_as(struct fixture *f, const char *login);

/* Add an idea with `body` to the fixture's consultation, theme 0, as the
 * handle `db`; fails the test on error. */
int64_t fixture_idea(struct cs_db *db, struct fixture *f, const char *body);
/* The same on paper, written by `who` (found or added as the form gives
 * it), as the fixture's handle. */
int64_t fixture_idea_by(struct fixture *f, const struct cs_person *who,
                        const char *body);

/* Write `text` to the file `name` in the fixture's directory and import
 * it as `kind` (no options) as the fixture's handle; fails the test unless
 * every row is taken. Returns the batch. */
int64_t fixture_import(struct fixture *f, enum cs_import_kind kind,
                       const char *name, const char *text);

/* Count the rows of `sql` (a SELECT count(*) ...) on the fixture file,
 * through a plain SQLite connection. */
long long fixture_count(struct fixture *f, const char *sql);

/* Rows of the kept figures per theme (idea_count) that differ from the
 * ideas counted now, both ways: 0 when they agree and no empty row is
 * left. */
long long fixture_count_drift(struct fixture *f);

/* The same for the kept figures of who took part (participation) and of
 * each consultation (consultation_count: people, people without email,
 * comments shown), against the ideas, votes, comments and people counted
 * now; fixture_count_drift includes it. */
long long fixture_people_drift(struct fixture *f);

/* Rows in the journal (through a plain connection). */
long long fixture_audit_rows(struct fixture *f);

/* The journal has exactly one row more than `before`, and the newest is
 * (`action`, `tbl`, `idea_id`); fails the test otherwise. */
void fixture_assert_audit(struct fixture *f, long long before,
                          const char *action, const char *tbl,
                          int64_t idea_id);

/* Assert that rc is CS_OK, printing err.msg otherwise. */
#define assert_ok(expr) do { \
        struct cs_error *e_ = &err; enum cs_rc rc_ = (expr); \
        if (rc_ != CS_OK) fail_msg("%s: %s (%s)", #expr, e_->msg, \
                                   cs_rc_name(rc_)); \
    } while (0)

#endif /* CONSULT_TESTLIB_H */
