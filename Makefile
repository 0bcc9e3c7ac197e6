# Gongkai: `make run` starts the platform on SQLite with the demo city; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n 2 --dist loadfile

NPM_STAMP := node_modules/.installed-stamp
# The demo city's site frame (网站标识码, 备案号 …): invented values, see src/gongkai/demo/data/site.env.
DEMO_SITE_ENV := $(shell grep -v '^\#' src/gongkai/demo/data/site.env | grep '=')

.PHONY: install run test test-browser lint format migrations-check check-deploy clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[dev]"
	touch $(STAMP)

# axe-core for the browser tests, pinned by package-lock.json (skipped with a message where npm is missing).
$(NPM_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $(NPM_STAMP); \
	else echo "npm not found: the browser tests will be skipped (Debian: apt-get install npm)"; fi

install: $(STAMP) $(NPM_STAMP)

run: install
	@DEBUG=1 $(BIN)/gongkai report_pdfs --check --skip-checks || { echo "make run: a font for Chinese is required for the PDF reports (Debian/Ubuntu: apt-get install fonts-noto-cjk)." >&2; exit 1; }
	DEBUG=1 $(BIN)/gongkai migrate --noinput
	DEBUG=1 $(BIN)/gongkai load_demo
	DEBUG=1 $(BIN)/gongkai report_pdfs
	@echo "Gongkai: http://$(HOST):$(PORT)/  (staff: http://$(HOST):$(PORT)/manage/)"
	env $(DEMO_SITE_ENV) DEBUG=1 $(BIN)/gongkai runserver $(HOST):$(PORT)

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

# Only the browser tests (Chromium over the demo city); screenshots go to var/screenshots/.
test-browser: install
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	SECRET_KEY=typecheck-only DEBUG=1 $(BIN)/mypy

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install
	SECRET_KEY=migrations-check-only DEBUG=1 $(BIN)/gongkai makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var build node_modules *.egg-info src/*.egg-info
