# Two set-up commands: `make demo` and `make test`. Everything else is a helper for those.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test lint check build serve bench install install-test browser print-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml .ci/requirements.lock
	$(BIN)/pip install --quiet -c .ci/requirements.lock -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -c .ci/requirements.lock -e '.[test]'
	touch $@

install: $(VENV)/.installed print-deps
install-test: $(VENV)/.installed-test print-deps

# What WeasyPrint needs to print the 公开栏 PDFs every build makes: Pango (with HarfBuzz's
# subsetter) and the system CJK fonts, from Debian; fonts are never downloaded by the build.
print-deps:
	@fc-list :lang=zh 2>/dev/null | grep -q . && ldconfig -p | grep -q libpangoft2-1.0 && ldconfig -p | grep -q libharfbuzz-subset || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq fonts-noto-cjk libpango-1.0-0 \
	    libpangoft2-1.0-0 libharfbuzz-subset0 >/dev/null; }

# Debian's Chromium and CJK fonts for the browser tests (Playwright never downloads a browser),
# and poppler-utils (pdftoppm, pdftotext) to render the printed sheets in tests/render/test_print.py.
browser:
	@command -v chromium >/dev/null && command -v pdftoppm >/dev/null && fc-list :lang=zh | grep -q . || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk poppler-utils >/dev/null; }

check: install
	$(BIN)/dangwu check data

build: install
	$(BIN)/dangwu build data

# Checks the sample records, builds every community and the portal, serves them on 127.0.0.1.
demo: install
	$(BIN)/dangwu check data
	$(BIN)/dangwu serve data --port $(PORT)

# Style, likely bugs and types (settings in pyproject.toml); any finding fails the target.
lint: install-test
	$(BIN)/ruff check generator tests bench
	$(BIN)/mypy

test: lint browser
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/run.py
	$(BIN)/python bench/preview.py

clean:
	rm -rf site site-members build schemas .pytest_cache
