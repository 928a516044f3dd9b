# `make demo` and `make test` each set up the environment themselves on a fresh machine.
# torch is installed first, pinned, because any other spec downloads a multi-GB CUDA build.
VENV ?= .venv
PY := $(VENV)/bin/python
# The second CI leg: the tracer and the hooks on Python 3.13 (PEP 667 frame locals).
# pyenv installs put python3.13 under ~/.pyenv/versions even when it is not the global one.
PYTHON313 ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3.13) python3.13)
VENV313 ?= .venv313
PY313 := $(VENV313)/bin/python
export HF_HUB_OFFLINE := 1

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

$(VENV313)/.installed: pyproject.toml
	$(PYTHON313) -m venv $(VENV313)
	$(PY313) -m pip install --quiet --upgrade pip
	$(PY313) -m pip install --quiet torch==2.13.0
	$(PY313) -m pip install --quiet -e ".[test]"
	touch $@

.PHONY: setup demo test test-py313 lint bench embeddings model-graph browser
setup: $(VENV)/.installed

# The example crashes on purpose: its exit status 1 is the demo working, anything else fails.
demo: $(VENV)/.installed
	@echo '$$ torchwhy run examples/classifier_crash.py'
	@$(PY) -m torchwhy run examples/classifier_crash.py; status=$$?; \
	if [ $$status -ne 1 ]; then echo "demo: expected the example's crash (exit 1), got $$status"; exit 1; fi; \
	echo "(exit status 1 is the example's own crash, kept as Python gives it; the reading is above)"

# The notebook display test draws the reading in headless Chromium (Debian's package);
# TORCHWHY_NO_BROWSER=1 skips that test and this install.
browser:
	@command -v chromium >/dev/null 2>&1 || [ "$$TORCHWHY_NO_BROWSER" = 1 ] || \
	if command -v apt-get >/dev/null 2>&1; then \
	  echo "installing chromium (apt-get) for the notebook display test"; \
	  SUDO=$$([ "$$(id -u)" -eq 0 ] || echo sudo); log=$$(mktemp); \
	  { $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    $$SUDO apt-get install -y -qq chromium; } >$$log 2>&1 || { cat $$log; rm -f $$log; exit 1; }; \
	  rm -f $$log; \
	else \
	  echo "no apt-get: install Chromium yourself, or TORCHWHY_NO_BROWSER=1 skips its test"; \
	fi

test: $(VENV)/.installed browser
	$(PY) -m pytest -q
	$(VENV)/bin/ruff check torchwhy tests bench
	$(MAKE) test-py313

test-py313: $(VENV313)/.installed
	$(PY313) -m pytest -q tests/provenance tests/hooks

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

# After the bundled model changes: its ONNX graph shipped with the package, the weights left
# in the model's own file (a test fails until the graph matches the model).
model-graph: $(VENV)/.installed
	$(PY) -m torchwhy.translator.encoders
