/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cli.c: shared pieces of the command-line front end: database path and
 * opening, exit codes, error and usage messages, option parsing, and the
 * output helpers (cells cut by display width, CSV fields, audit lines).
 */
#define _XOPEN_SOURCE 700   /* wcwidth */

#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include <csv.h>

const char *cli_progname = "consult";

int
cli_exit_code(enum cs_rc rc)
{
    switch (rc) {
    case CS_OK:        return EXIT_OK;
    case CS_EINVAL:
    case CS_ENOTFOUND:
    case CS_ECONFLICT:
    case CS_ESTALE:
    case CS_ENOTDB:
    case CS_EVERSION:  return EXIT_DATA;
    case CS_EPERM:     return EXIT_NOPERM;
    case CS_EBUSY:     return EXIT_TEMPFAIL;
    case CS_EIO:       return EXIT_IOERR;
    case CS_ECREATE:
    case CS_EREADONLY: return EXIT_CANTCREAT;
    case CS_ECANCELED: return EXIT_TEMPFAIL;
    default:           return EXIT_SOFTWARE;
    }
}

int
cli_fail(const struct cs_error *err, enum cs_rc rc)
{
    /* A message may quote what a file or the database holds (a column's
     * name, a file name): shown escaped, as every text. */
    char *safe = cs_text_display(err->msg[0] ? err->msg : cs_rc_name(rc));

    /* TRANSLATORS: the program name, then a message. */
    fprintf(stderr, _("%s: %s\n"), cli_progname, safe ? safe : "");
    free(safe);
    return cli_exit_code(rc);
}

void
cli_warn_late(struct cs_db *db, int64_t consultation_id, int64_t idea_id,
              enum cs_channel channel, const char *date)
{
    bool late = false;

    if (cs_consultation_is_late(db, consultation_id, idea_id, channel, date,
                                &late, NULL) == CS_OK && late)
        fprintf(stderr, _("%s: warning: the consultation is closed; this "
                          "was taken as a late contribution, dated on or "
                          "before its closing date.\n"), cli_progname);
}

int
cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;

    /* TRANSLATORS: the program name before a message. */
    fprintf(stderr, _("%s: "), cli_progname);
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
        fprintf(out, _("\nSee consult(1). Report bugs to: %s\n"),
                PACKAGE_BUGREPORT);
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

/* A shared host's one database: DIR/consult.db, DIR placed beside the
 * installed binary (CONSULT_BIN_TO_HOSTDIR) and the group's alone. */
static int
host_db_path(const struct cli_global *g, char *buf, size_t n,
             const char *file_name)
{
    char dir[PATH_MAX];
    struct cs_error err;

    if (!cli_beside_exe(CONSULT_BIN_TO_HOSTDIR, dir, sizeof dir)) {
        fprintf(stderr, _("%s: this consult is installed for a shared host, "
                          "and its database directory is missing: install "
                          "it with scripts/install-shared-host.\n"),
                cli_progname);
        return EXIT_NOPERM;
    }
    if (g->db_path || file_name) {
        fprintf(stderr, _("%s: this consult is installed for a shared host: "
                          "it works on %s/consult.db alone (no --db, no "
                          "demo).\n"), cli_progname, dir);
        return EXIT_NOPERM;
    }
    cs_error_clear(&err);
    if (cs_host_check_dir(dir, &err) != CS_OK) {
        fprintf(stderr, "%s: %s\n", cli_progname, err.msg);
        return EXIT_NOPERM;
    }
    if ((size_t)snprintf(buf, n, "%s/consult.db", dir) >= n) {
        fprintf(stderr, _("%s: the path %s is too long.\n"), cli_progname,
                dir);
        return EXIT_NOPERM;
    }
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

    if (cs_host_mode())
        return host_db_path(g, buf, n, file_name);
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

bool
cli_beside_exe(const char *rel, char *buf, size_t n)
{
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *slash;
    struct stat sb;

    if (len <= 0)
        return false;
    exe[len] = '\0';
    if ((slash = strrchr(exe, '/')) == NULL)
        return false;
    *slash = '\0';
    if ((size_t)snprintf(buf, n, "%s/%s", exe, rel) >= n)
        return false;
    return stat(buf, &sb) == 0 && S_ISDIR(sb.st_mode);
}

int
cli_busy_timeout(void)
{
    const char *s = getenv("CONSULT_BUSY_TIMEOUT");
    char *end;
    long v;

    if (s == NULL || *s == '\0')
        return 0;
    v = strtol(s, &end, 10);
    if (*end != '\0' || v <= 0 || v > 3600000)
        return 0;   /* not a number of milliseconds: the default */
    return (int)v;
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
    /* A shared host's database is its group's (0660). */
    if (g->shared || cs_host_mode())
        o.flags |= CS_OPEN_SHARED;
    o.busy_timeout_ms = cli_busy_timeout();
    cs_error_clear(&err);
    if ((rc = cs_db_open(db, path, &o, &err)) != CS_OK) {
        fprintf(stderr, _("%s: %s\n"), cli_progname, err.msg);
        return rc == CS_ENOTFOUND ? EXIT_NOINPUT : cli_exit_code(rc);
    }
    return 0;
}

int
cli_consultation(struct cs_db *db, const char *code, int64_t *id)
{
    struct cs_error err;
    enum cs_rc rc;

    cs_error_clear(&err);
    if ((rc = cs_consultation_lookup(db, code, id, &err)) != CS_OK)
        return cli_fail(&err, rc);
    return 0;
}

/* ---------------------------------------------------------------- options */

void
cli_opt_reset(void)
{
    optind = 0;     /* glibc: 0 starts a new scan, state included */
    opterr = 0;
}

int
cli_dispatch(struct cli_global *g, int argc, char **argv,
             const struct cli_sub *subs)
{
    if (argc < 2)
        return cli_usage_error(argv[0], "%s", _("no subcommand given."));
    for (const struct cli_sub *s = subs; s->name; s++) {
        if (strcmp(s->name, argv[1]) == 0) {
            cli_opt_reset();
            return s->run(g, argc - 1, argv + 1);
        }
    }
    return cli_usage_error(argv[0], _("unknown subcommand \"%s\"."), argv[1]);
}

int
cli_bad_option(const char *cmd, int c, char **argv)
{
    char shortopt[3] = { '-', (char)optopt, '\0' };
    const char *name = optopt > 0 && optopt < 128 && optopt != '?'
                       && argv[optind - 1][1] != '-'
                       ? shortopt : argv[optind - 1];
    char buf[128];

    /* "--opt=value" names the option without its value. */
    snprintf(buf, sizeof buf, "%s", name);
    buf[strcspn(buf, "=")] = '\0';
    if (c == ':')
        return cli_usage_error(cmd, _("option \"%s\" needs a value."), buf);
    return cli_usage_error(cmd, _("unknown option \"%s\"."), buf);
}

bool
cli_parse_int(const char *cmd, const char *opt, const char *s, int64_t min,
              int64_t *out)
{
    char *end;
    long long v;

    errno = 0;
    v = strtoll(s, &end, 10);
    if (*s == '\0' || *end != '\0' || errno != 0 || v < min) {
        if (min == 0)
            cli_usage_error(cmd, _("%s: \"%s\" is not a number (0 or "
                                   "more)."), opt, s);
        else if (min == 1)
            cli_usage_error(cmd, _("%s: \"%s\" is not a number (1 or "
                                   "more)."), opt, s);
        else
            cli_usage_error(cmd, _("%s: \"%s\" is not a number."), opt, s);
        return false;
    }
    *out = v;
    return true;
}

int
cli_args(const char *cmd, int argc, char **argv, int n)
{
    static const struct option opts[] = { { NULL, 0, NULL, 0 } };
    int c;

    cli_opt_reset();
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1)
        return cli_bad_option(cmd, c, argv);
    if (argc - optind != n)
        return cli_operands(cmd, argc - optind, n);
    return 0;
}

int
cli_missing(const char *cmd, const char *opt)
{
    return cli_usage_error(cmd, _("option %s is required."), opt);
}

int
cli_operands(const char *cmd, int have, int want)
{
    if (have < want)
        return cli_usage_error(cmd, "%s", _("an argument is missing."));
    return cli_usage_error(cmd, "%s", _("too many arguments."));
}

int
cli_read_stdin(char **out)
{
    size_t len = 0, cap = 4096;
    char *buf = malloc(cap), *bigger;
    size_t n;

    if (buf == NULL)
        goto nomem;
    while ((n = fread(buf + len, 1, cap - len - 1, stdin)) > 0) {
        len += n;
        if (cap - len - 1 == 0) {
            if ((bigger = realloc(buf, cap * 2)) == NULL)
                goto nomem;
            buf = bigger;
            cap *= 2;
        }
    }
    if (ferror(stdin)) {
        fprintf(stderr, _("%s: cannot read standard input: %s\n"),
                cli_progname, strerror(errno));
        free(buf);
        return EXIT_IOERR;
    }
    while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
        len--;
    buf[len] = '\0';
    *out = buf;
    return 0;
nomem:
    free(buf);
    fprintf(stderr, _("%s: %s\n"), cli_progname, _("Out of memory."));
    return EXIT_SOFTWARE;
}

/* ---------------------------------------------------------------- output */

/* The length of the UTF-8 sequence starting with byte `c` (1 if invalid),
 * so that text the locale cannot decode is still never cut inside a
 * character. */
static size_t
utf8_len(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;

    for (size_t i = 1; i < n; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80)
            return 1;
    return n;
}

/* One character of `s`: its length in bytes and its display width;
 * control characters are -1 (shown as one blank). */
static size_t
next_char(const char *s, mbstate_t *st, int *width)
{
    wchar_t wc;
    size_t n = mbrtowc(&wc, s, strlen(s), st);

    if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
        memset(st, 0, sizeof *st);
        *width = 1;
        return utf8_len(s);
    }
    *width = wcwidth(wc);
    return n;
}

static int
raw_width(const char *s)
{
    mbstate_t st;
    int total = 0, w;

    memset(&st, 0, sizeof st);
    while (s && *s) {
        s += next_char(s, &st, &w);
        total += w < 0 ? 1 : w;
    }
    return total;
}

int
cli_width(const char *s)
{
    char *safe = cs_text_display(s);
    int w = raw_width(safe ? safe : s);

    free(safe);
    return w;
}

void
cli_put_text(FILE *out, const char *s)
{
    char *safe = cs_text_display(s);

    /* Out of memory: nothing rather than what could disturb the
     * terminal. */
    if (safe != NULL)
        fputs(safe, out);
    free(safe);
}

void
cli_put_block(FILE *out, const char *s, const char *indent)
{
    char *safe = cs_text_display(s);
    const char *p = safe ? safe : "";

    while (*p) {
        size_t n = strcspn(p, "\n");

        fprintf(out, "%s%.*s\n", indent, (int)n, p);
        p += n;
        if (*p == '\n')
            p++;
    }
    free(safe);
}

void
cli_put_cell(FILE *out, const char *raw, int width, bool pad)
{
    bool utf8 = MB_CUR_MAX > 1;
    char *safe = cs_text_display(raw);
    const char *s = safe ? safe : "";
    mbstate_t st;
    int used = 0, w;

    if (raw_width(s) > width) {
        /* Leave one column for the mark that says the text goes on. */
        memset(&st, 0, sizeof st);
        while (*s) {
            size_t n = next_char(s, &st, &w);

            if (used + (w < 0 ? 1 : w) > width - 1)
                break;
            if (w < 0)
                fputc(' ', out);
            else
                fwrite(s, 1, n, out);
            used += w < 0 ? 1 : w;
            s += n;
        }
        if (width > 0) {
            fputs(utf8 ? "\u2026" : ".", out);
            used++;
        }
    } else {
        memset(&st, 0, sizeof st);
        while (*s) {
            size_t n = next_char(s, &st, &w);

            if (w < 0)
                fputc(' ', out);
            else
                fwrite(s, 1, n, out);
            used += w < 0 ? 1 : w;
            s += n;
        }
    }
    while (pad && used++ < width)
        fputc(' ', out);
    free(safe);
}

void
cli_put_rcell(FILE *out, const char *s, int width)
{
    int w = cli_width(s);

    for (; w < width; w++)
        fputc(' ', out);
    cli_put_cell(out, s, width, false);
}

void
cli_put_label(FILE *out, const char *label, int width)
{
    int used = cli_width(label);

    fputs(label, out);
    while (used++ < width)
        fputc(' ', out);
}

void
cli_csv_field(FILE *out, const char *s, bool last)
{
    if (s == NULL)
        s = "";
    if (strpbrk(s, ",\"\r\n") != NULL)
        csv_fwrite(out, s, strlen(s));  /* quoted, quotes doubled */
    else
        fputs(s, out);
    fputs(last ? "\r\n" : ",", out);
}

void
cli_csv_int(FILE *out, int64_t v, bool last)
{
    fprintf(out, "%" PRId64 "%s", v, last ? "\r\n" : ",");
}

const char *
cli_day(const char *ts, char buf[16])
{
    snprintf(buf, 16, "%.10s", ts ? ts : "");
    return buf;
}

void
cli_print_audit(FILE *out, const struct cs_audit_entry *e, bool json)
{
    /* The time to the second: milliseconds only order rows, the id does. */
    fprintf(out, "%6" PRId64 "  %.19sZ  ", e->id, e->at);
    cli_put_cell(out, e->actor, cli_width(e->actor) > 12
                                ? cli_width(e->actor) : 12, true);
    fprintf(out, " %-9s ", e->action);
    cli_put_text(out, e->tbl);
    if (e->row_id > 0)
        fprintf(out, "#%" PRId64, e->row_id);
    fputc('\n', out);
    if (!json)
        return;
    /* TRANSLATORS: the values of a record before and after a change. */
    fprintf(out, "        %s ", _("before:"));
    cli_put_text(out, e->before ? e->before : "null");
    fprintf(out, "\n        %s ", _("after:"));
    cli_put_text(out, e->after ? e->after : "null");
    fputc('\n', out);
}

const char *
cli_role_label(enum cs_role role)
{
    switch (role) {
    case CS_ROLE_ADMIN:  return _("admin");
    case CS_ROLE_COORDINATOR: return _("coordinator");
    case CS_ROLE_AGENT:  return _("agent");
    case CS_ROLE_VIEWER: return _("viewer");
    default:             return _("none");
    }
}
