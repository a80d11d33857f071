"""网格 as residents look them up: for each building, its grid, who to contact and the office phone.

Only what the site may show: members-only grids, members and posts are left out of the public
site; names are masked by the page (``PageContext.name``), never here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.load.dataset import Community
from generator.privacy.audience import visible
from generator.records.grids import Grid
from generator.records.members import Member
from generator.views.organization import roster

NUMBER_RE = re.compile(r"([0-9]+)")


@dataclass(frozen=True)
class Contact:
    member: Member
    roles: tuple[str, ...]  # the grid's posts this member holds (网格长、楼栋长…); may be none


@dataclass(frozen=True)
class GridCard:
    grid: Grid
    posts: tuple[str, ...]  # the names of the grid's posts the site shows
    contacts: tuple[Contact, ...]
    phone: str  # the grid's office phone, else the community office's


@dataclass(frozen=True)
class BuildingRow:
    building: str
    card: GridCard


def grid_cards(community: Community, audience: str) -> list[GridCard]:
    """The grids the site shows, in the file's order."""
    grids = community.grids.grids if community.grids else []
    return [_card(community, grid, audience) for grid in visible(grids, audience)]


def _card(community: Community, grid: Grid, audience: str) -> GridCard:
    org = community.organization
    posts = {p.id: p.name for p in visible(org.posts, audience)} if org else {}
    listed = {m.id: m for m in roster(community, audience)}
    contacts = tuple(Contact(listed[m], tuple(posts[p] for p in grid.posts if p in posts and p in listed[m].posts))
                     for m in grid.members if m in listed)
    office = community.info.office.phone if community.info else ""
    return GridCard(grid, tuple(posts[p] for p in grid.posts if p in posts), contacts, grid.phone or office)


def natural_key(text: str) -> tuple:
    """“2号楼” before “10号楼”: numbers compared as numbers."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in NUMBER_RE.split(text) if part)


def buildings(cards: list[GridCard]) -> list[BuildingRow]:
    """Every building of the shown grids, in natural order (1号楼, 2号楼, …, 10号楼)."""
    rows = [BuildingRow(building, card) for card in cards for building in card.grid.area]
    return sorted(rows, key=lambda row: natural_key(row.building))
