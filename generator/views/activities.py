"""Activities per year, by month, with the kinds residents filter by."""
from __future__ import annotations

from collections import defaultdict

from generator.privacy.audience import visible

# The filter groups residents know: 三会一课 gathers four meeting kinds.
KIND_GROUPS = {
    "支部党员大会": "三会一课", "支委会": "三会一课", "党小组会": "三会一课", "党课": "三会一课",
    "主题党日": "主题党日", "志愿服务": "志愿服务", "共建活动": "共建活动", "其他": "其他",
}
GROUP_ORDER = ["三会一课", "主题党日", "志愿服务", "共建活动", "其他"]

# A year with more activities than this gets one page per month and its year page becomes an
# index of months: about 400 bytes of HTML an activity keeps every page under 150 KB (the
# samples' busiest year has 232; the 10× community ~2 200, ~900 KB on one page). Counted over
# the year file, not per audience, so the public and members' sites share their links.
SPLIT_ABOVE = 300


def is_split(community, year: int) -> bool:
    yearfile = community.years("activities").get(year)
    return bool(yearfile) and len(yearfile.activities) > SPLIT_ABOVE


def page_of(community, year: int, month: int) -> str:
    """The page (from the site root) showing the activities of that month: activities/2026/ or
    activities/2026/01/ when the year is split."""
    return f"activities/{year}/{month:02d}/" if is_split(community, year) else f"activities/{year}/"


def link(community, activity) -> str:
    """Where a record is shown, from the site root: activities/2026/#a2026-0110."""
    return f"{page_of(community, activity.date.year, activity.date.month)}#{activity.id}"


def year_activities(community, year: int, audience: str) -> list:
    yearfile = community.years("activities").get(year)
    items = visible(yearfile.activities, audience) if yearfile else []
    return sorted(items, key=lambda a: (a.date, a.id))


def by_month(activities) -> list[tuple[int, list]]:
    """Newest month first, and the newest activity first within each month."""
    months: dict[int, list] = defaultdict(list)
    for activity in sorted(activities, key=lambda a: (a.date, a.id), reverse=True):
        months[activity.date.month].append(activity)
    return sorted(months.items(), reverse=True)


def latest(community, audience: str, count: int = 5) -> list:
    everything = [a for y in community.years("activities") for a in year_activities(community, y, audience)]
    return sorted(everything, key=lambda a: (a.date, a.id), reverse=True)[:count]


def with_partner(community, partner_id: str, audience: str) -> list:
    return [a for y in sorted(community.years("activities"))
            for a in year_activities(community, y, audience) if partner_id in a.partners]
