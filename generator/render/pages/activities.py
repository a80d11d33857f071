"""活动: an index of years, and one page per year grouped by month, filterable by kind.

A busy year (views.activities.SPLIT_ABOVE) gets one page per month instead, and its year page
becomes an index of months that still answers old links (activities/2026/#a2026-0110): each
month's link carries the ids it holds (data-ids), and theme/assets/dangwu-activities.js moves
such a link on to the month page."""
from __future__ import annotations

from generator.render.pages import render
from generator.render.pages.changes import freshness
from generator.views import activities as view


def pages(ctx) -> dict[str, str]:
    years = ctx.years("activities")
    out = {"activities/index.md": render(
        "activities_index.md.j2", years=[(y, view.year_activities(ctx.community, y, ctx.audience)) for y in years],
        **ctx.as_dict())}
    partners = ctx.community.partners
    shared = {"groups": view.GROUP_ORDER, "group_of": view.KIND_GROUPS,
              "partner_names": {p.id: p.name for p in partners.partners} if partners else {}}
    for year in years:
        months = view.by_month(view.year_activities(ctx.community, year, ctx.audience))
        updated = freshness(ctx, "activities", year)
        if not view.is_split(ctx.community, year):
            out[f"activities/{year}.md"] = render(
                "activities_year.md.j2", year=year, **updated, months=months, split=False, up="../../",
                **shared, **ctx.as_dict())
            continue
        out[f"activities/{year}.md"] = render(
            "activities_months.md.j2", year=year, **updated, months=months, **ctx.as_dict())
        for month, items in months:
            out[f"activities/{year}/{month:02d}.md"] = render(
                "activities_year.md.j2", year=year, month=month, **{**updated, "changes_link": "../../../changes/"},
                months=[(month, items)], split=True, up="../../../", **shared, **ctx.as_dict())
    return out
