# hcd: the two commands a new user needs are `make demo` and `make test`.
# Both create .venv if missing, install hcd, and make sure the NLTK data is
# present (downloaded when online; taken from NLTK_DATA when offline).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SPRINT ?= sprints          # a sprint file, or a folder of them (all run in parallel)
WORKERS ?=
CHECK_SPRINT ?= financial-shock
PYTEST_ARGS ?=
PORT ?=            # make lab PORT=8899: JupyterLab on this port (default: 8888 or the next free one)
NO_BROWSER ?=      # make lab NO_BROWSER=1: print the address instead of opening a browser (e.g. on a server)

.PHONY: help setup demo test lint lab check-report clean

help:
	@echo "make demo   set up, then run the sample sprint and print where the report is"
	@echo "make test   set up, then run the test suite"
	@echo "make lab    set up, then open JupyterLab on notebooks/ with the hcd kernel [PORT=8899] [NO_BROWSER=1]"
	@echo "make lint   ruff over the package and tests"
	@echo "make check-report   the latest sample report in headless Chromium: screenshots, axe-core (WCAG 2.1 AA),"
	@echo "                    keyboard, no request leaving the machine"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
	  { echo "hcd needs Python 3.11 or newer; run e.g. 'make PYTHON=python3.11 demo'"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

setup: $(VENV)/.installed
	@$(BIN)/hcd setup

demo: setup
	$(BIN)/hcd run $(SPRINT) --no-input $(if $(WORKERS),--workers $(WORKERS))

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check hcd tests

# hcd lab registers the hcd kernel, passes --allow-root when run as root, and starts JupyterLab.
lab: setup
	$(BIN)/hcd lab notebooks $(if $(strip $(PORT)),--port $(strip $(PORT))) $(if $(strip $(NO_BROWSER)),--no-browser)

check-report: $(VENV)/.installed
	$(BIN)/python -m hcd.render.browser_check reports/$(CHECK_SPRINT)/$$(cat reports/$(CHECK_SPRINT)/latest) \
	  --screenshots reports/$(CHECK_SPRINT)/screenshots --json reports/$(CHECK_SPRINT)/screenshots/check.json

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
