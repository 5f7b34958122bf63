# Two commands on a fresh machine: `make run` and `make test`. Needs only Python 3.11 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
# Harlequin, the terminal SQL IDE analysts open the warehouse in, has a venv of its own inside .venv: it pins
# click==8.5.0, the project's constraints click==8.5.1 (Prefect's). Its versions: constraints-harlequin.txt.
HARLEQUIN := $(VENV)/harlequin
# Prefect's state lives in the project's .prefect/ (the plenary command defaults to it too); offline and quiet.
export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1
export GX_ANALYTICS_ENABLED := false

SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test test-fast install browser harlequin clean

run: $(VENV)/.installed
	$(BIN)/plenary ingest seeds/

test: $(VENV)/.installed-test $(HARLEQUIN)/.installed browser
	$(BIN)/python -m pytest

# The fast tier: no test marked slow, and not tests/e2e/ (every test there is marked slow: real commands, servers, browsers).
test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m "not slow" --ignore=tests/e2e

# The report tests open pages in Debian's headless Chromium.
browser:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; }

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required (set PYTHON=/path/to/python3.11)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==25.3"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	$(BIN)/plenary setup
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

# `make harlequin`, then `$(HARLEQUIN)/bin/harlequin -r warehouse.duckdb` (README: Analyst tools).
harlequin: $(HARLEQUIN)/.installed

$(HARLEQUIN)/.installed: constraints-harlequin.txt
	test -x $(HARLEQUIN)/bin/python || $(PYTHON) -m venv $(HARLEQUIN)
	$(HARLEQUIN)/bin/python -m pip install --quiet --upgrade "pip==25.3"
	$(HARLEQUIN)/bin/python -m pip install --quiet -c constraints-harlequin.txt "harlequin==2.17.0" "duckdb==2.0.0"
	touch $@

clean:
	-$(BIN)/plenary server --stop 2>/dev/null
	rm -rf $(VENV) .prefect reports warehouse.reports warehouse.duckdb warehouse.duckdb.wal warehouse.duckdb.lock
