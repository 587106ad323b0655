/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * error.c: the error record. Messages are formatted into the caller's
 * fixed buffer: no allocation on the failure path. A message too long for
 * it (one quoting a long value from a file) is cut between two characters
 * and ends with an ellipsis, so that it stays valid UTF-8 wherever it goes
 * (a reject file, the terminal).
 */
#include "consult/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
cs_error_clear(struct cs_error *err)
{
    if (err == NULL)
        return;
    err->code = CS_OK;
    err->msg[0] = '\0';
    err->field[0] = '\0';
    err->line = 0;
}

static void error_vset(struct cs_error *err, enum cs_rc code,
                       const char *field, const char *fmt, va_list ap)
                       CS_PRINTF(4, 0);

/* `buf` (`size` bytes) was cut by a formatting function: end it on a
 * character boundary instead, leaving room for `mark` (may be ""). */
static void
cut_at_character(char *buf, size_t size, const char *mark)
{
    size_t keep = size - 1 - strlen(mark);

    /* Back over continuation bytes (10xxxxxx) to the byte that starts the
     * character cut in two: everything before it is whole. */
    while (keep > 0 && ((unsigned char)buf[keep] & 0xC0) == 0x80)
        keep--;
    memcpy(buf + keep, mark, strlen(mark) + 1);
}

static void
error_vset(struct cs_error *err, enum cs_rc code, const char *field,
           const char *fmt, va_list ap)
{
    int n;

    err->code = code;
    n = vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    if (n < 0)
        err->msg[0] = '\0';
    else if ((size_t)n >= sizeof err->msg)
        cut_at_character(err->msg, sizeof err->msg, "\xe2\x80\xa6");
    n = snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    if (n > 0 && (size_t)n >= sizeof err->field)
        cut_at_character(err->field, sizeof err->field, "");
}

enum cs_rc
cs_error_set(struct cs_error *err, enum cs_rc code, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL)
        return code;
    va_start(ap, fmt);
    error_vset(err, code, NULL, fmt, ap);
    va_end(ap);
    return code;
}

enum cs_rc
cs_error_field(struct cs_error *err, enum cs_rc code, const char *field,
               const char *fmt, ...)
{
    va_list ap;

    if (err == NULL)
        return code;
    va_start(ap, fmt);
    error_vset(err, code, field, fmt, ap);
    va_end(ap);
    return code;
}

const char *
cs_rc_name(enum cs_rc rc)
{
    static const char *const names[] = {
        "CS_OK", "CS_EINVAL", "CS_ENOTFOUND", "CS_ECONFLICT", "CS_EPERM",
        "CS_EBUSY", "CS_ENOMEM", "CS_EIO", "CS_ECREATE", "CS_ENOTDB",
        "CS_EVERSION", "CS_ECANCELED", "CS_EINTERNAL", "CS_ESTALE",
        "CS_EREADONLY",
    };

    if ((unsigned)rc < sizeof names / sizeof names[0])
        return names[rc];
    return "CS_E?";
}
