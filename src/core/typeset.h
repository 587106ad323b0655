/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * typeset.h: printable documents, typeset by groff into PDF.
 *
 * The core writes its documents (blank paper forms, and later the
 * committee's agenda and minutes, the answer letters) as plain troff, and
 * groff's PDF device typesets them, as the committee's own documents are.
 * The text a user typed goes through typeset_text, which makes it words
 * on the page, never troff requests.
 */
#ifndef CONSULT_TYPESET_H
#define CONSULT_TYPESET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "consult/error.h"

/* Write `s` to `fp` as text on the page: a leading \& (so that no line
 * starts a request), backslashes as \[rs], line breaks and tabs as
 * spaces. NULL writes nothing. */
void typeset_text(FILE *fp, const char *s);

/* Write `s` as paragraphs: each of its lines its own output line, a blank
 * line a small space; long lines fill and wrap. Ends with a break. */
void typeset_block(FILE *fp, const char *s);

/* The page set-up of the core's documents: A4, 2 cm margins, no
 * hyphenation, ragged right; with `numbered`, the page number at the foot
 * of every page, between dashes. */
void typeset_page(FILE *fp, bool numbered);

/*
 * The format a document's file name asks for: `*pdf` true for a name
 * ending in ".pdf", false for ".csv", "-", a device or a pipe (CSV rows).
 * Any other name: CS_EINVAL, saying to end it with .csv or .pdf.
 */
enum cs_rc typeset_format(const char *path, bool *pdf, struct cs_error *err);

/*
 * Typeset troff source `src` (`len` bytes, UTF-8) into a PDF written to
 * `out`, on A4 paper: groff is run directly, without a shell, with the
 * source on its standard input. Returns CS_OK, CS_EIO (groff missing or
 * failing: the message says which, with groff's first complaint),
 * CS_ENOMEM.
 */
enum cs_rc typeset_pdf(const char *src, size_t len, FILE *out,
                       struct cs_error *err);

#endif /* CONSULT_TYPESET_H */
