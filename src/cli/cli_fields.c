/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cli_fields.c: the command line options that set a record's fields come
 * from the records' tables (record.h), as do the shell completion's
 * (consult --list-fields).
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

bool
cli_field_options(enum cs_record_kind kind, struct option *opts, size_t *n,
                  size_t cap)
{
    const struct cs_field *f;
    size_t nf;

    f = cs_record_fields(kind, &nf);
    for (size_t i = 0; i < nf; i++) {
        if (f[i].option == NULL)
            continue;
        if (*n + 1 >= cap)
            return false;
        opts[*n].name = f[i].option;
        opts[*n].has_arg = (f[i].flags & CS_FIELD_FLAG) ? no_argument
                                                        : required_argument;
        opts[*n].flag = NULL;
        opts[*n].val = CLI_FIELD_BASE + (int)f[i].id;
        (*n)++;
    }
    memset(&opts[*n], 0, sizeof opts[*n]);
    return true;
}

bool
cli_field_take(int o, const char *arg, const char **v)
{
    if (o < CLI_FIELD_BASE || o >= CLI_FIELD_BASE + CS_F_COUNT_ALL)
        return false;
    v[o - CLI_FIELD_BASE] = arg ? arg : "yes";
    return true;
}

static void
flags_text(unsigned flags, char *buf, size_t n)
{
    static const struct { unsigned bit; const char *name; } names[] = {
        { CS_FIELD_REQUIRED, "required" }, { CS_FIELD_EXTRA, "extra" },
        { CS_FIELD_IDEA_REF, "idea-ref" }, { CS_FIELD_PERSON, "person" },
        { CS_FIELD_NO_FILE, "no-file" }, { CS_FIELD_FLAG, "flag" },
    };
    size_t o = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if ((flags & names[i].bit) && o < n)
            o += (size_t)snprintf(buf + o, n - o, "%s%s", o ? "," : "",
                                  names[i].name);
    if (o == 0)
        snprintf(buf, n, "-");
}

static const char *const type_names[] = {
    [CS_VALUE_TEXT] = "text", [CS_VALUE_CODE] = "code",
    [CS_VALUE_DATE] = "date", [CS_VALUE_BOOL] = "bool",
    [CS_VALUE_COUNT] = "count", [CS_VALUE_ID] = "id",
    [CS_VALUE_EMAIL] = "email", [CS_VALUE_KIND] = "kind",
    [CS_VALUE_CHANNEL] = "channel", [CS_VALUE_STATUS] = "status",
    [CS_VALUE_TAGS] = "tags", [CS_VALUE_IMPORT_KIND] = "import-kind",
    [CS_VALUE_PATH] = "path", [CS_VALUE_PLATFORM] = "platform",
};

int
cli_list_fields(const char *kind)
{
    enum cs_record_kind only = CS_RECORD_KIND_COUNT;
    struct cs_error err;
    char flags[96];

    cs_error_clear(&err);
    if (kind != NULL && cs_record_kind_parse(kind, &only, &err) != CS_OK)
        return cli_usage_error(NULL, "%s", err.msg);
    for (int k = 0; k < CS_RECORD_KIND_COUNT; k++) {
        const struct cs_field *f;
        size_t n;

        if (only != CS_RECORD_KIND_COUNT && (int)only != k)
            continue;
        f = cs_record_fields((enum cs_record_kind)k, &n);
        for (size_t i = 0; i < n; i++) {
            flags_text(f[i].flags, flags, sizeof flags);
            printf("%s\t%s\t%s\t%s\t%s\t%s\n",
                   cs_record_kind_name((enum cs_record_kind)k), f[i].name,
                   f[i].option ? f[i].option : "-", flags,
                   type_names[f[i].type], f[i].aliases);
        }
    }
    return EXIT_OK;
}
