"""Which 公开栏 sheets a community prints, in the order they are pinned: pure, no I/O.

One sheet per kind of item the board shows, read from the same views and the same
PageContext (namer, audience, build day) as the public pages, so a figure or a masked name on
paper is the one on the site. Sheets come in the catalogue's order of rhythm: 固定 items
first (they stay up), then 定期 (replaced each period), then 即时 (pinned as they happen).
Nothing on a sheet counts down ("还剩 N 个工作日" is stale the next morning): a 公示 shows its
period instead.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from generator.privacy.audience import shows
from generator.records.kinds import BY_NAME
from generator.views import activities as activity_view
from generator.views import organization as org_view
from generator.views.board import board, open_notices
from generator.views.cadence import cadence
from generator.views.catalog import catalog_items, fund_matches
from generator.views.commitments import commitment_state, rollup, year_commitments
from generator.views.organization import owner_name
from generator.views.periods import EVERY_ZH, Period, period_of

RHYTHMS = ("固定", "定期", "即时")
# The rhythm a kind of sheet has when the community's catalogue does not list its source.
DEFAULT_RHYTHM = {"organization": ("固定", None), "commitments": ("定期", "halfyear"),
                  "finances": ("定期", "quarter"), "activities": ("即时", None),
                  "notices": ("即时", None), "partners": ("即时", None)}
MEETING_KINDS = ["支委会", "党小组会", "支部党员大会", "党课"]
ACTIVITIES_PER_QUARTER_SHEET = 15  # more, and the sheet shows the current month only


@dataclass(frozen=True)
class Sheet:
    name: str  # the file name without suffix: "finances-2026-service"
    kind: str  # organization | commitments | finances | notice | activities | partners
    title: str
    rhythm: str  # 固定 | 定期 | 即时
    every: str  # "每季度" for a 定期 sheet, else ""
    published: date  # 公开时间
    path: str  # where on the public site this is read in full (relative to the community root)
    data: dict = field(default_factory=dict)

    @property
    def rhythm_label(self) -> str:
        return f"{self.rhythm}公开（{self.every}）" if self.every else f"{self.rhythm}公开"


def rhythm_of(community, source: str, matches=lambda item: True) -> tuple[str, str]:
    """(rhythm, "每季度" or "") of the first public catalogue item for ``source`` that ``matches``."""
    for item in catalog_items(community):
        if item.source == source and shows(item, "public") and matches(item):
            return item.rhythm, EVERY_ZH.get(item.period, "") if item.period else ""
    rhythm, period = DEFAULT_RHYTHM[source]
    return rhythm, EVERY_ZH[period] if period else ""


def organization_sheet(ctx) -> list[Sheet]:
    org = ctx.community.organization
    if not org:
        return []
    rhythm, every = rhythm_of(ctx.community, "organization")
    tree = org_view.unit_tree(ctx.community, ctx.audience)
    return [Sheet("organization", "organization", "组织概况和班子分工", rhythm, every, ctx.today, "organization/", {
        "tree": tree, "members": len(org_view.roster(ctx.community, ctx.audience)),
        "posts": org_view.post_holders(ctx.community, ctx.audience)})]


def commitments_sheet(ctx, year: int | None) -> list[Sheet]:
    items = year_commitments(ctx.community, year, ctx.audience) if year else []
    if not items:
        return []
    rhythm, every = rhythm_of(ctx.community, "commitments")
    rows = [(c, commitment_state(c, ctx.today), owner_name(ctx.community, c.owner, ctx.name, ctx.audience))
            for c in items]
    return [Sheet(f"commitments-{year}", "commitments", f"{year}年公开承诺践诺情况", rhythm, every, ctx.today,
                  f"commitments/{year}/", {"rows": rows, "total": rollup(items, ctx.today), "year": year})]


def finance_sheets(ctx, year: int | None, ledgers) -> list[Sheet]:
    sheets = []
    for ledger in ledgers:
        fund = ledger.fund
        rhythm, every = rhythm_of(ctx.community, "finances",
                                  lambda item, fund=fund: fund_matches(fund, item.kinds))
        sheets.append(Sheet(f"finances-{year}-{fund.id}", "finances", f"{year}年{fund.name}收支情况", rhythm, every,
                            ctx.today, BY_NAME["finances"].link(fund.id, year), {"ledger": ledger, "year": year}))
    return sheets


def notice_sheets(ctx) -> list[Sheet]:
    """Each 公示 running today, on a sheet of its own, dated the day it went up."""
    sheets = []
    for notice, state in open_notices(ctx.community, ctx.today, ctx.audience, ctx.name):
        rhythm, every = rhythm_of(ctx.community, "notices",
                                  lambda item, notice=notice: not item.kinds or notice.kind in item.kinds)
        sheets.append(Sheet(f"notice-{notice.id}", "notice", notice.title, rhythm, every, notice.start,
                            BY_NAME["notices"].link(notice.id, notice.start.year), {"notice": notice, "state": state}))
    return sheets


def activities_period(ctx) -> Period:
    """The quarter of the build day; its month alone when the quarter has more public activities
    than a sheet or two holds (a large community), so the sheet stays a summary."""
    quarter = period_of(ctx.today, "quarter")
    if len(_held_in(ctx, quarter)) > ACTIVITIES_PER_QUARTER_SHEET:
        return period_of(ctx.today, "month")
    return quarter


def _held_in(ctx, period: Period) -> list:
    return [a for a in activity_view.year_activities(ctx.community, period.year, ctx.audience)
            if period.contains(a.date) and a.date <= ctx.today]


def activities_sheet(ctx) -> list[Sheet]:
    """三会一课 (meetings held per 党支部, from the cadence view the 组织 page shows) and the
    public activities of the current quarter or month."""
    if not ctx.years("activities"):
        return []
    period = activities_period(ctx)
    shown = _held_in(ctx, period)
    months = range(period.start.month, period.end.month + 1)
    held = [(g.unit, [sum(g.grid.get(kind, {}).get(m, 0) for m in months) for kind in MEETING_KINDS])
            for g in cadence(ctx.community, period.year, ctx.today)]
    held = [(unit, counts) for unit, counts in held if any(counts)]
    if not shown and not held:
        return []
    rhythm, every = rhythm_of(ctx.community, "activities")
    name = f"activities-{period.year}-" + (f"q{period.number}" if period.kind == "quarter" else f"{period.number:02d}")
    return [Sheet(name, "activities", f"{period.label}三会一课和活动情况", rhythm, every, ctx.today,
                  f"activities/{period.year}/", {"activities": shown, "held": held,
                                                  "meeting_kinds": MEETING_KINDS, "period": period})]


def partners_sheet(ctx) -> list[Sheet]:
    rows = activity_view.partner_activities(ctx.community, ctx.audience)
    if not rows:
        return []
    rhythm, every = rhythm_of(ctx.community, "partners")
    return [Sheet("partners", "partners", "共驻共建单位和共建活动", rhythm, every, ctx.today, "partners/", {"rows": rows})]


def sheets(ctx) -> list[Sheet]:
    """Every sheet of the public board, 固定 first, then 定期, then 即时 (stable within each)."""
    figures = board(ctx.community, ctx.today, ctx.audience, ctx.name)
    found = [
        *organization_sheet(ctx),
        *commitments_sheet(ctx, figures["commitment_year"]),
        *finance_sheets(ctx, figures["finance_year"], figures["ledgers"]),
        *notice_sheets(ctx),
        *activities_sheet(ctx),
        *partners_sheet(ctx),
    ]
    return sorted(found, key=lambda sheet: RHYTHMS.index(sheet.rhythm))
