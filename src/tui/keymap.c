/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * keymap.c: key lookup, the function-key bar, the hint line and the help
 * lines, all generated from a screen's binding table (see keymap.h); and
 * the decoder that makes Esc-digit and Alt-digit work as F1..F10.
 */
#include "keymap.h"

#include <stdio.h>
#include <string.h>

#include "text.h"

static bool
visible(const struct tui_binding *b, enum cs_role role)
{
    return cs_role_can(role, b->op);
}

const struct tui_binding *
tui_keymap_binding(const struct tui_keymap *km, enum cs_role role, int key)
{
    int f = tui_key_fnum(key);

    for (size_t i = 0; i < km->count; i++) {
        const struct tui_binding *b = &km->bindings[i];

        if (!visible(b, role))
            continue;
        if (f != 0 && b->fkey == f)
            return b;
        for (int k = 0; k < TUI_BINDING_KEYS && b->keys[k]; k++)
            if (b->keys[k] == key)
                return b;
    }
    return NULL;
}

enum tui_action
tui_keymap_action(const struct tui_keymap *km, enum cs_role role, int key)
{
    const struct tui_binding *b = tui_keymap_binding(km, role, key);

    return b ? b->action : TUI_ACT_NONE;
}

const struct tui_binding *
tui_keymap_find(const struct tui_keymap *km, enum cs_role role,
                enum tui_action action)
{
    for (size_t i = 0; i < km->count; i++)
        if (km->bindings[i].action == action
            && visible(&km->bindings[i], role))
            return &km->bindings[i];
    return NULL;
}

void
tui_key_name(int key, char *buf, size_t size)
{
    const char *name = NULL;

    switch (key) {
    /* TRANSLATORS: key names, as printed on keyboards. */
    case TUI_KEY_UP: name = _("Up"); break;
    case TUI_KEY_DOWN: name = _("Down"); break;
    case TUI_KEY_LEFT: name = _("Left"); break;
    case TUI_KEY_RIGHT: name = _("Right"); break;
    case TUI_KEY_PGUP: name = _("PgUp"); break;
    case TUI_KEY_PGDN: name = _("PgDn"); break;
    case TUI_KEY_HOME: name = _("Home"); break;
    case TUI_KEY_END: name = _("End"); break;
    case TUI_KEY_ENTER: name = _("Enter"); break;
    case TUI_KEY_ESC: name = _("Esc"); break;
    case TUI_KEY_TAB: name = _("Tab"); break;
    case TUI_KEY_BTAB: name = _("Shift-Tab"); break;
    case TUI_KEY_BACKSPACE: name = _("Backspace"); break;
    case TUI_KEY_DELETE: name = _("Del"); break;
    case ' ': name = _("Space"); break;
    default: break;
    }
    if (name != NULL) {
        snprintf(buf, size, "%s", name);
    } else if (tui_key_fnum(key)) {
        snprintf(buf, size, "F%d", tui_key_fnum(key));
    } else if (key > 0 && key < 0x20) {
        snprintf(buf, size, "Ctrl-%c", 'A' + key - 1);
    } else if (key > 0 && key < TUI_KEY_BASE) {
        char u[5] = { 0 };
        unsigned c = (unsigned)key;

        if (c < 0x80) {
            u[0] = (char)c;
        } else if (c < 0x800) {
            u[0] = (char)(0xc0 | (c >> 6));
            u[1] = (char)(0x80 | (c & 0x3f));
        } else if (c < 0x10000) {
            u[0] = (char)(0xe0 | (c >> 12));
            u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
            u[2] = (char)(0x80 | (c & 0x3f));
        }
        snprintf(buf, size, "%s", u);
    } else {
        snprintf(buf, size, "?");
    }
}

/* ---------------------------------------------------------------- bar */

void
tui_keymap_bar(const struct tui_keymap *km, enum cs_role role, int width,
               struct tui_bar *bar)
{
    int base = width / TUI_BAR_SLOTS, extra = width % TUI_BAR_SLOTS, x = 0;

    memset(bar, 0, sizeof *bar);
    for (int s = 0; s < TUI_BAR_SLOTS; s++) {
        struct tui_bar_slot *sl = &bar->slots[s];
        int w = base + (s < extra ? 1 : 0);

        sl->x = x;
        sl->width = w;
        x += w;
        snprintf(sl->num, sizeof sl->num, "%d", s + 1);
    }
    for (size_t i = 0; i < km->count; i++) {
        const struct tui_binding *b = &km->bindings[i];
        struct tui_bar_slot *sl;
        int room;

        if (b->fkey < 1 || b->fkey > TUI_BAR_SLOTS || b->label == NULL
            || !visible(b, role))
            continue;
        sl = &bar->slots[b->fkey - 1];
        if (sl->label[0] != '\0')
            continue;           /* the first binding of a key wins */
        room = sl->width - (int)strlen(sl->num);
        if (room > TUI_LABEL_COLS)
            room = TUI_LABEL_COLS;
        if (room < 0)
            room = 0;
        tui_fit(sl->label, sizeof sl->label, tui_pgettext(b->label), room,
                false);
    }
}

int
tui_bar_hit(const struct tui_bar *bar, int x)
{
    for (int s = 0; s < TUI_BAR_SLOTS; s++) {
        const struct tui_bar_slot *sl = &bar->slots[s];

        if (x >= sl->x && x < sl->x + sl->width)
            return sl->label[0] ? s + 1 : 0;
    }
    return 0;
}

/* ---------------------------------------------------------------- hint */

/* The key shown for a binding: its first other key, else its F-key. */
static int
main_key(const struct tui_binding *b)
{
    if (b->keys[0])
        return b->keys[0];
    return b->fkey ? TUI_KEY_F(b->fkey) : 0;
}

void
tui_keymap_hint(const struct tui_keymap *km, enum cs_role role, int width,
                char *buf, size_t size)
{
    char line[1024] = "";
    size_t len = 0;

    for (size_t i = 0; i < km->count; i++) {
        const struct tui_binding *b = &km->bindings[i];
        char key[32], item[160];
        int n;

        if (b->hint == NULL || !visible(b, role) || main_key(b) == 0)
            continue;
        tui_key_name(main_key(b), key, sizeof key);
        /* A hint may carry a context (NC_) when its word is ambiguous. */
        n = snprintf(item, sizeof item, "%s%s %s", len ? "  " : "", key,
                     tui_pgettext(b->hint));
        if (n < 0 || (size_t)n >= sizeof item)
            continue;
        /* Only whole items: a cut one would name half an action. */
        if (tui_width(line) + tui_width(item) > width
            || len + (size_t)n + 1 > sizeof line)
            break;
        memcpy(line + len, item, (size_t)n + 1);
        len += (size_t)n;
    }
    tui_fit(buf, size, line, width, false);
}

/* ---------------------------------------------------------------- help */

size_t
tui_keymap_help(const struct tui_keymap *km, enum cs_role role,
                struct tui_help_line *out, size_t max)
{
    size_t n = 0;

    for (size_t i = 0; i < km->count; i++) {
        const struct tui_binding *b = &km->bindings[i];
        size_t o = 0;

        if (!visible(b, role) || b->help == NULL)
            continue;
        if (n < max) {
            struct tui_help_line *l = &out[n];

            l->keys[0] = '\0';
            if (b->fkey) {
                o += (size_t)snprintf(l->keys, sizeof l->keys, "F%d",
                                      b->fkey);
            }
            for (int k = 0; k < TUI_BINDING_KEYS && b->keys[k]; k++) {
                char name[32];

                tui_key_name(b->keys[k], name, sizeof name);
                if (o + strlen(name) + 2 >= sizeof l->keys)
                    break;
                o += (size_t)snprintf(l->keys + o, sizeof l->keys - o,
                                      "%s%s", o ? " " : "", name);
            }
            snprintf(l->text, sizeof l->text, "%s", _(b->help));
        }
        n++;
    }
    return n;
}

/* ---------------------------------------------------------------- composed */

struct compose {
    struct tui_keys *k;
    const struct tui_route *cand[TUI_KEYS_MAX]; /* routes into the screen */
    int cand_screen[TUI_KEYS_MAX];
    bool cand_used[TUI_KEYS_MAX];
    size_t cand_count;
    bool full;
};

/* Append `b`, then the routes that go after its action (and theirs). */
static void
emit(struct compose *c, const struct tui_binding *b, int opens,
     const struct tui_route *route)
{
    struct tui_keys *k = c->k;

    if (k->map.count == TUI_KEYS_MAX) {
        c->full = true;
        return;
    }
    k->bindings[k->map.count] = *b;
    k->opens[k->map.count] = opens;
    k->route[k->map.count] = route;
    k->map.count++;
    for (size_t j = 0; j < c->cand_count; j++) {
        if (c->cand_used[j] || c->cand[j]->after != b->action)
            continue;
        c->cand_used[j] = true;
        emit(c, &c->cand[j]->key, c->cand_screen[j], c->cand[j]);
    }
}

bool
tui_keys_compose(struct tui_keys *k, const struct tui_keymap *const *screens,
                 size_t i)
{
    const struct tui_keymap *own = screens[i];
    struct compose c;

    memset(k, 0, sizeof *k);
    memset(&c, 0, sizeof c);
    c.k = k;
    k->map.title = own->title;
    k->map.bindings = k->bindings;
    k->map.dialogs = own->dialogs;
    for (size_t s = 0; screens[s] != NULL; s++) {
        for (size_t r = 0; r < screens[s]->route_count; r++) {
            if (screens[s]->routes[r].from != own)
                continue;
            if (c.cand_count == TUI_KEYS_MAX) {
                c.full = true;
                break;
            }
            c.cand[c.cand_count] = &screens[s]->routes[r];
            c.cand_screen[c.cand_count++] = (int)s;
        }
    }
    for (size_t b = 0; b < own->count; b++)
        emit(&c, &own->bindings[b], -1, NULL);
    /* Routes after no key of the opener (TUI_ACT_NONE): last. */
    for (size_t j = 0; j < c.cand_count; j++) {
        if (c.cand_used[j])
            continue;
        c.cand_used[j] = true;
        emit(&c, &c.cand[j]->key, c.cand_screen[j], c.cand[j]);
    }
    return !c.full;
}

int
tui_keys_opens(const struct tui_keys *k, const struct tui_binding *b,
               const struct tui_route **route)
{
    for (size_t i = 0; i < k->map.count; i++) {
        if (&k->bindings[i] != b)
            continue;
        if (route)
            *route = k->route[i];
        return k->opens[i];
    }
    if (route)
        *route = NULL;
    return -1;
}

/* ---------------------------------------------------------------- decoder */

int
tui_keydec_feed(struct tui_keydec *d, int key)
{
    if (!d->esc) {
        if (key == TUI_KEY_ESC) {
            d->esc = true;
            return TUI_KEY_NONE;
        }
        return key;
    }
    d->esc = false;
    if (key >= '1' && key <= '9')
        return TUI_KEY_F(key - '0');
    if (key == '0')
        return TUI_KEY_F(10);
    if (key != TUI_KEY_ESC)
        d->pending = key;   /* Esc first, then the key */
    return TUI_KEY_ESC;     /* Esc Esc: one Esc, at once */
}

int
tui_keydec_pending(struct tui_keydec *d)
{
    int key = d->pending;

    d->pending = 0;
    return key ? key : TUI_KEY_NONE;
}

int
tui_keydec_timeout(struct tui_keydec *d)
{
    if (!d->esc)
        return TUI_KEY_NONE;
    d->esc = false;
    return TUI_KEY_ESC;
}
