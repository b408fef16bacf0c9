# Two entry points: `make run` (index the sample corpus and serve it) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test index bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

index: $(STAMP)
	$(BIN)/quotesearch index samples --index index

run: index
	$(BIN)/quotesearch serve --index index --host 127.0.0.1 --port 5000

test: $(STAMP)
	$(BIN)/python -m mypy quotesearch
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/accuracy.py --split dev --split train --repeat 3

clean:
	rm -rf $(VENV) build dist *.egg-info
	find index -mindepth 1 ! -name .gitignore -exec rm -rf {} +
