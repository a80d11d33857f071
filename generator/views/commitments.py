"""Commitments on the build date (承诺 → 践诺 → 评诺) and their roll-ups per unit and community."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.views.format import percent

NOT_STARTED, IN_PROGRESS, DONE, OVERDUE = "未开始", "进行中", "已完成", "已逾期"


@dataclass(frozen=True)
class CommitmentState:
    status: str  # "未开始" | "进行中" | "已完成" | "已逾期"
    progress: int  # 0–100, from the latest review up to today
    last_review: object  # Review | None


def reviews_until(commitment, today: date) -> list:
    """Reviews dated up to today, oldest first (a review dated later is not yet known)."""
    return sorted((r for r in commitment.reviews if r.date <= today), key=lambda r: r.date)


def commitment_state(c, today: date) -> CommitmentState:
    reviews = reviews_until(c, today)
    last = reviews[-1] if reviews else None
    progress = last.progress if last else 0
    return CommitmentState(_status(c, last, progress, today), progress, last)


def _status(c, last, progress: int, today: date) -> str:
    if last and (last.status == DONE or progress == 100):
        return DONE
    if c.due < today:  # due day itself still counts as in time
        return OVERDUE
    if last is None or today < c.made or (last.status == NOT_STARTED and progress == 0):
        return NOT_STARTED
    return IN_PROGRESS


@dataclass(frozen=True)
class Rollup:
    total: int
    done: int
    in_progress: int
    not_started: int
    overdue: int
    share_done: str  # "75%", "—" when there are none


def rollup(commitments, today: date) -> Rollup:
    statuses = [commitment_state(c, today).status for c in commitments]
    done = statuses.count(DONE)
    return Rollup(
        total=len(statuses), done=done, in_progress=statuses.count(IN_PROGRESS),
        not_started=statuses.count(NOT_STARTED), overdue=statuses.count(OVERDUE),
        share_done=percent(done, len(statuses)),
    )


def owner_unit(community, owner: str) -> str | None:
    """The unit a commitment counts under: the owning unit, or the owning member's unit."""
    org = community.single("organization")
    if org and any(u.id == owner for u in org.units):
        return owner
    members = community.single("members")
    for member in members.members if members else []:
        if member.id == owner:
            return member.unit
    return None


def rollup_by_unit(community, commitments, today: date, audience: str = "members") -> dict[str, Rollup]:
    """Unit id -> roll-up, in the order of organization.yml; units without commitments left out.
    The public site counts a members-only unit's commitments under the unit shown above it."""
    from generator.views.organization import shown_units

    folded = shown_units(community, audience)
    grouped: dict[str, list] = {}
    for c in commitments:
        unit = owner_unit(community, c.owner)
        unit = folded.get(unit, unit)  # None: a members-only unit with no unit shown above it
        if unit is not None:
            grouped.setdefault(unit, []).append(c)
    org = community.single("organization")
    order = [u.id for u in org.units] if org else []
    ranked = sorted(grouped, key=lambda u: order.index(u) if u in order else len(order))
    return {unit: rollup(grouped[unit], today) for unit in ranked}
