"""organization.json, shaped after Popolo (https://www.popoloproject.com/): organizations, persons,
memberships, posts.

A person here has an id and a name, nothing else: the name as this site shows it (an ordinary
member masked 张*明 on the public site; committee members and post holders in full). Members
are identified by their roster id; a committee member not linked to a roster entry this site
shows gets an id of its own (``<unit>-committee-<n>``), so no hidden record's id leaks. A member of
a members-only unit is a member of the unit shown above it (see ``views.organization.shown_units``).
"""
from __future__ import annotations

from generator.records.kinds import BY_NAME
from generator.render.opendata.common import community_ref, iso, site_link
from generator.views.organization import post_holders, roster, shown_units, unit_tree

MEMBER_ROLE = "党员"


def organization_records(ctx, units) -> list[dict]:
    shown = {u.id for u in units}
    return [{"id": u.id, "name": u.name, "classification": u.kind,
             "parent_id": u.parent if u.parent in shown else None,
             "url": site_link(ctx, BY_NAME["organization"].link(u.id))} for u in units]


def _committee_person(unit, index: int, person, members_by_id: dict, members_by_name: dict) -> str:
    """The roster id of a committee member when it is known (linked, or one shown member of that name)."""
    if person.member in members_by_id:
        return person.member
    same_name = members_by_name.get(person.name, [])
    return same_name[0] if len(same_name) == 1 else f"{unit.id}-committee-{index}"


def membership(person_id: str, organization_id: str | None, role: str, *, post_id: str | None = None,
               duties: str | None = None, start_date=None) -> dict:
    """Every membership has the same fields, null where they do not apply."""
    return {"person_id": person_id, "organization_id": organization_id, "post_id": post_id, "role": role,
            "duties": duties, "start_date": iso(start_date)}


def document(ctx) -> dict:
    units = [node.unit for node in unit_tree(ctx.community, ctx.audience)]
    members = roster(ctx.community, ctx.audience)
    persons = {m.id: ctx.name(m.name) for m in members}
    folded = shown_units(ctx.community, ctx.audience)  # a members-only unit's members count under its parent
    memberships = [membership(m.id, folded[m.unit], MEMBER_ROLE) for m in members if folded.get(m.unit)]
    memberships += _committees(ctx, units, members, persons)
    posts = []
    for post, holders in post_holders(ctx.community, ctx.audience):
        unit_id = post.unit if post.unit in ctx.units else None
        posts.append({"id": post.id, "label": post.name, "organization_id": unit_id, "duties": post.duties,
                      "url": site_link(ctx, BY_NAME["organization"].link(post.id))})
        memberships += [membership(m.id, unit_id, post.name, post_id=post.id) for m in holders]
    return {
        "community": community_ref(ctx),
        "note": "按 Popolo 格式整理；persons 只有编号和姓名，普通党员姓名按网站设置部分遮挡。",
        "organizations": organization_records(ctx, units),
        "persons": [{"id": pid, "name": name} for pid, name in persons.items()],
        "memberships": memberships,
        "posts": posts,
    }


def _committees(ctx, units, members, persons: dict[str, str]) -> list[dict]:
    """The committee memberships; committee members not yet in ``persons`` are added to it."""
    by_id = {m.id: m for m in members}
    by_name: dict[str, list[str]] = {}
    for m in members:
        by_name.setdefault(m.name, []).append(m.id)
    found = []
    for unit in units:
        for index, person in enumerate(unit.committee, start=1):
            pid = _committee_person(unit, index, person, by_id, by_name)
            persons.setdefault(pid, ctx.name(person.name))
            found.append(membership(pid, unit.id, person.role, duties=person.duties, start_date=person.since))
    return found
