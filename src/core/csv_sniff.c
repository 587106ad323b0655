/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * csv_sniff.c: guessing a CSV file's dialect from its first 64 KiB: which
 * encoding (BOM, UTF-8 validity), whether it is text at all (workbook
 * signatures, control bytes), which delimiter, which line ending. Pure
 * functions over a buffer; the reader (csv.c) decides what to do with the
 * answers. The rules are documented with cs_csv_reader_open in csv.h.
 */
#include "csv_sniff.h"

#include <string.h>

#include <unistr.h>

enum csv_kind
csv_sniff_signature(const unsigned char *buf, size_t len)
{
    static const unsigned char zip[] = { 'P', 'K', 3, 4 };
    static const unsigned char ole[] = { 0xD0, 0xCF, 0x11, 0xE0,
                                         0xA1, 0xB1, 0x1A, 0xE1 };

    if (len >= sizeof zip && memcmp(buf, zip, sizeof zip) == 0)
        return CSV_KIND_ZIP;
    if (len >= sizeof ole && memcmp(buf, ole, sizeof ole) == 0)
        return CSV_KIND_OLE;
    return CSV_KIND_TEXT;
}

enum csv_kind
csv_sniff_binary(const unsigned char *text, size_t len)
{
    size_t ctl = 0;

    for (size_t i = 0; i < len; i++) {
        unsigned char c = text[i];
        /* TAB LF VT FF CR do turn up in real text (test_header_newline) */
        if ((c < 0x20 && (c < '\t' || c > '\r')) || c == 0x7F)
            ctl++;
    }
    return ctl >= 16 && ctl * 20 > len ? CSV_KIND_BINARY : CSV_KIND_TEXT;
}

enum cs_csv_encoding
csv_sniff_bom(const unsigned char *buf, size_t len, size_t *bom_len)
{
    if (len >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF) {
        *bom_len = 3;
        return CS_CSV_ENC_UTF8;
    }
    if (len >= 2 && buf[0] == 0xFF && buf[1] == 0xFE) {
        *bom_len = 2;
        return CS_CSV_ENC_UTF16LE;
    }
    if (len >= 2 && buf[0] == 0xFE && buf[1] == 0xFF) {
        *bom_len = 2;
        return CS_CSV_ENC_UTF16BE;
    }
    *bom_len = 0;
    return CS_CSV_ENC_AUTO;
}

bool
csv_sniff_is_utf8(const unsigned char *buf, size_t len, bool whole)
{
    size_t multi = 0, invalid = 0, i = 0;

    while (i < len) {
        ucs4_t uc;
        int n;

        if (buf[i] < 0x80) {
            i++;
            continue;
        }
        n = u8_mbtoucr(&uc, buf + i, len - i);
        if (n == -2 && !whole)
            break;          /* a character cut by the end of the sample */
        if (n < 0) {
            invalid++;
            i++;
        } else {
            multi++;
            i += (size_t)n;
        }
    }
    /* Windows-1252 text almost never forms valid multibyte sequences, so
     * a UTF-8 file with a stray byte or two stays UTF-8 (its bad records
     * are then reported), while an ASCII file with a stray é is the
     * Windows-1252 file it looks like. */
    return invalid == 0 || multi > invalid;
}

/* Field counts of the first records of `text` with delimiter `delim`. */
static size_t
count_fields(const unsigned char *text, size_t len, unsigned char delim,
             bool whole, size_t counts[CSV_SNIFF_RECORDS])
{
    enum csv_lex_state st = LEX_ROW;
    size_t n = 0, fields = 1;

    for (size_t i = 0; i < len && n < CSV_SNIFF_RECORDS; i++) {
        int ev = csv_lex_step(&st, text[i], delim);
        if (ev & LEX_EV_FIELD)
            fields++;
        if (ev & LEX_EV_END) {
            counts[n++] = fields;
            fields = 1;
        }
    }
    /* The last record counts only if the file really ends there. */
    if (whole && st != LEX_ROW && n < CSV_SNIFF_RECORDS)
        counts[n++] = fields;
    return n;
}

char
csv_sniff_delimiter(const unsigned char *text, size_t len, bool whole)
{
    /* In order of preference on a perfect tie: French Excel writes ';'
     * because ',' is its decimal separator. */
    static const char cand[] = { ';', ',', '\t' };
    size_t counts[sizeof cand][CSV_SNIFF_RECORDS], n[sizeof cand];

    for (size_t c = 0; c < sizeof cand; c++)
        n[c] = count_fields(text, len, (unsigned char)cand[c], whole,
                            counts[c]);

    /* First round: only the delimiters that split the first record (the
     * header, as a rule: it has no decimal commas nor free text); second
     * round, when none does (junk lines above the header): all of them. */
    for (int round = 0; round < 2; round++) {
        size_t best_agree = 0, best_fields = 0;
        char best = 0;

        for (size_t c = 0; c < sizeof cand; c++) {
            size_t mode = 0, agree = 0;

            if (n[c] == 0 || (round == 0 && counts[c][0] < 2))
                continue;
            /* The most frequent field count, the larger on a tie. */
            for (size_t i = 0; i < n[c]; i++) {
                size_t same = 0;
                for (size_t j = 0; j < n[c]; j++)
                    same += counts[c][j] == counts[c][i];
                if (same > agree || (same == agree && counts[c][i] > mode))
                    agree = same, mode = counts[c][i];
            }
            if (mode < 2)
                continue;   /* this delimiter splits nothing */
            if (agree > best_agree
                || (agree == best_agree && mode > best_fields)) {
                best_agree = agree;
                best_fields = mode;
                best = cand[c];
            }
        }
        if (best != 0)
            return best;
    }
    return ',';
}

enum cs_csv_eol
csv_sniff_eol(const unsigned char *text, size_t len, unsigned char delim,
              bool whole)
{
    enum csv_lex_state st = LEX_ROW;

    for (size_t i = 0; i < len; i++) {
        int ev = csv_lex_step(&st, text[i], delim);
        if (!(ev & LEX_EV_END))
            continue;
        if (text[i] == '\n')
            return CS_CSV_EOL_LF;
        if (i + 1 < len)
            return text[i + 1] == '\n' ? CS_CSV_EOL_CRLF : CS_CSV_EOL_CR;
        /* A CR at the very end: of the whole file, it is the ending; of a
         * sample cut just after it, CRLF is by far the more common. */
        return whole ? CS_CSV_EOL_CR : CS_CSV_EOL_CRLF;
    }
    return CS_CSV_EOL_NONE;
}
