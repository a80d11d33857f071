"""partners.json: the co-building units this site shows, their agreements and joint activities.

The partner's contact number is left out, as on the partners page.
"""
from __future__ import annotations

from generator.render.opendata.common import community_ref, iso, site_link
from generator.views.activities import with_partner, year_activities
from generator.privacy.audience import visible


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
        "url": site_link(ctx, f"partners/#{p.id}"),
    }


def joint_activity_ids(ctx) -> dict[str, list[str]]:
    """Partner id → the ids of the shown activities held with it, in with_partner's order: the
    activities read once for all partners, not once per partner."""
    joint: dict[str, list[str]] = {}
    for year in sorted(ctx.community.years("activities")):
        for activity in year_activities(ctx.community, year, ctx.audience):
            for partner in dict.fromkeys(activity.partners):  # listed twice, counted once
                joint.setdefault(partner, []).append(activity.id)
    return joint


def document(ctx) -> dict:
    partners = ctx.community.single("partners")
    items = visible(partners.partners, ctx.audience) if partners else []
    joint = joint_activity_ids(ctx) if items else {}
    return {"community": community_ref(ctx),
            "partners": [partner_record(ctx, p, joint.get(p.id, [])) for p in items]}
