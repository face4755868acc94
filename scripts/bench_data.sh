#!/usr/bin/env bash
# Build the benchmark database of SIZE leads (default 1000000; database
# $BENCH_DB, default sales_intelligence_bench for 1000000 leads and
# sales_intelligence_bench_<SIZE> for other sizes): a copy of the test
# database with a large dataset loaded by scripts/generate_bench_data.py,
# orders, contracts and companies scaled with the leads (1,000 reps in 100
# teams at every size). A database that already holds the data is reused.
# Extra arguments go to the generator. With --run, the benchmark suite
# (benchmarks/run.py) runs on it afterwards: `make bench`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/env.sh"
SIZE="${SIZE:-1000000}"
if [ "$SIZE" = 1000000 ]; then
    BENCH_DB="${BENCH_DB:-sales_intelligence_bench}"
else
    BENCH_DB="${BENCH_DB:-sales_intelligence_bench_$SIZE}"
fi
RUN=0
if [ "${1:-}" = "--run" ]; then
    RUN=1
    shift
fi
bash "$ROOT/scripts/bootstrap.sh"
EXTRA_ADDONS=queue_job bash "$ROOT/scripts/build_db.sh" "$TEST_DB"  # the test database, as make test builds it
if ! psql -d postgres -tAc "select 1 from pg_database where datname = '$BENCH_DB'" | grep -q 1; then
    echo "==> Creating $BENCH_DB from $TEST_DB"
    createdb -T "$TEST_DB" "$BENCH_DB"
    rm -rf "$ODOO_DATA/filestore/$BENCH_DB"
    cp -r "$ODOO_DATA/filestore/$TEST_DB" "$ODOO_DATA/filestore/$BENCH_DB" 2>/dev/null || true
fi
PARTNERS=$(( SIZE / 100 > 1000 ? SIZE / 100 : 1000 ))
"$VENV/bin/python" "$ROOT/scripts/generate_bench_data.py" -c "$ODOO_CONF" -d "$BENCH_DB" \
    --leads "$SIZE" --orders $(( SIZE / 5 )) --contracts $(( SIZE / 10 )) \
    --partners "$PARTNERS" "$@"
if [ "$RUN" = 1 ]; then
    echo "==> Updating the addons of $BENCH_DB"
    odoo -c "$ODOO_CONF" -d "$BENCH_DB" --stop-after-init \
        --log-level=warn -u sales_intelligence,sales_intelligence_kb,sales_intelligence_reports
    echo "==> Benchmark suite on $BENCH_DB (machine load: $(uptime))"
    "$VENV/bin/python" "$ROOT/benchmarks/run.py" -c "$ODOO_CONF" -d "$BENCH_DB" \
        --size "$SIZE" --out "$ROOT/build"
fi
