"""The kiosk's slides: one idea each, from the same figures as the board (``pages.board.board``).

Pure: a PageContext in, a list of Slide out. Slides with nothing to say are left out; long
lists are cut into several slides so each fits a screen in large type. ``path`` is the page and
anchor of the public site (relative to the community's root) where a resident reads more.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from generator.pages.board import board
from generator.pages.commitments import year_commitments
from generator.views.activities import link
from generator.views.commitments import rollup_by_unit
from generator.views.people import visible

# How many rows fit on one slide in large type, in both orientations.
UNITS_PER_SLIDE = 5
COMMITTEE_PER_SLIDE = 5


@dataclass(frozen=True)
class Slide:
    kind: str  # home | notice | commitments | fund | activities | committee | contact
    title: str
    path: str  # where on the public site this continues, e.g. "notices/2026/#n2026-01"
    data: dict = field(default_factory=dict)


def chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def continued(title: str, number: int) -> str:
    return title if number == 0 else f"{title}（续）"


def home_slide(ctx) -> Slide:
    return Slide("home", ctx.info.name, "./", {"info": ctx.info})


def notice_slides(notices) -> list[Slide]:
    return [Slide("notice", notice.title, f"notices/{notice.start.year}/#{notice.id}",
                  {"notice": notice, "state": state}) for notice, state in notices]


def commitment_slides(ctx, year: int | None, total) -> list[Slide]:
    if not year or total is None or total.total == 0:
        return []
    per_unit = rollup_by_unit(ctx.community, year_commitments(ctx, year), ctx.today, ctx.audience)
    rows = [(ctx.units.get(unit, unit), r) for unit, r in per_unit.items()]
    title = f"{year}年承诺践诺"
    parts = chunks(rows, UNITS_PER_SLIDE) or [[]]
    return [Slide("commitments", continued(title, n), f"commitments/{year}/",
                  {"total": total if n == 0 else None, "rows": part, "year": year})
            for n, part in enumerate(parts)]


def fund_slides(year: int | None, ledgers) -> list[Slide]:
    return [Slide("fund", f"{year}年{ledger.fund.name}", f"finances/{year}/#{ledger.fund.id}",
                  {"ledger": ledger}) for ledger in ledgers]


def activity_slides(activities, units: dict, community) -> list[Slide]:
    if not activities:
        return []
    newest = activities[0]
    rows = [(a, units.get(a.unit, a.unit)) for a in activities]
    return [Slide("activities", "最近的活动", link(community, newest), {"rows": rows})]


def committee_slides(ctx) -> list[Slide]:
    org = ctx.community.single("organization")
    slides = []
    for unit in visible(org.units, ctx.audience) if org else []:
        for n, part in enumerate(chunks(list(unit.committee), COMMITTEE_PER_SLIDE)):
            slides.append(Slide("committee", continued(f"{unit.name}班子", n),
                                f"organization/#committee-{unit.id}", {"unit": unit, "people": part}))
    return slides


def contact_slide(ctx) -> Slide:
    return Slide("contact", "监督渠道", "./", {"info": ctx.info})


def slides(ctx) -> list[Slide]:
    """Every slide the kiosk shows, in the order it shows them."""
    figures = board(ctx)
    return [
        home_slide(ctx),
        *notice_slides(figures["notices"]),
        *commitment_slides(ctx, figures["commitment_year"], figures["commitments"]),
        *fund_slides(figures["finance_year"], figures["ledgers"]),
        *activity_slides(figures["activities"], ctx.units, ctx.community),
        *committee_slides(ctx),
        contact_slide(ctx),
    ]
