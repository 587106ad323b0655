/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_stale.h: a decision refused because the idea changed since the
 * screen showed it (the core's CS_ESTALE), without curses.
 *
 * It holds who changed the idea, when and to what (from
 * cs_idea_last_decision), the decision that was not saved, with any text
 * typed for it (kept: nothing typed is lost), and lays out the refusal
 * for a width, with the two ways on and their keys: apply the decision
 * anyway, on the version now shown, or look at the idea again (the text
 * stays kept for the next try).
 */
#ifndef CONSULT_TUI_MODEL_STALE_H
#define CONSULT_TUI_MODEL_STALE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/consult.h"
#include "keymap.h"
#include "tui.h"

/* The decisions a screen can have refused. */
enum stale_op {
    STALE_STATUS = 0,           /* status, with the answer or reason */
    STALE_MERGE,                /* merge into `into` */
    STALE_UNMERGE,
    STALE_TAG,                  /* put tag `text` */
    STALE_UNTAG                 /* take tag `text` off */
};

struct model_stale {
    bool open;                  /* the refusal is shown */
    struct cs_idea_decision d;  /* the decision that came between */
    int64_t shown;              /* the version the refused one was made on */
    enum stale_op op;
    enum cs_status to;          /* STALE_STATUS: the status chosen */
    char *text;                 /* owned: the answer, reason or tag typed,
                                   or NULL; kept after the dialog closes */
    int64_t into;               /* STALE_MERGE: the target idea */
};

/*
 * Record that decision `op` on idea `id`, made on version `shown`, was
 * refused, and read who changed the idea since (opens the refusal).
 * `text` (copied) and `into` are as in struct model_stale. Returns CS_OK,
 * or the codes of cs_idea_last_decision (the refusal stays closed).
 */
enum cs_rc model_stale_refused(struct model_stale *s, struct cs_db *db,
                               int64_t id, int64_t shown, enum stale_op op,
                               enum cs_status to, const char *text,
                               int64_t into, struct cs_error *err);

/* Close the refusal; the text typed stays kept. */
void model_stale_close(struct model_stale *s);

/* The text kept for idea `id` (typed for a refused decision), or NULL;
 * borrowed until the next call on `s`. */
const char *model_stale_kept(const struct model_stale *s, int64_t id);
/* Forget the kept text (used, or a decision was saved). */
void model_stale_forget(struct model_stale *s);
void model_stale_free(struct model_stale *s);

/* The title line: "Idea 82 changed while you were deciding". */
void model_stale_title(const struct model_stale *s, char *buf, size_t size);

/* The refusal's lines for `width` columns, at most `max`: who changed the
 * idea, when and to what; the decision not saved (and the text kept);
 * then one line per way on, its key first. Returns the number of lines. */
size_t model_stale_rows(const struct model_stale *s, int width,
                        struct tui_row *rows, size_t max);

/* The keys of the dialog (a way on each). */
extern const struct tui_keymap model_stale_keys;

#endif /* CONSULT_TUI_MODEL_STALE_H */
