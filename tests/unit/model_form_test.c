/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_form_test.c: the entry form's model (model_form.c) on a real
 * database: Tab order with a batch's layout, the theme list narrowing as
 * typed, consent ticked with Space, a text of several lines, the warnings
 * before a save (a reference taken, a very similar idea, and support
 * recorded instead), a refused save keeping every value with the field at
 * fault focused, an anonymous form from a service, and a keyed form
 * corrected on its version.
 */
#define _POSIX_C_SOURCE 200809L

#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "model_form.h"
#include "text.h"

struct ctx {
    struct fixture *f;
    struct model_form m;
};

static int
setup(void **state)
{
    struct ctx *c = calloc(1, sizeof *c);
    struct cs_error err;

    if (c == NULL || fixture_setup_cons((void **)&c->f) != 0)
        return -1;
    if (model_form_open(&c->m, c->f->db, c->f->cons_id, "AG21", &err)
        != CS_OK)
        return -1;
    *state = c;
    return 0;
}

static int
teardown(void **state)
{
    struct ctx *c = *state;
    void *f = c->f;

    model_form_free(&c->m);
    fixture_teardown(&f);
    free(c);
    return 0;
}

static void
type(struct model_form *m, const char *s)
{
    while (*s) {
        uint32_t cp;
        size_t n = tui_u8_next(s, strlen(s), &cp);

        model_form_key(m, TUI_ACT_NONE, (int)cp, 60, 5);
        s += n ? n : 1;
    }
}

static void
tab(struct model_form *m)
{
    model_form_key(m, TUI_ACT_NEXT_SECTION, TUI_KEY_TAB, 60, 5);
}

static void
enter(struct model_form *m)
{
    model_form_key(m, TUI_ACT_NEXT_SECTION, TUI_KEY_ENTER, 60, 5);
}

/* The layout of a batch whose paper gives a theme, a name, a service and
 * a text: Tab goes through those only, Shift-Tab back. */
static void
test_tab_order_layout(void **state)
{
    struct ctx *c = *state;
    struct model_form *m = &c->m;

    model_form_set_layout(m, "theme,author_name,service,body");
    assert_int_equal(m->focus, FORM_THEME);
    type(m, "MOB");
    tab(m);
    assert_int_equal(m->focus, FORM_NAME);
    enter(m);
    assert_int_equal(m->focus, FORM_SERVICE);
    tab(m);
    assert_int_equal(m->focus, FORM_TEXT);
    tab(m);
    assert_int_equal(m->focus, FORM_THEME);
    model_form_key(m, TUI_ACT_PREV_SECTION, TUI_KEY_BTAB, 60, 5);
    assert_int_equal(m->focus, FORM_TEXT);
    model_form_key(m, TUI_ACT_PREV_SECTION, TUI_KEY_BTAB, 60, 5);
    assert_int_equal(m->focus, FORM_SERVICE);
    /* Every field again without a layout. */
    model_form_set_layout(m, NULL);
    for (int f = 0; f < FORM_FIELDS; f++)
        assert_true(m->present[f]);
}

/* The theme: its code or the first letters of its title, the list
 * narrowing as typed; Down chooses among the matches; a theme matching
 * nothing keeps the focus and says why. */
static void
test_theme_narrowing(void **state)
{
    struct ctx *c = *state;
    struct model_form *m = &c->m;
    struct cs_error err;
    int64_t transports;

    assert_ok(cs_theme_add(c->f->db, c->f->cons_id, "TRA", "Transports",
                           3, &transports, &err));
    model_form_free(m);
    assert_ok(model_form_open(m, c->f->db, c->f->cons_id, "AG21", &err));
    assert_int_equal(m->nmatch, 3);
    type(m, "m");
    assert_int_equal(m->nmatch, 1);         /* MOB, Mobilité */
    model_form_set_value(m, FORM_THEME, "");
    type(m, "e");                           /* ENV, Environnement */
    assert_int_equal(m->nmatch, 1);
    model_form_set_value(m, FORM_THEME, "");
    m->theme_id = 0;
    type(m, "t");                           /* TRA, Transports */
    assert_int_equal(m->nmatch, 1);
    tab(m);
    assert_int_equal(m->theme_id, transports);
    assert_string_equal(model_form_value(m, FORM_THEME), "TRA");
    assert_int_equal(m->focus, FORM_REF);
    /* Accents and case aside: "MOBILITE" is the title's start. */
    model_form_focus(m, FORM_THEME);
    model_form_set_value(m, FORM_THEME, "");
    type(m, "mobilite");
    assert_int_equal(m->nmatch, 1);
    tab(m);
    assert_int_equal(m->theme_id, c->f->theme_id[0]);
    /* Nothing matches: the focus stays, with a note. */
    model_form_focus(m, FORM_THEME);
    model_form_set_value(m, FORM_THEME, "");
    type(m, "zz");
    assert_int_equal(m->nmatch, 0);
    tab(m);
    assert_int_equal(m->focus, FORM_THEME);
    assert_true(strstr(model_form_note(m), "zz") != NULL);
}

/* A retired theme is not offered, whether typed by its code or its
 * title; offered again, it is back. */
static void
test_theme_retired_not_offered(void **state)
{
    struct ctx *c = *state;
    struct model_form *m = &c->m;
    struct cs_error err;

    assert_ok(cs_theme_retire(c->f->db, c->f->theme_id[0], true, &err));
    model_form_free(m);
    assert_ok(model_form_open(m, c->f->db, c->f->cons_id, "AG21", &err));
    assert_int_equal(m->nmatch, 1);         /* ENV alone */
    type(m, "MOB");
    assert_int_equal(m->nmatch, 0);
    tab(m);
    assert_int_equal(m->focus, FORM_THEME);
    assert_int_equal(m->theme_id, 0);
    model_form_set_value(m, FORM_THEME, "");
    type(m, "mobil");
    assert_int_equal(m->nmatch, 0);
    assert_ok(cs_theme_retire(c->f->db, c->f->theme_id[0], false, &err));
    model_form_free(m);
    assert_ok(model_form_open(m, c->f->db, c->f->cons_id, "AG21", &err));
    assert_int_equal(m->nmatch, 2);
}

static void
test_consent_and_text(void **state)
{
    struct ctx *c = *state;
    struct model_form *m = &c->m;
    struct cs_error err;
    struct cs_idea idea;

    type(m, "ENV");
    tab(m);
    model_form_focus(m, FORM_CONSENT);
    model_form_key(m, TUI_ACT_NONE, ' ', 60, 5);
    assert_true(m->consent);
    model_form_key(m, TUI_ACT_NONE, ' ', 60, 5);
    assert_false(m->consent);
    model_form_key(m, TUI_ACT_NONE, ' ', 60, 5);
    model_form_focus(m, FORM_NAME);
    type(m, "Zoé Lambert");
    model_form_focus(m, FORM_TEXT);
    type(m, "Un compost");
    enter(m);                               /* a new line, not a field */
    assert_int_equal(m->focus, FORM_TEXT);
    type(m, "dans chaque école");
    assert_string_equal(model_form_value(m, FORM_TEXT),
                        "Un compost\ndans chaque école");
    tab(m);
    assert_int_equal(m->focus, FORM_DATE);
    assert_true(model_form_is_dirty(m));
    assert_int_equal(model_form_save(m, false, &err), FORM_SAVED);
    assert_ok(cs_idea_get(c->f->db, m->saved_id, &idea, &err));
    assert_string_equal(idea.body, "Un compost\ndans chaque école");
    assert_int_equal(idea.theme_id, c->f->theme_id[1]);
    assert_true(idea.author_id > 0);
    cs_idea_clear(&idea);
    assert_int_equal(fixture_count(c->f, "SELECT consent FROM participant"
                                         " WHERE name = 'Zoé Lambert'"), 1);
    /* The next blank form keeps the theme and the date only. */
    assert_false(model_form_is_dirty(m));
    assert_int_equal(m->theme_id, c->f->theme_id[1]);
    assert_string_equal(model_form_value(m, FORM_NAME), "");
    assert_false(m->consent);
    assert_int_equal(m->focus, FORM_REF);
    assert_int_equal(m->saved_count, 1);
}

/* A reference taken is said before anything is written; a very similar
 * idea is shown, then saved anyway, or the person's support recorded
 * instead with the text as their remark. */
static void
test_warnings(void **state)
{
    struct ctx *c = *state;
    struct model_form *m = &c->m;
    struct cs_error err;
    char buf[4096];
    int64_t first;
    long long ideas;

    type(m, "MOB");
    tab(m);
    type(m, "F-1");
    model_form_focus(m, FORM_TEXT);
    type(m, "Des pistes cyclables rue de la Gare");
    assert_int_equal(model_form_save(m, false, &err), FORM_SAVED);
    first = m->saved_id;
    ideas = fixture_count(c->f, "SELECT count(*) FROM idea");

    /* The same reference. */
    model_form_set_value(m, FORM_REF, "F-1");
    model_form_set_value(m, FORM_TEXT, "Un banc au parc");
    assert_int_equal(model_form_save(m, false, &err), FORM_WARN_REF);
    assert_int_equal(m->warn_id, first);
    assert_int_equal(m->focus, FORM_REF);
    model_form_warning(m, FORM_WARN_REF, 70, buf, sizeof buf);
    assert_non_null(strstr(buf, "F-1"));
    assert_non_null(strstr(buf, "pistes cyclables"));
    assert_string_equal(model_form_value(m, FORM_TEXT), "Un banc au parc");
    assert_int_equal(fixture_count(c->f, "SELECT count(*) FROM idea"),
                     ideas);

    /* A very similar text. */
    model_form_set_value(m, FORM_REF, "F-2");
    model_form_set_value(m, FORM_TEXT, "pistes cyclables RUE de la gare svp");
    assert_int_equal(model_form_save(m, false, &err), FORM_WARN_SIMILAR);
    assert_int_equal(m->warn_id, first);
    assert_true(m->warn_percent >= CS_SIMILAR_PERCENT);
    model_form_warning(m, FORM_WARN_SIMILAR, 70, buf, sizeof buf);
    assert_non_null(strstr(buf, "pistes cyclables rue de la Gare"));
    /* Anonymous: no support to offer. */
    assert_false(model_form_has_person(m));
    assert_int_equal(model_form_support(m, &err), FORM_FAILED);
    assert_int_equal(m->focus, FORM_NAME);
    /* Saved anyway. */
    assert_int_equal(model_form_save(m, true, &err), FORM_SAVED);
    assert_int_equal(fixture_count(c->f, "SELECT count(*) FROM idea"),
                     ideas + 1);

    /* With a name: support instead, the text as the person's remark. */
    model_form_set_value(m, FORM_REF, "F-3");
    model_form_set_value(m, FORM_NAME, "Léa Dubois");
    model_form_set_value(m, FORM_TEXT, "Des pistes cyclables, rue de la "
                                       "Gare !");
    assert_int_equal(model_form_save(m, false, &err), FORM_WARN_SIMILAR);
    assert_true(model_form_has_person(m));
    assert_int_equal(model_form_support(m, &err), FORM_SAVED);
    assert_int_equal(fixture_count(c->f, "SELECT count(*) FROM idea"),
                     ideas + 1);
    assert_int_equal(fixture_count(c->f, "SELECT count(*) FROM vote v"
                                         " JOIN participant p"
                                         " ON p.id = v.participant_id"
                                         " WHERE p.name = 'Léa Dubois'"),
                     1);
    assert_int_equal(fixture_count(c->f, "SELECT count(*) FROM comment"
                                         " WHERE body LIKE '%rue de la"
                                         " Gare !'"), 1);
    assert_false(model_form_is_dirty(m));
}

/* A refused save keeps every value and puts the focus on the field the
 * core names. */
static void
test_failure_keeps_values(void **state)
{
    struct ctx *c = *state;
    struct model_form *m = &c->m;
    struct cs_error err;

    type(m, "MOB");
    tab(m);
    model_form_set_value(m, FORM_NAME, "Anne");
    model_form_set_value(m, FORM_EMAIL, "anne.example.be");
    model_form_set_value(m, FORM_TEXT, "Une navette le samedi");
    assert_int_equal(model_form_save(m, false, &err), FORM_FAILED);
    assert_int_equal(m->focus, FORM_EMAIL);
    assert_int_equal(m->err_field, FORM_EMAIL);
    assert_true(err.msg[0] != '\0');
    assert_string_equal(model_form_value(m, FORM_NAME), "Anne");
    assert_string_equal(model_form_value(m, FORM_TEXT),
                        "Une navette le samedi");
    /* A bad date. */
    model_form_set_value(m, FORM_EMAIL, "anne@example.be");
    model_form_set_value(m, FORM_DATE, "31/02/2026");
    assert_int_equal(model_form_save(m, false, &err), FORM_FAILED);
    assert_int_equal(m->focus, FORM_DATE);
    /* A phone without a name: the name is at fault. */
    model_form_set_value(m, FORM_DATE, "02/05/2026");
    model_form_set_value(m, FORM_NAME, "");
    model_form_set_value(m, FORM_EMAIL, "");
    model_form_set_value(m, FORM_PHONE, "0470 00 00 00");
    assert_int_equal(model_form_save(m, false, &err), FORM_FAILED);
    assert_int_equal(m->focus, FORM_NAME);
    /* No text. */
    model_form_set_value(m, FORM_PHONE, "");
    model_form_set_value(m, FORM_TEXT, "");
    assert_int_equal(model_form_save(m, false, &err), FORM_FAILED);
    assert_int_equal(m->focus, FORM_TEXT);
    assert_int_equal(fixture_count(c->f, "SELECT count(*) FROM idea"), 0);
}

/* True once another process holds the write lock on `path`. */
static bool
locked(const char *path)
{
    sqlite3 *h = NULL;
    bool yes = false;

    if (sqlite3_open(path, &h) == SQLITE_OK) {
        sqlite3_busy_timeout(h, 0);
        yes = sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL)
              == SQLITE_BUSY;
        if (!yes)
            sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
    }
    sqlite3_close(h);
    return yes;
}

/* A busy database (another process holds it): nothing written, every
 * value kept, the message says so; saved once it is free. */
static void
test_busy_keeps_values(void **state)
{
    struct ctx *c = *state;
    struct model_form *m = &c->m;
    struct cs_open_opts o = { 0, 200, "alice" };
    struct cs_db *db = NULL;
    struct cs_error err;
    char cmd[600];
    FILE *lock;

    assert_ok(cs_db_open(&db, c->f->path, &o, &err));
    model_form_free(m);
    assert_ok(model_form_open(m, db, c->f->cons_id, "AG21", &err));
    type(m, "MOB");
    tab(m);
    model_form_set_value(m, FORM_NAME, "Jérôme");
    model_form_set_value(m, FORM_TEXT, "Un arrêt de bus couvert");
    snprintf(cmd, sizeof cmd, "sqlite3 '%s' >/dev/null 2>&1", c->f->path);
    lock = popen(cmd, "w");
    assert_non_null(lock);
    fputs("BEGIN EXCLUSIVE;\nCREATE TEMP TABLE held(x);\n", lock);
    fflush(lock);
    for (int i = 0; i < 250 && !locked(c->f->path); i++) {
        struct timespec ts = { 0, 20000000 };

        nanosleep(&ts, NULL);
    }
    assert_true(locked(c->f->path));
    assert_int_equal(model_form_save(m, false, &err), FORM_FAILED);
    assert_int_equal(err.code, CS_EBUSY);
    assert_true(err.msg[0] != '\0');
    assert_string_equal(model_form_value(m, FORM_NAME), "Jérôme");
    assert_string_equal(model_form_value(m, FORM_TEXT),
                        "Un arrêt de bus couvert");
    fputs("ROLLBACK;\n.quit\n", lock);
    pclose(lock);
    assert_int_equal(model_form_save(m, false, &err), FORM_SAVED);
    assert_int_equal(fixture_count(c->f, "SELECT count(*) FROM idea"), 1);
    model_form_free(m);
    cs_db_close(db);
    assert_ok(model_form_open(m, c->f->db, c->f->cons_id, "AG21", &err));
}

/* A service and no name: an anonymous form from that service. */
static void
test_anonymous_service(void **state)
{
    struct ctx *c = *state;
    struct model_form *m = &c->m;
    struct cs_error err;

    type(m, "ENV");
    tab(m);
    model_form_set_value(m, FORM_SERVICE, "Écoles");
    model_form_set_value(m, FORM_TEXT, "Des gourdes pour les élèves");
    assert_int_equal(model_form_save(m, false, &err), FORM_SAVED);
    assert_int_equal(fixture_count(c->f, "SELECT count(*) FROM idea i"
                                         " JOIN participant p"
                                         " ON p.id = i.author_id"
                                         " WHERE p.name IS NULL"
                                         " AND p.service = 'Écoles'"), 1);
}

/* A keyed form corrected on its version: both versions in the journal;
 * a change by another desk meanwhile is refused and the values kept. */
static void
test_correct(void **state)
{
    struct ctx *c = *state;
    struct model_form *m = &c->m;
    struct cs_error err;
    struct cs_idea_change other = { .title = "Changé ailleurs" };
    int64_t id;

    type(m, "MOB");
    tab(m);
    model_form_set_value(m, FORM_REF, "F-9");
    model_form_set_value(m, FORM_NAME, "Paul Henry");
    model_form_set_value(m, FORM_PHONE, "071 99 88 77");
    model_form_set_value(m, FORM_TEXT, "Des vélos partagés");
    assert_int_equal(model_form_save(m, false, &err), FORM_SAVED);
    id = m->saved_id;

    assert_ok(model_form_load_ref(m, "F-9", &err));
    assert_int_equal(m->editing_id, id);
    assert_false(model_form_is_dirty(m));   /* nothing changed yet */
    assert_string_equal(model_form_value(m, FORM_NAME), "Paul Henry");
    assert_string_equal(model_form_value(m, FORM_PHONE), "071 99 88 77");
    assert_string_equal(model_form_value(m, FORM_THEME), "MOB");
    model_form_set_value(m, FORM_TEXT, "Des vélos partagés à la gare");
    assert_true(model_form_is_dirty(m));
    model_form_set_value(m, FORM_THEME, "ENV");
    assert_int_equal(model_form_save(m, false, &err), FORM_SAVED);
    assert_int_equal(fixture_count(c->f, "SELECT count(*) FROM idea WHERE"
                                         " body = 'Des vélos partagés à la"
                                         " gare' AND version = 2"), 1);
    assert_int_equal(fixture_count(c->f, "SELECT count(*) FROM audit"
                                         " WHERE tbl = 'idea' AND action"
                                         " = 'update' AND before LIKE"
                                         " '%Des vélos partagés\"%'"), 1);

    /* Changed elsewhere after it was read: refused, values kept. */
    assert_ok(model_form_load(m, id, &err));
    assert_ok(cs_idea_update(c->f->db, id, 0, &other, &err));
    model_form_set_value(m, FORM_TEXT, "Encore corrigé");
    assert_int_equal(model_form_save(m, false, &err), FORM_FAILED);
    assert_int_equal(err.code, CS_ESTALE);
    assert_string_equal(model_form_value(m, FORM_TEXT), "Encore corrigé");
    assert_int_equal(m->editing_id, id);

    assert_int_equal(model_form_load_ref(m, "F-404", &err), CS_ENOTFOUND);
    assert_string_equal(err.field, "form_ref");
}

/* The rows: a label per field, the cursor on the focused field, the
 * theme list under the theme while it has the focus, "!" on the field a
 * refusal named. */
static void
test_rows(void **state)
{
    struct ctx *c = *state;
    struct model_form *m = &c->m;
    struct cs_error err;
    struct tui_row rows[64];
    int cy, cx;
    size_t n;

    n = model_form_rows(m, 80, 19, rows, 64, &cy, &cx);
    assert_int_equal(n, 19);
    assert_int_equal(cy, 0);
    assert_non_null(strstr(rows[1].text, "MOB"));   /* the list */
    assert_non_null(strstr(rows[2].text, "ENV"));
    type(m, "MOB");
    tab(m);
    model_form_set_value(m, FORM_EMAIL, "nope");
    model_form_set_value(m, FORM_NAME, "Anne");
    model_form_set_value(m, FORM_TEXT, "Un texte");
    assert_int_equal(model_form_save(m, false, &err), FORM_FAILED);
    n = model_form_rows(m, 80, 19, rows, 64, &cy, &cx);
    assert_non_null(strstr(rows[cy].text, "!"));
    assert_non_null(strstr(rows[cy].text, "nope"));
    assert_int_equal(cx, 80 - m->view_w + 4);   /* after "nope" */
    n = model_form_rows(m, 200, 46, rows, 64, &cy, &cx);
    assert_int_equal(n, 46);
}

/* Keyed into a paper batch: its layout, its next reference proposed
 * (and taken when the paper has none, overwritten when it has one), its
 * count; a double-entry batch's second entry is no warning but a check. */
static void
test_batch(void **state)
{
    struct ctx *c = *state;
    struct model_form *m = &c->m;
    struct cs_batch_new bn = { .consultation_id = c->f->cons_id,
                               .label = "Enveloppe 3", .expected = 2,
                               .fields = "theme,author_name,service,body" };
    struct cs_error err;
    struct tui_row rows[64];
    int64_t batch, twice, first;
    struct cs_db *bob;
    int cy, cx;
    size_t n;

    assert_ok(cs_batch_add(c->f->db, &bn, &batch, &err));
    assert_ok(model_form_set_batch(m, batch, &err));
    assert_false(m->present[FORM_REF]);
    assert_false(m->present[FORM_EMAIL]);
    assert_true(m->present[FORM_NAME]);
    assert_false(model_form_is_dirty(m));
    type(m, "MOB");
    tab(m);
    assert_int_equal(m->focus, FORM_NAME);
    type(m, "Anne");
    tab(m);
    type(m, "Travaux");
    tab(m);
    type(m, "Un garage à vélos");
    assert_int_equal(model_form_save(m, false, &err), FORM_SAVED);
    assert_int_equal(fixture_count(c->f, "SELECT count(*) FROM idea WHERE"
                                         " paper_batch_id IS NOT NULL AND"
                                         " form_ref LIKE '%-001'"), 1);
    /* The next form: the theme kept, the focus on the name. */
    assert_int_equal(m->focus, FORM_NAME);
    n = model_form_rows(m, 80, 19, rows, 64, &cy, &cx);
    assert_non_null(strstr(rows[n - 1].text, "1 / 2"));
    assert_non_null(strstr(rows[n - 1].text, "-002"));

    /* A double-entry batch with references on the paper. */
    bn.label = "Boîte 4";
    bn.fields = "theme,form_ref,author_name,body";
    bn.double_entry = true;
    assert_ok(cs_batch_add(c->f->db, &bn, &twice, &err));
    assert_ok(model_form_set_batch(m, twice, &err));
    assert_true(m->present[FORM_REF]);
    assert_true(m->proposed_ref[0] != '\0');
    assert_string_equal(model_form_value(m, FORM_REF), m->proposed_ref);
    model_form_set_value(m, FORM_REF, "D-17");       /* the paper's */
    model_form_set_value(m, FORM_NAME, "Paul");
    model_form_set_value(m, FORM_TEXT, "Des bornes de recharge");
    assert_int_equal(model_form_save(m, false, &err), FORM_SAVED);
    assert_int_equal(m->outcome, CS_KEY_FIRST);
    first = m->saved_id;
    /* Another agent keys the same paper: no "reference taken", no
     * "very similar": the second entry checks the first. */
    assert_ok(cs_user_add(c->f->db, "bob", CS_ROLE_AGENT, &err));
    bob = fixture_open_as(c->f, "bob");
    model_form_free(m);
    assert_ok(model_form_open(m, bob, c->f->cons_id, "AG21", &err));
    assert_ok(model_form_set_batch(m, twice, &err));
    model_form_set_value(m, FORM_THEME, "MOB");
    model_form_set_value(m, FORM_REF, "D-17");
    model_form_set_value(m, FORM_NAME, "Paul");
    model_form_set_value(m, FORM_TEXT, "Des bornes de recharge");
    assert_int_equal(model_form_save(m, false, &err), FORM_SAVED);
    assert_int_equal(m->outcome, CS_KEY_VERIFIED);
    assert_int_equal(m->saved_id, first);
    model_form_free(m);
    cs_db_close(bob);
    assert_ok(model_form_open(m, c->f->db, c->f->cons_id, "AG21", &err));
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_tab_order_layout),
        T(test_theme_narrowing),
        T(test_theme_retired_not_offered),
        T(test_consent_and_text),
        T(test_warnings),
        T(test_failure_keeps_values),
        T(test_busy_keeps_values),
        T(test_anonymous_service),
        T(test_correct),
        T(test_rows),
        T(test_batch),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
