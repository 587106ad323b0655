/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * pb_fuzz.c: libFuzzer target for the .pb reader (pabulib.c).
 *
 * Each input is a .pb file given to pb_parse. Besides crashes and
 * sanitizer reports, it stops on a broken promise of pabulib_priv.h: a
 * code other than CS_OK, CS_EINVAL or CS_ENOMEM; a refusal without a line
 * or a reason, or leaving anything in the file; a file read whose ballots
 * and votes do not add up (each ballot's votes inside the vote array, each
 * vote naming a project of the file).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "pabulib_priv.h"

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct pb_file f;
    struct cs_error err;
    enum cs_rc rc;

    cs_error_clear(&err);
    rc = pb_parse(data, size, &f, &err);
    CHECK(rc == CS_OK || rc == CS_EINVAL || rc == CS_ENOMEM);
    if (rc != CS_OK) {
        CHECK(rc != CS_EINVAL || (err.line > 0 && err.msg[0] != '\0'));
        CHECK(f.nprojects == 0 && f.nballots == 0 && f.votes == NULL);
        return 0;
    }
    CHECK(f.nprojects > 0 && f.nballots > 0 && f.unit != NULL);
    CHECK(f.ballot_first[0] == 0 && f.ballot_first[f.nballots] == f.nvotes);
    for (size_t b = 0; b < f.nballots; b++)
        CHECK(f.ballot_first[b] < f.ballot_first[b + 1]);
    for (size_t k = 0; k < f.nvotes; k++)
        CHECK(f.votes[k].project < f.nprojects);
    pb_file_clear(&f);
    return 0;
}
