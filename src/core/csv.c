/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * csv.c: the streaming CSV reader.
 *
 * Input flows through three stages, each with a fixed buffer: raw bytes
 * (64 KiB, read from a file, a stream or memory), UTF-8 text (the raw
 * buffer itself for UTF-8 input, else a 64 KiB iconv output buffer), and
 * the lexer (csv_sniff.h), which walks the text byte by byte, counts lines,
 * finds where records end and hands the bytes to libcsv, which builds the
 * fields. A record's fields and raw bytes are copied into buffers that grow
 * to the largest record and are reused, so memory does not grow with the
 * file. The dialect is detected at open from the first 64 KiB
 * (csv_sniff.c).
 *
 * Bytes the source encoding rejects (a Windows-1252 hole such as 0x81, a
 * lone UTF-16 surrogate) become the byte 0xFF in the text: never valid
 * UTF-8, it makes the record that holds them fail the UTF-8 check, so it is
 * reported bad with its line instead of being stored as mojibake.
 */
#include "consult/csv.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <csv.h>
#include <unistr.h>

#include "csv_sniff.h"
#include "host_priv.h"
#include "i18n.h"

#define CSV_CONV CSV_SAMPLE     /* converted text buffer */
#define CSV_BAD_BYTE 0xFF       /* stands for an invalid input sequence */

/* Why a record is bad. */
enum bad_reason {
    BAD_NONE = 0,
    BAD_UNCLOSED,           /* a quoted field runs to the end of the file */
    BAD_NUL,                /* a NUL byte */
    BAD_ENCODING            /* not valid text in the file's encoding */
};

struct cs_csv_reader {
    struct cs_csv_options opt;  /* as given, with defaults filled in */
    struct cs_csv_info info;    /* what cs_csv_reader_info reports */

    /* input */
    FILE *fp;                   /* NULL for memory input */
    bool own_fp;                /* opened by path: close it */
    const unsigned char *mem;   /* memory input, borrowed */
    size_t mem_len;             /* bytes at `mem` */
    size_t mem_pos;             /* next byte of `mem` to read */
    bool in_eof;                /* the input has no more bytes */
    unsigned char *in;          /* raw bytes, CSV_SAMPLE */
    size_t in_len;              /* bytes in `in` */
    size_t in_pos;              /* first byte not yet turned into text */

    /* conversion to UTF-8 */
    iconv_t cd;                 /* (iconv_t)-1 for UTF-8 input */
    size_t unit;                /* bytes skipped on an invalid sequence */
    unsigned char *conv;        /* converted text, CSV_CONV */

    /* text being lexed: `in` or `conv` */
    const unsigned char *text;
    size_t text_len;
    size_t text_pos;            /* next byte to lex */
    unsigned char prev;         /* the byte before text[text_pos] */

    /* lexing and parsing */
    struct csv_parser parser;   /* libcsv, no space function */
    bool parser_ready;          /* csv_init succeeded */
    enum csv_lex_state st;      /* lexer state after the last byte */
    unsigned char delim;        /* delimiter in use */
    long line;                  /* physical line of the next byte */

    /* the record being built, then handed out */
    bool in_record;             /* a record has begun, not yet ended */
    long rec_line;              /* its first line */
    long rec_end_line;          /* its last line, once ended */
    enum bad_reason bad;        /* set when it cannot be trusted */
    unsigned char *raw;         /* its bytes so far (+1 for a NUL) */
    size_t raw_len, raw_cap;
    unsigned char *hold;        /* blanks after a closing quote, held */
    size_t hold_len, hold_cap;
    char *fbuf;                 /* field bytes, each NUL-terminated */
    size_t fbuf_len, fbuf_cap;
    struct cs_csv_field *fields; /* handed out: pointers into fbuf */
    size_t nfields, fields_cap;
    size_t *foff;               /* offsets of the fields in fbuf */
    size_t foff_cap;
    int rows_ended;             /* libcsv's end-of-row callbacks */
    bool cb_nomem;              /* a callback ran out of memory */

    enum cs_rc fatal;           /* sticky error, CS_OK while fine */
    struct cs_error fatal_err;  /* its message */
    bool done;                  /* the end was reported */
};

/* ---------------------------------------------------------------- names */

static const struct {
    const char *name;
    enum cs_csv_encoding enc;
} enc_names[] = {
    { "auto", CS_CSV_ENC_AUTO },
    { "utf-8", CS_CSV_ENC_UTF8 }, { "utf8", CS_CSV_ENC_UTF8 },
    { "utf-16le", CS_CSV_ENC_UTF16LE }, { "utf16le", CS_CSV_ENC_UTF16LE },
    { "utf-16be", CS_CSV_ENC_UTF16BE }, { "utf16be", CS_CSV_ENC_UTF16BE },
    { "windows-1252", CS_CSV_ENC_WINDOWS1252 },
    { "cp1252", CS_CSV_ENC_WINDOWS1252 },
    { "ansi", CS_CSV_ENC_WINDOWS1252 },
    { "latin1", CS_CSV_ENC_LATIN1 }, { "iso-8859-1", CS_CSV_ENC_LATIN1 },
    { "latin9", CS_CSV_ENC_LATIN9 }, { "iso-8859-15", CS_CSV_ENC_LATIN9 },
};

const char *
cs_csv_encoding_name(enum cs_csv_encoding enc)
{
    switch (enc) {
    case CS_CSV_ENC_AUTO:        return "auto";
    case CS_CSV_ENC_UTF8:        return "UTF-8";
    case CS_CSV_ENC_UTF16LE:     return "UTF-16LE";
    case CS_CSV_ENC_UTF16BE:     return "UTF-16BE";
    case CS_CSV_ENC_WINDOWS1252: return "WINDOWS-1252";
    case CS_CSV_ENC_LATIN1:      return "ISO-8859-1";
    case CS_CSV_ENC_LATIN9:      return "ISO-8859-15";
    }
    return "?";
}

enum cs_rc
cs_csv_encoding_parse(const char *name, enum cs_csv_encoding *out,
                      struct cs_error *err)
{
    for (size_t i = 0; name && i < sizeof enc_names / sizeof enc_names[0];
         i++)
        if (strcasecmp(name, enc_names[i].name) == 0) {
            *out = enc_names[i].enc;
            return CS_OK;
        }
    return cs_error_set(err, CS_EINVAL,
        _("Unknown encoding \"%s\" (use utf-8, windows-1252, utf-16le, "
          "utf-16be, latin1 or latin9)."), name ? name : "");
}

const char *
cs_csv_eol_name(enum cs_csv_eol eol)
{
    switch (eol) {
    case CS_CSV_EOL_NONE: return "none";
    case CS_CSV_EOL_LF:   return "LF";
    case CS_CSV_EOL_CRLF: return "CRLF";
    case CS_CSV_EOL_CR:   return "CR";
    }
    return "?";
}

static bool
delimiter_ok(char c)
{
    unsigned char u = (unsigned char)c;

    return u != 0 && u < 0x80 && c != '"' && c != '\r' && c != '\n';
}

enum cs_rc
cs_csv_delimiter_parse(const char *name, char *out, struct cs_error *err)
{
    static const struct { const char *word; char c; } words[] = {
        { "comma", ',' }, { "semicolon", ';' }, { "tab", '\t' },
        { "\\t", '\t' }, { "pipe", '|' },
    };
    unsigned char c;

    if (name == NULL)
        name = "";
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcasecmp(name, words[i].word) == 0) {
            *out = words[i].c;
            return CS_OK;
        }
    c = (unsigned char)name[0];
    if (c != 0 && name[1] == '\0' && delimiter_ok((char)c)
        && (c == '\t' || (c > ' ' && c < 0x7F))
        && !(c >= '0' && c <= '9')
        && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
        *out = (char)c;
        return CS_OK;
    }
    return cs_error_set(err, CS_EINVAL,
        _("Invalid delimiter \"%s\" (use one character such as , or ;, "
          "or tab)."), name);
}

/* ---------------------------------------------------------------- buffers */

/* Make room for `need` bytes in a buffer of `elem`-byte items. */
static bool
grow(void **buf, size_t *cap, size_t need, size_t elem)
{
    size_t n = *cap ? *cap : 256;
    void *p;

    if (need <= *cap)
        return true;
    while (n < need) {
        if (n > SIZE_MAX / 2 / elem)
            return false;
        n *= 2;
    }
    if ((p = realloc(*buf, n * elem)) == NULL)
        return false;
    *buf = p;
    *cap = n;
    return true;
}

static enum cs_rc
set_fatal(struct cs_csv_reader *r, enum cs_rc rc, struct cs_error *err)
{
    r->fatal = rc;
    if (err != NULL && err != &r->fatal_err)
        *err = r->fatal_err;
    return rc;
}

static enum cs_rc
fatal_nomem(struct cs_csv_reader *r, struct cs_error *err)
{
    cs_error_set(&r->fatal_err, CS_ENOMEM, "%s", _("Out of memory."));
    return set_fatal(r, CS_ENOMEM, err);
}

/* ---------------------------------------------------------------- libcsv */

static int
never_space(unsigned char c)
{
    (void)c;
    return 0;   /* blanks are data: trimming is the caller's business */
}

static void
on_field(void *s, size_t len, void *data)
{
    struct cs_csv_reader *r = data;
    size_t n = r->nfields;

    if (r->cb_nomem)
        return;
    if (!grow((void **)&r->fields, &r->fields_cap, n + 1, sizeof *r->fields)
        || !grow((void **)&r->foff, &r->foff_cap, n + 1, sizeof *r->foff)
        || !grow((void **)&r->fbuf, &r->fbuf_cap, r->fbuf_len + len + 1, 1)) {
        r->cb_nomem = true;
        return;
    }
    if (len > 0)
        memcpy(r->fbuf + r->fbuf_len, s, len);
    r->fbuf[r->fbuf_len + len] = '\0';
    r->foff[n] = r->fbuf_len;
    r->fields[n].len = len;
    r->fbuf_len += len + 1;
    r->nfields = n + 1;
}

static void
on_row(int c, void *data)
{
    struct cs_csv_reader *r = data;

    (void)c;
    r->rows_ended++;
}

/* Give `n` bytes of text to libcsv. */
static enum cs_rc
feed(struct cs_csv_reader *r, const unsigned char *p, size_t n,
     struct cs_error *err)
{
    size_t size;

    if (n == 0)
        return CS_OK;
    /* libcsv grows its field buffer by a fixed block: make the block as
     * large as the buffer, so a 10 MB field costs a few reallocs, not
     * tens of thousands. */
    size = csv_get_buffer_size(&r->parser);
    csv_set_blk_size(&r->parser, size < 4096 ? 4096 : size);
    if (csv_parse(&r->parser, p, n, on_field, on_row, r) != n
        || r->cb_nomem)
        return fatal_nomem(r, err);
    return CS_OK;
}

/* ---------------------------------------------------------------- input */

static enum cs_rc
input_read(struct cs_csv_reader *r, struct cs_error *err)
{
    size_t room = CSV_SAMPLE - r->in_len, n;

    if (r->in_eof || room == 0)
        return CS_OK;
    if (r->fp == NULL) {
        n = r->mem_len - r->mem_pos;
        if (n > room)
            n = room;
        if (n > 0)
            memcpy(r->in + r->in_len, r->mem + r->mem_pos, n);
        r->mem_pos += n;
        if (r->mem_pos == r->mem_len)
            r->in_eof = true;
    } else {
        n = fread(r->in + r->in_len, 1, room, r->fp);
        if (n < room) {
            if (ferror(r->fp)) {
                cs_error_set(&r->fatal_err, CS_EIO,
                             _("Cannot read the file: %s."), strerror(errno));
                return set_fatal(r, CS_EIO, err);
            }
            r->in_eof = true;
        }
    }
    r->in_len += n;
    r->info.bytes_read += n;
    if (r->opt.progress != NULL
        && !r->opt.progress(r->opt.progress_ctx, r->info.bytes_read,
                            r->info.size)) {
        cs_error_set(&r->fatal_err, CS_ECANCELED, "%s",
                     _("Reading the file was cancelled."));
        return set_fatal(r, CS_ECANCELED, err);
    }
    return CS_OK;
}

/*
 * Convert from `*src` (`*srclen` bytes) into `dst` (`cap` bytes) with `cd`,
 * advancing both. An invalid sequence becomes CSV_BAD_BYTE and `unit` bytes
 * are skipped; an incomplete one at the end is left in `*src` unless
 * `at_eof`, when it becomes CSV_BAD_BYTE too. Returns the bytes written.
 */
static size_t
convert(iconv_t cd, size_t unit, const unsigned char **src, size_t *srclen,
        unsigned char *dst, size_t cap, bool at_eof)
{
    char *ip = (char *)*src, *op = (char *)dst;
    size_t il = *srclen, ol = cap;

    while (il > 0 && ol > 0) {
        if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
            break;
        if (errno == E2BIG)
            break;
        if (errno == EINVAL && !at_eof)
            break;              /* the rest comes with the next read */
        if (ol == 0)
            break;              /* no room for the marker: next call */
        /* EILSEQ, or a truncated sequence at the very end */
        size_t skip = errno == EINVAL ? il : (unit < il ? unit : il);
        *op++ = (char)CSV_BAD_BYTE;
        ol--;
        ip += skip;
        il -= skip;
    }
    *src = (const unsigned char *)ip;
    *srclen = il;
    return cap - ol;
}

/* Make the next chunk of text available; `*eof` when there is none. */
static enum cs_rc
text_refill(struct cs_csv_reader *r, bool *eof, struct cs_error *err)
{
    enum cs_rc rc;

    *eof = false;
    for (;;) {
        if (r->in_pos < r->in_len) {
            if (r->cd == (iconv_t)-1) {
                r->text = r->in;
                r->text_pos = r->in_pos;
                r->text_len = r->in_len;
                r->in_pos = r->in_len;
                return CS_OK;
            }
            const unsigned char *src = r->in + r->in_pos;
            size_t left = r->in_len - r->in_pos;
            size_t made = convert(r->cd, r->unit, &src, &left, r->conv,
                                  CSV_CONV, r->in_eof);
            r->in_pos = r->in_len - left;
            if (made > 0) {
                r->text = r->conv;
                r->text_pos = 0;
                r->text_len = made;
                return CS_OK;
            }
        }
        if (r->in_eof) {
            *eof = true;
            return CS_OK;
        }
        /* keep an incomplete sequence, read behind it */
        memmove(r->in, r->in + r->in_pos, r->in_len - r->in_pos);
        r->in_len -= r->in_pos;
        r->in_pos = 0;
        if ((rc = input_read(r, err)) != CS_OK)
            return rc;
    }
}

/* ---------------------------------------------------------------- records */

static enum cs_rc
raw_append(struct cs_csv_reader *r, const unsigned char *p, size_t n,
           struct cs_error *err)
{
    if (n == 0)
        return CS_OK;
    if (r->raw_len + n > r->opt.max_record) {
        cs_error_set(&r->fatal_err, CS_ENOMEM,
            _("The record starting at line %ld is larger than %zu MiB: a "
              "quote is probably never closed, or this is not a CSV file."),
            r->rec_line, r->opt.max_record / (1024 * 1024));
        r->fatal_err.line = r->rec_line;
        return set_fatal(r, CS_ENOMEM, err);
    }
    if (!grow((void **)&r->raw, &r->raw_cap, r->raw_len + n + 1, 1))
        return fatal_nomem(r, err);
    memcpy(r->raw + r->raw_len, p, n);
    r->raw_len += n;
    return CS_OK;
}

static enum cs_rc
hold_append(struct cs_csv_reader *r, unsigned char c, struct cs_error *err)
{
    if (!grow((void **)&r->hold, &r->hold_cap, r->hold_len + 1, 1))
        return fatal_nomem(r, err);
    r->hold[r->hold_len++] = c;
    return CS_OK;
}

static void
record_begin(struct cs_csv_reader *r, long line)
{
    r->in_record = true;
    r->rec_line = line;
    r->bad = BAD_NONE;
    r->raw_len = 0;
    r->hold_len = 0;
    r->fbuf_len = 0;
    r->nfields = 0;
    r->rows_ended = 0;
}

static enum cs_rc
internal(struct cs_csv_reader *r, struct cs_error *err)
{
    cs_error_set(&r->fatal_err, CS_EINTERNAL,
        _("The CSV reader lost track of the records near line %ld."),
        r->line);
    return set_fatal(r, CS_EINTERNAL, err);
}

/*
 * Lex the current text chunk until a record ends (`*ended`) or the chunk
 * is used up, feeding libcsv and copying the record's raw bytes.
 */
static enum cs_rc
lex_chunk(struct cs_csv_reader *r, bool *ended, struct cs_error *err)
{
    const unsigned char *t = r->text;
    size_t n = r->text_len, i = r->text_pos;
    size_t from = i;            /* first byte not yet given to libcsv */
    size_t mark = i;            /* first byte not yet copied to raw */
    unsigned char prev = r->prev;
    enum csv_lex_state st = r->st;
    enum cs_rc rc = CS_OK;

    *ended = false;
    for (; i < n; i++) {
        unsigned char c;
        int ev;
        long here;
        bool newline;

        /* Inside a field most bytes change nothing: skip them quickly. */
        if (st == LEX_QUOTED || st == LEX_UNQUOTED) {
            unsigned char stop = st == LEX_QUOTED ? '"' : r->delim;
            size_t j = i;
            while (j < n && t[j] != stop && !csv_is_eol(t[j]))
                j++;
            if (j > i) {
                prev = t[j - 1];
                i = j;
                if (i == n)
                    break;
            }
        }
        c = t[i];
        ev = csv_lex_step(&st, c, r->delim);
        here = r->line;
        newline = c == '\r' || (c == '\n' && prev != '\r');

        r->line += newline;
        prev = c;
        if (ev == 0)
            continue;
        if (ev & LEX_EV_BLANK_LINE) {
            r->info.blank_lines += newline;
            from = mark = i + 1;
            continue;
        }
        if (ev & LEX_EV_BEGIN) {
            record_begin(r, here);
            from = mark = i;
        }
        if (ev & LEX_EV_HOLD) {
            if ((rc = feed(r, t + from, i - from, err)) != CS_OK
                || (rc = hold_append(r, c, err)) != CS_OK)
                goto out;
            from = i + 1;
        }
        if (ev & LEX_EV_DROP)
            r->hold_len = 0;
        if (ev & LEX_EV_RELEASE) {
            if ((rc = feed(r, r->hold, r->hold_len, err)) != CS_OK)
                goto out;
            r->hold_len = 0;
        }
        if (ev & LEX_EV_END) {
            if ((rc = feed(r, t + from, i + 1 - from, err)) != CS_OK
                || (rc = raw_append(r, t + mark, i - mark, err)) != CS_OK)
                goto out;
            if (r->rows_ended != 1) {
                rc = internal(r, err);
                goto out;
            }
            r->rows_ended = 0;
            r->rec_end_line = here;
            r->in_record = false;
            *ended = true;
            i++;
            goto out;
        }
    }
    if ((rc = feed(r, t + from, n - from, err)) != CS_OK)
        goto out;
    if (r->in_record && (rc = raw_append(r, t + mark, n - mark, err)) != CS_OK)
        goto out;
    if (r->rows_ended != 0)
        rc = internal(r, err);
out:
    r->text_pos = i;
    r->prev = prev;
    r->st = st;
    return rc;
}

/* End of input: finish the record in progress, if any. */
static enum cs_rc
lex_eof(struct cs_csv_reader *r, bool *ended, struct cs_error *err)
{
    *ended = false;
    if (!r->in_record)
        return CS_OK;
    if (r->st == LEX_QUOTED)
        r->bad = BAD_UNCLOSED;
    /* Blanks held after a closing quote end the field: drop them. */
    r->hold_len = 0;
    if (csv_fini(&r->parser, on_field, on_row, r) != 0 || r->cb_nomem)
        return fatal_nomem(r, err);
    if (r->rows_ended != 1)
        return internal(r, err);
    r->rows_ended = 0;
    r->rec_end_line = csv_is_eol(r->prev) ? r->line - 1 : r->line;
    r->in_record = false;
    r->st = LEX_ROW;
    *ended = true;
    return CS_OK;
}

/* Hand the record just ended out in `rec`, checked. */
static enum cs_rc
deliver(struct cs_csv_reader *r, struct cs_csv_record *rec,
        struct cs_error *err)
{
    if (!grow((void **)&r->raw, &r->raw_cap, r->raw_len + 1, 1))
        return fatal_nomem(r, err);
    r->raw[r->raw_len] = '\0';
    if (r->bad == BAD_NONE && memchr(r->raw, '\0', r->raw_len) != NULL)
        r->bad = BAD_NUL;
    if (r->bad == BAD_NONE && u8_check(r->raw, r->raw_len) != NULL)
        r->bad = BAD_ENCODING;

    r->info.records++;
    rec->line = r->rec_line;
    rec->end_line = r->rec_end_line;
    rec->index = r->info.records;
    rec->raw = (const char *)r->raw;
    rec->raw_len = r->raw_len;
    if (r->bad == BAD_NONE) {
        for (size_t i = 0; i < r->nfields; i++)
            r->fields[i].s = r->fbuf + r->foff[i];
        rec->fields = r->fields;
        rec->nfields = r->nfields;
        return CS_OK;
    }

    r->info.bad_records++;
    rec->fields = NULL;
    rec->nfields = 0;
    switch (r->bad) {
    case BAD_UNCLOSED:
        cs_error_set(err, CS_EINVAL, "%s",
            _("A quote opened in this record is never closed: the rest of "
              "the file was read into one field."));
        break;
    case BAD_NUL:
        cs_error_set(err, CS_EINVAL, "%s",
            _("The record contains a NUL byte (binary data), which a text "
              "field cannot hold."));
        break;
    default:
        if (r->info.encoding == CS_CSV_ENC_UTF8)
            cs_error_set(err, CS_EINVAL, "%s",
                _("The record is not valid UTF-8 text; if the file comes "
                  "from Excel, read it as Windows-1252."));
        else
            cs_error_set(err, CS_EINVAL,
                _("The record has bytes that are not valid %s text."),
                cs_csv_encoding_name(r->info.encoding));
        break;
    }
    if (err != NULL)
        err->line = r->rec_line;
    return CS_EINVAL;
}

enum cs_rc
cs_csv_reader_next(struct cs_csv_reader *r, struct cs_csv_record *rec,
                   struct cs_error *err)
{
    enum cs_rc rc;
    bool ended, eof;

    if (r->fatal != CS_OK)
        return set_fatal(r, r->fatal, err);
    if (r->done)
        return CS_ENOTFOUND;
    for (;;) {
        if (r->text_pos == r->text_len) {
            if ((rc = text_refill(r, &eof, err)) != CS_OK)
                return rc;
            if (eof) {
                if ((rc = lex_eof(r, &ended, err)) != CS_OK)
                    return rc;
                if (!ended) {
                    r->done = true;
                    return CS_ENOTFOUND;
                }
                return deliver(r, rec, err);
            }
        }
        if ((rc = lex_chunk(r, &ended, err)) != CS_OK)
            return rc;
        if (ended)
            return deliver(r, rec, err);
    }
}

bool
cs_csv_record_is_empty(const struct cs_csv_record *rec)
{
    for (size_t i = 0; i < rec->nfields; i++)
        if (rec->fields[i].len > 0)
            return false;
    return true;
}

/* ---------------------------------------------------------------- open */

static enum cs_rc
refuse_kind(enum csv_kind kind, struct cs_error *err)
{
    switch (kind) {
    case CSV_KIND_ZIP:
        return cs_error_set(err, CS_EINVAL, "%s",
            _("The file is a zip archive (an .xlsx or .ods workbook?), not "
              "CSV: save it as CSV first."));
    case CSV_KIND_OLE:
        return cs_error_set(err, CS_EINVAL, "%s",
            _("The file is an Excel 97-2003 workbook (.xls), not CSV: save "
              "it as CSV first."));
    default:
        return cs_error_set(err, CS_EINVAL, "%s",
            _("The file does not look like CSV text (it holds binary "
              "data)."));
    }
}

/* Read the sample, detect the dialect, set up conversion and libcsv. */
static enum cs_rc
reader_start(struct cs_csv_reader *r, struct cs_error *err)
{
    enum cs_csv_encoding bom_enc, enc = r->opt.encoding;
    unsigned char *tmp = NULL;
    const unsigned char *sample;
    size_t bom_len, sample_len;
    enum csv_kind kind;
    enum cs_rc rc;
    bool whole;

    while (!r->in_eof && r->in_len < CSV_SAMPLE)
        if ((rc = input_read(r, err)) != CS_OK)
            return rc;
    whole = r->in_eof;

    kind = csv_sniff_signature(r->in, r->in_len);
    if (kind != CSV_KIND_TEXT && !r->opt.allow_binary)
        return refuse_kind(kind, err);

    bom_enc = csv_sniff_bom(r->in, r->in_len, &bom_len);
    r->info.encoding_detected = enc == CS_CSV_ENC_AUTO;
    if (enc == CS_CSV_ENC_AUTO) {
        if (bom_enc != CS_CSV_ENC_AUTO)
            enc = bom_enc;
        else if (csv_sniff_is_utf8(r->in, r->in_len, whole))
            enc = CS_CSV_ENC_UTF8;
        else
            enc = CS_CSV_ENC_WINDOWS1252;
    }
    r->info.encoding = enc;
    if (bom_enc == enc) {
        r->info.bom = true;
        r->in_pos = bom_len;
    }

    sample = r->in + r->in_pos;
    sample_len = r->in_len - r->in_pos;
    if (enc != CS_CSV_ENC_UTF8) {
        r->cd = iconv_open("UTF-8", cs_csv_encoding_name(enc));
        if (r->cd == (iconv_t)-1)
            return cs_error_set(err, CS_EINVAL,
                _("The encoding %s cannot be converted on this system."),
                cs_csv_encoding_name(enc));
        r->unit = enc == CS_CSV_ENC_UTF16LE || enc == CS_CSV_ENC_UTF16BE
                  ? 2 : 1;
        if ((r->conv = malloc(CSV_CONV)) == NULL
            || (tmp = malloc(sample_len * 3 + 4)) == NULL)
            return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        const unsigned char *src = sample;
        size_t left = sample_len;
        sample_len = convert(r->cd, r->unit, &src, &left, tmp,
                             sample_len * 3 + 4, whole);
        sample = tmp;
        iconv(r->cd, NULL, NULL, NULL, NULL);   /* back to the start */
    }

    if (!r->opt.allow_binary
        && csv_sniff_binary(sample, sample_len) != CSV_KIND_TEXT) {
        free(tmp);
        return refuse_kind(CSV_KIND_BINARY, err);
    }
    r->info.delimiter_sniffed = r->opt.delimiter == 0;
    r->info.delimiter = r->opt.delimiter != 0
                        ? r->opt.delimiter
                        : csv_sniff_delimiter(sample, sample_len, whole);
    r->delim = (unsigned char)r->info.delimiter;
    r->info.eol = csv_sniff_eol(sample, sample_len, r->delim, whole);
    free(tmp);

    if (csv_init(&r->parser, 0) != 0)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    r->parser_ready = true;
    csv_set_space_func(&r->parser, never_space);
    csv_set_delim(&r->parser, r->delim);
    return CS_OK;
}

static enum cs_rc
reader_new(const struct cs_csv_options *opt, struct cs_csv_reader **out,
           struct cs_error *err)
{
    struct cs_csv_reader *r;

    if (opt != NULL && opt->delimiter != 0 && !delimiter_ok(opt->delimiter))
        return cs_error_set(err, CS_EINVAL, "%s",
            _("The delimiter cannot be a quote, a line ending or a "
              "non-ASCII byte."));
    if (opt != NULL && (unsigned)opt->encoding > CS_CSV_ENC_LATIN9)
        return cs_error_set(err, CS_EINVAL, "%s", _("Unknown encoding."));
    if ((r = calloc(1, sizeof *r)) == NULL
        || (r->in = malloc(CSV_SAMPLE)) == NULL) {
        free(r);
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    }
    if (opt != NULL)
        r->opt = *opt;
    if (r->opt.max_record == 0)
        r->opt.max_record = CS_CSV_MAX_RECORD;
    r->cd = (iconv_t)-1;
    r->line = 1;
    r->st = LEX_ROW;
    *out = r;
    return CS_OK;
}

static enum cs_rc
reader_finish_open(struct cs_csv_reader *r, struct cs_csv_reader **out,
                   struct cs_error *err)
{
    enum cs_rc rc = reader_start(r, err);

    if (rc != CS_OK) {
        cs_csv_reader_close(r);
        return rc;
    }
    *out = r;
    return CS_OK;
}

static uint64_t
stream_size(FILE *fp)
{
    struct stat sb;
    long pos;

    if (fstat(fileno(fp), &sb) != 0 || !S_ISREG(sb.st_mode))
        return 0;
    pos = ftell(fp);
    return pos > 0 && pos <= sb.st_size ? (uint64_t)(sb.st_size - pos)
                                        : (uint64_t)sb.st_size;
}

enum cs_rc
cs_csv_reader_open(const char *path, const struct cs_csv_options *opt,
                   struct cs_csv_reader **out, struct cs_error *err)
{
    struct cs_csv_reader *r = NULL;
    enum cs_rc rc;
    FILE *fp;

    if ((rc = reader_new(opt, &r, err)) != CS_OK)
        return rc;
    if ((fp = host_user_fopen(path, "rb")) == NULL) {
        rc = cs_error_set(err, CS_EIO, _("Cannot open %s: %s"), path,
                          strerror(errno));
        cs_csv_reader_close(r);
        return rc;
    }
    r->fp = fp;
    r->own_fp = true;
    r->info.size = stream_size(fp);
    return reader_finish_open(r, out, err);
}

enum cs_rc
cs_csv_reader_open_file(FILE *fp, const struct cs_csv_options *opt,
                        struct cs_csv_reader **out, struct cs_error *err)
{
    struct cs_csv_reader *r = NULL;
    enum cs_rc rc;

    if ((rc = reader_new(opt, &r, err)) != CS_OK)
        return rc;
    r->fp = fp;
    r->info.size = stream_size(fp);
    return reader_finish_open(r, out, err);
}

enum cs_rc
cs_csv_reader_open_mem(const void *data, size_t len,
                       const struct cs_csv_options *opt,
                       struct cs_csv_reader **out, struct cs_error *err)
{
    struct cs_csv_reader *r = NULL;
    enum cs_rc rc;

    if ((rc = reader_new(opt, &r, err)) != CS_OK)
        return rc;
    r->mem = data;
    r->mem_len = len;
    r->in_eof = len == 0;
    r->info.size = len;
    return reader_finish_open(r, out, err);
}

void
cs_csv_reader_info(const struct cs_csv_reader *r, struct cs_csv_info *out)
{
    *out = r->info;
}

void
cs_csv_reader_close(struct cs_csv_reader *r)
{
    if (r == NULL)
        return;
    if (r->parser_ready)
        csv_free(&r->parser);
    if (r->cd != (iconv_t)-1)
        iconv_close(r->cd);
    if (r->own_fp && r->fp != NULL)
        fclose(r->fp);
    free(r->in);
    free(r->conv);
    free(r->raw);
    free(r->hold);
    free(r->fbuf);
    free(r->fields);
    free(r->foff);
    free(r);
}
