"""三会一课 per branch: the year grid and the gaps in periods that have ended."""
from datetime import date

from generator.load.dataset import load_community
from generator.views.cadence import cadence
from tests.conftest import edited_tiny


def _community(tmp_path, *edits):
    root = edited_tiny(tmp_path, *edits)
    community, problems = load_community(root)
    assert not problems
    return community


MAY_MEETING = "  - {id: a2026-0507, date: 2026-05-07, kind: 支委会, unit: zb, title: 五月支委会, audience: members}\n"
GROUP = "posts:\n"
WITH_GROUP = ("  - id: xz1\n    name: 第一党小组\n    kind: 党小组\n    parent: zb\n"
              "    audience: members\n" + GROUP)


def test_the_tiny_branch_met_as_it_should(tmp_path):
    [branch] = cadence(_community(tmp_path), 2026, date(2026, 11, 23))
    assert branch.unit.id == "zb"
    assert branch.grid["支委会"] == {m: (1 if m <= 10 else 0) for m in range(1, 13)}
    assert branch.grid["党课"][9] == 1
    assert branch.gaps == ()


def test_a_month_without_a_committee_meeting_is_a_gap(tmp_path):
    community = _community(tmp_path, ("activities/2026.yml", MAY_MEETING, ""))
    [branch] = cadence(community, 2026, date(2026, 11, 23))
    assert branch.grid["支委会"][5] == 0
    assert branch.gaps == (("支委会", "2026年5月"),)


def test_only_periods_that_have_ended_are_judged(tmp_path):
    october = "  - {id: a2026-1015, date: 2026-10-15, kind: 支委会, unit: zb, title: 十月支委会, audience: members}\n"
    community = _community(tmp_path, ("activities/2026.yml", october, ""))
    assert cadence(community, 2026, date(2026, 10, 31))[0].gaps == ()
    assert cadence(community, 2026, date(2026, 11, 1))[0].gaps == (("支委会", "2026年10月"),)
    assert cadence(community, 2026, date(2026, 6, 30))[0].gaps == ()  # Q2 not over yet


def test_years_before_the_activity_log_are_not_judged(tmp_path):
    [branch] = cadence(_community(tmp_path), 2025, date(2026, 11, 23))
    assert branch.gaps == ()


def test_a_group_meeting_of_any_group_under_the_branch_counts(tmp_path):
    group_meeting = "  - {id: a2026-0115, date: 2026-01-15, kind: 党小组会, unit: xz1, title: 一月党小组会}\n"
    community = _community(tmp_path, ("organization.yml", GROUP, WITH_GROUP),
                           ("activities/2026.yml", MAY_MEETING, MAY_MEETING + group_meeting))
    [branch] = cadence(community, 2026, date(2026, 3, 10))
    assert branch.grid["党小组会"][1] == 1
    assert branch.gaps == (("党小组会", "2026年2月"),)


def test_a_members_only_branch_is_left_off_the_public_grid(tmp_path):
    community = _community(tmp_path, ("organization.yml", "    kind: 党支部\n", "    kind: 党支部\n    audience: members\n"))
    assert cadence(community, 2026, date(2026, 11, 23)) == []
    assert len(cadence(community, 2026, date(2026, 11, 23), audience="members")) == 1
