"""Who is named in full and who is masked, on which site.

Committee members, post holders and people named in a 公示 are public by role and shown in
full; every other member is shown as the community's masking setting says (张*明 by default).
The members' site shows everyone in full.
"""
from __future__ import annotations

from generator.dataset import Community
from generator.privacy import mask_name


def public_by_role(community: Community) -> set[str]:
    names = set()
    org = community.single("organization")
    if org:
        names |= {person.name for unit in org.units for person in unit.committee}
    members = community.single("members")
    if members:
        names |= {m.name for m in members.members if m.posts}
    for notices in community.years("notices").values():
        names |= {person for notice in notices.notices for person in notice.people}
    return names


def namer(community: Community, audience: str):
    """A function giving the name as the given site may show it."""
    if audience == "members":
        return lambda name: name
    mode = community.single("community").masking
    full = public_by_role(community)
    return lambda name: name if name in full else mask_name(name, mode)


def visible(records, audience: str) -> list:
    """Records the given site may show: the public site drops members-only ones."""
    return [r for r in records if audience == "members" or getattr(r, "audience", "public") != "members"]
