"""议事 that add up: votes within the people present, a decision naming an option or 暂缓, someone
to carry it out, feedback not before the meeting, and ids used once."""
from __future__ import annotations

from datetime import date

from generator.load.dataset import Community
from generator.problems import Problem, messages
from generator.records.deliberations import POSTPONED, Deliberation

messages.add({
    "deliberation-duplicate-id": (
        "议事编号“{id}”重复（第一次在 {first}）：请换一个未用过的编号，如 d2026-05。",
        "deliberation id '{id}' is used twice (first at {first}): choose an unused id.",
    ),
    "deliberation-too-many-votes": (
        "议事“{topic}”的方案“{option}”共 {votes} 票（赞成、反对、弃权合计），多于到会的 {present} 人："
        "请核对票数，或在参会人员（participants）里补上漏记的群体。",
        "deliberation '{topic}': option '{option}' has {votes} votes, more than the {present} people present; "
        "check the votes or the participants.",
    ),
    "deliberation-bad-decision": (
        "议事“{topic}”的决定（decision）写的是“{value}”：只能写一个方案的编号（{options}），或写“暂缓”。",
        "deliberation '{topic}': decision '{value}' is neither an option id ({options}) nor 暂缓.",
    ),
    "deliberation-no-carrier": (
        "议事“{topic}”已选定方案，但没有写由谁落实：请在 carried_by 写负责落实的组织、岗位或共建单位的编号。",
        "deliberation '{topic}' chose an option but names nobody to carry it out: set carried_by.",
    ),
    "deliberation-unknown-carrier": (
        "议事“{topic}”的落实单位（carried_by）写的是“{value}”，但组织、岗位和共建单位里都没有这个编号：请核对是否写错，或先添加它。",
        "deliberation '{topic}': carried_by '{value}' is no unit, post or partner.",
    ),
    "deliberation-feedback-early": (
        "议事“{topic}”的反馈日期 {feedback} 早于议事日期 {date}：反馈是把议事结果告诉居民，请写议事当天或以后的日期。",
        "deliberation '{topic}': feedback on {feedback} is before the meeting on {date}.",
    ),
    "deliberation-feedback-undecided": (
        "议事“{topic}”还没有决定（decision），却写了反馈：请先写决定（方案编号或“暂缓”），再写向居民的反馈。",
        "deliberation '{topic}' has feedback but no decision: write the decision (an option id or 暂缓) first.",
    ),
})


def check(community: Community, today: date | None = None) -> list[Problem]:
    items = [d for held in community.deliberations.values() for d in held.deliberations]
    carriers = _carrier_ids(community)
    found = _duplicates(items)
    for d in items:
        found += _votes(d) + _decision(d, carriers) + _feedback(d)
    return found


def _carrier_ids(community: Community) -> set[str]:
    """Who may carry a decision out: the community's units and posts, and its co-building partners."""
    org, partners = community.organization, community.partners
    ids = {u.id for u in org.units} | {p.id for p in org.posts} if org else set()
    return ids | ({p.id for p in partners.partners} if partners else set())


def _problem(code: str, d, field: str, **params) -> Problem:
    file, line, col = d.src_of(field)
    return Problem(code, file, line, col, path=field, params={"topic": d.topic, **params})


def _duplicates(items: list[Deliberation]) -> list[Problem]:
    first: dict[str, Deliberation] = {}
    found = []
    for d in items:
        if d.id in first:
            found.append(_problem("deliberation-duplicate-id", d, "id", id=d.id,
                                  first="{}:{}".format(*first[d.id].src_of("id")[:2])))
        first.setdefault(d.id, d)
    return found


def _votes(d: Deliberation) -> list[Problem]:
    present = d.attendance
    found = []
    for option in d.options:
        if option.votes is not None and option.votes.total > present:
            file, line, col = option.src_of("votes")
            found.append(Problem("deliberation-too-many-votes", file, line, col, path="votes", params={
                "topic": d.topic, "option": option.id, "votes": option.votes.total, "present": present}))
    return found


def _decision(d: Deliberation, carriers: set[str]) -> list[Problem]:
    if d.carried_by is not None and d.carried_by not in carriers:
        return [_problem("deliberation-unknown-carrier", d, "carried_by", value=d.carried_by)]
    if d.decision is None:
        return []
    ids = [o.id for o in d.options]
    if d.decision != POSTPONED and d.decision not in ids:
        return [_problem("deliberation-bad-decision", d, "decision", value=d.decision,
                         options="、".join(ids) or "还没有写方案")]
    if d.decision != POSTPONED and d.carried_by is None:
        return [_problem("deliberation-no-carrier", d, "decision")]
    return []


def _feedback(d: Deliberation) -> list[Problem]:
    if d.feedback is None:
        return []
    if d.decision is None:
        return [_problem("deliberation-feedback-undecided", d, "feedback")]
    if d.feedback.date < d.date:
        file, line, col = d.feedback.src_of("date")
        return [Problem("deliberation-feedback-early", file, line, col, path="feedback.date", params={
            "topic": d.topic, "feedback": str(d.feedback.date), "date": str(d.date)})]
    return []
