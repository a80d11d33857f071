"""`dangwu check` as a clerk runs it: every problem, sorted, in Chinese; exit codes 0/1/2."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tests.checks.test_problem_codes import activity, finance

LINE_RE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[a-z0-9-]+) (?P<message>.+)$")
BROKEN = {
    "activities/2026.yml": activity(date="2026-13-40", extra="    summery: 清理楼道\n"),
    "finances/2026.yml": finance(amount="12.5"),
    "members.yml": "members:\n  - id: m001\n    name: 周玉兰\n    unit: zb\n    joined: 95\n",
}


def dangwu(*args, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", timeout=60)


def parsed_lines(stdout: str) -> list[dict]:
    lines = stdout.splitlines()
    matches = [LINE_RE.match(line) for line in lines]
    assert all(matches), lines
    return [m.groupdict() for m in matches]


@pytest.fixture
def broken(write_community):
    data = write_community(BROKEN)
    return data.parent


def test_a_clean_community_exits_0(write_community):
    data = write_community()
    result = dangwu("check", "data", "--today", "2026-11-23", cwd=data.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert all(" 警告 " in line for line in result.stdout.splitlines())


def test_every_problem_is_listed_sorted_by_file_and_line_in_chinese(broken):
    result = dangwu("check", "data", "--today", "2026-11-23", cwd=broken)
    assert result.returncode == 1
    found = parsed_lines(result.stdout)
    places = [(p["file"], int(p["line"]), int(p["col"])) for p in found]
    assert places == sorted(places)
    assert [(p["file"], p["line"], p["col"], p["code"]) for p in found] == [
        ("data/communities/xiaoyuan/activities/2026.yml", "3", "11", "no-such-date"),
        ("data/communities/xiaoyuan/activities/2026.yml", "7", "5", "unknown-field"),
        ("data/communities/xiaoyuan/finances/2026.yml", "7", "13", "money-unquoted"),
        ("data/communities/xiaoyuan/members.yml", "5", "13", "bad-year"),
    ]
    assert found[0]["message"] == "日期“2026-13-40”不存在：请核对月份（01–12）和这个月的天数。"
    assert "4 个错误" in result.stderr


def test_english_on_request(broken):
    result = dangwu("check", "data", "--lang", "en", cwd=broken)
    assert result.returncode == 1
    messages = {p["code"]: p["message"] for p in parsed_lines(result.stdout)}
    assert messages["unknown-field"].startswith("unknown field 'summery' (did you mean 'summary'?)")
    assert "4 errors" in result.stderr


def test_json_lists_every_problem_with_its_stable_code(broken):
    result = dangwu("check", "data", "--format", "json", cwd=broken)
    assert result.returncode == 1
    problems = json.loads(result.stdout)
    assert [(p["code"], p["line"], p["col"]) for p in problems] == [
        ("no-such-date", 3, 11), ("unknown-field", 7, 5), ("money-unquoted", 7, 13), ("bad-year", 5, 13)]
    assert problems[2] == {
        "code": "money-unquoted", "severity": "error", "file": "data/communities/xiaoyuan/finances/2026.yml",
        "line": 7, "col": 13, "path": "entries[1].amount",
        "message": "金额 12.5 没有加引号：请写成带两位小数、加引号的金额，如 \"1280.50\" 或 \"-35.00\"。",
    }


def test_warnings_fail_only_when_strict(write_community):
    data = write_community({"notes.txt": "备忘\n"})
    relaxed = dangwu("check", "data", "--today", "2026-11-23", cwd=data.parent)
    strict = dangwu("check", "data", "--today", "2026-11-23", "--strict", cwd=data.parent)
    assert (relaxed.returncode, strict.returncode) == (0, 1)
    line = "data/communities/xiaoyuan/notes.txt:0:0: unknown-file 警告 不认识的文件或文件夹：不会被发布；如是笔误请改名。"
    assert line in relaxed.stdout.splitlines()


def test_today_decides_what_lies_in_the_future(write_community):
    data = write_community({"activities/2026.yml": activity(date="2026-12-01")})
    before = dangwu("check", "data", "--today", "2026-11-23", "--format", "json", cwd=data.parent)
    after = dangwu("check", "data", "--today", "2026-12-02", "--format", "json", cwd=data.parent)
    assert "future-date" in {p["code"] for p in json.loads(before.stdout)}
    assert "future-date" not in {p["code"] for p in json.loads(after.stdout)}


def test_community_filters(write_community):
    write_community(slug="hepingli")
    data = write_community(BROKEN)  # xiaoyuan is broken, hepingli is clean
    clean = dangwu("check", "data", "--community", "hepingli", "--today", "2026-11-23", cwd=data.parent)
    dirty = dangwu("check", "data", "--community", "xiaoyuan", "--today", "2026-11-23", cwd=data.parent)
    assert clean.returncode == 0 and "xiaoyuan" not in clean.stdout
    assert dirty.returncode == 1 and "hepingli" not in dirty.stdout


@pytest.mark.parametrize("args", [
    ["check", "--lang", "fr"], ["check", "--format", "xml"], ["check", "--today", "2026-13-01"],
    ["check", "--no-such-option"], [],
])
def test_usage_errors_exit_2(tmp_path, args):
    result = dangwu(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
