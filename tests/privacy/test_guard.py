"""The personal-data guard: in the records (``dangwu check``) and in every output file of a build."""
from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import openpyxl
import pytest

from generator.checks import load_and_check, personal_data
from generator.cli import main
from generator.load.dataset import community_dirs, load_community
from generator.privacy.guard import scan_output
from tests.conftest import TINY, TODAY
from tests.hostile.corpus import NUMBERS, fill, load

REPO = Path(__file__).parents[2]
XIAOYUAN = TINY / "communities" / "xiaoyuan"
OFFICE = frozenset({"010-62001234", "010-62001235"})
SECRETS = [NUMBERS["ID"], NUMBERS["MOBILE"], NUMBERS["CARD"]]


# --- in the records ----------------------------------------------------------------------

def test_the_tiny_fixture_and_the_sample_data_hold_no_personal_numbers():
    folders = community_dirs(TINY) + community_dirs(REPO / "data")
    assert XIAOYUAN in folders
    for folder in folders:
        community, _ = load_community(folder)
        assert personal_data.check(community, TODAY) == [], folder


TINY_COMMUNITY, _ = load_community(XIAOYUAN)  # loaded once; each test below restores what it plants
TINY_SCALARS = [(name, path) for name, loaded in sorted(TINY_COMMUNITY.sources.items())
                for path, _ in personal_data.string_scalars(loaded.data)]


@pytest.mark.parametrize("name, path", TINY_SCALARS, ids=lambda v: str(v))
def test_a_number_in_any_field_is_reported_at_that_field(name, path):
    loaded = TINY_COMMUNITY.sources[name]
    holder = loaded.data
    for key in path[:-1]:
        holder = holder[key]
    original = holder[path[-1]]
    holder[path[-1]] = original + fill(" 联系 {MOBILE:spaced}")
    try:
        [problem] = personal_data.check(TINY_COMMUNITY, TODAY)
    finally:
        holder[path[-1]] = original
    assert (problem.code, problem.file, (problem.line, problem.col)) == (
        "personal-mobile", name, loaded.mark(path))
    assert problem.path.split(".")[-1].split("[")[0] == next(p for p in reversed(path) if isinstance(p, str))


NOTICES = """notices:
  - id: n2026-01
    kind: 发展党员公示
    title: 关于拟接收周小明同志为预备党员的公示
    start: 2026-03-02
    end: 2026-03-06
    body: |
      经支部委员会研究，拟接收周小明同志为中共预备党员，现予公示。
      周小明，身份证号 {ID:spaced}。
    contact: "{MOBILE:fullwidth-dashed}"
    people: [周小明]
  - id: n2026-02
    kind: 其他
    title: 补助发放
    start: 2026-04-01
    end: 2026-04-07
    body: 补助已打入卡号 {CARD:spaced}。
    contact: "010-62001235"
"""


def test_dangwu_check_names_file_line_and_field_without_echoing_the_number(write_community, capsys):
    data = write_community({"notices/2026.yml": fill(NOTICES)})
    status = main(["check", str(data), "--today", str(TODAY)])
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if ": personal-" in line]
    assert status == 1
    assert [line.split(": ")[0].rsplit("notices/", 1)[1] for line in lines] == [
        "2026.yml:7:11", "2026.yml:10:14", "2026.yml:17:11"]
    assert "personal-id-number 第 1 条公示的“正文”里有身份证号 999999********" in lines[0]
    assert "personal-mobile 第 1 条公示的“受理电话”里有个人手机号 138****8000" in lines[1]
    assert "personal-bank-card 警告 第 2 条公示的“正文”里像是银行卡号" in lines[2]
    for secret in SECRETS:
        assert secret not in out


def test_a_bank_card_alone_is_a_warning(write_community):
    body = fill(NOTICES.split("  - id: n2026-02")[0].replace("身份证号 {ID:spaced}", "卡号 {CARD}")
                .replace("{MOBILE:fullwidth-dashed}", "010-62001235"))
    _, problems = load_and_check(write_community({"notices/2026.yml": body}), None, TODAY)
    assert [(p.code, p.severity) for p in problems] == [("personal-bank-card", "warning")]


def test_phones_declared_in_community_yml_are_allowed(write_community):
    community_yml = (XIAOYUAN / "community.yml").read_text(encoding="utf-8")
    community_yml += fill('phones:\n  - "{MOBILE:dashed}"\n')
    notices = fill(NOTICES.split("  - id: n2026-02")[0])
    data = write_community({"community.yml": community_yml, "notices/2026.yml": notices})
    _, problems = load_and_check(data, None, TODAY)
    assert [p.code for p in problems] == ["personal-id-number"]  # the mobile is the office's now


def test_office_phones_come_from_office_supervision_and_phones():
    community, _ = load_community(XIAOYUAN)
    assert personal_data.office_phones(community) == OFFICE


@pytest.mark.parametrize("code, zh", [
    ("personal-id-number", "第 1 条公示的“正文”里有身份证号 999999********1233：身份证号不能公开，"
                           "请把它删掉（需要核对身份时记在内部台账里，不要写进记录）。"),
    ("personal-mobile", "第 1 条公示的“正文”里有个人手机号 138****8000：个人手机号不能公开，请删掉或改写组织的办公电话；"
                        "如果这是组织对外公开的号码，请把它写进 community.yml 的 phones。"),
    ("personal-bank-card", "第 1 条公示的“正文”里像是银行卡号 6222****5673：银行卡号不能公开，请删掉，或只写后四位，如“尾号5673”。"),
])
def test_exact_messages(code, zh):
    kind = code.removeprefix("personal-")
    number = {"id-number": NUMBERS["ID"], "mobile": NUMBERS["MOBILE"], "bank-card": NUMBERS["CARD"]}[kind]
    community, _ = load_community(XIAOYUAN)
    loaded = next(source for name, source in community.sources.items() if name.endswith("notices/2026.yml"))
    loaded.data["notices"][0]["body"] = f"见 {number}"
    [problem] = personal_data.check(community, TODAY)
    assert (problem.code, problem.message()) == (code, zh)
    assert number not in problem.message("en")


# --- in the output -----------------------------------------------------------------------

def write_site(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


def found(site: Path, allowed=OFFICE, sources=None) -> list[tuple[str, str, str | None]]:
    return [(f.file, f.finding.kind, f.source) for f in scan_output(site, allowed, sources)]


CLEAN_PAGE = """<!doctype html><html lang="zh"><head><title>小园社区党务公开</title></head><body>
<p>办公电话：<a href="tel:010-62001234">010-62001234</a>，监督电话 010-62001235</p>
<table><tr><td>2026年3月5日</td><td>¥8,500.00</td><td>记-2026-012</td><td>138</td><td>00138000</td></tr></table>
<p><a href="/activities/2026/#a2026-0110">主题党日</a> 党员 58 名，张*明</p></body></html>"""


def test_a_clean_site_passes(tmp_path):
    site = write_site(tmp_path / "site", {
        "index.html": CLEAN_PAGE,
        "search/search_index.json": json.dumps({"docs": [{"text": "办公电话 010-62001234"}]}),
        "sitemap.xml": "<urlset><url><lastmod>2026-11-23</lastmod></url></urlset>",
        "manifest.json": json.dumps({"files": {"a": "13800138000" * 5}}),  # ours: hashes, not data
    })
    assert found(site) == []


@pytest.mark.parametrize("name, template", [
    ("index.html", "<p>联系人手机 {MOBILE:spaced}</p>"),
    ("notices/index.html", "<p>{MOBILE:entity}</p>"),
    ("notices/2026/index.html", "<p>{MOBILE:strong}</p>"),
    ("people/index.html", '<a href="tel:{MOBILE}">电话</a>'),
    ("photos/index.html", '<img alt="{ID}" src="a.png">'),
    ("search/search_index.json", '{{"docs": [{{"text": "\\u8eab\\u4efd\\u8bc1 {ID:zwsp}"}}]}}'),
    # json.dumps writes the zero-width spaces as \u200b escapes; doubled braces survive fill()
    ("search/escaped.json", json.dumps({"text": fill("{MOBILE:zwsp}")}).replace("{", "{{").replace("}", "}}")),
    ("assets/data.js", 'var board = {{"phone": "{MOBILE:dashed}"}};'),
    ("downloads/finances-2026.csv", "日期,摘要\n2026-03-05,{ID:fullwidth}\n"),
    ("feed.xml", "<rss><item><description>&lt;p&gt;{MOBILE:plus86}&lt;/p&gt;</description></item></rss>"),
    ("robots.txt", "{ID}"),
    ("assets/images/qr.svg", '<svg><text x="0">{MOBILE}</text></svg>'),
])
def test_a_number_is_found_in_every_kind_of_output_file(tmp_path, name, template):
    site = write_site(tmp_path / "site", {"index.html": CLEAN_PAGE, name: fill(template)})
    hits = found(site)
    assert [file for file, _, _ in hits] == [name]


@pytest.mark.parametrize("case", load("personal_data.yml")["html_found"], ids=lambda c: c["text"])
def test_html_spellings_from_the_corpus(tmp_path, case):
    site = write_site(tmp_path / "site", {"page/index.html": f"<p>前</p>{fill(case['text'])}<p>后</p>"})
    assert [kind for _, kind, _ in found(site)] == [e.split()[0] for e in case["expect"]]


def test_compressed_sitemap_and_spreadsheets_are_read_inside(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["姓名", "身份证号"])
    book.active.append(["张建国", NUMBERS["ID"]])
    stream = io.BytesIO()
    book.save(stream)
    site = write_site(tmp_path / "site", {
        "sitemap.xml.gz": gzip.compress(fill("<loc>https://x.cn/{MOBILE}/</loc>").encode()),
        "downloads/members.xlsx": stream.getvalue(),
    })
    assert sorted((file.split("!/")[0], kind) for file, kind, _ in found(site)) == [
        ("downloads/members.xlsx", "id-number"), ("sitemap.xml", "mobile")]


def test_binary_files_are_skipped(tmp_path):
    site = write_site(tmp_path / "site", {"photos/a.png": b"\x89PNG\r\n\x1a\n" + NUMBERS["MOBILE"].encode()})
    assert found(site) == []


def test_a_number_in_a_file_name_is_found(tmp_path):
    site = write_site(tmp_path / "site", {fill("photos/{MOBILE}.jpg"): b"\xff\xd8\xff"})
    assert found(site) == [(fill("photos/{MOBILE}.jpg"), "mobile", None)]


def test_office_phones_are_allowed_in_the_output(tmp_path):
    site = write_site(tmp_path / "site", {"index.html": fill("<p>值班手机 {MOBILE:dashed}</p>")})
    assert found(site, allowed=OFFICE | {NUMBERS["MOBILE"]}) == []
    assert found(site, allowed=OFFICE) == [("index.html", "mobile", None)]


def test_each_number_is_reported_once_per_file(tmp_path):
    site = write_site(tmp_path / "site", {"index.html": fill(
        '<p title="{MOBILE}">{MOBILE}</p><p>{MOBILE:spaced}</p>')})
    assert found(site) == [("index.html", "mobile", None)]


def test_a_finding_names_the_record_it_came_from(write_community, tmp_path):
    data = write_community({"notices/2026.yml": fill(NOTICES)})
    community, _ = load_community(data / "communities" / "xiaoyuan")
    site = write_site(tmp_path / "site", {
        "notices/2026/index.html": fill("<p>周小明，身份证号 {ID}。</p><p>电话 {MOBILE}</p>"),
        "about/index.html": fill("<p>{MOBILE2}</p>"),  # not in any record
    })
    hits = found(site, OFFICE, community.sources)
    assert [(file, kind, source.rsplit("notices/", 1)[1] if source else None)
            for file, kind, source in hits] == [
        ("about/index.html", "mobile", None),
        ("notices/2026/index.html", "id-number", "2026.yml:7"),
        ("notices/2026/index.html", "mobile", "2026.yml:10"),
    ]


def test_material_assets_raise_no_false_alarm():
    """The theme's own scripts, styles and search worker are scanned on every build."""
    import material
    assets = Path(material.__file__).parent / "templates" / "assets"
    assert found(assets, allowed=frozenset()) == []
