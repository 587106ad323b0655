/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_init.c: `consult init`: create a new, empty database, whose
 * creator becomes its admin, and say where it is.
 */
#include "cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int
cmd_init(struct cli_global *g, int argc, char **argv)
{
    char path[PATH_MAX];
    struct cs_open_opts o = { CS_OPEN_CREATE, cli_busy_timeout(), NULL };
    struct cs_db *db = NULL;
    struct cs_error err;
    struct stat sb;
    enum cs_rc rc;
    int x;

    if ((x = cli_args("init", argc, argv, 0)) != 0)
        return x;
    if ((x = cli_db_path(g, path, sizeof path, NULL)) != 0)
        return x;
    /* An empty file (from mktemp, say) may become a database; anything
     * else is someone's data and is left alone. */
    if (stat(path, &sb) == 0 && (!S_ISREG(sb.st_mode) || sb.st_size > 0)) {
        fprintf(stderr, _("%s: there is already a file at %s; nothing was "
                          "changed.\n"), cli_progname, path);
        return EXIT_CANTCREAT;
    }
    /* A shared host's database is its group's (0660). */
    if (g->shared || cs_host_mode())
        o.flags |= CS_OPEN_SHARED;
    cs_error_clear(&err);
    if ((rc = cs_db_open(&db, path, &o, &err)) != CS_OK) {
        x = cli_fail(&err, rc);
        return rc == CS_EBUSY ? x : EXIT_CANTCREAT;
    }
    printf(_("Created the database %s.\n"), path);
    printf(_("Login \"%s\" is its admin. Next: consult consultation add "
             "--code CODE --title TITLE\n"), cs_db_login(db));
    cs_db_close(db);
    return EXIT_OK;
}
