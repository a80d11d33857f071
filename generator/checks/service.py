"""双报到服务: each entry names a member on the roster who reports as an employed member (在职报到)."""
from __future__ import annotations

from datetime import date

from generator.checks.references import duplicate_ids
from generator.load.dataset import Community
from generator.privacy.audience import PUBLIC, shows
from generator.problems import Problem, messages
from generator.records.service import Service

REPORTING = "在职报到"  # members.yml's category for members who report to the community where they live

messages.add({
    "service-member-not-reporting": (
        "党员“{member}”在党员名册里的类别是“{category}”：双报到服务只记在职报到的党员。"
        "请核对编号；如果他已到社区报到，请在 members.yml 里把他的 category 改为 在职报到，并写上工作单位（workplace）。",
        "member '{member}' is '{category}' on the roster: 双报到 service is recorded for 在职报到 members only; "
        "check the id, or set the member's category to 在职报到 with a workplace.",
    ),
})


def entries(community: Community) -> list[Service]:
    return [s for yearfile in community.service.values() for s in yearfile.services]


def check(community: Community, today: date | None = None) -> list[Problem]:
    services = entries(community)
    roster = community.members
    members = {m.id: m for m in roster.members} if roster else {}
    return duplicate_ids("service", services, "双报到服务") + [p for s in services for p in _member(s, members)]




def _member(service: Service, members: dict) -> list[Problem]:
    file, line, col = service.src_of("member")
    member = members.get(service.member)
    if member is None:
        return [Problem("unknown-reference", file, line, col, path="member",
                        params={"key": "member", "value": service.member, "kind": "member"})]
    if member.category != REPORTING:
        return [Problem("service-member-not-reporting", file, line, col, path="member",
                        params={"member": service.member, "category": member.category})]
    if shows(service, PUBLIC) and not shows(member, PUBLIC):  # the public tally would name a hidden member
        return [Problem("members-only-reference", file, line, col, path="member", params={
            "key": "member", "value": service.member, "kind": "service", "kind_zh": "双报到服务",
            "target": "member", "target_zh": "党员"})]
    return []
