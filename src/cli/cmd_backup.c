/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_backup.c: `consult backup FILE`, a consistent copy of the live
 * database with its manifest, and `consult restore FILE [--check]`, which
 * checks a copy and puts it back, keeping the database it replaces.
 */
#include "cli.h"

#include <inttypes.h>
#include <limits.h>
#include <string.h>

/* A missing file is missing input (66), as for the other commands that
 * read a file. */
static int
fail(const struct cs_error *err, enum cs_rc rc)
{
    int x = cli_fail(err, rc);

    return rc == CS_ENOTFOUND ? EXIT_NOINPUT : x;
}

int
cmd_backup(struct cli_global *g, int argc, char **argv)
{
    struct cs_backup_info info;
    struct cs_db *db = NULL;
    struct cs_error err;
    enum cs_rc rc;
    int x;

    if ((x = cli_args("backup", argc, argv, 1)) != 0)
        return x;
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    rc = cs_backup_write(db, argv[optind], g->shared, &info, &err);
    cs_db_close(db);
    if (rc != CS_OK)
        return fail(&err, rc);
    printf(_("Backup written to %s: %" PRIu64 " bytes, SHA-256 %.16s…, "
             "audit log up to row %" PRId64 ".\n"), argv[optind], info.bytes,
           info.sha256, info.audit_id);
    printf(_("Its manifest: %s.manifest (checked by consult restore).\n"),
           argv[optind]);
    return EXIT_OK;
}

int
cmd_restore(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "check", no_argument, NULL, 'c' },
        { NULL, 0, NULL, 0 },
    };
    struct cs_backup_info info;
    struct cs_db *db = NULL;
    struct cs_error err;
    char kept[PATH_MAX + 64];
    bool check_only = false;
    const char *file;
    enum cs_rc rc;
    int c, x;

    cli_opt_reset();
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        if (c == 'c')
            check_only = true;
        else
            return cli_bad_option("restore", c, argv);
    }
    if (argc - optind != 1)
        return cli_operands("restore", argc - optind, 1);
    file = argv[optind];
    cs_error_clear(&err);
    if (check_only) {
        if ((rc = cs_backup_check(file, &info, &err)) != CS_OK)
            return fail(&err, rc);
        printf(_("%s is a sound backup: it matches its manifest, passes "
                 "SQLite's integrity check, and its audit log verifies up "
                 "to row %" PRId64 ".\n"), file, info.audit_id);
        return EXIT_OK;
    }
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    rc = cs_backup_restore(db, file, kept, sizeof kept, &err);
    if (rc != CS_OK) {
        cs_db_close(db);
        return fail(&err, rc);
    }
    printf(_("Restored %s into %s.\n"), file, cs_db_path(db));
    printf(_("The database as it was is kept in %s.\n"), kept);
    cs_db_close(db);
    return EXIT_OK;
}
