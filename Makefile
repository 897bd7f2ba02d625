# Kyosei: `make run` serves the demo on SQLite; `make test` runs every check CI runs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
RUN_ENV := DEBUG=1 KYOSEI_DEMO=1
TEST_ENV := KYOSEI_TESTING=1

.PHONY: run test install install-test lint typecheck test-engines bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(RUN_ENV) $(BIN)/kyosei i18n compile
	$(RUN_ENV) $(BIN)/kyosei migrate --no-input
	$(RUN_ENV) $(BIN)/kyosei demo load
	$(RUN_ENV) $(BIN)/kyosei guide load-content
	$(RUN_ENV) PORT=$(PORT) scripts/run-demo.sh

lint: install-test
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

typecheck: install-test
	$(TEST_ENV) $(BIN)/mypy kyosei yasashii jmaparse zairyu regionmatch benchmarks

# The engines install and pass their tests without Django.
test-engines:
	scripts/test-engines.sh

test: install-test lint typecheck test-engines
	$(TEST_ENV) $(BIN)/kyosei makemigrations --check --dry-run
	$(TEST_ENV) $(BIN)/kyosei i18n check
	$(TEST_ENV) $(BIN)/kyosei i18n compile
	@# pytest exits 5 when it collected no test: that proves nothing, so it fails here.
	$(TEST_ENV) $(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	  if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$status

bench: install-test
	@# The guide's load test drives gunicorn with Debian's wrk (C, so the load generator does not
	@# eat the server's CPU); without it that part says SKIPPED.
	@command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null || \
	  echo "wrk could not be installed: the guide load test will be skipped" >&2
	$(TEST_ENV) $(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .venv-engines staticfiles kyosei.sqlite3* .pytest_cache .mypy_cache .ruff_cache
