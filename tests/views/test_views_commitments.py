"""Commitments on the build date, and their roll-ups per unit and community."""
from datetime import date
from pathlib import Path

import pytest

from generator.load.dataset import load_community
from generator.views.commitments import commitment_state, rollup, rollup_by_unit

TINY = Path(__file__).parents[1] / "fixtures" / "tiny" / "communities" / "xiaoyuan"
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def community():
    community, problems = load_community(TINY)
    assert not problems
    return community


@pytest.fixture(scope="module")
def commitments(community):
    return community.commitments[2026].commitments  # c2026-01 by zb, c2026-02 by m003


def test_status_follows_the_latest_review_up_to_the_day(commitments):
    cleanup, patrol = commitments
    assert commitment_state(cleanup, TODAY).status == "已完成"
    assert commitment_state(cleanup, TODAY).progress == 100
    assert commitment_state(patrol, TODAY).status == "进行中"
    assert commitment_state(patrol, TODAY).last_review.date == date(2026, 6, 30)


def test_a_review_dated_after_the_day_is_not_yet_known(commitments):
    cleanup, _ = commitments
    state = commitment_state(cleanup, date(2026, 6, 29))
    assert (state.status, state.progress, state.last_review.stage) == ("未开始", 0, "年初")


def test_due_passed_and_not_done_is_overdue(commitments):
    _, patrol = commitments  # due 2026-12-31
    assert commitment_state(patrol, date(2026, 12, 31)).status == "进行中"
    assert commitment_state(patrol, date(2027, 1, 1)).status == "已逾期"


def test_no_review_yet_is_not_started(commitments):
    fresh = commitments[1].model_copy(update={"reviews": []})
    state = commitment_state(fresh, TODAY)
    assert (state.status, state.progress, state.last_review) == ("未开始", 0, None)


def test_rollup_counts_and_share_done(commitments):
    assert rollup(commitments, TODAY).__dict__ == {
        "total": 2, "done": 1, "in_progress": 1, "not_started": 0, "overdue": 0, "share_done": "50%",
    }
    late = rollup(commitments, date(2027, 1, 1))
    assert (late.done, late.overdue, late.share_done) == (1, 1, "50%")
    assert rollup([], TODAY).share_done == "—"


def test_a_members_commitment_counts_under_the_members_unit(community, commitments):
    by_unit = rollup_by_unit(community, commitments, TODAY)
    assert list(by_unit) == ["zb"]
    assert (by_unit["zb"].total, by_unit["zb"].done) == (2, 1)
