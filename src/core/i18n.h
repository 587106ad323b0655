/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * i18n.h: gettext for the core. The core's messages use the "consult"
 * domain explicitly (dgettext), so they are translated whatever text domain
 * the program that links libconsult has chosen.
 */
#ifndef CONSULT_I18N_H
#define CONSULT_I18N_H

#include <libintl.h>

#define CS_TEXTDOMAIN "consult"
#define _(s) dgettext(CS_TEXTDOMAIN, s)
#define N_(s) (s)

#endif /* CONSULT_I18N_H */
