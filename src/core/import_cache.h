/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * import_cache.h: bounded lookup tables for writers that repeat lookups
 * (an import's participants, ideas, themes; import_cache.c).
 */
#ifndef CONSULT_IMPORT_CACHE_H
#define CONSULT_IMPORT_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/error.h"

/* A string-keyed table of at most a fixed number of entries: when full it
 * takes no more (what it holds stays useful; the rest is looked up in the
 * database), so memory never grows with the file. */
struct imp_cache_entry {
    uint32_t hash;              /* 0: free slot */
    uint32_t key_off;           /* key in the arena */
    int64_t id;                 /* the value: a row id */
    int64_t aux;                /* a second value */
    int32_t extra;              /* a third (a consultation id), or -1 */
    uint16_t key_len;
    uint16_t flags;             /* bits */
};

struct imp_cache {
    struct imp_cache_entry *slots;
    size_t cap;                 /* slots, a power of two */
    size_t used;
    size_t max_used;            /* emptied beyond this */
    char *arena;                /* keys */
    size_t arena_len, arena_max;
};

/* Set up a table of `max` entries and at most `key_bytes` of keys.
 * CS_OK or CS_ENOMEM. */
enum cs_rc imp_cache_init(struct imp_cache *c, size_t max, size_t key_bytes,
                          struct cs_error *err);
void imp_cache_free(struct imp_cache *c);
/* The entry for the key, or NULL. Valid until the next put. */
struct imp_cache_entry *imp_cache_get(struct imp_cache *c, const char *key,
                                      size_t len);
/* Add (or overwrite) the entry for the key; NULL when out of memory. */
struct imp_cache_entry *imp_cache_put(struct imp_cache *c, const char *key,
                                      size_t len);

/* Per-id sums kept in memory and written in one go (the votes an import
 * adds to each idea). */
struct imp_sums {
    int64_t *keys;              /* 0: free slot */
    int64_t *sum;
    size_t cap, used, max_used;
};

enum cs_rc imp_sums_init(struct imp_sums *s, size_t max, struct cs_error *err);
void imp_sums_free(struct imp_sums *s);
/* Add `v` to the sum of `id`; false when the table is full (flush it). */
bool imp_sums_add(struct imp_sums *s, int64_t id, int64_t v);
void imp_sums_reset(struct imp_sums *s);

#endif /* CONSULT_IMPORT_CACHE_H */
