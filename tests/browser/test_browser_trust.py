"""A site built from a hostile community.yml (tests/hostile/theme.yml), opened in Chromium: no
injected script runs (no dialog, nothing the policy had to block), on any kind of page and in
the search box, and the hostile name reads as text."""
from __future__ import annotations

import functools
import http.server
import threading

import pytest
from browsing import DESKTOP, new_visit

from tests.hostile.theme_site import FIELDS, SLUG, build_hostile_site

pytestmark = pytest.mark.browser

PAGES = ["/", f"/{SLUG}/", f"/{SLUG}/notes/", f"/{SLUG}/guide/feedback/",
         f"/{SLUG}/organization/", f"/{SLUG}/kiosk/", f"/{SLUG}/404.html"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def hostile_origin(tmp_path_factory):
    site = build_hostile_site(tmp_path_factory.mktemp("hostile-browser"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def guarded(browser, hostile_origin):
    """A page that records every dialog (alert, confirm, prompt) and every blocked script."""
    visit = new_visit(browser, hostile_origin, DESKTOP)
    page = visit.page()
    dialogs: list[str] = []

    def record(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()
    page.on("dialog", record)
    yield page, visit, dialogs
    visit.context.close()
    assert not visit.blocked, f"requests to other origins: {visit.blocked}"


@pytest.mark.parametrize("path", PAGES)
def test_no_injected_script_runs(guarded, hostile_origin, path):
    page, visit, dialogs = guarded
    page.goto(hostile_origin + path)
    page.wait_for_load_state("load")
    page.mouse.move(200, 300)  # hover handlers (onmouseover) would fire now
    page.wait_for_timeout(300)
    assert dialogs == []
    assert visit.errors == []  # no script error, nothing the Content-Security-Policy blocked


def test_the_hostile_name_reads_as_text_in_the_header(guarded, hostile_origin):
    page, _, dialogs = guarded
    page.goto(f"{hostile_origin}/{SLUG}/notes/")
    (name,) = [c["value"] for c in FIELDS if c["field"] == "name"]
    assert name in page.locator(".md-header__topic").first.inner_text()
    (title,) = [c["value"] for c in FIELDS if c["field"] == "content-title"]
    assert page.title().startswith(title)
    assert dialogs == []


def test_searching_for_the_hostile_title_runs_nothing(guarded, hostile_origin):
    page, visit, dialogs = guarded
    page.goto(f"{hostile_origin}/{SLUG}/")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("须知")
    box.press("End")  # Material reads the query on keyup
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert "须知" in " ".join(page.locator(".md-search-result__item").all_inner_texts())
    page.wait_for_timeout(300)
    assert dialogs == [] and visit.errors == []
