/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * backup_test.c: backups and restores (backup.c): the copy and its
 * manifest, the checks a restore makes first, the database kept beside,
 * and the journal row a restore adds.
 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool
exists(const char *path)
{
    struct stat sb;

    return stat(path, &sb) == 0;
}

static void
backup_path(const struct fixture *f, const char *name, char *buf, size_t n)
{
    snprintf(buf, n, "%s/%s", f->dir, name);
}

static void
test_backup_and_check(void **state)
{
    struct fixture *f = *state;
    struct cs_backup_info made, seen;
    struct cs_error err;
    char path[400], wal[420];

    fixture_idea(f->db, f, "Des vélos.");
    fixture_idea(f->db, f, "Une navette.");
    backup_path(f, "copy.db", path, sizeof path);
    assert_ok(cs_backup_write(f->db, path, false, &made, &err));
    assert_int_equal(made.audit_id, fixture_audit_rows(f));
    assert_int_equal(strlen(made.sha256), 64);
    assert_int_equal(made.schema, CS_SCHEMA_VERSION);
    assert_string_equal(made.by, "alice");
    snprintf(wal, sizeof wal, "%s-wal", path);
    assert_false(exists(wal));
    assert_ok(cs_backup_check(path, &seen, &err));
    assert_string_equal(seen.sha256, made.sha256);
    assert_string_equal(seen.audit_head, made.audit_head);
    assert_int_equal(seen.bytes, made.bytes);
    /* Checking writes nothing beside the copy. */
    assert_false(exists(wal));
    /* A second backup to the same name replaces the first. */
    fixture_idea(f->db, f, "Un potager.");
    assert_ok(cs_backup_write(f->db, path, false, &seen, &err));
    assert_int_equal(seen.audit_id, made.audit_id + 1);
    assert_ok(cs_backup_check(path, NULL, &err));
}

static void
test_restore_keeps_the_replaced_database(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    char path[512], kept[512];
    int64_t rows = 0;
    long long ideas;

    fixture_idea(f->db, f, "Des vélos.");
    backup_path(f, "copy.db", path, sizeof path);
    assert_ok(cs_backup_write(f->db, path, false, NULL, &err));
    ideas = fixture_count(f, "SELECT count(*) FROM idea");
    fixture_idea(f->db, f, "Ajoutée après la copie.");
    assert_ok(cs_backup_restore(f->db, path, kept, sizeof kept, &err));
    assert_non_null(strstr(kept, ".before-restore-"));
    assert_true(exists(kept));
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"), ideas);
    assert_ok(cs_audit_verify(f->db, &rows, NULL, NULL, &err));
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM audit WHERE"
                                      " action = 'restore' AND id ="
                                      " (SELECT max(id) FROM audit)"), 1);
    /* The handle goes on working on the restored content. */
    fixture_idea(f->db, f, "Après la restauration.");
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"),
                     ideas + 1);
    /* The kept file is a database holding what was replaced. */
    {
        struct cs_open_opts o = { CS_OPEN_READONLY, 0, "alice" };
        struct cs_db *old = NULL;
        int64_t n = 0;

        assert_ok(cs_db_open(&old, kept, &o, &err));
        assert_ok(cs_audit_verify(old, &n, NULL, NULL, &err));
        assert_true(n > 0);
        cs_db_close(old);
    }
    /* ...and a backup: restoring it undoes the restore. */
    assert_ok(cs_backup_check(kept, NULL, &err));
    assert_ok(cs_backup_restore(f->db, kept, path, sizeof path, &err));
    assert_int_equal(fixture_count(f, "SELECT count(*) FROM idea"),
                     ideas + 1);
}

static void
test_refusals(void **state)
{
    struct fixture *f = *state;
    struct cs_error err;
    char path[400], man[420], kept[512];
    FILE *fp;

    backup_path(f, "copy.db", path, sizeof path);
    snprintf(man, sizeof man, "%s.manifest", path);
    assert_int_equal(cs_backup_write(f->db, f->path, false, NULL, &err),
                     CS_EINVAL);
    assert_int_equal(cs_backup_write(f->db, "/dev/null", false, NULL, &err),
                     CS_EINVAL);
    assert_int_equal(cs_backup_check(path, NULL, &err), CS_ENOTFOUND);
    assert_ok(cs_backup_write(f->db, path, false, NULL, &err));
    /* A byte appended: the size and checksum no longer match. */
    assert_non_null(fp = fopen(path, "ab"));
    fputc('x', fp);
    fclose(fp);
    assert_int_equal(cs_backup_check(path, NULL, &err), CS_ECONFLICT);
    assert_non_null(strstr(err.msg, "does not match its manifest"));
    assert_int_equal(cs_backup_restore(f->db, path, kept, sizeof kept, &err),
                     CS_ECONFLICT);
    /* Not a backup manifest. */
    assert_non_null(fp = fopen(man, "w"));
    fputs("format: consult-export-manifest 1\n", fp);
    fclose(fp);
    assert_int_equal(cs_backup_check(path, NULL, &err), CS_EINVAL);
    assert_int_equal(unlink(man), 0);
    assert_int_equal(cs_backup_check(path, NULL, &err), CS_ENOTFOUND);
}

static void
test_restore_needs_a_writable_database(void **state)
{
    struct fixture *f = *state;
    struct cs_open_opts o = { CS_OPEN_READONLY, 0, "alice" };
    struct cs_db *ro = NULL;
    struct cs_error err;
    char path[400], kept[512];

    backup_path(f, "copy.db", path, sizeof path);
    assert_ok(cs_backup_write(f->db, path, false, NULL, &err));
    assert_ok(cs_db_open(&ro, f->path, &o, &err));
    /* A read-only database may be backed up, not restored. */
    backup_path(f, "copy2.db", path, sizeof path);
    assert_ok(cs_backup_write(ro, path, false, NULL, &err));
    assert_int_equal(cs_backup_restore(ro, path, kept, sizeof kept, &err),
                     CS_EREADONLY);
    cs_db_close(ro);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_backup_and_check,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_restore_keeps_the_replaced_database,
                                        fixture_setup_cons, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_refusals, fixture_setup_cons,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_restore_needs_a_writable_database,
                                        fixture_setup_cons, fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
