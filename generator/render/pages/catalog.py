"""公开目录: what this organisation publishes, how often, and when each item was last updated."""
from __future__ import annotations

from generator.privacy.audience import shows
from generator.render.pages import render
from generator.views.catalog import catalog_status


def pages(ctx) -> dict[str, str]:
    items = [s for s in catalog_status(ctx.community, ctx.today)
             if shows(s.item, ctx.audience)]
    return {"catalog/index.md": render("catalog.md.j2", items=items, **ctx.as_dict())}
