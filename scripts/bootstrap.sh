#!/usr/bin/env bash
# Prepare everything the product and its tests need on a Debian 12 machine:
# Debian packages, the Odoo 18.0 server tree, the Python 3.11 virtualenv with
# Odoo's requirements and the OCA addons, the lint environment, and a running
# PostgreSQL with a role for us.
# Idempotent: a second run only checks and returns quickly.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/env.sh"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || SUDO=sudo

# --- Debian packages -------------------------------------------------------
APT_PACKAGES=(postgresql postgresql-client python3-venv python3-dev build-essential
              libldap2-dev libsasl2-dev libpq-dev libxml2-dev libxslt1-dev libjpeg-dev
              zlib1g-dev chromium chromium-driver fonts-noto-cjk wkhtmltopdf)
missing=()
for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    command -v apt-get >/dev/null || die "missing Debian packages: ${missing[*]} (no apt-get here: install them by hand)"
    say "Installing Debian packages: ${missing[*]}"
    pg_before="$(dpkg-query -W -f='${Version}' 'postgresql-[0-9]*' 2>/dev/null || true)"
    ${SUDO:-} apt-get update -qq
    DEBIAN_FRONTEND=noninteractive ${SUDO:-} apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    # A PostgreSQL server upgraded under its feet (libpq-dev can pull a newer
    # postgresql-15) can no longer load its libraries (plpgsql): restart it.
    pg_after="$(dpkg-query -W -f='${Version}' 'postgresql-[0-9]*' 2>/dev/null || true)"
    if [ "$pg_before" != "$pg_after" ] && pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; then
        cluster="$(pg_lsclusters -h | awk 'NR==1{print $1" "$2}')"
        ${SUDO:-} pg_ctlcluster --skip-systemctl-redirect $cluster restart
    fi
fi

# --- the Odoo 18.0 server tree -----------------------------------------------
# From $ODOO_SRC when set, else the shared archive (checksum checked, unpacked
# into the ignored folder .odoo-src/), else a shallow clone of Odoo's 18.0 branch.
if [ -n "${ODOO_SRC:-}" ]; then
    [ -f "$ODOO_SRC/odoo-bin" ] || die "ODOO_SRC=$ODOO_SRC holds no odoo-bin"
    ODOO_TREE="$(cd "$ODOO_SRC" && pwd)"
    ODOO_FROM="ODOO_SRC ($ODOO_TREE)"
else
    ODOO_TREE="$ROOT/.odoo-src/odoo-18.0"
    if [ ! -f "$ODOO_TREE/odoo-bin" ]; then
        mkdir -p "$ROOT/.odoo-src"
        if [ -f "$ODOO_ARCHIVE" ]; then
            say "Unpacking the Odoo 18.0 server from $(basename "$ODOO_ARCHIVE")"
            (cd "$(dirname "$ODOO_ARCHIVE")" && sha256sum -c --quiet SHA256SUMS) \
                || die "checksum of $ODOO_ARCHIVE does not match its SHA256SUMS"
            tar -xJf "$ODOO_ARCHIVE" -C "$ROOT/.odoo-src"
            echo "the archive $(basename "$ODOO_ARCHIVE") (checksum verified)" > "$ROOT/.odoo-src/SOURCE"
        else
            say "Cloning Odoo's 18.0 branch (no ODOO_SRC, no archive at $ODOO_ARCHIVE)"
            git clone -q --depth 1 --branch 18.0 https://github.com/odoo/odoo.git "$ODOO_TREE"
            echo "a shallow clone of Odoo's 18.0 branch" > "$ROOT/.odoo-src/SOURCE"
        fi
    fi
    ODOO_FROM="$(cat "$ROOT/.odoo-src/SOURCE" 2>/dev/null || echo "an existing tree")"
fi

# --- Python 3.11 virtualenv ----------------------------------------------------
PY="${PYTHON:-/usr/bin/python3}"
"$PY" -c 'import sys; assert (3, 10) <= sys.version_info[:2] <= (3, 12)' 2>/dev/null \
    || die "$PY is not Python 3.10-3.12 (Odoo 18 needs one); set PYTHON=/path/to/python3"
if [ ! -x "$VENV/bin/python" ]; then
    say "Creating the Python virtualenv in $VENV ($("$PY" --version))"
    "$PY" -m venv "$VENV"
fi
site="$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
# Odoo's tree is not a distribution on PyPI: the venv imports it through a .pth
echo "$ODOO_TREE" > "$site/odoo-server.pth"
stamp="$VENV/.requirements.sha"
want="$(cat "$ODOO_TREE/requirements.txt" "$ROOT/requirements.txt" "$ROOT/requirements-oca.txt" | sha1sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "Installing Python dependencies (Odoo 18's requirements, OCA addons, test tools)"
    pip_log="$VENV/pip.log"
    # cbor2==5.4.2 (Odoo's pin) builds only with a setuptools that has pkg_resources
    constraint="$VENV/build-constraints.txt"
    echo "setuptools<70" > "$constraint"
    {
        "$VENV/bin/pip" install -q --upgrade "pip==25.3" &&
        PIP_BUILD_CONSTRAINT="$constraint" "$VENV/bin/pip" install -q -r "$ODOO_TREE/requirements.txt" &&
        "$VENV/bin/pip" install -q -r "$ROOT/requirements.txt" &&
        "$VENV/bin/pip" install -q --no-deps -r "$ROOT/requirements-oca.txt"
    } > "$pip_log" 2>&1 || { grep -v '^WARNING: Location' "$pip_log" | tail -30; die "pip install failed (log: $pip_log)"; }
    echo "$want" > "$stamp"
fi

# --- lint environment ----------------------------------------------------------
if [ ! -x "$LINT_VENV/bin/pylint" ] || [ "$(cat "$LINT_VENV/.sha" 2>/dev/null)" != "$(sha1sum < "$ROOT/requirements-lint.txt")" ]; then
    say "Creating the lint environment in $LINT_VENV"
    "$PY" -m venv "$LINT_VENV"
    "$LINT_VENV/bin/pip" install -q -r "$ROOT/requirements-lint.txt" > "$LINT_VENV/pip.log" 2>&1 \
        || { tail -20 "$LINT_VENV/pip.log"; die "pip install of the lint tools failed"; }
    sha1sum < "$ROOT/requirements-lint.txt" > "$LINT_VENV/.sha"
fi

# --- PostgreSQL --------------------------------------------------------------
if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
    say "Starting PostgreSQL"
    cluster="$(pg_lsclusters -h | awk 'NR==1{print $1" "$2}')"
    [ -n "$cluster" ] || die "no PostgreSQL cluster found (pg_lsclusters is empty)"
    ${SUDO:-} pg_ctlcluster --skip-systemctl-redirect $cluster start
    for _ in $(seq 30); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && break; sleep 1; done
    pg_isready -q -h "$PGHOST" -p "$PGPORT" || die "PostgreSQL did not start"
fi
if ! psql -h "$PGHOST" -p "$PGPORT" -d postgres -tAc 'select 1' >/dev/null 2>&1; then
    say "Creating the PostgreSQL role $PGUSER"
    ${SUDO:-} su postgres -c "createuser -U postgres -h '$PGHOST' -p '$PGPORT' -s '$PGUSER'" \
        || die "could not create role $PGUSER; create a superuser role for it by hand"
fi

# --- Odoo configuration ------------------------------------------------------
mkdir -p "$ODOO_DATA"
"$VENV/bin/python" "$ROOT/scripts/write_config.py" > "$ODOO_CONF"
say "Ready: Odoo $("$VENV/bin/python" -c 'import odoo; print(odoo.release.version)') from $ODOO_FROM, $("$VENV/bin/python" --version), $(chromium --version 2>/dev/null | head -1)"
