"""Accessibility as axe-core sees it, on every page of the built site (portal, every community
page, 404, kiosk) at 360 and 1280 px, and at 360 px in 关怀模式: no critical, serious or moderate
violation. The same visits record every response, so a page that asks for a file the site does
not have (Material once fetched data/sitemap.xml on every page) fails too.

axe-core comes from the pinned test dependency axe-playwright-python, which ships axe.min.js;
it is injected by Playwright, not by the page, so the site's CSP stays as it is.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pytest
from axe_playwright_python.sync_playwright import Axe
from browsing import DESKTOP, PHONE, new_visit

pytestmark = pytest.mark.browser

FAILING = ("critical", "serious", "moderate")

# The kiosk's running text (the clock, amounts and phone numbers set in big single-line figures,
# over 1.5 times the body size, are not running text) and whether its viewport forbids zooming.
KIOSK_TEXT = """() => [...document.querySelectorAll('.slide p, .slide li, .slide dd, .slide td')]
  .filter((el) => el.textContent.trim())
  .filter((el) => parseFloat(getComputedStyle(el).fontSize) <= 1.5 * parseFloat(getComputedStyle(document.body).fontSize))
  .map((el) => { const s = getComputedStyle(el);
                 return {text: el.textContent.trim().slice(0, 20), size: parseFloat(s.fontSize),
                         line: s.lineHeight === 'normal' ? null : parseFloat(s.lineHeight)}; })"""
VIEWPORT = "() => document.querySelector('meta[name=viewport]').content"
NAMED_LABELS = "() => [...document.querySelectorAll('label[aria-label]')].map((el) => el.outerHTML.slice(0, 80))"


@dataclass
class Audit:
    violations: list[tuple] = field(default_factory=list)  # (url, width, rule, impact, nodes)
    counts: Counter = field(default_factory=Counter)       # impact -> nodes, over all pages
    failed_requests: list[str] = field(default_factory=list)
    named_labels: list[str] = field(default_factory=list)  # <label aria-label> (Lighthouse's axe flags it)
    pages: int = 0


@pytest.fixture(scope="module")
def audit(browser, base_url, pages) -> Audit:
    axe = Axe()
    found = Audit()
    for viewport, care in ((PHONE, False), (DESKTOP, False), (PHONE, True)):
        visit = new_visit(browser, base_url, viewport)
        if care:  # 关怀模式 as a resident leaves it switched on: bigger text must still fit
            visit.context.add_init_script("localStorage.setItem('dangwu.care', '1')")
        page = visit.page()
        # Each handler names the page it was attached to, not the one the loop is on when it fires.
        page.on("response", lambda r, page=page: r.status >= 400
                and found.failed_requests.append(f"{r.status} {r.url} (from {page.url})"))
        page.on("requestfailed",
                lambda r, page=page: found.failed_requests.append(f"failed {r.url} (from {page.url})"))
        for url in pages:
            page.goto(base_url + url, wait_until="load")
            page.wait_for_load_state("networkidle")
            found.pages += 1
            found.named_labels += [f"{url}: {html}" for html in page.evaluate(NAMED_LABELS)]
            for rule in axe.run(page).response["violations"]:
                nodes = len(rule["nodes"])
                found.counts[rule["impact"]] += nodes
                targets = [n["target"] for n in rule["nodes"][:3]]
                where = f"{viewport['width']}{' 关怀模式' if care else ''}"
                found.violations.append((url, where, rule["id"], rule["impact"], nodes, targets))
        visit.context.close()
    print(f"\naxe-core on {found.pages} page views (360, 1280 and 360 px in 关怀模式): "
          + ", ".join(f"{impact} {found.counts[impact]}" for impact in ("critical", "serious", "moderate", "minor")))
    return found


def test_every_page_has_no_serious_or_moderate_axe_violation(audit, pages):
    assert len(pages) > 10 and audit.pages == 3 * len(pages)
    failing = [v for v in audit.violations if v[3] in FAILING]
    assert failing == [], "\n".join(map(str, failing))


def test_no_label_is_named_with_aria_label(audit):
    # ARIA prohibits naming a <label> (Lighthouse reports aria-prohibited-attr; the bundled axe
    # does not): the header's icon buttons carry hidden text instead.
    assert audit.named_labels == [], "\n".join(sorted(set(audit.named_labels)))


def test_no_page_requests_a_file_the_site_does_not_have(audit):
    # '/404.html' itself is a page; asking for it is fine, any other 4xx/5xx is a broken link.
    assert audit.failed_requests == [], "\n".join(sorted(set(audit.failed_requests)))


def test_kiosk_text_is_spaced_and_the_screen_can_be_zoomed(visit, base_url, home):
    page = visit(DESKTOP).page()
    page.goto(base_url + home + "kiosk/")
    viewport = page.evaluate(VIEWPORT).replace(" ", "")
    assert "user-scalable=no" not in viewport and "maximum-scale" not in viewport, viewport
    texts = page.evaluate(KIOSK_TEXT)
    assert len(texts) > 3
    tight = [t for t in texts if t["line"] is None or t["line"] < 1.5 * t["size"] - 0.01]
    assert tight == [], tight
