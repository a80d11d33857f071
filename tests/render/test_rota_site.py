"""One public build of the tiny community with a rota and the commitments' three steps declared:
today's duty on the home page, the rota page and the kiosk; members-only duties and masked names
kept off the public site; the downloads; the 年初列 → 年中查 → 年底述 strip."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import TINY, build_site
from tests.rota_fixture import ROTA

STAGES = """stages:
  listed:
    date: 2026-01-20
    note: 在社区公开栏公布承诺清单
  checked:
    date: 2026-07-06
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("rota")
    data = folder / "data"
    shutil.copytree(TINY, data)
    root = data / "communities" / "xiaoyuan"
    (root / "rota").mkdir()
    (root / "rota" / "2026.yml").write_text(ROTA, encoding="utf-8")
    with (root / "commitments" / "2026.yml").open("a", encoding="utf-8") as commitments:
        commitments.write(STAGES)
    out = folder / "site"
    result = build_site(data, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "xiaoyuan"


def _text(site: Path, path: str) -> str:
    html = (site / path).read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _everything(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*")
                     if p.is_file() and p.suffix in (".html", ".json", ".csv", ".xml", ".js"))


def test_the_home_page_shows_todays_duty_and_the_build_day(site):
    home = _text(site, "index.html")
    assert "今日值班" in home and "今天 2026年11月23日 周一" in home
    for text in ("8:30-17:30 值班", "王*涛", "小院社区服务站一楼", "010-62001234", "本页生成于 2026年11月23日"):
        assert text in home


def test_the_rota_page_lists_this_month_and_next_day_by_day(site):
    page = _text(site, "rota/index.html")
    assert "2026年11月" in page and "2026年12月" in page
    assert "11月28日 周六 9:00-12:00 错时服务 治安巡逻岗、王*涛" in page
    assert "12月30日 周三 17:30-19:30 值班 周玉兰" in page  # the 书记: public by role, named in full
    assert page.count("本页生成于") == 1


def test_each_duty_has_its_anchor_on_the_year_page(site):
    page = (site / "rota/2026/index.html").read_text(encoding="utf-8")
    for anchor in ("z-sat", "z-1123", "z-oct", "z-dec"):
        assert f'id="{anchor}"' in page
    assert "10月每周六 9:00-11:00 错时服务" in _text(site, "rota/2026/index.html")


def test_members_only_duties_and_full_names_stay_off_the_public_site(site):
    everything = _everything(site)
    assert "z-party" not in everything and "党内学习值守" not in everything and "党员活动室" not in everything
    assert "王海涛" not in everything


def test_the_kiosk_shows_todays_duty(site):
    kiosk = _text(site, "kiosk/index.html")
    assert "今日值班 · 2026年11月23日 周一" in kiosk and "8:30-17:30 王*涛" in kiosk


def test_the_downloads_hold_the_public_duties(site):
    document = json.loads((site / "data/rota.json").read_text(encoding="utf-8"))
    [year] = document["years"]
    assert [d["id"] for d in year["duties"]] == ["z-sat", "z-1123", "z-oct", "z-dec"]
    assert year["duties"][2]["days"] == ["2026-10-10", "2026-10-17", "2026-10-24", "2026-10-31"]
    csv = (site / "data/rota-2026.csv").read_text(encoding="utf-8-sig")
    assert "11月每周六" in csv and "z-party" not in csv
    downloads = (site / "downloads/index.html").read_text(encoding="utf-8")
    assert 'href="../data/rota.json"' in downloads and 'href="../data/rota-2026.csv"' in downloads


def test_the_commitments_page_shows_the_three_steps(site):
    page = _text(site, "commitments/2026/index.html")
    assert "年初列清单 已完成 2026年1月20日 在社区公开栏公布承诺清单" in page
    assert "年中查清单 已完成 2026年7月6日" in page
    assert "年底述清单 未到期 应于 2027年1月31日 前" in page
    assert "进度 50% · 年初已列 · 年中已查 · 年底未述" in page
