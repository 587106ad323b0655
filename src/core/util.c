/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * util.c: small tools shared by the core modules: the clock, string
 * copies, and the case- and accent-insensitive key (libunistring).
 */
#include "dbpriv.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "consult/types.h"
#include "i18n.h"

enum cs_rc
error_rename_field(struct cs_error *err, const char *field, enum cs_rc rc)
{
    if (err != NULL)
        snprintf(err->field, sizeof err->field, "%s", field);
    return rc;
}

void
util_now(char buf[32])
{
    struct timespec ts;
    struct tm tm;
    char base[24];

    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf, 32, "%.19s.%03dZ", base, (int)(ts.tv_nsec / 1000000L) % 1000);
}

void *
util_grow(void *items, size_t *cap, size_t count, size_t size)
{
    size_t ncap;
    void *p;

    if (count < *cap)
        return items;
    ncap = *cap ? *cap * 2 : 8;
    if (ncap > SIZE_MAX / size)
        return NULL;
    if ((p = realloc(items, ncap * size)) == NULL)
        return NULL;
    *cap = ncap;
    return p;
}

bool
util_code_ok(const char *code, const char *extra)
{
    size_t n = code ? strlen(code) : 0;

    if (n == 0 || n > 32)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)code[i];

        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9') || strchr(extra, c) != NULL))
            return false;
    }
    return true;
}

char *
util_strdup(const char *s)
{
    return s ? strdup(s) : NULL;
}

static bool
is_blank_byte(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v'
        || c == '\f';
}

bool
util_is_blank(const char *s)
{
    if (s == NULL)
        return true;
    for (; *s; s++)
        if (!is_blank_byte((unsigned char)*s))
            return false;
    return true;
}

char *
util_trim_dup(const char *s)
{
    size_t n;

    if (s == NULL)
        return NULL;
    while (is_blank_byte((unsigned char)*s))
        s++;
    n = strlen(s);
    while (n > 0 && is_blank_byte((unsigned char)s[n - 1]))
        n--;
    return strndup(s, n);
}

/* True for a code point a text may not hold: it could move the cursor,
 * start an escape sequence or turn the direction of what follows on a
 * terminal (C0 controls but tab and newline, DEL, C1 controls, the
 * embeddings, overrides and isolates of bidirectional text). */
static bool
hijacks(uint32_t cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n')
           || (cp >= 0x7f && cp <= 0x9f)
           || (cp >= 0x202a && cp <= 0x202e)
           || (cp >= 0x2066 && cp <= 0x2069);
}

/* The first character of valid UTF-8 `s` a text may not hold (a carriage
 * return just before a newline is a line end, allowed), or 0. */
static uint32_t
first_hijack(const uint8_t *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        ucs4_t uc;
        int n = u8_mbtouc(&uc, s + i, len - i);

        if (n <= 0)
            n = 1;
        if (uc == '\r' && i + 1 < len && s[i + 1] == '\n') {
            i++;
            continue;
        }
        if (hijacks(uc))
            return uc;
        i += (size_t)n;
    }
    return 0;
}

bool
util_text_ok(const char *s)
{
    size_t len;

    if (s == NULL)
        return true;
    len = strlen(s);
    if (u8_check((const uint8_t *)s, len) != NULL)
        return false;
    return first_hijack((const uint8_t *)s, len) == 0;
}

enum cs_rc
util_text_check(const char *s, const char *field, struct cs_error *err)
{
    size_t len;
    uint32_t cp;

    if (s == NULL)
        return CS_OK;
    len = strlen(s);
    if (u8_check((const uint8_t *)s, len) != NULL)
        return cs_error_field(err, CS_EINVAL, field,
            _("Field \"%s\" is not valid UTF-8 text."), field);
    if ((cp = first_hijack((const uint8_t *)s, len)) != 0)
        return cs_error_field(err, CS_EINVAL, field,
            _("Field \"%s\" holds a control or direction character "
              "(U+%04X) that could disturb a terminal; only line breaks "
              "and tabs are allowed."), field, (unsigned)cp);
    return CS_OK;
}

/* Append `len` bytes of `src` to the growing `*buf`. */
static bool
put(char **buf, size_t *cap, size_t *o, const char *src, size_t len)
{
    if (*o + len + 1 > *cap) {
        size_t ncap = (*cap + len + 1) * 2;
        char *nb = realloc(*buf, ncap);

        if (nb == NULL)
            return false;
        *buf = nb;
        *cap = ncap;
    }
    memcpy(*buf + *o, src, len);
    *o += len;
    (*buf)[*o] = '\0';
    return true;
}

char *
cs_text_display(const char *s)
{
    const uint8_t *p = (const uint8_t *)(s ? s : "");
    size_t len = strlen((const char *)p), i = 0, o = 0, cap = len + 1;
    char *buf = malloc(cap);

    if (buf == NULL)
        return NULL;
    buf[0] = '\0';
    while (i < len) {
        ucs4_t uc;
        int n = u8_mbtoucr(&uc, p + i, len - i);
        char esc[16];
        bool ok;

        if (n < 0) {
            /* A byte that is not UTF-8. */
            snprintf(esc, sizeof esc, "\\x%02x", p[i]);
            ok = put(&buf, &cap, &o, esc, strlen(esc));
            n = 1;
        } else if (uc == '\r' && i + 1 < len && p[i + 1] == '\n') {
            ok = true;              /* a line end: the newline is enough */
        } else if (hijacks(uc)) {
            if (uc == '\r')
                snprintf(esc, sizeof esc, "\\r");
            else if (uc < 0x80)
                snprintf(esc, sizeof esc, "\\x%02x", (unsigned)uc);
            else
                snprintf(esc, sizeof esc, "<U+%04X>", (unsigned)uc);
            ok = put(&buf, &cap, &o, esc, strlen(esc));
        } else {
            ok = put(&buf, &cap, &o, (const char *)p + i, (size_t)n);
        }
        if (!ok) {
            free(buf);
            return NULL;
        }
        i += (size_t)n;
    }
    return buf;
}

/* What a title key makes of a punctuation mark that people type in
 * several ways: the apostrophes and single quotes become ', the double
 * quotes ", the dashes and the minus sign -. Anything else: itself. */
static ucs4_t
fold_punct(ucs4_t uc)
{
    switch (uc) {
    case 0x2018: case 0x2019: case 0x201a: case 0x201b: /* ‘ ’ ‚ ‛ */
    case 0x02bc: case 0x02b9: case 0x02bb: case 0x02bd: /* ʼ ʹ ʻ ʽ */
    case 0x2032: case 0x0060:                           /* ′ ` */
        return '\'';
    case 0x201c: case 0x201d: case 0x201e: case 0x201f: /* “ ” „ ‟ */
    case 0x00ab: case 0x00bb: case 0x02ba:              /* « » ʺ */
        return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: /* ‐ ‑ ‒ – */
    case 0x2014: case 0x2015: case 0x2212: case 0xfe58: /* — ― − ﹘ */
    case 0xfe63:                                        /* ﹣ */
        return '-';
    default:
        return uc;
    }
}

/* util_fold, and with `punct` the marks of fold_punct made one. */
static enum cs_rc
fold_key(const char *s, bool punct, char **out, struct cs_error *err)
{
    const uint8_t *in = (const uint8_t *)(s ? s : "");
    size_t len = strlen((const char *)in), flen = 0, o = 0;
    uint8_t *folded;
    char *key;
    bool space = false;

    if (u8_check(in, len) != NULL)
        return cs_error_set(err, CS_EINVAL, "%s",
                            _("The text is not valid UTF-8."));
    /* Case folding with compatibility decomposition: "É" becomes "e" and a
     * combining acute, "ﬁ" becomes "fi"; the marks are dropped below. */
    folded = u8_casefold(in, len, NULL, UNINORM_NFKD, NULL, &flen);
    if (folded == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    if ((key = malloc(flen + 1)) == NULL) {
        free(folded);
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    }
    for (size_t i = 0; i < flen;) {
        ucs4_t uc;
        int n = u8_mbtoucr(&uc, folded + i, flen - i);

        if (n <= 0)
            break;
        if (uc_is_general_category(uc, UC_CATEGORY_M)) {
            i += (size_t)n;
            continue;
        }
        if (uc_is_space(uc) || uc == 0xa0) {
            space = o > 0;
            i += (size_t)n;
            continue;
        }
        if (space) {
            key[o++] = ' ';
            space = false;
        }
        if (punct && fold_punct(uc) != uc) {
            /* One byte where there were two or three: the key never
             * outgrows the folded text. */
            key[o++] = (char)fold_punct(uc);
        } else {
            memcpy(key + o, folded + i, (size_t)n);
            o += (size_t)n;
        }
        i += (size_t)n;
    }
    key[o] = '\0';
    free(folded);
    *out = key;
    return CS_OK;
}

enum cs_rc
util_fold(const char *s, char **out, struct cs_error *err)
{
    return fold_key(s, false, out, err);
}

enum cs_rc
util_fold_title(const char *s, char **out, struct cs_error *err)
{
    return fold_key(s, true, out, err);
}

bool
util_ymd_ok(int y, int m, int d)
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
