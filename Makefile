# make run   installs what is missing, then serves the addon with demo data
# make test  installs what is missing, then runs every test on a fresh database
.PHONY: run test setup pot

setup:
	bash scripts/setup.sh

run: setup
	bash scripts/run.sh

test: setup
	bash scripts/test.sh

# after changing user-facing strings: export the .pot, merge into zh_CN.po
pot: setup
	bash scripts/i18n_export.sh
