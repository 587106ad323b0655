/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * value.h: reading one value as people write it (value.c).
 */
#ifndef CONSULT_VALUE_H
#define CONSULT_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consult/error.h"

/*
 * The key a header is compared by: util_fold (case, accents, blanks), then
 * every character that is not a letter or a digit taken as a space ("N°
 * formulaire", "n_formulaire" and "N. Formulaire" give "n formulaire").
 * Caller frees. NULL when out of memory or not UTF-8.
 */
char *value_header_key(const char *s);

/*
 * A date as cs_date_parse writes it (out >= 32 bytes), quicker for the
 * forms files use most (YYYY-MM-DD, DD/MM/YYYY, YYYY-MM-DD HH:MM:SS) and
 * the same result as cs_date_parse for every input (a unit test compares
 * them). CS_OK or CS_EINVAL with err->field = `field`.
 */
enum cs_rc value_date(const char *s, const char *field, char out[32],
                      struct cs_error *err);

/* Yes or no, in French or English ("oui", "x", "1", "true"...); empty is
 * no. CS_OK or CS_EINVAL. */
enum cs_rc value_bool(const char *s, const char *field, bool *out,
                      struct cs_error *err);

/* A whole number >= 0 (blanks, and spaces or dots grouping thousands
 * allowed). CS_OK or CS_EINVAL. */
enum cs_rc value_count(const char *s, const char *field, int64_t *out,
                     struct cs_error *err);

/* A positive id ("12", "#12"). CS_OK or CS_EINVAL. */
enum cs_rc value_id(const char *s, const char *field, int64_t *out,
                  struct cs_error *err);

/* Characters (not bytes) in UTF-8 `s`. */
size_t value_u8_chars(const char *s, size_t n);

/* True if `key` is one of the '|'-separated `list`. */
bool value_in_list(const char *list, const char *key);

#endif /* CONSULT_VALUE_H */
