"""Open data: the JSON, CSV and Atom downloads a resident or a program gets, and the street feed.

Most tests write the downloads straight from the records (no MkDocs); one builds the tiny
community end to end to see the files published, listed on the 数据下载 page and merged into the
street feed.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.checks import load_and_check
from generator.pipeline.community import allowed_phones
from generator.privacy import guard
from generator.records.finances import FinanceFile
from generator.render.opendata import download_files, write_downloads, write_street_feed
from generator.render.opendata.feed import rebase
from generator.render.pages.context import PageContext
from generator.render.pages.site import render_site
from tests.conftest import TINY, TODAY
from tests.privacy.test_audience import MARKERS, planted_files

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data"
A = "{http://www.w3.org/2005/Atom}"
MONEY = re.compile(r"-?(0|[1-9][0-9]*)\.[0-9]{2}")
CJK = re.compile(r"[\u4e00-\u9fff]")


@cache  # records are frozen: load each community once
def community(data_dir: Path = TINY, slug: str | None = None):
    communities, problems = load_and_check(data_dir, [slug] if slug else None, TODAY)
    assert not [p for p in problems if p.severity == "error"], [p.as_text() for p in problems]
    return communities[0]


def downloads(folder: Path, ctx) -> dict[str, bytes]:
    """Write the downloads into ``folder``; file name -> bytes."""
    written = write_downloads(folder, ctx)
    return {Path(rel).name: (folder / rel).read_bytes() for rel in written}


def as_text(files: dict[str, bytes]) -> str:
    return "\n".join(raw.decode("utf-8-sig") for raw in files.values())


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> dict[str, bytes]:
    return downloads(tmp_path_factory.mktemp("tiny"), PageContext(community(), TODAY, "public"))


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """The tiny community with a marker in every kind of members-only record: (public, members) files."""
    data = tmp_path_factory.mktemp("planted") / "data"
    shutil.copytree(TINY, data)
    for rel, text in planted_files().items():
        (data / "communities" / "xiaoyuan" / rel).write_text(text, encoding="utf-8")
    c = community(data)
    return tuple(downloads(tmp_path_factory.mktemp(aud), PageContext(c, TODAY, aud)) for aud in ("public", "members"))


# --- what is written, and the page that lists it ------------------------------------------------


def test_the_downloads_page_links_exactly_the_files_written(tiny):
    ctx = PageContext(community(), TODAY, "public")
    page = render_site(ctx)["downloads/index.md"]
    linked = re.findall(r'<a class="dw-button" href="\.\./data/([^"]+)"', page)
    assert sorted(linked) == sorted(tiny)
    assert sorted(tiny) == sorted([
        "finances-2026.csv", "activities-2026.csv", "commitments-2026.csv", "organization.json", "finances.json",
        "commitments.json", "activities.json", "notices.json", "partners.json", "feed.xml"])
    assert all(CJK.search(d.title) and CJK.search(d.description) for d in download_files(ctx))
    assert "](" not in page  # raw HTML links: MkDocs would reject Markdown links to .csv/.json files


def test_no_personal_number_in_any_download(tmp_path):
    c = community(SAMPLES, "hepingli")
    for audience in ("public", "members"):
        write_downloads(tmp_path / audience, PageContext(c, TODAY, audience))
        assert guard.scan_output(tmp_path / audience, allowed_phones(c.info)) == []


# --- members-only records and masked names ---------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(MARKERS))
def test_members_only_records_are_in_no_public_download(planted, kind):
    public, members = planted
    assert MARKERS[kind] not in as_text(public)
    assert MARKERS[kind] in as_text(members)  # planted and exported: the public absence means something


def test_members_only_dues_are_in_no_public_download(planted):
    public, members = planted
    assert "党费" not in as_text(public)
    funds = [f["id"] for y in json.loads(members["finances.json"])["years"] for f in y["funds"]]
    assert funds == ["service", "dues"]


def test_ordinary_members_stay_masked_as_on_the_pages(tiny, tmp_path):
    persons = {p["id"]: p["name"] for p in json.loads(tiny["organization.json"])["persons"]}
    assert persons["m004"] == "王*涛"  # an ordinary member
    assert persons["m003"] == "李秀英"  # holds a post: public by role, as on the organization page
    assert "王海涛" not in as_text(tiny)
    members = downloads(tmp_path, PageContext(community(), TODAY, "members"))
    assert "王海涛" in members["organization.json"].decode()


def test_persons_carry_an_id_and_a_name_and_nothing_else(tiny):
    document = json.loads(tiny["organization.json"])
    assert {tuple(sorted(p)) for p in document["persons"]} == {("id", "name")}
    ids = {p["id"] for p in document["persons"]}
    assert {m["person_id"] for m in document["memberships"]} <= ids
    # The secretary is on the roster and in the committee: one person with two memberships.
    roles = sorted(m["role"] for m in document["memberships"] if m["person_id"] == "m001")
    assert roles == ["书记", "党员"]
    assert {tuple(m) for m in document["memberships"]} == {
        ("person_id", "organization_id", "post_id", "role", "duties", "start_date")}


# --- JSON figures ---------------------------------------------------------------------------------


def check_fund(fund: dict) -> None:
    """Every figure of a fund equals the sum of its lines, and each balance follows from the last."""
    amounts = [Decimal(e["amount"]) for e in fund["entries"]]
    money = [fund["opening"], fund["income"], fund["spending"], fund["closing"]]
    money += [e[k] for e in fund["entries"] for k in ("amount", "balance")]
    assert all(MONEY.fullmatch(m) for m in money), money
    assert Decimal(fund["income"]) == sum((a for a in amounts if a > 0), Decimal(0))
    assert Decimal(fund["spending"]) == -sum((a for a in amounts if a < 0), Decimal(0))
    assert Decimal(fund["closing"]) == Decimal(fund["opening"]) + Decimal(fund["income"]) - Decimal(fund["spending"])
    balance = Decimal(fund["opening"])
    for entry in fund["entries"]:
        balance += Decimal(entry["amount"])
        assert Decimal(entry["balance"]) == balance
    assert balance == Decimal(fund["closing"])
    for groups in (fund["by_quarter"], fund["by_category"]):
        assert sum(Decimal(g["income"]) for g in groups) == Decimal(fund["income"])
        assert sum(Decimal(g["spending"]) for g in groups) == Decimal(fund["spending"])


def check_finances(document: dict) -> None:
    for year in document["years"]:
        for fund in year["funds"]:
            check_fund(fund)
        entries = {e["id"]: e for f in year["funds"] for e in f["entries"]}
        for project in year["projects"]:
            spent = -sum(Decimal(entries[i]["amount"]) for i in project["entry_ids"])
            assert Decimal(project["spent"]) == spent
            assert Decimal(project["remaining"]) == Decimal(project["budget"]) - spent


@pytest.mark.parametrize("slug", ["hepingli", "liushu", "qingshuiyuan"])
@pytest.mark.parametrize("audience", ["public", "members"])
def test_every_json_parses_and_its_totals_are_the_sum_of_its_lines(tmp_path, slug, audience):
    c = community(SAMPLES, slug)
    files = downloads(tmp_path, PageContext(c, TODAY, audience))
    documents = {name: json.loads(raw) for name, raw in files.items() if name.endswith(".json")}
    # The six every site has; a community keeping optional kinds (三张清单, 议事, 网格…) has theirs too.
    assert {"organization.json", "finances.json", "commitments.json", "activities.json", "notices.json",
            "partners.json"} <= set(documents)
    check_finances(documents["finances.json"])
    for year in documents["commitments.json"]["years"]:
        totals, items = year["totals"], year["commitments"]
        assert totals["total"] == len(items)
        counts = {s: sum(1 for c in items if c["status"] == s) for s in ("已完成", "进行中", "未开始", "已逾期")}
        assert (totals["done"], totals["in_progress"], totals["not_started"], totals["overdue"]) == tuple(counts.values())
    for kind in ("activities", "notices"):
        for year in documents[f"{kind}.json"]["years"]:
            assert year["count"] == len(year[kind])


def test_the_tiny_ledger_as_published(tiny):
    [service] = json.loads(tiny["finances.json"])["years"][0]["funds"]
    assert (service["opening"], service["income"], service["spending"], service["closing"]) == (
        "5000.00", "10000.00", "1150.50", "13849.50")
    assert [(e["id"], e["amount"], e["balance"]) for e in service["entries"]] == [
        ("f2026-1", "10000.00", "15000.00"), ("f2026-2", "-350.50", "14649.50"), ("f2026-4", "-800.00", "13849.50")]
    assert service["entries"][1]["url"] == "../finances/2026/#f2026-2"


entry_rows = st.lists(st.tuples(
    st.integers(0, 364), st.sampled_from(["service", "dues"]), st.integers(-10**9, 10**9).filter(bool),
    st.sampled_from([None, "public", "members"]), st.sampled_from(["活动经费", "慰问支出", "上级拨付"]),
), max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=entry_rows, opening=st.integers(-10**7, 10**9))
def test_published_finance_totals_are_the_sum_of_published_lines(rows, opening):
    base = community()
    entries = [{"date": str(date(2026, 1, 1) + timedelta(days=d)), "fund": fund, "amount": f"{Decimal(fen) / 100:.2f}",
                "category": cat, "summary": "支出", "voucher": "记-1", "handler": "陈志远", "approver": "周玉兰",
                **({"audience": aud} if aud else {})} for d, fund, fen, aud, cat in rows]
    finances = FinanceFile.model_validate({
        "funds": [{"id": "service", "name": "服务群众经费"}, {"id": "dues", "name": "党费"}],
        "opening": {"service": f"{Decimal(opening) / 100:.2f}"}, "entries": entries})
    c = dataclasses.replace(base, finances={2026: finances})
    from generator.render.opendata import finances as finance_data

    for audience in ("public", "members"):
        document = finance_data.document(PageContext(c, TODAY, audience))
        check_finances(document)
        shown = sum(len(f["entries"]) for y in document["years"] for f in y["funds"])
        hidden = sum(1 for _, fund, _, aud, _ in rows if aud == "members" or fund == "dues")  # 党费: a members-only fund
        assert shown == len(rows) - (hidden if audience == "public" else 0)


# --- CSV -------------------------------------------------------------------------------------------


def read_csv(raw: bytes) -> list[list[str]]:
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel then reads the file as UTF-8
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("name", ["finances-2026.csv", "activities-2026.csv", "commitments-2026.csv"])
def test_csv_opens_with_a_chinese_header_row(tiny, name):
    header, *rows = read_csv(tiny[name])
    assert header and all(CJK.search(cell) for cell in header)
    assert rows and all(len(row) == len(header) for row in rows)


def test_finance_csv_has_the_opening_balance_and_a_running_balance(tiny):
    header, *rows = read_csv(tiny["finances-2026.csv"])
    col = {name: i for i, name in enumerate(header)}
    assert rows[0][col["摘要"]] == "年初余额" and rows[0][col["余额"]] == "5000.00"
    balance = Decimal(rows[0][col["余额"]])
    for row in rows[1:]:
        balance += Decimal(row[col["收入"]] or 0) - Decimal(row[col["支出"]] or 0)
        assert Decimal(row[col["余额"]]) == balance
    assert rows[-1][col["余额"]] == "13849.50"
    assert [r[col["经费"]] for r in rows] == ["党组织服务群众经费"] * 4  # no 党费 on the public site


def test_a_cell_that_looks_like_a_formula_is_written_as_text(write_community, tmp_path):
    text = (TINY / "communities/xiaoyuan/activities/2026.yml").read_text(encoding="utf-8")
    data = write_community({"activities/2026.yml": text.replace("title: 学雷锋义诊", 'title: "=HYPERLINK(1)"')})
    files = downloads(tmp_path / "out", PageContext(community(data), TODAY, "public"))
    header, *rows = read_csv(files["activities-2026.csv"])
    assert "'=HYPERLINK(1)" in [row[header.index("标题")] for row in rows]


# --- the Atom feed ---------------------------------------------------------------------------------


def entries_of(raw: bytes) -> list[ET.Element]:
    root = ET.fromstring(raw)
    assert root.tag == f"{A}feed"
    return root.findall(f"{A}entry")


def test_feed_is_atom_with_entries_newest_first(tiny):
    root = ET.fromstring(tiny["feed.xml"])
    entries = root.findall(f"{A}entry")
    updated = [e.findtext(f"{A}updated") for e in entries]
    assert updated == sorted(updated, reverse=True) and len(updated) == 3
    assert root.findtext(f"{A}updated") == updated[0] == "2026-03-05T00:00:00+08:00"
    ids = [e.findtext(f"{A}id") for e in entries]
    assert ids == ["urn:dangwu:xiaoyuan:activity:a2026-0305", "urn:dangwu:xiaoyuan:notice:n2026-01",
                   "urn:dangwu:xiaoyuan:activity:a2026-0110"]
    for entry in entries:  # every entry names its community, as RFC 4287 asks of a merged feed
        assert entry.findtext(f"{A}author/{A}name") == "小园社区"
        assert entry.findtext(f"{A}title") and entry.find(f"{A}content").get("type") == "html"


def test_feed_links_lead_to_the_record_on_its_page(tiny):
    pages = render_site(PageContext(community(), TODAY, "public"))
    for entry in entries_of(tiny["feed.xml"]):
        href = entry.find(f"{A}link").get("href")
        path, anchor = rebase(href, "data").split("#")  # relative to data/feed.xml
        assert f'id="{anchor}"' in pages[path.rstrip("/") + ".md"], href


def test_feed_ids_and_links_are_absolute_with_a_base_url(tmp_path):
    c = community(SAMPLES, "hepingli")
    [entry, *_] = entries_of(downloads(tmp_path, PageContext(c, TODAY, "public"))["feed.xml"])
    assert entry.findtext(f"{A}id").startswith("https://dangwu.example.cn/hepingli/")
    assert entry.find(f"{A}link").get("href") == entry.findtext(f"{A}id")


def test_the_members_feed_links_relative_to_itself(tmp_path):
    """The members' site is served elsewhere than the public base URL: its links stay relative."""
    c = community(SAMPLES, "hepingli")
    [entry, *_] = entries_of(downloads(tmp_path, PageContext(c, TODAY, "members"))["feed.xml"])
    assert entry.findtext(f"{A}id").startswith("urn:dangwu:hepingli:")
    assert entry.find(f"{A}link").get("href").startswith("../")


def test_a_control_character_in_a_record_does_not_break_the_feed(write_community, tmp_path):
    text = (TINY / "communities/xiaoyuan/activities/2026.yml").read_text(encoding="utf-8")
    data = write_community({"activities/2026.yml": text.replace("title: 学雷锋义诊", 'title: "学雷锋\\v义诊"')})
    c = community(data)
    assert "\v" in c.activities[2026].activities[1].title
    titles = [e.findtext(f"{A}title") for e in entries_of(downloads(tmp_path / "out", PageContext(c, TODAY, "public"))["feed.xml"])]
    assert "学雷锋义诊" in titles


def test_feed_keeps_the_newest_fifty(write_community, tmp_path):
    days = [date(2026, 5, 1) + timedelta(days=i) for i in range(60)]
    lines = "".join(f"  - {{id: x{d:%m%d}, date: {d}, kind: 志愿服务, unit: zb, title: 服务{d:%m%d}}}\n" for d in days)
    data = write_community({"activities/2026.yml": "activities:\n" + lines})
    entries = entries_of(downloads(tmp_path / "out", PageContext(community(data), TODAY, "public"))["feed.xml"])
    assert len(entries) == 50
    assert entries[0].findtext(f"{A}title") == "服务0629"  # the newest of the sixty


def test_street_feed_merges_the_communities_newest_first(tmp_path, write_community):
    data = write_community(slug="laoyuan")
    out = tmp_path / "out"
    feeds = []
    for slug in ("xiaoyuan", "laoyuan"):
        downloads(out / slug, PageContext(community(data, slug), TODAY, "public"))
        feeds.append(out / slug / "data" / "feed.xml")
    target = write_street_feed(out, feeds + [out / "gone" / "data" / "feed.xml"])  # a missing feed is skipped
    root = ET.fromstring(target.read_bytes())
    assert "清河街道" in root.findtext(f"{A}title")
    entries = root.findall(f"{A}entry")
    assert len(entries) == 6
    updated = [e.findtext(f"{A}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)
    links = sorted(e.find(f"{A}link").get("href") for e in entries)
    assert links[0] == "laoyuan/activities/2026/#a2026-0110"  # relative to the street feed now
    assert "xiaoyuan/notices/2026/#n2026-01" in links


# --- the same records give the same bytes ------------------------------------------------------------

WRITE_ALL = """
import sys
from pathlib import Path
from generator.checks import load_and_check
from generator.render.opendata import write_downloads, write_street_feed
from generator.render.pages.context import PageContext
from tests.conftest import TINY, TODAY
out = Path(sys.argv[1])
[c], _ = load_and_check(TINY, None, TODAY)
for audience in ("public", "members"):
    write_downloads(out / audience / "xiaoyuan", PageContext(c, TODAY, audience))
    write_street_feed(out / audience, [out / audience / "xiaoyuan" / "data" / "feed.xml"])
"""


def test_two_runs_write_identical_bytes(tmp_path):
    """Two processes (different hash seeds, so no set order can slip in) write the same files."""
    digests = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", WRITE_ALL, str(out)], cwd=ROOT, env=env, check=True)
        digests.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert len(digests[0]) == 22 and digests[0] == digests[1]


# --- wired into the build -------------------------------------------------------------------------


def test_build_publishes_the_downloads_page_the_files_and_the_street_feed(tiny_site):
    site = tiny_site().out
    html = (site / "xiaoyuan" / "downloads" / "index.html").read_text(encoding="utf-8")
    manifest = (site / "xiaoyuan" / "manifest.json").read_text(encoding="utf-8")
    for name in ("finances-2026.csv", "organization.json", "feed.xml"):
        assert (site / "xiaoyuan" / "data" / name).is_file()
        assert f'href="../data/{name}"' in html and f"data/{name}" in manifest
    assert "数据下载" in (site / "xiaoyuan" / "index.html").read_text(encoding="utf-8")  # in the navigation
    for entry in entries_of((site / "feed.xml").read_bytes()):
        path = entry.find(f"{A}link").get("href").split("#")[0]
        assert (site / path / "index.html").is_file(), path
