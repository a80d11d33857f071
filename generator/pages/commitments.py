"""承诺: per year, each commitment with owner, baseline, target, due date, progress and reviews."""
from __future__ import annotations

from generator.pages import render
from generator.pages.changes import freshness
from generator.views.commitments import commitment_state, rollup, rollup_by_unit
from generator.views.organization import owner_name, unit_of_owner
from generator.views.people import visible

STATUS_CLASS = {"已完成": "done", "进行中": "progress", "已逾期": "overdue", "未开始": "notstarted"}


def year_commitments(ctx, year: int) -> list:
    yearfile = ctx.community.years("commitments").get(year)
    return visible(yearfile.commitments, ctx.audience) if yearfile else []


def pages(ctx) -> dict[str, str]:
    years = ctx.years("commitments")
    out = {"commitments/index.md": render(
        "commitments_index.md.j2",
        years=[(y, rollup(year_commitments(ctx, y), ctx.today)) for y in years], **ctx.as_dict())}
    for year in years:
        items = year_commitments(ctx, year)
        rows = [(c, commitment_state(c, ctx.today), owner_name(ctx.community, c.owner, ctx.name, ctx.audience),
                 unit_of_owner(ctx.community, c.owner, ctx.audience)) for c in items]
        by_unit = rollup_by_unit(ctx.community, items, ctx.today, ctx.audience)
        out[f"commitments/{year}.md"] = render(
            "commitments_year.md.j2", year=year, **freshness(ctx, "commitments", year),
            rows=rows, total=rollup(items, ctx.today),
            by_unit=[(ctx.units.get(u, u), u, r) for u, r in by_unit.items()],
            status_class=STATUS_CLASS, **ctx.as_dict())
    return out
