#!/usr/bin/env bash
# make run: database $DB (default party_building) with the addon and demo data,
# served on http://127.0.0.1:$PORT (default 8069), admin/admin.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/db.sh
DB=${DB:-party_building}
PORT=${PORT:-8069}
export HTTP_PORT=$PORT DB_FILTER="^$DB\$"
if ! db_exists "$DB" || ! addon_installed "$DB"; then
    echo "[run] creating database $DB with party_building and demo data"
    scripts/odoo.sh -d "$DB" -i party_building --load-language=zh_CN --stop-after-init \
        2>&1 | { grep -v 'Unmet dependencies' || true; }
    # the demo's users read Chinese: the demo data sets their language
    # when it is loaded, as it is here
    reset_unmet_modules "$DB"
fi
# a newer version of the addon than the database has: update it
CODE_VERSION=$(python3 -c "import ast; print(ast.literal_eval(open('__manifest__.py').read())['version'])")
DB_VERSION=$(psql -d "$DB" -tAc "SELECT latest_version FROM ir_module_module WHERE name='party_building'")
if [ "$CODE_VERSION" != "$DB_VERSION" ]; then
    echo "[run] updating party_building from $DB_VERSION to $CODE_VERSION in $DB"
    scripts/odoo.sh -d "$DB" -u party_building --stop-after-init \
        2>&1 | { grep -v 'Unmet dependencies' || true; }
    reset_unmet_modules "$DB"
fi
set_base_url "$DB" "$PORT"
echo "[run] serving http://127.0.0.1:$PORT (database $DB, admin/admin;"
echo "[run] demo logins viewer, secretary, officer, manager, password = login)"
echo "[run] the server runs in this terminal: press Ctrl+C to stop it"
exec scripts/odoo.sh -d "$DB" --log-level info
