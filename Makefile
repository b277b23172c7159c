# make run           installs what is missing, then serves the addon with demo data
# make test          installs what is missing, then runs every test on a fresh
#                    database, the upgrade test and the lint
# make test-upgrade  installs an older version, adds data, upgrades, tests
# make lint          pylint-odoo (OCA's 11.0 checks) and flake8
.PHONY: run test test-upgrade lint setup pot

setup:
	bash scripts/setup.sh

run: setup
	bash scripts/run.sh

test: setup
	bash scripts/test.sh
	bash scripts/test_upgrade.sh
	bash scripts/lint.sh

test-upgrade: setup
	bash scripts/test_upgrade.sh

lint: setup
	bash scripts/lint.sh

# after changing user-facing strings: export the .pot, merge into zh_CN.po
pot: setup
	bash scripts/i18n_export.sh
