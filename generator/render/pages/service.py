"""双报到: each year's service by 在职党员 who report to the community. The index gives every year's
figures; a year's page its per-member tallies in roster order (never ranked by hours); a year's
records page every service with its anchor. Tallies and records are apart so that a busy year
stays a light page (10× the sample: ~60 KB of tallies and ~100 KB of records a year). Written
only when there are records."""
from __future__ import annotations

from generator.render.pages import render
from generator.render.pages.changes import last_changed
from generator.views.service import service_years


def pages(ctx) -> dict[str, str]:
    if not ctx.community.service:
        return {}
    years = service_years(ctx.community, ctx.audience)
    names = {t.member.id: t.member.name for year in years for t in year.tallies}  # masked by the template
    changed = {year: last_changed(ctx, "service", year) for year in ctx.community.service}
    out = {"service/index.md": render("service_index.md.j2", years=years, changes_link="../changes/",
                                      updated=max(filter(None, changed.values()), default=None), **ctx.as_dict())}
    for y in years:
        fresh = {"updated": changed.get(y.year)}
        out[f"service/{y.year}/index.md"] = render("service_year.md.j2", y=y, changes_link="../../changes/",
                                                   **fresh, **ctx.as_dict())
        out[f"service/{y.year}/records/index.md"] = render("service_records.md.j2", y=y, names=names,
                                                           changes_link="../../../changes/", **fresh, **ctx.as_dict())
    return out
