/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * relops.c: the two operations of the reliability run's kill loop that no
 * consult command makes in one process, made with the core calls the
 * terminal interface makes (tests/reliability/run kills it at random
 * moments):
 *
 *   relops bulk DB FIRST LAST      ideas FIRST..LAST to "reviewing" in one
 *                                  call (the ideas list's bulk status
 *                                  change: cs_idea_set_status_many)
 *   relops forms DB CONS THEME N PREFIX
 *                                  N forms saved one after the other (the
 *                                  entry form's save-and-next: cs_idea_add
 *                                  with the person typed), form references
 *                                  PREFIX-1..PREFIX-N, authors
 *                                  "PREFIX person 1"...
 *
 * Acts as the OS login (the database's admin). Prints "done" at the end;
 * exits 1 with the core's message on a failure.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consult/consult.h"

static int
failed(const char *what, const struct cs_error *err)
{
    fprintf(stderr, "relops: %s: %s\n", what, err->msg);
    return 1;
}

int
main(int argc, char **argv)
{
    struct cs_db *db = NULL;
    struct cs_error err;
    int rc = 0;

    if (argc < 3) {
        fprintf(stderr, "usage: relops bulk DB FIRST LAST\n"
                        "       relops forms DB CONS THEME N PREFIX\n");
        return 2;
    }
    if (cs_db_open(&db, argv[2], NULL, &err) != CS_OK)
        return failed("open", &err);
    if (strcmp(argv[1], "bulk") == 0 && argc == 5) {
        int64_t first = atoll(argv[3]), last = atoll(argv[4]);
        size_t n = last >= first ? (size_t)(last - first + 1) : 0;
        struct cs_status_item *items = calloc(n ? n : 1, sizeof *items);

        if (items == NULL)
            return 1;
        for (size_t i = 0; i < n; i++)
            items[i].id = first + (int64_t)i;
        if (cs_idea_set_status_many(db, items, n, CS_STATUS_REVIEWING, NULL,
                                    NULL, &err) != CS_OK)
            rc = failed("bulk status", &err);
        free(items);
    } else if (strcmp(argv[1], "forms") == 0 && argc == 7) {
        long n = atol(argv[5]);

        for (long i = 1; rc == 0 && i <= n; i++) {
            char ref[64], name[96], body[128];
            struct cs_person who = { .name = name, .service = "Écoles",
                                     .consent = true,
                                     .channel = CS_CHANNEL_PAPER };
            struct cs_idea_new in = {
                .consultation_id = atoll(argv[3]),
                .theme_id = atoll(argv[4]), .kind = CS_KIND_IDEA,
                .body = body, .channel = CS_CHANNEL_PAPER, .form_ref = ref,
                .submitted_at = "2021-03-20", .author = &who };
            int64_t id;

            snprintf(ref, sizeof ref, "%s-%ld", argv[6], i);
            snprintf(name, sizeof name, "%s person %ld", argv[6], i);
            snprintf(body, sizeof body, "Idée %ld de la liasse %s.", i,
                     argv[6]);
            if (cs_idea_add(db, &in, &id, &err) != CS_OK)
                rc = failed("form save", &err);
        }
    } else {
        fprintf(stderr, "relops: unknown operation %s\n", argv[1]);
        rc = 2;
    }
    cs_db_close(db);
    if (rc == 0)
        puts("done");
    return rc;
}
