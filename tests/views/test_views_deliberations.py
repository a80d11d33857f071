"""Where a 议事 stands: 待表决, 待反馈 within or past five working days (调休 counted), 已反馈."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.load.dataset import Community
from generator.load.yamlfile import parse_text
from generator.records.deliberations import DeliberationsFile
from generator.views.deliberations import (
    OVERDUE,
    PENDING,
    REPORTED,
    UNDECIDED,
    decision_text,
    deliberation_state,
    feedback_due,
    latest_decision,
    participants_text,
    tally,
    with_states,
    year_deliberations,
)

FIXTURE = Path(__file__).parents[1] / "fixtures" / "deliberations" / "2026.yml"


@pytest.fixture(scope="module")
def held() -> DeliberationsFile:
    loaded, _ = parse_text(FIXTURE.read_text(encoding="utf-8"), "2026.yml")
    return DeliberationsFile.model_validate(loaded.data)


def _by_id(held: DeliberationsFile) -> dict:
    return {d.id: d for d in held.deliberations}


def test_feedback_is_due_on_the_fifth_working_day_after_the_meeting():
    assert feedback_due(date(2026, 3, 12)) == date(2026, 3, 19)  # Thu: Fri, Mon–Thu
    # Mon 09-28: the National Day holiday runs 10-01 to 10-08; Sat 10-10 is a 调休 workday.
    assert feedback_due(date(2026, 9, 28)) == date(2026, 10, 10)


def test_each_state_and_its_label(held):
    d = _by_id(held)
    today = date(2026, 11, 23)
    reported = deliberation_state(d["d2026-01"], today)
    assert (reported.state, reported.status, reported.label, reported.late) == (REPORTED, "已反馈", "已反馈（3月16日）", False)
    pending = deliberation_state(d["d2026-02"], today)
    assert (pending.state, pending.status, pending.days_since) == (PENDING, "待反馈", 6)
    assert pending.label == "待反馈（议事后已 6 天，11月24日前反馈）"
    undecided = deliberation_state(d["d2026-03"], today)
    assert (undecided.state, undecided.status, undecided.chip) == (UNDECIDED, "待表决", "notstarted")


def test_feedback_not_given_within_five_working_days_is_overdue(held):
    late = deliberation_state(_by_id(held)["d2026-02"], date(2026, 11, 25))
    assert (late.state, late.status, late.chip, late.late) == (OVERDUE, "待反馈", "overdue", True)
    assert late.label == "待反馈，已逾期（应于11月24日前反馈，议事后已 8 天）"


def test_decision_text_names_the_option_or_postponement(held):
    d = _by_id(held)
    assert decision_text(d["d2026-01"]) == "物业统一清运"
    assert decision_text(d["d2026-03"]) == "待表决"
    assert decision_text(d["d2026-01"].model_copy(update={"decision": "暂缓"})) == "暂缓"


def test_participants_are_counts_per_group(held):
    assert participants_text(_by_id(held)["d2026-01"]) == "党员代表 4 人、居民代表 9 人，共 13 人"
    assert participants_text(_by_id(held)["d2026-03"]) == "居民代表 10 人"


def test_the_public_sees_no_members_only_item_and_tallies_add_up(held):
    community = Community("xiaoyuan", Path("."), deliberations={2026: held})
    public = year_deliberations(community, 2026, "public")
    assert [d.id for d in public] == ["d2026-03", "d2026-02", "d2026-01"]  # newest meeting first
    assert len(year_deliberations(community, 2026, "members")) == 4
    t = tally(with_states(public, date(2026, 11, 25)))
    assert (t.total, t.undecided, t.pending, t.overdue, t.reported) == (3, 1, 1, 1, 1)


def test_latest_decision_only_when_recent(held):
    community = Community("xiaoyuan", Path("."), deliberations={2026: held})
    assert latest_decision(community, date(2026, 11, 23), "public").id == "d2026-02"
    assert latest_decision(community, date(2026, 11, 23), "members").id == "d2026-02"
    assert latest_decision(community, date(2027, 1, 31), "public") is None  # more than 30 days ago


def test_history_tells_deliberation_changes_in_chinese_and_hides_members_only_ones():
    from generator.views.history import diff_file

    old = {"deliberations": [{"id": "d1", "topic": "楼道堆物", "date": "2026-03-12"}]}
    new = {"deliberations": [
        {"id": "d1", "topic": "楼道堆物", "date": "2026-03-12", "decision": "a"},
        {"id": "d2", "topic": "充电桩", "date": "2026-11-20"},
        {"id": "d3", "topic": "换届筹备", "date": "2026-11-20", "audience": "members"},
    ]}
    told = [(c.action, c.what, c.ref, c.title, [(f.label, f.new) for f in c.fields])
            for c in diff_file("deliberations/2026.yml", old, new, "public")]
    assert told == [("changed", "议事", "2026-03-12", "楼道堆物", [("决定", "a")]),
                    ("added", "议事", "2026-11-20", "充电桩", [])]
