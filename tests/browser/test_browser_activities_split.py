"""A busy year's activities: one page per month, the year page an index of months, old links
(activities/2026/#a2026-0110) still reaching the record, and every other link going straight to
the month page. The tiny community is built with a low threshold (a real 10× community takes
half a minute; its page sizes are measured by bench/run.py, not here)."""
from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from pathlib import Path

import pytest
import yaml

from generator.checks import load_and_check
from generator.cli import main
from generator.render.pages.context import PageContext
from generator.render.pages.site import render_site
from generator.views import activities as view
from tests.conftest import TINY, TODAY

REPO = Path(__file__).resolve().parents[2]
LOW = 5  # the tiny community has 17 activities in 2026: split at this threshold


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The tiny community built by `dangwu build` with SPLIT_ABOVE lowered: its site folder."""
    work = tmp_path_factory.mktemp("split")
    shutil.copytree(TINY, work / "data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(view, "SPLIT_ABOVE", LOW)
        patch.chdir(work)
        code = main(["build", str(work / "data"), "--out", str(work / "site"), "--today", TODAY.isoformat()])
    assert code == 0  # the build's own link checker passed too
    return work / "site"


def _page(site: Path, url: str) -> str:
    return (site / "xiaoyuan" / url / "index.html").read_text(encoding="utf-8")


def test_busy_year_has_a_page_per_month(site):
    assert (site / "xiaoyuan" / "activities" / "2026" / "01" / "index.html").is_file()
    january = _page(site, "activities/2026/01")
    assert "2026年1月活动" in january and 'id="a2026-0110"' in january
    assert "一月主题党日：清理楼道堆物" in january and 'id="a2026-0305"' not in january
    # links one folder deeper still lead to the partners page and the 更新记录
    assert 'href="../../../partners/#pt-yy"' in _page(site, "activities/2026/03")


def test_year_page_lists_months_with_counts_and_their_ids(site):
    year = _page(site, "activities/2026")
    assert '<a href="01/"' in year and "1月活动" in year
    assert re.search(r'data-ids="m2026-01 [^"]*\ba2026-0110\b', year)
    assert 'id="a2026-0110"' not in year  # the records themselves are on the month pages
    assert "共 1 条" in year or "共 2 条" in year


def test_links_elsewhere_go_to_the_month_page(site):
    home = _page(site, "")
    assert re.search(r'href="activities/2026/\d\d/#a2026-', home)
    assert not re.search(r'href="activities/2026/#a', home)
    feed = (site / "xiaoyuan" / "data" / "feed.xml").read_text(encoding="utf-8")
    assert "activities/2026/03/#a2026-0305" in feed and "activities/2026/#a" not in feed
    partners = _page(site, "partners")
    assert 'href="../activities/2026/03/#a2026-0305"' in partners


def test_month_pages_stay_out_of_the_navigation(site):
    home = _page(site, "")
    assert 'href="activities/"' in home
    assert 'href="activities/2026/01/"' not in home


def test_old_anchor_on_the_year_page_reaches_the_record(site, browser):
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    errors: list[str] = []
    page = browser.new_page()
    try:
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda m: "Content Security Policy" in m.text and errors.append(m.text))
        page.goto(f"{origin}/xiaoyuan/activities/2026/#a2026-0305")
        page.wait_for_url(re.compile(r"/activities/2026/03/#a2026-0305$"))
        assert page.locator("#a2026-0305").is_visible()
        page.goto(f"{origin}/xiaoyuan/activities/2026/#m2026-01")
        page.wait_for_url(re.compile(r"/activities/2026/01/#m2026-01$"))
        page.goto(f"{origin}/xiaoyuan/activities/2026/")  # no anchor: the index stays
        assert page.url.endswith("/activities/2026/") and page.locator("text=1月活动").count() >= 1
    finally:
        page.close()
        server.shutdown()
        server.server_close()
    assert not errors


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def test_small_communities_keep_one_page_a_year():
    busiest = max(len(yaml.safe_load(f.read_text(encoding="utf-8"))["activities"])
                  for f in (REPO / "data" / "communities").glob("*/activities/*.yml"))
    assert busiest <= view.SPLIT_ABOVE
    communities, _ = load_and_check(TINY, None, TODAY)
    pages = render_site(PageContext(communities[0], TODAY, "public"))
    assert "activities/2026.md" in pages and not [p for p in pages if p.startswith("activities/2026/")]
    assert 'href="#m2026-01"' in pages["activities/2026.md"]
