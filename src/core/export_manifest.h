/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * export_manifest.h: what export.c asks of the manifests
 * (export_manifest.c), and the pieces of their format that the backup
 * manifests (backup.c) share: "key: value" lines, values on one line with
 * a backslash, CR or LF written \\, \r, \n.
 */
#ifndef CONSULT_EXPORT_MANIFEST_H
#define CONSULT_EXPORT_MANIFEST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "consult/export.h"

/* Print the manifest of an export (see cs_export_manifest_write) on `fp`.
 * Returns CS_OK or CS_EIO. */
enum cs_rc export_manifest_print(FILE *fp,
                                 const struct cs_export_options *opt,
                                 const char *path, const char *top_path,
                                 const struct cs_export_result *res,
                                 struct cs_error *err);

/* "FILE.manifest", the manifest beside `path`; NULL when out of memory.
 * The caller frees it. */
char *export_manifest_path(const char *path);

/* Write the line "key: value" on `fp`, `v` escaped (NULL: empty). */
void manifest_put(FILE *fp, const char *key, const char *v);

/* The same for a number. */
void manifest_put_int(FILE *fp, const char *key, int64_t v);

/* Undo manifest_put's escapes in `s`, in place. */
void manifest_unescape(char *s);

/* SHA-256 (hex) and size of the file at `path`. CS_OK, CS_ENOTFOUND,
 * CS_EIO, CS_ENOMEM. */
enum cs_rc manifest_file_digest(const char *path, char hex[CS_HASH_HEX],
                                uint64_t *bytes, struct cs_error *err);

/*
 * Before an import of the file at `path`: when a manifest lies beside it
 * (`path`.manifest), check the file against it (unless `no_verify`) and
 * give the database id it names in `db_id` ("" when there is no manifest,
 * it names none, or with `no_verify` it cannot be read as one).
 * Returns CS_OK; CS_ECONFLICT (the file fails its manifest: the message
 * says how, and that --no-verify imports it as it is); CS_EINVAL (the
 * manifest is not a consult manifest); CS_EIO; CS_ENOMEM.
 */
enum cs_rc manifest_import_check(const char *path, bool no_verify,
                                 char db_id[CS_DB_ID_HEX],
                                 struct cs_error *err);

#endif /* CONSULT_EXPORT_MANIFEST_H */
