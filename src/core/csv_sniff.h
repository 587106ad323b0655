/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * csv_sniff.h: the dialect detection (csv_sniff.c) and the byte-level
 * lexer it shares with the CSV reader (csv.c), which mirrors libcsv's state
 * machine. The reader sits on top: it includes this, never the reverse.
 *
 * libcsv builds the fields but says nothing about where a record starts or
 * ends in the input, nor about quoting. The lexer follows the same states
 * as libcsv (with no space function installed: blanks are ordinary bytes)
 * so that the reader knows, byte by byte, where records end, which lines
 * are empty, and which blanks follow a closing quote (libcsv would take
 * them as the start of more quoted text: `"a" ,b` would swallow the rest of
 * the line and the following ones). The sniffer runs the same lexer to
 * count fields per record for each candidate delimiter. The reader checks
 * that libcsv ends a record exactly where the lexer says, so a divergence
 * is an internal error, never a silently wrong record.
 */
#ifndef CONSULT_CSV_SNIFF_H
#define CONSULT_CSV_SNIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "consult/csv.h"

/* Lexer states; the first five are libcsv's, in its words. */
enum csv_lex_state {
    LEX_ROW = 0,        /* between records (ROW_NOT_BEGUN) */
    LEX_FIELD,          /* after a delimiter (FIELD_NOT_BEGUN) */
    LEX_UNQUOTED,       /* inside an unquoted field (FIELD_BEGUN) */
    LEX_QUOTED,         /* inside a quoted field (FIELD_BEGUN, quoted) */
    LEX_QUOTE,          /* a quote in a quoted field: closing or doubled
                           (FIELD_MIGHT_HAVE_ENDED) */
    LEX_QUOTE_BLANK     /* blanks after such a quote, held back */
};

/* What a byte did, as bit flags (0 for most bytes). */
enum {
    LEX_EV_BLANK_LINE = 1,  /* a line ending between records: skip it */
    LEX_EV_BEGIN = 2,       /* this byte starts a record */
    LEX_EV_FIELD = 4,       /* this delimiter ends a field */
    LEX_EV_END = 8,         /* this line ending ends a record */
    LEX_EV_HOLD = 16,       /* hold this blank back from libcsv */
    LEX_EV_DROP = 32,       /* forget the blanks held back */
    LEX_EV_RELEASE = 64     /* give the held blanks to libcsv first */
};

static inline bool
csv_is_eol(unsigned char c)
{
    return c == '\r' || c == '\n';
}

/* Advance `*st` over byte `c` with delimiter `delim`; return the events. */
static inline int
csv_lex_step(enum csv_lex_state *st, unsigned char c, unsigned char delim)
{
    int ev = 0;

    switch (*st) {
    case LEX_ROW:
        if (csv_is_eol(c))
            return LEX_EV_BLANK_LINE;
        ev = LEX_EV_BEGIN;
        /* fall through - the byte starts the first field */
    case LEX_FIELD:
        if (c == delim)
            *st = LEX_FIELD, ev |= LEX_EV_FIELD;
        else if (csv_is_eol(c))
            *st = LEX_ROW, ev |= LEX_EV_END;
        else if (c == '"')
            *st = LEX_QUOTED;
        else
            *st = LEX_UNQUOTED;
        return ev;
    case LEX_UNQUOTED:
        if (c == delim)
            *st = LEX_FIELD, ev = LEX_EV_FIELD;
        else if (csv_is_eol(c))
            *st = LEX_ROW, ev = LEX_EV_END;
        return ev;
    case LEX_QUOTED:
        if (c == '"')
            *st = LEX_QUOTE;
        return 0;
    case LEX_QUOTE:
        if (c == delim)
            *st = LEX_FIELD, ev = LEX_EV_FIELD;
        else if (csv_is_eol(c))
            *st = LEX_ROW, ev = LEX_EV_END;
        else if (c == ' ' || c == '\t')
            *st = LEX_QUOTE_BLANK, ev = LEX_EV_HOLD;
        else
            *st = LEX_QUOTED;   /* a doubled quote, or a stray one */
        return ev;
    case LEX_QUOTE_BLANK:
        if (c == delim)
            *st = LEX_FIELD, ev = LEX_EV_DROP | LEX_EV_FIELD;
        else if (csv_is_eol(c))
            *st = LEX_ROW, ev = LEX_EV_DROP | LEX_EV_END;
        else if (c == ' ' || c == '\t')
            ev = LEX_EV_HOLD;
        else
            /* libcsv, given the blanks, goes back into the quoted field;
             * this byte then counts there */
            *st = c == '"' ? LEX_QUOTE : LEX_QUOTED, ev = LEX_EV_RELEASE;
        return ev;
    }
    return 0;
}

/* ---------------------------------------------------------------- detection */

/* The sample read to detect the dialect, and the size of the reader's
 * input buffer. */
#define CSV_SAMPLE (64 * 1024)

/* Records examined to sniff the delimiter. */
#define CSV_SNIFF_RECORDS 20

/* What a file's first bytes say about it. */
enum csv_kind {
    CSV_KIND_TEXT = 0,
    CSV_KIND_ZIP,           /* PK\3\4: .xlsx, .ods, any zip archive */
    CSV_KIND_OLE,           /* an Excel 97-2003 .xls (OLE2 compound file) */
    CSV_KIND_BINARY         /* too many control bytes to be text */
};

/* Look at the raw start of a file for a workbook signature. */
enum csv_kind csv_sniff_signature(const unsigned char *buf, size_t len);

/* Count control bytes other than TAB, LF, VT, FF, CR in UTF-8 `text`:
 * CSV_KIND_BINARY when there are at least 16 and more than 5%. */
enum csv_kind csv_sniff_binary(const unsigned char *text, size_t len);

/* The encoding announced by a BOM at the start of `buf`, and the BOM's
 * length in `*bom_len` (0 and CS_CSV_ENC_AUTO when there is none). */
enum cs_csv_encoding csv_sniff_bom(const unsigned char *buf, size_t len,
                                   size_t *bom_len);

/* True if `buf` reads as UTF-8: valid, or holding more valid multibyte
 * characters than invalid bytes (a UTF-8 file with a stray byte). When
 * `whole` is false the sample may end in the middle of a character. */
bool csv_sniff_is_utf8(const unsigned char *buf, size_t len, bool whole);

/* Pick the delimiter of UTF-8 `text` (the rules are in csv.h);
 * `whole` says that `text` is the entire file. */
char csv_sniff_delimiter(const unsigned char *text, size_t len, bool whole);

/* The line ending of the first record of `text` with delimiter `delim`. */
enum cs_csv_eol csv_sniff_eol(const unsigned char *text, size_t len,
                              unsigned char delim, bool whole);

#endif /* CONSULT_CSV_SNIFF_H */
