/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * import_map.c: the fields of each kind of file and the column names that
 * feed them.
 *
 * A header cell is compared through a key (value_header_key) that ignores
 * case, accents, blanks and punctuation, so "N° formulaire", "n_formulaire"
 * and "No Formulaire" are one name. Each field of each kind has its
 * canonical English name (the templates' header) and aliases in French and
 * English; the same word may feed different fields in different kinds
 * ("date" is when an idea was submitted, a vote cast or a tally counted).
 * --map FIELD=HEADER comes first and overrides all of this. The fields
 * and their aliases are the records' (record.c); consult-csv(5) lists
 * them, which a test checks.
 */
#include "import_shared.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "i18n.h"

/* The two columns a reject file adds (see import.c): read back, they are
 * neither data nor unknown. */
static const char reject_columns[] =
    "import line|import error|ligne import|erreur import";

static const struct cs_field *
kind_fields(enum cs_import_kind kind, size_t *n)
{
    if ((unsigned)kind >= CS_IMPORT_KIND_COUNT)
        kind = CS_IMPORT_IDEAS;
    return cs_record_fields((enum cs_record_kind)kind, n);
}

const char *const *
cs_import_fields(enum cs_import_kind kind, size_t *n)
{
    static const char *lists[CS_IMPORT_KIND_COUNT][CS_F_COUNT_ALL];
    static size_t counts[CS_IMPORT_KIND_COUNT];
    const struct cs_field *defs;
    size_t nd, k = (unsigned)kind < CS_IMPORT_KIND_COUNT ? kind : 0;

    /* Built on first use from the tables above; the same every time, so
     * a second thread building it too writes the same values. */
    if (counts[k] == 0) {
        defs = kind_fields((enum cs_import_kind)k, &nd);
        for (size_t i = 0; i < nd; i++)
            if (!(defs[i].flags & CS_FIELD_EXTRA))
                lists[k][counts[k]++] = defs[i].name;
    }
    *n = counts[k];
    return lists[k];
}

/* ---------------------------------------------------------------- keys */


/* The field of `kind` named `name` (canonical name, compared by key). */
static const struct cs_field *
field_by_name(enum cs_import_kind kind, const char *name)
{
    return cs_record_field((enum cs_record_kind)kind, name);
}

/*
 * The keys field `f` is read from: its name's and its aliases', '|'
 * separated (the aliases are written as people write them). Caller
 * frees; NULL when out of memory.
 */
static char *
field_keys(const struct cs_field *f)
{
    char *out = value_header_key(f->name), *grown, *copy, *p, *bar, *k;
    size_t len;

    if (out == NULL || (copy = strdup(f->aliases)) == NULL) {
        free(out);
        return NULL;
    }
    len = strlen(out);
    for (p = copy; *p; p = bar + 1) {
        if ((bar = strchr(p, '|')) != NULL)
            *bar = '\0';
        if ((k = value_header_key(p)) == NULL
            || (grown = realloc(out, len + strlen(k) + 2)) == NULL) {
            free(k);
            free(out);
            out = NULL;
            break;
        }
        out = grown;
        out[len++] = '|';
        memcpy(out + len, k, strlen(k) + 1);
        len += strlen(k);
        free(k);
        if (bar == NULL)
            break;
    }
    free(copy);
    return out;
}

void
imp_columns_clear(struct imp_columns *c)
{
    for (size_t i = 0; c->names && i < c->ncols; i++)
        free(c->names[i]);
    free(c->names);
    for (size_t i = 0; i < c->unknown_count; i++)
        free(c->unknown[i]);
    free(c->unknown);
    memset(c, 0, sizeof *c);
}

/* The fields a user may name in --map, for a message. */
static void
field_list(enum cs_import_kind kind, char *buf, size_t n)
{
    const struct cs_field *defs;
    size_t nd, o = 0;

    defs = kind_fields(kind, &nd);
    buf[0] = '\0';
    for (size_t i = 0; i < nd && o < n; i++)
        o += (size_t)snprintf(buf + o, n - o, "%s%s", i ? ", " : "",
                              defs[i].name);
}

static enum cs_rc
add_unknown(struct imp_columns *c, const char *name, size_t index)
{
    char num[32], **grown;
    char *copy;

    if (name == NULL || name[0] == '\0') {
        /* A header cell left empty (pandas' index column): say where. */
        snprintf(num, sizeof num, "#%zu", index + 1);
        name = num;
    }
    if ((copy = strdup(name)) == NULL)
        return CS_ENOMEM;
    grown = realloc(c->unknown, (c->unknown_count + 1) * sizeof *grown);
    if (grown == NULL) {
        free(copy);
        return CS_ENOMEM;
    }
    c->unknown = grown;
    c->unknown[c->unknown_count++] = copy;
    return CS_OK;
}

/* What a required field's message calls it: its name and first aliases. */
/* `also` names the other headers that would do (TRANSLATORS: keep the
 * French and English header words of those hints as they are; translate
 * "or"). */
static enum cs_rc
missing(struct cs_error *err, const char *field, const char *also)
{
    return cs_error_field(err, CS_EINVAL, field,
        _("The file has no \"%s\" column (%s): name the column that holds "
          "it with --map %s=HEADER."), field, also, field);
}

/* imp_columns_match without the check that the columns the kind needs
 * are there. */
static enum cs_rc
columns_match(enum cs_import_kind kind, const char *const *names,
              size_t n, const struct cs_import_map *map, size_t nmap,
              struct imp_columns *out, struct cs_error *err)
{
    const struct cs_field *defs;
    char **keys = NULL, **fkeys = NULL;
    bool *taken = NULL, claimed[CS_F_COUNT_ALL] = { false };
    bool no_column[CS_F_COUNT_ALL] = { false };
    struct imp_columns c;
    enum cs_rc rc = CS_OK;
    size_t nd;

    memset(&c, 0, sizeof c);
    for (int f = 0; f < CS_F_COUNT_ALL; f++)
        c.col[f] = -1;
    c.ncols = n;
    defs = kind_fields(kind, &nd);
    keys = calloc(n ? n : 1, sizeof *keys);
    fkeys = calloc(nd ? nd : 1, sizeof *fkeys);
    if (fkeys == NULL)
        goto nomem;
    for (size_t d = 0; d < nd; d++)
        if ((fkeys[d] = field_keys(&defs[d])) == NULL)
            goto nomem;
    taken = calloc(n ? n : 1, sizeof *taken);
    c.names = calloc(n ? n : 1, sizeof *c.names);
    if (keys == NULL || taken == NULL || c.names == NULL)
        goto nomem;
    for (size_t i = 0; i < n; i++)
        if ((keys[i] = value_header_key(names[i])) == NULL
            || (c.names[i] = strdup(names[i])) == NULL)
            goto nomem;

    /* --map first: it says exactly which column feeds which field. */
    for (size_t m = 0; m < nmap; m++) {
        const struct cs_field *fd = field_by_name(kind, map[m].field);
        char *hkey, list[400];
        bool found = false;

        if (fd == NULL) {
            field_list(kind, list, sizeof list);
            rc = cs_error_field(err, CS_EINVAL, "map",
                _("--map: \"%s\" is not a field of a %s file; the fields "
                  "are: %s."), map[m].field ? map[m].field : "",
                cs_import_kind_name(kind), list);
            goto out;
        }
        claimed[fd->id] = true;
        if (map[m].header == NULL || map[m].header[0] == '\0') {
            no_column[fd->id] = true;    /* "no column for this field" */
            continue;
        }
        if ((hkey = value_header_key(map[m].header)) == NULL)
            goto nomem;
        for (size_t i = 0; i < n && !found; i++) {
            if (!taken[i] && strcmp(keys[i], hkey) == 0) {
                c.col[fd->id] = (int)i;
                taken[i] = found = true;
            }
        }
        free(hkey);
        if (!found) {
            rc = cs_error_field(err, CS_EINVAL, "map",
                _("--map %s=%s: the file has no column \"%s\"."),
                fd->name, map[m].header, map[m].header);
            goto out;
        }
    }

    /* Then a column named exactly as a field is (its canonical name, as
     * consult's own exports write it) feeds that field, even after a
     * column matching one of its aliases: a comments export's
     * "comment_id" (an alias of the comment's reference) does not take
     * the place of its "form_ref". */
    for (size_t i = 0; i < n; i++) {
        for (size_t d = 0; d < nd && !taken[i]; d++) {
            char *nkey;
            bool same;

            if (claimed[defs[d].id])
                continue;
            if ((nkey = value_header_key(defs[d].name)) == NULL)
                goto nomem;
            same = strcmp(nkey, keys[i]) == 0;
            free(nkey);
            if (!same)
                continue;
            c.col[defs[d].id] = (int)i;
            claimed[defs[d].id] = true;
            taken[i] = true;
        }
    }

    /* Then the names and aliases, column by column, the first column for
     * a field winning. */
    for (size_t i = 0; i < n; i++) {
        bool used = taken[i], ignored = false;

        for (size_t d = 0; d < nd && !used; d++) {
            if (!value_in_list(fkeys[d], keys[i]))
                continue;
            used = true;        /* known, even if it loses to another */
            ignored = no_column[defs[d].id];
            if (claimed[defs[d].id])
                continue;
            c.col[defs[d].id] = (int)i;
            claimed[defs[d].id] = true;
            taken[i] = true;
        }
        if (ignored)
            continue;           /* as --map FIELD= asked */
        if (used && !taken[i]) {
            /* A second column for a field already fed: nothing reads it. */
            if (add_unknown(&c, names[i], i) != CS_OK)
                goto nomem;
            continue;
        }
        if (!used && !value_in_list(reject_columns, keys[i])
            && add_unknown(&c, names[i], i) != CS_OK)
            goto nomem;
    }

    goto out;

nomem:
    rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
out:
    for (size_t i = 0; keys && i < n; i++)
        free(keys[i]);
    free(keys);
    for (size_t d = 0; fkeys && d < nd; d++)
        free(fkeys[d]);
    free(fkeys);
    free(taken);
    if (rc != CS_OK) {
        imp_columns_clear(&c);
        return rc;
    }
    *out = c;
    return CS_OK;
}

/* What must be there before any row is read. */
static enum cs_rc
check_needed(enum cs_import_kind kind, const struct imp_columns *c,
             bool has_consultation, bool has_theme, struct cs_error *err)
{
    const struct cs_field *defs;
    size_t nd;

    defs = kind_fields(kind, &nd);
    for (size_t d = 0; d < nd; d++)
        if ((defs[d].flags & CS_FIELD_REQUIRED) && c->col[defs[d].id] < 0)
            return missing(err, defs[d].name,
                           defs[d].id == CS_F_BODY ? _("texte, proposition, "
                                                 "description...")
                           : defs[d].id == CS_F_COUNT
                           ? _("nombre, voix, total...")
                           : _("atelier, urne, lieu..."));
    if (kind == CS_IMPORT_IDEAS && !has_theme && c->col[CS_F_THEME] < 0)
        return missing(err, "theme", _("thème, ambition, axe... or --theme"));
    if (kind == CS_IMPORT_IDEAS && !has_consultation
        && c->col[CS_F_CONSULTATION] < 0)
        return missing(err, "consultation", _("or --consultation"));
    if ((kind == CS_IMPORT_VOTES || kind == CS_IMPORT_TALLIES
         || kind == CS_IMPORT_COMMENTS)
        && c->col[CS_F_IDEA_ID] < 0 && c->col[CS_F_IDEA_FORM_REF] < 0)
        return missing(err, "idea_id", _("or idea_form_ref, n° formulaire"));
    if ((kind == CS_IMPORT_VOTES || kind == CS_IMPORT_TALLIES
         || kind == CS_IMPORT_COMMENTS)
        && c->col[CS_F_IDEA_ID] < 0 && !has_consultation
        && c->col[CS_F_CONSULTATION] < 0)
        /* A form reference names an idea within a consultation only. */
        return missing(err, "consultation", _("or --consultation"));
    if (kind == CS_IMPORT_VOTES && c->col[CS_F_PARTICIPANT_REF] < 0
        && c->col[CS_F_PARTICIPANT_NAME] < 0)
        return missing(err, "participant_ref", _("or participant_name, "
                       "matricule, nom"));
    if (kind == CS_IMPORT_PARTICIPANTS && c->col[CS_F_REF] < 0
        && c->col[CS_F_NAME] < 0)
        return missing(err, "ref", _("or name, matricule, nom"));
    return CS_OK;
}

enum cs_rc
imp_columns_match(enum cs_import_kind kind, const char *const *names,
                  size_t n, const struct cs_import_map *map, size_t nmap,
                  bool has_consultation, bool has_theme,
                  struct imp_columns *out, struct cs_error *err)
{
    struct imp_columns c;
    enum cs_rc rc;

    if ((rc = columns_match(kind, names, n, map, nmap, &c, err)) != CS_OK)
        return rc;
    if ((rc = check_needed(kind, &c, has_consultation, has_theme, err))
        != CS_OK) {
        imp_columns_clear(&c);
        return rc;
    }
    *out = c;
    return CS_OK;
}

enum cs_rc
cs_import_columns(enum cs_import_kind kind, const char *const *headers,
                  size_t n, const struct cs_import_map *map, size_t nmap,
                  bool has_consultation, bool has_theme, const char **fields,
                  struct cs_error *err)
{
    const struct cs_field *defs;
    struct imp_columns c;
    size_t nd;
    enum cs_rc rc;

    for (size_t i = 0; i < n; i++)
        fields[i] = NULL;
    if ((unsigned)kind >= CS_IMPORT_KIND_COUNT)
        return cs_error_set(err, CS_EINVAL, "%s", _("Unknown kind."));
    if ((rc = columns_match(kind, headers, n, map, nmap, &c, err)) != CS_OK)
        return rc;
    defs = kind_fields(kind, &nd);
    for (size_t d = 0; d < nd; d++) {
        int col = c.col[defs[d].id];

        if (col >= 0 && (size_t)col < n)
            fields[col] = defs[d].name;
    }
    rc = check_needed(kind, &c, has_consultation, has_theme, err);
    imp_columns_clear(&c);
    return rc;
}

/* How many of the `n` header cells feed a field of `kind` (or are a
 * reject file's own columns), when the header holds every column `kind`
 * needs; -1 when it does not. */
static long
columns_fed(enum cs_import_kind kind, const char *const *names, size_t n)
{
    struct imp_columns c;
    long fed;

    if (imp_columns_match(kind, names, n, NULL, 0, true, true, &c, NULL)
        != CS_OK)
        return -1;
    fed = (long)n - (long)c.unknown_count;
    imp_columns_clear(&c);
    return fed;
}

enum cs_import_kind
imp_columns_guess(enum cs_import_kind kind, const char *const *names,
                  size_t n, long fed)
{
    enum cs_import_kind best = CS_IMPORT_KIND_COUNT;
    long best_fed = fed;

    for (int k = 0; k < CS_IMPORT_KIND_COUNT; k++) {
        long f;

        if (k == (int)kind)
            continue;
        if ((f = columns_fed((enum cs_import_kind)k, names, n)) > best_fed) {
            best = (enum cs_import_kind)k;
            best_fed = f;
        }
    }
    return best;
}
