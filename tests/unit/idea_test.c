/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * idea_test.c: adding, reading and editing ideas; titles made from the
 * body; lists with filters and keyset pages in every order; counts per
 * theme and status; tags; merges and their effect on support; and the
 * role refusals of these calls. Every test runs on a fresh database file.
 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "dbpriv.h"
#include "idea_priv.h"

/* ---------------------------------------------------------------- helpers */

/* Row counts of every table a call here may write. */
struct counts {
    long long n[9];
};

static void
counts_take(struct fixture *f, struct counts *c)
{
    static const char *const sql[] = {
        "SELECT count(*) FROM idea", "SELECT count(*) FROM vote",
        "SELECT count(*) FROM tally", "SELECT count(*) FROM comment",
        "SELECT count(*) FROM tag", "SELECT count(*) FROM idea_tag",
        "SELECT count(*) FROM participant", "SELECT count(*) FROM audit",
        /* and a digest of the ideas' mutable columns */
        "SELECT total(length(title) + length(body) + theme_id"
        " + length(status) + coalesce(length(answer), 0)"
        " + coalesce(merged_into, 0) + support + votes + tallies"
        " + coalesce(length(form_ref), 0)) FROM idea",
    };

    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++)
        c->n[i] = fixture_count(f, sql[i]);
}

static void
assert_nothing_written(struct fixture *f, const struct counts *before)
{
    struct counts now;

    counts_take(f, &now);
    for (size_t i = 0; i < sizeof now.n / sizeof now.n[0]; i++)
        if (now.n[i] != before->n[i])
            fail_msg("count %zu changed: %lld -> %lld", i, before->n[i],
                     now.n[i]);
}

static struct cs_db *
open_with_role(struct fixture *f, const char *login, enum cs_role role)
{
    struct cs_error err;

    assert_ok(cs_user_add(f->db, login, role, &err));
    return fixture_open_as(f, login);
}

static int64_t
add_idea(struct cs_db *db, struct fixture *f, int theme, const char *body,
         const char *date, const char *form_ref)
{
    struct cs_idea_new in = {
        .consultation_id = f->cons_id, .theme_id = f->theme_id[theme],
        .kind = CS_KIND_IDEA, .body = body, .channel = CS_CHANNEL_PAPER,
        .submitted_at = date, .form_ref = form_ref,
    };
    struct cs_error err;
    int64_t id = 0;

    assert_ok(cs_idea_add(db, &in, &id, &err));
    return id;
}

static struct cs_idea
get_idea(struct fixture *f, int64_t id)
{
    struct cs_idea idea;
    struct cs_error err;

    assert_ok(cs_idea_get(f->db, id, &idea, &err));
    return idea;
}

static int64_t
support_of(struct fixture *f, int64_t id)
{
    struct cs_idea i = get_idea(f, id);
    int64_t s = i.support;

    cs_idea_clear(&i);
    return s;
}

static void
vote(struct fixture *f, int64_t idea, const char *ref)
{
    struct cs_person p = { .ref = ref, .channel = CS_CHANNEL_PAPER };
    struct cs_error err;

    assert_ok(cs_vote_add(f->db, idea, &p, CS_CHANNEL_PAPER, NULL, NULL,
                          &err));
}

static int64_t
other_consultation(struct fixture *f, int64_t *theme)
{
    struct cs_consultation_new c = {
        .code = "CX", .title = "Autre consultation", .kind = CS_CONS_IDEAS,
        .audience = CS_AUDIENCE_CITIZENS, .state = CS_STATE_OPEN,
    };
    struct cs_error err;
    int64_t id = 0;

    assert_ok(cs_consultation_add(f->db, &c, &id, &err));
    assert_ok(cs_theme_add(f->db, id, "GEN", "Général", 0, theme, &err));
    return id;
}

static size_t
utf8_chars(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        if (((unsigned char)*s & 0xc0) != 0x80)
            n++;
    return n;
}

/* ---------------------------------------------------------------- add, get */

static void
test_add_get(void **state)
{
    struct fixture *f = *state;
    struct cs_person author = {
        .ref = "M1234", .name = "Élodie Dupont", .service = "Travaux",
        .channel = CS_CHANNEL_PAPER,
    };
    struct cs_idea_new in = {
        .consultation_id = f->cons_id, .theme_id = f->theme_id[1],
        .kind = CS_KIND_FINDING, .title = "  Vélos œcuméniques à 5 € ",
        .body = "Des vélos partagés é œ €\npour les agents.",
        .channel = CS_CHANNEL_WORKSHOP, .form_ref = "F-0001",
        .submitted_at = "03/04/2021 10:30", .author = &author,
    };
    struct cs_error err;
    struct cs_idea idea;
    int64_t id = 0;
    long long before = fixture_audit_rows(f);

    assert_ok(cs_idea_add(f->db, &in, &id, &err));
    assert_true(id > 0);
    /* a new author is a participant row, with its own journal row */
    assert_int_equal(fixture_audit_rows(f), before + 2);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
        " action = 'add' AND tbl = 'idea' AND id = (SELECT max(id) FROM"
        " audit)"), 1);

    assert_ok(cs_idea_get(f->db, id, &idea, &err));
    assert_int_equal(idea.id, id);
    assert_int_equal(idea.consultation_id, f->cons_id);
    assert_string_equal(idea.consultation_code, "AG21");
    assert_int_equal(idea.theme_id, f->theme_id[1]);
    assert_string_equal(idea.theme_code, "ENV");
    assert_int_equal(idea.kind, CS_KIND_FINDING);
    assert_string_equal(idea.title, "Vélos œcuméniques à 5 €");
    assert_string_equal(idea.body,
                        "Des vélos partagés é œ €\npour les agents.");
    assert_true(idea.author_id > 0);
    assert_int_equal(idea.channel, CS_CHANNEL_WORKSHOP);
    assert_string_equal(idea.form_ref, "F-0001");
    assert_int_equal(idea.batch_id, 0);
    assert_string_equal(idea.submitted_at, "2021-04-03T10:30:00Z");
    assert_non_null(idea.entered_at);
    assert_string_equal(idea.entered_by, "alice");
    assert_int_equal(idea.status, CS_STATUS_NEW);
    assert_non_null(idea.status_changed_at);
    assert_null(idea.answer);
    assert_int_equal(idea.merged_into, 0);
    assert_null(idea.hidden_reason);
    assert_int_equal(idea.votes, 0);
    assert_int_equal(idea.tallies, 0);
    assert_int_equal(idea.support, 0);
    cs_idea_clear(&idea);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea WHERE"
        " status_changed_by = 'alice' AND status_before IS NULL"), 1);

    /* The same author again is the same participant; anonymous is none. */
    in.form_ref = "F-0002";
    author.name = "ELODIE DUPONT";
    assert_ok(cs_idea_add(f->db, &in, NULL, &err));
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"),
                     1);
    before = fixture_audit_rows(f);
    id = fixture_idea(f->db, f, "Sans auteur");
    fixture_assert_audit(f, before, "add", "idea", id);
    idea = get_idea(f, id);
    assert_int_equal(idea.author_id, 0);
    assert_null(idea.form_ref);
    /* now, to the second, in the form cs_date_parse writes */
    assert_int_equal(strlen(idea.submitted_at), 20);
    assert_int_equal(idea.submitted_at[19], 'Z');
    cs_idea_clear(&idea);

    assert_int_equal(cs_idea_get(f->db, 9999, &idea, &err), CS_ENOTFOUND);
}

static void
test_title_from_body(void **state)
{
    struct fixture *f = *state;
    char body[2048] = "", flat[2048];
    struct cs_idea idea;
    size_t n;
    int64_t id;

    /* Short: the body itself, blanks collapsed. */
    id = fixture_idea(f->db, f, "  Plus de\n\nbancs   é œ €  ");
    idea = get_idea(f, id);
    assert_string_equal(idea.title, "Plus de bancs é œ €");
    assert_string_equal(idea.body, "Plus de\n\nbancs   é œ €");
    cs_idea_clear(&idea);

    /* Long: cut after a whole word, at most 80 characters with "…". */
    for (int i = 0; i < 40; i++)
        strcat(body, i % 3 ? "œuvré " : "été\n€uros ");
    id = fixture_idea(f->db, f, body);
    idea = get_idea(f, id);
    n = strlen(idea.title);
    assert_true(util_text_ok(idea.title));
    assert_true(utf8_chars(idea.title) <= 80);
    assert_true(utf8_chars(idea.title) >= 70);
    assert_true(n > 3);
    assert_memory_equal(idea.title + n - 3, "\xe2\x80\xa6", 3);
    /* a prefix of the flattened body, ending at a word's end */
    strcpy(flat, body);
    for (char *p = flat; *p; p++)
        if (*p == '\n')
            *p = ' ';
    assert_memory_equal(idea.title, flat, n - 3);
    assert_true(flat[n - 3] == ' ');
    assert_true(flat[n - 4] != ' ');
    cs_idea_clear(&idea);

    /* One long word: cut at a character boundary. */
    body[0] = '\0';
    for (int i = 0; i < 100; i++)
        strcat(body, "é");
    id = fixture_idea(f->db, f, body);
    idea = get_idea(f, id);
    assert_true(util_text_ok(idea.title));
    assert_int_equal(utf8_chars(idea.title), 80);
    assert_int_equal(strlen(idea.title), 79 * 2 + 3);
    cs_idea_clear(&idea);

    /* Exactly 80 characters: kept whole. */
    memset(body, 'a', 80);
    body[80] = '\0';
    id = fixture_idea(f->db, f, body);
    idea = get_idea(f, id);
    assert_string_equal(idea.title, body);
    cs_idea_clear(&idea);
}

static void
test_add_refusals(void **state)
{
    struct fixture *f = *state;
    struct cs_idea_new in = {
        .consultation_id = f->cons_id, .theme_id = f->theme_id[0],
        .kind = CS_KIND_IDEA, .body = "Une idée", .form_ref = "F-7",
        .channel = CS_CHANNEL_PAPER,
    };
    struct cs_error err;
    struct counts c;
    int64_t first = 0, other_theme = 0, id = 0, cx;

    assert_ok(cs_idea_add(f->db, &in, &first, &err));
    cx = other_consultation(f, &other_theme);
    counts_take(f, &c);

    in.form_ref = " F-7 ";
    assert_int_equal(cs_idea_add(f->db, &in, &id, &err), CS_ECONFLICT);
    assert_string_equal(err.field, "form_ref");
    assert_non_null(strstr(err.msg, "F-7"));
    {
        char want[32];

        snprintf(want, sizeof want, "%lld", (long long)first);
        assert_non_null(strstr(err.msg, want));
    }
    assert_int_equal(id, 0);
    assert_nothing_written(f, &c);

    in.form_ref = NULL;
    in.body = "   \n ";
    assert_int_equal(cs_idea_add(f->db, &in, NULL, &err), CS_EINVAL);
    assert_string_equal(err.field, "body");
    in.body = NULL;
    assert_int_equal(cs_idea_add(f->db, &in, NULL, &err), CS_EINVAL);
    assert_string_equal(err.field, "body");
    in.body = "bad \xc3\x28 utf-8";
    assert_int_equal(cs_idea_add(f->db, &in, NULL, &err), CS_EINVAL);
    assert_string_equal(err.field, "body");
    in.body = "bell \a";
    assert_int_equal(cs_idea_add(f->db, &in, NULL, &err), CS_EINVAL);
    assert_string_equal(err.field, "body");
    in.body = "Une autre idée";
    in.submitted_at = "31/02/2021";
    assert_int_equal(cs_idea_add(f->db, &in, NULL, &err), CS_EINVAL);
    assert_string_equal(err.field, "submitted_at");
    in.submitted_at = NULL;
    in.theme_id = 9999;
    assert_int_equal(cs_idea_add(f->db, &in, NULL, &err), CS_ENOTFOUND);
    assert_string_equal(err.field, "theme");
    in.theme_id = other_theme;
    assert_int_equal(cs_idea_add(f->db, &in, NULL, &err), CS_EINVAL);
    assert_string_equal(err.field, "theme");
    in.theme_id = 0;
    assert_int_equal(cs_idea_add(f->db, &in, NULL, &err), CS_EINVAL);
    assert_string_equal(err.field, "theme");
    in.theme_id = f->theme_id[0];
    in.consultation_id = 9999;
    assert_int_equal(cs_idea_add(f->db, &in, NULL, &err), CS_ENOTFOUND);
    in.consultation_id = f->cons_id;
    in.channel = (enum cs_channel)42;
    assert_int_equal(cs_idea_add(f->db, &in, NULL, &err), CS_EINVAL);
    assert_string_equal(err.field, "channel");
    assert_nothing_written(f, &c);

    /* The same form reference in another consultation is another form. */
    in.channel = CS_CHANNEL_PAPER;
    in.consultation_id = cx;
    in.theme_id = other_theme;
    in.form_ref = "F-7";
    assert_ok(cs_idea_add(f->db, &in, NULL, &err));
}

/* ---------------------------------------------------------------- update */

static void
test_update(void **state)
{
    struct fixture *f = *state;
    enum cs_idea_kind finding = CS_KIND_FINDING;
    enum cs_channel web = CS_CHANNEL_WEB;
    struct cs_idea_change ch = { 0 };
    struct cs_error err;
    struct cs_idea idea;
    struct counts c;
    int64_t a, b, other_theme = 0;
    long long before;

    a = add_idea(f->db, f, 0, "Première idée", "2021-03-01", "F-1");
    b = add_idea(f->db, f, 0, "Seconde idée", "2021-03-02", "F-2");
    other_consultation(f, &other_theme);

    before = fixture_audit_rows(f);
    ch.theme_id = f->theme_id[1];
    ch.title = "Titre corrigé é œ €";
    ch.body = "Texte corrigé";
    ch.form_ref = "F-1b";
    ch.kind = &finding;
    ch.channel = &web;
    assert_ok(cs_idea_update(f->db, a, 0, &ch, &err));
    fixture_assert_audit(f, before, "update", "idea", a);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
        " id = (SELECT max(id) FROM audit)"
        " AND json_extract(before, '$.title') = 'Première idée'"
        " AND json_extract(after, '$.title') = 'Titre corrigé é œ €'"
        " AND json_extract(before, '$.form_ref') = 'F-1'"
        " AND json_extract(after, '$.form_ref') = 'F-1b'"), 1);
    idea = get_idea(f, a);
    assert_int_equal(idea.theme_id, f->theme_id[1]);
    assert_string_equal(idea.theme_code, "ENV");
    assert_string_equal(idea.title, "Titre corrigé é œ €");
    assert_string_equal(idea.body, "Texte corrigé");
    assert_string_equal(idea.form_ref, "F-1b");
    assert_int_equal(idea.kind, CS_KIND_FINDING);
    assert_int_equal(idea.channel, CS_CHANNEL_WEB);
    assert_string_equal(idea.submitted_at, "2021-03-01");
    cs_idea_clear(&idea);

    /* NULL fields stay; "" title is made again from the body; "" form
     * reference is taken off. */
    memset(&ch, 0, sizeof ch);
    ch.title = "";
    ch.form_ref = "";
    assert_ok(cs_idea_update(f->db, a, 0, &ch, &err));
    idea = get_idea(f, a);
    assert_string_equal(idea.title, "Texte corrigé");
    assert_null(idea.form_ref);
    assert_int_equal(idea.kind, CS_KIND_FINDING);
    cs_idea_clear(&idea);

    /* Refusals write nothing. */
    counts_take(f, &c);
    memset(&ch, 0, sizeof ch);
    ch.form_ref = "F-2";
    assert_int_equal(cs_idea_update(f->db, a, 0, &ch, &err), CS_ECONFLICT);
    assert_string_equal(err.field, "form_ref");
    assert_non_null(strstr(err.msg, "F-2"));
    ch.form_ref = NULL;
    ch.theme_id = other_theme;
    assert_int_equal(cs_idea_update(f->db, a, 0, &ch, &err), CS_EINVAL);
    assert_string_equal(err.field, "theme");
    ch.theme_id = 12345;
    assert_int_equal(cs_idea_update(f->db, a, 0, &ch, &err), CS_ENOTFOUND);
    ch.theme_id = 0;
    ch.body = " ";
    assert_int_equal(cs_idea_update(f->db, a, 0, &ch, &err), CS_EINVAL);
    assert_string_equal(err.field, "body");
    ch.body = "ok";
    assert_int_equal(cs_idea_update(f->db, 9999, 0, &ch, &err), CS_ENOTFOUND);
    assert_nothing_written(f, &c);

    /* Its own reference is not a conflict. */
    memset(&ch, 0, sizeof ch);
    ch.form_ref = "F-2";
    assert_ok(cs_idea_update(f->db, b, 0, &ch, &err));
}

/* ---------------------------------------------------------------- roles */

static void
test_roles(void **state)
{
    struct fixture *f = *state;
    struct cs_db *viewer = open_with_role(f, "vic", CS_ROLE_VIEWER);
    struct cs_db *bob = open_with_role(f, "bob", CS_ROLE_AGENT);
    struct cs_db *carol = open_with_role(f, "carol", CS_ROLE_AGENT);
    struct cs_idea_new in = {
        .consultation_id = f->cons_id, .theme_id = f->theme_id[0],
        .kind = CS_KIND_IDEA, .body = "Par le lecteur",
    };
    struct cs_idea_change ch = { .title = "Changé" };
    struct cs_idea_list *list = NULL;
    struct cs_idea_counts *counts = NULL;
    struct cs_error err;
    struct cs_idea idea;
    struct counts c;
    char *tags = NULL;
    int64_t mine, hers, other, id = 0;
    long long before;

    hers = fixture_idea(f->db, f, "Idée d'Alice");
    other = fixture_idea(f->db, f, "Autre idée d'Alice");
    before = fixture_audit_rows(f);
    mine = fixture_idea(bob, f, "Idée de Bob");
    fixture_assert_audit(f, before, "add", "idea", mine);

    counts_take(f, &c);
    /* viewer: reads, never writes */
    assert_int_equal(cs_idea_add(viewer, &in, &id, &err), CS_EPERM);
    assert_int_equal(id, 0);
    assert_int_equal(cs_idea_update(viewer, mine, 0, &ch, &err), CS_EPERM);
    assert_int_equal(cs_idea_set_status(viewer, mine, 0, CS_STATUS_REVIEWING,
                                        NULL, &err), CS_EPERM);
    assert_int_equal(cs_idea_tag(viewer, mine, 0, "x", false, &err), CS_EPERM);
    assert_int_equal(cs_idea_merge(viewer, mine, 0, hers, &err), CS_EPERM);
    /* agent: no status, merge, tag; edits only what it entered */
    assert_int_equal(cs_idea_set_status(bob, mine, 0, CS_STATUS_REVIEWING,
                                        NULL, &err), CS_EPERM);
    assert_int_equal(cs_idea_set_status(bob, mine, 0, CS_STATUS_ACCEPTED,
                                        "Oui", &err), CS_EPERM);
    assert_int_equal(cs_idea_merge(bob, mine, 0, hers, &err), CS_EPERM);
    assert_int_equal(cs_idea_tag(bob, mine, 0, "vélo", false, &err), CS_EPERM);
    assert_int_equal(cs_idea_update(bob, hers, 0, &ch, &err), CS_EPERM);
    assert_int_equal(cs_idea_update(carol, mine, 0, &ch, &err), CS_EPERM);
    assert_nothing_written(f, &c);

    /* unmerge and untag too */
    assert_ok(cs_idea_merge(f->db, other, 0, hers, &err));
    assert_ok(cs_idea_tag(f->db, hers, 0, "vélo", false, &err));
    counts_take(f, &c);
    assert_int_equal(cs_idea_unmerge(bob, other, 0, &err), CS_EPERM);
    assert_int_equal(cs_idea_tag(bob, hers, 0, "vélo", true, &err), CS_EPERM);
    assert_int_equal(cs_idea_unmerge(viewer, other, 0, &err), CS_EPERM);
    assert_nothing_written(f, &c);

    /* what they may do */
    before = fixture_audit_rows(f);
    assert_ok(cs_idea_update(bob, mine, 0, &ch, &err));
    fixture_assert_audit(f, before, "update", "idea", mine);
    assert_ok(cs_idea_get(viewer, mine, &idea, &err));
    assert_string_equal(idea.title, "Changé");
    assert_string_equal(idea.entered_by, "bob");
    cs_idea_clear(&idea);
    assert_ok(cs_idea_list(viewer, NULL, NULL, 10, &list, &err));
    assert_int_equal(list->count, 3);
    cs_idea_list_free(list);
    assert_ok(cs_idea_count(viewer, f->cons_id, &counts, &err));
    assert_int_equal(counts->all.total, 3);
    cs_idea_counts_free(counts);
    assert_ok(cs_idea_tags(viewer, hers, ", ", &tags, &err));
    assert_string_equal(tags, "vélo");
    free(tags);

    cs_db_close(viewer);
    cs_db_close(bob);
    cs_db_close(carol);
}

/* ---------------------------------------------------------------- lists */

struct row {
    int64_t id;
    int64_t cons;
    char date[32];
    int64_t support;
};

static enum cs_idea_order sort_order;
static bool sort_desc;

static int
row_cmp(const void *a, const void *b)
{
    const struct row *x = a, *y = b;
    int c = 0;

    if (sort_order == CS_ORDER_DATE)
        c = strcmp(x->date, y->date);
    else if (sort_order == CS_ORDER_SUPPORT)
        c = (x->support > y->support) - (x->support < y->support);
    if (c == 0)
        c = (x->id > y->id) - (x->id < y->id);
    return sort_desc ? -c : c;
}

/* Walk every page of `flt` with `page` rows each and compare the ids, in
 * order, with `want` (`n` of them). */
static void
check_pages(struct fixture *f, const struct cs_idea_filter *flt, size_t page,
            const int64_t *want, size_t n)
{
    struct cs_idea_cursor cur = { 0 };
    struct cs_error err;
    size_t got = 0;

    for (int guard = 0; guard < 10000; guard++) {
        struct cs_idea_list *list = NULL;

        assert_ok(cs_idea_list(f->db, flt, &cur, page, &list, &err));
        assert_true(list->count <= page);
        for (size_t i = 0; i < list->count; i++) {
            if (got >= n || list->items[i].id != want[got])
                fail_msg("order %d desc %d: row %zu is %lld, want %lld",
                         flt->order, flt->descending, got,
                         (long long)list->items[i].id,
                         got < n ? (long long)want[got] : -1LL);
            got++;
        }
        if (list->next.valid)
            assert_int_equal(list->count, page);
        cur = list->next;
        cs_idea_list_free(list);
        if (!cur.valid)
            break;
    }
    assert_int_equal(got, n);
}

static void
test_list_paging(void **state)
{
    struct fixture *f = *state;
    static const char *const dates[] = {
        "2021-03-05", "2021-03-01T08:00:00Z", "2021-03-05T10:00:00Z",
        "2021-02-28", "2021-03-01T08:00:00Z", "2021-03-10",
        "2021-03-05T09:59:59Z",
    };
    enum { N = 250, NX = 20 };
    struct row rows[N + NX];
    int64_t want[N + NX], cx, cx_theme = 0;
    struct cs_idea_filter flt;
    struct cs_error err;
    size_t nrows = 0, nw;
    char body[64];

    cx = other_consultation(f, &cx_theme);
    for (int i = 0; i < N + NX; i++) {
        bool in_cx = i >= N;
        struct cs_idea_new in = {
            .consultation_id = in_cx ? cx : f->cons_id,
            .theme_id = in_cx ? cx_theme : f->theme_id[i % 2],
            .kind = CS_KIND_IDEA, .body = body, .channel = CS_CHANNEL_PAPER,
            .submitted_at = dates[i % 7],
        };
        struct row *r = &rows[nrows++];

        snprintf(body, sizeof body, "Idée numéro %d", i);
        assert_ok(cs_idea_add(f->db, &in, &r->id, &err));
        r->cons = in.consultation_id;
        snprintf(r->date, sizeof r->date, "%s", dates[i % 7]);
        r->support = (i * 7) % 5;       /* many ties */
        if (r->support > 0)
            assert_ok(cs_tally_add(f->db, r->id, r->support, "Urne", NULL,
                                   NULL, &err));
    }

    for (int o = CS_ORDER_DATE; o <= CS_ORDER_SUPPORT; o++) {
        for (int d = 0; d < 2; d++) {
            sort_order = (enum cs_idea_order)o;
            sort_desc = d != 0;
            qsort(rows, nrows, sizeof rows[0], row_cmp);

            /* one consultation */
            cs_idea_filter_init(&flt);
            flt.consultation_id = f->cons_id;
            flt.order = sort_order;
            flt.descending = sort_desc;
            nw = 0;
            for (size_t i = 0; i < nrows; i++)
                if (rows[i].cons == f->cons_id)
                    want[nw++] = rows[i].id;
            assert_int_equal(nw, N);
            check_pages(f, &flt, 7, want, nw);
            check_pages(f, &flt, 1000, want, nw);
            check_pages(f, &flt, N, want, nw);

            /* every consultation */
            flt.consultation_id = 0;
            for (size_t i = 0; i < nrows; i++)
                want[i] = rows[i].id;
            check_pages(f, &flt, 7, want, nrows);
        }
    }

    /* a filter on top of the keyset: theme ENV, support order */
    sort_order = CS_ORDER_SUPPORT;
    sort_desc = true;
    qsort(rows, nrows, sizeof rows[0], row_cmp);
    cs_idea_filter_init(&flt);
    flt.consultation_id = f->cons_id;
    flt.theme_id = f->theme_id[1];
    flt.order = CS_ORDER_SUPPORT;
    flt.descending = true;
    nw = 0;
    for (size_t i = 0; i < nrows; i++) {
        struct cs_idea idea;

        if (rows[i].cons != f->cons_id)
            continue;
        idea = get_idea(f, rows[i].id);
        if (idea.theme_id == f->theme_id[1])
            want[nw++] = rows[i].id;
        assert_int_equal(idea.support, rows[i].support);
        cs_idea_clear(&idea);
    }
    assert_int_equal(nw, N / 2);
    check_pages(f, &flt, 7, want, nw);
}

/* The plan of each list query, as one string. */
static void
query_plan(struct fixture *f, const char *sql, char *out, size_t n)
{
    sqlite3 *s = NULL;
    sqlite3_stmt *st = NULL;
    char q[8192];

    out[0] = '\0';
    snprintf(q, sizeof q, "EXPLAIN QUERY PLAN %s", sql);
    assert_int_equal(sqlite3_open_v2(f->path, &s, SQLITE_OPEN_READONLY,
                                     NULL), SQLITE_OK);
    if (sqlite3_prepare_v2(s, q, -1, &st, NULL) != SQLITE_OK)
        fail_msg("plan: %s", sqlite3_errmsg(s));
    while (sqlite3_step(st) == SQLITE_ROW) {
        size_t len = strlen(out);

        snprintf(out + len, n - len, "%s\n",
                 (const char *)sqlite3_column_text(st, 3));
    }
    sqlite3_finalize(st);
    sqlite3_close(s);
}

/* Fails unless the plan of `sql` contains `want` and sorts nothing. */
static void
assert_plan(struct fixture *f, const char *sql, const char *want)
{
    char plan[4096];

    assert_non_null(sql);
    query_plan(f, sql, plan, sizeof plan);
    if (strstr(plan, want) == NULL || strstr(plan, "TEMP B-TREE") != NULL)
        fail_msg("want %s without a sort, got:\n%s", want, plan);
}

static void
test_list_plan(void **state)
{
    struct fixture *f = *state;

    for (int d = 0; d < 2; d++) {
        assert_plan(f, idea_list_sql(CS_ORDER_DATE, d, true, false),
                    d ? "USING INDEX idea_by_date (consultation_id=? AND "
                        "submitted_at<?)"
                      : "USING INDEX idea_by_date (consultation_id=? AND "
                        "submitted_at>?)");
        assert_plan(f, idea_list_sql(CS_ORDER_DATE, d, true, true),
                    d ? "USING INDEX idea_by_date (consultation_id=? AND "
                        "submitted_at=? AND id<?)"
                      : "USING INDEX idea_by_date (consultation_id=? AND "
                        "submitted_at=? AND id>?)");
        assert_plan(f, idea_list_sql(CS_ORDER_SUPPORT, d, true, false),
                    d ? "USING INDEX idea_by_support (consultation_id=? AND "
                        "support<?)"
                      : "USING INDEX idea_by_support (consultation_id=? AND "
                        "support>?)");
        assert_plan(f, idea_list_sql(CS_ORDER_SUPPORT, d, true, true),
                    d ? "USING INDEX idea_by_support (consultation_id=? AND "
                        "support=? AND id<?)"
                      : "USING INDEX idea_by_support (consultation_id=? AND "
                        "support=? AND id>?)");
        assert_plan(f, idea_list_sql(CS_ORDER_ID, d, true, false),
                    "INTEGER PRIMARY KEY (rowid");
        assert_plan(f, idea_list_sql(CS_ORDER_ID, d, false, false),
                    "INTEGER PRIMARY KEY (rowid");
        assert_null(idea_list_sql(CS_ORDER_ID, d, true, true));
    }
}

static void
test_list_filters(void **state)
{
    struct fixture *f = *state;
    struct cs_person p = { .ref = "A1", .channel = CS_CHANNEL_WEB };
    struct cs_idea_filter flt;
    struct cs_idea_list *list = NULL;
    struct cs_error err;
    int64_t ids[6], author = 0;

    for (int i = 0; i < 6; i++) {
        struct cs_idea_new in = {
            .consultation_id = f->cons_id, .theme_id = f->theme_id[i % 2],
            .kind = i < 2 ? CS_KIND_FINDING : CS_KIND_IDEA,
            .body = "Texte", .channel = i == 3 ? CS_CHANNEL_WEB
                                               : CS_CHANNEL_PAPER,
            .author = i == 4 ? &p : NULL,
        };

        assert_ok(cs_idea_add(f->db, &in, &ids[i], &err));
    }
    assert_ok(cs_participant_find(f->db, &p, &author, &err));
    assert_ok(cs_idea_set_status(f->db, ids[5], 0, CS_STATUS_REVIEWING, NULL,
                                 &err));
    assert_ok(cs_idea_tag(f->db, ids[2], 0, "Écologie", false, &err));
    assert_ok(cs_idea_tag(f->db, ids[3], 0, "ECOLOGIE", false, &err));
    assert_ok(cs_idea_tag(f->db, ids[3], 0, "vélo", false, &err));

#define LIST_EXPECT(n, ...) do { \
        int64_t want_[] = { __VA_ARGS__ }; \
        size_t n_ = (n); \
        assert_ok(cs_idea_list(f->db, &flt, NULL, 100, &list, &err)); \
        assert_int_equal(list->count, n_); \
        for (size_t i_ = 0; i_ < list->count; i_++) \
            assert_int_equal(list->items[i_].id, want_[i_]); \
        assert_false(list->next.valid); \
        cs_idea_list_free(list); \
    } while (0)

    cs_idea_filter_init(&flt);
    flt.order = CS_ORDER_ID;
    LIST_EXPECT(6, ids[0], ids[1], ids[2], ids[3], ids[4], ids[5]);
    flt.theme_id = f->theme_id[1];
    LIST_EXPECT(3, ids[1], ids[3], ids[5]);
    flt.theme_id = 0;
    flt.kind = CS_KIND_FINDING;
    LIST_EXPECT(2, ids[0], ids[1]);
    flt.kind = -1;
    flt.channel = CS_CHANNEL_WEB;
    LIST_EXPECT(1, ids[3]);
    flt.channel = -1;
    flt.status = CS_STATUS_REVIEWING;
    LIST_EXPECT(1, ids[5]);
    flt.status = CS_STATUS_NEW;
    flt.consultation_id = f->cons_id;
    LIST_EXPECT(5, ids[0], ids[1], ids[2], ids[3], ids[4]);
    flt.status = -1;
    flt.tag = "ecologie";
    LIST_EXPECT(2, ids[2], ids[3]);
    flt.tag = "VÉLO";
    LIST_EXPECT(1, ids[3]);
    flt.tag = "inconnu";
    LIST_EXPECT(0, 0);
    flt.tag = NULL;
    flt.author_id = author;
    LIST_EXPECT(1, ids[4]);
    flt.author_id = 0;
    flt.descending = true;
    flt.theme_id = f->theme_id[0];
    LIST_EXPECT(3, ids[4], ids[2], ids[0]);
#undef LIST_EXPECT

    /* A deep page: the cursor goes on where the last one stopped. */
    cs_idea_filter_init(&flt);
    flt.order = CS_ORDER_ID;
    assert_ok(cs_idea_list(f->db, &flt, NULL, 4, &list, &err));
    assert_int_equal(list->count, 4);
    assert_true(list->next.valid);
    assert_int_equal(list->next.id, ids[3]);
    cs_idea_list_free(list);

    flt.status = 99;
    assert_int_equal(cs_idea_list(f->db, &flt, NULL, 4, &list, &err),
                     CS_EINVAL);
    assert_ok(cs_idea_list(f->db, NULL, NULL, 0, &list, &err));
    assert_int_equal(list->count, 0);
    cs_idea_list_free(list);
}

/* ---------------------------------------------------------------- counts */

static void
test_counts(void **state)
{
    struct fixture *f = *state;
    struct cs_idea_counts *c = NULL;
    struct cs_error err;
    int64_t empty = 0, ids[5];

    assert_ok(cs_theme_add(f->db, f->cons_id, "VIDE", "Thème vide", 0,
                           &empty, &err));
    for (int i = 0; i < 5; i++)
        ids[i] = add_idea(f->db, f, i < 3 ? 0 : 1, "Idée", NULL, NULL);
    assert_ok(cs_idea_set_status(f->db, ids[0], 0, CS_STATUS_ACCEPTED,
                                 "Retenue.", &err));
    assert_ok(cs_idea_set_status(f->db, ids[3], 0, CS_STATUS_HIDDEN, "Injure",
                                 &err));
    assert_ok(cs_idea_merge(f->db, ids[1], 0, ids[2], &err));

    assert_ok(cs_idea_count(f->db, f->cons_id, &c, &err));
    assert_int_equal(c->count, 3);
    assert_string_equal(c->rows[0].theme_code, "MOB");
    assert_string_equal(c->rows[0].theme_title, "Mobilité");
    assert_int_equal(c->rows[0].theme_id, f->theme_id[0]);
    assert_int_equal(c->rows[0].by_status[CS_STATUS_ACCEPTED], 1);
    assert_int_equal(c->rows[0].by_status[CS_STATUS_MERGED], 1);
    assert_int_equal(c->rows[0].by_status[CS_STATUS_NEW], 1);
    assert_int_equal(c->rows[0].total, 3);
    assert_string_equal(c->rows[1].theme_code, "ENV");
    assert_int_equal(c->rows[1].by_status[CS_STATUS_HIDDEN], 1);
    assert_int_equal(c->rows[1].by_status[CS_STATUS_NEW], 1);
    assert_int_equal(c->rows[1].total, 2);
    assert_string_equal(c->rows[2].theme_code, "VIDE");
    assert_int_equal(c->rows[2].theme_id, empty);
    assert_int_equal(c->rows[2].total, 0);
    for (int s = 0; s < CS_STATUS_COUNT; s++)
        assert_int_equal(c->rows[2].by_status[s], 0);
    assert_null(c->all.theme_code);
    assert_int_equal(c->all.total, 5);
    assert_int_equal(c->all.by_status[CS_STATUS_NEW], 2);
    assert_int_equal(c->all.by_status[CS_STATUS_ACCEPTED], 1);
    assert_int_equal(c->all.by_status[CS_STATUS_HIDDEN], 1);
    assert_int_equal(c->all.by_status[CS_STATUS_MERGED], 1);
    cs_idea_counts_free(c);

    assert_int_equal(cs_idea_count(f->db, 9999, &c, &err), CS_ENOTFOUND);
}

/* ---------------------------------------------------------------- tags */

static void
test_tags(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct counts c;
    char *tags = NULL;
    int64_t a = fixture_idea(f->db, f, "Une idée");
    int64_t b = fixture_idea(f->db, f, "Une autre");
    long long before;

    assert_ok(cs_idea_tags(f->db, a, ", ", &tags, &err));
    assert_string_equal(tags, "");
    free(tags);

    before = fixture_audit_rows(f);
    assert_ok(cs_idea_tag(f->db, a, 0, "  Écologie ", false, &err));
    fixture_assert_audit(f, before, "tag", "idea_tag", a);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
        " id = (SELECT max(id) FROM audit) AND before IS NULL"
        " AND json_extract(after, '$.tag') = 'Écologie'"), 1);
    before = fixture_audit_rows(f);
    assert_ok(cs_idea_tag(f->db, a, 0, "vélo", false, &err));
    assert_ok(cs_idea_tag(f->db, a, 0, "Atelier", false, &err));
    assert_int_equal(fixture_audit_rows(f), before + 2);

    /* the same tag, whatever the case and accents: nothing changes */
    counts_take(f, &c);
    assert_ok(cs_idea_tag(f->db, a, 0, "ÉCOLOGIE", false, &err));
    assert_ok(cs_idea_tag(f->db, a, 0, "ecologie", false, &err));
    assert_ok(cs_idea_tag(f->db, a, 0, "nulle part", true, &err));
    assert_ok(cs_idea_tag(f->db, b, 0, "vélo", true, &err));
    assert_nothing_written(f, &c);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM tag"), 3);

    /* an existing tag on another idea: one link, no new tag */
    before = fixture_audit_rows(f);
    assert_ok(cs_idea_tag(f->db, b, 0, "VÉLO", false, &err));
    fixture_assert_audit(f, before, "tag", "idea_tag", b);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM tag"), 3);
    assert_ok(cs_idea_tags(f->db, b, "|", &tags, &err));
    assert_string_equal(tags, "vélo");
    free(tags);

    assert_ok(cs_idea_tags(f->db, a, ", ", &tags, &err));
    assert_string_equal(tags, "Atelier, Écologie, vélo");
    free(tags);

    before = fixture_audit_rows(f);
    assert_ok(cs_idea_tag(f->db, a, 0, "écologie", true, &err));
    fixture_assert_audit(f, before, "untag", "idea_tag", a);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
        " id = (SELECT max(id) FROM audit) AND after IS NULL"
        " AND json_extract(before, '$.tag') = 'Écologie'"), 1);
    assert_ok(cs_idea_tags(f->db, a, ";", &tags, &err));
    assert_string_equal(tags, "Atelier;vélo");
    free(tags);

    counts_take(f, &c);
    assert_int_equal(cs_idea_tag(f->db, a, 0, " ", false, &err), CS_EINVAL);
    assert_string_equal(err.field, "tag");
    assert_int_equal(cs_idea_tag(f->db, a, 0, NULL, false, &err), CS_EINVAL);
    assert_int_equal(cs_idea_tag(f->db, 9999, 0, "vélo", false, &err),
                     CS_ENOTFOUND);
    assert_int_equal(cs_idea_tags(f->db, 9999, ",", &tags, &err),
                     CS_ENOTFOUND);
    assert_nothing_written(f, &c);
}

/* ---------------------------------------------------------------- merges */

static void
test_merge_counts(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_idea idea;
    int64_t a = fixture_idea(f->db, f, "Des vélos");
    int64_t b = fixture_idea(f->db, f, "Des bicyclettes");
    long long before;

    vote(f, a, "P1");
    vote(f, a, "P2");
    vote(f, b, "P1");       /* P1 supports both */
    vote(f, b, "P3");
    assert_ok(cs_tally_add(f->db, a, 10, "Atelier Marchienne", NULL, NULL,
                           &err));
    assert_ok(cs_tally_add(f->db, b, 5, "Urne mairie", NULL, NULL, &err));
    assert_ok(cs_idea_set_status(f->db, b, 0, CS_STATUS_REVIEWING, NULL, &err));
    assert_int_equal(support_of(f, a), 12);
    assert_int_equal(support_of(f, b), 7);

    before = fixture_audit_rows(f);
    assert_ok(cs_idea_merge(f->db, b, 0, a, &err));
    fixture_assert_audit(f, before, "merge", "idea", b);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
        " id = (SELECT max(id) FROM audit)"
        " AND json_extract(before, '$.status') = 'reviewing'"
        " AND json_extract(after, '$.status') = 'merged'"), 1);
    idea = get_idea(f, a);
    assert_int_equal(idea.support, 3 + 15);    /* P1 counted once */
    assert_int_equal(idea.votes, 2);
    assert_int_equal(idea.tallies, 10);
    cs_idea_clear(&idea);
    idea = get_idea(f, b);
    assert_int_equal(idea.status, CS_STATUS_MERGED);
    assert_int_equal(idea.merged_into, a);
    assert_int_equal(idea.support, 0);
    assert_int_equal(idea.votes, 2);        /* recorded where given */
    assert_int_equal(idea.tallies, 5);
    cs_idea_clear(&idea);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea WHERE"
        " status_before = 'reviewing'"), 1);

    /* A merged idea cannot change status but by unmerge. */
    assert_int_equal(cs_idea_set_status(f->db, b, 0, CS_STATUS_NEW, NULL,
                                        &err), CS_ECONFLICT);

    before = fixture_audit_rows(f);
    assert_ok(cs_idea_unmerge(f->db, b, 0, &err));
    fixture_assert_audit(f, before, "unmerge", "idea", b);
    assert_int_equal(support_of(f, a), 12);
    idea = get_idea(f, b);
    assert_int_equal(idea.support, 7);
    assert_int_equal(idea.status, CS_STATUS_REVIEWING);
    assert_int_equal(idea.merged_into, 0);
    cs_idea_clear(&idea);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea WHERE"
        " status_before IS NOT NULL"), 0);

    /* Unmerging what is not merged is refused. */
    assert_int_equal(cs_idea_unmerge(f->db, b, 0, &err), CS_ECONFLICT);
}

static void
test_merge_chain(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    int64_t a = fixture_idea(f->db, f, "A");
    int64_t b = fixture_idea(f->db, f, "B");
    int64_t c = fixture_idea(f->db, f, "C");

    vote(f, a, "P1");
    vote(f, a, "P2");
    vote(f, b, "P2");
    vote(f, c, "P3");
    assert_ok(cs_tally_add(f->db, a, 4, "Urne", NULL, NULL, &err));
    assert_ok(cs_idea_merge(f->db, a, 0, b, &err));
    assert_int_equal(support_of(f, b), 2 + 4);
    /* b, holding a, is merged into c: c counts the whole group */
    assert_ok(cs_idea_merge(f->db, b, 0, c, &err));
    assert_int_equal(support_of(f, c), 3 + 4);
    assert_int_equal(support_of(f, b), 0);
    assert_int_equal(support_of(f, a), 0);
    /* a vote for a, two merges down, counts for c, once per person */
    vote(f, a, "P4");
    assert_int_equal(support_of(f, c), 4 + 4);
    /* b leaves c and takes a with it */
    assert_ok(cs_idea_unmerge(f->db, b, 0, &err));
    assert_int_equal(support_of(f, c), 1);
    assert_int_equal(support_of(f, b), 3 + 4);
    assert_int_equal(support_of(f, a), 0);
    assert_ok(cs_idea_unmerge(f->db, a, 0, &err));
    assert_int_equal(support_of(f, a), 3 + 4);
    assert_int_equal(support_of(f, b), 1);
}

static void
test_merge_refusals(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct counts c;
    int64_t cx_theme = 0, cx, x = 0, a, b, d, w, h;

    a = fixture_idea(f->db, f, "A");
    b = fixture_idea(f->db, f, "B");
    d = fixture_idea(f->db, f, "D");
    w = fixture_idea(f->db, f, "Retirée");
    h = fixture_idea(f->db, f, "Masquée");
    cx = other_consultation(f, &cx_theme);
    {
        struct cs_idea_new in = {
            .consultation_id = cx, .theme_id = cx_theme, .body = "X",
        };

        assert_ok(cs_idea_add(f->db, &in, &x, &err));
    }
    assert_ok(cs_idea_set_status(f->db, w, 0, CS_STATUS_WITHDRAWN, NULL, &err));
    assert_ok(cs_idea_set_status(f->db, h, 0, CS_STATUS_HIDDEN, "Injure", &err));
    assert_ok(cs_idea_merge(f->db, a, 0, b, &err));

    counts_take(f, &c);
    assert_int_equal(cs_idea_merge(f->db, d, 0, x, &err), CS_ECONFLICT);
    assert_non_null(strstr(err.msg, "consultation"));
    assert_int_equal(cs_idea_merge(f->db, d, 0, a, &err), CS_ECONFLICT);
    assert_int_equal(cs_idea_merge(f->db, d, 0, d, &err), CS_EINVAL);
    /* b holds a: b into a would be a cycle */
    assert_int_equal(cs_idea_merge(f->db, b, 0, a, &err), CS_ECONFLICT);
    assert_int_equal(cs_idea_merge(f->db, a, 0, d, &err), CS_ECONFLICT);
    assert_int_equal(cs_idea_merge(f->db, d, 0, w, &err), CS_ECONFLICT);
    assert_int_equal(cs_idea_merge(f->db, d, 0, h, &err), CS_ECONFLICT);
    assert_int_equal(cs_idea_merge(f->db, h, 0, d, &err), CS_ECONFLICT);
    assert_int_equal(cs_idea_merge(f->db, d, 0, 9999, &err), CS_ENOTFOUND);
    assert_int_equal(cs_idea_merge(f->db, 9999, 0, d, &err), CS_ENOTFOUND);
    assert_int_equal(cs_idea_unmerge(f->db, d, 0, &err), CS_ECONFLICT);
    assert_int_equal(cs_idea_unmerge(f->db, 9999, 0, &err), CS_ENOTFOUND);
    assert_nothing_written(f, &c);

    /* a withdrawn idea may itself be merged, and comes back withdrawn */
    assert_ok(cs_idea_merge(f->db, w, 0, d, &err));
    assert_ok(cs_idea_unmerge(f->db, w, 0, &err));
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea WHERE"
        " status = 'withdrawn'"), 1);
}

/* ---------------------------------------------------------------- import */

static void
raw_exec(struct fixture *f, const char *sql)
{
    sqlite3 *s = NULL;

    assert_int_equal(sqlite3_open(f->path, &s), SQLITE_OK);
    if (sqlite3_exec(s, sql, NULL, NULL, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(s));
    sqlite3_close(s);
}

/* What the import uses: the inserts inside its own transaction, each one
 * atomic, with the batch recorded on every row. */
static void
test_private_inserts(void **state)
{
    struct fixture *f = *state;
    struct cs_person known = { .ref = "M1", .name = "Jean Martin" };
    struct cs_person again = { .ref = "M1", .email = "jean@example.org" };
    struct cs_person fresh = { .ref = "M2", .name = "Nouvelle personne" };
    struct cs_idea_new in = {
        .consultation_id = f->cons_id, .theme_id = f->theme_id[0],
        .body = "Importée", .form_ref = "L2", .author = &known,
    };
    struct cs_idea_new dup = in;
    struct cs_error err;
    int64_t id = 0, batch = 0;
    long long before;

    raw_exec(f, "INSERT INTO import_batch(kind, consultation_id, file_name,"
                " checksum, imported_by, imported_at) VALUES ('ideas', 1,"
                " 'f.csv', 'abc', 'alice', '2021-03-01')");
    batch = fixture_count(f, "SELECT max(id) FROM import_batch");
    before = fixture_audit_rows(f);

    assert_ok(txn_begin_write(f->db, &err));
    assert_ok(idea_insert(f->db, &in, batch, &id, &err));
    /* refused rows inside the batch leave nothing, the batch goes on */
    dup.author = &fresh;
    assert_int_equal(idea_insert(f->db, &dup, batch, NULL, &err),
                     CS_ECONFLICT);
    assert_int_equal(vote_insert(f->db, id, &known, CS_CHANNEL_PAPER, NULL,
                                 batch, NULL, &err), CS_OK);
    /* a second vote that would also have completed the voter's email */
    assert_int_equal(vote_insert(f->db, id, &again, CS_CHANNEL_PAPER, NULL,
                                 batch, NULL, &err), CS_ECONFLICT);
    assert_ok(tally_insert(f->db, id, 4, 0, "Atelier", NULL, batch, NULL,
                           &err));
    assert_int_equal(tally_insert(f->db, id, -4, 0, "ATELIER", NULL, batch,
                                  NULL, &err), CS_EINVAL);
    assert_ok(comment_insert(f->db, id, NULL, "Remarque", 0, batch, NULL,
                             &err));
    assert_ok(txn_end(f->db, CS_OK, &err));

    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"),
                     1);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"
                                      " WHERE email IS NULL"), 1);
    /* participant, idea, vote, tally, comment */
    assert_int_equal(fixture_audit_rows(f), before + 5);
    assert_int_equal(fixture_count(f, "SELECT (SELECT count(*) FROM idea"
        " WHERE batch_id = 1) + (SELECT count(*) FROM vote WHERE batch_id"
        " = 1) + (SELECT count(*) FROM tally WHERE batch_id = 1)"
        " + (SELECT count(*) FROM comment WHERE batch_id = 1)"), 4);
    assert_int_equal(support_of(f, id), 5);

    /* a refusal inside a batch that is then abandoned: nothing at all */
    before = fixture_audit_rows(f);
    assert_ok(txn_begin_write(f->db, &err));
    in.form_ref = "L3";
    assert_ok(idea_insert(f->db, &in, batch, NULL, &err));
    assert_int_equal(txn_end(f->db, CS_ECANCELED, &err), CS_ECANCELED);
    assert_int_equal(fixture_audit_rows(f), before);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"), 1);
}

/* A corrected form: its author and date change with the version check,
 * and the journal keeps both versions; the author as keyed is read back
 * by the agent who keyed it, not by another agent. */
static void
test_update_author_date(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    struct cs_person who = { .name = "Zoé", .service = "Finances",
                             .phone = "071 11 22 33" };
    struct cs_idea_change ch = { .submitted_at = "02/05/2024",
                                 .set_author = true, .author = &who };
    struct cs_participant got;
    struct cs_idea idea;
    struct cs_db *bob, *carl;
    int64_t id;

    assert_ok(cs_user_add(f->db, "bob", CS_ROLE_AGENT, &err));
    assert_ok(cs_user_add(f->db, "carl", CS_ROLE_AGENT, &err));
    bob = fixture_open_as(f, "bob");
    carl = fixture_open_as(f, "carl");
    id = fixture_idea(bob, f, "Un potager partagé");
    assert_ok(cs_participant_of_idea(bob, id, &got, &err));
    assert_int_equal(got.id, 0);
    cs_participant_clear(&got);
    assert_ok(cs_idea_update(bob, id, 1, &ch, &err));
    assert_ok(cs_idea_get(bob, id, &idea, &err));
    assert_true(idea.author_id > 0);
    assert_int_equal(idea.version, 2);
    assert_memory_equal(idea.submitted_at, "2024-05-02", 10);
    cs_idea_clear(&idea);
    assert_ok(cs_participant_of_idea(bob, id, &got, &err));
    assert_string_equal(got.name, "Zoé");
    assert_string_equal(got.phone, "071 11 22 33");
    cs_participant_clear(&got);
    assert_int_equal(cs_participant_of_idea(carl, id, &got, &err),
                     CS_EPERM);
    /* Back to anonymous, on the version shown only. */
    ch.author = NULL;
    ch.submitted_at = NULL;
    assert_int_equal(cs_idea_update(bob, id, 1, &ch, &err), CS_ESTALE);
    assert_ok(cs_idea_update(bob, id, 2, &ch, &err));
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"
                                      " WHERE author_id IS NULL"), 1);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit"
                                      " WHERE tbl = 'idea' AND action ="
                                      " 'update' AND before IS NOT NULL"), 2);
    assert_int_equal(fixture_count_drift(f), 0);
    ch.submitted_at = "31/02/2024";
    assert_int_equal(cs_idea_update(bob, id, 0, &ch, &err), CS_EINVAL);
    assert_string_equal(err.field, "submitted_at");
    cs_db_close(bob);
    cs_db_close(carl);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_update_author_date,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_add_get, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_title_from_body,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_add_refusals, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_update, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_roles, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_list_paging, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_list_plan, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_list_filters, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_counts, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_tags, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_merge_counts, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_merge_chain, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_merge_refusals,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_private_inserts,
                                        fixture_setup_cons, fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
