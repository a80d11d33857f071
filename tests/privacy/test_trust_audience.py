"""党内 / 党外, issue 10: what members-only records must not leak through the public site.

Two classes of hostile case:

* subtraction: a members-only ledger entry must not be readable as a published figure or as
  the difference of two published figures (a closing and next year's opening, two balances,
  quarter totals, the board, kiosk, portal summary, finances.json/CSV);
* unmasking: a role in a members-only unit or a members-only 公示 must not put a member's
  full name on the public site, and a members-only unit's id, name and member count must not
  appear there (its members are counted under the nearest unit the public site shows).
"""
from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.load.dataset import load_community
from generator.privacy.audience import fund_audience, namer
from generator.records.finances import FinanceFile
from generator.render.pages.context import PageContext
from generator.views.ledger import year_ledgers
from generator.views.organization import roster, unit_tree
from tests.conftest import TINY, TODAY
from tests.pipeline.test_build import all_text, build

C = TINY / "communities" / "xiaoyuan"

# --- the property: published figures depend on published lines only ------------------------------

AUDIENCES = st.sampled_from([None, "public", "members"])
CENTS = st.integers(min_value=-10**7, max_value=10**7)
FUND_NAMES = ["服务群众经费", "党费", "共建经费"]


def _money(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def _entry(year: int, day: int, cents: int, fund: str, category: str, audience) -> dict:
    return {"date": (date(year, 1, 1) + timedelta(day)).isoformat(), "fund": fund, "amount": str(_money(cents)),
            "category": category, "summary": "摘要", "voucher": "记-1", "handler": "陈志远", "approver": "周玉兰",
            **({"audience": audience} if audience else {})}


@st.composite
def books(draw):
    """2–4 consecutive year files of 1–3 funds whose openings carry over (the books reconcile,
    as the ledger-carryover rule requires before anything is built)."""
    first = 2023
    n_funds = draw(st.integers(1, 3))
    ids = [f"f{i}" for i in range(n_funds)]
    opening = {i: draw(CENTS) for i in ids}
    plans = []
    for year in range(first, first + draw(st.integers(2, 4))):
        funds = [{"id": i, "name": FUND_NAMES[n], **({"audience": a} if (a := draw(AUDIENCES)) else {})}
                 for n, i in enumerate(ids)]
        entries = draw(st.lists(st.tuples(st.integers(0, 364), CENTS, st.sampled_from(ids),
                                          st.sampled_from(["上级拨付", "活动经费", "慰问支出"]), AUDIENCES),
                                max_size=12))
        plans.append((year, funds, entries))
    return opening, plans


def _years(opening_cents: dict, plans, amounts=None) -> dict[int, FinanceFile]:
    """The year files; ``amounts`` replaces the amount of some entries: (year, position) -> cents."""
    years, balance = {}, {i: _money(c) for i, c in opening_cents.items()}
    for year, funds, entries in plans:
        rows = []
        for position, (day, cents, fund, category, audience) in enumerate(entries):
            cents = (amounts or {}).get((year, position), cents)
            rows.append(_entry(year, day, cents, fund, category, audience))
        years[year] = FinanceFile.model_validate({
            "funds": funds, "opening": {i: str(b) for i, b in balance.items()}, "entries": rows})
        for row in rows:
            balance[row["fund"]] += Decimal(row["amount"])
    return years


def published_figures(years: dict) -> dict[tuple, Decimal]:
    """Every amount the public site prints about these books, by where it is printed."""
    figures = {}
    for year in years:
        ledgers = year_ledgers(years, year, "public")
        for fl in ledgers:
            key = (year, fl.fund.id)
            for name in ("opening", "income", "spending", "closing"):
                figures[key + (name,)] = getattr(fl, name)
            for line in fl.lines:
                figures[key + ("line", line.index)] = line.entry.amount
                figures[key + ("balance", line.index)] = line.balance
            for group, totals in (("quarter", fl.by_quarter), ("category", fl.by_category)):
                for name, (income, spending) in totals.items():
                    figures[key + (group, name, "in")] = income
                    figures[key + (group, name, "out")] = spending
        for name in ("income", "spending", "closing"):  # the portal's street summary adds funds up
            figures[(year, "portal", name)] = sum((getattr(fl, name) for fl in ledgers), Decimal(0))
    return figures


def _hidden(years: dict) -> list[tuple[int, int, Decimal]]:
    found = []
    for year, ledger_file in years.items():
        funds = {f.id: f for f in ledger_file.funds}
        for position, e in enumerate(ledger_file.entries):
            if (e.audience or fund_audience(funds[e.fund].name, funds[e.fund].audience)) == "members":
                found.append((year, position, e.amount))
    return found


@settings(max_examples=200, deadline=None)
@given(books(), st.integers(1, 10**6))
def test_no_published_figure_or_difference_reveals_a_members_only_amount(book, shift):
    opening, plans = book
    years = _years(opening, plans)
    hidden = _hidden(years)
    figures = published_figures(years)
    # The same books with every members-only amount changed (the openings carry the change over):
    # what the public sees must not move, so nothing it sees can be solved for a hidden amount.
    moved = {(y, p): int(a * 100) + shift for y, p, a in hidden}
    other = published_figures(_years(opening, plans, moved))
    assert figures == other
    values = list(figures.items())
    for _, _, amount in hidden:
        for k1, v1 in values:
            for k2, v2 in values:
                if v1 - v2 == amount:  # allowed only where the public lines alone give it
                    assert other[k1] - other[k2] == amount, (k1, k2, amount)


@settings(max_examples=200, deadline=None)
@given(books())
def test_every_published_figure_is_the_first_opening_plus_published_lines(book):
    opening, plans = book
    years = _years(opening, plans)
    published_before: dict[str, Decimal] = {}
    for year in sorted(years):
        for fl in year_ledgers(years, year, "public"):
            expected_opening = _money(opening[fl.fund.id]) + published_before.get(fl.fund.id, Decimal(0))
            assert fl.opening == expected_opening
            amounts = [line.entry.amount for line in fl.lines]
            assert fl.closing == fl.opening + sum(amounts, Decimal(0))
            assert fl.income == sum((a for a in amounts if a > 0), Decimal(0))
            assert fl.spending == -sum((a for a in amounts if a < 0), Decimal(0))
        shown = {fl.fund.id: sum((line.entry.amount for line in fl.lines), Decimal(0))
                 for fl in year_ledgers(years, year, "public")}
        for fund_id, total in shown.items():
            published_before[fund_id] = published_before.get(fund_id, Decimal(0)) + total


def test_members_see_the_book_opening():
    years = _years({"f0": 100000}, [(2025, [{"id": "f0", "name": "服务群众经费"}], [(10, -4321, "f0", "慰问支出", "members")]),
                                    (2026, [{"id": "f0", "name": "服务群众经费"}], [])])
    [members] = year_ledgers(years, 2026, "members")
    [public] = year_ledgers(years, 2026, "public")
    assert (members.opening, public.opening, public.hidden_earlier) == (Decimal("956.79"), Decimal("1000.00"), 1)


# --- the built site: planted members-only records reach no public file ------------------------------

HIDDEN_AMOUNT = "4321.09"  # a members-only spending of 2025; no public figure may show it or differ by it
MARK = {"unit": "QZYunit", "committee": "QZY委员", "notice_person": "QZY对象", "poster": "QZY岗人"}

FINANCE_2025 = """funds:
  - id: service
    name: 党组织服务群众经费
  - id: dues
    name: 党费
opening:
  service: "9321.09"
  dues: "1200.00"
entries:
  - date: 2025-05-01
    fund: service
    amount: "-4321.09"
    category: 慰问支出
    summary: 党内慰问
    voucher: 记-2025-001
    handler: 陈志远
    approver: 周玉兰
    audience: members
"""


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def planted(data: Path) -> None:
    root = data / "communities" / "xiaoyuan"
    (root / "finances" / "2025.yml").write_text(FINANCE_2025, encoding="utf-8")
    org = (root / "organization.yml").read_text(encoding="utf-8")
    org = _replace(org, "units:\n", f"""units:
  - id: zb-neibu
    name: {MARK['unit']}小组
    kind: 党小组
    parent: zb
    audience: members
    committee:
      - name: 韩{MARK['committee']}
        role: 组长
""")
    org = _replace(org, "posts:\n", """posts:
  - id: p-neibu
    name: 党内联络岗
    audience: members
""")
    (root / "organization.yml").write_text(org, encoding="utf-8")
    members = (root / "members.yml").read_text(encoding="utf-8")
    members = _replace(members, "members:\n", f"""members:
  - id: m-nb1
    name: 韩{MARK['committee']}
    unit: zb-neibu
  - id: m-nb2
    name: 秦{MARK['notice_person']}
    unit: zb-neibu
  - id: m-nb3
    name: 鲁{MARK['poster']}
    unit: zb
    posts: [p-neibu]
""")
    (root / "members.yml").write_text(members, encoding="utf-8")
    notices = (root / "notices" / "2026.yml").read_text(encoding="utf-8")
    notices = _replace(notices, "notices:\n", f"""notices:
  - id: n2026-nb
    kind: 其他
    title: 党内公示
    start: 2026-11-16
    end: 2026-11-27
    body: 党内事项
    contact: "010-62001235"
    people: [秦{MARK['notice_person']}]
    audience: members
""")
    (root / "notices" / "2026.yml").write_text(notices, encoding="utf-8")
    commitments = (root / "commitments" / "2026.yml").read_text(encoding="utf-8")
    commitments = _replace(commitments, "commitments:\n", """commitments:
  - id: c2026-nb1
    owner: zb-neibu
    title: 小组承诺
    category: 组织建设
    made: 2026-01-15
    due: 2026-12-31
    target: 每月学习一次
  - id: c2026-nb2
    owner: m-nb1
    title: 个人承诺
    category: 为民服务
    made: 2026-01-15
    due: 2026-12-31
    target: 走访十户
""")
    (root / "commitments" / "2026.yml").write_text(commitments, encoding="utf-8")
    activities = (root / "activities" / "2026.yml").read_text(encoding="utf-8")
    activities = _replace(activities, "activities:\n", """activities:
  - id: a2026-0420
    date: 2026-04-20
    kind: 志愿服务
    unit: zb-neibu
    title: 小组志愿服务
""")
    (root / "activities" / "2026.yml").write_text(activities, encoding="utf-8")
    partners = (root / "partners.yml").read_text(encoding="utf-8")
    (root / "partners.yml").write_text(_replace(partners, "paired_unit: zb", "paired_unit: zb-neibu"), encoding="utf-8")


@pytest.fixture(scope="module")
def planted_data(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("trust-audience") / "data"
    shutil.copytree(TINY, data)
    planted(data)
    return data


@pytest.fixture(scope="module")
def site(planted_data) -> Path:
    out = planted_data.parent / "pub" / "site"
    out.parent.mkdir()
    result = build(planted_data, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "xiaoyuan"


@pytest.fixture(scope="module")
def public_text(site) -> str:
    return all_text(site) + "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.md"))


def test_the_hidden_amount_is_on_no_public_page(public_text):
    assert HIDDEN_AMOUNT not in public_text and "4,321.09" not in public_text


def test_a_year_opens_on_last_years_public_closing(site):
    doc = json.loads((site / "data" / "finances.json").read_text(encoding="utf-8"))
    service = {y["year"]: next(f for f in y["funds"] if f["id"] == "service") for y in doc["years"]}
    assert service[2025]["closing"] == service[2026]["opening"] == "9321.09"
    assert (service[2025]["members_only_entries"], service[2026]["members_only_entries_earlier"]) == (1, 1)
    rows = list(csv.reader(io.StringIO((site / "data" / "finances-2026.csv").read_text(encoding="utf-8-sig"))))
    assert rows[1][2:7] == ["年初余额", "", "", "", "9321.09"]


def test_every_published_figure_differs_from_every_other_by_no_hidden_amount(site):
    doc = json.loads((site / "data" / "finances.json").read_text(encoding="utf-8"))
    summary = json.loads((site / "summary.json").read_text(encoding="utf-8"))
    values = {Decimal(summary[k].replace("¥", "").replace(",", "")) for k in ("money_in", "money_out", "balance")}
    for year in doc["years"]:
        for fund in year["funds"]:
            values |= {Decimal(fund[k]) for k in ("opening", "income", "spending", "closing")}
            values |= {Decimal(e[k]) for e in fund["entries"] for k in ("amount", "balance")}
            values |= {Decimal(q[k]) for q in fund["by_quarter"] + fund["by_category"] for k in ("income", "spending")}
    hidden = Decimal(HIDDEN_AMOUNT)
    assert not [(a, b) for a in values for b in values if abs(a - b) == hidden]


def test_the_page_says_how_many_entries_are_members_only(site):
    page = (site / "finances" / "2025" / "index.html").read_text(encoding="utf-8")
    assert "另有 1 笔仅在党内公开，不计入本页的合计和余额" in page
    page = (site / "finances" / "2026" / "index.html").read_text(encoding="utf-8")
    assert "不含往年仅在党内公开的 1 笔" in page
    index = (site / "finances" / "index.html").read_text(encoding="utf-8")
    assert "只按公开的收支计算，本年另有 1 笔仅在党内公开" in index and "只按公开的收支计算。" in index


@pytest.mark.parametrize("mark", sorted(MARK))
def test_no_members_only_unit_role_or_notice_person_is_named_in_public(public_text, mark):
    assert MARK[mark] not in public_text.replace("*", "")  # not even masked: 韩*QZY… would still show it
    # the names exist on the public roster, masked: the build planted them for real
    assert "韩*" in public_text and "秦*" in public_text and "鲁*" in public_text


def test_no_members_only_unit_id_appears_in_public(public_text):
    # planted: the unit, a post, a public commitment of the unit and of its member, a public
    # activity of the unit, a partner paired with it
    assert "zb-neibu" not in public_text and "p-neibu" not in public_text


def test_a_public_record_of_a_members_only_unit_is_shown_under_its_parent(site):
    page = (site / "activities" / "2026" / "index.html").read_text(encoding="utf-8")
    record = page[page.index('id="a2026-0420"'):]
    assert "小园社区党支部" in record[:record.index("</div>")]


def test_a_members_only_unit_without_a_public_parent_is_left_out(write_community):
    data = write_community({"organization.yml": """units:
  - id: top
    name: 内部总支
    kind: 党总支
    audience: members
  - id: zb
    name: 小园社区党支部
    kind: 党支部
    parent: top
""", "members.yml": """members:
  - {id: m1, name: 周玉兰, unit: zb}
  - {id: m2, name: 陈志远, unit: top}
"""})
    community, _ = load_community(data / "communities" / "xiaoyuan")
    assert [m.id for m in roster(community, "public")] == ["m1"]
    assert [(n.unit.id, n.depth, n.members) for n in unit_tree(community, "public")] == [("zb", 0, 1)]
    assert [(n.unit.id, n.members) for n in unit_tree(community, "members")] == [("top", 2), ("zb", 1)]


def test_members_of_a_members_only_unit_are_counted_under_its_parent(site, planted_data):
    page = (site / "organization" / "index.html").read_text(encoding="utf-8")
    tiny, _ = load_community(C)
    before = len(roster(tiny, "public"))
    assert f"共有党员 {before + 3} 名" in page
    planted_community, _ = load_community(planted_data / "communities" / "xiaoyuan")
    assert [(n.unit.id, n.members) for n in unit_tree(planted_community, "public")] == [("zb", before + 3)]
    assert f"党员 {before + 3} 名" in page
    doc = json.loads((site / "data" / "organization.json").read_text(encoding="utf-8"))
    orgs = {m["organization_id"] for m in doc["memberships"]}
    assert orgs <= {o["id"] for o in doc["organizations"]} | {None}
    assert {o["id"] for o in doc["organizations"]} == {"zb"}


def test_public_roles_still_unmask(planted_data):
    community, problems = load_community(planted_data / "communities" / "xiaoyuan")
    name = namer(community, "public")
    assert name("周玉兰") == "周玉兰"  # committee of a public unit
    assert name("韩" + MARK["committee"]) != "韩" + MARK["committee"]
    ctx = PageContext(community, TODAY, "public")
    assert "zb-neibu" not in ctx.units
