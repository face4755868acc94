#!/usr/bin/env bash
# Build the benchmark database ($BENCH_DB, default sales_intelligence_bench):
# a copy of the test database with a large dataset loaded by
# scripts/generate_bench_data.py. Extra arguments go to the generator
# (e.g. --leads 200000). Then run the benchmarks in benchmarks/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/env.sh"
BENCH_DB="${BENCH_DB:-sales_intelligence_bench}"
bash "$ROOT/scripts/bootstrap.sh"
bash "$ROOT/scripts/build_db.sh" "$TEST_DB"
if ! psql -d postgres -tAc "select 1 from pg_database where datname = '$BENCH_DB'" | grep -q 1; then
    echo "==> Creating $BENCH_DB from $TEST_DB"
    createdb -T "$TEST_DB" "$BENCH_DB"
    rm -rf "$ODOO_DATA/filestore/$BENCH_DB"
    cp -r "$ODOO_DATA/filestore/$TEST_DB" "$ODOO_DATA/filestore/$BENCH_DB" 2>/dev/null || true
fi
"$VENV/bin/python" "$ROOT/scripts/generate_bench_data.py" -c "$ODOO_CONF" -d "$BENCH_DB" "$@"
