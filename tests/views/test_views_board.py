"""The board's figures and the listings every output shares, computed without a page context."""
from __future__ import annotations

from datetime import date

import pytest

from generator.load.dataset import load_community
from generator.privacy.audience import namer
from generator.views.activities import partner_activities, shown_partners, with_partner
from generator.views.board import all_notices, board, current_year, open_notices
from generator.views.notices import CLOSED, OPEN, by_start_year, not_closed
from tests.conftest import TINY, TODAY


@pytest.fixture(scope="module")
def community():
    found, problems = load_community(TINY / "communities" / "xiaoyuan")
    assert not problems
    return found


def test_the_current_year_is_the_build_year_when_it_has_records_else_the_latest():
    assert current_year({2025: 1, 2026: 1}, date(2026, 3, 1)) == 2026
    assert current_year({2024: 1, 2025: 1}, date(2026, 3, 1)) == 2025
    assert current_year({}, date(2026, 3, 1)) is None


@pytest.mark.parametrize("audience", ["public", "members"])
def test_the_board_lists_the_running_notices_of_all_notices(community, audience):
    name = namer(community, audience, TODAY)
    listed = all_notices(community, TODAY, audience, name)
    assert [(n.start, n.id) for n, _ in listed] == sorted(((n.start, n.id) for n, _ in listed), reverse=True)
    running = open_notices(community, TODAY, audience, name)
    assert running == [(n, s) for n, s in listed if s.state == OPEN]
    figures = board(community, TODAY, audience, name)
    assert figures["notices"] == running
    assert figures["finance_year"] == current_year(community.finances, TODAY)
    assert [ledger.fund.id for ledger in figures["ledgers"]] == (
        ["service"] if audience == "public" else ["service", "dues"])  # 党费 only on the members' site


@pytest.mark.parametrize("audience", ["public", "members"])
def test_notices_group_under_the_year_they_start_and_closed_ones_leave_the_current_list(community, audience):
    listed = all_notices(community, TODAY, audience, namer(community, audience, TODAY))
    years = sorted(community.notices, reverse=True)
    grouped = by_start_year(listed, years)
    assert list(grouped) == years
    assert sum(len(items) for items in grouped.values()) == len(listed)
    assert all(n.start.year == year for year, items in grouped.items() for n, _ in items)
    assert not_closed(listed) == [(n, s) for n, s in listed if s.state != CLOSED]


@pytest.mark.parametrize("audience", ["public", "members"])
def test_partner_activities_read_once_equal_the_activities_with_each_partner(community, audience):
    rows = partner_activities(community, audience)
    assert [p for p, _ in rows] == shown_partners(community, audience)
    assert rows == [(p, with_partner(community, p.id, audience)) for p, _ in rows]
    assert any(activities for _, activities in rows)  # the fixture holds joint activities
