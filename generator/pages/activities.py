"""活动: an index of years, and one page per year grouped by month, filterable by kind."""
from __future__ import annotations

from generator.pages import render
from generator.pages.changes import freshness
from generator.views import activities as view


def pages(ctx) -> dict[str, str]:
    years = ctx.years("activities")
    out = {"activities/index.md": render(
        "activities_index.md.j2", years=[(y, view.year_activities(ctx.community, y, ctx.audience)) for y in years],
        **ctx.as_dict())}
    partners = ctx.community.single("partners")
    partner_names = {p.id: p.name for p in partners.partners} if partners else {}
    for year in years:
        items = view.year_activities(ctx.community, year, ctx.audience)
        out[f"activities/{year}.md"] = render(
            "activities_year.md.j2", year=year, **freshness(ctx, "activities", year),
            months=view.by_month(items), groups=view.GROUP_ORDER,
            group_of=view.KIND_GROUPS, partner_names=partner_names, **ctx.as_dict())
    return out
