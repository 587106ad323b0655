/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * host.c: the shared-host mode (consult/host.h): a consult installed
 * setgid to the group that alone may read and write the database. The
 * group is needed for the database and its key file only; any file the
 * user names is reached with the user's own group (host_priv.h), so that
 * `consult export ideas DB-DIR/consult.db` cannot overwrite the database,
 * nor `consult import ideas DB-DIR/consult.db.key` read the key.
 */
#include "consult/host.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "host_priv.h"
#include "i18n.h"

static bool host_on;
static bool host_stuck;         /* the group could not be taken back */
static gid_t host_gid;          /* the installation's group */
static int host_depth;          /* host_user_begin calls not ended */

bool
cs_host_privileged(void)
{
    return getegid() != getgid() || geteuid() != getuid();
}

bool
cs_host_mode(void)
{
    return host_on;
}

/* ---------------------------------------------------------- environment */

enum value_form {
    FORM_NAME,      /* a terminal name: letters, digits, . _ + - */
    FORM_LOCALE,    /* a locale name or list: and @ : */
    FORM_NUMBER,    /* digits */
    FORM_FLAG,      /* anything: only its presence counts */
    FORM_ZONE       /* a time zone: and / , but no "..", not absolute */
};

static const struct kept {
    const char *name;           /* NULL: any LC_ name, as the next */
    enum value_form form;
} kept[] = {
    { "TERM", FORM_NAME },
    { "LANG", FORM_LOCALE },
    { "LANGUAGE", FORM_LOCALE },
    { "LC_ALL", FORM_LOCALE },
    { "LC_MESSAGES", FORM_LOCALE },
    { "LC_CTYPE", FORM_LOCALE },
    { "LC_COLLATE", FORM_LOCALE },
    { "LC_NUMERIC", FORM_LOCALE },
    { "LC_TIME", FORM_LOCALE },
    { "LC_MONETARY", FORM_LOCALE },
    { "COLUMNS", FORM_NUMBER },
    { "LINES", FORM_NUMBER },
    { "ESCDELAY", FORM_NUMBER },
    { "CONSULT_BUSY_TIMEOUT", FORM_NUMBER },
    { "NO_COLOR", FORM_FLAG },
    { "TZ", FORM_ZONE },
};

#define KEPT_MAX 64             /* the longest value kept */

static bool
value_ok(const char *v, enum value_form form)
{
    size_t n = strlen(v);

    if (form == FORM_FLAG)
        return true;
    if (n == 0 || n > KEPT_MAX)
        return false;
    if (form == FORM_ZONE && (v[0] == '/' || strstr(v, "..") != NULL))
        return false;
    for (const char *p = v; *p; p++) {
        unsigned char c = (unsigned char)*p;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                  || (c >= '0' && c <= '9');

        if (form == FORM_NUMBER)
            ok = c >= '0' && c <= '9';
        else if (!ok)
            ok = strchr("._+-", c) != NULL
                 || (form != FORM_NAME && strchr("@:", c) != NULL)
                 || (form == FORM_ZONE && strchr("/,", c) != NULL);
        if (!ok)
            return false;
    }
    return true;
}

int
cs_host_scrub_env(void)
{
    enum { N = sizeof kept / sizeof kept[0] };
    char *values[N] = { NULL };
    int changed = 0, e = 0;
    extern char **environ;

    for (char **ep = environ; ep != NULL && *ep != NULL; ep++)
        changed++;
    for (size_t i = 0; i < N; i++) {
        const char *v = getenv(kept[i].name);

        if (v == NULL)
            continue;
        changed--;
        if (!value_ok(v, kept[i].form)) {
            changed++;
            continue;
        }
        if ((values[i] = strdup(kept[i].form == FORM_FLAG ? "1" : v))
            == NULL) {
            e = ENOMEM;
            break;
        }
    }
    if (e == 0 && clearenv() != 0)
        e = ENOMEM;
    for (size_t i = 0; i < N; i++) {
        if (e == 0 && values[i] != NULL
            && setenv(kept[i].name, values[i], 1) != 0)
            e = errno;
        free(values[i]);
    }
    if (e == 0 && setenv("PATH", "/usr/bin:/bin", 1) != 0)
        e = errno;
    if (e != 0) {
        errno = e;
        return -1;
    }
    return changed + 1;         /* PATH, set in any case */
}

/* ---------------------------------------------------------------- mode */

enum cs_rc
cs_host_enter(struct cs_error *err)
{
    if (!cs_host_privileged())
        return CS_OK;
    if (geteuid() != getuid())
        return cs_error_set(err, CS_EPERM, "%s",
                            _("consult must not be installed setuid: install "
                              "it setgid to its own group (see "
                              "SECURITY.md)."));
    if (cs_host_scrub_env() < 0)
        return cs_error_set(err, CS_ENOMEM, _("Cannot clean the environment: "
                                              "%s."), strerror(errno));
    host_gid = getegid();
    host_on = true;
    return CS_OK;
}

enum cs_rc
cs_host_check_dir(const char *dir, struct cs_error *err)
{
    struct stat sb;

    if (stat(dir, &sb) != 0)
        return cs_error_set(err, CS_EPERM, _("The shared host's database "
                                             "directory %s is missing (%s): "
                                             "install consult with "
                                             "scripts/install-shared-host."),
                            dir, strerror(errno));
    if (!S_ISDIR(sb.st_mode) || sb.st_gid != getegid()
        || (sb.st_mode & S_IRWXO) != 0
        || (sb.st_mode & (S_IRGRP | S_IWGRP | S_IXGRP))
           != (S_IRGRP | S_IWGRP | S_IXGRP))
        return cs_error_set(err, CS_EPERM, _("The shared host's database "
                                             "directory %s must belong to "
                                             "consult's group, with no rights "
                                             "for others (0770): install "
                                             "consult with "
                                             "scripts/install-shared-host."),
                            dir);
    return CS_OK;
}

/* ------------------------------------------------------ the user's files */

int
host_user_begin(void)
{
    if (!host_on)
        return 0;
    if (host_depth > 0) {
        host_depth++;
        return 0;
    }
    if (host_stuck || setegid(getgid()) != 0) {
        errno = EPERM;
        return -1;
    }
    host_depth = 1;
    return 0;
}

void
host_user_end(void)
{
    int e = errno;

    /* Back to the group; should it fail, the database calls that follow
     * fail too, and say so: nothing is done with the wrong rights. */
    if (!host_on || host_depth == 0 || --host_depth > 0) {
        errno = e;
        return;
    }
    if (setegid(host_gid) != 0)
        host_stuck = true;
    errno = e;
}

int
host_user_open(const char *path, int flags, mode_t mode)
{
    int fd;

    if (host_user_begin() != 0)
        return -1;
    fd = open(path, flags, mode);
    host_user_end();
    return fd;
}

FILE *
host_user_fopen(const char *path, const char *mode)
{
    FILE *fp;

    if (host_user_begin() != 0)
        return NULL;
    fp = fopen(path, mode);
    host_user_end();
    return fp;
}

int
host_user_mkstemp(char *template)
{
    int fd;

    if (host_user_begin() != 0)
        return -1;
    fd = mkstemp(template);
    host_user_end();
    return fd;
}

int
host_user_rename(const char *from, const char *to)
{
    int r;

    if (host_user_begin() != 0)
        return -1;
    r = rename(from, to);
    host_user_end();
    return r;
}

int
host_user_unlink(const char *path)
{
    int r;

    if (host_user_begin() != 0)
        return -1;
    r = unlink(path);
    host_user_end();
    return r;
}
