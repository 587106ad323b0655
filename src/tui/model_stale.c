/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_stale.c: a decision refused because the idea changed meanwhile
 * (see model_stale.h).
 */
#include "model_stale.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_keys.h"
#include "text.h"

#define TEXT_LINES 4            /* lines of the kept text shown at most */

enum cs_rc
model_stale_refused(struct model_stale *s, struct cs_db *db, int64_t id,
                    int64_t shown, enum stale_op op, enum cs_status to,
                    const char *text, int64_t into, struct cs_error *err)
{
    struct cs_idea_decision d;
    char *copy = NULL;
    enum cs_rc rc;

    if ((rc = cs_idea_last_decision(db, id, &d, err)) != CS_OK)
        return rc;
    if (text != NULL && (copy = strdup(text)) == NULL)
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    free(s->text);
    s->text = copy;
    s->d = d;
    s->shown = shown;
    s->op = op;
    s->to = to;
    s->into = into;
    s->open = true;
    return CS_OK;
}

void
model_stale_close(struct model_stale *s)
{
    s->open = false;
}

const char *
model_stale_kept(const struct model_stale *s, int64_t id)
{
    if (s->text == NULL || s->text[0] == '\0' || s->d.idea_id != id)
        return NULL;
    return s->text;
}

void
model_stale_forget(struct model_stale *s)
{
    free(s->text);
    s->text = NULL;
}

void
model_stale_free(struct model_stale *s)
{
    free(s->text);
    memset(s, 0, sizeof *s);
}

void
model_stale_title(const struct model_stale *s, char *buf, size_t size)
{
    snprintf(buf, size, _("Idea %lld changed while you were deciding: "
                          "nothing was saved"), (long long)s->d.idea_id);
}

/* Add `text` wrapped to `width` after `indent` blanks, as rows. */
static size_t
add_wrapped(struct tui_row *rows, size_t n, size_t max, const char *text,
            int indent, int width, enum tui_style style, size_t max_lines)
{
    size_t len = strlen(text), lines;
    struct tui_span sp[64];

    if (width - indent < 10)
        indent = 0;
    lines = tui_wrap(text, len, width - indent - 1, sp, 64);
    if (lines > 64)
        lines = 64;
    for (size_t i = 0; i < lines && i < max_lines && n < max; i++) {
        char part[TUI_ROW_BYTES], line[TUI_ROW_BYTES + 64];
        size_t k = sp[i].len < sizeof part - 1 ? sp[i].len
                                               : sizeof part - 1;

        memcpy(part, text + sp[i].start, k);
        part[k] = '\0';
        if (i + 1 == max_lines && lines > max_lines)
            snprintf(part + (k > sizeof part - 5 ? sizeof part - 5 : k),
                     5, "%s", "\xe2\x80\xa6");
        snprintf(line, sizeof line, "%*s%s", indent, "", part);
        tui_fit(rows[n].text, sizeof rows[n].text, line, width, true);
        rows[n].style = style;
        rows[n].id = 0;
        n++;
    }
    return n;
}

static size_t
add_line(struct tui_row *rows, size_t n, size_t max, const char *text,
         int width, enum tui_style style)
{
    return add_wrapped(rows, n, max, text, 1, width, style, 64);
}

/* The refused decision in words: "accepted, with the answer you typed". */
static void
decision_words(const struct model_stale *s, char *buf, size_t size)
{
    switch (s->op) {
    case STALE_STATUS:
        switch (cs_status_text(s->to)) {
        case CS_TEXT_ANSWER:
            snprintf(buf, size, _("Your decision, not saved: %s, with the "
                                  "official answer you typed (kept):"),
                     cs_status_label(s->to));
            break;
        case CS_TEXT_REASON:
            snprintf(buf, size, _("Your decision, not saved: %s, with the "
                                  "reason you typed (kept):"),
                     cs_status_label(s->to));
            break;
        case CS_TEXT_NONE:
            snprintf(buf, size, _("Your decision, not saved: %s."),
                     cs_status_label(s->to));
            break;
        }
        break;
    case STALE_MERGE:
        snprintf(buf, size, _("Your decision, not saved: merge it into "
                              "idea %lld."), (long long)s->into);
        break;
    case STALE_UNMERGE:
        snprintf(buf, size, "%s", _("Your decision, not saved: unmerge "
                                    "it."));
        break;
    case STALE_TAG:
        snprintf(buf, size, _("Your decision, not saved: tag it \"%s\"."),
                 s->text ? s->text : "");
        break;
    case STALE_UNTAG:
        snprintf(buf, size, _("Your decision, not saved: take the tag "
                              "\"%s\" off."), s->text ? s->text : "");
        break;
    }
}

size_t
model_stale_rows(const struct model_stale *s, int width,
                 struct tui_row *rows, size_t max)
{
    char line[TUI_ROW_BYTES];
    size_t n = 0;

    if (!s->open)
        return 0;
    n = add_line(rows, n, max, "", width, TUI_STYLE_NORMAL);
    /* TRANSLATORS: "Idea 82 was changed by mdupont on 2026-12-04 at
     * 14:03 UTC: status changed." */
    snprintf(line, sizeof line, _("Idea %lld was changed by %s on %.10s at "
                                  "%.5s UTC: %s."),
             (long long)s->d.idea_id, s->d.by, s->d.at,
             strlen(s->d.at) > 11 ? s->d.at + 11 : "",
             cs_idea_decision_label(s->d.action));
    n = add_line(rows, n, max, line, width, TUI_STYLE_HEADING);
    snprintf(line, sizeof line, _("It is now %s, at version %lld; you "
                                  "decided on version %lld."),
             cs_status_label(s->d.status), (long long)s->d.version,
             (long long)s->shown);
    n = add_line(rows, n, max, line, width, TUI_STYLE_NORMAL);
    n = add_line(rows, n, max, "", width, TUI_STYLE_NORMAL);
    decision_words(s, line, sizeof line);
    n = add_line(rows, n, max, line, width, TUI_STYLE_NORMAL);
    if (s->op == STALE_STATUS && s->text && s->text[0])
        n = add_wrapped(rows, n, max, s->text, 4, width, TUI_STYLE_DIM,
                        TEXT_LINES);
    n = add_line(rows, n, max, "", width, TUI_STYLE_NORMAL);
    /* TRANSLATORS: the keys "a" and "l" (and Esc) are fixed; keep them
     * first on their lines. */
    n = add_line(rows, n, max, _("a    Apply anyway: save your decision "
                                 "over this change"), width,
                 TUI_STYLE_NORMAL);
    n = add_line(rows, n, max, _("l    Look again: show the idea as it is "
                                 "now; what you typed is kept for your "
                                 "next try"), width, TUI_STYLE_NORMAL);
    n = add_line(rows, n, max, _("Esc  the same as l"), width,
                 TUI_STYLE_DIM);
    return n;
}

/* ---------------------------------------------------------------- keys */

/* TRANSLATORS: the bar labels ("bar" context) must fit in 6 columns. */

/* A decision refused because the idea changed meanwhile: two ways on. */
static const struct tui_binding stale_bindings[] = {
    { TUI_ACT_APPLY_ANYWAY, 2, { 'a' }, NC_("bar", "Apply"),
      N_("apply anyway"),
      N_("Save the refused decision anyway, over the change shown"),
      CS_OP_ANY },
    { TUI_ACT_LOOK_AGAIN, 5, { 'l', TUI_KEY_ESC }, NC_("bar", "Look"),
      N_("look again"),
      N_("Show the idea as it is now; the text typed is kept for the next "
         "try"), CS_OP_ANY },
    TUI_QUIT_BINDING,
    TUI_REDRAW_BINDING,
};

const struct tui_keymap model_stale_keys =
    TUI_KEYMAP(N_("Changed meanwhile"), stale_bindings);
