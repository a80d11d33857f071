"""Issue 11: a large community's 组织 page is split, a page per unit under the top unit
(organization/zb/), and the index keeps every old anchor (#zb, #committee-zb, #zb2-xz1) on a
short section that links to that page. The samples stay on one page.

The split community here is the tiny one re-organised under a 党委 (two branches, a 党小组, a
members-only branch) with the threshold lowered; the 10× community from bench/synth.py is
rendered once to check the sizes. Pages are rendered to Markdown (no MkDocs): the HTML around
the content (header, tabs, table of contents) is measured below and added as an allowance.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from generator.checks import site_links
from generator.load.dataset import load_community
from generator.render.pages import organization as org_pages
from generator.render.pages.context import PageContext
from generator.render.pages.site import render_site
from generator.views import organization as view
from tests.conftest import TODAY

REPO = Path(__file__).resolve().parents[2]
PAGE_LIMIT = 150 * 1024  # bench/run.py's PAGE_TARGET
# Material's page around our Markdown: ~17 KB on the 10× community's pages (a 77.7 KB index.md
# became a 97.7 KB page, with its table of contents and heading links); 30 KB leaves room.
MATERIAL_AROUND = 30 * 1024

ORGANIZATION = """units:
  - id: dw
    name: 小园社区党委
    kind: 党委
    committee:
      - name: 周玉兰
        role: 书记
        duties: 主持全面工作
  - id: zb
    name: 第一党支部
    kind: 党支部
    parent: dw
    committee:
      - name: 陈志远
        role: 书记
        duties: 主持支部工作
  - id: zb2
    name: 第二党支部
    kind: 党支部
    parent: dw
  - id: zb2-xz1
    name: 第二党支部第一党小组
    kind: 党小组
    parent: zb2
  - id: nb
    name: 机关内设支部
    kind: 党支部
    parent: dw
    audience: members
posts:
  - id: p-xunluo
    name: 治安巡逻岗
    unit: dw
"""
MEMBERS = """members:
  - id: m001
    name: 周玉兰
    unit: dw
    joined: "1995"
  - id: m002
    name: 陈志远
    unit: zb
    joined: "2008"
  - id: m003
    name: 李秀英
    unit: zb
    joined: "1976"
    posts: [p-xunluo]
  - id: m004
    name: 王海涛
    unit: zb2-xz1
    category: 在职报到
    workplace: 示例区人民医院
  - id: m005
    name: 赵德明
    unit: nb
    joined: "2001"
"""


@pytest.fixture
def branches(write_community) -> Path:
    """The tiny community under a 党委: the community folder."""
    data = write_community({"organization.yml": ORGANIZATION, "members.yml": MEMBERS})
    return data / "communities" / "xiaoyuan"


@pytest.fixture
def split(monkeypatch):
    monkeypatch.setattr(view, "SPLIT_ABOVE_BYTES", 0)


def _pages(root: Path, audience: str = "public") -> dict[str, str]:
    community, problems = load_community(root)
    assert not [p for p in problems if p.severity == "error"]
    return org_pages.pages(PageContext(community, TODAY, audience))


def _ids(text: str) -> set[str]:
    return set(re.findall(r' id="([^"]+)"', text))


def _section(index: str, unit_id: str) -> str:
    """The index's section of a unit on its own page: from its id to the next section."""
    start = index.index(f'<div class="dw-record dw-unit" id="{unit_id}">')
    end = index.find('<div class="dw-record dw-unit"', start + 1)
    return index[start:end if end != -1 else index.index("\n## ", start)]


@pytest.mark.parametrize("slug", ["hepingli", "qingshuiyuan", "liushu"])
def test_the_samples_keep_their_roster_on_one_page(slug):
    root = REPO / "data" / "communities" / slug
    community, _ = load_community(root)
    assert not view.is_split(community)
    assert view.estimated_bytes(community) < view.SPLIT_ABOVE_BYTES * 0.75  # far from the line
    pages = _pages(root)
    assert list(pages) == ["organization/index.md"]
    index = pages["organization/index.md"]
    rows = index.split('<table class="dw-table dw-roster dw-cards">')[1].split("</table>")[0].count("<tr>") - 1
    assert rows == len(view.roster(community, "public")) and "查看名单" not in index


def test_a_large_community_gets_a_page_per_branch(branches, split):
    pages = _pages(branches)
    assert sorted(pages) == ["organization/index.md", "organization/zb/index.md", "organization/zb2/index.md"]
    zb2 = pages["organization/zb2/index.md"]
    assert '"title": "第二党支部"' in zb2 and 'href="../"' in zb2
    assert 'id="zb2-xz1"' in zb2 and "王*涛" in zb2 and "王海涛" not in zb2  # masked as on the index before
    zb = pages["organization/zb/index.md"]
    assert 'id="committee-zb"' in zb and "陈志远" in zb and "李秀英" in zb  # a committee member, a post holder
    assert "2026年三会一课" in zb and "<caption>第一党支部</caption>" in zb  # its meetings grid moved with it
    index = pages["organization/index.md"]
    assert "dw-roster" in index and "赵*明" in index  # the top unit's own members stay on the index
    assert "<caption>" not in index and "王*涛" in index  # grids moved; 在职党员报到 stays


def test_every_old_anchor_stays_on_the_index_and_leads_to_the_roster_page(branches, split, monkeypatch):
    with monkeypatch.context() as whole:
        whole.setattr(view, "SPLIT_ABOVE_BYTES", 10**9)
        before = _ids(_pages(branches)["organization/index.md"])
    pages = _pages(branches)
    index = pages["organization/index.md"]
    assert before <= _ids(index)
    for unit_id, anchors in {"zb": {"zb", "committee-zb"}, "zb2": {"zb2", "zb2-xz1"}}.items():
        section = _section(index, unit_id)
        assert anchors <= _ids(section)
        assert re.search(rf'<a class="dw-button" href="{unit_id}/">查看名单', section)
        assert {a for a in anchors if not a.startswith("committee-")} <= _ids(pages[f"organization/{unit_id}/index.md"])
    assert 'href="zb2/#zb2-xz1"' in _section(index, "zb2")


def test_a_members_only_branch_has_no_page_on_the_public_site(branches, split):
    community, _ = load_community(branches)
    public = render_site(PageContext(community, TODAY, "public"))
    assert "organization/nb/index.md" not in public
    leaks = ("机关内设支部", 'id="nb"', "nb/")
    assert not [path for path, text in public.items() if any(leak in text for leak in leaks)]
    members = _pages(branches, "members")
    assert "赵德明" in members["organization/nb/index.md"]
    assert "赵德明" not in members["organization/index.md"]  # listed on its branch's page instead


def test_links_to_a_unit_page_are_checked_like_any_record(branches, split):
    (branches / "content" / "guide").mkdir(parents=True)
    (branches / "content" / "guide" / "extra.md").write_text(
        "# 补充说明\n\n见[第二党支部第一党小组](../../organization/zb2/#zb2-xz1)。\n\n"
        "见[旧链接](../../organization/#zb2-xz1)。\n\n见[没有的组](../../organization/zb2/#zb2-xz9)。\n",
        encoding="utf-8")
    community, _ = load_community(branches)
    problems = site_links.check(community, TODAY)
    assert [(p.code, p.params["url"]) for p in problems] == [
        ("markdown-broken-link", "../../organization/zb2/#zb2-xz9")]


@pytest.fixture(scope="module")
def ten_times(tmp_path_factory) -> Path:
    """bench/synth.py's 10× community (60 branches, 1 680 members), generated once."""
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from synth import LARGE, generate, scaled
    finally:
        sys.path.remove(str(REPO / "bench"))
    return generate(tmp_path_factory.mktemp("big"), "big", scaled(LARGE, 10), 1)


def test_no_organization_page_of_a_10x_community_is_over_150_kb(ten_times):
    community, _ = load_community(ten_times)
    assert view.is_split(community)
    for audience in ("public", "members"):
        pages = org_pages.pages(PageContext(community, TODAY, audience))
        assert len(pages) == 61  # the index and one page per 党支部
        sizes = {path: len(text.encode("utf-8")) + MATERIAL_AROUND for path, text in pages.items()}
        assert max(sizes.values()) <= PAGE_LIMIT, max(sizes.items(), key=lambda item: item[1])
        roster = sum(text.count('<tr><td data-label="姓名">') for text in pages.values())
        assert roster == len(view.roster(community, audience))  # every member listed once

