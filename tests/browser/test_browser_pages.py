"""Every page, on a phone (360×740) and a desktop (1280×800): nothing loads from another
origin, no script error, no sideways scrolling, big enough text and tap targets.
Each page is opened once per size; the tests below read what that visit measured.
Screenshots of every page at both sizes are kept in a temporary folder (printed with -s), or
in $DANGWU_SCREENSHOTS when set."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from browsing import DESKTOP, PHONE, new_visit
from measure import SCROLL_WIDTH, TARGETS, TEXT, WIDE_TABLES

pytestmark = pytest.mark.browser

MIN_TEXT_PX = 18
MIN_LINE_RATIO = 1.5
MIN_TARGET_PX = 44


def listing(found: list) -> str:
    return "\n".join(map(str, sorted(set(map(str, found)))))


@dataclass
class Seen:
    url: str
    width: int
    scroll_width: int
    texts: list[dict]
    targets: list[dict]
    wide_tables: list[dict]


@pytest.fixture(scope="module")
def survey(browser, base_url, pages, layout_pages, tmp_path_factory):
    """Open every page at both sizes; returns (seen, blocked requests, script errors, shots dir)."""
    shots = Path(os.environ.get("DANGWU_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    shots.mkdir(parents=True, exist_ok=True)
    seen: list[Seen] = []
    blocked: list[str] = []
    errors: list[str] = []
    for viewport in (PHONE, DESKTOP):
        visit = new_visit(browser, base_url, viewport)
        page = visit.page()
        for url in pages:
            page.goto(base_url + url, wait_until="load")
            if url not in layout_pages:
                continue
            seen.append(Seen(url, viewport["width"], page.evaluate(SCROLL_WIDTH),
                             page.evaluate(TEXT), page.evaluate(TARGETS), page.evaluate(WIDE_TABLES)))
            name = url.strip("/").replace("/", "_") or "portal"
            page.screenshot(path=shots / f"{name}-{viewport['width']}.png", full_page=True)
        page.wait_for_load_state("networkidle")
        blocked += visit.blocked
        errors += visit.errors
        visit.context.close()
    print(f"\nscreenshots: {shots}")
    return seen, blocked, errors, shots


def test_no_page_loads_anything_from_another_origin(survey, pages):
    _, blocked, _, _ = survey
    assert len(pages) > 5
    assert blocked == [], listing(blocked)


def test_no_page_has_a_script_error(survey):
    _, _, errors, _ = survey
    assert errors == [], listing(errors)


def test_pages_do_not_scroll_sideways_on_a_phone(survey):
    seen, *_ = survey
    too_wide = [(s.url, s.scroll_width) for s in seen if s.width == 360 and s.scroll_width > 360]
    assert too_wide == [], listing(too_wide)


def test_tables_fit_their_column_without_sideways_scrolling(survey):
    seen, *_ = survey
    assert any(s.wide_tables is not None for s in seen)
    too_wide = [(s.url, s.width, t) for s in seen for t in s.wide_tables]
    assert too_wide == [], listing(too_wide)


def test_all_visible_text_is_at_least_18px(survey):
    seen, *_ = survey
    small = [(s.url, s.width, t["tag"], t["cls"], t["text"], t["size"])
             for s in seen for t in s.texts if t["size"] < MIN_TEXT_PX - 0.01]
    assert small == [], listing(small)


def test_body_text_has_line_height_of_at_least_one_and_a_half(survey):
    seen, *_ = survey
    body = [t for s in seen for t in s.texts if t["body"]]
    assert len(body) > 20
    tight = [(t["tag"], t["text"], t["size"], t["line"]) for t in body
             if t["line"] is None or t["line"] < MIN_LINE_RATIO * t["size"] - 0.01]
    assert tight == [], listing(tight)


def test_links_and_buttons_are_at_least_44px_tall(survey):
    seen, *_ = survey
    assert sum(len(s.targets) for s in seen) > 50
    small = [(s.url, s.width, t["tag"], t["cls"], t["text"], t["height"])
             for s in seen for t in s.targets if t["height"] < MIN_TARGET_PX - 0.01]
    assert small == [], listing(small)


def test_screenshots_are_saved_at_both_sizes(survey, layout_pages):
    *_, shots = survey
    for width in (360, 1280):
        files = sorted(shots.glob(f"*-{width}.png"))
        assert len(files) == len(layout_pages)
        assert all(f.stat().st_size > 5000 for f in files)


def test_the_ledger_is_a_card_per_entry_on_a_phone_and_a_whole_table_on_a_desktop(visit, base_url, home):
    cells = """() => [...document.querySelectorAll("table.dw-ledger tbody td:nth-child(6)")].map((td) => {
      const r = td.getBoundingClientRect();
      return {label: getComputedStyle(td, "::before").content, shown: r.width > 1 && r.right <= window.innerWidth};
    })"""
    for viewport, label in ((PHONE, '"余额"'), (DESKTOP, "none")):
        page = visit(viewport).page()
        page.goto(base_url + home + "finances/2026/")
        balances = page.evaluate(cells)
        assert len(balances) > 2
        assert all(b["shown"] for b in balances), (viewport, balances)  # 余额 in sight, no scrolling
        assert {b["label"] for b in balances} == {label}  # labelled on a card, under its column head on a desktop


def test_a_long_site_name_stays_readable_in_the_phone_header(visit, base_url, home):
    page = visit(PHONE).page()
    page.goto(base_url + home)
    name = "和平里社区党务公开栏"
    fits = page.evaluate("""(name) => {
      const topic = document.querySelector(".md-header__topic .md-ellipsis");
      topic.textContent = name;
      // a clipped third line would add a whole line height (over 20px); 5px is a glyph's descent
      return topic.scrollHeight <= topic.clientHeight + 5 && topic.scrollWidth <= topic.clientWidth + 1;
    }""", name)
    assert fits


def test_a_year_of_activities_starts_with_a_month_index(visit, base_url, home):
    page = visit(PHONE).page()
    page.goto(base_url + home + "activities/2026/")
    months = page.locator("nav.dw-months a")
    assert months.count() >= 1
    target = months.first.get_attribute("href")
    assert page.locator(f"h2{target}").count() == 1
    assert months.first.bounding_box()["height"] >= MIN_TARGET_PX
