"""partners.json: the co-building units this site shows, their agreements and joint activities.

The partner's contact number is left out, as on the partners page.
"""
from __future__ import annotations

from generator.records.kinds import BY_NAME
from generator.render.opendata.common import community_ref, iso, site_link
from generator.views.activities import partner_activities, with_partner


def agreement_record(agreement) -> dict | None:
    if agreement is None:
        return None
    return {"signed": iso(agreement.signed), "until": iso(agreement.until), "content": agreement.content}


def partner_record(ctx, p, joint_ids: list[str] | None = None) -> dict:
    """``joint_ids``: the ids of the activities held with ``p``, when the caller has them."""
    if joint_ids is None:
        joint_ids = [a.id for a in with_partner(ctx.community, p.id, ctx.audience)]
    return {
        "id": p.id, "name": p.name, "kind": p.kind,
        "paired_unit_id": p.paired_unit if p.paired_unit in ctx.units else None,
        "paired_unit": ctx.units.get(p.paired_unit),
        "agreement": agreement_record(p.agreement),
        "activity_ids": joint_ids,
        "url": site_link(ctx, BY_NAME["partners"].link(p.id)),
    }


def document(ctx) -> dict:
    return {"community": community_ref(ctx),
            "partners": [partner_record(ctx, p, [a.id for a in joint])
                         for p, joint in partner_activities(ctx.community, ctx.audience)]}
