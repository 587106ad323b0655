/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * number_fuzz.c: libFuzzer target for the number parsers of the importer
 * and the forms (value.h): value_count (a count of votes, with thousands
 * grouped by spaces or no-break spaces), value_id (an idea number, "12" or
 * "#12") and value_bool (yes or no, in French or English).
 *
 * The input, up to its first NUL, is one cell. Besides crashes and
 * sanitizer reports, it stops when
 * - an accepted count is not the number its digits spell, or was written
 *   with anything but digits and separators after the first digit;
 * - an accepted id is not positive, or not "#"? followed by its digits;
 * - a refusal comes without CS_EINVAL, a message and the field's name, or
 *   writes its out-parameter.
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

/* The digits of `s` as a number (at most 18 after the leading zeros),
 * or -1. */
static int64_t
digits_of(const char *s)
{
    int64_t v = 0;
    int n = 0;
    bool seen = false;

    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') {
            /* Leading zeros add nothing. */
            if ((v > 0 || *s != '0') && ++n > 18)
                return -1;
            v = v * 10 + (*s - '0');
            seen = true;
        }
    }
    return seen ? v : -1;
}

static void
check_refused(enum cs_rc rc, const struct cs_error *err, const char *field)
{
    CHECK(rc == CS_EINVAL);
    CHECK(err->msg[0] != '\0');
    CHECK(strcmp(err->field, field) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    struct cs_error err;
    int64_t v = -7;
    bool yes = false;
    enum cs_rc rc;

    if (s == NULL)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';

    rc = value_count(s, "votes", &v, &err);
    if (rc == CS_OK) {
        CHECK(v >= 0 && v == digits_of(s));
        CHECK(s[0] >= '0' && s[0] <= '9');
        for (const unsigned char *p = (const unsigned char *)s; *p; p++)
            CHECK((*p >= '0' && *p <= '9') || *p == ' ' || *p >= 0x80);
    } else {
        check_refused(rc, &err, "votes");
        CHECK(v == -7);
    }

    v = -7;
    rc = value_id(s, "idea", &v, &err);
    if (rc == CS_OK) {
        const char *p = s[0] == '#' ? s + 1 : s;

        CHECK(v > 0 && v == digits_of(p));
        CHECK(strspn(p, "0123456789") == strlen(p));
    } else {
        check_refused(rc, &err, "idea");
        CHECK(v == -7);
    }

    rc = value_bool(s, "consent", &yes, &err);
    if (rc != CS_OK)
        check_refused(rc, &err, "consent");
    else if (s[0] == '\0')
        CHECK(!yes);
    free(s);
    return 0;
}
