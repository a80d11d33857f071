"""The output scans read each page once and only the parts that can hold what they look for;
what they report is unchanged: the guard finds a number however much other text surrounds it,
and the offline scan and the link check find the same things when they share their parse."""
from __future__ import annotations

from generator.privacy.guard import scan_text
from generator.publish import html_scan, links, offline

FILLER = "<p>2026年3月5日 12:30 活动 共12人，经费 1280.50 元；编号 2026-0011-0023。</p>\n" * 400


def test_a_mobile_amid_dates_and_amounts_is_found_with_its_country_code():
    page = f"<html><body>{FILLER}<p>联系电话：（+86）138-0013-8000</p>{FILLER}</body></html>"
    found = scan_text(page, ".html", frozenset())
    assert [(f.kind, f.text, f.masked) for f in found] == [("mobile", "（+86）138-0013-8000", "138****8000")]
    assert page[found[0].start:found[0].end] == "（+86）138-0013-8000"


def test_an_id_number_split_by_a_tag_at_the_end_of_a_long_page_is_found():
    page = f"<html><body>{FILLER}<p>身份证 999999<b>19800101</b>1233</p></body></html>"
    found = scan_text(page, ".html", frozenset())
    assert [(f.kind, f.digits) for f in found] == [("id-number", "999999198001011233")]


def test_dates_amounts_and_record_numbers_alone_are_not_findings():
    assert scan_text(f"<html><body>{FILLER}</body></html>", ".html", frozenset()) == []


def test_offline_scan_and_link_check_report_the_same_with_one_shared_parse(tmp_path):
    (tmp_path / "a.html").write_text(
        '<script src="https://cdn.example/x.js"></script><style>p{background:url(//img.example/p.png)}</style>'
        '<a href="b.html#here">好</a><a href="b.html#nope">锚点不存在</a><a href="missing/">页面不存在</a>'
        '<a href="https://example.org/">外链（可以）</a>', encoding="utf-8")
    (tmp_path / "b.html").write_text('<h2 id="here">这里</h2><img src="a.html">', encoding="utf-8")
    shared = html_scan.Parses()
    refs = offline.scan(tmp_path, parses=shared)
    broken = links.check(tmp_path, parses=shared)
    assert [(r.file, r.url, r.where) for r in refs] == [
        ("a.html", "https://cdn.example/x.js", "script"), ("a.html", "//img.example/p.png", "style")]
    assert [(b.file, b.url) for b in broken] == [("a.html", "b.html#nope"), ("a.html", "missing/")]
    assert (refs, broken) == (offline.scan(tmp_path), links.check(tmp_path))  # each parsing on its own
