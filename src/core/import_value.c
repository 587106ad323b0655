/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * import_value.c: one cell of an imported row, cleaned and parsed.
 *
 * A cell is taken as the spreadsheet wrote it and made into the value the
 * core stores: consult's own neutralisation of formulas undone, line breaks
 * made LF (CRLF inside a quoted cell is what Excel writes; it is stored as
 * LF on purpose, like text typed in the terminal), blanks trimmed (no-break
 * spaces too), control characters refused. Dates go through cs_date_parse,
 * with a shortcut for the few forms that make up nearly every file (the
 * shortcut gives byte for byte what cs_date_parse gives; a test holds it to
 * that).
 */
#include "import_shared.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consult/csv.h"
#include "consult/types.h"
#include "i18n.h"

void
imp_row_free(struct imp_row *row)
{
    free(row->arena);
    memset(row, 0, sizeof *row);
}

static bool
blank_byte(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v'
        || c == '\f';
}

/* Length of a blank character at `s` (`n` bytes available), 0 if none:
 * ASCII blanks, no-break space U+00A0, narrow no-break space U+202F (what
 * French typography puts before ; : ! ?). */
static size_t
blank_at(const unsigned char *s, size_t n)
{
    if (n >= 1 && blank_byte(s[0]))
        return 1;
    if (n >= 2 && s[0] == 0xc2 && s[1] == 0xa0)
        return 2;
    if (n >= 3 && s[0] == 0xe2 && s[1] == 0x80 && s[2] == 0xaf)
        return 3;
    return 0;
}

/* The same, for a blank character ending at s[n - 1]. */
static size_t
blank_before(const unsigned char *s, size_t n)
{
    if (n >= 1 && blank_byte(s[n - 1]))
        return 1;
    if (n >= 2 && s[n - 2] == 0xc2 && s[n - 1] == 0xa0)
        return 2;
    if (n >= 3 && s[n - 3] == 0xe2 && s[n - 2] == 0x80 && s[n - 1] == 0xaf)
        return 3;
    return 0;
}

enum cs_rc
imp_row_fill(struct imp_row *row, const struct imp_columns *cols,
             const struct cs_csv_field *fields, size_t n,
             struct cs_error *err)
{
    size_t need = 1, o = 0;

    for (int f = 0; f < F_COUNT_ALL; f++) {
        int c = cols->col[f];

        if (c >= 0 && (size_t)c < n)
            need += fields[c].len + 1;
    }
    if (need > row->arena_cap) {
        char *grown = realloc(row->arena, need);

        if (grown == NULL)
            return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        row->arena = grown;
        row->arena_cap = need;
    }
    for (int f = 0; f < F_COUNT_ALL; f++) {
        int c = cols->col[f];
        const unsigned char *s;
        size_t len, b, k = 0;
        char *d;

        row->v[f] = NULL;
        row->len[f] = 0;
        if (c < 0 || (size_t)c >= n)
            continue;
        s = (const unsigned char *)cs_csv_unneutralise(fields[c].s);
        len = fields[c].len - (size_t)((const char *)s - fields[c].s);
        while (len > 0 && (b = blank_at(s, len)) > 0)
            s += b, len -= b;
        while (len > 0 && (b = blank_before(s, len)) > 0)
            len -= b;
        if (len == 0)
            continue;
        d = row->arena + o;
        for (size_t i = 0; i < len; i++) {
            unsigned char ch = s[i];

            if (ch == '\r') {
                d[k++] = '\n';
                if (i + 1 < len && s[i + 1] == '\n')
                    i++;
                continue;
            }
            if ((ch < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7f)
                return cs_error_field(err, CS_EINVAL, imp_field_name(f),
                    _("Column \"%s\" holds a control character (an "
                      "invisible code, not text): remove it."),
                    cols->names ? cols->names[c] : imp_field_name(f));
            d[k++] = (char)ch;
        }
        d[k] = '\0';
        row->v[f] = d;
        row->len[f] = k;
        o += k + 1;
    }
    row->arena_len = o;
    return CS_OK;
}

/* ---------------------------------------------------------------- dates */

static bool
all_digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static int
num(const char *s, int n)
{
    int v = 0;

    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* The calendar check cs_date_parse makes (types.c). */
static bool
ymd_ok(int y, int m, int d)
{
    static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30,
                                 31 };
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1)
        return false;
    if (m == 2 && d == 29)
        return leap;
    return d <= mdays[m - 1];
}

/* "HH:MM" or "HH:MM:SS" at `t` (`n` bytes, nothing after): true and the
 * values when it is a time cs_date_parse would keep as it is. */
static bool
quick_time(const char *t, size_t n, int *hh, int *mm, int *ss)
{
    if ((n != 5 && n != 8) || !all_digits(t, 2) || t[2] != ':'
        || !all_digits(t + 3, 2))
        return false;
    *hh = num(t, 2);
    *mm = num(t + 3, 2);
    *ss = 0;
    if (n == 8) {
        if (t[5] != ':' || !all_digits(t + 6, 2))
            return false;
        *ss = num(t + 6, 2);
    }
    return *hh <= 23 && *mm <= 59 && *ss <= 59;
}

/* The shortcut: YYYY-MM-DD or DD/MM/YYYY, alone or followed by 'T' or a
 * space and HH:MM[:SS], and optionally 'Z' after the time. A time without
 * zone is UTC for cs_date_parse too, so it is written as it is. */
static bool
quick_date(const char *s, size_t n, char out[32])
{
    int y, m, d, hh, mm, ss;
    size_t tn;

    if (n < 10)
        return false;
    if (all_digits(s, 4) && s[4] == '-' && all_digits(s + 5, 2)
        && s[7] == '-' && all_digits(s + 8, 2)) {
        y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2);
    } else if (all_digits(s, 2) && s[2] == '/' && all_digits(s + 3, 2)
               && s[5] == '/' && all_digits(s + 6, 4)) {
        d = num(s, 2), m = num(s + 3, 2), y = num(s + 6, 4);
    } else {
        return false;
    }
    if (!ymd_ok(y, m, d))
        return false;
    if (n == 10) {
        snprintf(out, 32, "%04d-%02d-%02d", y, m, d);
        return true;
    }
    if (s[10] != 'T' && s[10] != ' ')
        return false;
    tn = n - 11;
    if (tn > 0 && s[n - 1] == 'Z')
        tn--;
    if (!quick_time(s + 11, tn, &hh, &mm, &ss))
        return false;
    snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, hh, mm, ss);
    return true;
}

enum cs_rc
imp_date(const char *s, const char *field, char out[32],
         struct cs_error *err)
{
    enum cs_rc rc;

    if (quick_date(s, strlen(s), out))
        return CS_OK;
    if ((rc = cs_date_parse(s, out, 32, err)) != CS_OK)
        return error_rename_field(err, field, rc);
    return CS_OK;
}

/* ---------------------------------------------------------------- words */

/* `s` lower-cased into `buf` if it is short plain ASCII; false if not. */
static bool
ascii_lower(const char *s, char *buf, size_t n)
{
    size_t i = 0;

    for (; s[i]; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c >= 0x80 || i + 1 >= n)
            return false;
        buf[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    buf[i] = '\0';
    return true;
}

static bool
word_in(const char *list, const char *w)
{
    size_t n = strlen(w);

    for (const char *p = list; *p;) {
        const char *bar = strchr(p, '|');
        size_t k = bar ? (size_t)(bar - p) : strlen(p);

        if (k == n && memcmp(p, w, n) == 0)
            return true;
        if (!bar)
            break;
        p = bar + 1;
    }
    return false;
}

enum cs_rc
imp_bool(const char *s, const char *field, bool *out, struct cs_error *err)
{
    static const char yes[] = "oui|yes|y|o|1|true|vrai|x|ok|d accord"
                              "|accepte|si";
    static const char no[] = "non|no|n|0|false|faux|refus|refuse|pas d accord";
    char small[32], *key = NULL;
    const char *w = small;
    enum cs_rc rc = CS_OK;

    if (s == NULL || s[0] == '\0') {
        *out = false;
        return CS_OK;
    }
    /* Nearly every cell is "oui", "non", "x"...: no folding needed. */
    if (!ascii_lower(s, small, sizeof small) || strchr(small, '\'')
        || strchr(small, ' ')) {
        if ((key = imp_header_key(s)) == NULL)
            return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        w = key;
    }
    if (word_in(yes, w))
        *out = true;
    else if (word_in(no, w))
        *out = false;
    else
        rc = cs_error_field(err, CS_EINVAL, field,
            _("\"%s\" is neither yes nor no (oui, non, x, 1, 0...)."), s);
    free(key);
    return rc;
}

/* Skip a thousands separator (space, no-break space, narrow no-break
 * space) at `p`; return its length or 0. */
static size_t
group_sep(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;

    if (u[0] == ' ')
        return 1;
    if (u[0] == 0xc2 && u[1] == 0xa0)
        return 2;
    if (u[0] == 0xe2 && u[1] == 0x80 && u[2] == 0xaf)
        return 3;
    return 0;
}

enum cs_rc
imp_count(const char *s, const char *field, int64_t *out,
          struct cs_error *err)
{
    int64_t v = 0;
    int digits = 0;
    size_t k;

    for (const char *p = s; p && *p;) {
        if (*p >= '0' && *p <= '9') {
            if (v > 999999999999LL)
                goto bad;
            v = v * 10 + (*p - '0');
            digits++;
            p++;
        } else if (digits > 0 && (k = group_sep(p)) > 0) {
            p += k;
        } else {
            goto bad;
        }
    }
    if (digits == 0)
        goto bad;
    *out = v;
    return CS_OK;
bad:
    return cs_error_field(err, CS_EINVAL, field,
        _("\"%s\" is not a whole number of votes (0 or more)."),
        s ? s : "");
}

enum cs_rc
imp_id(const char *s, const char *field, int64_t *out, struct cs_error *err)
{
    const char *p = s && *s == '#' ? s + 1 : s;
    int64_t v = 0;

    if (p == NULL || *p == '\0')
        goto bad;
    for (; *p; p++) {
        if (*p < '0' || *p > '9' || v > 99999999999999LL)
            goto bad;
        v = v * 10 + (*p - '0');
    }
    if (v <= 0)
        goto bad;
    *out = v;
    return CS_OK;
bad:
    return cs_error_field(err, CS_EINVAL, field,
        _("\"%s\" is not an idea number."), s ? s : "");
}

/* ---------------------------------------------------------------- titles */

size_t
imp_u8_chars(const char *s, size_t n)
{
    size_t c = 0;

    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80)
            c++;
    return c;
}

