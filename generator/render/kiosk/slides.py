"""The kiosk's slides: one idea each, from the same figures as the board (``views.board.board``).

Pure: a PageContext in, a list of Slide out. Slides with nothing to say are left out.

The lobby screen is read from 3 m in a loop of 12-second slides: it shows what matters now and
sends the rest to a phone. So every list is capped, whatever the size of the community (the
benchmark's 10× community once had a 92-slide, 300 KB kiosk), and a capped list says how many
it left out ("还有 N 项", in place of the last row) next to the QR code of the page that has
them all:

* 公示: every open one, one slide each, up to NOTICE_SLIDES (then one slide "还有 N 项公示");
* 承诺: the current year's counts per status, then the overdue ones (up to OVERDUE_ROWS);
* 经费: the current year's public ledgers, one slide each, up to FUND_SLIDES;
* 活动: today's and upcoming ones (soonest first), then the most recent, ACTIVITY_ROWS lines;
* 议事: the latest decision, one slide, when its meeting was within the last month;
* 值班: today's duty (or the next one) from the rota, one slide of up to two duties ("还有 N 项值班");
* 微心愿: the open ones, oldest first, one slide of WISH_ROWS lines, when there are any;
* 双报到: the current year's totals (members, times, hours), never who served most;
* 班子: the community's own committee (its top unit) in full, up to COMMITTEE_SLIDES slides,
  then every other unit's on one row each (names and roles), up to UNIT_SLIDES slides.

``path`` is the page and anchor of the public site (relative to the community's root) where a
resident reads more.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from generator.privacy.audience import visible
from generator.records.kinds import BY_NAME
from generator.views.activities import year_activities
from generator.views.board import board
from generator.views.commitments import OVERDUE, commitment_state, year_commitments
from generator.views.deliberations import decision_text, deliberation_state, latest_decision
from generator.views.lists import lists_view, open_wishes
from generator.views.organization import unit_of_owner
from generator.views.service import year_service

# How many rows fit on one slide in large type, in both orientations.
ROWS_PER_SLIDE = 5
# The caps: how much of each list the loop shows (see the module docstring).
NOTICE_SLIDES = 6
FUND_SLIDES = 4
OVERDUE_ROWS = ROWS_PER_SLIDE
ACTIVITY_ROWS = ROWS_PER_SLIDE
COMMITTEE_SLIDES = 2  # a 党委 of up to ten
UNIT_SLIDES = 2  # the units under it, ROWS_PER_SLIDE on each
WISH_ROWS = ROWS_PER_SLIDE


@dataclass(frozen=True)
class Slide:
    # home | duty | notice | commitments | overdue | fund | activities | deliberation | wishes | service | committee
    # | units | more | contact
    kind: str
    title: str
    path: str  # where on the public site this continues, e.g. "notices/2026/#n2026-01"
    data: dict = field(default_factory=dict)


def chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def capped(items: list, limit: int) -> tuple[list, int]:
    """The first ``limit`` items and how many were left out."""
    return items[:limit], max(0, len(items) - limit)


def capped_rows(items: list, limit: int) -> tuple[list, int]:
    """Like ``capped`` for rows on a slide: when some are left out, the line "还有 N 项" takes
    the place of the last row (a slide holds ROWS_PER_SLIDE lines in large type, not one more)."""
    return (items, 0) if len(items) <= limit else capped(items, limit - 1)


def continued(title: str, number: int) -> str:
    return title if number == 0 else f"{title}（续）"


def more_slide(title: str, path: str, count: int, what: str) -> list[Slide]:
    """A slide that only says how many more there are, when there are any."""
    return [Slide("more", title, path, {"more": count, "what": what})] if count else []


def home_slide(ctx) -> Slide:
    return Slide("home", ctx.info.name, "./", {"info": ctx.info})


def notice_slides(notices) -> list[Slide]:
    shown, more = capped(notices, NOTICE_SLIDES)
    return [Slide("notice", notice.title, BY_NAME["notices"].link(notice.id, notice.start.year),
                  {"notice": notice, "state": state}) for notice, state in shown] + \
        more_slide("正在公示", "notices/", more, "项公示")


def overdue_commitments(ctx, year: int) -> list[tuple]:
    """(commitment, unit name) of the year's overdue commitments, longest overdue first. The
    unit as the public site shows it: a members-only unit is folded into the one above it."""
    late = [c for c in year_commitments(ctx.community, year, ctx.audience) if commitment_state(c, ctx.today).status == OVERDUE]
    late.sort(key=lambda c: (c.due, c.id))
    return [(c, unit_name(ctx, unit_of_owner(ctx.community, c.owner, ctx.audience))) for c in late]


def unit_name(ctx, unit: str) -> str:
    return ctx.units.get(unit, "") if unit else ""


def commitment_slides(ctx, year: int | None, total) -> list[Slide]:
    if not year or total is None or total.total == 0:
        return []
    path = BY_NAME["commitments"].page_of(year)
    slides = [Slide("commitments", f"{year}年承诺践诺", path, {"total": total})]
    rows, more = capped_rows(overdue_commitments(ctx, year), OVERDUE_ROWS)
    if rows:
        slides.append(Slide("overdue", f"{year}年已逾期的承诺", path, {"rows": rows, "more": more}))
    return slides


def fund_slides(year: int | None, ledgers) -> list[Slide]:
    shown, more = capped(list(ledgers), FUND_SLIDES)
    return [Slide("fund", f"{year}年{ledger.fund.name}", BY_NAME["finances"].link(ledger.fund.id, year),
                  {"ledger": ledger}) for ledger in shown] + \
        more_slide(f"{year}年经费收支", BY_NAME["finances"].page_of(year), more, "项经费")


def recent_first(ctx) -> list:
    """Today's and upcoming activities (soonest first), then past ones (newest first)."""
    everything = [a for y in ctx.community.activities
                  for a in year_activities(ctx.community, y, ctx.audience)]
    upcoming = sorted((a for a in everything if a.date >= ctx.today), key=lambda a: (a.date, a.id))
    recent = sorted((a for a in everything if a.date < ctx.today), key=lambda a: (a.date, a.id), reverse=True)
    return upcoming + recent


def activity_slides(ctx) -> list[Slide]:
    """The first ACTIVITY_ROWS of ``recent_first``; "还有 N 项" counts the rest of the current
    year, which is the page the QR code opens."""
    year = ctx.current_year("activities")
    candidates = recent_first(ctx) if year else []
    if not candidates:
        return []
    of_year = len(year_activities(ctx.community, year, ctx.audience))

    def left(rows):
        return max(0, of_year - sum(1 for a in rows if a.date.year == year))

    rows = candidates[:ACTIVITY_ROWS]
    if left(rows):
        rows = candidates[:ACTIVITY_ROWS - 1]
    return [Slide("activities", "近期活动", f"activities/{year}/",
                  {"rows": [(a, ctx.units.get(a.unit, a.unit)) for a in rows], "today": ctx.today,
                   "more": left(rows)})]


def top_unit(units: list):
    """The community's own 党委, 党总支 or 党支部: the first unit no shown unit is above."""
    ids = {u.id for u in units}
    return next((u for u in units if u.parent not in ids), None)


def committee_slides(ctx) -> list[Slide]:
    org = ctx.community.organization
    units = visible(org.units, ctx.audience) if org else []
    top = top_unit(units)
    slides = []
    if top is not None:
        people, left = capped_rows(list(top.committee), ROWS_PER_SLIDE * COMMITTEE_SLIDES)
        shown = chunks(people, ROWS_PER_SLIDE)
        slides = [Slide("committee", continued(f"{top.name}班子", n), f"organization/#committee-{top.id}",
                        {"unit": top, "people": part, "more": left if n == len(shown) - 1 else 0})
                  for n, part in enumerate(shown)]
    return slides + unit_slides([u for u in units if u is not top and u.committee])


def unit_slides(units: list) -> list[Slide]:
    """The committees of the units below the top, one row each (names and roles only)."""
    rows, left = capped_rows(units, ROWS_PER_SLIDE * UNIT_SLIDES)
    shown = chunks(rows, ROWS_PER_SLIDE)
    return [Slide("units", continued("各党组织班子", n), "organization/",
                  {"units": part, "more": left if n == len(shown) - 1 else 0})
            for n, part in enumerate(shown)]


def duty_slide(duty) -> list[Slide]:
    """值班: who is on duty today (or next), where and which phone to call, when a rota says."""
    if duty is None:
        return []
    return [Slide("duty", "今日值班" if duty.is_today else "近期值班", "rota/", {"duty": duty})]


def deliberation_slide(ctx) -> list[Slide]:
    """议事: the latest decision, when the meeting was recent (views.deliberations.RECENT_DAYS)."""
    latest = latest_decision(ctx.community, ctx.today, ctx.audience)
    if latest is None:
        return []
    return [Slide("deliberation", latest.topic, BY_NAME["deliberations"].link(latest.id, latest.date.year),
                  {"deliberation": latest, "decision": decision_text(latest),
                   "state": deliberation_state(latest, ctx.today)})]


def wish_slide(ctx) -> list[Slide]:
    """微心愿 waiting for someone to claim them: what residents and partners can take up today."""
    wishes = open_wishes(lists_view(ctx.community, ctx.audience)) if ctx.community.lists else []
    if not wishes:
        return []
    rows, more = capped_rows(wishes, WISH_ROWS)
    return [Slide("wishes", "待认领的微心愿", "lists/", {"rows": rows, "more": more, "info": ctx.info})]


def service_slide(ctx) -> list[Slide]:
    """双报到: the current year's totals only; names would turn the slide into a ranking."""
    year = ctx.current_year("service")
    totals = year_service(ctx.community, year, ctx.audience) if year is not None else None
    if totals is None or not totals.entries:
        return []
    return [Slide("service", f"{year}年在职党员双报到服务", f"service/{year}/",
                  {"service": totals})]


def contact_slide(ctx) -> Slide:
    return Slide("contact", "监督渠道", "./", {"info": ctx.info})


def slides(ctx) -> list[Slide]:
    """Every slide the kiosk shows, in the order it shows them."""
    figures = board(ctx.community, ctx.today, ctx.audience, ctx.name)
    return [
        home_slide(ctx),
        *duty_slide(figures["duty"]),
        *notice_slides(figures["notices"]),
        *commitment_slides(ctx, figures["commitment_year"], figures["commitments"]),
        *fund_slides(figures["finance_year"], figures["ledgers"]),
        *activity_slides(ctx),
        *deliberation_slide(ctx),
        *wish_slide(ctx),
        *service_slide(ctx),
        *committee_slides(ctx),
        contact_slide(ctx),
    ]
