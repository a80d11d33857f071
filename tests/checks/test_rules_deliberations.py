"""dangwu check on 议事: votes within the people present, a decision naming an option or 暂缓,
someone to carry it out, feedback after the meeting, ids used once, and no personal data."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.checks import load_and_check
from tests.conftest import TODAY

FIXTURE = (Path(__file__).parents[1] / "fixtures" / "deliberations" / "2026.yml").read_text(encoding="utf-8")
FILE = "deliberations/2026.yml"


def _problems(write_community, text: str):
    data = write_community({FILE: text})
    _, problems = load_and_check(data, None, TODAY)
    return [p for p in problems if p.file.endswith(FILE)]


def _only(write_community, old: str, new: str):
    assert old in FIXTURE
    return [(p.code, p.line, p.col) for p in _problems(write_community, FIXTURE.replace(old, new, 1))]


def test_the_fixture_is_clean(write_community):
    assert _problems(write_community, FIXTURE) == []


def test_votes_above_the_people_present_are_refused_at_the_votes(write_community):
    found = _problems(write_community, FIXTURE.replace("votes: {yes: 11, no: 1, abstain: 1}",
                                                       "votes: {yes: 12, no: 1, abstain: 1}", 1))
    [problem] = found
    assert (problem.code, problem.line, problem.col) == ("deliberation-too-many-votes", 17, 16)
    assert problem.message() == (
        "议事“楼道堆物清理办法”的方案“a”共 14 票（赞成、反对、弃权合计），多于到会的 13 人："
        "请核对票数，或在参会人员（participants）里补上漏记的群体。")


def test_a_decision_must_name_an_option_or_say_postponed(write_community):
    found = _problems(write_community, FIXTURE.replace("    decision: a\n    carried_by: p-xunluo",
                                                       "    decision: c\n    carried_by: p-xunluo", 1))
    [problem] = found
    assert (problem.code, problem.line) == ("deliberation-bad-decision", 21)
    assert problem.message() == "议事“楼道堆物清理办法”的决定（decision）写的是“c”：只能写一个方案的编号（a、b），或写“暂缓”。"
    postponed = FIXTURE.replace("    decision: a\n    carried_by: p-xunluo\n", "    decision: 暂缓\n", 1)
    assert _problems(write_community, postponed) == []


def test_a_chosen_option_needs_someone_to_carry_it_out_who_exists(write_community):
    assert _only(write_community, "    carried_by: p-xunluo\n", "") == [("deliberation-no-carrier", 21, 15)]
    assert _only(write_community, "carried_by: p-xunluo", "carried_by: p-nobody") == [
        ("deliberation-unknown-carrier", 22, 17)]


def test_feedback_comes_after_a_decision_and_not_before_the_meeting(write_community):
    assert _only(write_community, "      date: 2026-03-16", "      date: 2026-03-11") == [
        ("deliberation-feedback-early", 24, 13)]
    undecided = FIXTURE.replace("    decision: a\n    carried_by: p-xunluo\n", "", 1)
    assert [(p.code, p.line) for p in _problems(write_community, undecided)] == [("deliberation-feedback-undecided", 22)]


def test_an_id_used_twice_is_refused_at_the_second(write_community):
    found = _only(write_community, "  - id: d2026-02", "  - id: d2026-01")
    assert found == [("deliberation-duplicate-id", 27, 9)]


def test_an_id_number_or_mobile_in_a_deliberation_is_refused_by_dangwu_check(write_community):
    planted = FIXTURE.replace("content: 3月22日前请认领自家物品。",
                              "content: 3月22日前请认领自家物品，联系13812345678，身份证110101199003071233。", 1)
    data = write_community({FILE: planted})
    result = subprocess.run([sys.executable, "-m", "generator", "check", str(data), "--today", TODAY.isoformat()],
                            capture_output=True, text=True)
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if FILE in line]
    assert any(":26:" in line and "personal-mobile" in line for line in lines), result.stdout
    assert any(":26:" in line and "id-number" in line for line in lines), result.stdout
