# Concordia: `make demo` and `make test` are the two commands; everything else supports them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
DATA_DIR ?= data
PG_PORT ?= 55432
# Outside the checkout: the server runs as the postgres user, who may not traverse it.
PG_DIR ?= /tmp/concordia-pgtest-$(PG_PORT)
SEED ?= 7
SCALE ?= 0.1

.PHONY: demo test install lint types unit pg-test clean serve bench bench-screening bench-durability chromium i18n bench-flights bench-queues bench-forecast

$(BIN)/concordia: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/concordia

demo: install
	CONCORDIA_DATA_DIR=$(DATA_DIR) $(BIN)/concordia demo --seed $(SEED) --scale $(SCALE)
	CONCORDIA_DATA_DIR=$(DATA_DIR) $(BIN)/concordia serve --port $(PORT)

serve: install
	CONCORDIA_DATA_DIR=$(DATA_DIR) $(BIN)/concordia serve --port $(PORT)

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

types: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest -n 2 -p no:cacheprovider

# The database tests again, on a throwaway PostgreSQL 15 cluster started and stopped here.
pg-test: install
	@scripts/pg_cluster.sh stop $(PG_DIR) || true
	@url=$$(scripts/pg_cluster.sh start $(PG_DIR) $(PG_PORT)) && \
	  CONCORDIA_TEST_PG_URL=$$url $(BIN)/pytest -n 2 -p no:cacheprovider -m db; \
	  status=$$?; scripts/pg_cluster.sh stop $(PG_DIR); exit $$status

# The browser tests drive Debian's Chromium (Playwright's own browser download is not used).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
chromium:
	@command -v chromium >/dev/null || ($(SUDO) apt-get update && $(SUDO) apt-get install -y chromium)

# Refresh the console's catalogue after changing UI text (then translate es/messages.po).
i18n: install
	BIN=$(BIN) scripts/i18n.sh

test: chromium lint types unit pg-test

bench: install
	$(BIN)/python benchmarks/crossings.py

# logic-v2 runs in its own environment so that nomenklatura stays out of the project's.
benchmarks/.venv-reference/bin/python: benchmarks/requirements-reference.txt
	$(PYTHON) -m venv benchmarks/.venv-reference
	benchmarks/.venv-reference/bin/pip install --quiet -r benchmarks/requirements-reference.txt

bench-screening: install benchmarks/.venv-reference/bin/python
	$(BIN)/python benchmarks/screening.py

bench-durability: install
	$(BIN)/python benchmarks/durability.py

bench-flights: install
	$(BIN)/python benchmarks/flights.py --seed $(SEED)

bench-queues: install
	$(BIN)/python benchmarks/queues.py

bench-forecast: install
	$(BIN)/python benchmarks/forecast.py

clean:
	rm -rf $(VENV) $(DATA_DIR) $(PG_DIR) .pytest_cache .mypy_cache .ruff_cache
