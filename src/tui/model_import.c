/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_import.c: the import screen's model (see model_import.h).
 */
#include "model_import.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model_keys.h"
#include "text.h"

/* ---------------------------------------------------------------- browser */

static int
entry_cmp(const void *a, const void *b)
{
    const struct model_import_entry *x = a, *y = b;

    if (strcmp(x->name, "..") == 0)
        return -1;
    if (strcmp(y->name, "..") == 0)
        return 1;
    if (x->dir != y->dir)
        return x->dir ? -1 : 1;
    return strcoll(x->name, y->name);
}

/* Read directory `dir` into the browser (".." first unless at "/"). */
static enum cs_rc
read_dir(struct model_import *m, const char *dir, struct cs_error *err)
{
    struct model_import_entry *list = NULL, *grown;
    size_t n = 0, cap = 0;
    struct dirent *d;
    DIR *dp;

    if ((dp = opendir(dir)) == NULL)
        return cs_error_set(err, CS_EIO, _("Cannot read the directory %s: "
                                           "%s."), dir, strerror(errno));
    while ((d = readdir(dp)) != NULL) {
        char full[2048];
        struct stat sb;

        if (strcmp(d->d_name, ".") == 0)
            continue;
        if (strcmp(d->d_name, "..") == 0 && strcmp(dir, "/") == 0)
            continue;
        if (d->d_name[0] == '.' && strcmp(d->d_name, "..") != 0)
            continue;           /* hidden files stay hidden */
        snprintf(full, sizeof full, "%s/%s", dir, d->d_name);
        if (stat(full, &sb) != 0)
            continue;
        if (!S_ISDIR(sb.st_mode) && !S_ISREG(sb.st_mode))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            if ((grown = realloc(list, cap * sizeof *list)) == NULL) {
                free(list);
                closedir(dp);
                return cs_error_set(err, CS_ENOMEM, "%s",
                                    _("Out of memory."));
            }
            list = grown;
        }
        snprintf(list[n].name, sizeof list[n].name, "%s", d->d_name);
        list[n].dir = S_ISDIR(sb.st_mode);
        n++;
    }
    closedir(dp);
    if (n > 1)
        qsort(list, n, sizeof *list, entry_cmp);
    free(m->entries);
    m->entries = list;
    m->nentries = n;
    m->sel = m->top = 0;
    if (dir != m->dir)
        snprintf(m->dir, sizeof m->dir, "%s", dir);
    return CS_OK;
}

enum cs_rc
model_import_init(struct model_import *m, struct cs_db *db,
                  const char *cons, const char *dir, int width,
                  struct cs_error *err)
{
    char cwd[1024];

    memset(m, 0, sizeof *m);
    m->db = db;
    m->width = width;
    m->kind = CS_IMPORT_IDEAS;
    m->channel = -1;
    cs_import_report_init(&m->rep);
    if (cons && cons[0]
        && cs_consultation_lookup(db, cons, &m->cons_id, NULL) == CS_OK)
        snprintf(m->cons, sizeof m->cons, "%s", cons);
    if (dir == NULL)
        dir = getcwd(cwd, sizeof cwd) ? cwd : ".";
    return read_dir(m, dir, err);
}

static void
file_clear(struct model_import *m)
{
    for (size_t i = 0; m->headers && i < m->ncols; i++)
        free(m->headers[i]);
    for (size_t i = 0; m->cells && i < m->ncols * m->nrows; i++)
        free(m->cells[i]);
    free(m->headers);
    free(m->cells);
    free(m->fields);
    free(m->chosen);
    m->headers = m->cells = NULL;
    m->fields = NULL;
    m->chosen = NULL;
    m->ncols = m->nrows = 0;
}

static void
result_clear(struct model_import *m)
{
    free(m->refused);
    m->refused = NULL;
    m->nrefused = m->rsel = m->rtop = 0;
    cs_import_report_clear(&m->rep);
    cs_import_report_init(&m->rep);
    m->ran = false;
}

void
model_import_free(struct model_import *m)
{
    free(m->entries);
    m->entries = NULL;
    file_clear(m);
    result_clear(m);
    cs_import_report_clear(&m->rep);
}

void
model_import_apply(struct model_import *m, enum tui_action a, int page)
{
    size_t count;

    switch (m->view) {
    case IMPORT_VIEW_BROWSE:
        model_list_move(&m->sel, &m->top, m->nentries, page, a);
        return;
    case IMPORT_VIEW_RESULT:
        model_list_move(&m->rsel, &m->rtop, m->nrefused, page, a);
        return;
    case IMPORT_VIEW_FILE:
        count = IMPORT_LINE_COLUMNS + m->ncols + m->rep.nmissing_themes;
        model_list_move(&m->line, &m->ftop, count, page, a);
        return;
    }
}

enum cs_rc
model_import_enter(struct model_import *m, struct cs_error *err)
{
    const struct model_import_entry *e;
    char path[2048];

    if (m->view != IMPORT_VIEW_BROWSE || m->sel >= m->nentries)
        return CS_OK;
    e = &m->entries[m->sel];
    if (strcmp(e->name, "..") == 0)
        return model_import_parent(m, err) ? CS_OK : CS_OK;
    if (strcmp(m->dir, "/") == 0)
        snprintf(path, sizeof path, "/%s", e->name);
    else
        snprintf(path, sizeof path, "%s/%s", m->dir, e->name);
    if (e->dir)
        return read_dir(m, path, err);
    return model_import_load(m, path, err);
}

bool
model_import_parent(struct model_import *m, struct cs_error *err)
{
    char up[1024], *slash, was[256];

    switch (m->view) {
    case IMPORT_VIEW_RESULT:
        m->view = IMPORT_VIEW_FILE;
        return true;
    case IMPORT_VIEW_FILE:
        m->view = IMPORT_VIEW_BROWSE;
        return true;
    case IMPORT_VIEW_BROWSE:
        break;
    }
    if (strcmp(m->dir, "/") == 0)
        return false;
    snprintf(up, sizeof up, "%s", m->dir);
    slash = strrchr(up, '/');
    if (slash == NULL)
        return false;
    snprintf(was, sizeof was, "%s", slash + 1);
    if (slash == up)
        up[1] = '\0';
    else
        *slash = '\0';
    if (read_dir(m, up, err) != CS_OK)
        return false;
    /* The directory come from is selected. */
    for (size_t i = 0; i < m->nentries; i++)
        if (strcmp(m->entries[i].name, was) == 0)
            m->sel = i;
    return true;
}

/* ---------------------------------------------------------------- the file */

/* The import mapping the user's changes make (`map`, of ncols at most):
 * a column given a field reads it; a column set aside that the importer
 * would have read leaves its field without a column. */
static size_t
build_map(const struct model_import *m, struct cs_import_map *map,
          const char *const *found)
{
    const char *const *names;
    size_t n = 0, nf;

    names = cs_import_fields(m->kind, &nf);
    for (size_t c = 0; c < m->ncols; c++) {
        if (m->chosen[c] >= 0 && (size_t)m->chosen[c] < nf) {
            map[n].field = names[m->chosen[c]];
            map[n++].header = m->headers[c];
        }
    }
    for (size_t c = 0; found && c < m->ncols; c++) {
        bool given = false;

        if (m->chosen[c] != -1 || found[c] == NULL)
            continue;
        for (size_t k = 0; k < n; k++)
            if (strcmp(map[k].field, found[c]) == 0)
                given = true;
        if (!given) {
            map[n].field = found[c];
            map[n++].header = "";
        }
    }
    return n;
}

/* Match the columns again: the importer's own matching, then the user's
 * changes as a mapping. */
static void
remap(struct model_import *m)
{
    struct cs_import_map *map;
    const char **found;
    struct cs_error err;
    size_t nmap;
    enum cs_rc rc;

    m->map_note[0] = '\0';
    if (m->ncols == 0)
        return;
    map = calloc(m->ncols * 2, sizeof *map);
    found = calloc(m->ncols, sizeof *found);
    if (map == NULL || found == NULL) {
        free(map);
        free(found);
        snprintf(m->map_note, sizeof m->map_note, "%s", _("Out of memory."));
        return;
    }
    cs_error_clear(&err);
    /* What the importer finds by itself, then with the changes. */
    cs_import_columns(m->kind, (const char *const *)m->headers, m->ncols,
                      NULL, 0, m->cons[0] != '\0', false, found, &err);
    nmap = build_map(m, map, found);
    cs_error_clear(&err);
    rc = cs_import_columns(m->kind, (const char *const *)m->headers,
                           m->ncols, map, nmap, m->cons[0] != '\0', false,
                           m->fields, &err);
    if (rc != CS_OK)
        snprintf(m->map_note, sizeof m->map_note, "%s", err.msg);
    free(map);
    free(found);
}

enum cs_rc
model_import_load(struct model_import *m, const char *path,
                  struct cs_error *err)
{
    struct cs_csv_reader *r = NULL;
    struct cs_csv_record rec;
    struct cs_csv_info info;
    enum cs_rc rc;

    file_clear(m);
    result_clear(m);
    if ((rc = cs_csv_reader_open(path, NULL, &r, err)) != CS_OK)
        return rc;
    rc = cs_csv_reader_next(r, &rec, err);
    if (rc == CS_ENOTFOUND) {
        rc = cs_error_set(err, CS_EINVAL, _("%s is empty."), path);
        goto out;
    }
    if (rc != CS_OK)
        goto out;
    m->ncols = rec.nfields;
    m->headers = calloc(m->ncols ? m->ncols : 1, sizeof *m->headers);
    m->cells = calloc((m->ncols ? m->ncols : 1) * MODEL_IMPORT_ROWS,
                      sizeof *m->cells);
    m->fields = calloc(m->ncols ? m->ncols : 1, sizeof *m->fields);
    m->chosen = calloc(m->ncols ? m->ncols : 1, sizeof *m->chosen);
    if (!m->headers || !m->cells || !m->fields || !m->chosen) {
        rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
        goto out;
    }
    for (size_t i = 0; i < m->ncols; i++) {
        m->headers[i] = strdup(rec.fields[i].s);
        m->chosen[i] = -2;
    }
    while (m->nrows < MODEL_IMPORT_ROWS
           && (rc = cs_csv_reader_next(r, &rec, err)) == CS_OK) {
        for (size_t i = 0; i < m->ncols; i++)
            m->cells[m->nrows * m->ncols + i] =
                strdup(i < rec.nfields ? rec.fields[i].s : "");
        m->nrows++;
    }
    if (rc == CS_ENOTFOUND || rc == CS_OK)
        rc = CS_OK;
    for (size_t i = 0; i < m->ncols; i++)
        if (m->headers[i] == NULL)
            rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    for (size_t i = 0; i < m->ncols * m->nrows; i++)
        if (m->cells[i] == NULL)
            rc = cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    cs_csv_reader_info(r, &info);
    m->encoding = info.encoding;
    m->delimiter = info.delimiter;
out:
    cs_csv_reader_close(r);
    if (rc != CS_OK) {
        file_clear(m);
        return rc;
    }
    snprintf(m->path, sizeof m->path, "%s", path);
    m->view = IMPORT_VIEW_FILE;
    m->line = m->ftop = 0;
    remap(m);
    return CS_OK;
}

/* A choice changed: the last run no longer says what would happen. */
static void
changed(struct model_import *m)
{
    result_clear(m);
    remap(m);
}

void
model_import_set_kind(struct model_import *m, enum cs_import_kind k)
{
    if ((unsigned)k >= CS_IMPORT_KIND_COUNT)
        return;
    m->kind = k;
    for (size_t i = 0; i < m->ncols; i++)
        m->chosen[i] = -2;      /* another kind has other fields */
    if (k != CS_IMPORT_IDEAS)
        m->batch = 0;
    changed(m);
}

enum cs_rc
model_import_set_cons(struct model_import *m, const char *code,
                      struct cs_error *err)
{
    int64_t id = 0;
    enum cs_rc rc;

    if (code && code[0]
        && (rc = cs_consultation_lookup(m->db, code, &id, err)) != CS_OK)
        return rc;
    snprintf(m->cons, sizeof m->cons, "%s", code ? code : "");
    m->cons_id = id;
    m->batch = 0;
    changed(m);
    return CS_OK;
}

void
model_import_set_channel(struct model_import *m, int channel)
{
    m->channel = channel >= 0 && channel < CS_CHANNEL_COUNT ? channel : -1;
    changed(m);
}

void
model_import_set_batch(struct model_import *m, int64_t batch)
{
    m->batch = batch > 0 ? batch : 0;
    changed(m);
}

void
model_import_map(struct model_import *m, size_t col, int field)
{
    size_t nf;

    cs_import_fields(m->kind, &nf);
    if (col >= m->ncols || field < -2 || (field >= 0 && (size_t)field >= nf))
        return;
    m->chosen[col] = field;
    changed(m);
}

int
model_import_column(const struct model_import *m)
{
    if (m->view != IMPORT_VIEW_FILE || m->line < IMPORT_LINE_COLUMNS
        || m->line >= IMPORT_LINE_COLUMNS + m->ncols)
        return -1;
    return (int)(m->line - IMPORT_LINE_COLUMNS);
}

int
model_import_missing(const struct model_import *m)
{
    size_t first = IMPORT_LINE_COLUMNS + m->ncols;

    if (m->view != IMPORT_VIEW_FILE || m->line < first
        || m->line >= first + m->rep.nmissing_themes)
        return -1;
    return (int)(m->line - first);
}

/* ---------------------------------------------------------------- menus */

void
model_import_kind_menu(const struct model_import *m, struct model_menu *mm)
{
    for (int k = 0; k < CS_IMPORT_KIND_COUNT; k++)
        model_menu_add(mm, cs_import_kind_name((enum cs_import_kind)k), k);
    model_menu_select_value(mm, m->kind);
}

void
model_import_channel_menu(const struct model_import *m,
                          struct model_menu *mm)
{
    model_menu_add(mm, _("(the default: paper)"), -1);
    for (int c = 0; c < CS_CHANNEL_COUNT; c++)
        model_menu_add(mm, cs_channel_label((enum cs_channel)c), c);
    model_menu_select_value(mm, m->channel);
}

enum cs_rc
model_import_batch_menu(const struct model_import *m, struct model_menu *mm,
                        struct cs_error *err)
{
    struct cs_batch_list *l = NULL;
    char label[200];
    enum cs_rc rc;

    model_menu_add(mm, _("(none)"), 0);
    if (m->cons_id == 0)
        return CS_OK;
    if ((rc = cs_batch_list(m->db, m->cons_id, &l, err)) != CS_OK)
        return rc;
    for (size_t i = 0; i < l->count; i++) {
        const struct cs_batch *b = &l->items[i];

        if (b->closed_at || b->double_entry)
            continue;           /* an import fills only an open batch */
        snprintf(label, sizeof label, _("%" PRId64 "  %s  (%" PRId64 " / %"
                 PRId64 " forms)"), b->id, b->label ? b->label : "",
                 b->keyed, b->expected);
        model_menu_add(mm, label, b->id);
    }
    cs_batch_list_free(l);
    model_menu_select_value(mm, m->batch);
    return CS_OK;
}

void
model_import_field_menu(const struct model_import *m, struct model_menu *mm)
{
    const char *const *names;
    int col = model_import_column(m);
    size_t nf;

    names = cs_import_fields(m->kind, &nf);
    model_menu_add(mm, _("(as found: the importer's own matching)"), -2);
    model_menu_add(mm, _("(not imported)"), -1);
    for (size_t i = 0; i < nf; i++)
        model_menu_add(mm, names[i], (int64_t)i);
    if (col >= 0)
        model_menu_select_value(mm, m->chosen[col]);
}

/* ---------------------------------------------------------------- running */

/* Read the reject file of the last run into the result view. */
static void
read_refused(struct model_import *m)
{
    struct cs_csv_reader *r = NULL;
    struct cs_csv_record rec;
    struct cs_error err;
    size_t cap = 0;
    bool header = true;

    free(m->refused);
    m->refused = NULL;
    m->nrefused = m->rsel = m->rtop = 0;
    if (m->rep.rejects_path == NULL
        || cs_csv_reader_open(m->rep.rejects_path, NULL, &r, &err) != CS_OK)
        return;
    while (cs_csv_reader_next(r, &rec, &err) == CS_OK) {
        struct model_import_refused *x, *grown;
        size_t n = 0;

        if (header) {
            header = false;
            continue;
        }
        if (m->nrefused == cap) {
            cap = cap ? cap * 2 : 32;
            if ((grown = realloc(m->refused, cap * sizeof *grown)) == NULL)
                break;
            m->refused = grown;
        }
        x = &m->refused[m->nrefused++];
        x->line = rec.nfields > 0 ? atol(rec.fields[0].s) : 0;
        snprintf(x->reason, sizeof x->reason, "%s",
                 rec.nfields > 1 ? rec.fields[1].s : "");
        x->row[0] = '\0';
        for (size_t i = 2; i < rec.nfields && n < sizeof x->row; i++)
            n += (size_t)snprintf(x->row + n, sizeof x->row - n, "%s%s",
                                  i > 2 ? " | " : "", rec.fields[i].s);
    }
    cs_csv_reader_close(r);
}

enum cs_rc
model_import_run(struct model_import *m, bool dry,
                 cs_import_progress_fn progress, void *ctx,
                 struct cs_error *err)
{
    struct cs_import_options o;
    struct cs_import_map *map = NULL;
    const char **found = NULL;
    struct cs_error e2;
    enum cs_rc rc;

    result_clear(m);
    if (m->view == IMPORT_VIEW_BROWSE || m->ncols == 0)
        return cs_error_set(err, CS_EINVAL, "%s",
                            _("Choose a file first (Enter)."));
    memset(&o, 0, sizeof o);
    map = calloc(m->ncols * 2, sizeof *map);
    found = calloc(m->ncols, sizeof *found);
    if (map == NULL || found == NULL) {
        free(map);
        free(found);
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    }
    cs_error_clear(&e2);
    cs_import_columns(m->kind, (const char *const *)m->headers, m->ncols,
                      NULL, 0, true, true, found, &e2);
    o.map = map;
    o.nmap = build_map(m, map, found);
    o.consultation = m->cons[0] ? m->cons : NULL;
    o.channel = m->channel >= 0 ? cs_channel_name((enum cs_channel)m->channel)
                                : NULL;
    o.paper_batch_id = m->kind == CS_IMPORT_IDEAS ? m->batch : 0;
    o.dry_run = dry;
    o.progress = progress;
    o.progress_ctx = ctx;
    rc = cs_import_file(m->db, m->kind, m->path, &o, &m->rep, err);
    free(map);
    free(found);
    m->ran = true;
    m->dry = dry;
    m->rc = rc;
    snprintf(m->rc_msg, sizeof m->rc_msg, "%s", rc == CS_OK ? "" : err->msg);
    read_refused(m);
    return rc;
}

enum cs_rc
model_import_create_theme(struct model_import *m, size_t i, char code[33],
                          struct cs_error *err)
{
    enum cs_rc rc;

    if (i >= m->rep.nmissing_themes)
        return cs_error_set(err, CS_ENOTFOUND, "%s",
                            _("No missing theme is selected."));
    if (m->cons_id == 0)
        return cs_error_set(err, CS_EINVAL, "%s",
                            _("Choose the consultation first."));
    if ((rc = cs_theme_add_titled(m->db, m->cons_id,
                                  m->rep.missing_themes[i].title, NULL, code,
                                  err)) != CS_OK)
        return rc;
    /* What the dry run says now. */
    rc = model_import_run(m, true, NULL, NULL, err);
    return rc == CS_OK || m->ran ? CS_OK : rc;
}

bool
model_import_show_result(struct model_import *m)
{
    if (!m->ran)
        return false;
    m->view = IMPORT_VIEW_RESULT;
    return true;
}

/* ---------------------------------------------------------------- text */

void
model_import_progress_text(const struct cs_import_progress *p,
                           double elapsed, int width, char *buf, size_t size)
{
    char line[TUI_ROW_BYTES], bar[64], left[64] = "";
    int pct = p->total > 0 ? (int)(p->bytes * 100 / p->total) : 0;
    int n = 20, full = pct * n / 100;

    if (pct > 100)
        pct = 100, full = n;
    for (int i = 0; i < n; i++)
        bar[i] = i < full ? '#' : '.';
    bar[n] = '\0';
    if (elapsed >= 2.0 && p->bytes > 0 && p->total > p->bytes) {
        double rest = elapsed * (double)(p->total - p->bytes)
                      / (double)p->bytes;

        snprintf(left, sizeof left, _(", about %.0f s left"), rest + 0.5);
    }
    /* The key first: a narrow terminal cuts the end, not the way out. */
    snprintf(line, sizeof line,
             _("(Esc stops)  Importing [%s] %3d %%  %ld rows read, %ld "
               "refused%s"), bar, pct, p->rows, p->rejected, left);
    tui_fit(buf, size, line, width, false);
}

void
model_import_summary(const struct model_import *m, char *buf, size_t size)
{
    const struct cs_import_report *r = &m->rep;

    if (!m->ran) {
        snprintf(buf, size, "%s", "");
    } else if (m->rc == CS_ECANCELED) {
        snprintf(buf, size, "%s", _("Import stopped: nothing of it was "
                                    "kept, the database is as it was."));
    } else if (m->rc != CS_OK) {
        snprintf(buf, size, "%s", m->rc_msg);
    } else if (r->previous_batch) {
        snprintf(buf, size, _("This file was imported already (batch %"
                              PRId64 "): nothing added."),
                 r->previous_batch);
    } else if (m->dry) {
        snprintf(buf, size, _("Dry run: %ld rows read: %ld would be "
                              "imported, %ld refused, %ld already there; "
                              "nothing was written."),
                 r->rows_read, r->imported, r->rejected, r->duplicates);
    } else {
        snprintf(buf, size, _("Imported (batch %" PRId64 "): %ld rows read: "
                              "%ld imported, %ld refused, %ld already "
                              "there."),
                 r->batch_id, r->rows_read, r->imported, r->rejected,
                 r->duplicates);
    }
}

void
model_import_header(const struct model_import *m, char *buf, size_t size)
{
    char line[TUI_ROW_BYTES * 2];
    const char *base = strrchr(m->path, '/');

    switch (m->view) {
    case IMPORT_VIEW_BROWSE:
        snprintf(line, sizeof line, _("Import  |  choose a file: %s"),
                 m->dir);
        break;
    case IMPORT_VIEW_FILE:
        snprintf(line, sizeof line, _("Import  |  %s  |  %s, \"%s\" "
                 "delimited  |  %zu columns"), base ? base + 1 : m->path,
                 cs_csv_encoding_name(m->encoding),
                 m->delimiter == '\t' ? "tab"
                 : m->delimiter == ';' ? ";" : ",", m->ncols);
        break;
    case IMPORT_VIEW_RESULT:
        snprintf(line, sizeof line, _("Import  |  %s  |  result, %zu rows "
                 "refused"), base ? base + 1 : m->path, m->nrefused);
        break;
    }
    tui_fit(buf, size, line, m->width, true);
}

static void
put(struct tui_row *r, const char *text, enum tui_style style, int width)
{
    tui_fit(r->text, sizeof r->text, text, width, true);
    r->style = style;
    r->id = 0;
}

/* A line of the file view: its text, style and whether it is choosable
 * (the cursor's lines are counted among those). */
struct vline {
    char text[3 * TUI_ROW_BYTES];
    enum tui_style style;
    int item;                   /* the cursor line it is, or -1 */
};

static size_t
file_lines(const struct model_import *m, struct vline *v, size_t max)
{
    size_t k = 0, item = 0;
    char value[TUI_ROW_BYTES], lab[64];

#define LINE(ITEM, STYLE, ...) do { \
        if (k < max) { \
            snprintf(v[k].text, sizeof v[k].text, __VA_ARGS__); \
            v[k].style = (STYLE); \
            v[k].item = (ITEM); \
            k++; \
        } \
    } while (0)
#define CHOICE(LABEL, ...) do { \
        snprintf(value, sizeof value, __VA_ARGS__); \
        tui_fit(lab, sizeof lab, (LABEL), 14, true); \
        LINE((int)item, item == m->line ? TUI_STYLE_SELECTED \
                                        : TUI_STYLE_NORMAL, \
             "%s %s %s", item == m->line ? ">" : " ", lab, value); \
        item++; \
    } while (0)

    CHOICE(_("Kind"), "%s", cs_import_kind_name(m->kind));
    CHOICE(_("Consultation"), "%s", m->cons[0] ? m->cons
           : _("(no consultation)"));
    CHOICE(_("Channel"), "%s", m->channel >= 0
           ? cs_channel_label((enum cs_channel)m->channel)
           : _("(the default: paper)"));
    if (m->batch > 0)
        CHOICE(_("Paper batch"), "%" PRId64, m->batch);
    else
        CHOICE(_("Paper batch"), "%s", _("(none)"));
    LINE(-1, TUI_STYLE_HEADING, "  %s", _("Column -> field read, then the "
         "first rows"));
    for (size_t c = 0; c < m->ncols; c++) {
        char head[64], field[64], cells[TUI_ROW_BYTES];
        size_t n = 0;

        tui_fit(head, sizeof head, m->headers[c], 18, true);
        snprintf(value, sizeof value, "%s%s",
                 m->fields[c] ? m->fields[c] : _("(not imported)"),
                 m->chosen[c] >= -1 ? "*" : "");
        tui_fit(field, sizeof field, value, 16, true);
        cells[0] = '\0';
        for (size_t r = 0; r < m->nrows && n < sizeof cells; r++)
            n += (size_t)snprintf(cells + n, sizeof cells - n, "%s%s",
                                  r ? " | " : "",
                                  m->cells[r * m->ncols + c]);
        LINE((int)item, item == m->line ? TUI_STYLE_SELECTED
                        : m->fields[c] ? TUI_STYLE_NORMAL : TUI_STYLE_DIM,
             "%s %s -> %s %s", item == m->line ? ">" : " ", head, field,
             cells);
        item++;
    }
    if (m->map_note[0])
        LINE(-1, TUI_STYLE_ERROR, "  %s", m->map_note);
    if (m->ran && m->rep.nmissing_themes > 0) {
        LINE(-1, TUI_STYLE_HEADING, _("  Themes the file names that %s "
             "lacks (Enter or t creates the one on the cursor):"),
             m->cons[0] ? m->cons : _("the consultation"));
        for (size_t i = 0; i < m->rep.nmissing_themes; i++) {
            LINE((int)item, item == m->line ? TUI_STYLE_SELECTED
                                            : TUI_STYLE_NORMAL,
                 dngettext(TUI_TEXTDOMAIN, "%s missing theme: %s (%ld row)",
                           "%s missing theme: %s (%ld rows)",
                           (unsigned long)m->rep.missing_themes[i].rows),
                 item == m->line ? ">" : " ",
                 m->rep.missing_themes[i].title,
                 m->rep.missing_themes[i].rows);
            item++;
        }
    }
    if (m->ran) {
        model_import_summary(m, value, sizeof value);
        LINE(-1, m->rc == CS_OK ? TUI_STYLE_HEADING : TUI_STYLE_ERROR,
             "  %s", value);
        if (m->rep.rejects_path)
            LINE(-1, TUI_STYLE_NORMAL, _("  Refused rows: %s (r shows "
                 "them with their reasons)"), m->rep.rejects_path);
    }
#undef CHOICE
#undef LINE
    return k;
}

size_t
model_import_rows(struct model_import *m, struct tui_row *rows, size_t max,
                  int *cursor)
{
    size_t k = 0;
    char line[TUI_ROW_BYTES * 2];

    *cursor = 0;
    if (max == 0)
        return 0;
    if (m->view == IMPORT_VIEW_BROWSE) {
        model_list_clamp(&m->sel, &m->top, m->nentries, (int)max);
        for (size_t i = m->top; i < m->nentries && k < max; i++, k++) {
            const struct model_import_entry *e = &m->entries[i];

            snprintf(line, sizeof line, "%s %s%s", i == m->sel ? ">" : " ",
                     e->name, e->dir ? "/" : "");
            put(&rows[k], line, i == m->sel ? TUI_STYLE_SELECTED
                                : e->dir ? TUI_STYLE_HEADING
                                         : TUI_STYLE_NORMAL, m->width);
            if (i == m->sel)
                *cursor = (int)k;
        }
        if (m->nentries == 0)
            put(&rows[k++], _("  (nothing here)"), TUI_STYLE_DIM, m->width);
        return k;
    }
    if (m->view == IMPORT_VIEW_RESULT) {
        char sum[TUI_ROW_BYTES];

        model_import_summary(m, sum, sizeof sum);
        put(&rows[k++], sum, TUI_STYLE_HEADING, m->width);
        if (k < max)
            put(&rows[k++], m->nrefused ? _("Refused rows: the line in the "
                "file, the reason, then the row:")
                : _("No row was refused."), TUI_STYLE_NORMAL, m->width);
        if (k >= max)
            return k;
        model_list_clamp(&m->rsel, &m->rtop, m->nrefused,
                         (int)((max - k) / 2 ? (max - k) / 2 : 1));
        for (size_t i = m->rtop; i < m->nrefused && k + 1 < max; i++) {
            const struct model_import_refused *x = &m->refused[i];

            snprintf(line, sizeof line, _("%s line %ld: %s"),
                     i == m->rsel ? ">" : " ", x->line, x->reason);
            if (i == m->rsel)
                *cursor = (int)k;
            put(&rows[k++], line, i == m->rsel ? TUI_STYLE_SELECTED
                                               : TUI_STYLE_NORMAL, m->width);
            snprintf(line, sizeof line, "    %s", x->row);
            put(&rows[k++], line, TUI_STYLE_DIM, m->width);
        }
        return k;
    }
    {
        struct vline *v = calloc(256, sizeof *v);
        size_t n, at = 0;

        if (v == NULL)
            return 0;
        n = file_lines(m, v, 256);
        for (size_t i = 0; i < n; i++)
            if (v[i].item == (int)m->line)
                at = i;
        /* The cursor's line shows; the heading above the first choice
         * too when it can. */
        if (at < m->ftop)
            m->ftop = at;
        if (at >= m->ftop + max)
            m->ftop = at - max + 1;
        if (m->ftop > n)
            m->ftop = 0;
        for (size_t i = m->ftop; i < n && k < max; i++, k++) {
            put(&rows[k], v[i].text, v[i].style, m->width);
            if (i == at)
                *cursor = (int)k;
        }
        free(v);
        return k;
    }
}

/* ---------------------------------------------------------------- keys */

/* TRANSLATORS: the bar labels ("bar" context) must fit in 6 columns. */
static const struct tui_binding import_bindings[] = {
    TUI_HELP_BINDING,
    { TUI_ACT_OPEN, 0, { TUI_KEY_ENTER }, NULL, N_("choose"),
      N_("Open the directory or file selected; on the file, change the "
         "line on the cursor (a column's field, the kind, the "
         "consultation, the channel, the paper batch) or create the "
         "missing theme on it"), CS_OP_IMPORT },
    { IMPORT_ACT_RUN, 2, { 'i' }, NC_("bar", "Import"), N_("import"),
      N_("Import the file, with a progress bar; Esc stops it and nothing "
         "is kept"), CS_OP_IMPORT },
    { IMPORT_ACT_DRY, 3, { 'd' }, NC_("bar", "DryRun"), N_("dry run"),
      N_("Dry run: check every row and count, write nothing; it lists the "
         "missing themes"), CS_OP_IMPORT },
    { IMPORT_ACT_REFUSED, 4, { 'r' }, NC_("bar", "Result"), N_("refused"),
      N_("The last run's counts and its refused rows with their reasons"),
      CS_OP_IMPORT },
    { IMPORT_ACT_PARENT, 0, { TUI_KEY_BACKSPACE }, NULL, N_("up"),
      N_("Go up a directory; from the file or its result, back a view"),
      CS_OP_IMPORT },
    { TUI_ACT_ADD, 0, { 't' }, NULL, NULL,
      N_("Create the missing theme on the cursor in the consultation"),
      CS_OP_CONSULTATIONS },
    { TUI_ACT_BACK, 9, { TUI_KEY_ESC }, NC_("bar", "Back"), N_("back"),
      N_("Go back to the previous screen"), CS_OP_ANY },
    TUI_QUIT_BINDING,
    TUI_MOVE_BINDINGS,
    TUI_REDRAW_BINDING,
};

/* Opened from the ideas list, last of its keys. */
static const struct tui_route import_routes[] = {
    { &model_ideas_keys, TUI_ACT_NONE, 0,
      { TUI_ACT_GO, 0, { 'I' }, NULL, NULL,
        N_("Import a CSV file: choose it, check its columns and themes, "
           "dry run, then import"), CS_OP_IMPORT } },
};

const struct tui_keymap model_import_keys =
    TUI_SCREEN_KEYMAP(N_("Import"), import_bindings, import_routes, NULL);
