# Debrief: `make run` and `make test` set themselves up; everything else is a helper.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEBRIEF := $(VENV)/bin/debrief
STAMP := $(VENV)/.installed
# llama-cpp-python compiles from source; the multimodal part is not needed (saves ~2.5 min).
# The build is portable (AVX2, no -march=native): a wheel built with the building CPU's own
# instructions crashed on another machine of this kind (its AMX tile instructions fault here).
# The wheel is built once into a folder named after the version and these flags, and reused.
export CMAKE_ARGS ?= -DLLAVA_BUILD=OFF -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON \
	-DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON
LLAMA_VERSION := $(shell grep -o 'llama-cpp-python==[0-9.]*' pyproject.toml | head -1 | cut -d= -f3)
LLAMA_WHEELS := $(HOME)/.cache/debrief/llama-cpp-python-$(LLAMA_VERSION)-$(shell echo '$(CMAKE_ARGS)' | md5sum | cut -c1-8)

.PHONY: run test setup models-test models-default browser unit model server e2e eval bench bench-server lint clean

run: setup models-default
	$(DEBRIEF) serve

test: setup models-test browser
	$(PY) -m pytest

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	ls $(LLAMA_WHEELS)/*.whl >/dev/null 2>&1 || $(PY) -m pip wheel --quiet --no-cache-dir \
		--no-deps -w $(LLAMA_WHEELS) llama-cpp-python==$(LLAMA_VERSION)
	$(PY) -m pip install --quiet --find-links $(LLAMA_WHEELS) -e '.[dev]'
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
