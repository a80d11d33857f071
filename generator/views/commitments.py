"""Commitments on the build date (承诺 → 践诺 → 评诺) and their roll-ups per unit and community."""
from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from generator.load.dataset import Community
from generator.privacy.audience import visible
from generator.records.commitments import Commitment, Review
from generator.records.kinds import BY_NAME
from generator.records.organization import Unit
from generator.views.format import percent

NOT_STARTED, IN_PROGRESS, DONE, OVERDUE = "未开始", "进行中", "已完成", "已逾期"


@dataclass(frozen=True)
class CommitmentState:
    status: str  # "未开始" | "进行中" | "已完成" | "已逾期"
    progress: int  # 0–100, from the latest review up to today
    last_review: Review | None


def year_commitments(community: Community, year: int, audience: str) -> list[Commitment]:
    """The commitments of a year the given site shows, in file order."""
    yearfile = community.commitments.get(year)
    return visible(yearfile.commitments, audience) if yearfile else []


def reviews_until(commitment: Commitment, today: date) -> list[Review]:
    """Reviews dated up to today, oldest first (a review dated later is not yet known)."""
    return sorted((r for r in commitment.reviews if r.date <= today), key=lambda r: r.date)


def commitment_state(c: Commitment, today: date) -> CommitmentState:
    reviews = reviews_until(c, today)
    last = reviews[-1] if reviews else None
    progress = last.progress if last else 0
    return CommitmentState(_status(c, last, progress, today), progress, last)


def _status(c: Commitment, last: Review | None, progress: int, today: date) -> str:
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


def rollup(commitments: Iterable[Commitment], today: date) -> Rollup:
    statuses = [commitment_state(c, today).status for c in commitments]
    done = statuses.count(DONE)
    return Rollup(
        total=len(statuses), done=done, in_progress=statuses.count(IN_PROGRESS),
        not_started=statuses.count(NOT_STARTED), overdue=statuses.count(OVERDUE),
        share_done=percent(done, len(statuses)),
    )


def owner_unit(community: Community, owner: str) -> str | None:
    """The unit a commitment counts under: the owning unit, or the owning member's unit."""
    org = community.organization
    if org and any(u.id == owner for u in org.units):
        return owner
    members = community.members
    for member in members.members if members else []:
        if member.id == owner:
            return member.unit
    return None


def rollup_by_unit(community: Community, commitments: Iterable[Commitment], today: date,
                   audience: str = "members") -> dict[str, Rollup]:
    """Unit id -> roll-up, in the order of organization.yml; units without commitments left out.
    The public site counts a members-only unit's commitments under the unit shown above it."""
    from generator.views.organization import shown_units

    folded = shown_units(community, audience)
    grouped: dict[str, list[Commitment]] = {}
    for c in commitments:
        owner = owner_unit(community, c.owner)
        # None: no unit, or a members-only unit with no unit shown above it
        unit = folded.get(owner, owner) if owner is not None else None
        if unit is not None:
            grouped.setdefault(unit, []).append(c)
    org = community.organization
    order = [u.id for u in org.units] if org else []
    ranked = sorted(grouped, key=lambda u: order.index(u) if u in order else len(order))
    return {unit: rollup(grouped[unit], today) for unit in ranked}


# A year with more commitments than this gets a page per 党支部 (issue 11: every page under
# 150 KB). A commitment with four reviews is ~1 KB of HTML; the unit table, filters and
# Material's frame add up to ~60 KB on a big community's year page, so 60 commitments keep an
# unsplit page near 120 KB. The samples' busiest year has 22, the 10× community 220 (~290 KB on
# one page). Counted over the year file, not per audience, so both sites split the same years.
SPLIT_ABOVE = 60


def is_split(community: Community, year: int) -> bool:
    yearfile = community.commitments.get(year)
    return (yearfile is not None and len(yearfile.commitments) > SPLIT_ABOVE
            and community.organization is not None)


def page_units(community: Community, audience: str) -> dict[str, str]:
    """Unit id (as the site shows units) -> the unit whose page lists its commitments in a split
    year: a top unit (the 党委) itself, else the unit right under a top unit (its 党支部)."""
    from generator.views.organization import unit_tree

    pages: dict[str, str] = {}
    current = ""  # the tree starts at depth 0, so each unit gets a page unit
    for node in unit_tree(community, audience):  # tree order: a 党支部 before its 党小组
        if node.depth <= 1:
            current = node.unit.id
        pages[node.unit.id] = current
    return pages


@dataclass(frozen=True)
class UnitPage:
    """One page of a split year: a 党支部 (or the 党委) and the commitments counted under it or
    under a unit below it."""
    unit: Unit
    commitments: tuple[Commitment, ...]

    @property
    def slug(self) -> str:
        """The page's folder under the year page: commitments/2026/zb1/."""
        return self.unit.id


def unit_pages(community: Community, commitments: Iterable[Commitment], audience: str) -> list[UnitPage]:
    """The pages of a split year, in the order of the unit tree; units without commitments have
    none. A commitment counted under no unit the site shows goes on the first top unit's page."""
    from generator.views.organization import unit_of_owner, unit_tree

    tree = unit_tree(community, audience)
    if not tree:
        return []
    owners = page_units(community, audience)
    grouped: dict[str, list[Commitment]] = {}
    for c in commitments:
        unit = owners.get(unit_of_owner(community, c.owner, audience)) or tree[0].unit.id
        grouped.setdefault(unit, []).append(c)
    return [UnitPage(node.unit, tuple(grouped[node.unit.id])) for node in tree if node.unit.id in grouped]


def page_anchors(community: Community, audience: str) -> dict[str, set[str]]:
    """Commitment page (from the site root) -> the record anchors it holds for the audience.
    A split year's page keeps every id (a line per commitment, linking on to its unit's page),
    so commitments/2026/#c2026-001 written before the split still lands on the record."""
    anchors: dict[str, set[str]] = {}
    for year, f in community.commitments.items():
        shown = visible(f.commitments, audience)
        year_page = BY_NAME["commitments"].page_of(year)
        anchors[year_page] = {c.id for c in shown}
        if is_split(community, year):
            for page in unit_pages(community, shown, audience):
                anchors[f"{year_page}{page.slug}/"] = {c.id for c in page.commitments}
    return anchors


# --- 年初列清单 → 年中查清单 → 年底述清单 ---------------------------------------------------------
# The year's commitments are published at the start of the year, checked at mid-year and reported
# on at its end (domain brief). A step is held on the date commitments.yml's ``stages`` gives, else
# on the first review of its stage (年初: the day the first commitment was made); it is 逾期 when
# its last day below passes unheld. 年底述 may be held in the next January, as 述职 often is.
STAGE_DONE, STAGE_PENDING, STAGE_OVERDUE = "已完成", "未到期", "已逾期"


@dataclass(frozen=True)
class StageStep:
    stage: str  # "年初" | "年中" | "年底", as a review's stage reads
    label: str  # "年初列清单"
    field: str  # its field under ``stages`` in commitments/<year>.yml
    last_month: int  # the step is due by the end of this month…
    next_year: bool = False  # …of the following year


STEPS = (StageStep("年初", "年初列清单", "listed", 3), StageStep("年中", "年中查清单", "checked", 7),
         StageStep("年底", "年底述清单", "reported", 1, next_year=True))


@dataclass(frozen=True)
class StageState:
    step: StageStep
    held: date | None  # the day it was (or is set to be) held; None: not known
    due: date  # its last day
    status: str  # 已完成 | 未到期 | 已逾期
    note: str | None = None


def step_due(step: StageStep, year: int) -> date:
    """The last day of the month the step is due in (31 March, 31 July, 31 January next year)."""
    due_year = year + 1 if step.next_year else year
    return date(due_year, step.last_month, calendar.monthrange(due_year, step.last_month)[1])


def step_held(step: StageStep, declared, commitments: Iterable[Commitment]) -> date | None:
    """The day a step was held: as declared, else its stage's first review (年初: the first commitment made)."""
    if declared is not None:
        return declared.date
    days = [r.date for c in commitments for r in c.reviews if r.stage == step.stage]
    if step.stage == "年初":
        days += [c.made for c in commitments]
    return min(days, default=None)


def year_stages(community: Community, year: int, audience: str, today: date) -> list[StageState]:
    """The three steps of a year's commitments on ``today``, in order."""
    yearfile = community.commitments.get(year)
    declared = yearfile.stages if yearfile else None
    shown = year_commitments(community, year, audience)
    states = []
    for step in STEPS:
        given = getattr(declared, step.field) if declared else None
        held, due = step_held(step, given, shown), step_due(step, year)
        if held is not None and held <= today:
            status = STAGE_DONE
        else:
            status = STAGE_OVERDUE if today > due else STAGE_PENDING
        states.append(StageState(step, held, due, status, given.note if given else None))
    return states


def commitment_steps(c: Commitment, today: date) -> list[tuple[str, bool]]:
    """(step label, reached by today) for one commitment: listed once made, checked and reported
    once it has a review of that stage dated up to today."""
    stages = {r.stage for r in reviews_until(c, today)}
    return [(step.label, (c.made <= today) if step.stage == "年初" else step.stage in stages) for step in STEPS]
