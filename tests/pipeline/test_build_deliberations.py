"""议事 built end to end: one public build of a copy of the tiny community with a deliberations
file (three public items, one members-only), its pages, downloads, feed and kiosk read back."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import TINY, build_site

DELIBERATIONS = (Path(__file__).parents[1] / "fixtures" / "deliberations" / "2026.yml").read_text(encoding="utf-8")
MEMBERS_ONLY = "支部换届筹备议事"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("deliberations")
    shutil.copytree(TINY, root / "data")
    folder = root / "data" / "communities" / "xiaoyuan" / "deliberations"
    folder.mkdir()
    (folder / "2026.yml").write_text(DELIBERATIONS, encoding="utf-8")
    result = build_site(root / "data", root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site" / "xiaoyuan"


def _text(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_year_page_shows_each_state_votes_and_feedback(site):
    page = _text(site, "deliberations/2026/index.html")
    assert "共 3 项：已反馈 1 项，待反馈 1 项，待表决 1 项。" in page
    for anchor in ("d2026-01", "d2026-02", "d2026-03"):
        assert f'id="{anchor}"' in page
    assert 'dw-status--done">已反馈（3月16日）' in page
    assert 'dw-status--progress">待反馈（议事后已 6 天，11月24日前反馈）' in page
    assert 'dw-status--notstarted">待表决' in page
    assert "党员代表 4 人、居民代表 9 人，共 13 人" in page
    assert "<td>11</td><td>1</td><td>1</td>" in page  # 赞成、反对、弃权 of the chosen option
    assert "2026年3月16日，通过公示栏、居民群：3月22日前请认领自家物品。" in page
    assert "还没有反馈（应于2026年11月24日前反馈）" in page


def test_index_lists_the_latest_and_the_years(site):
    page = _text(site, "deliberations/index.html")
    assert 'href="2026/#d2026-03"' in page
    assert "共 3 项，已反馈 1 项，待反馈 1 项，待表决 1 项" in page
    assert "议事后 5 个工作日内向居民反馈结果" in page


def test_members_only_item_is_nowhere_on_the_public_site(site):
    for file in site.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".json", ".csv", ".xml", ".js"):
            text = file.read_text(encoding="utf-8", errors="replace")
            assert MEMBERS_ONLY not in text and "d2026-04" not in text, file


def test_no_personal_numbers_on_the_pages(site):
    page = _text(site, "deliberations/2026/index.html")
    assert not re.search(r"1[3-9]\d{9}", page)


def test_downloads_feed_and_kiosk(site):
    document = json.loads(_text(site, "data/deliberations.json"))
    [year] = document["years"]
    assert [d["id"] for d in year["deliberations"]] == ["d2026-01", "d2026-02", "d2026-03"]  # oldest first
    first = year["deliberations"][0]
    assert (first["status"], first["attendance"], first["carried_by"]) == ("已反馈", 13, "治安巡逻岗")
    rows = list(csv.reader(io.StringIO(_text(site, "data/deliberations-2026.csv").lstrip("\ufeff"))))
    assert rows[0][:3] == ["编号", "议事日期", "议题"] and len(rows) == 4
    assert "deliberations.json" in _text(site, "downloads/index.html")
    feed = _text(site, "data/feed.xml")
    assert "议事决定：楼道堆物清理办法" in feed and "议事反馈：楼道堆物清理办法" in feed
    assert "议事决定：充电桩收费标准" not in feed  # undecided: no event yet
    kiosk = _text(site, "kiosk/index.html")
    assert 'data-kind="deliberation"' in kiosk and "冬季楼门口防滑垫摆放" in kiosk


def test_catalogue_lists_deliberations_with_their_rhythm(site):
    page = _text(site, "catalog/index.html")
    row = re.search(r'<tr id="yishi">.*?</tr>', page, re.S)
    assert row is not None
    assert "社区议事（议事后5个工作日内反馈）" in row.group() and "即时" in row.group() and "按时" in row.group()
