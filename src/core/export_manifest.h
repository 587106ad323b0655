/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * export_manifest.h: what export.c asks of the manifests
 * (export_manifest.c).
 */
#ifndef CONSULT_EXPORT_MANIFEST_H
#define CONSULT_EXPORT_MANIFEST_H

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

#endif /* CONSULT_EXPORT_MANIFEST_H */
