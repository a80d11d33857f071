"""The kiosk in Chromium: rotation, touch and idle, picking up new builds, surviving a dead server,
staying on 127.0.0.1, fitting both screen orientations in large type, QR codes that scan.

The kiosk is rendered with ``write_kiosk`` from the tiny community made busier (see
tests/render/test_kiosk.py) into a folder shaped like ``site/`` with a manifest.json, and each test
serves its own copy on 127.0.0.1 (tests publish new builds into it or stop the server).
The query string shortens the kiosk's timings (?interval=…&idle=…&poll=…, in seconds).
Uses the session ``browser`` of tests/browser/conftest.py (one Playwright per process).
"""
from __future__ import annotations

import base64
import functools
import http.server
import json
import re
import shutil
import threading
from pathlib import Path

import pytest

from tests.render.test_kiosk import RICH_QR_URLS, SLUG, context_for, decode_qr, make_busy_data, make_data, write_site

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
LANDSCAPE = {"width": 1920, "height": 1080}
PORTRAIT = {"width": 1080, "height": 1920}
STILL = "?interval=600&idle=600&poll=600"  # nothing moves by itself during the test
SLIDES = len(RICH_QR_URLS)


class Server:
    """A folder served on 127.0.0.1 in a thread, quietly."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002
            pass

    def __init__(self, folder: Path):
        self.folder = folder
        handler = functools.partial(self.Handler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()
        self.running = True

    def stop(self):
        if self.running:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.running = False

    def publish(self, build_id: str, html: str) -> None:
        """A new build: the page first, then the manifest that announces it."""
        community = self.folder / SLUG
        (community / "kiosk" / "index.html").write_text(html, encoding="utf-8")
        (community / "manifest.json").write_text(json.dumps({"build_id": build_id, "files": {}}), encoding="utf-8")

    def page_html(self) -> str:
        return (self.folder / SLUG / "kiosk" / "index.html").read_text(encoding="utf-8")


class Kiosk:
    """One kiosk page in its own context; every request is recorded, any to another origin aborted."""

    def __init__(self, browser, server: Server, query: str, viewport: dict, **options):
        self.origin = server.origin
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport=viewport, locale="zh-CN", service_workers="block", **options)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", self._console)
        self.url = f"{server.origin}/{SLUG}/kiosk/{query}"
        self.page.goto(self.url)
        self.until(  # the first answer to the first poll
            "document.body.dataset.build !== undefined || document.body.classList.contains('is-offline')")

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.errors.append(message.text)

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if url.startswith(self.origin + "/"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def until(self, condition: str, timeout: float = 5000) -> None:
        """Wait until a JS expression holds. Given as a function: the page's CSP forbids the eval
        Playwright uses for bare expressions."""
        self.page.wait_for_function(f"() => ({condition})", timeout=timeout)

    # what the screen shows
    def index(self) -> int:
        return self.page.evaluate(
            "[...document.querySelectorAll('.slide')].findIndex(s => s.classList.contains('is-active'))")

    def paused(self) -> bool:
        return self.page.evaluate("document.body.classList.contains('is-paused')")

    def wait_for_slide(self, number: int, timeout: float = 5000) -> None:
        self.until(
            f"document.querySelector('.slide.is-active') === document.querySelectorAll('.slide')[{number}]",
            timeout=timeout)

    def manifest_requests(self) -> int:
        return sum(1 for url in self.requests if url.endswith("/manifest.json"))

    def wait_for_more_polls(self, count: int = 3) -> None:
        target = self.manifest_requests() + count
        for _ in range(200):
            if self.manifest_requests() >= target:
                return
            self.page.wait_for_timeout(50)
        raise AssertionError("the kiosk stopped asking for the manifest")


def each_slide(kiosk: Kiosk):
    """Show every slide in turn (paging by keyboard pauses, so the paging buttons are shown too)."""
    for number in range(SLIDES):
        if number:
            kiosk.page.keyboard.press("ArrowRight")
        assert kiosk.index() == number
        yield number


@pytest.fixture(scope="module")
def kiosk_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("kiosk-browser")
    write_site(root, context_for(make_data(root)), build_id="build-a")
    return root / "site"


@pytest.fixture
def server(kiosk_site, tmp_path):
    folder = tmp_path / "site"
    shutil.copytree(kiosk_site, folder)
    served = Server(folder)
    yield served
    served.stop()


@pytest.fixture
def open_kiosk(browser, server):
    """``open_kiosk(query, viewport=LANDSCAPE, **context_options) -> Kiosk``; at teardown no request
    may have left 127.0.0.1 and the script must not have thrown."""
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: run `make browser`"
    opened: list[Kiosk] = []

    def open_(query: str = STILL, viewport: dict = LANDSCAPE, **options) -> Kiosk:
        kiosk = Kiosk(browser, server, query, viewport, **options)
        opened.append(kiosk)
        return kiosk

    yield open_
    for kiosk in opened:
        kiosk.context.close()
    assert not [url for kiosk in opened for url in kiosk.blocked], "requests left 127.0.0.1"
    assert not [error for kiosk in opened for error in kiosk.errors], "script errors or CSP violations"


# --- rotation, touch, idle ------------------------------------------------------------------

def test_rotation_advances_with_a_moving_progress_bar_and_wraps_around(open_kiosk):
    kiosk = open_kiosk("?interval=0.4&poll=600")
    kiosk.wait_for_slide(1)
    kiosk.wait_for_slide(2)
    assert kiosk.page.locator(".count-now").inner_text() == "3"
    kiosk.until(
        "getComputedStyle(document.querySelector('.progress-fill')).transform !== 'matrix(0, 0, 0, 1, 0, 0)'")
    kiosk.page.keyboard.press("ArrowLeft")  # to slide 2, paused
    kiosk.page.keyboard.press("ArrowLeft")
    kiosk.page.keyboard.press("ArrowLeft")  # from the first slide back to the last
    assert kiosk.index() == SLIDES - 1
    kiosk.page.get_by_role("button", name="继续播放").click()
    kiosk.wait_for_slide(0)


def test_touch_pauses_with_big_paging_buttons_and_idle_returns_to_the_first_slide(open_kiosk):
    kiosk = open_kiosk("?interval=0.3&idle=1.5&poll=600", has_touch=True)
    kiosk.wait_for_slide(2)
    kiosk.page.touchscreen.tap(700, 500)
    assert kiosk.paused()
    shown = kiosk.index()
    buttons = kiosk.page.locator(".control")
    assert buttons.count() == 3
    for number in range(3):
        box = buttons.nth(number).bounding_box()
        assert box["width"] >= 88 and box["height"] >= 80, "buttons big enough to hit from standing"
    kiosk.page.get_by_role("button", name="下一页").tap()
    assert kiosk.index() == shown + 1
    kiosk.page.get_by_role("button", name="上一页").tap()
    kiosk.page.get_by_role("button", name="上一页").tap()
    assert kiosk.index() == shown - 1
    kiosk.page.wait_for_timeout(700)  # two intervals: a paused kiosk stays put
    assert kiosk.paused() and kiosk.index() == shown - 1
    kiosk.until("!document.body.classList.contains('is-paused')", timeout=5000)
    assert kiosk.index() == 0, "after the idle time it starts again from the first slide"
    kiosk.wait_for_slide(1)


def test_a_mouse_click_pauses_too_and_the_resume_button_continues(open_kiosk):
    kiosk = open_kiosk("?interval=0.3&idle=600&poll=600")
    kiosk.page.mouse.click(600, 600)
    assert kiosk.paused()
    shown = kiosk.index()
    assert kiosk.page.get_by_role("button", name="继续播放").is_visible()
    kiosk.page.get_by_role("button", name="继续播放").click()
    assert not kiosk.paused()
    kiosk.wait_for_slide(shown + 1)
    assert not kiosk.page.get_by_role("button", name="继续播放").is_visible()


# --- new builds and a failing server -----------------------------------------------------------

def test_a_new_build_is_taken_in_place_once_its_page_arrived_whole(open_kiosk, server):
    kiosk = open_kiosk("?interval=600&poll=0.2")
    kiosk.until("document.body.dataset.build === 'build-a'")
    kiosk.page.evaluate("window.sameDocument = true")
    html = server.page_html().replace("小园社区 · 党务公开", "新园社区 · 党务公开")
    server.publish("build-b", html)
    kiosk.until("document.body.dataset.build === 'build-b'", timeout=5000)
    assert kiosk.page.locator(".bar-name").inner_text() == "新园社区 · 党务公开"
    assert kiosk.page.evaluate("window.sameDocument") is True, "switched without navigating"
    assert kiosk.page.locator(".slide").count() == SLIDES
    assert kiosk.index() == 0


def test_a_new_build_with_new_code_reloads_only_after_fetching_the_code(open_kiosk, server):
    kiosk = open_kiosk("?interval=600&poll=0.2")
    kiosk.until("document.body.dataset.build === 'build-a'")
    kiosk.page.evaluate("window.sameDocument = true")
    html = re.sub(r"kiosk\.js\?v=\w+", "kiosk.js?v=newcode", server.page_html())
    kiosk.page.route("**/kiosk.js?v=newcode", lambda route: route.fulfill(status=503, body=""))
    server.publish("build-b", html.replace("小园社区 · 党务公开", "新园社区 · 党务公开"))
    kiosk.wait_for_more_polls()
    assert kiosk.page.evaluate("window.sameDocument") is True, "no reload while the new code is missing"
    kiosk.page.unroute("**/kiosk.js?v=newcode")
    kiosk.until("document.querySelector('.bar-name').textContent === '新园社区 · 党务公开'",
                                 timeout=5000)
    assert kiosk.page.evaluate("window.sameDocument") is None, "reloaded to run the new script"
    kiosk.until("document.body.dataset.build === 'build-b'")


def test_a_new_build_whose_page_is_cut_short_or_failing_is_not_taken(open_kiosk, server):
    kiosk = open_kiosk("?interval=600&poll=0.2")
    kiosk.until("document.body.dataset.build === 'build-a'")
    whole = server.page_html()
    server.publish("build-b", whole.replace("小园社区 · 党务公开", "新园社区 · 党务公开")[: len(whole) // 2])
    kiosk.wait_for_more_polls()
    kiosk.page.route("**/kiosk/index.html", lambda route: route.fulfill(status=500, body="busy"))
    kiosk.wait_for_more_polls()  # a fetch begun before the route ends first, with the cut page
    server.publish("build-b", whole.replace("小园社区 · 党务公开", "新园社区 · 党务公开"))
    kiosk.wait_for_more_polls()
    assert kiosk.page.evaluate("document.body.dataset.build") == "build-a"
    assert kiosk.page.locator(".bar-name").inner_text() == "小园社区 · 党务公开"
    assert kiosk.page.locator(".slide").count() == SLIDES
    kiosk.page.unroute("**/kiosk/index.html")
    kiosk.until("document.body.dataset.build === 'build-b'", timeout=5000)


def test_a_failing_server_keeps_the_screen_and_says_since_when(open_kiosk, server):
    kiosk = open_kiosk("?interval=600&poll=0.2")
    kiosk.until("document.body.dataset.build === 'build-a'")
    kiosk.page.evaluate("window.sameDocument = true")
    footer = kiosk.page.locator(".updated")
    assert footer.inner_text() == "数据更新于 2026年11月23日"
    kiosk.page.route("**/manifest.json", lambda route: route.fulfill(status=500, body="error"))
    kiosk.until("document.body.classList.contains('is-offline')", timeout=5000)
    assert footer.inner_text() == "数据更新于 2026年11月23日 · 暂时离线"
    kiosk.page.unroute("**/manifest.json")
    kiosk.until("!document.body.classList.contains('is-offline')", timeout=5000)
    server.stop()  # the server is gone altogether
    kiosk.until("document.body.classList.contains('is-offline')", timeout=5000)
    kiosk.wait_for_more_polls()
    assert kiosk.page.url == kiosk.url and kiosk.page.evaluate("window.sameDocument") is True
    assert kiosk.page.locator(".slide").count() == SLIDES
    assert footer.is_visible() and "暂时离线" in footer.inner_text()


def test_no_request_leaves_127_0_0_1_while_it_shows_every_slide_and_polls(open_kiosk, server):
    kiosk = open_kiosk("?interval=600&poll=0.2")
    for _ in each_slide(kiosk):
        pass
    kiosk.wait_for_more_polls(2)
    assert kiosk.requests and all(url.startswith(server.origin + "/") for url in kiosk.requests)
    paths = {url[len(server.origin):].split("?")[0] for url in kiosk.requests}
    assert paths == {f"/{SLUG}/kiosk/", f"/{SLUG}/kiosk/kiosk.css", f"/{SLUG}/kiosk/kiosk.js",
                     f"/{SLUG}/manifest.json"}


# --- layout: everything on screen, large type ----------------------------------------------

OUT_OF_PLACE = """() => {
  const W = window.innerWidth, H = window.innerHeight, found = [];
  const scroller = document.scrollingElement;
  if (scroller.scrollWidth > W || scroller.scrollHeight > H) found.push('the page scrolls');
  const slide = document.querySelector('.slide.is-active');
  const body = slide.querySelector('.slide-body');
  const within = (r, b) => r.left >= b.left - 0.5 && r.top >= b.top - 0.5
    && r.right <= b.right + 0.5 && r.bottom <= b.bottom + 0.5;
  const screen = {left: 0, top: 0, right: W, bottom: H};
  const name = (el) => el.tagName.toLowerCase() + '.' + String(el.className && el.className.baseVal !== undefined
    ? el.className.baseVal : el.className) + ' "' + (el.textContent || '').trim().slice(0, 20) + '"';
  for (const el of document.querySelectorAll('.frame, .frame *')) {
    if (!el.getClientRects().length) continue;  // not rendered (hidden slides, closed controls)
    const r = el.getBoundingClientRect();
    if (!within(r, screen)) found.push('off screen: ' + name(el));
    if (slide.contains(el) && !within(r, slide.getBoundingClientRect())) found.push('outside its slide: ' + name(el));
    if (body.contains(el) && !within(r, body.getBoundingClientRect())) found.push('cut off: ' + name(el));
    const clamped = el.matches && el.matches('.clamp-1, .clamp-2, .clamp-3');
    if (!(el instanceof SVGElement) && !clamped && el.scrollHeight > el.clientHeight + 1
        && getComputedStyle(el).overflowY !== 'visible') found.push('hides overflowing content: ' + name(el));
  }
  return found;
}"""

SMALL_TEXT = """(least) => {
  const found = [];
  for (const el of document.querySelectorAll('.frame *')) {
    if (el.closest('svg') || !el.getClientRects().length) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (own && size < least) found.push(el.tagName + ' ' + size + 'px "' + el.textContent.trim().slice(0, 20) + '"');
  }
  return found;
}"""


@pytest.mark.parametrize("viewport", [LANDSCAPE, PORTRAIT], ids=["1920x1080", "1080x1920"])
def test_every_slide_fits_the_screen_with_nothing_cut_off(open_kiosk, viewport):
    kiosk = open_kiosk(STILL, viewport)
    kiosk.page.evaluate("document.body.classList.add('is-offline')")  # the longest footer
    problems = {"running": kiosk.page.evaluate(OUT_OF_PLACE)}
    for number in each_slide(kiosk):
        problems[number] = kiosk.page.evaluate(OUT_OF_PLACE)
    assert kiosk.paused()
    assert {k: v for k, v in problems.items() if v} == {}


@pytest.mark.parametrize("viewport", [LANDSCAPE, PORTRAIT], ids=["1920x1080", "1080x1920"])
def test_capped_lists_fit_with_their_how_many_more_line(browser, tmp_path, viewport):
    """Every list cut short (公示, 班子, 各党组织, 逾期承诺, 活动) with its "还有 N 项" line, on screen."""
    write_site(tmp_path, context_for(make_busy_data(tmp_path)))
    server = Server(tmp_path / "site")
    kiosk = Kiosk(browser, server, STILL, viewport)
    try:
        kiosk.page.evaluate("document.body.classList.add('is-offline')")
        count = kiosk.page.evaluate("document.querySelectorAll('.slide').length")
        problems, lines = {}, []
        for number in range(count):
            if number:
                kiosk.page.keyboard.press("ArrowRight")
            assert kiosk.index() == number
            problems[number] = kiosk.page.evaluate(OUT_OF_PLACE)
            lines += kiosk.page.evaluate(
                "[...document.querySelectorAll('.slide.is-active .more, .slide--more .big-status')]"
                ".filter(el => el.getClientRects().length).map(el => el.textContent)")
        assert {k: v for k, v in problems.items() if v} == {}
        assert len(lines) == 5 and all(line.startswith("还有 ") for line in lines), lines
        assert not kiosk.blocked and not kiosk.errors
    finally:
        kiosk.context.close()
        server.stop()


def test_text_is_readable_from_three_metres_at_1920x1080(open_kiosk):
    kiosk = open_kiosk(STILL, LANDSCAPE)
    small = {"running": kiosk.page.evaluate(SMALL_TEXT, 32)}
    for number in each_slide(kiosk):
        small[number] = kiosk.page.evaluate(SMALL_TEXT, 32)
    assert {k: v for k, v in small.items() if v} == {}
    body = kiosk.page.evaluate("parseFloat(getComputedStyle(document.querySelector('.slide-body')).fontSize)")
    assert body >= 32


# --- QR codes ---------------------------------------------------------------------------------

PNG_TO_GRAY = """async (png) => {
  const image = new Image();
  image.src = 'data:image/png;base64,' + png;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width; canvas.height = image.height;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const rgba = context.getImageData(0, 0, canvas.width, canvas.height).data;
  let gray = '';
  for (let i = 0; i < rgba.length; i += 4) {
    gray += String.fromCharCode((rgba[i] * 299 + rgba[i + 1] * 587 + rgba[i + 2] * 114) / 1000 | 0);
  }
  return {width: canvas.width, height: canvas.height, gray: btoa(gray)};
}"""


@pytest.mark.parametrize("viewport", [LANDSCAPE, PORTRAIT], ids=["1920x1080", "1080x1920"])
def test_every_qr_code_on_screen_scans_to_its_page(open_kiosk, viewport):
    kiosk = open_kiosk(STILL, viewport)
    decoder = kiosk.context.new_page()  # about:blank: turns the screenshots into pixels
    decoded = []
    for _ in each_slide(kiosk):
        shot = kiosk.page.locator(".slide.is-active .qr-code").screenshot()
        pixels = decoder.evaluate(PNG_TO_GRAY, base64.b64encode(shot).decode("ascii"))
        decoded += decode_qr(base64.b64decode(pixels["gray"]), pixels["width"], pixels["height"])
    assert decoded == RICH_QR_URLS
