# Our Coffee Co-op — build, serve, test, package.
#
#   make serve   set up, build, serve the site on http://127.0.0.1:8000
#   make test    set up, build, and run every test (browser tests included)
#   make usb     the offline copy: dist/our-coffee-coop-<version>-<date>.zip
#   make pdf     printable PDFs (trainer and learner editions, English and Lao), in site/pdf/
#   make bench   performance measurements, as JSON
#   make bench-serve  requests/s and p99 latency of nginx (deploy/nginx.conf) under load, as JSON
#   make nginx   serve the built site with nginx on http://127.0.0.1:8080 (deploy/nginx.conf)
#
# Needs: python3 (>= 3.11) with venv, node + npm. Browser tests need Debian's chromium
# (`apt-get install chromium`; .ci/run installs it). Every target sets up what it needs first
# and does nothing twice: stamps in .stamps/ remember what is done.

PYTHON  ?= python3
VENV    := .venv
PY      := $(VENV)/bin/python
HOST    ?= 127.0.0.1
PORT    ?= 8000
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
STAMPS  := .stamps
SOURCES := $(shell find docs exercises coopsite hooks overrides frontend -type f \
             -not -path 'overrides/assets/vendor/*' -not -path 'overrides/assets/fonts/*' \
             -not -path 'overrides/assets/coop/*' -not -path 'overrides/assets/pyodide/*' \
             -not -name '*.mo' -not -path '*/__pycache__/*' 2>/dev/null) mkdocs.yml

.PHONY: all setup assets catalogs build precompress serve nginx live check test test-fast usb pdf bench bench-serve lock clean

all: build

$(STAMPS):
	mkdir -p $(STAMPS)

# ---- Set-up -------------------------------------------------------------------------------------

$(STAMPS)/venv: requirements.lock pyproject.toml | $(STAMPS)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(STAMPS)/npm: package.json package-lock.json | $(STAMPS)
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(STAMPS)/venv $(STAMPS)/npm

# ---- Front-end files (Pyodide, fonts, editor, runtime) -------------------------------------------

# Python's memory snapshot is remade here whenever the exercises, the engine, coop_boot, pygal or the
# Pyodide pin change (scripts/stage_assets.py hashes them into its key; the same key is checked again
# by build-frontend.mjs, by the MkDocs hook and, in the browser, by the worker).
$(STAMPS)/assets: $(STAMPS)/venv $(STAMPS)/npm scripts/stage_assets.py scripts/build-frontend.mjs scripts/make-snapshot.mjs \
                  $(shell find exercises coopsite frontend/src -type f -name '*.py' -o -type f -name '*.js' -o -name '*.po' -o -name '*.toml' 2>/dev/null) \
                  docs/data/glossary.yml
	$(PY) scripts/stage_assets.py
	node scripts/build-frontend.mjs
	touch $@

assets: $(STAMPS)/assets

catalogs: $(STAMPS)/venv
	$(PY) scripts/catalogs.py compile

# ---- Site ---------------------------------------------------------------------------------------

$(STAMPS)/site: $(STAMPS)/assets $(SOURCES) scripts/make_pdf.py scripts/slim-css.mjs scripts/build-sw.mjs scripts/publish.py | $(STAMPS)
	$(VENV)/bin/mkdocs build --strict --clean
	node scripts/slim-css.mjs site   # smaller stylesheets (every page reads them)
	$(PY) scripts/make_pdf.py
	node scripts/build-sw.mjs site   # the service worker lists every built file, PDFs too
	$(PY) scripts/publish.py headers site      # _headers (static hosts), _headers.nginx (deploy/nginx.conf)
	$(PY) scripts/publish.py precompress site  # last: .br/.gz beside every text and wasm file
	touch $@

build: $(STAMPS)/site   # the site, with its printable PDFs in site/pdf/, its service worker, .br/.gz copies

precompress: build   # the .br/.gz copies are part of the build (scripts/publish.py precompress)

serve: build
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl-C stops)"
	$(PY) scripts/serve.py site --host $(HOST) --port $(PORT)

nginx: build   # the reference web server (Debian: nginx, libnginx-mod-http-brotli-static)
	mkdir -p .nginx
	@echo "Serving on http://127.0.0.1:8080/ (Ctrl-C stops)"
	nginx -p "$(CURDIR)" -c deploy/nginx.conf

live: assets   # for authors: rebuilds on save (MkDocs' dev server)
	$(VENV)/bin/mkdocs serve --dev-addr $(HOST):$(PORT)

# ---- Offline copy, print --------------------------------------------------------------------------

usb: build
	$(PY) scripts/make_usb.py --version $(VERSION)

pdf: build   # the PDFs are part of the site (site/pdf/), so the USB copy and the links have them
	@ls site/pdf/*.pdf | wc -l | xargs echo "PDFs in site/pdf:"

# ---- Tests and measurements ----------------------------------------------------------------------

check: $(STAMPS)/venv $(STAMPS)/npm   # linters and type checkers (part of test and test-fast)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	node_modules/.bin/tsc -p frontend
	node --test frontend/test/

test: usb check
	$(PY) -m pytest

test-fast: check   # checkers, then model, catalog and content tests (no build, no browser)
	$(PY) -m pytest -m "not browser and not slow"

bench: usb
	$(PY) scripts/bench.py

bench-serve: build   # wrk (Debian) against nginx: a lesson page and the wasm, 200 connections
	$(PY) scripts/bench_serve.py

lock:
	$(PY) -m pip freeze --exclude-editable | sed '1i # Every Python package, pinned (build + tests). Regenerate: make lock' > requirements.lock

clean:
	rm -rf site dist .cache .nginx $(STAMPS) overrides/assets/vendor overrides/assets/fonts overrides/assets/coop overrides/assets/pyodide
