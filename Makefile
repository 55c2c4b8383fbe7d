# Quick start on a fresh clone: `make run` serves the site, `make test` runs every test.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# make run PORT=8001 serves on another port.
PORT ?= 8000

.PHONY: run test test-reliability bench install migrate lint messages clean lock audit

run: install
	$(MANAGE) migrate --no-input
	$(MANAGE) load_initial_data
	$(MANAGE) use_local_address --address 127.0.0.1:$(PORT)
	$(MANAGE) create_local_admin --address 127.0.0.1:$(PORT)
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/pytest

# Only the slow tests against real gunicorn, PostgreSQL and Redis (`make test` runs them too).
test-reliability: install
	$(BIN)/pytest -m reliability

# Requests/s and latency of the production set-up, 10 and 5,000 items, a publish under load and a
# profile, into docs/performance.md (python -m bench.run --help). Needs wrk.
bench: install
	$(BIN)/python -m bench.run --items 5000

install: $(VENV)/.installed

# Reinstall whenever the pinned dependencies change. requirements.lock pins what the Docker
# image runs; development takes the same versions.
$(VENV)/.installed: pyproject.toml requirements.lock
	@echo "Installing the pinned dependencies into $(VENV) (a minute or two the first time)…"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --progress-bar on --constraint requirements.lock --editable '.[dev]'
	touch $@
	@echo "Dependencies installed."

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
