"""三张清单 that hold together: ids unique, every reference found, stages in order, a 完成 with its result.

A project names a need and a resource of any year (a need raised in December is often met in
January); a resource is offered by a partner, a unit or a post; a 微心愿 is claimed by a member
or a partner. A public record naming a members-only one is refused, as elsewhere
(``members-only-reference``): the public page would print what the other hides.
"""
from __future__ import annotations

from datetime import date

from generator.checks.references import collect, duplicate_ids
from generator.load.dataset import Community
from generator.privacy.audience import shows
from generator.problems import Problem, messages
from generator.records.lists import STAGES
from generator.views.lists import all_needs, all_projects, all_resources

messages.add({
    "list-stage-order": (
        "项目“{title}”的第 {number} 个阶段写的是“{stage}”，这里应是“{expected}”："
        "阶段按 认领 → 实施 → 完成 → 评价 的顺序写，每个阶段一条，不跳过。",
        "project '{title}': stage {number} is '{stage}', expected '{expected}' "
        "(认领 → 实施 → 完成 → 评价, one each, none skipped).",
    ),
    "list-date-order": (
        "“{what}”的{later}日期 {date} 早于{earlier}日期 {earlier_date}：请核对这两个日期。",
        "'{what}': the {later} date {date} is before the {earlier} date {earlier_date}.",
    ),
    "list-done-without-result": (
        "项目“{title}”已写“完成”阶段，却没有写结果（result）：请用一句话写明做成了什么，如“更换楼道灯 12 盏”。",
        "project '{title}' has reached 完成 but has no result: say what was done.",
    ),
})

PROVIDER = "共建单位、组织或岗位"
CLAIMER = "党员或共建单位"
OWNER = "组织或岗位"


def check(community: Community, today: date | None = None) -> list[Problem]:
    needs, resources, projects = all_needs(community), all_resources(community), all_projects(community)
    if not (needs or resources or projects):
        return []
    found = (duplicate_ids("need", needs, "需求") + duplicate_ids("resource", resources, "资源")
             + duplicate_ids("project", projects, "清单项目"))
    ids = {kind: {r.id: r for r in records} for kind, records in collect(community).items()}
    need_by_id, resource_by_id = {n.id: n for n in needs}, {r.id: r for r in resources}
    for need in needs:
        found += _claimer(need, ids) + _wish_dates(need)
    for resource in resources:
        found += _provider(resource, ids)
    for project in projects:
        found += _project_refs(project, need_by_id, resource_by_id, ids)
        found += _stages(project, need_by_id.get(project.need))
    return found




def _missing(record, field: str, value: str, kind_zh: str) -> Problem:
    file, line, col = record.src_of(field)
    return Problem("unknown-reference", file, line, col, path=field,
                   params={"key": field, "value": value, "kind": kind_zh, "kind_zh": kind_zh})


def _members_only(record, field: str, value: str, kind_zh: str, target_zh: str) -> Problem:
    file, line, col = record.src_of(field)
    return Problem("members-only-reference", file, line, col, path=field, params={
        "key": field, "value": value, "kind": kind_zh, "kind_zh": kind_zh, "target": target_zh,
        "target_zh": target_zh})


def _found_in(value: str, ids: dict, kinds: tuple[str, ...]):
    """The record of one of ``kinds`` (unit, post, member, partner) with this id, or None."""
    return next((ids[kind][value] for kind in kinds if value in ids[kind]), None)


def _public_names_hidden(record, field: str, target, kind_zh: str, target_zh: str) -> list[Problem]:
    if shows(record, "public") and not shows(target, "public"):
        return [_members_only(record, field, getattr(record, field), kind_zh, target_zh)]
    return []


def _claimer(need, ids) -> list[Problem]:
    if not need.claimer:
        return []
    target = _found_in(need.claimer, ids, ("member", "partner"))
    if target is None:
        return [_missing(need, "claimer", need.claimer, CLAIMER)]
    # A members-only member is named on the public page as “党员” only; a partner would be named.
    if need.claimer in ids["partner"]:
        return _public_names_hidden(need, "claimer", target, "微心愿", "共建单位")
    return []


def _wish_dates(need) -> list[Problem]:
    steps = [("提出", need.raised, "raised"), ("认领", need.claimed, "claimed"), ("实现", need.fulfilled, "fulfilled")]
    return _in_order(need.title, [(name, day, need.src_of(field), field) for name, day, field in steps if day])


Step = tuple[str, date, tuple[str, int, int], str]  # (what the date is, the date, where it is written, its field)


def _in_order(what: str, steps: list[Step]) -> list[Problem]:
    """Each dated step no earlier than the one before it; the later date is the one reported."""
    found = []
    for (earlier, earlier_date, _, _), (later, day, (file, line, col), field) in zip(steps, steps[1:], strict=False):
        if day < earlier_date:
            found.append(Problem("list-date-order", file, line, col, path=field, params={
                "what": what, "later": later, "date": str(day), "earlier": earlier,
                "earlier_date": str(earlier_date)}))
    return found


def _provider(resource, ids) -> list[Problem]:
    target = _found_in(resource.offered_by, ids, ("partner", "unit", "post"))
    if target is None:
        return [_missing(resource, "offered_by", resource.offered_by, PROVIDER)]
    return _public_names_hidden(resource, "offered_by", target, "资源", "共建单位、组织或岗位")


def _project_refs(project, need_by_id, resource_by_id, ids) -> list[Problem]:
    found = []
    for field, table, kind_zh in (("need", need_by_id, "需求"), ("resource", resource_by_id, "资源")):
        target = table.get(getattr(project, field))
        if target is None:
            found.append(_missing(project, field, getattr(project, field), kind_zh))
        else:
            found += _public_names_hidden(project, field, target, "清单项目", kind_zh)
    owner = _found_in(project.owner, ids, ("unit", "post"))
    if owner is None:
        found.append(_missing(project, "owner", project.owner, OWNER))
    return found


def _stages(project, need) -> list[Problem]:
    found = []
    for number, stage in enumerate(project.stages):
        expected = STAGES[number] if number < len(STAGES) else None
        if stage.stage != expected:
            file, line, col = stage.src_of("stage")
            found.append(Problem("list-stage-order", file, line, col, path="stage", params={
                "title": project.title, "number": number + 1, "stage": stage.stage,
                "expected": expected or "（没有更多阶段）"}))
    steps: list[Step] = [("需求提出", need.raised, need.src_of("raised"), "raised")] if need is not None else []
    steps += [(f"“{s.stage}”", s.date, s.src_of("date"), "date") for s in project.stages]
    found += _in_order(project.title, steps)
    if any(s.stage == "完成" for s in project.stages) and not project.result:
        file, line, col = project.src
        found.append(Problem("list-done-without-result", file, line, col, path="result",
                             params={"title": project.title}))
    return found
