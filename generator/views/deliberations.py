"""Where a 议事 stands on a given day: 待表决, 待反馈 (and since when), or 已反馈.

The catalogue's rule is 随时公开（议事后5个工作日内反馈）: residents hear the result within five
working days after the meeting, counted by the State Council schedule (调休 included), so an
item still not reported back after that is shown as overdue like a late commitment.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from generator.privacy.audience import visible
from generator.views.format import cn_date, cn_month_day
from generator.views.workdays import covers_span, nth_workday

if TYPE_CHECKING:  # annotations only, as views/notices.py: records.kinds asks privacy.audience
    from generator.load.dataset import Community
    from generator.records.deliberations import Deliberation, Option

FEEDBACK_WORKDAYS = 5  # 议事后5个工作日内反馈
RECENT_DAYS = 30  # a decision older than this is not news on the lobby screen
POSTPONED = "暂缓"  # as records.deliberations.POSTPONED (not imported: see above)
UNDECIDED, PENDING, OVERDUE, REPORTED = "undecided", "pending", "overdue", "reported"
STATUS = {UNDECIDED: "待表决", PENDING: "待反馈", OVERDUE: "待反馈", REPORTED: "已反馈"}
# The chip colours the theme already has for the same meanings (commitments' states).
CHIP = {UNDECIDED: "notstarted", PENDING: "progress", OVERDUE: "overdue", REPORTED: "done"}


@dataclass(frozen=True)
class DeliberationState:
    state: str  # undecided | pending | overdue | reported
    label: str  # "待表决" / "待反馈（议事后第 3 天）" / "待反馈，已逾期（应于3月19日前反馈）" / "已反馈（3月16日）"
    days_since: int  # calendar days from the meeting to ``today`` (0 on the day itself)
    feedback_due: date  # the last day of the five working days after the meeting
    late: bool  # the feedback came, or is still missing, after ``feedback_due``
    calendar_known: bool  # False: a year the holiday schedule does not cover, counted Mon–Fri

    @property
    def status(self) -> str:
        """The 状态 word a resident reads: 待表决, 待反馈 or 已反馈."""
        return STATUS[self.state]

    @property
    def chip(self) -> str:
        return CHIP[self.state]


def feedback_due(meeting: date) -> date:
    """The day by which residents must have heard the result: the fifth working day after the meeting."""
    return nth_workday(meeting + timedelta(days=1), FEEDBACK_WORKDAYS)


def is_decided(d: Deliberation) -> bool:
    return d.decision is not None


def chosen_option(d: Deliberation) -> Option | None:
    """The option the decision names; None when undecided or postponed (暂缓)."""
    return next((o for o in d.options if o.id == d.decision), None)


def decision_text(d: Deliberation) -> str:
    """The decision in words: the chosen option's text, 暂缓, or 待表决."""
    if d.decision is None:
        return STATUS[UNDECIDED]
    option = chosen_option(d)
    return option.text if option is not None else POSTPONED


def deliberation_state(d: Deliberation, today: date) -> DeliberationState:
    due = feedback_due(d.date)
    days = max(0, (today - d.date).days)
    known = covers_span(d.date, due)
    if d.decision is None:
        return DeliberationState(UNDECIDED, STATUS[UNDECIDED], days, due, False, known)
    if d.feedback is not None:
        late = d.feedback.date > due
        label = f"已反馈（{_day(d.feedback.date, today)}{'，超过5个工作日' if late else ''}）"
        return DeliberationState(REPORTED, label, days, due, late, known)
    if today > due:
        return DeliberationState(OVERDUE, f"待反馈，已逾期（应于{_day(due, today)}前反馈，议事后已 {days} 天）",
                                 days, due, True, known)
    return DeliberationState(PENDING, f"待反馈（议事后已 {days} 天，{_day(due, today)}前反馈）", days, due, False, known)


def year_deliberations(community: Community, year: int, audience: str) -> list[Deliberation]:
    """The year's 议事 a site of ``audience`` shows, newest meeting first."""
    held = community.deliberations.get(year)
    items = visible(held.deliberations, audience) if held else []
    return sorted(items, key=lambda d: (d.date, d.id), reverse=True)


def with_states(items: Iterable[Deliberation], today: date) -> list[tuple[Deliberation, DeliberationState]]:
    return [(d, deliberation_state(d, today)) for d in items]


@dataclass(frozen=True)
class Tally:
    total: int
    undecided: int
    pending: int  # 待反馈, overdue included
    overdue: int
    reported: int


def tally(listed: Iterable[tuple[Deliberation, DeliberationState]]) -> Tally:
    states = [s.state for _, s in listed]
    return Tally(len(states), states.count(UNDECIDED), states.count(PENDING) + states.count(OVERDUE),
                 states.count(OVERDUE), states.count(REPORTED))


def latest_decision(community: Community, today: date, audience: str) -> Deliberation | None:
    """The most recent meeting up to today that decided something, if it was within RECENT_DAYS:
    what the lobby screen tells residents was settled lately."""
    decided = [d for held in community.deliberations.values() for d in visible(held.deliberations, audience)
               if is_decided(d) and d.date <= today]
    latest = max(decided, key=lambda d: (d.date, d.id), default=None)
    return latest if latest is not None and (today - latest.date).days <= RECENT_DAYS else None


def carrier_names(community: Community, units: dict[str, str], audience: str) -> dict[str, str]:
    """Who may carry a decision out, by id, as this site names them: its units (``units``, the
    site's own names), the posts and the co-building partners it shows."""
    org, partners = community.organization, community.partners
    names = dict(units)
    names.update({p.id: p.name for p in visible(org.posts, audience)} if org else {})
    names.update({p.id: p.name for p in visible(partners.partners, audience)} if partners else {})
    return names


def participants_text(d: Deliberation) -> str:
    """参会 as one line: "党员代表 4 人、居民代表 9 人，共 13 人" (groups and counts, never names)."""
    groups = "、".join(f"{p.group} {p.count} 人" for p in d.participants)
    return f"{groups}，共 {d.attendance} 人" if len(d.participants) > 1 else groups


def _day(d: date, today: date) -> str:
    return cn_month_day(d) if d.year == today.year else cn_date(d)
