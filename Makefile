# `make` sets up .venv with the pinned dependencies and builds every output into build/.
# `make test` runs the whole test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: all build test validate clean bench

all: build

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	touch $@

build: $(VENV)/.installed
	$(BIN)/plansite build

validate: $(VENV)/.installed
	$(BIN)/plansite validate

test: $(VENV)/.installed
	@$(BIN)/python -m generator.toolcheck
	$(BIN)/python -m pytest

# `make bench BENCH="--quick"` (the seed and 10 plans, one run) or BENCH="--plans 10"
BENCH ?=
bench: $(VENV)/.installed
	$(BIN)/python benchmarks/build_bench.py $(BENCH)

clean:
	rm -rf build
