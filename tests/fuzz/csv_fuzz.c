/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * csv_fuzz.c: libFuzzer target for the CSV reader and writer.
 *
 * The first input byte chooses the options (encoding forced or detected,
 * delimiter forced or sniffed, binary files allowed, a small record limit,
 * the writer's line ending and BOM); the rest is the file, read from
 * memory. Besides crashes and sanitizer reports, it stops on any broken
 * promise of csv.h: a good record with no field, a field that is not
 * NUL-free valid UTF-8, records out of order, a physical line neither in a
 * record nor counted empty, an error code the contract does not list, and
 * a good record that does not come back byte for byte after a round trip
 * through the writer and cs_csv_unneutralise.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "consult/csv.h"

#include "fuzz.h"

/* The fields of the good records, kept for the round trip. */
struct kept {
    char *buf;                  /* field bytes, back to back */
    size_t len, cap;
    size_t *flen;               /* each field's length */
    size_t nf, fcap;
    size_t *rec_nf;             /* each record's field count */
    size_t nr, rcap;
};

static void *
grow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    *cap = need * 2 + 16;
    p = realloc(p, *cap * elem);
    CHECK(p != NULL);
    return p;
}

static void
keep(struct kept *k, const struct cs_csv_record *rec)
{
    k->rec_nf = grow(k->rec_nf, &k->rcap, k->nr + 1, sizeof *k->rec_nf);
    k->rec_nf[k->nr++] = rec->nfields;
    for (size_t i = 0; i < rec->nfields; i++) {
        k->buf = grow(k->buf, &k->cap, k->len + rec->fields[i].len + 1, 1);
        memcpy(k->buf + k->len, rec->fields[i].s, rec->fields[i].len);
        k->len += rec->fields[i].len;
        k->flen = grow(k->flen, &k->fcap, k->nf + 1, sizeof *k->flen);
        k->flen[k->nf++] = rec->fields[i].len;
    }
}

static long
physical_lines(const uint8_t *s, size_t n)
{
    long lines = 0;

    for (size_t i = 0; i < n; i++)
        if (s[i] == '\r' || (s[i] == '\n' && (i == 0 || s[i - 1] != '\r')))
            lines++;
    if (n > 0 && s[n - 1] != '\r' && s[n - 1] != '\n')
        lines++;
    return lines;
}

/* Write the kept records, read them back, compare. */
static void
round_trip(const struct kept *k, char delim, bool crlf, bool bom)
{
    struct cs_csv_writer_options wopt = { .delimiter = delim, .crlf = crlf,
                                          .bom = bom };
    struct cs_csv_options ropt = { .delimiter = delim,
                                   .encoding = CS_CSV_ENC_UTF8,
                                   .allow_binary = true };
    struct cs_csv_writer *w;
    struct cs_csv_reader *r;
    struct cs_csv_record rec;
    struct cs_error err;
    char *out = NULL;
    size_t outlen = 0, f = 0, off = 0;
    const char *base = k->buf != NULL ? k->buf : "";
    FILE *fp = open_memstream(&out, &outlen);

    CHECK(fp != NULL);
    CHECK(cs_csv_writer_open(fp, &wopt, &w, &err) == CS_OK);
    for (size_t i = 0; i < k->nr; i++) {
        for (size_t j = 0; j < k->rec_nf[i]; j++, f++) {
            cs_csv_writer_field(w, base + off, k->flen[f]);
            off += k->flen[f];
        }
        cs_csv_writer_end_row(w);
    }
    CHECK(cs_csv_writer_close(w, &err) == CS_OK);
    CHECK(fclose(fp) == 0);

    CHECK(cs_csv_reader_open_mem(out, outlen, &ropt, &r, &err) == CS_OK);
    f = off = 0;
    for (size_t i = 0; i < k->nr; i++) {
        CHECK(cs_csv_reader_next(r, &rec, &err) == CS_OK);
        CHECK(rec.nfields == k->rec_nf[i]);
        for (size_t j = 0; j < rec.nfields; j++, f++) {
            const char *v = cs_csv_unneutralise(rec.fields[j].s);
            size_t vlen = rec.fields[j].len - (size_t)(v - rec.fields[j].s);
            CHECK(vlen == k->flen[f]);
            CHECK(memcmp(v, base + off, vlen) == 0);
            off += vlen;
        }
    }
    CHECK(cs_csv_reader_next(r, &rec, &err) == CS_ENOTFOUND);
    cs_csv_reader_close(r);
    free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum cs_csv_encoding encs[] = {
        CS_CSV_ENC_AUTO, CS_CSV_ENC_AUTO, CS_CSV_ENC_AUTO, CS_CSV_ENC_UTF8,
        CS_CSV_ENC_UTF16LE, CS_CSV_ENC_UTF16BE, CS_CSV_ENC_WINDOWS1252,
        CS_CSV_ENC_LATIN1,
    };
    static const char delims[] = { 0, ',', ';', '\t' };
    struct cs_csv_options opt = { 0 };
    struct cs_csv_reader *r;
    struct cs_csv_record rec;
    struct cs_csv_info info;
    struct cs_error err;
    struct kept k = { 0 };
    long covered = 0, last = 0;
    enum cs_rc rc;
    uint8_t sel;

    if (size == 0)
        return 0;
    sel = data[0];
    data++;
    size--;
    opt.encoding = encs[sel & 7];
    opt.delimiter = delims[(sel >> 3) & 3];
    opt.allow_binary = (sel & 0x20) != 0;
    if (sel & 0x40)
        opt.max_record = 1024;

    rc = cs_csv_reader_open_mem(data, size, &opt, &r, &err);
    if (rc != CS_OK) {
        CHECK(rc == CS_EINVAL && !opt.allow_binary);
        CHECK(err.msg[0] != '\0');
        return 0;
    }
    while ((rc = cs_csv_reader_next(r, &rec, &err)) == CS_OK
           || rc == CS_EINVAL) {
        CHECK(rec.line > last && rec.end_line >= rec.line);
        CHECK(rec.raw != NULL && rec.raw[rec.raw_len] == '\0');
        last = rec.end_line;
        covered += rec.end_line - rec.line + 1;
        if (rc == CS_EINVAL) {
            CHECK(rec.nfields == 0 && err.line == rec.line);
            continue;
        }
        CHECK(rec.nfields >= 1);
        for (size_t i = 0; i < rec.nfields; i++) {
            CHECK(strlen(rec.fields[i].s) == rec.fields[i].len);
            CHECK(u8_check((const uint8_t *)rec.fields[i].s,
                           rec.fields[i].len) == NULL);
        }
        keep(&k, &rec);
    }
    cs_csv_reader_info(r, &info);
    cs_csv_reader_close(r);
    /* the only ways to stop: the end, or a record over the limit */
    CHECK(rc == CS_ENOTFOUND || (rc == CS_ENOMEM && opt.max_record != 0));
    if (rc == CS_ENOTFOUND && info.encoding != CS_CSV_ENC_UTF16LE
        && info.encoding != CS_CSV_ENC_UTF16BE) {
        size_t skip = info.bom ? 3 : 0;
        CHECK(covered + info.blank_lines
              == physical_lines(data + skip, size - skip));
    }
    round_trip(&k, info.delimiter, (sel & 0x80) != 0, (sel & 0x10) != 0);
    free(k.buf);
    free(k.flen);
    free(k.rec_nf);
    return 0;
}
