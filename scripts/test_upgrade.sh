#!/usr/bin/env bash
# make test-upgrade (run by make test): the upgrade path as a test. Installs the
# addon as it was at an older version into a fresh database, creates data as
# its users would, upgrades to the working tree with -u, then runs the scope
# and upgrade tests on the upgraded database.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/db.sh
# 11.0.1.1.0, the version before record rules started changing between
# versions (11.0.1.2.0 changed the rules of committee posts and secretary
# training; their noupdate records are only rewritten by a migration).
# `git log -- __manifest__.py` lists the commit of each version.
OLD_COMMIT=${UPGRADE_FROM:-3945db3959f014069f31c724ccd13ef8dff7e74c}
DB=${TEST_DB:-party_building_test}_upgrade
export ODOO_CONF=.odoo-test-$DB.conf HTTP_PORT=${TEST_PORT:-8169} DB_FILTER="^$DB\$"

if ! git cat-file -e "$OLD_COMMIT^{commit}" 2>/dev/null; then
    echo "[upgrade] commit $OLD_COMMIT is missing (shallow clone?): git fetch --unshallow" >&2
    exit 1
fi
OLD_ADDONS=$(mktemp -d)
trap 'rm -rf "$OLD_ADDONS"; rm -f "$ODOO_CONF"' EXIT
mkdir "$OLD_ADDONS/party_building"
git archive "$OLD_COMMIT" | tar -x -C "$OLD_ADDONS/party_building"
OLD_VERSION=$(python3 -c "import ast; print(ast.literal_eval(open('$OLD_ADDONS/party_building/__manifest__.py').read())['version'])")

echo "[upgrade] installing party_building $OLD_VERSION ($OLD_COMMIT) into $DB"
dropdb --if-exists "$DB"
ADDONS_DIR=$OLD_ADDONS scripts/odoo.sh -d "$DB" -i party_building --without-demo=all --stop-after-init \
    2>&1 | { grep -v 'Unmet dependencies' || true; }
reset_unmet_modules "$DB"
addon_installed "$DB" || { echo "[upgrade] installing $OLD_VERSION failed" >&2; exit 1; }
ADDONS_DIR=$OLD_ADDONS scripts/odoo.sh shell -d "$DB" --no-http < scripts/upgrade_data.py

echo "[upgrade] upgrading $DB to the working tree"
scripts/odoo.sh -d "$DB" -u party_building --stop-after-init \
    2>&1 | { grep -v 'Unmet dependencies' || true; }
reset_unmet_modules "$DB"
CODE_VERSION=$(python3 -c "import ast; print(ast.literal_eval(open('__manifest__.py').read())['version'])")
DB_VERSION=$(psql -d "$DB" -tAc "SELECT latest_version FROM ir_module_module WHERE name='party_building'")
[ "$DB_VERSION" = "$CODE_VERSION" ] || { echo "[upgrade] $DB is at $DB_VERSION, not $CODE_VERSION" >&2; exit 1; }

echo "[upgrade] tests on the upgraded database"
export NODE_PATH=/usr/share/nodejs ODOO_PRELOAD_ADDONS=no PARTY_UPGRADE_CHECK=1
env -u HOST -u PORT -u USER -u PASSWORD .venv/bin/pytest -p no:cacheprovider -q \
    --odoo-database="$DB" --odoo-config="$ODOO_CONF" \
    .addons/party_building/tests/test_security.py .addons/party_building/tests/test_upgrade.py "$@"
dropdb "$DB"
