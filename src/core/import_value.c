/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * import_value.c: the cells of an imported row, cleaned.
 *
 * A cell is taken as the spreadsheet wrote it and made into the value the
 * core stores: consult's own neutralisation of formulas undone, line breaks
 * made LF (CRLF inside a quoted cell is what Excel writes; it is stored as
 * LF on purpose, like text typed in the terminal; a lone CR is a line
 * break only in a file whose lines end with CR, as classic Mac Excel
 * wrote them, and refused elsewhere), blanks trimmed (no-break spaces
 * too), control characters refused. Parsing the values (dates,
 * yes or no, numbers) is value.c's.
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
             bool cr_ends_lines, struct cs_error *err)
{
    size_t need = 1, o = 0;

    for (int f = 0; f < CS_F_COUNT_ALL; f++) {
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
    for (int f = 0; f < CS_F_COUNT_ALL; f++) {
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

            if (ch == '\r' && i + 1 < len && s[i + 1] == '\n') {
                d[k++] = '\n';
                i++;
                continue;
            }
            if (ch == '\r' && cr_ends_lines) {
                d[k++] = '\n';
                continue;
            }
            if (ch == '\r') {
                const char *name = cs_field_name((enum cs_field_id)f);

                return cs_error_field(err, CS_EINVAL, name,
                    _("Column \"%s\" holds a carriage return that ends no "
                      "line (on a terminal it would write over the start "
                      "of the line): remove it."),
                    cols->names ? cols->names[c] : name);
            }
            if ((ch < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7f) {
                const char *name = cs_field_name((enum cs_field_id)f);

                return cs_error_field(err, CS_EINVAL, name,
                    _("Column \"%s\" holds a control character (an "
                      "invisible code, not text): remove it."),
                    cols->names ? cols->names[c] : name);
            }
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
