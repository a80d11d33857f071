"""A 公示 names its people in full only while it runs: before and after, every public output
(its page, the board, search, JSON, the Atom feeds, the kiosk) masks them like the roster does,
in the title and in the body. The members' site keeps names in full.

One build of the tiny community with an ended, a running and a not yet started 公示 on
2026-11-23 (a Monday); the rest reads the rendered pages and downloads without MkDocs.
"""
from __future__ import annotations

import gzip
import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.checks import load_and_check
from generator.render.opendata import notices as notices_json
from generator.render.opendata.feed import community_feed
from generator.render.pages.context import PageContext
from generator.render.pages.site import render_site
from generator.views.notices import as_shown
from tests.conftest import TINY, TODAY

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1763856000"}

ENDED_PEOPLE = ("周小明", "孙丽华")  # masked by the default rule (middle): 周*明、孙*华
ENDED_MASKED = "周*明、孙*华"
RUNNING_PERSON = "赵建军"
UPCOMING_PERSON = "钱文静"
NOTICES = """\
notices:
  - id: n2026-01
    kind: 发展党员公示
    title: 关于拟接收周小明、孙丽华同志为预备党员的公示
    start: 2026-03-02
    end: 2026-03-06
    body: |
      经支部委员会研究，拟接收周小明、孙丽华同志为中共预备党员，现予公示。

      周小明同志 2024 年递交入党申请书；孙丽华同志 2023 年递交入党申请书。
    contact: "010-62001235"
    people: [周小明, 孙丽华]
  - id: n2026-02
    kind: 发展党员公示
    title: 关于拟将赵建军同志列为发展对象的公示
    start: 2026-11-19
    end: 2026-11-25
    body: |
      经支部委员会研究，拟将赵建军同志列为发展对象，现予公示。
    contact: "010-62001235"
    people: [赵建军]
  - id: n2026-03
    kind: 表彰
    title: 关于拟表彰钱文静同志的公示
    start: 2026-12-07
    end: 2026-12-11
    body: |
      拟表彰钱文静同志为优秀志愿者，现予公示。
    contact: "010-62001235"
    people: [钱文静]
"""


def tiny_with_notices(folder: Path) -> Path:
    data = folder / "data"
    shutil.copytree(TINY, data)
    (data / "communities" / "xiaoyuan" / "notices" / "2026.yml").write_text(NOTICES, encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return tiny_with_notices(tmp_path_factory.mktemp("notice-names"))


@pytest.fixture(scope="module")
def site(data) -> Path:
    """The public site, built once; from a cwd under the temporary folder (build/ goes there)."""
    out = data.parent / "site"
    result = subprocess.run([sys.executable, "-m", "generator", "build", str(data), "--out", str(out),
                             "--today", TODAY.isoformat()],
                            cwd=data.parent, capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def community(data):
    communities, problems = load_and_check(data, None, TODAY)
    assert not [p for p in problems if p.severity == "error"]
    return communities[0]


def published_files(site: Path) -> dict[str, str]:
    """Every published file as text: the community's release (through its symlink), the portal and
    the street feed; .gz unpacked, JSON \\u escapes, HTML character references and search's
    word breaks read."""
    files = {}
    for folder, _, names in os.walk(site, followlinks=True):
        for name in names:
            path = Path(folder, name)
            raw = path.read_bytes()
            if name.endswith(".gz"):
                raw = gzip.decompress(raw)
            text = raw.decode("utf-8", errors="replace")
            if name.endswith(".json"):
                text = json.dumps(json.loads(text), ensure_ascii=False)
            # Search cuts text into words with zero-width spaces (周\u200b小明): read it whole.
            files[path.relative_to(site).as_posix()] = html.unescape(text).replace("\u200b", "")
    return files


def visible_text(page_html: str) -> str:
    """What a reader sees of a page: the tags dropped, so 周<em>明…</em> would not read 周*明."""
    return html.unescape(re.sub(r"<[^>]+>", "", page_html))


def test_an_ended_notice_names_nobody_in_full_anywhere_on_the_public_site(site):
    files = published_files(site)
    kinds = {Path(rel).suffix for rel in files}
    assert {".html", ".json", ".csv", ".xml"} <= kinds
    assert any(rel.startswith("xiaoyuan/kiosk/") for rel in files)
    assert "xiaoyuan/search/dangwu_index.json" in files and "feed.xml" in files  # the street feed
    for person in ENDED_PEOPLE + (UPCOMING_PERSON,):
        leaks = [rel for rel, text in files.items() if person in text]
        assert leaks == [], f"{person} in full in {leaks}"


def test_an_ended_notice_shows_its_people_masked_in_title_and_body(site):
    page = (site / "xiaoyuan" / "notices" / "2026" / "index.html").read_text(encoding="utf-8")
    seen = visible_text(page)
    assert f"关于拟接收{ENDED_MASKED}同志为预备党员的公示" in seen
    assert f"拟接收{ENDED_MASKED}同志为中共预备党员" in seen
    # Two masked names in one paragraph stay literal stars, not emphasis.
    assert "周*明同志 2024 年递交入党申请书；孙*华同志 2023 年" in seen
    assert "<em>" not in page.split('id="n2026-01"')[1].split('id="n2026-0', 1)[0]
    assert "钱*静" in seen


def test_the_downloads_feed_and_search_mask_the_ended_notice(site):
    files = published_files(site)
    notices = json.loads((site / "xiaoyuan" / "data" / "notices.json").read_text(encoding="utf-8"))
    ended = next(n for y in notices["years"] for n in y["notices"] if n["id"] == "n2026-01")
    assert ended["title"] == f"关于拟接收{ENDED_MASKED}同志为预备党员的公示"
    assert "拟接收周\\*明、孙\\*华同志" in ended["body"]  # Markdown, as the page renders it
    for rel in ["xiaoyuan/data/feed.xml", "feed.xml", "xiaoyuan/search/dangwu_index.json"]:
        assert ENDED_MASKED in files[rel], rel


def test_a_running_notice_names_its_people_in_full(site):
    files = published_files(site)
    for rel in ["xiaoyuan/notices/2026/index.html", "xiaoyuan/notices/index.html", "xiaoyuan/index.html",
                "xiaoyuan/data/notices.json", "xiaoyuan/data/feed.xml", "xiaoyuan/kiosk/index.html",
                "xiaoyuan/search/dangwu_index.json"]:
        assert f"关于拟将{RUNNING_PERSON}同志列为发展对象的公示" in files[rel], rel
    assert f"拟将{RUNNING_PERSON}同志列为发展对象" in visible_text(files["xiaoyuan/notices/2026/index.html"])


def test_the_members_site_keeps_every_name_in_full(community):
    ctx = PageContext(community, TODAY, "members")
    page = render_site(ctx)["notices/2026.md"]
    assert "关于拟接收周小明、孙丽华同志为预备党员的公示" in page and "钱文静" in page
    document = json.dumps(notices_json.document(ctx), ensure_ascii=False)
    assert "周小明" in document and "周*明" not in document
    assert "孙丽华" in community_feed(ctx).decode("utf-8")


def test_the_public_masking_follows_the_community_rule(tmp_path):
    """``masking: surname`` in community.yml gives 周*, on the page and in the feed alike."""
    data = tiny_with_notices(tmp_path)
    with (data / "communities" / "xiaoyuan" / "community.yml").open("a", encoding="utf-8") as f:
        f.write("masking: surname\n")
    communities, problems = load_and_check(data, None, TODAY)
    assert not [p for p in problems if p.severity == "error"]
    ctx = PageContext(communities[0], TODAY, "public")
    assert "关于拟接收周*、孙*同志为预备党员的公示" in render_site(ctx)["notices/2026.md"]
    feed = community_feed(ctx).decode("utf-8")
    assert "周*、孙*" in feed and "周小明" not in feed


def test_a_notice_is_shown_as_written_exactly_while_it_runs(community):
    notices = community.notices[2026].notices
    ended, running = notices[0], notices[1]
    masked = as_shown(ended, TODAY, lambda n: n[0] + "*")
    assert masked.title == "关于拟接收周*、孙*同志为预备党员的公示"
    assert masked.body.startswith("经支部委员会研究，拟接收周\\*、孙\\*同志")
    assert as_shown(running, TODAY, lambda n: n[0] + "*") is running
    # The same 公示 on a day inside its period names its people in full.
    assert as_shown(ended, ended.start, lambda n: n[0] + "*") is ended
