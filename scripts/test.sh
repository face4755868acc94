#!/usr/bin/env bash
# Set up everything, then run the whole test suite in one pytest session:
# the addons' own tests and Odoo's crm, sale_crm and OCA contract tests (in-process, on
# the test database), packaging and lint checks, and the client and browser
# tests against an Odoo server the suite starts on the same database.
# Extra arguments go to pytest (e.g. a single test file).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/env.sh"
bash "$ROOT/scripts/bootstrap.sh"
# with the OCA job queue, so that the long jobs' queued path is tested too
EXTRA_ADDONS=queue_job bash "$ROOT/scripts/build_db.sh" "$TEST_DB"
cd "$ROOT"
if (($#)); then
    targets=("$@")
else
    # Odoo's own suites of the models the addons extend, run with them installed
    core="$("$VENV/bin/python" -c 'import odoo, os; print(os.path.dirname(odoo.__file__))')/addons"
    oca="$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/odoo/addons"
    targets=()
    for addon in ${ADDONS//,/ }; do targets+=("$addon/tests"); done
    targets+=("$core/crm/tests" "$core/sale_crm/tests" "$oca/contract/tests"
              tests/hardening tests/upgrade tests/i18n tests/packaging tests/lint tests/bench
              tests/client tests/browser)
fi
# no queue_job runner in the suite's servers (see conftest.py)
export ODOO_QUEUE_JOB_CHANNELS="${ODOO_QUEUE_JOB_CHANNELS:-root:0}"
exec "$VENV/bin/python" -m pytest --odoo-config "$ODOO_CONF" --odoo-database "$TEST_DB" \
    --odoo-http -p no:cacheprovider -o log_cli=false "${targets[@]}"
