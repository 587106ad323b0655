/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cli.c: shared pieces of the command-line front end: database path and
 * opening, exit codes, error and usage messages.
 */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *cli_progname = "consult";

int
cli_exit_code(enum cs_rc rc)
{
    switch (rc) {
    case CS_OK:        return EXIT_OK;
    case CS_EINVAL:
    case CS_ENOTFOUND:
    case CS_ECONFLICT:
    case CS_ENOTDB:
    case CS_EVERSION:  return EXIT_DATA;
    case CS_EPERM:     return EXIT_NOPERM;
    case CS_EBUSY:     return EXIT_TEMPFAIL;
    case CS_EIO:       return EXIT_IOERR;
    case CS_ECREATE:   return EXIT_CANTCREAT;
    case CS_ECANCELED: return EXIT_TEMPFAIL;
    default:           return EXIT_SOFTWARE;
    }
}

int
cli_fail(const struct cs_error *err, enum cs_rc rc)
{
    fprintf(stderr, "%s: %s\n", cli_progname,
            err->msg[0] ? err->msg : cs_rc_name(rc));
    return cli_exit_code(rc);
}

int
cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "%s: ", cli_progname);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    if (cmd)
        fprintf(stderr, _("Try '%s %s --help' for more information.\n"),
                cli_progname, cmd);
    else
        fprintf(stderr, _("Try '%s --help' for more information.\n"),
                cli_progname);
    return EXIT_USAGE;
}

void
cli_print_usage(FILE *out, const char *name)
{
    for (const struct cli_command *c = cli_commands; c->name; c++) {
        if (strcmp(c->name, name) != 0)
            continue;
        fprintf(out, "%s\n\n%s\n", _(c->summary), _(c->usage));
        return;
    }
}

bool
cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return false;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return true;
    }
    return false;
}

bool
cli_parse_id(const char *cmd, const char *s, int64_t *out)
{
    char *end;
    long long v;

    errno = 0;
    v = s ? strtoll(s, &end, 10) : 0;
    if (s == NULL || *s == '\0' || *end != '\0' || errno != 0 || v <= 0) {
        cli_usage_error(cmd, _("\"%s\" is not a valid id (a positive "
                               "number)."), s ? s : "");
        return false;
    }
    *out = v;
    return true;
}

static int
mkdir_p(char *path)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0700) != 0 && errno != EEXIST) {
            *p = '/';
            return -1;
        }
        *p = '/';
    }
    if (mkdir(path, 0700) != 0 && errno != EEXIST)
        return -1;
    return 0;
}

int
cli_db_path(const struct cli_global *g, char *buf, size_t n,
            const char *file_name)
{
    const char *env = getenv("CONSULT_DB");
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    char dir[PATH_MAX];

    if (g->db_path && *g->db_path) {
        snprintf(buf, n, "%s", g->db_path);
        return 0;
    }
    if (file_name == NULL && env && *env) {
        snprintf(buf, n, "%s", env);
        return 0;
    }
    if (xdg && *xdg == '/')
        snprintf(dir, sizeof dir, "%s/consult", xdg);
    else if (home && *home)
        snprintf(dir, sizeof dir, "%s/.local/share/consult", home);
    else {
        fprintf(stderr, _("%s: no database: give --db PATH or set "
                          "CONSULT_DB.\n"), cli_progname);
        return EXIT_USAGE;
    }
    if (mkdir_p(dir) != 0) {
        fprintf(stderr, _("%s: cannot create %s: %s\n"), cli_progname, dir,
                strerror(errno));
        return EXIT_CANTCREAT;
    }
    snprintf(buf, n, "%s/%s", dir, file_name ? file_name : "consult.db");
    return 0;
}

int
cli_open(const struct cli_global *g, bool create, struct cs_db **db)
{
    char path[PATH_MAX];
    struct cs_open_opts o = { 0, 0, NULL };
    struct cs_error err;
    enum cs_rc rc;
    int x;

    if ((x = cli_db_path(g, path, sizeof path, NULL)) != 0)
        return x;
    if (create)
        o.flags |= CS_OPEN_CREATE;
    if (g->shared)
        o.flags |= CS_OPEN_SHARED;
    cs_error_clear(&err);
    if ((rc = cs_db_open(db, path, &o, &err)) != CS_OK) {
        fprintf(stderr, "%s: %s\n", cli_progname, err.msg);
        return rc == CS_ENOTFOUND ? EXIT_NOINPUT : cli_exit_code(rc);
    }
    return 0;
}

int
cli_consultation(struct cs_db *db, const char *code, int64_t *id)
{
    struct cs_consultation c;
    struct cs_error err;
    enum cs_rc rc;

    cs_error_clear(&err);
    if ((rc = cs_consultation_find(db, code, &c, &err)) != CS_OK)
        return cli_fail(&err, rc);
    *id = c.id;
    cs_consultation_clear(&c);
    return 0;
}
