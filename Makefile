# The two commands a newcomer needs: `make demo` and `make test`. Everything else is a step they call.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
PG_TEST_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: messages demo test test-postgres lint check load-smoke install translations chromium clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,load]"
	touch $(STAMP)

install: $(STAMP) translations

translations: $(STAMP)
	$(BIN)/pybabel compile --use-fuzzy --statistics -d vertelpunt/translations -D messages 2>&1 | grep -v '^$$' || true

# Browser tests drive Debian's Chromium; Playwright cannot download its own browser here.
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chromium is missing at $(CHROMIUM). Install it with: sudo apt-get install -y chromium" >&2; exit 1; \
	  fi; \
	fi

# After changing texts: extract every translatable text (also from templates/_macros, which pybabel
# skips by default) into the catalog template and update the English catalog; then translate what is new.
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --ignore-dirs ".* build dist instance" \
	  -o vertelpunt/translations/messages.pot .
	$(BIN)/pybabel update -i vertelpunt/translations/messages.pot -d vertelpunt/translations -D messages

demo: install
	$(BIN)/vertelpunt demo

test: install chromium
	$(BIN)/python -m pytest

test-postgres: install chromium
	TEST_DATABASE_URL=$(PG_TEST_URL) $(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Types of the services ([tool.mypy] in pyproject.toml), models against migrations, known vulnerabilities.
check: install
	$(BIN)/mypy
	$(BIN)/vertelpunt db check
	$(BIN)/python .ci/audit_dependencies.py

# About a minute of load on the story form and a board under gunicorn: fails on errors or lost stories.
load-smoke: install
	$(BIN)/python bench/load.py --quick

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache
