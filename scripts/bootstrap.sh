#!/usr/bin/env bash
# Prepare everything the product and its tests need on a machine of this kind:
# Debian packages, lessc, the Python 3.7 virtualenv with Odoo 11 and the OCA
# addons, the lint environment, and a running PostgreSQL with a role for us.
# Idempotent: a second run only checks and returns quickly.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/env.sh"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# --- Debian packages -------------------------------------------------------
APT_PACKAGES=(postgresql postgresql-client libldap2-dev libsasl2-dev libpq-dev
              chromium chromium-driver fonts-noto-cjk wkhtmltopdf)
missing=()
# npm may come with a Node.js that is not Debian's (it then conflicts with Debian's npm)
command -v npm >/dev/null || APT_PACKAGES+=(nodejs npm)
for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    command -v apt-get >/dev/null || die "missing Debian packages: ${missing[*]} (no apt-get here: install them by hand)"
    [ "$(id -u)" = 0 ] || SUDO=sudo
    say "Installing Debian packages: ${missing[*]}"
    ${SUDO:-} apt-get update -qq
    DEBIAN_FRONTEND=noninteractive ${SUDO:-} apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- lessc (Odoo 11 compiles its LESS assets with it) -----------------------
if ! command -v lessc >/dev/null; then
    say "Installing lessc 3.0.4"
    npm install -g --silent less@3.0.4 less-plugin-clean-css >/dev/null
fi

# --- Python 3.7 virtualenv ---------------------------------------------------
is_py37() { "$1" -c 'import sys; assert sys.version_info[:2] == (3, 7)' 2>/dev/null; }
find_python37() {
    # pyenv's shims answer on PATH even when 3.7 is not the selected version,
    # so every candidate is asked for its version.
    local candidates=("${PYTHON:-}")
    [ -n "${PYTHON:-}" ] || {
        candidates=(python3.7)
        command -v pyenv >/dev/null && candidates+=("$(pyenv root)"/versions/3.7*/bin/python3.7)
        candidates+=(/usr/bin/python3.7 /usr/local/bin/python3.7)
    }
    for p in "${candidates[@]}"; do is_py37 "$p" && { command -v "$p"; return; }; done
}
if [ ! -x "$VENV/bin/python" ]; then
    PY="$(find_python37)"
    [ -n "$PY" ] || die \
"Python 3.7 not found (Odoo 11 needs it). Looked for \$PYTHON, python3.7 on PATH,
pyenv's versions/3.7.* and /usr/bin. Install Python 3.7 (e.g. 'pyenv install 3.7.16')
or point to one with PYTHON=/path/to/python3.7."
    say "Creating the Python 3.7 virtualenv in $VENV"
    "$PY" -m venv "$VENV"
fi
stamp="$VENV/.requirements.sha"
want="$(cat "$ROOT/requirements.txt" "$ROOT/requirements-oca.txt" | sha1sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "Installing Python dependencies (Odoo 11, OCA addons, test tools)"
    # setuptools < 58 and no build isolation: some of Odoo 11's dependencies
    # (vatnumber) still use setup(use_2to3=...), which newer setuptools refuse.
    pip_log="$VENV/pip.log"
    {
        "$VENV/bin/pip" install --upgrade "pip<24" "setuptools<58" "wheel<0.38" &&
        "$VENV/bin/pip" install --no-build-isolation -r "$ROOT/requirements.txt" &&
        "$VENV/bin/pip" install --no-deps -r "$ROOT/requirements-oca.txt"
    } > "$pip_log" 2>&1 || { grep -v '^WARNING: Location' "$pip_log" | tail -30; die "pip install failed (log: $pip_log)"; }
    echo "$want" > "$stamp"
fi

# --- lint environment on the system Python (pylint-odoo needs Python >= 3.10) --
if [ ! -x "$LINT_VENV/bin/pylint" ] || [ "$(cat "$LINT_VENV/.sha" 2>/dev/null)" != "$(sha1sum < "$ROOT/requirements-lint.txt")" ]; then
    say "Creating the lint environment in $LINT_VENV"
    LINT_PY="$(command -v python3)"
    "$LINT_PY" -c 'import sys; assert sys.version_info >= (3, 10)' || die "lint tools need a python3 >= 3.10 on PATH"
    "$LINT_PY" -m venv "$LINT_VENV"
    "$LINT_VENV/bin/pip" install -r "$ROOT/requirements-lint.txt" > "$LINT_VENV/pip.log" 2>&1 \
        || { tail -20 "$LINT_VENV/pip.log"; die "pip install of the lint tools failed"; }
    sha1sum < "$ROOT/requirements-lint.txt" > "$LINT_VENV/.sha"
fi

# --- PostgreSQL --------------------------------------------------------------
if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
    say "Starting PostgreSQL"
    cluster="$(pg_lsclusters -h | awk 'NR==1{print $1" "$2}')"
    [ -n "$cluster" ] || die "no PostgreSQL cluster found (pg_lsclusters is empty)"
    pg_ctlcluster --skip-systemctl-redirect $cluster start
    for _ in $(seq 30); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && break; sleep 1; done
    pg_isready -q -h "$PGHOST" -p "$PGPORT" || die "PostgreSQL did not start"
fi
if ! psql -h "$PGHOST" -p "$PGPORT" -d postgres -tAc 'select 1' >/dev/null 2>&1; then
    say "Creating the PostgreSQL role $PGUSER"
    su postgres -c "createuser -U postgres -h '$PGHOST' -p '$PGPORT' -s '$PGUSER'" \
        || die "could not create role $PGUSER; create a superuser role for it by hand"
fi

# --- Odoo configuration ------------------------------------------------------
mkdir -p "$ODOO_DATA"
"$VENV/bin/python" "$ROOT/scripts/write_config.py" > "$ODOO_CONF"
say "Ready: $("$VENV/bin/python" --version), $(lessc --version | cut -d' ' -f1-2), $(chromium --version 2>/dev/null | head -1)"
