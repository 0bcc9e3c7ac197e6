# Gongkai: `make run` starts the platform on SQLite with the demo city; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n 2 --dist loadfile

.PHONY: install run test lint format migrations-check check-deploy clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: install
	@DEBUG=1 $(BIN)/gongkai report_pdfs --check --skip-checks || { echo "make run: a font for Chinese is required for the PDF reports (Debian/Ubuntu: apt-get install fonts-noto-cjk)." >&2; exit 1; }
	DEBUG=1 $(BIN)/gongkai migrate --noinput
	DEBUG=1 $(BIN)/gongkai load_demo
	DEBUG=1 $(BIN)/gongkai report_pdfs
	@echo "Gongkai: http://$(HOST):$(PORT)/  (staff: http://$(HOST):$(PORT)/manage/)"
	DEBUG=1 $(BIN)/gongkai runserver $(HOST):$(PORT)

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install
	SECRET_KEY=migrations-check-only DEBUG=1 $(BIN)/gongkai makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var build *.egg-info src/*.egg-info
