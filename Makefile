# The two commands: `make site` (install and build the site into site/) and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SITE_STAMP := $(VENV)/.site-installed
DEV_STAMP := $(VENV)/.dev-installed

.PHONY: site serve test bundle stats browser clean

site: $(SITE_STAMP)
	$(PY) -m builder build

serve: $(SITE_STAMP)
	$(PY) -m builder serve

stats: $(SITE_STAMP)
	$(PY) -m builder stats

test: $(DEV_STAMP) browser
	$(PY) -m pytest -q

$(SITE_STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(DEV_STAMP): $(SITE_STAMP) requirements-dev.txt
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Browser tests use Debian's Chromium (never a downloaded browser build).
browser:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "browser tests need Debian's chromium: sudo apt-get install chromium"; fi; }

clean:
	rm -rf build site dist
