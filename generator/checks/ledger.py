"""Ledgers reconcile: declared balance checks match the running balance, and years carry over."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from generator.load.dataset import Community
from generator.problems import Problem, messages
from generator.views.format import money
from generator.views.ledger import balance_on, book_closing

messages.add({
    "ledger-check-mismatch": (
        "{date} 核对的“{fund}”账面余额写的是 {declared}，按年初余额和收支明细算到这一天是 {computed}，"
        "核对余额{direction_zh} {difference}：请核对这一天及以前的每笔明细，或改正核对余额。",
        "the {fund} balance checked on {date} is {declared}, but the opening balance and entries give "
        "{computed} (a difference of {difference}): check the entries up to that day, or the balance.",
    ),
    "ledger-carryover": (
        "“{fund}”{year} 年的年初余额是 {opening}，但 {previous} 年的年末结余是 {closing}，相差 {difference}："
        "上一年的年末结余应等于这一年的年初余额，请核对两年的账。",
        "the {fund} opening balance of {year} is {opening}, but {previous} closed at {closing} "
        "(a difference of {difference}): a year must open with the previous year's closing balance.",
    ),
})


def check(community: Community, today: date | None = None) -> list[Problem]:
    years = community.finances
    found = [p for ledger in years.values() for p in _balance_checks(ledger)]
    for year in sorted(years):
        if year + 1 in years:
            found += _carryover(community, year, years[year], years[year + 1])
    return found


def _names(ledger) -> dict[str, str]:
    return {fund.id: fund.name for fund in ledger.funds}


def _balance_checks(ledger) -> list[Problem]:
    found, names = [], _names(ledger)
    for declared in ledger.checks:
        if declared.fund not in names:
            continue  # an unknown fund is reported by the references rule
        computed = balance_on(ledger, declared.fund, declared.date)
        difference = declared.balance - computed
        if difference:
            file, line, col = declared.src
            found.append(Problem("ledger-check-mismatch", file, line, col, path="balance", params={
                "date": str(declared.date), "fund": names.get(declared.fund, declared.fund),
                "declared": money(declared.balance), "computed": money(computed),
                "difference": money(abs(difference)), "direction_zh": "多" if difference > 0 else "少",
            }))
    return found


def _carryover(community: Community, year: int, before, after) -> list[Problem]:
    names = {**_names(after), **_names(before)}
    after_funds = {fund.id for fund in after.funds}
    found = []
    for fund in before.funds:
        closing = book_closing(before, fund.id)
        opening = after.opening.get(fund.id, Decimal("0.00"))
        if closing == opening or (fund.id not in after_funds and not closing):
            continue
        file = after.src[0]
        loaded = community.sources.get(file)
        line, col = loaded.mark(("opening", fund.id), prefer_key=True) if loaded else (0, 0)
        found.append(Problem("ledger-carryover", file, line, col, path=f"opening.{fund.id}", params={
            "fund": names[fund.id], "year": year + 1, "previous": year, "opening": money(opening),
            "closing": money(closing), "difference": money(abs(closing - opening)),
        }))
    return found
