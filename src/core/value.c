/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * value.c: reading one value as people write it, for the records' checks
 * (record.c) and the importer: a column header's key, dates, yes or no,
 * counts, ids (see value.h).
 */
#include "value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "consult/types.h"
#include "dbpriv.h"
#include "i18n.h"

char *
value_header_key(const char *s)
{
    char *folded = NULL, *key;
    size_t o = 0, len;
    bool space = false;

    if (util_fold(s ? s : "", &folded, NULL) != CS_OK)
        return NULL;
    len = strlen(folded);
    if ((key = malloc(len + 1)) == NULL) {
        free(folded);
        return NULL;
    }
    for (size_t i = 0; i < len;) {
        ucs4_t uc;
        int n = u8_mbtouc(&uc, (const uint8_t *)folded + i, len - i);

        if (n <= 0)
            break;
        if (!uc_is_alnum(uc)) {
            space = o > 0;
            i += (size_t)n;
            continue;
        }
        if (space) {
            key[o++] = ' ';
            space = false;
        }
        memcpy(key + o, folded + i, (size_t)n);
        o += (size_t)n;
        i += (size_t)n;
    }
    key[o] = '\0';
    free(folded);
    return key;
}

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
    if (!util_ymd_ok(y, m, d))
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
value_date(const char *s, const char *field, char out[32],
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
value_bool(const char *s, const char *field, bool *out, struct cs_error *err)
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
        /* Text that is not UTF-8 cannot be folded: it is no answer,
         * and no lack of memory either. */
        if ((key = value_header_key(s)) == NULL
            && u8_check((const uint8_t *)s, strlen(s)) == NULL)
            return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        w = key ? key : "";
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
value_count(const char *s, const char *field, int64_t *out,
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
value_id(const char *s, const char *field, int64_t *out, struct cs_error *err)
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
value_u8_chars(const char *s, size_t n)
{
    size_t c = 0;

    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80)
            c++;
    return c;
}

/* True if `key` is one of the '|'-separated `list`. */
bool
value_in_list(const char *list, const char *key)
{
    size_t klen = strlen(key);

    if (klen == 0)
        return false;
    for (const char *p = list; *p;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);

        if (n == klen && memcmp(p, key, n) == 0)
            return true;
        if (!bar)
            break;
        p = bar + 1;
    }
    return false;
}
