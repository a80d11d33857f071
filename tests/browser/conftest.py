"""Browser tests: the built site served over HTTP on 127.0.0.1, opened in Debian's Chromium.

Playwright never downloads a browser here; without /usr/bin/chromium these tests fail
(run `make browser`). Every page is opened in a context that lets requests reach
127.0.0.1:<port> only: anything else is aborted and reported, so no test can pass while the
site reaches for another origin.
"""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest
from browsing import CHROMIUM, DESKTOP, LAUNCH_ARGS, Visit, new_visit
from dangwu_testsite import SLUG, published_files, url_of
from playwright.sync_api import Browser, sync_playwright


@pytest.fixture(scope="session")
def site_root(tiny_site) -> Path:
    """The tiny community's public site, shared with tests/publish (read only)."""
    return tiny_site().out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep the test output readable
        pass


@pytest.fixture(scope="session")
def base_url(site_root) -> str:
    handler = functools.partial(_QuietHandler, directory=str(site_root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Browser:
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: run `make browser` (Debian's chromium package)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def visit(browser, base_url):
    """``visit(viewport=PHONE, **context_options) -> Visit``; checked for leaks at teardown."""
    opened: list[Visit] = []

    def open_visit(viewport=DESKTOP, **options) -> Visit:
        found = new_visit(browser, base_url, viewport, **options)
        opened.append(found)
        return found

    yield open_visit
    for found in opened:
        found.context.close()
    leaks = [url for found in opened for url in found.blocked]
    assert not leaks, f"requests to other origins: {leaks}"


@pytest.fixture(scope="session")
def pages(site_root) -> list[str]:
    """Every HTML page of the built site as a URL path, portal first."""
    return [url_of(rel) for rel in published_files(site_root)]



@pytest.fixture(scope="session")
def layout_pages(site_root, pages) -> list[str]:
    """The pages residents read: the portal and the community's Material pages (the kiosk and
    print sheets have their own layouts and tests)."""
    chosen = []
    for url in pages:
        path = site_root / url.lstrip("/")
        path = path / "index.html" if url.endswith("/") else path
        html = path.read_text(encoding="utf-8")
        if url == "/" or 'data-md-component="container"' in html or url.endswith("/404.html"):
            chosen.append(url)
    return chosen


@pytest.fixture(scope="session")
def home() -> str:
    return f"/{SLUG}/"
