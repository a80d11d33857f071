"""Activities per year, by month, with the kinds residents filter by."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from generator.load.dataset import Community
from generator.privacy.audience import visible
from generator.records.activities import Activity
from generator.records.kinds import BY_NAME
from generator.records.partners import Partner

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


def is_split(community: Community, year: int) -> bool:
    yearfile = community.activities.get(year)
    return yearfile is not None and len(yearfile.activities) > SPLIT_ABOVE


def page_of(community: Community, year: int, month: int) -> str:
    """The page (from the site root) showing the activities of that month: activities/2026/ or
    activities/2026/01/ when the year is split."""
    year_page = BY_NAME["activities"].page_of(year)
    return f"{year_page}{month:02d}/" if is_split(community, year) else year_page


def link(community: Community, activity: Activity) -> str:
    """Where a record is shown, from the site root: activities/2026/#a2026-0110."""
    return f"{page_of(community, activity.date.year, activity.date.month)}#{activity.id}"


def year_activities(community: Community, year: int, audience: str) -> list[Activity]:
    yearfile = community.activities.get(year)
    items = visible(yearfile.activities, audience) if yearfile else []
    return sorted(items, key=lambda a: (a.date, a.id))


def by_month(activities: Iterable[Activity]) -> list[tuple[int, list[Activity]]]:
    """Newest month first, and the newest activity first within each month."""
    months: dict[int, list[Activity]] = defaultdict(list)
    for activity in sorted(activities, key=lambda a: (a.date, a.id), reverse=True):
        months[activity.date.month].append(activity)
    return sorted(months.items(), reverse=True)


def latest(community: Community, audience: str, count: int = 5) -> list[Activity]:
    everything = [a for y in community.activities for a in year_activities(community, y, audience)]
    return sorted(everything, key=lambda a: (a.date, a.id), reverse=True)[:count]


def with_partner(community: Community, partner_id: str, audience: str) -> list[Activity]:
    return [a for y in sorted(community.activities)
            for a in year_activities(community, y, audience) if partner_id in a.partners]


def shown_partners(community: Community, audience: str) -> list[Partner]:
    """The co-building units the given site shows, in partners.yml order."""
    partners = community.partners
    return visible(partners.partners, audience) if partners else []


def partner_activities(community: Community, audience: str) -> list[tuple[Partner, list[Activity]]]:
    """(partner, the shown activities held with it, oldest first, as ``with_partner`` gives them)
    for every partner the site shows; the activities are read once for all partners."""
    partners = shown_partners(community, audience)
    joint: dict[str, list[Activity]] = {p.id: [] for p in partners}
    for year in sorted(community.activities) if partners else []:
        for activity in year_activities(community, year, audience):
            for partner in dict.fromkeys(activity.partners):  # listed twice, counted once
                if partner in joint:
                    joint[partner].append(activity)
    return [(p, joint[p.id]) for p in partners]
