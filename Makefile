# Syria Civil Defence website. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# PostgreSQL used by `make test` (a fresh database per run) and `make bench`.
PG_URL ?= postgres://postgres@127.0.0.1:5432/whitehelmets
# Which databases `make test` runs the suite against.
TEST_DATABASES ?= sqlite postgres
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help run setup demo test test-sqlite test-postgres lint format check messages \
	makemessages bench loadtest lighthouse clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

messages: $(VENV)/.installed ## Compile the translation catalogues (no system gettext needed)
	@for dir in locale locale/months/*; do \
		[ -d "$$dir" ] && $(BIN)/pybabel compile --domain=django --directory=$$dir --statistics; \
	done 2>&1 | grep -v "^$$" || true

makemessages: $(VENV)/.installed-dev ## Extract UI strings into locale/ (needs GNU gettext)
	$(MANAGE) makemessages --locale ar --ignore '.venv/*' --ignore 'tests/*' --no-obsolete

setup: $(VENV)/.installed messages ## Install, migrate and load the demo content
	@# (wagtail-modeltranslation prints the SQL of every translated column it adds)
	set -o pipefail; $(MANAGE) migrate --noinput | { grep -v -e "^Missing languages" \
		-e "^SQL to" -e "^   ALTER" -e "^Executing SQL" -e "^Done$$" -e "^$$" || true; }
	$(MANAGE) update_translation_fields > /dev/null
	LOG_LEVEL=WARNING $(MANAGE) load_demo_content --site http://$(HOST):$(PORT)
	$(MANAGE) record_translation_status > /dev/null
	@LOG_LEVEL=WARNING $(MANAGE) ensure_admin --site http://$(HOST):$(PORT)
	@LOG_LEVEL=WARNING $(MANAGE) ensure_translator --site http://$(HOST):$(PORT)

run: setup ## Set up everything and serve the site at http://127.0.0.1:8000
	@echo "Site:  http://$(HOST):$(PORT)/  (English: /en/, Arabic: /ar/)"
	$(MANAGE) runserver $(HOST):$(PORT)

demo: $(VENV)/.installed ## Load the demo content into the current database
	$(MANAGE) load_demo_content

lint: $(VENV)/.installed-dev ## ruff, template indentation, migrations and system checks
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	DJANGO_SETTINGS_MODULE=whitehelmets.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=whitehelmets.settings.test $(BIN)/python manage.py check
	@if command -v docker-compose > /dev/null; then \
		SECRET_KEY=x ALLOWED_HOSTS=x docker-compose -f docker-compose.yml config --quiet && echo "docker-compose.yml is valid"; \
	else echo "docker-compose not installed: compose file not validated"; fi

format: $(VENV)/.installed-dev ## Format Python and templates
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

test: $(VENV)/.installed-dev messages lint ## Lint, then run every test on SQLite and PostgreSQL
	@for db in $(TEST_DATABASES); do $(MAKE) --no-print-directory test-$$db || exit 1; done

test-sqlite: $(VENV)/.installed-dev messages ## Run the tests on SQLite
	@echo "== tests on SQLite"
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: $(VENV)/.installed-dev messages ## Run the tests on PostgreSQL (a fresh database)
	@echo "== tests on PostgreSQL"
	DATABASE_URL=$(PG_URL) $(BIN)/pytest --create-db $(PYTEST_ARGS)

/usr/bin/wrk:
	apt-get update -qq && apt-get install -y -qq --no-install-recommends wrk > /dev/null

/usr/bin/chromium:
	apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium > /dev/null

node_modules/.installed: package.json package-lock.json
	npm install --no-audit --no-fund --loglevel=error
	touch $@

bench: $(VENV)/.installed-dev messages /usr/bin/wrk ## Measure speed, queries and page weight (PostgreSQL)
	DATABASE_URL=$(PG_URL)_bench $(BIN)/python -m bench

loadtest: $(VENV)/.installed-dev messages ## Concurrent visitors and donors for a bounded time, healthy and with Redis hung
	DATABASE_URL=$(PG_URL)_loadtest_bench $(BIN)/python -m bench.loadtest

lighthouse: $(VENV)/.installed-dev messages node_modules/.installed /usr/bin/chromium ## Lighthouse (mobile) on the main pages, both languages
	DATABASE_URL=$(PG_URL)_bench $(BIN)/python -m bench.lighthouse

clean: ## Remove the virtualenv, local database and caches
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
