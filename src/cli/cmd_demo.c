/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_demo.c: `consult demo`: (re)create the demo database from the files
 * in data/, say where it is and what it holds, and how to look at it.
 */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Where the demo files are: $CONSULT_DATADIR, else the data installed
 * beside the binary, else the source tree's data/ when running
 * uninstalled, else the configured directory. */
static const char *
demo_datadir(void)
{
    static char beside[PATH_MAX];
    const char *env = getenv("CONSULT_DATADIR");
    struct stat sb;

    if (env && *env)
        return env;
    /* Installed (or moved) with its data: <bindir>/../share/consult. */
    if (cli_beside_exe(CONSULT_BIN_TO_DATADIR, beside, sizeof beside))
        return beside;
    if (stat(CONSULT_SOURCE_DATADIR, &sb) == 0 && S_ISDIR(sb.st_mode))
        return CONSULT_SOURCE_DATADIR;
    return CONSULT_DATADIR;
}

/* Remove `path`, its WAL companions and its key; 0 or an exit code. */
static int
remove_db(const char *path)
{
    static const char *const suffix[] = { "", "-wal", "-shm", "-journal",
                                          ".key" };
    char file[PATH_MAX + 16];

    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        snprintf(file, sizeof file, "%s%s", path, suffix[i]);
        if (unlink(file) != 0 && errno != ENOENT) {
            fprintf(stderr, _("%s: cannot remove %s: %s\n"), cli_progname,
                    file, strerror(errno));
            return EXIT_CANTCREAT;
        }
    }
    return 0;
}

int
cmd_demo(struct cli_global *g, int argc, char **argv)
{
    char path[PATH_MAX];
    struct cs_open_opts o = { CS_OPEN_CREATE, cli_busy_timeout(), NULL };
    struct cs_demo_report r;
    struct cs_db *db = NULL;
    struct cs_error err;
    enum cs_rc rc;
    int x;

    if ((x = cli_args("demo", argc, argv, 0)) != 0)
        return x;
    if ((x = cli_db_path(g, path, sizeof path, "demo.db")) != 0)
        return x;
    if (access(path, F_OK) == 0) {
        bool is_demo = false;

        /* Never wipe real work: only a database the demo made is replaced. */
        cs_error_clear(&err);
        rc = cs_demo_is_demo(path, &is_demo, &err);
        if (rc != CS_OK || !is_demo) {
            fprintf(stderr, _("%s: %s exists and is not a demo database: "
                              "it is left alone. Choose another --db.\n"),
                    cli_progname, path);
            return EXIT_CANTCREAT;
        }
    }
    if ((x = remove_db(path)) != 0)
        return x;
    if (g->shared)
        o.flags |= CS_OPEN_SHARED;
    cs_error_clear(&err);
    if ((rc = cs_db_open(&db, path, &o, &err)) != CS_OK)
        return cli_fail(&err, rc);
    memset(&r, 0, sizeof r);
    rc = cs_demo_load(db, demo_datadir(), &r, &err);
    cs_db_close(db);
    if (rc != CS_OK) {
        /* A demo half loaded would mislead: leave nothing behind. */
        x = cli_fail(&err, rc);
        remove_db(path);
        return x;
    }
    printf(_("The demo database is %s.\n"), path);
    /* TRANSLATORS: one line of counts; "label number" pairs avoid plural
     * forms for seven numbers at once. */
    printf(_("Contents: consultations %ld, themes %ld, participants %ld, "
             "ideas %ld, votes %ld, tallies %ld, comments %ld, decisions "
             "%ld.\n"),
           r.consultations, r.themes, r.participants, r.ideas, r.votes,
           r.tallies, r.comments, r.decisions);
    printf(_("Look at it with: consult --db %s stats\n"), path);
    return EXIT_OK;
}
