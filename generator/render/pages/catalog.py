"""公开目录: what this organisation publishes, how often, and when each item was last updated."""
from __future__ import annotations

from generator.render.pages import render
from generator.views.catalog import shown_catalog_status


def pages(ctx) -> dict[str, str]:
    items = shown_catalog_status(ctx.community, ctx.today, ctx.audience)
    return {"catalog/index.md": render("catalog.md.j2", items=items, **ctx.as_dict())}
