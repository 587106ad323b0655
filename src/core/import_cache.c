/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * import_cache.c: the importer's lookup tables.
 *
 * A file of a million votes names the same 25,000 people and the same ideas
 * over and over; asking SQLite each time would cost more than writing the
 * votes. These tables remember what the import has already looked up or
 * created, inside its transaction (where nobody else writes), so they are
 * exact, not guesses. Each has a fixed size: when it is full it is emptied
 * and fills again from the database, so memory stays the same whatever the
 * size of the file.
 */
#include "import_priv.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* FNV-1a, 64 bits: short keys, good enough spread, no dependency. */
static uint64_t
hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;

    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h ? h : 1;
}

enum cs_rc
imp_cache_init(struct imp_cache *c, size_t max, size_t key_bytes,
               struct cs_error *err)
{
    size_t cap = 16;

    memset(c, 0, sizeof *c);
    while (cap < max * 2)
        cap *= 2;
    c->slots = calloc(cap, sizeof *c->slots);
    c->arena = malloc(key_bytes);
    if (c->slots == NULL || c->arena == NULL) {
        imp_cache_free(c);
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    }
    c->cap = cap;
    c->max_used = max;
    c->arena_cap = c->arena_max = key_bytes;
    return CS_OK;
}

void
imp_cache_free(struct imp_cache *c)
{
    free(c->slots);
    free(c->arena);
    memset(c, 0, sizeof *c);
}

static void
cache_empty(struct imp_cache *c)
{
    memset(c->slots, 0, c->cap * sizeof *c->slots);
    c->used = 0;
    c->arena_len = 0;
}

static struct imp_cache_entry *
cache_find(struct imp_cache *c, uint64_t h, const char *key, size_t len)
{
    size_t mask = c->cap - 1;

    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        struct imp_cache_entry *e = &c->slots[i];

        if (!e->used)
            return e;
        if (e->hash == h && e->key_len == len
            && memcmp(c->arena + e->key_off, key, len) == 0)
            return e;
    }
}

struct imp_cache_entry *
imp_cache_get(struct imp_cache *c, const char *key, size_t len)
{
    struct imp_cache_entry *e;

    if (c->slots == NULL)
        return NULL;
    e = cache_find(c, hash_bytes(key, len), key, len);
    return e->used ? e : NULL;
}

struct imp_cache_entry *
imp_cache_put(struct imp_cache *c, const char *key, size_t len)
{
    uint64_t h = hash_bytes(key, len);
    struct imp_cache_entry *e;

    if (c->slots == NULL || len > c->arena_max)
        return NULL;
    e = cache_find(c, h, key, len);
    if (e->used)
        return e;
    if (c->used >= c->max_used || c->arena_len + len > c->arena_max) {
        cache_empty(c);
        e = cache_find(c, h, key, len);
    }
    memcpy(c->arena + c->arena_len, key, len);
    e->used = true;
    e->hash = h;
    e->key_off = (uint32_t)c->arena_len;
    e->key_len = (uint32_t)len;
    e->id = e->aux = e->extra = 0;
    e->flags = 0;
    c->arena_len += len;
    c->used++;
    return e;
}

/* ---------------------------------------------------------------- sums */

enum cs_rc
imp_sums_init(struct imp_sums *s, size_t cap, struct cs_error *err)
{
    size_t n = 16;

    memset(s, 0, sizeof *s);
    while (n < cap * 2)
        n *= 2;
    s->keys = calloc(n, sizeof *s->keys);
    s->a = calloc(n, sizeof *s->a);
    s->b = calloc(n, sizeof *s->b);
    if (s->keys == NULL || s->a == NULL || s->b == NULL) {
        imp_sums_free(s);
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    }
    s->cap = n;
    return CS_OK;
}

void
imp_sums_free(struct imp_sums *s)
{
    free(s->keys);
    free(s->a);
    free(s->b);
    memset(s, 0, sizeof *s);
}

bool
imp_sums_add(struct imp_sums *s, int64_t id, int64_t a, int64_t b)
{
    size_t mask = s->cap - 1;
    uint64_t h = (uint64_t)id * 0x9e3779b97f4a7c15ULL;

    if (s->keys == NULL)
        return false;
    for (size_t i = (size_t)(h >> 20) & mask;; i = (i + 1) & mask) {
        if (s->keys[i] == id) {
            s->a[i] += a;
            s->b[i] += b;
            return true;
        }
        if (s->keys[i] == 0) {
            /* Half full at most, so probes stay short. */
            if (s->used >= s->cap / 2)
                return false;
            s->keys[i] = id;
            s->a[i] = a;
            s->b[i] = b;
            s->used++;
            return true;
        }
    }
}

void
imp_sums_reset(struct imp_sums *s)
{
    memset(s->keys, 0, s->cap * sizeof *s->keys);
    s->used = 0;
}
