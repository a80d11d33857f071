"""Ids are unique per kind, and every reference (unit, member, fund, partner, owner) resolves."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from generator.load.dataset import Community
from generator.privacy.audience import shows
from generator.problems import Problem, messages
from generator.records.base import Place
from generator.records.finances import BalanceCheck, Entry, Project


class _WithId(Protocol):
    """A record with an id (units, members, funds, …): they share no base class but this."""

    @property
    def id(self) -> str: ...

    def src_of(self, field: str) -> Place: ...

messages.add({
    "members-only-reference": (
        "公开的{kind_zh}写了仅党内公开的{target_zh}“{value}”：公开网站会显示这条{kind_zh}，却不能显示“{value}”。"
        "请把这条{kind_zh}也设为 audience: members，或从“{key}”里删掉“{value}”，或把那个{target_zh}改为公开。",
        "a public {kind} names the members-only {target} '{value}' in '{key}': make the {kind} members-only too, "
        "remove '{value}', or publish the {target}.",
    ),
})


def duplicate_ids(kind: str, records: Iterable[_WithId], kind_zh: str | None = None) -> list[Problem]:
    """Every record whose id an earlier one already has, reported where it repeats and naming the
    first. Each record kind's checks use this one (``kind_zh`` when the kind is not in KINDS_ZH)."""
    seen: dict[str, _WithId] = {}
    found = []
    for record in records:
        if record.id in seen:
            file, line, col = record.src_of("id")
            params = {"kind": kind, "id": record.id, "first": "{}:{}".format(*seen[record.id].src_of("id")[:2])}
            found.append(Problem("duplicate-id", file, line, col, path="id",
                                 params={**params, "kind_zh": kind_zh} if kind_zh else params))
        else:
            seen[record.id] = record
    return found


def _missing(record, field: str, value: str, kind: str) -> Problem:
    file, line, col = record.src_of(field)
    return Problem("unknown-reference", file, line, col, path=field,
                   params={"key": field, "value": value, "kind": kind})


def collect(community: Community) -> dict[str, list]:
    """Every record with an id, per kind, across all years."""
    org = community.organization
    members = community.members
    partners = community.partners
    return {
        "unit": org.units if org else [],
        "post": org.posts if org else [],
        "member": members.members if members else [],
        "partner": partners.partners if partners else [],
        "commitment": [c for f in community.commitments.values() for c in f.commitments],
        "activity": [a for f in community.activities.values() for a in f.activities],
        "notice": [n for f in community.notices.values() for n in f.notices],
    }


def check(community: Community, today=None) -> list[Problem]:
    kinds = collect(community)
    problems = [p for kind, records in kinds.items() for p in duplicate_ids(kind, records)]
    ids = {kind: {r.id for r in records} for kind, records in kinds.items()}
    problems += _organization_refs(kinds, ids)
    problems += _record_refs(kinds, ids)
    problems += _finance_refs(community)
    problems += _photos(community, kinds["activity"])
    return problems


def _organization_refs(kinds, ids) -> list[Problem]:
    found = []
    for unit in kinds["unit"]:
        if unit.parent and unit.parent not in ids["unit"]:
            found.append(_missing(unit, "parent", unit.parent, "unit"))
        for person in unit.committee:
            if person.member and person.member not in ids["member"]:
                found.append(_missing(person, "member", person.member, "member"))
    found += _cycles(kinds["unit"])
    for post in kinds["post"]:
        if post.unit and post.unit not in ids["unit"]:
            found.append(_missing(post, "unit", post.unit, "unit"))
    for member in kinds["member"]:
        if member.unit not in ids["unit"]:
            found.append(_missing(member, "unit", member.unit, "unit"))
        found += [_missing(member, "posts", p, "post") for p in member.posts if p not in ids["post"]]
    for partner in kinds["partner"]:
        if partner.paired_unit and partner.paired_unit not in ids["unit"]:
            found.append(_missing(partner, "paired_unit", partner.paired_unit, "unit"))
    return found


def _cycles(units) -> list[Problem]:
    parent = {u.id: u.parent for u in units}
    found = []
    for unit in units:
        seen, current = set(), unit.id
        while current in parent and parent[current]:
            if current in seen:
                file, line, col = unit.src_of("parent")
                found.append(Problem("unit-cycle", file, line, col, path="parent", params={"id": unit.id}))
                break
            seen.add(current)
            current = parent[current]
    return found


def _record_refs(kinds, ids) -> list[Problem]:
    found = []
    for c in kinds["commitment"]:
        if c.owner not in ids["unit"] and c.owner not in ids["member"]:
            found.append(_missing(c, "owner", c.owner, "owner"))
    for a in kinds["activity"]:
        if a.unit not in ids["unit"]:
            found.append(_missing(a, "unit", a.unit, "unit"))
        found += [_missing(a, "partners", p, "partner") for p in a.partners if p not in ids["partner"]]
    members_only = {p.id for p in kinds["partner"] if not shows(p, "public")}
    for a in kinds["activity"]:
        if shows(a, "public"):
            found += [_members_only(a, "partners", p, "activity", "partner") for p in a.partners if p in members_only]
    return found


def _members_only(record, field: str, value: str, kind: str, target: str) -> Problem:
    """A public record naming a members-only one: the public page would print its id or name."""
    file, line, col = record.src_of(field)
    return Problem("members-only-reference", file, line, col, path=field, params={
        "key": field, "value": value, "kind": kind, "target": target,
        "target_zh": {"partner": "共建单位"}.get(target, target)})


def _finance_refs(community: Community) -> list[Problem]:
    found = []
    for ledger in community.finances.values():
        funds = {f.id for f in ledger.funds}
        found += duplicate_ids("fund", ledger.funds) + duplicate_ids("project", ledger.projects)
        projects = {p.id for p in ledger.projects}
        loaded = community.sources[ledger.src[0]]  # the file the ledger was read from
        for fund_id in ledger.opening:
            if fund_id not in funds:
                line, col = loaded.mark(("opening", fund_id), prefer_key=True)
                found.append(Problem("unknown-reference", ledger.src[0], line, col, path=f"opening.{fund_id}",
                                     params={"key": "opening", "value": fund_id, "kind": "fund"}))
        with_fund: list[Entry | BalanceCheck | Project] = [*ledger.entries, *ledger.checks, *ledger.projects]
        for record in with_fund:
            if record.fund not in funds:
                found.append(_missing(record, "fund", record.fund, "fund"))
        for entry in ledger.entries:
            if entry.project and entry.project not in projects:
                found.append(_missing(entry, "project", entry.project, "project"))
    return found


def _photos(community: Community, activities) -> list[Problem]:
    folder = community.root / "photos"
    found = []
    for activity in activities:
        for photo in activity.photos:
            if "/" in photo or "\\" in photo or photo.startswith(".") or not (folder / photo).is_file():
                file, line, col = activity.src_of("photos")
                found.append(Problem("missing-photo", file, line, col, path="photos", params={"value": photo}))
    return found
