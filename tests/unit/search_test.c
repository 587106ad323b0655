/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * search_test.c: full-text search (search.c): what a typed query becomes,
 * accent- and case-insensitive prefix matches, FTS5 syntax typed by a user
 * taken as plain words, keyset pages in both directions, filters and
 * capped counts, the index following edits, similar ideas, and roles.
 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "consult/search.h"

/* ---------------------------------------------------------------- helpers */

static int64_t
idea_in(struct fixture *f, int theme, const char *title, const char *body)
{
    struct cs_idea_new in = {
        .consultation_id = f->cons_id, .theme_id = f->theme_id[theme],
        .kind = CS_KIND_IDEA, .title = title, .body = body,
        .channel = CS_CHANNEL_PAPER,
    };
    struct cs_error err;
    int64_t id = 0;

    assert_ok(cs_idea_add(f->db, &in, &id, &err));
    return id;
}

/* The ids `query` finds (newest first, one page of 100), written to `ids`;
 * returns how many. */
static size_t
find(struct fixture *f, const struct cs_idea_filter *flt, const char *query,
     int64_t *ids, size_t max)
{
    struct cs_idea_filter d;
    struct cs_idea_list *l = NULL;
    struct cs_error err;
    size_t n;

    if (flt == NULL) {
        cs_idea_filter_init(&d);
        d.descending = true;
        flt = &d;
    }
    assert_ok(cs_search_ideas(f->db, flt, query, NULL, 100, &l, &err));
    n = l->count < max ? l->count : max;
    for (size_t i = 0; i < n; i++)
        ids[i] = l->items[i].id;
    cs_idea_list_free(l);
    return n;
}

static void
assert_match(const char *in, const char *want)
{
    struct cs_error err;
    char *m = (char *)"unset";

    assert_ok(cs_search_match(in, &m, &err));
    if (want == NULL)
        assert_null(m);
    else
        assert_string_equal(m, want);
    free(m);
}

/* ---------------------------------------------------------------- tests */

static void
test_match_text(void **state)
{
    struct cs_error err;
    char *m = NULL;

    (void)state;
    assert_match("electri", "\"electri\"*");
    assert_match("  Vélo   ÉLECTRIQUE ", "\"Vélo\"* AND \"ÉLECTRIQUE\"*");
    /* Operators and punctuation are separators, never syntax. */
    assert_match("a OR b", "\"a\" AND \"OR\"* AND \"b\"");
    assert_match("\"quoted\" -x NEAR(y) title:z ^w *", "\"quoted\"* AND \"x\" AND "
                 "\"NEAR\"* AND \"y\" AND \"title\"* AND \"z\" AND \"w\"");
    assert_match("l'école, 2024", "\"l\" AND \"école\"* AND \"2024\"*");
    /* A typographic apostrophe is no letter either. */
    assert_match("l\u2019école", "\"l\" AND \"école\"*");
    /* One letter with its accent as a combining mark is one letter. */
    assert_match("e\xcc\x81", "\"e\xcc\x81\"");
    assert_match("", NULL);
    assert_match("  ;,.!? \"\" ", NULL);
    assert_match(NULL, NULL);
    assert_int_equal(cs_search_match("\xff\xfe", &m, &err), CS_EINVAL);
    assert_string_equal(err.field, "query");
}

static void
test_accents_and_case(void **state)
{
    struct fixture *f = *state;
    int64_t ids[16];
    int64_t a = idea_in(f, 0, "Voitures électriques", "Des bornes de "
                        "recharge au parking du personnel.");
    int64_t b = idea_in(f, 1, "Vélos", "Des VÉLOS ÉLECTRIQUES pour les "
                        "agents de terrain.");
    int64_t c = idea_in(f, 0, "Réunions", "Moins de réunions le lundi.");
    int64_t d = idea_in(f, 1, "Électricité", "Couper l'électricité des "
                        "bureaux la nuit.");
    const char *queries[] = { "electri", "ÉLECTRI", "Électri", "eLeCtRi" };

    for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
        assert_int_equal(find(f, NULL, queries[q], ids, 16), 3);
        assert_int_equal(ids[0], d);    /* newest first */
        assert_int_equal(ids[1], b);
        assert_int_equal(ids[2], a);
    }
    /* Every word must match, each as a prefix of some word. */
    assert_int_equal(find(f, NULL, "velo electri", ids, 16), 1);
    assert_int_equal(ids[0], b);
    assert_int_equal(find(f, NULL, "reunion", ids, 16), 1);
    assert_int_equal(ids[0], c);
    /* A prefix, not a substring: "lectri" starts no word. */
    assert_int_equal(find(f, NULL, "lectri", ids, 16), 0);
    /* Title words count too. */
    assert_int_equal(find(f, NULL, "voiture", ids, 16), 1);
    assert_int_equal(ids[0], a);
    /* No word: nothing, not everything. */
    assert_int_equal(find(f, NULL, "  -- ", ids, 16), 0);
}

/* The ids FTS5 itself finds for `match` (plain FTS5 syntax), newest first,
 * through a connection of its own. */
static size_t
fts_ids(struct fixture *f, const char *match, int64_t *ids, size_t max)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    size_t n = 0;

    assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY,
                                     NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT rowid FROM idea_fts"
                                        " WHERE idea_fts MATCH ?"
                                        " ORDER BY rowid DESC", -1, &st,
                                        NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW && n < max)
        ids[n++] = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

/* Long prefixes are searched as the words of the index they stand for:
 * the same ideas as FTS5's own prefix query, accents and case aside,
 * under and over the number of words a prefix may stand for, and
 * following edits. */
static void
test_long_prefixes(void **state)
{
    struct fixture *f = *state;
    int64_t got[64], want[64];
    char body[128];
    const char *typed[] = {
        "cont", "CONTR", "contra", "contrô", "Contrôle", "contrats",
        "elec", "électr", "ÉLECTRICITÉ", "zzzz", "cont elec", "cantine cont",
        "ptero",
    };
    const char *fts[] = {
        "\"cont\"*", "\"contr\"*", "\"contra\"*", "\"contro\"*",
        "\"controle\"*", "\"contrats\"*", "\"elec\"*", "\"electr\"*",
        "\"electricite\"*", "\"zzzz\"*", "\"cont\"* \"elec\"*",
        "\"cantine\"* \"cont\"*", "\"ptero\"*",
    };
    char long_word[400];
    int64_t edited;
    size_t n;

    /* 24 words starting "contr" (more than a prefix stands for), a few
     * starting "contra", and the "électri" family, spread over ideas. */
    for (int i = 0; i < 24; i++) {
        snprintf(body, sizeof body, "Le contr%c%cle de la cantine, "
                 "%s.", 'a' + i % 12, 'a' + i / 12,
                 i % 3 == 0 ? "électricité" : i % 3 == 1 ? "Électriques"
                 : "contrôle");
        idea_in(f, i % 2, NULL, body);
    }
    idea_in(f, 0, "Contrats", "Les contrats électriques du CONTRAT cadre.");
    idea_in(f, 1, "Électrique", "Une voiture électrique.");
    /* A word longer than a prefix is expanded into. */
    memset(long_word, 0, sizeof long_word);
    memcpy(long_word, "Un pterosaure", 13);
    memset(long_word + 13, 'a', 300);
    idea_in(f, 1, "Fossiles", long_word);
    idea_in(f, 1, "Fossiles", "Un ptérodactyle.");
    edited = idea_in(f, 0, "Rien", "Sans rapport.");
    for (int round = 0; round < 2; round++) {
        for (size_t q = 0; q < sizeof typed / sizeof *typed; q++) {
            n = fts_ids(f, fts[q], want, 64);
            assert_int_equal(find(f, NULL, typed[q], got, 64), n);
            for (size_t i = 0; i < n; i++)
                assert_int_equal(got[i], want[i]);
            if (strcmp(typed[q], "zzzz") != 0)
                assert_true(n > 0);
        }
        /* A word that appears with an edit is found at once. */
        if (round == 0) {
            struct cs_idea_change e = { .body = "Un contrôleur électricien." };
            struct cs_error err;

            assert_ok(cs_idea_update(f->db, edited, 0, &e, &err));
        }
    }
    assert_int_equal(find(f, NULL, "electricien controleu", got, 64), 1);
    assert_int_equal(got[0], edited);
}

static void
test_syntax_is_words(void **state)
{
    struct fixture *f = *state;
    int64_t ids[8];
    int64_t a = idea_in(f, 0, "Télétravail", "Deux jours OR trois par "
                        "semaine, NEAR la gare.");
    const char *hostile[] = {
        "\"", "*", "OR", "AND NOT", "NEAR(", "title:x", "^", "-", "a\"b",
        "((", "{title body}: x", "\"\"\"", "x*y", "'", "+", "NOT OR AND",
    };

    idea_in(f, 0, "Autre", "Rien à voir.");
    for (size_t i = 0; i < sizeof hostile / sizeof *hostile; i++)
        (void)find(f, NULL, hostile[i], ids, 8);     /* no error */
    /* "OR" and "NEAR" are words like any other here. */
    assert_int_equal(find(f, NULL, "OR", ids, 8), 1);
    assert_int_equal(ids[0], a);
    assert_int_equal(find(f, NULL, "near gare", ids, 8), 1);
    assert_int_equal(find(f, NULL, "title:tele", ids, 8), 0);
}

static void
test_pages(void **state)
{
    struct fixture *f = *state;
    struct cs_idea_filter flt;
    struct cs_idea_list *l = NULL;
    struct cs_idea_cursor cur = { 0 };
    struct cs_error err;
    int64_t ids[30], seen[30];
    size_t n = 0;
    char body[64];

    for (int i = 0; i < 30; i++) {
        snprintf(body, sizeof body, "Proposition numéro %d sur la cantine",
                 i);
        ids[i] = idea_in(f, i % 2, NULL, body);
        if (i % 5 == 0)
            idea_in(f, 0, NULL, "Sans rapport");
    }
    cs_idea_filter_init(&flt);
    for (int dir = 0; dir < 2; dir++) {
        flt.descending = dir == 0;
        cur.valid = false;
        n = 0;
        do {
            assert_ok(cs_search_ideas(f->db, &flt, "cantine", &cur, 7, &l,
                                      &err));
            assert_true(l->count <= 7);
            for (size_t i = 0; i < l->count; i++)
                seen[n++] = l->items[i].id;
            cur = l->next;
            cs_idea_list_free(l);
        } while (cur.valid);
        assert_int_equal(n, 30);
        for (size_t i = 0; i < 30; i++)
            assert_int_equal(seen[i], flt.descending ? ids[29 - i] : ids[i]);
    }
    /* A page that ends exactly at the last row says no more follows. */
    flt.descending = true;
    assert_ok(cs_search_ideas(f->db, &flt, "cantine", NULL, 30, &l, &err));
    assert_int_equal(l->count, 30);
    assert_false(l->next.valid);
    cs_idea_list_free(l);
    assert_ok(cs_search_ideas(f->db, &flt, "cantine", NULL, 0, &l, &err));
    assert_int_equal(l->count, 0);
    cs_idea_list_free(l);
}

static void
test_filters_and_count(void **state)
{
    struct fixture *f = *state;
    struct cs_idea_filter flt;
    struct cs_error err;
    int64_t ids[8], n = -1;
    int64_t a = idea_in(f, 0, NULL, "Un potager partagé derrière la mairie");
    int64_t b = idea_in(f, 1, NULL, "Un potager pour la crèche");
    int64_t c = idea_in(f, 1, NULL, "Un compost et un potager");

    idea_in(f, 0, NULL, "Autre chose");
    assert_ok(cs_idea_set_status(f->db, b, 0, CS_STATUS_REVIEWING, NULL, &err));
    assert_ok(cs_idea_tag(f->db, c, 0, "Écologie", false, &err));

    cs_idea_filter_init(&flt);
    flt.descending = true;
    flt.consultation_id = f->cons_id;
    flt.theme_id = f->theme_id[1];
    assert_int_equal(find(f, &flt, "potager", ids, 8), 2);
    assert_int_equal(ids[0], c);
    assert_int_equal(ids[1], b);
    flt.theme_id = 0;
    flt.status = CS_STATUS_REVIEWING;
    assert_int_equal(find(f, &flt, "potager", ids, 8), 1);
    assert_int_equal(ids[0], b);
    flt.status = -1;
    flt.tag = "ecologie";           /* tags fold like the stored key */
    assert_int_equal(find(f, &flt, "potager", ids, 8), 1);
    assert_int_equal(ids[0], c);
    flt.tag = NULL;
    flt.consultation_id = f->cons_id + 1000;
    assert_int_equal(find(f, &flt, "potager", ids, 8), 0);
    flt.consultation_id = f->cons_id;

    assert_ok(cs_search_count(f->db, &flt, "potager", 0, &n, &err));
    assert_int_equal(n, 3);
    assert_ok(cs_search_count(f->db, &flt, "potager", 2, &n, &err));
    assert_int_equal(n, 2);             /* capped */
    assert_ok(cs_search_count(f->db, &flt, NULL, 0, &n, &err));
    assert_int_equal(n, 4);
    assert_ok(cs_search_count(f->db, &flt, " ", 0, &n, &err));
    assert_int_equal(n, 4);             /* no word: no search */
    assert_ok(cs_search_count(f->db, NULL, NULL, 3, &n, &err));
    assert_int_equal(n, 3);
    flt.status = CS_STATUS_REVIEWING;
    assert_ok(cs_search_count(f->db, &flt, NULL, 0, &n, &err));
    assert_int_equal(n, 1);
    /* In steps over id ranges: the parts add up to the whole. */
    {
        int64_t last = 0, lo = 0, part = 0;

        flt.status = -1;
        assert_ok(cs_search_last_id(f->db, &last, &err));
        assert_int_equal(last, 4);
        assert_ok(cs_search_count_range(f->db, &flt, "potager", 0, 2, &part,
                                        &err));
        assert_int_equal(part, 2);      /* a and b */
        assert_ok(cs_search_count_range(f->db, &flt, "potager", 2, 4, &part,
                                        &err));
        assert_int_equal(part, 1);      /* c */
        for (n = 0; lo < last; lo += 1) {
            assert_ok(cs_search_count_range(f->db, &flt, NULL, lo, lo + 1,
                                            &part, &err));
            n += part;
        }
        assert_int_equal(n, 4);
        /* With a tag (counted from the tag's index), in steps too. */
        flt.tag = "Écologie";
        for (n = 0, lo = 0; lo < last; lo += 1) {
            assert_ok(cs_search_count_range(f->db, &flt, NULL, lo, lo + 1,
                                            &part, &err));
            n += part;
        }
        assert_int_equal(n, 1);
        assert_ok(cs_search_count_range(f->db, &flt, NULL, 0, 2, &part,
                                        &err));
        assert_int_equal(part, 0);
        flt.status = CS_STATUS_REVIEWING;   /* c is new */
        assert_ok(cs_search_count_range(f->db, &flt, NULL, 0, last, &part,
                                        &err));
        assert_int_equal(part, 0);
        flt.status = -1;
        flt.consultation_id = f->cons_id + 1000;
        assert_ok(cs_search_count_range(f->db, &flt, NULL, 0, last, &part,
                                        &err));
        assert_int_equal(part, 0);
        flt.consultation_id = f->cons_id;
        assert_ok(cs_search_count_range(f->db, &flt, NULL, 0, last, &part,
                                        &err));
        assert_int_equal(part, 1);
        flt.tag = NULL;
        flt.status = CS_STATUS_REVIEWING;
    }
    /* From the kept figures, the same counts as counted, at once; not
     * with a tag or an author. */
    {
        const int statuses[] = { -1, CS_STATUS_NEW, CS_STATUS_REVIEWING,
                                 CS_STATUS_ACCEPTED };
        int64_t kept = -1, counted = -1;
        bool known = false;

        for (size_t i = 0; i < 4; i++)
            for (int th = 0; th < 3; th++) {
                flt.status = statuses[i];
                flt.theme_id = th == 2 ? 0 : f->theme_id[th];
                flt.kind = th == 1 ? CS_KIND_FINDING : -1;
                assert_ok(cs_search_count_kept(f->db, &flt, &kept, &known,
                                               &err));
                assert_true(known);
                assert_ok(cs_search_count(f->db, &flt, NULL, 0, &counted,
                                          &err));
                assert_int_equal(kept, counted);
            }
        flt.theme_id = 0;
        flt.kind = -1;
        flt.status = -1;
        assert_ok(cs_search_count_kept(f->db, &flt, &kept, &known, &err));
        assert_int_equal(kept, 4);
        assert_ok(cs_search_count_kept(f->db, NULL, &kept, &known, &err));
        assert_true(known);
        assert_int_equal(kept, 4);
        flt.tag = "ecologie";
        kept = -1;
        assert_ok(cs_search_count_kept(f->db, &flt, &kept, &known, &err));
        assert_false(known);
        assert_int_equal(kept, -1);
        flt.tag = NULL;
        flt.author_id = 1;
        assert_ok(cs_search_count_kept(f->db, &flt, &kept, &known, &err));
        assert_false(known);
        flt.author_id = 0;
    }
    flt.status = 99;
    assert_int_equal(cs_search_count_kept(f->db, &flt, &n, &(bool){ false },
                                          &err), CS_EINVAL);
    assert_int_equal(cs_search_count(f->db, &flt, NULL, 0, &n, &err),
                     CS_EINVAL);
    assert_int_equal(cs_search_ideas(f->db, &flt, "x", NULL, 5, NULL, &err),
                     CS_EINVAL);
    (void)a;
}

static void
test_index_follows_edits(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    int64_t ids[4];
    int64_t a = idea_in(f, 0, "Horaires", "Des horaires flexibles");
    struct cs_idea_change ch = { .body = "Une navette vers la piscine" };

    assert_int_equal(find(f, NULL, "flexib", ids, 4), 1);
    assert_ok(cs_idea_update(f->db, a, 0, &ch, &err));
    assert_int_equal(find(f, NULL, "flexib", ids, 4), 0);
    assert_int_equal(find(f, NULL, "piscine", ids, 4), 1);
    assert_int_equal(ids[0], a);
}

static void
test_similar(void **state)
{
    struct fixture *f = *state;
    struct cs_idea_list *l = NULL;
    struct cs_error err;
    int64_t a = idea_in(f, 0, "Pistes cyclables sécurisées",
                        "Sécuriser les pistes cyclables autour de l'hôtel "
                        "de ville pour les agents.");
    int64_t b = idea_in(f, 1, "Piste cyclable", "Des PISTES CYCLABLES "
                        "sécurisées entre la gare et les bureaux.");
    int64_t c = idea_in(f, 0, "Cantine", "Plus de légumes à la cantine "
                        "pour les agents.");
    int64_t d = idea_in(f, 0, "Vélos", "Des vélos et une piste cyclable.");
    int64_t e = idea_in(f, 0, "Doublon", "Pistes cyclables sécurisées");
    const char *others[] = {
        "Un potager", "Des horaires souples", "Le télétravail le vendredi",
        "Une crèche", "Moins de papier", "Des gourdes", "Un défibrillateur",
        "Des plantes vertes", "Une salle de sieste", "Du café équitable",
    };

    /* The rank weighs a word by its rarity: a realistic share of unrelated
     * ideas keeps "pistes" rarer than in half of them. */
    for (size_t i = 0; i < sizeof others / sizeof *others; i++)
        idea_in(f, 1, NULL, others[i]);
    assert_ok(cs_search_similar(f->db, a, 5, &l, &err));
    assert_true(l->count >= 2);
    assert_int_equal(l->items[0].id, e);    /* the closest first */
    for (size_t i = 0; i < l->count; i++) {
        assert_int_not_equal(l->items[i].id, a);    /* not itself */
        /* "agents" is shared, but three words outrank one */
        if (l->items[i].id == c)
            assert_true(i >= 2);
    }
    assert_false(l->next.valid);
    cs_idea_list_free(l);

    /* A merged or hidden idea cannot take a merge: it is left out. */
    assert_ok(cs_idea_merge(f->db, e, 0, b, &err));
    assert_ok(cs_idea_set_status(f->db, d, 0, CS_STATUS_HIDDEN, "Hors sujet",
                                 &err));
    assert_ok(cs_search_similar(f->db, a, 5, &l, &err));
    assert_true(l->count >= 1);
    assert_int_equal(l->items[0].id, b);
    for (size_t i = 0; i < l->count; i++) {
        assert_int_not_equal(l->items[i].id, e);
        assert_int_not_equal(l->items[i].id, d);
    }
    cs_idea_list_free(l);
    assert_ok(cs_search_similar(f->db, a, 1, &l, &err));
    assert_int_equal(l->count, 1);
    cs_idea_list_free(l);
    assert_int_equal(cs_search_similar(f->db, 9999, 5, &l, &err),
                     CS_ENOTFOUND);
}

static void
test_roles(void **state)
{
    struct fixture *f = *state;
    struct cs_idea_list *l = NULL;
    struct cs_error err;
    struct cs_db *viewer, *nobody;
    int64_t n = 0;
    int64_t a = idea_in(f, 0, NULL, "Un distributeur d'eau fraîche");

    assert_ok(cs_user_add(f->db, "victor", CS_ROLE_VIEWER, &err));
    viewer = fixture_open_as(f, "victor");
    assert_ok(cs_search_ideas(viewer, NULL, "fraiche", NULL, 5, &l, &err));
    assert_int_equal(l->count, 1);
    assert_int_equal(l->items[0].id, a);
    cs_idea_list_free(l);
    assert_ok(cs_search_count(viewer, NULL, "eau", 0, &n, &err));
    assert_int_equal(n, 1);
    cs_db_close(viewer);

    nobody = fixture_open_as(f, "mallory");
    assert_int_equal(cs_search_ideas(nobody, NULL, "eau", NULL, 5, &l, &err),
                     CS_EPERM);
    assert_int_equal(cs_search_count(nobody, NULL, "eau", 0, &n, &err),
                     CS_EPERM);
    assert_int_equal(cs_search_similar(nobody, a, 5, &l, &err), CS_EPERM);
    cs_db_close(nobody);
}

/* A text not yet saved that repeats an idea finds it; one that shares a
 * word or two does not; the idea left out is never found. */
static void
test_very_similar(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    int64_t a, b, found = -1;
    int percent = 0;

    a = fixture_idea(f->db, f, "Des pistes cyclables rue de la Gare");
    b = fixture_idea(f->db, f, "Un parking vélo couvert près de la gare");
    fixture_idea(f->db, f, "Des bancs dans le parc communal");
    assert_ok(cs_search_very_similar(f->db, f->cons_id, 0, NULL,
                                     "pistes cyclables RUE de la gare svp",
                                     &found, &percent, &err));
    assert_int_equal(found, a);
    assert_true(percent >= CS_SIMILAR_PERCENT);
    assert_ok(cs_search_very_similar(f->db, f->cons_id, 0, "Gare",
                                     "Plus de trains le dimanche soir",
                                     &found, &percent, &err));
    assert_int_equal(found, 0);
    assert_ok(cs_search_very_similar(f->db, f->cons_id, a, NULL,
                                     "Des pistes cyclables rue de la Gare",
                                     &found, NULL, &err));
    assert_true(found != a);
    (void)b;
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_very_similar,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test(test_match_text),
        cmocka_unit_test_setup_teardown(test_accents_and_case,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_long_prefixes,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_syntax_is_words,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_pages, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_filters_and_count,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_index_follows_edits,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_similar, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_roles, fixture_setup_cons,
                                        fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
