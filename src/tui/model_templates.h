/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_templates.h: the answer templates screen's model, without curses:
 * the nine numbered slots of a consultation's templates (free or holding
 * a title and a text), a selection, and the changes, each one call to the
 * core followed by a fresh read.
 */
#ifndef CONSULT_TUI_MODEL_TEMPLATES_H
#define CONSULT_TUI_MODEL_TEMPLATES_H

#include <stddef.h>
#include <stdint.h>

#include "consult/consult.h"
#include "consult/template.h"
#include "tui.h"

struct model_templates {
    struct cs_db *db;                   /* borrowed */
    int64_t cons_id;
    char code[40];                      /* the consultation's code */
    struct cs_template_list *list;      /* owned */
    size_t sel;                         /* selected slot, 0..8 */
    int width;
};

/* Read the templates of consultation `cons_id`. Returns the codes of
 * cs_template_list. */
enum cs_rc model_templates_load(struct model_templates *m, struct cs_db *db,
                                int64_t cons_id, const char *code,
                                int width, struct cs_error *err);
void model_templates_free(struct model_templates *m);
/* UP, DOWN, HOME, END (PGUP and PGDN go to the ends). */
void model_templates_apply(struct model_templates *m, enum tui_action a);
/* The selected slot's number (1..9). */
int model_templates_number(const struct model_templates *m);
/* The template with number `n`, or NULL when the slot is free. */
const struct cs_template *model_templates_get(const struct model_templates *m,
                                              int n);
/* Set or delete template `n` through the core, then read them again. */
enum cs_rc model_templates_set(struct model_templates *m, int n,
                               const char *title, const char *body,
                               struct cs_error *err);
enum cs_rc model_templates_delete(struct model_templates *m, int n,
                                  struct cs_error *err);

void model_templates_header(const struct model_templates *m, char *buf,
                            size_t size);
/* The nine lines; `*cursor` is the selected one's. */
size_t model_templates_rows(const struct model_templates *m,
                            struct tui_row *rows, size_t max, int *cursor);

#endif /* CONSULT_TUI_MODEL_TEMPLATES_H */
