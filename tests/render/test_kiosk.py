"""The kiosk page as written by a build: its slides, figures, QR codes and what it must never hold.

The browser side (rotation, touch, updates, layout) is in tests/browser/test_kiosk_browser.py.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.request
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
import zxingcpp

from generator.checks import load_and_check
from generator.cli import parser as cli_parser
from generator.privacy.audience import fund_audience
from generator.problems import errors
from generator.publish import offline
from generator.render.kiosk import SENTINEL, write_kiosk
from generator.render.kiosk.qr import target_url
from generator.render.kiosk.serve import browser_command, kiosk_server, kiosk_url, missing_kiosk
from generator.render.pages.context import PageContext
from generator.views.format import money
from generator.views.ledger import fund_ledgers, year_ledgers

TINY = Path(__file__).parents[1] / "fixtures" / "tiny"
TODAY = date(2026, 11, 23)
SLUG = "xiaoyuan"
BASE = "https://dangwu.example.cn/xiaoyuan/"

# The tiny community made busier: a public base URL, kiosk settings, two open 公示 (one with a
# very long title) and one members-only, a unit with six committee members, six units with
# commitments in every state (one with a very long name), more activities (one members-only).
RICH = {
    "community.yml": f"""
base_url: {BASE}
kiosk:
  interval: "10"
  idle: "60"
""",
    "notices/2026.yml": """
  - id: n2026-07
    kind: 发展党员公示
    title: 关于拟将李明同志列为发展对象的公示
    start: 2026-11-19
    end: 2026-11-25
    body: |
      经支部委员会研究，拟将李明同志列为发展对象，现予公示。
    contact: "010-62001235"
    people: [李明]
  - id: n2026-08
    kind: 其他
    title: 关于小园社区二〇二六年度党组织服务群众经费使用计划及老旧小区楼道照明改造项目实施方案的公示（第二次征求意见稿，请各位居民提出宝贵意见）
    start: 2026-11-23
    end: 2026-11-27
    body: |
      现将方案公示如下。
    contact: "010-62001235"
  - id: n2026-09
    kind: 其他
    title: 党内公示不上大屏
    start: 2026-11-20
    end: 2026-11-26
    body: |
      仅党内。
    contact: "010-62001235"
    audience: members
""",  # noqa: E501 — n2026-08's title is longer than a kiosk line on purpose
    "organization.yml": """
  - id: xz1
    name: 小园社区第一党小组
    kind: 党小组
    parent: zb
    committee:
      - name: 王海涛
        role: 组长
        duties: 召集党小组会，联系一号楼至三号楼的在职党员和居民代表，收集意见建议并按月汇总上报支部委员会
      - name: 赵桂芳
        role: 副组长
        duties: 协助组长
      - name: 孙建华
        role: 宣传员
      - name: 钱丽
        role: 联络员
        duties: 在职党员双报到联络
      - name: 吴国强
        role: 组织员
      - name: 郑小燕
        role: 志愿服务队长
        duties: 组织志愿服务
  - id: xz2
    name: 小园社区第二党小组
    kind: 党小组
    parent: zb
  - id: xz3
    name: 小园社区第三党小组
    kind: 党小组
    parent: zb
  - id: xz4
    name: 小园社区第四党小组（幸福里、和平里、光明里三个小区联合党小组）
    kind: 党小组
    parent: zb
  - id: xz5
    name: 小园社区第五党小组
    kind: 党小组
    parent: zb
""",
    "commitments/2026.yml": """
  - id: c2026-03
    owner: xz1
    title: 一号楼加装扶手
    category: 为民服务
    made: 2026-02-01
    due: 2026-10-31
    baseline: 无扶手
    target: 三个单元全部加装
    reviews:
      - date: 2026-06-30
        stage: 年中
        status: 进行中
        progress: 40
  - id: c2026-04
    owner: xz2
    title: 楼道照明排查
    category: 为民服务
    made: 2026-02-01
    due: 2026-06-30
    baseline: 12 处不亮
    target: 全部修好
    reviews:
      - date: 2026-06-30
        stage: 年中
        status: 已完成
        progress: 100
  - id: c2026-05
    owner: xz3
    title: 垃圾分类督导
    category: 环境整治
    made: 2026-02-01
    due: 2026-12-31
    baseline: 分类准确率 60%
    target: 分类准确率 90%
    reviews:
      - date: 2026-06-30
        stage: 年中
        status: 进行中
        progress: 30
  - id: c2026-06
    owner: xz4
    title: 冬季走访独居老人
    category: 为民服务
    made: 2026-11-01
    due: 2026-12-31
    baseline: 未走访
    target: 走访 20 户
  - id: c2026-07
    owner: xz5
    title: 修缮自行车棚
    category: 为民服务
    made: 2026-02-01
    due: 2026-09-30
    baseline: 车棚漏雨
    target: 完成修缮
""",
    "activities/2026.yml": """
  - id: a2026-1105
    date: 2026-11-05
    kind: 党课
    unit: zb
    title: 书记讲党课：学习贯彻党务公开条例，做好社区党务公开栏和大屏的日常更新与维护工作
  - id: a2026-1110
    date: 2026-11-10
    kind: 主题党日
    unit: xz1
    title: 十一月主题党日：楼道照明排查
  - id: a2026-1112
    date: 2026-11-12
    kind: 支委会
    unit: zb
    title: 党内活动不上大屏
    audience: members
  - id: a2026-1118
    date: 2026-11-18
    kind: 志愿服务
    unit: zb
    title: 冬季供暖入户走访
  - id: a2026-1120
    date: 2026-11-20
    kind: 共建活动
    unit: zb
    title: 与示例区人民医院党委联合义诊
""",
}


def with_extra(text: str, extra: str) -> str:
    """``extra`` added at the end of the file's first list (units end where ``posts:`` starts)."""
    head, posts, tail = text.partition("\nposts:")
    return head.rstrip("\n") + "\n" + extra.lstrip("\n") + (posts + tail if posts else "")


# Where each slide of the RICH community's kiosk continues on a phone, in slide order.
RICH_QR_URLS = [
    BASE, f"{BASE}notices/2026/#n2026-08", f"{BASE}notices/2026/#n2026-07",
    f"{BASE}commitments/2026/", f"{BASE}commitments/2026/", f"{BASE}finances/2026/#service",
    f"{BASE}activities/2026/", f"{BASE}organization/#committee-zb", f"{BASE}organization/", BASE,
]


def make_data(root: Path, rich: bool = True, base_url: bool = True) -> Path:
    """tests/fixtures/tiny copied to ``root``, with the RICH additions."""
    data = root / "data"
    shutil.copytree(TINY, data)
    community = data / "communities" / SLUG
    for name, extra in (RICH.items() if rich else []):
        if name == "community.yml" and not base_url:
            extra = extra.replace(f"base_url: {BASE}\n", "")
        path = community / name
        path.write_text(with_extra(path.read_text(encoding="utf-8"), extra), encoding="utf-8")
    return data


def context_for(data: Path, audience: str = "public") -> PageContext:
    communities, problems = load_and_check(data, [SLUG], TODAY)
    assert not errors(problems), [p.as_text() for p in errors(problems)]
    return PageContext(communities[0], TODAY, audience)


def write_site(root: Path, ctx: PageContext, build_id: str = "build-a") -> Path:
    """A served folder like ``site/``: <root>/<slug>/kiosk/ plus the community's manifest.json."""
    site = root / "site" / SLUG
    write_kiosk(site, ctx)
    (site / "manifest.json").write_text(f'{{"build_id": "{build_id}", "files": {{}}}}\n', encoding="utf-8")
    return site


# --- reading the page --------------------------------------------------------------------------

class Page(HTMLParser):
    """Slides (kind, url, text, QR svg), and every tag with its attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.slides: list[dict] = []
        self.scripts: list[tuple[dict, str]] = []
        self._depth = 0
        self._svg: list[str] | None = None
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        self._gap()
        if tag == "section" and "slide" in attrs.get("class", ""):
            self.slides.append({"kind": attrs["data-kind"], "url": attrs["data-url"], "text": "", "qr": ""})
        if tag == "svg" and "qr-code" in attrs.get("class", ""):
            self._svg = []
        if self._svg is not None and tag == "path":
            self._svg.append(attrs.get("d", "") if "stroke" in attrs else "")
        if tag == "script":
            self._script = attrs

    def _gap(self):
        if self.slides and self._svg is None:
            self.slides[-1]["text"] += " "

    def handle_endtag(self, tag):
        self._gap()
        if tag == "svg" and self._svg is not None:
            self.slides[-1]["qr"] = "".join(self._svg)
            self._svg = None
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self.scripts.append((self._script, data))
        if self.slides and self._svg is None:
            self.slides[-1]["text"] += data


def read_page(site: Path) -> tuple[str, Page]:
    html = (site / "kiosk" / "index.html").read_text(encoding="utf-8")
    page = Page()
    page.feed(html)
    return html, page


def public_activities(ctx, year: int) -> list:
    """The year's activities the public may see, read straight from the records."""
    return [a for a in ctx.community.activities[year].activities if a.audience == "public"]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def qr_payload(path_data: str) -> str:
    """Decode a segno SVG path (rows of ``h`` runs moved with ``m``) with zxing-cpp."""
    x = y = 0.0
    dark = set()
    for op, a, b in re.findall(r"([MmHh])\s*(-?[\d.]+)(?:\s+(-?[\d.]+))?", path_data):
        if op in "Mm":
            x, y = (float(a), float(b)) if op == "M" else (x + float(a), y + float(b))
        else:
            for col in range(int(x), int(x + float(a))):
                dark.add((col, int(y)))
            x += float(a)
    size = max(max(c, r) for c, r in dark) + 5  # the code plus its quiet zone
    scale = 6
    pixels = bytearray(b"\xff" * (size * scale) ** 2)
    for col, row in dark:
        for dy in range(scale):
            start = (row * scale + dy) * size * scale + col * scale
            pixels[start:start + scale] = b"\x00" * scale
    found = decode_qr(bytes(pixels), size * scale, size * scale)
    assert len(found) == 1, "the QR code does not decode"
    return found[0]


def decode_qr(gray: bytes, width: int, height: int) -> list[str]:
    """The texts of the QR codes zxing-cpp finds in a grayscale image (one byte a pixel)."""
    image = memoryview(gray).cast("B", (height, width))
    return [code.text for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


# --- fixtures ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    root = tmp_path_factory.mktemp("kiosk")
    ctx = context_for(make_data(root))
    site = write_site(root, ctx)
    html, page = read_page(site)
    return {"ctx": ctx, "site": site, "html": html, "page": page}


# --- what the slides say -----------------------------------------------------------------------

def test_slides_one_idea_each_in_board_order(rich):
    kinds = [s["kind"] for s in rich["page"].slides]
    assert kinds == ["home", "notice", "notice", "commitments", "overdue", "fund", "activities",
                     "committee", "units", "contact"]


def test_each_open_public_notice_has_a_slide_with_dates_and_working_days_left(rich):
    notices = [squash(s["text"]) for s in rich["page"].slides if s["kind"] == "notice"]
    assert "关于拟将李明同志列为发展对象的公示" in notices[1]
    assert "公示期 2026年11月19日 至 2026年11月25日 共 5 个工作日" in notices[1]
    assert "公示中，还剩 3 个工作日" in notices[1]
    assert "公示中，还剩 5 个工作日" in notices[0]
    assert "反映意见 010-62001235" in notices[0]
    everything = rich["html"]
    assert "周小明" not in everything  # closed in March: not on the screen in November
    assert "党内公示不上大屏" not in everything and "党内活动不上大屏" not in everything


def test_commitments_slides_count_each_status_then_name_the_overdue_ones(rich):
    (counts,) = [squash(s["text"]) for s in rich["page"].slides if s["kind"] == "commitments"]
    (late,) = [squash(s["text"]) for s in rich["page"].slides if s["kind"] == "overdue"]
    assert "2026年承诺践诺" in counts
    assert "2 已完成 2 进行中 2 已逾期 1 未开始" in counts
    assert "共 7 项承诺，已完成 29%" in counts
    assert "2026年已逾期的承诺" in late
    # Longest overdue first, under the unit that owns it; the rest are not overdue.
    assert late.index("应于 2026年9月30日 完成 · 小园社区第五党小组 修缮自行车棚") < \
        late.index("应于 2026年10月31日 完成 · 小园社区第一党小组 一号楼加装扶手")
    assert "楼道照明排查" not in late and "垃圾分类督导" not in late
    assert "还有" not in late  # two fit on the slide


def test_fund_slides_show_public_funds_with_the_figures_of_the_ledger(rich):
    funds = [s for s in rich["page"].slides if s["kind"] == "fund"]
    ctx = rich["ctx"]
    (ledger,) = fund_ledgers(ctx.community.finances[2026], "public")
    assert len(funds) == 1  # 党费 is published to members only
    text = squash(funds[0]["text"])
    assert "2026年党组织服务群众经费" in text
    assert f"收入 {money(ledger.income)} 支出 {money(ledger.spending)} 结余 {money(ledger.closing)}" in text
    assert money(ledger.income) == "¥10,000.00"
    assert "党费" not in rich["html"]
    assert rich["html"].count('class="dangwu-chart"') == 1


def test_latest_public_activities_newest_first(rich):
    (slide,) = [s for s in rich["page"].slides if s["kind"] == "activities"]
    text = squash(slide["text"])
    titles = ["与示例区人民医院党委联合义诊", "冬季供暖入户走访", "十一月主题党日：楼道照明排查", "书记讲党课"]
    assert [text.index(t) for t in titles] == sorted(text.index(t) for t in titles)
    assert "2026年11月20日 · 共建活动 · 小园社区党支部" in text
    assert "学雷锋义诊" not in text  # four rows, and the fifth line says how many more
    assert "党内活动不上大屏" not in text
    assert f"还有 {len(public_activities(rich['ctx'], 2026)) - 4} 项，请扫码查看" in text


def test_committee_slides_show_the_communitys_own_then_one_row_per_unit_below(rich):
    (committee,) = [squash(s["text"]) for s in rich["page"].slides if s["kind"] == "committee"]
    (units,) = [squash(s["text"]) for s in rich["page"].slides if s["kind"] == "units"]
    assert "小园社区党支部班子" in committee and "周玉兰 书记 主持全面工作" in committee
    assert "各党组织班子" in units
    assert "小园社区第一党小组 王海涛 组长 · 赵桂芳 副组长 · 孙建华 宣传员" in units
    assert "郑小燕 志愿服务队长" in units
    assert "召集党小组会" not in units  # duties are on the organisation page
    assert "第二党小组" not in units  # no committee, no row


def test_home_and_supervision_slides(rich):
    home, contact = rich["page"].slides[0], rich["page"].slides[-1]
    assert "小园社区" in home["text"] and "2026年11月23日 星期一" in home["text"]
    assert "data-clock" in rich["html"]
    text = squash(contact["text"])
    for words in ["监督电话 010-62001235", "意见箱 党群服务中心一楼大厅", "接待日 每月第一个周三上午",
                  "办公电话 010-62001234"]:
        assert words in text
    assert "数据更新于 2026年11月23日" in rich["html"]


def test_a_community_with_little_to_say_skips_empty_slides(tmp_path, write_community):
    data = write_community({"notices/2026.yml": None, "commitments/2026.yml": None,
                            "finances/2026.yml": None, "activities/2026.yml": None})
    _, page = read_page(write_site(tmp_path, context_for(data)))
    assert [s["kind"] for s in page.slides] == ["home", "committee", "contact"]


# --- caps: what the loop shows of a long list, and how many it leaves to the phone ----------

def open_notices_yaml(count: int, audience: str = "public") -> str:
    return "".join(f"""
  - id: n2026-{30 + i + (20 if audience == "members" else 0)}
    kind: 其他
    title: 第{i + 1}项{"党内" if audience == "members" else ""}征求意见公示
    start: 2026-11-2{i % 3}
    end: 2026-11-30
    body: |
      现予公示。
    contact: "010-62001235"
    audience: {audience}
""" for i in range(count))


def test_more_open_notices_than_fit_the_loop_end_with_a_slide_that_counts_the_rest(tmp_path):
    html, page = read_page(write_site(tmp_path, context_for(make_busy_data(tmp_path))))
    kinds = [s["kind"] for s in page.slides]
    assert kinds.count("notice") == 6
    (more,) = [s for s in page.slides if s["kind"] == "more"]
    assert kinds.index("more") == kinds.index("notice") + 6  # right after the notices
    # 9 public 公示 open (7 + the RICH two); the members-only ones are neither shown nor counted.
    assert "正在公示 还有 3 项公示" in squash(more["text"])
    assert qr_payload(more["qr"]) == f"{BASE}notices/"
    assert "党内征求意见" not in html


def test_todays_and_upcoming_activities_come_before_the_recent_ones(tmp_path):
    data = make_data(tmp_path)
    path = data / "communities" / SLUG / "activities" / "2026.yml"
    path.write_text(with_extra(path.read_text(encoding="utf-8"), """
  - id: a2026-1201
    date: 2026-12-01
    kind: 志愿服务
    unit: zb
    title: 十二月志愿服务：扫雪铲冰
  - id: a2026-1123
    date: 2026-11-23
    kind: 党课
    unit: zb
    title: 今天的党课
"""), encoding="utf-8")
    _, page = read_page(write_site(tmp_path, context_for(data)))
    (slide,) = [s for s in page.slides if s["kind"] == "activities"]
    text = squash(slide["text"])
    assert text.index("今天 2026年11月23日 · 党课") < text.index("即将开展 2026年12月1日 · 志愿服务") \
        < text.index("2026年11月20日 · 共建活动")
    assert "2026年11月18日" in text and "书记讲党课" not in text  # four rows and 还有 N 项


def make_busy_data(root: Path) -> Path:
    """The RICH community with every list longer than the kiosk shows: 9 open public 公示 (and 3
    members-only), a committee of 12, 11 units below it with a committee, 7 overdue commitments."""
    data = make_data(root)
    community = data / "communities" / SLUG

    def add(name: str, extra: str) -> None:
        path = community / name
        path.write_text(with_extra(path.read_text(encoding="utf-8"), extra), encoding="utf-8")

    add("notices/2026.yml", open_notices_yaml(7) + open_notices_yaml(3, "members"))
    org = community / "organization.yml"
    people = "".join(f"""
      - name: 委员{n:02d}
        role: 委员
        duties: 分管第{n}网格的联系服务工作""" for n in range(1, 11))
    org.write_text(org.read_text(encoding="utf-8").replace(
        "        duties: 组织发展、党员教育\n", "        duties: 组织发展、党员教育" + people + "\n", 1), encoding="utf-8")
    add("organization.yml", "".join(f"""
  - id: xz{n}
    name: 小园社区第{n}网格党小组
    kind: 党小组
    parent: zb
    committee:
      - name: 组长{n}
        role: 组长
      - name: 联络员{n}
        role: 联络员
""" for n in range(6, 16)))
    add("commitments/2026.yml", "".join(f"""
  - id: c2026-{20 + n}
    owner: xz2
    title: 逾期未办的第{n}项承诺
    category: 为民服务
    made: 2026-02-01
    due: 2026-08-{10 + n}
    baseline: 未办
    target: 办好
""" for n in range(1, 6)))
    return data


def test_a_busy_community_caps_every_list_and_says_how_many_more(tmp_path):
    html, page = read_page(write_site(tmp_path, context_for(make_busy_data(tmp_path))))
    texts = {}
    for slide in page.slides:
        texts.setdefault(slide["kind"], []).append(squash(slide["text"]))
    assert len(texts["notice"]) == 6 and "还有 3 项公示" in texts["more"][0]
    assert len(texts["committee"]) == 2 and "小园社区党支部班子（续）" in texts["committee"][1]
    assert "委员07" in texts["committee"][1] and "委员08" not in html  # 周、陈 and 委员01–07
    assert "还有 3 人，请扫码查看" in texts["committee"][1]
    assert len(texts["units"]) == 2 and "小园社区第13网格党小组" in texts["units"][1]
    assert "第14网格" not in html and "还有 2 个党组织，请扫码查看" in texts["units"][1]
    (late,) = texts["overdue"]
    assert "逾期未办的第1项承诺" in late and "逾期未办的第4项承诺" in late
    assert "还有 3 项，请扫码查看" in late and "修缮自行车棚" not in late  # 7 overdue, 4 shown
    assert "7 已逾期" in texts["commitments"][0]


# --- a community ten times the large sample (the benchmark's) ----------------------------------

LIMIT = 150 * 1024


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """bench/synth.py's large profile at 10×: 181 units, ~2,000 activities, 220 commitments."""
    from tests.test_samples import synth

    root = tmp_path_factory.mktemp("big")
    synth.generate(root / "data", "big", synth.scaled(synth.LARGE, 10), seed=2025)
    communities, problems = load_and_check(root / "data", ["big"], TODAY)
    assert not errors(problems), [p.as_text() for p in errors(problems)][:5]
    ctx = PageContext(communities[0], TODAY, "public")
    site = root / "site" / "big"
    write_kiosk(site, ctx)
    html, page = read_page(site)
    return {"ctx": ctx, "html": html, "page": page, "base": ctx.info.base_url}


def big_slides(big, kind: str) -> list[dict]:
    return [s for s in big["page"].slides if s["kind"] == kind]


def test_a_ten_times_community_kiosk_stays_under_150_kb_in_a_short_loop(big):
    assert len(big["html"].encode("utf-8")) < LIMIT
    assert len(big["page"].slides) <= 16
    assert big["html"].count("<svg") <= 18  # a QR code a slide and a chart a fund, no more


def test_a_ten_times_community_says_how_many_more_next_to_the_qr_code_of_the_full_page(big):
    ctx = big["ctx"]
    (activities,) = big_slides(big, "activities")
    shown = len(re.findall(r"2026年\d+月\d+日 · ", activities["text"]))
    assert shown == 4
    left = len(public_activities(ctx, 2026)) - shown
    assert left > 1000
    assert f"还有 {left} 项，请扫码查看" in squash(activities["text"])
    assert qr_payload(activities["qr"]) == target_url(big["base"], "activities/2026/")
    org = ctx.community.organization
    below = [u for u in org.units if u.parent and u.committee and u.audience == "public"]
    units = big_slides(big, "units")
    assert len(units) == 2
    assert f"还有 {len(below) - 9} 个党组织，请扫码查看" in squash(units[-1]["text"])
    assert qr_payload(units[-1]["qr"]) == target_url(big["base"], "organization/")


def test_a_ten_times_community_still_shows_every_open_notice_and_the_exact_ledger(big):
    ctx = big["ctx"]
    running = [n for year in ctx.community.notices.values() for n in year.notices
               if n.audience == "public" and n.start <= TODAY <= n.end]
    notices = big_slides(big, "notice")
    assert running and len(notices) == len(running)
    for notice in running:
        assert any(notice.title in squash(s["text"]) for s in notices), notice.title
    finances = ctx.community.finances[2026]
    public = [f for f in finances.funds if fund_audience(f.name, f.audience) == "public"]
    funds = big_slides(big, "fund")
    assert [s["url"] for s in funds] == [target_url(big["base"], f"finances/2026/#{f.id}") for f in public]
    closing = {ledger.fund.id: ledger.closing for ledger in year_ledgers(ctx.community.finances, 2026)}
    for fund, slide in zip(public, funds, strict=True):
        amounts = [e.amount for e in finances.entries
                   if e.fund == fund.id and (e.audience or fund_audience(fund.name, fund.audience)) == "public"]
        income = sum((a for a in amounts if a > 0), Decimal(0))
        spending = -sum((a for a in amounts if a < 0), Decimal(0))
        assert f"收入 {money(income)} 支出 {money(spending)} 结余 {money(closing[fund.id])}" in \
            squash(slide["text"])


def test_a_ten_times_community_counts_commitments_and_lists_only_public_records(big):
    ctx = big["ctx"]
    (counts,) = big_slides(big, "commitments")
    items = [c for c in ctx.community.commitments[2026].commitments if c.audience == "public"]
    assert f"共 {len(items)} 项承诺" in squash(counts["text"])
    hidden = [a.title for y in ctx.community.activities.values() for a in y.activities
              if a.audience == "members"]
    hidden += [n.title for y in ctx.community.notices.values() for n in y.notices
               if n.audience == "members"]
    assert not [title for title in hidden if title in big["html"]]


# --- QR codes -----------------------------------------------------------------------------------

def test_every_slide_has_a_qr_code_for_its_page_and_anchor(rich):
    decoded = [qr_payload(s["qr"]) for s in rich["page"].slides]
    assert decoded == [s["url"] for s in rich["page"].slides]
    assert decoded == RICH_QR_URLS


def test_the_base_url_may_be_written_without_its_final_slash():
    assert target_url("https://dangwu.example.cn/xiaoyuan", "notices/2026/#n2026-08") == \
        "https://dangwu.example.cn/xiaoyuan/notices/2026/#n2026-08"
    assert target_url("https://dangwu.example.cn/xiaoyuan/", "./") == "https://dangwu.example.cn/xiaoyuan/"


def test_without_a_base_url_the_qr_holds_the_site_relative_path_and_says_so(tmp_path):
    ctx = context_for(make_data(tmp_path, base_url=False))
    html, page = read_page(write_site(tmp_path, ctx))
    assert qr_payload(page.slides[1]["qr"]) == "notices/2026/#n2026-08"
    assert "待设置网址" in html and "手机扫码" not in html
    assert "请扫码查看" not in html and "项，详见党务公开网站" in html  # no code to scan for the rest


# --- settings, safety, size ------------------------------------------------------------------

def test_rotation_settings_come_from_community_yml_with_defaults(rich, tmp_path):
    body = next(attrs for tag, attrs in rich["page"].tags if tag == "body")
    assert (body["data-interval"], body["data-idle"]) == ("10", "60")
    assert int(body["data-poll"]) >= 60
    _, plain = read_page(write_site(tmp_path, context_for(make_data(tmp_path, rich=False))))
    body = next(attrs for tag, attrs in plain.tags if tag == "body")
    assert (body["data-interval"], body["data-idle"]) == ("12", "90")


def test_no_links_no_inline_script_no_inline_style_nothing_external(rich):
    tags = rich["page"].tags
    assert not [a for tag, a in tags if tag == "a"], "the kiosk must not link anywhere"
    assert not [a for _, a in tags if "style" in a], "no style= attributes (CSP)"
    assert not [a for _, a in tags if any(name.startswith("on") for name in a)], "no inline handlers"
    scripts = [a for tag, a in tags if tag == "script"]
    assert [a["src"].split("?")[0] for a in scripts] == ["kiosk.js"]
    assert not [code for _, code in rich["page"].scripts if code.strip()]
    assert offline.scan(rich["site"]) == []
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", rich["html"])


def test_page_carries_a_strict_content_security_policy(rich):
    (policy,) = [a["content"] for tag, a in rich["page"].tags
                 if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'self';" in policy
    assert "unsafe-inline" not in policy and "connect-src 'self'" in policy


def test_page_ends_with_the_sentinel_the_running_kiosk_waits_for(rich):
    assert rich["html"].rstrip().endswith(SENTINEL)
    assert rich["html"].count(SENTINEL) == 1


def test_page_script_and_styles_are_small(rich):
    folder = rich["site"] / "kiosk"
    assert sorted(p.name for p in folder.iterdir()) == ["index.html", "kiosk.css", "kiosk.js"]
    assert sum(p.stat().st_size for p in folder.iterdir()) < 300 * 1024


def test_script_uses_nothing_newer_than_es2017(rich):
    code = (rich["site"] / "kiosk" / "kiosk.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*|'(?:\\.|[^'\\])*'", "", code, flags=re.S)  # comments, strings
    assert "?." not in code and "??" not in code
    assert not re.search(r"\bclass\b|#\w+\s*[=;(]|\bstatic\s*\{", code)
    assert "fetch('../manifest.json', 'no-store')" not in code  # strings removed: sanity check
    source = (rich["site"] / "kiosk" / "kiosk.js").read_text(encoding="utf-8")
    assert "'../manifest.json', 'no-store'" in source and "cache: cacheMode" in source


def test_members_build_gets_no_kiosk_not_even_the_theme_copies(tmp_path):
    ctx = context_for(make_data(tmp_path), audience="members")
    (tmp_path / "members-site" / "kiosk").mkdir(parents=True)
    (tmp_path / "members-site" / "kiosk" / "kiosk.html.j2").write_text("copied by MkDocs", encoding="utf-8")
    write_kiosk(tmp_path / "members-site", ctx)
    assert not (tmp_path / "members-site" / "kiosk").exists()


def test_only_the_kiosk_files_are_published(rich, tmp_path):
    stale = tmp_path / "kiosk"
    stale.mkdir()
    (stale / "slides.html.j2").write_text("copied by MkDocs", encoding="utf-8")
    write_kiosk(tmp_path, rich["ctx"])
    assert sorted(p.name for p in stale.iterdir()) == ["index.html", "kiosk.css", "kiosk.js"]


# --- in the build ------------------------------------------------------------------------------

def test_dangwu_build_publishes_the_kiosk_and_lists_it_in_the_manifest(tmp_path):
    data = make_data(tmp_path)
    out = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", str(data), "--out", str(out), "--today", TODAY.isoformat()],
        capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "SOURCE_DATE_EPOCH": "1763856000"})
    assert result.returncode == 0, result.stdout + result.stderr
    kiosk = out / SLUG / "kiosk"
    _, page = read_page(out / SLUG)
    assert [s["url"] for s in page.slides] == RICH_QR_URLS
    manifest = json.loads((out / SLUG / "manifest.json").read_text(encoding="utf-8"))
    assert {"kiosk/index.html", "kiosk/kiosk.js", "kiosk/kiosk.css"} <= set(manifest["files"])
    assert (kiosk / "index.html").read_text(encoding="utf-8").rstrip().endswith(SENTINEL)


# --- dangwu kiosk ------------------------------------------------------------------------------

def test_kiosk_command_is_registered():
    args = cli_parser().parse_args(["kiosk", "--community", SLUG, "--port", "9000", "--out", "x"])
    assert (args.community, args.port, args.out) == (SLUG, 9000, Path("x"))


def test_kiosk_command_refuses_a_site_that_was_not_built(tmp_path, capsys):
    args = cli_parser().parse_args(["kiosk", "--community", SLUG, "--out", str(tmp_path)])
    assert args.run(args) == 1
    assert "dangwu build" in capsys.readouterr().out
    assert f"dangwu build --community xiaoyuan --out {tmp_path}" in missing_kiosk(tmp_path, SLUG)


def test_kiosk_server_serves_the_kiosk_and_the_manifest_on_localhost(rich):
    server = kiosk_server(rich["site"].parent, 0)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        host, port = server.server_address
        url = kiosk_url(port, SLUG)
        assert host == "127.0.0.1" and url == f"http://127.0.0.1:{port}/xiaoyuan/kiosk/"
        with urllib.request.urlopen(url) as response:
            assert response.read().decode("utf-8").rstrip().endswith(SENTINEL)
        with urllib.request.urlopen(url + "../manifest.json") as response:
            assert b"build-a" in response.read()
    finally:
        server.shutdown()
        server.server_close()
    command = browser_command(url)
    assert command.startswith("chromium --kiosk ") and command.endswith(url)
