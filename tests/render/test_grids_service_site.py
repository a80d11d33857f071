"""One public and one members build of the tiny community with 网格 and 双报到 records: the pages'
figures, members-only records and full names kept off the public site, the downloads, and no
household or personal data anywhere."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import TINY, build_site
from tests.grids_service_fixture import files


def _data(folder: Path) -> Path:
    data = folder / "data"
    shutil.copytree(TINY, data)
    root = data / "communities" / "xiaoyuan"
    for name, text in files().items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("grids-service")
    data, built = _data(folder), {}
    for audience in ("public", "members"):
        out = folder / audience / "site"
        out.parent.mkdir()
        result = build_site(data, out, "--audience", audience)
        assert result.returncode == 0, result.stdout + result.stderr
        built[audience] = out / "xiaoyuan"
    return built


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def _everything(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*")
                     if p.is_file() and p.suffix in (".html", ".json", ".csv", ".xml", ".js"))


def test_the_grids_page_names_contacts_per_building_with_office_phones(sites):
    page = _page(sites["public"], "grids")
    for text in ("1号楼", "2号楼4-6单元", "10号楼", "网格长 陈志远", "楼栋长 王海涛", "010-62001236", "010-62001234"):
        assert text in page
    assert page.index("2号楼4-6单元") < page.index("10号楼")  # natural order
    assert 'id="g1"' in page and 'id="g2"' in page
    assert "党内联络网格" not in page and "3号楼" not in page  # a members-only grid


def test_the_service_page_tallies_in_roster_order_and_masks_names(sites):
    index, page = _page(sites["public"], "service"), _page(sites["public"], "service/2026")
    assert "7.0 小时" in index and "3 次" in index and 'href="2026/"' in index and 'href="2026/records/"' in index
    assert "赵*国" in page and "王海涛" in page  # 王海涛 is a 楼栋长: public by role
    assert page.index("王海涛") < page.index("赵*国")  # roster order, though 赵*国 served longer
    assert "7.0 小时" in page and "3 次" in page and "不按时长排名" in page
    assert "筹备党内组织生活会" not in page


def test_each_service_has_its_anchor_on_the_year_s_records_page(sites):
    """Tallies and records are on separate pages so a busy year stays light; 更新记录 and the feed
    link a service to ``service/<year>/records/#<id>`` (records/kinds.py)."""
    records = _page(sites["public"], "service/2026/records")
    assert 'id="s2026-01"' in records and "赵*国" in records and "赵建国" not in records
    assert "筹备党内组织生活会" not in records


def test_full_names_the_rule_masks_and_members_only_records_are_nowhere_public(sites):
    public = _everything(sites["public"])
    assert "赵建国" not in public
    assert "筹备党内组织生活会" not in public and "党内联络网格" not in public


def test_the_members_site_shows_everything(sites):
    page = _page(sites["members"], "service/2026") + _page(sites["members"], "service/2026/records")
    assert "赵建国" in page and "筹备党内组织生活会" in page and "7.5 小时" in page
    assert "党内联络网格" in _page(sites["members"], "grids")


def test_downloads_hold_the_same_figures(sites):
    service = json.loads((sites["public"] / "data" / "service.json").read_text(encoding="utf-8"))
    year = service["years"][0]
    assert (year["year"], year["times"], year["hours"]) == (2026, 3, "7.0")
    assert [t["name"] for t in year["tallies"]] == ["王海涛", "赵*国"]
    grids = json.loads((sites["public"] / "data" / "grids.json").read_text(encoding="utf-8"))
    assert [g["id"] for g in grids["grids"]] == ["g1", "g2"]
    assert not any("household" in key or "resident" in key for g in grids["grids"] for key in g)
    csv = (sites["public"] / "data" / "service-2026.csv").read_text(encoding="utf-8-sig")
    assert csv.count("\n") == 4 and "赵*国" in csv
    downloads = _page(sites["public"], "downloads")
    assert "service.json" in downloads and "grids.json" in downloads


def test_the_navigation_lists_both_pages(sites):
    home = (sites["public"] / "index.html").read_text(encoding="utf-8")
    assert 'href="grids/"' in home and 'href="service/"' in home


def test_each_page_of_the_service_tab_links_its_siblings_under_its_title(sites):
    """The sidebar is hidden on this board and the 为民服务 tab opens only its first page: every page
    of the group links the others (theme/partials/content.html), the page itself marked as current."""
    grids = _page(sites["public"], "grids")
    subnav = re.search(r'<nav class="dw-subnav" aria-label="为民服务">(.*?)</nav>', grids, re.S)
    assert subnav, "no sub-navigation on the grids page"
    assert re.search(r'href="\.\./service/"[^>]*>双报到<', subnav.group(1))
    assert re.search(r'href="\./?"\s+aria-current="page">网格<', subnav.group(1))
    assert grids.index('<h1') < grids.index('class="dw-subnav"') < grids.index('<h2')
    assert 'class="dw-subnav"' not in (sites["public"] / "index.html").read_text(encoding="utf-8")


def test_the_kiosk_shows_the_year_s_service_totals_without_names(sites):
    kiosk = (sites["public"] / "kiosk" / "index.html").read_text(encoding="utf-8")
    start = kiosk.index("在职党员双报到</p>")
    slide = kiosk[start:kiosk.index("</dl>", start)]
    assert "2 人" in slide and "3 次" in slide and "7.0 小时" in slide
    assert "王海涛" not in slide and "赵" not in slide
