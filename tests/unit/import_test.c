/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * import_test.c: the CSV importer on real temporary files and databases:
 * column names and values, each guarantee (reject file, one transaction,
 * idempotence, dry run, all or nothing, roles, undo), the maintained
 * counts, encodings, a killed import, the real participation exports and
 * every file of tests/data read through it without losing a row.
 */
#include "testlib.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "consult/consultation.h"
#include "consult/csv.h"
#include "consult/import.h"
#include "idea_priv.h"
#include "import_shared.h"

#ifndef CONSULT_TESTDATA_DIR
#define CONSULT_TESTDATA_DIR "tests/data"
#endif

/* ---------------------------------------------------------------- helpers */

/* Write `text` (NUL-terminated) to a file of the fixture's directory. */
static const char *
put_file(struct fixture *f, const char *name, const char *text)
{
    static char path[8][400];
    static int next;
    char *p = path[next++ % 8];
    FILE *fp;

    snprintf(p, 400, "%s/%s", f->dir, name);
    fp = fopen(p, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
    assert_int_equal(fclose(fp), 0);
    return p;
}

/* One text value from the fixture's database (caller frees), NULL for
 * SQL NULL or no row. */
static char *
text_of(struct fixture *f, const char *sql)
{
    sqlite3 *s = NULL;
    sqlite3_stmt *st = NULL;
    char *out = NULL;

    if (sqlite3_open_v2(f->path, &s, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
        && sqlite3_prepare_v2(s, sql, -1, &st, NULL) == SQLITE_OK
        && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        out = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(s);
    return out;
}

static void
assert_text(struct fixture *f, const char *sql, const char *want)
{
    char *got = text_of(f, sql);

    if (got == NULL || strcmp(got, want) != 0)
        fail_msg("%s: got \"%s\", want \"%s\"", sql, got ? got : "(null)",
                 want);
    free(got);
}

static enum cs_rc
import(struct cs_db *db, enum cs_import_kind kind, const char *path,
       const struct cs_import_options *o, struct cs_import_report *r,
       struct cs_error *err)
{
    cs_import_report_clear(r);
    cs_error_clear(err);
    return cs_import_file(db, kind, path, o, r, err);
}

static const struct cs_import_options ag21 = { .consultation = "AG21" };

/* The records of a CSV file (a reject file), read with our reader. */
struct rows {
    size_t n;
    char *cell[64][16];
};

static void
rows_free(struct rows *r)
{
    for (size_t i = 0; i < r->n; i++)
        for (size_t k = 0; k < 16; k++)
            free(r->cell[i][k]);
    memset(r, 0, sizeof *r);
}

static void
read_rows(const char *path, struct rows *out)
{
    struct cs_csv_reader *rd = NULL;
    struct cs_csv_record rec;
    struct cs_error err;

    memset(out, 0, sizeof *out);
    assert_ok(cs_csv_reader_open(path, NULL, &rd, &err));
    while (cs_csv_reader_next(rd, &rec, &err) == CS_OK && out->n < 64) {
        for (size_t k = 0; k < rec.nfields && k < 16; k++)
            out->cell[out->n][k] = strdup(rec.fields[k].s);
        out->n++;
    }
    cs_csv_reader_close(rd);
}

static void
make_user(struct fixture *f, const char *login, enum cs_role role)
{
    struct cs_error err;

    assert_ok(cs_user_add(f->db, login, role, &err));
}

/* ---------------------------------------------------------------- columns */

static void
test_header_french_any_order(void **state)
{
    struct fixture *f = *state;
    struct cs_import_report r;
    struct cs_error err;
    const char *path = put_file(f, "fr.csv",
        "Texte;THÈME;N° formulaire;Titre;Canal;Date;Matricule;Nom;Direction;"
        "Courriel;Consentement;Colonne inconnue\n"
        "Plus de vélos partagés;mobilite;F-1;Vélos;atelier;15/03/2021;M001;"
        "Élodie Dupont;Travaux;elodie@example.be;oui;zzz\n"
        "\"Trier les déchets à la cantine ; « urgent » € œ ’\";ENV;F-2;;Papier;"
        "2021-03-16 10:30;;Jérôme Lefèvre;Écoles;;non;\n");

    cs_import_report_init(&r);
    assert_ok(import(f->db, CS_IMPORT_IDEAS, path, &ag21, &r, &err));
    assert_int_equal(r.rows_read, 2);
    assert_int_equal(r.imported, 2);
    assert_int_equal(r.rejected, 0);
    assert_int_equal(r.participants_created, 2);
    assert_int_equal(r.delimiter, ';');
    assert_int_equal(r.unknown_count, 1);
    assert_string_equal(r.unknown_columns[0], "Colonne inconnue");
    assert_null(r.rejects_path);
    assert_true(r.batch_id > 0);

    assert_text(f, "SELECT title || '|' || theme_id || '|' || channel || '|'"
                   " || submitted_at FROM idea WHERE form_ref = 'F-1'",
                "Vélos|1|workshop|2021-03-15");
    assert_text(f, "SELECT p.ref || '|' || p.name || '|' || p.service || '|'"
                   " || p.email || '|' || p.consent FROM idea i JOIN"
                   " participant p ON p.id = i.author_id"
                   " WHERE i.form_ref = 'F-1'",
                "M001|Élodie Dupont|Travaux|elodie@example.be|1");
    /* Accents, € œ ’ intact; a date with a time; the author by name. */
    assert_text(f, "SELECT body FROM idea WHERE form_ref = 'F-2'",
                "Trier les déchets à la cantine ; « urgent » € œ ’");
    assert_text(f, "SELECT submitted_at || '|' || channel || '|' || theme_id"
                   " FROM idea WHERE form_ref = 'F-2'",
                "2021-03-16T10:30:00Z|paper|2");
    assert_text(f, "SELECT p.name || '|' || p.service || '|' ||"
                   " coalesce(p.ref, '-') FROM idea i JOIN participant p"
                   " ON p.id = i.author_id WHERE i.form_ref = 'F-2'",
                "Jérôme Lefèvre|Écoles|-");
    cs_import_report_clear(&r);
}

static void
test_map_and_ignore(void **state)
{
    struct fixture *f = *state;
    struct cs_import_map map[] = {
        { "body", "proposal text" }, { "form_ref", "code" },
        { "status", "" }, { "title", NULL },
    };
    struct cs_import_options o = { .consultation = "AG21", .theme = "MOB",
                                   .map = map, .nmap = 4 };
    struct cs_import_report r;
    struct cs_error err;
    const char *path = put_file(f, "map.csv",
        "code,Proposal_Text,status,title\n"
        "MAD-1,Des arbres dans la rue,archived,Arbres\n");

    cs_import_report_init(&r);
    assert_ok(import(f->db, CS_IMPORT_IDEAS, path, &o, &r, &err));
    assert_int_equal(r.imported, 1);
    /* status and title were told to have no column: not read, not
     * unknown either; the title then comes from the body. */
    assert_int_equal(r.unknown_count, 0);
    assert_text(f, "SELECT form_ref || '|' || title || '|' || status"
                   " FROM idea", "MAD-1|Des arbres dans la rue|new");

    /* A field that is not one, a header that is not there. */
    map[0].field = "texte_libre";
    assert_int_equal(import(f->db, CS_IMPORT_IDEAS, path, &o, &r, &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "map");
    map[0].field = "body";
    map[0].header = "nowhere";
    assert_int_equal(import(f->db, CS_IMPORT_IDEAS, path, &o, &r, &err),
                     CS_EINVAL);
    assert_non_null(strstr(err.msg, "nowhere"));
    cs_import_report_clear(&r);
}

static void
test_missing_column_stops_before_any_row(void **state)
{
    struct fixture *f = *state;
    struct cs_import_report r;
    struct cs_error err;
    long long audit = fixture_audit_rows(f);
    const char *path = put_file(f, "nobody.csv",
        "titre,thème\nUn titre,MOB\n");

    cs_import_report_init(&r);
    assert_int_equal(import(f->db, CS_IMPORT_IDEAS, path, &ag21, &r, &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "body");
    assert_int_equal(r.rows_read, 0);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM import_batch"),
                     0);
    assert_int_equal(fixture_audit_rows(f), audit);

    /* No consultation column and no --consultation. */
    path = put_file(f, "nocons.csv", "texte,thème\nUn texte,MOB\n");
    assert_int_equal(import(f->db, CS_IMPORT_IDEAS, path, NULL, &r, &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "consultation");
    /* Votes need a voter column. */
    path = put_file(f, "novoter.csv", "idea_id\n1\n");
    assert_int_equal(import(f->db, CS_IMPORT_VOTES, path, NULL, &r, &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "participant_ref");
    /* An empty file, a missing one. */
    path = put_file(f, "empty.csv", "");
    assert_int_equal(import(f->db, CS_IMPORT_IDEAS, path, &ag21, &r, &err),
                     CS_EINVAL);
    assert_int_equal(import(f->db, CS_IMPORT_IDEAS, "/nonexistent/x.csv",
                            &ag21, &r, &err), CS_ENOTFOUND);
    /* An unknown --consultation or --theme. */
    path = put_file(f, "ok.csv", "texte,thème\nUn texte,MOB\n");
    {
        struct cs_import_options o = { .consultation = "NOPE" };

        assert_int_equal(import(f->db, CS_IMPORT_IDEAS, path, &o, &r, &err),
                         CS_ENOTFOUND);
        o.consultation = "AG21";
        o.theme = "Nulle part";
        assert_int_equal(import(f->db, CS_IMPORT_IDEAS, path, &o, &r, &err),
                         CS_ENOTFOUND);
    }
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"), 0);
    cs_import_report_clear(&r);
}

static void
test_header_key(void **state)
{
    static const struct { const char *in, *key; } cases[] = {
        { "N° formulaire", "n formulaire" },
        { "n_formulaire", "n formulaire" },
        { "  Nº  Formulaire ", "no formulaire" },
        { "THÈME", "theme" },
        { "E-mail", "e mail" },
        { "Employee number", "employee number" },
        { "", "" },
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *k = value_header_key(cases[i].in);

        assert_non_null(k);
        assert_string_equal(k, cases[i].key);
        free(k);
    }
}

/* ---------------------------------------------------------------- rejects */

static void
test_rejects_file(void **state)
{
    struct fixture *f = *state;
    struct cs_import_report r;
    struct cs_error err;
    struct rows rows;
    char want[600];
    const char *path = put_file(f, "bad.csv",
        "texte,thème,date,courriel,auteur\n"
        "Une bonne idée,MOB,,,\n"                    /* 2: fine */
        "Idée sans thème connu,XYZ,,,\n"             /* 3: theme */
        ",MOB,,,\n"                                  /* 4: no text */
        "Une date fausse,MOB,31/02/2021,,\n"         /* 5: date */
        "Un courriel faux,MOB,,pas-une-adresse,Zoé\n" /* 6: email */
        "Trop de cellules,MOB,,,,en trop\n"          /* 7: ragged */
        "\"Sur deux\nlignes\",ENV,,,\n"              /* 8-9: fine */
        "Un caractère \x01 de contrôle,MOB,,,\n");   /* 10: control */

    cs_import_report_init(&r);
    assert_ok(import(f->db, CS_IMPORT_IDEAS, path, &ag21, &r, &err));
    assert_int_equal(r.rows_read, 8);
    assert_int_equal(r.imported, 2);
    assert_int_equal(r.rejected, 6);
    assert_int_equal(r.duplicates, 0);
    assert_non_null(r.rejects_path);
    snprintf(want, sizeof want, "%s/bad.rejects.csv", f->dir);
    assert_string_equal(r.rejects_path, want);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"), 2);
    assert_text(f, "SELECT body FROM idea WHERE theme_id = 2",
                "Sur deux\nlignes");

    read_rows(r.rejects_path, &rows);
    assert_int_equal(rows.n, 7);
    /* The header: line, reason, then the input's own columns. */
    assert_string_equal(rows.cell[0][0], "import_line");
    assert_string_equal(rows.cell[0][1], "import_error");
    assert_string_equal(rows.cell[0][2], "texte");
    assert_string_equal(rows.cell[1][0], "3");
    assert_non_null(strstr(rows.cell[1][1], "XYZ"));
    assert_string_equal(rows.cell[1][2], "Idée sans thème connu");
    assert_string_equal(rows.cell[2][0], "4");
    assert_non_null(strstr(rows.cell[2][1], "text"));
    assert_string_equal(rows.cell[3][0], "5");
    assert_non_null(strstr(rows.cell[3][1], "31/02/2021"));
    assert_string_equal(rows.cell[4][0], "6");
    assert_non_null(strstr(rows.cell[4][1], "pas-une-adresse"));
    assert_string_equal(rows.cell[5][0], "7");
    assert_non_null(strstr(rows.cell[5][1], "6 cells"));
    assert_string_equal(rows.cell[5][7], "en trop");
    assert_string_equal(rows.cell[6][0], "10");
    assert_non_null(strstr(rows.cell[6][1], "control"));
    rows_free(&rows);

    /* The reject file imports back once fixed: its two columns of its
     * own are known, not unknown. */
    path = put_file(f, "fixed.csv",
        "import_line,import_error,texte,thème\n3,No theme,Corrigée,ENV\n");
    assert_ok(import(f->db, CS_IMPORT_IDEAS, path, &ag21, &r, &err));
    assert_int_equal(r.imported, 1);
    assert_int_equal(r.unknown_count, 0);
    cs_import_report_clear(&r);
}

static void
test_rejects_path_option(void **state)
{
    struct fixture *f = *state;
    struct cs_import_options o = { .consultation = "AG21" };
    struct cs_import_report r;
    struct cs_error err;
    char where[400];
    struct stat sb;
    const char *path = put_file(f, "x.txt", "texte,thème\nA,NOPE\n");

    snprintf(where, sizeof where, "%s/refus.csv", f->dir);
    o.rejects_path = where;
    cs_import_report_init(&r);
    assert_ok(import(f->db, CS_IMPORT_IDEAS, path, &o, &r, &err));
    assert_int_equal(r.rejected, 1);
    assert_string_equal(r.rejects_path, where);
    assert_int_equal(stat(where, &sb), 0);
    /* Nothing refused: no reject file. */
    path = put_file(f, "y.csv", "texte,thème\nA,MOB\n");
    o.rejects_path = NULL;
    assert_ok(import(f->db, CS_IMPORT_IDEAS, path, &o, &r, &err));
    assert_null(r.rejects_path);
    snprintf(where, sizeof where, "%s/y.rejects.csv", f->dir);
    assert_int_not_equal(stat(where, &sb), 0);
    cs_import_report_clear(&r);
}

/* ---------------------------------------------------------------- guarantees */

/* A reason quoting a long value is cut to fit the error record between
 * two characters, never inside one: the reject file stays UTF-8 that the
 * reader takes back (it used to end a reason with half a character, and
 * the reject file could not be read). */
static void
test_rejects_long_reason(void **state)
{
    struct fixture *f = *state;
    struct cs_csv_reader *rd = NULL;
    struct cs_csv_record rec;
    struct cs_import_report r;
    struct cs_error err;
    char text[1200] = "idea_form_ref,participant_ref\n";
    char reason[300] = "";
    const char *path;
    size_t n = strlen(text), len;
    long records = 0;
    enum cs_rc rc;

    /* A form reference of 300 "é" (600 bytes), which no idea has. */
    for (int i = 0; i < 300; i++, n += 2)
        memcpy(text + n, "\xc3\xa9", 2);
    memcpy(text + n, ",M1\n", sizeof ",M1\n");
    path = put_file(f, "long.csv", text);

    cs_import_report_init(&r);
    assert_ok(import(f->db, CS_IMPORT_VOTES, path, &ag21, &r, &err));
    assert_int_equal(r.rows_read, 1);
    assert_int_equal(r.rejected, 1);
    assert_non_null(r.rejects_path);

    assert_ok(cs_csv_reader_open(r.rejects_path, NULL, &rd, &err));
    while ((rc = cs_csv_reader_next(rd, &rec, &err)) == CS_OK) {
        if (records++ == 1)
            snprintf(reason, sizeof reason, "%s", rec.fields[1].s);
    }
    if (rc != CS_ENOTFOUND)
        fail_msg("reject file, record %ld: %s", records + 1, err.msg);
    cs_csv_reader_close(rd);
    assert_int_equal(records, 2);
    /* Cut after a whole "é", marked with an ellipsis. */
    len = strlen(reason);
    assert_true(len > 5 && len < sizeof err.msg);
    assert_memory_equal(reason + len - 5, "\xc3\xa9\xe2\x80\xa6", 5);
    assert_non_null(strstr(reason, "\xc3\xa9\xc3\xa9"));
    cs_import_report_clear(&r);
}

static void
test_same_file_twice(void **state)
{
    struct fixture *f = *state;
    struct cs_import_report r;
    struct cs_error err;
    int64_t first;
    long long audit;
    const char *path = put_file(f, "twice.csv",
        "texte,thème\nSans référence,MOB\nUne autre,ENV\n");

    cs_import_report_init(&r);
    assert_ok(import(f->db, CS_IMPORT_IDEAS, path, &ag21, &r, &err));
    assert_int_equal(r.imported, 2);
    first = r.batch_id;
    audit = fixture_audit_rows(f);
    assert_ok(import(f->db, CS_IMPORT_IDEAS, path, &ag21, &r, &err));
    assert_int_equal(r.previous_batch, first);
    assert_int_equal(r.batch_id, 0);
    assert_int_equal(r.imported, 0);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"), 2);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM import_batch"),
                     1);
    assert_int_equal(fixture_audit_rows(f), audit);
    /* The batch and its checksum are in the journal. */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit a JOIN"
                                      " import_batch b ON a.row_id = b.id"
                                      " WHERE a.tbl = 'import_batch' AND"
                                      " json_extract(a.after, '$.checksum')"
                                      " = b.checksum"), 1);
    cs_import_report_clear(&r);
}

static void
test_form_ref_duplicates(void **state)
{
    struct fixture *f = *state;
    struct cs_import_report r;
    struct cs_error err;
    const char *one = put_file(f, "one.csv",
        "texte,thème,n° formulaire,matricule\n"
        "Première,MOB,F-1,M1\nDeuxième,MOB,F-2,M2\nEncore F-1,MOB,F-1,M9\n");
    const char *two = put_file(f, "two.csv",
        "texte,thème,n° formulaire\nAutre texte,ENV,F-2\nNouvelle,ENV,F-3\n");

    cs_import_report_init(&r);
    assert_ok(import(f->db, CS_IMPORT_IDEAS, one, &ag21, &r, &err));
    assert_int_equal(r.imported, 2);
    assert_int_equal(r.duplicates, 1);
    /* The duplicate row's author was not created. */
    assert_int_equal(r.participants_created, 2);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"
                                      " WHERE ref = 'M9'"), 0);
    assert_ok(import(f->db, CS_IMPORT_IDEAS, two, &ag21, &r, &err));
    assert_int_equal(r.previous_batch, 0);
    assert_int_equal(r.imported, 1);
    assert_int_equal(r.duplicates, 1);
    assert_text(f, "SELECT body FROM idea WHERE form_ref = 'F-2'",
                "Deuxième");
    cs_import_report_clear(&r);
}

static void
test_dry_run_writes_nothing(void **state)
{
    struct fixture *f = *state;
    struct cs_import_options o = { .consultation = "AG21", .dry_run = true };
    struct cs_import_report r;
    struct cs_error err;
    long long audit = fixture_audit_rows(f);
    const char *path = put_file(f, "dry.csv",
        "texte,thème,matricule\nUne,MOB,M1\nDeux,ENV,M2\nTrois,XYZ,M3\n");

    cs_import_report_init(&r);
    assert_ok(import(f->db, CS_IMPORT_IDEAS, path, &o, &r, &err));
    assert_true(r.dry_run);
    assert_int_equal(r.imported, 2);
    assert_int_equal(r.rejected, 1);
    assert_int_equal(r.participants_created, 2);
    assert_int_equal(r.batch_id, 0);
    assert_non_null(r.rejects_path);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"), 0);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"), 0);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM import_batch"),
                     0);
    assert_int_equal(fixture_audit_rows(f), audit);
    /* The full-text trigger is still there. */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM sqlite_schema"
                                      " WHERE name = 'idea_fts_ai'"), 1);
    /* A real import afterwards is not "already imported". */
    o.dry_run = false;
    assert_ok(import(f->db, CS_IMPORT_IDEAS, path, &o, &r, &err));
    assert_int_equal(r.imported, 2);
    cs_import_report_clear(&r);
}

/* A dry run writes nothing, so a database that cannot be written takes
 * one: it reports as on a writable database, writes its reject file,
 * and leaves the database as it was. */
static void
test_dry_run_read_only(void **state)
{
    struct fixture *f = *state;
    struct cs_open_opts ro = { CS_OPEN_READONLY, 0, "alice" };
    struct cs_import_options o = { .consultation = "AG21", .dry_run = true };
    struct cs_import_report r;
    struct cs_error err;
    struct cs_db *db = NULL;
    long long audit = fixture_audit_rows(f);
    const char *path = put_file(f, "dry-ro.csv",
        "texte,thème,matricule\nUne,MOB,M1\nDeux,ENV,M2\nTrois,XYZ,M3\n");

    assert_ok(cs_db_open(&db, f->path, &ro, &err));
    assert_int_equal(cs_db_readonly(db), CS_READONLY_ASKED);
    cs_import_report_init(&r);
    assert_ok(cs_import_file(db, CS_IMPORT_IDEAS, path, &o, &r, &err));
    assert_true(r.dry_run);
    assert_int_equal(r.imported, 2);
    assert_int_equal(r.rejected, 1);
    assert_int_equal(r.participants_created, 2);
    assert_int_equal(r.batch_id, 0);
    assert_non_null(r.rejects_path);
    cs_import_report_clear(&r);
    /* A real import is refused as any write. */
    o.dry_run = false;
    assert_int_equal(cs_import_file(db, CS_IMPORT_IDEAS, path, &o, &r, &err),
                     CS_EREADONLY);
    cs_import_report_clear(&r);
    cs_db_close(db);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"), 0);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"), 0);
    assert_int_equal(fixture_audit_rows(f), audit);
}

static void
test_all_or_nothing(void **state)
{
    struct fixture *f = *state;
    struct cs_import_options o = { .consultation = "AG21",
                                   .all_or_nothing = true };
    struct cs_import_report r;
    struct cs_error err;
    const char *path = put_file(f, "aon.csv",
        "texte,thème\nUne,MOB\nDeux,XYZ\nTrois,ENV\n");

    cs_import_report_init(&r);
    assert_int_equal(import(f->db, CS_IMPORT_IDEAS, path, &o, &r, &err),
                     CS_EINVAL);
    assert_int_equal(r.rejected, 1);
    assert_int_equal(r.imported, 0);
    assert_int_equal(r.batch_id, 0);
    assert_non_null(r.rejects_path);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"), 0);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM import_batch"),
                     0);
    /* Fixed, the same option takes it whole. */
    path = put_file(f, "aon2.csv", "texte,thème\nUne,MOB\nTrois,ENV\n");
    assert_ok(import(f->db, CS_IMPORT_IDEAS, path, &o, &r, &err));
    assert_int_equal(r.imported, 2);
    cs_import_report_clear(&r);
}

static void
test_roles(void **state)
{
    struct fixture *f = *state;
    struct cs_import_report r;
    struct cs_error err;
    struct cs_db *viewer, *agent;
    const char *plain = put_file(f, "plain.csv",
        "texte,thème,statut,réponse\nUne idée,MOB,,\n");
    const char *decided = put_file(f, "decided.csv",
        "texte,thème,statut,réponse\n"
        "Une idée,MOB,,\n"
        "Déjà décidée,MOB,acceptée,Le collège l'a retenue.\n"
        "Sans réponse,MOB,rejetée,\n"
        "Fusionnée,MOB,merged,x\n");

    make_user(f, "vic", CS_ROLE_VIEWER);
    make_user(f, "bob", CS_ROLE_AGENT);
    viewer = fixture_open_as(f, "vic");
    agent = fixture_open_as(f, "bob");
    cs_import_report_init(&r);
    assert_int_equal(import(viewer, CS_IMPORT_IDEAS, plain, &ag21, &r, &err),
                     CS_EPERM);
    /* An agent's file that decides statuses is refused whole. */
    assert_int_equal(import(agent, CS_IMPORT_IDEAS, decided, &ag21, &r, &err),
                     CS_EPERM);
    assert_string_equal(err.field, "status");
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"), 0);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM import_batch"),
                     0);
    /* The same columns left empty are fine. */
    assert_ok(import(agent, CS_IMPORT_IDEAS, plain, &ag21, &r, &err));
    assert_int_equal(r.imported, 1);
    assert_text(f, "SELECT entered_by FROM idea", "bob");
    /* An admin moving from another platform keeps its decisions; the
     * first row, without a form reference, is the agent's idea already
     * there (the same text, theme and author: none). */
    assert_ok(import(f->db, CS_IMPORT_IDEAS, decided, &ag21, &r, &err));
    assert_int_equal(r.imported, 1);
    assert_int_equal(r.duplicates, 1);
    assert_int_equal(r.same_text, 1);
    assert_int_equal(r.rejected, 2);
    assert_text(f, "SELECT status || '|' || answer FROM idea"
                   " WHERE body = 'Déjà décidée'",
                "accepted|Le collège l'a retenue.");
    /* Only an admin undoes. */
    assert_int_equal(cs_import_undo(agent, r.batch_id, NULL, &err), CS_EPERM);
    cs_db_close(viewer);
    cs_db_close(agent);
    cs_import_report_clear(&r);
}

/* An admin's file keeps hidden ideas with their reason and merged ones
 * with their target: by form reference, or by the id of a row of the
 * file, before or after it. */
static void
test_merged_and_hidden(void **state)
{
    struct fixture *f = *state;
    struct cs_import_report r;
    struct cs_import_undo_report u;
    struct cs_error err;
    const char *path = put_file(f, "mh.csv",
        "identifiant,texte,thème,n° formulaire,statut,motif du masquage,"
        "fusionnée dans,fusionnée dans (n° formulaire)\n"
        "1,Un,MOB,F-1,merged,,,F-3\n"
        "2,Deux,MOB,,merged,,4,\n"
        "3,Trois,MOB,F-3,,,,\n"
        "4,Quatre,MOB,,reviewing,,,\n"
        "5,Cinq,ENV,F-5,hidden,Hors sujet.,,\n"
        "6,Six,ENV,F-6,hidden,,,\n"
        "7,Sept,ENV,F-7,merged,,7,\n"
        "8,Huit,ENV,F-8,merged,,,\n");

    cs_import_report_init(&r);
    assert_ok(import(f->db, CS_IMPORT_IDEAS, path, &ag21, &r, &err));
    assert_int_equal(r.imported, 5);
    assert_int_equal(r.rejected, 3);
    /* Only the export-only column is unknown. */
    assert_int_equal(r.unknown_count, 0);
    assert_text(f, "SELECT d.status || '|' || d.status_before || '|' || t.body"
                   " FROM idea d JOIN idea t ON t.id = d.merged_into"
                   " WHERE d.body = 'Un'", "merged|new|Trois");
    assert_text(f, "SELECT d.status || '|' || t.body || '|' || t.status"
                   " FROM idea d JOIN idea t ON t.id = d.merged_into"
                   " WHERE d.body = 'Deux'", "merged|Quatre|reviewing");
    assert_text(f, "SELECT status || '|' || status_before || '|'"
                   " || hidden_reason FROM idea WHERE body = 'Cinq'",
                "hidden|new|Hors sujet.");
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"
                                      " WHERE body IN ('Six', 'Sept',"
                                      " 'Huit')"), 0);
    /* The figures kept per theme count the imported ideas as they ended
     * (merged, hidden), though the import put their trigger aside. */
    assert_int_equal(fixture_count_drift(f), 0);
    assert_int_equal(fixture_count(f, "SELECT sum(ideas) FROM idea_count"
                                      " WHERE status = 'merged'"), 2);
    /* The merges the file made go with it. */
    assert_ok(cs_import_undo(f->db, r.batch_id, &u, &err));
    assert_int_equal(u.ideas, 5);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"), 0);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea_count"), 0);
    cs_import_report_clear(&r);

    /* Without an id column, merged_into cannot name a row. */
    path = put_file(f, "mh2.csv",
        "body,theme,status,merged_into\nA,MOB,merged,2\nB,MOB,,\n");
    assert_ok(import(f->db, CS_IMPORT_IDEAS, path, &ag21, &r, &err));
    assert_int_equal(r.imported, 1);
    assert_int_equal(r.rejected, 1);
    cs_import_report_clear(&r);

    /* A target found nowhere, or a cycle, refuses the file. */
    path = put_file(f, "mh3.csv",
        "body,theme,status,merged_into_form_ref\nC,MOB,,\n"
        "D,MOB,merged,F-404\n");
    assert_int_equal(import(f->db, CS_IMPORT_IDEAS, path, &ag21, &r, &err),
                     CS_EINVAL);
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.msg, "F-404"));
    cs_import_report_clear(&r);
    path = put_file(f, "mh4.csv",
        "id,body,theme,status,merged_into\n1,E,MOB,merged,2\n"
        "2,F,MOB,merged,3\n3,G,MOB,merged,1\n");
    assert_int_equal(import(f->db, CS_IMPORT_IDEAS, path, &ag21, &r, &err),
                     CS_EINVAL);
    assert_non_null(strstr(err.msg, "cycle"));
    cs_import_report_clear(&r);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"), 1);
    assert_int_equal(fixture_count_drift(f), 0);
    /* The triggers are back: an idea added now is counted. */
    fixture_idea(f->db, f, "Après l'import.");
    assert_int_equal(fixture_count_drift(f), 0);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM sqlite_schema"
                                      " WHERE name IN ('idea_count_ai',"
                                      " 'idea_fts_ai')"), 2);
}

/* ---------------------------------------------------------------- votes */

/* Three ideas F-1, F-2, F-3 in AG21; returns their ids. */
static void
three_ideas(struct fixture *f, int64_t id[3])
{
    struct cs_import_report r;
    struct cs_error err;
    const char *path = put_file(f, "ideas3.csv",
        "texte,thème,n° formulaire\nUn,MOB,F-1\nDeux,MOB,F-2\nTrois,ENV,F-3\n");
    char sql[100];

    cs_import_report_init(&r);
    assert_ok(import(f->db, CS_IMPORT_IDEAS, path, &ag21, &r, &err));
    assert_int_equal(r.imported, 3);
    for (int i = 0; i < 3; i++) {
        snprintf(sql, sizeof sql, "SELECT id FROM idea WHERE form_ref ="
                 " 'F-%d'", i + 1);
        id[i] = fixture_count(f, sql);
    }
    cs_import_report_clear(&r);
}

static void
test_votes(void **state)
{
    struct fixture *f = *state;
    struct cs_import_report r;
    struct cs_error err;
    int64_t id[3];
    char text[600];
    const char *path;

    three_ideas(f, id);
    path = put_file(f, "votes.csv",
        "idea_form_ref,participant_ref,participant_name,service,voted_at,"
        "channel\n"
        "F-1,M001,,,2021-03-20,atelier\n"
        "F-1,M002,,,,\n"
        "F-2,M001,,,20/03/2021 14:00,\n"
        "F-1,M001,,,,\n"                 /* the same vote again */
        "F-9,M003,,,,\n"                 /* no such idea */
        ",,Zoé Martin,Finances,,\n"      /* no idea */
        "F-2,,Zoé Martin,Finances,,\n"
        "F-2,,ZOÉ MARTIN,finances,,\n"); /* the same person */
    cs_import_report_init(&r);
    assert_ok(import(f->db, CS_IMPORT_VOTES, path, &ag21, &r, &err));
    assert_int_equal(r.rows_read, 8);
    assert_int_equal(r.imported, 4);
    assert_int_equal(r.duplicates, 2);
    assert_int_equal(r.rejected, 2);
    assert_int_equal(r.participants_created, 3);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM vote"), 4);
    snprintf(text, sizeof text, "SELECT votes || '|' || support FROM idea"
             " WHERE id = %lld", (long long)id[0]);
    assert_text(f, text, "2|2");
    snprintf(text, sizeof text, "SELECT votes || '|' || support FROM idea"
             " WHERE id = %lld", (long long)id[1]);
    assert_text(f, text, "2|2");
    assert_text(f, "SELECT v.channel || '|' || v.voted_at FROM vote v JOIN"
                   " participant p ON p.id = v.participant_id JOIN idea i"
                   " ON i.id = v.idea_id WHERE p.ref = 'M001' AND"
                   " i.form_ref = 'F-1'", "workshop|2021-03-20");

    /* By number, in a file of another consultation's shape; a second
     * file repeating a vote adds only the new ones. */
    snprintf(text, sizeof text, "idea_id,matricule\n%lld,M001\n%lld,M004\n"
             "%lld,M004\n", (long long)id[0], (long long)id[2],
             (long long)id[0]);
    path = put_file(f, "byid.csv", text);
    assert_ok(import(f->db, CS_IMPORT_VOTES, path, NULL, &r, &err));
    assert_int_equal(r.imported, 2);
    assert_int_equal(r.duplicates, 1);
    assert_int_equal(fixture_count(f, "SELECT sum(votes) FROM idea"), 6);
    assert_int_equal(fixture_count(f, "SELECT sum(support) FROM idea"), 6);
    cs_import_report_clear(&r);
}

static void
test_votes_refused_and_merged(void **state)
{
    struct fixture *f = *state;
    struct cs_import_report r;
    struct cs_error err;
    int64_t id[3];
    char sql[200];
    const char *path;
    struct cs_person voter = { .ref = "M001" };

    three_ideas(f, id);
    /* F-3 withdrawn; F-2 merged into F-1, for which M001 voted. */
    assert_ok(cs_idea_set_status(f->db, id[2], 0, CS_STATUS_WITHDRAWN, NULL,
                                 &err));
    assert_ok(cs_vote_add(f->db, id[0], &voter, CS_CHANNEL_PAPER, NULL, NULL,
                          &err));
    assert_ok(cs_idea_merge(f->db, id[1], 0, id[0], &err));
    path = put_file(f, "merged.csv",
        "idea_form_ref,participant_ref\n"
        "F-3,M002\n"                    /* withdrawn: refused */
        "F-2,M001\n"                    /* already supports F-1: refused */
        "F-2,M005\n"                    /* counts for F-1 */
        "F-1,M005\n");                  /* M005 now supports the group */
    cs_import_report_init(&r);
    assert_ok(import(f->db, CS_IMPORT_VOTES, path, &ag21, &r, &err));
    assert_int_equal(r.imported, 1);
    assert_int_equal(r.rejected, 3);
    snprintf(sql, sizeof sql, "SELECT votes || '|' || support FROM idea"
             " WHERE id = %lld", (long long)id[1]);
    assert_text(f, sql, "1|0");
    snprintf(sql, sizeof sql, "SELECT votes || '|' || support FROM idea"
             " WHERE id = %lld", (long long)id[0]);
    assert_text(f, sql, "1|2");
    /* The maintained support is what a recount gives. */
    assert_int_equal(fixture_count(f,
        "SELECT count(DISTINCT participant_id) FROM vote"), 2);
    cs_import_report_clear(&r);
    /* The figures kept per theme have the vote counted in a group, and
     * those of ideas alone, though the import put their trigger aside;
     * the trigger is back afterwards. */
    assert_int_equal(fixture_count_drift(f), 0);
    path = put_file(f, "alone.csv",
        "idea_form_ref,participant_ref,channel\n"
        "F-1,M006,web\nF-1,M007,paper\n");
    assert_ok(import(f->db, CS_IMPORT_VOTES, path, &ag21, &r, &err));
    assert_int_equal(r.imported, 2);
    cs_import_report_clear(&r);
    assert_int_equal(fixture_count_drift(f), 0);
    assert_int_equal(fixture_count(f, "SELECT sum(votes) FROM idea_count"),
                     4);
    assert_ok(cs_vote_add(f->db, id[0], &(struct cs_person){ .ref = "M008" },
                          CS_CHANNEL_PAPER, NULL, NULL, &err));
    assert_int_equal(fixture_count_drift(f), 0);
    assert_int_equal(fixture_count(f, "SELECT sum(votes) FROM idea_count"),
                     5);
}

static void
test_tallies(void **state)
{
    struct fixture *f = *state;
    struct cs_import_report r;
    struct cs_error err;
    int64_t id[3];
    char sql[200];
    const char *path;

    three_ideas(f, id);
    path = put_file(f, "tallies.csv",
        "n° formulaire;nombre;atelier;date\n"
        "F-1;14;Atelier de Marchienne;20/03/2021\n"
        "F-1;3;Urne de la mairie;\n"
        "F-2;-2;Atelier de Marchienne;\n"
        "F-2;beaucoup;Atelier de Marchienne;\n"
        "F-2;1 200;Atelier de Marchienne;\n");
    cs_import_report_init(&r);
    assert_ok(import(f->db, CS_IMPORT_TALLIES, path, &ag21, &r, &err));
    assert_int_equal(r.imported, 3);
    assert_int_equal(r.rejected, 2);
    snprintf(sql, sizeof sql, "SELECT tallies || '|' || support FROM idea"
             " WHERE id = %lld", (long long)id[0]);
    assert_text(f, sql, "17|17");
    snprintf(sql, sizeof sql, "SELECT tallies FROM idea WHERE id = %lld",
             (long long)id[1]);
    assert_int_equal(fixture_count(f, sql), 1200);
    /* The same session (idea, source, day) again is a duplicate; other
     * counts replace the session's, for and against, with an audit row
     * holding both; another day of the source is another session. */
    path = put_file(f, "tallies2.csv",
        "idea_form_ref,count,votes contre,source,date\n"
        "F-1,14,,atelier de marchienne,2021-03-20\n"
        "F-2,1 200,0,Atelier de Marchienne,\n"
        "F-1,15,4,Atelier de Marchienne,2021-03-20\n"
        "F-1,2,1,Atelier de Marchienne,2021-03-21\n"
        "F-3,1,-1,Urne,\n");
    cs_import_report_clear(&r);
    cs_import_report_init(&r);
    assert_ok(import(f->db, CS_IMPORT_TALLIES, path, &ag21, &r, &err));
    assert_int_equal(r.imported, 2);
    assert_int_equal(r.duplicates, 2);
    assert_int_equal(r.rejected, 1);
    assert_int_equal(fixture_count(f, "SELECT sum(count) FROM tally"), 1220);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM tally"), 4);
    snprintf(sql, sizeof sql, "SELECT tallies || '|' || support FROM idea"
             " WHERE id = %lld", (long long)id[0]);
    assert_text(f, sql, "20|20");
    assert_text(f, "SELECT json_extract(before, '$.count') || '/'"
                   " || json_extract(before, '$.against') || '>'"
                   " || json_extract(after, '$.count') || '/'"
                   " || json_extract(after, '$.against') FROM audit"
                   " WHERE tbl = 'tally' AND action = 'update'", "14/0>15/4");
    {
        int64_t against = -1;

        assert_ok(cs_tally_against(f->db, id[0], &against, &err));
        assert_int_equal(against, 5);
    }
    assert_int_equal(fixture_count_drift(f), 0);
    cs_import_report_clear(&r);
}

static void
test_participants(void **state)
{
    struct fixture *f = *state;
    struct cs_import_report r;
    struct cs_error err;
    const char *path = put_file(f, "people.csv",
        "matricule;nom;service;courriel;consentement;canal\n"
        "M001;Élodie Dupont;Travaux;;oui;papier\n"
        "M001;Élodie Dupont;Travaux;elodie@example.be;;\n"
        ";Jérôme Lefèvre;Écoles;;non;\n"
        ";;Écoles;;;\n"
        "M002;Zoé;Finances;;peut-être;\n");

    cs_import_report_init(&r);
    assert_ok(import(f->db, CS_IMPORT_PARTICIPANTS, path, NULL, &r, &err));
    assert_int_equal(r.imported, 2);
    assert_int_equal(r.duplicates, 1);
    assert_int_equal(r.rejected, 2);
    assert_int_equal(r.participants_created, 2);
    /* Found again, the person gets what the first line lacked. */
    assert_text(f, "SELECT email || '|' || consent FROM participant"
                   " WHERE ref = 'M001'", "elodie@example.be|1");
    cs_import_report_clear(&r);
}

/* ---------------------------------------------------------------- undo */

static void
test_undo(void **state)
{
    struct fixture *f = *state;
    struct cs_import_undo_report u;
    struct cs_import_batch_list *list = NULL;
    struct cs_import_report r;
    struct cs_error err;
    struct cs_person voter = { .ref = "M777" };
    int64_t ideas_batch, votes_batch, idea;
    long long audit;
    const char *ideas = put_file(f, "u-ideas.csv",
        "texte,thème,n° formulaire,matricule,tags\n"
        "Un,MOB,F-1,M1,vélo\nDeux,ENV,F-2,M2,\nTrois,ENV,F-3,M1,vélo;bus\n");
    const char *votes = put_file(f, "u-votes.csv",
        "n° formulaire,matricule\nF-1,M1\nF-1,V1\nF-2,V1\n");

    cs_import_report_init(&r);
    assert_ok(import(f->db, CS_IMPORT_IDEAS, ideas, &ag21, &r, &err));
    ideas_batch = r.batch_id;
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea_tag"), 3);
    assert_ok(import(f->db, CS_IMPORT_VOTES, votes, &ag21, &r, &err));
    votes_batch = r.batch_id;
    assert_int_equal(r.imported, 3);
    assert_int_equal(r.participants_created, 1);

    /* The ideas have votes from another batch: refused. */
    assert_int_equal(cs_import_undo(f->db, ideas_batch, &u, &err),
                     CS_ECONFLICT);
    /* The votes batch goes, with the voter it created; counts back. */
    audit = fixture_audit_rows(f);
    assert_ok(cs_import_undo(f->db, votes_batch, &u, &err));
    assert_int_equal(u.votes, 3);
    assert_int_equal(u.participants, 1);
    /* The batch's row, and one per vote and person removed. */
    assert_int_equal(fixture_audit_rows(f), audit + 1 + 3 + 1);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit"
        " WHERE action = 'delete' AND tbl = 'vote'"
        " AND json_extract(before, '$.batch_id') = 2"), 3);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM vote"), 0);
    assert_int_equal(fixture_count(f, "SELECT sum(votes) + sum(support)"
                                      " FROM idea"), 0);
    assert_int_equal(cs_import_undo(f->db, votes_batch, &u, &err),
                     CS_ECONFLICT);
    /* Undone, the same file imports again. */
    assert_ok(import(f->db, CS_IMPORT_VOTES, votes, &ag21, &r, &err));
    assert_int_equal(r.previous_batch, 0);
    assert_int_equal(r.imported, 3);
    assert_ok(cs_import_undo(f->db, r.batch_id, &u, &err));

    /* A vote keyed in on one of its ideas keeps the ideas batch. */
    idea = fixture_count(f, "SELECT id FROM idea WHERE form_ref = 'F-1'");
    assert_ok(cs_vote_add(f->db, idea, &voter, CS_CHANNEL_PAPER, NULL, NULL,
                          &err));
    assert_int_equal(cs_import_undo(f->db, ideas_batch, &u, &err),
                     CS_ECONFLICT);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"), 3);
    cs_import_report_clear(&r);

    /* A batch nothing depends on goes whole. */
    ideas = put_file(f, "u-ideas2.csv",
        "texte,thème,matricule\nQuatre,MOB,M3\nCinq,MOB,M1\n");
    assert_ok(import(f->db, CS_IMPORT_IDEAS, ideas, &ag21, &r, &err));
    assert_ok(cs_import_undo(f->db, r.batch_id, &u, &err));
    assert_int_equal(u.ideas, 2);
    assert_int_equal(u.participants, 1);    /* M3; M1 came before */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"), 3);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea_fts"
                                      " WHERE idea_fts MATCH 'quatre'"), 0);
    assert_int_equal(cs_import_undo(f->db, 9999, &u, &err), CS_ENOTFOUND);

    assert_ok(cs_import_list(f->db, &list, &err));
    assert_int_equal(list->count, 4);
    assert_non_null(list->items[0].undone_at);
    assert_int_equal(list->items[0].accepted, 2);
    assert_string_equal(list->items[0].consultation_code, "AG21");
    assert_null(list->items[3].undone_at);
    cs_import_batch_list_free(list);
    cs_import_report_clear(&r);
}

/* ---------------------------------------------------------------- encodings */

static void
test_windows_1252(void **state)
{
    struct fixture *f = *state;
    struct cs_import_report r;
    struct cs_error err;
    /* What French Excel writes: ';', CRLF, Windows-1252 (’ € œ é É). */
    const char *path = put_file(f, "excel.csv",
        "Th\xe8me;Texte\r\n"
        "MOB;L\x92\xe9t\xe9 co\xfbte 10 \x80, c\x9c""ur \xc9""cole\r\n");

    cs_import_report_init(&r);
    assert_ok(import(f->db, CS_IMPORT_IDEAS, path, &ag21, &r, &err));
    assert_int_equal(r.encoding, CS_CSV_ENC_WINDOWS1252);
    assert_int_equal(r.imported, 1);
    assert_text(f, "SELECT body FROM idea",
                "L’été coûte 10 €, cœur École");
    cs_import_report_clear(&r);
}

static void
test_invalid_bytes_and_control_characters(void **state)
{
    struct fixture *f = *state;
    struct cs_import_report r;
    struct cs_error err;
    struct rows rows;
    /* UTF-8 with one stray Latin-1 byte on line 3. */
    const char *path = put_file(f, "mixed.csv",
        "thème,texte\nMOB,Déjà vu\nMOB,caf\xe9 noir\nENV,Très bien\n");

    cs_import_report_init(&r);
    assert_ok(import(f->db, CS_IMPORT_IDEAS, path, &ag21, &r, &err));
    assert_int_equal(r.rows_read, 3);
    assert_int_equal(r.imported, 2);
    assert_int_equal(r.rejected, 1);
    read_rows(r.rejects_path, &rows);
    assert_int_equal(rows.n, 2);
    assert_string_equal(rows.cell[1][0], "3");
    rows_free(&rows);
    /* Nothing in the database but valid text. */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea WHERE"
                                      " body LIKE '%caf%'"), 0);
    cs_import_report_clear(&r);
}

static void
test_crlf_blanks_and_formulas(void **state)
{
    struct fixture *f = *state;
    struct cs_import_report r;
    struct cs_error err;
    const char *path = put_file(f, "crlf.csv",
        "thème,texte,titre\r\n"
        "  MOB  ,\"Ligne un\r\nLigne deux\r\n\",\"'=SOMME(A1)  \"\r\n"
        "ENV,\xc2\xa0""Espaces ins\xc3\xa9""cables\xe2\x80\xaf,\r\n");

    cs_import_report_init(&r);
    assert_ok(import(f->db, CS_IMPORT_IDEAS, path, &ag21, &r, &err));
    assert_int_equal(r.imported, 2);
    assert_text(f, "SELECT body || '|' || title FROM idea WHERE theme_id = 1",
                "Ligne un\nLigne deux|=SOMME(A1)");
    assert_text(f, "SELECT body FROM idea WHERE theme_id = 2",
                "Espaces insécables");
    cs_import_report_clear(&r);
}

/* ---------------------------------------------------------------- values */

static void
test_dates_as_cs_date_parse(void **state)
{
    static const char *const inputs[] = {
        "2021-03-15", "15/03/2021", "1/3/2021", "01/03/2021",
        "2021-03-15 10:30", "2021-03-15T10:30", "2021-03-15 10:30:59",
        "2021-03-15T10:30:59Z", "2021-03-15 10:30:59Z",
        "2019-01-24 22:29:15 +0100", "2021-03-15T10:30:00+01:00",
        "15/03/2021 08:05", "15/03/2021 08:05:07", "15/03/2021T08:05",
        "2021-02-29", "2020-02-29", "2021-13-01", "2021-00-10", "32/01/2021",
        "2021-03-15 24:00", "2021-03-15 23:60", "2021-03-15 10:30:60",
        "2021-03-15T", "2021-03-15 ", "1899-12-31", "3000-01-01",
        "2021-3-15", "21-03-15", "2021/03/15", "demain", "",
        "2021-03-15 10:30:59.123Z", "2021-03-15 10:30 Z", "01/03/20211",
    };
    struct cs_error e1, e2;
    char a[32], b[32];

    (void)state;
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        enum cs_rc ra, rb;

        memset(a, 0, sizeof a);
        memset(b, 0, sizeof b);
        ra = value_date(inputs[i], "date", a, &e1);
        rb = cs_date_parse(inputs[i], b, sizeof b, &e2);
        if (ra != rb || (ra == CS_OK && strcmp(a, b) != 0))
            fail_msg("\"%s\": import gives %s \"%s\", cs_date_parse %s"
                     " \"%s\"", inputs[i], cs_rc_name(ra), a,
                     cs_rc_name(rb), b);
    }
}

static void
test_title_as_idea_add(void **state)
{
    struct fixture *f = *state;
    static const char *const bodies[] = {
        "Court.",
        "Des   pistes\ncyclables  entre\tles services",
        "Une phrase assez longue pour dépasser les quatre-vingts caractères "
        "permis, avec des accents : é è à ç, et encore quelques mots.",
        "Anticonstitutionnellementanticonstitutionnellementanticonstitution"
        "nellementanticonstitutionnellement",
        "Mettre en place, dans chaque service, un référent - mobilité ; "
        "qui : organise les trajets partagés et les horaires décalés",
    };
    struct cs_error err;
    struct cs_idea idea;

    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        int64_t id = fixture_idea(f->db, f, bodies[i]);
        char *mine = idea_title_from_body(bodies[i]);

        assert_ok(cs_idea_get(f->db, id, &idea, &err));
        assert_non_null(mine);
        assert_string_equal(mine, idea.title);
        free(mine);
        cs_idea_clear(&idea);
    }
}

static void
test_words(void **state)
{
    bool b;
    int64_t n;
    struct cs_error err;

    (void)state;
    assert_ok(value_bool("Oui", "consent", &b, &err));
    assert_true(b);
    assert_ok(value_bool("x", "consent", &b, &err));
    assert_true(b);
    assert_ok(value_bool("D’accord", "consent", &b, &err));
    assert_true(b);
    assert_ok(value_bool("NON", "consent", &b, &err));
    assert_false(b);
    assert_ok(value_bool(NULL, "consent", &b, &err));
    assert_false(b);
    assert_int_equal(value_bool("peut-être", "consent", &b, &err), CS_EINVAL);
    assert_ok(value_count("1\xc2\xa0""234", "count", &n, &err));
    assert_int_equal(n, 1234);
    assert_int_equal(value_count("12,5", "count", &n, &err), CS_EINVAL);
    assert_int_equal(value_count("-1", "count", &n, &err), CS_EINVAL);
    assert_ok(value_id("#12", "idea_id", &n, &err));
    assert_int_equal(n, 12);
    assert_int_equal(value_id("0", "idea_id", &n, &err), CS_EINVAL);
}

/* ---------------------------------------------------------------- progress */

/* A file of `n` ideas, each of about 300 bytes. */
static const char *
big_file(struct fixture *f, const char *name, long n)
{
    static char path[400];
    FILE *fp;

    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs("n° formulaire;thème;texte;matricule;nom\n", fp);
    for (long i = 0; i < n; i++)
        fprintf(fp, "F%06ld;%s;\"Idée numéro %ld : des vélos, des bus ; et"
                " des « trottoirs » plus larges, l’été comme l’hiver, pour"
                " que chacun puisse venir travailler sans voiture. \"\"Vite"
                "\"\", disent les agents du service n° %ld.\";M%05ld;"
                "Agent %ld\n", i, i % 2 ? "MOB" : "Environnement", i, i % 40,
                i % 5000, i % 5000);
    assert_int_equal(fclose(fp), 0);
    return path;
}

struct counter {
    int calls;
    int stop_at;                /* stop on this call; 0: never */
    uint64_t last_bytes;
};

static bool
count_progress(void *ctx, const struct cs_import_progress *p)
{
    struct counter *c = ctx;

    c->calls++;
    assert_true(p->bytes >= c->last_bytes);
    c->last_bytes = p->bytes;
    return c->stop_at == 0 || c->calls < c->stop_at;
}

static void
test_progress_and_cancel(void **state)
{
    struct fixture *f = *state;
    struct counter c = { 0, 0, 0 };
    struct cs_import_options o = { .consultation = "AG21",
                                   .progress = count_progress,
                                   .progress_ctx = &c };
    struct cs_import_report r;
    struct cs_error err;
    const char *path = big_file(f, "big.csv", 3000);
    long long audit = fixture_audit_rows(f);

    cs_import_report_init(&r);
    c.stop_at = 3;
    assert_int_equal(import(f->db, CS_IMPORT_IDEAS, path, &o, &r, &err),
                     CS_ECANCELED);
    assert_int_equal(c.calls, 3);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"), 0);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"), 0);
    assert_int_equal(fixture_audit_rows(f), audit);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM sqlite_schema"
                                      " WHERE name = 'idea_fts_ai'"), 1);
    c.calls = 0;
    c.stop_at = 0;
    c.last_bytes = 0;
    assert_ok(import(f->db, CS_IMPORT_IDEAS, path, &o, &r, &err));
    assert_true(c.calls >= 10);
    assert_int_equal(r.imported, 3000);
    assert_int_equal(r.participants_created, 3000);
    cs_import_report_clear(&r);
}

/* Stops once every row is read: the import's last steps (the full-text
 * index, the counts, the journal) can be stopped too. */
static bool
stop_when_all_read(void *ctx, const struct cs_import_progress *p)
{
    long *rows = ctx;

    return p->rows < *rows;
}

static void
test_cancel_at_the_end(void **state)
{
    struct fixture *f = *state;
    long rows = 3000;
    struct cs_import_options o = { .consultation = "AG21",
                                   .progress = stop_when_all_read,
                                   .progress_ctx = &rows };
    struct cs_import_report r;
    struct cs_error err;
    const char *path = big_file(f, "end.csv", rows);
    long long audit = fixture_audit_rows(f);

    cs_import_report_init(&r);
    assert_int_equal(import(f->db, CS_IMPORT_IDEAS, path, &o, &r, &err),
                     CS_ECANCELED);
    assert_string_equal(err.msg,
                        "The import was stopped: nothing of it was kept.");
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"), 0);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM participant"), 0);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM import_batch"),
                     0);
    assert_int_equal(fixture_audit_rows(f), audit);
    cs_import_report_clear(&r);
}

/* ---------------------------------------------------------------- search */

static void
test_full_text_index(void **state)
{
    struct fixture *f = *state;
    struct cs_import_report r;
    struct cs_error err;
    sqlite3 *s = NULL;
    const char *path = put_file(f, "fts.csv",
        "thème,texte\nMOB,Des vélos électriques\nENV,Un compost collectif\n");

    cs_import_report_init(&r);
    assert_ok(import(f->db, CS_IMPORT_IDEAS, path, &ag21, &r, &err));
    /* Accent-insensitive search finds the imported ideas... */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea_fts WHERE"
                                      " idea_fts MATCH 'velos'"), 1);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea_fts WHERE"
                                      " idea_fts MATCH 'compost'"), 1);
    /* ...the trigger is back for ideas keyed in afterwards... */
    fixture_idea(f->db, f, "Des bornes de recharge");
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea_fts WHERE"
                                      " idea_fts MATCH 'recharge'"), 1);
    /* ...and the index agrees with the table. */
    assert_int_equal(sqlite3_open(f->path, &s), SQLITE_OK);
    assert_int_equal(sqlite3_exec(s, "INSERT INTO idea_fts(idea_fts)"
                                     " VALUES ('integrity-check')",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(s);
    cs_import_report_clear(&r);
}

/* ---------------------------------------------------------------- killed */

static bool
kill_halfway(void *ctx, const struct cs_import_progress *p)
{
    (void)ctx;
    if (p->total > 0 && p->bytes * 2 > p->total)
        raise(SIGKILL);
    return true;
}

static void
test_killed_import_leaves_nothing(void **state)
{
    struct fixture *f = *state;
    struct cs_import_report r;
    struct cs_error err;
    char head_before[CS_HASH_HEX], head_after[CS_HASH_HEX];
    int64_t rows_before, rows_after;
    long long counts[4];
    const char *path = big_file(f, "killed.csv", 20000);
    static const char *const sql[4] = {
        "SELECT count(*) FROM idea", "SELECT count(*) FROM participant",
        "SELECT count(*) FROM import_batch", "SELECT count(*) FROM audit",
    };
    pid_t pid;
    int status;

    fixture_idea(f->db, f, "Une idée d'avant l'import");
    for (int i = 0; i < 4; i++)
        counts[i] = fixture_count(f, sql[i]);
    assert_ok(cs_audit_verify(f->db, &rows_before, NULL, head_before, &err));

    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct cs_open_opts oo = { 0, 0, "alice" };
        struct cs_import_options o = { .consultation = "AG21",
                                       .progress = kill_halfway };
        struct cs_db *db = NULL;

        cs_import_report_init(&r);
        if (cs_db_open(&db, f->path, &oo, &err) != CS_OK)
            _exit(2);
        cs_import_file(db, CS_IMPORT_IDEAS, path, &o, &r, &err);
        _exit(3);               /* not reached: killed half-way */
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGKILL);

    /* As it was: the same rows, the same journal. */
    for (int i = 0; i < 4; i++)
        assert_int_equal(fixture_count(f, sql[i]), counts[i]);
    assert_ok(cs_audit_verify(f->db, &rows_after, NULL, head_after, &err));
    assert_int_equal(rows_after, rows_before);
    assert_string_equal(head_after, head_before);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM sqlite_schema"
                                      " WHERE name = 'idea_fts_ai'"), 1);

    /* And a rerun takes it all. */
    cs_import_report_init(&r);
    assert_ok(import(f->db, CS_IMPORT_IDEAS, path, &ag21, &r, &err));
    assert_int_equal(r.imported, 20000);
    assert_int_equal(fixture_count(f, sql[0]), counts[0] + 20000);
    cs_import_report_clear(&r);
}

/* ---------------------------------------------------------------- real files */

static const char *
data(const char *rel)
{
    static char path[4][600];
    static int next;
    char *p = path[next++ % 4];

    snprintf(p, 600, "%s/%s", CONSULT_TESTDATA_DIR, rel);
    return p;
}

/* Decide Madrid's proposals (CONSUL): 80 rows, 34 with an empty "text",
 * the sum of numSupports is 228140 (tests/data/consul-decide-madrid/
 * SOURCE.txt). */
static void
test_decide_madrid(void **state)
{
    struct fixture *f = *state;
    struct cs_import_map ideas_map[] = {
        { "form_ref", "code" }, { "author_ref", "userId" },
        { "status", "" },       /* "archived": not one of ours */
    };
    struct cs_import_map body_map[] = {
        { "form_ref", "code" }, { "author_ref", "userId" },
        { "status", "" }, { "body", "summary" },
    };
    struct cs_import_map tally_map[] = {
        { "idea_form_ref", "code" }, { "count", "numSupports" },
        { "source", "status" },
    };
    struct cs_import_options o = { .consultation = "AG21", .theme = "MOB",
                                   .map = ideas_map, .nmap = 3,
                                   .dry_run = true };
    struct cs_import_report r;
    struct cs_error err;
    char rejects[400];
    const char *path = data("consul-decide-madrid/proposals.csv");

    /* Never beside the input: that is the source tree. */
    snprintf(rejects, sizeof rejects, "%s/madrid.rejects.csv", f->dir);
    o.rejects_path = rejects;
    cs_import_report_init(&r);
    /* "text" feeds the body: the 34 empty ones are refused. */
    assert_ok(import(f->db, CS_IMPORT_IDEAS, path, &o, &r, &err));
    assert_int_equal(r.rows_read, 80);
    assert_int_equal(r.imported, 46);
    assert_int_equal(r.rejected, 34);
    /* The summary is always there. */
    o.map = body_map;
    o.nmap = 4;
    o.dry_run = false;
    assert_ok(import(f->db, CS_IMPORT_IDEAS, path, &o, &r, &err));
    assert_int_equal(r.rows_read, 80);
    assert_int_equal(r.imported, 80);
    assert_int_equal(r.rejected, 0);
    assert_int_equal(r.participants_created,
                     fixture_count(f, "SELECT count(DISTINCT author_id)"
                                      " FROM idea"));
    assert_text(f, "SELECT submitted_at FROM idea WHERE form_ref ="
                   " 'MAD-2015-09-7'", "2015-09-15");
    /* Its support counts, as anonymous tallies. */
    o.map = tally_map;
    o.nmap = 3;
    o.theme = NULL;
    assert_ok(import(f->db, CS_IMPORT_TALLIES, path, &o, &r, &err));
    assert_int_equal(r.imported, 80);
    assert_int_equal(fixture_count(f, "SELECT sum(count) FROM tally"),
                     228140);
    assert_int_equal(fixture_count(f, "SELECT sum(support) FROM idea"),
                     228140);
    cs_import_report_clear(&r);
}

/* The presets' mapping, row by row: Decidim's columns per language and
 * its vote count, a Cap Collectif file's kinds of row, CONSUL's parent
 * -1; ids prefixed with the platform. */
static void
test_presets_mapping(void **state)
{
    struct fixture *f = *state;
    struct cs_import_options o = { .consultation = "AG21", .theme = "ENV",
                                   .from = CS_PLATFORM_DECIDIM };
    struct cs_import_report r;
    struct cs_error err;
    const char *dec = put_file(f, "dec.csv",
        "id;category/name/en;category/name/fr;title/en;title/fr;body/en;"
        "body/fr;votes;published_at;author/id;author/name;url\n"
        "7;Mobility;Mobilité;Bikes;Vélos;Bikes everywhere;;4;"
        "2024-03-01 10:00:00 +0100;55;Ana;https://x.example/proposals/7\n"
        "\"8\";;;;Arbres;;Des arbres.;0;;;;\n");
    const char *capco = put_file(f, "capco.csv",
        "export_contribution_type,export_proposal_id,export_proposal_title,"
        "export_proposal_description,export_proposal_votes_total_count,"
        "export_proposal_comments_id,export_proposal_comments_body,"
        "export_proposal_comments_author_id,export_proposal_votes_author_id\n"
        "export_contribution_type_proposal,p1,Un banc,Un banc au parc.,2,,,,\n"
        "export_contribution_type_proposal_comment,p1,Un banc,Un banc au "
        "parc.,2,c9,Bien vu.,u3,\n"
        "export_contribution_type_proposal_vote,p1,Un banc,Un banc au parc.,"
        "2,,,,u4\n"
        "export_contribution_type_proposal_news,p1,Un banc,Un banc au parc.,"
        "2,,,,\n");
    const char *consul = put_file(f, "consul.csv",
        ",id,parentId,proposalId,userId,date,text\n"
        "0,70,-1,7,5,2024-03-02,Premier.\n"
        "1,71,70,7,6,2024-03-03,Réponse.\n");

    cs_import_report_init(&r);
    assert_ok(import(f->db, CS_IMPORT_IDEAS, dec, &o, &r, &err));
    assert_int_equal(r.imported, 2);
    assert_int_equal(r.rejected, 0);
    /* The French title when there is one, else another language; the
     * title as text when no language has one; quotes around an id go. */
    assert_text(f, "SELECT form_ref || '|' || title || '|' || body || '|'"
                   " || channel FROM idea WHERE form_ref = 'decidim:7'",
                "decidim:7|Vélos|Bikes everywhere|web");
    assert_text(f, "SELECT t.code FROM idea i JOIN theme t"
                   " ON t.id = i.theme_id WHERE form_ref = 'decidim:7'",
                "MOB");
    assert_text(f, "SELECT t.code || '|' || i.body FROM idea i JOIN theme t"
                   " ON t.id = i.theme_id WHERE form_ref = 'decidim:8'",
                "ENV|Des arbres.");
    assert_text(f, "SELECT p.ref FROM idea i JOIN participant p"
                   " ON p.id = i.author_id WHERE form_ref = 'decidim:7'",
                "decidim:55");
    assert_text(f, "SELECT count || '|' || source || '|' || i.support"
                   " FROM tally t JOIN idea i ON i.id = t.idea_id"
                   " WHERE form_ref = 'decidim:7'", "4|Decidim|4");
    /* A count of 0 is a tally of 0, not none. */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM tally"), 2);
    cs_import_report_clear(&r);

    o.from = CS_PLATFORM_CAPCOLLECTIF;
    cs_import_report_init(&r);
    assert_ok(import(f->db, CS_IMPORT_IDEAS, capco, &o, &r, &err));
    assert_int_equal(r.imported, 3);
    assert_int_equal(r.rejected, 1);
    assert_text(f, "SELECT m.form_ref || '|' || m.body || '|' || p.ref"
                   " || '|' || i.form_ref FROM comment m"
                   " JOIN idea i ON i.id = m.idea_id"
                   " JOIN participant p ON p.id = m.participant_id",
                "capcollectif:c9|Bien vu.|capcollectif:u3|capcollectif:p1");
    assert_text(f, "SELECT p.ref || '|' || v.channel FROM vote v"
                   " JOIN participant p ON p.id = v.participant_id",
                "capcollectif:u4|web");
    cs_import_report_clear(&r);

    /* --from with a kind it has no preset for. */
    cs_import_report_init(&r);
    assert_int_equal(import(f->db, CS_IMPORT_COMMENTS, capco, &o, &r, &err),
                     CS_EINVAL);
    cs_import_report_clear(&r);

    o.from = CS_PLATFORM_CONSUL;
    o.theme = NULL;
    cs_import_report_init(&r);
    /* Its proposal 7 is not Decidim's 7. */
    assert_ok(import(f->db, CS_IMPORT_COMMENTS, consul, &o, &r, &err));
    assert_int_equal(r.imported, 0);
    assert_int_equal(r.rejected, 2);
    cs_import_report_clear(&r);
    assert_ok(cs_idea_add(f->db, &(struct cs_idea_new){
                  .consultation_id = f->cons_id, .theme_id = f->theme_id[0],
                  .body = "Sept.", .form_ref = "consul:7" }, NULL, &err));
    consul = put_file(f, "consul2.csv",
        ",id,parentId,proposalId,userId,date,text\n"
        "0,70,-1,7,5,2024-03-02,Premier.\n"
        "1,71,70,7,6,2024-03-03,Réponse.\n");
    cs_import_report_init(&r);
    assert_ok(import(f->db, CS_IMPORT_COMMENTS, consul, &o, &r, &err));
    assert_int_equal(r.imported, 2);
    assert_text(f, "SELECT coalesce(c.parent_id, 0) || '|' || p.form_ref"
                   " FROM comment c JOIN comment p ON p.id = c.parent_id",
                "2|consul:70");
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM comment"
                                      " WHERE form_ref = 'consul:70'"
                                      " AND parent_id IS NULL"), 1);
    cs_import_report_clear(&r);
}

/* Cap Collectif's export of a participatory budget: 171 rows of five
 * kinds (115 proposals, then comments, votes... each repeating its
 * proposal's columns), 119 columns (tests/data/cap-collectif/SOURCE.txt). */
static void
test_cap_collectif(void **state)
{
    struct fixture *f = *state;
    struct cs_import_map map[] = {
        { "title", "export_proposal_title" },
        { "body", "export_proposal_description" },
        { "form_ref", "export_proposal_reference" },
        { "author_ref", "export_proposal_author_id" },
        { "submitted_at", "export_proposal_published_at" },
    };
    struct cs_import_options o = { .consultation = "AG21", .theme = "ENV",
                                   .map = map, .nmap = 5 };
    struct cs_import_report r;
    struct cs_error err;
    char rejects[400];

    snprintf(rejects, sizeof rejects, "%s/cap.rejects.csv", f->dir);
    o.rejects_path = rejects;
    cs_import_report_init(&r);
    assert_ok(import(f->db, CS_IMPORT_IDEAS,
                     data("cap-collectif/contributions_budget-participatif-"
                          "rennes_collecte-des-propositions.csv"),
                     &o, &r, &err));
    assert_int_equal(r.rows_read, 171);
    assert_int_equal(r.imported, 115);
    assert_int_equal(r.duplicates, 56);
    assert_int_equal(r.rejected, 0);
    assert_int_equal(r.participants_created, 9);
    assert_int_equal(r.unknown_count, 119 - 5);
    /* The BOM is gone from the first column's name. */
    assert_string_equal(r.unknown_columns[0], "export_contribution_type");
    assert_text(f, "SELECT form_ref FROM idea ORDER BY id LIMIT 1",
                "\"1-1\"");
    cs_import_report_clear(&r);
}

/* Every file of tests/data through the importer (the first column taken as
 * the body of ideas, in a dry run): no crash, and every non-empty record
 * the reader sees is a row imported, refused or duplicate. */
static void
corpus_file(struct fixture *f, const char *path)
{
    struct cs_csv_reader *rd = NULL;
    struct cs_csv_record rec;
    struct cs_error err;
    struct cs_import_map map[1];
    struct cs_import_options o = { .consultation = "AG21", .theme = "MOB",
                                   .map = map, .nmap = 1, .dry_run = true };
    struct cs_import_report r;
    char first[256] = "", rejects[700];
    long records = -1;          /* the header is not a row */
    enum cs_rc rc;

    if (cs_csv_reader_open(path, NULL, &rd, &err) != CS_OK)
        return;                 /* binary, empty: refused at open */
    while ((rc = cs_csv_reader_next(rd, &rec, &err)) == CS_OK
           || rc == CS_EINVAL) {
        if (rc == CS_OK && cs_csv_record_is_empty(&rec))
            continue;
        if (records < 0) {
            if (rc != CS_OK)
                break;
            snprintf(first, sizeof first, "%s", rec.fields[0].s);
        }
        records++;
    }
    cs_csv_reader_close(rd);
    if (records < 0)
        return;
    map[0].field = "body";
    map[0].header = first;
    snprintf(rejects, sizeof rejects, "%s/corpus.rejects.csv", f->dir);
    o.rejects_path = rejects;
    cs_import_report_init(&r);
    cs_error_clear(&err);
    rc = cs_import_file(f->db, CS_IMPORT_IDEAS, path, &o, &r, &err);
    if (rc == CS_EINVAL && first[0] == '\0')
        goto out;               /* an empty first header cannot be named */
    if (rc != CS_OK)
        fail_msg("%s: %s (%s)", path, err.msg, cs_rc_name(rc));
    if (r.rows_read != records
        || r.imported + r.rejected + r.duplicates != r.rows_read)
        fail_msg("%s: %ld records, %ld read, %ld + %ld + %ld", path, records,
                 r.rows_read, r.imported, r.rejected, r.duplicates);
    if (r.rejected > 0) {
        struct rows rows;

        /* One line per refused row, whatever the file held. */
        assert_non_null(r.rejects_path);
        read_rows(r.rejects_path, &rows);
        if (r.rejected < 63 && (long)rows.n != r.rejected + 1)
            fail_msg("%s: %ld refused, %zu lines in the reject file", path,
                     r.rejected, rows.n);
        rows_free(&rows);
        remove(r.rejects_path);
    }
out:
    cs_import_report_clear(&r);
}

static void
corpus_dir(struct fixture *f, const char *dir, int *files)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[800];
    struct stat sb;

    assert_non_null(d);
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (stat(path, &sb) != 0)
            continue;
        if (S_ISDIR(sb.st_mode)) {
            corpus_dir(f, path, files);
        } else if (strstr(e->d_name, ".csv") || strstr(e->d_name, ".tsv")
                   || strstr(e->d_name, ".txt")) {
            if (strcmp(e->d_name, "SOURCE.txt") == 0
                || strcmp(e->d_name, "LICENSE.txt") == 0)
                continue;
            corpus_file(f, path);
            (*files)++;
        }
    }
    closedir(d);
}

static void
test_corpus(void **state)
{
    struct fixture *f = *state;
    int files = 0;

    corpus_dir(f, CONSULT_TESTDATA_DIR, &files);
    assert_true(files >= 100);
    /* Dry runs all: nothing written. */
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"), 0);
}

/* ---------------------------------------------------------------- shapes */

/* tests/data/csv (see its SOURCE.txt): the shapes of files that reach an
 * administration, imported for real, with their exact counts. */
static void
test_csv_shapes(void **state)
{
    struct fixture *f = *state;
    struct cs_import_map no_theme[] = { { "theme", "" } };
    struct cs_import_options o = { .consultation = "AG21" };
    struct cs_import_options mob = { .consultation = "AG21", .theme = "MOB" };
    struct cs_import_options lo = { .consultation = "AG21", .theme = "MOB",
                                    .map = no_theme, .nmap = 1 };
    struct cs_import_report r;
    struct cs_error err;
    struct rows rows;
    char rejects[400];

    snprintf(rejects, sizeof rejects, "%s/shapes.rejects.csv", f->dir);
    o.rejects_path = mob.rejects_path = lo.rejects_path = rejects;
    cs_import_report_init(&r);

    /* French Excel: ';', Windows-1252, CRLF, a decimal-comma column. */
    assert_ok(import(f->db, CS_IMPORT_IDEAS, data("csv/excel-fr-cp1252.csv"),
                     &o, &r, &err));
    assert_int_equal(r.encoding, CS_CSV_ENC_WINDOWS1252);
    assert_int_equal(r.delimiter, ';');
    assert_int_equal(r.rows_read, 4);
    assert_int_equal(r.imported, 4);
    assert_int_equal(r.participants_created, 3);
    assert_int_equal(r.unknown_count, 1);
    assert_string_equal(r.unknown_columns[0], "Coût estimé (€)");
    assert_text(f, "SELECT title FROM idea WHERE body LIKE 'Planter%'",
                "Cœur de l’îlot");
    assert_text(f, "SELECT body FROM idea WHERE title = 'Navette'",
                "Une navette le mardi \"matin\" vers le dépôt");
    assert_text(f, "SELECT body FROM idea WHERE title LIKE '%nergie'",
                "Éteindre les écrans le soir – 80 € par an et par poste");
    /* Excel's "CSV UTF-8" of the same sheet: the same text exactly, so
     * the same ideas already there (kept here, to compare them). */
    assert_ok(import(f->db, CS_IMPORT_IDEAS, data("csv/excel-utf8-bom.csv"),
                     &o, &r, &err));
    assert_int_equal(r.encoding, CS_CSV_ENC_UTF8);
    assert_int_equal(r.imported, 0);
    assert_int_equal(r.same_text, 4);
    /* The files below share texts: each is imported whole. */
    o.keep_duplicates = mob.keep_duplicates = lo.keep_duplicates = true;
    assert_ok(import(f->db, CS_IMPORT_IDEAS, data("csv/excel-utf8-bom.csv"),
                     &o, &r, &err));
    assert_int_equal(r.imported, 4);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea a JOIN idea"
                                      " b ON a.title = b.title AND a.body ="
                                      " b.body AND a.batch_id < b.batch_id"),
                     4);

    /* LibreOffice: ',', LF; themes of another consultation, ignored. */
    assert_ok(import(f->db, CS_IMPORT_IDEAS, data("csv/libreoffice.csv"), &lo,
                     &r, &err));
    assert_int_equal(r.imported, 3);
    assert_text(f, "SELECT submitted_at FROM idea WHERE title = 'Cantine'",
                "2021-03-16");
    assert_text(f, "SELECT body FROM idea WHERE title = 'Télétravail'",
                "Deux jours par semaine, \"sur demande\"");

    /* Quotes and line breaks inside cells; a title left empty. */
    assert_ok(import(f->db, CS_IMPORT_IDEAS, data("csv/quotes-newlines.csv"),
                     &mob, &r, &err));
    assert_int_equal(r.rows_read, 5);
    assert_int_equal(r.imported, 5);
    assert_text(f, "SELECT body FROM idea WHERE title = 'CRLF dedans'",
                "ligne A\nligne B\nligne C");
    assert_text(f, "SELECT title FROM idea WHERE body = 'vide avant'",
                "vide avant");

    /* Ragged rows: short ones lack a field, a long one is refused, the
     * row of delimiters only is no row. */
    assert_ok(import(f->db, CS_IMPORT_IDEAS, data("csv/ragged.csv"), &o, &r,
                     &err));
    assert_int_equal(r.rows_read, 4);
    assert_int_equal(r.imported, 1);
    assert_int_equal(r.rejected, 3);
    read_rows(rejects, &rows);
    assert_int_equal(rows.n, 4);
    assert_string_equal(rows.cell[1][0], "3");
    assert_string_equal(rows.cell[1][1], "An idea needs a text.");
    assert_string_equal(rows.cell[2][0], "4");
    assert_non_null(strstr(rows.cell[2][1], "4 cells"));
    assert_string_equal(rows.cell[3][0], "5");
    assert_string_equal(rows.cell[3][1], "An idea needs a text.");
    rows_free(&rows);

    /* Empty lines anywhere; rows of ';' below the table. */
    assert_ok(import(f->db, CS_IMPORT_IDEAS, data("csv/empty-lines.csv"),
                     &mob, &r, &err));
    assert_int_equal(r.rows_read, 3);
    assert_int_equal(r.imported, 3);
    assert_ok(import(f->db, CS_IMPORT_IDEAS,
                     data("csv/excel-trailing-empty-rows.csv"), &mob, &r,
                     &err));
    assert_int_equal(r.rows_read, 1);
    assert_int_equal(r.imported, 1);

    /* A template never filled in. */
    assert_ok(import(f->db, CS_IMPORT_IDEAS, data("csv/header-only.csv"), &o,
                     &r, &err));
    assert_int_equal(r.rows_read, 0);
    assert_int_equal(r.imported, 0);

    /* A byte that is not UTF-8, a byte Windows-1252 does not define:
     * that row refused with its line, the others in, accents intact. */
    assert_ok(import(f->db, CS_IMPORT_IDEAS, data("csv/invalid-utf8.csv"),
                     &mob, &r, &err));
    assert_int_equal(r.rows_read, 3);
    assert_int_equal(r.imported, 2);
    assert_int_equal(r.rejected, 1);
    assert_text(f, "SELECT body FROM idea WHERE title = 'Café'",
                "crème brûlée");
    read_rows(rejects, &rows);
    assert_string_equal(rows.cell[1][0], "3");
    rows_free(&rows);
    assert_ok(import(f->db, CS_IMPORT_IDEAS,
                     data("csv/cp1252-undefined-byte.csv"), &mob, &r, &err));
    assert_int_equal(r.rejected, 1);
    read_rows(rejects, &rows);
    assert_string_equal(rows.cell[1][0], "3");
    rows_free(&rows);

    /* Not CSV at all: refused before any row, nothing written. */
    {
        long long ideas = fixture_count(f, "SELECT count(*) FROM idea");

        assert_int_equal(import(f->db, CS_IMPORT_IDEAS,
                                data("csv/binary-random.csv"), &mob, &r,
                                &err), CS_EINVAL);
        assert_int_equal(import(f->db, CS_IMPORT_IDEAS,
                                data("csv/workbook-saved-as-csv.csv"), &mob,
                                &r, &err), CS_EINVAL);
        assert_int_equal(import(f->db, CS_IMPORT_IDEAS, data("csv/empty.csv"),
                                &mob, &r, &err), CS_EINVAL);
        assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"),
                         ideas);
    }
    cs_import_report_clear(&r);
}

/* A cell of 10 MB (a whole document pasted into a cell) goes in whole. */
static void
test_ten_megabyte_field(void **state)
{
    struct fixture *f = *state;
    struct cs_import_report r;
    struct cs_error err;
    char path[400];
    FILE *fp;

    snprintf(path, sizeof path, "%s/big-cell.csv", f->dir);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs("thème;texte\nMOB;\"", fp);
    for (int i = 0; i < 10 * 1024 * 1024 / 16; i++)
        fputs("é\"\"long; texte\n", fp);
    fputs("\"\nENV;court\n", fp);
    assert_int_equal(fclose(fp), 0);
    cs_import_report_init(&r);
    assert_ok(import(f->db, CS_IMPORT_IDEAS, path, &ag21, &r, &err));
    assert_int_equal(r.imported, 2);
    assert_int_equal(fixture_count(f, "SELECT length(CAST(body AS BLOB))"
                                      " FROM idea WHERE theme_id = 1"),
                     /* 16 bytes in the file, 15 once "" is " */
                     10 * 1024 * 1024 / 16 * 15 - 1);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea_fts WHERE"
                                      " idea_fts MATCH 'court'"), 1);
    cs_import_report_clear(&r);
}

/* ---------------------------------------------------------------- templates */

static void
test_templates_import_back(void **state)
{
    struct fixture *f = *state;
    static const enum cs_import_kind kinds[] = {
        CS_IMPORT_PARTICIPANTS, CS_IMPORT_IDEAS, CS_IMPORT_VOTES,
        CS_IMPORT_TALLIES,
    };
    struct cs_import_template_options o = { .example = true };
    struct cs_import_report r;
    struct cs_error err;
    char path[400];
    FILE *fp;

    /* Each example line is a valid row of its kind, in this order, with
     * the consultation, theme and idea of this database. */
    cs_import_report_init(&r);
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        snprintf(path, sizeof path, "%s/%s.csv", f->dir,
                 cs_import_kind_name(kinds[i]));
        fp = fopen(path, "wb");
        assert_non_null(fp);
        assert_ok(cs_import_template(f->db, kinds[i], &o, fp, &err));
        assert_int_equal(fclose(fp), 0);
        assert_ok(import(f->db, kinds[i], path, NULL, &r, &err));
        if (r.imported != 1 || r.unknown_count != 0)
            fail_msg("%s template: %ld imported, %zu unknown columns",
                     cs_import_kind_name(kinds[i]), r.imported,
                     r.unknown_count);
    }
    assert_int_equal(fixture_count(f, "SELECT support FROM idea"), 15);
    cs_import_report_clear(&r);
}

/* A template has the columns its reader may fill, and its example names
 * this database's consultation, theme and idea; --excel's options hold. */
static void
test_template_follows_role_and_database(void **state)
{
    struct fixture *f = *state;
    struct cs_import_template_options o = { .example = true };
    struct cs_error err;
    struct cs_db *agent;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp;

    /* The example names the consultation asked for, with its first
     * theme, even when a newer one is open. */
    o.consultation_id = f->cons_id;
    {
        struct cs_consultation_new c = {
            .code = "NEW22", .title = "Plus récente", .state = CS_STATE_OPEN,
        };

        assert_ok(cs_consultation_add(f->db, &c, NULL, &err));
    }
    make_user(f, "bob", CS_ROLE_AGENT);
    agent = fixture_open_as(f, "bob");
    assert_non_null(agent);

    fp = open_memstream(&buf, &len);
    assert_ok(cs_import_template(agent, CS_IMPORT_IDEAS, &o, fp, &err));
    assert_int_equal(fclose(fp), 0);
    assert_string_equal(buf,
        "consultation,theme,kind,title,body,channel,form_ref,submitted_at,"
        "author_ref,author_name,service,email,postal,phone,consent\n"
        "AG21,MOB,idea,Covoiturage entre services,Une plateforme de "
        "covoiturage pour les agents qui habitent loin du centre "
        "administratif.,paper,F-0001,2021-03-15,M012345,Élodie Dupont,"
        "Travaux,,\"Rue de la Station 12, 6000 Charleroi\",071 23 45 67,"
        "yes\n");
    free(buf);

    /* An admin's has the triage columns too; with Excel's options: the
     * BOM, ';' and CRLF. */
    o.example = false;
    o.csv = (struct cs_csv_writer_options){ .delimiter = ';', .crlf = true,
                                            .bom = true };
    fp = open_memstream(&buf, &len);
    assert_ok(cs_import_template(f->db, CS_IMPORT_IDEAS, &o, fp, &err));
    assert_int_equal(fclose(fp), 0);
    assert_string_equal(buf,
        "\xEF\xBB\xBF" "consultation;theme;kind;title;body;channel;form_ref;"
        "submitted_at;author_ref;author_name;service;email;postal;phone;"
        "consent;tags;status;answer\r\n");
    free(buf);

    /* A votes template names an idea of the consultation by its form
     * reference, once one has one. */
    fixture_idea(f->db, f, "Sans numéro de formulaire");
    fixture_import(f, CS_IMPORT_IDEAS, "p7.csv",
                   "consultation,theme,body,form_ref\n"
                   "AG21,ENV,Un vélo,P-7\n");
    o = (struct cs_import_template_options){ .example = true,
                                             .consultation_id = f->cons_id };
    fp = open_memstream(&buf, &len);
    assert_ok(cs_import_template(agent, CS_IMPORT_VOTES, &o, fp, &err));
    assert_int_equal(fclose(fp), 0);
    assert_non_null(strstr(buf, "\nAG21,,P-7,M067890,"));
    free(buf);

    /* Without a consultation named: the newest open one. */
    o.consultation_id = 0;
    fp = open_memstream(&buf, &len);
    assert_ok(cs_import_template(agent, CS_IMPORT_TALLIES, &o, fp, &err));
    assert_int_equal(fclose(fp), 0);
    assert_non_null(strstr(buf, "\nNEW22,"));
    free(buf);
    cs_db_close(agent);
}

/* The columns as the importer reads them, for a screen to show: the
 * same matching, a mapping over it, what is missing said with the rest
 * filled, a bad mapping refused. */
static void
test_columns_shown(void **state)
{
    static const char *const heads[] = { "Titre", "Texte", "Bizarre",
                                         "Thème" };
    const struct cs_import_map map[] = { { "body", "bizarre" } };
    const struct cs_import_map bad[] = { { "nothing", "Titre" } };
    const char *fields[4];
    struct cs_error err;

    (void)state;
    assert_ok(cs_import_columns(CS_IMPORT_IDEAS, heads, 4, NULL, 0, true,
                                false, fields, &err));
    assert_string_equal(fields[0], "title");
    assert_string_equal(fields[1], "body");
    assert_null(fields[2]);
    assert_string_equal(fields[3], "theme");
    /* Without a default consultation: said, and the fields all the same. */
    assert_int_equal(cs_import_columns(CS_IMPORT_IDEAS, heads, 4, NULL, 0,
                                       false, false, fields, &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "consultation");
    assert_string_equal(fields[1], "body");
    /* Mapped: the text comes from "Bizarre"; "Texte" is read no more. */
    assert_ok(cs_import_columns(CS_IMPORT_IDEAS, heads, 4, map, 1, true,
                                false, fields, &err));
    assert_null(fields[1]);
    assert_string_equal(fields[2], "body");
    assert_int_equal(cs_import_columns(CS_IMPORT_IDEAS, heads, 4, bad, 1,
                                       true, false, fields, &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "map");
    for (int i = 0; i < 4; i++)
        assert_null(fields[i]);
    /* The text missing: named, the rest filled. */
    assert_int_equal(cs_import_columns(CS_IMPORT_IDEAS, heads + 2, 2, NULL,
                                       0, true, false, fields, &err),
                     CS_EINVAL);
    assert_string_equal(err.field, "body");
    assert_string_equal(fields[1], "theme");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_columns_shown),
        cmocka_unit_test_setup_teardown(
            test_template_follows_role_and_database, fixture_setup_cons,
            fixture_teardown),
        cmocka_unit_test_setup_teardown(test_header_french_any_order,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_map_and_ignore,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(
            test_missing_column_stops_before_any_row, fixture_setup_cons,
            fixture_teardown),
        cmocka_unit_test(test_header_key),
        cmocka_unit_test_setup_teardown(test_rejects_file,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_rejects_path_option,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_rejects_long_reason,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_same_file_twice,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_form_ref_duplicates,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_dry_run_writes_nothing,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_dry_run_read_only,
                                        fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_all_or_nothing,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_roles,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_votes,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_merged_and_hidden,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_votes_refused_and_merged,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_tallies,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_participants,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_undo,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_windows_1252,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(
            test_invalid_bytes_and_control_characters, fixture_setup_cons,
            fixture_teardown),
        cmocka_unit_test_setup_teardown(test_crlf_blanks_and_formulas,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test(test_dates_as_cs_date_parse),
        cmocka_unit_test_setup_teardown(test_title_as_idea_add,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test(test_words),
        cmocka_unit_test_setup_teardown(test_progress_and_cancel,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_cancel_at_the_end,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_full_text_index,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_killed_import_leaves_nothing,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_decide_madrid,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_cap_collectif,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_presets_mapping,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_corpus,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_csv_shapes,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ten_megabyte_field,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_templates_import_back,
                                        fixture_setup_cons, fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
