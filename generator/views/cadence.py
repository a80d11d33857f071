"""Organisational life (三会一课) per 党支部: what was held each month, and the gaps.

支委会 and 党小组会 are due monthly (a 党小组会 of any 党小组 under the branch counts, and is only
due where the branch has 党小组); 支部党员大会 and 党课 at least once a quarter. Only periods that
ended before ``today`` are judged, and none before the first year the activity log covers or
before the day the community started keeping records here (community.yml ``records_since``).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from generator.load.dataset import Community
from generator.privacy.audience import shows
from generator.records.activities import Activity
from generator.records.organization import Unit
from generator.views.periods import Period, periods_in_year

KINDS = ("支部党员大会", "支委会", "党小组会", "党课")  # the order boards list them in
RHYTHM = {"支部党员大会": "quarter", "支委会": "month", "党小组会": "month", "党课": "quarter"}
GROUP_KIND = "党小组会"


@dataclass(frozen=True)
class UnitCadence:
    unit: Unit
    grid: dict[str, dict[int, int]]  # kind -> month (1..12) -> count held
    gaps: tuple[tuple[str, str], ...]  # (kind, period label "2026年3月" / "2026年第2季度"), oldest first
    gap_periods: tuple[tuple[str, Period], ...] = ()  # the same gaps with their periods


def _groups_under(branch: Unit, units: Sequence[Unit]) -> set[str]:
    """Ids of the 党小组 anywhere below the branch."""
    parent = {u.id: u.parent for u in units}
    found: set[str] = set()
    for unit in units:
        current, seen = unit.parent, set()
        while current and current not in seen:
            if current == branch.id:
                if unit.kind == "党小组":
                    found.add(unit.id)
                break
            seen.add(current)
            current = parent.get(current)
    return found


def _grid(activities: Iterable[Activity], branch_id: str, groups: set[str]) -> dict[str, dict[int, int]]:
    grid = {kind: {month: 0 for month in range(1, 13)} for kind in KINDS}
    for activity in activities:
        if activity.kind not in grid:
            continue
        held_by = {branch_id} | groups if activity.kind == GROUP_KIND else {branch_id}
        if activity.unit in held_by:
            grid[activity.kind][activity.date.month] += 1
    return grid


def _judged(period: Period, today: date, first_year: int | None, since: date | None = None) -> bool:
    started = since is None or period.start >= since
    return first_year is not None and period.year >= first_year and period.end < today and started


def _gaps(grid: dict[str, dict[int, int]], year: int, today: date, first_year: int | None, required: Iterable[str],
          since: date | None = None) -> list[tuple[str, Period]]:
    gaps = []
    for kind in required:
        for period in periods_in_year(year, RHYTHM[kind]):
            months = range(period.start.month, period.end.month + 1)
            if _judged(period, today, first_year, since) and not any(grid[kind][m] for m in months):
                gaps.append((kind, period))
    return sorted(gaps, key=lambda gap: (gap[1].start, KINDS.index(gap[0])))


def cadence(community: Community, year: int, today: date, audience: str = "public") -> list[UnitCadence]:
    """One entry per 党支部 (members-only units left out for the public), in organization.yml order.

    Every recorded meeting counts, members-only ones included: that a branch met is public,
    what it discussed may not be.
    """
    org = community.organization
    units: list[Unit] = org.units if org else []
    yearfile = community.activities.get(year)
    activities: list[Activity] = yearfile.activities if yearfile else []
    first_year = min(community.activities, default=None)
    info = community.info
    since = info.records_since if info else None
    result = []
    for branch in (u for u in units if u.kind == "党支部"):
        if not shows(branch, audience):
            continue
        groups = _groups_under(branch, units)
        grid = _grid(activities, branch.id, groups)
        required = [k for k in KINDS if k != GROUP_KIND or groups]
        gaps = _gaps(grid, year, today, first_year, required, since)
        result.append(UnitCadence(branch, grid, tuple((k, p.label) for k, p in gaps), tuple(gaps)))
    return result
