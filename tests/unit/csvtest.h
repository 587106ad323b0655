/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * csvtest.h: helpers shared by the CSV reader's tests (csv_test.c,
 * csv_corpus_test.c): read a whole input into a compact text dump, one
 * line per record, so that a test states its expectation as one string.
 *
 *   "1:[a|b|c]\n"          a record on line 1 with fields a, b, c
 *   "2-3:[x\\ny|z]\n"      a record on lines 2 to 3; \n \r \t \\ \| and
 *                          \xNN (other control bytes) are escaped
 *   "4:BAD\n"              a record reported bad (CS_EINVAL) on line 4
 *
 * While reading, the dump checks what must hold for every input: records
 * come in order, never overlap, and every physical line of the input is
 * either part of a record or a counted empty line.
 */
#ifndef CONSULT_CSVTEST_H
#define CONSULT_CSVTEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"
#include "consult/csv.h"

struct csv_dump {
    char *text;                 /* the dump, NUL-terminated */
    size_t len, cap;
    long records;               /* records read, bad ones too */
    long bad;                   /* of which bad */
    long covered;               /* lines spanned by records */
    long last_line;             /* last line of the last record */
    enum cs_rc end;             /* what ended the reading */
    struct cs_error err;        /* its message when not CS_ENOTFOUND */
    struct cs_csv_info info;    /* the reader's, at the end */
};

static inline void
csv_dump_add(struct csv_dump *d, const char *s, size_t n)
{
    if (d->len + n + 1 > d->cap) {
        d->cap = (d->len + n + 1) * 2;
        d->text = realloc(d->text, d->cap);
        assert_non_null(d->text);
    }
    memcpy(d->text + d->len, s, n);
    d->len += n;
    d->text[d->len] = '\0';
}

static inline void
csv_dump_escaped(struct csv_dump *d, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char hex[8];

        switch (c) {
        case '\n': csv_dump_add(d, "\\n", 2); break;
        case '\r': csv_dump_add(d, "\\r", 2); break;
        case '\t': csv_dump_add(d, "\\t", 2); break;
        case '\\': csv_dump_add(d, "\\\\", 2); break;
        case '|':  csv_dump_add(d, "\\|", 2); break;
        default:
            if (c < 0x20 || c == 0x7F) {
                snprintf(hex, sizeof hex, "\\x%02x", c);
                csv_dump_add(d, hex, 4);
            } else {
                csv_dump_add(d, (const char *)&s[i], 1);
            }
        }
    }
}

static inline void
csv_dump_free(struct csv_dump *d)
{
    free(d->text);
    memset(d, 0, sizeof *d);
}

/* Read `r` to its end into `d` (zeroed by the caller), at most `limit`
 * records in the text (all are read and checked). */
static inline void
csv_dump_reader(struct cs_csv_reader *r, struct csv_dump *d, long limit)
{
    struct cs_csv_record rec;
    enum cs_rc rc;
    char head[64];

    csv_dump_add(d, "", 0);
    while ((rc = cs_csv_reader_next(r, &rec, &d->err)) == CS_OK
           || rc == CS_EINVAL) {
        if (rec.line <= d->last_line || rec.end_line < rec.line)
            fail_msg("record %ld on lines %ld-%ld after line %ld",
                     rec.index, rec.line, rec.end_line, d->last_line);
        if (rec.index != d->records + 1)
            fail_msg("record index %ld, want %ld", rec.index,
                     d->records + 1);
        if (rc == CS_EINVAL && d->err.line != rec.line)
            fail_msg("bad record on line %ld, error says line %ld",
                     rec.line, d->err.line);
        if (rc == CS_OK && rec.nfields == 0)
            fail_msg("good record with no field at line %ld", rec.line);
        d->records++;
        d->bad += rc == CS_EINVAL;
        d->covered += rec.end_line - rec.line + 1;
        d->last_line = rec.end_line;
        if (d->records > limit)
            continue;
        if (rec.end_line == rec.line)
            snprintf(head, sizeof head, "%ld:", rec.line);
        else
            snprintf(head, sizeof head, "%ld-%ld:", rec.line, rec.end_line);
        csv_dump_add(d, head, strlen(head));
        if (rc == CS_EINVAL) {
            csv_dump_add(d, "BAD\n", 4);
            continue;
        }
        csv_dump_add(d, "[", 1);
        for (size_t i = 0; i < rec.nfields; i++) {
            if (i > 0)
                csv_dump_add(d, "|", 1);
            if (strlen(rec.fields[i].s) != rec.fields[i].len)
                fail_msg("field %zu of line %ld: length %zu, strlen %zu", i,
                         rec.line, rec.fields[i].len,
                         strlen(rec.fields[i].s));
            csv_dump_escaped(d, rec.fields[i].s, rec.fields[i].len);
        }
        csv_dump_add(d, "]\n", 2);
    }
    d->end = rc;
    cs_csv_reader_info(r, &d->info);
    assert_int_equal(d->info.records, d->records);
    assert_int_equal(d->info.bad_records, d->bad);
}

/* Physical lines of UTF-8 (or single-byte) text: CR, LF and CRLF end a
 * line; a last line without an ending counts. */
static inline long
csv_physical_lines(const unsigned char *s, size_t n)
{
    long lines = 0;

    for (size_t i = 0; i < n; i++)
        if (s[i] == '\r' || (s[i] == '\n' && (i == 0 || s[i - 1] != '\r')))
            lines++;
    if (n > 0 && s[n - 1] != '\r' && s[n - 1] != '\n')
        lines++;
    return lines;
}

/* Every physical line is a record's or a counted empty line. */
static inline void
csv_dump_check_lines(const struct csv_dump *d, long physical)
{
    if (d->covered + d->info.blank_lines != physical)
        fail_msg("%ld lines in records + %ld empty lines != %ld lines",
                 d->covered, d->info.blank_lines, physical);
}

/* Open `len` bytes at `in` with `opt`, read it all into `d`, check the
 * line accounting (for UTF-8 or single-byte input). Returns the open's
 * code; `d` is filled only when it is CS_OK. */
static inline enum cs_rc
csv_dump_mem(const void *in, size_t len, const struct cs_csv_options *opt,
             struct csv_dump *d, struct cs_error *err)
{
    struct cs_csv_reader *r = NULL;
    enum cs_rc rc;
    size_t skip;

    memset(d, 0, sizeof *d);
    rc = cs_csv_reader_open_mem(in, len, opt, &r, err);
    if (rc != CS_OK)
        return rc;
    csv_dump_reader(r, d, 1000000);
    cs_csv_reader_close(r);
    skip = d->info.bom ? 3 : 0;
    if (d->info.encoding != CS_CSV_ENC_UTF16LE
        && d->info.encoding != CS_CSV_ENC_UTF16BE)
        csv_dump_check_lines(d, csv_physical_lines(
            (const unsigned char *)in + skip, len - skip));
    return CS_OK;
}

#endif /* CONSULT_CSVTEST_H */
