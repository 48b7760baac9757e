# The two commands: `make run` (embedded demo on http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# DEBUG is off unless set (production is the default); the Makefile is the developer's tool.
MANAGE := DEBUG=1 $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

# WeasyPrint needs Pango and fonts; gettext compiles translations; python3-venv makes the venv.
SYSTEM_PACKAGES := python3-venv python3-dev gettext libpango-1.0-0 libpangoft2-1.0-0 \
	libharfbuzz-subset0 fonts-dejavu-core shared-mime-info
# The browser tests drive Debian's chromium (never a browser downloaded by Playwright); the HTML
# checker (vnu.jar from npm) runs on Java. `package=command`: present when the command is.
TEST_SYSTEM_PACKAGES := chromium fonts-liberation default-jre-headless=java npm=npm
# node_modules holds development tools only (vnu-jar); --ignore-scripts: vnu-jar's postinstall
# would download a Java runtime when none is found, and the tests use the system's.
NODE_STAMP := node_modules/.installed
# The suite runs on TEST_WORKERS processes (pytest-xdist; 0 for one), then the tests marked
# `services` on their own: the Celery worker of .ci/run reads the one test database they use.
TEST_WORKERS ?= 2

.PHONY: run test bench backup restore install install-dev system-packages test-system-packages messages \
	compilemessages lint format clean

run: system-packages install compilemessages
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) runserver $(HOST):$(PORT)

test: system-packages test-system-packages install-dev compilemessages
	$(BIN)/pytest -n $(TEST_WORKERS) -m "not services" $(PYTEST_ARGS)
	$(BIN)/pytest -m services $(PYTEST_ARGS)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The portal under gunicorn with DEBUG=0 on a seeded PostgreSQL, loaded with wrk (bench/README.md).
bench: system-packages install compilemessages
	@bash scripts/ensure-system-packages.sh wrk
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# The database (pg_dump's custom format, or SQLite's online backup) and MEDIA_ROOT's files into a
# new folder under BACKUP_DIR (backups/); `make restore BACKUP=backups/<folder>` puts them back
# into DATABASE_URL and MEDIA_ROOT. README: Backups.
backup: install
	$(BIN)/python scripts/backup.py backup

restore: install
	@test -n "$(BACKUP)" || { echo "Say which backup: make restore BACKUP=backups/<folder>" >&2; exit 2; }
	$(BIN)/python scripts/backup.py restore "$(BACKUP)"

system-packages:
	@bash scripts/ensure-system-packages.sh $(SYSTEM_PACKAGES)

test-system-packages:
	@bash scripts/ensure-system-packages.sh $(TEST_SYSTEM_PACKAGES)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

install-dev: $(VENV)/.installed-dev $(NODE_STAMP)

compilemessages: install
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v0

# Refresh the .po files after changing strings; then translate the new entries.
messages: install
	$(MANAGE) makemessages --locale=es --locale=en --ignore=.venv --ignore=node_modules --ignore=staticfiles \
		--ignore=tests --ignore=bench --no-obsolete
	$(BIN)/python scripts/fill_english_catalogue.py

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3
