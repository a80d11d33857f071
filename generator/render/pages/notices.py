"""公示: open ones first with days left, then the archive by year."""
from __future__ import annotations

from generator.render.pages import render
from generator.render.pages.changes import freshness
from generator.views.board import all_notices
from generator.views.notices import by_start_year, not_closed


def pages(ctx) -> dict[str, str]:
    everything = all_notices(ctx.community, ctx.today, ctx.audience, ctx.name)
    by_year = by_start_year(everything, ctx.years("notices"))
    out = {"notices/index.md": render(
        "notices_index.md.j2", current=not_closed(everything),
        years=[(y, len(items)) for y, items in by_year.items()], **ctx.as_dict())}
    for year, items in by_year.items():
        out[f"notices/{year}.md"] = render(
            "notices_year.md.j2", year=year, items=items, **freshness(ctx, "notices", year), **ctx.as_dict())
    return out
