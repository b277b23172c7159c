#!/usr/bin/env bash
# make pot: export i18n/party_building.pot from database $DB (default
# party_building, with the addon installed and up to date), then merge it
# into zh_CN.po. Odoo 11's exporter follows symlinks through every addons
# path, and .addons/party_building points at this tree, which holds .addons/
# and .venv/: export from a clean copy instead. Odoo 11 also refuses the
# .pot extension, hence the rename.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DB=${DB:-party_building}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/addons/party_building"
tar -C "$ROOT" --exclude='./.*' --exclude='__pycache__' --exclude='*.pyc' -cf - . \
    | tar -C "$WORK/addons/party_building" -xf -
SITE=$(.venv/bin/python -c 'import odoo, os; print(os.path.dirname(odoo.__file__))')
printf '[options]\naddons_path = %s/addons,%s/addons\ndata_dir = %s/data\ndb_user = %s\n' \
    "$SITE" "$WORK" "$WORK" "$(id -un)" > "$WORK/odoo.conf"
NODE_PATH=/usr/share/nodejs ODOO_PRELOAD_ADDONS=no .venv/bin/python -c \
    'import sys, odoo.cli; sys.argv[0] = "odoo"; odoo.cli.main()' \
    -c "$WORK/odoo.conf" -d "$DB" --i18n-export="$WORK/party_building.po" \
    --modules=party_building --stop-after-init --log-level=warn
cp "$WORK/party_building.po" i18n/party_building.pot
msgmerge --quiet --no-wrap -U --backup=none i18n/zh_CN.po i18n/party_building.pot
msgattrib --no-wrap --no-obsolete -o i18n/zh_CN.po i18n/zh_CN.po
echo "[pot] exported; entries of zh_CN.po still to translate (untranslated or fuzzy):"
{ msgattrib --untranslated i18n/zh_CN.po; msgattrib --only-fuzzy i18n/zh_CN.po; } \
    | grep '^msgid "' | grep -v '^msgid ""$' || echo "none"
