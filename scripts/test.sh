#!/usr/bin/env bash
# make test: a fresh database without demo data, then every test with pytest-odoo.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/db.sh
DB=${TEST_DB:-party_building_test}
# its own configuration file and port, so that it can run beside `make run`
export ODOO_CONF=.odoo-test-$DB.conf HTTP_PORT=${TEST_PORT:-8169} DB_FILTER="^$DB\$"
echo "[test] recreating database $DB"
dropdb --if-exists "$DB"
scripts/odoo.sh -d "$DB" -i party_building --without-demo=all --stop-after-init \
    2>&1 | { grep -v 'Unmet dependencies' || true; }
reset_unmet_modules "$DB"
set_base_url "$DB" "$HTTP_PORT"
export NODE_PATH=/usr/share/nodejs ODOO_PRELOAD_ADDONS=no
# Collect through the addons directory so test modules import as odoo.addons.party_building.
# pytest-odoo turns HOST, PORT, USER and PASSWORD into database options
exec env -u HOST -u PORT -u USER -u PASSWORD .venv/bin/pytest -p no:cacheprovider --odoo-database="$DB" --odoo-config="$ODOO_CONF" \
    .addons/party_building/tests "$@"
