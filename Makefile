# The two commands: `make site` (install and build the site into site/) and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SITE_STAMP := $(VENV)/.site-installed
DEV_STAMP := $(VENV)/.dev-installed

.PHONY: site serve test bundle stats browser vendor clean lock

# `update` builds the site and records its new texts and URLs (translations/, content/published.yml).
site: $(SITE_STAMP)
	$(PY) -m builder update

serve: $(SITE_STAMP)
	$(PY) -m builder serve

stats: $(SITE_STAMP)
	$(PY) -m builder stats

# The site as one zip for reading offline: dist/<name>-offline-<date>.zip.
bundle: $(SITE_STAMP)
	$(PY) -m builder bundle

test: $(DEV_STAMP) browser node_modules/.installed
	$(PY) -m ruff check builder
	$(PY) -m mypy
	$(PY) -m pytest -q

# Installs exactly the locked packages, each checked against its hash.
$(SITE_STAMP): requirements.lock requirements-pip.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r requirements-pip.lock
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

$(DEV_STAMP): $(SITE_STAMP) requirements-dev.lock
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r requirements-dev.lock
	touch $@

# After editing requirements*.txt: pin every package they pull in, with hashes (pip-tools).
lock:
	$(PY) -m pip install -q --disable-pip-version-check pip-tools==7.6.2
	for f in requirements requirements-dev; do \
	  $(VENV)/bin/pip-compile -q --generate-hashes --allow-unsafe --strip-extras \
	    --no-emit-index-url --no-emit-find-links -o $$f.lock $$f.txt; done

# Browser tests use Debian's Chromium (never a downloaded browser build).
browser:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "browser tests need Debian's chromium: sudo apt-get install chromium"; fi; }

# npm packages of package-lock.json: axe-core for the accessibility tests, and
# iframe-worker, whose shim `make vendor` copies into the site's assets (committed).
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; \
	  else echo "the tests need npm: sudo apt-get install npm"; fi; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

vendor: node_modules/.installed
	cp node_modules/iframe-worker/shim/index.js site_src/assets/vendor/iframe-worker/shim.js
	cp node_modules/iframe-worker/LICENSE site_src/assets/vendor/iframe-worker/LICENSE

clean:
	rm -rf build site dist
