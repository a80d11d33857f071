"""双报到服务 per year: each reporting member's times and hours, and the community's totals.

Not a ranking: tallies follow the roster's order (the order members registered in members.yml),
never the hours, because ranking members by points or hours is discouraged for public boards.
Hours are Decimals written with one decimal, so every sum is exact.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.load.dataset import Community
from generator.privacy.audience import visible
from generator.records.members import Member
from generator.records.service import Service
from generator.views.organization import roster


@dataclass(frozen=True)
class Tally:
    member: Member
    workplace: str  # as the latest entry writes it, else the roster's
    times: int
    hours: Decimal


@dataclass(frozen=True)
class YearService:
    year: int
    tallies: tuple[Tally, ...]  # roster order, never by hours
    entries: tuple[Service, ...]  # by date
    times: int
    hours: Decimal

    @property
    def people(self) -> int:
        return len(self.tallies)


def shown_entries(community: Community, year: int, audience: str) -> list[Service]:
    """The year's entries the site shows: public ones of members the site lists, by date."""
    listed = {m.id for m in roster(community, audience)}
    yearfile = community.service.get(year)
    services = visible(yearfile.services, audience) if yearfile else []
    return sorted((s for s in services if s.member in listed), key=lambda s: (s.date, s.id))


def tally(member: Member, entries: list[Service]) -> Tally:
    own = [s for s in entries if s.member == member.id]
    latest = next((s.workplace for s in reversed(own) if s.workplace), None)
    return Tally(member, latest or member.workplace or "", len(own), sum((s.hours for s in own), Decimal("0.0")))


def year_service(community: Community, year: int, audience: str) -> YearService:
    entries = shown_entries(community, year, audience)
    served = {s.member for s in entries}
    tallies = tuple(tally(m, entries) for m in roster(community, audience) if m.id in served)
    return YearService(year, tallies, tuple(entries), len(entries), sum((s.hours for s in entries), Decimal("0.0")))


def service_years(community: Community, audience: str) -> list[YearService]:
    """Every year with entries the site shows, latest first."""
    years = (year_service(community, y, audience) for y in sorted(community.service, reverse=True))
    return [y for y in years if y.entries]
