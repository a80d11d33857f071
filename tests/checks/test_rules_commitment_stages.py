"""dangwu check on the commitments' three steps: in order, in their year; reviews in stage order."""
from __future__ import annotations

from generator.checks import load_and_check
from tests.conftest import TODAY


def _problems(write_community, text: str) -> list:
    from tests.conftest import TINY
    base = (TINY / "communities/xiaoyuan/commitments/2026.yml").read_text(encoding="utf-8")
    data = write_community({"commitments/2026.yml": base + text})
    _, problems = load_and_check(data, None, TODAY)
    return [p for p in problems if p.code.startswith("commitment-")]


def test_steps_in_order_pass(write_community):
    text = "stages:\n  listed:\n    date: 2026-01-20\n  checked:\n    date: 2026-07-06\n  reported:\n    date: 2027-01-08\n"
    assert _problems(write_community, text) == []


def test_a_mid_year_check_before_the_list_is_refused(write_community):
    text = "stages:\n  listed:\n    date: 2026-07-20\n  checked:\n    date: 2026-07-06\n"
    [problem] = _problems(write_community, text)
    assert (problem.code, problem.severity, problem.line) == ("commitment-stages-order", "error", 37)
    assert problem.message() == ("2026 年承诺的“年中查清单”日期 2026-07-06 早于“年初列清单”的 2026-07-20："
                                 "三个环节应按年初列清单、年中查清单、年底述清单的顺序进行，请核对日期。")


def test_a_step_outside_its_year_warns(write_community):
    [problem] = _problems(write_community, "stages:\n  checked:\n    date: 2025-07-06\n")
    assert (problem.code, problem.severity, problem.line) == ("commitment-stage-year", "warning", 35)
    assert "不在 2026 年" in problem.message()
    assert _problems(write_community, "stages:\n  reported:\n    date: 2027-01-08\n") == []  # 述职 next January


def test_a_review_of_a_later_stage_dated_before_an_earlier_one_warns(write_community):
    from tests.conftest import TINY
    base = (TINY / "communities/xiaoyuan/commitments/2026.yml").read_text(encoding="utf-8")
    data = write_community({"commitments/2026.yml": base.replace("      - date: 2026-06-30\n        stage: 年中",
                                                                 "      - date: 2026-01-10\n        stage: 年中", 1)})
    _, problems = load_and_check(data, None, TODAY)
    [problem] = [p for p in problems if p.code == "commitment-review-stage-order"]
    assert problem.severity == "warning" and problem.line == 15
    assert problem.message().startswith("承诺“清理楼道堆物”的年中检查（2026-01-10）早于年初检查（2026-01-15）")
