"""组织: the unit tree, committees, posts with their holders, the roster, 在职党员 by workplace."""
from __future__ import annotations

from generator.pages import render
from generator.pages.changes import freshness
from generator.views import organization as view
from generator.views.cadence import cadence

MEETING_KINDS = ["支委会", "党小组会", "支部党员大会", "党课"]


def pages(ctx) -> dict[str, str]:
    year = ctx.current_year("activities")
    grids = cadence(ctx.community, year, ctx.today) if year else []
    return {"organization/index.md": render(
        "organization.md.j2", **freshness(ctx, "organization", also=("members",)),
        tree=view.unit_tree(ctx.community, ctx.audience),
        posts=view.post_holders(ctx.community, ctx.audience),
        roster=view.roster(ctx.community, ctx.audience),
        workplaces=view.by_workplace(ctx.community, ctx.audience),
        cadence_year=year, grids=grids, meeting_kinds=MEETING_KINDS, **ctx.as_dict())}
