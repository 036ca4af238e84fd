# Two commands on a fresh machine: `make run` and `make test`. Every install step lives here.
SHELL := /bin/bash
PYTHON310 ?= python3.10
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
PRISM := tests/prism

export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2

.PHONY: setup run test bench redis model directory prism clean

$(BIN)/.installed: pyproject.toml
	@echo "==> Python 3.10 virtualenv with dependencies (first time: a few minutes)"
	@$(PYTHON310) --version >/dev/null 2>&1 || { echo "Python 3.10 is required (pyenv install 3.10.13)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON310) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip wheel
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

redis:
	@bin/ensure-redis

model: $(BIN)/.installed
	$(BIN)/triage train --if-needed

directory: $(BIN)/.installed
	$(BIN)/triage directory import --if-needed

$(PRISM)/node_modules/.installed: $(PRISM)/package.json $(PRISM)/package-lock.json
	@echo "==> Prism and Twilio's OpenAPI spec (for tests of outbound REST calls)"
	cd $(PRISM) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

prism: $(PRISM)/node_modules/.installed

setup: $(BIN)/.installed redis model directory

run: setup
	@bin/ensure-redis --start
	PATH="$(abspath $(BIN)):$$PATH" HOST=127.0.0.1 $(BIN)/honcho start --port $(PORT) web

test: setup prism
	$(BIN)/pytest -q

bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var $(PRISM)/node_modules nlu/models
