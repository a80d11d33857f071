"""值班表: whoever a duty names exists (and is public when the duty is), a dated duty lies in its
file's year, and nobody is on two duties at overlapping hours of the same day."""
from __future__ import annotations

from datetime import date
from itertools import combinations

from generator.checks.references import duplicate_ids
from generator.load.dataset import Community
from generator.privacy.audience import shows
from generator.problems import Problem, messages
from generator.records.rota import Duty
from generator.views.rota import holders, overlaps, shared_days

messages.add({
    "duty-wrong-year": (
        "值班日期 {date} 不在 {year} 年：这个文件只排 {year} 年的班，请改正日期，或把这条移到 rota/{other}.yml。",
        "duty date {date} is not in {year}: this file holds {year}'s rota; fix the date or move it to rota/{other}.yml.",
    ),
    "duty-overlap": (
        "{who_zh}“{who}”在 {day} 同时排了两个班：这一条 {start}-{end}，与第 {other_line} 行的“{other}”"
        "（{other_start}-{other_end}）时间重叠。请调整时间，或换人值班。",
        "{who_en} '{who}' is on two duties at once on {day}: {start}-{end} here and '{other}' on line "
        "{other_line} ({other_start}-{other_end}); change the hours or who serves.",
    ),
})

TARGET_ZH = {"post": "岗位", "member": "党员"}


def check(community: Community, today: date | None = None) -> list[Problem]:
    found = []
    for year, yearfile in sorted(community.rota.items()):
        found += [p for duty in yearfile.duties for p in _year(duty, year) + _references(community, duty)]
        found += _overlaps(yearfile.duties, year)
    return found + duplicate_ids("duty", [d for f in community.rota.values() for d in f.duties], "值班")




def _year(duty: Duty, year: int) -> list[Problem]:
    if duty.date is None or duty.date.year == year:
        return []
    file, line, col = duty.src_of("date")
    return [Problem("duty-wrong-year", file, line, col, path="date",
                    params={"date": str(duty.date), "year": year, "other": duty.date.year})]


def _known(community: Community) -> dict[str, dict]:
    """(kind → id → record) of posts and members a duty may name."""
    org, members = community.organization, community.members
    return {"post": {p.id: p for p in org.posts} if org else {},
            "member": {m.id: m for m in members.members} if members else {}}


def _references(community: Community, duty: Duty) -> list[Problem]:
    known, found = _known(community), []
    for kind, ident in holders(duty):
        field = "posts" if kind == "post" else "members"
        file, line, col = duty.src_of(field)
        record = known[kind].get(ident)
        if record is None:
            found.append(Problem("unknown-reference", file, line, col, path=field,
                                 params={"key": field, "value": ident, "kind": kind}))
        elif shows(duty, "public") and not shows(record, "public"):
            found.append(Problem("members-only-reference", file, line, col, path=field, params={
                "key": field, "value": ident, "kind": "duty", "kind_zh": "值班", "target": kind,
                "target_zh": TARGET_ZH[kind]}))
    return found


def _overlaps(duties: list[Duty], year: int) -> list[Problem]:
    found = []
    for first, second in combinations(duties, 2):
        shared = set(holders(first)) & set(holders(second))
        if not shared or not overlaps(first, second):
            continue
        days = shared_days(first, second, year)
        if days:
            kind, ident = sorted(shared)[0]
            found.append(_overlap(second, first, kind, ident, days[0]))
    return found


def _overlap(duty: Duty, other: Duty, kind: str, ident: str, day: date) -> Problem:
    file, line, col = duty.src_of("start")
    return Problem("duty-overlap", file, line, col, path="start", params={
        "who_zh": TARGET_ZH[kind], "who_en": kind, "who": ident, "day": str(day),
        "start": duty.start, "end": duty.end, "other": other.id, "other_line": other.src[1],
        "other_start": other.start, "other_end": other.end})
