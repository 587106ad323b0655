/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_import_test.c: the import screen's model (model_import.c) on the
 * demo database: the browser (directories first, Enter into one,
 * Backspace back up to it), a Windows-1252 ";" file read (encoding and
 * delimiter found, the headers and first rows in UTF-8), a column the
 * importer does not know mapped by hand to the text, a dry run listing
 * the missing theme, the theme created on the spot (the dry run then
 * finds it), the import itself with its refused row and reason read back,
 * and a large import stopped by its progress callback leaving the
 * database as it was.
 */
#include "testlib.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model_import.h"
#include "text.h"

static void
demo(struct fixture *f)
{
    const char *datadir = getenv("CONSULT_DATADIR");
    struct cs_error err;

    if (datadir == NULL)
        fail_msg("CONSULT_DATADIR is not set (ctest sets it)");
    assert_ok(cs_demo_load(f->db, datadir, NULL, &err));
}

static bool
rows_hold(struct model_import *m, const char *text)
{
    struct tui_row rows[64];
    int cursor;
    size_t n = model_import_rows(m, rows, 64, &cursor);

    for (size_t i = 0; i < n; i++)
        if (strstr(rows[i].text, text))
            return true;
    return false;
}

/* Windows-1252, ";", CRLF: what French Excel saves. Its text column has a
 * header no alias knows; one row names a theme the consultation lacks,
 * one has no text. */
static const char cp1252[] =
    "Consultation;Th\xe8me;Titre;Ma proposition;Nom;Service\r\n"
    "AGENTS21;D\xe9veloppement durable;V\xe9los;Des v\xe9los de service "
    "\xe9lectriques.;Anne Dupont;Travaux\r\n"
    "AGENTS21;Propret\xe9 des locaux;Tri;Des poubelles de tri \xe0 chaque "
    "\xe9tage.;\xc9ric Lef\xe8vre;Logistique\r\n"
    "AGENTS21;D\xe9veloppement durable;Vide;;Luc Petit;Accueil\r\n";

static void
write_file(const char *path, const char *data, size_t len)
{
    FILE *fp = fopen(path, "wb");

    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    fclose(fp);
}

static size_t
entry(const struct model_import *m, const char *name)
{
    for (size_t i = 0; i < m->nentries; i++)
        if (strcmp(m->entries[i].name, name) == 0)
            return i;
    fail_msg("no entry %s", name);
    return 0;
}

static int
field_index(enum cs_import_kind kind, const char *name)
{
    size_t n;
    const char *const *names = cs_import_fields(kind, &n);

    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return (int)i;
    fail_msg("no field %s", name);
    return -1;
}

static void
test_browse_map_themes_import(void **state)
{
    struct fixture *f = *state;
    struct model_import m;
    struct cs_error err;
    char sub[400], path[500], code[33];
    long long before;

    demo(f);
    snprintf(sub, sizeof sub, "%s/terrain", f->dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    snprintf(path, sizeof path, "%s/saisie.csv", sub);
    write_file(path, cp1252, sizeof cp1252 - 1);

    /* The browser: ".." first, directories before files. */
    assert_ok(model_import_init(&m, f->db, "AGENTS21", f->dir, 100, &err));
    assert_int_equal(m.view, IMPORT_VIEW_BROWSE);
    assert_string_equal(m.entries[0].name, "..");
    m.sel = entry(&m, "terrain");
    assert_true(m.entries[m.sel].dir);
    assert_true(rows_hold(&m, "terrain/"));
    assert_ok(model_import_enter(&m, &err));
    assert_string_equal(m.dir, sub);
    assert_true(rows_hold(&m, "saisie.csv"));
    /* Backspace goes up, the directory come from selected. */
    assert_true(model_import_parent(&m, &err));
    assert_string_equal(m.dir, f->dir);
    assert_string_equal(m.entries[m.sel].name, "terrain");
    assert_ok(model_import_enter(&m, &err));
    m.sel = entry(&m, "saisie.csv");
    assert_ok(model_import_enter(&m, &err));

    /* The file: Windows-1252 and ";" found, read as UTF-8. */
    assert_int_equal(m.view, IMPORT_VIEW_FILE);
    assert_int_equal(m.encoding, CS_CSV_ENC_WINDOWS1252);
    assert_int_equal(m.delimiter, ';');
    assert_int_equal(m.ncols, 6);
    assert_int_equal(m.nrows, 3);
    assert_string_equal(m.headers[1], "Thème");
    assert_string_equal(m.cells[1 * 6 + 4], "Éric Lefèvre");
    assert_string_equal(m.fields[1], "theme");
    assert_string_equal(m.fields[2], "title");
    assert_null(m.fields[3]);
    assert_non_null(strstr(m.map_note, "\"body\""));
    {
        char head[TUI_ROW_BYTES];

        model_import_header(&m, head, sizeof head);
        assert_non_null(strstr(head, "saisie.csv  |  WINDOWS-1252, \";\" "
                                     "delimited  |  6 columns"));
    }
    assert_true(rows_hold(&m, "Ma proposition"));

    /* The text column, mapped by hand. */
    m.line = IMPORT_LINE_COLUMNS + 3;
    assert_int_equal(model_import_column(&m), 3);
    model_import_map(&m, 3, field_index(CS_IMPORT_IDEAS, "body"));
    assert_string_equal(m.fields[3], "body");
    assert_string_equal(m.map_note, "");

    /* The dry run: one theme missing, nothing written. */
    before = fixture_count(f, "SELECT count(*) FROM idea");
    assert_ok(model_import_run(&m, true, NULL, NULL, &err));
    assert_int_equal(m.rep.imported, 1);
    assert_int_equal(m.rep.rejected, 2);
    assert_int_equal(m.rep.nmissing_themes, 1);
    assert_string_equal(m.rep.missing_themes[0].title, "Propreté des locaux");
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"), before);
    assert_true(rows_hold(&m, "missing theme: Propreté des locaux (1 row)"));
    assert_true(rows_hold(&m, "Dry run: 3 rows read: 1 would be imported"));

    /* Created on the spot: the dry run finds it. */
    m.line = IMPORT_LINE_COLUMNS + m.ncols;
    assert_int_equal(model_import_missing(&m), 0);
    assert_ok(model_import_create_theme(&m, 0, code, &err));
    assert_string_equal(code, "PROPRETE-DES-LOCAUX");
    assert_int_equal(m.rep.nmissing_themes, 0);
    assert_int_equal(m.rep.imported, 2);
    assert_int_equal(m.rep.rejected, 1);

    /* The import: two ideas in, the refused row and its reason shown. */
    assert_ok(model_import_run(&m, false, NULL, NULL, &err));
    assert_int_equal(m.rep.imported, 2);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"),
                     before + 2);
    assert_true(model_import_show_result(&m));
    assert_int_equal(m.nrefused, 1);
    assert_int_equal(m.refused[0].line, 4);
    assert_true(m.refused[0].reason[0] != '\0');
    assert_non_null(strstr(m.refused[0].row, "Luc Petit"));
    assert_true(rows_hold(&m, "Imported (batch"));
    assert_true(rows_hold(&m, "line 4: "));
    /* Backspace: the file again, then the browser. */
    assert_true(model_import_parent(&m, &err));
    assert_int_equal(m.view, IMPORT_VIEW_FILE);
    assert_true(model_import_parent(&m, &err));
    assert_int_equal(m.view, IMPORT_VIEW_BROWSE);
    model_import_free(&m);
}

static long calls;

static bool
stop_at_second(void *ctx, const struct cs_import_progress *p)
{
    (void)ctx;
    (void)p;
    return ++calls < 2;
}

static void
test_cancel(void **state)
{
    struct fixture *f = *state;
    struct model_import m;
    struct cs_error err;
    char path[400], line[200];
    long long ideas, batches;
    FILE *fp;

    demo(f);
    snprintf(path, sizeof path, "%s/big.csv", f->dir);
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("consultation,theme,title,body\n", fp);
    for (int i = 0; i < 6000; i++) {
        snprintf(line, sizeof line, "AGENTS21,DD,Idée %d,Une idée assez "
                 "longue pour remplir le fichier, numéro %d.\n", i, i);
        fputs(line, fp);
    }
    fclose(fp);
    ideas = fixture_count(f, "SELECT count(*) FROM idea");
    batches = fixture_count(f, "SELECT count(*) FROM import_batch");
    assert_ok(model_import_init(&m, f->db, "AGENTS21", f->dir, 100, &err));
    assert_ok(model_import_load(&m, path, &err));
    calls = 0;
    assert_int_equal(model_import_run(&m, false, stop_at_second, NULL,
                                      &err), CS_ECANCELED);
    assert_true(calls >= 2);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"), ideas);
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM import_batch"),
                     batches);
    assert_true(rows_hold(&m, "Import stopped: nothing of it was kept"));
    {
        struct cs_import_progress p = { .rows = 1200, .rejected = 3,
                                        .bytes = 50, .total = 200 };
        char buf[TUI_ROW_BYTES];

        model_import_progress_text(&p, 1.0, 100, buf, sizeof buf);
        assert_non_null(strstr(buf, "[#####...............]  25 %"));
        assert_non_null(strstr(buf, "(Esc stops)  Importing [#####"));
        assert_non_null(strstr(buf, "1200 rows read, 3 refused"));
        assert_null(strstr(buf, "left"));
        /* After 4 s for a quarter: about 12 s left. */
        model_import_progress_text(&p, 4.0, 100, buf, sizeof buf);
        assert_non_null(strstr(buf, "3 refused, about 12 s left"));
    }
    model_import_free(&m);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_browse_map_themes_import,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_cancel, fixture_setup,
                                        fixture_teardown),
    };

    if (setlocale(LC_ALL, "C.UTF-8") == NULL)
        return 77;
    tui_text_set_utf8(true);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
