#!/usr/bin/env bash
# Brings a fresh Debian machine (root or sudo) to the point where Odoo 11 can
# serve or test this addon. Idempotent: each step checks before it acts, so a
# second run takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# --- Debian packages --------------------------------------------------------
DEB_PACKAGES="postgresql node-less wkhtmltopdf fonts-noto-cjk poppler-utils chromium"
missing=""
for p in $DEB_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    log "installing Debian packages:$missing"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

# --- Python 3.7 (Odoo 11 breaks on 3.10+) -----------------------------------
find_python37() {
    local root candidate
    root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
    for candidate in $(ls -d "$root"/versions/3.7.*/bin/python3.7 2>/dev/null | sort -rV) \
                     $(command -v python3.7 2>/dev/null); do
        # a pyenv shim exists even when no 3.7 is selected: ask it to run
        if "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 7)' 2>/dev/null; then
            echo "$candidate"; return
        fi
    done
}
PY37=$(find_python37 || true)
if [ -z "$PY37" ]; then
    echo "Python 3.7 is required (Odoo 11 does not run on newer Pythons): install it, e.g. 'pyenv install 3.7', and run this again." >&2
    exit 1
fi

# --- virtualenvs: Odoo (3.7) and the browser driver (Playwright, newer Python)
stamp_ok() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }
ODOO_REQ_HASH=$(cat requirements.txt requirements-odoo.txt requirements-lint.txt | sha1sum | cut -c1-40)
if ! stamp_ok .venv/.installed "$ODOO_REQ_HASH"; then
    log "creating .venv with $PY37"
    [ -x .venv/bin/python ] || "$PY37" -m venv .venv
    .venv/bin/pip install -q --disable-pip-version-check -U 'pip<24' 2>&1 | grep -v "^WARNING: Location" || true
    # one resolution for both: pylint-odoo pins versions of docutils and polib
    .venv/bin/pip install -q --disable-pip-version-check -r requirements.txt -r requirements-lint.txt 2>&1 | grep -v "^WARNING: Location" || true
    .venv/bin/pip install -q --disable-pip-version-check --no-deps -r requirements-odoo.txt 2>&1 | grep -v "^WARNING: Location" || true
    .venv/bin/python -c "import odoo, odoo.addons.hr, pytest_odoo, pylint_odoo, flake8" || { echo "the Odoo virtualenv is incomplete" >&2; exit 1; }
    echo "$ODOO_REQ_HASH" > .venv/.installed
fi
BROWSER_REQ_HASH=$(sha1sum requirements-browser.txt | cut -c1-40)
if ! stamp_ok .venv-browser/.installed "$BROWSER_REQ_HASH"; then
    PY3=$(command -v python3.11 || command -v python3)
    log "creating .venv-browser with $PY3"
    [ -x .venv-browser/bin/python ] || "$PY3" -m venv .venv-browser
    .venv-browser/bin/pip install -q --disable-pip-version-check -r requirements-browser.txt 2>&1 | grep -v "^WARNING: Location" || true
    .venv-browser/bin/python -c "import playwright.sync_api" || { echo "the browser virtualenv is incomplete" >&2; exit 1; }
    echo "$BROWSER_REQ_HASH" > .venv-browser/.installed
fi

# --- the addon under its technical name --------------------------------------
mkdir -p .addons
[ -L .addons/party_building ] || ln -sfn "$ROOT" .addons/party_building

# --- PostgreSQL: running, with a login role for this OS user ----------------
if ! pg_lsclusters -h 2>/dev/null | awk '{print $4}' | grep -q online; then
    read -r PG_VER PG_CLUSTER _ < <(pg_lsclusters -h | head -n 1)
    log "starting PostgreSQL $PG_VER/$PG_CLUSTER"
    $SUDO pg_ctlcluster "$PG_VER" "$PG_CLUSTER" start
fi
DB_USER=$(id -un)
if [ "$DB_USER" = postgres ]; then
    echo "Odoo refuses to connect as 'postgres': run this as another user." >&2
    exit 1
fi
as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}
if ! as_postgres psql -tAc "SELECT 1 FROM pg_roles WHERE rolname='$DB_USER'" | grep -q 1; then
    as_postgres createuser --superuser "$DB_USER"
    log "created PostgreSQL role $DB_USER"
fi
