# ActLocal: `make demo` for a running site with demo data, `make test` for the whole suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
WORKERS ?= 2
# Python threads per worker: each may hold a persistent database connection (CONN_MAX_AGE).
THREADS ?= 8
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed


.PHONY: install demo serve worker test test-browser lint format bench migrate seed clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "ActLocal needs $(PYTHON) (Python 3.11+) on PATH"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

install: $(STAMP) $(NODE_STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed --scale demo

demo: seed
	HTTPS=false $(MAKE) --no-print-directory serve

# A production server (granian, $(WORKERS) workers) with static files through whitenoise, and the
# background-task worker beside it (stopped with the server).
serve: install
	HTTPS=$${HTTPS:-false} $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo "ActLocal is at http://127.0.0.1:$(PORT)/  (demo logins in README.md; Ctrl-C stops it)"
	@export HTTPS=$${HTTPS:-false}; \
	$(BIN)/python manage.py db_worker --queue-name '*' --no-reload --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/granian --interface wsgi --host 127.0.0.1 --port $(PORT) --workers $(WORKERS) \
		--blocking-threads $(THREADS) --no-ws --log-level warning actlocal.wsgi:application

worker: install
	$(BIN)/python manage.py db_worker --queue-name '*' --no-reload

test: install
	$(BIN)/python -m pytest -q -m "not browser" $(PYTEST_ARGS)
	$(MAKE) --no-print-directory test-browser

# Browser tests drive Debian's chromium; install it with apt when it is missing.
test-browser: install
	@command -v chromium >/dev/null 2>&1 || { echo "Installing Debian's chromium for browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| { echo "chromium is missing and apt-get could not install it"; exit 1; }; }
	$(BIN)/python -m pytest -q -m browser $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python -m bench all

clean:
	rm -rf $(VENV) node_modules var/static
