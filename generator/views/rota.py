"""值班 and 错时服务: which duties fall on which day, today's duty, a month's table.

A duty written for one date falls on that date. One written for a month and a weekday falls on
every such weekday of that month, except on a 法定节假日 (the State Council's schedule, 调休 rest
days included) unless it says ``holidays: 照常``. Pure functions over the records, the build day
and the audience; names come through the site's namer (``privacy.audience.namer``).
"""
from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from generator.load.dataset import Community
from generator.privacy.audience import visible
from generator.records.rota import WEEKDAYS, Duty, minutes
from generator.views.organization import roster
from generator.views.workdays import is_public_holiday

LOOK_AHEAD_DAYS = 62  # how far "the next duty" is looked for when there is none today


@dataclass(frozen=True)
class DutyDay:
    """One duty on one day, with who serves as the site names them."""
    day: date
    duty: Duty
    who: tuple[str, ...]

    @property
    def weekday(self) -> str:
        return WEEKDAYS[self.day.weekday()]


@dataclass(frozen=True)
class OnDuty:
    """Today's duties, or (none today) the next day's: ``is_today`` tells which."""
    day: date
    duties: tuple[DutyDay, ...]
    is_today: bool


def days_of(duty: Duty, year: int) -> list[date]:
    """The days of ``year`` a duty falls on (its date; or its weekday in its month, holidays
    skipped unless it is kept on them)."""
    if duty.date is not None:
        return [duty.date]
    if duty.month is None or duty.weekday is None:
        return []
    wanted = WEEKDAYS.index(duty.weekday)
    _, last = calendar.monthrange(year, duty.month)
    days = [date(year, duty.month, d) for d in range(1, last + 1)]
    return [d for d in days if d.weekday() == wanted and (duty.holidays == "照常" or not is_public_holiday(d))]


def year_duties(community: Community, year: int, audience: str) -> list[Duty]:
    """The duties of a year the given site shows, in file order."""
    yearfile = community.rota.get(year)
    return visible(yearfile.duties, audience) if yearfile else []


def who(community: Community, duty: Duty, audience: str, name: Callable[[str], str]) -> tuple[str, ...]:
    """Who serves as the site shows them: each post by its name, each member through ``name``
    (masked as the community's rule says); posts and members the site hides are left out."""
    org = community.organization
    posts = {p.id: p.name for p in visible(org.posts, audience)} if org else {}
    members = {m.id: m.name for m in roster(community, audience)}
    return tuple([posts[p] for p in duty.posts if p in posts] + [name(members[m]) for m in duty.members if m in members])


def schedule(community: Community, start: date, end: date, audience: str,
             name: Callable[[str], str]) -> list[DutyDay]:
    """Every shown duty from ``start`` to ``end`` (both included), by day and start time."""
    found = []
    for year in range(start.year, end.year + 1):
        for duty in year_duties(community, year, audience):
            found += [DutyDay(d, duty, who(community, duty, audience, name))
                      for d in days_of(duty, year) if start <= d <= end]
    found.sort(key=lambda dd: (dd.day, minutes(dd.duty.start), dd.duty.id))
    return found


def on_duty(community: Community, today: date, audience: str = "public",
            name: Callable[[str], str] = str) -> OnDuty | None:
    """Today's duties; when there are none, the next day that has some (within LOOK_AHEAD_DAYS);
    None when the rota says nothing for that time."""
    coming = schedule(community, today, today + timedelta(days=LOOK_AHEAD_DAYS), audience, name)
    if not coming:
        return None
    day = coming[0].day
    return OnDuty(day, tuple(dd for dd in coming if dd.day == day), day == today)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def month_table(community: Community, year: int, month: int, audience: str,
                name: Callable[[str], str]) -> list[DutyDay]:
    """A month's duties day by day, as the rota page lists them."""
    return schedule(community, date(year, month, 1), month_end(year, month), audience, name)


def months_shown(today: date) -> list[tuple[int, int]]:
    """The months the rota page shows: this month and the next."""
    return [(today.year, today.month), next_month(today.year, today.month)]


def overlaps(first: Duty, second: Duty) -> bool:
    """Whether two duties' hours overlap on a day both fall on (touching ends do not)."""
    return minutes(first.start) < minutes(second.end) and minutes(second.start) < minutes(first.end)


def shared_days(first: Duty, second: Duty, year: int) -> list[date]:
    return sorted(set(days_of(first, year)) & set(days_of(second, year)))


def holders(duty: Duty) -> Iterable[tuple[str, str]]:
    """(kind, id) of whoever a duty names: ("post", "p-bianmin"), ("member", "m0007")."""
    return [("post", p) for p in duty.posts] + [("member", m) for m in duty.members]


def when_label(duty: Duty) -> str:
    """How the rota names a duty's days: "12月31日 周四" or "12月每周六"."""
    if duty.date is not None:
        return f"{duty.date.month}月{duty.date.day}日 {WEEKDAYS[duty.date.weekday()]}"
    return f"{duty.month}月每{duty.weekday}"


def by_month(duties: Iterable[Duty]) -> list[tuple[int, list[Duty]]]:
    """A year's duties grouped by month, months in order, each month's dated ones by date after
    its weekly ones (as a rota sheet reads: the standing pattern, then the single days)."""
    months: dict[int, list[Duty]] = {}
    for duty in duties:
        months.setdefault(duty.month_of, []).append(duty)
    return [(month, sorted(items, key=_sheet_order)) for month, items in sorted(months.items())]


def _sheet_order(duty: Duty) -> tuple:
    if duty.date is None:
        return (0, WEEKDAYS.index(duty.weekday or "周一"), minutes(duty.start))
    return (1, duty.date.toordinal(), minutes(duty.start))
