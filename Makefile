# Quick start on a fresh clone: `make run` serves the site, `make test` runs every test.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.PHONY: run test test-reliability bench install migrate lint messages clean lock audit

run: install
	$(MANAGE) migrate --no-input
	$(MANAGE) load_initial_data
	$(MANAGE) create_local_admin
	$(MANAGE) runserver 127.0.0.1:8000

test: install
	$(BIN)/pytest

# Only the slow tests against real gunicorn, PostgreSQL and Redis (`make test` runs them too).
test-reliability: install
	$(BIN)/pytest -m reliability

# Requests/s and latency of the production set-up; see docs/performance.md. Needs wrk.
bench: install
	$(BIN)/python -m bench.run

install: $(VENV)/.installed

# Reinstall whenever the pinned dependencies change. requirements.lock pins what the Docker
# image runs; development takes the same versions.
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --constraint requirements.lock --editable '.[dev]'
	touch $@

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint --lint templates
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# Re-extract UI strings into the Dutch catalogue, then compile it. Needs GNU gettext.
messages: install
	$(MANAGE) makemessages --locale nl --no-location --no-obsolete --ignore '$(VENV)/*' --ignore 'staticfiles/*'
	$(MANAGE) compilemessages --locale nl --ignore '$(VENV)/*'

# Re-resolve requirements.lock after changing a dependency in pyproject.toml.
lock:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python bin/lock-requirements

# Known vulnerabilities in what the image ships: every package in requirements.lock.
audit: install
	$(BIN)/pip-audit --no-deps --disable-pip --progress-spinner off --requirement requirements.lock

clean:
	rm -rf $(VENV) staticfiles var .pytest_cache .ruff_cache
