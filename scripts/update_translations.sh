#!/usr/bin/env bash
# Regenerate each addon's i18n/<addon>.pot and refresh i18n/zh_CN.po from the
# database (existing translations kept, new terms added with an empty msgstr,
# to be filled in). Usage: scripts/update_translations.sh [DB]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/env.sh"
DB="${1:-$TEST_DB}"
# --i18n-overwrite: the .po files of the addons win over what the database holds
odoo -c "$ODOO_CONF" -d "$DB" -u "$ADDONS" --i18n-overwrite --stop-after-init --log-level=warn
tmp="$(mktemp -d)"
for addon in ${ADDONS//,/ }; do
    odoo -c "$ODOO_CONF" -d "$DB" --modules="$addon" --i18n-export="$tmp/$addon.po" \
        --stop-after-init --log-level=warn
    mv "$tmp/$addon.po" "$ROOT/$addon/i18n/$addon.pot"
    odoo -c "$ODOO_CONF" -d "$DB" --modules="$addon" --language=zh_CN \
        --i18n-export="$ROOT/$addon/i18n/zh_CN.po" --stop-after-init --log-level=warn
done
rmdir "$tmp"
# Odoo stores untranslated terms with their source text: export those as
# empty, so that what is left to translate shows (and tests/i18n catches it).
"$VENV/bin/python" - "$ROOT" <<'PY'
import glob, sys
import polib
for path in glob.glob(sys.argv[1] + "/*/i18n/zh_CN.po"):
    po = polib.pofile(path, wrapwidth=78)
    for entry in po:
        if entry.msgstr == entry.msgid and entry.msgid not in ("ID", "B2B", "B2C", "res.config.settings"):
            entry.msgstr = ""
    po.metadata.update({"Language": "zh_CN", "Plural-Forms": "nplurals=1; plural=0;"})
    po.save(path)
PY
