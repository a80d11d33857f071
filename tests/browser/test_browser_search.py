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


def test_the_search_index_loads_on_first_use_of_the_search_box(visit, base_url, home):
    """A page view fetches only Material's small stub; the index comes with the first query."""
    page = visit(DESKTOP).page()
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    page.goto(base_url + home, wait_until="networkidle")
    assert not [url for url in fetched if "dangwu_index.json" in url], fetched
    stub = page.request.get(base_url + home + "search/search_index.json").json()
    assert stub["docs"] == []                    # Material's own index: nothing to load
    results = search(page, PERSON)
    assert any(PERSON in text for text in results), results
    assert len([url for url in fetched if url.endswith("/search/dangwu_index.json")]) == 1, fetched


def test_results_open_at_the_record_and_show_only_page_text(visit, base_url, home):
    """A notice found by a word of its body links to the notice itself; the result shows the
    words around the match, never a list of given names or a struck-out "缺少" line."""
    page = visit(DESKTOP).page()
    page.goto(base_url + home)
    search(page, PERSON[1:])
    links = page.locator(".md-search-result__item a.md-search-result__link").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname + new URL(a.href).hash)")
    assert any("#" in link and link.startswith(home) for link in links), links
    shown = page.locator(".md-search-result").inner_text()
    assert PERSON in shown and "缺少" not in shown, shown
    assert page.locator(".md-search-result__terms, .md-search-result del").count() == 0
    marked = page.locator(".md-search-result mark").all_inner_texts()
    assert marked and set(marked) == {PERSON[1:]}, marked
