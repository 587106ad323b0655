/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * import_cache.c: the importer's lookup tables.
 *
 * A file of a million votes names the same 25,000 people and the same ideas
 * over and over; asking SQLite each time would cost more than writing the
 * votes. These tables remember what the import has already looked up or
 * created, inside its transaction (where nobody else writes), so they are
 * exact, not guesses. Each has a fixed size: when it is full it keeps what
 * it has and the rest is asked of the database each time, so memory stays
 * the same whatever the size of the file.
 */
#include "import_cache.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* FNV-1a, 32 bits: short keys, good enough spread, no dependency. */
static uint32_t
hash_bytes(const char *s, size_t n)
{
    uint32_t h = 0x811c9dc5u;

    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x01000193u;
    }
    return h ? h : 1;
}

enum cs_rc
imp_cache_init(struct imp_cache *c, size_t max, size_t key_bytes,
               struct cs_error *err)
{
    size_t cap = 16;

    memset(c, 0, sizeof *c);
    /* At most three quarters full: probes stay short. */
    while (cap * 3 < max * 4)
        cap *= 2;
    c->slots = calloc(cap, sizeof *c->slots);
    c->arena = malloc(key_bytes);
    if (c->slots == NULL || c->arena == NULL) {
        imp_cache_free(c);
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    }
    c->cap = cap;
    c->max_used = max;
    c->arena_max = key_bytes;
    return CS_OK;
}

void
imp_cache_free(struct imp_cache *c)
{
    free(c->slots);
    free(c->arena);
    memset(c, 0, sizeof *c);
}

static struct imp_cache_entry *
cache_find(struct imp_cache *c, uint32_t h, const char *key, size_t len)
{
    size_t mask = c->cap - 1;

    for (size_t i = h & mask;; i = (i + 1) & mask) {
        struct imp_cache_entry *e = &c->slots[i];

        if (e->hash == 0)
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

    if (c->slots == NULL || len > UINT16_MAX)
        return NULL;
    e = cache_find(c, hash_bytes(key, len), key, len);
    return e->hash != 0 ? e : NULL;
}

struct imp_cache_entry *
imp_cache_put(struct imp_cache *c, const char *key, size_t len)
{
    uint32_t h = hash_bytes(key, len);
    struct imp_cache_entry *e;

    if (c->slots == NULL || len > UINT16_MAX || len > c->arena_max)
        return NULL;
    e = cache_find(c, h, key, len);
    if (e->hash != 0)
        return e;
    if (c->used >= c->max_used || c->arena_len + len > c->arena_max)
        return NULL;
    memcpy(c->arena + c->arena_len, key, len);
    e->hash = h;
    e->key_off = (uint32_t)c->arena_len;
    e->key_len = (uint16_t)len;
    e->id = e->aux = 0;
    e->extra = -1;
    e->flags = 0;
    c->arena_len += len;
    c->used++;
    return e;
}

/* ---------------------------------------------------------------- sums */

enum cs_rc
imp_sums_init(struct imp_sums *s, size_t max, struct cs_error *err)
{
    size_t n = 16;

    memset(s, 0, sizeof *s);
    while (n * 3 < max * 4)
        n *= 2;
    s->keys = calloc(n, sizeof *s->keys);
    s->sum = calloc(n, sizeof *s->sum);
    if (s->keys == NULL || s->sum == NULL) {
        imp_sums_free(s);
        return cs_error_set(err, CS_ENOMEM, "%s", _("Out of memory."));
    }
    s->cap = n;
    s->max_used = max;
    return CS_OK;
}

void
imp_sums_free(struct imp_sums *s)
{
    free(s->keys);
    free(s->sum);
    memset(s, 0, sizeof *s);
}

bool
imp_sums_add(struct imp_sums *s, int64_t id, int64_t v)
{
    size_t mask = s->cap - 1;
    uint64_t h = (uint64_t)id * 0x9e3779b97f4a7c15ULL;

    if (s->keys == NULL)
        return false;
    for (size_t i = (size_t)(h >> 32) & mask;; i = (i + 1) & mask) {
        if (s->keys[i] == id) {
            s->sum[i] += v;
            return true;
        }
        if (s->keys[i] == 0) {
            if (s->used >= s->max_used)
                return false;
            s->keys[i] = id;
            s->sum[i] = v;
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
