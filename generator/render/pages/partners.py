"""共建: each co-building unit, its agreement and the joint activities."""
from __future__ import annotations

from generator.render.pages import render
from generator.render.pages.changes import freshness
from generator.views.activities import link, with_partner
from generator.privacy.audience import visible


def pages(ctx) -> dict[str, str]:
    partners = ctx.community.single("partners")
    items = visible(partners.partners, ctx.audience) if partners else []
    rows = [(p, with_partner(ctx.community, p.id, ctx.audience)) for p in items]
    return {"partners/index.md": render(
        "partners.md.j2", rows=rows, activity_link=lambda a: link(ctx.community, a), **freshness(ctx, "partners"),
        **ctx.as_dict())}
