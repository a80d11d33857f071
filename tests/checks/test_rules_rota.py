"""dangwu check on rota/<year>.yml: the model's own rules, references, year, overlaps, personal data."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.checks import load_and_check
from tests.conftest import TODAY
from tests.rota_fixture import ROTA


def _problems(write_community, text: str, **files) -> list[tuple[str, int]]:
    data = write_community({"rota/2026.yml": text, **files})
    _, problems = load_and_check(data, None, TODAY)
    return [(p.code, p.line) for p in problems if p.severity == "error" or p.code.startswith("duty")]


def test_the_sample_rota_is_clean(write_community):
    assert _problems(write_community, ROTA) == []


def test_a_time_must_be_hours_and_minutes(write_community):
    assert _problems(write_community, ROTA.replace('end: "12:00"', 'end: "25:00"', 1)) == [("bad-time", 7)]


def test_the_end_comes_after_the_start(write_community):
    assert _problems(write_community, ROTA.replace('end: "12:00"', 'end: "8:00"', 1)) == [("duty-time-order", 2)]


def test_a_duty_has_a_date_or_a_weekday_pattern_not_both(write_community):
    text = ROTA.replace("    month: 11\n", "    month: 11\n    date: 2026-11-07\n", 1)
    assert _problems(write_community, text) == [("duty-when", 2)]


def test_a_duty_names_somebody(write_community):
    text = ROTA.replace("    posts: [p-xunluo]\n    members: [m004]\n", "", 1)
    assert _problems(write_community, text) == [("duty-nobody", 2)]


def test_posts_and_members_must_exist(write_community):
    text = ROTA.replace("posts: [p-xunluo]", "posts: [p-nobody]", 1).replace("members: [m004]", "members: [m999]", 1)
    assert _problems(write_community, text) == [("unknown-reference", 8), ("unknown-reference", 9)]


def test_a_public_duty_may_not_name_a_members_only_member(write_community):
    members = (Path(__file__).parents[1] / "fixtures/tiny/communities/xiaoyuan/members.yml").read_text(encoding="utf-8")
    members = members.replace("    name: 王海涛\n", "    name: 王海涛\n    audience: members\n")
    found = _problems(write_community, ROTA, **{"members.yml": members})
    assert found == [("members-only-reference", 9), ("members-only-reference", 17)]


def test_a_dated_duty_lies_in_its_files_year(write_community):
    data = write_community({"rota/2026.yml": ROTA.replace("date: 2026-11-23", "date: 2027-01-04", 1)})
    _, problems = load_and_check(data, None, TODAY)
    [wrong] = [p for p in problems if p.code == "duty-wrong-year"]
    assert wrong.line == 14
    assert wrong.message() == "值班日期 2027-01-04 不在 2026 年：这个文件只排 2026 年的班，请改正日期，或把这条移到 rota/2027.yml。"


def test_nobody_is_on_two_duties_at_overlapping_hours(write_community):
    # the Saturday pattern already puts p-xunluo on 11-28 9:00-12:00
    text = ROTA + """  - id: z-1128
    kind: 值班
    date: 2026-11-28
    start: "11:00"
    end: "13:00"
    posts: [p-xunluo]
    place: 小院社区服务站
    phone: "010-62001234"
"""
    data = write_community({"rota/2026.yml": text})
    _, problems = load_and_check(data, None, TODAY)
    [overlap] = [p for p in problems if p.code == "duty-overlap"]
    assert overlap.line == 52
    assert overlap.message() == ("岗位“p-xunluo”在 2026-11-28 同时排了两个班：这一条 11:00-13:00，与第 2 行的“z-sat”"
                                 "（9:00-12:00）时间重叠。请调整时间，或换人值班。")
    touching = text.replace('start: "11:00"', 'start: "12:00"')
    assert _problems(write_community, touching) == []


def test_duty_ids_are_unique(write_community):
    assert _problems(write_community, ROTA.replace("id: z-party", "id: z-1123")) == [("duplicate-id", 20)]


def test_a_mobile_number_in_the_rota_is_refused_at_its_line(write_community):
    data = write_community({"rota/2026.yml": ROTA.replace("note: 党内学习值守", "note: 有事打 13812345678")})
    result = subprocess.run([sys.executable, "-m", "generator", "check", str(data), "--today", str(TODAY)],
                            capture_output=True, text=True, cwd=Path(__file__).parents[2])
    assert result.returncode == 1
    assert "communities/xiaoyuan/rota/2026.yml:28:" in result.stdout
    assert "personal-mobile" in result.stdout
    assert "13812345678" not in result.stdout
