#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
#
# translations.sh: every message of the sources is translated in every
# po/*.po (none missing, untranslated or fuzzy), checked against the
# sources themselves rather than against po/consult.pot, which may lag.
# Skipped (77) without the gettext tools.
set -u
: "${CONSULT_SRC:?set CONSULT_SRC to the source tree}"
for tool in xgettext msgmerge msgattrib; do
    command -v "$tool" >/dev/null || { echo "no $tool: skipped"; exit 77; }
done
cd "$CONSULT_SRC" && bash scripts/update-po --check
