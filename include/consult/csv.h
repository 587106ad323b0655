/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * csv.h: reading and writing CSV files, the foundation of import and export.
 *
 * The reader streams a file of any size through libcsv with a fixed input
 * buffer: memory is bounded by the largest record, never by the file. It
 * takes what people actually have: UTF-8 with or without a BOM, UTF-16 with
 * a BOM, Windows-1252 from French-locale Excel (all converted to UTF-8 with
 * iconv), `,` `;` or TAB delimiters (sniffed), LF, CRLF or CR-only line
 * endings, quoted fields holding delimiters, quotes and newlines. It hands
 * out records, one at a time, with the physical lines they came from and
 * their raw bytes for a reject file. A record it cannot trust (a NUL byte,
 * bytes that are not valid text in the file's encoding, a quote never
 * closed) is reported with its line, never silently cut or dropped.
 *
 * The writer produces RFC 4180 CSV in UTF-8 and neutralises every cell a
 * spreadsheet would run as a formula; cs_csv_unneutralise undoes exactly
 * that marking, so consult's own exports import back byte for byte.
 *
 * Nothing here knows about ideas or votes: the importer and the exporters
 * (import.h, export.h) build on this module.
 */
#ifndef CONSULT_CSV_H
#define CONSULT_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "consult/error.h"

/* ---------------------------------------------------------------- dialect */

/* Character encodings the reader converts from. */
enum cs_csv_encoding {
    CS_CSV_ENC_AUTO = 0,    /* detect (options only; never reported) */
    CS_CSV_ENC_UTF8,        /* UTF-8, with or without a BOM */
    CS_CSV_ENC_UTF16LE,     /* UTF-16 little endian ("Unicode text") */
    CS_CSV_ENC_UTF16BE,     /* UTF-16 big endian */
    CS_CSV_ENC_WINDOWS1252, /* French-locale Excel, Windows "ANSI" */
    CS_CSV_ENC_LATIN1,      /* ISO-8859-1 (only when asked for) */
    CS_CSV_ENC_LATIN9       /* ISO-8859-15 (only when asked for) */
};

/* Line endings, as seen on the first record of a file. */
enum cs_csv_eol {
    CS_CSV_EOL_NONE = 0,    /* no line ending seen (one line, or empty) */
    CS_CSV_EOL_LF,          /* Unix, LibreOffice */
    CS_CSV_EOL_CRLF,        /* Windows, Excel */
    CS_CSV_EOL_CR           /* classic Mac Excel */
};

/* The iconv name of `enc` ("UTF-8", "WINDOWS-1252"...); "auto" for AUTO.
 * Static storage, untranslated. */
const char *cs_csv_encoding_name(enum cs_csv_encoding enc);

/*
 * Parse an encoding name as a user types it, case-insensitively: "auto",
 * "utf-8"/"utf8", "utf-16le", "utf-16be", "windows-1252"/"cp1252"/"ansi",
 * "latin1"/"iso-8859-1", "latin9"/"iso-8859-15".
 * Returns CS_OK and writes `*out`, or CS_EINVAL (unknown name).
 */
enum cs_rc cs_csv_encoding_parse(const char *name,
                                 enum cs_csv_encoding *out,
                                 struct cs_error *err);

/* "LF", "CRLF", "CR" or "none". Static storage, untranslated. */
const char *cs_csv_eol_name(enum cs_csv_eol eol);

/*
 * Parse a delimiter as a user types it: a single ASCII character other than
 * a letter, digit, quote, CR or LF (",", ";", "|"), or one of the words
 * "comma", "semicolon", "tab" (also "\t" written with a backslash) and
 * "pipe". Returns CS_OK and writes `*out`, or CS_EINVAL.
 */
enum cs_rc cs_csv_delimiter_parse(const char *name, char *out,
                                  struct cs_error *err);

/* ---------------------------------------------------------------- reader */

/*
 * Called after each block of input (at most 64 KiB) is read: `done` bytes
 * of the input so far, out of `total` (0 when unknown: a pipe). Return
 * false to stop: the next cs_csv_reader_next then returns CS_ECANCELED.
 */
typedef bool (*cs_csv_progress_fn)(void *ctx, uint64_t done, uint64_t total);

/* Reader options; a zeroed struct (or NULL) means "detect everything". */
struct cs_csv_options {
    enum cs_csv_encoding encoding; /* CS_CSV_ENC_AUTO: detect (see below) */
    char delimiter;         /* 0: sniff among ',' ';' TAB */
    size_t max_record;      /* bytes; 0: CS_CSV_MAX_RECORD */
    bool allow_binary;      /* read a file that looks binary anyway */
    cs_csv_progress_fn progress; /* may be NULL */
    void *progress_ctx;     /* passed to `progress` */
};

/* The default limit on one record's size (64 MiB): above it, a quote that
 * is never closed has almost certainly swallowed the rest of the file. */
#define CS_CSV_MAX_RECORD ((size_t)64 * 1024 * 1024)

/* What the reader found out about the file. */
struct cs_csv_info {
    enum cs_csv_encoding encoding; /* in use: detected or forced */
    bool encoding_detected; /* false when forced by the options */
    bool bom;               /* a byte order mark was found and skipped */
    char delimiter;         /* in use */
    bool delimiter_sniffed; /* false when forced by the options */
    enum cs_csv_eol eol;    /* line ending of the first record */
    uint64_t bytes_read;    /* input bytes read so far */
    uint64_t size;          /* input size in bytes, 0 when unknown */
    long records;           /* records handed out so far, bad ones too */
    long bad_records;       /* of which reported bad */
    long blank_lines;       /* empty lines skipped so far */
};

/* One field of a record. */
struct cs_csv_field {
    const char *s;          /* NUL-terminated UTF-8 copy; no NUL inside */
    size_t len;             /* bytes, without the terminating NUL */
};

/* One record; everything it points to lives until the next call on its
 * reader (cs_csv_reader_next or cs_csv_reader_close). */
struct cs_csv_record {
    const struct cs_csv_field *fields; /* `nfields` fields */
    size_t nfields;         /* >= 1 for a good record, 0 for a bad one */
    long line;              /* physical line (from 1) where it starts */
    long end_line;          /* physical line where it ends */
    long index;             /* its number among the file's records, from 1 */
    const char *raw;        /* its bytes, converted to UTF-8, without the
                               line ending; NUL-terminated */
    size_t raw_len;         /* bytes in `raw` */
};

struct cs_csv_reader;

/*
 * Open the CSV file at `path` for reading and detect its dialect from its
 * first 64 KiB (unless `opt` forces it):
 *
 * - Encoding: a UTF-8 BOM means UTF-8; FF FE / FE FF mean UTF-16 LE / BE
 *   (converted to UTF-8); otherwise a sample that is valid UTF-8 (plain
 *   ASCII included), or that holds more valid multibyte UTF-8 characters
 *   than invalid bytes (a UTF-8 file with a stray byte: its bad records
 *   are reported), means UTF-8, and anything else Windows-1252 (the
 *   superset of Latin-1 that French Excel writes: € ’ œ …). A BOM is
 *   skipped when it matches the encoding in use. UTF-16 without a BOM is
 *   only read when forced.
 * - Delimiter: ',' ';' and TAB are tried on the first 20 records (quotes
 *   respected). Only those that split the first record (the header: no
 *   decimal commas, no free text) compete, or all of them if none does.
 *   The one that splits the most records into the same number (>= 2) of
 *   fields wins; on a tie, the one giving more fields, then ';' before ','
 *   before TAB. No candidate splitting anything: ','.
 * - A file that is not text at all (a zip archive such as .xlsx or .ods,
 *   an .xls workbook, or more than 5% control bytes) is refused with
 *   CS_EINVAL and a message saying so, unless `opt->allow_binary`.
 *
 * `opt` may be NULL and is copied. On success `*out` is a reader to close
 * with cs_csv_reader_close. Returns CS_OK, CS_EIO (cannot open the file,
 * and the message names it, or cannot read it), CS_EINVAL (bad option,
 * binary file, encoding not supported by iconv), CS_ECANCELED (the
 * progress callback, called once the sample is read, said stop),
 * CS_ENOMEM.
 */
enum cs_rc cs_csv_reader_open(const char *path,
                              const struct cs_csv_options *opt,
                              struct cs_csv_reader **out,
                              struct cs_error *err);

/* The same on an open stream, read from its current position; `fp` is
 * borrowed: it must stay open until cs_csv_reader_close, which does not
 * close it. */
enum cs_rc cs_csv_reader_open_file(FILE *fp, const struct cs_csv_options *opt,
                                   struct cs_csv_reader **out,
                                   struct cs_error *err);

/* The same on `len` bytes in memory; `data` is borrowed and must outlive
 * the reader. */
enum cs_rc cs_csv_reader_open_mem(const void *data, size_t len,
                                  const struct cs_csv_options *opt,
                                  struct cs_csv_reader **out,
                                  struct cs_error *err);

/*
 * Read the next record into `rec`.
 *
 * Fields are kept exactly as they are in the file: no blanks trimmed
 * (trimming is the importer's business, column by column), quotes removed
 * and doubled quotes undone as RFC 4180 says, newlines inside quoted fields
 * kept as they were (CRLF stays CRLF). CR, LF and CRLF all end a record.
 * Empty lines are skipped and counted (cs_csv_info.blank_lines); line
 * numbers stay those of the file. There are no comment lines: a "#" line is
 * a record. Blanks between a closing quote and the next delimiter are
 * dropped ("a" ,b gives a and b). A quote inside an unquoted field is kept
 * as it is, and a stray quote inside a quoted field is kept too (what
 * spreadsheets do rather than fail).
 *
 * Returns:
 * - CS_OK: `rec` holds a good record (nfields >= 1); its fields are valid
 *   UTF-8 with no NUL byte, checked here, so callers need not check the
 *   encoding again.
 * - CS_ENOTFOUND: no more records; `rec` and `err` are left alone.
 * - CS_EINVAL: the record is bad: a NUL byte in it, bytes that are not
 *   valid in the file's encoding, or a quoted field still open at the end
 *   of the file. `err` says why with err->line = rec->line; `rec` is
 *   written anyway with nfields = 0, its lines and its raw bytes, for the
 *   reject file. Reading may go on with the next call.
 * - Anything else stops the reader for good (every later call returns the
 *   same code): CS_EIO (read error), CS_ENOMEM (out of memory, or a record
 *   larger than the max_record option, err->line = its first line),
 *   CS_ECANCELED (the progress callback said stop), CS_EINTERNAL.
 */
enum cs_rc cs_csv_reader_next(struct cs_csv_reader *r,
                              struct cs_csv_record *rec,
                              struct cs_error *err);

/* What the reader detected and how far it got; valid any time after
 * cs_csv_reader_open. */
void cs_csv_reader_info(const struct cs_csv_reader *r,
                        struct cs_csv_info *out);

/* Close the reader and free what it holds (the file too when it was opened
 * by path). NULL does nothing. */
void cs_csv_reader_close(struct cs_csv_reader *r);

/* True if every field of `rec` is empty (a line of delimiters only, as
 * spreadsheets write below a table); the reader hands such records out
 * and leaves the decision to the caller. */
bool cs_csv_record_is_empty(const struct cs_csv_record *rec);

/* ---------------------------------------------------------------- writer */

/* Writer options; a zeroed struct (or NULL) means RFC 4180 with LF. */
struct cs_csv_writer_options {
    char delimiter;         /* 0: ','; not a quote, CR, LF or non-ASCII */
    bool crlf;              /* end records with CRLF instead of LF */
    bool bom;               /* begin with a UTF-8 BOM (Excel) */
};

struct cs_csv_writer;

/*
 * Start writing CSV to `fp`, borrowed: the writer never closes it. With
 * `opt->bom` the BOM is written at once (into the writer's buffer).
 * Returns CS_OK and `*out`, CS_EINVAL (bad delimiter), CS_ENOMEM.
 */
enum cs_rc cs_csv_writer_open(FILE *fp,
                              const struct cs_csv_writer_options *opt,
                              struct cs_csv_writer **out,
                              struct cs_error *err);

/* The same on file descriptor `fd`, borrowed (written with write(2)). */
enum cs_rc cs_csv_writer_open_fd(int fd,
                                 const struct cs_csv_writer_options *opt,
                                 struct cs_csv_writer **out,
                                 struct cs_error *err);

/*
 * Append a cell of `len` bytes to the current record.
 *
 * A cell whose first character is = + - @ TAB or CR (after any leading
 * apostrophes) is neutralised: an apostrophe is put in front, so that a
 * spreadsheet shows it as text instead of running it. The cell is quoted
 * when it holds the delimiter, a quote, CR or LF, or begins or ends with a
 * space or TAB, or is the file's first cell and begins with the bytes of a
 * byte order mark; quotes inside are doubled. A record of one empty cell is
 * written as "" so that it does not read back as an empty line.
 *
 * Write errors are sticky: once one happened, this and every later call do
 * nothing and return it; cs_csv_writer_close reports it with its message.
 * Returns CS_OK or the sticky error (CS_EIO, CS_ENOMEM).
 */
enum cs_rc cs_csv_writer_field(struct cs_csv_writer *w, const char *s,
                               size_t len);

/* The same for a NUL-terminated string; NULL writes an empty cell. */
enum cs_rc cs_csv_writer_cell(struct cs_csv_writer *w, const char *s);

/* A number cell, written in decimal and never neutralised (a number is
 * not a formula). */
enum cs_rc cs_csv_writer_int64(struct cs_csv_writer *w, int64_t v);

/* End the current record (CRLF or LF). A record with no cell is written as
 * one empty cell. Returns CS_OK or the sticky error. */
enum cs_rc cs_csv_writer_end_row(struct cs_csv_writer *w);

/* Write `n` cells (NULL ones empty) and end the record. */
enum cs_rc cs_csv_writer_row(struct cs_csv_writer *w,
                             const char *const *cells, size_t n);

/* Push what is buffered to the stream or descriptor (and fflush a stream).
 * Returns CS_OK or the sticky error (CS_EIO with strerror). */
enum cs_rc cs_csv_writer_flush(struct cs_csv_writer *w, struct cs_error *err);

/*
 * Flush, free the writer, and report the first error any call met (CS_EIO
 * for a failed write, with its reason); an unfinished record is ended
 * first. The stream or descriptor stays open: the caller closes it (and
 * checks fclose). NULL returns CS_OK.
 */
enum cs_rc cs_csv_writer_close(struct cs_csv_writer *w, struct cs_error *err);

/*
 * Undo the writer's neutralisation: when `s` begins with an apostrophe
 * followed (after any further apostrophes) by = + - @ TAB or CR, return
 * s + 1, else `s` itself (NULL gives NULL). The writer adds exactly one
 * apostrophe to exactly those cells, so for any cell c,
 * cs_csv_unneutralise(written c) == c. Borrowed: points into `s`.
 */
const char *cs_csv_unneutralise(const char *s);

/* True if the writer would neutralise a cell starting with `s` (`len`
 * bytes). */
bool cs_csv_needs_neutralising(const char *s, size_t len);

#endif /* CONSULT_CSV_H */
