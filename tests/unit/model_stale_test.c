/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_stale_test.c: decisions made from a screen on the version it
 * showed, and what the screen does when another desk was quicker
 * (model_stale.c with model_idea.c and model_triage.c), on a real
 * database with two handles: alice's page, bob's desk.
 *
 * A decision on an old version is refused and changes nothing; the
 * refusal says who changed the idea, when and to what, shows the decision
 * and keeps the text typed; "apply anyway" saves it on the version shown
 * in the refusal, unless the idea changed once more (refused again, with
 * that change); a page read again says what changed; triage mode decides
 * on the version its page showed; the page lists the answers given; the
 * change mark grows with writes only.
 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_idea.h"
#include "model_stale.h"
#include "model_triage.h"

struct ctx {
    struct fixture *f;
    struct cs_db *bob;
    int64_t id, other;
    struct model_idea m;
    struct model_stale s;
};

static int
setup(void **state)
{
    struct ctx *c = calloc(1, sizeof *c);
    struct cs_error err;

    if (fixture_setup_cons(state) != 0)
        return -1;
    c->f = *state;
    assert_ok(cs_user_add(c->f->db, "bob", CS_ROLE_ADMIN, &err));
    c->bob = fixture_open_as(c->f, "bob");
    c->id = fixture_idea(c->f->db, c->f, "Des fontaines à eau dans les "
                         "bureaux");
    c->other = fixture_idea(c->f->db, c->f, "De l'eau potable au dépôt");
    assert_ok(model_idea_open(&c->m, c->f->db, c->id, 80, 20, &err));
    *state = c;
    return 0;
}

static int
teardown(void **state)
{
    struct ctx *c = *state;

    model_idea_free(&c->m);
    model_stale_free(&c->s);
    cs_db_close(c->bob);
    *state = c->f;
    free(c);
    return fixture_teardown(state);
}

/* The refusal's rows, joined with newlines. */
static void
stale_text(const struct model_stale *s, char *buf, size_t size)
{
    struct tui_row rows[32];
    size_t n = model_stale_rows(s, 80, rows, 32), o = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < n && o + 1 < size; i++)
        o += (size_t)snprintf(buf + o, size - o, "%s\n", rows[i].text);
}

static bool
page_has(const struct model_idea *m, const char *text)
{
    for (size_t i = 0; i < m->count; i++)
        if (strstr(m->lines[i].text, text) != NULL)
            return true;
    return false;
}

static enum cs_status
status_of(struct cs_db *db, int64_t id, int64_t *version)
{
    struct cs_idea i;
    struct cs_error err;
    enum cs_status s;

    assert_ok(cs_idea_get(db, id, &i, &err));
    s = i.status;
    if (version)
        *version = i.version;
    cs_idea_clear(&i);
    return s;
}

static void
test_refused_then_applied(void **state)
{
    struct ctx *c = *state;
    struct cs_error err;
    char text[4096], title[256];
    int64_t v = 0;

    assert_int_equal(c->m.idea.version, 1);
    assert_true(page_has(&c->m, "(version 1)"));
    /* Bob rejects while alice types her answer. */
    assert_ok(cs_idea_set_status(c->bob, c->id, 1, CS_STATUS_REJECTED,
                                 "Pas de budget.", &err));
    assert_int_equal(model_idea_set_status(&c->m, CS_STATUS_ACCEPTED,
                                           "Dix fontaines au printemps.",
                                           &err), CS_ESTALE);
    assert_int_equal(status_of(c->f->db, c->id, &v), CS_STATUS_REJECTED);
    assert_int_equal(v, 2);

    assert_ok(model_stale_refused(&c->s, c->f->db, c->id, c->m.idea.version,
                                  STALE_STATUS, CS_STATUS_ACCEPTED,
                                  "Dix fontaines au printemps.", 0, &err));
    assert_true(c->s.open);
    model_stale_title(&c->s, title, sizeof title);
    assert_non_null(strstr(title, "changed while you were deciding"));
    stale_text(&c->s, text, sizeof text);
    assert_non_null(strstr(text, "was changed by bob on "));
    assert_non_null(strstr(text, "UTC: status changed."));
    assert_non_null(strstr(text, "It is now rejected, at version 2; you "
                                 "decided on version 1."));
    assert_non_null(strstr(text, "Your decision, not saved: accepted"));
    assert_non_null(strstr(text, "Dix fontaines au printemps."));
    assert_non_null(strstr(text, " a    Apply anyway"));
    assert_non_null(strstr(text, " l    Look again"));
    /* The text typed is kept for this idea only. */
    assert_string_equal(model_stale_kept(&c->s, c->id),
                        "Dix fontaines au printemps.");
    assert_null(model_stale_kept(&c->s, c->other));
    model_stale_close(&c->s);
    assert_int_equal(model_stale_rows(&c->s, 80, NULL, 0), 0);
    assert_non_null(model_stale_kept(&c->s, c->id));

    /* Apply anyway: on version 2, the one the refusal showed. */
    assert_ok(model_idea_redo(&c->m, &c->s, &err));
    assert_int_equal(status_of(c->f->db, c->id, &v), CS_STATUS_ACCEPTED);
    assert_int_equal(v, 3);
    assert_int_equal(c->m.idea.version, 3);
    assert_null(model_stale_kept(&c->s, c->id));
    /* Both answers are on the page. */
    assert_true(page_has(&c->m, "Answers given (2)"));
    assert_true(page_has(&c->m, "bob  rejected: Pas de budget."));
    assert_true(page_has(&c->m, "alice  accepted: Dix fontaines au "
                                "printemps."));
}

/* Changed once more before "apply anyway": refused again, with that
 * change. Each kind of decision goes through the same check. */
static void
test_changed_again(void **state)
{
    struct ctx *c = *state;
    struct cs_error err;
    char text[4096];

    assert_ok(cs_idea_tag(c->bob, c->id, 0, "eau", false, &err));
    if (model_idea_similar(&c->m, 1) != 0)
        assert_int_equal(model_idea_merge(&c->m,
                                          model_idea_similar(&c->m, 1),
                                          &err), CS_ESTALE);
    assert_int_equal(model_idea_tag(&c->m, "bureaux", false, &err),
                     CS_ESTALE);
    assert_int_equal(model_idea_unmerge(&c->m, &err), CS_ESTALE);
    assert_ok(model_stale_refused(&c->s, c->f->db, c->id, 1, STALE_TAG,
                                  CS_STATUS_NEW, "bureaux", 0, &err));
    stale_text(&c->s, text, sizeof text);
    assert_non_null(strstr(text, "UTC: tagged."));
    assert_non_null(strstr(text, "tag it \"bureaux\""));

    assert_ok(cs_idea_set_status(c->bob, c->id, 0, CS_STATUS_REVIEWING,
                                 NULL, &err));
    assert_int_equal(model_idea_redo(&c->m, &c->s, &err), CS_ESTALE);
    assert_true(c->s.open);
    assert_int_equal(c->s.d.version, 3);
    assert_int_equal(c->s.shown, 2);
    assert_string_equal(c->s.d.action, "status");
    assert_int_equal(c->m.idea.version, 3);
    /* The page was read again: this time it goes in. */
    assert_ok(model_idea_redo(&c->m, &c->s, &err));
    assert_int_equal(c->m.idea.version, 4);
    assert_true(page_has(&c->m, "bureaux"));
}

static void
test_refresh_says_what_changed(void **state)
{
    struct ctx *c = *state;
    struct cs_error err;
    char note[256];
    int64_t mark = 0, again = 0;

    assert_ok(cs_db_change_mark(c->f->db, &mark, &err));
    assert_ok(model_idea_refresh(&c->m, note, sizeof note, &err));
    assert_string_equal(note, "");
    assert_ok(cs_db_change_mark(c->f->db, &again, &err));
    assert_int_equal(again, mark);

    /* A vote is written (the mark grows) but is no decision. */
    {
        struct cs_person p = { .name = "Paul", .service = "RH" };

        assert_ok(cs_vote_add(c->bob, c->id, &p, CS_CHANNEL_PAPER, NULL,
                              NULL, &err));
    }
    assert_ok(cs_db_change_mark(c->f->db, &again, &err));
    assert_true(again > mark);
    assert_ok(model_idea_refresh(&c->m, note, sizeof note, &err));
    assert_string_equal(note, "");

    assert_ok(cs_idea_set_status(c->bob, c->id, 0, CS_STATUS_HIDDEN,
                                 "Hors sujet", &err));
    assert_ok(model_idea_refresh(&c->m, note, sizeof note, &err));
    assert_non_null(strstr(note, "changed meanwhile: status changed by "
                                 "bob at "));
    assert_non_null(strstr(note, "now hidden (version 2)."));
    assert_int_equal(c->m.idea.version, 2);
}

static void
test_triage_decides_on_the_page_shown(void **state)
{
    struct ctx *c = *state;
    struct model_triage t;
    struct cs_error err;

    assert_ok(model_triage_start(&t, c->f->db, c->f->cons_id, &err));
    assert_int_equal(t.current, c->id);
    assert_ok(cs_idea_tag(c->bob, c->id, 0, "eau", false, &err));
    assert_int_equal(model_triage_decide(&t, 1, CS_STATUS_REVIEWING, NULL,
                                         &err), CS_ESTALE);
    assert_int_equal(t.current, c->id);
    assert_int_equal(t.decided, 0);
    assert_ok(model_triage_decide(&t, 2, CS_STATUS_REVIEWING, NULL, &err));
    assert_int_equal(t.current, c->other);
    assert_int_equal(t.decided, 1);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_refused_then_applied),
        T(test_changed_again),
        T(test_refresh_says_what_changed),
        T(test_triage_decides_on_the_page_shown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
