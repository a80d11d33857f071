"""dangwu check on grids.yml and service/<year>.yml: the models' own rules, references, buildings in
one grid only, 在职报到 members only, and the personal-data scan over both files."""
from __future__ import annotations

import subprocess
import sys

from generator.checks import load_and_check
from generator.problems.messages import render
from tests.conftest import TODAY
from tests.grids_service_fixture import GRIDS, SERVICE, files


def _problems(write_community, **changed) -> list:
    data = write_community(files(**changed))
    _, problems = load_and_check(data, None, TODAY)
    return [p for p in problems if p.severity == "error" or p.code.startswith(("grid", "service", "hours"))]


def _codes(write_community, **changed) -> list[tuple[str, int]]:
    return [(p.code, p.line) for p in _problems(write_community, **changed)]


def test_the_fixture_records_are_clean(write_community):
    assert _codes(write_community) == []


def test_a_grid_has_no_field_for_households(write_community):
    text = GRIDS.replace("    duties: 走访楼栋、收集居民诉求\n", "    duties: 走访楼栋、收集居民诉求\n    households: [张三家]\n", 1)
    found = _problems(write_community, **{"grids.yml": text})
    assert [(p.code, p.line) for p in found] == [("grid-households", 2)]
    message = render("grid-households", "zh", found[0].params)
    assert "不登记住户" in message and "households" in message


def test_a_household_list_in_chinese_is_refused_too(write_community):
    text = GRIDS.replace("    duties: 排查楼道安全隐患\n", "    duties: 排查楼道安全隐患\n    住户: [1号楼101室]\n", 1)
    assert ("grid-households", 8) in _codes(write_community, **{"grids.yml": text})


def test_a_building_belongs_to_one_grid(write_community):
    text = GRIDS.replace('area: ["2号楼4-6单元", "10号楼"]', 'area: ["2号楼4-6单元", "1 号楼"]', 1)
    found = _problems(write_community, **{"grids.yml": text})
    assert [(p.code, p.line) for p in found] == [("grid-building-twice", 10)]
    assert "第一网格" in render("grid-building-twice", "zh", found[0].params)


def test_members_and_posts_must_exist(write_community):
    text = GRIDS.replace("members: [m002, m003]", "members: [m002, m999]", 1).replace("[p-wgz, p-xunluo]", "[p-nobody]", 1)
    assert _codes(write_community, **{"grids.yml": text}) == [("unknown-reference", 5), ("unknown-reference", 6)]


def test_a_public_grid_may_not_name_a_members_only_member(write_community):
    members = files()["members.yml"].replace("    name: 李秀英\n", "    name: 李秀英\n    audience: members\n", 1)
    assert _codes(write_community, **{"members.yml": members}) == [("members-only-reference", 5)]


def test_hours_have_one_decimal_and_lie_between_0_and_24(write_community):
    assert _codes(write_community, **{"service/2026.yml": SERVICE.replace('"2.5"', '"2"', 1)}) == [("bad-hours", 5)]
    assert _codes(write_community, **{"service/2026.yml": SERVICE.replace('"2.5"', '"2.50"', 1)}) == [("bad-hours", 5)]
    assert _codes(write_community, **{"service/2026.yml": SERVICE.replace('"2.5"', '"0.0"', 1)}) == [
        ("hours-out-of-range", 5)]
    assert _codes(write_community, **{"service/2026.yml": SERVICE.replace('"2.5"', '"24.5"', 1)}) == [
        ("hours-out-of-range", 5)]
    assert _codes(write_community, **{"service/2026.yml": SERVICE.replace('"2.5"', "24.0", 1)}) == []


def test_service_is_recorded_for_reporting_members_only(write_community):
    found = _problems(write_community, **{"service/2026.yml": SERVICE.replace("member: m005", "member: m001", 1)})
    assert [(p.code, p.line) for p in found] == [("service-member-not-reporting", 3)]
    assert "在职报到" in render(found[0].code, "zh", found[0].params)
    unknown = SERVICE.replace("member: m005", "member: m999", 1)
    assert _codes(write_community, **{"service/2026.yml": unknown}) == [("unknown-reference", 3)]


def test_service_ids_are_unique(write_community):
    text = SERVICE.replace("id: s2026-02", "id: s2026-01", 1)
    assert _codes(write_community, **{"service/2026.yml": text}) == [("duplicate-id", 7)]


def _check_cli(data) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "check", str(data), "--today", TODAY.isoformat()],
                          capture_output=True, text=True)


def test_a_personal_mobile_as_a_grid_phone_is_refused(write_community):
    data = write_community(files(**{"grids.yml": GRIDS.replace('"010-62001236"', '"13912345678"', 1)}))
    result = _check_cli(data)
    assert result.returncode == 1
    assert "grids.yml:14:12: personal-mobile" in result.stdout


def test_an_id_number_in_a_service_entry_is_refused(write_community):
    text = SERVICE.replace("what: 清理楼道堆物", "what: 清理楼道堆物 110101199003074573", 1)
    result = _check_cli(write_community(files(**{"service/2026.yml": text})))
    assert result.returncode == 1
    assert "service/2026.yml:17:11: personal-id-number" in result.stdout
