# `make` sets up .venv with the pinned dependencies and builds every output into build/.
# `make test` runs the whole test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: all build test validate clean bench bytecode

all: build

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	touch $@

# The generator's modules compiled ahead (as pip does for an installed package): a command
# then starts without compiling them, even where PYTHONDONTWRITEBYTECODE is set.
bytecode: $(VENV)/.installed
	@$(BIN)/python -m compileall -q generator

build: bytecode
	$(BIN)/plansite build

validate: bytecode
	$(BIN)/plansite validate

test: bytecode
	@$(BIN)/python -m generator.toolcheck
	$(BIN)/python -m pytest

# `make bench BENCH="--quick"` (the seed and 10 plans, one run) or BENCH="--plans 10"
BENCH ?=
bench: bytecode
	$(BIN)/python benchmarks/build_bench.py $(BENCH)

clean:
	rm -rf build
