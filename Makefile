# DLA — the two commands a newcomer needs are `make run` and `make test`; the rest are parts of them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV   := .venv
PY     := $(VENV)/bin/python
# A working uv on PATH, else the one pip installs (run as a module: found wherever pip put it).
UV     := $(shell uv --version >/dev/null 2>&1 && echo uv || echo python3 -m uv)
PYSRC  := services gateway tests scripts deploy/local
MYPYSRC := $(wildcard services/*/src services/*/tests services/*/migrations) gateway/src gateway/tests tests scripts deploy/local
STAMP  := $(VENV)/.deps-stamp
NPMSTAMP := frontend/node_modules/.deps-stamp

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

# ---------------------------------------------------------------- set-up
.PHONY: uv
uv:
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet --user uv 2>/dev/null \
		|| python3 -m pip install --quiet --user --break-system-packages uv

$(STAMP): requirements/dev.txt | uv
	test -x $(PY) || $(UV) venv --quiet --python 3.11 $(VENV) || $(UV) venv --quiet $(VENV)
	$(UV) pip sync --quiet --python $(PY) requirements/dev.txt
	touch $@

# Schemathesis runs in its own virtualenv on Python 3.13+ when the machine has one: CPython 3.11.7's
# ast.parse can raise "AST constructor recursion depth mismatch" (cpython gh-106905) inside
# Hypothesis. It only talks HTTP to the services, so the interpreter may differ; same pins.
TOOLS_PY := $(lastword $(sort $(wildcard $(HOME)/.pyenv/versions/3.1[3-9]*/bin/python3 /usr/bin/python3.1[3-9])))
TOOLS    := .venv-tools
TOOLSTAMP := $(TOOLS)/.deps-stamp
SCHEMATHESIS := $(if $(TOOLS_PY),$(TOOLS)/bin/schemathesis,$(VENV)/bin/schemathesis)

$(TOOLSTAMP): requirements/dev.txt | uv
	test -n "$(TOOLS_PY)" || { mkdir -p $(TOOLS) && touch $@; exit 0; }; \
	rm -rf $(TOOLS) && $(UV) venv --quiet --python $(TOOLS_PY) $(TOOLS) && \
	grep -v '^-e' requirements/dev.txt > $(TOOLS)/constraints.txt && \
	$(UV) pip install --quiet --python $(TOOLS)/bin/python -c $(TOOLS)/constraints.txt schemathesis && \
	touch $@

$(NPMSTAMP): frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

.PHONY: deps
deps: $(STAMP) $(NPMSTAMP) ## Install Python and npm dependencies (pinned)

.PHONY: chromium
chromium: ## Install Debian's Chromium for browser tests, if missing
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

.PHONY: pin
pin: | uv ## Re-pin Python dependencies into requirements/dev.txt
	$(UV) pip compile --quiet --python-version 3.11 requirements/dev.in -o requirements/dev.txt

# ---------------------------------------------------------------- run
.PHONY: run
run: deps ## Run the whole platform (embedded PostgreSQL unless DLA_DATABASE_URL is set)
	$(PY) deploy/local/run.py

.PHONY: spa
spa: $(NPMSTAMP) ## Build the SPA into frontend/dist
	cd frontend && npm run build

# ---------------------------------------------------------------- contracts
.PHONY: contracts
contracts: deps ## Regenerate contracts/*.openapi.json and the SPA's API types
	$(PY) scripts/contracts.py write
	cd frontend && npm run gen:api

# ---------------------------------------------------------------- checks
.PHONY: lint
lint: deps ## ruff, mypy, tsc and ESLint
	$(VENV)/bin/ruff check $(PYSRC)
	$(VENV)/bin/ruff format --check $(PYSRC)
	$(VENV)/bin/mypy $(MYPYSRC)
	cd frontend && npm run typecheck && npm run lint

.PHONY: fmt
fmt: deps ## Format Python code
	$(VENV)/bin/ruff check --fix $(PYSRC)
	$(VENV)/bin/ruff format $(PYSRC)

PYTEST := $(VENV)/bin/pytest -p no:cacheprovider

.PHONY: test-python
test-python: deps ## Each service's and the gateway's tests (real PostgreSQL)
	$(PYTEST) services/kit/tests
	$(PYTEST) services/identity/tests
	$(PYTEST) services/assessment/tests
	$(PYTEST) services/pathways/tests
	$(PYTEST) services/catalog/tests
	$(PYTEST) gateway/tests

.PHONY: test-frontend
test-frontend: $(NPMSTAMP) ## Vitest unit and route tests
	cd frontend && npm test

.PHONY: test-platform
test-platform: deps $(TOOLSTAMP) chromium spa ## Cross-service tests: contracts, isolation, events, schemathesis, browser
	DLA_SCHEMATHESIS=$(SCHEMATHESIS) $(PYTEST) tests

.PHONY: test
test: deps chromium lint test-python test-frontend test-platform ## Every test (what CI runs)
	@echo "make test: all suites passed"

.PHONY: bench
bench: deps spa ## Benchmarks: gateway overhead, start-up times, token checks, sign-ins per second, adaptive-test simulation, catalog search, workshop registrations
	$(PY) scripts/bench_gateway.py
	$(PY) scripts/bench_startup.py
	$(PY) scripts/bench_auth.py
	$(PY) scripts/bench_login.py
	$(PY) scripts/bench_assessment.py
	$(PY) scripts/bench_catalog.py
	$(PY) scripts/bench_workshops.py

.PHONY: clean
clean: ## Remove local state (embedded database, builds, virtualenv)
	-$(PY) -c "from pathlib import Path; from kit import embedded; embedded.stop(Path('.dla/pgdata'))" 2>/dev/null
	rm -rf .dla $(VENV) $(TOOLS) frontend/node_modules frontend/dist
