/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * outfile.c: writing an output file without clobbering what the name
 * points at (outfile.h). A device or a pipe is opened and written in
 * place; only a regular file is replaced, by a temporary file renamed over
 * it. The temporary name carries the writer's process id, so that the
 * next writer of the same name can tell the files of a writer that is
 * gone (killed mid-export) and remove them.
 */
#include "outfile.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dbpriv.h"
#include "host_priv.h"
#include "i18n.h"


/* Is `name` "BASE.tmp-PID-XXXXXX"? Its PID in *pid if so. */
static bool
stale_name(const char *name, const char *base, size_t nbase, long *pid)
{
    const char *p;
    char *end;

    if (strncmp(name, base, nbase) != 0
        || strncmp(name + nbase, ".tmp-", 5) != 0)
        return false;
    p = name + nbase + 5;
    if (!isdigit((unsigned char)p[0]))
        return false;
    errno = 0;
    *pid = strtol(p, &end, 10);
    if (errno != 0 || *pid <= 0 || *end != '-' || strlen(end + 1) != 6)
        return false;
    for (p = end + 1; *p; p++)
        if (!isalnum((unsigned char)*p))
            return false;
    return true;
}

/* Remove the temporary files of `target` whose writer is gone. Best
 * effort: what cannot be read or removed stays. */
static void
remove_stale(const char *target)
{
    const char *slash = strrchr(target, '/');
    const char *base = slash ? slash + 1 : target;
    size_t nbase = strlen(base);
    char *dir;
    DIR *d;
    struct dirent *de;
    long pid;

    if (slash == NULL)
        dir = strdup(".");
    else if (slash == target)
        dir = strdup("/");
    else
        dir = strndup(target, (size_t)(slash - target));
    if (dir == NULL)
        return;
    if ((d = opendir(dir)) != NULL) {
        while ((de = readdir(d)) != NULL) {
            if (!stale_name(de->d_name, base, nbase, &pid)
                || pid == (long)getpid())
                continue;
            if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
                continue;           /* alive, or someone else's */
            unlinkat(dirfd(d), de->d_name, 0);
        }
        closedir(d);
    }
    free(dir);
}

/* Is `name` one of the process's descriptors ("/dev/stdout", "/dev/fd/N",
 * "/proc/self/fd/N"), directly or by a chain of links? Such a name opens
 * what the descriptor holds: always written through, even a regular file
 * (a shell's redirection), which is not ours to replace. */
static bool
names_descriptor(const char *name)
{
    char cur[PATH_MAX], next[PATH_MAX], link[PATH_MAX];
    struct stat sb;
    ssize_t n;

    snprintf(cur, sizeof cur, "%s", name);
    for (int hops = 0; hops < 40; hops++) {
        if (strncmp(cur, "/proc/", 6) == 0 || strncmp(cur, "/dev/fd/", 8) == 0
            || strncmp(cur, "/dev/std", 8) == 0)
            return true;
        if (lstat(cur, &sb) != 0 || !S_ISLNK(sb.st_mode))
            return false;
        if ((n = readlink(cur, link, sizeof link - 1)) < 0)
            return false;
        link[n] = '\0';
        if (link[0] == '/') {
            snprintf(next, sizeof next, "%s", link);
        } else {
            const char *slash = strrchr(cur, '/');
            int k = slash ? (int)(slash - cur) + 1 : 0;

            if (snprintf(next, sizeof next, "%.*s%s", k, cur, link)
                >= (int)sizeof next)
                return false;
        }
        memcpy(cur, next, sizeof cur);
    }
    return false;
}

bool
outfile_is_stream(const char *path)
{
    struct stat sb;

    if (path == NULL)
        return false;
    if (strcmp(path, "-") == 0 || names_descriptor(path))
        return true;
    return stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)
           && !S_ISDIR(sb.st_mode);
}

static enum cs_rc
fail_create(struct outfile *f, const char *path, int e, struct cs_error *err)
{
    enum cs_rc rc = cs_error_set(err, e == ENOMEM ? CS_ENOMEM : CS_ECREATE,
                                 _("Cannot create %s: %s."), path,
                                 strerror(e));
    outfile_drop(f);
    return rc;
}

/* Write through: a device, a pipe, or (`create`) a dangling link's new
 * target. A device is never truncated nor has its mode changed. */
static enum cs_rc
open_through(struct outfile *f, const char *path, bool create, mode_t mode,
             struct cs_error *err)
{
    int flags = O_WRONLY | O_NOCTTY | O_CLOEXEC;
    int fd, e;

    if (create)
        flags |= O_CREAT | O_TRUNC;
    if ((fd = open(path, flags, mode)) < 0)
        return fail_create(f, path, errno, err);
    if ((create && fchmod(fd, mode) != 0)
        || (f->fp = fdopen(fd, "w")) == NULL) {
        e = errno;
        close(fd);
        return fail_create(f, path, e, err);
    }
    return CS_OK;
}

/* A temporary file beside `target`, renamed over it at commit. */
static enum cs_rc
open_temp(struct outfile *f, const char *target, mode_t mode,
          struct cs_error *err)
{
    size_t n = strlen(target) + 64;
    int fd, e;

    if ((f->final = strdup(target)) == NULL || (f->tmp = malloc(n)) == NULL)
        return fail_create(f, f->path, ENOMEM, err);
    remove_stale(target);
    snprintf(f->tmp, n, "%s.tmp-%ld-XXXXXX", target, (long)getpid());
    if ((fd = mkstemp(f->tmp)) < 0) {
        e = errno;
        f->tmp[0] = '\0';
        return fail_create(f, f->path, e, err);
    }
    if (fchmod(fd, mode) != 0 || (f->fp = fdopen(fd, "w")) == NULL) {
        e = errno;
        close(fd);
        return fail_create(f, f->path, e, err);
    }
    return CS_OK;
}

static enum cs_rc open_path(struct outfile *f, const char *path,
                            mode_t mode, struct cs_error *err);

/* The file is the user's: reached with the user's rights (host_priv.h). */
enum cs_rc
outfile_open(struct outfile *f, const char *path, mode_t mode,
             struct cs_error *err)
{
    enum cs_rc rc;

    memset(f, 0, sizeof f[0]);
    if (host_user_begin() != 0)
        return cs_error_set(err, CS_ECREATE, _("Cannot create %s: %s."),
                            path ? path : "", strerror(errno));
    rc = open_path(f, path, mode, err);
    host_user_end();
    return rc;
}

static enum cs_rc
open_path(struct outfile *f, const char *path, mode_t mode,
          struct cs_error *err)
{
    struct stat lsb, sb;
    char *real;
    enum cs_rc rc;

    memset(f, 0, sizeof f[0]);
    if (path == NULL || path[0] == '\0')
        return cs_error_set(err, CS_EINVAL, "%s", _("No file to write to."));
    if ((f->path = strdup(path)) == NULL)
        return fail_create(f, path, ENOMEM, err);
    if (strcmp(path, "-") == 0) {
        f->fp = stdout;
        f->std = true;
        return CS_OK;
    }
    if (lstat(path, &lsb) != 0) {
        if (errno != ENOENT)
            return fail_create(f, path, errno, err);
        return open_temp(f, path, mode, err);       /* a new file */
    }
    if (S_ISLNK(lsb.st_mode)) {
        if (names_descriptor(path))
            return open_through(f, path, false, mode, err);
        if (stat(path, &sb) != 0) {
            if (errno != ENOENT)
                return fail_create(f, path, errno, err);
            return open_through(f, path, true, mode, err);  /* dangling */
        }
        if (S_ISREG(sb.st_mode)) {
            /* Replace the file the link names, in its directory. */
            if ((real = realpath(path, NULL)) == NULL)
                return fail_create(f, path, errno, err);
            rc = open_temp(f, real, mode, err);
            free(real);
            return rc;
        }
        lsb = sb;
    }
    if (S_ISDIR(lsb.st_mode))
        return fail_create(f, path, EISDIR, err);
    if (S_ISREG(lsb.st_mode))
        return open_temp(f, path, mode, err);
    return open_through(f, path, false, mode, err);
}

enum cs_rc
outfile_finish(struct outfile *f, enum cs_rc rc, struct cs_error *err)
{
    int failed;

    if (f->fp == NULL)
        return rc;
    if (f->std)
        failed = fflush(f->fp) != 0 || ferror(f->fp);
    else
        failed = fclose(f->fp) != 0;
    f->fp = NULL;
    if (failed && rc == CS_OK)
        rc = cs_error_set(err, CS_EIO, _("Cannot write %s: %s."), f->path,
                          strerror(errno));
    return rc;
}

enum cs_rc
outfile_commit(struct outfile *f, enum cs_rc rc, struct cs_error *err)
{
    if (rc != CS_OK || f->final == NULL || f->tmp == NULL
        || f->tmp[0] == '\0')
        return rc;
    if (host_user_rename(f->tmp, f->final) != 0)
        return cs_error_set(err, CS_ECREATE, _("Cannot create %s: %s."),
                            f->path, strerror(errno));
    f->tmp[0] = '\0';           /* nothing left to remove */
    return CS_OK;
}

void
outfile_drop(struct outfile *f)
{
    if (f->fp && !f->std)
        fclose(f->fp);
    if (f->tmp && f->tmp[0])
        host_user_unlink(f->tmp);
    free(f->path);
    free(f->final);
    free(f->tmp);
    memset(f, 0, sizeof f[0]);
}
