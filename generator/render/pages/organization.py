"""组织: the unit tree, committees, posts with their holders, the roster, 在职党员 by workplace.

A large community (views.organization.is_split) keeps this index short: each unit under the
top unit gets a page of its own (organization/zb1/) with its committee, 三会一课 grid and
roster, and the index keeps a section per unit under the id it always had (#zb1, #committee-zb1,
#zb1-xz1), so an old link still lands on the unit, next to its 查看名单 button."""
from __future__ import annotations

from generator.render.pages import render
from generator.render.pages.changes import freshness
from generator.views import organization as view
from generator.views.cadence import UnitCadence, cadence

MEETING_KINDS = ["支委会", "党小组会", "支部党员大会", "党课"]


def pages(ctx) -> dict[str, str]:
    year = ctx.current_year("activities")
    grids = cadence(ctx.community, year, ctx.today) if year else []
    unit_pages = view.unit_pages(ctx.community, ctx.audience)
    paged = {node.unit.id: page for page in unit_pages for node in page.nodes}
    folded = view.shown_units(ctx.community, ctx.audience)
    roster = view.roster(ctx.community, ctx.audience)
    shared = {"cadence_year": year, "meeting_kinds": MEETING_KINDS, "folded": folded, **ctx.as_dict()}
    updated = freshness(ctx, "organization", also=("members",))  # reads the history: once, not per page
    out = {"organization/index.md": render(
        "organization.md.j2", **updated,
        tree=view.unit_tree(ctx.community, ctx.audience),
        posts=view.post_holders(ctx.community, ctx.audience),
        roster=roster, index_roster=[m for m in roster if folded.get(m.unit) not in paged],
        workplaces=view.by_workplace(ctx.community, ctx.audience),
        split=bool(unit_pages), unit_pages=unit_pages, page_kind=_kind_of(unit_pages), paged=paged,
        pages_by_id={page.unit.id: page for page in unit_pages},
        grids=[g for g in grids if g.unit.id not in paged],
        paged_grids=[g for g in grids if g.unit.id in paged],
        paged_gaps=[(paged[g.unit.id], g) for g in grids if g.unit.id in paged and g.gaps], **shared)}
    # each grid on its page's, in one pass
    grids_of: dict[int, list[UnitCadence]] = {id(page): [] for page in unit_pages}
    for g in grids:
        if g.unit.id in paged:
            grids_of[id(paged[g.unit.id])].append(g)
    for page in unit_pages:
        out[f"{page.link}index.md"] = render(
            "organization_unit.md.j2", **{**updated, "changes_link": "../../changes/"},
            page=page, unit=page.unit, grids=grids_of[id(page)], **shared)
    return out


def _kind_of(unit_pages) -> str:
    """What the pages are called on the index: 支部 when every one is a 党支部 (or 党总支…)."""
    kinds = {page.unit.kind for page in unit_pages}
    return kinds.pop().removeprefix("党") if len(kinds) == 1 else "下属组织"
