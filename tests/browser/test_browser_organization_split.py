"""A large community's 组织 page, split into a page per branch, as a resident meets it: an old
link (organization/#zb2-xz1) still lands on that unit, its 查看名单 button is a full-size tap
target and opens the branch's roster, and a search for a unit or a person leads to a record
that is there. The tiny community is re-organised under a 党委 and built by `dangwu build` with
the threshold lowered (the 10× community's sizes are in tests/render/test_organization_split.py)."""
from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
from pathlib import Path

import pytest
from browsing import DESKTOP, PHONE, new_visit
from test_browser_search import search

from generator.cli import main
from generator.views import organization as view
from tests.conftest import TINY, TODAY
from tests.render.test_organization_split import MEMBERS, ORGANIZATION

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The re-organised tiny community built with every unit under the 党委 on its own page."""
    work = tmp_path_factory.mktemp("orgsplit")
    shutil.copytree(TINY, work / "data")
    community = work / "data" / "communities" / "xiaoyuan"
    (community / "organization.yml").write_text(ORGANIZATION, encoding="utf-8")
    (community / "members.yml").write_text(MEMBERS, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(view, "SPLIT_ABOVE_BYTES", 0)
        patch.chdir(work)
        code = main(["build", str(work / "data"), "--out", str(work / "site"), "--today", TODAY.isoformat()])
    assert code == 0  # the build's own link checker passed too
    return work / "site"


@pytest.fixture(scope="module")
def origin(site):
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def opened(browser, origin):
    visits = []

    def page(viewport=PHONE):
        visits.append(new_visit(browser, origin, viewport))
        return visits[-1].page()
    yield page
    for visit in visits:
        visit.context.close()
    assert not [url for visit in visits for url in visit.blocked]
    assert not [error for visit in visits for error in visit.errors]


def test_an_old_anchor_lands_on_the_unit_and_its_button_opens_the_roster(opened, origin):
    page = opened(PHONE)
    page.goto(f"{origin}/xiaoyuan/organization/#zb2-xz1")
    assert page.locator("#zb2-xz1").is_visible()
    button = page.locator("#zb2 a.dw-button")
    assert button.inner_text().startswith("查看名单")
    box = button.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    button.click()
    page.wait_for_url(re.compile(r"/xiaoyuan/organization/zb2/$"))
    assert page.locator("h1").inner_text() == "第二党支部"
    assert "王*涛" in page.locator("#zb2-xz1").inner_text()
    page.locator("a", has_text="返回组织概况").click()
    page.wait_for_url(re.compile(r"/xiaoyuan/organization/$"))


def test_an_old_committee_link_shows_the_branch_committee(opened, origin):
    page = opened(DESKTOP)
    page.goto(f"{origin}/xiaoyuan/organization/#committee-zb")
    committee = page.locator("#committee-zb")
    assert committee.is_visible() and "书记 陈志远" in committee.inner_text()
    page.locator("#zb a.dw-button").click()
    page.wait_for_url(re.compile(r"/organization/zb/$"))
    assert "主持支部工作" in page.locator("#committee-zb").inner_text()  # the full table is here


def test_every_search_entry_of_the_organisation_leads_to_an_element_that_exists(site):
    root = site / "xiaoyuan"
    docs = json.loads((root / "search" / "dangwu_index.json").read_text(encoding="utf-8"))["docs"]
    links = [d["l"] for d in docs if d["l"].startswith("organization/")]
    assert "organization/zb2/#zb2-xz1" in links and "organization/zb/" in links
    for link in links:
        path, _, anchor = link.partition("#")
        text = (root / path / "index.html").read_text(encoding="utf-8")
        assert not anchor or f'id="{anchor}"' in text, link
    listed = [d["l"] for d in docs if "王*涛" in d["x"]]
    assert "organization/zb2/#zb2-xz1" in listed


def test_searching_a_group_opens_its_roster(opened, origin):
    page = opened(DESKTOP)
    page.goto(f"{origin}/xiaoyuan/")
    results = search(page, "第二党支部第一党小组")
    assert any("王*涛" in text for text in results), results  # the group's roster is found
    result = page.locator('.md-search-result__item a[href*="organization/zb2/"][href$="#zb2-xz1"]').first
    result.click()
    page.wait_for_url(re.compile(r"/organization/zb2/(\?[^#]*)?#zb2-xz1$"))  # ?h= marks the words
    assert page.locator("#zb2-xz1").is_visible()

