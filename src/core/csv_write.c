/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * csv_write.c: the streaming CSV writer (RFC 4180, UTF-8) and formula
 * neutralisation.
 *
 * Cells go into a 64 KiB buffer that is written out when full, so an
 * export of any size uses the same memory. Every cell a spreadsheet would
 * run as a formula (first character = + - @ TAB CR) gets an apostrophe in
 * front; cs_csv_unneutralise removes exactly that apostrophe on import. A
 * cell that already starts with apostrophes before such a character gets
 * one more, so the pair is an exact inverse for every cell. Write failures
 * are sticky (ncdu's ferror note): the first one is kept, later calls do
 * nothing, and close reports it.
 */
#include "consult/csv.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"

#define WBUF (64 * 1024)

struct cs_csv_writer {
    FILE *fp;               /* output stream, borrowed; NULL for `fd` */
    int fd;                 /* output descriptor, borrowed, or -1 */
    char delim;             /* cell separator */
    bool crlf;              /* CRLF record ends, else LF */
    size_t cells;           /* cells written in the current record */
    bool at_start;          /* nothing written yet, not even a BOM */
    bool last_empty;        /* the last cell written was empty */
    enum cs_rc rc;          /* sticky error, CS_OK while fine */
    struct cs_error err;    /* its message */
    size_t len;             /* bytes in buf */
    char buf[WBUF];         /* output not yet written */
};

/* ---------------------------------------------------------------- neutralising */

static bool
is_formula_start(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t'
        || c == '\r';
}

bool
cs_csv_needs_neutralising(const char *s, size_t len)
{
    size_t i = 0;

    while (i < len && s[i] == '\'')
        i++;
    return i < len && is_formula_start(s[i]);
}

const char *
cs_csv_unneutralise(const char *s)
{
    if (s == NULL || s[0] != '\'')
        return s;
    return cs_csv_needs_neutralising(s, strlen(s)) ? s + 1 : s;
}

/* ---------------------------------------------------------------- output */

static enum cs_rc
write_out(struct cs_csv_writer *w)
{
    size_t off = 0;

    if (w->rc != CS_OK || w->len == 0)
        return w->rc;
    if (w->fp != NULL) {
        if (fwrite(w->buf, 1, w->len, w->fp) != w->len) {
            cs_error_set(&w->err, CS_EIO, _("Cannot write the CSV file: %s."),
                         strerror(errno));
            return w->rc = CS_EIO;
        }
    } else {
        while (off < w->len) {
            ssize_t n = write(w->fd, w->buf + off, w->len - off);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                cs_error_set(&w->err, CS_EIO,
                             _("Cannot write the CSV file: %s."),
                             n < 0 ? strerror(errno)
                                   : _("nothing was written"));
                return w->rc = CS_EIO;
            }
            off += (size_t)n;
        }
    }
    w->len = 0;
    return CS_OK;
}

static enum cs_rc
put(struct cs_csv_writer *w, const char *p, size_t n)
{
    while (n > 0 && w->rc == CS_OK) {
        size_t room = WBUF - w->len, k = n < room ? n : room;
        memcpy(w->buf + w->len, p, k);
        w->len += k;
        p += k;
        n -= k;
        if (w->len == WBUF)
            write_out(w);
    }
    return w->rc;
}

static enum cs_rc
put_c(struct cs_csv_writer *w, char c)
{
    if (w->len == WBUF && write_out(w) != CS_OK)
        return w->rc;
    w->buf[w->len++] = c;
    return CS_OK;
}

/* ---------------------------------------------------------------- open */

static enum cs_rc
writer_new(FILE *fp, int fd, const struct cs_csv_writer_options *opt,
           struct cs_csv_writer **out, struct cs_error *err)
{
    struct cs_csv_writer *w;
    char delim = opt && opt->delimiter ? opt->delimiter : ',';
    unsigned char u = (unsigned char)delim;

    if (u >= 0x80 || delim == '"' || delim == '\r' || delim == '\n')
        return cs_error_set(err, CS_EINVAL, "%s",
            _("The delimiter cannot be a quote, a line ending or a "
              "non-ASCII byte."));
    if ((w = calloc(1, sizeof *w)) == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    w->fp = fp;
    w->fd = fd;
    w->delim = delim;
    w->crlf = opt && opt->crlf;
    w->at_start = !(opt && opt->bom);
    if (opt && opt->bom)
        put(w, "\xEF\xBB\xBF", 3);
    *out = w;
    return CS_OK;
}

enum cs_rc
cs_csv_writer_open(FILE *fp, const struct cs_csv_writer_options *opt,
                   struct cs_csv_writer **out, struct cs_error *err)
{
    return writer_new(fp, -1, opt, out, err);
}

enum cs_rc
cs_csv_writer_open_fd(int fd, const struct cs_csv_writer_options *opt,
                      struct cs_csv_writer **out, struct cs_error *err)
{
    return writer_new(NULL, fd, opt, out, err);
}

/* ---------------------------------------------------------------- cells */

/* True if `s` begins with bytes a reader takes for a byte order mark. */
static bool
looks_like_bom(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;

    return (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        || (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE)
                         || (u[0] == 0xFE && u[1] == 0xFF)));
}

static bool
needs_quotes(const struct cs_csv_writer *w, const char *s, size_t len)
{
    if (len == 0)
        return false;
    if (w->at_start && looks_like_bom(s, len))
        return true;    /* else read back as a BOM, and dropped */
    if (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' '
        || s[len - 1] == '\t')
        return true;    /* readers that trim would lose them */
    for (size_t i = 0; i < len; i++)
        if (s[i] == w->delim || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
            return true;
    return false;
}

enum cs_rc
cs_csv_writer_field(struct cs_csv_writer *w, const char *s, size_t len)
{
    bool neutral, quote;

    if (w->rc != CS_OK)
        return w->rc;
    if (len > 0 && s == NULL)
        len = 0;
    if (w->cells > 0)
        put_c(w, w->delim);
    w->cells++;
    w->last_empty = len == 0;
    neutral = cs_csv_needs_neutralising(s, len);
    quote = needs_quotes(w, s, len);
    w->at_start = false;
    if (quote)
        put_c(w, '"');
    if (neutral)
        put_c(w, '\'');
    if (!quote) {
        put(w, s, len);
    } else {
        const char *p = s, *end = s + len, *q;
        while ((q = memchr(p, '"', (size_t)(end - p))) != NULL) {
            put(w, p, (size_t)(q - p) + 1);
            put_c(w, '"');
            p = q + 1;
        }
        put(w, p, (size_t)(end - p));
        put_c(w, '"');
    }
    return w->rc;
}

enum cs_rc
cs_csv_writer_cell(struct cs_csv_writer *w, const char *s)
{
    return cs_csv_writer_field(w, s, s ? strlen(s) : 0);
}

enum cs_rc
cs_csv_writer_int64(struct cs_csv_writer *w, int64_t v)
{
    char num[24];
    int n = snprintf(num, sizeof num, "%" PRId64, v);

    if (w->rc != CS_OK)
        return w->rc;
    if (w->cells > 0)
        put_c(w, w->delim);
    w->cells++;
    w->last_empty = false;
    w->at_start = false;
    return put(w, num, (size_t)n);
}

enum cs_rc
cs_csv_writer_end_row(struct cs_csv_writer *w)
{
    if (w->rc != CS_OK)
        return w->rc;
    /* A lone empty cell would be an empty line, which readers skip. */
    if (w->cells == 0 || (w->cells == 1 && w->last_empty))
        put(w, "\"\"", 2);
    w->at_start = false;
    put(w, w->crlf ? "\r\n" : "\n", w->crlf ? 2 : 1);
    w->cells = 0;
    return w->rc;
}

enum cs_rc
cs_csv_writer_row(struct cs_csv_writer *w, const char *const *cells,
                  size_t n)
{
    for (size_t i = 0; i < n; i++)
        cs_csv_writer_cell(w, cells[i]);
    return cs_csv_writer_end_row(w);
}

/* ---------------------------------------------------------------- flush, close */

static enum cs_rc
report(struct cs_csv_writer *w, struct cs_error *err)
{
    if (w->rc != CS_OK && err != NULL)
        *err = w->err;
    return w->rc;
}

enum cs_rc
cs_csv_writer_flush(struct cs_csv_writer *w, struct cs_error *err)
{
    if (write_out(w) == CS_OK && w->fp != NULL && fflush(w->fp) != 0) {
        cs_error_set(&w->err, CS_EIO, _("Cannot write the CSV file: %s."),
                     strerror(errno));
        w->rc = CS_EIO;
    }
    return report(w, err);
}

enum cs_rc
cs_csv_writer_close(struct cs_csv_writer *w, struct cs_error *err)
{
    enum cs_rc rc;

    if (w == NULL)
        return CS_OK;
    if (w->cells > 0)
        cs_csv_writer_end_row(w);
    rc = cs_csv_writer_flush(w, err);
    if (rc == CS_OK && w->fp != NULL && ferror(w->fp)) {
        rc = cs_error_set(err, CS_EIO, "%s",
                          _("Cannot write the CSV file: the stream has an "
                            "error."));
    }
    free(w);
    return rc;
}
