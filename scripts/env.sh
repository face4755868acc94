# Shared settings of the project's scripts; each may be overridden from the environment.
ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export VENV="${VENV:-$ROOT/.venv}"
export LINT_VENV="${LINT_VENV:-$ROOT/.venv-lint}"
export ODOO_HOME="${ODOO_HOME:-$ROOT/.odoo}"
# The Odoo 18.0 server: $ODOO_SRC if set, else this archive, else a clone (bootstrap.sh)
export ODOO_ARCHIVE="${ODOO_ARCHIVE:-$ROOT/../shared/odoo/odoo-18.0-20241002.tar.xz}"
export ODOO_CONF="${ODOO_CONF:-$ODOO_HOME/odoo.cfg}"
export ODOO_DATA="${ODOO_DATA:-$ODOO_HOME/data}"
export ODOO_PORT="${ODOO_PORT:-8069}"
export DEMO_DB="${DEMO_DB:-sales_intelligence_demo}"
export TEST_DB="${TEST_DB:-sales_intelligence_test}"
export PGHOST="${PGHOST:-/var/run/postgresql}"
export PGPORT="${PGPORT:-5432}"
export PGUSER="${PGUSER:-$(id -un)}"
export SCREENSHOTS="${SCREENSHOTS:-$ROOT/build/screenshots}"
# Odoo addons shipped with the product, next to the OCA ones installed in the venv
export ADDONS="sales_intelligence,sales_intelligence_kb,sales_intelligence_reports"
odoo() { "$VENV/bin/python" -c "import odoo; odoo.cli.main()" "$@"; }
