/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_retention.c: `consult retention run [--dry-run]`: anonymise the
 * participants whose contributions all belong to consultations past their
 * retention (retention.h), or with --dry-run say who would be.
 */
#include "cli.h"

#include <getopt.h>
#include <inttypes.h>
#include <string.h>

#define CMD "retention"

static int
retention_run(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "dry-run", no_argument, NULL, 'n' },
        { NULL, 0, NULL, 0 },
    };
    struct cs_retention_report r;
    struct cs_db *db = NULL;
    struct cs_error err;
    bool dry = false;
    enum cs_rc rc;
    int o, x;

    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        if (o == 'n')
            dry = true;
        else
            return cli_bad_option(CMD, o, argv);
    }
    if (argc - optind != 0)
        return cli_operands(CMD, argc - optind, 0);
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    memset(&r, 0, sizeof r);
    if ((rc = cs_retention_run(db, dry, &r, &err)) != CS_OK) {
        x = cli_fail(&err, rc);
        goto out;
    }
    /* Who, by number, name and service as they are before it. */
    for (size_t i = 0; i < r.count; i++) {
        const struct cs_retention_person *p = &r.people[i];

        printf("%" PRId64 "\t", p->id);
        cli_put_text(stdout, p->name ? p->name : p->ref ? p->ref : "-");
        fputc('\t', stdout);
        cli_put_text(stdout, p->service ? p->service : "-");
        fputc('\n', stdout);
    }
    if (dry)
        printf(ngettext("Dry run: %zu participant would be anonymised",
                        "Dry run: %zu participants would be anonymised",
                        (unsigned long)r.count), r.count);
    else
        printf(ngettext("%zu participant anonymised",
                        "%zu participants anonymised",
                        (unsigned long)r.count), r.count);
    printf(_(" (their %" PRId64 " ideas, %" PRId64 " votes, %" PRId64
             " comments and %" PRId64 " answers logged are kept, without "
             "their names).\n"),
           r.ideas, r.votes, r.comments, r.answers_logged);
    cs_retention_report_clear(&r);
out:
    cs_db_close(db);
    return x;
}

int
cmd_retention(struct cli_global *g, int argc, char **argv)
{
    static const struct cli_sub subs[] = {
        { "run", retention_run },
        { NULL, NULL },
    };

    return cli_dispatch(g, argc, argv, subs);
}
