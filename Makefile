# The press room's commands. `make help` lists them.
# Every target sets up what it needs itself: a virtual environment from the
# pinned lock files and, for the tests, Debian's chromium.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUTPUT ?= output
PORT ?= 8000
# Every build is strict: a content error stops it with a non-zero exit.
CONTENT ?= content
PELICAN := $(BIN)/pelican $(CONTENT) --fatal errors
PUBLISH_SITEURL ?= $(SITEURL)

.DEFAULT_GOAL := help
NPM ?= npm
.PHONY: help html serve devserver publish test clean chromium java venv test-venv photos-standin bench-photos bench-search bench-devserver translations hugo corpus bench lighthouse hosting-files deploy-s3 deploy-ghpages nginx exiftool zipinfo minisign verify
.PHONY: new check bench-check

help: ## List the commands
	@grep -E '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | sort | \
	  awk 'BEGIN {FS = ":.*## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/.installed-build: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

$(BIN)/.installed-test: requirements-test.lock $(BIN)/.installed-build
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.lock
	touch $@

# Locked npm tools (the Nu Html Checker). --ignore-scripts: vnu-jar's postinstall
# would download a Java runtime when none is on PATH; we use Debian's.
node_modules/.installed: package.json package-lock.json
	$(NPM) ci --ignore-scripts --no-audit --no-fund
	touch $@

venv: $(BIN)/.installed-build ## Create/update the virtual environment for building

test-venv: $(BIN)/.installed-test

# FULL=1 builds even when no input changed since the last build (see README).
html: venv ## Build the preview site into output/ (drafts and embargoed releases shown)
	$(if $(FULL),PRESS_ROOM_FULL_BUILD=1 )$(PELICAN) -s pelicanconf.py -o $(OUTPUT)

# make new TITLE="…" [DATE="2026-12-03 10:00"] [CATEGORY="…"] [LANGS=en,zh-hant] [PHOTOS=folder] [SLUG=…]
# A value as typed, single-quoted for the shell: `$(value …)` keeps a "$" (as
# in "HK$10 million") from being read as a make variable.
shell_value = '$(subst ','\'',$(value $(1)))'
new: venv ## Start a release: make new TITLE="…" [DATE=…] [CATEGORY=…] [LANGS=…] [PHOTOS=folder]
	@PYTHONPATH=plugins $(BIN)/python -m press_room.authoring.new_release --content "$(CONTENT)" \
	  --title $(call shell_value,TITLE) $(if $(DATE),--date $(call shell_value,DATE)) \
	  $(if $(CATEGORY),--category $(call shell_value,CATEGORY)) \
	  $(if $(LANGS),--langs $(call shell_value,LANGS)) \
	  $(if $(PHOTOS),--photos $(call shell_value,PHOTOS)) $(if $(SLUG),--slug $(call shell_value,SLUG))

check: venv ## Check all content as the build does, without building (FORMAT=github for CI)
	@PYTHONPATH=plugins $(BIN)/python -m press_room.authoring.check "$(CONTENT)" \
	  $(if $(FORMAT),--format "$(FORMAT)") $(if $(PUBLISH),--publish)

serve: html ## Build, then serve output/ at http://127.0.0.1:8000
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory $(OUTPUT)

# The live preview: one process rebuilds on every change to content, theme or
# settings, serves the last finished build and reloads the open page.
devserver: venv ## Serve at http://127.0.0.1:8000, rebuild on every change, reload the open page
	PYTHONPATH=plugins $(BIN)/python -m press_room.preview $(CONTENT) -s pelicanconf.py -o $(OUTPUT) --port $(PORT)

# The public build goes to $(OUTPUT).new and replaces $(OUTPUT) only when the
# build, its leak audit (in the plugin), the link check and the HTML validator
# all pass: a failed publish leaves the previous output untouched.
publish: venv java node_modules/.installed ## Build the public site (SITEURL=https://host/path make publish)
	rm -rf $(OUTPUT).new
	SITEURL="$(PUBLISH_SITEURL)" $(PELICAN) -s publishconf.py -o $(OUTPUT).new
	PYTHONPATH=plugins $(BIN)/python -m press_room.link_check $(OUTPUT).new --site-url "$(PUBLISH_SITEURL)"
	scripts/validate_html.sh $(OUTPUT).new
	$(MAKE) --no-print-directory hosting-files OUTPUT=$(OUTPUT).new
	rm -rf $(OUTPUT).old
	if [ -d $(OUTPUT) ]; then mv $(OUTPUT) $(OUTPUT).old; fi
	mv $(OUTPUT).new $(OUTPUT)
	rm -rf $(OUTPUT).old
	@$(BIN)/python scripts/robots_line.py $(OUTPUT) --site-url "$(PUBLISH_SITEURL)"

chromium: ## Install Debian's chromium for the browser tests (never a downloaded browser)
	@command -v chromium >/dev/null 2>&1 || { \
	  apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    chromium fonts-liberation ; }

lighthouse: html node_modules/.installed chromium ## Lighthouse (mobile) on home and the INNOPARK page: all 1.00
	$(BIN)/python scripts/lighthouse.py $(OUTPUT)

hosting-files: venv ## Precompress output/ (.gz/.br beside text files) and write output/_headers for SITEURL
	$(BIN)/python scripts/precompress.py $(OUTPUT)
	$(BIN)/python scripts/write_headers.py $(OUTPUT) --site-url "$(PUBLISH_SITEURL)"

deploy-s3: publish ## Upload to S3: make deploy-s3 BUCKET=s3://bucket/path [DISTRIBUTION=id]
	scripts/deploy_s3.sh $(OUTPUT) "$(BUCKET)" "$(DISTRIBUTION)"

deploy-ghpages: publish ## Commit output/ to the gh-pages branch (PUSH=1 also pushes)
	PUSH="$(PUSH)" scripts/deploy_ghpages.sh $(OUTPUT)

nginx: ## Install Debian's nginx for the hosting tests
	@test -x /usr/sbin/nginx || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx ; }

exiftool: ## Install Debian's ExifTool, the photo-metadata reader the tests use
	@command -v exiftool >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libimage-exiftool-perl ; }

zipinfo: ## Install Debian's unzip (zipinfo), which the press-kit tests read ZIPs with
	@command -v zipinfo >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends unzip ; }

minisign: ## Install Debian's minisign (the tests verify signed releases with the stock tool)
	@command -v minisign >/dev/null 2>&1 || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends minisign ; }

# A release's address, its folder, or a copy of the site; the public key is on
# the site's "Verify a release" page.
verify: venv ## Check a release's signature and files: make verify DIR_OR_URL=… PUBLIC_KEY=RW…
	PYTHONPATH=plugins $(BIN)/python -m press_room.trust.verify "$(DIR_OR_URL)" --public-key "$(PUBLIC_KEY)"

java: ## Install Debian's Java for the HTML validator (never a downloaded one)
	@command -v java >/dev/null 2>&1 || { \
	  apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    default-jre-headless ; }

test: test-venv chromium java nginx exiftool zipinfo minisign node_modules/.installed ## Run every test, browser tests included
	$(BIN)/python -m pytest

bench-photos: test-venv chromium ## Benchmark the photo pipeline (writes bench/results-photos.md)
	$(BIN)/python bench/photos.py

translations: venv ## Update the theme's gettext catalogs from the templates (extract, update, check)
	$(BIN)/pybabel extract -F babel.cfg -o theme/translations/messages.pot --no-location \
	  --sort-output --project press-room .
	$(BIN)/pybabel update -i theme/translations/messages.pot -d theme/translations
	$(BIN)/pybabel compile -d theme/translations --statistics

N ?= 1000
CORPUS_DIR ?= .cache/bench/corpus-$(N)

hugo: ## Install Debian's hugo, the benchmark's yardstick
	@command -v hugo >/dev/null 2>&1 || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends hugo ; }

corpus: venv ## Write N synthetic releases (make corpus N=1000 [CORPUS_DIR=…]), outside content/
	$(BIN)/python bench/corpus.py --count $(N) --out $(CORPUS_DIR)

bench: test-venv hugo ## Benchmark builds against Hugo at 100/1,000/5,000 releases (bench/results.md)
	$(BIN)/python bench/build_bench.py $(BENCH_ARGS)

bench-check: test-venv ## Time make check at 1,000 and 5,000 releases (writes bench/results-check.md)
	$(BIN)/python bench/check_bench.py $(BENCH_ARGS)
bench-devserver: test-venv ## Time save → page updated under the devserver (N=1000; bench/results-devserver.md)
	$(BIN)/python bench/devserver_bench.py --size $(N)

bench-search: test-venv chromium ## Benchmark search on 1,000 releases (BENCH_ARGS="--count 5000" for more)
	$(BIN)/python bench/search.py $(BENCH_ARGS)

photos-standin: venv ## Regenerate the INNOPARK stand-in photos
	$(BIN)/python scripts/make_standin_photos.py

clean: ## Remove output/ and caches (the photo cache too: next build re-encodes)
	rm -rf $(OUTPUT) $(OUTPUT).new $(OUTPUT).old .cache cache __pycache__ .pytest_cache
