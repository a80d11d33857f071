"""党内 / 党外: a unique marker in every members-only field kind reaches no public output file."""
from __future__ import annotations

import pytest

from tests.conftest import TINY
from tests.pipeline.test_build import all_text, build

C = TINY / "communities" / "xiaoyuan"

MARKERS = {
    "unit": "QZXunit", "committee": "QZXcommittee", "post": "QZXpost", "member": "QZXmember",
    "partner": "QZXpartner", "commitment": "QZXcommitment", "target": "QZXtarget",
    "review": "QZXreview", "activity": "QZXactivity", "summary": "QZXsummary",
    "notice": "QZXnotice", "body": "QZXbody", "dues": "QZXdues", "entry": "QZXentry",
}


def _append(text: str, after: str, block: str) -> str:
    assert after in text, after
    return text.replace(after, after + block, 1)


def planted_files() -> dict[str, str]:
    m = MARKERS
    read = lambda rel: (C / rel).read_text(encoding="utf-8")  # noqa: E731
    org = _append(read("organization.yml"), "units:\n", f"""  - id: zb-nei
    name: {m['unit']}小组
    kind: 党小组
    parent: zb
    audience: members
    committee:
      - name: {m['committee']}
        role: 组长
""")
    org = _append(org, "posts:\n", f"""  - id: p-nei
    name: {m['post']}岗
    audience: members
""")
    members = _append(read("members.yml"), "members:\n", f"""  - id: m-nei
    name: 马{m['member']}
    unit: zb
    posts: [p-xunluo]
    audience: members
""")
    partners = _append(read("partners.yml"), "partners:\n", f"""  - id: pt-nei
    name: {m['partner']}单位
    kind: 企业
    audience: members
""")
    commitments = _append(read("commitments/2026.yml"), "commitments:\n", f"""  - id: c2026-nei
    owner: zb
    title: {m['commitment']}事项
    category: 组织建设
    made: 2026-01-15
    due: 2026-12-31
    target: {m['target']}目标
    audience: members
    reviews:
      - date: 2026-06-30
        stage: 年中
        status: 进行中
        progress: 40
        note: {m['review']}说明
""")
    activities = _append(read("activities/2026.yml"), "activities:\n", f"""  - id: a2026-0311
    date: 2026-03-11
    kind: 其他
    unit: zb
    title: {m['activity']}活动
    summary: {m['summary']}内容
    audience: members
""")
    notices = _append(read("notices/2026.yml"), "notices:\n", f"""  - id: n2026-nei
    kind: 其他
    title: {m['notice']}公示
    start: 2026-11-16
    end: 2026-11-27
    body: {m['body']}正文
    contact: "010-62001235"
    audience: members
""")
    finances = _append(read("finances/2026.yml"), "entries:\n", f"""  - date: 2026-02-01
    fund: dues
    amount: "120.00"
    category: 党费收缴
    summary: {m['dues']}党费
    voucher: 记-900
    handler: 陈志远
    approver: 周玉兰
  - date: 2026-02-02
    fund: service
    amount: "-10.00"
    category: 办公用品
    summary: {m['entry']}支出
    voucher: 记-901
    handler: 陈志远
    approver: 周玉兰
    audience: members
""")
    # The declared service balance on 2026-03-31 now includes the members-only -10.00.
    finances = finances.replace('balance: "14649.50"', 'balance: "14639.50"')
    return {"organization.yml": org, "members.yml": members, "partners.yml": partners,
            "commitments/2026.yml": commitments, "activities/2026.yml": activities,
            "notices/2026.yml": notices, "finances/2026.yml": finances}


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("audience")
    data = root / "data"
    import shutil
    shutil.copytree(TINY, data)
    for rel, text in planted_files().items():
        (data / "communities" / "xiaoyuan" / rel).write_text(text, encoding="utf-8")
    public, members = root / "pub" / "site", root / "mem" / "site-members"
    public.parent.mkdir(), members.parent.mkdir()
    for out, extra in ((public, ()), (members, ("--audience", "members"))):
        result = build(data, out, *extra)
        assert result.returncode == 0, result.stdout + result.stderr
    return all_text(public), all_text(members)


@pytest.mark.parametrize("kind", sorted(MARKERS))
def test_members_only_content_never_reaches_the_public_site(sites, kind):
    public, members = sites
    assert MARKERS[kind] not in public
    assert MARKERS[kind] in members  # planted and rendered: the public absence means something
