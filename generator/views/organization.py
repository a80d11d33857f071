"""The unit tree, committees, posts with their holders, the roster and 在职党员 by workplace.

A large community's roster is split: each unit directly under a top unit (a 党支部 under the
党委) gets a page of its own (``unit_pages``), see ``is_split``."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from generator.load.dataset import Community
from generator.privacy.audience import sees_all, visible
from generator.records.members import Member
from generator.records.organization import Post, Unit

# Each answer below reads every unit or every member; a page asks for them once per commitment,
# so they are worked out once per community and site and kept here (issue 11: a build's cost
# grew with records × commitments). Keyed by the identity of the records they read, which are
# frozen: a reloaded or replaced file is another object, so a stale answer is never given.
# The records are held with the answer, so their ids are not reused while it is kept.
_KEPT: dict[tuple, tuple] = {}
_KEEP_AT_MOST = 32  # a few communities × sites × answers; a live preview reloads at every edit


def _once(community: Community, what: str, audience: str, work):
    """``work()`` for this community's current records and site, worked out once."""
    records = (community.organization, community.members, community.info)
    key = (what, audience, *map(id, records))
    kept = _KEPT.get(key)
    if kept is not None and all(a is b for a, b in zip(kept[0], records, strict=True)):
        return kept[1]
    value = work()
    if len(_KEPT) >= _KEEP_AT_MOST:
        _KEPT.clear()
    _KEPT[key] = (records, value)
    return value


@dataclass(frozen=True)
class UnitNode:
    unit: Unit
    depth: int
    members: int


def shown_units(community: Community, audience: str) -> dict[str, str | None]:
    """Every unit id -> the unit the given site shows for it: itself, or for a members-only unit
    the nearest ancestor the site shows (None when there is none).

    The public site folds a members-only unit into that ancestor: its members are counted and
    listed there and its children hang below it, so neither its id, its name nor its member
    count can be read from the public site, not even as a difference of two counts."""
    return dict(_shown_units(community, audience))


def _shown_units(community: Community, audience: str) -> dict[str, str | None]:
    return _once(community, "shown_units", audience, lambda: _fold_units(community, audience))


def _fold_units(community: Community, audience: str) -> dict[str, str | None]:
    org = community.organization
    units = {u.id: u for u in org.units} if org else {}
    shown = {u.id for u in visible(units.values(), audience)}

    def nearest(unit_id: str | None) -> str | None:
        seen = set()  # a cycle is reported by the references rule; here it only must not loop
        while unit_id in units and unit_id not in seen:
            if unit_id in shown:
                return unit_id
            seen.add(unit_id)
            unit_id = units[unit_id].parent
        return None
    return {unit_id: nearest(unit_id) for unit_id in units}


def unit_tree(community: Community, audience: str) -> list[UnitNode]:
    """Units in tree order (parent before children), with how many members each holds."""
    return list(_once(community, "unit_tree", audience, lambda: tuple(_unit_tree(community, audience))))


def _unit_tree(community: Community, audience: str) -> list[UnitNode]:
    org = community.organization
    units = visible(org.units, audience) if org else []
    folded = _shown_units(community, audience)
    counts = _member_counts(community, audience)
    children: dict[str | None, list[Unit]] = defaultdict(list)
    for unit in units:
        children[folded.get(unit.parent) if unit.parent is not None else None].append(unit)
    ordered: list[UnitNode] = []

    def total(unit_id: str) -> int:
        """Members of a unit and of every unit under it (a 支部 counts its 党小组)."""
        return counts.get(unit_id, 0) + sum(total(child.id) for child in children[unit_id])

    def walk(parent: str | None, depth: int) -> None:
        for unit in children[parent]:
            ordered.append(UnitNode(unit, depth, total(unit.id)))
            walk(unit.id, depth + 1)
    walk(None, 0)
    return ordered


def _member_counts(community: Community, audience: str) -> dict[str | None, int]:
    counts: dict[str | None, int] = defaultdict(int)  # None: members of no unit the site shows
    folded = _shown_units(community, audience)
    for member in _roster(community, audience):
        counts[folded.get(member.unit)] += 1
    return counts


def roster(community: Community, audience: str) -> list[Member]:
    """Members the given site lists. A member of a members-only unit is listed under the unit
    shown above it; one with no such unit is left out (its unit would be the only thing to say)."""
    return list(_roster(community, audience))


def _roster(community: Community, audience: str) -> tuple[Member, ...]:
    return _once(community, "roster", audience, lambda: tuple(_listed(community, audience)))


def _listed(community: Community, audience: str) -> list[Member]:
    members = community.members
    if not members:
        return []
    folded = _shown_units(community, audience)
    return [m for m in visible(members.members, audience) if sees_all(audience) or folded.get(m.unit)]


def _roster_by_id(community: Community, audience: str) -> dict[str, Member]:
    """Member id -> the first member of the roster with it (as a search of the roster finds)."""
    def index() -> dict[str, Member]:
        found: dict[str, Member] = {}
        for member in _roster(community, audience):
            found.setdefault(member.id, member)
        return found
    return _once(community, "roster_by_id", audience, index)


# Above this estimate of the organisation page's records (bytes of HTML) each unit under the top
# unit gets a page of its own for its roster, committee and 三会一课 grid. Measured on the 10×
# community: a roster row costs ~200 bytes, a unit ~1.4 KB on average (its tree line, committee
# table and meeting grid). The samples' largest (168 members, 19 units) is ~60 KB, an 84 KB page;
# the 10× community ~600 KB, a 634 KB page; 100 KB keeps an unsplit page under ~120 KB with
# Material's ~17 KB around it. Counted over the files, not per audience, so the public and the
# members' sites have the same pages.
ROW_BYTES = 200
UNIT_BYTES = 1_400
SPLIT_ABOVE_BYTES = 100_000


def estimated_bytes(community: Community) -> int:
    org, members = community.organization, community.members
    return (ROW_BYTES * len(members.members if members else ())
            + UNIT_BYTES * len(org.units if org else ()))


def is_split(community: Community) -> bool:
    return estimated_bytes(community) > SPLIT_ABOVE_BYTES


@dataclass(frozen=True)
class UnitPage:
    """A unit directly under a top unit, with everything below it: one page of a split roster."""
    nodes: tuple[UnitNode, ...]   # the unit first, then the units below it, in tree order
    members: tuple[Member, ...]   # the roster's members listed under one of these units

    @property
    def unit(self) -> Unit:
        return self.nodes[0].unit

    @property
    def link(self) -> str:
        """From the site root: organization/zb1/ (a folder of its own, so no id meets index.md)."""
        return f"organization/{self.unit.id}/"

    def members_of(self, unit_id: str, folded: dict) -> list[Member]:
        return [m for m in self.members if folded.get(m.unit) == unit_id]


def unit_pages(community: Community, audience: str) -> list[UnitPage]:
    """The pages of a split roster (none when the community is not split): one per unit at
    depth 1 of the tree the site shows, so a members-only unit has none on the public site."""
    if not is_split(community) or not community.organization:
        return []
    groups: list[list[UnitNode]] = []
    for node in unit_tree(community, audience):
        if node.depth == 1:
            groups.append([node])
        elif node.depth > 1:
            groups[-1].append(node)
    folded = _shown_units(community, audience)
    pages_of: dict[str | None, list[int]] = defaultdict(list)  # unit id -> the pages listing its members
    for number, nodes in enumerate(groups):
        for unit_id in {node.unit.id for node in nodes}:
            pages_of[unit_id].append(number)
    listed: list[list[Member]] = [[] for _ in groups]  # one pass over the roster, in its order
    for member in _roster(community, audience):
        for number in pages_of.get(folded.get(member.unit), ()):
            listed[number].append(member)
    return [UnitPage(tuple(nodes), tuple(members)) for nodes, members in zip(groups, listed, strict=True)]


def page_anchors(community: Community, audience: str) -> dict[str, set[str]]:
    """Organisation page (from the site root) -> the record anchors it holds for the audience.

    The index keeps every anchor it had before a split (units, committees, posts): an old link
    still lands on the unit, whose section links on to its page."""
    org = community.organization
    if not org:
        return {}
    units = visible(org.units, audience)
    anchors = {"organization/": ({u.id for u in units} | {f"committee-{u.id}" for u in units if u.committee}
                                 | {p.id for p in visible(org.posts, audience)})}
    for page in unit_pages(community, audience):
        shown = [node.unit for node in page.nodes]
        anchors[page.link] = {u.id for u in shown} | {f"committee-{u.id}" for u in shown if u.committee}
    return anchors


def post_holders(community: Community, audience: str) -> list[tuple[Post, list[Member]]]:
    org = community.organization
    posts = visible(org.posts, audience) if org else []
    holders: dict[str, list[Member]] = defaultdict(list)  # one pass over the roster, in its order
    for member in _roster(community, audience):
        for post_id in dict.fromkeys(member.posts):  # a post written twice holds its member once
            holders[post_id].append(member)
    return [(post, list(holders.get(post.id, ()))) for post in posts]


def by_workplace(community: Community, audience: str) -> list[tuple[str, list[Member]]]:
    """在职报到 members grouped by where they work (双报到)."""
    groups: dict[str, list[Member]] = defaultdict(list)
    for member in _roster(community, audience):
        if member.category == "在职报到" and member.workplace:  # the record refuses one without
            groups[member.workplace].append(member)
    return sorted(groups.items())


class ShownUnits(dict):
    """Unit id -> name, for the units a site shows (``in`` knows only those).

    ``get`` of a members-only unit's id gives the name of the unit the site shows in its place
    (or the organisation's name), never the id: templates write ``units.get(id, id)``, and that
    fallback must not print a hidden unit's id."""

    def __init__(self, names: dict[str, str], folded: dict[str, str]):
        super().__init__(names)
        self.folded = folded

    def get(self, key, default=None):
        if key in self:
            return self[key]
        return self.folded.get(key, default)


def unit_names(community: Community, audience: str = "members") -> ShownUnits:
    """Unit names the given site may show (members-only units are absent from the public one)."""
    kept = _unit_names(community, audience)
    return ShownUnits(dict(kept), dict(kept.folded))


def _unit_names(community: Community, audience: str) -> ShownUnits:
    return _once(community, "unit_names", audience, lambda: _names(community, audience))


def _names(community: Community, audience: str) -> ShownUnits:
    org = community.organization
    if not org:
        return ShownUnits({}, {})
    names = {u.id: u.name for u in visible(org.units, audience)}
    info = community.info
    whole = info.organization.name if info else ""
    folded = {unit_id: names.get(shown, whole) if shown is not None else whole
              for unit_id, shown in _shown_units(community, audience).items()
              if unit_id not in names}
    return ShownUnits(names, folded)


def owner_name(community: Community, owner: str, name_of, audience: str = "public") -> str:
    """A commitment's owner as shown: a unit's name, or a member's (masked) name."""
    units = _unit_names(community, audience)
    if owner in units:
        return units[owner]
    member = _roster_by_id(community, audience).get(owner)
    return name_of(member.name) if member is not None else "本社区党组织"


def unit_of_owner(community: Community, owner: str, audience: str = "members") -> str:
    """The unit a commitment counts under, as the given site shows it: a members-only unit is
    folded into the unit shown above it (see ``shown_units``), "" when there is none."""
    if owner in _unit_names(community, "members"):
        unit = owner
    else:
        member = _roster_by_id(community, "members").get(owner)
        unit = member.unit if member is not None else owner
    folded = _shown_units(community, audience)
    return (folded[unit] or "") if unit in folded else unit
