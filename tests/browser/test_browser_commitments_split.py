"""A busy year's commitments: a page per 党支部, the year page keeping the roll-ups, the unit
table and a line per commitment under its old id; an old link (commitments/2026/#c2026-01)
still reaches the record. The tiny community is built by `dangwu build` (whose link check must
pass) with a low threshold; the 10× page sizes are measured in tests/render/test_page_weight.py."""
from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from pathlib import Path

import pytest

from generator.cli import main
from generator.views import commitments as view
from tests.conftest import TINY, TODAY

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("commitments-split")
    shutil.copytree(TINY, work / "data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(view, "SPLIT_ABOVE", 1)  # the tiny community has 2 commitments in 2026
        patch.chdir(work)
        code = main(["build", str(work / "data"), "--out", str(work / "site"), "--today", TODAY.isoformat()])
    assert code == 0  # the build's own link checker passed too
    return work / "site"


def _page(site: Path, url: str) -> str:
    return (site / "xiaoyuan" / url / "index.html").read_text(encoding="utf-8")


def test_the_year_page_keeps_every_anchor_and_links_to_the_unit_page(site):
    year = _page(site, "commitments/2026")
    assert re.search(r'<li id="c2026-01" data-status="[^"]+"><a href="zb/#c2026-01">清理楼道堆物</a>', year)
    assert re.search(r'<a href="zb/" data-ids="c2026-01 c2026-02">', year)
    assert 'class="dw-record"' not in year  # the full records are on the unit page
    assert '<span class="dw-figure__value">2</span><span class="dw-figure__label">项承诺' in year
    unit = _page(site, "commitments/2026/zb")
    assert unit.count('class="dw-record"') == 2 and 'id="c2026-02"' in unit
    assert "检查记录" in unit and "现状" in unit
    assert '<a href="../">2026年全部组织的承诺</a>' in unit


def test_an_old_link_to_a_commitment_reaches_its_record(site, browser):
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    errors: list[str] = []
    page = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{origin}/xiaoyuan/commitments/2026/#c2026-02")
        page.wait_for_url(re.compile(r"/commitments/2026/zb/#c2026-02$"))
        record = page.locator("#c2026-02")
        assert record.is_visible() and "每周巡逻两次" in record.inner_text()
        page.goto(f"{origin}/xiaoyuan/commitments/2026/")  # no anchor: the year page stays
        assert page.url.endswith("/commitments/2026/")
        page.locator('li#c2026-01 a').click()
        page.wait_for_url(re.compile(r"/commitments/2026/zb/#c2026-01$"))
    finally:
        page.close()
        server.shutdown()
        server.server_close()
    assert not errors


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass
