/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_disputes.c: the fields to settle in a double-entry batch as a
 * model (see model_disputes.h): read from the core, laid out form by
 * form with the two values side by side, settled one call at a time.
 */
#include "model_disputes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_keys.h"
#include "model_menu.h"
#include "text.h"

#define DETAIL_MAX 8            /* value lines of the whole-value pane */
/* Bytes of one value's column: two of them and the rest fit a row. */
#define VAL_BYTES ((TUI_ROW_BYTES - 80) / 2)

void
model_disputes_free(struct model_disputes *m)
{
    if (m->has_batch)
        cs_batch_clear(&m->batch);
    m->has_batch = false;
    cs_batch_diff_free(m->diff);
    m->diff = NULL;
    m->sel = m->top = 0;
}

size_t
model_disputes_count(const struct model_disputes *m)
{
    return m->diff ? m->diff->count : 0;
}

static bool
same_form(const struct model_disputes *m, size_t i, size_t j)
{
    return strcmp(m->diff->items[i].form_ref, m->diff->items[j].form_ref)
           == 0;
}

size_t
model_disputes_forms(const struct model_disputes *m)
{
    size_t n = 0, count = model_disputes_count(m);

    for (size_t i = 0; i < count; i++)
        if (i == 0 || !same_form(m, i, i - 1))
            n++;
    return n;
}

/* Read the batch and its fields to settle; the cursor on the item of
 * form `ref` and field `field` when given and still there, else at
 * index `at` (clamped). */
static enum cs_rc
read_all(struct model_disputes *m, const char *ref, const char *field,
         size_t at, struct cs_error *err)
{
    struct cs_batch b;
    struct cs_batch_diff *d = NULL;
    enum cs_rc rc;

    if ((rc = cs_batch_get(m->db, m->batch_id, &b, err)) != CS_OK)
        return rc;
    if (b.double_entry
        && (rc = cs_batch_diff(m->db, m->batch_id, false, &d, err))
           != CS_OK) {
        cs_batch_clear(&b);
        return rc;
    }
    if (m->has_batch)
        cs_batch_clear(&m->batch);
    m->batch = b;
    m->has_batch = true;
    cs_batch_diff_free(m->diff);
    m->diff = d;
    m->sel = at;
    for (size_t i = 0; ref && field && i < model_disputes_count(m); i++)
        if (strcmp(m->diff->items[i].form_ref, ref) == 0
            && strcmp(m->diff->items[i].field, field) == 0)
            m->sel = i;
    if (m->sel >= model_disputes_count(m))
        m->sel = model_disputes_count(m) ? model_disputes_count(m) - 1 : 0;
    return CS_OK;
}

enum cs_rc
model_disputes_load(struct model_disputes *m, struct cs_db *db,
                    int64_t batch_id, struct cs_error *err)
{
    model_disputes_free(m);
    m->db = db;
    m->batch_id = batch_id;
    m->settled = 0;
    return read_all(m, NULL, NULL, 0, err);
}

enum cs_rc
model_disputes_reload(struct model_disputes *m, struct cs_error *err)
{
    const struct cs_batch_diff_item *it = model_disputes_selected(m);
    char ref[256] = "", field[64] = "";

    if (it) {
        snprintf(ref, sizeof ref, "%s", it->form_ref);
        snprintf(field, sizeof field, "%s", it->field);
    }
    return read_all(m, it ? ref : NULL, it ? field : NULL, m->sel, err);
}

const struct cs_batch_diff_item *
model_disputes_selected(const struct model_disputes *m)
{
    return m->sel < model_disputes_count(m) ? &m->diff->items[m->sel]
                                             : NULL;
}

bool
model_disputes_apply(struct model_disputes *m, enum tui_action a, int page)
{
    size_t count = model_disputes_count(m), was = m->sel;
    /* The list's first line is placed by the drawing (a form's lines
     * stay together), not here: the move alone. */
    size_t top = m->sel;

    if (count == 0
        || !model_list_move(&m->sel, &top, count, page > 1 ? page + 1 : 2,
                            a))
        return false;
    return m->sel != was;
}

enum cs_rc
model_disputes_settle(struct model_disputes *m, enum dispute_pick pick,
                      const char *value, struct cs_error *err)
{
    const struct cs_batch_diff_item *it = model_disputes_selected(m);
    char *ref, *field;
    const char *v;
    size_t at = m->sel;
    enum cs_rc rc;

    if (it == NULL)
        return cs_error_set(err, CS_ENOTFOUND, "%s",
                            _("No field is left to settle in this batch."));
    v = pick == DISPUTE_FIRST ? it->first
        : pick == DISPUTE_SECOND ? it->second : (value ? value : "");
    ref = strdup(it->form_ref);
    field = strdup(it->field);
    if (ref == NULL || field == NULL) {
        free(ref);
        free(field);
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    }
    rc = cs_batch_resolve(m->db, m->batch_id, ref, field, v, err);
    if (rc == CS_OK) {
        m->settled++;
        /* The field settled leaves the list: the one after it comes to
         * the same index. */
        rc = read_all(m, NULL, NULL, at, err);
    }
    free(ref);
    free(field);
    return rc;
}

const char *
model_disputes_label(const char *field)
{
    const struct cs_field *f = cs_record_field(CS_RECORD_IDEA, field);

    return f ? cs_field_label(f) : field;
}

/* ---------------------------------------------------------------- rows */

void
model_disputes_header(const struct model_disputes *m, char *buf,
                      size_t size)
{
    size_t fields = model_disputes_count(m), forms = model_disputes_forms(m);
    char left[128];

    if (!m->has_batch) {
        snprintf(buf, size, "%s", _("Disputed forms"));
        return;
    }
    /* TRANSLATORS: what is left to settle in a double-entry batch:
     * "2 forms, 3 fields to settle". */
    snprintf(left, sizeof left,
             ngettext("%zu form, ", "%zu forms, ", forms), forms);
    snprintf(left + strlen(left), sizeof left - strlen(left),
             ngettext("%zu field to settle", "%zu fields to settle",
                      fields), fields);
    /* TRANSLATORS: the disputed forms' title line: consultation, batch
     * number and label, what is left. */
    snprintf(buf, size, _("%s  |  Batch %lld %s  |  %s"),
             m->batch.consultation_code ? m->batch.consultation_code : "",
             (long long)m->batch.id, m->batch.label ? m->batch.label : "",
             left);
}

#define COL_FIELD 14

/* The two value columns' width. */
static int
value_width(int width)
{
    int w = (width - 2 - COL_FIELD - 3) / 2;

    return w > 6 ? w : 6;
}

static void
put(struct tui_row *rows, size_t *n, size_t max, const char *text,
    enum tui_style style, int64_t id)
{
    if (*n >= max)
        return;
    snprintf(rows[*n].text, sizeof rows[*n].text, "%s", text);
    rows[*n].style = style;
    rows[*n].id = id;
    (*n)++;
}

static void
field_line(char *buf, size_t size, int width, char mark, const char *label,
           const char *first, const char *second)
{
    char c_label[64], c_first[VAL_BYTES], c_second[VAL_BYTES];
    int vw = value_width(width);

    tui_fit(c_label, sizeof c_label, label, COL_FIELD, true);
    tui_fit(c_first, sizeof c_first, first, vw, true);
    tui_fit(c_second, sizeof c_second, second, vw, false);
    snprintf(buf, size, "%c %s %s | %s", mark, c_label, c_first, c_second);
}

/* The list line (form headings counted) of item `i`. */
static size_t
line_of_item(const struct model_disputes *m, size_t i)
{
    size_t line = 0;

    for (size_t j = 0; j <= i; j++) {
        if (j == 0 || !same_form(m, j, j - 1))
            line++;
        if (j < i)
            line++;
    }
    return line;
}

/* The value shown for a field: "(empty)" when none. */
static const char *
shown(const char *v)
{
    return v && v[0] ? v : _("(empty)");
}

/* The whole values of the selected item, side by side, in at most
 * `lines` rows. */
static void
detail_rows(const struct model_disputes *m, int width, size_t lines,
            struct tui_row *rows, size_t *n, size_t max)
{
    const struct cs_batch_diff_item *it = model_disputes_selected(m);
    struct tui_span a[DETAIL_MAX + 1], b[DETAIL_MAX + 1];
    size_t na, nb;
    int vw = (width - 4) / 2 > 6 ? (width - 4) / 2 : 6;
    char head1[256], head2[256], line[TUI_ROW_BYTES];
    char ca[VAL_BYTES], cb[VAL_BYTES], ta[VAL_BYTES], tb[VAL_BYTES];

    if (it == NULL || lines < 2)
        return;
    /* TRANSLATORS: above the two whole values: the key that takes each,
     * the field, who keyed it. */
    snprintf(head1, sizeof head1, _("1: %s, first entry by %s"),
             model_disputes_label(it->field), it->first_by);
    snprintf(head2, sizeof head2, _("2: %s, second entry by %s"),
             model_disputes_label(it->field), it->second_by);
    tui_fit(ca, sizeof ca, head1, vw, true);
    tui_fit(cb, sizeof cb, head2, vw, false);
    snprintf(line, sizeof line, " %s | %s", ca, cb);
    put(rows, n, max, line, TUI_STYLE_HEADING, 0);
    lines--;
    if (lines > DETAIL_MAX)
        lines = DETAIL_MAX;
    na = tui_wrap_display(shown(it->first), strlen(shown(it->first)), vw, a,
                          DETAIL_MAX + 1);
    nb = tui_wrap_display(shown(it->second), strlen(shown(it->second)), vw,
                          b, DETAIL_MAX + 1);
    for (size_t k = 0; k < lines && (k < na || k < nb); k++) {
        ta[0] = tb[0] = '\0';
        if (k < na && k < DETAIL_MAX + 1)
            tui_span_text(ta, sizeof ta, shown(it->first), &a[k]);
        if (k < nb && k < DETAIL_MAX + 1)
            tui_span_text(tb, sizeof tb, shown(it->second), &b[k]);
        /* The last line shown of a longer text says it goes on. */
        if (k + 1 == lines && k + 1 < na)
            snprintf(ta + strlen(ta), sizeof ta - strlen(ta), " ...");
        if (k + 1 == lines && k + 1 < nb)
            snprintf(tb + strlen(tb), sizeof tb - strlen(tb), " ...");
        tui_fit(ca, sizeof ca, ta, vw, true);
        tui_fit(cb, sizeof cb, tb, vw, false);
        snprintf(line, sizeof line, " %s | %s", ca, cb);
        put(rows, n, max, line, TUI_STYLE_NORMAL, 0);
    }
}

size_t
model_disputes_rows(struct model_disputes *m, int width, int height,
                    struct tui_row *rows, size_t max, int *cursor)
{
    size_t n = 0, count = model_disputes_count(m), list_h, detail_h, line;
    size_t sel_line, lines_total;
    char buf[TUI_ROW_BYTES];

    *cursor = 0;
    if (height < 1 || max == 0)
        return 0;
    if (!m->has_batch)
        return 0;
    if (!m->batch.double_entry) {
        put(rows, &n, max, _("This batch is keyed once: there are no two "
                             "entries to compare."), TUI_STYLE_NORMAL, 0);
        return n;
    }
    if (count == 0) {
        snprintf(buf, sizeof buf,
                 _("Nothing to settle: %lld verified, %lld keyed once so "
                   "far, of %lld expected."),
                 (long long)m->batch.verified, (long long)m->batch.pending,
                 (long long)m->batch.expected);
        put(rows, &n, max, buf, TUI_STYLE_NORMAL, 0);
        return n;
    }
    /* Headings, the list, a blank line, then the whole values: a third
     * of the lines, at least 3. */
    detail_h = (size_t)height / 3;
    if (detail_h < 3)
        detail_h = 3;
    if (detail_h > DETAIL_MAX + 1)
        detail_h = DETAIL_MAX + 1;
    list_h = (size_t)height > detail_h + 2 ? (size_t)height - detail_h - 2
                                           : 1;
    field_line(buf, sizeof buf, width, ' ', _("Field"), _("First entry"),
               _("Second entry"));
    put(rows, &n, max, buf, TUI_STYLE_HEADING, 0);

    lines_total = line_of_item(m, count - 1) + 1;
    sel_line = line_of_item(m, m->sel);
    /* The selected item in view, with its form's heading when it is the
     * form's first field. */
    if (sel_line < m->top + 1 && sel_line > 0
        && (m->sel == 0 || !same_form(m, m->sel, m->sel - 1)))
        m->top = sel_line - 1;
    else if (sel_line < m->top)
        m->top = sel_line;
    if (sel_line >= m->top + list_h)
        m->top = sel_line - list_h + 1;
    if (m->top + list_h > lines_total)
        m->top = lines_total > list_h ? lines_total - list_h : 0;

    line = 0;
    for (size_t i = 0; i < count && n < max; i++) {
        const struct cs_batch_diff_item *it = &m->diff->items[i];

        if (i == 0 || !same_form(m, i, i - 1)) {
            if (line >= m->top && line < m->top + list_h) {
                char about[TUI_ROW_BYTES];

                /* TRANSLATORS: a disputed form's heading: its reference,
                 * its idea, who keyed each entry. */
                snprintf(about, sizeof about,
                         _("Form %s, idea %lld: keyed first by %s, then "
                           "by %s"), it->form_ref,
                         (long long)it->idea_id, it->first_by,
                         it->second_by);
                tui_fit(buf, sizeof buf, about, width, false);
                put(rows, &n, max, buf, TUI_STYLE_HEADING, it->idea_id);
            }
            line++;
        }
        if (line >= m->top && line < m->top + list_h) {
            bool here = i == m->sel;

            field_line(buf, sizeof buf, width, here ? '>' : ' ',
                       model_disputes_label(it->field), shown(it->first),
                       shown(it->second));
            if (here)
                *cursor = (int)n;
            put(rows, &n, max, buf,
                here ? TUI_STYLE_SELECTED : TUI_STYLE_NORMAL, it->idea_id);
        }
        line++;
    }
    while (n < max && n < 1 + list_h)
        put(rows, &n, max, "", TUI_STYLE_NORMAL, 0);
    put(rows, &n, max, "", TUI_STYLE_NORMAL, 0);
    detail_rows(m, width, detail_h, rows, &n, max);
    return n;
}

/* ---------------------------------------------------------------- keys */

/* TRANSLATORS: the bar labels ("bar" context) must fit in 6 columns. */

static const struct tui_binding disputes_bindings[] = {
    TUI_HELP_BINDING,
    { DISPUTES_ACT_FIRST, 2, { '1' }, NC_("bar", "First"), N_("first"),
      N_("Settle the field with the first entry's value"), CS_OP_BATCHES },
    { DISPUTES_ACT_SECOND, 3, { '2' }, NC_("bar", "Second"), N_("second"),
      N_("Settle the field with the second entry's value"),
      CS_OP_BATCHES },
    { DISPUTES_ACT_OTHER, 4, { 't' }, NC_("bar", "Type"),
      N_("type another"),
      N_("Settle the field with another value, typed"), CS_OP_BATCHES },
    { TUI_ACT_REFRESH, 5, { 'r', TUI_CTRL('r') }, NC_("bar", "Reload"),
      NULL, N_("Read the forms to settle again (another desk may have "
               "settled some)"), CS_OP_ANY },
    TUI_BACK_BINDING,
    TUI_QUIT_BINDING,
    TUI_MOVE_BINDINGS,
    TUI_REDRAW_BINDING,
};

/* The selected batch's disputed forms, from the batches list. */
static const struct tui_route disputes_routes[] = {
    { &model_batches_keys, TUI_ACT_HELP, TUI_OPEN_SELECTED,
      { TUI_ACT_OPEN, 3, { TUI_KEY_ENTER, TUI_KEY_RIGHT },
        NC_("bar", "Open"), N_("disputed forms"),
        N_("Show the selected batch's disputed forms field by field, to "
           "settle them"), CS_OP_ANY } },
};

const struct tui_keymap model_disputes_keys =
    TUI_SCREEN_KEYMAP(N_("Disputed forms"), disputes_bindings,
                      disputes_routes, NULL);
