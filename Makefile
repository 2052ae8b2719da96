# The two commands of the README:
#   make book   builds the site (and its PDF edition) into book/_build/html
#   make test   builds the book, then runs every test: package, data, ledger, build, browser, PDF
# Others: make lecturer (the book without solutions), make bench (benchmarks), make clean.
PY      := .venv/bin/python
STAMPS  := .stamps
SHELL   := /bin/bash

.PHONY: book html pdf lecturer test test-fast bench clean notebooks

book: html pdf
	@echo "Built: $(CURDIR)/book/_build/html/index.html"

$(STAMPS)/python: pyproject.toml scripts/setup.sh
	scripts/setup.sh python
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/npm: package.json package-lock.json
	scripts/setup.sh npm
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/tex: scripts/setup.sh
	scripts/setup.sh tex
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/chromium: scripts/setup.sh
	scripts/setup.sh chromium
	@mkdir -p $(STAMPS) && touch $@

html: $(STAMPS)/python $(STAMPS)/npm
	$(PY) scripts/build.py html

pdf: $(STAMPS)/python $(STAMPS)/npm $(STAMPS)/tex
	$(PY) scripts/build.py pdf

lecturer: $(STAMPS)/python $(STAMPS)/npm
	$(PY) scripts/build.py lecturer
	@echo "Built without solutions: $(CURDIR)/book/_build/lecturer/_build/html/index.html"

notebooks: $(STAMPS)/python
	$(PY) scripts/build.py notebooks

# The builds leave a build server running (scripts/build_server.py, it exits after 10 idle minutes);
# the test run stops it when it ends, whatever the outcome.
test: book lecturer $(STAMPS)/chromium
	SIEECON_REQUIRE_BUILD=1 $(PY) -m pytest; status=$$?; $(PY) scripts/build.py stop-server; exit $$status

test-fast: $(STAMPS)/python
	$(PY) -m pytest -m "not site and not pdf and not slow"

bench: $(STAMPS)/python $(STAMPS)/npm $(STAMPS)/chromium
	$(PY) bench/run.py

clean:
	-[ -x $(PY) ] && $(PY) scripts/build.py stop-server
	rm -rf book/_build book/_vendor $(STAMPS)
