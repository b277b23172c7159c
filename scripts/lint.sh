#!/usr/bin/env bash
# make lint: pylint with pylint-odoo (OCA's 11.0 checks, .pylintrc) and flake8
# (setup.cfg) over the whole addon, tests and bench included. Fails on any
# message of either.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
status=0
echo "[lint] pylint-odoo"
# pylint-odoo needs the addon under its technical name; .addons/party_building
# is a symlink back to this tree (and its .venv, .addons): lint a clean copy,
# reporting paths relative to the repository.
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/party_building"
tar -C "$ROOT" --exclude='./.*' --exclude='__pycache__' --exclude='*.pyc' -cf - . \
    | tar -C "$WORK/party_building" -xf -
cp .pylintrc "$WORK/"
(cd "$WORK" && "$ROOT/.venv/bin/pylint" --rcfile=.pylintrc party_building) \
    | sed "s#^party_building/##" || status=1
# Python files outside the addon's packages (bench/, scripts/, docs/,
# tests/browser/, migration scripts) are command-line programs: printing is
# their output and the bench commits its batches on purpose. Every other check
# applies to them.
mapfile -t LOOSE < <(cd "$WORK" && find party_building -name '*.py' | while read -r f; do
    [ -f "$(dirname "$f")/__init__.py" ] || echo "$f"; done | sort)
(cd "$WORK" && "$ROOT/.venv/bin/pylint" --rcfile=.pylintrc --disable=print-used,invalid-commit \
    "${LOOSE[@]}") | sed "s#^party_building/##" || status=1
echo "[lint] flake8"
.venv/bin/flake8 . || status=1
[ "$status" -eq 0 ] && echo "[lint] no messages"
exit "$status"
