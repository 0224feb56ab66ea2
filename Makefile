# The README's two commands are `make run` and `make test`; everything they need installs here.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements/lock.txt pyproject.toml | cksum | cut -d' ' -f1)

NPM_STAMP := node_modules/.installed-$(shell cat package.json package-lock.json | cksum | cut -d' ' -f1)
VENDOR := src/clusterweb/static/vendor
VENDOR_STAMP := $(VENDOR)/.installed-$(shell cat package-lock.json Makefile | cksum | cut -d' ' -f1)
CHROMIUM ?= /usr/bin/chromium
# The PostgreSQL run of the Django suite. Django's test runner creates and drops test_<name>
# itself; the name carries a hash of this checkout's path, so that two checkouts on one machine
# can run their suites at the same time without dropping each other's test database.
PG_URL ?= postgres://postgres@127.0.0.1:5432/clusterplan_$(shell pwd | cksum | cut -d' ' -f1)

.PHONY: install sysdeps assets run test lint typecheck unit test-pg pg-up bench screenshots clean lock

$(STAMP): requirements/lock.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found (Python 3.11 is required)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e ".[analysis,dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# System packages a fresh Debian 12 machine lacks: Chromium (browser tests, screenshots),
# gettext (compiled translations), Node.js + npm (front-end assets), Pango (WeasyPrint's
# PDF rendering) and poppler-utils (tests read PDFs back as text). Installed as root.
sysdeps:
	@missing=""; \
	test -x $(CHROMIUM) || missing="$$missing chromium chromium-driver"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	/sbin/ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "error: missing Debian packages:$$missing (run: sudo apt-get install$$missing)"; exit 1; \
	  fi; \
	fi

# Front-end assets from the npm registry (package-lock.json), copied into Django's static
# files (git-ignored $(VENDOR)); Django serves them, no CDN.
$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "error: npm not found (run: make sysdeps)"; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	rm -f node_modules/.installed-*
	touch $(NPM_STAMP)

$(VENDOR_STAMP): $(NPM_STAMP)
	rm -rf $(VENDOR)
	mkdir -p $(VENDOR)/echarts $(VENDOR)/htmx $(VENDOR)/utrecht $(VENDOR)/fonts
	cp node_modules/echarts/dist/echarts.min.js node_modules/echarts/LICENSE $(VENDOR)/echarts/
	cp node_modules/htmx.org/dist/htmx.min.js node_modules/htmx.org/LICENSE $(VENDOR)/htmx/
	cp node_modules/@utrecht/component-library-css/dist/index.css $(VENDOR)/utrecht/component-library.css
	cp node_modules/@utrecht/component-library-css/LICENSE.md $(VENDOR)/utrecht/
	cp node_modules/@fontsource/source-sans-3/LICENSE $(VENDOR)/fonts/
	for w in 400 600 700; do for s in latin latin-ext; do \
	  cp node_modules/@fontsource/source-sans-3/files/source-sans-3-$$s-$$w-normal.woff2 $(VENDOR)/fonts/; \
	done; done
	touch $(VENDOR_STAMP)

assets: $(VENDOR_STAMP)

install: sysdeps $(STAMP) assets

## run: install, then start the web platform on the embedded default (SQLite, the bundled
## Lifeport plan, a first admin) at http://127.0.0.1:8000
run: install
	$(BIN)/clusterplan serve

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest

# Start the local PostgreSQL cluster when it is not answering (Debian's pg_ctlcluster).
pg-up:
	@$(BIN)/python -c "import socket; socket.create_connection(('127.0.0.1', 5432), 2).close()" 2>/dev/null || { \
	  command -v pg_ctlcluster >/dev/null || { echo "error: PostgreSQL is not running on 127.0.0.1:5432 and is not installed (apt-get install postgresql)"; exit 1; }; \
	  pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | sort -n | tail -1) main start; }

## test-pg: the Django suite (browser tests included) again on PostgreSQL
test-pg: install pg-up
	DATABASE_URL=$(PG_URL) $(BIN)/pytest src/clusterweb -p no:cacheprovider

## test: install and run every check: lint, types, all tests on SQLite, the Django suite on PostgreSQL
test: lint typecheck unit test-pg

bench: install
	$(BIN)/python -m benchmarks

## screenshots: the dashboard and scenario page (Dutch) as PNG in docs/
screenshots: install
	$(BIN)/python -m clusterweb.tests.browser.screenshots docs

lock:
	$(BIN)/python -m pip install --quiet uv && $(BIN)/uv pip compile pyproject.toml --extra analysis --extra dev --python-version 3.11 -o requirements/lock.txt

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache node_modules $(VENDOR)
