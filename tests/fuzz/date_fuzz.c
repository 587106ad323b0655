/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * date_fuzz.c: libFuzzer target for the date parsers: cs_date_parse (what
 * people type and files hold) and value_date, the importer's shortcut for
 * the common forms, which value.h promises gives cs_date_parse's result
 * for every input.
 *
 * The input, up to its first NUL, is one date. Besides crashes and
 * sanitizer reports, it stops when
 * - value_date and cs_date_parse disagree (one accepts and the other
 *   refuses, or they write different dates);
 * - an accepted date is not canonical ("YYYY-MM-DD" or
 *   "YYYY-MM-DDTHH:MM:SSZ", digits where digits go), or parsing it again
 *   gives anything but itself;
 * - a refusal comes without CS_EINVAL, a message and the field's name;
 * - a buffer shorter than 21 bytes is not refused.
 */
#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consult/consult.h"
#include "value.h"

#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setlocale(LC_ALL, "C.UTF-8");
    return 0;
}

/* "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ". */
static bool
is_canonical(const char *d)
{
    static const char date[] = "dddd-dd-dd", stamp[] = "dddd-dd-ddTdd:dd:ddZ";
    const char *shape = strlen(d) == 10 ? date : stamp;

    if (strlen(d) != strlen(shape))
        return false;
    for (size_t i = 0; shape[i]; i++)
        if (shape[i] == 'd' ? !(d[i] >= '0' && d[i] <= '9') : d[i] != shape[i])
            return false;
    return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    char a[32], b[32], again[32], tiny[20];
    struct cs_error ea, eb, ec;
    enum cs_rc ra, rb;

    if (s == NULL)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);

    ra = cs_date_parse(s, a, sizeof a, &ea);
    rb = value_date(s, "submitted_at", b, &eb);
    CHECK(ra == rb);
    if (ra == CS_OK) {
        CHECK(strcmp(a, b) == 0);
        CHECK(is_canonical(a));
        CHECK(cs_date_parse(a, again, sizeof again, &ec) == CS_OK);
        CHECK(strcmp(again, a) == 0);
    } else {
        CHECK(ra == CS_EINVAL);
        CHECK(ea.msg[0] != '\0' && eb.msg[0] != '\0');
        CHECK(strcmp(eb.field, "submitted_at") == 0);
    }
    CHECK(cs_date_parse(s, tiny, sizeof tiny, &ec) == CS_EINVAL);
    free(s);
    return 0;
}
