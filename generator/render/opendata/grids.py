"""grids.json: the 网格 this site shows — buildings, the people responsible (names masked as on the
grids page), their posts, duties and the office phone. Never anyone living in a building."""
from __future__ import annotations

from generator.records.kinds import BY_NAME
from generator.render.opendata.common import community_ref, site_link
from generator.views.grids import GridCard, grid_cards


def grid_record(ctx, card: GridCard) -> dict:
    grid = card.grid
    return {
        "id": grid.id, "name": grid.name, "area": list(grid.area), "posts": list(card.posts),
        "contacts": [{"member_id": c.member.id, "name": ctx.name(c.member.name), "roles": list(c.roles)}
                     for c in card.contacts],
        "duties": grid.duties, "office_phone": card.phone or None,
        "url": site_link(ctx, BY_NAME["grids"].link(grid.id)),
    }


def document(ctx) -> dict:
    return {"community": community_ref(ctx),
            "note": "office_phone 是网格工作站或社区的办公电话；网格只列楼栋和负责人，不含住户信息。",
            "grids": [grid_record(ctx, card) for card in grid_cards(ctx.community, ctx.audience)]}
