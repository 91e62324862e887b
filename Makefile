# Quick start: `make demo` builds the seeds' graph; `make test` runs every test.
# Both set up .venv on a fresh machine first (Python 3.11 and pip are enough).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT ?= build

.PHONY: demo test lint typecheck unit notebook docs bench clean setup setup-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e ".[test]"
	touch $@ $(VENV)/.installed

$(VENV)/.installed-notebook: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e ".[test,notebook]"
	touch $@ $(VENV)/.installed-test $(VENV)/.installed

setup: $(VENV)/.installed
setup-test: $(VENV)/.installed-test

demo: setup
	$(BIN)/kg build seeds/ --out $(OUT)
	@echo
	@echo "Open $(OUT)/graph.html in a browser; query with: $(BIN)/kg query --list"

lint: setup-test
	$(BIN)/ruff check kg tests bench
	$(BIN)/ruff format --check kg tests bench

typecheck: setup-test
	$(BIN)/mypy

unit: setup-test
	$(BIN)/pytest

test: setup-test lint typecheck unit

# Opens notebooks/ in Jupyter (the `notebook` extra: Jupyter Notebook 7, with JupyterLab).
notebook: $(VENV)/.installed-notebook
	$(BIN)/jupyter notebook notebooks/

docs: setup
	$(BIN)/kg docs --out $(OUT)/ontology

bench: setup-test
	$(BIN)/python bench/bench.py

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache
