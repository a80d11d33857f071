"""Ledgers: running balances, totals that are the sum of the visible lines, and no members-only line in public."""
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.load.dataset import load_community
from generator.privacy.audience import fund_audience
from generator.records.finances import FinanceFile
from generator.views.ledger import fund_ledgers, project_states

TINY = Path(__file__).parents[1] / "fixtures" / "tiny" / "communities" / "xiaoyuan"


@pytest.fixture(scope="module")
def finances():
    community, problems = load_community(TINY)
    assert not problems
    return community.finances[2026]


def test_public_ledger_of_the_tiny_community(finances):
    [service] = fund_ledgers(finances)  # 党费 is members-only by default
    assert service.fund.id == "service"
    assert [(line.index, line.entry.amount, line.balance) for line in service.lines] == [
        (1, Decimal("10000.00"), Decimal("15000.00")),
        (2, Decimal("-350.50"), Decimal("14649.50")),
        (4, Decimal("-800.00"), Decimal("13849.50")),  # the index is the place in the file: entry 3 is dues
    ]
    assert (service.opening, service.income, service.spending, service.closing) == (
        Decimal("5000.00"), Decimal("10000.00"), Decimal("1150.50"), Decimal("13849.50"))
    assert service.by_quarter == {1: (Decimal("10000.00"), Decimal("350.50")), 3: (Decimal("0"), Decimal("800.00"))}
    assert service.by_category["慰问支出"] == (Decimal("0"), Decimal("800.00"))
    assert service.year == 2026


def test_members_see_the_dues(finances):
    ledgers = {ledger.fund.id: ledger for ledger in fund_ledgers(finances, "members")}
    assert list(ledgers) == ["service", "dues"]
    assert ledgers["dues"].closing == Decimal("1560.00")


def test_lines_run_in_date_order_whatever_the_file_order():
    ledger = FinanceFile.model_validate({
        "funds": [{"id": "f", "name": "服务群众经费"}],
        "opening": {"f": "100.00"},
        "entries": [_entry("2026-05-01", "-30.00"), _entry("2026-02-01", "50.00")],
    })
    [fund] = fund_ledgers(ledger)
    assert [(line.index, line.balance) for line in fund.lines] == [(2, Decimal("150.00")), (1, Decimal("120.00"))]


def test_a_members_only_entry_of_a_public_fund_is_left_out_of_every_public_figure():
    ledger = FinanceFile.model_validate({
        "funds": [{"id": "f", "name": "服务群众经费"}],
        "entries": [_entry("2026-02-01", "50.00"), _entry("2026-03-01", "-20.00", audience="members")],
    })
    [public] = fund_ledgers(ledger)
    assert [line.index for line in public.lines] == [1]
    assert (public.spending, public.closing, public.hidden) == (Decimal("0"), Decimal("50.00"), 1)
    [everyone] = fund_ledgers(ledger, "members")
    assert (everyone.closing, everyone.hidden) == (Decimal("30.00"), 0)


def test_projects_show_budget_spent_and_remaining():
    ledger = FinanceFile.model_validate({
        "funds": [{"id": "f", "name": "服务群众经费"}, {"id": "d", "name": "党费"}],
        "projects": [
            {"id": "pj1", "fund": "f", "name": "楼道照明改造", "budget": "12000.00", "stage": "推进"},
            {"id": "pj2", "fund": "d", "name": "党员学习资料", "budget": "500.00", "stage": "议定"},
        ],
        "entries": [
            _entry("2026-04-01", "-4000.00", project="pj1"),
            _entry("2026-05-01", "-800.00", project="pj1"),
            _entry("2026-05-03", "120.00", project="pj1"),  # a refund
            _entry("2026-05-04", "-60.00"),
        ],
    })
    [lights] = project_states(ledger)  # the 党费 project is members-only with its fund
    assert (lights.project.id, lights.spent, lights.remaining) == ("pj1", Decimal("4680.00"), Decimal("7320.00"))
    assert [line.index for line in lights.lines] == [1, 2, 3]
    assert [p.project.id for p in project_states(ledger, "members")] == ["pj1", "pj2"]


def _entry(day: str, amount: str, **extra) -> dict:
    return {"date": day, "fund": extra.pop("fund", "f"), "amount": amount, "category": extra.pop("category", "活动经费"),
            "summary": "摘要", "voucher": "记-1", "handler": "陈志远", "approver": "周玉兰", **extra}


# --- properties: every published total is the sum of its published lines --------------------------

AUDIENCES = st.sampled_from([None, "public", "members"])
CENTS = st.integers(min_value=-10**9, max_value=10**9)
DAYS = st.integers(min_value=0, max_value=364).map(lambda n: (date(2026, 1, 1) + timedelta(n)).isoformat())


def _money(cents: int) -> str:
    return str((Decimal(cents) / 100).quantize(Decimal("0.01")))


@st.composite
def finance_files(draw):
    names = ["服务群众经费", "党费", "共建经费"]
    funds = [{"id": f"f{i}", "name": names[i], **({"audience": a} if (a := draw(AUDIENCES)) else {})}
             for i in range(draw(st.integers(1, 3)))]
    ids = [f["id"] for f in funds]
    entries = draw(st.lists(st.builds(
        lambda day, cents, fund, category, audience: _entry(
            day, _money(cents), fund=fund, category=category, **({"audience": audience} if audience else {})),
        DAYS, CENTS, st.sampled_from(ids), st.sampled_from(["上级拨付", "活动经费", "慰问支出"]), AUDIENCES,
    ), max_size=25))
    opening = {i: _money(draw(CENTS)) for i in ids if draw(st.booleans())}
    return FinanceFile.model_validate({"funds": funds, "opening": opening, "entries": entries})


def _is_members_only(entry, fund) -> bool:
    return (entry.audience or fund_audience(fund.name, fund.audience)) == "members"


@settings(max_examples=150, deadline=None)
@given(finance_files(), st.sampled_from(["public", "members"]))
def test_every_published_total_is_the_sum_of_its_published_lines(ledger_file, audience):
    for ledger in fund_ledgers(ledger_file, audience):
        amounts = [line.entry.amount for line in ledger.lines]
        assert ledger.income == sum(a for a in amounts if a > 0)
        assert ledger.spending == -sum(a for a in amounts if a < 0)
        assert ledger.closing == ledger.opening + sum(amounts)
        assert ledger.closing == (ledger.lines[-1].balance if ledger.lines else ledger.opening)
        running = ledger.opening
        for line in ledger.lines:
            running += line.entry.amount
            assert line.balance == running
        for groups in (ledger.by_quarter, ledger.by_category):
            assert sum(income for income, _ in groups.values()) == ledger.income
            assert sum(spending for _, spending in groups.values()) == ledger.spending
        for quarter, (income, spending) in ledger.by_quarter.items():
            in_quarter = [line.entry.amount for line in ledger.lines if (line.entry.date.month - 1) // 3 + 1 == quarter]
            assert (income, spending) == (sum(a for a in in_quarter if a > 0), -sum(a for a in in_quarter if a < 0))


@settings(max_examples=150, deadline=None)
@given(finance_files())
def test_public_ledgers_never_hold_a_members_only_entry(ledger_file):
    everything = fund_ledgers(ledger_file, "members")
    assert sum(len(ledger.lines) for ledger in everything) == len(ledger_file.entries)
    for ledger in fund_ledgers(ledger_file, "public"):
        assert fund_audience(ledger.fund.name, ledger.fund.audience) == "public"
        assert not any(_is_members_only(line.entry, ledger.fund) for line in ledger.lines)
        shown = len(ledger.lines) + ledger.hidden
        assert shown == sum(1 for e in ledger_file.entries if e.fund == ledger.fund.id)
