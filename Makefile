# toulmin: every set-up step a fresh machine needs lives here.
#   make demo   creates .venv, installs, runs the flagship example end to end (writes out/)
#   make test   the same set-up (Java for HermiT, Chromium for the map, Virtuoso for the
#               remote-store tests), then the whole suite with coverage and its floor
#               (pyproject.toml, tool.coverage)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PYTEST_ARGS ?=

.PHONY: all install demo test java chromium virtuoso tools lint docs bench clean

all: demo

# PYTHONWARNINGS: setuptools warns of a folder named like the package; here it is the package.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	PYTHONWARNINGS='ignore:Editable installation' $(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# External tools, each installed only when missing (Debian packages; root or sudo).
java:
	@bash scripts/ensure-tool.sh java default-jre-headless
chromium:
	@bash scripts/ensure-tool.sh chromium chromium fonts-dejavu-core
virtuoso:
	@bash scripts/install-virtuoso.sh

tools: java chromium virtuoso

demo: install java
	$(BIN)/toulmin demo --out out

test: install tools lint
	$(BIN)/python -m pytest -q -m "not slow" --cov --cov-report=term $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

docs: install
	$(BIN)/python -m toulmin.ontology.docs

# Speed is measured here, never in tests; each script rewrites its section of docs/benchmarks.md.
bench: install tools
	$(BIN)/python benchmarks/bench_semantics.py
	$(BIN)/python benchmarks/bench_viz.py
	$(BIN)/python benchmarks/bench_store_queries.py
	$(BIN)/python benchmarks/bench_load_steps.py
	$(BIN)/python benchmarks/bench_criteria.py
	$(BIN)/python benchmarks/bench_fuzz.py

clean:
	rm -rf out build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
