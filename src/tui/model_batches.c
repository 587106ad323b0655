/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_batches.c: the paper batches as a model (see model_batches.h):
 * the list read from the core, the selection, closing, the rows.
 */
#include "model_batches.h"

#include <stdio.h>
#include <string.h>

#include "model_keys.h"
#include "model_menu.h"
#include "text.h"

void
model_batches_free(struct model_batches *m)
{
    cs_batch_list_free(m->list);
    m->list = NULL;
    m->sel = m->top = 0;
}

static size_t
count_of(const struct model_batches *m)
{
    return m->list ? m->list->count : 0;
}

/* Read the list, the selection on batch `keep` (0: as it was). */
static enum cs_rc
read_list(struct model_batches *m, int64_t keep, struct cs_error *err)
{
    struct cs_batch_list *l = NULL;
    enum cs_rc rc;

    if ((rc = cs_batch_list(m->db, m->cons_id, &l, err)) != CS_OK)
        return rc;
    cs_batch_list_free(m->list);
    m->list = l;
    for (size_t i = 0; keep != 0 && i < l->count; i++)
        if (l->items[i].id == keep)
            m->sel = i;
    if (m->sel >= l->count)
        m->sel = l->count ? l->count - 1 : 0;
    if (m->top > m->sel)
        m->top = m->sel;
    return CS_OK;
}

enum cs_rc
model_batches_load(struct model_batches *m, struct cs_db *db,
                   int64_t cons_id, const char *code, struct cs_error *err)
{
    model_batches_free(m);
    m->db = db;
    m->cons_id = cons_id;
    snprintf(m->code, sizeof m->code, "%s", code ? code : "");
    return read_list(m, 0, err);
}

enum cs_rc
model_batches_reload(struct model_batches *m, struct cs_error *err)
{
    const struct cs_batch *b = model_batches_selected(m);

    return read_list(m, b ? b->id : 0, err);
}

bool
model_batches_apply(struct model_batches *m, enum tui_action a, int page)
{
    return model_list_move(&m->sel, &m->top, count_of(m), page, a);
}

const struct cs_batch *
model_batches_selected(const struct model_batches *m)
{
    return m->sel < count_of(m) ? &m->list->items[m->sel] : NULL;
}

bool
model_batches_needs_reason(const struct model_batches *m)
{
    const struct cs_batch *b = model_batches_selected(m);

    return b && b->closed_at == NULL && b->keyed != b->expected;
}

enum cs_rc
model_batches_close(struct model_batches *m, const char *reason,
                    struct cs_error *err)
{
    const struct cs_batch *b = model_batches_selected(m);
    int64_t id;
    enum cs_rc rc;

    if (b == NULL)
        return cs_error_set(err, CS_ENOTFOUND, "%s",
                            _("This consultation has no paper batch."));
    id = b->id;
    if ((rc = cs_batch_close(m->db, id, reason, err)) != CS_OK)
        return rc;
    return read_list(m, id, err);
}

/* ---------------------------------------------------------------- rows */

void
model_batches_header(const struct model_batches *m, char *buf, size_t size)
{
    size_t open = 0, n = count_of(m);

    for (size_t i = 0; i < n; i++)
        if (m->list->items[i].closed_at == NULL)
            open++;
    /* TRANSLATORS: the paper batches' title line: the consultation, how
     * many batches, how many of them are still open. */
    snprintf(buf, size, ngettext("%s  |  Paper batches: %zu, %zu open",
                                 "%s  |  Paper batches: %zu, %zu open", n),
             m->code, n, open);
}

/* Columns: number, label (and point), date, keyed / expected, verified,
 * disputed, state. */
#define COL_NO 5
#define COL_DATE 10
#define COL_KEYED 11
#define COL_VERIFIED 8
#define COL_DISPUTED 8
#define COL_STATE 8

static int
label_width(int width)
{
    int w = width - 1 - COL_NO - COL_DATE - COL_KEYED - COL_VERIFIED
            - COL_DISPUTED - COL_STATE - 6;

    return w > 8 ? w : 8;
}

static void
line_of(char *buf, size_t size, int width, char mark, const char *no,
        const char *label, const char *date, const char *keyed,
        const char *verified, const char *disputed, const char *state)
{
    char c_no[64], c_label[512], c_date[64], c_keyed[64],
        c_ver[64], c_dis[64], c_state[64];

    tui_fit_right(c_no, sizeof c_no, no, COL_NO);
    tui_fit(c_label, sizeof c_label, label, label_width(width), true);
    tui_fit(c_date, sizeof c_date, date, COL_DATE, true);
    tui_fit_right(c_keyed, sizeof c_keyed, keyed, COL_KEYED);
    tui_fit_right(c_ver, sizeof c_ver, verified, COL_VERIFIED);
    tui_fit_right(c_dis, sizeof c_dis, disputed, COL_DISPUTED);
    tui_fit(c_state, sizeof c_state, state, COL_STATE, true);
    snprintf(buf, size, "%c%s %s %s %s %s %s %s", mark, c_no, c_label,
             c_date, c_keyed, c_ver, c_dis, c_state);
}

size_t
model_batches_rows(struct model_batches *m, int width, struct tui_row *rows,
                   size_t max, int *cursor)
{
    size_t n = 0, count = count_of(m);
    int height;

    *cursor = 0;
    if (max == 0)
        return 0;
    line_of(rows[0].text, sizeof rows[0].text, width, ' ', _("No."),
            _("Label"), _("Date"),
            /* TRANSLATORS: column heading: forms keyed / expected. */
            _("Keyed"), _("Verified"), _("Disputed"), _("State"));
    rows[0].style = TUI_STYLE_HEADING;
    rows[0].id = 0;
    n = 1;
    height = (int)max - 1;
    model_list_clamp(&m->sel, &m->top, count, height > 0 ? height : 1);
    for (size_t i = m->top; i < count && n < max; i++, n++) {
        const struct cs_batch *b = &m->list->items[i];
        char no[32], label[TUI_ROW_BYTES], keyed[64], ver[32], dis[32];
        const char *state;
        bool here = i == m->sel;

        snprintf(no, sizeof no, "%lld", (long long)b->id);
        if (b->point && b->point[0])
            snprintf(label, sizeof label, "%s, %s", b->label, b->point);
        else
            snprintf(label, sizeof label, "%s", b->label);
        snprintf(keyed, sizeof keyed, "%lld / %lld", (long long)b->keyed,
                 (long long)b->expected);
        if (b->double_entry) {
            snprintf(ver, sizeof ver, "%lld", (long long)b->verified);
            snprintf(dis, sizeof dis, "%lld", (long long)b->disputed);
        } else {
            /* Keyed once: nothing to verify. */
            snprintf(ver, sizeof ver, "-");
            snprintf(dis, sizeof dis, "-");
        }
        state = b->closed_at ? _("closed") : _("open");
        line_of(rows[n].text, sizeof rows[n].text, width, here ? '>' : ' ',
                no, label, b->received_on ? b->received_on : "", keyed, ver,
                dis, state);
        rows[n].id = b->id;
        if (here) {
            rows[n].style = TUI_STYLE_SELECTED;
            *cursor = (int)n;
        } else {
            rows[n].style = b->closed_at ? TUI_STYLE_DIM : TUI_STYLE_NORMAL;
        }
    }
    return n;
}

/* ---------------------------------------------------------------- keys */

/* TRANSLATORS: the bar labels ("bar" context) must fit in 6 columns. */

static const struct tui_binding batches_bindings[] = {
    TUI_HELP_BINDING,
    { TUI_ACT_ADD, 2, { 'a' }, NC_("bar", "Key"), N_("key forms"),
      N_("Key the forms of the selected batch in the entry form"),
      CS_OP_ADD_IDEA },
    { TUI_ACT_REFRESH, 5, { 'r', TUI_CTRL('r') }, NC_("bar", "Reload"),
      NULL, N_("Read the batches again (other desks' forms)"), CS_OP_ANY },
    { BATCHES_ACT_CLOSE, 8, { 'c' }, NC_("bar", "Close"), N_("close"),
      N_("Close the selected batch (a count that differs needs an admin's "
         "reason)"), CS_OP_BATCHES },
    TUI_BACK_BINDING,
    TUI_QUIT_BINDING,
    TUI_MOVE_BINDINGS,
    TUI_REDRAW_BINDING,
};

/* From the ideas list, after its add key: an agent's keys together. */
static const struct tui_route batches_routes[] = {
    { &model_ideas_keys, TUI_ACT_ADD, TUI_OPEN_CONS,
      { TUI_ACT_GO, 0, { 'b' }, NULL, N_("batches"),
        N_("The paper batches of this consultation: their counts, the "
           "forms to settle, closing them"), CS_OP_ANY } },
};

const struct tui_keymap model_batches_keys =
    TUI_SCREEN_KEYMAP(N_("Paper batches"), batches_bindings, batches_routes,
                      NULL);
