"""partners.json: the co-building units this site shows, their agreements and joint activities.

The partner's contact number is left out, as on the partners page.
"""
from __future__ import annotations

from generator.opendata.common import community_ref, iso, site_link
from generator.views.activities import with_partner
from generator.views.people import visible


def agreement_record(agreement) -> dict | None:
    if agreement is None:
        return None
    return {"signed": iso(agreement.signed), "until": iso(agreement.until), "content": agreement.content}


def partner_record(ctx, p) -> dict:
    joint = with_partner(ctx.community, p.id, ctx.audience)
    return {
        "id": p.id, "name": p.name, "kind": p.kind,
        "paired_unit_id": p.paired_unit if p.paired_unit in ctx.units else None,
        "paired_unit": ctx.units.get(p.paired_unit),
        "agreement": agreement_record(p.agreement),
        "activity_ids": [a.id for a in joint],
        "url": site_link(ctx, f"partners/#{p.id}"),
    }


def document(ctx) -> dict:
    partners = ctx.community.single("partners")
    items = visible(partners.partners, ctx.audience) if partners else []
    return {"community": community_ref(ctx), "partners": [partner_record(ctx, p) for p in items]}
