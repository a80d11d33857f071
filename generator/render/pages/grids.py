"""网格: per building, its grid and whom to contact (names as the community masks them, office
phones only); then each grid's 定格、定人、定责. Written only for a community that keeps grids.yml."""
from __future__ import annotations

from generator.render.pages import render
from generator.render.pages.changes import freshness
from generator.views.grids import buildings, grid_cards


def pages(ctx) -> dict[str, str]:
    if ctx.community.grids is None:
        return {}
    cards = grid_cards(ctx.community, ctx.audience)
    return {"grids/index.md": render("grids.md.j2", cards=cards, rows=buildings(cards),
                                     **freshness(ctx, "grids"), **ctx.as_dict())}
