"""三张清单 on a given site: where each need stands, how long it took, what each partner gave.

Pure functions over the records (no I/O). A need is 待认领 until a 微心愿's claimer or a project
claims it, 已认领 while that is under way, and 已完成 once the wish is fulfilled or a project
for it reaches 完成. Time from raised to done is counted in working days by the State Council
schedule (``views.workdays``, 调休 included), both days counted, as 公示 are.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.privacy.audience import visible
from generator.records.lists import Need, Project, Resource
from generator.views.workdays import workdays_between

OPEN, CLAIMED, DONE = "open", "claimed", "done"
LABELS = {OPEN: "待认领", CLAIMED: "已认领", DONE: "已完成"}


@dataclass(frozen=True)
class NeedState:
    state: str  # open | claimed | done
    label: str  # 待认领、已认领、已完成
    claimed: date | None  # the day it was claimed (a wish's claim, a project's 认领)
    done: date | None  # the day a wish was fulfilled or a project reached 完成
    workdays: int | None  # working days from raised to done, both included; None while not done


def all_needs(community) -> list[Need]:
    return [n for f in community.lists.values() for n in f.needs]


def all_resources(community) -> list[Resource]:
    return [r for f in community.lists.values() for r in f.resources]


def all_projects(community) -> list[Project]:
    return [p for f in community.lists.values() for p in f.projects]


def stage_date(project: Project, stage: str) -> date | None:
    return next((s.date for s in project.stages if s.stage == stage), None)


def current_stage(project: Project) -> str:
    """The last stage the project reached, or 待认领 before any."""
    return project.stages[-1].stage if project.stages else "待认领"


def need_state(need: Need, projects: list[Project]) -> NeedState:
    """Where ``need`` stands, from its own claim (a wish) and the ``projects`` naming it."""
    mine = [p for p in projects if p.need == need.id]
    claims = [d for d in [need.claimed, *(stage_date(p, "认领") for p in mine)] if d]
    dones = [d for d in [need.fulfilled, *(stage_date(p, "完成") for p in mine)] if d]
    claimed, done = min(claims, default=None), min(dones, default=None)
    if done is not None:
        return NeedState(DONE, LABELS[DONE], claimed, done, workdays_between(need.raised, done))
    state = CLAIMED if claimed or mine else OPEN
    return NeedState(state, LABELS[state], claimed, None, None)


@dataclass(frozen=True)
class ListsView:
    """The three lists as one site shows them, every year together (a project may meet a need of
    the year before)."""
    needs: list[tuple[Need, NeedState]]
    resources: list[Resource]
    projects: list[Project]

    def of_state(self, state: str, wishes: bool | None = None) -> list[tuple[Need, NeedState]]:
        """Needs in ``state``; only wishes (True), only other needs (False), or both (None)."""
        return [(n, s) for n, s in self.needs if s.state == state and (wishes is None or (n.kind == "微心愿") == wishes)]

    def counts(self) -> dict[str, int]:
        return {state: len(self.of_state(state)) for state in LABELS}

    def average_workdays(self) -> int | None:
        """The mean working days from raised to done over the needs done, rounded; None when none is."""
        days = [s.workdays for _, s in self.needs if s.workdays is not None]
        return round(sum(days) / len(days)) if days else None


def lists_view(community, audience: str, year: int | None = None) -> ListsView:
    """What the site of ``audience`` shows: every year's lists, or one ``year``'s file."""
    files = [community.lists[year]] if year is not None else [community.lists[y] for y in sorted(community.lists)]
    projects = visible(all_projects(community), audience)  # any year's project may settle a need
    needs = [n for f in files for n in visible(f.needs, audience)]
    needs.sort(key=lambda n: (n.raised, n.id))
    return ListsView(
        needs=[(n, need_state(n, projects)) for n in needs],
        resources=[r for f in files for r in visible(f.resources, audience)],
        projects=[p for f in files for p in visible(f.projects, audience)],
    )


@dataclass(frozen=True)
class Contribution:
    """What one co-building unit gave through the lists."""
    partner: object  # the Partner record
    resources: list[Resource]
    projects: list[Project]  # projects using one of its resources
    wishes: list[Need]  # 微心愿 it claimed

    @property
    def total(self) -> int:
        return len(self.resources) + len(self.projects) + len(self.wishes)


def partner_contributions(community, view: ListsView, audience: str) -> list[Contribution]:
    """Per partner the site shows, in partners.yml's order, what it contributed; partners that gave
    nothing through the lists are left out."""
    partners = visible(community.partners.partners, audience) if community.partners else []
    out = []
    for partner in partners:
        resources = [r for r in view.resources if r.offered_by == partner.id]
        offered = {r.id for r in resources}
        contribution = Contribution(
            partner, resources, [p for p in view.projects if p.resource in offered],
            [n for n, _ in view.needs if n.kind == "微心愿" and n.claimer == partner.id])
        if contribution.total:
            out.append(contribution)
    return out


def open_wishes(view: ListsView) -> list[Need]:
    """微心愿 nobody has claimed yet, oldest first: what the kiosk asks residents' help for."""
    return [n for n, _ in view.of_state(OPEN, wishes=True)]


def claimer_label(community, claimer: str | None, name, audience: str) -> str:
    """Who claimed a wish, as the site may show it: a partner by its name, a member as ``name``
    (the community's masking rule) gives it, a member the site does not show as “党员” only."""
    if not claimer:
        return ""
    partners = visible(community.partners.partners, audience) if community.partners else []
    partner = next((p for p in partners if p.id == claimer), None)
    if partner is not None:
        return partner.name
    members = visible(community.members.members, audience) if community.members else []
    member = next((m for m in members if m.id == claimer), None)
    return f"党员 {name(member.name)}" if member is not None else "党员"


def provider_label(community, offered_by: str, units: dict[str, str], audience: str) -> str:
    """Who offers a resource: a partner's name, or a unit's or post's name as the site shows it."""
    partners = visible(community.partners.partners, audience) if community.partners else []
    partner = next((p for p in partners if p.id == offered_by), None)
    if partner is not None:
        return partner.name
    org = community.organization
    posts = {p.id: p.name for p in visible(org.posts, audience)} if org else {}
    return units.get(offered_by) or posts.get(offered_by, "")
