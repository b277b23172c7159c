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
    reset_unmet_modules "$DB"
    # the demo is meant to be seen in Chinese
    psql -d "$DB" -qc "UPDATE res_partner SET lang = 'zh_CN', tz = 'Asia/Shanghai'
                       WHERE id IN (SELECT partner_id FROM res_users WHERE login IN
                                    ('admin', 'viewer', 'secretary', 'officer', 'manager'))"
fi
set_base_url "$DB" "$PORT"
echo "[run] serving http://127.0.0.1:$PORT (database $DB, admin/admin)"
exec scripts/odoo.sh -d "$DB" --log-level info
