"""共建: each co-building unit, its agreement and the joint activities."""
from __future__ import annotations

from generator.render.pages import render
from generator.render.pages.changes import freshness
from generator.views.activities import link, partner_activities


def pages(ctx) -> dict[str, str]:
    rows = partner_activities(ctx.community, ctx.audience)
    return {"partners/index.md": render(
        "partners.md.j2", rows=rows, activity_link=lambda a: link(ctx.community, a), **freshness(ctx, "partners"),
        **ctx.as_dict())}
