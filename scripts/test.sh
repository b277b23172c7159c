#!/usr/bin/env bash
# make test: a fresh database without demo data, then every test with pytest-odoo.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/db.sh
DB=${TEST_DB:-party_building_test}
PORT=${TEST_PORT:-8169}
echo "[test] recreating database $DB"
dropdb --if-exists "$DB"
scripts/odoo.sh -d "$DB" -i party_building --without-demo=all --stop-after-init
reset_unmet_modules "$DB"
set_base_url "$DB" "$PORT"
# pytest-odoo reads the same configuration; the browser tests serve HTTP on $PORT.
sed -i "s/^http_interface.*/&\nhttp_port = $PORT/" .odoo.conf
export NODE_PATH=/usr/share/nodejs ODOO_PRELOAD_ADDONS=no
# Collect through the addons directory so test modules import as odoo.addons.party_building.
exec .venv/bin/pytest -p no:cacheprovider --odoo-database="$DB" --odoo-config=.odoo.conf \
    .addons/party_building/tests "$@"
