#!/usr/bin/env bash
# Set up everything and serve the demo database on http://127.0.0.1:$ODOO_PORT.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/env.sh"
bash "$ROOT/scripts/bootstrap.sh"
bash "$ROOT/scripts/build_db.sh" "$DEMO_DB"
cat <<MSG

  Sales Intelligence is starting on http://127.0.0.1:$ODOO_PORT (database $DEMO_DB)
    manager:  admin / admin
    rep:      rep1@example.com / rep   (any repN@example.com, N = 1..12)
  Stop it with Ctrl-C.

MSG
exec "$VENV/bin/python" -c "import odoo; odoo.cli.main()" -c "$ODOO_CONF" -d "$DEMO_DB" \
    --db-filter="^$DEMO_DB\$" --log-level=warn
