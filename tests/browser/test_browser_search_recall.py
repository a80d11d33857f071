"""What residents type into the search box of a real-sized community (the hepingli sample),
and whether the page (and record) they want comes first.

The sample is built once for this module by the real `dangwu build`, from a working folder
under the temporary directory (a build writes build/ relative to its working folder), and
served over HTTP. A query's result list is read the way a resident reads it: result by result,
each result's best-matching record first (the page header above it is only a heading).
recall@1 counts the queries whose first record is an expected one, recall@5 those with an
expected one among the first five.
"""
from __future__ import annotations

import functools
import http.server
import subprocess
import threading
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from browsing import DESKTOP, new_visit
from dangwu_testsite import BIN, REPO, TODAY

pytestmark = pytest.mark.browser

SLUG = "hepingli"
READY = "键入以开始搜索"
H = f"/{SLUG}/"

ACTIVITIES = [H + "activities/2026/", H + "activities/2025/"]
MARCH = [H + "activities/2026/#a2026-03", H + "activities/2025/#a2025-03",
         H + "activities/2026/#m2026-03", H + "activities/2025/#m2025-03"]
SECOND_BRANCH = [H + "organization/#zb2", H + "organization/#committee-zb2"]
CANTEEN = [H + "finances/2026/#pj2026-01", H + "finances/2025/#pj2025-04"]
ALARM = [H + "notices/2026/#n2026-14", H + "finances/2026/#pj2026-02"]
CONTACT = [H + "guide/feedback/", H + "#联系我们"]
NOTICES = [H + "notices/"]

# query → the result links (prefixes) a resident would be glad to land on.
QUERIES: dict[str, list[str]] = {
    "党课": ACTIVITIES,
    "主题党日": ACTIVITIES,
    "支委会": ACTIVITIES,
    "党员大会": ACTIVITIES,
    "志愿服务": ACTIVITIES,
    "3月 主题党日": MARCH,
    "3月主题党日": MARCH,
    "三月 主题党日": MARCH,
    "学雷锋": MARCH,
    "学雷峰": MARCH,                              # a near-miss (峰 for 锋)
    "韩志强": [H + "organization/#committee-dw"],  # shown in full: 党委书记
    "志强": [H + "organization/#committee-dw"],    # his given name
    "钟思远": [H + "organization/#committee-dw"],
    "许春生": [H + "notices/#n2026-13", H + "notices/2026/#n2026-13", H + "notices/2025/#n2025-08"],
    "春生 转正": [H + "notices/#n2026-13", H + "notices/2026/#n2026-13"],
    "人民医院": [H + "partners/#pt-yiyuan"],
    "青年路小学": [H + "partners/#pt-xiaoxue"],
    "消防救援支队": [H + "partners/#pt-xiaofang"],
    "热力公司": [H + "partners/#pt-reli"],
    "春晖": [H + "partners/#pt-shegong"],
    "税务局": [H + "partners/#pt-shuiwu"],
    "稅務局": [H + "partners/#pt-shuiwu"],         # traditional characters
    "二支部": SECOND_BRANCH,
    "第二党支部": SECOND_BRANCH,
    "2支部": SECOND_BRANCH,
    "18000": CANTEEN,
    "18,000": CANTEEN,
    "1.8万": CANTEEN,
    "助餐点": CANTEEN,
    "独居老人紧急呼叫设备": ALARM,
    "獨居老人緊急呼叫設備": ALARM,
    "紧急呼救设备": ALARM,                         # a near-miss (救 for 叫)
    "黨費": [H + "finances/", H + "organization/#committee-"],
    "探访独居老人": [H + "commitments/2026/#c2026-003", H + "commitments/2025/#c2025-003"],
    "楼门加装扶手": [H + "finances/2026/#pj2026-03", H + "commitments/2026/#c2026-005",
                 H + "commitments/2025/#c2025-005"],
    "监督电话": CONTACT,
    "意见箱": CONTACT,
    "接待日": CONTACT,
    "公开目录": [H + "catalog/"],
    "预备党员": NOTICES,
    "发展对象": NOTICES,
    "经费使用情况": NOTICES,
    "更新记录": [H + "changes/"],
    "数据下载": [H + "downloads/"],
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The hepingli sample, built into a temporary folder from a working folder there too."""
    work = tmp_path_factory.mktemp("recall")
    command = [str(BIN / "dangwu"), "build", str(REPO / "data"), "--community", SLUG,
               "--out", str(work / "site"), "--today", TODAY]
    done = subprocess.run(command, capture_output=True, text=True, cwd=work)
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"
    return work / "site"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def origin(site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def search_page(browser, origin):
    visit = new_visit(browser, origin, DESKTOP)
    page = visit.page()
    page.goto(origin + H)
    page.locator("input.md-search__input").click()
    yield page
    visit.context.close()
    assert not visit.blocked, f"requests to other origins: {visit.blocked}"
    assert not visit.errors, visit.errors


# The records a resident sees, in order: per result, the records shown under its page header
# (the header alone when none is); records folded away under "更多" are not counted.
RANKED = """() => [...document.querySelectorAll('.md-search-result__item')].flatMap(item => {
  const links = [...item.querySelectorAll('a.md-search-result__link')].filter(a => !a.closest('details'));
  return (links.length > 1 ? links.slice(1) : links).map(a => {
    const url = new URL(a.href); return decodeURIComponent(url.pathname + url.hash); });
})"""
SHOWN = "() => document.querySelector('.md-search-result').innerText.replaceAll('\\u200b', '')"


def ranked(page, query: str) -> list[str]:
    """Type ``query`` (after clearing the box) and return the ranked record links."""
    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    box.fill("")
    box.press("End")
    meta.filter(has_text=READY).wait_for(timeout=10_000)
    box.fill(query)
    box.press("End")
    page.wait_for_function("t => document.querySelector('.md-search-result__meta').textContent.trim() !== t",
                           arg=READY, timeout=15_000)
    page.wait_for_timeout(100)
    return [unquote(link) for link in page.evaluate(RANKED)]


def first_hit(links: list[str], wanted: list[str]) -> int | None:
    return next((i for i, link in enumerate(links) if any(link.startswith(w) for w in wanted)), None)


def test_residents_find_the_record_they_look_for(search_page):
    ranks = {query: first_hit(ranked(search_page, query), wanted) for query, wanted in QUERIES.items()}
    at1 = sum(1 for r in ranks.values() if r == 0) / len(ranks)
    at5 = sum(1 for r in ranks.values() if r is not None and r < 5) / len(ranks)
    print(f"\nsearch recall over {len(ranks)} queries: recall@1 {at1:.0%}, recall@5 {at5:.0%}")
    for query, rank in ranks.items():
        print(f"  {query}: {'—' if rank is None else rank + 1}")
    misses = [q for q, r in ranks.items() if r is None or r >= 5]
    assert len(QUERIES) >= 30
    assert at1 >= 0.80, f"recall@1 {at1:.0%}; not first: {[q for q, r in ranks.items() if r != 0]}"
    assert at5 >= 0.95, f"recall@5 {at5:.0%}; missed: {misses}"


def masked_names(site: Path) -> list[str]:
    """Members whose full name appears nowhere on the public site (it shows them masked)."""
    members = yaml.safe_load((REPO / "data" / "communities" / SLUG / "members.yml").read_text(encoding="utf-8"))
    published = "".join(p.read_text(encoding="utf-8") for p in (site / SLUG).rglob("*.html"))
    return sorted({m["name"] for m in members["members"] if m["name"] not in published})


def members_only_markers() -> list[str]:
    """Texts of the party-dues ledger (党内 only): what a branch paid, voucher numbers, amounts."""
    ledger = yaml.safe_load((REPO / "data" / "communities" / SLUG / "finances" / "2026.yml").read_text(encoding="utf-8"))
    dues = [e for e in ledger["entries"] if e["fund"] == "dues"]
    return (sorted({e["summary"] for e in dues if "党费" in e["summary"]})[:4]
            + [e["voucher"] for e in dues[:2]] + [e["amount"] for e in dues[:2]])


def test_masked_members_and_members_only_text_are_not_found(site, search_page):
    names = masked_names(site)
    assert "姜兰英" in names and len(names) > 100, names[:5]   # shown as 姜*英 on a 公示
    for query in ["姜兰英", "莫凯", "莫志强", *names[:8], *members_only_markers()]:
        links = ranked(search_page, query)
        shown = search_page.evaluate(SHOWN)
        assert not links, f"{query} found {links}"
        assert query not in shown and "没有找到" in shown, shown
