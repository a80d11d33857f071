"""Ledgers per fund: running balance, totals, quarter and category summaries, projects.

Every total here is summed from the lines the given audience sees, so a figure a resident reads
always equals the sum of the lines beneath it. The public audience sees neither members-only
funds (党费 by default) nor members-only entries; "members" sees everything.

Across years the public figures must chain too: the book opening of a year includes last year's
members-only entries, so publishing it next to last year's public closing would let anyone
subtract one from the other and read the hidden sum. A year's opening as an audience sees it is
therefore the book opening less every entry of that fund it did not see in the earlier years on
record (``year_ledgers``); with reconciled books that is exactly last year's public closing, and
every published figure is the first opening on record plus published lines.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from generator.privacy.audience import sees_all, shows_entry, shows_fund
from generator.records.finances import Entry, FinanceFile, Fund, Project

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class LedgerLine:
    entry: Entry
    balance: Decimal  # the fund's balance after this line, from the opening balance
    index: int  # 1-based position in the year file's entries: the stable anchor f{year}-{index}


@dataclass(frozen=True)
class FundLedger:
    fund: Fund
    opening: Decimal
    lines: tuple[LedgerLine, ...]
    income: Decimal
    spending: Decimal  # a positive number
    closing: Decimal  # opening + income - spending
    by_quarter: dict[int, tuple[Decimal, Decimal]]  # quarter (1–4, only those with lines) -> (income, spending)
    by_category: dict[str, tuple[Decimal, Decimal]]  # category, in order of first line -> (income, spending)
    year: int | None = None
    hidden: int = 0  # entries of this fund the audience does not see (left out of every figure)
    hidden_earlier: int = 0  # such entries in earlier years, taken out of the opening balance


@dataclass(frozen=True)
class ProjectState:
    project: Project
    spent: Decimal  # spending booked to the project, less any refunds
    remaining: Decimal  # budget - spent
    lines: tuple[LedgerLine, ...] = ()


def split(amounts: Iterable[Decimal]) -> tuple[Decimal, Decimal]:
    """(income, spending) of some amounts; spending as a positive number."""
    amounts = list(amounts)
    income = sum((a for a in amounts if a > 0), ZERO)
    spending = -sum((a for a in amounts if a < 0), ZERO)
    return income, spending


def _numbered_entries(finance_file: FinanceFile, fund_id: str) -> list[tuple[int, Entry]]:
    numbered = [(i, e) for i, e in enumerate(finance_file.entries, start=1) if e.fund == fund_id]
    return sorted(numbered, key=lambda pair: (pair[1].date, pair[0]))  # date order, file order on a tie


def _lines(opening: Decimal, numbered: Iterable[tuple[int, Entry]]) -> tuple[LedgerLine, ...]:
    balance, lines = opening, []
    for index, entry in numbered:
        balance += entry.amount
        lines.append(LedgerLine(entry, balance, index))
    return tuple(lines)


def _grouped(lines: Iterable[LedgerLine], key: Callable[[Entry], Hashable]) -> dict:
    groups: dict = {}
    for line in lines:
        groups.setdefault(key(line.entry), []).append(line.entry.amount)
    return {k: split(amounts) for k, amounts in groups.items()}


def hidden_entries(finance_file: FinanceFile, fund_id: str, audience: str) -> list[Entry]:
    """The entries of a fund in one year file that the audience did not see (all of them when
    the fund itself was not shown that year)."""
    fund = next((f for f in finance_file.funds if f.id == fund_id), None)
    if fund is None or sees_all(audience):
        return []
    return [e for e in finance_file.entries if e.fund == fund_id
            and not (shows_fund(fund, audience) and shows_entry(e, fund, audience))]


def fund_ledger(finance_file: FinanceFile, fund: Fund, audience: str = "public", year: int | None = None,
                earlier: Sequence[FinanceFile] = ()) -> FundLedger:
    """One fund's ledger; ``earlier`` are the year files before this one (see the module note)."""
    carried = [e for before in earlier for e in hidden_entries(before, fund.id, audience)]
    opening = finance_file.opening.get(fund.id, ZERO) - sum((e.amount for e in carried), ZERO)
    numbered = _numbered_entries(finance_file, fund.id)
    shown = [(i, e) for i, e in numbered if shows_entry(e, fund, audience)]
    lines = _lines(opening, shown)
    income, spending = split(line.entry.amount for line in lines)
    quarters = _grouped(lines, lambda e: (e.date.month - 1) // 3 + 1)
    if year is None and lines:
        year = lines[0].entry.date.year
    return FundLedger(
        fund=fund, opening=opening, lines=lines, income=income, spending=spending,
        closing=opening + income - spending, by_quarter=dict(sorted(quarters.items())),
        by_category=_grouped(lines, lambda e: e.category), year=year,
        hidden=len(numbered) - len(shown), hidden_earlier=len(carried),
    )


def fund_ledgers(finance_file: FinanceFile, audience: str = "public", year: int | None = None,
                 earlier: Sequence[FinanceFile] = ()) -> list[FundLedger]:
    """One ledger per fund the audience may see, in the order the file lists the funds."""
    return [fund_ledger(finance_file, fund, audience, year, earlier)
            for fund in finance_file.funds if shows_fund(fund, audience)]


def year_ledgers(years: dict[int, FinanceFile], year: int, audience: str = "public") -> list[FundLedger]:
    """``fund_ledgers`` of one year of a community's ``years("finances")``, its openings chained
    from the earlier years on record. Every page, download and slide reads its ledgers here."""
    earlier = [years[y] for y in sorted(years) if y < year]
    return fund_ledgers(years[year], audience, year, earlier)


def project_states(finance_file: FinanceFile, audience: str = "public") -> list[ProjectState]:
    """Each project of a fund the audience sees, with what its visible lines have spent."""
    ledgers = {ledger.fund.id: ledger for ledger in fund_ledgers(finance_file, audience)}
    states = []
    for project in finance_file.projects:
        ledger = ledgers.get(project.fund)
        if ledger is None:
            continue
        lines = tuple(line for line in ledger.lines if line.entry.project == project.id)
        spent = -sum((line.entry.amount for line in lines), ZERO)
        states.append(ProjectState(project, spent, project.budget - spent, lines))
    return states


def balance_on(finance_file: FinanceFile, fund_id: str, day: date) -> Decimal:
    """The book balance of a fund at the end of ``day``, counting every entry (the cashier's view)."""
    opening = finance_file.opening.get(fund_id, ZERO)
    return opening + sum((e.amount for e in finance_file.entries if e.fund == fund_id and e.date <= day), ZERO)


def book_closing(finance_file: FinanceFile, fund_id: str) -> Decimal:
    """The year-end book balance of a fund, counting every entry."""
    opening = finance_file.opening.get(fund_id, ZERO)
    return opening + sum((e.amount for e in finance_file.entries if e.fund == fund_id), ZERO)
