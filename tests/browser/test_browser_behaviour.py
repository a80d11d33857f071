"""Filters, record links, the phone menu, pages without JavaScript, and old browsers."""
from __future__ import annotations

import pytest
from browsing import DESKTOP, PHONE
from dangwu_testsite import OFFICE_PHONE, SUPERVISION_PHONE
from measure import BODY_TEXT, TARGETS

pytestmark = pytest.mark.browser


def pages_with(site_root, pages, marker: str) -> list[str]:
    found = []
    for url in pages:
        path = site_root / url.lstrip("/")
        path = path / "index.html" if url.endswith("/") else path
        if marker in path.read_text(encoding="utf-8"):
            found.append(url)
    return found


@pytest.fixture(scope="module")
def filter_pages(site_root, pages):
    found = pages_with(site_root, pages, "dw-filterable")
    assert found, "no page has a .dw-filterable block (commitments by unit/status, activities by kind)"
    return found


# The items a filter button governs (the rule of dangwu.js: the .dw-filterable the button sits
# in, or the first one after its .dw-filter row) and whether each is shown.
ITEMS = """(button) => {
  let box = button.closest(".dw-filterable");
  for (let n = button.closest(".dw-filter"); !box && n; n = n.nextElementSibling) {
    if (n.matches(".dw-filterable")) box = n;
  }
  if (!box) return null;
  const key = button.dataset.filterKey;
  return [...box.querySelectorAll(`[data-${key}]`)]
    .filter((el) => !el.hasAttribute("data-filter-key") && el.closest(".dw-filterable") === box)
    .map((el) => ({value: el.getAttribute(`data-${key}`), shown: el.checkVisibility()}));
}"""


def test_filter_buttons_show_only_matching_items_and_all_again(visit, base_url, filter_pages):
    page = visit(PHONE).page()
    checked = 0
    for url in filter_pages:
        page.goto(base_url + url)
        show_all = page.locator('[data-filter-key][data-filter-value=""]')
        keys = {b.get_attribute("data-filter-key") for b in page.locator("[data-filter-key]").all()}
        reset_keys = {b.get_attribute("data-filter-key") for b in show_all.all()}
        assert keys == reset_keys, f"{url}: every filter needs a 全部 button (data-filter-value=\"\")"
        for button in page.locator("[data-filter-key]").all():
            for reset in show_all.all():
                reset.click()
            value = button.get_attribute("data-filter-value")
            button.click()
            assert button.get_attribute("aria-pressed") == "true"
            items = button.evaluate(ITEMS)
            assert items, f"{url}: button {value!r} filters nothing (no .dw-filterable, or no items)"
            for item in items:
                assert item["shown"] == (not value or value in item["value"].split()), (url, value, item)
            checked += 1
        for reset in show_all.all():
            reset.click()
        assert page.locator(".dw-filterable [hidden]").count() == 0
    assert checked >= 2


def test_without_javascript_filters_are_hidden_and_every_item_shows(visit, base_url, filter_pages):
    page = visit(PHONE, java_script_enabled=False).page()
    page.goto(base_url + filter_pages[0])
    assert not page.locator(".dw-filter").first.is_visible()
    assert not page.locator("button[data-dw-care]").is_visible()
    for box in page.locator(".dw-filterable").all():
        hidden = box.locator("[hidden]")
        assert hidden.count() == 0
    assert page.evaluate(BODY_TEXT)["size"] >= 18


RECORD_WITH_ANCHOR = """() => {
  const record = [...document.querySelectorAll(".dw-record")]
    .find((r) => r.id || r.querySelector("[id]"));
  return record ? (record.id || record.querySelector("[id]").id) : null;
}"""

HIGHLIGHT = """(id) => {
  const target = document.getElementById(id);
  const record = target.closest(".dw-record");
  const style = getComputedStyle(record);
  const label = getComputedStyle(record, "::before").content;
  const box = target.getBoundingClientRect();
  return {background: style.backgroundColor, label, top: box.top};
}"""


def test_a_link_to_a_record_highlights_and_labels_it(visit, base_url, site_root, pages):
    candidates = pages_with(site_root, pages, "dw-record")
    assert candidates, "no page has .dw-record blocks"
    page = visit(PHONE).page()
    page.goto(base_url + candidates[0])
    anchor = page.evaluate(RECORD_WITH_ANCHOR)
    assert anchor, "a .dw-record needs an id (on itself or an <a id> inside)"
    plain = page.evaluate(HIGHLIGHT, anchor)
    page.goto(f"{base_url}{candidates[0]}#{anchor}")
    page.wait_for_function("(id) => location.hash === '#' + id", arg=anchor)
    marked = page.evaluate(HIGHLIGHT, anchor)
    assert marked["background"] != plain["background"]
    assert "链接所指的记录" in marked["label"]
    assert marked["top"] >= 0                       # not hidden under the sticky header


def test_phone_menu_lists_every_section_with_big_links(visit, base_url, home):
    page = visit(PHONE).page()
    page.goto(base_url + home)
    page.locator("label.md-header__button[for=__drawer]").click()
    links = page.locator(".md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__link")
    links.first.wait_for()
    page.wait_for_function("""() => document.querySelector(".md-nav--primary .md-nav__link")
                              .getBoundingClientRect().left >= 0""")
    titles = [t.strip() for t in links.all_inner_texts()]
    assert len(titles) >= 8 and "首页" in titles[0]
    small = [t for t in page.evaluate(TARGETS) if t["height"] < 44]
    assert small == []


def test_tabs_on_a_phone_wrap_so_that_every_section_is_in_sight(visit, base_url, home):
    page = visit(PHONE).page()
    page.goto(base_url + home)
    tabs = page.locator(".md-tabs")
    assert tabs.is_visible()
    shown = page.evaluate("""() => [...document.querySelectorAll(".md-tabs__link")].map((a) => {
      const r = a.getBoundingClientRect();
      return {text: a.textContent.trim(), inside: r.left >= 0 && r.right <= window.innerWidth};
    })""")
    assert len(shown) >= 8 and "公示" in [s["text"] for s in shown]
    assert [s["text"] for s in shown if not s["inside"]] == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def test_old_browser_without_resize_observer_stays_offline(visit, base_url, home):
    """Material fetches a ResizeObserver polyfill from unpkg.com when the browser lacks one;
    dangwu.js provides a local stand-in first."""
    found = visit(DESKTOP)
    found.context.add_init_script("delete window.ResizeObserver")
    page = found.page()
    page.goto(base_url + home)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => window.ResizeObserver.name") == "LocalResizeObserver"
    assert found.blocked == [] and found.errors == []
    page.locator("input.md-search__input").click()
    page.locator(".md-search-result__meta").wait_for()


def tel(phone: str) -> str:
    return "tel:" + phone.replace("-", "")


def test_every_page_footer_names_the_community_and_whom_to_call(visit, base_url, layout_pages):
    page = visit(DESKTOP).page()
    for url in layout_pages:
        if url == "/" or url.endswith("404.html"):
            continue
        page.goto(base_url + url)
        footer = page.locator("footer.dw-footer")
        text = footer.inner_text()
        assert "小园社区" in text and "监督电话" in text and SUPERVISION_PHONE in text, url
        assert footer.locator(f'a[href="{tel(SUPERVISION_PHONE)}"]').count() == 1, url
        assert footer.locator(f'a[href="{tel(OFFICE_PHONE)}"]').count() == 1, url
        assert "Material" not in text, url


def test_feedback_page_lists_the_supervision_channels_under_its_title(visit, base_url, home):
    page = visit(PHONE).page()
    page.goto(f"{base_url}{home}guide/feedback/")
    assert page.locator("article h1").inner_text().strip() == "反映意见"
    box = page.locator("article .dw-contact")
    assert box.is_visible()
    assert page.evaluate("""() => {
      const h1 = document.querySelector("article h1");
      return h1.compareDocumentPosition(document.querySelector("article .dw-contact"))
             === Node.DOCUMENT_POSITION_FOLLOWING;
    }""")
    text = box.inner_text()
    assert "监督电话" in text and SUPERVISION_PHONE in text and OFFICE_PHONE in text
    assert box.locator(f'a[href="{tel(SUPERVISION_PHONE)}"]').count() == 1
