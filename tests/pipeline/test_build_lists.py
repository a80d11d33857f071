"""三张清单 built end to end: one public build of a copy of the tiny community with a lists file,
its pages, downloads, feed and kiosk read back."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import build_site

LISTS = (Path(__file__).parents[1] / "fixtures" / "lists" / "2026.yml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    import shutil

    from tests.conftest import TINY
    root = tmp_path_factory.mktemp("lists")
    shutil.copytree(TINY, root / "data")
    folder = root / "data" / "communities" / "xiaoyuan" / "lists"
    folder.mkdir()
    (folder / "2026.yml").write_text(LISTS, encoding="utf-8")
    result = build_site(root / "data", root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site" / "xiaoyuan"


def _text(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_overview_counts_states_and_working_days(site):
    page = _text(site, "lists/index.html")
    for figure in ('>1</span><span class="dw-figure__label"><span class="dw-status dw-status--notstarted">待认领',
                   '>1</span><span class="dw-figure__label"><span class="dw-status dw-status--progress">已认领',
                   '>2</span><span class="dw-figure__label"><span class="dw-status dw-status--done">已完成'):
        assert figure in page
    assert "平均用了 6 个工作日" in page
    assert "小朋友想要一套绘本" in page  # the open 微心愿
    assert "示例区人民医院党委" in page and "<td>1 项</td><td>1 个</td><td>0 个</td>" in page


def test_year_page_has_stable_anchors_and_masks_the_claimer(site):
    page = _text(site, "lists/2026/index.html")
    for anchor in ("n2026-01", "n2026-02", "r2026-01", "p2026-01"):
        assert f'id="{anchor}"' in page
    assert "王海涛" not in page  # m004 holds no public role: masked
    assert "从提出到完成用了 5 个工作日" in page


def test_members_only_need_is_nowhere_on_the_public_site(site):
    for file in site.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".json", ".csv", ".xml", ".js"):
            assert "仅党内可见的心愿" not in file.read_text(encoding="utf-8", errors="replace"), file


def test_downloads_feed_and_kiosk(site):
    document = json.loads(_text(site, "data/lists.json"))
    [year] = document["years"]
    assert [n["state"] for n in year["needs"]] == ["done", "done", "open", "claimed"]
    assert "王海涛" not in _text(site, "data/lists.json")
    assert _text(site, "data/lists-2026.csv").startswith("\ufeff编号,类别,需求内容")
    assert "lists-2026.csv" in _text(site, "downloads/index.html")
    feed = _text(site, "data/feed.xml")
    assert "新微心愿：小朋友想要一套绘本" in feed and "项目完成：楼道灯更换" in feed
    kiosk = _text(site, "kiosk/index.html")
    assert "待认领的微心愿" in kiosk and "小朋友想要一套绘本" in kiosk
