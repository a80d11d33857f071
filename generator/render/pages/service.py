"""双报到: each year's service by 在职党员 who report to the community, per member in roster
order (never ranked by hours), with the community's totals. Written only when there are records."""
from __future__ import annotations

from generator.render.pages import render
from generator.render.pages.changes import last_changed
from generator.views.service import service_years


def pages(ctx) -> dict[str, str]:
    if not ctx.community.service:
        return {}
    years = service_years(ctx.community, ctx.audience)
    names = {t.member.id: t.member.name for year in years for t in year.tallies}  # masked by the template
    return {"service/index.md": render("service.md.j2", years=years, names=names, **_freshness(ctx),
                                       **ctx.as_dict())}


def _freshness(ctx) -> dict:
    """Every year's file is on this one page: its "最后更新" is the latest change of any of them."""
    days = [last_changed(ctx, "service", year) for year in ctx.community.service]
    return {"updated": max(filter(None, days), default=None), "changes_link": "../changes/"}
