"""dangwu check: a branch with a month without 支委会 gets a warning naming the branch and the month."""
import shutil
from datetime import date
from pathlib import Path

from generator.checks import load_and_check

TINY = Path(__file__).parents[1] / "fixtures" / "tiny"
MAY_MEETING = "  - {id: a2026-0507, date: 2026-05-07, kind: 支委会, unit: zb, title: 五月支委会, audience: members}\n"
Q2_LESSON = "  - {id: a2026-0625k, date: 2026-06-25, kind: 党课, unit: zb, title: 二季度党课, audience: members}\n"


def _found(tmp_path, *removed):
    shutil.copytree(TINY, tmp_path / "data")
    path = tmp_path / "data" / "communities" / "xiaoyuan" / "activities" / "2026.yml"
    text = path.read_text(encoding="utf-8")
    for line in removed:
        assert line in text
        text = text.replace(line, "")
    path.write_text(text, encoding="utf-8")
    _, problems = load_and_check(tmp_path / "data", None, date(2026, 11, 23))
    return [p for p in problems if p.code == "cadence-gap"]


def test_a_month_without_a_committee_meeting_is_a_warning_naming_branch_and_month(tmp_path):
    [problem] = _found(tmp_path, MAY_MEETING)
    assert (problem.severity, problem.file.endswith("organization.yml"), problem.line) == ("warning", True, 2)
    assert problem.message() == (
        "小园社区党支部（zb）2026年5月没有支委会的记录：支委会应每月召开。如已召开，请在 activities/2026.yml 里补记。")


def test_a_quarter_without_a_party_lesson_is_a_warning_naming_the_quarter(tmp_path):
    [problem] = _found(tmp_path, Q2_LESSON)
    assert "2026年第2季度没有党课的记录" in problem.message()
    assert "at least quarterly" in problem.message("en")
