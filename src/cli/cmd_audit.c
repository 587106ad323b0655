/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_audit.c: `consult audit list|verify|anchor`: read the journal of
 * every write, check it against the data, and write its head where the
 * user keeps it.
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

static void
print_finding(const struct cs_audit_finding *f, void *arg)
{
    (void)arg;
    printf("%s\n", f->text);
}

/* What the check proved, and what it could not. */
static void
print_keying(const struct cs_audit_report *r)
{
    switch (r->keying) {
    case CS_AUDIT_KEYED:
        printf(ngettext("Keyed from row %lld with the key %s: the journal "
                        "and %lld row of data are proven.\n",
                        "Keyed from row %lld with the key %s: the journal "
                        "and %lld rows of data are proven.\n",
                        (unsigned long)r->data_rows),
               (long long)r->keyed_from, r->key_path,
               (long long)r->data_rows);
        break;
    case CS_AUDIT_KEY_MISSING:
        printf(_("not keyed: the key file %s cannot be used (%s). The "
                 "journal is keyed from row %lld: the hashes of its %lld "
                 "keyed rows and the contents of the data are not proven; "
                 "the links of the chain, the rows that appeared or went, "
                 "the triggers and the counts were checked. Run the check "
                 "with the key to prove the rest.\n"),
               r->key_path, r->key_note, (long long)r->keyed_from,
               (long long)r->unchecked);
        break;
    default:
        printf(ngettext("not keyed: the journal has no key (%s: %s). "
                        "Anyone who can write the database could rewrite "
                        "the journal and its hashes consistently: the check "
                        "shows that the journal, its triggers and %lld row "
                        "of data agree, not that no one rewrote them all.\n",
                        "not keyed: the journal has no key (%s: %s). "
                        "Anyone who can write the database could rewrite "
                        "the journal and its hashes consistently: the check "
                        "shows that the journal, its triggers and %lld rows "
                        "of data agree, not that no one rewrote them all.\n",
                        (unsigned long)r->data_rows),
               r->key_path, r->key_note, (long long)r->data_rows);
        break;
    }
}

static int
audit_verify(struct cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "anchor", required_argument, NULL, 'a' },
        { NULL, 0, NULL, 0 },
    };
    struct cs_audit_report r;
    struct cs_audit_head anchor;
    const char *anchor_path = NULL;
    struct cs_db *db = NULL;
    struct cs_error err;
    enum cs_rc rc;
    int o, x;

    while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (o) {
        case 'a': anchor_path = optarg; break;
        default:  return cli_bad_option(CMD, o, argv);
        }
    }
    if (optind != argc)
        return cli_operands(CMD, argc - optind, 0);
    cs_error_clear(&err);
    if (anchor_path != NULL
        && (rc = cs_audit_anchor_read(anchor_path, &anchor, &err)) != CS_OK)
        return cli_fail(&err, rc);
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    rc = cs_audit_check(db, anchor_path ? &anchor : NULL, &r, print_finding,
                        NULL, &err);
    if (rc == CS_OK) {
        printf(_("Audit log intact: %lld rows, head %s\n"), (long long)r.rows,
               r.head.hash);
        if (anchor_path != NULL)
            printf(_("The anchor's row %lld is in the journal, with the "
                     "anchor's hash.\n"), (long long)anchor.id);
    }
    /* What a keyed check proved is said when it found nothing; what an
     * unkeyed one could not prove is said in any case. */
    if (rc == CS_OK || (rc == CS_ECONFLICT && r.keying != CS_AUDIT_KEYED))
        print_keying(&r);
    if (rc != CS_OK)
        x = cli_fail(&err, rc);
    cs_db_close(db);
    return x;
}

static int
audit_anchor(struct cli_global *g, int argc, char **argv)
{
    struct cs_audit_head h;
    struct cs_db *db = NULL;
    struct cs_error err;
    enum cs_rc rc;
    int x;

    if ((x = cli_args(CMD, argc, argv, 1)) != 0)
        return x;
    if ((x = cli_open(g, false, &db)) != 0)
        return x;
    cs_error_clear(&err);
    if ((rc = cs_audit_anchor_write(db, argv[optind], &h, &err)) != CS_OK)
        x = cli_fail(&err, rc);
    else
        printf(_("Anchor written to %s: row %lld, hash %s\n"), argv[optind],
               (long long)h.id, h.hash);
    cs_db_close(db);
    return x;
}

int
cmd_audit(struct cli_global *g, int argc, char **argv)
{
    static const struct cli_sub subs[] = {
        { "list", audit_list },
        { "verify", audit_verify },
        { "anchor", audit_anchor },
        { NULL, NULL },
    };

    return cli_dispatch(g, argc, argv, subs);
}
