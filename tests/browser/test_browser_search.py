"""Chinese search over HTTP: typing a member's name or a branch's name into Material's search
box lists the pages that mention them."""
from __future__ import annotations

import pytest

from browsing import DESKTOP, PHONE
from dangwu_testsite import BRANCH, PERSON

pytestmark = pytest.mark.browser

READY = "键入以开始搜索"   # Material's placeholder once the index is loaded


def open_search(page):
    """Open the search box (phones: through the magnifier) and wait until it is ready."""
    opener = page.locator("label.md-header__button[for=__search]")
    if opener.is_visible():
        opener.click()
    box = page.locator("input.md-search__input")
    box.click()
    page.locator(".md-search-result__meta").filter(has_text=READY).wait_for(timeout=10_000)
    return box


def search(page, query: str) -> list[str]:
    """Type ``query`` into the search box and return the texts of the results."""
    box = open_search(page)
    box.fill(query)
    box.press("End")                              # Material reads the query on keyup
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    return [text.replace("\u200b", "") for text in
            page.locator(".md-search-result__item").all_inner_texts()]


@pytest.mark.parametrize("query", [PERSON, BRANCH])
def test_search_finds_a_name_on_a_desktop(visit, base_url, home, query):
    page = visit(DESKTOP).page()
    page.goto(base_url + home)
    results = search(page, query)
    assert any(query in text for text in results), results


def test_search_finds_a_person_on_a_phone_and_opens_the_page(visit, base_url, home):
    page = visit(PHONE).page()
    page.goto(base_url + home)
    results = search(page, PERSON)
    assert any(PERSON in text for text in results), results
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_load_state("load")
    assert PERSON in page.locator("article").inner_text()


def test_search_for_nonsense_says_nothing_was_found(visit, base_url, home):
    page = visit(DESKTOP).page()
    page.goto(base_url + home)
    box = open_search(page)
    box.fill("龘龘龘")
    box.press("End")
    page.locator(".md-search-result__meta").filter(has_text="没有找到").wait_for(timeout=10_000)
    assert page.locator(".md-search-result__item").count() == 0


def test_search_for_a_given_name_finds_the_person(visit, base_url, home):
    page = visit(DESKTOP).page()
    page.goto(base_url + home)
    results = search(page, PERSON[1:])  # 玉兰 finds 周玉兰
    assert any(PERSON in text for text in results), results


def test_search_does_not_reveal_a_masked_member(visit, base_url, home):
    page = visit(DESKTOP).page()
    page.goto(base_url + home)
    box = open_search(page)
    box.fill("王海涛")  # an ordinary member, shown as 王*涛: the full name is nowhere to find
    box.press("End")
    page.locator(".md-search-result__meta").wait_for(timeout=10_000)
    page.wait_for_timeout(500)
    texts = page.locator(".md-search-result").all_inner_texts()
    assert not any("王海涛" in t.replace("\u200b", "") for t in texts), texts
