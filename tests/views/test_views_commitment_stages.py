"""年初列清单 → 年中查清单 → 年底述清单: each step held, not yet due or overdue by the calendar."""
from __future__ import annotations

from datetime import date

from generator.load.dataset import load_community
from generator.views.commitments import (
    STAGE_DONE,
    STAGE_OVERDUE,
    STAGE_PENDING,
    STEPS,
    commitment_steps,
    step_due,
    year_stages,
)
from tests.conftest import edited_tiny

STAGES = """stages:
  listed:
    date: 2026-01-20
    note: 公布清单
  reported:
    date: 2026-12-28
"""


def _community(tmp_path, extra: str = ""):
    root = edited_tiny(tmp_path)
    if extra:
        with (root / "commitments" / "2026.yml").open("a", encoding="utf-8") as f:
            f.write(extra)
    community, problems = load_community(root)
    assert not problems
    return community


def _states(community, today):
    return [(s.step.label, s.status, s.held) for s in year_stages(community, 2026, "public", today)]


def test_without_declared_dates_the_reviews_tell_when_each_step_was_held(tmp_path):
    community = _community(tmp_path)
    assert _states(community, date(2026, 11, 23)) == [
        ("年初列清单", STAGE_DONE, date(2026, 1, 15)),  # the 年初 review, the day the commitments were made
        ("年中查清单", STAGE_DONE, date(2026, 6, 30)),
        ("年底述清单", STAGE_PENDING, None),
    ]


def test_declared_dates_win_and_a_step_set_for_later_is_pending(tmp_path):
    community = _community(tmp_path, STAGES)
    states = year_stages(community, 2026, "public", date(2026, 11, 23))
    assert [(s.status, s.held) for s in states] == [
        (STAGE_DONE, date(2026, 1, 20)), (STAGE_DONE, date(2026, 6, 30)), (STAGE_PENDING, date(2026, 12, 28))]
    assert states[0].note == "公布清单"


def test_a_step_not_held_by_its_last_day_is_overdue(tmp_path):
    community = _community(tmp_path)
    assert _states(community, date(2027, 2, 1))[2] == ("年底述清单", STAGE_OVERDUE, None)
    assert _states(community, date(2027, 1, 31))[2][1] == STAGE_PENDING  # the last day still counts


def test_the_last_days_of_the_steps():
    assert [step_due(step, 2026) for step in STEPS] == [date(2026, 3, 31), date(2026, 7, 31), date(2027, 1, 31)]


def test_each_commitment_shows_which_steps_it_went_through(tmp_path):
    first = _community(tmp_path).commitments[2026].commitments[0]
    assert commitment_steps(first, date(2026, 11, 23)) == [
        ("年初列清单", True), ("年中查清单", True), ("年底述清单", False)]
    assert commitment_steps(first, date(2026, 3, 1)) == [
        ("年初列清单", True), ("年中查清单", False), ("年底述清单", False)]  # the 年中 review is not known yet
