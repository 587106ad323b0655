/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * export_test.c: the CSV exports (export*.c): every summary figure against
 * a fixture counted by hand (the table in build_fixture), the lists and
 * their profiles (pseudonyms, contacts, open data), roles, formula
 * neutralisation, filters, as-of exports that give back an earlier
 * moment's files after later changes, and manifests.
 *
 * Each export is written to memory and read back with the CSV reader, so
 * the tests look at cells by column name, as a spreadsheet user would.
 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "consult/export.h"
#include "consult/import.h"

/* ---------------------------------------------------------------- tables */

/* An export read back: row 0 is the header. */
struct table {
    size_t nrows, ncols;
    char **cell;                /* nrows * ncols, owned */
    char *raw;                  /* the bytes, owned */
    size_t len;
};

static void
table_free(struct table *t)
{
    if (t == NULL)
        return;
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cell[i]);
    free(t->cell);
    free(t->raw);
    free(t);
}

static struct table *
table_parse(char *raw, size_t len, char delimiter)
{
    struct cs_csv_options o = { .delimiter = delimiter ? delimiter : ',' };
    struct cs_csv_reader *r;
    struct cs_csv_record rec;
    struct cs_error err;
    struct table *t = calloc(1, sizeof *t);
    size_t cap = 0;
    enum cs_rc rc;

    assert_non_null(t);
    t->raw = raw;
    t->len = len;
    assert_ok(cs_csv_reader_open_mem(raw, len, &o, &r, &err));
    while ((rc = cs_csv_reader_next(r, &rec, &err)) == CS_OK) {
        if (t->nrows == 0)
            t->ncols = rec.nfields;
        assert_int_equal(rec.nfields, t->ncols);
        if ((t->nrows + 1) * t->ncols > cap) {
            cap = (t->nrows + 1) * t->ncols * 2;
            t->cell = realloc(t->cell, cap * sizeof *t->cell);
            assert_non_null(t->cell);
        }
        for (size_t i = 0; i < rec.nfields; i++)
            t->cell[t->nrows * t->ncols + i] = strdup(rec.fields[i].s);
        t->nrows++;
    }
    assert_int_equal(rc, CS_ENOTFOUND);
    cs_csv_reader_close(r);
    return t;
}

/* Column `name` of the header, or -1. */
static int
column(const struct table *t, const char *name)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (strcmp(t->cell[i], name) == 0)
            return (int)i;
    return -1;
}

/* The cell of data row `row` (from 1) in column `name`. */
static const char *
cell(const struct table *t, size_t row, const char *name)
{
    int c = column(t, name);

    if (c < 0)
        fail_msg("no column %s", name);
    if (row >= t->nrows)
        fail_msg("no row %zu (%zu rows)", row, t->nrows);
    return t->cell[row * t->ncols + (size_t)c];
}

static long long
num(const struct table *t, size_t row, const char *name)
{
    return atoll(cell(t, row, name));
}

/* The data row whose column `key` is `value`, or 0. */
static size_t
find_row(const struct table *t, const char *key, const char *value)
{
    for (size_t r = 1; r < t->nrows; r++)
        if (strcmp(cell(t, r, key), value) == 0)
            return r;
    return 0;
}

/* Run an export into memory; on success the main (and top) tables. */
static enum cs_rc
run_export(struct cs_db *db, const struct cs_export_options *o,
           struct table **main_out, struct table **top_out,
           struct cs_export_result *res, struct cs_error *err)
{
    char *buf = NULL, *tbuf = NULL;
    size_t len = 0, tlen = 0;
    FILE *fp = open_memstream(&buf, &len);
    FILE *tp = top_out ? open_memstream(&tbuf, &tlen) : NULL;
    struct cs_export_result r;
    enum cs_rc rc;

    assert_non_null(fp);
    rc = cs_export_write(db, o, fp, tp, &r, err);
    fclose(fp);
    if (tp)
        fclose(tp);
    if (rc != CS_OK) {
        free(buf);
        free(tbuf);
        return rc;
    }
    assert_int_equal(r.bytes, len);
    if (main_out)
        *main_out = table_parse(buf, len, o->csv.delimiter);
    else
        free(buf);
    if (top_out)
        *top_out = table_parse(tbuf, tlen, o->csv.delimiter);
    else
        free(tbuf);
    if (res)
        *res = r;
    return CS_OK;
}

static struct table *
export_ok(struct cs_db *db, const struct cs_export_options *o)
{
    struct table *t = NULL;
    struct cs_error err;

    assert_ok(run_export(db, o, &t, NULL, NULL, &err));
    return t;
}

static void
options(struct cs_export_options *o, enum cs_export_kind kind)
{
    cs_export_options_init(o);
    o->kind = kind;
    o->consultation = "AG21";
}

static char *
read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf;
    long n;

    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    rewind(fp);
    buf = malloc((size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
    buf[n] = '\0';
    fclose(fp);
    if (len)
        *len = (size_t)n;
    return buf;
}

static void
write_file(const char *path, const char *data, size_t len)
{
    FILE *fp = fopen(path, "wb");

    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    fclose(fp);
}

/* ---------------------------------------------------------------- fixture */

static const struct cs_person PA = { .ref = "A-1", .name = "Anne Aubry",
    .service = "Population", .email = "anne@ville.example", .consent = true };
static const struct cs_person PB = { .ref = "B-2", .name = "Bruno Blanc",
    .service = "Finances" };
static const struct cs_person PC = { .ref = "C-3", .name = "Chloé Colin",
    .service = "Crèche", .email = "chloe@ville.example" };
static const struct cs_person PD = { .ref = "D-4", .name = "David Dumont" };
static const struct cs_person PE = { .ref = "E-5", .name = "Emma Evrard" };
static const struct cs_person PF = { .ref = "F-6", .name = "Fatima Fares" };
static const struct cs_person PG = { .ref = "G-7", .name = "Gilles Gérard" };
static const struct cs_person PH = { .ref = "H-8", .name = "Hélène Hubert" };

struct ids {
    int64_t i[7];               /* i[1]..i[6] */
    int64_t tally1;
};

static int64_t
add_idea(struct fixture *f, int theme, enum cs_idea_kind kind,
         enum cs_channel ch, const struct cs_person *author,
         const char *title, const char *body)
{
    struct cs_idea_new in = {
        .consultation_id = f->cons_id, .theme_id = f->theme_id[theme],
        .kind = kind, .channel = ch, .author = author, .title = title,
        .body = body, .submitted_at = "2021-03-02",
    };
    struct cs_error err;
    int64_t id = 0;

    assert_ok(cs_idea_add(f->db, &in, &id, &err));
    return id;
}

static void
add_vote(struct fixture *f, int64_t idea, const struct cs_person *p)
{
    struct cs_error err;

    assert_ok(cs_vote_add(f->db, idea, p, CS_CHANNEL_WEB, "2021-03-05",
                          NULL, &err));
}

/*
 * Consultation AG21, themes MOB (0) and ENV (1):
 *
 *   idea theme kind    channel  author status          votes     tallies
 *   I1   MOB   idea    paper    A      new             D E       5
 *   I2   MOB   finding web      B      accepted        -         -
 *   I3   MOB   idea    email    -      merged into I1  D F       -
 *   I4   ENV   idea    paper    A      hidden          D E F G   -
 *   I5   ENV   idea    workshop C      rejected        G         2
 *   I6   ENV   idea    phone    -      withdrawn       -         -
 *
 * Comments: H on I2, an anonymous one on I5.
 * Support: I1 = distinct {D, E, F} + 5 = 8 (I3 counts for it; D once);
 * I5 = 1 + 2 = 3; I4 = 4 but hidden; I3 = 0 (merged).
 *
 *          ideas findings new acc rej merged withdrawn hidden
 *   MOB      2      1      1   1   0    1       0        0
 *   ENV      3      0      0   0   1    0       1        1
 *          paper workshop web email phone votes tallies participants
 *   MOB      1      0      1    1     0     4      5    A B D E F H = 6
 *   ENV      1      1      0    0     1     5      2    A C D E F G = 6
 *   Total    2      1      1    1     1     9      7    A..H = 8
 *   top: MOB I1 (8), ENV I5 (3: I4 hidden, I6 withdrawn), total I1.
 */
static void
build_fixture(struct fixture *f, struct ids *ids)
{
    struct cs_error err;

    ids->i[1] = add_idea(f, 0, CS_KIND_IDEA, CS_CHANNEL_PAPER, &PA,
                         "Navette", "Une navette entre les sites.");
    ids->i[2] = add_idea(f, 0, CS_KIND_FINDING, CS_CHANNEL_WEB, &PB,
                         "Parking plein", "Le parking est plein à 8 h.");
    ids->i[3] = add_idea(f, 0, CS_KIND_IDEA, CS_CHANNEL_EMAIL, NULL,
                         "Bus", "Un bus entre les bâtiments.");
    ids->i[4] = add_idea(f, 1, CS_KIND_IDEA, CS_CHANNEL_PAPER, &PA,
                         "Propos injurieux", "Texte à masquer.");
    ids->i[5] = add_idea(f, 1, CS_KIND_IDEA, CS_CHANNEL_WORKSHOP, &PC,
                         "Compost", "Un compost à la cantine.");
    ids->i[6] = add_idea(f, 1, CS_KIND_IDEA, CS_CHANNEL_PHONE, NULL,
                         "Retirée", "Une idée retirée.");
    add_vote(f, ids->i[1], &PD);
    add_vote(f, ids->i[1], &PE);
    add_vote(f, ids->i[3], &PD);
    add_vote(f, ids->i[3], &PF);
    add_vote(f, ids->i[4], &PD);
    add_vote(f, ids->i[4], &PE);
    add_vote(f, ids->i[4], &PF);
    add_vote(f, ids->i[4], &PG);
    add_vote(f, ids->i[5], &PG);
    assert_ok(cs_tally_add(f->db, ids->i[1], 5, "Atelier Nord", "2021-03-10",
                           &ids->tally1, &err));
    assert_ok(cs_tally_add(f->db, ids->i[5], 2, "Urne", "2021-03-10", NULL,
                           &err));
    assert_ok(cs_comment_add(f->db, ids->i[2], &PH, "Tout à fait.", NULL,
                             &err));
    assert_ok(cs_comment_add(f->db, ids->i[5], NULL, "Bonne idée.", NULL,
                             &err));
    assert_ok(cs_idea_set_status(f->db, ids->i[2], 0, CS_STATUS_ACCEPTED,
                                 "Un second parking est prévu.", &err));
    assert_ok(cs_idea_set_status(f->db, ids->i[5], 0, CS_STATUS_REJECTED,
                                 "Pas de place en cuisine.", &err));
    assert_ok(cs_idea_set_status(f->db, ids->i[6], 0, CS_STATUS_WITHDRAWN, NULL,
                                 &err));
    assert_ok(cs_idea_merge(f->db, ids->i[3], 0, ids->i[1], &err));
    assert_ok(cs_idea_set_status(f->db, ids->i[4], 0, CS_STATUS_HIDDEN,
                                 "Injurieux.", &err));
}

/* cmocka gives each test one state pointer: keep the ids in a static. */
static struct ids g_ids;

static int
setup_fixture(void **state)
{
    int rc = fixture_setup_cons(state);

    if (rc != 0)
        return rc;
    memset(&g_ids, 0, sizeof g_ids);
    build_fixture(*state, &g_ids);
    return 0;
}

/* ---------------------------------------------------------------- summary */

static void
check_theme(const struct table *t, size_t r, long long ideas,
            long long findings, const long long st[CS_STATUS_COUNT],
            const long long ch[CS_CHANNEL_COUNT], long long votes,
            long long tallies, long long people)
{
    static const char *const sname[CS_STATUS_COUNT] = {
        "new", "reviewing", "accepted", "rejected", "implemented", "merged",
        "withdrawn", "hidden" };
    static const char *const cname[CS_CHANNEL_COUNT] = {
        "paper", "workshop", "web", "email", "phone", "other" };

    assert_int_equal(num(t, r, "ideas"), ideas);
    assert_int_equal(num(t, r, "findings"), findings);
    for (int i = 0; i < CS_STATUS_COUNT; i++)
        if (num(t, r, sname[i]) != st[i])
            fail_msg("row %zu, %s: %lld, expected %lld", r, sname[i],
                     num(t, r, sname[i]), st[i]);
    for (int i = 0; i < CS_CHANNEL_COUNT; i++)
        if (num(t, r, cname[i]) != ch[i])
            fail_msg("row %zu, %s: %lld, expected %lld", r, cname[i],
                     num(t, r, cname[i]), ch[i]);
    assert_int_equal(num(t, r, "votes"), votes);
    assert_int_equal(num(t, r, "tally_votes"), tallies);
    assert_int_equal(num(t, r, "participants"), people);
}

static void
test_summary_figures(void **state)
{
    struct fixture *f = *state;
    struct cs_export_options o;
    struct table *t;
    char id[24];
    /* new reviewing accepted rejected implemented merged withdrawn hidden */
    static const long long mob_st[] = { 1, 0, 1, 0, 0, 1, 0, 0 };
    static const long long env_st[] = { 0, 0, 0, 1, 0, 0, 1, 1 };
    static const long long all_st[] = { 1, 0, 1, 1, 0, 1, 1, 1 };
    /* paper workshop web email phone other */
    static const long long mob_ch[] = { 1, 0, 1, 1, 0, 0 };
    static const long long env_ch[] = { 1, 1, 0, 0, 1, 0 };
    static const long long all_ch[] = { 2, 1, 1, 1, 1, 0 };

    options(&o, CS_EXPORT_SUMMARY);
    t = export_ok(f->db, &o);
    assert_int_equal(t->nrows, 4);          /* header, MOB, ENV, total */
    assert_string_equal(cell(t, 1, "theme"), "MOB");
    assert_string_equal(cell(t, 1, "theme_title"), "Mobilité");
    assert_string_equal(cell(t, 2, "theme"), "ENV");
    assert_string_equal(cell(t, 3, "theme"), "");
    assert_string_equal(cell(t, 3, "theme_title"), "Total");
    check_theme(t, 1, 2, 1, mob_st, mob_ch, 4, 5, 6);
    check_theme(t, 2, 3, 0, env_st, env_ch, 5, 2, 6);
    check_theme(t, 3, 5, 1, all_st, all_ch, 9, 7, 8);
    /* Merged I3 counts for I1; hidden I4 (support 4) is not put forward. */
    snprintf(id, sizeof id, "%lld", (long long)g_ids.i[1]);
    assert_string_equal(cell(t, 1, "top_idea_id"), id);
    assert_string_equal(cell(t, 1, "top_idea_title"), "Navette");
    assert_int_equal(num(t, 1, "top_idea_support"), 8);
    snprintf(id, sizeof id, "%lld", (long long)g_ids.i[5]);
    assert_string_equal(cell(t, 2, "top_idea_id"), id);
    assert_int_equal(num(t, 2, "top_idea_support"), 3);
    snprintf(id, sizeof id, "%lld", (long long)g_ids.i[1]);
    assert_string_equal(cell(t, 3, "top_idea_id"), id);
    assert_int_equal(num(t, 3, "top_idea_support"), 8);
    table_free(t);

    /* The counts above come from the kept figures; a dated summary counts
     * the ideas themselves, and a range holding every idea agrees. */
    options(&o, CS_EXPORT_SUMMARY);
    o.since = "2000-01-01";
    t = export_ok(f->db, &o);
    check_theme(t, 1, 2, 1, mob_st, mob_ch, 4, 5, 6);
    check_theme(t, 2, 3, 0, env_st, env_ch, 5, 2, 6);
    check_theme(t, 3, 5, 1, all_st, all_ch, 9, 7, 8);
    table_free(t);
}

static void
test_summary_top_file(void **state)
{
    struct fixture *f = *state;
    struct cs_export_options o;
    struct cs_export_result res;
    struct table *t = NULL, *top = NULL;
    struct cs_error err;
    char id[24];

    options(&o, CS_EXPORT_SUMMARY);
    o.top = 5;
    assert_ok(run_export(f->db, &o, &t, &top, &res, &err));
    /* MOB: I1 (8), I2 (0); I3 merged. ENV: I5 only. */
    assert_int_equal(top->nrows, 4);
    assert_int_equal(res.top_rows, 3);
    assert_string_equal(cell(top, 1, "theme"), "MOB");
    assert_int_equal(num(top, 1, "rank"), 1);
    snprintf(id, sizeof id, "%lld", (long long)g_ids.i[1]);
    assert_string_equal(cell(top, 1, "idea_id"), id);
    assert_int_equal(num(top, 1, "support"), 8);
    assert_int_equal(num(top, 2, "rank"), 2);
    snprintf(id, sizeof id, "%lld", (long long)g_ids.i[2]);
    assert_string_equal(cell(top, 2, "idea_id"), id);
    assert_string_equal(cell(top, 3, "theme"), "ENV");
    snprintf(id, sizeof id, "%lld", (long long)g_ids.i[5]);
    assert_string_equal(cell(top, 3, "idea_id"), id);
    assert_int_equal(num(top, 3, "votes"), 1);
    assert_int_equal(num(top, 3, "tallies"), 2);
    for (size_t r = 1; r < top->nrows; r++) {
        char hidden[24];

        snprintf(hidden, sizeof hidden, "%lld", (long long)g_ids.i[4]);
        assert_string_not_equal(cell(top, r, "idea_id"), hidden);
    }
    table_free(t);
    table_free(top);
}

static void
test_summary_filters(void **state)
{
    struct fixture *f = *state;
    struct cs_export_options o;
    struct table *t;
    static const long long env_st[] = { 0, 0, 0, 1, 0, 0, 1, 1 };
    static const long long env_ch[] = { 1, 1, 0, 0, 1, 0 };
    static const long long paper_st[] = { 1, 0, 0, 0, 0, 0, 0, 1 };
    static const long long paper_ch[] = { 2, 0, 0, 0, 0, 0 };
    static const long long none_st[CS_STATUS_COUNT] = { 0 };
    static const long long none_ch[CS_CHANNEL_COUNT] = { 0 };

    options(&o, CS_EXPORT_SUMMARY);
    o.theme = "env";
    t = export_ok(f->db, &o);
    assert_int_equal(t->nrows, 3);          /* ENV and the total */
    check_theme(t, 1, 3, 0, env_st, env_ch, 5, 2, 6);
    check_theme(t, 2, 3, 0, env_st, env_ch, 5, 2, 6);
    table_free(t);

    /* Paper ideas: I1 (MOB) and I4 (ENV); their voters and authors. */
    options(&o, CS_EXPORT_SUMMARY);
    o.channel = CS_CHANNEL_PAPER;
    t = export_ok(f->db, &o);
    check_theme(t, 3, 2, 0, paper_st, paper_ch, 6, 5, 5);
    table_free(t);

    options(&o, CS_EXPORT_SUMMARY);
    o.since = "2022-01-01";
    t = export_ok(f->db, &o);
    check_theme(t, 3, 0, 0, none_st, none_ch, 0, 0, 0);
    assert_string_equal(cell(t, 3, "top_idea_id"), "");
    table_free(t);
}

static void
test_summary_needs_consultation(void **state)
{
    struct fixture *f = *state;
    struct cs_export_options o;
    struct cs_error err;

    cs_export_options_init(&o);
    o.kind = CS_EXPORT_SUMMARY;
    assert_int_equal(run_export(f->db, &o, NULL, NULL, NULL, &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "consultation");
    o.consultation = "NOPE";
    assert_int_equal(run_export(f->db, &o, NULL, NULL, NULL, &err),
                     CS_ENOTFOUND);
    o.consultation = "AG21";
    o.theme = "XYZ";
    assert_int_equal(run_export(f->db, &o, NULL, NULL, NULL, &err),
                     CS_ENOTFOUND);
    assert_string_equal(err.field, "theme");
}

/* ---------------------------------------------------------------- ideas */

static void
test_ideas_columns(void **state)
{
    struct fixture *f = *state;
    struct cs_export_options o;
    struct table *t;
    size_t r1, r3, r4;
    char id[24];

    options(&o, CS_EXPORT_IDEAS);
    o.profile = CS_PROFILE_INTERNAL_CONTACT;
    t = export_ok(f->db, &o);
    assert_int_equal(t->nrows, 7);
    /* The importer's canonical names are all there. */
    static const char *const canon[] = { "consultation", "theme", "kind",
        "title", "body", "channel", "form_ref", "submitted_at", "author_ref",
        "author_name", "service", "email", "consent", "tags", "status",
        "answer" };
    for (size_t i = 0; i < sizeof canon / sizeof canon[0]; i++)
        if (column(t, canon[i]) < 0)
            fail_msg("no column %s", canon[i]);
    snprintf(id, sizeof id, "%lld", (long long)g_ids.i[1]);
    r1 = find_row(t, "id", id);
    assert_true(r1 > 0);
    assert_string_equal(cell(t, r1, "theme"), "MOB");
    assert_string_equal(cell(t, r1, "author_name"), "Anne Aubry");
    assert_string_equal(cell(t, r1, "email"), "anne@ville.example");
    assert_string_equal(cell(t, r1, "consent"), "yes");
    assert_int_equal(num(t, r1, "votes_web"), 2);
    assert_int_equal(num(t, r1, "votes_paper"), 0);
    assert_int_equal(num(t, r1, "votes"), 2);
    assert_int_equal(num(t, r1, "tallies"), 5);
    assert_int_equal(num(t, r1, "support"), 8);
    snprintf(id, sizeof id, "%lld", (long long)g_ids.i[3]);
    r3 = find_row(t, "id", id);
    assert_string_equal(cell(t, r3, "status"), "merged");
    snprintf(id, sizeof id, "%lld", (long long)g_ids.i[1]);
    assert_string_equal(cell(t, r3, "merged_into"), id);
    assert_int_equal(num(t, r3, "support"), 0);
    assert_string_equal(cell(t, r3, "author_name"), "");
    snprintf(id, sizeof id, "%lld", (long long)g_ids.i[4]);
    r4 = find_row(t, "id", id);
    assert_string_equal(cell(t, r4, "hidden"), "yes");
    assert_string_equal(cell(t, r4, "hidden_reason"), "Injurieux.");
    snprintf(id, sizeof id, "%lld", (long long)g_ids.i[2]);
    assert_string_equal(cell(t, find_row(t, "id", id), "answer"),
                        "Un second parking est prévu.");
    assert_int_equal(num(t, find_row(t, "id", id), "comments"), 1);
    assert_true(column(t, "author") < 0);   /* no pseudonym here */
    table_free(t);
}

static void
test_ideas_codir_pseudonyms(void **state)
{
    struct fixture *f = *state;
    struct cs_export_options o;
    struct table *t, *t2;
    char id1[24], id4[24], id2[24];
    size_t r1, r4, r2;

    options(&o, CS_EXPORT_IDEAS);
    t = export_ok(f->db, &o);       /* codir by default */
    assert_true(column(t, "author_name") < 0);
    assert_true(column(t, "email") < 0);
    assert_true(column(t, "author_ref") < 0);
    assert_true(column(t, "entered_by") >= 0);
    for (size_t i = 0; i < t->len; i++)
        assert_true(strncmp(t->raw + i, "Anne", 4) != 0);
    snprintf(id1, sizeof id1, "%lld", (long long)g_ids.i[1]);
    snprintf(id4, sizeof id4, "%lld", (long long)g_ids.i[4]);
    snprintf(id2, sizeof id2, "%lld", (long long)g_ids.i[2]);
    r1 = find_row(t, "id", id1);
    r4 = find_row(t, "id", id4);
    r2 = find_row(t, "id", id2);
    /* The same author (A wrote I1 and I4) has the same pseudonym. */
    assert_int_equal(strlen(cell(t, r1, "author")), 18);
    assert_memory_equal(cell(t, r1, "author"), "p-", 2);
    assert_string_equal(cell(t, r1, "author"), cell(t, r4, "author"));
    assert_string_not_equal(cell(t, r1, "author"), cell(t, r2, "author"));
    /* Another export, another key: nothing links the two. */
    t2 = export_ok(f->db, &o);
    assert_string_not_equal(cell(t, r1, "author"), cell(t2, r1, "author"));
    table_free(t);
    table_free(t2);
}

static void
test_open_data(void **state)
{
    struct fixture *f = *state;
    struct cs_export_options o;
    struct table *t;
    char id4[24];

    options(&o, CS_EXPORT_IDEAS);
    o.profile = CS_PROFILE_OPEN_DATA;
    t = export_ok(f->db, &o);
    snprintf(id4, sizeof id4, "%lld", (long long)g_ids.i[4]);
    assert_int_equal(t->nrows, 6);          /* I4 (hidden) left out */
    assert_int_equal(find_row(t, "id", id4), 0);
    assert_true(column(t, "author") < 0);
    assert_true(column(t, "entered_by") < 0);
    assert_true(column(t, "author_name") < 0);
    table_free(t);

    /* Votes on the hidden idea are left out too: 9 - 4. */
    options(&o, CS_EXPORT_VOTES);
    o.profile = CS_PROFILE_OPEN_DATA;
    t = export_ok(f->db, &o);
    assert_int_equal(t->nrows, 1 + 5);
    assert_true(column(t, "voter") < 0);
    table_free(t);

    options(&o, CS_EXPORT_PARTICIPANTS);
    o.profile = CS_PROFILE_OPEN_DATA;
    {
        struct cs_error err;

        assert_int_equal(run_export(f->db, &o, NULL, NULL, NULL, &err),
                         CS_EINVAL);
        assert_string_equal(err.field, "profile");
    }
}

/* ---------------------------------------------------------------- lists */

static void
test_votes_tallies_comments(void **state)
{
    struct fixture *f = *state;
    struct cs_export_options o;
    struct table *t;
    const char *d = NULL;
    int seen_d = 0;
    char id1[24];

    options(&o, CS_EXPORT_VOTES);
    t = export_ok(f->db, &o);
    assert_int_equal(t->nrows, 10);
    /* Voter D voted on I1, I3, I4: one pseudonym, three times. */
    for (size_t r = 1; r < t->nrows; r++) {
        const char *v = cell(t, r, "voter");

        assert_memory_equal(v, "p-", 2);
        if (r == 1)
            d = v;
        if (strcmp(v, d) == 0)
            seen_d++;
    }
    assert_int_equal(seen_d, 3);
    assert_string_equal(cell(t, 1, "channel"), "web");
    assert_string_equal(cell(t, 1, "voted_at"), "2021-03-05");
    table_free(t);

    options(&o, CS_EXPORT_VOTES);
    o.profile = CS_PROFILE_INTERNAL_CONTACT;
    t = export_ok(f->db, &o);
    assert_string_equal(cell(t, 1, "participant_name"), "David Dumont");
    assert_string_equal(cell(t, 1, "participant_ref"), "D-4");
    table_free(t);

    options(&o, CS_EXPORT_TALLIES);
    t = export_ok(f->db, &o);
    assert_int_equal(t->nrows, 3);
    snprintf(id1, sizeof id1, "%lld", (long long)g_ids.i[1]);
    assert_string_equal(cell(t, 1, "idea_id"), id1);
    assert_int_equal(num(t, 1, "count"), 5);
    assert_string_equal(cell(t, 1, "source"), "Atelier Nord");
    assert_true(column(t, "entered_by") < 0);   /* open data by default */
    table_free(t);

    options(&o, CS_EXPORT_COMMENTS);
    o.profile = CS_PROFILE_INTERNAL_CONTACT;
    t = export_ok(f->db, &o);
    assert_int_equal(t->nrows, 3);
    assert_string_equal(cell(t, 1, "body"), "Tout à fait.");
    assert_string_equal(cell(t, 1, "author_name"), "Hélène Hubert");
    assert_string_equal(cell(t, 2, "author_name"), "");
    table_free(t);
}

static void
test_participants_and_audit(void **state)
{
    struct fixture *f = *state;
    struct cs_export_options o;
    struct table *t;
    size_t ra;

    options(&o, CS_EXPORT_PARTICIPANTS);
    t = export_ok(f->db, &o);
    assert_int_equal(t->nrows, 9);          /* A..H */
    ra = find_row(t, "ref", "A-1");
    assert_string_equal(cell(t, ra, "name"), "Anne Aubry");
    assert_int_equal(num(t, ra, "ideas"), 2);
    assert_int_equal(num(t, ra, "votes"), 0);
    assert_int_equal(num(t, find_row(t, "ref", "D-4"), "votes"), 3);
    assert_int_equal(num(t, find_row(t, "ref", "H-8"), "comments"), 1);
    table_free(t);

    options(&o, CS_EXPORT_PARTICIPANTS);
    o.profile = CS_PROFILE_CODIR;
    t = export_ok(f->db, &o);
    assert_true(column(t, "name") < 0);
    assert_true(column(t, "participant") >= 0);
    table_free(t);

    cs_export_options_init(&o);
    o.kind = CS_EXPORT_AUDIT;
    t = export_ok(f->db, &o);
    assert_int_equal((long long)t->nrows - 1,
                     fixture_count(f, "SELECT count(*) FROM audit"));
    /* A new database's journal is keyed from its first row. */
    assert_string_equal(cell(t, 1, "action"), "key");
    assert_string_equal(cell(t, 2, "action"), "add");
    table_free(t);
}

static void
test_decisions_and_answers(void **state)
{
    struct fixture *f = *state;
    struct cs_export_options o;
    struct cs_error err;
    struct table *t;
    char id[24];
    size_t r;

    options(&o, CS_EXPORT_DECISIONS);
    t = export_ok(f->db, &o);
    assert_int_equal(t->nrows, 3);          /* I2 accepted, I5 rejected */
    assert_string_equal(cell(t, 1, "theme"), "MOB");
    assert_string_equal(cell(t, 1, "status"), "accepted");
    assert_string_equal(cell(t, 2, "status"), "rejected");
    assert_string_equal(cell(t, 2, "answer"), "Pas de place en cuisine.");
    assert_int_equal(strlen(cell(t, 2, "decided_on")), 10);
    assert_string_equal(cell(t, 1, "current"), "1");
    assert_string_equal(cell(t, 2, "current"), "1");
    table_free(t);

    /* Answers are history: a reopening keeps the decision's row (no
     * longer current), and a new decision adds one. */
    assert_ok(cs_idea_set_status(f->db, g_ids.i[5], 0, CS_STATUS_REVIEWING,
                                 NULL, &err));
    t = export_ok(f->db, &o);
    assert_int_equal(t->nrows, 3);
    assert_string_equal(cell(t, 2, "answer"), "Pas de place en cuisine.");
    assert_string_equal(cell(t, 2, "current"), "0");
    table_free(t);
    assert_ok(cs_idea_set_status(f->db, g_ids.i[5], 0, CS_STATUS_ACCEPTED,
                                 "Une cuisine est prévue en 2027.", &err));
    t = export_ok(f->db, &o);
    assert_int_equal(t->nrows, 4);
    assert_string_equal(cell(t, 2, "status"), "rejected");
    assert_string_equal(cell(t, 2, "current"), "0");
    assert_string_equal(cell(t, 3, "status"), "accepted");
    assert_string_equal(cell(t, 3, "answer"),
                        "Une cuisine est prévue en 2027.");
    assert_string_equal(cell(t, 3, "current"), "1");
    assert_string_equal(cell(t, 3, "idea_id"), cell(t, 2, "idea_id"));
    table_free(t);
    /* The status filter takes the decision's status. */
    o.status = CS_STATUS_REJECTED;
    t = export_ok(f->db, &o);
    assert_int_equal(t->nrows, 2);
    assert_string_equal(cell(t, 1, "answer"), "Pas de place en cuisine.");
    table_free(t);
    assert_ok(cs_idea_set_status(f->db, g_ids.i[5], 0, CS_STATUS_REJECTED,
                                 "Pas de place en cuisine.", &err));

    /* I1 gets an answer: the author of I3, merged into it, gets it too. */
    assert_ok(cs_idea_set_status(f->db, g_ids.i[1], 0, CS_STATUS_IMPLEMENTED,
                                 "La navette roule depuis mai.", &err));
    options(&o, CS_EXPORT_ANSWERS);
    t = export_ok(f->db, &o);               /* internal-contact */
    assert_int_equal(t->nrows, 5);          /* I1, I2, I3, I5 */
    snprintf(id, sizeof id, "%lld", (long long)g_ids.i[1]);
    r = find_row(t, "idea_id", id);
    assert_string_equal(cell(t, r, "author_name"), "Anne Aubry");
    assert_string_equal(cell(t, r, "email"), "anne@ville.example");
    assert_string_equal(cell(t, r, "consent"), "yes");
    snprintf(id, sizeof id, "%lld", (long long)g_ids.i[3]);
    r = find_row(t, "idea_id", id);
    assert_string_equal(cell(t, r, "status"), "merged");
    assert_string_equal(cell(t, r, "answer"), "La navette roule depuis mai.");
    snprintf(id, sizeof id, "%lld", (long long)g_ids.i[1]);
    assert_string_equal(cell(t, r, "merged_into"), id);
    assert_string_equal(cell(t, r, "consent"), "");     /* anonymous */
    /* Bruno gave no consent: his idea is answered, without his contact. */
    snprintf(id, sizeof id, "%lld", (long long)g_ids.i[2]);
    r = find_row(t, "idea_id", id);
    assert_string_equal(cell(t, r, "consent"), "no");
    assert_string_equal(cell(t, r, "author_name"), "");
    assert_string_equal(cell(t, r, "service"), "");
    table_free(t);

    options(&o, CS_EXPORT_ANSWERS);
    o.status = CS_STATUS_REJECTED;
    t = export_ok(f->db, &o);
    assert_int_equal(t->nrows, 2);
    table_free(t);
}

static void
test_participation(void **state)
{
    struct fixture *f = *state;
    struct cs_export_options o;
    struct table *t;
    size_t r;

    options(&o, CS_EXPORT_PARTICIPATION);
    t = export_ok(f->db, &o);
    r = find_row(t, "section", "total");
    assert_int_equal(num(t, r, "participants"), 8);
    assert_int_equal(num(t, r, "ideas"), 6);
    assert_int_equal(num(t, r, "votes"), 9);
    assert_int_equal(num(t, r, "comments"), 2);
    /* Everyone in the fixture came by paper (the default channel). */
    r = find_row(t, "key", "paper");
    assert_int_equal(num(t, r, "participants"), 8);
    assert_int_equal(num(t, r, "ideas"), 2);
    r = find_row(t, "key", "web");
    assert_int_equal(num(t, r, "votes"), 9);
    /* A and C have an email: 6 of 8 without. */
    r = find_row(t, "key", "without_email");
    assert_int_equal(num(t, r, "participants"), 6);
    assert_string_equal(cell(t, r, "share_percent"), "75.0");
    r = find_row(t, "key", "Population");
    assert_int_equal(num(t, r, "participants"), 1);
    assert_int_equal(num(t, r, "ideas"), 2);
    /* Week of 2021-03-01: 6 ideas (submitted 03-02), 9 votes (03-05). */
    r = find_row(t, "week_start", "2021-03-01");
    assert_true(r > 0);
    assert_int_equal(num(t, r, "ideas"), 6);
    assert_int_equal(num(t, r, "votes"), 9);
    table_free(t);

    /* With ";" (French spreadsheets), a decimal comma. */
    options(&o, CS_EXPORT_PARTICIPATION);
    o.csv.delimiter = ';';
    t = export_ok(f->db, &o);
    assert_string_equal(cell(t, find_row(t, "key", "without_email"),
                             "share_percent"), "75,0");
    table_free(t);
}

/* ---------------------------------------------------------------- roles */

static void
test_roles(void **state)
{
    struct fixture *f = *state;
    struct cs_export_options o;
    struct cs_error err;
    struct cs_db *viewer;
    struct table *t;
    long long before;

    assert_ok(cs_user_add(f->db, "vera", CS_ROLE_VIEWER, &err));
    viewer = fixture_open_as(f, "vera");
    options(&o, CS_EXPORT_SUMMARY);
    t = export_ok(viewer, &o);
    assert_int_equal(t->nrows, 4);
    table_free(t);
    options(&o, CS_EXPORT_IDEAS);
    t = export_ok(viewer, &o);              /* codir: allowed */
    table_free(t);
    o.profile = CS_PROFILE_INTERNAL_CONTACT;
    assert_int_equal(run_export(viewer, &o, NULL, NULL, NULL, &err),
                     CS_EPERM);
    options(&o, CS_EXPORT_PARTICIPANTS);
    o.profile = CS_PROFILE_CODIR;
    assert_int_equal(run_export(viewer, &o, NULL, NULL, NULL, &err),
                     CS_EPERM);
    options(&o, CS_EXPORT_ANSWERS);        /* internal-contact by default */
    assert_int_equal(run_export(viewer, &o, NULL, NULL, NULL, &err),
                     CS_EPERM);
    cs_db_close(viewer);

    /* A personal-data export leaves a journal row; a codir one does not. */
    before = fixture_count(f, "SELECT count(*) FROM audit"
                              " WHERE action = 'export'");
    options(&o, CS_EXPORT_IDEAS);
    table_free(export_ok(f->db, &o));
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit"
                                      " WHERE action = 'export'"), before);
    o.profile = CS_PROFILE_INTERNAL_CONTACT;
    table_free(export_ok(f->db, &o));
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit"
                                      " WHERE action = 'export'"),
                     before + 1);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
        " action = 'export' AND json_extract(after, '$.profile')"
        " = 'internal-contact' AND json_extract(after, '$.kind') = 'ideas'"),
        before + 1);
}

/* ---------------------------------------------------------------- format */

/* Run `sql` on the fixture's file through a plain SQLite connection (data
 * that did not come through the core, as another tool could write it). */
static void
raw_exec(struct fixture *f, const char *sql)
{
    sqlite3 *s = NULL;

    assert_int_equal(sqlite3_open(f->path, &s), SQLITE_OK);
    if (sqlite3_exec(s, sql, NULL, NULL, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(s));
    sqlite3_close(s);
}

static void
test_formula_neutralised(void **state)
{
    struct fixture *f = *state;
    /* Every character a spreadsheet starts a formula with: = + - @, TAB
     * and CR (those two written past the core, which trims them), and a
     * cell already marked, which gets one more mark. */
    static const char *const evil[] = {
        "=HYPERLINK(\"http://x.example\",\"clic\")", "+33 6 12 34 56 78",
        "-2+3", "@SUM(A1:A9)", "\tcmd", "\r=1+1", "'=déjà marqué",
    };
    enum { N = sizeof evil / sizeof evil[0] };
    struct cs_export_options o;
    int64_t id[N];
    struct table *t;

    for (size_t i = 0; i < N; i++)
        id[i] = add_idea(f, 0, CS_KIND_IDEA, CS_CHANNEL_PAPER, NULL,
                         i == 4 || i == 5 ? "placeholder" : evil[i],
                         "Corps.");
    {
        char sql[200];

        snprintf(sql, sizeof sql, "UPDATE idea SET title = char(9) ||"
                 " 'cmd' WHERE id = %lld;"
                 "UPDATE idea SET title = char(13) || '=1+1' WHERE id = %lld",
                 (long long)id[4], (long long)id[5]);
        raw_exec(f, sql);
    }
    options(&o, CS_EXPORT_IDEAS);
    o.theme = "MOB";
    t = export_ok(f->db, &o);
    for (size_t i = 0; i < N; i++) {
        char key[24];
        size_t r;

        snprintf(key, sizeof key, "%lld", (long long)id[i]);
        r = find_row(t, "id", key);
        assert_true(r > 0);
        /* Written with an apostrophe in front; the importer's
         * cs_csv_unneutralise gives back exactly what was stored. */
        if (cell(t, r, "title")[0] != '\'')
            fail_msg("not neutralised: %s", evil[i]);
        assert_string_equal(cell(t, r, "title") + 1, evil[i]);
        assert_string_equal(cs_csv_unneutralise(cell(t, r, "title")),
                            evil[i]);
    }
    /* Numbers are never marked. */
    assert_true(cell(t, 1, "id")[0] != '\'');
    table_free(t);
}

static void
test_excel_and_french(void **state)
{
    struct fixture *f = *state;
    struct cs_export_options o;
    struct table *t;

    options(&o, CS_EXPORT_SUMMARY);
    o.csv.bom = true;
    o.csv.crlf = true;
    o.csv.delimiter = ';';
    o.french_headers = true;
    t = export_ok(f->db, &o);
    assert_memory_equal(t->raw, "\xEF\xBB\xBF" "thème;titre du thème;", 25);
    assert_non_null(strstr(t->raw, "\r\n"));
    assert_int_equal(num(t, 1, "idées"), 2);
    assert_int_equal(num(t, 3, "participants"), 8);
    table_free(t);

    options(&o, CS_EXPORT_IDEAS);
    t = export_ok(f->db, &o);
    assert_null(strchr(t->raw, '\r'));      /* LF by default */
    assert_memory_equal(t->raw, "id,consultation,theme,", 22);
    table_free(t);
}

static void
test_filters_refused(void **state)
{
    struct fixture *f = *state;
    struct cs_export_options o;
    struct cs_error err;

    cs_export_options_init(&o);
    o.kind = CS_EXPORT_AUDIT;
    o.consultation = "AG21";
    assert_int_equal(run_export(f->db, &o, NULL, NULL, NULL, &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "consultation");
    options(&o, CS_EXPORT_VOTES);
    o.status = CS_STATUS_NEW;
    assert_int_equal(run_export(f->db, &o, NULL, NULL, NULL, &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "status");
    options(&o, CS_EXPORT_IDEAS);
    o.top = 3;
    assert_int_equal(run_export(f->db, &o, NULL, NULL, NULL, &err),
                     CS_EINVAL);
    options(&o, CS_EXPORT_IDEAS);
    o.since = "31/02/2021x";
    assert_int_equal(run_export(f->db, &o, NULL, NULL, NULL, &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "since");
    options(&o, CS_EXPORT_IDEAS);
    o.since = "2021-04-01";
    o.until = "2021-03-01";
    assert_int_equal(run_export(f->db, &o, NULL, NULL, NULL, &err),
                     CS_EINVAL);
    options(&o, CS_EXPORT_IDEAS);
    o.theme = "MOB";
    o.consultation = NULL;
    assert_int_equal(run_export(f->db, &o, NULL, NULL, NULL, &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "theme");
}

static void
test_date_filters(void **state)
{
    struct fixture *f = *state;
    struct cs_export_options o;
    struct table *t;

    options(&o, CS_EXPORT_IDEAS);
    o.until = "2021-03-02";                 /* the whole day */
    t = export_ok(f->db, &o);
    assert_int_equal(t->nrows, 7);
    table_free(t);
    options(&o, CS_EXPORT_IDEAS);
    o.since = "2021-03-03";
    t = export_ok(f->db, &o);
    assert_int_equal(t->nrows, 1);
    table_free(t);
    options(&o, CS_EXPORT_VOTES);
    o.since = "05/03/2021";
    o.until = "2021-03-05";
    t = export_ok(f->db, &o);
    assert_int_equal(t->nrows, 10);
    table_free(t);
    options(&o, CS_EXPORT_TALLIES);
    o.until = "2021-03-09";
    t = export_ok(f->db, &o);
    assert_int_equal(t->nrows, 1);
    table_free(t);
}

/* ---------------------------------------------------------------- as-of */

/* Sleep into the next second: as-of times have a resolution of one. */
static void
next_second(char out[32])
{
    time_t start = time(NULL);
    struct tm tm;

    gmtime_r(&start, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
    while (time(NULL) == start)
        usleep(20000);
}

/* An export's bytes. */
static char *
export_bytes(struct cs_db *db, const struct cs_export_options *o,
             size_t *len)
{
    char *buf = NULL;
    FILE *fp = open_memstream(&buf, len);
    struct cs_error err;

    assert_ok(cs_export_write(db, o, fp, NULL, NULL, &err));
    fclose(fp);
    return buf;
}

/* Fail, showing the first line where two exports differ. */
static void
show_difference(const char *kind, const char *at, const char *a, size_t alen,
                const char *b, size_t blen)
{
    size_t i = 0, line = 0, sa, sb;

    while (i < alen && i < blen && a[i] == b[i])
        i++;
    sa = i;
    while (sa > 0 && a[sa - 1] != '\n')
        sa--;
    for (size_t k = 0; k < sa; k++)
        line += a[k] == '\n';
    sb = sa;
    fail_msg("%s as of %s differs from the export made then, line %zu:\n"
             "then:  %.*s\nas of: %.*s", kind, at, line + 1,
             (int)strcspn(a + sa, "\n"), a + sa,
             (int)strcspn(b + sb, "\n"), b + sb);
}

/* Every export of `kinds` now, with contact details, into then[k] (owned)
 * and then_len[k]; then waits into the next second, written to `at`. */
static void
export_all_then(struct cs_db *db, const enum cs_export_kind *kinds, size_t n,
                char **then, size_t *then_len, char at[32])
{
    struct cs_export_options o;

    for (size_t k = 0; k < n; k++) {
        options(&o, kinds[k]);
        o.profile = CS_PROFILE_INTERNAL_CONTACT;
        then[k] = export_bytes(db, &o, &then_len[k]);
    }
    next_second(at);
}

/* Each export of `kinds` now differs from then[k] (what `changes` did
 * shows), and the same export as of `at` is then[k] byte for byte. Frees
 * then[k]. */
static void
assert_as_of_gives_then(struct cs_db *db, const enum cs_export_kind *kinds,
                        size_t n, char **then, const size_t *then_len,
                        const char *at, const char *changes)
{
    struct cs_export_options o;

    for (size_t k = 0; k < n; k++) {
        size_t len_now, len_then;
        char *now, *again;

        options(&o, kinds[k]);
        o.profile = CS_PROFILE_INTERNAL_CONTACT;
        now = export_bytes(db, &o, &len_now);
        if (len_now == then_len[k] && memcmp(now, then[k], len_now) == 0)
            fail_msg("%s: no sign of %s", cs_export_kind_name(kinds[k]),
                     changes);
        o.as_of = at;
        again = export_bytes(db, &o, &len_then);
        if (len_then != then_len[k] || memcmp(again, then[k], len_then) != 0)
            show_difference(cs_export_kind_name(kinds[k]), at, then[k],
                            then_len[k], again, len_then);
        free(now);
        free(again);
        free(then[k]);
    }
}

static void
test_as_of(void **state)
{
    static const enum cs_export_kind kinds[] = {
        CS_EXPORT_IDEAS, CS_EXPORT_VOTES, CS_EXPORT_TALLIES,
        CS_EXPORT_COMMENTS, CS_EXPORT_DECISIONS, CS_EXPORT_SUMMARY,
        CS_EXPORT_PARTICIPATION, CS_EXPORT_ANSWERS, CS_EXPORT_PARTICIPANTS,
    };
    enum { NK = sizeof kinds / sizeof kinds[0] };
    struct fixture *f = *state;
    struct cs_error err;
    char *then[NK], at[32];
    size_t then_len[NK];
    int64_t vote_id = 0, late;

    assert_ok(cs_idea_tag(f->db, g_ids.i[1], 0, "Mobilité douce", false, &err));
    export_all_then(f->db, kinds, NK, then, then_len, at);

    /* Later: votes, a deleted vote, a corrected tally, statuses, an
     * unmerge, a merge, a tag taken off, an edited text, a new idea, a
     * hidden comment. */
    add_vote(f, g_ids.i[2], &PA);
    assert_ok(cs_vote_delete(f->db, 1, &err));      /* D's on I1, then */
    assert_ok(cs_vote_add(f->db, g_ids.i[1], &PG, CS_CHANNEL_PAPER, NULL,
                          &vote_id, &err));
    assert_ok(cs_vote_delete(f->db, vote_id, &err));
    assert_ok(cs_tally_update(f->db, g_ids.tally1, 50, &err));
    assert_ok(cs_idea_set_status(f->db, g_ids.i[1], 0, CS_STATUS_ACCEPTED,
                                 "Oui.", &err));
    assert_ok(cs_idea_unmerge(f->db, g_ids.i[3], 0, &err));
    assert_ok(cs_idea_merge(f->db, g_ids.i[2], 0, g_ids.i[1], &err));
    assert_ok(cs_idea_set_status(f->db, g_ids.i[4], 0, CS_STATUS_NEW, NULL,
                                 &err));
    assert_ok(cs_idea_tag(f->db, g_ids.i[1], 0, "mobilité douce", true, &err));
    {
        struct cs_idea_change ch = { .title = "Navette électrique" };

        assert_ok(cs_idea_update(f->db, g_ids.i[1], 0, &ch, &err));
    }
    late = add_idea(f, 1, CS_KIND_FINDING, CS_CHANNEL_WEB, &PH, "Tardive",
                    "Arrivée après.");
    add_vote(f, late, &PB);
    assert_ok(cs_comment_hide(f->db, 1, "Hors sujet.", &err));
    /* A rejection reopened, then reversed: as of then, the rejection is
     * the answer (ideas, answers) and the current decision. */
    assert_ok(cs_idea_set_status(f->db, g_ids.i[5], 0, CS_STATUS_REVIEWING,
                                 NULL, &err));
    assert_ok(cs_idea_set_status(f->db, g_ids.i[5], 0, CS_STATUS_ACCEPTED,
                                 "Finalement oui.", &err));

    assert_as_of_gives_then(f->db, kinds, NK, then, then_len, at,
                            "the later changes");
}

/* Imports journal their batch, not their rows: as-of exports still give
 * back what the files held then, and leave out a batch imported later
 * (undone or not). */
static void
test_as_of_imports(void **state)
{
    static const enum cs_export_kind kinds[] = {
        CS_EXPORT_IDEAS, CS_EXPORT_VOTES, CS_EXPORT_TALLIES,
        CS_EXPORT_SUMMARY, CS_EXPORT_ANSWERS,
    };
    enum { NK = sizeof kinds / sizeof kinds[0] };
    struct fixture *f = *state;
    struct cs_error err;
    char *then[NK], at[32];
    size_t then_len[NK];
    int64_t late_votes, tally_id = 0, idea_f2 = 0;

    fixture_import(f, CS_IMPORT_IDEAS, "ideas.csv",
        "consultation,theme,title,body,form_ref,author_ref,author_name,"
        "consent,tags,status,answer\n"
        "AG21,MOB,Navette,Une navette.,F1,A-1,Anne,oui,vélo;bus,,\n"
        "AG21,ENV,Compost,Un compost.,F2,B-2,Bruno,non,,accepted,Oui.\n"
        "AG21,ENV,Tri,Le tri.,F3,,,,,,\n");
    fixture_import(f, CS_IMPORT_VOTES, "votes.csv",
        "consultation,idea_form_ref,participant_ref,participant_name\n"
        "AG21,F1,D-4,David\nAG21,F1,E-5,Emma\nAG21,F2,D-4,David\n");
    fixture_import(f, CS_IMPORT_TALLIES, "tallies.csv",
        "consultation,idea_form_ref,count,source\nAG21,F3,12,Urne\n");
    add_vote(f, 1, &PG);                    /* keyed in on F1 */
    export_all_then(f->db, kinds, NK, then, then_len, at);

    /* Later: changes to imported rows, and batches imported later. */
    idea_f2 = 2;
    assert_ok(cs_idea_set_status(f->db, idea_f2, 0, CS_STATUS_IMPLEMENTED,
                                 "Fait.", &err));
    assert_ok(cs_vote_delete(f->db, 1, &err));      /* imported: D on F1 */
    tally_id = 1;
    assert_ok(cs_tally_update(f->db, tally_id, 3, &err));
    assert_ok(cs_idea_tag(f->db, 1, 0, "bus", true, &err));
    fixture_import(f, CS_IMPORT_IDEAS, "more.csv",
        "consultation,theme,title,body,form_ref\n"
        "AG21,MOB,Tardive,Arrivée après.,F4\n");
    late_votes = fixture_import(f, CS_IMPORT_VOTES, "late-votes.csv",
        "consultation,idea_form_ref,participant_ref\n"
        "AG21,F4,H-8\nAG21,F3,H-8\n");
    assert_ok(cs_import_undo(f->db, late_votes, NULL, &err));
    fixture_import(f, CS_IMPORT_VOTES, "late-votes2.csv",
        "consultation,idea_form_ref,participant_ref\nAG21,F3,F-6\n");

    assert_as_of_gives_then(f->db, kinds, NK, then, then_len, at,
                            "the later changes");
}

/* An undo journals what it removes: an as-of export for a moment before
 * the undo gives back, byte for byte, the files made at that moment. The
 * people come from their own batch, which stays (an undo removes the
 * people its batch created, and the journal keeps no names). */
static void
test_as_of_undo(void **state)
{
    static const enum cs_export_kind kinds[] = {
        CS_EXPORT_IDEAS, CS_EXPORT_VOTES, CS_EXPORT_TALLIES,
        CS_EXPORT_SUMMARY, CS_EXPORT_ANSWERS, CS_EXPORT_DECISIONS,
    };
    enum { NK = sizeof kinds / sizeof kinds[0] };
    struct fixture *f = *state;
    struct cs_error err;
    char *then[NK], at[32];
    size_t then_len[NK];
    int64_t ideas, votes, tallies;

    fixture_import(f, CS_IMPORT_PARTICIPANTS, "people.csv",
        "ref,name,service,consent\n"
        "P-1,Anne,Travaux,oui\nP-2,Bruno,RH,non\nP-3,Chloé,RH,oui\n");
    ideas = fixture_import(f, CS_IMPORT_IDEAS, "ideas.csv",
        "consultation,theme,title,body,form_ref,author_ref,tags,status,"
        "answer\n"
        "AG21,MOB,Navette,Une navette.,U1,P-1,vélo;bus,,\n"
        "AG21,ENV,Compost,Un compost.,U2,P-2,,accepted,Oui.\n"
        "AG21,ENV,Tri,\"Le tri,\n sélectif.\",U3,,,rejected,Non.\n");
    votes = fixture_import(f, CS_IMPORT_VOTES, "votes.csv",
        "consultation,idea_form_ref,participant_ref\n"
        "AG21,U1,P-3\nAG21,U1,P-2\nAG21,U2,P-3\n");
    tallies = fixture_import(f, CS_IMPORT_TALLIES, "tallies.csv",
        "consultation,idea_form_ref,count,source\nAG21,U3,7,Urne\n");
    export_all_then(f->db, kinds, NK, then, then_len, at);

    assert_ok(cs_import_undo(f->db, tallies, NULL, &err));
    assert_ok(cs_import_undo(f->db, votes, NULL, &err));
    assert_ok(cs_import_undo(f->db, ideas, NULL, &err));
    /* One journal row per record removed, with the record before. */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
        " action = 'delete' AND tbl = 'idea' AND after IS NULL"
        " AND json_extract(before, '$.form_ref') LIKE 'U_'"), 3);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
        " action = 'delete' AND tbl = 'vote'"), 3);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
        " action = 'delete' AND tbl = 'tally'"), 1);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
        " action = 'untag' AND tbl = 'idea_tag'"), 2);

    assert_as_of_gives_then(f->db, kinds, NK, then, then_len, at,
                            "the undo");
}

static void
test_as_of_before_anything(void **state)
{
    struct fixture *f = *state;
    struct cs_export_options o;
    struct cs_export_result res;
    struct cs_error err;
    struct table *t;

    /* Before the first idea, a summary would be zeros: refused, naming
     * the day of the first idea; the journal may still be exported. */
    options(&o, CS_EXPORT_SUMMARY);
    o.as_of = "2000-01-01";
    assert_int_equal(run_export(f->db, &o, NULL, NULL, &res, &err),
                     CS_ENOTFOUND);
    assert_non_null(strstr(err.msg, "2000-01-01"));
    cs_export_options_init(&o);
    o.kind = CS_EXPORT_AUDIT;
    o.as_of = "2000-01-01";
    t = export_ok(f->db, &o);
    assert_int_equal(t->nrows, 1);
    table_free(t);
    options(&o, CS_EXPORT_IDEAS);
    o.as_of = "not a date";
    assert_int_equal(run_export(f->db, &o, NULL, NULL, NULL, &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "as_of");
}

/* ---------------------------------------------------------------- manifest */

static void
test_manifest(void **state)
{
    struct fixture *f = *state;
    struct cs_export_options o;
    struct cs_export_result res;
    struct cs_export_check chk;
    struct cs_error err;
    char path[400], man[420], top[420], head[CS_HASH_HEX];
    char *text, *data;
    size_t len;
    int64_t rows;

    snprintf(path, sizeof path, "%s/summary.csv", f->dir);
    snprintf(man, sizeof man, "%s/summary.csv.manifest", f->dir);
    snprintf(top, sizeof top, "%s/summary-top.csv", f->dir);
    options(&o, CS_EXPORT_SUMMARY);
    o.top = 2;
    assert_ok(cs_export_file(f->db, &o, path, NULL, NULL, &res, &err));
    assert_int_equal(res.rows, 3);
    assert_int_equal(res.top_rows, 3);
    assert_int_equal(access(top, R_OK), 0);
    text = read_file(man, NULL);
    assert_non_null(strstr(text, "kind: summary\n"));
    assert_non_null(strstr(text, "profile: codir\n"));
    assert_non_null(strstr(text, "consultation: AG21\n"));
    assert_non_null(strstr(text, "rows: 3\n"));
    assert_non_null(strstr(text, "top_file: summary-top.csv\n"));
    assert_non_null(strstr(text, "created_by: alice\n"));
    assert_ok(cs_audit_verify(f->db, &rows, NULL, head, &err));
    {
        char line[120];

        snprintf(line, sizeof line, "audit_head: %s\n", head);
        assert_non_null(strstr(text, line));
        snprintf(line, sizeof line, "audit_id: %lld\n", (long long)rows);
        assert_non_null(strstr(text, line));
    }
    free(text);

    assert_ok(cs_export_verify(path, NULL, &chk, &err));
    assert_true(chk.sha256_ok && chk.rows_ok && chk.bytes_ok);
    assert_true(chk.top_checked && chk.top_ok);
    assert_int_equal(chk.rows, 3);
    assert_ok(cs_export_check_journal(f->db, &chk, &err));

    /* One figure changed by hand: same size, same rows, another digest. */
    data = read_file(path, &len);
    {
        char *p = strstr(data, "\nMOB,Mobilité,2,");

        assert_non_null(p);
        p[strlen("\nMOB,Mobilité,")] = '7';
    }
    write_file(path, data, len);
    assert_int_equal(cs_export_verify(path, NULL, &chk, &err), CS_ECONFLICT);
    assert_false(chk.sha256_ok);
    assert_true(chk.rows_ok && chk.bytes_ok);
    assert_non_null(strstr(err.msg, "SHA-256"));
    /* A row taken out. */
    *strrchr(data, '\n') = '\0';
    *(strrchr(data, '\n') + 1) = '\0';
    write_file(path, data, strlen(data));
    assert_int_equal(cs_export_verify(path, NULL, &chk, &err), CS_ECONFLICT);
    assert_false(chk.rows_ok);
    assert_int_equal(chk.rows, 2);
    assert_non_null(strstr(err.msg, "2 rows where the manifest says 3"));
    free(data);

    /* The top file is checked too. */
    assert_ok(cs_export_file(f->db, &o, path, NULL, NULL, &res, &err));
    data = read_file(top, &len);
    data[len - 2] = data[len - 2] == '0' ? '1' : '0';
    write_file(top, data, len);
    free(data);
    assert_int_equal(cs_export_verify(path, NULL, &chk, &err), CS_ECONFLICT);
    assert_true(chk.sha256_ok);
    assert_false(chk.top_ok);

    /* No manifest, or not a manifest. */
    snprintf(man, sizeof man, "%s/nothing.manifest", f->dir);
    assert_int_equal(cs_export_verify(path, man, &chk, &err), CS_ENOTFOUND);
    write_file(man, "hello: world\n", 13);
    assert_int_equal(cs_export_verify(path, man, &chk, &err), CS_EINVAL);
}

static void
test_manifest_journal_mismatch(void **state)
{
    struct fixture *f = *state;
    struct cs_export_options o;
    struct cs_export_check chk;
    struct cs_error err;
    char path[400];

    snprintf(path, sizeof path, "%s/ideas.csv", f->dir);
    options(&o, CS_EXPORT_IDEAS);
    assert_ok(cs_export_file(f->db, &o, path, NULL, NULL, NULL, &err));
    assert_ok(cs_export_verify(path, NULL, &chk, &err));
    chk.audit_head[0] = chk.audit_head[0] == 'a' ? 'b' : 'a';
    assert_int_equal(cs_export_check_journal(f->db, &chk, &err),
                     CS_ECONFLICT);
    chk.audit_id += 1000;
    assert_int_equal(cs_export_check_journal(f->db, &chk, &err),
                     CS_ECONFLICT);
}

static void
test_file_failure_leaves_nothing(void **state)
{
    struct fixture *f = *state;
    struct cs_export_options o;
    struct cs_error err;
    char path[400], man[420];

    snprintf(path, sizeof path, "%s/no/such/dir/ideas.csv", f->dir);
    options(&o, CS_EXPORT_IDEAS);
    assert_int_equal(cs_export_file(f->db, &o, path, NULL, NULL, NULL, &err),
                     CS_ECREATE);
    /* A refused export writes no file and no manifest. */
    snprintf(path, sizeof path, "%s/contact.csv", f->dir);
    snprintf(man, sizeof man, "%s/contact.csv.manifest", f->dir);
    {
        struct cs_db *viewer;

        assert_ok(cs_user_add(f->db, "vera", CS_ROLE_VIEWER, &err));
        viewer = fixture_open_as(f, "vera");
        o.profile = CS_PROFILE_INTERNAL_CONTACT;
        assert_int_equal(cs_export_file(viewer, &o, path, NULL, NULL, NULL,
                                        &err), CS_EPERM);
        cs_db_close(viewer);
    }
    assert_int_not_equal(access(path, F_OK), 0);
    assert_int_not_equal(access(man, F_OK), 0);
    {
        char cmd[500];

        snprintf(cmd, sizeof cmd, "test -z \"$(ls '%s' | grep tmp-)\"",
                 f->dir);
        assert_int_equal(system(cmd), 0);
    }
}

/* ------------------------------------------------------------- round trip */

/* The importer's canonical columns of an ideas file. */
static const char *const canonical[] = {
    "consultation", "theme", "kind", "title", "body", "channel", "form_ref",
    "submitted_at", "author_ref", "author_name", "service", "email",
    "consent", "tags", "status", "answer",
};

/* What must come back equal besides: how an idea is hidden or merged. */
static const char *const compared[] = {
    "consultation", "theme", "kind", "title", "body", "channel", "form_ref",
    "submitted_at", "author_ref", "author_name", "service", "email",
    "consent", "tags", "status", "answer", "hidden", "hidden_reason",
    "merged_into_form_ref",
};

/* A fresh database beside the fixture's, with the consultation `code` and
 * the themes of `src`. */
static struct cs_db *
fresh_copy(struct fixture *f, struct cs_db *src, const char *code)
{
    struct cs_open_opts oo = { CS_OPEN_CREATE, 0, "alice" };
    struct cs_consultation_new cn = { .code = code, .title = "Copie" };
    struct cs_consultation c;
    struct cs_theme_list *themes;
    struct cs_error err;
    struct cs_db *db;
    char path[400];
    int64_t cons;

    snprintf(path, sizeof path, "%s/fresh.db", f->dir);
    assert_ok(cs_db_open(&db, path, &oo, &err));
    assert_ok(cs_consultation_add(db, &cn, &cons, &err));
    assert_ok(cs_consultation_find(src, code, &c, &err));
    assert_ok(cs_theme_list(src, c.id, &themes, &err));
    for (size_t i = 0; i < themes->count; i++)
        assert_ok(cs_theme_add(db, cons, themes->items[i].code,
                               themes->items[i].title, 0, NULL, &err));
    cs_theme_list_free(themes);
    cs_consultation_clear(&c);
    return db;
}

/*
 * Export the ideas of `code` from `f->db` with the internal-contact
 * profile, import the file into a fresh database with the same themes,
 * and check that every idea comes back, in the same order, with the same
 * values in every compared column, byte for byte, merged into the idea
 * that came back for its target. With `supports`, the support too (an
 * ideas file carries no votes: only where there were none). Returns the
 * ideas compared; `*refused` the rows the import refused.
 */
static size_t
round_trip(struct fixture *f, const char *code, bool supports,
           size_t *refused)
{
    struct cs_export_options o;
    struct cs_import_options io;
    struct cs_import_report rep;
    struct cs_error err;
    struct table *a, *b;
    struct cs_db *fresh;
    char path[400], rejects[400];
    size_t next = 1, skipped = 0, merged = 0;

    snprintf(path, sizeof path, "%s/round-trip.csv", f->dir);
    snprintf(rejects, sizeof rejects, "%s/round-trip.rejects.csv", f->dir);
    cs_export_options_init(&o);
    o.kind = CS_EXPORT_IDEAS;
    o.consultation = code;
    o.profile = CS_PROFILE_INTERNAL_CONTACT;
    assert_ok(cs_export_file(f->db, &o, path, NULL, NULL, NULL, &err));
    a = export_ok(f->db, &o);

    fresh = fresh_copy(f, f->db, code);
    memset(&io, 0, sizeof io);
    io.rejects_path = rejects;
    cs_import_report_init(&rep);
    assert_ok(cs_import_file(fresh, CS_IMPORT_IDEAS, path, &io, &rep, &err));
    b = export_ok(fresh, &o);

    assert_int_equal(b->nrows, a->nrows);
    for (size_t r = 1; r < a->nrows; r++, next++) {
        const char *into = cell(a, r, "merged_into");

        for (size_t c = 0; c < sizeof compared / sizeof compared[0]; c++)
            if (strcmp(cell(a, r, compared[c]),
                       cell(b, next, compared[c])) != 0)
                fail_msg("idea %s, %s: \"%s\" came back as \"%s\"",
                         cell(a, r, "id"), compared[c],
                         cell(a, r, compared[c]),
                         cell(b, next, compared[c]));
        if (supports && strcmp(cell(a, r, "support"),
                               cell(b, next, "support")) != 0)
            fail_msg("idea %s: support %s came back as %s",
                     cell(a, r, "id"), cell(a, r, "support"),
                     cell(b, next, "support"));
        if (into[0] != '\0') {
            size_t t = 1;

            /* The target's row in `a`; the same row in `b`. */
            while (t < a->nrows && strcmp(cell(a, t, "id"), into) != 0)
                t++;
            assert_true(t < a->nrows);
            assert_string_equal(cell(b, next, "merged_into"),
                                cell(b, t, "id"));
            merged++;
        } else {
            assert_string_equal(cell(b, next, "merged_into"), "");
        }
    }
    assert_int_equal(rep.imported, (long)(next - 1));
    assert_int_equal(rep.rejected, 0);
    assert_true(merged > 0);
    /* Only the export-only columns are reported as unknown. */
    for (size_t i = 0; i < rep.unknown_count; i++)
        for (size_t c = 0; c < sizeof canonical / sizeof canonical[0]; c++)
            assert_string_not_equal(rep.unknown_columns[i], canonical[c]);
    cs_import_report_clear(&rep);
    table_free(a);
    table_free(b);
    cs_db_close(fresh);
    *refused = skipped;
    return next - 1;
}

static void
test_round_trip_demo(void **state)
{
    struct fixture *f = *state;
    const char *datadir = getenv("CONSULT_DATADIR");
    struct cs_error err;
    size_t n, refused;

    if (datadir == NULL)
        fail_msg("CONSULT_DATADIR is not set (ctest sets it)");
    assert_ok(cs_demo_load(f->db, datadir, NULL, &err));
    n = round_trip(f, "AGENTS21", false, &refused);
    /* All 50, the merged and the hidden one included. */
    assert_int_equal(n, 50);
    assert_int_equal(refused, 0);
}

/* The ideas export in the lists' orders: the same ideas in the same order
 * as the list (cs_idea_list) or the search (cs_search_ideas) pages show,
 * each with the same cells as the export by number has for it (the votes
 * per channel, read idea by idea then, included). */
static void
expect_order(struct cs_db *db, int64_t cons_id, const char *search,
             enum cs_idea_order order, bool desc, const struct table *byid)
{
    struct cs_export_options o;
    struct cs_idea_filter lf;
    struct cs_idea_list *l = NULL;
    struct cs_error err;
    struct table *t;
    char id[24];

    cs_export_options_init(&o);
    o.consultation = "AGENTS21";
    o.profile = CS_PROFILE_INTERNAL_CONTACT;  /* no per-export pseudonym */
    o.search = search;
    o.order = order;
    o.descending = desc;
    t = export_ok(db, &o);
    cs_idea_filter_init(&lf);
    lf.consultation_id = cons_id;
    lf.order = order;
    lf.descending = desc;
    if (search)
        assert_ok(cs_search_ideas(db, &lf, search, NULL, 1000, &l, &err));
    else
        assert_ok(cs_idea_list(db, &lf, NULL, 1000, &l, &err));
    assert_true(l->count > 1);
    assert_int_equal(t->nrows - 1, l->count);
    for (size_t i = 0; i < l->count; i++) {
        size_t r;

        snprintf(id, sizeof id, "%lld", (long long)l->items[i].id);
        if (strcmp(cell(t, i + 1, "id"), id) != 0)
            fail_msg("order %d%s%s%s: row %zu is idea %s, the list has %s",
                     (int)order, desc ? " desc" : "", search ? " search " : "",
                     search ? search : "", i + 1, cell(t, i + 1, "id"), id);
        r = find_row(byid, "id", id);
        assert_true(r > 0);
        for (size_t c = 0; c < t->ncols; c++)
            assert_string_equal(t->cell[(i + 1) * t->ncols + c],
                                byid->cell[r * byid->ncols + c]);
    }
    cs_idea_list_free(l);
    table_free(t);
}

static void
test_ideas_sorted(void **state)
{
    struct fixture *f = *state;
    const char *datadir = getenv("CONSULT_DATADIR");
    static const enum cs_idea_order orders[] = { CS_ORDER_ID, CS_ORDER_DATE,
                                                 CS_ORDER_SUPPORT };
    struct cs_export_options o;
    struct cs_error err;
    struct table *byid;
    int64_t cons_id;

    if (datadir == NULL)
        fail_msg("CONSULT_DATADIR is not set (ctest sets it)");
    assert_ok(cs_demo_load(f->db, datadir, NULL, &err));
    assert_ok(cs_consultation_lookup(f->db, "AGENTS21", &cons_id, &err));
    cs_export_options_init(&o);
    o.consultation = "AGENTS21";
    o.profile = CS_PROFILE_INTERNAL_CONTACT;
    byid = export_ok(f->db, &o);
    assert_int_equal(byid->nrows, 51);
    for (size_t i = 0; i < 3; i++)
        for (int desc = 0; desc < 2; desc++) {
            expect_order(f->db, cons_id, NULL, orders[i], desc, byid);
            expect_order(f->db, cons_id, "vélo", orders[i], desc, byid);
        }
    expect_order(f->db, cons_id, "vélo", CS_ORDER_RELEVANCE, false, byid);
    expect_order(f->db, cons_id, "vélo", CS_ORDER_RELEVANCE, true, byid);
    table_free(byid);

    /* Relevance needs a search; other kinds and the past come by number. */
    o.order = CS_ORDER_RELEVANCE;
    assert_int_equal(run_export(f->db, &o, NULL, NULL, NULL, &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "sort");
    o.order = CS_ORDER_SUPPORT;
    o.kind = CS_EXPORT_VOTES;
    assert_int_equal(run_export(f->db, &o, NULL, NULL, NULL, &err),
                     CS_EINVAL);
    o.kind = CS_EXPORT_IDEAS;
    o.as_of = "2021-04-01";
    assert_int_equal(run_export(f->db, &o, NULL, NULL, NULL, &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "sort");
}

/* splitmix64: the same texts on every run. */
static uint64_t
rnd(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* A text of `words` words with what real forms hold: accents, œ and €,
 * quotes, semicolons, commas, line breaks (LF and CRLF), a tab inside;
 * for a field of `one_line`, a word stands for the line breaks and the
 * tab, which it may not hold. */
static void
gen_text(uint64_t *s, char *out, size_t n, int words, bool one_line)
{
    static const char *const w[] = {
        "améliorer", "l’accueil", "des", "usagers", "à", "la", "crèche",
        "œuvre", "10 €", "\"navette\"", "vélo;", "tri,", "énergie",
        "télétravail", "réunion", "\n", "\r\n", "sécurité", "cantine",
        "bien-être", "«", "»", "économie", "a\tb", "déchets",
    };
    size_t len = 0;

    out[0] = '\0';
    for (int i = 0; i < words && len + 40 < n; i++) {
        const char *word = w[rnd(s) % (sizeof w / sizeof w[0])];

        if (one_line && strpbrk(word, "\r\n\t") != NULL)
            word = "ligne";
        len += (size_t)snprintf(out + len, n - len, "%s%s", i ? " " : "",
                                word);
    }
}

static void
test_round_trip_generated(void **state)
{
    static const char *const starts[] = { "", "=", "+", "-", "@", "'=" };
    static const char *const statuses[] = { "new", "reviewing", "accepted",
        "rejected", "implemented", "withdrawn", "" };
    struct fixture *f = *state;
    struct cs_csv_writer *w;
    struct cs_import_report rep;
    struct cs_error err;
    char path[400], title[200], body[1200], answer[300], ref[16];
    char name[32], email[48], date[16], form[16];
    uint64_t seed = 2021;
    size_t n, refused;
    FILE *fp;

    snprintf(path, sizeof path, "%s/generated.csv", f->dir);
    assert_non_null(fp = fopen(path, "w"));
    assert_ok(cs_csv_writer_open(fp, NULL, &w, &err));
    for (size_t c = 0; c < sizeof canonical / sizeof canonical[0]; c++)
        cs_csv_writer_cell(w, canonical[c]);
    cs_csv_writer_cell(w, "id");
    cs_csv_writer_cell(w, "merged_into");
    cs_csv_writer_cell(w, "merged_into_form_ref");
    cs_csv_writer_cell(w, "hidden_reason");
    cs_csv_writer_end_row(w);
    for (int i = 1; i <= 10000; i++) {
        int p = (int)(rnd(&seed) % 2000);
        const char *st = statuses[i % 7];
        char t[160], rowid[16], into[16], into_ref[16];

        snprintf(rowid, sizeof rowid, "R%d", i);
        into[0] = into_ref[0] = '\0';
        if (i % 50 == 7)
            st = "hidden";
        if (i % 50 == 13 && i + 20 <= 10000)
            snprintf(into_ref, sizeof into_ref, "F%06d", i + 20);
        if (i % 50 == 41)
            snprintf(into_ref, sizeof into_ref, "F%06d", i - 5);
        if (i % 50 == 29)
            snprintf(into, sizeof into, "R%d", i + 3);
        if (into[0] || into_ref[0])
            st = "merged";

        gen_text(&seed, t, sizeof t, 2 + (int)(rnd(&seed) % 6), true);
        snprintf(title, sizeof title, "%s%s %d",
                 starts[rnd(&seed) % (sizeof starts / sizeof starts[0])], t,
                 i);
        gen_text(&seed, body, sizeof body, 20 + (int)(rnd(&seed) % 100),
                 false);
        gen_text(&seed, answer, sizeof answer, 10, false);
        snprintf(ref, sizeof ref, "M-%05d", p);
        snprintf(name, sizeof name, "Agent n°%d", p);
        snprintf(email, sizeof email, "agent%d@ville.example", p);
        snprintf(date, sizeof date, "2021-03-%02d", 1 + i % 28);
        snprintf(form, sizeof form, "F%06d", i);
        cs_csv_writer_cell(w, "AG21");
        cs_csv_writer_cell(w, i % 2 ? "MOB" : "ENV");
        cs_csv_writer_cell(w, i % 9 == 0 ? "finding" : "idea");
        cs_csv_writer_cell(w, title);
        cs_csv_writer_cell(w, body);
        cs_csv_writer_cell(w, cs_channel_name((enum cs_channel)(i % 6)));
        cs_csv_writer_cell(w, form);
        cs_csv_writer_cell(w, date);
        cs_csv_writer_cell(w, i % 3 == 0 ? "" : ref);
        cs_csv_writer_cell(w, i % 3 == 0 ? "" : name);
        cs_csv_writer_cell(w, i % 3 == 0 ? "" : (p % 3 ? "Travaux" : "RH"));
        cs_csv_writer_cell(w, i % 3 == 0 || p % 4 ? "" : email);
        cs_csv_writer_cell(w, i % 3 == 0 ? "" : (p % 2 ? "oui" : "non"));
        cs_csv_writer_cell(w, i % 5 == 0 ? "écologie; mobilité douce" : "");
        cs_csv_writer_cell(w, st);
        cs_csv_writer_cell(w, cs_status_needs_answer(
            strcmp(st, "accepted") == 0 ? CS_STATUS_ACCEPTED
            : strcmp(st, "rejected") == 0 ? CS_STATUS_REJECTED
            : strcmp(st, "implemented") == 0 ? CS_STATUS_IMPLEMENTED
            : CS_STATUS_NEW) ? answer : "");
        cs_csv_writer_cell(w, rowid);
        cs_csv_writer_cell(w, into);
        cs_csv_writer_cell(w, into_ref);
        cs_csv_writer_cell(w, strcmp(st, "hidden") == 0 ? title : "");
        cs_csv_writer_end_row(w);
    }
    assert_ok(cs_csv_writer_close(w, &err));
    assert_int_equal(fclose(fp), 0);
    cs_import_report_init(&rep);
    assert_ok(cs_import_file(f->db, CS_IMPORT_IDEAS, path, NULL, &rep, &err));
    assert_int_equal(rep.imported, 10000);
    cs_import_report_clear(&rep);

    /* Every 50 rows: a hidden idea, two merged by form reference (one
     * into a later row, one into an earlier), and one by the id column
     * into a later row. */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea WHERE"
                                      " status = 'hidden'"), 200);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea WHERE"
                                      " status = 'merged'"), 600);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea m"
        " JOIN idea t ON t.id = m.merged_into WHERE m.status = 'merged'"
        " AND CAST(substr(t.form_ref, 2) AS INTEGER)"
        "  - CAST(substr(m.form_ref, 2) AS INTEGER) IN (20, -5, 3)"), 600);
    n = round_trip(f, "AG21", true, &refused);
    assert_int_equal(n, 10000);
    assert_int_equal(refused, 0);
}

static void
test_names(void **state)
{
    enum cs_export_kind k;
    enum cs_export_profile p;
    struct cs_error err;

    (void)state;
    assert_ok(cs_export_kind_parse("Summary", &k, &err));
    assert_int_equal(k, CS_EXPORT_SUMMARY);
    assert_int_equal(cs_export_kind_parse("template", &k, &err), CS_EINVAL);
    assert_ok(cs_export_profile_parse("internal_contact", &p, &err));
    assert_int_equal(p, CS_PROFILE_INTERNAL_CONTACT);
    assert_int_equal(cs_export_profile_parse("public", &p, &err), CS_EINVAL);
    assert_int_equal(cs_export_default_profile(CS_EXPORT_ANSWERS),
                     CS_PROFILE_INTERNAL_CONTACT);
    assert_int_equal(cs_export_default_profile(CS_EXPORT_TALLIES),
                     CS_PROFILE_OPEN_DATA);
    assert_int_equal(cs_export_default_profile(CS_EXPORT_SUMMARY),
                     CS_PROFILE_CODIR);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup_fixture, \
                                              fixture_teardown)
        T(test_summary_figures),
        T(test_summary_top_file),
        T(test_summary_filters),
        T(test_summary_needs_consultation),
        T(test_ideas_columns),
        T(test_ideas_codir_pseudonyms),
        T(test_open_data),
        T(test_votes_tallies_comments),
        T(test_participants_and_audit),
        T(test_decisions_and_answers),
        T(test_participation),
        T(test_roles),
        T(test_formula_neutralised),
        T(test_excel_and_french),
        T(test_filters_refused),
        T(test_date_filters),
        T(test_as_of),
        T(test_as_of_imports),
        T(test_as_of_undo),
        T(test_as_of_before_anything),
        T(test_manifest),
        T(test_manifest_journal_mismatch),
        T(test_file_failure_leaves_nothing),
        cmocka_unit_test_setup_teardown(test_round_trip_demo, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ideas_sorted, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_round_trip_generated,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test(test_names),
#undef T
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
