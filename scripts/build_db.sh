#!/usr/bin/env bash
# build_db.sh DB: make sure database DB exists with Odoo's demo data, the three
# addons installed and the project's demo dataset generated. Reuses an existing
# database; updates the addons when their code changed since the last build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/env.sh"
DB="${1:?usage: build_db.sh DATABASE}"
# Addons installed besides the product's, e.g. EXTRA_ADDONS=queue_job (test.sh)
INSTALL="$ADDONS${EXTRA_ADDONS:+,$EXTRA_ADDONS}"
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

addons_sha() {
    (cd "$ROOT" && find ${ADDONS//,/ } scripts/generate_demo_data.py scripts/odoo_env.py scripts/demo \
        -type f ! -name '*.pyc' -print0 2>/dev/null | sort -z \
        | xargs -0 sha1sum | sha1sum | cut -d' ' -f1)
}
stamp="$ODOO_HOME/$DB.sha"
installed() {
    psql -d "$DB" -tAc "select count(*) from ir_module_module
        where name = any(string_to_array('$INSTALL', ',')) and state = 'installed'" \
        2>/dev/null | grep -qx "$(tr ',' '\n' <<< "$INSTALL" | wc -l)"
}

exists() { psql -d postgres -tAc "select 1 from pg_database where datname = '$DB'" | grep -q 1; }
# A database this checkout did not build (no stamp, or no filestore: a new
# clone, or a removed .odoo) refers to files that are not here, the web
# client's asset bundles among them: the login page would load without them.
if exists && { [ ! -f "$stamp" ] || [ ! -d "$ODOO_DATA/filestore/$DB" ]; }; then
    say "Database $DB was not built by this checkout (its files are missing): dropping it"
    dropdb "$DB"
    rm -rf "$ODOO_DATA/filestore/$DB"
fi
if ! installed; then
    if exists; then
        say "Database $DB is incomplete: dropping it"
        dropdb "$DB"
        rm -rf "$ODOO_DATA/filestore/$DB"
    fi
    say "Creating $DB with Odoo's demo data, Chinese and the addons (about 3 minutes)"
    # base first, so that English stays the users' language (Odoo's own test
    # suites expect it); Chinese is loaded with the addons, not made the default
    odoo -c "$ODOO_CONF" -d "$DB" -i base --stop-after-init --log-level=warn
    odoo -c "$ODOO_CONF" -d "$DB" -i "$INSTALL" --load-language=zh_CN \
        --stop-after-init --log-level=warn
    say "Generating the demo dataset"
    "$VENV/bin/python" "$ROOT/scripts/generate_demo_data.py" -c "$ODOO_CONF" -d "$DB"
    addons_sha > "$stamp"
elif [ "$(cat "$stamp" 2>/dev/null)" != "$(addons_sha)" ]; then
    say "Updating the addons in $DB (their code changed)"
    odoo -c "$ODOO_CONF" -d "$DB" -u "$INSTALL" --stop-after-init --log-level=warn
    "$VENV/bin/python" "$ROOT/scripts/generate_demo_data.py" -c "$ODOO_CONF" -d "$DB"
    addons_sha > "$stamp"
else
    say "Database $DB is up to date"
fi
