# make run   installs what is missing, then serves the addon with demo data
# make test  installs what is missing, then runs every test on a fresh database
.PHONY: run test setup

setup:
	bash scripts/setup.sh

run: setup
	bash scripts/run.sh

test: setup
	bash scripts/test.sh
