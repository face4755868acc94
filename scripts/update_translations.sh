#!/usr/bin/env bash
# Regenerate each addon's i18n/<addon>.pot and i18n/zh_CN.po from a database
# where the addons are installed, in Odoo 18.0's format (Python terms marked
# "#. odoo-python", JS/QWeb terms "#. odoo-javascript": Odoo only uses a code
# translation whose entry carries that mark).
#
# Usage: scripts/update_translations.sh [-c ODOO_CONF] [DB] [ADDON ...]
#   DB defaults to $TEST_DB, the addons to all of the product's addons that
#   are installed in DB; the configuration to $ODOO_CONF (scripts/env.sh).
#
# 1. Remember every translation of the current zh_CN.po files (msgid -> msgstr).
# 2. Update the addons in DB, loading their .po files over what DB holds.
# 3. Export each addon's template (.pot) and its zh_CN.po.
# 4. Where the export comes back untranslated, take the msgstr remembered in 1
#    for the same msgid; new terms keep an empty msgstr, so that what is left to
#    translate shows (and tests/i18n catches it). Terms gone from the code are
#    dropped.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/env.sh"
if [ "${1:-}" = "-c" ]; then
    ODOO_CONF="$2"
    shift 2
fi
DB="${1:-$TEST_DB}"
if [ "$#" -gt 0 ]; then shift; fi
if [ "$#" -gt 0 ]; then
    wanted="$*"
else
    wanted="${ADDONS//,/ }"
fi
LANG_CODE=zh_CN

installed=()
for addon in $wanted; do
    state="$(psql -d "$DB" -Atc "SELECT state FROM ir_module_module WHERE name = '$addon'")"
    if [ "$state" = "installed" ]; then
        installed+=("$addon")
    else
        echo "$addon is not installed in $DB (${state:-unknown}): skipped" >&2
    fi
done
if [ "${#installed[@]}" -eq 0 ]; then
    echo "none of the addons ($wanted) is installed in $DB" >&2
    exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# 1. Today's files (their translations), before anything is rewritten
for addon in "${installed[@]}"; do
    for name in "$LANG_CODE.po" "$addon.pot"; do
        if [ -f "$ROOT/$addon/i18n/$name" ]; then
            cp "$ROOT/$addon/i18n/$name" "$tmp/previous.$addon.$name"
        fi
    done
done

# 2. Update the addons; --i18n-overwrite: their .po files win over the database
addon_list="$(IFS=,; echo "${installed[*]}")"
odoo -c "$ODOO_CONF" -d "$DB" -u "$addon_list" --i18n-overwrite --stop-after-init --log-level=warn

# 3. Export (the template first: Odoo reads the code translations of zh_CN.po
#    through the comments of the .pot next to it)
for addon in "${installed[@]}"; do
    mkdir -p "$ROOT/$addon/i18n"
    odoo -c "$ODOO_CONF" -d "$DB" --modules="$addon" --i18n-export="$tmp/$addon.pot" \
        --stop-after-init --log-level=warn
    mv "$tmp/$addon.pot" "$ROOT/$addon/i18n/$addon.pot"
    odoo -c "$ODOO_CONF" -d "$DB" --modules="$addon" --language="$LANG_CODE" \
        --i18n-export="$tmp/$addon.$LANG_CODE.po" --stop-after-init --log-level=warn
done

# 4. Carry the previous translations over and write the final zh_CN.po files;
#    a file whose only change would be its export date is left as it was.
"$VENV/bin/python" - "$ROOT" "$tmp" "$LANG_CODE" "${installed[@]}" <<'PY'
import os
import re
import shutil
import sys

import polib

root, tmp, lang = sys.argv[1:4]
# Terms written the same way in Chinese (tests/i18n/test_translations.py)
SAME_IN_CHINESE = {"ID", "B2B", "B2C", "res.config.settings"}


DATES = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): .*$', re.M)


def keep_if_only_dates_changed(path, previous_path):
    if not os.path.exists(previous_path):
        return
    with open(path, encoding="utf-8") as new, open(previous_path, encoding="utf-8") as old:
        if DATES.sub("", new.read()) == DATES.sub("", old.read()):
            shutil.copyfile(previous_path, path)


def translated(entry):
    msgstr = entry.msgstr.strip()
    if not msgstr or "fuzzy" in entry.flags or entry.obsolete:
        return False
    return entry.msgstr != entry.msgid or entry.msgid in SAME_IN_CHINESE


for addon in sys.argv[4:]:
    previous = {}
    old_path = os.path.join(tmp, "previous.%s.%s.po" % (addon, lang))
    if os.path.exists(old_path):
        previous = {e.msgid: e.msgstr for e in polib.pofile(old_path) if e.msgid and translated(e)}
    po = polib.pofile(os.path.join(tmp, "%s.%s.po" % (addon, lang)), wrapwidth=78)
    kept = carried = missing = 0
    for entry in po:
        if translated(entry):
            kept += 1
        elif entry.msgid in previous:
            entry.msgstr = previous[entry.msgid]
            carried += 1
        else:
            # Odoo exports a term translated as itself as untranslated: keep it so
            entry.msgstr = entry.msgid if entry.msgid in SAME_IN_CHINESE else ""
            missing += entry.msgid not in SAME_IN_CHINESE
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    dropped = len(set(previous) - {e.msgid for e in po})
    po.metadata.update({"Language": lang, "Plural-Forms": "nplurals=1; plural=0;"})
    po_path = os.path.join(root, addon, "i18n", lang + ".po")
    po.save(po_path)
    keep_if_only_dates_changed(po_path, os.path.join(tmp, "previous.%s.%s.po" % (addon, lang)))
    keep_if_only_dates_changed(os.path.join(root, addon, "i18n", addon + ".pot"),
                               os.path.join(tmp, "previous.%s.%s.pot" % (addon, addon)))
    print("%s: %d entries, %d translated by the export, %d carried over from the "
          "previous %s.po, %d to translate, %d obsolete dropped"
          % (addon, len(po), kept, carried, lang, missing, dropped))
PY
