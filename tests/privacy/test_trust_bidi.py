"""Issue 10: hidden characters, home addresses, birth dates and file names, as a clerk meets them.

A bidi control (U+202E …) makes the browser show 13800138000 while the file holds 00083100831,
so no check reading the file finds it. Records refuse such characters outright; hand-written
pages are read the way the browser shows them; photos are published under their own names.
"""
from __future__ import annotations

import subprocess
import sys

import markdown

from generator.cli import main
from generator.privacy.guard import scan_output
from tests.conftest import TINY, TODAY
from tests.hostile.corpus import NUMBERS, PDF, RLO, fill

ID_BACKWARDS = RLO + NUMBERS["ID"][::-1] + PDF  # shown as the ID number itself
MOBILE_BACKWARDS = RLO + NUMBERS["MOBILE"][::-1] + PDF
NOTICE = """notices:
  - id: n2026-01
    kind: 其他
    title: 通知
    start: 2026-03-02
    end: 2026-03-06
    body: {body}
    contact: "010-62001235"
"""


def check(data, capsys) -> tuple[int, list[str]]:
    status = main(["check", str(data), "--today", str(TODAY)])
    return status, [line for line in capsys.readouterr().out.splitlines() if ": " in line]


def problem_lines(lines: list[str], code: str) -> list[str]:
    return [line for line in lines if f": {code} " in line]


# --- hidden characters in records -----------------------------------------------------------

def test_a_bidi_hidden_id_number_in_a_record_is_refused_at_its_line(write_community, capsys):
    data = write_community({"notices/2026.yml": NOTICE.format(body=f"周小明 {ID_BACKWARDS}")})
    status, lines = check(data, capsys)
    [line] = problem_lines(lines, "hidden-char")
    assert status == 1
    assert line.split(": ")[0].endswith("notices/2026.yml:7:15")
    assert "文字方向控制符（U+202E）" in line and "请删除这几个字，再用键盘重新输入" in line
    assert NUMBERS["ID"] not in "\n".join(lines)


def test_a_zero_width_space_in_a_record_is_refused(write_community, capsys):
    data = write_community({"notices/2026.yml": NOTICE.format(body="138\u200b0013\u200b8000")})
    status, lines = check(data, capsys)
    [line] = problem_lines(lines, "hidden-char")
    assert status == 1 and line.split(": ")[0].endswith("notices/2026.yml:7:14")
    assert "零宽字符（U+200B）" in line


def test_an_emoji_joined_by_zero_width_joiners_is_not_refused(write_community, capsys):
    data = write_community({"notices/2026.yml": NOTICE.format(body="欢迎全家👨\u200d👩\u200d👧参加")})
    status, lines = check(data, capsys)
    assert problem_lines(lines, "hidden-char") == []


# --- hand-written pages -----------------------------------------------------------------------

def test_a_content_page_with_a_bidi_hidden_number_stops_the_build(tmp_path, write_community):
    data = write_community({"content/guide/feedback.md": f"# 反映意见\n\n有事请找王书记：{MOBILE_BACKWARDS}\n"})
    out = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "generator", "build", str(data), "--out", str(out),
                             "--today", str(TODAY)], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1
    assert "content/guide/feedback.md:3:" in result.stdout
    assert "hidden-char" in result.stdout and "personal-mobile" in result.stdout
    assert "138****8000" in result.stdout and NUMBERS["MOBILE"] not in result.stdout
    assert not (out / "xiaoyuan").exists()


def test_the_output_guard_reads_a_page_as_the_browser_shows_it(tmp_path):
    # the last gate, for pages no record check reads (the shared content/, a template)
    page = markdown.markdown(f"有事请找王书记：{MOBILE_BACKWARDS}\n\n"
                             f'或 <bdo dir="rtl">{NUMBERS["ID"][::-1]}</bdo>')
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "index.html").write_text(f"<html><body>{page}</body></html>", encoding="utf-8")
    hits = scan_output(tmp_path, frozenset())
    assert sorted((h.finding.kind, h.finding.digits) for h in hits) == [
        ("id-number", NUMBERS["ID"]), ("mobile", NUMBERS["MOBILE"])]


# --- photos' file names -----------------------------------------------------------------------

def test_a_photo_named_with_a_mobile_number_is_refused_at_check(write_community, capsys):
    data = write_community({fill("photos/张{MOBILE}.jpg"): b"\xff\xd8\xff"})
    status, lines = check(data, capsys)
    [line] = problem_lines(lines, "personal-file-name")
    assert status == 1
    assert line.split(": ")[0].endswith("xiaoyuan/photos:0:0")
    assert "文件名“张138****8000.jpg”里有手机号 138****8000：文件名会出现在网址里" in line
    assert NUMBERS["MOBILE"] not in line


def test_a_photo_of_an_id_card_is_refused_at_check(write_community, capsys):
    data = write_community({"photos/张三身份证正面.jpg": b"\xff\xd8\xff"})
    status, lines = check(data, capsys)
    [line] = problem_lines(lines, "personal-document-photo")
    assert status == 1
    assert "文件名“张三身份证正面.jpg”说明这是身份证的照片：证件和银行卡的照片不能公开" in line


def test_well_named_photos_pass(write_community, capsys):
    data = write_community({"photos/a2026-0110-1.jpg": b"\xff\xd8\xff", "photos/3号楼前广场.jpg": b"\xff\xd8\xff"})
    status, lines = check(data, capsys)
    assert problem_lines(lines, "personal-file-name") == problem_lines(lines, "personal-document-photo") == []


# --- addresses and birth dates in records -----------------------------------------------------

def test_a_home_address_and_a_birth_date_are_reported_masked(write_community, capsys):
    body = '"周小明，1995年6月出生，家住幸福小区3号楼2单元501室。"'
    data = write_community({"notices/2026.yml": NOTICE.format(body=body)})
    status, lines = check(data, capsys)
    [birth] = problem_lines(lines, "personal-birth-date")
    [address] = problem_lines(lines, "personal-address")
    assert status == 1
    assert birth.split(": ")[0].endswith("notices/2026.yml:7:11")
    assert birth.split(": ", 1)[1] == (
        "personal-birth-date 第 1 条公示的“正文”里有出生日期 *年*月：出生日期不能公开，请删掉（需要时只写出生年份，如“1980年生”）。")
    assert address.split(": ", 1)[1] == (
        "personal-address 第 1 条公示的“正文”里有具体到门牌的家庭住址 *号楼*单元*室：个人住址不能公开，"
        "请删掉门牌号，只写小区或楼栋（如“5号楼前”）；组织的办公地址请写在 community.yml 的 office.address。")
    assert "501" not in "\n".join(lines) and "1995年6月" not in "\n".join(lines)


def test_the_office_address_and_venues_are_not_home_addresses(write_community, capsys):
    community = (TINY / "communities/xiaoyuan/community.yml").read_text(encoding="utf-8")
    community = community.replace("小园路8号党群服务中心", "小园里2号楼1单元101室")
    activity = NOTICE.format(body="活动在3号楼前广场举行，地址：小园里2号楼1单元101室，时间 2026年3月5日。")
    data = write_community({"community.yml": community, "notices/2026.yml": activity})
    status, lines = check(data, capsys)
    assert [line for line in lines if ": personal-" in line] == []


def test_a_file_name_with_a_bidi_control_is_refused(write_community, capsys):
    data = write_community({f"photos/活动{RLO}gpj.exe": b"MZ"})  # shown as 活动exe.jpg
    status, lines = check(data, capsys)
    [line] = problem_lines(lines, "hidden-char-file-name")
    assert status == 1 and line.split(": ")[0].endswith("xiaoyuan/photos:0:0")
    assert line.split(": ", 1)[1] == (
        "hidden-char-file-name 文件名“活动□gpj.exe”里有看不见的文字方向控制符（U+202E，上面显示为□）："
        "它能让文件名显示得和实际不一样。请给文件重新起名，只用汉字、字母、数字和短横线，并改正记录里 photos 的写法。")


def test_exact_message_for_a_hidden_character_in_a_record(write_community, capsys):
    data = write_community({"notices/2026.yml": NOTICE.format(body=f"见{RLO}")})
    _, lines = check(data, capsys)
    [line] = problem_lines(lines, "hidden-char")
    assert line.split(": ", 1)[1] == (
        "hidden-char 这一行有看不见的文字方向控制符（U+202E），多半是从网页、微信或 Word 复制来的："
        "它能让网页上显示的文字和文件里写的不一样，把号码等内容藏起来。请删除这几个字，再用键盘重新输入。")


def test_a_number_split_over_two_lines_of_a_block_is_found_at_its_field(write_community, capsys):
    body = "|\n      有事请找王书记，手机 138 0013\n      8000，随时可以联系。"
    data = write_community({"notices/2026.yml": NOTICE.format(body=body)})
    status, lines = check(data, capsys)
    [line] = problem_lines(lines, "personal-mobile")
    assert status == 1 and line.split(": ")[0].endswith("notices/2026.yml:7:11")
    assert "138****8000" in line
