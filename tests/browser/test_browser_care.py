"""关怀模式: one big button in the header makes the text larger and darker, on every page of
the site and the portal, and the choice survives a reload; it needs no network."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from browsing import PHONE
from measure import BODY_TEXT, CHART_LABELS, SCROLL_WIDTH

pytestmark = pytest.mark.browser

BUTTON = "button[data-dw-care]"


def care_is_on(page) -> bool:
    return page.evaluate("() => document.documentElement.classList.contains('dw-care')")


def test_care_mode_enlarges_text_and_persists_across_reload_and_pages(visit, base_url, home):
    page = visit(PHONE).page()
    page.goto(base_url + home)
    before = page.evaluate(BODY_TEXT)
    assert not care_is_on(page) and before["size"] >= 18

    button = page.locator(BUTTON)
    assert button.get_attribute("aria-pressed") == "false"
    assert button.bounding_box()["height"] >= 44
    button.click()

    after = page.evaluate(BODY_TEXT)
    assert care_is_on(page) and button.get_attribute("aria-pressed") == "true"
    assert after["size"] >= 22 and after["line"] >= 1.5 * after["size"]
    assert after["color"] == "rgb(0, 0, 0)"           # more contrast, not only bigger
    assert page.evaluate(SCROLL_WIDTH) <= PHONE["width"]

    page.reload()
    assert care_is_on(page) and page.evaluate(BODY_TEXT)["size"] >= 22
    page.goto(base_url + "/")                         # the portal shares the setting
    assert care_is_on(page) and page.evaluate(BODY_TEXT)["size"] >= 22
    assert page.locator(BUTTON).get_attribute("aria-pressed") == "true"


def test_care_mode_switches_off_again(visit, base_url, home):
    page = visit(PHONE).page()
    page.goto(base_url + home)
    page.locator(BUTTON).click()
    page.locator(BUTTON).click()
    assert not care_is_on(page)
    page.reload()
    assert not care_is_on(page) and page.evaluate(BODY_TEXT)["size"] < 22


def test_every_page_fits_a_phone_in_care_mode(visit, base_url, home, layout_pages, tmp_path_factory):
    shots = Path(os.environ.get("DANGWU_SCREENSHOTS") or tmp_path_factory.mktemp("care"))
    shots.mkdir(parents=True, exist_ok=True)
    page = visit(PHONE).page()
    page.goto(base_url + "/")
    page.evaluate("() => localStorage.setItem('dangwu.care', '1')")
    too_wide = []
    for url in layout_pages:
        page.goto(base_url + url)
        if page.evaluate(SCROLL_WIDTH) > PHONE["width"]:
            too_wide.append(url)
        if url in ("/", home):
            name = url.strip("/").replace("/", "_") or "portal"
            page.screenshot(path=shots / f"{name}-360-care.png", full_page=True)
    assert too_wide == []


def test_chart_labels_are_at_least_18px_and_grow_in_care_mode(visit, base_url, home):
    page = visit(PHONE).page()
    page.goto(base_url + home + "finances/2026/")  # the tiny community's ledger and its charts
    before = page.evaluate(CHART_LABELS)
    assert len(before) > 4
    assert min(label["px"] for label in before) >= 18 - 0.01, before
    page.locator(BUTTON).click()
    after = page.evaluate(CHART_LABELS)
    assert min(label["px"] for label in after) > min(label["px"] for label in before)
