#!/usr/bin/env bash
# Set up everything and serve the demo database on http://127.0.0.1:$ODOO_PORT.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/env.sh"
bash "$ROOT/scripts/bootstrap.sh"
bash "$ROOT/scripts/build_db.sh" "$DEMO_DB"
mkdir -p "$ROOT/build"
log="$ROOT/build/odoo-demo.log"
: > "$log"
"$VENV/bin/python" -c "import odoo; odoo.cli.main()" -c "$ODOO_CONF" -d "$DEMO_DB" \
    --db-filter="^$DEMO_DB\$" --log-level=info --logfile="$log" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null' INT TERM EXIT
# Odoo opens its port before the database is loaded: announce the server once
# the registry is ready.
for _ in $(seq 300); do
    grep -q "Registry loaded in" "$log" && break
    kill -0 "$server" 2>/dev/null || { tail -30 "$log"; exit 1; }
    sleep 1
done
cat <<MSG

  Sales Intelligence is running on http://127.0.0.1:$ODOO_PORT (database $DEMO_DB)
    administrator:  admin / admin
    sales managers: manager1, manager2 / manager
    sales reps:     rep1 .. rep12 / rep
    finance:        finance / finance
  Server log: build/odoo-demo.log. Stop it with Ctrl-C.

MSG
wait "$server"
