/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_keys.c: the list of the screens' key tables, made from the one
 * list of screens (screen_list.h), and of the dialogs' (see model_keys.h).
 * The tables themselves are in the screens' and dialogs' model files.
 */
#include "model_keys.h"

#include <string.h>

#include "model_dialog.h"

#define TUI_KEYS_ENTRY(name) &model_##name##_keys,
const struct tui_keymap *const tui_screen_keymaps[] = {
    TUI_SCREENS(TUI_KEYS_ENTRY)
    NULL,
};

bool
tui_screen_keys(struct tui_keys *k, const struct tui_keymap *km)
{
    size_t i = 0;

    while (tui_screen_keymaps[i] != NULL && tui_screen_keymaps[i] != km)
        i++;
    if (tui_screen_keymaps[i] == NULL) {
        /* Not a registered screen: its own keys alone. */
        memset(k, 0, sizeof *k);
        k->map = *km;
        return false;
    }
    return tui_keys_compose(k, tui_screen_keymaps, i);
}

static size_t
add_once(const struct tui_keymap **out, size_t n, size_t max,
         const struct tui_keymap *km)
{
    for (size_t i = 0; i < n && i < max; i++)
        if (out[i] == km)
            return n;
    if (n < max)
        out[n] = km;
    return n + 1;
}

size_t
tui_dialog_keymaps(const struct tui_keymap **out, size_t max)
{
    size_t n = 0;

    for (size_t s = 0; tui_screen_keymaps[s] != NULL; s++) {
        const struct tui_keymap *const *d = tui_screen_keymaps[s]->dialogs;

        for (size_t i = 0; d != NULL && d[i] != NULL; i++)
            n = add_once(out, n, max, d[i]);
    }
    for (size_t i = 0; dialog_keymaps[i] != NULL; i++)
        n = add_once(out, n, max, dialog_keymaps[i]);
    return n;
}
