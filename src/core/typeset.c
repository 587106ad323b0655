/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * typeset.c: troff source to PDF through groff (see typeset.h).
 *
 * The source goes to groff through a temporary file, and its complaints
 * to another, so that the only pipe read is groff's output: no exchange
 * can block both sides. groff is found on PATH and run with
 * posix_spawnp: no shell reads any of it.
 */
#include "typeset.h"

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "host_priv.h"
#include "i18n.h"
#include "outfile.h"

extern char **environ;

void
typeset_text(FILE *fp, const char *s)
{
    if (s == NULL)
        return;
    fputs("\\&", fp);
    for (; *s; s++) {
        switch (*s) {
        case '\\': fputs("\\[rs]", fp); break;
        case '\n': case '\r': case '\t': fputc(' ', fp); break;
        default: fputc(*s, fp); break;
        }
    }
}

void
typeset_block(FILE *fp, const char *s)
{
    const char *e;

    if (s == NULL)
        return;
    while (*s) {
        size_t n;
        bool blank = true;

        e = strchr(s, '\n');
        n = e ? (size_t)(e - s) : strlen(s);
        for (size_t i = 0; i < n; i++)
            if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
                blank = false;
        if (blank) {
            fputs(".sp 0.3c\n", fp);
        } else {
            fputs("\\&", fp);
            for (size_t i = 0; i < n; i++) {
                if (s[i] == '\\')
                    fputs("\\[rs]", fp);
                else if (s[i] == '\t' || s[i] == '\r')
                    fputc(' ', fp);
                else
                    fputc(s[i], fp);
            }
            fputs("\n.br\n", fp);
        }
        s += n + (e != NULL);
    }
}

void
typeset_page(FILE *fp, bool numbered)
{
    fputs(".pl 29.7c\n.po 2c\n.ll 17c\n.nh\n.ad l\n.ps 11\n.vs 15p\n", fp);
    if (!numbered)
        return;
    /* A margin at the top of each new page; the number at the foot. */
    fputs(".de HD\n'sp 1.5c\n..\n"
          ".de FO\n'sp |28c\n.tl ''\\[en] % \\[en]''\n'bp\n..\n"
          ".wh 0 HD\n.wh -2.2c FO\n.sp 0.5c\n", fp);
}

static bool
ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);

    return n >= t && strcasecmp(s + n - t, tail) == 0;
}

enum cs_rc
typeset_format(const char *path, bool *pdf, struct cs_error *err)
{
    *pdf = false;
    if (path == NULL || path[0] == '\0')
        return cs_error_set(err, CS_EINVAL, "%s", _("No file to write to."));
    if (ends_with(path, ".pdf")) {
        *pdf = true;
        return CS_OK;
    }
    if (ends_with(path, ".csv") || strcmp(path, "-") == 0
        || outfile_is_stream(path))
        return CS_OK;
    return cs_error_set(err, CS_EINVAL, _("%s: the file's name says its "
                                          "format: end it with .csv or "
                                          ".pdf."), path);
}

/* groff's first line of complaint, from `fp` (rewound), into `buf`. */
static void
first_complaint(FILE *fp, char *buf, size_t n)
{
    size_t len;

    buf[0] = '\0';
    rewind(fp);
    if (fgets(buf, (int)n, fp) == NULL)
        return;
    len = strlen(buf);
    while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
        buf[--len] = '\0';
}

enum cs_rc
typeset_pdf(const char *src, size_t len, FILE *out, struct cs_error *err)
{
    static char *const argv[] = {
        "groff", "-Kutf-8", "-Tpdf", "-dpaper=a4", "-P-pa4", NULL,
    };
    posix_spawn_file_actions_t fa;
    FILE *in = NULL, *complaints = NULL;
    int pipefd[2] = { -1, -1 };
    char buf[8192], why[200];
    bool fa_ready = false;
    pid_t pid = -1;
    ssize_t got;
    int status, e;
    enum cs_rc rc = CS_OK;

    if ((in = tmpfile()) == NULL || (complaints = tmpfile()) == NULL
        || fwrite(src, 1, len, in) != len || fflush(in) != 0
        || fseek(in, 0, SEEK_SET) != 0) {
        rc = cs_error_set(err, CS_EIO, _("Cannot write a temporary file: "
                                         "%s."), strerror(errno));
        goto out;
    }
    if (pipe(pipefd) != 0
        || (e = posix_spawn_file_actions_init(&fa)) != 0) {
        rc = cs_error_set(err, CS_EIO, "%s", strerror(errno));
        goto out;
    }
    fa_ready = true;
    posix_spawn_file_actions_adddup2(&fa, fileno(in), STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&fa, fileno(complaints),
                                     STDERR_FILENO);
    posix_spawn_file_actions_addclose(&fa, pipefd[0]);
    /* The typesetter runs with the user's rights alone: started without
     * the installation's group, it cannot take it back (consult/host.h). */
    if (host_user_begin() != 0)
        e = errno;
    else {
        e = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
        host_user_end();
    }
    if (e != 0) {
        pid = -1;
        rc = cs_error_set(err, CS_EIO, _("Cannot run groff, which typesets "
                                         "printable documents (Debian "
                                         "package groff): %s."),
                          strerror(e));
        goto out;
    }
    close(pipefd[1]);
    pipefd[1] = -1;
    while ((got = read(pipefd[0], buf, sizeof buf)) != 0) {
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            rc = cs_error_set(err, CS_EIO, "groff: %s", strerror(errno));
            break;
        }
        if (rc == CS_OK && fwrite(buf, 1, (size_t)got, out) != (size_t)got)
            rc = cs_error_set(err, CS_EIO, "%s", strerror(errno));
    }
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) {
            status = -1;
            break;
        }
    pid = -1;
    if (rc == CS_OK && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
        first_complaint(complaints, why, sizeof why);
        if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
            rc = cs_error_set(err, CS_EIO, "%s", _("Cannot run groff, which "
                                                   "typesets printable "
                                                   "documents (Debian "
                                                   "package groff)."));
        else
            rc = cs_error_set(err, CS_EIO, _("groff could not typeset the "
                                             "document: %s"),
                              why[0] ? why : _("no reason given"));
    }
out:
    if (fa_ready)
        posix_spawn_file_actions_destroy(&fa);
    if (pipefd[0] >= 0)
        close(pipefd[0]);
    if (pipefd[1] >= 0)
        close(pipefd[1]);
    if (pid > 0) {
        kill(pid, SIGTERM);
        waitpid(pid, &status, 0);
    }
    if (in)
        fclose(in);
    if (complaints)
        fclose(complaints);
    return rc;
}
