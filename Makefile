# `make demo` and `make test` each set up the environment themselves on a fresh machine.
# torch is installed first, pinned, because any other spec downloads a multi-GB CUDA build.
VENV ?= .venv
PY := $(VENV)/bin/python
export HF_HUB_OFFLINE := 1

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

.PHONY: setup demo test lint bench embeddings
setup: $(VENV)/.installed

demo: $(VENV)/.installed
	-$(PY) -m torchwhy run examples/classifier_crash.py

test: $(VENV)/.installed
	$(PY) -m pytest -q
	$(VENV)/bin/ruff check torchwhy tests bench

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check torchwhy tests bench
	$(VENV)/bin/ruff format --check torchwhy tests bench

bench: $(VENV)/.installed
	$(PY) bench/speed.py
	$(PY) bench/explain_latency.py

# After a knowledge-base change: the example matrix shipped with the package (a test fails
# until it matches the entries).
embeddings: $(VENV)/.installed
	$(PY) -m torchwhy.translator.embedding
