"""The 公开目录 on a given day: when each item was last published, and which are overdue.

A 定期 item is overdue when its records hold nothing dated in the last full period before
today (a quarterly item on 2026-10-01 needs something dated July–September). Periods before the
first year the community keeps records for, or before the day it started keeping them here
(community.yml ``records_since``), are not judged. Only records the item's audience
sees count: a public item is not kept up to date by members-only records. The 议事 item is
overdue while a decision waits longer than five working days to be reported back to residents.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.load.dataset import Community
from generator.privacy.audience import shows, shows_entry, shows_fund, visible
from generator.records.catalog import OPTIONAL_SOURCES, CatalogItem, default_catalog
from generator.records.kinds import BY_NAME
from generator.views.deliberations import OVERDUE, deliberation_state
from generator.views.periods import Period, last_full_period, period_of


@dataclass(frozen=True)
class CatalogItemState:
    item: CatalogItem
    last_published: date | None  # the latest record date up to today; None when records carry no date
    overdue: bool
    due_by: date | None  # 定期 only: publish by this day (when overdue: the day it was due)
    missed: Period | None = None  # when overdue: the period that has nothing


def catalog_items(community: Community) -> list[CatalogItem]:
    """The community's own catalog.yml items, or the default catalogue (an optional kind's item
    only when the community keeps records of it)."""
    if community.catalog:
        return list(community.catalog.items)
    return [item for item in default_catalog().items
            if item.source not in OPTIONAL_SOURCES or community.of(BY_NAME[item.source])]


def _in_kinds(kind: str, kinds) -> bool:
    return not kinds or kind in kinds


def fund_matches(fund, kinds) -> bool:
    """A finances item names funds by id or by a word of their name (“党费”); the print sheet of
    a fund takes its rhythm from the item this says covers it."""
    return not kinds or any(k == fund.id or k in fund.name for k in kinds)


def _organization_dates(community: Community, item: CatalogItem) -> list[date]:
    org = community.organization
    units = visible(org.units, item.audience) if org else []
    return [p.since for u in units for p in u.committee if p.since]


def _partner_dates(community: Community, item: CatalogItem) -> list[date]:
    partners = community.partners
    shown = visible(partners.partners, item.audience) if partners else []
    return [p.agreement.signed for p in shown if p.agreement]


def _commitment_dates(community: Community, item: CatalogItem) -> list[date]:
    return [d for f in community.commitments.values() for c in visible(f.commitments, item.audience)
            for d in [c.made, *(r.date for r in c.reviews)]]


def _activity_dates(community: Community, item: CatalogItem) -> list[date]:
    return [a.date for f in community.activities.values()
            for a in visible(f.activities, item.audience) if _in_kinds(a.kind, item.kinds)]


def _notice_dates(community: Community, item: CatalogItem) -> list[date]:
    return [n.start for f in community.notices.values()
            for n in visible(f.notices, item.audience) if _in_kinds(n.kind, item.kinds)]


def _finance_dates(community: Community, item: CatalogItem) -> list[date]:
    dates = []
    for ledger in community.finances.values():
        funds = {f.id: f for f in ledger.funds if shows_fund(f, item.audience) and fund_matches(f, item.kinds)}
        dates += [e.date for e in ledger.entries
                  if e.fund in funds and shows_entry(e, funds[e.fund], item.audience)]
    return dates


def _service_dates(community: Community, item: CatalogItem) -> list[date]:
    return [s.date for f in community.service.values() for s in visible(f.services, item.audience)]


def _deliberation_dates(community: Community, item: CatalogItem) -> list[date]:
    """A 议事 is published when it is held and again when residents hear the result."""
    return [day for f in community.deliberations.values() for d in visible(f.deliberations, item.audience)
            for day in (d.date, d.feedback.date if d.feedback else None) if day]


def _late_feedback(community: Community, item: CatalogItem, today: date, last: date | None) -> CatalogItemState | None:
    """A 议事 item is behind when a decision was not reported back within five working days: the
    day the earliest such feedback was due."""
    late = [s.feedback_due for f in community.deliberations.values()
            for d in visible(f.deliberations, item.audience)
            if (s := deliberation_state(d, today)).state == OVERDUE]
    return CatalogItemState(item, last, True, min(late)) if late else None


def _list_dates(community: Community, item: CatalogItem) -> list[date]:
    """三张清单 are updated whenever a need is raised or claimed, a resource offered, a project moves on."""
    dates = []
    for f in community.lists.values():
        dates += [d for n in visible(f.needs, item.audience) for d in (n.raised, n.claimed, n.fulfilled) if d]
        dates += [r.offered for r in visible(f.resources, item.audience) if r.offered]
        dates += [s.date for p in visible(f.projects, item.audience) for s in p.stages]
    return dates


def _rota_dates(community: Community, item: CatalogItem) -> list[date]:
    """A month's rota counts for that month: a dated duty on its day, a weekly one from the 1st."""
    return [d.date or date(year, d.month_of, 1)
            for year, f in community.rota.items() for d in visible(f.duties, item.audience)]


DATES_BY_SOURCE = {
    "organization": _organization_dates, "partners": _partner_dates, "commitments": _commitment_dates,
    "activities": _activity_dates, "notices": _notice_dates, "finances": _finance_dates,
    "service": _service_dates,  # 网格 carry no date: their item is 固定, updated when they change
    "deliberations": _deliberation_dates,
    "lists": _list_dates,
    "rota": _rota_dates,
}


def published_dates(community: Community, item: CatalogItem, today: date) -> list[date]:
    """Dates on which the item's records were published, up to today."""
    dates = DATES_BY_SOURCE.get(item.source, lambda *_: [])(community, item)
    return [d for d in dates if d <= today]


def item_state(community: Community, item: CatalogItem, today: date) -> CatalogItemState:
    dates = published_dates(community, item, today)
    last = max(dates, default=None)
    late = _late_feedback(community, item, today, last) if item.source == "deliberations" else None
    if late is not None:
        return late
    if item.rhythm != "定期" or item.period is None:  # the model gives every 定期 item a period
        return CatalogItemState(item, last, False, None)
    first_year = min(community.all_years(), default=today.year)
    info = community.info
    since = info.records_since if info else None
    missed = last_full_period(today, item.period)
    judged = missed.year >= first_year and (since is None or missed.start >= since)
    if judged and not any(missed.contains(d) for d in dates):
        return CatalogItemState(item, last, True, missed.end, missed)
    current = period_of(today, item.period)
    due = current.next().end if any(current.contains(d) for d in dates) else current.end
    return CatalogItemState(item, last, False, due)


def catalog_status(community: Community, today: date) -> list[CatalogItemState]:
    return [item_state(community, item, today) for item in catalog_items(community)]


def shown_catalog_status(community: Community, today: date, audience: str) -> list[CatalogItemState]:
    """The items a site of ``audience`` lists on 公开目录, and counts anywhere else (the portal):
    a members-only item behind its rhythm must not show up as a number on the public portal."""
    return [s for s in catalog_status(community, today) if shows(s.item, audience)]
