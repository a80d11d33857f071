"""网格: each building in one grid only, and the members and posts a grid names exist (and are public when it is)."""
from __future__ import annotations

from datetime import date

from generator.checks.placeholders import MARK
from generator.checks.references import duplicate_ids
from generator.load.dataset import Community
from generator.privacy.audience import PUBLIC, shows
from generator.problems import Problem, messages
from generator.records.grids import Grid

messages.add({
    "grid-building-twice": (
        "楼栋“{building}”已经划在网格“{first}”里（{first_at}）：一栋楼只能属于一个网格，"
        "请从其中一个网格的 area 里删掉它；一栋楼分给两个网格时，请按单元写，如“2号楼1-3单元”“2号楼4-6单元”。",
        "building '{building}' is already in grid '{first}' ({first_at}): a building belongs to one grid; "
        "remove it from one of them, or split it by 单元.",
    ),
})


def check(community: Community, today: date | None = None) -> list[Problem]:
    grids = community.grids.grids if community.grids else []
    return duplicate_ids("grid", grids, "网格") + _buildings(community, grids) + _references(community, grids)


def building_key(building: str) -> str:
    """A building as written, without spaces: “1 号楼” and “1号楼” are the same building."""
    return "".join(building.split())




def _buildings(community: Community, grids: list[Grid]) -> list[Problem]:
    first: dict[str, tuple[Grid, int]] = {}  # building -> the grid (and line) that names it first
    found = []
    for index, grid in enumerate(grids):
        for position, building in enumerate(grid.area):
            file = grid.src[0]
            line, col = community.sources[file].mark(("grids", index, "area", position))
            key = building_key(building)
            if MARK in building:  # `dangwu new`'s template text, warned about as such, not a building
                continue
            if key not in first:
                first[key] = (grid, line)
                continue
            other, other_line = first[key]
            found.append(Problem("grid-building-twice", file, line, col, path=f"grids[{index + 1}].area[{position + 1}]",
                                 params={"building": building, "first": other.name, "first_at": f"第 {other_line} 行"}))
    return found


def _references(community: Community, grids: list[Grid]) -> list[Problem]:
    org, roster = community.organization, community.members
    posts = {p.id: p for p in org.posts} if org else {}
    members = {m.id: m for m in roster.members} if roster else {}
    found = []
    for grid in grids:
        for field, known, kind, kind_zh in (("members", members, "member", "党员"), ("posts", posts, "post", "岗位")):
            for value in getattr(grid, field):
                found += _reference(grid, field, value, known, kind, kind_zh)
    return found


def _reference(grid: Grid, field: str, value: str, known: dict, kind: str, kind_zh: str) -> list[Problem]:
    file, line, col = grid.src_of(field)
    if value not in known:
        return [Problem("unknown-reference", file, line, col, path=field,
                        params={"key": field, "value": value, "kind": kind})]
    if shows(grid, PUBLIC) and not shows(known[value], PUBLIC):  # the public page would name it
        return [Problem("members-only-reference", file, line, col, path=field, params={
            "key": field, "value": value, "kind": "grid", "kind_zh": "网格", "target": kind, "target_zh": kind_zh})]
    return []
