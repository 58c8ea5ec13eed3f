# Debrief: `make run` and `make test` set themselves up; everything else is a helper.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEBRIEF := $(VENV)/bin/debrief
STAMP := $(VENV)/.installed
# llama-cpp-python compiles from source; the multimodal part is not needed (saves ~2.5 min).
# pip keeps the built wheel in its cache, so later installs on this machine take seconds.
export CMAKE_ARGS ?= -DLLAVA_BUILD=OFF

.PHONY: run test setup models-test models-default browser unit model server e2e eval bench bench-server lint clean

run: setup models-default
	$(DEBRIEF) serve

test: setup models-test browser
	$(PY) -m pytest

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

# `models pull` returns at once when a model is already present (size check, no re-copy).
models-test: setup
	$(DEBRIEF) models pull all-minilm-l6-v2
	$(DEBRIEF) models pull smollm2-135m

models-default: models-test
	$(DEBRIEF) models pull qwen2.5-coder-1.5b

# Debian's Chromium for the browser tests (Playwright cannot download its own browser here).
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

unit: setup models-test
	$(PY) -m pytest -m "not model and not e2e and not server"

model: setup models-test
	$(PY) -m pytest -m "model and not server"

# Starts `chroma run` and `python -m llama_cpp.server` on loopback ports for the session.
server: setup models-test
	$(PY) -m pytest -m server

e2e: setup models-test browser
	$(PY) -m pytest -m e2e

eval: setup models-default
	$(DEBRIEF) eval extraction --gold tests/data/eval/gold.json --notes tests/data/eval/notes --corpus data/corpus $(EVAL_ARGS)

bench: setup models-default
	$(PY) benchmarks/extract_speed.py $(BENCH_ARGS)

bench-server: setup models-test
	$(PY) benchmarks/server_vs_local.py $(BENCH_ARGS)

lint: setup
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) .pytest_cache tests/e2e/screenshots
