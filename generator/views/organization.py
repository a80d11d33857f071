"""The unit tree, committees, posts with their holders, the roster and 在职党员 by workplace."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from generator.dataset import Community
from generator.views.people import visible


@dataclass(frozen=True)
class UnitNode:
    unit: object
    depth: int
    members: int


def unit_tree(community: Community, audience: str) -> list[UnitNode]:
    """Units in tree order (parent before children), with how many members each holds."""
    units = visible(community.single("organization").units, audience)
    counts = _member_counts(community, audience)
    children = defaultdict(list)
    ids = {u.id for u in units}
    for unit in units:
        children[unit.parent if unit.parent in ids else None].append(unit)
    ordered: list[UnitNode] = []

    def total(unit_id) -> int:
        """Members of a unit and of every unit under it (a 支部 counts its 党小组)."""
        return counts.get(unit_id, 0) + sum(total(child.id) for child in children[unit_id])

    def walk(parent, depth):
        for unit in children[parent]:
            ordered.append(UnitNode(unit, depth, total(unit.id)))
            walk(unit.id, depth + 1)
    walk(None, 0)
    return ordered


def _member_counts(community: Community, audience: str) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for member in roster(community, audience):
        counts[member.unit] += 1
    return counts


def roster(community: Community, audience: str) -> list:
    members = community.single("members")
    return visible(members.members, audience) if members else []


def post_holders(community: Community, audience: str) -> list[tuple[object, list]]:
    posts = visible(community.single("organization").posts, audience)
    people = roster(community, audience)
    return [(post, [m for m in people if post.id in m.posts]) for post in posts]


def by_workplace(community: Community, audience: str) -> list[tuple[str, list]]:
    """在职报到 members grouped by where they work (双报到)."""
    groups: dict[str, list] = defaultdict(list)
    for member in roster(community, audience):
        if member.category == "在职报到":
            groups[member.workplace].append(member)
    return sorted(groups.items())


def unit_names(community: Community, audience: str = "members") -> dict[str, str]:
    """Unit names the given site may show (members-only units are absent from the public one)."""
    org = community.single("organization")
    return {u.id: u.name for u in visible(org.units, audience)} if org else {}


def owner_name(community: Community, owner: str, name_of, audience: str = "public") -> str:
    """A commitment's owner as shown: a unit's name, or a member's (masked) name."""
    units = unit_names(community, audience)
    if owner in units:
        return units[owner]
    for member in roster(community, audience):
        if member.id == owner:
            return name_of(member.name)
    return "本社区党组织"


def unit_of_owner(community: Community, owner: str) -> str:
    if owner in unit_names(community):
        return owner
    for member in roster(community, "members"):
        if member.id == owner:
            return member.unit
    return owner
