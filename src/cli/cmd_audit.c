/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_audit.c: `consult audit list|verify`: read the journal of every
 * write, and check its hash chain.
 */
#include "cli.h"

#include <getopt.h>
#include <inttypes.h>
#include <string.h>

#define CMD "audit"

struct print_arg {
    bool json;      /* print before/after too */
    long rows;      /* rows printed */
};

static int
print_entry(const struct cs_audit_entry *e, void *arg)
{
    struct print_arg *p = arg;

    cli_print_audit(stdout, e, p->json);
    p->rows++;
    return 0;
}

static int
audit_list(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "since", required_argument, NULL, 's' },
        { "actor", required_argument, NULL, 'a' },
        { "idea", required_argument, NULL, 'i' },
        { "json", no_argument, NULL, 'j' },
        { NULL, 0, NULL, 0 },
    };
    struct cs_audit_filter f = { NULL, NULL, 0 };
    struct print_arg p = { false, 0 };
    struct cs_db *db = NULL;
    struct cs_error err;
    enum cs_rc rc;
    int o, x;

    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (o) {
        case 's': f.since = optarg; break;
        case 'a': f.actor = optarg; break;
        case 'i':
            if (!cli_parse_id(CMD, optarg, &f.idea_id))
                return EXIT_USAGE;
            break;
        case 'j': p.json = true; break;
        default:  return cli_bad_option(CMD, o, argv);
        }
    }
    if (optind != argc)
        return cli_operands(CMD, argc - optind, 0);
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((rc = cs_audit_list(db, &f, print_entry, &p, &err)) != CS_OK)
        x = cli_fail(&err, rc);
    else if (p.rows == 0)
        fputs(_("No audit rows match.\n"), stderr);
    cs_db_close(db);
    return x;
}

static int
audit_verify(struct cli_global *g, int argc, char **argv)
{
    struct cs_db *db = NULL;
    struct cs_error err;
    char head[CS_HASH_HEX];
    int64_t rows = 0, bad = 0;
    enum cs_rc rc;
    int x;

    if ((x = cli_args(CMD, argc, argv, 0)) != 0)
        return x;
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((rc = cs_audit_verify(db, &rows, &bad, head, &err)) != CS_OK)
        x = cli_fail(&err, rc);
    else
        printf(_("Audit log intact: %lld rows, head %s\n"), (long long)rows,
               head);
    cs_db_close(db);
    return x;
}

int
cmd_audit(struct cli_global *g, int argc, char **argv)
{
    static const struct cli_sub subs[] = {
        { "list", audit_list },
        { "verify", audit_verify },
        { NULL, NULL },
    };

    return cli_dispatch(g, argc, argv, subs);
}
